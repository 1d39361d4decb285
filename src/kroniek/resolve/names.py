"""Names only the tagger found, made fit to be entities: repaired, filtered and typed.

The tagger marks spans word by word and knows little of the sentence around them. Before such a
span becomes an entity of its own (``kroniek.resolve.actors``) this module

- repairs its edges: "Peter R" + ". de Vries" is one name, as are "Hamed al-Khoedri" and
  "Ferdinand Marcos jr."; a sentence-initial noun ("Chipfabrikant Nexperia"), a nationality
  adjective ("Chinese Wingtech") or a description ("anti-raketsysteem Iron Dome") before the
  name is not part of it, nor is a capitalised article after an initial ("Sofie D. De");
- drops what is no name: portfolios ("minister van Asiel en Migratie"), compounds of a name
  and a common noun ("Hamas-leider"), nationality nouns ("een Mexicaan"), photo credits;
- types it from the words around it: a person noun before it ("bestuurder Rinse Bruinsma"), an
  organisation noun ("chipfabrikant Nexperia", "de directie van Samsonite"), a place noun ("de
  luchtmachtbasis van Khmeimim"), its own last word ("Oertijdmuseum", "Janssen Pharmaceutica"),
  a first name ("Oleg Sentsov"), a road number ("E40");
- and makes one name one type throughout an article.

The word lists are data: ``data/actors/names.yaml``. First names come from the NER gazetteer's
list, Faker's person providers (all Latin-script names), the byline list and the actor
dictionary's people.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kroniek.models import NamedSpan, Sentence
from kroniek.resolve.actor_index import fold
from kroniek.resources import read_lines, read_text

NAMES_FILE = "actors/names.yaml"
EDGE = "\"'“”„‘’«»()[]:;,.!?"
CREDIT_MARKS = ("©", "Ⓒ", "(c)")
ARTICLES = ("de", "het")
# Lower-case words that may stand inside a name: "Huis ten Bosch", "Bosnië en Herzegovina".
NAME_PARTICLES = frozenset(
    {"van", "de", "der", "den", "ter", "ten", "te", "von", "zu", "al", "el", "d'", "'t", "la", "le",
     "les", "du", "da", "di", "dos", "das", "do", "del", "della", "y", "e", "en", "of", "the",
     "and", "und", "et", "bin", "ibn", "ben", "abu", "aan", "op", "in", "on", "upon", "for"}
)  # fmt: skip
MIN_SUFFIX_HEAD = 4  # "museum" ends "Oertijdmuseum"; shorter heads must be whole words
MIN_COMPOUND_PREFIX = 3
BUSINESS_LOOKBACK = 80  # characters before a name searched for "de Amerikaanse fabrikant"
MIN_NAME_LENGTH = 2
_WORD = re.compile(r"[^\s]+")
_INITIAL_END = re.compile(r"(?:^|\s)[A-ZÀ-ÖØ-Þ]$")
_INITIAL_NAME = re.compile(
    r"\.\s+((?:(?:van|de|der|den|ter|ten|van der|van den|van de)\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]+)"
)
_PARTICLE_NAME = re.compile(
    r"\s+(?:(?:al|el|as|ad|ar|an|ash|at|az)-[A-ZÀ-ÖØ-Þ][\w'’-]*|(?:bin|ibn|ben|abu|ould)\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)"
)
_DOTTED_END = re.compile(r"(?:\s[A-ZÀ-ÖØ-Þ]|\s[JjSs]r)$")
_JUNIOR = re.compile(r"\s+(?:[Jj]r|[Ss]r)\.?")
_ROAD = re.compile(r"[AENRB]\d{1,3}")
_AGE_AFTER = re.compile(r"\s*\(\s*\d{1,3}(?:\s*jaar)?\s*\)")  # "Jan K. (46)"
_AGE_BEFORE = re.compile(r"\d{1,3}-jarige\s+$")  # "de 46-jarige Jan K."
_AGE_APPOSITION = re.compile(r",\s+(?:de|een)\s+\d{1,3}-jarige\b")  # "Jan K., een 46-jarige"
# "Abdel K.": a given name and the initial of a surname, as Dutch news names suspects and victims
_GIVEN_AND_INITIAL = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ]\.)+")
MAX_AGE = 120
PERSON_PREPOSITIONS = ("op", "van")  # "de moord op X", "de dood van X"
SUBJECT_PRONOUNS = ("hij", "zij")
COPULAS = ("is", "was", "werd", "wordt")
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class NameCues:
    person: frozenset[str]
    organisation: frozenset[str]
    business: frozenset[str]
    organisation_of: frozenset[str]
    location: frozenset[str]
    location_of: frozenset[str]
    organisation_heads: frozenset[str]
    event_heads: frozenset[str]
    portfolio_titles: frozenset[str]
    demonyms: frozenset[str]
    portfolios: dict[str, tuple[str, str]]  # folded Dutch portfolio -> (English, role)
    idioms: frozenset[tuple[str, ...]] = frozenset()  # "onder meer": no lake before the name
    person_of: frozenset[str] = frozenset()  # "de moord op X": X is a person
    speech_verbs: frozenset[str] = frozenset()  # "aldus X", "X zei": X is a speaker
    things: frozenset[str] = frozenset()  # "het vliegdekschip X": X is a thing (MISC)


@dataclass(slots=True)
class Name:
    """A tagger name after repair: its span, type, and whether it is a description."""

    start: int
    end: int
    label: str
    sentence: int
    decided: bool = False  # typed by a cue, not by the tagger alone
    described: bool = False  # a name + common noun ("de Vivaldi-coalitie"): keeps its article
    speaker: bool = False  # a speaker somewhere in the article ("aldus X", "X zei", "X ... hij")


def _folded_set(raw: Any) -> frozenset[str]:
    return frozenset(fold(str(w)) for w in raw or [])


@lru_cache(maxsize=1)
def cues() -> NameCues:
    import yaml

    raw = (yaml.safe_load(read_text(NAMES_FILE)) or {}).get("names") or {}
    portfolios = {
        fold(str(name)): (str(value[0]), str(value[1]))
        for name, value in (raw.get("portfolios") or {}).items()
    }
    return NameCues(
        person=_folded_set(raw.get("person_cues")),
        organisation=_folded_set(raw.get("organisation_cues")),
        business=_folded_set(raw.get("business_cues")),
        organisation_of=_folded_set(raw.get("organisation_of")),
        location=_folded_set(raw.get("location_cues")),
        location_of=_folded_set(raw.get("location_of")),
        organisation_heads=_folded_set(raw.get("organisation_heads")),
        event_heads=_folded_set(raw.get("event_heads")),
        portfolio_titles=_folded_set(raw.get("portfolio_titles")),
        demonyms=_folded_set(raw.get("demonym_nouns")),
        portfolios=portfolios,
        idioms=frozenset(tuple(fold(str(p)).split()) for p in raw.get("idioms") or []),
        person_of=_folded_set(raw.get("person_of")),
        speech_verbs=_folded_set(raw.get("speech_verbs")),
        things=_folded_set(raw.get("thing_cues")),
    )


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Folded given names: Faker's locales, the NER gazetteer, the byline list, the dictionary."""
    names = {
        fold(entry.partition("\t")[2])
        for entry in read_lines("nlp/ner_gazetteer.tsv")
        if entry.startswith("FIRSTNAME\t")
    }
    names.update(fold(name) for name in read_lines("ingest/first_names.txt"))
    names.update(_dictionary_first_names())
    names.update(fold(name) for name in _faker_first_names())
    return frozenset(names)


