"""Word lists that steer place matching, loaded from ``data/places/cues.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from kroniek.resources import read_text

CUES_FILE = "places/cues.yaml"


@dataclass(frozen=True, slots=True)
class Cues:
    locative_before: frozenset[str]  # lower-case
    name_particles: frozenset[str]  # lower-case
    person_titles: frozenset[str]  # lower-case
    organisation_after: frozenset[str]  # as written (capitalised)
    place_suffixes: frozenset[str]  # as written (capitalised)
    geographic_heads: frozenset[str]  # lower-case
    compass_prefixes: frozenset[str]  # lower-case
    people_before: frozenset[str]  # lower-case
    sentence_starters: frozenset[str]  # lower-case
    generic_heads: frozenset[str]  # lower-case
    event_heads: frozenset[str]  # as written (capitalised)
    place_nouns: frozenset[str]  # lower-case: "de stad X" makes X a place whatever a tagger says
    anchored_before: frozenset[str]  # lower-case: an unknown place after these lies in a town
    # Dutch prefix -> (English adjective, north, east): compass parts of countries
    compass_regions: dict[str, tuple[str, int, int]]
    road_letters: dict[str, int]  # capital letter -> most digits of its road numbers
    road_before: frozenset[str]  # lower-case
    road_after: frozenset[str]  # lower-case
    feature_heads: frozenset[str]  # as written (capitalised): "Straat van Kertsj"
    firm_locative: frozenset[str]  # lower-case: "in Anderlecht", not "bij Anderlecht"
    place_of_heads: frozenset[str]  # lower-case: "de burgemeester van Zele"
    area_nouns: frozenset[str]  # lower-case: "de deelstaat X" is not inside a town
    # attributive adjective as written -> (English name, alpha-2) of regions.tsv rows
    region_adjectives: dict[str, tuple[tuple[str, str], ...]]


@lru_cache(maxsize=1)
def cues() -> Cues:
    raw = yaml.safe_load(read_text(CUES_FILE))

    def words(key: str, lower: bool = True) -> frozenset[str]:
        return frozenset(str(w).casefold() if lower else str(w) for w in raw[key])

    return Cues(
        locative_before=words("locative_before"),
        name_particles=words("name_particles"),
        person_titles=words("person_titles"),
        organisation_after=words("organisation_after", lower=False),
        place_suffixes=words("place_suffixes", lower=False),
        geographic_heads=words("geographic_heads"),
        compass_prefixes=words("compass_prefixes"),
        people_before=words("people_before"),
        sentence_starters=words("sentence_starters"),
        generic_heads=words("generic_heads"),
        event_heads=words("event_heads", lower=False),
        place_nouns=words("place_nouns"),
        anchored_before=words("anchored_before"),
        compass_regions={
            str(prefix): (str(english), int(north), int(east))
            for prefix, (english, north, east) in raw["compass_regions"].items()
        },
        road_letters={str(letter): int(most) for letter, most in raw["road_letters"].items()},
        road_before=words("road_before"),
        road_after=words("road_after"),
        feature_heads=words("feature_heads", lower=False),
        firm_locative=words("firm_locative"),
        place_of_heads=words("place_of_heads"),
        area_nouns=words("area_nouns"),
        region_adjectives={
            str(adjective): tuple((str(name), str(alpha2)) for name, alpha2 in regions)
            for adjective, regions in raw["region_adjectives"].items()
        },
    )
