"""Sentence context for event coding: closed word classes, actor spans and clauses.

Without a dependency parser the extractor works on clauses: a sentence is cut at ``;``, at
subordinating conjunctions and relative pronouns after a comma, and at ``en``/``maar`` when a
finite verb follows (the second clause then shares the first one's subject). Actors are the
resolved entities' mentions, plus places, nationality adjectives, unnamed people and pronouns.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from kroniek.extract.event_codes import home_country
from kroniek.extract.event_lexicon import lexicon
from kroniek.models import ActorRef, Doc, Entity, Quote, Token
from kroniek.resources import data_path, read_text

# libyaml's C loader parses the lexicon several times faster than the pure-Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_YAML_LOADER)

GRAMMAR_FILE = "lexicon/event_grammar.yaml"
NATIONALITIES_FILE = "actors/lexicon.yaml"  # owned by the actor resolver; read-only here
ACTOR_TYPES = frozenset({"PER", "ORG", "GPE"})
PREP_LOOKBACK = 4  # tokens between a preposition and the actor it governs ("op de Syrische ...")
CLAUSE_BREAK_PUNCT = frozenset({";", ":", "—", "–", ".", "?", "!"})
COMMA = ","
PRONOUN_WINDOW = 2  # sentences back in which "hij" may find its person
DEMONYM_PERSON_GAP = 2  # "Palestijnse (jonge) tieners"
GROUP_PRONOUNS = frozenset({"zij", "ze"})
OBJECT_PRONOUNS = frozenset({"hem"})  # sentence-initial: the last group named before
SPEAKER_PRONOUNS = frozenset({"ik", "wij", "we"})  # inside a direct quote: its speaker
CIVILIAN = "CVL"
# Articles and possessives before a role noun that refers back ("de bond", "zijn partij").
DEFINITE = frozenset({"de", "het", "deze", "dit", "zijn", "haar", "hun"})
# "beide landen/partijen": both actors of the text before.
DEFINITE_ARTICLES = frozenset({"de", "het", "deze", "die"})
BOTH = "beide"
# Articles that open a noun phrase of its own: an actor that starts with one is not a name in
# apposition to the noun before it ("volgens de krant de Nederlandse ambassadeur").
NP_OPENERS = frozenset({"de", "het", "een", "'t"})
BOTH_NOUNS = frozenset({"landen", "partijen", "kampen", "zijden", "kanten", "buurlanden",
                        "regeringen", "leiders", "presidenten"})
BOTH_COUNTRIES = frozenset({"landen", "buurlanden"})
STATE_ROLES = frozenset({"GOV", "MIL"})
BLOCS = frozenset({"EUR", "UNO", "NAT", "IGO"})
# Who speaks or acts for a bloc is the bloc: "de regeringsleiders van de EU", "de ministers van
# de G7" are EUR and IGO, not a government of some country called EUR.
BLOC_OFFICIAL_ROLES = frozenset({"GOV"})
BOTH_POSITIONS = (-1, 0)  # token offsets of the two spans: "beide" and the noun
SENTENCE_STRIDE = 10_000  # orders (sentence, token) positions as one number
MIN_HEAD = 5  # shortest role noun matched as a compound head ("politiezone" has "politie")
MIN_COMPOUND_PREFIX = 3  # "postbedrijf" = "post" + "bedrijf"
MIN_PERSON_COMPOUND = 9  # "havenarbeiders"; shorter words are rarely compounds of a person noun
TITLE_LOOKBACK = 4  # tokens before a name in which its title stands ("Minister van X Y")
OWNER_NAME_GAP = 2  # "X van de FNV": tokens from "van" to the organisation after a name
GOVERNMENT_ROLE = "GOV"  # a minister's "van" phrase names a portfolio, not an organisation
BUSINESS_ROLE = "BUS"  # a company: "het bedrijf" refers back to the last one named
ANAPHOR_WINDOW = 4  # sentences back in which "de bond" finds the union it refers to
COUNTRY_LENGTH = 3
UNKNOWN_COUNTRY = "---"
COORDINATION = frozenset({",", "en", "of"})
OPPOSITION_ROLE = "OPP"
PLURAL_ENDING = "en"  # "Zij onderhandelen": a plural verb, so "zij" is a group
# a party, a politician without a role, an MP; or one the coalitions already code OPP
OPPOSABLE_ROLES = frozenset({"PTY", "", "LEG", "OPP"})

# A dateline opening the first body line: a capitalised place name of a few words, perhaps the
# agency in brackets, then a spaced dash ("Den Haag - ", "Sint-Niklaas (Belga) – ").
DATELINE_RE = re.compile(r"[A-ZÀ-Ý][\w'’.-]*(?: [\w'’.-]+){0,3}(?: \([^()\n]{1,30}\))? [-–—] ")
DATELINE_DASHES = frozenset({"-", "–", "—"})
DATELINE_MAX_TOKENS = 12
PLACE_ENTITY_TYPES = frozenset({"GPE", "LOC"})

KIND_ENTITY = "entity"
KIND_PLACE = "place"
KIND_DEMONYM = "demonym"
KIND_PERSON = "person"  # an unnamed person: "een man", "twee tieners"
KIND_UNKNOWN = "unknown"  # a pronoun or NP we cannot resolve: blocks the subject slot


@dataclass(frozen=True, slots=True)
class Grammar:
    prepositions: frozenset[str]
    determiners: frozenset[str]
    title_words: frozenset[str]
    negation: frozenset[str]
    negation_exceptions: frozenset[str]
    refusal: frozenset[str]
    intended: frozenset[str]
    hypothetical: frozenset[str]
    report_verbs: frozenset[str]
    subordinators: frozenset[str]
    relatives: frozenset[str]
    question_words: frozenset[str]
    frame_adverbials: frozenset[str]
    coordinators: frozenset[str]
    auxiliaries: frozenset[str]
    passive_auxiliaries: frozenset[str]
    be_auxiliaries: frozenset[str]
    have_auxiliaries: frozenset[str]
    person_pronouns: frozenset[str]
    unknown_pronouns: frozenset[str]
    generic_persons: frozenset[str]
    adverbials: frozenset[str]
    means_nouns: frozenset[str]
    ministries: frozenset[str]
    evaluative_verbs: frozenset[str]
    policy_nouns: frozenset[str]
    member_nouns: frozenset[str]
    semi_auxiliaries: frozenset[str]
    compound_anaphors: frozenset[str]
    penalty_words: frozenset[str]
    no_comment: frozenset[str]
    name_particles: frozenset[str]
    government_seats: frozenset[str]
    government_heads: frozenset[str]
    member_states: frozenset[str]
    promise_entries: frozenset[str]
    allegation_entries: frozenset[str]
    preventing_entries: frozenset[str]
    preventing_preps: frozenset[str]
    side_nouns: frozenset[str]
    opposition_heads: frozenset[str]
    directive_verbs: frozenset[str]
    agent_relative_verbs: frozenset[str]
    worker_nouns: frozenset[str]
    civilian_sites: frozenset[str]
    civilian_site_heads: frozenset[str]
    party_qualifiers: frozenset[str]
    title_roles: dict[str, str]
    place_parts: frozenset[str]
    plural_groups: frozenset[str]
    demonyms: dict[str, str]
    person_roles: dict[str, str]
    anaphors: dict[str, str]
    home_institutions: dict[str, str]


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in raw.get(key) or [])


def _demonyms() -> dict[str, str]:
    """Nationality adjective (both inflections) -> country code, from the actor dictionary."""
    path = data_path(NATIONALITIES_FILE)
    if not path.exists():
        return {}
    raw = _load_yaml(path.read_text(encoding="utf-8")) or {}
    table: dict[str, str] = {}
    for code, adjectives in (raw.get("nationalities") or {}).items():
        for adjective in adjectives or []:
            base = str(adjective).lower()
            table[base] = str(code)
            # Albanees -> Albanese, Russisch -> Russische
            inflected = base[:-3] + "ese" if base.endswith("ees") else base + "e"
            table[inflected] = str(code)
    return table


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    raw = _load_yaml(read_text(GRAMMAR_FILE))
    mappings = ("demonyms", "person_roles", "anaphors", "title_roles", "home_institutions")
    names = [name for name in Grammar.__slots__ if name not in mappings]
    roles = {str(k).lower(): str(v) for k, v in (raw.get("person_roles") or {}).items()}
    anaphors = {str(k).lower(): str(v) for k, v in (raw.get("anaphors") or {}).items()}
    titles = {str(k).lower(): str(v) for k, v in (raw.get("title_roles") or {}).items()}
    institutions = {
        str(k).lower(): str(v) for k, v in (raw.get("home_institutions") or {}).items()
    }
    return Grammar(
        **{name: _words(raw, name) for name in names}, demonyms=_demonyms(), person_roles=roles,
        anaphors=anaphors, title_roles=titles, home_institutions=institutions,
    )


@dataclass(slots=True)
class ActorSpan:
    """An actor in a sentence: token indices ``first``..``last`` (inclusive, sentence-local)."""

    first: int
    last: int
    kind: str
    code: str | None = None
    entity: Entity | None = None
    name: str = ""
    prep: str | None = None  # governing preposition, None for a bare NP

    @property
    def is_actor(self) -> bool:
        """Can fill the subject/object slot (places and adjectives cannot)."""
        return self.kind in (KIND_ENTITY, KIND_UNKNOWN, KIND_PERSON)

    def same_actor(self, other: ActorSpan) -> bool:
        if self.entity is not None and other.entity is not None:
            return self.entity.id == other.entity.id
        return self.first == other.first


@dataclass(slots=True)
class Clause:
    start: int  # first token (sentence-local), the opener included
    end: int  # exclusive
    opener: str | None = None  # the subordinator / relative / coordinator that opened it
    inherits: bool = False  # shares the subject of the clause before (coordination, relative)
    subject: ActorSpan | None = None
    subject_known: bool = False
    reporter: ActorSpan | None = None
    # Continues the main clause a comma-closed subordinate clause interrupted ("Hij vroeg de VS,
    # die het bestand sloten, om ..."): shares that main clause's subject.
    resumes: bool = False
    actors: list[ActorSpan] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the whole sentence's, lower case

    @property
    def subordinate(self) -> bool:
        g = grammar()
        return self.opener is not None and (
            self.opener in g.subordinators or self.opener in g.relatives
        )


def _token_range(tokens: list[Token], start: int, end: int) -> tuple[int, int] | None:
    """Sentence-local token indices covering the character span [start, end)."""
    first = last = None
    for i, token in enumerate(tokens):
        if token.end > start and token.start < end:
            if first is None:
                first = i
            last = i
    return None if first is None or last is None else (first, last)


def _preposition(tokens: list[Token], first: int, floor: int) -> str | None:
    """The preposition governing an NP that starts at ``first``: skips articles, adjectives and
    a title noun right before a name ("volgens het persbureau Tass", "op de Syrische president")."""
    g = grammar()
    for i in range(first - 1, max(floor, first - PREP_LOOKBACK) - 1, -1):
        word = tokens[i].text.lower()
        if word in g.prepositions:
            return word
        skippable = (
            word in g.determiners
            or word in g.title_words
            or word in g.demonyms
            or word.isdigit()
            or (word.isalpha() and tokens[i].text.islower() and word.endswith("e"))
            or (
                i == first - 1
                and i > floor
                and tokens[first].text not in NP_OPENERS  # "volgens de krant de ..." (not "De
                # Telegraaf", whose article is part of the name)
                and _title_like(tokens[i].text, tokens[i - 1].text)
            )
        )
        if not skippable:
            return None
    return None


def _title_like(text: str, before: str) -> bool:
    """A lower-case noun heading a name after an article or adjective ("het persbureau Tass"),
    not a verb or function word."""
    g = grammar()
    word = text.lower()
    if not (text.isalpha() and text.islower()) or word in g.auxiliaries:
        return False
    lowered = before.lower()
    adjective = lowered.endswith("e") and (before.islower() or lowered in g.demonyms)
    in_np = lowered in g.determiners or adjective
    return in_np and not lexicon().forms.get(word)


@dataclass(slots=True)
class DocActors:
    """Actor spans of every sentence of a document, built once per document."""

    by_sentence: list[list[ActorSpan]]


def _overlaps(span: ActorSpan, taken: list[ActorSpan]) -> bool:
    return any(span.first <= other.last and other.first <= span.last for other in taken)


def _entity_spans(doc: Doc, home: str | None) -> list[list[ActorSpan]]:
    spans: list[list[ActorSpan]] = [[] for _ in doc.sentences]
    for entity in doc.entities:
        if entity.type not in ACTOR_TYPES and not entity.generic:
            continue
        for mention in entity.mentions:
            index = mention.sentence
            if not _sentence_holds(doc, index, mention.start):
                index = doc.sentence_index(mention.start)
            if index is None or index >= len(doc.sentences):
                continue
            tokens = doc.sentences[index].tokens
            found = _token_range(tokens, mention.start, mention.end)
            if found:
                code = _compound_government(tokens[found[1]].text, entity.code)
                spans[index].append(
                    ActorSpan(found[0], found[1], KIND_ENTITY, code, entity, entity.name)
                )
    _code_by_title(doc, spans, home)
    return spans


def _compound_government(word: str, code: str | None) -> str | None:
    """"de Hamas-regering": a movement's or leader's government is its country's GOV."""
    _, hyphen, head = word.lower().rpartition("-")
    if not hyphen or head not in grammar().government_heads or not code:
        return code
    country = code[:COUNTRY_LENGTH]
    if len(country) < COUNTRY_LENGTH or country.startswith("-") or country in BLOCS:
        return code
    return role_code(country, GOVERNMENT_ROLE)


