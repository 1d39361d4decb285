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

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kroniek.models import Doc, Mention, NamedSpan, Place, Token
from kroniek.resolve import gazetteer
from kroniek.resolve.gazetteer import AliasInfo, Gazetteer
from kroniek.resolve.gazetteer_sources import fold, slug
from kroniek.resolve.names import doc_names
from kroniek.resolve.places_cues import Cues, cues
from kroniek.resolve.places_disambiguation import choose_entries

START_PUNCTUATION = frozenset({'"', "'", "“", "„", "‘", "«", "(", "[", ":", "-", "–", "—", "•"})
LIST_JOINERS = frozenset({",", "en", "of", "&"})
PLACE_NOUN_WINDOW = 20  # characters before a name searched for "stad", "dorp", ...
ANCHOR_ARTICLES = frozenset({"de", "het", "'t", "een"})  # skipped before an anchoring word
PROMINENT_KINDS = frozenset(
    {"country", "continent", "region", "province", "state", "territory", "country-part", "sea",
     "ocean"}
)  # fmt: skip
BLOCKING_LABELS = frozenset({"ORG", "MISC"})
STATE_KINDS = frozenset({"country", "capital"})  # a tagger PER span of one of these is a place
CAREFUL_POLICIES = frozenset({"word", "name", "people"})  # never matched in ALL CAPS
POSSESSIVE_SUFFIXES = ("'s", "’s")
ADJECTIVE_ENDINGS = ("se", "sche")  # "het Vlaams-Brabantse Geetbets", "de Syrische"
MIN_UNKNOWN_LOC = 3  # shortest tagger LOC span kept as a place without coordinates
COORD_DECIMALS = 4


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


# --- small predicates -------------------------------------------------------------------------


