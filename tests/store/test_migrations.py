"""Migration 4 (indexes for field searches): additive, on a database with data, on SQLite and
PostgreSQL; and SQLite answers the field lookups from the new indexes."""

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
            assert migrations.current_version(connection) == 4
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
