"""Whole answers to read requests, kept as bytes while the database is unchanged (ASGI middleware).

A server answers the same searches, articles and timelines again and again between two ingests.
``Store.cached`` keeps the results of the expensive queries, but a repeated request still went
through routing, parameter and response validation, serialization or templating: about a
millisecond of CPU. This middleware keeps the finished answer (status 200, its headers and body)
of every ``GET`` to a read endpoint or page, under the store's write marker read *before* the
answer was made, exactly as ``kroniek.store.cache`` does; any commit changes the marker and drops
every answer kept.

With several worker processes, answers are also shared through a file all of them open
(``kroniek.api.shared_answers``), looked in after this process's own.

Only answers that depend on nothing but the URL are kept: ``GET`` requests without an
``Authorization`` header or cookies, to paths outside ``/static`` (served from files, with their
own validators). The answer is sent as the app made it, headers included.

Several requests for the same missing answer at once make it once: the others wait for the
first (the server runs read requests on its event loop, so waiting costs nothing but time).

Answers are made one at a time, in the order the requests came (an ``asyncio.Lock``, which is
fair), while kept answers are sent at once. Without that turn, the event loop ran every request
that was ready in one go, and only then looked at its sockets again: a request that came in
meanwhile waited for the whole batch, and a new connection was not even accepted (a first
request waited up to 2 s under 50 clients). With turns, the loop looks at its sockets between
two answers, so each request waits only for the ones that came before it. The app can give
way in the middle of its turn (``kroniek.api.turns``: a long read done in pieces).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kroniek.api import turns

MAX_ENTRIES = 8192
MAX_BYTES = 128 * 1024 * 1024
MAX_ANSWER_BYTES = 4 * 1024 * 1024  # larger answers (exports, big pages) are made each time
ENTRY_OVERHEAD = 512  # bytes of an entry besides its body: key, headers, bookkeeping
SKIPPED_PREFIXES = ("/static",)
PERSONAL_HEADERS = (b"authorization", b"cookie")

Key = tuple[str, bytes]


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes

    @property
    def weight(self) -> int:
        return len(self.body) + ENTRY_OVERHEAD + sum(len(n) + len(v) for n, v in self.headers)

    async def send(self, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status,
                    "headers": list(self.headers)})  # fmt: skip
        await send({"type": "http.response.body", "body": self.body})


def cacheable(scope: Scope) -> bool:
    """Whether the answer to ``scope`` depends on its URL alone (and may be kept)."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    if scope["path"].startswith(SKIPPED_PREFIXES):
        return False
    return not any(name in PERSONAL_HEADERS for name, _value in scope.get("headers", ()))


class AnswerStore:
    """An LRU map from request keys to answers under one marker, bounded by count and bytes.
    Not thread-safe: one event loop uses it."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self._marker: Hashable = None
        self._entries: OrderedDict[Key, Answer] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        return self._bytes

    def get(self, marker: Hashable, key: Key) -> Answer | None:
        if marker != self._marker:
            self._entries.clear()
            self._bytes = 0
            self._marker = marker
            return None
        answer = self._entries.get(key)
        if answer is not None:
            self._entries.move_to_end(key)
        return answer

    def put(self, marker: Hashable, key: Key, answer: Answer) -> None:
        """Keep ``answer``, made at ``marker``; an answer of an older state is dropped."""
        if marker != self._marker or answer.weight > self.max_bytes:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= old.weight
        self._entries[key] = answer
        self._bytes += answer.weight
        while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
            _key, dropped = self._entries.popitem(last=False)
            self._bytes -= dropped.weight


class Shared(Protocol):
    """Answers kept by other processes too (``kroniek.api.shared_answers.SharedAnswers``)."""

    def get(self, marker: Hashable, key: Key) -> Answer | None: ...

    def put(self, marker: Hashable, key: Key, answer: Answer) -> None: ...


class ResponseCache:
    """The middleware. ``marker()`` names the database state (None: unknown, keep nothing)."""

    def __init__(
        self,
        app: ASGIApp,
        marker: Callable[[], Hashable],
        answers: AnswerStore | None = None,
        shared: Shared | None = None,
    ) -> None:
        self.app = app
        self.marker = marker
        self.answers = answers or AnswerStore()
        self.shared = shared  # the answers of the other worker processes, if any
        self._pending: dict[tuple[Hashable, Key], asyncio.Future[Answer | None]] = {}
        self.turns = turns.Turns()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not cacheable(scope):
            await self.app(scope, receive, send)
            return
        marker = self.marker()
        if marker is None:
            await self.app(scope, receive, send)
            return
        key: Key = (scope["path"], scope.get("query_string", b""))
        while True:
            answer = self.answers.get(marker, key)
            if answer is None and self.shared is not None:
                answer = self.shared.get(marker, key)
                if answer is not None:
                    self.answers.put(marker, key, answer)
            if answer is not None:
                self.answers.hits += 1
                await answer.send(send)
                return
            pending = self._pending.get((marker, key))
            if pending is None:
                break
            made = await asyncio.shield(pending)
            if made is None:  # the first request's answer was not kept: make our own
                break
            marker = self.marker()
        self.answers.misses += 1
        await self._make(scope, receive, send, marker, key)

    async def _make(self, scope: Scope, receive: Receive, send: Send, marker: Hashable,
                    key: Key) -> None:  # fmt: skip
        """Make the answer in this worker's turn, pass it on, and keep it if it may be kept.

        What the app sends is held until the turn ends (when the app is done, or as soon as the
        answer grows past ``MAX_ANSWER_BYTES``, from where it streams): a client slow to read
        never holds up the turn."""
        future: asyncio.Future[Answer | None] = asyncio.get_running_loop().create_future()
        self._pending.setdefault((marker, key), future)
        held: list[Message] = []
        size = 0
        whole = True
        turn = turns.Turn(self.turns)
        await turn.take()
        in_turn = True  # until the turn ends for good (``turn.held`` is False while it gives way)

        async def end_turn() -> None:
            nonlocal in_turn
            if in_turn:
                in_turn = False
                turn.end()
                for message in held:
                    await send(message)

        async def capture(message: Message) -> None:
            nonlocal size, whole
            if message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            elif message["type"] != "http.response.start":
                whole = False  # e.g. a file sent by path: passed on as it comes
            if whole and size > MAX_ANSWER_BYTES:
                whole = False
            if in_turn:
                held.append(message)
                if not whole:
                    await end_turn()
                return
            await send(message)

        answer: Answer | None = None
        token = turns.current.set(turn)
        try:
            await self.app(scope, receive, capture)
            if in_turn:
                turn.end()
                in_turn = False
            answer = self._answer(held) if whole else None
            if answer is not None:
                self.answers.put(marker, key, answer)
                if self.shared is not None:
                    self.shared.put(marker, key, answer)
            for message in held if whole else ():
                await send(message)
        finally:
            turns.current.reset(token)
            turn.end()  # the app failed in its turn (nothing of it was sent), or was cancelled
            if self._pending.get((marker, key)) is future:
                del self._pending[(marker, key)]
            if not future.done():
                future.set_result(answer)

    @staticmethod
    def _answer(messages: list[Message]) -> Answer | None:
        """The answer the app sent as ``messages``, if it may be kept (status 200)."""
        if not messages or messages[0]["type"] != "http.response.start":
            return None
        if messages[0]["status"] != 200:
            return None
        body = b"".join(m.get("body", b"") for m in messages[1:])
        return Answer(200, tuple(messages[0].get("headers", ())), body)
