"""What the words around a place name and the rest of the article say about where it lies.

- An adjective right before a name narrows it to a country, province or region: "het Duitse
  Halle" is not the Belgian Halle, "het Gelderse Elst" not the Flemish one, and "de Amerikaanse
  stad Portland" lies in the United States (nationality adjectives come from the actor
  dictionary, those of provinces and regions from ``region_adjectives`` in cues.yaml).
- A small foreign town that only GeoNames knows ("Tata", "Malden") is believed only when
  the article is about its country: it names that country, a place in it or near it, or uses its
  nationality adjective. A Dutch or Flemish text that says nothing of Hungary means the company
  in "Tata Steel", not the Hungarian town.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kroniek.models import Token
from kroniek.resolve.gazetteer import MAJOR_POPULATION, Gazetteer, distance_km
from kroniek.resolve.gazetteer_sources import Record, fold, slug
from kroniek.resolve.places_cues import cues

ADJECTIVE_ENDINGS = ("se", "sche")
PLACE_NOUN_WINDOW = 20  # characters before a name searched for "stad", "dorp", ...
# How far from the point of a hinted province or region a town may lie ("het Limburgse Beek").
HINT_RADIUS_KM = {"province": 80.0, "region": 120.0}
DEFAULT_HINT_RADIUS_KM = 80.0
HOME_COUNTRIES = frozenset({"NLD", "BEL"})  # Dutch-language news: small towns here need no support
SUPPORT_KM = 150.0  # a small foreign town this close to another place of the article is believed
POINT_KINDS = frozenset({"capital", "city", "town", "municipality", "province", "base", "landmark"})


def capitalised(text: str) -> bool:
    """The first letter of ``text`` is a capital."""
    for ch in text:
        if ch.isalpha():
            return ch.isupper()
    return False


def words_before(text: str, start: int) -> list[str]:
    """The words in the few characters before ``start``, nearest last."""
    return text[max(0, start - PLACE_NOUN_WINDOW) : start].split()


def after_place_noun(text: str, start: int) -> bool:
    """True for a name right after a place noun: "de stad Charkiv" is no person."""
    words = words_before(text, start)
    return bool(words) and words[-1].casefold() in cues().place_nouns


@dataclass(frozen=True, slots=True)
class Hint:
    """Where an adjective before a name puts it: a country, or provinces/regions (entries)."""

    country: str | None = None
    regions: tuple[int, ...] = ()


@lru_cache(maxsize=1)
def _region_ids() -> dict[str, tuple[str, ...]]:
    """Attributive adjective as written -> ids of the regions.tsv rows it names."""
    return {
        adjective: tuple(f"kroniek:place:{slug(name)}-{alpha2.lower()}" for name, alpha2 in rows)
        for adjective, rows in cues().region_adjectives.items()
    }


def _nationality(word: str) -> str | None:
    """Country of a nationality adjective, also with a compass prefix ("Noord-Duitse")."""
    from kroniek.resolve.actor_index import get_index

    folded = fold(word)
    head, _, rest = folded.partition("-")
    if rest and head in cues().compass_prefixes:
        folded = rest
    return get_index().adjectives.get(folded)


def hint_of(word: str, gaz: Gazetteer) -> Hint | None:
    """The hint of one capitalised adjective ("Limburgse", "Franse"), or None."""
    if not word[:1].isupper() or not word.endswith(ADJECTIVE_ENDINGS):
        return None
    ids = _region_ids().get(word, ())
    regions = tuple(gaz.by_id[i] for i in ids if i in gaz.by_id)
    if regions:
        return Hint(None, regions)
    country = _nationality(word)
    return Hint(country) if country is not None else None


def adjective_hint(tokens: list[Token], i: int, gaz: Gazetteer) -> Hint | None:
    """The adjective before token i, also across a place noun ("de Amerikaanse stad X")."""
    c = cues()
    j = i - 1
    if j >= 1 and tokens[j].text.casefold() in c.place_nouns | c.area_nouns:
        j -= 1
    return hint_of(tokens[j].text, gaz) if j >= 0 else None


def _within(entry: Record, region: Record) -> bool:
    radius = HINT_RADIUS_KM.get(region.kind, DEFAULT_HINT_RADIUS_KM)
    return distance_km(entry.lat, entry.lon, region.lat, region.lon) <= radius


def apply_hint(entries: list[int], hint: Hint, gaz: Gazetteer) -> list[int]:
    """The entries the hint allows; all of them when it allows none ("het Franse Bergen")."""
    if hint.country is not None:
        kept = [e for e in entries if gaz.entries[e].country == hint.country]
    else:
        regions = [gaz.entries[r] for r in hint.regions]
        kept = [
            e for e in entries
            if e in hint.regions or any(_within(gaz.entries[e], r) for r in regions)
        ]  # fmt: skip
    return kept or entries


def adjective_countries(words: Iterable[str]) -> set[str]:
    """Countries of the nationality adjectives among capitalised ``words``."""
    found = set()
    for word in words:
        if word[:1].isupper() and word.endswith(ADJECTIVE_ENDINGS):
            country = _nationality(word)
            if country is not None:
                found.add(country)
    return found


def minor(entry: Record) -> bool:
    """A small town only GeoNames knows: no capital, fewer than 100,000 inhabitants."""
    return not entry.listed and entry.kind != "capital" and entry.population < MAJOR_POPULATION


def supported(entry: Record, firm: list[Record], countries: set[str]) -> bool:
    """Whether the article backs a place: any place but a small foreign town needs no backing;
    that one needs its country among ``countries`` or another named place near it."""
    if not minor(entry) or entry.country in HOME_COUNTRIES or entry.country in countries:
        return True
    return any(
        distance_km(entry.lat, entry.lon, other.lat, other.lon) <= SUPPORT_KM
        for other in firm
        if other.kind in POINT_KINDS and other is not entry
    )