def _code_by_title(doc: Doc, spans: list[list[ActorSpan]], home: str | None) -> None:
    """A name the resolver gave no code ("Minister van Mobiliteit François Bellot", "de Franse
    minister X", "FNV-bestuurder Y") takes one from the title before one of its mentions: the
    title's role, the country of a nationality adjective or of the organisation in the title,
    else the article's home country. All mentions of the entity get it."""
    found: dict[str, str] = {}
    for index, sentence_spans in enumerate(spans):
        words = [token.text.lower() for token in doc.sentences[index].tokens]
        for span in sentence_spans:
            entity = span.entity
            if span.code or entity is None or entity.id in found:
                continue
            person = entity.type == "PER"
            code = (_title_code(words, span, sentence_spans, home) if person else None) or (
                _name_code(entity, home)
            )
            if code:
                found[entity.id] = code
    for sentence_spans in spans:
        for span in sentence_spans:
            if not span.code and span.entity is not None and span.entity.id in found:
                span.code = found[span.entity.id]


def _title_code(
    words: list[str], span: ActorSpan, spans: list[ActorSpan], home: str | None
) -> str | None:
    g = grammar()
    floor = max(0, span.first - TITLE_LOOKBACK)
    for i in range(span.first - 1, floor - 1, -1):
        word = words[i]
        prefix, _, head = word.rpartition("-")
        role = g.title_roles.get(word) or g.title_roles.get(head)
        if role is None:
            continue
        owner = _title_owner(i, spans) if prefix else None
        if owner is None and role != GOVERNMENT_ROLE:
            owner = _van_owner(words, span, spans)  # "voorzitter X van de FNV"
        if owner is not None and len(owner) > COUNTRY_LENGTH:
            return owner  # "ACV-voorzitter X" speaks for the ACV
        country = owner or _title_country(words, i, floor) or home
        return role_code(country, role) if country else None
    return None