def _faker_first_names() -> set[str]:
    """Latin-script given names of every locale Faker's person providers have (about 21,000)."""
    import importlib
    import pkgutil

    import faker.providers.person as person

    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            value = vars(provider).get(attribute, ())
            if isinstance(value, dict | list | tuple | set | frozenset):
                found.update(name for name in value if isinstance(name, str) and _latin(name))
    return found


def _latin(name: str) -> bool:
    return name.isalpha() and all("LATIN" in unicodedata.name(c, "") for c in name)


def _dictionary_first_names() -> set[str]:
    """First words of the actor dictionary's people's names ("Oleg" of "Oleg Sentsov")."""
    from kroniek.resolve.actor_data import load_dictionary

    found: set[str] = set()
    for entry in load_dictionary().entries.values():
        if entry.type == "PER":
            for name in (entry.name, *entry.aliases):
                words = name.split()
                if len(words) > 1 and words[0].isalpha() and words[0][0].isupper():
                    found.add(fold(words[0]))
    return found


@lru_cache(maxsize=65536)
def is_dutch_word(word: str) -> bool:
    """An ordinary Dutch word (simplemma's Dutch dictionary knows it)."""
    import simplemma

    return bool(simplemma.is_known(word.lower(), lang="nl"))


def noun_in(word: str, nouns: frozenset[str]) -> bool:
    """``word`` (folded) is one of ``nouns`` or a compound ending in one: "chipfabrikant"."""
    head = word.rsplit("-", 1)[-1]
    if head in nouns or word in nouns:
        return True
    return any(
        len(noun) >= MIN_SUFFIX_HEAD
        and head.endswith(noun)
        and len(head) - len(noun) >= MIN_COMPOUND_PREFIX
        for noun in nouns
    )


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]


