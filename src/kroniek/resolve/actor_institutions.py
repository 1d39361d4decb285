"""Institutions named by a description: "de regering", "het Israëlische leger", "het hof".

The nouns and what they name are data (``data/actors/institutions.yaml``). This module compiles
them into a table kept in the actor index, recognises which kinds of institution an entity's
mentions name (so that "het hof" can refer back to "het hof van assisen"), and finds the
dictionary entry that is a country's or a city's institution of a kind. Finding the descriptions
in a sentence is :mod:`kroniek.resolve.actor_match`; deciding which institution each one is,
:mod:`kroniek.resolve.actors`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kroniek.resolve.actor_data import Dictionary
from kroniek.resolve.actor_index import Pattern, alias_pieces, fold, inflect
from kroniek.resources import read_text

INSTITUTIONS_FILE = "actors/institutions.yaml"
MIN_COMPOUND_HEAD = 3  # "bond" ends "vakbond"; shorter heads must be whole words
PLACE_LINKS = ("", "van", "in")  # "politie Gent", "politie van Gent", "politie in Gent"
MAX_MEMO = 100_000  # words remembered by kinds_named


@dataclass(frozen=True, slots=True)
class InstitutionKind:
    """A kind of institution: "police", "court", "government"."""

    key: str
    role: str
    name: str  # English, for generated entities: "Police (Belgium)"
    local: bool = False  # an institution of a city ("de rechtbank in Leuven")
    named: bool = False  # never of the article's main country by default
    far: bool = False  # refers back to one of any country, however far ("het leger")
    # bare, the outlet's own unless actors in these roles (of a country's politics) say else
    home: frozenset[str] = frozenset()
    placed: bool = False  # names one only with its place ("de gemeente Velsen"), else refers back
    refer_roles: frozenset[str] = frozenset()
    heads: tuple[str, ...] = ()  # folded one-word nouns and anaphors


@dataclass(frozen=True, slots=True)
class InstitutionNoun:
    """A noun (one or more words) naming an institution of one or more kinds."""

    pieces: tuple[str, ...]  # folded
    kinds: tuple[str, ...]
    anaphor: bool  # only refers back ("het hof"); names nothing on its own
    capital: bool = False  # written capitalised: "Kamer" (a "kamer" is a room)


@dataclass(slots=True)
class Institutions:
    """The compiled institution nouns, stored in the actor index."""

    kinds: dict[str, InstitutionKind] = field(default_factory=dict)
    nouns: dict[str, list[InstitutionNoun]] = field(default_factory=dict)  # by first piece
    compound_heads: dict[str, InstitutionNoun] = field(default_factory=dict)  # "bedrijf"
    modifiers: frozenset[str] = frozenset()
    country_anaphors: frozenset[str] = frozenset()
    adjective_places: dict[str, str] = field(default_factory=dict)  # "antwerpse" -> Antwerpen
    national: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, country) -> id
    local: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, folded city) -> id
    cities: frozenset[tuple[str, ...]] = frozenset()  # folded words of the places known as cities
    countries: dict[str, str] = field(default_factory=dict)  # code -> entry id of the country
    word_kinds: dict[str, frozenset[str]] = field(default_factory=dict)  # kinds_named, memo

    def noun_at(self, words: list[str], texts: list[str]) -> InstitutionNoun | None:
        """The longest noun that ``words`` (folded) start with; ``texts`` as written."""
        for noun in self.nouns.get(words[0], ()) if words else ():
            size = len(noun.pieces)
            if tuple(words[:size]) != noun.pieces:
                continue
            if noun.capital and not texts[0][:1].isupper():
                continue
            return noun
        return None

    def compound_at(self, word: str) -> InstitutionNoun | None:
        """An anaphor ending a compound: "postbedrijf" -> bedrijf."""
        for head, noun in self.compound_heads.items():
            if word.endswith(head) and len(word) > len(head):
                return noun
        return None

    def kinds_named(self, word: str) -> frozenset[str]:
        """Kinds of institution a folded word of a mention names: "kamer" (of "Tweede Kamer")
        a parliament, "assisenhof" by its head "hof" an assize or appeal court."""
        known = self.word_kinds.get(word)
        if known is not None:
            return known
        if len(self.word_kinds) >= MAX_MEMO:
            self.word_kinds.clear()
        self.word_kinds[word] = found = frozenset(
            kind.key
            for kind in self.kinds.values()
            if any(word == h or (len(h) >= MIN_COMPOUND_HEAD and word.endswith(h))
                   for h in kind.heads)
        )  # fmt: skip
        return found


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    import yaml

    raw = yaml.safe_load(read_text(INSTITUTIONS_FILE))
    return raw if isinstance(raw, dict) else {}


def _add_noun(table: Institutions, written: str, kind: str, anaphor: bool) -> None:
    pieces = alias_pieces(written)[0]
    if not pieces:
        return
    bucket = table.nouns.setdefault(pieces[0], [])
    for position, noun in enumerate(bucket):
        if noun.pieces == pieces and noun.anaphor == anaphor:
            bucket[position] = InstitutionNoun(pieces, (*noun.kinds, kind), anaphor, noun.capital)
            return
    bucket.append(InstitutionNoun(pieces, (kind,), anaphor, written[:1].isupper()))


def _entity_of(patterns: list[Pattern], words: tuple[str, ...], country: str | None,
               dictionary: Dictionary) -> str | None:  # fmt: skip
    """The one dictionary entity (of ``country``, when given) with the alias ``words``."""
    for pattern in patterns:
        if pattern.pieces != words:
            continue
        found = {
            t.ref for t in pattern.targets
            if t.kind == "entity" and country in (None, dictionary.entries[t.ref].country)
        }  # fmt: skip
        if len(found) == 1:
            return found.pop()
    return None


def _national(table: Institutions, dictionary: Dictionary, patterns: dict[str, list[Pattern]],
              entries: dict[str, dict[str, str]]) -> None:  # fmt: skip
    """(kind, country) -> the dictionary's institution: named in the data, else the entry with
    the alias "<nationality adjective> <noun>" ("Belgische leger")."""
    adjectives: dict[str, set[str]] = {}
    for adjective, country in dictionary.nationalities.items():
        folded = fold(adjective)
        adjectives.setdefault(country, set()).update({folded, inflect(folded)})
    for key, kind_entries in entries.items():
        for country, entry in kind_entries.items():
            if entry in dictionary.entries:
                table.national[(key, country)] = entry
    for bucket in table.nouns.values():
        for noun in bucket:
            if noun.anaphor:
                continue
            for country, forms in adjectives.items():
                for adjective in forms:
                    words = (adjective, *noun.pieces)
                    found = _entity_of(patterns.get(adjective, []), words, country, dictionary)
                    for kind in noun.kinds:
                        if found and (kind, country) not in table.national:
                            table.national[(kind, country)] = found


def _local(table: Institutions, dictionary: Dictionary, patterns: dict[str, list[Pattern]]) -> None:
    """(kind, city) -> the dictionary's institution of that city ("politie Gent")."""
    cities = {fold(c) for c in dictionary.cities}
    cities |= {fold(p) for p in table.adjective_places.values()}
    places_of: dict[str, list[str]] = {}
    for adjective, place in table.adjective_places.items():
        places_of.setdefault(fold(place), []).append(adjective)
    for bucket in table.nouns.values():
        for noun in bucket:
            kinds = [k for k in noun.kinds if table.kinds[k].local]
            if noun.anaphor or not kinds:
                continue
            for city in cities:
                city_words = alias_pieces(city)[0]
                tries = [(*noun.pieces, *((link,) if link else ()), *city_words)
                         for link in PLACE_LINKS]  # fmt: skip
                tries += [(a, *noun.pieces) for a in places_of.get(city, [])]
                for words in tries:
                    found = _entity_of(patterns.get(words[0], []), words, None, dictionary)
                    if found:
                        for kind in kinds:
                            table.local.setdefault((kind, city), found)
                        break


