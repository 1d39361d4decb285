"""The compiled, searchable form of the actor dictionary (built once per dictionary, cached).

Aliases are stored as sequences of folded word pieces (lower case, accents stripped, split at
hyphens) in a dict keyed by the first piece, longest first, so a sentence is matched with one dict
lookup per word. Descriptions built from an adjective and a noun ("de Russische president",
"Syrische rebellen") are not enumerated: an adjective table and a noun table are looked up in turn.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kroniek.models import Token
from kroniek.nlp.tokenize import tokenize_span
from kroniek.resolve.actor_data import (
    ActorEntry,
    Dictionary,
    Office,
    env_files,
    slugify,
)
from kroniek.resources import data_path, read_text

if TYPE_CHECKING:
    from kroniek.resolve.actor_institutions import Institutions

# Name particles that start a surname: "Ursula von der Leyen" -> "von der Leyen".
SURNAME_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "der",
        "den",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "du",
        "le",
        "la",
        "ter",
        "ten",
        "al",
        "el",
        "bin",
        "ben",
        "abu",
        "ibn",
    }
)
# Prefixes of English canonical names that are no surname ("King Philippe", "Pope Francis").
TITLE_WORDS = frozenset(
    {
        "King",
        "Queen",
        "Pope",
        "Prince",
        "Princess",
        "Mullah",
        "Grand",
        "Duke",
        "Crown",
        "Emir",
        "Sheikh",
    }
)
ADJECTIVE_ENDING = "e"  # Russisch -> Russische
DEFAULT_LEADER_KIND = "head-of-state"
LEADER = "leader"
LEADING_ARTICLES = frozenset({"de", "het"})  # lower case only: "De Wever" keeps its "De"
_QUOTES = "\"'“”„‘’«»‹›"
_HYPHEN_RE = re.compile(r"[^-]+")
_DOUBLE_VOWEL_END = re.compile(r"([aeou])\1([^aeiou])$")  # Chinees -> Chines(e)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
# Offices whose kind is named with a national adjective; regional and city offices are not.
NATIONAL_KINDS = frozenset(
    {
        "head-of-state",
        "monarch",
        "head-of-government",
        "foreign-minister",
        "defence-minister",
        "interior-minister",
        "finance-minister",
        "justice-minister",
        "supreme-leader",
        "vice-president",
        "commission-president",
        "pope",
    }
)


# first folded piece -> [(all pieces, value)], longest first
NounTable = dict[str, list[tuple[tuple[str, ...], str]]]


@dataclass(frozen=True, slots=True)
class Target:
    """What an alias stands for: an entity, an entity's surname, or an office."""

    kind: str  # "entity" | "surname" | "office"
    ref: str
    explicit: bool = True  # written in the data (not derived)


@dataclass(slots=True)
class Pattern:
    pieces: tuple[str, ...]  # folded word pieces
    surface: tuple[str, ...]  # the same pieces as written, for the case check
    targets: list[Target] = field(default_factory=list)
    common: bool = False  # a single ordinary word: not at the start of a sentence


@dataclass(frozen=True, slots=True)
class Piece:
    """A word piece of a sentence: a token, or part of a hyphenated token."""

    text: str
    folded: str
    start: int
    end: int
    token: int  # index of the token it belongs to
    first: bool  # first piece of its token