def _previous_words(text: str, sentence_start: int, start: int, count: int) -> list[str]:
    """Up to ``count`` folded words before ``start`` in its sentence, nearest last."""
    before = text[sentence_start:start]
    return [fold(w.strip(EDGE)) for w in before.split()[-count:]]


def _sentence_initial(text: str, sentence_start: int, start: int) -> bool:
    return all(ch in EDGE or ch.isspace() or ch in "-–—" for ch in text[sentence_start:start])


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without surrounding spaces, quotes and punctuation."""
    while start < end and (text[start].isspace() or text[start] in EDGE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in EDGE):
        end -= 1
    return start, end


def _extend(text: str, start: int, end: int, label: str) -> int:
    """The end of a person's name cut short by the tagger: initials, "al-", "jr."."""
    if _INITIAL_END.search(text[start:end]):
        found = _INITIAL_NAME.match(text, end)
        if found:
            end = found.end()
    if label == "PER" or fold(text[start:end].split()[0]) in first_names():
        found = _PARTICLE_NAME.match(text, end)
        if found:
            end = found.end()
    found = _JUNIOR.match(text, end)
    if found and (label == "PER" or " " in text[start:end]):
        end = found.end()
    return end


def _cut_front(
    text: str, start: int, end: int, sentence_start: int, adjectives: frozenset[str]
) -> tuple[int, str | None]:
    """Where the name proper starts, and the noun cut off before it (its cue), if any."""
    words = _words(text, start, end)
    cue: str | None = None
    # a description inside the span: the name is what follows its last lower-case word
    lower = [
        i for i, (s, e) in enumerate(words)
        if i > 0 and text[s].islower() and fold(text[s:e]) not in NAME_PARTICLES
    ]  # fmt: skip
    if lower and lower[-1] + 1 < len(words):
        last = lower[-1]
        cue = fold(text[words[last][0] : words[last][1]])
        words = words[last + 1 :]
    while len(words) > 1:
        s, e = words[0]
        word = fold(text[s:e])
        if _compound_head(text, s, e) is not None:  # "Advocaat-generaal Jan Peeters"
            cue = word
            words = words[1:]
            continue
        if word in adjectives:
            words = words[1:]
            continue
        initial = s == start and _sentence_initial(text, sentence_start, s)
        plain = not text[s:e].isupper() and word not in first_names()
        noun = is_dutch_word(word) or _cue_noun(word)
        if initial and plain and noun and word not in NAME_PARTICLES:
            cue = word
            words = words[1:]
            continue
        break
    return words[0][0], cue


