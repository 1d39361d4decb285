"""Results of read queries, kept while the database is unchanged.

A server answers the same searches and timelines again and again between two ingests. Each result
is kept under the store's write marker (``Store.write_marker``) read *before* it was computed: the
result is at least as new as the state the marker names, and any commit changes the marker, so a
kept result is never served for a database that has changed since. A changed marker drops every
entry. The cache holds at most ``max_entries`` results (least recently used go first), and with a
``weigh`` function at most ``max_weight`` of them (``footprint`` estimates the bytes of results
made of dicts, lists and strings).

Several threads asking for the same missing result at once compute it once: the others wait for
the first (a crowd of clients opening the same page must not run the same aggregate fifty
times). Results are shared between callers: treat them as read-only.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
DEFAULT_ENTRIES = 512
SCALAR_BYTES = 32  # an int, float, bool or None inside a result (small ones are shared)


SAMPLED_ITEMS = 32  # a longer list or tuple is weighed by this many of its items, spread evenly


def footprint(value: Any) -> int:
    """An estimate of the bytes ``value`` holds: containers with their items (dict keys are
    left out: results repeat the same few keys, which Python shares), strings, scalars, and
    anything else by ``sys.getsizeof``.

    A list or tuple of more than ``SAMPLED_ITEMS`` items is weighed by an even sample of them,
    scaled up: results are rows of one shape, and weighing every row of every result kept cost
    about 4% of a loaded server's CPU."""
    if isinstance(value, str | bytes):
        return sys.getsizeof(value)
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(footprint(item) for item in value.values())
    if isinstance(value, list | tuple) and len(value) > SAMPLED_ITEMS:
        step = len(value) / SAMPLED_ITEMS
        sample = sum(footprint(value[int(i * step)]) for i in range(SAMPLED_ITEMS))
        return sys.getsizeof(value) + sample * len(value) // SAMPLED_ITEMS
    if isinstance(value, list | tuple | set | frozenset):
        return sys.getsizeof(value) + sum(footprint(item) for item in value)
    if value is None or isinstance(value, bool | int | float):
        return SCALAR_BYTES
    return sys.getsizeof(value)


class ResultCache:
    """A thread-safe LRU map from (marker, key) to results, with one computation per key.

    ``weigh`` (a result's size, e.g. in bytes) and ``max_weight`` bound what is kept by size as
    well as by count.
    """

    def __init__(
        self,
        max_entries: int = DEFAULT_ENTRIES,
        weigh: Callable[[Any], int] | None = None,
        max_weight: int | None = None,
    ) -> None:
        self.max_entries = max_entries
        self.weigh = weigh
        self.max_weight = max_weight
        self.hits = 0
        self.misses = 0
        self._weight = 0
        self._entries: OrderedDict[tuple[Hashable, Hashable], Any] = OrderedDict()
        self._weights: dict[tuple[Hashable, Hashable], int] = {}  # weighed once, when kept
        self._marker: Hashable = None
        self._pending: dict[tuple[Hashable, Hashable], threading.Event] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, marker: Hashable, key: Hashable, compute: Callable[[], T]) -> T:
        """The result kept for ``key`` at ``marker``, else ``compute()`` (then kept).

        ``marker`` None means the database state is unknown: nothing is kept.
        """
        if marker is None:
            return compute()
        full = (marker, key)
        while True:
            with self._lock:
                if marker != self._marker:  # the database changed: nothing kept is current
                    self._drop_all()
                    self._marker = marker
                if full in self._entries:
                    self._entries.move_to_end(full)
                    self.hits += 1
                    value: T = self._entries[full]
                    return value
                waiting = self._pending.get(full)
                if waiting is None:
                    mine = self._pending[full] = threading.Event()
                    break
            waiting.wait()  # another thread computes it; then look again (it may have failed)
        try:
            value = compute()
        except BaseException:
            with self._lock:
                del self._pending[full]
            mine.set()
            raise
        with self._lock:
            del self._pending[full]
            self.misses += 1
            if marker == self._marker:
                self._keep(full, value)
        mine.set()
        return value

    def peek(self, marker: Hashable, key: Hashable) -> Any:
        """The result kept for ``key`` at ``marker``, or None (nothing is computed)."""
        with self._lock:
            if marker is None or marker != self._marker or (marker, key) not in self._entries:
                return None
            self._entries.move_to_end((marker, key))
            self.hits += 1
            return self._entries[(marker, key)]

    def clear(self) -> None:
        with self._lock:
            self._drop_all()

    def _keep(self, full: tuple[Hashable, Hashable], value: Any) -> None:
        if full in self._entries:  # kept already (not by ``get``): replaced
            self._weight -= self._weights.pop(full)
        self._entries[full] = value
        weight = self._weights[full] = self.weigh(value) if self.weigh else 0
        self._weight += weight
        while len(self._entries) > 1 and (
            len(self._entries) > self.max_entries
            or (self.max_weight is not None and self._weight > self.max_weight)
        ):
            dropped, _value = self._entries.popitem(last=False)
            self._weight -= self._weights.pop(dropped)

    def _drop_all(self) -> None:
        self._entries.clear()
        self._weights.clear()
        self._weight = 0
