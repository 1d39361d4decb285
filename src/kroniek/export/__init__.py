"""Exports: analysis records as JSONL, tables as CSV or Parquet, and a GDELT-style event table.

Everything streams from the database in chunks (``yield_per``: a server-side cursor on
PostgreSQL), so memory stays flat however many articles are stored.

Files written to the output folder:

- ``jsonl``: ``articles.jsonl``, one SCHEMA.md record per analysed article, ``story`` filled in
  from the current story clusters.
- ``csv`` / ``parquet``: ``articles``, ``entities``, ``mentions``, ``events``, ``quotes``,
  ``places`` (one file each). List-valued article columns (agencies, paragraphs, ...) are JSON
  text; ``mentions`` has one row per entity mention (``generic`` marks group mentions).
- ``gdelt``: ``events.gdelt.tsv``, tab-separated with a header row, one row per event, with
  GDELT 2.0 event column names where a column has an equivalent (see ``kroniek.export.gdelt``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kroniek.errors import KroniekError
from kroniek.export.gdelt import GDELT_FILE, write_gdelt
from kroniek.export.tables import (
    CHUNK_ROWS,
    TABLES,
    Row,
    table_chunks,
    write_csv,
    write_parquet,
    write_records,
)
from kroniek.store.database import Store

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "gdelt")
RECORDS_FILE = "articles.jsonl"

__all__ = ["FORMATS", "GDELT_FILE", "RECORDS_FILE", "TABLES", "ExportSummary", "export"]


@dataclass(slots=True)
class ExportSummary:
    files: dict[str, int] = field(default_factory=dict)  # file name -> rows written

    def add(self, path: Path, rows: int) -> None:
        self.files[path.name] = rows


# --- entry point --------------------------------------------------------------------------------


def export(
    store: Store,
    format: str,
    out: Path | str,
    tables: tuple[str, ...] = TABLES,
    chunk_rows: int = CHUNK_ROWS,
) -> ExportSummary:
    """Write ``store`` to folder ``out`` in ``format`` (jsonl, csv, parquet or gdelt)."""
    if format not in FORMATS:
        raise KroniekError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise KroniekError(
            f"unknown table(s) {', '.join(sorted(unknown))}: use {', '.join(TABLES)}"
        )
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary()
    if format == "jsonl":
        path = folder / RECORDS_FILE
        summary.add(path, write_records(store, path, chunk_rows))
    elif format == "gdelt":
        path = folder / GDELT_FILE
        summary.add(path, write_gdelt(store, path, chunk_rows))
    else:
        writer = _table_writer(format)
        for name in tables:
            columns, chunks = table_chunks(store, name, chunk_rows)
            path = folder / f"{name}.{format}"
            summary.add(path, writer(path, columns, chunks))
    return summary


def _table_writer(format: str) -> Callable[[Path, list[tuple[str, Any]], Iterator[list[Row]]], int]:
    if format == "parquet":
        return write_parquet
    return lambda path, columns, chunks: write_csv(path, [n for n, _t in columns], chunks)