def _cue_noun(word: str) -> bool:
    c = cues()
    return any(noun_in(word, nouns) for nouns in (c.person, c.organisation, c.location))


def _cut_back(text: str, start: int, end: int, not_names: frozenset[str]) -> int:
    """Without a capitalised article or pronoun glued on after an initial: "Sofie D. De"."""
    words = _words(text, start, end)
    while len(words) > 1 and fold(text[words[-1][0] : words[-1][1]]) in not_names:
        words = words[:-1]
    return words[-1][1]


def _portfolio(text: str, sentence_start: int, start: int, end: int, c: NameCues) -> bool:
    """A minister's or ministry's portfolio, not an actor: "minister van Asiel en Migratie"."""
    if fold(text[start:end]) not in c.portfolios:
        words = [fold(w) for w in text[start:end].split()]
        if not all(w in c.portfolios for w in words if w not in NAME_PARTICLES):
            return False
    before = _previous_words(text, sentence_start, start, 8)
    # walk back over earlier portfolios of the same list: "van Asiel en [Migratie]"
    while before and before[-1] in ("en", ",", "&"):
        before = before[:-1]
        while before and before[-1] and before[-1][:1].isalpha() and before[-1] != "van":
            before = before[:-1]
    return len(before) >= 1 and before[-1] == "van"


def _compound_head(text: str, start: int, end: int) -> str | None:
    """The lower-case head of a one-word "<Name>-<noun>" compound ("Hamas-leider" -> leider)."""
    word = text[start:end]
    if " " in word or "-" not in word:
        return None
    head = word.rsplit("-", 1)[1]
    return fold(head) if head[:1].islower() else None


def _demonym(text: str, c: NameCues) -> bool:
    word = fold(text)
    return " " not in word and (word in c.demonyms or word.rsplit("-", 1)[-1] in c.demonyms)


def _head_type(text: str, c: NameCues) -> str | None:
    words = text.split()
    last = fold(words[-1].strip(EDGE))
    if len(words) > 1 and last in c.organisation_heads:
        return "ORG"
    if len(words) == 1 and "-" not in last and noun_in(last, c.organisation_heads):
        return "ORG" if last not in c.organisation_heads else None
    return None


def _cue_type(
    text: str, sentence_start: int, start: int, cut_cue: str | None, c: NameCues
) -> str | None:
    """PER/ORG/LOC from the noun right before the name, or "<noun> van <name>"."""
    before = _previous_words(text, sentence_start, start, 4)
    candidates = [cut_cue] if cut_cue else []
    if before and not _idiom_end(before, c):
        candidates.append(before[-1])
    for word in candidates:
        if not word:
            continue
        if noun_in(word, c.person):
            return "PER"
        if noun_in(word, c.organisation):
            return "ORG"
        if noun_in(word, c.location):
            return "LOC"
        if noun_in(word, c.event_heads) or noun_in(word, c.things):
            return "MISC"  # "het liquidatieproces Marengo", "het raketschild Arrow"
    if len(before) >= 2 and before[-1] in PERSON_PREPOSITIONS and noun_in(before[-2], c.person_of):
        return "PER"
    if before and before[-1] in ARTICLES:
        before = before[:-1]
    if len(before) >= 2 and before[-1] == "van":
        if noun_in(before[-2], c.organisation_of):
            return "ORG"
        if noun_in(before[-2], c.location_of):
            return "LOC"
    return None


def business_country(text: str, start: int, adjectives: dict[str, str]) -> str | None:
    """The country of a company a nationality adjective and a company noun right before its
    name give: "het Duitse chemiebedrijf BASF" -> DEU (``adjectives``: folded -> country)."""
    before = text[max(0, start - BUSINESS_LOOKBACK) : start]
    if before[-1:] not in (" ", "") or not before.strip():
        return None
    words = [fold(w.strip(EDGE)) for w in before.split()[-2:]]
    if len(words) < 2 or not noun_in(words[1], cues().business):
        return None
    return adjectives.get(words[0])


