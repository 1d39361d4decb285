"""Schema migrations: an ordered list of steps, each applied once and recorded.

A step is a function of a connection. Version 1 creates the tables of ``schema.py`` as they
were first released; later versions alter them. Both backends run the same steps.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from kroniek.store import schema, search_index

Step = Callable[[sa.Connection], None]


def _v1_initial(connection: sa.Connection) -> None:
    schema.metadata.create_all(connection)


def _v2_full_text(connection: sa.Connection) -> None:
    """The full-text index (``search_index``), filled with the articles already stored."""
    search_index.create(connection)
    search_index.index_existing(connection)


# --- version 3: event rollup for timelines -------------------------------------------------------
# Events per effective day (the event's date, else its article's publication date, cut to
# YYYY-MM-DD or kept at its coarser precision; "" when undated) and type, kept current by
# triggers on ``events``, so an unscoped timeline reads a few thousand rows instead of joining
# every event with its article. ``kroniek.analytics`` reads it; scoped queries use the raw tables.

EVENT_DAYS = sa.Table(
    "event_days",
    sa.MetaData(),
    sa.Column("day", sa.String(32), primary_key=True),
    sa.Column("plover", sa.String(16), primary_key=True),
    sa.Column("quad_class", sa.Integer, primary_key=True),
    sa.Column("cameo_root", sa.String(8), primary_key=True),
    sa.Column("events", sa.Integer, nullable=False),
    sa.Column("goldstein_sum", sa.Float, nullable=False),
)
_DAY_OF = (
    "coalesce(substr(coalesce({row}.date, (SELECT published FROM articles "
    "WHERE id = {row}.article_id)), 1, 10), '')"
)
_UPSERT = (
    "INSERT INTO event_days (day, plover, quad_class, cameo_root, events, goldstein_sum) "
    "VALUES ({day}, NEW.plover, NEW.quad_class, substr(NEW.cameo, 1, 2), 1, NEW.goldstein) "
    "ON CONFLICT (day, plover, quad_class, cameo_root) DO UPDATE SET "
    "events = event_days.events + 1, "
    "goldstein_sum = event_days.goldstein_sum + excluded.goldstein_sum"
)
_RETRACT = (
    "UPDATE event_days SET events = events - 1, goldstein_sum = goldstein_sum - OLD.goldstein "
    "WHERE day = {day} AND plover = OLD.plover AND quad_class = OLD.quad_class "
    "AND cameo_root = substr(OLD.cameo, 1, 2)"
)
_SQLITE_TRIGGERS = [
    "CREATE TRIGGER event_days_insert AFTER INSERT ON events BEGIN "
    + _UPSERT.format(day=_DAY_OF.format(row="NEW"))
    + "; END",
    "CREATE TRIGGER event_days_delete AFTER DELETE ON events BEGIN "
    + _RETRACT.format(day=_DAY_OF.format(row="OLD"))
    + "; END",
]
_POSTGRES_TRIGGERS = [
    "CREATE FUNCTION kroniek_event_days() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'INSERT' THEN " + _UPSERT.format(day=_DAY_OF.format(row="NEW")) + "; RETURN NEW; "
    "END IF; " + _RETRACT.format(day=_DAY_OF.format(row="OLD")) + "; RETURN OLD; END $$",
    "CREATE TRIGGER event_days_change AFTER INSERT OR DELETE ON events "
    "FOR EACH ROW EXECUTE FUNCTION kroniek_event_days()",
]
_BACKFILL = (
    "INSERT INTO event_days (day, plover, quad_class, cameo_root, events, goldstein_sum) "
    "SELECT day, plover, quad_class, cameo_root, count(*), sum(goldstein) FROM ("
    "SELECT coalesce(substr(coalesce(e.date, a.published), 1, 10), '') AS day, e.plover, "
    "e.quad_class, substr(e.cameo, 1, 2) AS cameo_root, e.goldstein "
    "FROM events e JOIN articles a ON a.id = e.article_id) AS dated "
    "GROUP BY day, plover, quad_class, cameo_root"
)


def _v3_event_rollup(connection: sa.Connection) -> None:
    """The ``event_days`` rollup with its triggers, and covering indexes for scoped timelines."""
    EVENT_DAYS.create(connection)
    triggers = _POSTGRES_TRIGGERS if connection.dialect.name == "postgresql" else _SQLITE_TRIGGERS
    for statement in triggers:
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql(_BACKFILL)
    connection.exec_driver_sql("CREATE INDEX ix_articles_id_published ON articles (id, published)")
    connection.exec_driver_sql(
        "CREATE INDEX ix_events_timeline ON events "
        "(article_id, date, plover, quad_class, goldstein)"
    )


# --- version 4: indexes for field searches -------------------------------------------------------
# actor:, entity:, place: and speaker: look up codes by prefix (LIKE 'RUS%') and names exactly or
# case-insensitively (name = ? OR lower(name) = ?). An OR uses indexes only when every branch has
# one, else the whole table is scanned. A prefix LIKE needs a NOCASE index on SQLite (its LIKE
# ignores ASCII case) and a text_pattern_ops index on PostgreSQL (any collation). Each index
# also holds article_id, which is what the searches want: the rows themselves are not read.

_PREFIX_INDEXES = [("entities", "code"), ("quotes", "speaker_code"), ("events", "source_code"),
                   ("events", "target_code")]  # fmt: skip
_NAME_INDEXES = [("entities", "name"), ("places", "name"), ("quotes", "speaker_name")]


def _v4_field_indexes(connection: sa.Connection) -> None:
    """Indexes that answer code prefixes and (lower-cased) names of the analysis tables."""
    postgres = connection.dialect.name == "postgresql"
    for table, column in _PREFIX_INDEXES:
        key = f"{column} text_pattern_ops" if postgres else f"{column} COLLATE NOCASE"
        connection.exec_driver_sql(
            f"CREATE INDEX ix_{table}_{column}_prefix ON {table} ({key}, article_id)"
        )
    for table, column in _NAME_INDEXES:
        connection.exec_driver_sql(
            f"CREATE INDEX ix_{table}_{column}_exact ON {table} ({column}, article_id)"
        )
        connection.exec_driver_sql(
            f"CREATE INDEX ix_{table}_{column}_lower ON {table} (lower({column}), article_id)"
        )


# --- version 5: a state counter every process can read (SQLite) ---------------------------------
# Caches shared by the processes of a server (``kroniek.api.shared_answers``) must name the state
# of the database the same way in each process. SQLite's ``PRAGMA data_version`` cannot: it counts
# commits as one connection saw them. So every change to a table bumps ``store_state.generation``
# in the same transaction, by triggers on its tables. Tables that need none (``UNCOUNTED``) only
# change in a transaction that also changes their article's row, which bumps: the analysis tables
# (``Store.save_analysis`` and ingest write the record into ``articles`` too), ``event_days`` (kept
# from ``events``), the near-duplicate finder's ``lsh_bands`` and ``signatures`` and the index's
# ``search_docs`` (written with the article). The full-text index's shadow tables cannot carry
# triggers. A bump costs about 7 us of CPU; counting every row of an analysis would have made an
# ingest's writes 25% slower. A table added later goes in one of the two lists, and a counted one
# gets its triggers in its own migration step (``tests/store/test_migrations.py`` checks this).
# PostgreSQL needs none: its current snapshot already names the state in every session.

STATE_TABLE = "store_state"
COUNTED = ("articles", "sources", "near_duplicates", "ingest_errors", "schema_version")
UNCOUNTED = frozenset({STATE_TABLE, "entities", "events", "quotes", "places", "event_days",
                       "lsh_bands", "signatures", "search_docs"})  # fmt: skip
_BUMP = f"UPDATE {STATE_TABLE} SET generation = generation + 1"
_OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def _v5_state_counter(connection: sa.Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql(
        f"CREATE TABLE {STATE_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "generation INTEGER NOT NULL)"
    )
    connection.exec_driver_sql(f"INSERT INTO {STATE_TABLE} (id, generation) VALUES (1, 0)")
    for counted in COUNTED:
        for operation in _OPERATIONS:
            connection.exec_driver_sql(
                f"CREATE TRIGGER state_{counted}_{operation.lower()} AFTER {operation} "
                f"ON {counted} BEGIN {_BUMP}; END"
            )


MIGRATIONS: list[tuple[int, str, Step]] = [
    (1, "initial tables", _v1_initial),
    (2, "full-text index", _v2_full_text),
    (3, "event rollup for timelines", _v3_event_rollup),
    (4, "indexes for field searches", _v4_field_indexes),
    (5, "state counter shared by processes", _v5_state_counter),
]
LATEST = MIGRATIONS[-1][0]


def current_version(connection: sa.Connection) -> int:
    if not sa.inspect(connection).has_table("schema_version"):
        return 0
    version = connection.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(version or 0)


def migrate(engine: sa.Engine) -> list[int]:
    """Apply every step newer than the database's version; return the versions applied."""
    applied = []
    with engine.begin() as connection:
        version = current_version(connection)
        for number, _description, step in MIGRATIONS:
            if number <= version:
                continue
            step(connection)
            connection.execute(
                schema.schema_version.insert().values(
                    version=number, applied_at=datetime.now(UTC).isoformat(timespec="seconds")
                )
            )
            applied.append(number)
    return applied