def _van_owner(words: list[str], span: ActorSpan, spans: list[ActorSpan]) -> str | None:
    """The code of a non-state organisation in a "van" phrase right after a titled name
    ("voorzitter X van de FNV"); a minister's "van" phrase is a portfolio, not an owner."""
    at = span.last + 1
    if at >= len(words) or words[at] != "van":
        return None
    owner = next(
        (s for s in spans if at < s.first <= at + OWNER_NAME_GAP and s.code and s is not span),
        None,
    )
    if owner is None or not owner.code or owner.code.startswith("-"):
        return None
    if owner.code[COUNTRY_LENGTH:] in ("", GOVERNMENT_ROLE):
        return None
    if any(words[k] not in grammar().determiners for k in range(at + 1, owner.first)):
        return None  # "voorzitter X van de raad van bestuur van Y": not Y's own title
    return owner.code


def _title_owner(title: int, spans: list[ActorSpan]) -> str | None:
    """The code of the organisation named in a compound title ("FNV-bestuurder")."""
    owner = next((s for s in spans if s.first <= title <= s.last and s.code), None)
    if owner is None or not owner.code or owner.code.startswith("-"):
        return None
    return owner.code


def _name_code(entity: Entity, home: str | None) -> str | None:
    """An organisation named by its role ("Assisenhof Gent", "Politiezone Antwerpen"): the
    home country's actor of that role."""
    if entity.type != "ORG" or home is None:
        return None
    anaphors = grammar().anaphors
    for word in entity.name.lower().replace("-", " ").split():
        role = anaphors.get(word) or next(
            (r for noun, r in anaphors.items() if len(noun) >= MIN_HEAD and word.endswith(noun)),
            None,
        )
        if role is not None:
            return home + role
    return None


