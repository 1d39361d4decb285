"""Places: find place names in a Doc and resolve them to gazetteer entries with coordinates.

Matching runs over the tokens of ``doc.sentences`` (accent- and case-insensitive lookup, but the
text must be capitalised as a name is), so it works without a named-entity tagger; when
``doc.names`` holds tagger spans, PER spans (and ORG/MISC spans that are more than the place name)
block matches inside them and LOC spans count as evidence. Names that are also ordinary words,
first names or surnames need more evidence (see ``data/places/homographs.tsv`` and ``cues.yaml``).
Ambiguous names are resolved by the countries and places the article mentions unambiguously, the
outlet's country and a population/kind prior (``places_disambiguation``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kroniek.models import Doc, Mention, NamedSpan, Place, Token
from kroniek.resolve import gazetteer
from kroniek.resolve.gazetteer import AliasInfo, Gazetteer
from kroniek.resolve.gazetteer_sources import fold
from kroniek.resolve.names import Name, doc_names
from kroniek.resolve.places_context import (
    adjective_countries,
    adjective_hint,
    after_place_noun,
    apply_hint,
    capitalised,
    supported,
    words_before,
)
from kroniek.resolve.places_cues import Cues, cues
from kroniek.resolve.places_disambiguation import choose_entries
from kroniek.resolve.places_local import COORD_DECIMALS, features, roads, unknown_locations
from kroniek.resolve.places_local import LOCAL_KINDS as LOCAL_KINDS
from kroniek.resolve.places_local import locate_unknown as locate_unknown

START_PUNCTUATION = frozenset({'"', "'", "“", "„", "‘", "«", "(", "[", ":", "-", "–", "—", "•"})
LIST_JOINERS = frozenset({",", "en", "of", "&"})
ANCHOR_ARTICLES = frozenset({"de", "het", "'t", "een"})  # skipped before an anchoring word
PROMINENT_KINDS = frozenset(
    {"country", "continent", "region", "province", "state", "territory", "country-part", "sea",
     "ocean"}
)  # fmt: skip
BLOCKING_LABELS = frozenset({"ORG", "MISC"})
ELLIPSIS_JOINERS = frozenset({",", "en", "of", "tot", "&"})  # "Noord- en Zuid-Holland"
TOWN_KINDS = frozenset({"city", "town", "municipality"})  # not "capital"
STATE_KINDS = frozenset({"country", "capital"})  # a tagger PER span of one of these is a place
CAREFUL_POLICIES = frozenset({"word", "name", "people"})  # never matched in ALL CAPS
POSSESSIVE_SUFFIXES = ("'s", "’s")
ADJECTIVE_ENDINGS = ("se", "sche")  # "het Vlaams-Brabantse Geetbets", "de Syrische"


@dataclass(slots=True)
class Candidate:
    """A span of text that names a place, before disambiguation."""

    start: int
    end: int
    sentence: int
    entries: list[int]
    weak: bool = False  # a homograph accepted only if the place is confirmed elsewhere


@dataclass(slots=True)
class _Sentence:
    """One sentence's tokens with what matching needs to know about them."""

    tokens: list[Token]
    folded: list[str]
    first_word: int
    index: int
    last_end: int = -1  # end offset of the last accepted candidate


@dataclass(slots=True)
class _Spans:
    blocking: list[NamedSpan] = field(default_factory=list)
    person: list[NamedSpan] = field(default_factory=list)
    loc: list[NamedSpan] = field(default_factory=list)
    organisation: list[NamedSpan] = field(default_factory=list)  # ORG spans (also in blocking)


# --- small predicates -------------------------------------------------------------------------