@dataclass(slots=True)
class Index:
    dictionary: Dictionary
    patterns: dict[str, list[Pattern]] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)  # folded adjective -> country
    city_adjectives: dict[str, str] = field(default_factory=dict)
    place_names: dict[tuple[str, ...], str] = field(default_factory=dict)  # country/city -> code
    kind_nouns: NounTable = field(default_factory=dict)  # noun -> office kind
    group_nouns: NounTable = field(default_factory=dict)  # noun -> role
    bare_groups: NounTable = field(default_factory=dict)
    demonyms: NounTable = field(default_factory=dict)  # "Russen" -> country code
    counterparts: frozenset[str] = frozenset()
    offices_by_kind: dict[tuple[str, str | None], list[Office]] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)  # entry id -> folded surname
    common_words: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    leader_kinds: dict[str, str] = field(default_factory=dict)  # country -> kind of its leader
    portfolios: NounTable = field(default_factory=dict)  # "Buitenlandse Zaken" -> its key
    institutions: Institutions | None = None  # "de regering", "het hof"
    with_article: set[str] = field(default_factory=set)  # entry ids named "het Kremlin"

    def leader_kind(self, country: str | None) -> str:
        """The office kind that "de <adjective> leider" names for a country."""
        return self.leader_kinds.get(country or "", DEFAULT_LEADER_KIND)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents and with straight apostrophes: the matching key of a word."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def split_pieces(tokens: list[Token], text: str) -> list[Piece]:
    """Word pieces of a token list: hyphenated tokens ("Kremlin-woordvoerder") are split."""
    pieces: list[Piece] = []
    for index, token in enumerate(tokens):
        if "-" not in token.text or len(token.text) == 1:
            pieces.append(Piece(token.text, fold(token.text), token.start, token.end, index, True))
            continue
        for number, match in enumerate(_HYPHEN_RE.finditer(token.text)):
            start = token.start + match.start()
            end = token.start + match.end()
            word = text[start:end]
            pieces.append(Piece(word, fold(word), start, end, index, number == 0))
    return pieces


