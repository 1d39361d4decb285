"""``Store``: the one interface to the database, for SQLite and PostgreSQL alike.

All backend-specific SQL (pragmas, upserts) lives in this package. Writes of one ingest batch
happen in one transaction, so an interrupted run leaves whole articles or nothing.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from kroniek.errors import StoreError
from kroniek.models import Article, IngestError
from kroniek.store import migrations, schema, search_index
from kroniek.store.cache import ResultCache, footprint
from kroniek.store.lookups import padded_chunks
from kroniek.store.migrations import STATE_TABLE

if TYPE_CHECKING:
    from kroniek.store.columns import ColumnCache, Columns

T = TypeVar("T")

ENV_DB = "KRONIEK_DB"
SQLITE_BUSY_TIMEOUT_MS = 30_000
WAL_RETRY_FIRST_S, WAL_RETRY_MAX_S = 0.01, 0.5  # back-off of a journal-mode switch found locked
SERIALIZED = 3  # sqlite3.threadsafety of a SQLite built to let threads share a connection
# pooled SQLite connections: kept open, and opened beyond that under load (threads of a server)
SQLITE_POOL_SIZE, SQLITE_POOL_OVERFLOW = 8, 32  # 40: the threads of a server (anyio)
# read results kept per process (``Store.cached``): a server's searches, timelines and pages
# between two ingests; a weekly timeline of eleven years weighs about 0.8 MB, a page of hits 30 KB
RESULTS_KEPT, RESULTS_BYTES = 4096, 256 << 20
STATE_QUERY = f"SELECT generation FROM {STATE_TABLE} WHERE id = 1"
MIGRATION_LOCK_ID = 0x6B726F6E  # PostgreSQL advisory lock key ("kron") serialising migrations


def default_url() -> str:
    """``$KRONIEK_DB``, else a SQLite file in the user's data directory."""
    if os.environ.get(ENV_DB):
        return os.environ[ENV_DB]
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'kroniek' / 'kroniek.db'}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class NewArticle:
    article: Article
    status: str
    record: dict[str, Any] | None = None
    bands: list[int] = field(default_factory=list)
    minhash: bytes | None = None


@dataclass(slots=True)
class Batch:
    """Everything one ingest step writes, committed together."""

    articles: list[NewArticle] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    near_duplicates: list[dict[str, Any]] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles) + len(self.sources) + len(self.errors)