def _capitalised(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.isupper()
    return False


def _is_word(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _sentence_initial(sent: _Sentence, i: int) -> bool:
    return i <= sent.first_word or sent.tokens[i - 1].text in START_PUNCTUATION


def _capitalised_name_word(sent: _Sentence, i: int) -> bool:
    """Token i is a capitalised word that is not capitalised only by its position."""
    if i < 0 or i >= len(sent.tokens):
        return False
    text = sent.tokens[i].text
    return _is_word(text) and _capitalised(text) and not _sentence_initial(sent, i)


def _surface_case_ok(text: str, info: AliasInfo) -> bool:
    if info.lower_first:
        return True
    if not _capitalised(text):
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
    if i >= 2 and prev.casefold() in c.name_particles and tokens[i - 2].text in c.event_heads:
        return True  # "Ronde van Frankrijk", "Verdrag van Lissabon"
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
        _capitalised(prev) or _first_name_before(sent, i - 2, c)
    ):
        return True
    next_is_name = nxt < len(tokens) and _capitalised_name_word(sent, nxt)
    return next_is_name and tokens[nxt].text not in c.place_suffixes


def _first_name_before(sent: _Sentence, j: int, c: Cues) -> bool:
    """Token j looks like a first name ("Jan" in "zei Jan van Gent"), not a surname after a
    title or a first name ("burgemeester Foubert van Sint-Niklaas", "Bart Somers van Mechelen")."""
    if not _capitalised_name_word(sent, j) and not (j >= 0 and j == sent.first_word):
        return False
    if j < 0 or not _capitalised(sent.tokens[j].text):
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
    if _blocked_by_names(spans, start, end):
        return None
    candidate = Candidate(start, end, sent.index, list(info.entries))
    if _overlaps(spans.loc, start, end):
        # a common word opening a sentence ("Douane vond ...") is no small town the tagger
        # took for a place unless the article names that place firmly elsewhere
        common = info.policy == "word" and info.minor
        candidate.weak = common and _sentence_initial(sent, i) and not _has_cue(sent, i, c)
        return candidate
    prev = tokens[i - 1].text.casefold() if i > 0 else ""
    if info.policy == "people" and prev in c.people_before:
        return None
    if _looks_like_person_or_org(sent, i, length, _prominent(gaz, info), c):
        return None
    initial = _sentence_initial(sent, i)
    cue = _has_cue(sent, i, c)
    if info.policy == "name" or info.minor:
        # first names, surnames, small towns only GeoNames knows: a cue or a firm mention
        if initial and not cue:
            return None
        candidate.weak = not cue
    elif info.policy == "word" and initial:
        candidate.weak = not cue
    return candidate


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
    if fold(parts[0][0]) in c.compass_prefixes and info is not None and _capitalised(rest):
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
            new = []
            if "-" in tokens[i].text:
                new = _compound(sent, i, gaz, spans)
            elif "'" in tokens[i].text or "’" in tokens[i].text:
                new = _possessive(sent, i, gaz, spans)
            i_next = i + 1
        if new:
            found.extend(new)
            sent.last_end = tokens[i_next - 1].end
        i = i_next
    return found


# --- the stage --------------------------------------------------------------------------------


def _spans(doc: Doc, gaz: Gazetteer) -> _Spans:
    spans = _Spans()
    # last words of the people named in full: "Washington" after "Denzel Washington" is him
    surnames = {
        span.text.rsplit(" ", 1)[1]
        for span in doc.names
        if span.label == "PER" and " " in span.text
    }
    for span in doc.names:
        if span.label == "PER" and not (
            _after_place_noun(doc.text, span.start) or _state_name(span, surnames, gaz)
        ):
            spans.person.append(span)
        elif span.label in BLOCKING_LABELS:
            spans.blocking.append(span)
        elif span.label in ("LOC", "GPE"):
            spans.loc.append(span)
    return spans


def _state_name(span: NamedSpan, surnames: set[str], gaz: Gazetteer) -> bool:
    """A one-word "person" that is the name of a country or capital ("Kyiv", "Moskou"), and no
    ordinary word or first name, where no one in the article bears it as a surname: the tagger
    took a state for a person ("Rusland beschuldigt Kyiv")."""
    text = span.text
    if " " in text or text in surnames:
        return False
    info = gaz.index.get((fold(text),))
    return (
        info is not None
        and not info.policy
        and any(gaz.entries[entry].kind in STATE_KINDS for entry in info.entries)
    )


def _after_place_noun(text: str, start: int) -> bool:
    """True for a name right after a place noun: "de stad Charkiv" is no person."""
    words = text[max(0, start - PLACE_NOUN_WINDOW) : start].split()
    return bool(words) and words[-1].casefold() in cues().place_nouns


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


def find_candidates(doc: Doc, gaz: Gazetteer | None = None) -> list[Candidate]:
    gaz = gaz or gazetteer.load()
    spans = _spans(doc, gaz)
    found: list[Candidate] = []
    for index, sentence in enumerate(doc.sentences):
        found.extend(sentence_candidates(sentence.tokens, index, gaz, spans))
    return _confirmed(found)


def _common_opening(doc: Doc, gaz: Gazetteer, start: int, text: str) -> bool:
    """A one-word name opening its sentence that the gazetteer knows as an ordinary word."""
    info = gaz.index.get((fold(text),))
    if info is None or info.policy != "word":
        return False
    sentence = doc.sentence_index(start)
    if sentence is None:
        return False
    before = doc.text[doc.sentences[sentence].start : start]
    return not any(ch.isalnum() for ch in before)


def _unknown_locations(
    doc: Doc,
    taken: list[Candidate],
    known: dict[str, Place] | None = None,
    gaz: Gazetteer | None = None,
) -> list[Place]:
    """Tagger place names the gazetteer does not know: places without coordinates.

    Only names that stay places after cleaning (``kroniek.resolve.names``): not "het
    liquidatieproces Marengo", "een Oost-Vlaming" or "het Oertijdmuseum"."""
    places: dict[str, Place] = {}
    by_text = {fold(m.text): p for p in (known or {}).values() for m in p.mentions}
    for name in doc_names(doc):
        text = doc.text[name.start : name.end]
        if name.label not in ("LOC", "GPE") or len(text) < MIN_UNKNOWN_LOC:
            continue
        if not _capitalised(text) or any(ch.isdigit() for ch in text):
            continue
        if any(c.start < name.end and name.start < c.end for c in taken):
            continue
        if gaz is not None and _common_opening(doc, gaz, name.start, text):
            continue  # "Drama in de haven": a place the gazetteer's common word was not
        mention = Mention(text, name.start, name.end, name.sentence)
        if fold(text) in by_text:  # the same name found by the gazetteer elsewhere
            by_text[fold(text)].mentions.append(mention)
            continue
        place_id = f"kroniek:place:{slug(text)}"
        place = places.setdefault(place_id, Place(place_id, text, None, None, None))
        place.mentions.append(mention)
    return list(places.values())


LOCAL_KINDS = frozenset({"capital", "city", "municipality", "town"})
ROAD = re.compile(r"(?<![\w-])([A-Z])(\d{1,3})(?![\w-])")
WORD_BEFORE = re.compile(r"(\w+)\W*$")
WORD_AFTER = re.compile(r"^\W*(\w+)")


def _roads(doc: Doc, taken: list[Candidate], known: list[Place]) -> list[Place]:
    """Numbered roads ("op de E40 ter hoogte van Nevele"), as places without coordinates."""
    c = cues()
    spans = [(m.start, m.end) for p in known for m in p.mentions]
    spans += [(t.start, t.end) for t in taken]
    roads: dict[str, Place] = {}
    for match in ROAD.finditer(doc.text):
        if len(match.group(2)) > c.road_letters.get(match.group(1), 0):
            continue
        start, end = match.span()
        sentence = doc.sentence_index(start)
        if sentence is None or any(s < end and start < e for s, e in spans):
            continue
        bounds = doc.sentences[sentence]
        before = WORD_BEFORE.search(doc.text[bounds.start : start])
        after = WORD_AFTER.search(doc.text[end : bounds.end])
        if not (
            (before and before.group(1).casefold() in c.road_before)
            or (after and after.group(1).casefold() in c.road_after)
        ):
            continue
        code = match.group(0)
        place = roads.setdefault(code, Place(f"kroniek:place:road-{code.lower()}", code, None,
                                             None, None))  # fmt: skip
        place.mentions.append(Mention(code, start, end, sentence))
    return list(roads.values())




def _anchored(text: str, start: int) -> bool:
    """The name at ``start`` follows a locative word ("in de", "op het", "bij") or a place noun
    ("het gehucht"), articles skipped."""
    c = cues()
    words = text[max(0, start - PLACE_NOUN_WINDOW) : start].split()
    while words and words[-1].casefold() in ANCHOR_ARTICLES:
        words.pop()
    return bool(words) and (
        words[-1].casefold() in c.anchored_before or words[-1].casefold() in c.place_nouns
    )


def locate_unknown(places: list[Place], text: str) -> None:
    """Give places the gazetteer does not know (a stadium, a hamlet, a street) the coordinates
    and country of the town they most likely lie in: a town named in the same sentence, else
    the town the article names most. Local news names its town; "de Euroborg" then sits in
    Groningen, not nowhere. Only names the text puts somewhere ("in de Euroborg", "op de E40")
    are located: a person or company the tagger took for a place ("onderzoek naar Nvidia")
    keeps no coordinates, as do all of them without a known town. Run it last: the steps before
    tell gazetteer places from unknown ones by their coordinates."""
    gaz = gazetteer.load()
    unknown = [
        place for place in places
        if place.lat is None and any(_anchored(text, m.start) for m in place.mentions)
    ]  # fmt: skip
    towns = [
        place for place in places
        if (entry := gaz.get(place.id)) is not None and entry.kind in LOCAL_KINDS
    ]  # fmt: skip
    if not towns:
        return
    main = max(towns, key=lambda t: (len(t.mentions), -min(m.start for m in t.mentions)))
    for place in unknown:
        first = min(place.mentions, key=lambda m: m.start)
        near = [
            (abs(m.start - first.start), town)
            for town in towns for m in town.mentions if m.sentence == first.sentence
        ]  # fmt: skip
        anchor = min(near, key=lambda pair: pair[0])[1] if near else main
        place.lat, place.lon, place.country = anchor.lat, anchor.lon, anchor.country


def resolve(doc: Doc) -> list[Place]:
    """Every place the article names, with coordinates, mentions merged per place."""
    gaz = gazetteer.load()
    candidates = find_candidates(doc, gaz)
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
    unknown = _unknown_locations(doc, candidates, places, gaz)
    result = list(places.values()) + unknown + _roads(doc, candidates, unknown)
    for place in places.values():
        place.mentions.sort(key=lambda m: m.start)
    result.sort(key=lambda p: p.mentions[0].start)
    return result


@lru_cache(maxsize=1)
def warm() -> None:
    """Load the gazetteer and cues ahead of the first article (e.g. in a worker's setup)."""
    gazetteer.load()
    cues()