def role_code(country: str, role: str) -> str:
    """The actor code of ``country`` in ``role``; a bloc's officials are the bloc itself."""
    if country in BLOCS and role in BLOC_OFFICIAL_ROLES:
        return country
    return country + role


def _title_country(words: list[str], title: int, floor: int) -> str | None:
    """"de Franse minister": FRA."""
    g = grammar()
    for i in range(title - 1, floor - 1, -1):
        if words[i] in g.demonyms:
            return g.demonyms[words[i]]
    return None


def _sentence_holds(doc: Doc, index: int | None, offset: int) -> bool:
    if index is None or not 0 <= index < len(doc.sentences):
        return False
    sentence = doc.sentences[index]
    return sentence.start <= offset < sentence.end


def build_actors(doc: Doc) -> DocActors:
    """Entities, places, nationality adjectives, unnamed people and pronouns per sentence."""
    g = grammar()
    home = home_country(doc)
    by_sentence: list[list[ActorSpan]] = []
    entity_spans = _entity_spans(doc, home)
    dateline_sentence, dateline_dash = dateline(doc) or (-1, -1)
    place_spans: list[list[ActorSpan]] = [[] for _ in doc.sentences]
    for place in doc.places:
        for mention in place.mentions:
            index = doc.sentence_index(mention.start)
            if index is None:
                continue
            found = _token_range(doc.sentences[index].tokens, mention.start, mention.end)
            if found:
                place_spans[index].append(
                    ActorSpan(found[0], found[1], KIND_PLACE, place.country, None, place.name)
                )
    last_person: tuple[int, Entity] | None = None
    first_person: tuple[int, Entity] | None = None  # the first person of the last sentence with one
    described = _described_speakers(doc)
    for index, sentence in enumerate(doc.sentences):
        person_before = last_person
        subject_before = first_person
        chosen: list[ActorSpan] = []
        for span in sorted(entity_spans[index], key=lambda s: (s.first - s.last, s.first)):
            if not _overlaps(span, chosen):
                chosen.append(span)
        for span in place_spans[index]:
            if not _overlaps(span, chosen):
                chosen.append(span)
        chosen.sort(key=lambda s: s.first)
        words = [token.text.lower() for token in sentence.tokens]
        extra: list[ActorSpan] = []
        mentioned_before = {s.first: s for s in chosen}
        covered = {i for span in chosen for i in range(span.first, span.last + 1)}
        for i, word in enumerate(words):
            if i in mentioned_before:
                span = mentioned_before[i]
                if span.entity is not None and span.entity.type == "PER":
                    last_person = (index, span.entity)
                    if first_person is None or first_person[0] != index:
                        first_person = (index, span.entity)
                continue
            if i in covered:
                continue
            if word in BOTH_NOUNS and i > 0 and words[i - 1] == BOTH and i - 1 not in covered:
                extra.extend(_both_sides(i, word, by_sentence))
            elif word in g.home_institutions and i > 0 and words[i - 1] in DEFINITE_ARTICLES:
                code = (home or UNKNOWN_COUNTRY) + g.home_institutions[word]
                extra.append(ActorSpan(i, i, KIND_ENTITY, code, None, word))
            elif i > 0 and words[i - 1] in DEFINITE and (head := _anaphor_head(word)):
                role = g.anaphors[head]
                extra.append(_anaphor(i, head, role, chosen, by_sentence, home))
            elif word in g.demonyms:
                extra.append(ActorSpan(i, i, KIND_DEMONYM, g.demonyms[word], None, word))
            elif word in g.generic_persons:
                if i + 1 < len(words) and words[i + 1] in g.generic_persons:
                    continue  # "een 34-jarige man": the noun after it is the head
                antecedent = (
                    _person_antecedent(doc, word, by_sentence) if i > 0 and words[i - 1]
                    in DEFINITE_ARTICLES else None
                )
                extra.append(ActorSpan(i, i, KIND_PERSON, antecedent, None, word))
            elif word in g.person_pronouns:
                # "Verlinden beloofde hem steun": an object pronoun is someone named before
                known = person_before if word in OBJECT_PRONOUNS else last_person
                if word not in OBJECT_PRONOUNS and (last_person is None or last_person[0] < index):
                    # no one named yet in this sentence: "hij" continues the sentence before's
                    # first-named (mostly its subject), not whoever it named last
                    known = subject_before
                speaker = None if word in OBJECT_PRONOUNS else described.get(index - 1)
                if speaker is not None and (known is None or known[0] < index - 1):
                    # "..., zei een woordvoerder van het ministerie. Hij waarschuwde ..."
                    extra.append(
                        ActorSpan(i, i, KIND_PERSON, speaker.code, None, speaker.name or word)
                    )
                elif known is not None and index - known[0] <= PRONOUN_WINDOW:
                    person = known[1]
                    extra.append(ActorSpan(i, i, KIND_ENTITY, person.code, person, person.name))
                else:
                    extra.append(ActorSpan(i, i, KIND_UNKNOWN, None, None, word))
            elif word in SPEAKER_PRONOUNS and _quoted_speaker(doc, sentence.tokens[i].start):
                extra.append(_speaker_span(doc, i, sentence.tokens[i].start))
            elif word in GROUP_PRONOUNS and i == 0 and by_sentence:
                before = [t.text.lower() for t in doc.sentences[index - 1].tokens]
                following = words[1] if len(words) > 1 else ""
                extra.append(_group_pronoun(by_sentence[-1], word, before, following))
            elif word in g.unknown_pronouns:
                extra.append(ActorSpan(i, i, KIND_UNKNOWN, None, None, word))
            elif head := _person_head(word):  # "havenmedewerkers", "klimaatbetogers"
                extra.append(ActorSpan(i, i, KIND_PERSON, None, None, head))
        spans = sorted(chosen + _merge_demonyms(extra, words), key=lambda s: s.first)
        spans = _in_opposition(spans, words)
        if index == dateline_sentence:  # "Den Haag - De oppositie eist ...": where, not who
            spans = [span for span in spans if span.first > dateline_dash]
        by_sentence.append(spans)
    return DocActors(by_sentence)


