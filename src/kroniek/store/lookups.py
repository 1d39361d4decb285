"""``IN (...)`` lookups in a few fixed shapes, so prepared-statement caches stay small.

Every distinct length of an ``IN`` list is a distinct SQL text, and each is prepared and cached
(SQLite: Python's ``sqlite3`` keeps 128 statements per connection; PostgreSQL: psycopg prepares
statements it sees repeatedly). The ingest looks up a different number of ids and MinHash
buckets in every batch, so over a long run that cache filled with statements of hundreds of
parameters each, and a long ingest's memory kept growing (4-5 MB per 10,000 articles, all in
SQLite's statement memory). Cutting lists into chunks whose length is a power of two (padded by
repeating a value, which ``IN`` ignores) leaves ten shapes per query.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

LOOKUP_CHUNK = 512  # values per IN (...) list at most; a power of two

T = TypeVar("T")


def padded_length(count: int) -> int:
    """The shape a list of ``count`` values (1 <= count <= LOOKUP_CHUNK) is padded to."""
    return 1 << max(0, count - 1).bit_length()


def padded_chunks(values: Sequence[T], chunk: int = LOOKUP_CHUNK) -> Iterator[list[T]]:
    """``values`` in chunks of at most ``chunk``, each padded to a power-of-two length by
    repeating its last value (``chunk`` must be a power of two)."""
    for start in range(0, len(values), chunk):
        part = list(values[start : start + chunk])
        part.extend([part[-1]] * (padded_length(len(part)) - len(part)))
        yield part