def _idiom_end(before: list[str], c: NameCues) -> bool:
    """Whether the words before a name end a fixed phrase whose last word is no noun: "onder
    meer Jan Peeters" names no lake."""
    return any(tuple(before[-len(idiom):]) == idiom for idiom in c.idioms)


def _aged(text: str, start: int, end: int) -> bool:
    """An age next to the name, which only people have: "Jan K. (46)", "de 46-jarige Jan K."."""
    after = _AGE_AFTER.match(text, end)
    if after and int(re.sub(r"\D", "", after.group())) <= MAX_AGE:
        return True
    if _AGE_APPOSITION.match(text, end):
        return True
    return bool(_AGE_BEFORE.search(text[max(0, start - 16) : start]))


def _speaker(text: str, sentences: list[Sentence], name: Name, c: NameCues) -> bool:
    """The name is a speaker or a subject a personal pronoun takes up: "aldus X", "zei X", "X
    zei", or "X ..., hij ..." / "X ... . Hij ..." with X opening its sentence."""
    sentence = sentences[name.sentence]
    before = _previous_words(text, sentence.start, name.start, 1)
    after = [fold(w.strip(EDGE)) for w in text[name.end : sentence.end].split()[:1]]
    if (before and before[-1] in c.speech_verbs) or (after and after[0] in c.speech_verbs):
        return True
    if _person_predicate(text[name.end : sentence.end], c):
        return True
    if not _sentence_initial(text, sentence.start, name.start):
        return False
    rest = [fold(w.strip(EDGE)) for w in text[name.end : sentence.end].split()]
    if "hij" in rest:
        return True
    if name.sentence + 1 < len(sentences):
        following = sentences[name.sentence + 1]
        first = text[following.start : following.end].split()[:1]
        return bool(first) and fold(first[0].strip(EDGE)) in SUBJECT_PRONOUNS
    return False


def _person_predicate(rest: str, c: NameCues) -> bool:
    """The name is said to be someone: "X is advocaat", "X was de woordvoerder van ..."."""
    words = [fold(w.strip(EDGE)) for w in rest.split()[:3]]
    if len(words) < MIN_NAME_LENGTH or words[0] not in COPULAS:
        return False
    noun = words[2] if words[1] in ("de", "een") and len(words) > MIN_NAME_LENGTH else words[1]
    return noun_in(noun, c.person)


def _first_name_type(text: str, places: frozenset[tuple[str, ...]]) -> str | None:
    """ "Oleg Sentsov": a known given name followed by capitalised name words is a person."""
    words = text.split()
    if len(words) < MIN_NAME_LENGTH or fold(words[0]) not in first_names():
        return None
    if (fold(words[0]),) in places or fold(words[0]) in NAME_PARTICLES:
        return None
    rest = words[1:]
    ok = all(w[:1].isupper() or fold(w) in NAME_PARTICLES for w in rest)
    return "PER" if ok and rest[-1][:1].isupper() else None


@dataclass(frozen=True, slots=True)
class Context:
    """What the cleaner needs from the actor index."""

    adjectives: frozenset[str]  # nationality and city adjectives, folded
    not_names: frozenset[str]
    places: frozenset[tuple[str, ...]]  # folded names of countries and cities


