"""Answers shared by the worker processes of one server (``kroniek.store.shared_cache``).

``ResponseCache`` keeps finished answers in each process. Under ``kroniek serve --workers N`` a
repeated request lands on any worker, so each worker made and kept its own copy: with two
workers, half of the repeats were made again. Measured in one process against two splitting the
same requests (``benchmarks.api_load``'s mix, 6,000 requests), the two spent a third more CPU in
all. Here each worker first looks in its own memory, then in the shared file, and puts every
answer it makes in both.
"""

from __future__ import annotations

import struct
from collections.abc import Hashable
from pathlib import Path

from kroniek.api.response_cache import Answer, Key
from kroniek.store.shared_cache import ENV_SHARED, FILE_NAME, MAX_BYTES, SharedCache

__all__ = ["ENV_SHARED", "FILE_NAME", "SharedAnswers"]

KIND = "answers"
HEAD = struct.Struct("<HI")  # status, length of the packed headers; then headers, then body


def _key(key: Key) -> bytes:
    path, query = key
    return path.encode("utf-8", "surrogateescape") + b"?" + query


def _pack(answer: Answer) -> bytes:
    """Headers as lines of name NUL value (neither holds a NUL or a newline in HTTP)."""
    headers = b"\n".join(name + b"\0" + value for name, value in answer.headers)
    return HEAD.pack(answer.status, len(headers)) + headers + answer.body


def _unpack(packed: bytes) -> Answer:
    status, length = HEAD.unpack_from(packed)
    start = HEAD.size
    headers = packed[start : start + length]
    lines = (line.partition(b"\0") for line in headers.split(b"\n")) if headers else ()
    return Answer(status, tuple((name, value) for name, _nul, value in lines),
                  packed[start + length :])  # fmt: skip


class SharedAnswers:
    """The answers of one server's workers; one object per process, used from its event loop."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES) -> None:
        self.file = SharedCache(path, KIND, max_bytes)

    @property
    def hits(self) -> int:
        return self.file.hits

    def close(self) -> None:
        self.file.close()

    def get(self, marker: Hashable, key: Key) -> Answer | None:
        packed = self.file.get(marker, _key(key))
        if packed is None:
            return None
        try:
            return _unpack(packed)
        except (struct.error, ValueError):  # a damaged row is not found
            return None

    def put(self, marker: Hashable, key: Key, answer: Answer) -> None:
        self.file.put(marker, _key(key), _pack(answer))

    def prune(self, marker: Hashable) -> None:
        self.file.prune(marker)

    def stored_bytes(self) -> int:
        return self.file.stored_bytes()