def dateline(doc: Doc) -> tuple[int, int] | None:
    """(sentence, token index of the dash) of the dateline that opens the article's first body
    line: a place name, perhaps with the agency, then a dash ("Den Haag - De oppositie eist
    ...", "Moskou (ANP) – ..."). It says where the story was filed, so the place before the dash
    is no actor of the sentence; None without one."""
    start = doc.article.paragraphs[0][0] if doc.article.paragraphs else 0
    index = doc.sentence_index(start)
    if index is None:
        return None
    sentence = doc.sentences[index]
    if sentence.start != start or not DATELINE_RE.match(doc.text, sentence.start):
        return None
    if not any(m.start == start for place in doc.places for m in place.mentions) and not any(
        m.start == start for entity in doc.entities if entity.type in PLACE_ENTITY_TYPES
        for m in entity.mentions
    ):
        return None  # "De oppositie - ...": no place named there
    dash = next(
        (i for i, token in enumerate(sentence.tokens[:DATELINE_MAX_TOKENS])
         if token.text in DATELINE_DASHES),
        None,
    )
    return (index, dash) if dash is not None else None


def _in_opposition(spans: list[ActorSpan], words: list[str]) -> list[ActorSpan]:
    """"de oppositiepartijen N-VA en Vlaams Belang", "oppositieleider Lapid": the text says the
    party or politician is in opposition, which a dictionary role of party (PTY) cannot know;
    those mentions are coded OPP, and the group word before the first name joins its span (one
    actor, as in "vakbonden ACV": the names are who acts)."""
    g = grammar()
    kept: list[ActorSpan] = []
    marked = False
    for span in spans:
        previous = kept[-1] if kept else None
        head = previous is not None and previous.last == span.first - 1 and (
            words[previous.last] in g.opposition_heads
        )
        cue = span.first > 0 and words[span.first - 1] in g.opposition_heads
        gap = words[previous.last + 1 : span.first] if previous is not None else []
        coordinated = marked and bool(gap) and all(w in COORDINATION for w in gap)
        marked = span.kind == KIND_ENTITY and (cue or coordinated)
        code = span.code or ""
        if marked and code[COUNTRY_LENGTH:] in OPPOSABLE_ROLES and not code.startswith("-"):
            span.code = code[:COUNTRY_LENGTH] + OPPOSITION_ROLE
            if head and previous is not None and previous.kind == KIND_PERSON:
                kept.pop()
                span.first = previous.first
        kept.append(span)
    return kept


def _described_speakers(doc: Doc) -> dict[int, ActorRef]:
    """Per sentence, the coded speaker known only by a description ("een woordvoerder van het
    Chinese ministerie") of the last quote that ends in it: whom "hij" in the next sentence
    means, when no one was named since."""
    found: dict[int, ActorRef] = {}
    for quote in sorted(doc.quotes, key=lambda q: q.end):
        speaker = quote.speaker
        index = doc.sentence_index(max(quote.start, quote.end - 1))
        if index is None:
            continue
        if speaker is not None and speaker.entity is None and speaker.code:
            found[index] = speaker
        else:
            found.pop(index, None)
    return found


def _person_head(word: str) -> str:
    """The unnamed-people noun a compound ends in ("havenmedewerkers", "klimaatbetogers"), or
    "" when it is none (or is itself an event word)."""
    if not word.isalpha() or len(word) < MIN_PERSON_COMPOUND or lexicon().forms.get(word):
        return ""
    people = grammar().generic_persons
    for cut in range(MIN_COMPOUND_PREFIX, len(word) - MIN_HEAD + 1):
        if word[cut:] in people:
            return word[cut:]
    return ""


def _person_antecedent(
    doc: Doc, word: str, earlier: list[list[ActorSpan]]
) -> str | None:
    """"de diplomaat" after "een Nederlandse diplomaat": the code of the last earlier actor
    whose head noun is the same word."""
    for index in range(len(earlier) - 1, max(-1, len(earlier) - 1 - ANAPHOR_WINDOW), -1):
        tokens = doc.sentences[index].tokens
        for span in reversed(earlier[index]):
            head = tokens[span.last].text.lower() if span.last < len(tokens) else ""
            code = span.code or ""
            if head == word and len(code) > COUNTRY_LENGTH and not code.startswith("-"):
                return code
    return None