def clean(text: str, span: NamedSpan, sentence: Sentence, context: Context) -> Name | None:
    """The repaired, typed name of a tagger span, or None when it names nothing."""
    c = cues()
    start, end = trim(text, span.start, span.end)
    if end - start < MIN_NAME_LENGTH or any(mark in text[start:end] for mark in CREDIT_MARKS):
        return None
    end = _extend(text, start, end, span.label)
    start, cut_cue = _cut_front(text, start, end, sentence.start, context.adjectives)
    end = _cut_back(text, start, end, context.not_names)
    start, end = trim(text, start, end)
    if text[end : end + 1] == "." and _DOTTED_END.search(text[start:end]):
        end += 1  # "Dirk V.", "Marcos jr.": the full stop is part of the name
    surface = text[start:end]
    if end - start < MIN_NAME_LENGTH or not _LETTERS.search(surface):
        return None
    if _portfolio(text, sentence.start, start, end, c) or _demonym(surface, c):
        return None
    if surface.isupper() and fold(surface) in c.person:
        return None  # a title in capitals on its own: "zei CEO Jan Mol"
    pieces = fold(surface).split("-")
    if len(pieces) > 1 and all(p in context.adjectives for p in pieces):
        return None  # "Russisch-Amerikaanse"
    name = Name(start, end, span.label, span.sentence)
    head = _compound_head(text, start, end)
    if head is not None:
        if head in c.event_heads or noun_in(head, c.event_heads):
            label = "MISC"
        elif noun_in(head, c.organisation_heads) or noun_in(head, c.organisation):
            label = "ORG"
        else:
            return None  # "Hamas-leider", "MH17-getuige": a description, no name
        name.label, name.decided, name.described = label, True, True
        return name
    typed = (
        ("LOC" if _ROAD.fullmatch(surface) else None)
        or ("PER" if span.label in ("PER", "MISC") and _aged(text, start, end) else None)
        or ("PER" if _GIVEN_AND_INITIAL.fullmatch(surface) else None)
        or _cue_type(text, sentence.start, start, cut_cue, c)
        or _head_type(surface, c)
        or _first_name_type(surface, context.places)
    )
    if typed:
        name.label, name.decided = typed, True
    return name


def clean_all(
    text: str, spans: list[NamedSpan], sentences: list[Sentence], context: Context
) -> list[Name]:
    """Every tagger span cleaned; one name keeps one type in the whole article (the type its
    cues give most often, else the tagger's most frequent one)."""
    names = [
        name
        for span in spans
        if (name := clean(text, span, sentences[span.sentence], context)) is not None
    ]
    decided: dict[str, Counter[str]] = {}
    tagged: dict[str, Counter[str]] = {}
    speakers: set[str] = set()
    c = cues()
    for name in names:
        key = fold(text[name.start : name.end])
        (decided if name.decided else tagged).setdefault(key, Counter())[name.label] += 1
        if _speaker(text, sentences, name, c):
            speakers.add(key)
    for name in names:
        key = fold(text[name.start : name.end])
        votes = decided.get(key) or tagged.get(key)
        if votes:
            name.label = votes.most_common(1)[0][0]
        name.speaker = key in speakers
    return names


def article_start(text: str, start: int) -> int:
    """``start`` moved back over a directly preceding "de"/"het" (any case)."""
    before = text[max(0, start - 4) : start]
    found = re.search(r"(?:^|(?<=\W))([Dd]e|[Hh]et)\s$", before)
    return start - (len(before) - found.start(1)) if found else start


@lru_cache(maxsize=1)
def _major_places() -> frozenset[tuple[str, ...]]:
    """Gazetteer names of countries, regions, capitals and big cities ("paris")."""
    from kroniek.resolve import gazetteer

    return frozenset(key for key, info in gazetteer.load().index.items() if not info.minor)


def context_of(index: Any) -> Context:
    """The cleaner's context from a compiled actor index (and the place gazetteer)."""
    adjectives = frozenset(index.adjectives) | frozenset(index.city_adjectives)
    places = frozenset(index.place_names) | _major_places()
    return Context(adjectives, index.not_names, places)


def doc_names(doc: Any) -> list[Name]:
    """The cleaned tagger names of a document (bundled actor index for the word lists)."""
    from kroniek.resolve.actor_index import get_index

    spans = sorted(doc.names, key=lambda s: s.start)
    return clean_all(doc.text, spans, doc.sentences, context_of(get_index()))
