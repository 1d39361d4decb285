"""Export tables: streamed row chunks and the CSV, Parquet and JSONL writers."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from kroniek.store import schema
from kroniek.store.database import Store

CHUNK_ROWS = 2000  # rows fetched and written at a time
TABLES: tuple[str, ...] = ("articles", "entities", "mentions", "events", "quotes", "places")
ARTICLE_EXCLUDED = ("analysis",)  # the record itself goes to the JSONL export

Row = dict[str, Any]


# --- reading ------------------------------------------------------------------------------------


def _stream(store: Store, query: sa.Select[Any], chunk_rows: int) -> Iterator[list[Row]]:
    """Rows of ``query`` in lists of at most ``chunk_rows``."""
    with store.engine.connect() as connection:
        result = connection.execution_options(yield_per=chunk_rows).execute(query)
        for partition in result.mappings().partitions(chunk_rows):
            yield [dict(row) for row in partition]


def _article_columns() -> list[sa.Column[Any]]:
    return [c for c in schema.articles.columns if c.name not in ARTICLE_EXCLUDED]


def _table_query(name: str) -> tuple[sa.Select[Any], list[tuple[str, Any]]]:
    """The query for a table and its (column, SQL type) list."""
    if name == "articles":
        columns = _article_columns()
        return sa.select(*columns).order_by(schema.articles.c.id), [
            (c.name, c.type) for c in columns
        ]
    table = schema.metadata.tables[name]
    order = [c for c in table.primary_key.columns]
    return sa.select(table).order_by(*order), [(c.name, c.type) for c in table.columns]


MENTION_COLUMNS: list[tuple[str, Any]] = [
    ("article_id", sa.String()), ("entity_id", sa.String()), ("generic", sa.Boolean()),
    ("text", sa.Text()), ("start", sa.Integer()), ("end", sa.Integer()),
]  # fmt: skip


def _mention_chunks(store: Store, chunk_rows: int) -> Iterator[list[Row]]:
    a = schema.articles
    query = sa.select(a.c.id, a.c.analysis).where(a.c.analysis.is_not(None)).order_by(a.c.id)
    for chunk in _stream(store, query, chunk_rows):
        rows: list[Row] = []
        for article in chunk:
            record = article["analysis"] or {}
            for key, generic in (("entities", False), ("groups", True)):
                for entity in record.get(key, []):
                    rows.extend(
                        {"article_id": article["id"], "entity_id": entity["id"],
                         "generic": generic, "text": m["text"], "start": m["start"],
                         "end": m["end"]}
                        for m in entity.get("mentions", [])
                    )  # fmt: skip
        if rows:
            yield rows


def table_chunks(
    store: Store, name: str, chunk_rows: int = CHUNK_ROWS
) -> tuple[list[tuple[str, Any]], Iterator[list[Row]]]:
    """Columns (name, SQL type) of an export table and an iterator over its row chunks."""
    if name == "mentions":
        return MENTION_COLUMNS, _mention_chunks(store, chunk_rows)
    query, columns = _table_query(name)
    json_columns = {n for n, t in columns if isinstance(t, sa.JSON)}

    def chunks() -> Iterator[list[Row]]:
        for chunk in _stream(store, query, chunk_rows):
            for row in chunk:
                for column in json_columns:
                    row[column] = json.dumps(row[column], ensure_ascii=False)
            yield chunk

    return [(n, sa.Text() if n in json_columns else t) for n, t in columns], chunks()


# --- writers ------------------------------------------------------------------------------------


def write_csv(
    path: Path, columns: list[str], chunks: Iterator[list[Row]], delimiter: str = ","
) -> int:
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter, extrasaction="ignore")
        writer.writeheader()
        for chunk in chunks:
            writer.writerows(chunk)
            written += len(chunk)
    return written


def _arrow_type(sql_type: Any) -> Any:
    import pyarrow as pa

    if isinstance(sql_type, sa.Boolean):
        return pa.bool_()
    if isinstance(sql_type, sa.Integer):  # BigInteger is an Integer
        return pa.int64()
    if isinstance(sql_type, sa.Float):
        return pa.float64()
    if isinstance(sql_type, sa.LargeBinary):
        return pa.binary()
    return pa.string()


def write_parquet(path: Path, columns: list[tuple[str, Any]], chunks: Iterator[list[Row]]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow_schema = pa.schema([(name, _arrow_type(sql_type)) for name, sql_type in columns])
    written = 0
    with pq.ParquetWriter(path, arrow_schema) as writer:
        for chunk in chunks:
            writer.write_table(pa.Table.from_pylist(chunk, schema=arrow_schema))
            written += len(chunk)
        if written == 0:
            writer.write_table(arrow_schema.empty_table())
    return written


def write_records(store: Store, path: Path, chunk_rows: int) -> int:
    a = schema.articles
    query = (
        sa.select(a.c.analysis, a.c.story).where(a.c.analysis.is_not(None))
        .order_by(a.c.ingested_at, a.c.id)
    )  # fmt: skip
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for chunk in _stream(store, query, chunk_rows):
            for row in chunk:
                record = dict(row["analysis"])
                record["story"] = row["story"]
                out.write(json.dumps(record, ensure_ascii=False))
                out.write("\n")
            written += len(chunk)
    return written
