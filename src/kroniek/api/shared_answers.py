"""Answers shared by the worker processes of one server, in a SQLite file they all open.

``ResponseCache`` keeps finished answers in each process. Under ``kroniek serve --workers N`` a
repeated request lands on any worker, so each worker made and kept its own copy: with two
workers, half of the repeats were made again. Measured in one process against two splitting the
same requests (``benchmarks.api_load``'s mix, 6,000 requests), the two spent a third more CPU in
all. Here each worker first looks in its own memory, then in this file, and puts every answer it
makes in both.

An answer is filed under the store's write marker (``Store.write_marker``), which every process
reads alike at the same state (migration 5 on SQLite; the current snapshot on PostgreSQL), so no
worker serves an answer of another state. Answers of an older state, and the oldest beyond
``MAX_BYTES``, are pruned every ``PRUNE_EVERY`` answers a process puts (so the file may pass
the bound by that many answers).

The file is a cache: written without syncing, and any failure to read or write it (locked for
longer than ``BUSY_MS``, a full disk, a damaged file) counts as not found and is not an error.
``kroniek serve`` makes it in a temporary directory, removed when the server stops.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Hashable
from pathlib import Path

from kroniek.api.response_cache import Answer, Key

ENV_SHARED = "KRONIEK_SHARED_ANSWERS"  # the file, for the workers of ``kroniek serve``
FILE_NAME = "answers.sqlite"
MAX_BYTES = 256 * 1024 * 1024
PRUNE_EVERY = 256  # a prune reads every row (about 5 ms at 4,000 answers)
BUSY_MS = 20
# the body last: pruning reads marker and size of every row, which then sit in the row's first
# page (with the size after the body, each prune read every body's overflow pages: 3% of a loaded
# server's CPU)
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS answers (key BLOB PRIMARY KEY, marker TEXT NOT NULL, "
    "size INTEGER NOT NULL, status INTEGER NOT NULL, headers BLOB NOT NULL, body BLOB NOT NULL)"
)
# keep the newest answers up to the byte bound: the rows after which more than it is newer
PRUNE_OLDEST = (
    "DELETE FROM answers WHERE rowid IN (SELECT rowid FROM (SELECT rowid, "
    "sum(size) OVER (ORDER BY rowid DESC) AS newer FROM answers) WHERE newer > ?)"
)


def _key(key: Key) -> bytes:
    path, query = key
    return path.encode("utf-8", "surrogateescape") + b"?" + query


def _pack(headers: tuple[tuple[bytes, bytes], ...]) -> bytes:
    """Headers as lines of name NUL value (neither holds a NUL or a newline in HTTP)."""
    return b"\n".join(name + b"\0" + value for name, value in headers)


def _unpack(packed: bytes) -> tuple[tuple[bytes, bytes], ...]:
    if not packed:
        return ()
    lines = (line.partition(b"\0") for line in packed.split(b"\n"))
    return tuple((name, value) for name, _nul, value in lines)


class SharedAnswers:
    """The answers file of one server; one object per process, used from its event loop."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES) -> None:
        self.path = path
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
        except sqlite3.Error:  # another worker is creating it: it will be there at first use
            pass

    def close(self) -> None:
        self._connection.close()

    def get(self, marker: Hashable, key: Key) -> Answer | None:
        try:
            row = self._connection.execute(
                "SELECT status, headers, body FROM answers WHERE key = ? AND marker = ?",
                (_key(key), repr(marker)),
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        self.hits += 1
        return Answer(int(row[0]), _unpack(row[1]), bytes(row[2]))

    def put(self, marker: Hashable, key: Key, answer: Answer) -> None:
        if answer.weight > self.max_bytes:
            return
        try:
            self._connection.execute(
                "INSERT OR REPLACE INTO answers (key, marker, size, status, headers, body) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (_key(key), repr(marker), answer.weight, answer.status, _pack(answer.headers),
                 answer.body),
            )  # fmt: skip
            self._puts += 1
            if self._puts % PRUNE_EVERY == 0:
                self.prune(marker)
        except sqlite3.Error:
            return

    def prune(self, marker: Hashable) -> None:
        """Drop the answers of other states, then the oldest beyond ``max_bytes``."""
        self._connection.execute("DELETE FROM answers WHERE marker != ?", (repr(marker),))
        self._connection.execute(PRUNE_OLDEST, (self.max_bytes,))

    def stored_bytes(self) -> int:
        total = self._connection.execute("SELECT coalesce(sum(size), 0) FROM answers").fetchone()
        return int(total[0])
