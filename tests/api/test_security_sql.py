"""SQL injection: hostile strings through every parameter of every GET endpoint, on both
backends. The JSON endpoints and their parameters are read from the OpenAPI document and the web
pages from the app's routes, so a filter added later is covered without touching this test.

Each answer must be a status the endpoint documents (never 5xx), and afterwards the database must
be exactly as before: the same row count in every table (the full-text index included), the
backend's integrity check passing, and a search still finding what it found before.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kroniek.api import create_app
from kroniek.api.app import route_table
from kroniek.store import Store
from tests.api import corpus
from tests.api.conftest import TOKEN

PAYLOADS = [
    "' OR 1=1--",
    "' OR '1'='1",
    '" OR ""="',
    "'; DROP TABLE articles;--",
    '"; DROP TABLE articles;--',
    "Robert'); DELETE FROM sources; --",
    "1) UNION SELECT id, text, title FROM articles--",
    "1 UNION SELECT NULL, NULL, NULL--",
    "' AND 1=CAST((SELECT version()) AS int)--",
    "'; SELECT pg_sleep(5);--",
    "' || (SELECT sqlite_version()) || '",
    "%",
    "_",
    "%%",
    "a%b_c",
    "\\",
    "\\'",
    '\\"',
    "\\%",
    "\u2018 OR 1=1 --",  # typographic quotes
    "\u2019; DROP TABLE articles; --",
    "\u201c OR \u201d=\u201d",
    "\uff07 OR 1=1--",  # fullwidth apostrophe
    "\u02bc OR 1=1--",
    "*",
    '"',
    "NEAR(a b)",
    "title:x OR 1",
    "kroniek:' OR 1=1--",
    "RUS' OR code LIKE '%",
    "2017-01-01' OR '1'='1",
    "-1",
    "0x27",
    "$$; DROP TABLE articles; $$",
    "/* */ OR 1=1",
]
DOCUMENTED_PAGE_STATUSES = {200, 400, 404, 422}
PATH_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")


def table_counts(store: Store) -> dict[str, int]:
    """Rows of every table in the database (SQLite's FTS5 tables and their shadows included)."""
    with store.engine.connect() as connection:
        names = sa.inspect(connection).get_table_names()
        return {
            name: int(connection.execute(sa.text(f'SELECT count(*) FROM "{name}"')).scalar() or 0)
            for name in names
        }


@pytest.fixture(scope="module")
def hostile(shared_db_url: str) -> Iterator[tuple[FastAPI, Store]]:
    with Store.open(shared_db_url) as store:
        corpus.load(store)
        yield create_app(store=store, token=TOKEN), store


def api_parameters(app: FastAPI) -> list[tuple[str, str, str, set[int]]]:
    """(path, where, name, documented statuses) of every parameter of every GET operation."""
    spec = app.openapi()
    found = []
    for path, operations in spec["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        statuses = {int(status) for status in operation["responses"]}
        for parameter in operation.get("parameters", []):
            found.append((path, parameter["in"], parameter["name"], statuses))
    return found


def page_parameters(app: FastAPI) -> list[tuple[str, str, str, set[int]]]:
    """The same for the web pages (not in the OpenAPI document): path parameters from the
    route, query parameters from the page function's signature."""
    found = []
    for route in route_table(app):
        if "GET" not in route.methods or route.path.startswith("/api/") or route.endpoint is None:
            continue
        in_path = set(PATH_PARAM.findall(route.path))
        for name in inspect.signature(route.endpoint).parameters:
            if name != "request":
                where = "path" if name in in_path else "query"
                found.append((route.path, where, name, DOCUMENTED_PAGE_STATUSES))
    return found


def request_url(path: str, where: str, name: str, value: str) -> tuple[str, dict[str, str]]:
    """The URL of ``path`` with ``value`` in parameter ``name``, other path parameters set to a
    known id."""

    def fill(match: re.Match[str]) -> str:
        return quote(value, safe="") if match.group(1) == name else "a1"

    url = PATH_PARAM.sub(fill, path)
    return url, ({name: value} if where == "query" else {})


def test_parameters_are_enumerated(hostile: tuple[FastAPI, Store]) -> None:
    app, _ = hostile
    api = {(path, name) for path, _, name, _ in api_parameters(app)}
    pages = {(path, name) for path, _, name, _ in page_parameters(app)}
    assert {("/api/articles", "q"), ("/api/events", "actor"), ("/api/quotes", "speaker"),
            ("/api/articles/{article_id}", "article_id"),
            ("/api/actors/{actor_id}", "actor_id")} <= api  # fmt: skip
    assert {("/search", "q"), ("/articles/{article_id}", "article_id"),
            ("/timeline", "a")} <= pages  # fmt: skip
    assert len(api) >= 35 and len(pages) >= 12


def test_injection_strings_in_every_parameter_leave_the_database_intact(
    hostile: tuple[FastAPI, Store],
) -> None:
    app, store = hostile
    before = table_counts(store)
    assert before["articles"] == 7 and before["sources"] == 7
    with TestClient(app) as client:
        found_before = client.get("/api/articles", params={"q": "poetin"}).json()["total"]
        problems = []
        parameters = api_parameters(app) + page_parameters(app)
        for path, where, name, statuses in parameters:
            for payload in PAYLOADS:
                url, params = request_url(path, where, name, payload)
                response = client.get(url, params=params)
                if response.status_code not in statuses:
                    problems.append((path, name, payload, response.status_code,
                                     response.text[:200]))  # fmt: skip
        assert problems == []
        assert client.get("/api/articles", params={"q": "poetin"}).json()["total"] == found_before
    assert table_counts(store) == before
    assert store.integrity_ok()


def test_like_wildcards_and_quotes_match_literally(hostile: tuple[FastAPI, Store]) -> None:
    """``%`` and ``_`` in a filter are characters, not LIKE wildcards, and a quote in an id
    finds nothing instead of everything."""
    app, _ = hostile
    with TestClient(app) as client:
        # As wildcards these would match "Zelensky", "RUS..." and "a1"; as text they match nothing.
        for speaker in ("%", "Zel_nsky", "Zel%y", "%%", "' OR 1=1--"):
            assert client.get("/api/quotes", params={"speaker": speaker}).json()["quotes"] == []
        for actor in ("%", "R_S", "_", "R%", "' OR 1=1--"):
            assert client.get("/api/events", params={"actor": actor}).json()["total"] == 0
        assert client.get("/api/events", params={"outlet": "' OR 1=1--"}).json()["total"] == 0
        for article_id in ("%", "_", "a_", "a%", "' OR 1=1--"):
            assert client.get("/api/articles/" + quote(article_id, safe="")).status_code == 404
        hits = client.get("/api/articles", params={"outlet": "%"}).json()
        assert hits["total"] == 0
        all_quotes: list[dict[str, Any]] = client.get("/api/quotes").json()["quotes"]
        assert len(all_quotes) == 2
