"""Whole answers kept while the database is unchanged (``kroniek.api.response_cache``)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from kroniek.api import create_app, response_cache
from kroniek.api.response_cache import Answer, AnswerStore, ResponseCache
from kroniek.store import Store
from tests.api import corpus


class Counting:
    """An ASGI app answering ``<path> <query> <call number>``; /missing answers 404, /slow
    yields to the loop before answering."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":  # the test client starts and stops the app
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        path = scope["path"]
        self.calls[path] += 1
        if path == "/slow":
            await asyncio.sleep(0.01)
        status = 404 if path == "/missing" else 200
        body = f"{path} {scope['query_string'].decode()} {self.calls[path]}".encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"text/plain")]})  # fmt: skip
        await send({"type": "http.response.body", "body": body})


class Marker:
    def __init__(self) -> None:
        self.value: int | None = 1

    def __call__(self) -> int | None:
        return self.value


@pytest.fixture
def app() -> Counting:
    return Counting()


@pytest.fixture
def marker() -> Marker:
    return Marker()


@pytest.fixture
def client(app: Counting, marker: Marker) -> Iterator[TestClient]:
    with TestClient(ResponseCache(app, marker)) as test_client:
        yield test_client


def test_a_repeated_get_is_answered_from_the_cache(client: TestClient, app: Counting) -> None:
    first = client.get("/api/articles?q=poetin")
    second = client.get("/api/articles?q=poetin")
    assert first.text == second.text == "/api/articles q=poetin 1"
    assert second.headers["content-type"] == "text/plain"
    assert app.calls["/api/articles"] == 1
    assert client.get("/api/articles?q=rutte").text == "/api/articles q=rutte 2"


def test_a_commit_drops_every_answer(client: TestClient, app: Counting, marker: Marker) -> None:
    client.get("/timeline")
    marker.value = 2
    assert client.get("/timeline").text == "/timeline  2"
    assert client.get("/timeline").text == "/timeline  2"
    assert app.calls["/timeline"] == 2


def test_nothing_is_kept_when_the_state_is_unknown(
    client: TestClient, app: Counting, marker: Marker
) -> None:
    marker.value = None
    client.get("/stats")
    client.get("/stats")
    assert app.calls["/stats"] == 2


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/missing", {}),  # not 200
        ("POST", "/api/articles", {}),
        ("HEAD", "/api/articles", {}),
        ("GET", "/static/kroniek.css", {}),
        ("GET", "/api/stats", {"Authorization": "Bearer x"}),
        ("GET", "/api/stats", {"Cookie": "a=b"}),
    ],
)
def test_answers_that_may_differ_are_made_each_time(
    client: TestClient, app: Counting, method: str, path: str, headers: dict[str, str]
) -> None:
    client.request(method, path, headers=headers)
    client.request(method, path, headers=headers)
    assert app.calls[path] == 2