class Store:
    """A kroniek database. Open with ``Store.open(url)``; use as a context manager."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.backend = engine.dialect.name  # "sqlite" | "postgresql"
        # read results kept while the database is unchanged
        self.results = ResultCache(RESULTS_KEPT, footprint, RESULTS_BYTES)
        self._marker_connection: Any = None
        self._marker_lock = threading.Lock()
        self._column_cache: Any = None
        self._counted: bool | None = None  # whether the SQLite state counter exists
        # reads shared with the other processes of a server (``search.shared_reads``)
        self.shared_postings: Any = None
        self.shared_masks: Any = None

    # --- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, migrate: bool = True) -> Store:
        url = url or default_url()
        engine = _create_engine(url)
        store = cls(engine)
        if migrate:
            try:
                _migrate(engine)
            except sa.exc.OperationalError as error:
                raise StoreError(f"cannot open database {_safe(url)}: {error.orig}") from None
        return store

    def close(self) -> None:
        with self._marker_lock:
            if self._marker_connection is not None:
                self._marker_connection.close()
                self._marker_connection = None
        self.engine.dispose()

    # --- change detection ----------------------------------------------------------------------

    def write_marker(self) -> Hashable:
        """A value that changes whenever a write to the database is committed, by any
        connection of any process, and that every process reads alike at the same state (so
        processes can share what they keep under it); None when that cannot be known
        (in-memory SQLite).

        SQLite: the state counter of migration 5 (``migrations.STATE_TABLE``), which triggers
        bump on every change; on a database opened without migrating to it, ``PRAGMA
        data_version`` (per connection: good for this process only). PostgreSQL: the current
        snapshot, which changes whenever a transaction that wrote (anywhere on the server)
        ends: a conservative marker.
        """
        if self.backend == "postgresql":
            with self.engine.connect() as connection:
                return str(connection.execute(sa.text("SELECT pg_current_snapshot()")).scalar())
        if self.engine.url.database in (None, "", ":memory:"):
            return None
        import sqlite3

        connection = self._marker_connection or self._open_marker_connection()
        if sqlite3.threadsafety == SERIALIZED:  # threads may share it without a lock of ours
            return self._sqlite_marker(connection)
        with self._marker_lock:
            return self._sqlite_marker(connection)

    def _sqlite_marker(self, connection: Any) -> Hashable:
        import sqlite3

        if self._counted is not False:
            try:
                row = connection.execute(STATE_QUERY).fetchone()
                self._counted = True
                return ("generation", int(row[0]))
            except sqlite3.OperationalError:
                if self._counted:  # the table was there: a real failure
                    raise
                self._counted = False
        return ("data_version", int(connection.execute("PRAGMA data_version").fetchone()[0]))

    @property
    def marker_is_shared(self) -> bool:
        """Whether ``write_marker`` names a state alike in every process (it does, but on
        in-memory SQLite and a SQLite database not migrated to the state counter)."""
        marker = self.write_marker()
        return marker is not None and not (isinstance(marker, tuple) and marker[0] != "generation")

    def _open_marker_connection(self) -> Any:
        """The SQLite connection ``write_marker`` reads, one for all threads."""
        import sqlite3

        with self._marker_lock:
            if self._marker_connection is None:
                args, kwargs = self.engine.dialect.create_connect_args(self.engine.url)
                connect: Any = sqlite3.connect  # the dialect's arguments, as the engine uses them
                self._marker_connection = connect(*args, **{**kwargs, "check_same_thread": False})
            return self._marker_connection

    def columns(self) -> Columns | None:
        """The in-memory analysis columns at the current state (``kroniek.store.columns``),
        loaded now if need be; None for in-memory SQLite. After this, aggregates use them (a
        server calls it at start; a one-off command never does: loading them costs more than
        one SQL aggregate)."""
        return self._columns_cache().get(self, load_first=True)

    def aggregate_columns(self) -> Columns | None:
        """The columns for an aggregate, as ``columns`` gives them; but None (the caller uses
        SQL) if this store does not keep columns (``columns`` was never called), and while a
        reload is put off because the data keeps changing."""
        return self._columns_cache().get(self, load_first=False)

    def _columns_cache(self) -> ColumnCache:
        from kroniek.store.columns import ColumnCache

        with self._marker_lock:
            if self._column_cache is None:
                self._column_cache = ColumnCache()
            cache: ColumnCache = self._column_cache
        return cache

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, or its result kept from an earlier call with the same ``key`` while
        the database has not changed (see ``kroniek.store.cache``). Treat it as read-only."""
        return self.results.get(self.write_marker(), key, compute)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- ingest ------------------------------------------------------------------------------

    def known_sources(self, source_file: str) -> set[int]:
        """Lines (0 for whole files) of ``source_file`` already stored as articles or errors."""
        with self.engine.connect() as connection:
            stored = connection.execute(
                sa.select(schema.sources.c.line).where(schema.sources.c.source_file == source_file)
            )
            failed = connection.execute(
                sa.select(schema.ingest_errors.c.line).where(
                    schema.ingest_errors.c.source_file == source_file
                )
            )
            return {row[0] for row in stored} | {row[0] for row in failed}

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = sorted(set(ids))
        found: set[str] = set()
        if not wanted:
            return found
        with self.engine.connect() as connection:
            for chunk in padded_chunks(wanted):
                rows = connection.execute(
                    sa.select(schema.articles.c.id).where(schema.articles.c.id.in_(chunk))
                )
                found.update(row[0] for row in rows)
        return found

    def lsh_matches(self, keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
        """Stored article ids per (band, bucket) key, for the keys that have any."""
        wanted = set(keys)
        found: dict[tuple[int, int], list[str]] = {}
        buckets = sorted({bucket for _band, bucket in wanted})
        b = schema.lsh_bands
        with self.engine.connect() as connection:
            for chunk in padded_chunks(buckets):
                rows = connection.execute(
                    sa.select(b.c.band, b.c.bucket, b.c.article_id).where(b.c.bucket.in_(chunk))
                )
                for band, bucket, article_id in rows:
                    if (band, bucket) in wanted:
                        found.setdefault((band, bucket), []).append(article_id)
        return found

    def signatures_of(self, ids: Iterable[str]) -> dict[str, tuple[bytes, list[str]]]:
        """MinHash bytes and credited agencies of stored articles."""
        wanted = sorted(set(ids))
        s, a = schema.signatures, schema.articles
        query = sa.select(s.c.article_id, s.c.minhash, a.c.agencies).join(
            a, a.c.id == s.c.article_id
        )
        found: dict[str, tuple[bytes, list[str]]] = {}
        if not wanted:
            return found
        with self.engine.connect() as connection:
            for chunk in padded_chunks(wanted):
                for row in connection.execute(query.where(s.c.article_id.in_(chunk))):
                    found[row[0]] = (row[1], list(row[2] or []))
        return found

    def write_batch(self, batch: Batch) -> None:
        """Write a batch in one transaction; rows already present are left as they are."""
        now = _now()
        with self.engine.begin() as connection:
            new_ids = self._insert_articles(connection, batch.articles, now)
            wanted = [n for n in batch.articles if n.article.id in new_ids]
            self._insert_ignore(connection, schema.lsh_bands, [
                {"band": band, "bucket": bucket, "article_id": n.article.id}
                for n in wanted for band, bucket in enumerate(n.bands)
            ])  # fmt: skip
            self._insert_ignore(connection, schema.signatures, [
                {"article_id": n.article.id, "minhash": n.minhash} for n in wanted if n.minhash
            ])  # fmt: skip
            for new in wanted:
                if new.record is not None:
                    self._write_analysis(connection, new.article.id, new.record)
            self._insert_ignore(connection, schema.sources, [
                *(_source_row(n.article) for n in batch.articles), *batch.sources
            ])  # fmt: skip
            self._insert_ignore(connection, schema.near_duplicates, batch.near_duplicates)
            self._insert_ignore(connection, schema.ingest_errors, [
                {"source_file": e.source_file, "line": e.line or 0, "reason": e.reason,
                 "recorded_at": now}
                for e in batch.errors
            ])  # fmt: skip

    def _insert_articles(
        self, connection: sa.Connection, new: list[NewArticle], now: str
    ) -> set[str]:
        """Insert articles not yet stored; return the ids this call inserted."""
        if not new:
            return set()
        present = {
            row[0]
            for chunk in padded_chunks(sorted({n.article.id for n in new}))
            for row in connection.execute(
                sa.select(schema.articles.c.id).where(schema.articles.c.id.in_(chunk))
            )
        }
        rows = [_article_row(n, now) for n in new if n.article.id not in present]
        self._insert_ignore(connection, schema.articles, rows)
        search_index.index_articles(connection, rows)
        return {row["id"] for row in rows}

    def save_analysis(self, article_id: str, record: dict[str, Any], status: str) -> None:
        """Store (or replace) an article's analysis in one transaction."""
        with self.engine.begin() as connection:
            for table in schema.ANALYSIS_TABLES:
                connection.execute(table.delete().where(table.c.article_id == article_id))
            connection.execute(
                schema.articles.update()
                .where(schema.articles.c.id == article_id)
                .values(status=status, analysis=None)
            )
            self._write_analysis(connection, article_id, record, status)

    def _write_analysis(
        self,
        connection: sa.Connection,
        article_id: str,
        record: dict[str, Any],
        status: str | None = None,
    ) -> None:
        from kroniek.store.rows import analysis_rows

        for table, rows in analysis_rows(article_id, record):
            self._insert_ignore(connection, table, rows)
        values: dict[str, Any] = {"analysis": record}
        if status:
            values["status"] = status
        connection.execute(
            schema.articles.update().where(schema.articles.c.id == article_id).values(**values)
        )

    def _insert_ignore(
        self, connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]
    ) -> None:
        if not rows:
            return
        insert = (postgresql.insert if self.backend == "postgresql" else sqlite.insert)(table)
        connection.execute(insert.on_conflict_do_nothing(), rows)

    # --- reading -----------------------------------------------------------------------------

    def count(self, status: str | None = None) -> int:
        query = sa.select(sa.func.count()).select_from(schema.articles)
        if status:
            query = query.where(schema.articles.c.status == status)
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar() or 0)

    def articles(
        self, limit: int = 50, offset: int = 0, status: str | None = None
    ) -> list[dict[str, Any]]:
        """Article summaries, newest publication first."""
        a = schema.articles
        query = (
            sa.select(a.c.id, a.c.title, a.c.outlet, a.c.url, a.c.published, a.c.source_file,
                      a.c.language, a.c.status, a.c.agencies)
            .order_by(a.c.published.desc(), a.c.id)
            .limit(limit)
            .offset(offset)
        )  # fmt: skip
        if status:
            query = query.where(a.c.status == status)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its sources and near-duplicates; accepts a unique id prefix."""
        a = schema.articles
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(a).where(a.c.id == article_id)).all()
            if not rows:  # a prefix: a range scan on the primary key
                rows = connection.execute(
                    sa.select(a).where(a.c.id.startswith(article_id, autoescape=True)).limit(2)
                ).all()
            if len(rows) != 1:
                return None
            found = dict(rows[0]._mapping)
            found["sources"] = [
                dict(r._mapping)
                for r in connection.execute(
                    sa.select(schema.sources).where(schema.sources.c.article_id == found["id"])
                )
            ]
            found["near_duplicates"] = self._near_duplicates(connection, found["id"])
            return found

    def _near_duplicates(self, connection: sa.Connection, article_id: str) -> list[dict[str, Any]]:
        nd = schema.near_duplicates
        rows = connection.execute(
            sa.select(nd).where(sa.or_(nd.c.article_id == article_id, nd.c.other_id == article_id))
        )
        result = []
        for row in rows:
            other = row.other_id if row.article_id == article_id else row.article_id
            result.append({"id": other, "similarity": row.similarity, "agency": row.agency})
        return result

    def pending(self, limit: int = 1000) -> list[Article]:
        """Articles stored without analysis, oldest first, as ``Article`` records."""
        a = schema.articles
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(a).where(a.c.status == schema.PENDING).order_by(a.c.ingested_at, a.c.id)
                .limit(limit)
            )  # fmt: skip
            return [_article_from_row(dict(row._mapping)) for row in rows]

    def pending_count(self) -> int:
        """How many articles are stored without analysis."""
        a = schema.articles
        with self.engine.connect() as connection:
            found = connection.execute(
                sa.select(sa.func.count()).select_from(a).where(a.c.status == schema.PENDING)
            ).scalar()
        return int(found or 0)

    def stored_articles(self, ids: Iterable[str]) -> list[Article]:
        """The stored articles with these ids (unknown ids left out), as ``Article`` records."""
        a = schema.articles
        wanted = sorted(set(ids))
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(a).where(a.c.id.in_(wanted)).order_by(a.c.id))
            return [_article_from_row(dict(row._mapping)) for row in rows]

    def records(self, ids: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """Stored analysis records (SCHEMA.md) with their current story, in ingest order."""
        a = schema.articles
        query = sa.select(a.c.analysis, a.c.story).where(a.c.analysis.is_not(None))
        if ids is not None:
            query = query.where(a.c.id.in_(list(ids)))
        with self.engine.connect() as connection:
            for record, story in connection.execute(query.order_by(a.c.ingested_at, a.c.id)):
                yield {**record, "story": story}

    def errors(self, limit: int | None = None) -> list[dict[str, Any]]:
        e = schema.ingest_errors
        query = sa.select(e).order_by(e.c.source_file, e.c.line)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def stats(self) -> dict[str, Any]:
        """Counts of everything stored (kept while the database is unchanged: read-only)."""
        return self.cached(("stats",), self._stats)

    def _stats(self) -> dict[str, Any]:
        a = schema.articles
        with self.engine.connect() as connection:

            def count(table: sa.Table) -> int:
                return int(
                    connection.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0
                )

            by_status: dict[str, int] = dict(
                connection.execute(
                    sa.select(a.c.status, sa.func.count()).group_by(a.c.status)
                ).all()
            )
            by_outlet = connection.execute(
                sa.select(a.c.outlet, sa.func.count()).group_by(a.c.outlet)
                .order_by(sa.func.count().desc()).limit(20)
            ).all()  # fmt: skip
            by_language: dict[str | None, int] = dict(
                connection.execute(
                    sa.select(a.c.language, sa.func.count()).group_by(a.c.language)
                ).all()
            )
            return {
                "articles": count(a),
                "sources": count(schema.sources),
                "near_duplicates": count(schema.near_duplicates),
                "errors": count(schema.ingest_errors),
                "entities": count(schema.entities),
                "events": count(schema.events),
                "quotes": count(schema.quotes),
                "places": count(schema.places),
                "by_status": by_status,
                "by_language": {str(k): v for k, v in by_language.items()},
                "by_outlet": [{"outlet": o, "articles": n} for o, n in by_outlet],
            }

    def integrity_ok(self) -> bool:
        """The backend's own consistency check (SQLite ``PRAGMA integrity_check``)."""
        with self.engine.connect() as connection:
            if self.backend == "sqlite":
                return connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            connection.execute(sa.select(sa.func.count()).select_from(schema.articles))
            return True


