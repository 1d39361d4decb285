"""Whole-database consistency checks shared by the kill and concurrency tests.

``problems(store)`` lists every broken invariant in words (an empty list means consistent):
each article has a source, every row of a side table belongs to a stored article, and an
article's analysis is all or nothing (status, ``articles.analysis`` and the analysis tables
agree), and every article is in the full-text index. ``snapshot(store)`` captures what a run stored, to compare a killed-and-resumed run
with a clean one.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from kroniek.resources import data_path
from kroniek.store import Store, schema

KRONIEK = [sys.executable, "-c", "from kroniek.cli import main; main()"]
CORPUS_FIELDS = "headline=title"  # the bundled table.csv names its title column "headline"
ANALYSED_STATES = ("analysed", "skipped")
SIDE_TABLES = ("sources", "lsh_bands", "signatures", "entities", "events", "quotes", "places")


def corpus() -> str:
    return str(data_path("corpus"))


def ingest_command(paths: list[str], url: str, *extra: str) -> list[str]:
    return [*KRONIEK, "ingest", *paths, "--db", url, "--fields", CORPUS_FIELDS, *extra]


def run_ingest(paths: list[str], url: str, *extra: str, timeout: float = 600) -> None:
    """One complete ``kroniek ingest`` run in a subprocess; fails the test if it fails."""
    done = subprocess.run(ingest_command(paths, url, *extra), capture_output=True, text=True,
                          timeout=timeout)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]


def _expected_rows(record: dict[str, Any]) -> dict[str, int]:
    """Rows the analysis tables hold for a record (ids are keys there, so distinct ids)."""
    entity_ids = {e["id"] for e in [*record.get("entities", []), *record.get("groups", [])]}
    return {
        "entities": len(entity_ids),
        "events": len(record.get("events", [])),
        "quotes": len(record.get("quotes", [])),
        "places": len({p["id"] for p in record.get("places", [])}),
    }


def problems(store: Store) -> list[str]:
    """Every broken invariant of the stored data, one line each."""
    found: list[str] = []
    a = schema.articles
    with store.engine.connect() as connection:
        articles = {row.id: (row.status, row.analysis) for row in connection.execute(
            sa.select(a.c.id, a.c.status, a.c.analysis))}  # fmt: skip
        rows_of: dict[str, Counter[str]] = {}
        for table_name in SIDE_TABLES:
            table = schema.metadata.tables[table_name]
            column = table.c.article_id
            for article_id, count in connection.execute(
                sa.select(column, sa.func.count()).group_by(column)
            ):
                rows_of.setdefault(table_name, Counter())[article_id] = count
                if article_id not in articles:
                    found.append(f"{table_name}: {count} rows of missing article {article_id}")
        found.extend(_search_index_problems(connection))
    for article_id, (status, analysis) in articles.items():
        found.extend(_article_problems(article_id, status, analysis, rows_of))
    if not store.integrity_ok():
        found.append("database integrity check failed")
    return found


UNINDEXED = "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM search_docs)"
INDEX_ORPHANS = "SELECT count(*) FROM search_docs WHERE article_id NOT IN (SELECT id FROM articles)"


def _search_index_problems(connection: sa.Connection) -> list[str]:
    """Every article in the full-text index (written in the batch's transaction), once."""
    found = []
    if unindexed := connection.exec_driver_sql(UNINDEXED).scalar():
        found.append(f"{unindexed} articles missing from the search index")
    if orphans := connection.exec_driver_sql(INDEX_ORPHANS).scalar():
        found.append(f"{orphans} search index entries of missing articles")
    return found


def _article_problems(
    article_id: str, status: str, analysis: Any, rows_of: dict[str, Counter[str]]
) -> list[str]:
    found = []
    if rows_of.get("sources", Counter())[article_id] == 0:
        found.append(f"article {article_id} has no source")
    if status == "pending":
        if analysis is not None:
            found.append(f"pending article {article_id} has an analysis record")
        for table in ("entities", "events", "quotes", "places"):
            if rows_of.get(table, Counter())[article_id]:
                found.append(f"pending article {article_id} has {table} rows")
    elif status in ANALYSED_STATES:
        if analysis is None:
            found.append(f"{status} article {article_id} has no analysis record")
            return found
        for table, expected in _expected_rows(analysis).items():
            stored = rows_of.get(table, Counter())[article_id]
            if stored != expected:
                found.append(f"article {article_id}: {stored} {table} rows, record has {expected}")
    else:
        found.append(f"article {article_id} has unknown status {status!r}")
    return found


@dataclass(frozen=True)
class Snapshot:
    """What a run stored, comparable across runs (ingest times left out)."""

    articles: dict[str, tuple[str, Any]]  # id -> (status, analysis record)
    sources: dict[tuple[str, int], str]  # (source_file, line) -> article id
    near_duplicates: frozenset[tuple[str, str]]
    errors: frozenset[tuple[str, int, str]]


def snapshot(url: str) -> Snapshot:
    with Store.open(url) as store, store.engine.connect() as connection:
        a, s = schema.articles, schema.sources
        nd, e = schema.near_duplicates, schema.ingest_errors
        return Snapshot(
            articles={r.id: (r.status, r.analysis) for r in connection.execute(
                sa.select(a.c.id, a.c.status, a.c.analysis))},
            sources={(r.source_file, r.line): r.article_id for r in connection.execute(
                sa.select(s.c.source_file, s.c.line, s.c.article_id))},
            near_duplicates=frozenset(
                (r.article_id, r.other_id) for r in connection.execute(sa.select(nd))),
            errors=frozenset((r.source_file, r.line, r.reason) for r in connection.execute(
                sa.select(e.c.source_file, e.c.line, e.c.reason))),
        )  # fmt: skip
