"""Values shared by the processes of one server, kept in a SQLite file they all open.

Each worker process of ``kroniek serve --workers N`` keeps what it computes (answers, postings)
in its own memory; a value one worker made, another made again. Here a process first looks in
its own memory, then in this file, and puts what it makes in both.

A value is filed under the store's write marker (``Store.write_marker``), which every process
reads alike at the same state (migration 5 on SQLite; the current snapshot on PostgreSQL), so no
process takes a value of another state. Values of an older state, and the oldest beyond
``max_bytes``, are pruned every ``PRUNE_EVERY`` values a process puts (so the file may pass the
bound by that many values).

The file is a cache: written without syncing, and any failure to read or write it (locked for
longer than ``BUSY_MS``, a full disk, a damaged file) counts as not found and is not an error.
``kroniek serve`` makes it in a temporary directory, removed when the server stops. Each kind of
value (answers, postings) has its own keys (the kind is their first part), and all share the
bound.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Hashable
from pathlib import Path

ENV_SHARED = "KRONIEK_SHARED_ANSWERS"  # the file, for the workers of ``kroniek serve``
FILE_NAME = "shared.sqlite"
MAX_BYTES = 256 * 1024 * 1024
PRUNE_EVERY = 256  # a prune reads every row (about 5 ms at 4,000 values)
BUSY_MS = 20
ROW_OVERHEAD = 64  # bytes of a row besides its key and value
# the value last: pruning reads marker and size of every row, which then sit in the row's first
# page (with the size after the value, each prune read every value's overflow pages: 3% of a
# loaded server's CPU)
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS shared (key BLOB PRIMARY KEY, marker TEXT NOT NULL, "
    "size INTEGER NOT NULL, value BLOB NOT NULL)"
)
# keep the newest values up to the byte bound: the rows after which more than it is newer
PRUNE_OLDEST = (
    "DELETE FROM shared WHERE rowid IN (SELECT rowid FROM (SELECT rowid, "
    "sum(size) OVER (ORDER BY rowid DESC) AS newer FROM shared) WHERE newer > ?)"
)


class SharedCache:
    """One kind of values (bytes under a bytes key) in the shared file; one object per process
    and kind."""

    def __init__(self, path: Path, kind: str, max_bytes: int = MAX_BYTES) -> None:
        self.path = path
        self.kind = kind.encode("utf-8") + b"\0"
        self.max_bytes = max_bytes
        self.hits = 0
        self._puts = 0
        self._connection = sqlite3.connect(
            path, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA synchronous=OFF")
            self._connection.execute(SCHEMA)
        except sqlite3.Error:  # another process is creating it: it will be there at first use
            pass

    def close(self) -> None:
        self._connection.close()

    def get(self, marker: Hashable, key: bytes) -> bytes | None:
        try:
            row = self._connection.execute(
                "SELECT value FROM shared WHERE key = ? AND marker = ?",
                (self.kind + key, repr(marker)),
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        self.hits += 1
        return bytes(row[0])

    def put(self, marker: Hashable, key: bytes, value: bytes) -> None:
        size = len(key) + len(value) + ROW_OVERHEAD
        if size > self.max_bytes:
            return
        try:
            self._connection.execute(
                "INSERT OR REPLACE INTO shared (key, marker, size, value) VALUES (?, ?, ?, ?)",
                (self.kind + key, repr(marker), size, value),
            )
            self._puts += 1
            if self._puts % PRUNE_EVERY == 0:
                self.prune(marker)
        except sqlite3.Error:
            return

    def count(self, marker: Hashable, key: bytes) -> int | None:
        """Count one more of ``key`` at ``marker`` (a state's first count is 1); the count
        before this one, or None when the file cannot be written."""
        try:
            row = self._connection.execute(
                "INSERT INTO shared (key, marker, size, value) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (key) DO UPDATE SET value = CASE WHEN marker = excluded.marker "
                "THEN value + 1 ELSE 1 END, marker = excluded.marker RETURNING value",
                (self.kind + key, repr(marker), len(key) + ROW_OVERHEAD),
            ).fetchone()
        except sqlite3.Error:
            return None
        return int(row[0]) - 1

    def prune(self, marker: Hashable) -> None:
        """Drop the values (of every kind) of other states, then the oldest beyond
        ``max_bytes``."""
        self._connection.execute("DELETE FROM shared WHERE marker != ?", (repr(marker),))
        self._connection.execute(PRUNE_OLDEST, (self.max_bytes,))

    def stored_bytes(self) -> int:
        """Bytes of every kind in the file."""
        total = self._connection.execute("SELECT coalesce(sum(size), 0) FROM shared").fetchone()
        return int(total[0])
