"""Long reads done in pieces between other requests' turns (``kroniek.api.turns``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TypeVar

import numpy as np
import pytest
from starlette.types import Message, Receive, Scope, Send

from kroniek import search
from kroniek.api import turns
from kroniek.api.response_cache import ResponseCache
from kroniek.search import postings
from kroniek.store import Batch, Store
from kroniek.store.search_index import Match
from tests.api.test_response_cache import _receive, _request
from tests.store.corpus import WORDS, articles

PIECES = 5
T = TypeVar("T")


class Reading:
    """An ASGI app: ``/read<key>`` needs a read of ``PIECES`` pieces (each logged), done once
    per key; any other path answers at once. Logs when each answer ends."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.read: set[str] = set()

    def work(self, key: str) -> str:
        if key not in self.read:
            raise postings.ReadFirst(key, lambda: self.pieces(key))
        return key

    def pieces(self, key: str) -> Generator[None]:
        for number in range(PIECES):
            self.log.append(f"{key} piece {number}")
            yield
        self.read.add(key)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"]
        if path.startswith("/read"):
            body = await turns.computed(lambda: self.work(path))
        else:
            body = path
        self.log.append(f"end {path}")
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body.encode()})


async def _ignore(message: Message) -> None:
    pass


def _crowd(cache: ResponseCache, paths: list[str]) -> None:
    async def crowd() -> None:
        await asyncio.gather(*(cache(_request(path), _receive, _ignore) for path in paths))

    asyncio.run(crowd())


@pytest.fixture
def every_piece_gives_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(turns, "TURN_BUDGET_S", 0.0)


@pytest.mark.usefixtures("every_piece_gives_way")
def test_requests_that_came_later_are_answered_between_the_pieces_of_a_read() -> None:
    app = Reading()
    _crowd(ResponseCache(app, lambda: 1), ["/read-a", "/b", "/c"])
    assert app.log.index("end /b") < app.log.index("/read-a piece 1")
    assert app.log.index("end /c") < app.log.index("/read-a piece 2")
    assert app.log[-1] == "end /read-a"
    assert [line for line in app.log if "piece" in line] == [
        f"/read-a piece {number}" for number in range(PIECES)
    ]


def test_a_read_within_its_budget_is_done_in_one_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(turns, "TURN_BUDGET_S", 60.0)  # however slow the machine
    app = Reading()
    _crowd(ResponseCache(app, lambda: 1), ["/read-a", "/b"])
    assert app.log[: PIECES + 1] == [f"/read-a piece {n}" for n in range(PIECES)] + ["end /read-a"]


@pytest.mark.usefixtures("every_piece_gives_way")
def test_a_read_in_progress_serves_every_request_that_wants_it() -> None:
    app = Reading()

    class Query:  # two URLs (not one kept answer) that need the same read
        def __init__(self, inner: Reading) -> None:
            self.inner = inner

        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            await self.inner({**scope, "path": scope["path"].split("?")[0]}, receive, send)

    _crowd(ResponseCache(Query(app), lambda: 1), ["/read-a?1", "/read-a?2", "/c"])
    assert sum("piece" in line for line in app.log) == PIECES  # read once
    assert app.log.count("end /read-a") == 2


@pytest.mark.usefixtures("every_piece_gives_way")
def test_a_request_cancelled_while_it_gives_way_leaves_the_turns_working() -> None:
    app = Reading()
    cache = ResponseCache(app, lambda: 1)

    async def scenario() -> None:
        reading = asyncio.create_task(cache(_request("/read-a"), _receive, _ignore))
        while "/read-a piece 0" not in app.log:
            await asyncio.sleep(0)
        reading.cancel()
        with pytest.raises(asyncio.CancelledError):
            await reading
        assert not cache.turns.lock().locked()
        await asyncio.wait_for(cache(_request("/b"), _receive, _ignore), timeout=2)
        await asyncio.wait_for(cache(_request("/read-a"), _receive, _ignore), timeout=2)

    asyncio.run(scenario())
    assert app.log[-1] == "end /read-a"
    assert "/read-a" in app.read


def test_outside_a_turn_work_runs_as_it_is() -> None:
    def nothing() -> Generator[None]:
        yield

    def work() -> str:
        raise postings.ReadFirst("never", nothing)

    with pytest.raises(postings.ReadFirst):  # no turn: reads are not put off
        asyncio.run(turns.computed(work))


# --- with a store -------------------------------------------------------------------------------


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        opened.write_batch(Batch(articles=articles(150)))
        assert opened.columns() is not None
        yield opened


def _in_a_turn(compute: Callable[[], T]) -> T:
    async def run() -> T:
        turn = turns.Turn(turns.Turns())
        await turn.take()
        token = turns.current.set(turn)
        try:
            return await turns.computed(compute)
        finally:
            turns.current.reset(token)
            turn.end()

    return asyncio.run(run())


def test_a_search_in_a_turn_reads_its_postings_in_pieces_and_finds_the_same(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole: list[object] = []
    real = postings.sql_scores

    def counting_whole(connection: object, text: object) -> postings.Postings:
        whole.append(text)
        return real(connection, text)

    monkeypatch.setattr(postings, "sql_scores", counting_whole)
    monkeypatch.setattr(postings, "PIECE_ROWS", 7)
    pieces: list[int] = []
    read_in_pieces = postings.read_in_pieces

    def counting(*args: object) -> Generator[None]:
        for _piece in read_in_pieces(*args):
            pieces.append(1)
            yield

    monkeypatch.setattr(postings, "read_in_pieces", counting)
    query = f"{WORDS[0]} actor:RUS"  # a field: the word's postings are read at once
    found = _in_a_turn(lambda: search.search(store, query))
    assert whole == [] and len(pieces) > 2  # read in pieces, not in one statement
    store.results.clear()
    columns = store.columns()
    assert columns is not None
    columns.scores.clear()
    columns.combined.clear()
    again = search.search(store, query)  # outside a turn: one statement
    assert whole == [Match((WORDS[0],))]
    assert [(h.id, h.score) for h in found.hits] == [(h.id, h.score) for h in again.hits]
    assert found.total == again.total > 0


def test_postings_read_in_pieces_equal_one_statement_bit_for_bit(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postings, "PIECE_ROWS", 5)
    columns = store.columns()
    assert columns is not None
    for phrase in (
        Match((WORDS[1],)),
        Match((WORDS[0], WORDS[1])),
        Match((WORDS[2][:3],), prefix=True),
    ):
        with store.engine.connect() as connection:
            whole = postings.sql_scores(connection, phrase)
        steps = list(postings.read_in_pieces(store.engine, columns, phrase))
        assert len(steps) == -(-len(whole[0]) // 5)
        kept = postings.kept_postings(columns, phrase)
        assert kept is not None
        assert np.array_equal(kept[0], whole[0])
        assert kept[1].tobytes() == whole[1].tobytes()
