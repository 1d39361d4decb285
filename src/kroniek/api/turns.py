"""Turns at making answers, and long reads done in pieces between other requests' turns.

A worker makes its answers one at a time, in the order the requests came (``ResponseCache``
gives each request a ``Turn``). Most turns take a few milliseconds, but the first read of a
common word's postings took 60-120 ms, and every request that came meanwhile waited for all
of it: those few reads set the tail of every endpoint's latency under load.

``computed`` runs a request's work with such reads put off (``postings.reads_put_off``): when
the work needs one, it stops (``postings.ReadFirst``), the read is done a piece at a time,
giving way to the waiting requests whenever a turn has lasted ``TURN_BUDGET_S``, and the work
is run again (it finds what was read). A read in progress serves every request that wants it:
the others wait for it without holding a turn.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

from kroniek.search import postings

T = TypeVar("T")
TURN_BUDGET_S = 0.008  # a read gives way after this long in one turn
MAX_ATTEMPTS = 16  # runs of the work with reads put off; then reads are done in place


class Turns:
    """The turns of one worker's requests (one per app, on its running event loop)."""

    def __init__(self) -> None:
        self._lock: asyncio.Lock | None = None
        self.reading: dict[Hashable, asyncio.Future[None]] = {}  # reads in progress, by key

    def lock(self) -> asyncio.Lock:
        """Made on the running loop at first use: a lock is bound to the loop it waits on."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock


class Turn:
    """One request's turn: taken before its answer is made, ended when it is made (or sent)."""

    def __init__(self, turns: Turns) -> None:
        self.turns = turns
        self.held = False

    async def take(self) -> None:
        await self.turns.lock().acquire()
        self.held = True

    def end(self) -> None:
        if self.held:
            self.held = False
            self.turns.lock().release()

    async def give_way(self, until: Awaitable[object] | None = None) -> None:
        """Let the requests waiting for a turn go first (and wait for ``until``), then take a
        turn again. The loop runs once in between, so requests that came meanwhile (still
        unread on their sockets) queue up first. A request cancelled meanwhile holds no turn."""
        self.end()
        await asyncio.sleep(0)
        if until is not None:
            await asyncio.shield(until)
        await self.take()


current: ContextVar[Turn | None] = ContextVar("turn", default=None)


async def computed(compute: Callable[[], T]) -> T:
    """``compute()``, with the postings it reads read in pieces between other requests' turns
    when it runs in a turn (else as it is)."""
    turn = current.get()
    if turn is None or not turn.held:
        return compute()
    for _attempt in range(MAX_ATTEMPTS):
        try:
            with postings.reads_put_off():
                return compute()
        except postings.ReadFirst as wanted:
            await _read(turn, wanted)
    return compute()


async def _read(turn: Turn, wanted: postings.ReadFirst) -> None:
    """Do ``wanted``'s read, giving way whenever a turn has lasted ``TURN_BUDGET_S``; or wait
    for the same read in progress for another request."""
    reading = turn.turns.reading
    underway = reading.get(wanted.key)
    if underway is not None:
        await turn.give_way(until=underway)
        return
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    reading[wanted.key] = done
    pieces = wanted.pieces()
    try:
        started = time.perf_counter()
        for _piece in pieces:
            if time.perf_counter() - started >= TURN_BUDGET_S:
                await turn.give_way()
                started = time.perf_counter()
    finally:
        pieces.close()  # a request cancelled mid-read gives its connection back now
        del reading[wanted.key]
        done.set_result(None)
