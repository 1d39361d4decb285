"""Answers shared by the worker processes of a server (``kroniek.api.shared_answers``)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from starlette.types import Message

from kroniek.api.app import create_app
from kroniek.api.response_cache import Answer, ResponseCache
from kroniek.api.shared_answers import FILE_NAME, SharedAnswers
from kroniek.store import Store
from tests.api.test_response_cache import Counting

HEADERS = ((b"content-type", b"application/json"), (b"content-length", b"2"))


def _answer(body: bytes = b"{}") -> Answer:
    return Answer(200, HEADERS, body)


def test_an_answer_put_by_one_process_is_found_by_another(tmp_path: Path) -> None:
    one, other = SharedAnswers(tmp_path / FILE_NAME), SharedAnswers(tmp_path / FILE_NAME)
    one.put(("generation", 3), ("/api/articles", b"q=poetin"), _answer(b'{"a":1}'))
    found = other.get(("generation", 3), ("/api/articles", b"q=poetin"))
    assert found == Answer(200, HEADERS, b'{"a":1}')
    assert other.get(("generation", 4), ("/api/articles", b"q=poetin")) is None  # newer state
    assert other.get(("generation", 3), ("/api/articles", b"q=rutte")) is None
    assert other.hits == 1


def test_a_damaged_answer_counts_as_not_found(tmp_path: Path) -> None:
    answers = SharedAnswers(tmp_path / FILE_NAME)
    answers.file.put(1, b"/a?", b"\x01")  # shorter than an answer's head
    assert answers.get(1, ("/a", b"")) is None


def test_an_answer_without_headers_comes_back_whole(tmp_path: Path) -> None:
    answers = SharedAnswers(tmp_path / FILE_NAME)
    answers.put(1, ("/a", b""), Answer(200, (), b"body"))
    assert answers.get(1, ("/a", b"")) == Answer(200, (), b"body")


def _get(cache: ResponseCache, path: str) -> list[Message]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": []}
    asyncio.run(cache(scope, receive, send))
    return sent


def test_a_worker_serves_what_another_worker_made(tmp_path: Path) -> None:
    first_app, second_app = Counting(), Counting()
    first = ResponseCache(first_app, lambda: 7, shared=SharedAnswers(tmp_path / FILE_NAME))
    second = ResponseCache(second_app, lambda: 7, shared=SharedAnswers(tmp_path / FILE_NAME))
    made = _get(first, "/api/timeline")
    served = _get(second, "/api/timeline")
    assert served[1]["body"] == made[1]["body"] == b"/api/timeline  1"
    assert first_app.calls["/api/timeline"] == 1 and second_app.calls["/api/timeline"] == 0
    _get(second, "/api/timeline")  # now from the second worker's own memory
    assert second.shared is not None and second.shared.hits == 1  # type: ignore[attr-defined]


def test_the_app_shares_answers_only_under_a_marker_alike_in_every_process(
    tmp_path: Path,
) -> None:
    def shared_of(store: Store) -> object:
        app = create_app(store=store, shared_answers=tmp_path / FILE_NAME)
        cache = app.build_middleware_stack()
        while not isinstance(cache, ResponseCache):
            cache = cache.app  # type: ignore[attr-defined]
        return cache.shared

    with Store.open(f"sqlite:///{tmp_path / 'k.db'}") as store:
        assert isinstance(shared_of(store), SharedAnswers)
    with Store.open("sqlite://") as memory:
        assert shared_of(memory) is None