def _is_word(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _sentence_initial(sent: _Sentence, i: int) -> bool:
    return i <= sent.first_word or sent.tokens[i - 1].text in START_PUNCTUATION


def _capitalised_name_word(sent: _Sentence, i: int) -> bool:
    """Token i is a capitalised word that is not capitalised only by its position."""
    if i < 0 or i >= len(sent.tokens):
        return False
    text = sent.tokens[i].text
    return _is_word(text) and capitalised(text) and not _sentence_initial(sent, i)


def _surface_case_ok(text: str, info: AliasInfo) -> bool:
    if info.lower_first:
        return True
    if not capitalised(text):
        return False
    all_caps = text.isupper() and len(text) > 1
    return not (all_caps and info.policy in CAREFUL_POLICIES)


def _prominent(gaz: Gazetteer, info: AliasInfo) -> bool:
    return any(gaz.entries[e].kind in PROMINENT_KINDS for e in info.entries)


def _overlaps(spans: list[NamedSpan], start: int, end: int) -> NamedSpan | None:
    for span in spans:
        if span.start < end and start < span.end:
            return span
    return None


# --- acceptance -------------------------------------------------------------------------------


def _blocked_by_names(spans: _Spans, start: int, end: int) -> bool:
    if _overlaps(spans.person, start, end):
        return True
    span = _overlaps(spans.blocking, start, end)
    return span is not None and not (span.start == start and span.end == end)


def _looks_like_person_or_org(
    sent: _Sentence, i: int, length: int, prominent: bool, c: Cues
) -> bool:
    """Neighbouring words show the name is part of a person's or organisation's name."""
    tokens = sent.tokens
    prev = tokens[i - 1].text if i > 0 else ""
    nxt = i + length
    if nxt < len(tokens) and tokens[nxt].text in c.organisation_after:
        return True
    if (
        _capitalised_name_word(sent, i - 1)
        and tokens[i - 1].end > sent.last_end
        and prev.casefold() not in c.name_particles
        and not prev.endswith(ADJECTIVE_ENDINGS)
    ):
        return True
    if prominent:
        return False
    if prev.casefold() in c.person_titles:
        return True
    if (
        i - 1 == sent.first_word
        and prev[:1].isupper()
        and prev.casefold() not in c.sentence_starters
    ):
        return True  # "Club Brugge ...", "Jan Mol ..." at the start of a sentence
    if prev.casefold() in c.name_particles and (
        (capitalised(prev) and not _opening_article(sent, i - 1, length))
        or _first_name_before(sent, i - 2, c)
    ):
        return True
    next_is_name = nxt < len(tokens) and _capitalised_name_word(sent, nxt)
    return next_is_name and tokens[nxt].text not in c.place_suffixes


def _opening_article(sent: _Sentence, j: int, length: int) -> bool:
    """Token j is an article opening the sentence before a name of several words: "De Straat van
    Hormuz is dicht" (a one-word name after it may be a surname: "De Mol zei")."""
    return length > 1 and j == sent.first_word and sent.tokens[j].text.casefold() in ANCHOR_ARTICLES


def _part_of_longer_name(sent: _Sentence, i: int, c: Cues) -> bool:
    """The name ends "<Head> van <name>" of an event, institution, water or landform: "Ronde van
    Frankrijk", "Universiteit van Gent", "Straat van Kertsj", "Baai van Nieuwpoort"."""
    if i < 2 or sent.tokens[i - 1].text.casefold() not in c.name_particles:
        return False
    head = sent.tokens[i - 2].text
    return head in c.event_heads or head in c.feature_heads


def _firm_cue(sent: _Sentence, i: int, c: Cues) -> bool:
    """A word before the name that puts it on a map: "in Anderlecht", "de gemeente Zele", "de
    burgemeester van Zele" (not "bij Anderlecht" or "de spelers van Genk")."""
    if i == 0:
        return False
    prev = sent.tokens[i - 1].text.casefold()
    if prev in c.firm_locative:
        return True
    return prev == "van" and i >= 2 and sent.tokens[i - 2].text.casefold() in c.place_of_heads


def _first_name_before(sent: _Sentence, j: int, c: Cues) -> bool:
    """Token j looks like a first name ("Jan" in "zei Jan van Gent"), not a surname after a
    title or a first name ("burgemeester Foubert van Sint-Niklaas", "Bart Somers van Mechelen")."""
    if not _capitalised_name_word(sent, j) and not (j >= 0 and j == sent.first_word):
        return False
    if j < 0 or not capitalised(sent.tokens[j].text):
        return False
    before = sent.tokens[j - 1].text if j > 0 else ""
    return not (_capitalised_name_word(sent, j - 1) or before.casefold() in c.person_titles)


def _has_cue(sent: _Sentence, i: int, c: Cues) -> bool:
    """A locative word before the name, or the name continues a list of places."""
    if i == 0:
        return False
    prev = sent.tokens[i - 1].text.casefold()
    if prev in c.locative_before:
        return True
    return prev in LIST_JOINERS and i >= 2 and sent.tokens[i - 2].end == sent.last_end


def _judge(
    sent: _Sentence, i: int, length: int, info: AliasInfo, gaz: Gazetteer, spans: _Spans
) -> Candidate | None:
    """A candidate for tokens[i:i+length] naming ``info``'s places, or None when rejected."""
    c = cues()
    tokens = sent.tokens
    start, end = tokens[i].start, tokens[i + length - 1].end
    if _blocked_by_names(spans, start, end) or _part_of_longer_name(sent, i, c):
        return None
    candidate = Candidate(start, end, sent.index, list(info.entries))
    hint = adjective_hint(tokens, i, gaz)
    if hint is not None:
        candidate.entries = apply_hint(candidate.entries, hint, gaz)
    loc = _overlaps(spans.loc, start, end)
    if loc is not None and start <= loc.start and loc.end <= end:
        # the tagger read this very name as a place (not a longer name around it: "Tata
        # Steel"). A common word opening a sentence ("Douane vond ...") is still no small town
        # unless the article names that place firmly elsewhere.
        common = info.policy == "word" and info.minor
        candidate.weak = common and _sentence_initial(sent, i) and not _has_cue(sent, i, c)
        return candidate
    prev = tokens[i - 1].text.casefold() if i > 0 else ""
    if info.policy == "people" and prev in c.people_before:
        return None
    prominent = _prominent(gaz, info)
    if _organisation(spans, start, end, gaz, info) and not (
        _firm_cue(sent, i, c) or hint is not None
    ):
        return None  # "Anderlecht won", "Genk verloor", "speelde bij Anderlecht"
    if _looks_like_person_or_org(sent, i, length, prominent, c):
        return None
    initial = _sentence_initial(sent, i)
    cue = _has_cue(sent, i, c) or hint is not None
    if info.policy == "name" or info.minor:
        # first names, surnames, small towns only GeoNames knows: a cue or a firm mention
        if initial and not cue:
            return None
        candidate.weak = not cue
    elif info.policy == "word" and initial:
        candidate.weak = not cue
    return candidate


def _organisation(spans: _Spans, start: int, end: int, gaz: Gazetteer, info: AliasInfo) -> bool:
    """The tagger calls exactly this town name an organisation: a club or a company named after
    it ("Anderlecht won", "Genk verloor"). Only towns: a capital ("Moskou ontkent"),
    a country, an airport or an island still names a place."""
    if not any(span.start == start and span.end == end for span in spans.organisation):
        return False
    return all(gaz.entries[e].kind in TOWN_KINDS for e in info.entries)


# --- scanning ---------------------------------------------------------------------------------


def _longest_match(sent: _Sentence, i: int, gaz: Gazetteer) -> tuple[int, AliasInfo] | None:
    longest = gaz.max_len.get(sent.folded[i])
    if longest is None:
        return None
    for length in range(min(longest, len(sent.folded) - i), 0, -1):
        info = gaz.index.get(tuple(sent.folded[i : i + length]))
        if info is not None and _surface_case_ok(sent.tokens[i].text, info):
            return length, info
    return None


def _single(gaz: Gazetteer, text: str) -> AliasInfo | None:
    info = gaz.index.get((fold(text),))
    return info if info is not None and _surface_case_ok(text, info) else None


def _hyphen_parts(token: Token) -> list[tuple[str, int, int]]:
    parts, offset = [], token.start
    for piece in token.text.split("-"):
        parts.append((piece, offset, offset + len(piece)))
        offset += len(piece) + 1
    return parts


def _compound(sent: _Sentence, i: int, gaz: Gazetteer, spans: _Spans) -> list[Candidate]:
    """Places inside a hyphenated token: "Noord-Syrië", "Latakia-provincie", "Rusland-Oekraïne"."""
    c = cues()
    token = sent.tokens[i]
    parts = _hyphen_parts(token)
    if len(parts) < 2 or not all(p[0] for p in parts):
        return []
    rest = "-".join(p[0] for p in parts[1:])
    info = _single(gaz, rest)
    if fold(parts[0][0]) in c.compass_prefixes and info is not None and capitalised(rest):
        found = _judge(sent, i, 1, info, gaz, spans)
        return [found] if found is not None else []
    for k in range(len(parts) - 1, 0, -1):
        head = "-".join(p[0] for p in parts[:k])
        tail = parts[k:]
        info = _single(gaz, head)
        if info is None:
            continue
        if all(p[0].islower() for p in tail) and fold(tail[-1][0]) in c.geographic_heads:
            found = _judge(sent, i, 1, info, gaz, spans)
            return [found] if found is not None else []
        if len(tail) == 1 and tail[0][0] in c.place_suffixes:
            found = _judge(sent, i, 1, info, gaz, spans)
            return [found] if found is not None else []
    return _compound_list(sent, i, parts, gaz, spans)


def _compound_list(
    sent: _Sentence, i: int, parts: list[tuple[str, int, int]], gaz: Gazetteer, spans: _Spans
) -> list[Candidate]:
    """ "Rusland-Oekraïne": every part a prominent place, each its own mention."""
    infos = [_single(gaz, p[0]) for p in parts]
    if not all(info is not None and _prominent(gaz, info) for info in infos):
        return []
    if _blocked_by_names(spans, sent.tokens[i].start, sent.tokens[i].end):
        return []
    return [
        Candidate(start, end, sent.index, list(info.entries))
        for (_, start, end), info in zip(parts, infos, strict=True)
        if info is not None
    ]


def _possessive(sent: _Sentence, i: int, gaz: Gazetteer, spans: _Spans) -> list[Candidate]:
    """ "Amerika's": the place without the possessive ending."""
    token = sent.tokens[i]
    for suffix in POSSESSIVE_SUFFIXES:
        if token.text.endswith(suffix) and len(token.text) > len(suffix):
            info = _single(gaz, token.text[: -len(suffix)])
            if info is None or not _prominent(gaz, info):
                return []
            found = _judge(sent, i, 1, info, gaz, spans)
            if found is None:
                return []
            found.end -= len(suffix)
            return [found]
    return []


def _dotted(sent: _Sentence, i: int, gaz: Gazetteer, spans: _Spans) -> list[Candidate]:
    """ "VS.": an abbreviated place that keeps the full stop after it because the tokenizer read
    it as an abbreviation ("vs.", versus) at the end of a paragraph."""
    token = sent.tokens[i]
    stem = token.text[:-1]
    if not token.text.endswith(".") or len(stem) < 2 or not (stem.isalpha() and stem.isupper()):
        return []
    info = _single(gaz, stem)
    if info is None or not _prominent(gaz, info):
        return []
    found = _judge(sent, i, 1, info, gaz, spans)
    if found is None:
        return []
    found.end -= 1
    return [found]


def _elliptic(sent: _Sentence, i: int, gaz: Gazetteer, spans: _Spans) -> list[Candidate]:
    """ "Noord- en Zuid-Holland", "Oost-, West- en Zuid-Vlaanderen": the first part of a
    hyphenated name whose tail is written only once, at the end of the list."""
    tokens = sent.tokens
    if i + 2 >= len(tokens) or tokens[i + 1].text != "-" or not capitalised(tokens[i].text):
        return []
    k = i + 2
    while k < len(tokens):
        if tokens[k].text in ELLIPSIS_JOINERS:
            k += 1
        elif k + 1 < len(tokens) and tokens[k + 1].text == "-" and capitalised(tokens[k].text):
            k += 2
        else:
            break
    if k >= len(tokens) or k == i + 2 or "-" not in tokens[k].text.strip("-"):
        return []
    tail = tokens[k].text.split("-", 1)[1]
    info = _single(gaz, f"{tokens[i].text}-{tail}")
    start, end = tokens[i].start, tokens[i + 1].end
    if info is None or not capitalised(tail) or _blocked_by_names(spans, start, end):
        return []
    return [Candidate(start, end, sent.index, list(info.entries))]


def _first_word(tokens: list[Token]) -> int:
    for position, token in enumerate(tokens):
        if _is_word(token.text) or token.text[:1].isdigit():
            return position
    return len(tokens)


def sentence_candidates(
    tokens: list[Token], index: int, gaz: Gazetteer, spans: _Spans | None = None
) -> list[Candidate]:
    """Place candidates in one sentence's tokens (longest match first, left to right)."""
    spans = spans or _Spans()
    sent = _Sentence(tokens, [fold(t.text) for t in tokens], _first_word(tokens), index)
    found: list[Candidate] = []
    i = 0
    while i < len(tokens):
        match = _longest_match(sent, i, gaz)
        if match is not None:
            length, info = match
            candidate = _judge(sent, i, length, info, gaz, spans)
            if candidate is not None and length > 1 and sent.folded[i] in cues().generic_heads:
                candidate.start = tokens[i + 1].start  # "provincie Latakia": the name only
            new = [candidate] if candidate is not None else []
            i_next = i + length
        else:
            new = _elliptic(sent, i, gaz, spans)
            i_next = i + 2 if new else i + 1
            if not new and "-" in tokens[i].text:
                new = _compound(sent, i, gaz, spans)
            elif not new and ("'" in tokens[i].text or "’" in tokens[i].text):
                new = _possessive(sent, i, gaz, spans)
            elif not new and tokens[i].text.endswith("."):
                new = _dotted(sent, i, gaz, spans)
        if new:
            found.extend(new)
            sent.last_end = tokens[i_next - 1].end
        i = i_next
    return found


# --- the stage --------------------------------------------------------------------------------


def _spans(doc: Doc, gaz: Gazetteer, names: list[Name]) -> _Spans:
    spans = _Spans()
    # last words of the people named in full: "Washington" after "Denzel Washington" is him
    surnames = {
        span.text.rsplit(" ", 1)[1]
        for span in doc.names
        if span.label == "PER" and " " in span.text
    }
    # names the cleaner types as places by the words around them, here or elsewhere in the
    # article ("de deelstaat Kerala")
    typed = [(n.start, n.end) for n in names if n.label in ("LOC", "GPE")]
    for span in doc.names:
        if span.label == "PER" and not (
            after_place_noun(doc.text, span.start)
            or _state_name(span, surnames, gaz, doc.text)
            or any(s < span.end and span.start < e for s, e in typed)
        ):
            spans.person.append(span)
        elif span.label in BLOCKING_LABELS:
            spans.blocking.append(span)
            if span.label == "ORG":
                spans.organisation.append(span)
        elif span.label in ("LOC", "GPE"):
            spans.loc.append(span)
    return spans


def _state_name(span: NamedSpan, surnames: set[str], gaz: Gazetteer, text: str) -> bool:
    """A one-word "person" that is the name of a country or capital ("Kyiv", "Moskou"), or of a
    big city after a firm place cue ("de rit naar Sevilla"), and no ordinary word or first
    name, where no one in the article bears it as a surname: the tagger took a place for a
    person ("Rusland beschuldigt Kyiv")."""
    name = span.text
    if " " in name or name in surnames:
        return False
    info = gaz.index.get((fold(name),))
    if info is None or info.policy:
        return False
    if any(gaz.entries[entry].kind in STATE_KINDS for entry in info.entries):
        return True
    before = words_before(text, span.start)
    return not info.minor and bool(before) and before[-1].casefold() in cues().firm_locative


def _confirmed(candidates: list[Candidate]) -> list[Candidate]:
    """Drop weak (homograph) candidates unless the same place is named firmly elsewhere."""
    firm = {e for c in candidates if not c.weak for e in c.entries}
    kept = []
    for candidate in candidates:
        if candidate.weak:
            entries = [e for e in candidate.entries if e in firm]
            if not entries:
                continue
            candidate.entries = entries
        kept.append(candidate)
    return kept


def find_candidates(
    doc: Doc, gaz: Gazetteer | None = None, names: list[Name] | None = None
) -> list[Candidate]:
    """Place candidates of the whole article; ``names``: its cleaned tagger names, when the
    caller has them already (``names.doc_names``)."""
    gaz = gaz or gazetteer.load()
    spans = _spans(doc, gaz, doc_names(doc) if names is None else names)
    found: list[Candidate] = []
    for index, sentence in enumerate(doc.sentences):
        found.extend(sentence_candidates(sentence.tokens, index, gaz, spans))
    return _confirmed(found)


def _backed(doc: Doc, candidates: list[Candidate], gaz: Gazetteer) -> list[Candidate]:
    """The candidates with only the entries the article backs (``places_context.supported``): a
    small foreign town needs its country, a place near it or its nationality adjective in the
    text. A name left with no entry ("Tata" in a text that never mentions Hungary) is dropped."""
    first = choose_entries(candidates, gaz, doc.article.outlet or doc.article.url)
    # what each name means on its own, small foreign towns left out: the backing for the rest
    firm = [gaz.entries[e] for e in first if supported(gaz.entries[e], [], set())]
    countries = {e.country for e in firm if e.country is not None}
    countries |= adjective_countries(t.text for s in doc.sentences for t in s.tokens)
    kept = []
    for candidate in candidates:
        candidate.entries = [
            e for e in candidate.entries if supported(gaz.entries[e], firm, countries)
        ]
        if candidate.entries:
            kept.append(candidate)
    return kept


def resolve(doc: Doc) -> list[Place]:
    """Every place the article names, with coordinates, mentions merged per place."""
    gaz = gazetteer.load()
    names = doc_names(doc)
    candidates = _backed(doc, find_candidates(doc, gaz, names), gaz)
    chosen = choose_entries(candidates, gaz, doc.article.outlet or doc.article.url)
    places: dict[str, Place] = {}
    for candidate, entry_index in zip(candidates, chosen, strict=True):
        entry = gaz.entries[entry_index]
        place = places.get(entry.id)
        if place is None:
            place = Place(
                entry.id,
                entry.name,
                entry.country,
                round(entry.lat, COORD_DECIMALS),
                round(entry.lon, COORD_DECIMALS),
            )
            places[entry.id] = place
        text = doc.text[candidate.start : candidate.end]
        place.mentions.append(Mention(text, candidate.start, candidate.end, candidate.sentence))
    taken = [(c.start, c.end) for c in candidates]
    waters = features(doc, taken, gaz)
    taken += [(m.start, m.end) for place in waters for m in place.mentions]
    unknown = unknown_locations(doc, names, taken, places, gaz)
    result = list(places.values()) + waters + unknown + roads(doc, taken, unknown)
    for place in places.values():
        place.mentions.sort(key=lambda m: m.start)
    result.sort(key=lambda p: p.mentions[0].start)
    return result


@lru_cache(maxsize=1)
def warm() -> None:
    """Load the gazetteer and cues ahead of the first article (e.g. in a worker's setup)."""
    gazetteer.load()
    cues()
