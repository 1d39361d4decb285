"""Path traversal: ``../`` in every path-like parameter, sent byte for byte to a real uvicorn
server (``http.client`` does not resolve dot segments the way httpx and browsers do), plus the
upload's file name. Nothing outside the served static folder may come back, and no file is
written anywhere.

Path parameters are enumerated from the app's routes, so a route added later with a path-like
parameter (an export name, a file) is covered without touching this test.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import uvicorn
from fastapi import FastAPI

from kroniek.api import create_app
from kroniek.api.app import route_table
from kroniek.store import Store
from tests.api import corpus
from tests.api.conftest import TOKEN
from tests.web.test_browser import _free_port

REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "src" / "kroniek" / "web" / "static"
PATH_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")
START_TIMEOUT_S = 15.0

# Targets: files that exist outside the static folder, named relative, absolute and encoded.
TRAVERSALS = [
    "../../../../../../etc/passwd",
    "..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "..%5c..%5c..%5c..%5cetc%5cpasswd",
    "..\\..\\..\\..\\etc\\passwd",
    "....//....//....//....//etc/passwd",
    "/etc/passwd",
    "%2fetc%2fpasswd",
    "//etc/passwd",
    "../../../pyproject.toml",
    "..%2f..%2f..%2f..%2fpyproject.toml",
    "../../api/app.py",
    "..%2fapi%2fapp.py",
    "%2e%2e%2ftemplates%2fbase.html",
    "../templates/base.html",
    "kroniek.css%00.py",
    "..%00/etc/passwd",
    "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "..%u2216..%u2216etc%u2216passwd",
]
# What any of those files would show if it leaked.
LEAKS = ["root:x:0:0", "root:*:0:0", "[build-system]", "def create_app", "{% block"]


@dataclass(frozen=True)
class Server:
    port: int
    store: Store
    app: FastAPI


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    url = f"sqlite:///{tmp_path_factory.mktemp('paths') / 'kroniek.db'}"
    store = Store.open(url)
    corpus.load(store)
    app = create_app(store=store, token=TOKEN)
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield Server(port, store, app)
    finally:
        uv.should_exit = True
        thread.join(timeout=START_TIMEOUT_S)
        store.close()


def raw_request(port: int, method: str, target: str, body: bytes = b"",
                headers: dict[str, str] | None = None) -> tuple[int, str]:  # fmt: skip
    """Send ``target`` exactly as given (no normalisation, no re-encoding)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        for name, value in {**(headers or {}), "Content-Length": str(len(body))}.items():
            connection.putheader(name, value)
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def path_parameter_routes(app: FastAPI) -> list[str]:
    """Route templates with a path parameter, and the static mount (any file under it)."""
    templates = [route.path for route in route_table(app) if PATH_PARAM.search(route.path)]
    mounts = [route.path + "/{file:path}" for route in route_table(app) if not route.methods]
    return sorted(set(templates + mounts))


def fill(template: str, value: str) -> str:
    return PATH_PARAM.sub(lambda _: value, template)


def test_routes_with_path_parameters_are_enumerated(server: Server) -> None:
    routes = path_parameter_routes(server.app)
    assert {"/api/articles/{article_id}", "/api/actors/{actor_id:path}", "/articles/{article_id}",
            "/actors/{actor_id:path}", "/static/{file:path}"} <= set(routes)  # fmt: skip


def test_the_static_folder_serves_its_own_files(server: Server) -> None:
    status, body = raw_request(server.port, "GET", "/static/kroniek.css")
    assert status == 200 and body == (STATIC / "kroniek.css").read_text(encoding="utf-8")


def test_no_path_parameter_reaches_a_file_outside(server: Server) -> None:
    problems = []
    for template in path_parameter_routes(server.app):
        for payload in TRAVERSALS:
            target = fill(template, payload)
            status, body = raw_request(server.port, "GET", target)
            leaked = [marker for marker in LEAKS if marker in body]
            if status >= 500 or leaked or (status == 200 and template.startswith("/static")):
                problems.append((target, status, leaked))
            elif status == 200:  # only pages about a (non-existent) id may answer at all
                problems.append((target, status, "answered 200"))
    assert problems == []


def test_nul_in_a_path_is_refused(server: Server) -> None:
    for target in ("/static/kroniek.css%00", "/static/kroniek.css%00.html",
                   "/api/articles/a1%00", "/articles/a1%00../../etc/passwd"):  # fmt: skip
        status, _ = raw_request(server.port, "GET", target)
        assert status == 400, target


def test_upload_file_names_never_become_paths(server: Server, tmp_path: Path) -> None:
    """``filename`` only names the source in the database: a traversal in it writes nothing
    and is stored without its path separators."""
    target = tmp_path / "escaped.jsonl"
    names = [f"../../../../../..{target}", str(target), "..\\..\\..\\escaped.jsonl",
             quote(f"../../../../../..{target}", safe=""), "/etc/passwd", "../../pyproject.toml"]  # fmt: skip
    for number, name in enumerate(names):
        body = ('{"title": "Brug in Gent", "text": "De stad Gent opent een nieuwe brug '
                f'nummer {number} over de Leie."}}').encode()  # fmt: skip
        status, answer = raw_request(
            server.port,
            "POST",
            "/api/articles?analyze=false&filename=" + quote(name, safe=""),
            body,
            {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/octet-stream"},
        )
        assert status == 201, (name, answer)
        assert '"new":1' in answer, (name, answer)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
    with server.store.engine.connect() as connection:
        sources = [row.source_file for row in connection.exec_driver_sql(
            "SELECT source_file FROM sources WHERE source_file LIKE 'api:%'")]  # fmt: skip
    assert len(sources) == len(names)
    for source in sources:
        _digest, name = source.removeprefix("api:").split("/", 1)
        assert "/" not in name and "\\" not in name, source


def test_a_reader_name_is_never_opened(server: Server) -> None:
    """``format`` picks a reader by name; a path there is an unknown reader, not a file."""
    for number, fmt in enumerate(("../../../../etc/passwd", "/etc/passwd", "..%2f..%2fpasswd")):
        status, answer = raw_request(  # a new body each time: a stored error is not stored again
            server.port,
            "POST",
            "/api/articles?format=" + quote(fmt, safe=""),
            b"tekst %d" % number,
            {"Authorization": f"Bearer {TOKEN}"},
        )
        assert status == 201 and '"errors":1' in answer, answer
        assert not any(marker in answer for marker in LEAKS)
