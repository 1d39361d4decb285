"""The GDELT-style event table: one row per coded event, GDELT 2.0 column names.

Columns with a GDELT 2.0 event-table equivalent carry its name; kroniek's own columns follow in
lower case. Differences from GDELT, on purpose:

- ``GLOBALEVENTID`` is a stable 60-bit hash of (article id, event number), not a sequence.
- ``SQLDATE`` is YYYYMMDD of the event date (its own, else the article's publication date); parts
  that are not known are zeros: ``20171200`` is "some day in December 2017", ``20170000`` a year.
  ``date`` keeps the ISO string and ``date_precision`` says day, month or year.
- Country codes are ISO 3166-1 alpha-3 (or IGO codes such as EUR) for actors and places, where
  GDELT uses CAMEO codes for actors and FIPS for places.
- ``EventCode`` is the CAMEO code as coded ("03", "0332"; "--" for PLOVER CRIME, which has none).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from kroniek.store import schema
from kroniek.store.database import Store

GDELT_FILE = "events.gdelt.tsv"
EVENT_ID_HEX_DIGITS = 15  # 60 bits: fits a signed 64-bit integer
DATE_PRECISION = {4: "year", 7: "month", 10: "day"}
ISO_DAY_CHARS = 10

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumArticles",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
]  # fmt: skip
KRONIEK_COLUMNS = [
    "article_id", "event_n", "plover", "date", "date_precision", "modality", "negated",
    "reported_by", "trigger", "sentence", "rule", "outlet", "story",
    "actor1_entity", "actor2_entity",
]  # fmt: skip
COLUMNS = GDELT_COLUMNS + KRONIEK_COLUMNS


def event_id(article_id: str, n: int) -> int:
    return int(hashlib.sha1(f"{article_id}:{n}".encode()).hexdigest()[:EVENT_ID_HEX_DIGITS], 16)


def sql_date(iso: str | None) -> int | None:
    """YYYYMMDD with zeros for unknown parts; None when there is no date."""
    if not iso or len(iso) < 4 or not iso[:4].isdigit():
        return None
    digits = iso[:ISO_DAY_CHARS].replace("-", "")
    return int(digits.ljust(8, "0")) if digits.isdigit() else None


def _date_added(ingested_at: str | None) -> int | None:
    digits = "".join(ch for ch in (ingested_at or "")[:19] if ch.isdigit())
    return int(digits) if len(digits) == len("YYYYMMDDHHMMSS") else None


def _query() -> sa.Select[Any]:
    e, a, p = schema.events, schema.articles, schema.places
    source = schema.entities.alias("source_entity")
    target = schema.entities.alias("target_entity")
    return (
        sa.select(
            e, sa.func.coalesce(e.c.date, a.c.published).label("event_date"),
            a.c.url, a.c.source_file, a.c.outlet, a.c.story, a.c.ingested_at,
            source.c.name.label("source_name"), source.c.country.label("source_country"),
            source.c.role.label("source_role"),
            target.c.name.label("target_name"), target.c.country.label("target_country"),
            target.c.role.label("target_role"),
            p.c.name.label("place_name"), p.c.country.label("place_country"),
            p.c.lat, p.c.lon,
        )
        .join(a, a.c.id == e.c.article_id)
        .outerjoin(source, sa.and_(source.c.article_id == e.c.article_id,
                                   source.c.entity_id == e.c.source_entity))
        .outerjoin(target, sa.and_(target.c.article_id == e.c.article_id,
                                   target.c.entity_id == e.c.target_entity))
        .outerjoin(p, sa.and_(p.c.article_id == e.c.article_id, p.c.place_id == e.c.location))
        .order_by(e.c.article_id, e.c.n)
    )  # fmt: skip


def _country(code: str | None, country: str | None) -> str | None:
    if country:
        return country
    if code and len(code) >= 3 and code[:3].isalpha() and code[:3].isupper():
        return code[:3]
    return None


def gdelt_row(row: dict[str, Any]) -> dict[str, Any]:
    """One event (joined with its article, actors and place) as a GDELT-style row."""
    when = row["event_date"]
    day = sql_date(when)
    cameo = row["cameo"] or ""
    return {
        "GLOBALEVENTID": event_id(row["article_id"], row["n"]),
        "SQLDATE": day,
        "MonthYear": day // 100 if day and day % 10000 >= 100 else None,
        "Year": day // 10000 if day else None,
        "Actor1Code": row["source_code"], "Actor1Name": row["source_name"],
        "Actor1CountryCode": _country(row["source_code"], row["source_country"]),
        "Actor1Type1Code": row["source_role"],
        "Actor2Code": row["target_code"], "Actor2Name": row["target_name"],
        "Actor2CountryCode": _country(row["target_code"], row["target_country"]),
        "Actor2Type1Code": row["target_role"],
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": row["quad_class"], "GoldsteinScale": row["goldstein"],
        "NumArticles": 1,
        "ActionGeo_FullName": row["place_name"], "ActionGeo_CountryCode": row["place_country"],
        "ActionGeo_Lat": row["lat"], "ActionGeo_Long": row["lon"],
        "ActionGeo_FeatureID": row["location"],
        "DATEADDED": _date_added(row["ingested_at"]),
        "SOURCEURL": row["url"] or row["source_file"],
        "article_id": row["article_id"], "event_n": row["n"], "plover": row["plover"],
        "date": when, "date_precision": DATE_PRECISION.get(min(len(when or ""), ISO_DAY_CHARS)),
        "modality": row["modality"], "negated": row["negated"],
        "reported_by": row["reported_by"], "trigger": row["trigger"],
        "sentence": row["sentence"], "rule": row["rule"], "outlet": row["outlet"],
        "story": row["story"], "actor1_entity": row["source_entity"],
        "actor2_entity": row["target_entity"],
    }  # fmt: skip


def gdelt_chunks(store: Store, chunk_rows: int) -> Iterator[list[dict[str, Any]]]:
    with store.engine.connect() as connection:
        result = connection.execution_options(yield_per=chunk_rows).execute(_query())
        for partition in result.mappings().partitions(chunk_rows):
            yield [gdelt_row(dict(row)) for row in partition]


def write_gdelt(store: Store, path: Path, chunk_rows: int) -> int:
    from kroniek.export.tables import write_csv

    return write_csv(path, COLUMNS, gdelt_chunks(store, chunk_rows), delimiter="\t")