def _migrate(engine: sa.Engine) -> None:
    """Apply pending migrations one process at a time, in one real transaction.

    Two processes opening a new database at once (two ``kroniek ingest`` runs) would otherwise
    both see version 0 and both create the tables, and one would fail. PostgreSQL: an advisory
    lock. SQLite: pysqlite runs DDL outside any transaction, so the migration uses an engine of
    its own whose transactions are real and start with ``BEGIN IMMEDIATE`` (the write lock, taken
    in turn under the busy timeout); the second process then finds the schema current.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as lock:
            lock.execute(sa.select(sa.func.pg_advisory_lock(MIGRATION_LOCK_ID)))
            try:
                migrations.migrate(engine)
            finally:
                lock.execute(sa.select(sa.func.pg_advisory_unlock(MIGRATION_LOCK_ID)))
        return
    if engine.url.database in (None, "", ":memory:"):  # private to this process
        migrations.migrate(engine)
        return
    serial = _sqlite_engine(engine.url, immediate=True)
    try:
        migrations.migrate(serial)
    finally:
        serial.dispose()


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _create_engine(url: str) -> sa.Engine:
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise StoreError(
            f"bad database URL {url!r}: use sqlite:///path.db or postgresql://user@host/db"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return sa.create_engine(parsed, pool_pre_ping=True)
    raise StoreError(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql"
    )


def _enable_wal(cursor: Any) -> None:
    """``PRAGMA journal_mode=WAL``, retried for up to the busy timeout: while another process
    creates the same new database, SQLite can answer "database is locked" at once, without
    calling its busy handler (two ``kroniek ingest`` runs started together on a new file)."""
    import sqlite3
    import time

    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    pause = WAL_RETRY_FIRST_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, WAL_RETRY_MAX_S)


def _sqlite_engine(url: sa.URL, immediate: bool = False) -> sa.Engine:
    """A SQLite engine; ``immediate``: real transactions that take the write lock at BEGIN."""
    pool: dict[str, Any] = {}
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # a server runs up to ~40 request threads: each gets a connection without waiting
        pool = {"pool_size": SQLITE_POOL_SIZE, "max_overflow": SQLITE_POOL_OVERFLOW}
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **pool)

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        if immediate:
            dbapi_connection.isolation_level = None  # no implicit BEGIN: "begin" below does it
        cursor = dbapi_connection.cursor()
        _enable_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    if immediate:

        @sa.event.listens_for(engine, "begin")
        def _begin(connection: sa.Connection) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _source_row(article: Article) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "source_file": article.source_file,
        "line": article.line or 0,
        "url": article.url,
        "outlet": article.outlet,
    }


def _article_row(new: NewArticle, now: str) -> dict[str, Any]:
    article = new.article
    return {
        "id": article.id,
        "title": article.title,
        "byline": article.byline,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published,
        "time_of_day": article.time_of_day,
        "language": article.language,
        "format": article.format,
        "source_file": article.source_file,
        "agencies": list(article.agencies),
        "photo_credits": [[c.name, c.count] for c in article.photo_credits],
        "caption": article.caption,
        "paragraphs": [list(p) for p in article.paragraphs],
        "headings": [list(h) for h in article.headings],
        "text": article.text,
        "status": new.status,
        "analysis": None,
        "story": None,
        "ingested_at": now,
    }


def _article_from_row(row: dict[str, Any]) -> Article:
    from kroniek.models import PhotoCredit

    return Article(
        id=row["id"],
        text=row["text"],
        source_file=row["source_file"] or "",
        outlet=row["outlet"],
        url=row["url"],
        title=row["title"],
        byline=row["byline"],
        published=row["published"],
        time_of_day=row["time_of_day"],
        agencies=list(row["agencies"] or []),
        photo_credits=[PhotoCredit(n, c) for n, c in row["photo_credits"] or []],
        caption=row["caption"],
        paragraphs=[(s, e) for s, e in row["paragraphs"] or []],
        headings=[(s, e) for s, e in row["headings"] or []],
        language=row["language"],
        format=row["format"] or "crawl",
    )