def _both_sides(i: int, noun: str, earlier: list[list[ActorSpan]]) -> list[ActorSpan]:
    """"beide landen", "beide partijen": the two states (for "landen") or actors the text named
    most so far (latest first on a tie), as two spans, on "beide" and on the noun, that count as
    coordinated."""
    counts: Counter[str] = Counter()
    latest: dict[str, tuple[int, ActorSpan]] = {}
    for index, spans in enumerate(earlier):
        for span in spans:
            code = span.code or ""
            if span.kind != KIND_ENTITY or len(code) < COUNTRY_LENGTH or code.startswith("-"):
                continue
            if noun in BOTH_COUNTRIES and not _state(span):
                continue  # "beide landen" are states, not the EU or a party
            key = code[:COUNTRY_LENGTH] if noun in BOTH_COUNTRIES else code
            counts[key] += 1
            latest[key] = (index * SENTENCE_STRIDE + span.first, span)
    ranked = sorted(counts, key=lambda c: (counts[c], latest[c][0]), reverse=True)
    if len(ranked) < len(BOTH_POSITIONS):
        return [ActorSpan(i, i, KIND_UNKNOWN, None, None, BOTH)]
    sides = [latest[key][1] for key in ranked[: len(BOTH_POSITIONS)]]
    return [
        ActorSpan(i + offset, i + offset, KIND_ENTITY, side.code, side.entity, BOTH)
        for offset, side in zip(BOTH_POSITIONS, sides, strict=True)
    ]


def _state(span: ActorSpan) -> bool:
    """A country or who speaks for it (a government or its leader)."""
    code = span.code or ""
    if span.entity is not None and span.entity.type == "GPE":
        return True
    return code[COUNTRY_LENGTH:] in STATE_ROLES and code[:COUNTRY_LENGTH] not in BLOCS


def _anaphor_head(word: str) -> str | None:
    """The role noun a definite NP ends in: "bond", or the head of a compound ("het
    postbedrijf", "de landbouwminister")."""
    g = grammar()
    if word in g.anaphors:
        return word
    if not word.isalpha() or lexicon().forms.get(word):
        return None  # "de schietpartij" is an act, not a party
    for cut in range(MIN_COMPOUND_PREFIX, len(word) - MIN_HEAD + 1):
        if word[cut:] in g.compound_anaphors:
            return word[cut:]
    return None


def _anaphor(
    i: int, word: str, role: str, here: list[ActorSpan], earlier: list[list[ActorSpan]],
    home: str | None,
) -> ActorSpan:
    """"de bond", "het bedrijf", "het kabinet": the last named actor with that role (in this
    sentence before the noun, else in the sentences before), else the home country's."""
    ordered = [s for s in here if s.first < i][::-1] + [
        s for spans in reversed(earlier[-ANAPHOR_WINDOW:]) for s in reversed(spans)
    ]
    person = word in grammar().title_roles  # "de minister" is a person, "de regering" is not
    for span in ordered:
        code = span.code or ""
        if span.kind != KIND_ENTITY or code[COUNTRY_LENGTH:] != role:
            continue
        if (span.entity is not None and span.entity.type == "PER") != person:
            continue
        return ActorSpan(i, i, KIND_ENTITY, code, span.entity, span.name)
    if role == BUSINESS_ROLE and not person:
        company = _last_company(here, i, earlier)
        if company is not None:
            return company
    code = (home or UNKNOWN_COUNTRY) + role
    return ActorSpan(i, i, KIND_ENTITY, code, None, word)


def _last_company(
    here: list[ActorSpan], i: int, earlier: list[list[ActorSpan]]
) -> ActorSpan | None:
    """"het bedrijf", "de fabrikant" far from the company's name: the organisation of business
    kind named last anywhere in the article before the noun (by its code's or its entity's
    role), as that company."""
    ordered = [s for s in here if s.first < i][::-1] + [
        s for spans in reversed(earlier) for s in reversed(spans)
    ]
    for span in ordered:
        entity = span.entity
        if span.kind != KIND_ENTITY or entity is None or entity.type != "ORG":
            continue
        code = span.code or ""
        if code[COUNTRY_LENGTH:] == BUSINESS_ROLE and not code.startswith("-"):
            return ActorSpan(i, i, KIND_ENTITY, code, entity, span.name)
        country = entity.country or ""
        if entity.role == BUSINESS_ROLE and len(country) == COUNTRY_LENGTH:
            return ActorSpan(i, i, KIND_ENTITY, country + BUSINESS_ROLE, entity, span.name)
    return None


def _quoted_speaker(doc: Doc, offset: int) -> Quote | None:
    """The direct quote around ``offset`` whose speaker is known."""
    for quote in doc.quotes:
        speaker = quote.speaker
        if quote.start <= offset < quote.end and speaker and (speaker.entity or speaker.code):
            return quote
    return None


def _speaker_span(doc: Doc, i: int, offset: int) -> ActorSpan:
    """"We zullen onze reactie uitbreiden", said by Netanyahu: "we" is the speaker."""
    quote = _quoted_speaker(doc, offset)
    assert quote is not None and quote.speaker is not None
    speaker = quote.speaker
    entity = next((e for e in doc.entities if e.id == speaker.entity), None)
    code = entity.code if entity is not None else speaker.code
    return ActorSpan(i, i, KIND_ENTITY, code, entity, speaker.name or "")


def _after_preposition(words: list[str], first: int) -> bool:
    """The noun phrase starting at ``first`` follows a preposition (over its articles)."""
    g = grammar()
    at = first - 1
    while at >= 0 and words[at] in g.determiners:
        at -= 1
    return at >= 0 and words[at] in g.prepositions


