"""Choosing one gazetteer entry for an ambiguous place name ("Bergen": Mons, Bergen NH, Norway).

Each entry gets a score: a prior from its kind and population (and a bonus when kroniek's own
lists name it), plus context from the same article: the countries of the places it names
unambiguously, closeness to those places, and the outlet's country (``.be`` / ``.nl``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

from kroniek.resolve.gazetteer import Gazetteer, distance_km
from kroniek.resolve.gazetteer_sources import Record

# A name that is a country's means the country: its floor is above any context-boosted town.
# Islands, straits, lakes and mountains of kroniek's lists outrank GeoNames towns of the same name
# ("Bali" the island, not a town in India).
KIND_FLOOR = {
    "country": 10.0, "continent": 4.5, "ocean": 4.0, "sea": 4.0, "capital": 2.5, "region": 3.2,
    "province": 3.2, "state": 3.2, "territory": 3.2, "country-part": 3.2, "river": 3.0,
    "island": 3.0, "islands": 3.0, "strait": 3.0, "lake": 3.0, "canal": 3.0, "mountain": 3.0,
    "mountains": 3.0, "desert": 3.0, "municipality": 1.5,
}  # fmt: skip
LISTED_BONUS = 1.0  # kroniek's own lists name the place: the reading Dutch news means
CONTEXT_COUNTRY = 4.0  # the article names another place in the same country
OUTLET_COUNTRY = 2.0  # the outlet is from that country
NEAR_BONUS = ((50.0, 3.0), (150.0, 2.0), (400.0, 1.0))  # (within km, bonus) of a named place
POINT_KINDS = frozenset({"city", "town", "municipality", "capital", "province", "base", "landmark"})
OUTLET_TLDS = {".be": "BEL", ".nl": "NLD"}


class HasEntries(Protocol):
    entries: list[int]


def outlet_country(outlet: str | None) -> str | None:
    """ISO alpha-3 of the outlet's country from its domain ("hln.be" -> "BEL")."""
    if not outlet:
        return None
    host = outlet.lower().split("//")[-1].split("/")[0]
    for tld, country in OUTLET_TLDS.items():
        if host.endswith(tld):
            return country
    return None


def prior(entry: Record) -> float:
    population = math.log10(entry.population + 1) / 2
    return max(population, KIND_FLOOR.get(entry.kind, 0.0)) + (LISTED_BONUS if entry.listed else 0)


def _near_bonus(entry: Record, anchors: list[Record]) -> float:
    if entry.kind not in POINT_KINDS or not anchors:
        return 0.0
    nearest = min(distance_km(entry.lat, entry.lon, a.lat, a.lon) for a in anchors)
    for limit, bonus in NEAR_BONUS:
        if nearest <= limit:
            return bonus
    return 0.0


class _Context:
    """What the rest of the article says about where it happens."""

    def __init__(self, entries: list[Record]) -> None:
        self.countries = {e.country for e in entries if e.country is not None}
        self.anchors = [e for e in entries if e.kind in POINT_KINDS]


def _score(entry: Record, context: _Context, home: str | None) -> float:
    value = prior(entry) + _near_bonus(entry, context.anchors)
    if entry.country is not None and entry.country in context.countries:
        value += CONTEXT_COUNTRY
    if home is not None and entry.country == home:
        value += OUTLET_COUNTRY
    return value


def choose_entries(
    candidates: Sequence[HasEntries], gaz: Gazetteer, outlet: str | None
) -> list[int]:
    """The entry index chosen for each candidate, in order.

    A first pass picks by prior and outlet alone; the second pass scores each ambiguous name
    against the first-pass places of the *other* names in the article.
    """
    home = outlet_country(outlet)
    empty = _Context([])
    first = [max(c.entries, key=lambda e: _score(gaz.entries[e], empty, home)) for c in candidates]
    chosen = []
    for candidate in candidates:
        if len(candidate.entries) == 1:
            chosen.append(candidate.entries[0])
            continue
        own = set(candidate.entries)
        others = [gaz.entries[e] for e in first if e not in own]
        context = _Context(others)
        chosen.append(max(candidate.entries, key=lambda e: _score(gaz.entries[e], context, home)))
    return chosen
