"""Exports round-trip: what pandas/pyarrow read back equals what the store holds."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa

from kroniek import export
from kroniek.errors import KroniekError
from kroniek.export import gdelt
from kroniek.store import Batch, Store, schema
from tests.test_analytics import PLACE, small_corpus

TABLE_KEYS = {
    "articles": ["id"],
    "entities": ["article_id", "entity_id"],
    "events": ["article_id", "n"],
    "quotes": ["article_id", "n"],
    "places": ["article_id", "place_id"],
}


@pytest.fixture
def filled(store: Store) -> Store:
    store.write_batch(Batch(articles=small_corpus()))
    with store.engine.begin() as connection:  # two articles in one story
        first, second = sorted(n.article.id for n in small_corpus()[:2])
        connection.execute(
            schema.articles.update()
            .where(schema.articles.c.id.in_([first, second]))
            .values(story="story:test")
        )
    return store


def _stored(store: Store, name: str) -> pd.DataFrame:
    table = schema.metadata.tables[name]
    columns = [c for c in table.columns if c.name != "analysis"]
    with store.engine.connect() as connection:
        rows = connection.execute(sa.select(*columns).order_by(*TABLE_KEYS[name]))
        frame = pd.DataFrame(rows.all(), columns=list(rows.keys()))
    for column in table.columns:
        if isinstance(column.type, sa.JSON) and column.name in frame:
            frame[column.name] = frame[column.name].map(lambda v: json.dumps(v, ensure_ascii=False))
    return frame


def _same(exported: pd.DataFrame, stored: pd.DataFrame, keys: list[str]) -> None:
    exported = exported.sort_values(keys, ignore_index=True)
    assert list(exported.columns) == list(stored.columns)
    for column in stored.columns:
        left = exported[column].tolist()
        right = stored[column].tolist()
        assert [None if pd.isna(v) else v for v in left] == [
            None if pd.isna(v) else v for v in right
        ], column


@pytest.mark.parametrize("chunk_rows", [1, 1000])
def test_parquet_round_trip(filled, tmp_path, chunk_rows):
    summary = export.export(filled, "parquet", tmp_path, chunk_rows=chunk_rows)
    assert summary.files["events.parquet"] == 7
    for name, keys in TABLE_KEYS.items():
        frame = pq.read_table(tmp_path / f"{name}.parquet").to_pandas()
        _same(frame, _stored(filled, name), keys)
    mentions = pq.read_table(tmp_path / "mentions.parquet").to_pandas()
    assert len(mentions) == 5  # one mention per entity in the records
    assert set(mentions.columns) == {"article_id", "entity_id", "generic", "text", "start", "end"}


def test_csv_round_trip(filled, tmp_path):
    export.export(filled, "csv", tmp_path, chunk_rows=2)
    events = pd.read_csv(tmp_path / "events.csv", keep_default_na=False, na_values=[""])
    stored = _stored(filled, "events")
    assert len(events) == len(stored)
    assert events["goldstein"].tolist() == stored["goldstein"].tolist()
    assert events["plover"].tolist() == stored["plover"].tolist()
    articles = pd.read_csv(
        tmp_path / "articles.csv", dtype=str, keep_default_na=False, na_values=[""]
    )
    assert sorted(articles["id"]) == sorted(n.article.id for n in small_corpus())
    assert set(articles["story"].dropna()) == {"story:test"}
    assert set(articles["published"]) == {"2017-12-05", "2017-12", "2018-01-10", "2018"}
    assert all(json.loads(value) == [] for value in articles["agencies"])
    assert articles["text"].tolist() == _stored(filled, "articles")["text"].tolist()


def test_jsonl_records_carry_story(filled, tmp_path):
    export.export(filled, "jsonl", tmp_path)
    lines = (tmp_path / export.RECORDS_FILE).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 4
    assert all(r["schema"] == "kroniek.analysis/1" for r in records)
    assert sum(r["story"] == "story:test" for r in records) == 2
    by_id = {r["id"]: r for r in records}
    assert by_id[small_corpus()[0].article.id]["places"] == [PLACE]


def test_gdelt_event_table(filled, tmp_path):
    export.export(filled, "gdelt", tmp_path)
    frame = pd.read_csv(tmp_path / export.GDELT_FILE, sep="\t", dtype={"EventCode": str,
                        "EventRootCode": str, "EventBaseCode": str})  # fmt: skip
    assert len(frame) == 7 and frame["GLOBALEVENTID"].is_unique
    assert list(frame.columns[:4]) == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year"]
    first_id = small_corpus()[0].article.id
    agree = frame[(frame["article_id"] == first_id) & (frame["event_n"] == 0)].iloc[0]
    assert agree["SQLDATE"] == 20171205 and agree["MonthYear"] == 201712
    assert (agree["Actor1Code"], agree["Actor1Name"], agree["Actor1CountryCode"]) == (
        "RUSGOV", "Poetin", "RUS")  # fmt: skip
    assert agree["ActionGeo_FullName"] == "Damascus"
    assert agree["ActionGeo_Lat"] == pytest.approx(33.51)
    assert agree["EventRootCode"] == "03" and agree["QuadClass"] == 1
    assert agree["story"] == "story:test"
    month_only = frame[frame["date"] == "2017-12"].iloc[0]
    assert month_only["SQLDATE"] == 20171200 and month_only["date_precision"] == "month"
    year_only = frame[frame["date"] == "2018"].iloc[0]
    assert year_only["SQLDATE"] == 20180000 and pd.isna(year_only["MonthYear"])
    assert gdelt.event_id(first_id, 0) == agree["GLOBALEVENTID"]


def test_empty_store_exports_empty_tables(store, tmp_path):
    export.export(store, "parquet", tmp_path)
    assert pq.read_table(tmp_path / "events.parquet").num_rows == 0
    assert "goldstein" in pq.read_table(tmp_path / "events.parquet").column_names


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(KroniekError, match="unknown export format"):
        export.export(store, "xlsx", tmp_path)
    with pytest.raises(KroniekError, match="unknown table"):
        export.export(store, "csv", tmp_path, tables=("actors",))


def test_sql_date_precision():
    assert gdelt.sql_date("2017-12-05T10:53:00") == 20171205
    assert gdelt.sql_date("2017-12") == 20171200
    assert gdelt.sql_date(None) is None


def test_export_streams_in_chunks(filled, tmp_path, monkeypatch):
    seen: list[int] = []
    original = export.tables._stream

    def spy(store: Store, query: sa.Select, chunk_rows: int):
        for chunk in original(store, query, chunk_rows):
            seen.append(len(chunk))
            yield chunk

    monkeypatch.setattr(export.tables, "_stream", spy)
    export.export(filled, "csv", Path(tmp_path), tables=("events",), chunk_rows=3)
    assert seen == [3, 3, 1]


def test_cli_export_timeline_and_network(sqlite_url, tmp_path):
    from typer.testing import CliRunner

    from kroniek.cli import app, commands  # noqa: F401 - registers the commands

    with Store.open(sqlite_url) as opened:
        opened.write_batch(Batch(articles=small_corpus()))
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["export", "--format", "gdelt", "--out", str(out), "--db", sqlite_url]
    )
    assert result.exit_code == 0, result.output
    assert "events.gdelt.tsv: 7 row(s)" in result.stdout
    bad = runner.invoke(app, ["export", "--format", "xlsx", "--out", str(out), "--db", sqlite_url])
    assert bad.exit_code == 2
    timeline = runner.invoke(
        app, ["timeline", "--db", sqlite_url, "--by", "none", "--format", "jsonl"]
    )
    assert timeline.exit_code == 0, timeline.output
    rows = [json.loads(line) for line in timeline.stdout.splitlines()]
    assert [(r["period"], r["events"]) for r in rows] == [("2017-12", 4), ("2018-01", 2)]
    network = runner.invoke(
        app, ["network", "--db", sqlite_url, "--min-events", "2", "--format", "csv"]
    )
    assert network.exit_code == 0, network.output
    assert network.stdout.splitlines()[0].startswith("source,target,events,goldstein_mean")
    assert "RUSGOV,SYRGOV,3" in network.stdout