def _group_pronoun(
    previous: list[ActorSpan], word: str, words: list[str], following: str = ""
) -> ActorSpan:
    """Sentence-initial "Zij"/"Ze": with a plural verb ("Zij onderhandelen") the group that was
    the subject of the sentence before; else the last organisation or group of that sentence,
    when no person was named after it (then "zij" may be that person); else unknown."""
    if following.endswith(PLURAL_ENDING) and following.isalpha():
        subject = _subject_group(previous, words)
        if subject is not None:
            return subject
    for span in reversed(previous):
        entity = span.entity
        if span.kind != KIND_ENTITY:
            continue
        if entity is None:  # an institution named by a noun ("de spoorbonden", "de regering")
            if span.code and not _after_preposition(words, span.first):  # not "op het ministerie"
                return ActorSpan(0, 0, KIND_ENTITY, span.code, None, span.name)
            continue
        if entity.type == "PER":
            break
        if entity.type == "ORG" or entity.generic:
            return ActorSpan(0, 0, KIND_ENTITY, entity.code, entity, entity.name)
    people = [span for span in previous if span.kind == KIND_PERSON and span.name.endswith("en")]
    if people and not any(span.entity is not None and span.entity.type == "PER"
                          for span in previous if span.first > people[-1].first):
        group = people[-1]  # "Klimaatactivisten hielden een tegenbetoging. Zij beschuldigen ..."
        return ActorSpan(0, 0, KIND_PERSON, group.code, None, group.name)
    return ActorSpan(0, 0, KIND_UNKNOWN, None, None, word)


def _subject_group(previous: list[ActorSpan], words: list[str]) -> ActorSpan | None:
    """The first actor of a sentence, when it is an organisation or group not governed by a
    preposition ("De vakbonden FNV en CNV voeren actie bij Tata Steel"): its subject."""
    first = min(
        (span for span in previous if span.kind in (KIND_ENTITY, KIND_PERSON)),
        key=lambda span: span.first,
        default=None,
    )
    if first is None or _after_preposition(words, first.first):
        return None
    entity = first.entity
    if first.kind == KIND_PERSON:
        if not first.name.endswith(PLURAL_ENDING):
            return None
        return ActorSpan(0, 0, KIND_PERSON, first.code, None, first.name)
    if entity is not None and entity.type not in ("ORG",) and not entity.generic:
        return None
    if not first.code:
        return None
    return ActorSpan(0, 0, KIND_ENTITY, first.code, entity, first.name)


def _merge_demonyms(extra: list[ActorSpan], words: list[str]) -> list[ActorSpan]:
    """"twee Palestijnse tieners": the adjective gives the unnamed people their country;
    "Israëlische en Amerikaanse onderhandelaars" are two groups, one of each country."""
    merged: list[ActorSpan] = []
    for span in extra:
        previous = merged[-1] if merged else None
        if (
            span.kind == KIND_PERSON
            and previous is not None
            and previous.kind == KIND_DEMONYM
            and span.first - previous.last <= DEMONYM_PERSON_GAP
        ):
            role = grammar().person_roles.get(span.name, CIVILIAN)
            merged[-1] = ActorSpan(
                previous.first, span.last, KIND_PERSON, role_code(previous.code or "", role),
                None, span.name,
            )
            before = merged[-2] if len(merged) > 1 else None
            if (
                before is not None
                and before.kind == KIND_DEMONYM
                and words[before.last + 1 : previous.first] in (["en"], [","], ["of"])
            ):
                merged[-2] = ActorSpan(
                    before.first, before.last, KIND_PERSON, role_code(before.code or "", role),
                    None,
                    span.name,
                )
            continue
        merged.append(span)
    return merged


def _finite_follows(words: list[str], i: int) -> bool:
    """Does a finite verb (auxiliary or a finite lexicon form) stand at position i?"""
    if i >= len(words):
        return False
    word = words[i]
    if word in grammar().auxiliaries:
        return True
    return any(hit.form == "finite" for hit in lexicon().forms.get(word, ()))


def split_clauses(words: list[str], tags: list[str] | None = None) -> list[Clause]:
    """Cut a sentence (lower-cased token texts, optional UPOS tags) into clauses."""
    g = grammar()
    clauses: list[Clause] = []
    start, opener, inherits, resumes = 0, None, False, False
    if words and words[0] in g.subordinators and words[0] not in OPENERS_ALSO_PRONOUNS:
        opener = words[0]  # "Terwijl de gesprekken liepen, ...": a fronted subordinate clause
    for i, word in enumerate(words):
        cut_here: tuple[str | None, bool] | None = None
        resuming = False
        if i > 0 and words[i - 1] in CLAUSE_BREAK_PUNCT:
            cut_here = (None, False)
        elif i > 0 and word in g.subordinators and word != "sinds":
            cut_here = (word, False)
        elif i > 0 and word == CONDITIONAL and _verb_final_clause(words, tags, i):
            cut_here = (word, False)  # "dreigt met acties als de directie niet toegeeft"
        elif i > 0 and word in g.relatives and words[i - 1] == COMMA:
            cut_here = (word, True)
        elif i > 1 and words[i - 1] == COMMA and word in g.report_verbs and (
            tags is None or _has_verb(words, tags, start, i - 1)
        ):
            # "..., zei Peskov"; not after a verbless subject with an apposition ("Amnesty, de
            # organisatie achter de actie, noemde ...")
            cut_here = (None, False)
        elif i > 1 and word == "toen" and words[i - 1] == COMMA:
            cut_here = (word, False)  # "..., toen er raketten werden afgeschoten"
        elif i > 0 and word in ("maar", "want"):
            cut_here = (word, _finite_follows(words, i + 1))
        elif i > 0 and word in ("en", "of") and _finite_follows(words, i + 1):
            cut_here = (word, True)
        elif i > 1 and words[i - 1] == COMMA and word not in g.coordinators:
            subordinate = opener is not None and (
                opener in g.subordinators or opener in g.relatives
            )
            verb_first = _is_verb(words, tags, i) and _finite_follows(words, i)
            if subordinate and (_is_verb(words, tags, i - 2) or (
                verb_first and _has_verb(words, tags, start + 1, i - 1)
            )):
                # "Terwijl de gesprekken bezig waren, bombardeerde het leger ...": the main
                # clause follows (inverted); after a main clause it resumes that clause
                main_before = any(
                    not c.subordinate and _has_verb(words, tags, c.start, c.end) for c in clauses
                )
                # "Zelensky, die de actie steunt, bekritiseerde Rusland": a relative clause
                # inside the subject; the main clause goes on with that subject
                inside_subject = (
                    opener in g.relatives and not main_before
                    and any(not c.subordinate for c in clauses)
                    and not any(  # no reading of a word before it as a finite verb
                        _finite_follows(words, j) for c in clauses for j in range(c.start, c.end)
                    )
                )  # fmt: skip
                cut_here = (None, main_before)
                resuming = main_before or inside_subject
            elif not subordinate and _paratactic(words, tags, start, i):
                # headline style "Russische drones treffen Charkiv, Kyiv vraagt luchtafweer"
                cut_here = (None, _finite_follows(words, i))
        if cut_here is not None and i > start:
            clauses.append(Clause(start, i, opener, inherits, resumes=resumes, words=words))
            start, (opener, inherits), resumes = i, cut_here, resuming
    clauses.append(Clause(start, len(words), opener, inherits, resumes=resumes, words=words))
    return clauses


