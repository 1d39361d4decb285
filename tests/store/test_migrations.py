"""Migration 4 (indexes for field searches): additive, on a database with data, on SQLite and
PostgreSQL; and SQLite answers the field lookups from the new indexes. Migration 5: the state
counter that names a SQLite database's state alike in every process. Opening a new file from
several processes at once."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kroniek.search import search
from kroniek.store import Batch, Store, migrations
from tests.store.corpus import articles

V4_INDEXES = {
    "entities": {"ix_entities_code_prefix", "ix_entities_name_exact", "ix_entities_name_lower"},
    "events": {"ix_events_source_code_prefix", "ix_events_target_code_prefix"},
    "quotes": {"ix_quotes_speaker_code_prefix", "ix_quotes_speaker_name_exact",
               "ix_quotes_speaker_name_lower"},
    "places": {"ix_places_name_exact", "ix_places_name_lower"},
}  # fmt: skip
FIELD_QUERIES = ["actor:RUS", "actor:rusgov", "actor:Rutte", "actor:Nederlanders", "entity:Poetin",
                 "type:ASSAULT", "actor:UKR brand", "speaker:NLD", "place:Gent"]  # fmt: skip


def _indexes(store: Store, table: str) -> set[str]:
    """Index names of ``table``, expression indexes too (which SQLAlchemy does not reflect)."""
    if store.backend == "postgresql":
        sql = "SELECT indexname FROM pg_indexes WHERE tablename = :table"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :table"
    with store.engine.connect() as connection:
        return set(connection.execute(sa.text(sql), {"table": table}).scalars())


def test_version_4_adds_indexes_to_a_version_3_database_and_keeps_its_data(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
    with Store.open(db_url) as old:
        old.write_batch(Batch(articles=articles(40)))
        before = {query: search(old, query, limit=50) for query in FIELD_QUERIES}
        count = old.count()
        assert not _indexes(old, "entities") & V4_INDEXES["entities"]
    monkeypatch.undo()
    with Store.open(db_url) as new:
        with new.engine.connect() as connection:
            assert migrations.current_version(connection) == migrations.LATEST
        for table, names in V4_INDEXES.items():
            assert names <= _indexes(new, table), table
        assert new.count() == count
        for query, result in before.items():
            again = search(new, query, limit=50)
            assert [hit.id for hit in again.hits] == [hit.id for hit in result.hits], query
            assert again.total == result.total


def test_sqlite_answers_code_prefixes_and_names_from_the_indexes(sqlite_url: str) -> None:
    from kroniek.search import parse
    from kroniek.search.compiler import field_articles

    with Store.open(sqlite_url) as store:
        store.write_batch(Batch(articles=articles(20)))
        for query, index in (("actor:RUS", "ix_entities_code_prefix"),
                             ("actor:Rutte", "ix_entities_name_lower"),
                             ("speaker:NLD", "ix_quotes_speaker_code_prefix")):  # fmt: skip
            lookup = field_articles(parse(query))  # type: ignore[arg-type]
            assert lookup is not None
            sql = str(lookup.compile(store.engine, compile_kwargs={"literal_binds": True}))
            with store.engine.connect() as connection:
                plan = " ".join(row[3] for row in connection.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + sql))  # fmt: skip
            assert index in plan and "SCAN" not in plan.replace("SCAN CONSTANT", ""), plan


def test_postgresql_prefix_indexes_use_pattern_operators(pg_url: str) -> None:
    with Store.open(pg_url) as store, store.engine.connect() as connection:
        definition = connection.execute(sa.text(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_entities_code_prefix'"
        )).scalar()  # fmt: skip
    assert definition is not None and "text_pattern_ops" in definition


# --- opening a new SQLite file from several processes -------------------------------------------


class _LockedCursor:
    """A cursor whose journal-mode switch finds the file locked ``locked`` times."""

    def __init__(self, locked: int, message: str = "database is locked") -> None:
        self.locked, self.message, self.calls = locked, message, 0

    def execute(self, sql: str) -> None:
        import sqlite3

        self.calls += 1
        if self.calls <= self.locked:
            raise sqlite3.OperationalError(self.message)


def test_the_switch_to_wal_is_retried_while_another_process_holds_the_file() -> None:
    from kroniek.store.database import _enable_wal

    cursor = _LockedCursor(locked=3)
    _enable_wal(cursor)
    assert cursor.calls == 4


def test_other_errors_of_the_switch_to_wal_are_not_retried() -> None:
    import sqlite3

    from kroniek.store.database import _enable_wal

    cursor = _LockedCursor(locked=1, message="disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        _enable_wal(cursor)
    assert cursor.calls == 1


# --- migration 5: a state counter every process reads alike (SQLite) ----------------------------


def test_every_kind_of_write_changes_the_shared_marker(sqlite_url: str) -> None:
    from kroniek.models import IngestError

    new = articles(3)
    with Store.open(sqlite_url) as store:
        seen = [store.write_marker()]

        def changed() -> bool:
            seen.append(store.write_marker())
            return seen[-1] != seen[-2]

        store.write_batch(Batch(articles=new[:2]))
        assert changed()
        assert store.count() == 2
        assert not changed()  # reading changes nothing
        record = dict(new[0].record or {}, events=[])
        store.save_analysis(new[0].article.id, record, "analysed")
        assert changed()
        source = {"article_id": new[0].article.id, "source_file": "other.jsonl", "line": 7,
                  "url": "https://example.org/x", "outlet": "example.org"}  # fmt: skip
        store.write_batch(Batch(sources=[source]))
        assert changed()
        store.write_batch(Batch(errors=[IngestError("bad.jsonl", 3, "not JSON")]))
        assert changed()
        with store.engine.begin() as connection:  # a writer other than kroniek's code
            connection.exec_driver_sql("UPDATE articles SET story = 'story:x'")
        assert changed()
        assert all(isinstance(m, tuple) and m[0] == "generation" for m in seen)
        assert store.marker_is_shared


def test_two_processes_name_the_same_state_alike(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as one, Store.open(sqlite_url) as other:
        assert one.write_marker() == other.write_marker()
        one.write_batch(Batch(articles=articles(2)))
        assert one.write_marker() == other.write_marker() != ("generation", 0)


def test_every_table_is_counted_or_changes_only_with_its_article(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store, store.engine.connect() as connection:
        triggers = {name for (name,) in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'state_%'")}  # fmt: skip
        tables = {name for (name,) in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%'")}  # fmt: skip
    shadow = {t for t in tables if t.startswith(f"{migrations.search_index.FTS_TABLE}_")}
    counted = set(migrations.COUNTED)
    assert not counted & migrations.UNCOUNTED
    assert tables - shadow == counted | (migrations.UNCOUNTED & tables), "a table in no list"
    for table in counted:
        assert {f"state_{table}_{op}" for op in ("insert", "update", "delete")} <= triggers


def test_a_database_opened_without_the_counter_has_a_marker_for_this_process_only(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
    with Store.open(sqlite_url) as old:
        marker = old.write_marker()
        assert isinstance(marker, tuple) and marker[0] == "data_version"
        assert not old.marker_is_shared
        old.write_batch(Batch(articles=articles(1)))
        assert old.write_marker() != marker
