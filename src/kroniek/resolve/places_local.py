"""Places the gazetteer lacks, and where they lie.

- Tagger place names the gazetteer does not know (a stadium, a hamlet, a street) become places
  without coordinates, unless they are no place at all: an acronym, a person, a common word
  opening a sentence, or a name the gazetteer knows and the matcher turned down.
- Waters and landforms named after a place ("de Straat van Kertsj", "de Baai van Nieuwpoort").
- Numbered roads ("op de E40 ter hoogte van Nevele").
- ``locate_unknown`` then puts the unknown ones at the place they most likely lie in.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from kroniek.models import Doc, Mention, Place
from kroniek.resolve import gazetteer
from kroniek.resolve.gazetteer import Gazetteer, alias_tokens, distance_km
from kroniek.resolve.gazetteer_sources import fold, slug
from kroniek.resolve.names import Name, first_names
from kroniek.resolve.names import cues as name_cues
from kroniek.resolve.places_context import (
    Hint,
    after_place_noun,
    capitalised,
    hint_of,
    words_before,
)
from kroniek.resolve.places_cues import cues

Span = tuple[int, int]
MIN_UNKNOWN_LOC = 3  # shortest tagger LOC span kept as a place without coordinates
COORD_DECIMALS = 4
ANCHOR_ARTICLES = frozenset({"de", "het", "'t", "een"})  # skipped before an anchoring word
LOCAL_KINDS = frozenset({"capital", "city", "municipality", "town"})
# Named areas an unknown place may be put in when no town is named with it ("in Zuid-Limburg
# ... in Zorvahoven"): their point is closer than a town elsewhere in the article.
AREA_KINDS = frozenset({"province", "region", "state", "country-part", "territory"})
# A town another place is put in must lie this close to the point of the province or region an
# adjective names ("de Leuvense X" is not in Ghent, though Ghent is in a neighbouring province).
ANCHOR_HINT_KM = 40.0
ROAD = re.compile(r"(?<![\w-])([A-Z])(\d{1,3})(?![\w-])")
WORD_BEFORE = re.compile(r"(\w+)\W*$")
WORD_AFTER = re.compile(r"^\W*(\w+)")
NAME_WORDS = r"[A-ZÀ-ÖØ-Þ][\w'’-]*(?: [A-ZÀ-ÖØ-Þ][\w'’-]*)*"


def _overlaps(spans: list[Span], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


# --- unknown names --------------------------------------------------------------------------


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


def _no_unknown_place(text: str, start: int, name: str, gaz: Gazetteer) -> bool:
    """A tagger place name that is no unknown place: a name the gazetteer knows (the matcher
    judged it and said no: "Tata" of "Tata Steel" in a text that never mentions Hungary), an
    acronym ("de ZCB"), an adjective ("de Zuid-Franse stad"), the bare noun of an institution
    whose name the tagger cut short ("het Muséum voor ...", "de Vereniging voor ..."), or a
    person ("Marieke (34)", "Pieter Verhulst") unless a place noun comes before it ("het dorp
    Marieke")."""
    if alias_tokens(name) in gaz.index or (name.isupper() and " " not in name):
        return True
    if fold(name) in name_cues().organisation_heads:
        return True
    if " " not in name and hint_of(name, gaz) is not None:
        return True
    words = name.split()
    if fold(words[0]) not in first_names() or after_place_noun(text, start):
        return False
    return all(capitalised(word) for word in words)


def unknown_locations(
    doc: Doc,
    names: list[Name],
    taken: list[Span],
    known: dict[str, Place] | None = None,
    gaz: Gazetteer | None = None,
) -> list[Place]:
    """Tagger place names the gazetteer does not know: places without coordinates.

    ``names`` are the article's cleaned tagger names (``kroniek.resolve.names.doc_names``); only
    those that stay places after cleaning count: not "het liquidatieproces Marengo", "een
    Oost-Vlaming" or "het Oertijdmuseum"."""
    places: dict[str, Place] = {}
    by_text = {fold(m.text): p for p in (known or {}).values() for m in p.mentions}
    for name in names:
        text = doc.text[name.start : name.end]
        if name.label not in ("LOC", "GPE") or len(text) < MIN_UNKNOWN_LOC:
            continue
        if not capitalised(text) or any(ch.isdigit() for ch in text):
            continue
        if _overlaps(taken, name.start, name.end):
            continue
        if gaz is not None and _common_opening(doc, gaz, name.start, text):
            continue  # "Drama in de haven": a place the gazetteer's common word was not
        if gaz is not None and _no_unknown_place(doc.text, name.start, text, gaz):
            continue
        mention = Mention(text, name.start, name.end, name.sentence)
        if fold(text) in by_text:  # the same name found by the gazetteer elsewhere
            by_text[fold(text)].mentions.append(mention)
            continue
        place_id = f"kroniek:place:{slug(text)}"
        place = places.setdefault(place_id, Place(place_id, text, None, None, None))
        place.mentions.append(mention)
    return list(places.values())


# --- waters and landforms -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _feature_pattern() -> re.Pattern[str]:
    heads = "|".join(sorted((re.escape(h) for h in cues().feature_heads), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{heads}) van (?:de |het )?(?P<name>{NAME_WORDS})")


def _feature_place(text: str, name: str, gaz: Gazetteer) -> Place:
    """A water or landform at the town it is named after (a strait or bay lies by it); one
    named after a country or region gets that country only ("de Golf van Thailand")."""
    place_id = f"kroniek:place:{slug(text)}"
    place = Place(place_id, text, None, None, None)
    info = gaz.index.get(alias_tokens(name))
    if info is not None:
        entry = gaz.entries[max(info.entries, key=lambda e: gaz.entries[e].population)]
        place.country = entry.country
        if entry.kind in LOCAL_KINDS:
            place.lat = round(entry.lat, COORD_DECIMALS)
            place.lon = round(entry.lon, COORD_DECIMALS)
    return place


def features(doc: Doc, taken: list[Span], gaz: Gazetteer) -> list[Place]:
    """ "Straat van Kertsj", "Baai van Nieuwpoort": waters and landforms the gazetteer lacks (the
    matcher has left the place after "van" alone: it is not what the name means)."""
    found: dict[str, Place] = {}
    for match in _feature_pattern().finditer(doc.text):
        start, end = match.span()
        sentence = doc.sentence_index(start)
        if sentence is None or doc.sentence_index(end - 1) != sentence:
            continue
        if _overlaps(taken, start, end):
            continue
        text = match.group(0)
        place = found.get(f"kroniek:place:{slug(text)}")
        if place is None:
            place = _feature_place(text, match.group("name"), gaz)
            found[place.id] = place
        place.mentions.append(Mention(text, start, end, sentence))
    return list(found.values())


# --- roads ----------------------------------------------------------------------------------


def roads(doc: Doc, taken: list[Span], known: list[Place]) -> list[Place]:
    """Numbered roads ("op de E40 ter hoogte van Nevele"), as places without coordinates."""
    c = cues()
    spans = [(m.start, m.end) for p in known for m in p.mentions] + taken
    found: dict[str, Place] = {}
    for match in ROAD.finditer(doc.text):
        if len(match.group(2)) > c.road_letters.get(match.group(1), 0):
            continue
        start, end = match.span()
        sentence = doc.sentence_index(start)
        if sentence is None or _overlaps(spans, start, end):
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
        place = found.setdefault(code, Place(f"kroniek:place:road-{code.lower()}", code, None,
                                             None, None))  # fmt: skip
        place.mentions.append(Mention(code, start, end, sentence))
    return list(found.values())


# --- locating unknown places ----------------------------------------------------------------


def _anchored(text: str, start: int) -> bool:
    """The name at ``start`` follows a locative word ("in de", "op het", "bij") or a place noun
    ("het gehucht"), articles skipped; not a noun of a large area or a town of its own ("de
    deelstaat X", "de stad X"), which lies in no other town."""
    c = cues()
    words = words_before(text, start)
    while words and words[-1].casefold() in ANCHOR_ARTICLES:
        words.pop()
    if not words or words[-1].casefold() in c.area_nouns:
        return False
    return words[-1].casefold() in c.anchored_before or words[-1].casefold() in c.place_nouns


def _hint(text: str, start: int, gaz: Gazetteer) -> Hint | None:
    """The adjective before the name ("de Leuvense Zorvahal", "het Canadese dorp X")."""
    c = cues()
    words = [w.strip("\"'“”„‘’()") for w in words_before(text, start)]
    if words and words[-1].casefold() in c.place_nouns | c.area_nouns:
        words.pop()
    return hint_of(words[-1], gaz) if words else None


@dataclass(slots=True)
class _Point:
    lat: float | None
    lon: float | None
    country: str | None


@dataclass(slots=True)
class _Located:
    """The article's located places, as anchors for the unknown ones."""

    towns: list[Place]
    areas: list[Place]
    main: Place | None  # the town the article names most, if in the article's main country


def _located(places: list[Place], gaz: Gazetteer) -> _Located:
    towns, areas = [], []
    countries: Counter[str] = Counter()
    for place in places:
        entry = gaz.get(place.id)
        if place.lat is None or entry is None:
            continue
        if entry.kind in LOCAL_KINDS:
            towns.append(place)
        elif entry.kind in AREA_KINDS:
            areas.append(place)
        if place.country is not None:
            countries[place.country] += len(place.mentions)
    main = max(
        towns, key=lambda t: (len(t.mentions), -min(m.start for m in t.mentions)), default=None
    )
    if main is not None and countries and main.country != countries.most_common(1)[0][0]:
        main = None  # a foreign article naming one Belgian town is no local news from there
    return _Located(towns, areas, main)


def _nearest(first: Mention, places: list[Place], sentence: int) -> list[Place]:
    """``places`` named in ``sentence``, nearest to ``first`` first."""
    near = [
        (abs(m.start - first.start), place)
        for place in places for m in place.mentions if m.sentence == sentence
    ]  # fmt: skip
    return [place for _, place in sorted(near, key=lambda pair: pair[0])]


def _within_hint(place: Place, hint: Hint, gaz: Gazetteer) -> bool:
    """``place`` lies in the hint's country, or near the point of one of its regions."""
    if hint.country is not None:
        return place.country == hint.country
    if place.lat is None or place.lon is None:
        return False
    return any(
        distance_km(place.lat, place.lon, region.lat, region.lon) <= ANCHOR_HINT_KM
        for region in (gaz.entries[r] for r in hint.regions)
    )


def _anchor(first: Mention, located: _Located, hint: Hint | None, gaz: Gazetteer) -> _Point | None:
    """Where an unknown place first named at ``first`` lies: a town named in the same sentence,
    a named area (province, region) in the same or the sentence before, else the article's main
    town; with an adjective before it, only a town in that country or region, else the region's
    point or the country alone."""
    sentence = first.sentence
    options: list[Place] = []
    if sentence is not None:
        options += _nearest(first, located.towns, sentence)
        options += _nearest(first, located.areas, sentence)
        if sentence > 0:
            options += _nearest(first, located.towns + located.areas, sentence - 1)
    if located.main is not None:
        options.append(located.main)
    if hint is not None:
        options = [o for o in options if _within_hint(o, hint, gaz)]
        if not options:
            if hint.country is not None:
                return _Point(None, None, hint.country)
            region = gaz.entries[hint.regions[0]]
            return _Point(region.lat, region.lon, region.country)
    if not options:
        return None
    return _Point(options[0].lat, options[0].lon, options[0].country)


def locate_unknown(places: list[Place], text: str) -> None:
    """Give places the gazetteer does not know (a stadium, a hamlet, a street) the coordinates
    and country of where they most likely lie (``_anchor``). Local news names its town; "de
    Euroborg" then sits in Groningen, not nowhere. Only names the text puts somewhere ("in de
    Euroborg", "op de E40", "de Leuvense Zorvahal") are located: a person or company the
    tagger took for a place ("onderzoek naar Nvidia") keeps no coordinates. Run it last: the
    steps before tell gazetteer places from unknown ones by their coordinates."""
    gaz = gazetteer.load()
    located = _located(places, gaz)
    for place in places:
        if place.lat is not None or place.country is not None or not place.mentions:
            continue  # located, or given a country on purpose ("de Golf van Thailand")
        first = min(place.mentions, key=lambda m: m.start)
        hint = _hint(text, first.start, gaz)
        if hint is None and not any(_anchored(text, m.start) for m in place.mentions):
            continue
        point = _anchor(first, located, hint, gaz)
        if point is not None:
            place.lat, place.lon = point.lat, point.lon
            place.country = point.country or place.country