def alias_pieces(alias: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(folded, as written) word pieces of an alias, tokenised like article text."""
    tokens = tokenize_span(alias, 0, len(alias))
    pieces = [p for p in split_pieces(tokens, alias) if p.text not in _QUOTES]
    return tuple(p.folded for p in pieces), tuple(p.text for p in pieces)


def case_matches(written: str, found: str) -> bool:
    """Whether ``found`` in the text has the case the alias asks for.

    Lower-case alias words match any case; a capitalised one needs a capital; an all-capitals
    abbreviation ("VS", "IS", "EU") must be written exactly so.
    """
    if not written[:1].isupper():
        return True
    if not found[:1].isupper():
        return False
    letters = [c for c in written if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return written == found
    return True


def derive_surname(entry: ActorEntry) -> str | None:
    """The part of a person's name used on its own: last word, or from the first particle."""
    if entry.surname:
        return entry.surname if entry.surname != entry.name else None
    words = [w for w in entry.name.split() if w not in TITLE_WORDS]
    if len(words) < 2:
        return None
    for position in range(1, len(words) - 1):
        if words[position].lower() in SURNAME_PARTICLES:
            return " ".join(words[position:])
    last = words[-1]
    if last.rstrip(".").lower() in {"jr", "sr"} or re.fullmatch(r"[IVX]+", last):
        return None
    return last


def _add(index: Index, alias: str, target: Target) -> None:
    folded, surface = alias_pieces(alias)
    if len(surface) > 1 and surface[0] in LEADING_ARTICLES:  # "het Kremlin": match "Kremlin"
        folded, surface = folded[1:], surface[1:]
    if not folded:
        return
    bucket = index.patterns.setdefault(folded[0], [])
    for pattern in bucket:
        if pattern.surface == surface:
            if target not in pattern.targets:
                pattern.targets.append(target)
            return
    common = len(surface) == 1 and surface[0] in index.common_words
    bucket.append(Pattern(folded, surface, [target], common))


def _add_entries(index: Index) -> None:
    for entry in index.dictionary.entries.values():
        target = Target("entity", entry.id)
        # a country's English name is no Dutch word for it ("Jordan", "Chad")
        names = entry.aliases if entry.type == "GPE" else [entry.name, *entry.aliases]
        for alias in dict.fromkeys(names):
            _add(index, alias, target)
            if alias.split()[0] in LEADING_ARTICLES and " " in alias:
                index.with_article.add(entry.id)
        if entry.type != "PER":
            continue
        surname = derive_surname(entry)
        if surname and surname not in entry.aliases and surname != entry.name:
            index.surnames[entry.id] = " ".join(alias_pieces(surname)[0])
            # a surname that is also an ordinary word ("Blok") is matched too, but stands for
            # the person only where the article names them in full or by title (actor_match)
            _add(index, surname, Target("surname", entry.id, explicit=False))


def _add_offices(index: Index) -> None:
    for office in index.dictionary.offices.values():
        key = (office.kind, office.country)
        index.offices_by_kind.setdefault(key, []).append(office)
        for description in office.descriptions:
            _add(index, description, Target("office", office.id))


def _noun_table(words: dict[str, str]) -> NounTable:
    table: NounTable = {}
    for word, value in words.items():
        pieces = alias_pieces(word)[0]
        if pieces:
            table.setdefault(pieces[0], []).append((pieces, value))
    for entries in table.values():
        entries.sort(key=lambda item: -len(item[0]))
    return table


def inflect(adjective: str) -> str:
    """Attributive form of a Dutch adjective: Russisch -> Russische, Chinees -> Chinese."""
    return _DOUBLE_VOWEL_END.sub(r"\1\2", adjective) + ADJECTIVE_ENDING


def _adjective_table(adjectives: dict[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for adjective, country in adjectives.items():
        folded = fold(adjective)
        table[folded] = country
        table[inflect(folded)] = country
    return table


def _place_names(dictionary: Dictionary) -> dict[tuple[str, ...], str]:
    names: dict[tuple[str, ...], str] = {}
    for entry in dictionary.entries.values():
        if entry.type == "GPE" and entry.country:
            for alias in entry.aliases:
                names[alias_pieces(alias)[0]] = entry.country
    for city, country in dictionary.cities.items():
        names[alias_pieces(city)[0]] = country
    return names


def _word_list(raw: object) -> frozenset[str]:
    return frozenset(str(word) for word in raw) if isinstance(raw, list) else frozenset()


LEXICON = "actors/lexicon.yaml"


def lexicon_path() -> Path:
    return data_path(LEXICON)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    import yaml

    raw = yaml.safe_load(read_text(LEXICON))
    return raw if isinstance(raw, dict) else {}


def _lexicon_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    raw = _lexicon()
    return (
        _word_list(raw.get("common_words")),
        frozenset(fold(w) for w in _word_list(raw.get("not_names"))),
        frozenset(fold(w) for w in _word_list(raw.get("counterparts"))),
    )


def _leader_kinds() -> dict[str, str]:
    leaders = _lexicon().get("leaders") or {}
    return {country: kind for kind, countries in leaders.items() for country in countries}


def compile_index(dictionary: Dictionary) -> Index:
    """Build the lookup tables of a loaded dictionary."""
    common, not_names, counterparts = _lexicon_lists()
    index = Index(dictionary, common_words=common, not_names=not_names, counterparts=counterparts)
    index.leader_kinds = _leader_kinds()
    _add_entries(index)
    _add_offices(index)
    for bucket in index.patterns.values():
        bucket.sort(key=lambda p: -len(p.pieces))
    index.adjectives = _adjective_table(dictionary.nationalities)
    index.city_adjectives = _adjective_table(dictionary.city_adjectives)
    index.place_names = _place_names(dictionary)
    index.kind_nouns = _noun_table(
        {noun: kind for kind, nouns in dictionary.kinds.items() for noun in nouns}
    )
    index.group_nouns = _noun_table(dictionary.groups)
    index.bare_groups = _noun_table(dictionary.bare_groups)
    index.demonyms = _noun_table(dictionary.demonyms)
    from kroniek.resolve.names import cues

    index.portfolios = _noun_table({key: key for key in cues().portfolios})
    from kroniek.resolve.actor_institutions import compile_institutions

    index.institutions = compile_institutions(dictionary, index.patterns)
    return index


@lru_cache(maxsize=8)
def get_index(extra: tuple[str, ...] = ()) -> Index:
    """The compiled index of the bundled dictionary plus ``extra`` and ``KRONIEK_ACTORS`` files
    (read once per process; a pickled copy on disk makes later processes start fast)."""
    from kroniek.resolve.actor_cache import cached_index  # the cache imports this module

    return cached_index((*env_files(), *extra))


def generated_id(name: str) -> str:
    """Entity id for a name that is not in the dictionary."""
    return "kroniek:" + slugify(name)