def compile_institutions(
    dictionary: Dictionary, patterns: dict[str, list[Pattern]]
) -> Institutions:
    """The institution table of the bundled data, linked to ``dictionary``'s entries."""
    raw = _raw()
    table = Institutions()
    entries: dict[str, dict[str, str]] = {}
    for key, item in (raw.get("institutions") or {}).items():
        nouns = [str(n) for n in item.get("nouns") or []]
        anaphors = [str(n) for n in item.get("anaphors") or []]
        heads = tuple(
            dict.fromkeys(p[0] for w in [*nouns, *anaphors] if len(p := alias_pieces(w)[0]) == 1)
        )
        table.kinds[key] = InstitutionKind(
            key=key,
            role=str(item["role"]),
            name=str(item["name"]),
            local=bool(item.get("local")),
            named=bool(item.get("named")),
            far=bool(item.get("far")),
            home=frozenset(str(r) for r in item.get("home") or []),
            placed=bool(item.get("placed")),
            refer_roles=frozenset(str(r) for r in item.get("refer_roles") or []),
            heads=heads,
        )
        for noun in nouns:
            _add_noun(table, noun, key, anaphor=False)
        for noun in anaphors:
            _add_noun(table, noun, key, anaphor=True)
            if item.get("compounds"):
                table.compound_heads[fold(noun)] = InstitutionNoun((fold(noun),), (key,), True)
        entries[key] = {str(c): str(e) for c, e in (item.get("entries") or {}).items()}
    for bucket in table.nouns.values():
        bucket.sort(key=lambda n: (-len(n.pieces), n.anaphor))
    table.modifiers = frozenset(fold(str(w)) for w in raw.get("modifiers") or [])
    table.country_anaphors = frozenset(fold(str(w)) for w in raw.get("country_anaphors") or [])
    for adjective, place in (raw.get("adjective_places") or {}).items():
        table.adjective_places[fold(str(adjective))] = str(place)
        table.adjective_places[inflect(fold(str(adjective)))] = str(place)
    cities = {*dictionary.cities, *table.adjective_places.values()}
    table.cities = frozenset(alias_pieces(c)[0] for c in cities)
    for entry in dictionary.entries.values():
        if entry.type == "GPE" and entry.country:
            table.countries.setdefault(entry.country, entry.id)
    _national(table, dictionary, patterns, entries)
    _local(table, dictionary, patterns)
    return table