def test_a_large_answer_is_passed_on_whole_but_not_kept(
    client: TestClient, app: Counting, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(response_cache, "MAX_ANSWER_BYTES", 10)
    assert client.get("/export?format=csv").text == "/export format=csv 1"
    assert client.get("/export?format=csv").text == "/export format=csv 2"


def test_requests_for_the_same_missing_answer_make_it_once(app: Counting) -> None:
    cache = ResponseCache(app, lambda: 1)
    sent: list[list[Message]] = []

    async def one() -> None:
        messages: list[Message] = []

        async def receive() -> Message:
            return {"type": "http.request", "body": b""}

        async def send(message: Message) -> None:
            messages.append(message)

        scope = {"type": "http", "method": "GET", "path": "/slow", "query_string": b"q=x",
                 "headers": []}  # fmt: skip
        await cache(scope, receive, send)
        sent.append(messages)

    async def crowd() -> None:
        await asyncio.gather(*(one() for _ in range(5)))

    asyncio.run(crowd())
    assert app.calls["/slow"] == 1
    assert {m[1]["body"] for m in sent} == {b"/slow q=x 1"}
    assert cache.answers.hits == 4 and cache.answers.misses == 1


def _answer(size: int) -> Answer:
    return Answer(200, ((b"content-type", b"text/plain"),), b"x" * size)


def test_the_store_keeps_the_most_recently_used_within_its_bounds() -> None:
    answers = AnswerStore(max_entries=2, max_bytes=10_000)
    answers.get(1, ("/a", b""))
    for name in ("/a", "/b"):
        answers.put(1, (name, b""), _answer(10))
    answers.get(1, ("/a", b""))  # /a is now the most recent
    answers.put(1, ("/c", b""), _answer(10))
    assert answers.get(1, ("/a", b"")) and answers.get(1, ("/c", b""))
    assert answers.get(1, ("/b", b"")) is None
    answers.put(1, ("/big", b""), _answer(9_000))
    assert len(answers) == 1 and answers.size <= 10_000
    answers.put(1, ("/huge", b""), _answer(20_000))  # over the whole bound: not kept
    assert answers.get(1, ("/huge", b"")) is None


def test_an_answer_made_at_an_older_state_is_not_kept() -> None:
    answers = AnswerStore()
    answers.get(2, ("/a", b""))
    answers.put(1, ("/a", b""), _answer(10))
    assert answers.get(2, ("/a", b"")) is None


def test_the_app_answers_a_write_at_once(tmp_path: Path) -> None:
    """Through the real app on SQLite: an answer kept before a commit is made again after it."""
    store = Store.open(f"sqlite:///{tmp_path}/k.db")
    with store, TestClient(create_app(store=store)) as client:
        assert client.get("/api/stats").json()["articles"] == 0
        assert client.get("/api/stats").json()["articles"] == 0
        corpus.load(store)
        assert client.get("/api/stats").json()["articles"] > 0


class Recording:
    """An ASGI app that yields to the loop while it makes an answer, and records when each
    answer was begun and finished."""

    def __init__(self) -> None:
        self.events: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"]
        self.events.append(f"begin {path}")
        await asyncio.sleep(0.01)  # other requests may run now, unless they wait for a turn
        self.events.append(f"end {path}")
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": path.encode()})


def _request(path: str) -> Scope:
    return {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": []}


async def _receive() -> Message:
    return {"type": "http.request", "body": b""}


def test_answers_are_made_one_at_a_time_in_the_order_asked() -> None:
    app = Recording()
    cache = ResponseCache(app, lambda: 1)

    async def ask(path: str) -> None:
        async def send(message: Message) -> None:
            pass

        await cache(_request(path), _receive, send)

    async def crowd() -> None:
        await asyncio.gather(*(ask(f"/{name}") for name in "abc"))

    asyncio.run(crowd())
    assert app.events == ["begin /a", "end /a", "begin /b", "end /b", "begin /c", "end /c"]


def test_a_client_slow_to_read_holds_up_no_other_request() -> None:
    cache = ResponseCache(Recording(), lambda: 1)

    async def scenario() -> None:
        other_done = asyncio.Event()

        async def slow_send(message: Message) -> None:
            await other_done.wait()  # this client reads only once the other is answered

        async def send(message: Message) -> None:
            pass

        slow = asyncio.create_task(cache(_request("/slow-reader"), _receive, slow_send))
        await asyncio.sleep(0)
        await asyncio.wait_for(cache(_request("/other"), _receive, send), timeout=2)
        other_done.set()
        await asyncio.wait_for(slow, timeout=2)

    asyncio.run(scenario())


def test_an_answer_too_large_to_keep_streams_outside_the_turn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(response_cache, "MAX_ANSWER_BYTES", 4)

    async def streaming(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        for part in (b"abc", b"def", b"ghi"):
            await send({"type": "http.response.body", "body": part, "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    cache = ResponseCache(streaming, lambda: 1)
    sent: list[Message] = []
    turn_free: list[bool] = []

    async def send(message: Message) -> None:
        turn_free.append(not cache.turns.lock().locked())
        sent.append(message)

    asyncio.run(cache(_request("/export"), _receive, send))
    assert b"".join(m.get("body", b"") for m in sent) == b"abcdefghi"
    assert all(turn_free)  # everything was sent with the turn given up
    assert len(cache.answers) == 0
