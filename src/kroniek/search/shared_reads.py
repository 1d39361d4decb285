"""Reads from the index shared by the worker processes of one server (``store.shared_cache``).

A phrase's postings (``postings``: the articles holding it and its score in each) cost 60-100 ms
to read for a word found in most articles, and every worker read them once per database state:
with two workers, each common phrase was read twice. The articles a field or a text holds
(``docsets``: a mask over the docids) cost a few milliseconds each, also read by every worker.
Through the shared file, the second worker takes the first one's copy (about 1 ms for the
postings of 80,000 articles, 0.1 ms for a mask). The askings that decide when a phrase is worth
reading (``postings.worth_reading``) are counted there too, for the server as a whole: with
per-process counts, a phrase asked for once in each of two workers was not read.
"""

from __future__ import annotations

import struct
from collections.abc import Hashable
from pathlib import Path

import numpy as np

from kroniek.search.nodes import Node
from kroniek.search.postings import Postings
from kroniek.store.columns import Mask
from kroniek.store.search_index import Match
from kroniek.store.shared_cache import MAX_BYTES, SharedCache

KIND, MASKS_KIND, ASKINGS_KIND = "postings", "masks", "askings"
COUNT = struct.Struct("<Q")  # the number of docids; then the docids (int32), then the scores


def _key(value: Match | Node) -> bytes:
    """Frozen dataclasses of strings, numbers, enums and tuples: alike in every process."""
    return repr(value).encode("utf-8", "surrogateescape")


class SharedPostings:
    """The postings read by one server's workers; one object per process."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES) -> None:
        self.file = SharedCache(path, KIND, max_bytes)
        self.askings = SharedCache(path, ASKINGS_KIND, max_bytes)

    def close(self) -> None:
        self.file.close()
        self.askings.close()

    def ask(self, marker: Hashable, phrase: Match) -> int | None:
        """Count one asking for ``phrase`` at ``marker`` by any worker; the number of earlier
        ones (None: the file could not count it)."""
        return self.askings.count(marker, _key(phrase))

    def get(self, marker: Hashable, phrase: Match) -> Postings | None:
        packed = self.file.get(marker, _key(phrase))
        if packed is None:
            return None
        try:
            (count,) = COUNT.unpack_from(packed)
            docids = np.frombuffer(packed, dtype=np.int32, count=count, offset=COUNT.size)
            scores = np.frombuffer(packed, dtype=np.float64, count=count,
                                   offset=COUNT.size + 4 * count)  # fmt: skip
        except (struct.error, ValueError):  # a damaged row is not found
            return None
        return docids, scores

    def put(self, marker: Hashable, phrase: Match, found: Postings) -> None:
        docids, scores = found
        packed = (
            COUNT.pack(len(docids))
            + np.ascontiguousarray(docids, dtype=np.int32).tobytes()
            + np.ascontiguousarray(scores, dtype=np.float64).tobytes()
        )
        self.file.put(marker, _key(phrase), packed)


class SharedMasks:
    """The masks of query parts read by one server's workers; one object per process."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES) -> None:
        self.file = SharedCache(path, MASKS_KIND, max_bytes)

    def close(self) -> None:
        self.file.close()

    def get(self, marker: Hashable, node: Node, size: int) -> Mask | None:
        packed = self.file.get(marker, _key(node))
        if packed is None or len(packed) != (size + 7) // 8:  # not of columns this size
            return None
        bits = np.frombuffer(packed, dtype=np.uint8)
        found: Mask = np.unpackbits(bits, count=size).view(np.bool_)
        return found

    def put(self, marker: Hashable, node: Node, mask: Mask) -> None:
        self.file.put(marker, _key(node), np.packbits(mask).tobytes())
