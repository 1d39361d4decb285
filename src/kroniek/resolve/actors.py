"""Canonical actors: mentions in an article resolved against the actor dictionary.

``resolve(doc)`` finds dictionary names directly in the text (the NER may not have run), resolves
descriptions ("de Russische president", "Kremlin-woordvoerder") to whoever held the office on the
publication date, links surnames and "de president" back to earlier full mentions, adds the
tagger's names that are not in the dictionary under generated ids, and returns one ``Entity`` per
actor with every mention. Generic groups ("Russische troepen") come back with ``generic=True``.

Without a publication date, offices and roles are resolved as of today: undated input is mostly
fresh news, and a stable rule beats guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from kroniek.models import Doc, Entity, Mention, NamedSpan
from kroniek.resolve import names
from kroniek.resolve.actor_coalitions import party_role
from kroniek.resolve.actor_data import ID_PREFIX, IGO_CODES, ActorEntry, Role
from kroniek.resolve.actor_index import (
    LEADER,
    Index,
    alias_pieces,
    fold,
    generated_id,
    get_index,
    split_pieces,
)
from kroniek.resolve.actor_institutions import InstitutionKind
from kroniek.resolve.actor_match import COUNTRY, MINISTRY, VAN, Match, match_sentence

GROUP_PREFIX = "kroniek:group:"
# Outlets of these top-level domains write "de premier" for their own country's premier.
HOME_DOMAINS = {"be": "BEL", "nl": "NLD"}
HOME_KINDS = frozenset({"head-of-government", "monarch"})
NO_COUNTRY = "---"
BUSINESS = "BUS"
ACTOR_TYPES = frozenset({"PER", "ORG"})
PLACE_TYPES = frozenset({"GPE", "LOC"})
DEFINITE_ARTICLES = frozenset({"de", "het"})
# Roles of the state and its politics: a person in one of them speaks for a country; any other
# person, like a company, is weak evidence of whose "de politie" or "de regering" a text means.
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB"})
NEAR_SENTENCES = 1  # another country's institution is "de politie" in this and the next sentence
RECENT_YEARS = 10  # a bare surname is trusted for someone in a role this recently
# Roles that characterise a person best when several are active at once.
ROLE_PRIORITY = ("GOV", None, "MIL", "JUD", "COP", "LEG", "OPP", "REB", "PTY", "IGO", "NGO")
_APPOSITION_GAP = re.compile(r"^[\s,]*$")
# The article or possessive before a description belongs to it: "de Russische president".
_DETERMINER_BEFORE = re.compile(r"(?:^|(?<=\W))(?:[Dd]e|[Hh]et|[Zz]ijn|[Hh]aar)[ \t]+$")
DETERMINER_LOOKBACK = 6
DESCRIPTIVE_KINDS = frozenset(
    {"office", "office-kind", "kind", "counterpart", "group", "ministry", "institution"}
)


def publication_day(published: str | None) -> str:
    """The day an article speaks from: middle of its month/year, or today when undated."""
    if not published:
        return dt.date.today().isoformat()
    text = published[:10]
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-07-01"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return f"{text}-15"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    return dt.date.today().isoformat()


def role_at(entry: ActorEntry, day: str) -> Role | None:
    """The role that describes an actor on ``day`` (None when it held none then)."""
    active = [r for r in entry.roles if r.period.contains(day)]
    if not active:
        return None

    def rank(role: Role) -> tuple[int, str]:
        known = role.role in ROLE_PRIORITY
        position = ROLE_PRIORITY.index(role.role) if known else len(ROLE_PRIORITY)
        return position, role.period.start or ""

    return min(active, key=rank)


def _active_between(entry: ActorEntry, first: str, last: str) -> bool:
    return any(
        (r.period.start or "") <= last and (r.period.end is None or r.period.end >= first)
        for r in entry.roles
    )


class _Resolver:
    """The state of resolving one document: matches, chosen actors, generated entities."""

    def __init__(self, doc: Doc, index: Index) -> None:
        self.doc = doc
        self.index = index
        self.day = publication_day(doc.article.published)
        self.matches: list[Match] = []
        self.entities: dict[str, Entity] = {}
        self.institution_kinds: dict[str, set[str]] = {}  # entity id -> kinds it was named as
        self._kinds_cache: dict[tuple[str, int], set[str]] = {}
        self.branches: dict[str, list[str]] = {}  # national branch id -> its parent's words

    # --- finding ----------------------------------------------------------------------------
    def find(self) -> None:
        text = self.doc.text
        for number, sentence in enumerate(self.doc.sentences):
            pieces = split_pieces(sentence.tokens, text)
            self.matches.extend(match_sentence(self.index, pieces, number))

    # --- choosing ---------------------------------------------------------------------------
    def _entry(self, entry_id: str) -> ActorEntry:
        return self.index.dictionary.entries[entry_id]

    def _in_doc(self) -> set[str]:
        return {m.resolved for m in self.matches if m.resolved}

    def _choose(self, candidates: list[str], written: str | None = None) -> str | None:
        if len(candidates) == 1:
            return candidates[0]
        present = [c for c in candidates if c in self._in_doc()]  # rare: shared aliases only
        if len(present) == 1:
            return present[0]
        active = [c for c in candidates if role_at(self._entry(c), self.day)]
        if len(active) == 1:
            return active[0]
        if written is not None and len(self._unmarked(active or candidates, written)) == 1:
            return self._by_home(active or candidates, written)  # a default owner: no guessing
        local = [c for c in active or candidates if self._entry(c).country in self._context()]
        if len(local) == 1:
            return local[0]
        return self._by_home(local or active or candidates, written)

    def _by_home(self, candidates: list[str], written: str | None) -> str | None:
        """Entries of several countries sharing an alias ("het openbaar ministerie"): the
        outlet's country's, else the one entry not marking the alias ambiguous (the actors and
        places named so far are no safe guide: a Dutch report on a Belgian lead names them).
        Without a known outlet, the country whose places and institutions the text names most
        stands in for it."""
        home = self._home_country()
        if home is None:
            home = self._text_country({self._entry(c).country for c in candidates})
        own = [c for c in candidates if home is not None and self._entry(c).country == home]
        if len(own) == 1:
            return own[0]
        if written is None:
            return None
        plain = self._unmarked(candidates, written)
        return plain[0] if len(plain) == 1 else None

    def _unmarked(self, candidates: list[str], written: str) -> list[str]:
        """The candidates that do not mark the alias ``written`` ambiguous."""
        folded = alias_pieces(written)[0]
        return [
            c for c in candidates
            if folded not in {alias_pieces(a)[0] for a in self._entry(c).ambiguous}
        ]  # fmt: skip

    def _text_country(self, options: set[str | None]) -> str | None:
        """Of ``options``, the country the text names most often by its places, institutions
        and people in state roles (each person once); None on a tie or when it names none.

        Only names of one country count: an alias shared by several countries' entries (the
        very "het OM" to decide) is no evidence."""
        counts: Counter[str] = Counter()
        people: set[str] = set()
        for match in self.matches:
            country = self._match_country(match)
            if country not in options or country is None:
                continue
            if match.kind == "entity" and self._entry(match.targets[0].ref).type == "PER":
                if match.targets[0].ref in people:
                    continue
                people.add(match.targets[0].ref)
            counts[country] += 1
        for span in self.doc.names:
            place = self.index.place_names.get(tuple(split_words(span.text)))
            if span.label == "LOC" and place in options and place is not None:
                counts[place] += 1
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]

    def _match_country(self, match: Match) -> str | None:
        """The one country a match names: a place, an institution or a person in a state role
        of the dictionary, a nationality adjective ("de Belgische douane") or a city ("de
        politie van Antwerpen"); None for anything else."""
        if match.kind == "institution":
            if match.city is not None:
                return self.index.place_names.get(tuple(split_words(match.city)))
            return match.country
        if match.kind != "entity":
            return None
        countries = set()
        for target in match.targets:
            entry = self._entry(target.ref)
            role = role_at(entry, self.day)
            body = entry.type == "ORG" and (role is None or role.role != BUSINESS)
            official = entry.type == "PER" and role is not None and role.role in STATE_ROLES
            if entry.type not in PLACE_TYPES and not body and not official:
                return None
            countries.add(role.country if role else entry.country)
        return countries.pop() if len(countries) == 1 else None

    def _context(self) -> set[str | None]:
        """Countries the article is about: its actors so far and its outlet's country."""
        return self._doc_countries() | {self._home_country()}

    def _holder(self, office_ids: list[str]) -> str | None:
        offices = [self.index.dictionary.offices[o] for o in office_ids]
        if len(offices) > 1:
            countries = self._context()
            offices = [o for o in offices if o.country in countries]
        if len(offices) != 1:
            return None
        return offices[0].holder_at(self.day)

    def _doc_countries(self) -> set[str | None]:
        countries = set()
        for entry_id in self._in_doc():
            entry = self._entry(entry_id)
            role = role_at(entry, self.day)
            countries.add(role.country if role else entry.country)
        return countries

    def _office_of_kind(self, kind: str | None, country: str | None) -> str | None:
        """The one person holding an office of ``kind`` in ``country`` (None if not one)."""
        if kind == LEADER:
            kind = self.index.leader_kind(country)
        offices = self.index.offices_by_kind.get((kind or "", country), [])
        holders = {h for o in offices if (h := o.holder_at(self.day))}
        return holders.pop() if len(holders) == 1 else None

    def resolve_named(self) -> None:
        """Entities, offices and descriptions with a country; then surnames."""
        for match in self.matches:
            if match.kind == "entity":
                written = self.doc.text[match.start : match.end]
                match.resolved = self._choose([t.ref for t in match.targets], written)
            elif not match.specific:
                continue
            elif match.kind == "office":
                match.resolved = self._holder([t.ref for t in match.targets])
            elif match.kind == "office-kind":
                match.resolved = self._office_of_kind(match.office_kind, match.country)
            elif match.kind == "ministry":
                match.resolved = self._known_ministry(match)
        full_names = self._in_doc()
        first_day = f"{int(self.day[:4]) - RECENT_YEARS:04d}{self.day[4:]}"
        for match in self.matches:
            if match.kind != "surname":
                continue
            candidates = [t.ref for t in match.targets]
            present = [c for c in candidates if c in full_names]
            recent = [c for c in candidates if _active_between(self._entry(c), first_day, self.day)]
            chosen = present if match.initial else present or recent
            match.resolved = chosen[0] if len(chosen) == 1 else None

    def resolve_references(self) -> None:
        """Appositions, "de president" and "zijn Syrische ambtgenoot"."""
        self._appositions()
        last_person: str | None = None
        for match in self.matches:
            if match.kind == "kind":
                match.resolved = self._coreferent(match) or self._home_office(match.office_kind)
            elif match.kind == "counterpart" and last_person:
                office = self._office_held(last_person)
                if office is not None:
                    match.resolved = self._office_of_kind(office, match.country)
            if match.resolved and self._entry(match.resolved).type == "PER":
                last_person = match.resolved

    def _known_ministry(self, match: Match) -> str | None:
        """The dictionary's ministry of that portfolio and country, when it has one."""
        if match.country is None:
            return None
        words = (MINISTRY, VAN, *alias_pieces(match.office_kind or "")[0])
        for pattern in self.index.patterns.get(MINISTRY, ()):
            if pattern.pieces != words:
                continue
            for target in pattern.targets:
                if target.kind == "entity" and self._entry(target.ref).country == match.country:
                    return target.ref
        return None

    def _ministry(self, match: Match) -> Entity:
        """A ministry the dictionary does not list: "Ministry of Defence (China)"."""
        english, role = names.cues().portfolios.get(match.office_kind or "", ("", "GOV"))
        country = match.country
        label = self._country_name(country)
        name = f"Ministry of {english}" + (f" ({label})" if label else "")
        entity_id = generated_id(name)
        if entity_id not in self.entities:
            self.entities[entity_id] = Entity(entity_id, name, "ORG", country, role)
        return self.entities[entity_id]

    def _country_name(self, code: str | None) -> str | None:
        entry_id = self._country_entries().get(code or "")
        return self._entry(entry_id.removeprefix(ID_PREFIX)).name if entry_id else code

    def _office_held(self, entry_id: str) -> str | None:
        role = role_at(self._entry(entry_id), self.day)
        if role is None or role.office is None:
            return None
        return self.index.dictionary.offices[role.office].kind

    def _holds_kind(self, entry_id: str, kind: str | None) -> bool:
        held = self._office_held(entry_id)
        if kind == LEADER and held is not None:
            country = role_at(self._entry(entry_id), self.day)
            return held == self.index.leader_kind(country.country if country else None)
        return held is not None and held == kind

    def _coreferent(self, match: Match) -> str | None:
        """The latest person before ``match`` holding an office of the named kind."""
        for earlier in reversed([m for m in self.matches if m.end <= match.start]):
            if earlier.resolved and self._holds_kind(earlier.resolved, match.office_kind):
                return earlier.resolved
        return None

    def _home_office(self, kind: str | None) -> str | None:
        """ "de premier" in a Belgian or Dutch outlet, with no premier named before: their own."""
        home = self._home_country()
        if kind not in HOME_KINDS or home is None:
            return None
        named = self._doc_countries() - {None, *IGO_CODES}
        if named and home not in named:
            return None  # a Dutch paper on Belgian politics: "de premier" is not Rutte
        return self._office_of_kind(kind, home)

    def _home_country(self) -> str | None:
        outlet = (self.doc.article.outlet or self.doc.article.url or "").lower()
        host = re.sub(r"^[a-z]+://", "", outlet).split("/")[0]
        return HOME_DOMAINS.get(host.rsplit(".", 1)[-1]) if "." in host else None

    def _appositions(self) -> None:
        """A description next to a name is that person: "Kremlin-woordvoerder Dmitri Peskov"."""
        text = self.doc.text
        for left, right in zip(self.matches, self.matches[1:], strict=False):
            if not _APPOSITION_GAP.match(text[left.end : right.start]):
                continue
            descriptive = {"office", "office-kind"}
            comma = "," in text[left.end : right.start]
            if left.kind in descriptive and self._is_person(right):
                left.resolved = right.resolved
            elif right.kind in descriptive and self._is_person(left) and comma:
                right.resolved = left.resolved

    def _is_person(self, match: Match) -> bool:
        return bool(match.resolved) and self._entry(match.resolved or "").type == "PER"

    # --- building ---------------------------------------------------------------------------
    def build(self) -> list[Entity]:
        for match in self.matches:
            if match.resolved:
                self._add_mention(self._entity_of(match.resolved), match)
            elif match.kind == "institution":
                continue  # once the tagger's names are in: "het bedrijf" may be one of them
            elif match.kind == "group":
                self._add_mention(self._group(match.country, match.role), match)
            elif match.kind == "ministry":
                self._add_mention(self._ministry(match), match)
            elif match.country and match.kind in {"office-kind", "counterpart"} and match.specific:
                # "de Nigeriaanse president" with no holder on file: that government at least
                self._add_mention(self._group(match.country, "GOV"), match)
        institutions = [m for m in self.matches if m.kind == "institution" and not m.resolved]
        self._add_names([(m.start, m.end) for m in institutions])
        self._institutions(institutions)
        self._branch_roles()
        named = sorted(
            (e for e in self.entities.values() if not e.generic), key=lambda e: e.mentions[0].start
        )
        groups = sorted(
            (e for e in self.entities.values() if e.generic), key=lambda e: e.mentions[0].start
        )
        return named + groups

    def _entity_of(self, entry_id: str) -> Entity:
        entity_id = "kroniek:" + entry_id
        if entity_id not in self.entities:
            entry = self._entry(entry_id)
            role = role_at(entry, self.day)
            country = role.country if role else entry.country
            if role is None and entry.roles and entry.country is None:
                country = max(entry.roles, key=lambda r: r.period.start or "").country
            code = role.role if role else None
            politics = party_role(self.index.dictionary, entry, role, self.day)
            if politics is not None:  # in government or in opposition on the day
                country, code = politics
            self.entities[entity_id] = Entity(entity_id, entry.name, entry.type, country, code)
        return self.entities[entity_id]

    def _group(self, country: str | None, role: str | None) -> Entity:
        code = (country or NO_COUNTRY) + (role or "")
        entity_id = GROUP_PREFIX + code
        if entity_id not in self.entities:
            self.entities[entity_id] = Entity(entity_id, code, "ORG", country, role, generic=True)
        return self.entities[entity_id]

    def _add_mention(self, entity: Entity, match: Match) -> None:
        start = match.start
        if self._descriptive(match):
            before = self.doc.text[max(0, start - DETERMINER_LOOKBACK) : start]
            found = _DETERMINER_BEFORE.search(before)
            if found:
                start -= len(before) - found.start()
        text = self.doc.text[start : match.end]
        entity.mentions.append(Mention(text, start, match.end, match.sentence))

    def _descriptive(self, match: Match) -> bool:
        """A description rather than a name: it keeps its article, as annotators write it."""
        if match.kind in DESCRIPTIVE_KINDS:
            return True
        if match.kind != "entity" or not match.resolved:
            return False
        if self._entry(match.resolved).type != "ORG":
            return False
        glued = self.doc.text[match.end : match.end + 1] == "-"
        if match.resolved in self.index.with_article and not glued:
            return True  # the data names it so: "het Openbaar Ministerie" (not "de VN-missie")
        first = fold(self.doc.text[match.start : match.end].split()[0])
        lower = self.doc.text[match.start].islower()
        return lower or first in self.index.adjectives or first in self.index.city_adjectives

    def _add_names(self, reserved: list[tuple[int, int]]) -> None:
        """Tagger names that the dictionary did not cover become entities of their own (not
        over the ``reserved`` spans: descriptions still to be resolved)."""
        taken = [(m.start, m.end) for e in self.entities.values() for m in e.mentions]
        taken += reserved
        text = self.doc.text
        spans = sorted(self.doc.names, key=lambda s: s.start)
        cleaned = names.clean_all(text, spans, self.doc.sentences, names.context_of(self.index))
        people = self._surnames_named(cleaned)
        for name in cleaned:
            start, end = name.start, name.end
            if self._junk(text[start:end]):
                continue
            if any(s < end and start < e for s, e in taken):
                if self._sub_unit(name):
                    continue
                other = self._widen_person(name, start, end)
                if other is None:
                    continue
                taken = [(s, e) for s, e in taken if not (start <= s and e <= end)]
                entity = self._name_entity(NamedSpan("PER", start, end, text[start:end],
                                                     name.sentence), text[start:end])
                entity.mentions.append(Mention(text[start:end], start, end, name.sentence))
                taken.append((start, end))
                self._take_surnames(other, entity)
                continue
            if self._lone_word(name, people):
                name.label = "ORG"
            elif self._person_word(name):
                name.label = "PER"
            span = NamedSpan(name.label, start, end, text[start:end], name.sentence)
            entity = self._name_entity(span, text[start:end])
            if name.described or (entity.type in ("ORG", "MISC") and not entity.country):
                start = names.article_start(text, start)
            entity.mentions.append(Mention(text[start:end], start, end, name.sentence))
            taken.append((start, end))

    def _surnames_named(self, cleaned: list[names.Name]) -> set[str]:
        """Folded last words of the people named in full: dictionary persons and tagger names."""
        found = {
            fold(w.split()[-1])
            for e in self.entities.values() if e.type == "PER" and not e.generic
            for w in [e.name, *(m.text for m in e.mentions)]
        }  # fmt: skip
        text = self.doc.text
        for name in cleaned:
            words = text[name.start : name.end].split()
            if name.label == "PER" and len(words) > 1:
                found.add(fold(words[-1]))
        return found

    def _lone_word(self, name: names.Name, people: set[str]) -> bool:
        """A one-word "person" no full name in the article explains, and no given name either:
        news names people in full first, so "via Agoria" or "bij Samsonite" is an organisation."""
        word = self.doc.text[name.start : name.end]
        if name.label != "PER" or name.decided or name.speaker or " " in word or "." in word:
            return False
        folded = fold(word)
        return folded not in people and folded not in names.first_names()

    def _person_word(self, name: names.Name) -> bool:
        """A one-word organisation or thing by the tagger's guess alone that is the surname or
        the only given name of a person named in full before: "Frenkie" after "Frenkie de
        Jong"."""
        word = self.doc.text[name.start : name.end]
        if name.label not in ("ORG", "MISC") or name.decided or " " in word:
            return False
        person = self._named_before(word)
        if person is None:
            return False
        written = [t for t in (person.name, *(m.text for m in person.mentions))
                   if all(w[:1].isupper() or fold(w) in names.NAME_PARTICLES for w in t.split())]
        return fold(word) in {fold(w) for t in written for w in t.split()}  # not a description's

    def _sub_unit(self, name: names.Name) -> bool:
        """ "ACOD Spoor", "FNV Metaal": a tagger organisation that is a known organisation
        followed by more capitalised words is a part of it, with its country and role."""
        if name.label != "ORG":
            return False
        if self._national_branch(name):
            return True
        text = self.doc.text
        for parent in list(self.entities.values()):
            if parent.type != "ORG" or parent.generic:
                continue
            for mention in parent.mentions:
                if mention.start != name.start or mention.end >= name.end:
                    continue
                rest = text[mention.end : name.end].split()
                if not rest or not all(w[:1].isupper() for w in rest):
                    return False
                self._take_over(name, parent, mention, parent.role)
                return True
        return False

    def _take_over(self, name: names.Name, part: Entity, mention: Mention,
                   role: str | None) -> None:  # fmt: skip
        """The whole tagger name becomes an organisation of ``part``'s country with ``role``;
        ``part`` loses its ``mention`` inside it (and goes when that was its last)."""
        full = self.doc.text[name.start : name.end]
        entity_id = generated_id(full)
        whole = self.entities.setdefault(
            entity_id, Entity(entity_id, full, "ORG", part.country, role)
        )
        whole.mentions.append(Mention(full, name.start, name.end, name.sentence))
        part.mentions.remove(mention)
        if not part.mentions:
            del self.entities[part.id]

    def _national_branch(self, name: names.Name) -> bool:
        """ "LTO Nederland", "Greenpeace België": a tagger organisation ending in a country's
        name is that organisation, of that country (no role: what it is, the name does not say).
        """
        text = self.doc.text
        countries = set(self._country_entries().values())
        for country in [e for e in self.entities.values() if e.id in countries]:
            for mention in country.mentions:
                if mention.end != name.end or mention.start <= name.start:
                    continue
                if not all(w[:1].isupper() for w in text[name.start : mention.start].split()):
                    return False
                self._take_over(name, country, mention, None)
                parent = split_words(text[name.start : mention.start])
                self.branches[generated_id(text[name.start : name.end])] = parent
                return True
        return False

    def _branch_roles(self) -> None:
        """A national branch takes the role of its parent when the article names the parent
        as well: "Tata Steel Nederland" after "Tata Steel ... het bedrijf" is a company."""
        for branch_id, parent in self.branches.items():
            branch = self.entities.get(branch_id)
            if branch is None or branch.role is not None:
                continue
            for other in self.entities.values():
                if other is branch or other.generic or other.type != "ORG" or not other.role:
                    continue
                written = [split_words(t) for t in (other.name, *(m.text for m in other.mentions))]
                bare = [w[1:] if w[:1] and w[0] in DEFINITE_ARTICLES else w for w in written]
                if parent in written or parent in bare:
                    branch.role = other.role
                    break

    def _widen_person(self, span: names.Name, start: int, end: int) -> Entity | None:
        """ "Wladimir Poetin" tagged as one name where the dictionary knew only "Poetin".

        A full name with another given name is someone else of that surname ("Greet
        Verlinden" is no Annelies Verlinden): the dictionary person's mention inside it is
        dropped and that person is returned, for the name to become an entity of its own.
        """
        if span.label != "PER":
            return None
        for entity in self.entities.values():
            if entity.type != "PER":
                continue
            for mention in entity.mentions:
                inside = start <= mention.start and mention.end <= end
                if inside and (mention.start, mention.end) != (start, end):
                    before = self.doc.text[start : mention.start]
                    extra = before + self.doc.text[mention.end : end]
                    if not all(w[:1].isupper() for w in extra.split()):
                        return None
                    if self._other_given_name(entity, before):
                        entity.mentions.remove(mention)
                        return entity
                    mention.start, mention.end = start, end
                    mention.text = self.doc.text[start:end]
                    return None
        return None

    def _other_given_name(self, entity: Entity, before: str) -> bool:
        """Whether ``before`` (the words before a surname) holds a given name that is none of
        the dictionary person's own: neither of the name nor of an alias."""
        entry = self.index.dictionary.entries.get(entity.id.removeprefix(ID_PREFIX))
        if entry is None:
            return False
        own = {fold(w) for text in (entry.name, *entry.aliases) for w in text.split()}
        given = names.first_names()
        return any(
            (word := fold(w.strip(".,"))) in given and word not in own for w in before.split()
        )

    def _take_surnames(self, other: Entity, person: Entity) -> None:
        """The article's own person keeps the later bare surnames a dictionary person with
        another given name took, unless that person is also named in full in the article."""
        surname = fold(person.name.split()[-1])
        full = [m for m in other.mentions if len(m.text.split()) > 1]
        if not full:
            for mention in [m for m in other.mentions if fold(m.text) == surname]:
                other.mentions.remove(mention)
                person.mentions.append(mention)
            person.mentions.sort(key=lambda m: m.start)
        if not other.mentions:
            del self.entities[other.id]

    def _junk(self, text: str) -> bool:
        """Not a name: weekdays, months, pronouns, and nationality adjectives ("Russische")."""
        words = text.split()
        if not words or not any(c.isupper() for c in text) or len(text) < 2:
            return True
        folded = fold(text)
        if folded in self.index.adjectives or folded in self.index.city_adjectives:
            return True
        return len(words) == 1 and folded in self.index.not_names

    def _known(self, text: str) -> Entity | None:
        """A tagged name that is a dictionary alias the text matcher passed over (for example
        "Groen" at the start of a sentence, where the word could be the colour)."""
        folded, _ = alias_pieces(text)
        if not folded:
            return None
        for pattern in self.index.patterns.get(folded[0], ()):
            entities = [t.ref for t in pattern.targets if t.kind == "entity"]
            if pattern.pieces == folded and entities:
                chosen = self._choose(entities, text)
                return self._entity_of(chosen) if chosen else None
        return None

    def _name_entity(self, span: NamedSpan, text: str) -> Entity:
        known = self._known(text)
        if known is not None:
            return known
        if span.label == "PER" and (named := self._named_before(text)) is not None:
            return named
        entity_id = generated_id(text)
        if entity_id not in self.entities:
            etype = "GPE" if span.label == "LOC" else span.label
            country, role = None, None
            if span.label == "LOC":
                country = self.index.place_names.get(tuple(split_words(text)))
            elif span.label == "PER":
                country, role = self._described_before(span.start)
            self.entities[entity_id] = Entity(entity_id, text, etype, country, role)
        entity = self.entities[entity_id]
        if entity.type == "ORG" and entity.country is None and entity.role is None:
            # "de Amerikaanse fabrikant Caterpillar", here or at a later mention
            country = names.business_country(self.doc.text, span.start, self.index.adjectives)
            if country is not None:
                entity.country, entity.role = country, BUSINESS
        return entity

    def _named_before(self, text: str) -> Entity | None:
        """The person named in full before whom a shorter name stands for: the surname
        ("Koeman" after "Ronald Koeman"), with its particles ("De Roon" after "Marten de
        Roon"), or the given name of one person only ("Frenkie" after "Frenkie de Jong", where
        no other person of the article has that given name)."""
        words = [fold(w) for w in text.split()]
        if not words or any(w not in names.NAME_PARTICLES for w in words[:-1]):
            return None
        people = [e for e in self.entities.values()
                  if e.type == "PER" and not e.generic and " " in e.name]  # fmt: skip
        for person in people:
            for full in (person.name, *(m.text for m in person.mentions)):
                written = [fold(w) for w in full.split()]
                if len(written) >= len(words) and written[-len(words) :] == words:
                    return person
        if len(words) > 1:
            return None
        given = [p for p in people if fold(p.name.split()[0]) == words[0]]
        return given[0] if len(given) == 1 else None

    def _described_before(self, start: int) -> tuple[str | None, str | None]:
        """Country and role of an unresolved title right before a name: "de Nigeriaanse
        minister Adamu Bello" -> NGA GOV."""
        for match in self.matches:
            gap = self.doc.text[match.end : start]
            if match.end > start or match.resolved or not _APPOSITION_GAP.match(gap):
                continue
            if match.kind == "office":
                office = self.index.dictionary.offices[match.targets[0].ref]
                return office.country, office.role
            if match.kind in {"office-kind", "counterpart"}:
                return match.country, "GOV"
            if match.kind == "group" and match.country:
                return match.country, match.role
        return None, None

    # --- institutions -----------------------------------------------------------------------
    def _institutions(self, matches: list[Match]) -> None:
        """ "de regering", "het Israëlische leger", "het hof": the institution each one is.
        Those whose country or city the text gives come first, then the others in text order,
        so that "het hof" can refer to "het hof van assisen in Mechelen" before or after it."""
        if not matches:
            return
        main = self._main_country()
        explicit = [m for m in matches if m.country is not None or m.city is not None]
        for match in [*explicit, *(m for m in matches if m not in explicit)]:
            entity = self._institution(match, main)
            if entity is not None:
                self._add_mention(entity, match)
                entity.mentions.sort(key=lambda m: m.start)
                self.institution_kinds.setdefault(entity.id, set()).update(match.institutions)
            elif not match.anaphor:
                kind = self._kind(match)
                self._add_mention(self._group(match.country, kind.role), match)

    def _kind(self, match: Match) -> InstitutionKind:
        assert self.index.institutions is not None
        return self.index.institutions.kinds[match.institutions[0]]

    def _institution(self, match: Match, main: str | None) -> Entity | None:
        if match.institutions == (COUNTRY,):
            return self._country_referent(match)
        if match.country is not None:
            return self._institution_of(match, match.country)
        kind = self._kind(match)
        if match.possessive:  # "China stuurde schepen van zijn marine": China's navy
            owner = self._actor_country_before(match, countries=True)
            return self._institution_of(match, owner) if owner else None
        home = self._home_country()
        if kind.home and home is not None:  # "het kabinet stuurt een fregat naar Jemen": Dutch
            roles = set(kind.home)
            before = self._actor_country_before(match, roles=roles)
            seat = before or self._main_country(roles)
        else:  # a company or a businessman is no evidence of whose police a text means
            seat = self._actor_country_before(match, weak=kind.role == BUSINESS) or main
        context = seat or home  # the seat of a company the text gives, not the outlet's alone
        if match.city is not None:  # "de rechtbank in Brugge" is no earlier court of Gent
            return self._institution_of(match, context)
        earlier = self._antecedent(match, context, seat)
        if earlier is not None or match.anaphor:
            return earlier
        if kind.named or context is None:
            return None  # "de regering" of no country the article gives: a group
        return self._institution_of(match, context)

    def _actor_country_before(
        self,
        match: Match,
        countries: bool = False,
        roles: set[str] | None = None,
        weak: bool = True,
    ) -> str | None:
        """The country of the last actor named earlier in the sentence: "het Kremlin ontkende
        dat het leger ..." is the Russian army (places do not count: "het vak in Mexico
        geleerd, zei de politie" is no Mexican police; a country does, with ``countries``).
        Without ``weak``, companies and people outside the state's roles do not count either:
        "volgens Nvidia hield de politie een man aan" is no American police."""
        country_ids = set(self._country_entries().values()) if countries else set()
        best, best_start = None, -1
        for entity in self.entities.values():
            code = entity.country
            if not code or code in IGO_CODES or code == NO_COUNTRY:
                continue
            # a group named by its nationality counts ("De Oekraïense luchtverdediging schoot
            # volgens de luchtmacht ...": the Ukrainian air force)
            if entity.type not in ACTOR_TYPES and entity.id not in country_ids:
                continue
            if roles is not None and entity.role not in roles:
                continue
            if not weak and self._weak_evidence(entity):
                continue
            for mention in entity.mentions:
                if mention.sentence == match.sentence and best_start < mention.start < match.start:
                    best, best_start = code, mention.start
        return best

    def _institution_of(self, match: Match, country: str | None) -> Entity:
        """The dictionary's institution of that kind and country (or city), else a generated
        one: "Police (Belgium)", "Court of Assizes (Mechelen)"."""
        table = self.index.institutions
        assert table is not None
        kind = self._kind(match)
        key = fold(match.city) if match.city else None
        for option in match.institutions:
            if key:
                entry = table.local.get((option, key))
            else:
                entry = table.national.get((option, country or ""))
            if entry is not None:
                return self._entity_of(entry)
        label = match.city or self._country_name(country)
        name = f"{kind.name} ({label})"
        entity_id = generated_id(name)
        if entity_id not in self.entities:
            self.entities[entity_id] = Entity(entity_id, name, "ORG", country, kind.role)
        return self.entities[entity_id]

    def _antecedent(
        self, match: Match, context: str | None, seat: str | None = None
    ) -> Entity | None:
        """The institution of the same kind that the article names ("het hof" for "het hof van
        assisen", "de bond" for "FNV"): the one named most often before ``match``, the latest on
        a tie; in a headline, the one the article names most often after it, and in a
        sub-heading one the next sentence names ("Stemming in het parlement" over a paragraph
        on the European Parliament).

        Another country's institution is only referred to from close by: "de Belgische politie"
        in a Dutch report does not make every later "de politie" Belgian (armies excepted:
        "het leger" is the army last named, however far back)."""
        table = self.index.institutions
        assert table is not None
        kinds = set(match.institutions)
        roles = {r for k in kinds for r in table.kinds[k].refer_roles}
        far = any(table.kinds[k].far for k in kinds)
        before: list[tuple[int, int, Entity]] = []
        after: list[tuple[int, int, Entity]] = []
        for entity in self.entities.values():
            if entity.generic or entity.type != "ORG":
                continue
            tagger_company = BUSINESS in roles and self._tagger_organisation(entity)
            if not (entity.role in roles or kinds & self._kinds_named(entity) or tagger_company):
                continue
            home = far or context is None or entity.country in (None, context)
            earlier = [m for m in entity.mentions if m.end <= match.start]
            near = any(match.sentence - self._sentence(m) <= NEAR_SENTENCES for m in earlier)
            if earlier and (home or near):
                before.append((len(earlier), max(m.start for m in earlier), entity))
            elif not earlier and (
                (home and match.sentence == 0)
                or (
                    self._in_heading(match.start)
                    and self._sentence(entity.mentions[0]) - match.sentence <= NEAR_SENTENCES
                )
            ):  # a headline, or a sub-heading naming what the next sentence names
                after.append((len(entity.mentions), -entity.mentions[0].start, entity))
        chosen = max(before or after, key=lambda item: item[:2], default=None)
        if chosen is None:
            return None
        entity = chosen[2]
        if entity.role is None and roles:  # "Tata Steel ... het bedrijf": a company after all
            # of the country the text is about, not of the outlet's alone ("Intel ... het
            # bedrijf" in a Belgian paper naming nothing Belgian is no Belgian company)
            entity.role = sorted(roles)[0]
            entity.country = entity.country or seat
        return entity

    def _in_heading(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.doc.article.headings)

    def _sentence(self, mention: Mention) -> int:
        if mention.sentence is not None:
            return mention.sentence
        return self.doc.sentence_index(mention.start) or 0

    def _kinds_named(self, entity: Entity) -> set[str]:
        """Kinds of institution an entity's mentions name ("Tweede Kamer": a parliament)."""
        table = self.index.institutions
        assert table is not None
        key = (entity.id, len(entity.mentions))
        if key not in self._kinds_cache:
            found: set[str] = set()
            for word in {w for m in entity.mentions for w in split_words(m.text)}:
                found |= table.kinds_named(word)
            self._kinds_cache[key] = found
        return self._kinds_cache[key] | self.institution_kinds.get(entity.id, set())

    def _tagger_organisation(self, entity: Entity) -> bool:
        """An organisation only the tagger found (no country, no role): likely a company."""
        dictionary_ids = {"kroniek:" + r for r in self._in_doc()}
        return entity.role is None and entity.country is None and entity.id not in dictionary_ids

    def _main_country(self, roles: set[str] | None = None) -> str | None:
        """The country the article is most about: most mentions of its places and
        organisations, each person counting once however often named, companies not at all (a
        company's country is its seat, not the story's); the outlet's own on a tie, then the
        first named. With ``roles``, of its actors in those roles only, and the places of the
        outlet's own country (they keep "de regering" home; other places do not move it).
        Without an outlet and with nothing else named, the companies' country is all there is.
        """
        home = self._home_country()
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for entity in self.entities.values():
            code = entity.country
            if not code or code in IGO_CODES or code == NO_COUNTRY:
                continue
            if roles is not None:
                place = entity.type in PLACE_TYPES and code == home
                if not place and (entity.type not in ACTOR_TYPES or entity.role not in roles):
                    continue
            elif entity.role == BUSINESS and entity.type == "ORG":
                continue
            counts[code] += 1 if entity.type == "PER" else len(entity.mentions)
            start = min(m.start for m in entity.mentions)
            first[code] = min(first.get(code, start), start)
        if not counts and roles is None and home is None:
            for entity in self.entities.values():
                code = entity.country
                if entity.role == BUSINESS and code and code not in (NO_COUNTRY, *IGO_CODES):
                    counts[code] += len(entity.mentions)
                    start = min(m.start for m in entity.mentions)
                    first[code] = min(first.get(code, start), start)
        if not counts:
            return None
        top = max(counts.values())
        best = [code for code, count in counts.items() if count == top]
        return home if home in best else min(best, key=lambda code: first[code])

    @staticmethod
    def _weak_evidence(entity: Entity) -> bool:
        """A company, or a person outside the state's roles: no sign of whose institution."""
        if entity.type == "PER":
            return entity.role not in STATE_ROLES
        return entity.role == BUSINESS

    def _country_referent(self, match: Match) -> Entity | None:
        """ "het land": the country the article named before, when it named only one ("het
        land" in a report on Russia and Syria could be either)."""
        countries = set(self._country_entries().values())
        named = [
            entity for entity in self.entities.values()
            if entity.type == "GPE" and entity.id in countries
            and any(m.end <= match.start for m in entity.mentions)
        ]  # fmt: skip
        return named[0] if len(named) == 1 else None

    def _country_entries(self) -> dict[str, str]:
        """Country code -> entity id of the country itself."""
        table = self.index.institutions
        assert table is not None
        return {code: ID_PREFIX + entry for code, entry in table.countries.items()}


def split_words(text: str) -> list[str]:
    return [fold(w) for w in re.findall(r"[^\W_]+(?:'[^\W_]+)?", text)]


def resolve(doc: Doc, extra: tuple[str, ...] = ()) -> list[Entity]:
    """Canonical actors of an article (named first, then generic groups), with all mentions.

    ``extra``: additional dictionary files/directories (``KRONIEK_ACTORS`` is always read).
    """
    from kroniek.resolve.affiliations import code_members

    resolver = _Resolver(doc, get_index(extra))
    resolver.find()
    resolver.resolve_named()
    resolver.resolve_references()
    entities = resolver.build()
    code_members(doc, entities)  # "ABVV-voorzitter Thierry Bodson": BELLAB
    return entities


def actor_for_span(doc: Doc, start: int, end: int) -> Entity | None:
    """The resolved actor mentioned in [start, end) of ``doc.text`` (named actors first).

    Uses ``doc.entities`` when the pipeline has filled it, else resolves the document.
    """
    entities = doc.entities or resolve(doc)
    best: Entity | None = None
    for entity in entities:
        for mention in entity.mentions:
            overlaps = mention.start < end and start < mention.end
            if overlaps and (best is None or (best.generic and not entity.generic)):
                best = entity
    return best


def is_group(entity_id: str) -> bool:
    """Whether an entity id names a generic group ("betogers", "Russische troepen"), not a
    named actor."""
    return entity_id.startswith(GROUP_PREFIX)


def is_igo(code: str | None) -> bool:
    """Whether an actor code's country part is an international organisation."""
    return bool(code) and (code or "")[:3] in IGO_CODES