VERB_TAGS = frozenset({"VERB", "AUX"})
CONDITIONAL = "als"
OPENERS_ALSO_PRONOUNS = frozenset({"dat", "sinds", "zoals"})  # "Dat wees de rechter af"
CONDITION_REACH = 10  # tokens from "als" to the verb that ends its clause


def _verb_final_clause(words: list[str], tags: list[str] | None, i: int) -> bool:
    """"als" opening a conditional clause (a subject, then a finite verb before the next comma
    or the sentence end), not "als voorzitter" or "zo snel als"."""
    if tags is None or i + 1 >= len(words) or tags[i + 1] not in ("DET", "PRON", "PROPN"):
        return False
    for j in range(i + 2, min(len(words), i + CONDITION_REACH)):
        if words[j] in (COMMA, *CLAUSE_BREAK_PUNCT):
            return False
        if tags[j] in VERB_TAGS and (j + 1 >= len(words) or words[j + 1] in (COMMA, ".")
                                     or tags[j + 1] == "PUNCT"):
            return True
    return False
# "gestuurd", "aangevuld", "opgepakt": a participle is no finite verb
PARTICIPLE = re.compile(r"^(aan|af|bij|door|in|mee|na|neer|om|op|over|terug|toe|uit|vast|voor|"
                        r"vrij|weg)?ge\w+[dtn]$")
PARATAXIS_REACH = 4  # tokens after a comma within which the second clause's verb stands


def _has_verb(words: list[str], tags: list[str] | None, start: int, end: int) -> bool:
    return any(_is_verb(words, tags, j) for j in range(start, end))


def _is_verb(words: list[str], tags: list[str] | None, i: int) -> bool:
    """A verb at i: by its tag when tagged, else an auxiliary or a finite lexicon form."""
    if tags is not None and i < len(tags) and tags[i]:
        return tags[i] in VERB_TAGS
    return _finite_follows(words, i)


def _paratactic(words: list[str], tags: list[str] | None, start: int, comma_next: int) -> bool:
    """A main clause with its verb before the comma and a new subject + finite verb right after
    it ("Rusland valt aan, Oekraïne slaat terug"); not an apposition or an enumeration."""
    if tags is None or not any(tags[j] in VERB_TAGS for j in range(start, comma_next - 1)):
        return False
    if _finite_follows(words, comma_next):
        return True  # "De politie viel binnen, arresteerde drie mannen"
    for j in range(comma_next + 1, min(len(words), comma_next + PARATAXIS_REACH + 1)):
        if words[j] in (COMMA, *CLAUSE_BREAK_PUNCT) or words[j] in grammar().relatives:
            return False
        if tags[j] in VERB_TAGS:
            finite_form = not words[j].endswith("en") and not PARTICIPLE.match(words[j])
            return _finite_follows(words, j) or tags[j] == "AUX" or finite_form
    return False


def assign_actors(clauses: list[Clause], actors: list[ActorSpan], tokens: list[Token]) -> None:
    """Put every actor span into its clause and note the preposition that governs it."""
    for clause in clauses:
        floor = clause.start
        previous: ActorSpan | None = None
        for span in actors:
            if clause.start <= span.first < clause.end:
                span.prep = _preposition(tokens, span.first, floor)
                if (
                    span.prep is None
                    and previous is not None
                    and previous.prep is not None
                    and _coordinated(tokens, previous.last, span.first)
                ):
                    span.prep = previous.prep  # "met hulp van Qatar, Egypte en de VS"
                clause.actors.append(span)
                previous = span


def _coordinated(tokens: list[Token], last: int, first: int) -> bool:
    """Only a comma or "en"/"of" (and articles) between two actors: one coordinated NP."""
    g = grammar()
    gap = [token.text.lower() for token in tokens[last + 1 : first]]
    if not gap or not any(word in COORDINATION for word in gap):
        return False
    return all(word in COORDINATION or word in g.determiners for word in gap)
