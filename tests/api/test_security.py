"""API security: the write token, request size limits, NUL in URLs and SQL built only from
bound parameters. Routes are enumerated from the app (``route_table``), so a route added later
is covered without touching these tests.
"""

from __future__ import annotations

import ast
import hmac
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kroniek.api import auth, create_app, limits, writes
from kroniek.api.app import RouteInfo, route_table
from kroniek.api.write_routes import MAX_ID_CHARS
from kroniek.store import Store
from tests.api import corpus
from tests.api.conftest import TOKEN

SRC = Path(__file__).resolve().parents[2] / "src" / "kroniek"
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
PATH_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")


def concrete(path: str, value: str = "a1") -> str:
    """A request path for a route template: every path parameter set to ``value``."""
    return PATH_PARAM.sub(value, path)


def write_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, template) of every route that is not a plain read."""
    return sorted(
        (method, route.path)
        for route in route_table(app)
        for method in route.methods - READ_METHODS
    )


def get_routes(app: FastAPI) -> list[RouteInfo]:
    return [route for route in route_table(app) if "GET" in route.methods]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    url = f"sqlite:///{tmp_path_factory.mktemp('security') / 'kroniek.db'}"
    with Store.open(url) as store:
        corpus.load(store)
        yield create_app(store=store, token=TOKEN)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def stored(client: TestClient) -> dict[str, Any]:
    stats: dict[str, Any] = client.get("/api/stats").json()
    return stats


# --- 1. the write token -------------------------------------------------------------------------

BAD_AUTHORIZATION: dict[str, str | bytes | None] = {
    "missing": None,
    "empty": "",
    "scheme only": "Bearer",
    "empty token": "Bearer ",
    "wrong token": "Bearer wrong",
    "token without scheme": TOKEN,
    "basic scheme": f"Basic {TOKEN}",
    "token prefix": f"Bearer {TOKEN[:-1]}",
    "token plus a character": f"Bearer {TOKEN}x",
    "token in other case": f"Bearer {TOKEN.upper()}",
    "two tokens": f"Bearer {TOKEN},{TOKEN}",
    "token twice": f"Bearer {TOKEN} {TOKEN}",
    "non-ASCII token": "Bearer t\u00f6ken".encode(),
}
BODIES = {
    "article": b"Gemeente Gent opent een nieuwe brug.\n\nDe stad Gent heeft een fietsbrug geopend.",
    "json": b'{"ids": ["a1"]}',
    "broken json": b'{"ids": [',
    "empty": b"",
}


def test_every_write_route_is_enumerated(app: FastAPI) -> None:
    routes = write_routes(app)
    assert ("POST", "/api/articles") in routes and ("POST", "/api/reanalyze") in routes
    assert all(path.startswith("/api/") for _, path in routes), routes


@pytest.mark.parametrize("case", sorted(BAD_AUTHORIZATION))
def test_every_write_route_refuses_a_missing_or_wrong_token(
    app: FastAPI, client: TestClient, case: str
) -> None:
    header = BAD_AUTHORIZATION[case]
    headers: dict[str, str | bytes] = {} if header is None else {"Authorization": header}
    before = stored(client)
    for method, path in write_routes(app):
        for name, body in BODIES.items():
            response = client.request(method, concrete(path), content=body,
                                      headers={**headers, "Content-Type": "application/json"})  # fmt: skip
            assert response.status_code == 401, (method, path, case, name, response.text)
            assert response.headers["www-authenticate"] == "Bearer"
            assert response.json()["message"].startswith("a valid bearer token is required")
    assert stored(client) == before


def test_every_write_route_is_disabled_without_a_configured_token(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(auth.ENV_TOKEN, raising=False)
    disabled = create_app(store=app.state.store)
    with TestClient(disabled) as client:
        before = stored(client)
        for method, path in write_routes(disabled):
            for header in (None, f"Bearer {TOKEN}", "Bearer ", "Bearer None"):
                headers = {} if header is None else {"Authorization": header}
                response = client.request(method, concrete(path), content=BODIES["json"],
                                          headers=headers)  # fmt: skip
                assert response.status_code == 403, (method, path, header)
                assert auth.ENV_TOKEN in response.json()["message"]
        assert stored(client) == before


def test_an_empty_token_in_the_environment_disables_writes(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(auth.ENV_TOKEN, "")
    assert create_app(store=app.state.store).state.token is None


def test_the_right_token_passes_on_every_write_route(app: FastAPI, client: TestClient) -> None:
    for method, path in write_routes(app):
        response = client.request(method, concrete(path), json={"ids": ["a1"]},
                                  headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
        assert response.status_code not in (401, 403), (method, path, response.text)


def test_tokens_are_compared_with_compare_digest(
    app: FastAPI, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every token check goes through ``hmac.compare_digest`` (constant time), never ``==``."""
    calls: list[tuple[bytes, bytes]] = []
    original = hmac.compare_digest

    def spy(first: bytes, second: bytes) -> bool:
        calls.append((first, second))
        return original(first, second)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    for method, path in write_routes(app):
        calls.clear()
        client.request(method, concrete(path), headers={"Authorization": "Bearer raden"})
        assert len(calls) == 1, (method, path)
        first, second = calls[0]
        assert len(first) == len(second) == 32  # SHA-256 digests: lengths are equal too
    assert auth.token_matches(TOKEN, TOKEN) and not auth.token_matches(TOKEN, TOKEN + " ")
    assert not auth.token_matches(TOKEN, "") and auth.token_matches("sleutel-ë", "sleutel-ë")


def test_the_auth_module_never_compares_tokens_with_equality() -> None:
    tree = ast.parse((SRC / "api" / "auth.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(
            isinstance(op, ast.Eq | ast.NotEq | ast.In | ast.NotIn) for op in node.ops
        ):
            names = {sub.id for sub in ast.walk(node) if isinstance(sub, ast.Name)}
            assert not names & {"expected", "given", "token"}, ast.unparse(node)


# --- 2. size limits -----------------------------------------------------------------------------


def test_a_body_over_the_limit_is_413_on_every_route(app: FastAPI, client: TestClient) -> None:
    auth_header = {"Authorization": f"Bearer {TOKEN}"}
    for route in route_table(app):
        path = concrete(route.path)
        limit = limits.body_limit(path)
        for method in route.methods or {"GET"}:
            response = client.request(method, path, content=b"x" * (limit + 1),
                                      headers=auth_header)  # fmt: skip
            assert response.status_code == 413, (method, path)
            if method != "HEAD":
                assert f"over the {limit} byte limit" in response.text, (method, path)
    assert limits.body_limit("/api/articles") == 5 * 1024 * 1024
    assert limits.body_limit("/api/reanalyze") == 256 * 1024


def test_a_streamed_body_is_cut_off_at_the_limit(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        for _ in range(100):
            yield b'["' + b"a" * 4094 + b'"]'

    response = client.post("/api/reanalyze", content=chunks(),
                           headers={"Authorization": f"Bearer {TOKEN}",
                                    "Content-Type": "application/json"})  # fmt: skip
    assert response.status_code == 413
    assert response.json() == {"status": 413, "message": limits.too_large_message(256 * 1024)}


def test_the_largest_valid_body_is_read(client: TestClient) -> None:
    """The body limit leaves room for the most a route accepts: 1,000 ids of 200 characters."""
    ids = [f"{n:0>200}" for n in range(writes.MAX_REANALYZE_IDS)]
    assert all(len(i) == MAX_ID_CHARS for i in ids)
    response = client.post("/api/reanalyze", json={"ids": ids},
                           headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert response.status_code == 200 and response.json()["analysed"] == 0


def test_an_over_long_url_is_414_on_every_route(app: FastAPI, client: TestClient) -> None:
    too_long = "a" * (limits.MAX_URL_BYTES + 1)
    for route in route_table(app):
        for method in route.methods or {"GET"}:
            urls = [
                concrete(route.path) + "?q=" + too_long,
                concrete(route.path).rstrip("/") + "/" + too_long,
            ]
            if PATH_PARAM.search(route.path):
                urls.append(concrete(route.path, too_long))
            for url in urls:
                response = client.request(method, url)
                assert response.status_code == 414, (method, url[:60])
                if method != "HEAD":
                    assert f"over the {limits.MAX_URL_BYTES} byte limit" in response.text


def query_parameters(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    """(path template, name, JSON schema) of every query parameter of every GET operation."""
    spec = app.openapi()
    return [
        (path, parameter["name"], parameter["schema"])
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if method == "get"
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query"
    ]


def test_long_and_huge_parameters_are_4xx_never_500(app: FastAPI, client: TestClient) -> None:
    """Every query parameter: a value just under the URL limit, and integers far beyond 64 bits
    (which would overflow a database integer if they got that far)."""
    checked = 0
    for path, name, _ in query_parameters(app):
        for value in ("ä" * 1300, "9" * 40, "-" + "9" * 40, "1e400", "NaN"):
            response = client.get(concrete(path), params={name: value})
            assert response.status_code < 500, (path, name, value[:12], response.text[:200])
            checked += 1
    assert checked > 100


def test_nul_in_any_url_part_is_400_on_every_route(app: FastAPI, client: TestClient) -> None:
    for route in route_table(app):
        for method in route.methods or {"GET"}:
            urls = [concrete(route.path) + "?q=a%00", concrete(route.path) + "?x=%00",
                    concrete(route.path).rstrip("/") + "/%00"]  # fmt: skip
            if PATH_PARAM.search(route.path):
                urls.append(concrete(route.path, "a%00b"))
            for url in urls:
                response = client.request(method, url)
                assert response.status_code == 400, (method, url)
                if method != "HEAD":
                    assert "NUL" in response.text


def test_nul_and_surrogates_in_json_ids_are_422(client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    for body in (b'{"ids": ["a\\u0000"]}', b'{"ids": ["\\ud800"]}', b'{"ids": [""]}',
                 b'{"ids": ["' + b"a" * 201 + b'"]}'):  # fmt: skip
        response = client.post("/api/reanalyze", content=body, headers=headers)
        assert response.status_code == 422, body


# --- 4 (static part). SQL only with bound parameters --------------------------------------------

# Calls whose first argument becomes SQL text (sa.literal and .where() bind their values).
SQL_SINKS = {"text", "exec_driver_sql", "literal_column", "executescript", "executemany", "op"}
SQL_WORDS = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WHERE|MATCH|VALUES|TRUNCATE)\b"
)


SCHEMA_IDENTIFIERS = {"name", "key"}  # column.name, table.key: identifiers of schema objects


def _names(node: ast.AST) -> set[str]:
    """Names whose values can flow into ``node``'s value. Not: the test of ``a if t else b``,
    the key of ``CONSTANT[key]`` (it only picks one of the constant's values), and the object of
    ``x.name`` (the name of a schema object)."""
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.IfExp):
        return _names(node.body) | _names(node.orelse)
    if isinstance(node, ast.Subscript):
        return _names(node.value)
    if isinstance(node, ast.Attribute) and node.attr in SCHEMA_IDENTIFIERS:
        return set()
    names: set[str] = set()
    for child in ast.iter_child_nodes(node):
        names |= _names(child)
    return names


def _bindings(tree: ast.AST) -> dict[str, list[ast.AST | None]]:
    """Every value each name is bound to in ``tree`` (None: a value we cannot see, such as a
    function parameter or a ``with ... as`` target)."""
    bound: dict[str, list[ast.AST | None]] = {}

    def bind(target: ast.AST, value: ast.AST | None) -> None:
        for sub in ast.walk(target):
            if isinstance(sub, ast.Name):
                bound.setdefault(sub.id, []).append(value)

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                bind(target, node.value)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.NamedExpr):
            bind(node.target, node.value)
        elif isinstance(node, ast.For | ast.comprehension):
            bind(node.target, node.iter)
        elif isinstance(node, ast.arg):
            bound.setdefault(node.arg, []).append(None)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            bind(node.optional_vars, None)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.setdefault(node.name, []).append(None)
    return bound


def constant_names(tree: ast.AST) -> set[str]:
    """Names that only ever hold values built from literals and UPPER_CASE module constants
    (e.g. ``for table, column in _INDEXES``): identifiers a statement may name safely."""
    bound = _bindings(tree)
    safe = {name for name, values in bound.items() if None not in values}
    changed = True
    while changed:
        changed = False
        for name in list(safe):
            if not all(_constant(value, safe) for value in bound[name] if value is not None):
                safe.discard(name)
                changed = True
    return safe


def _constant(node: ast.AST, safe: set[str]) -> bool:
    return all(name.lstrip("_").isupper() or name in safe for name in _names(node))


def _literal_text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
    return ""


def _sink(node: ast.AST) -> bool:
    """A call that sends its first argument to the database as SQL text."""
    if not isinstance(node, ast.Call) or not node.args:
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in SQL_SINKS


def formatted_sql(source: str) -> list[str]:
    """SQL text built with f-strings, ``%``, ``+`` or ``.format`` from anything but constants:
    text with SQL keywords, or any text handed to a call that runs or embeds raw SQL."""
    tree = ast.parse(source)
    safe = constant_names(tree)
    found = []
    for node in ast.walk(tree):
        if _sink(node):
            sql = node.args[0]  # type: ignore[attr-defined]
            if not isinstance(sql, ast.Constant) and not _constant(sql, safe):
                found.append(ast.unparse(node))
        if isinstance(node, ast.JoinedStr) and SQL_WORDS.search(_literal_text(node)):
            values = [v for v in node.values if isinstance(v, ast.FormattedValue)]
            if not all(_constant(v.value, safe) for v in values):
                found.append(ast.unparse(node))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
            sides = _literal_text(node.left) + _literal_text(node.right)
            if SQL_WORDS.search(sides) and not _constant(node, safe):
                found.append(ast.unparse(node))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and SQL_WORDS.search(_literal_text(node.func.value))
            and not all(_constant(a, safe) for a in [*node.args, *(k.value for k in node.keywords)])
        ):
            found.append(ast.unparse(node))
    return found


def test_the_sql_checker_finds_formatted_sql() -> None:
    bad = [
        "q = f\"SELECT * FROM articles WHERE id = '{article_id}'\"",
        "q = \"DELETE FROM articles WHERE id = '%s'\" % article_id",
        "q = 'SELECT * FROM articles WHERE outlet = ' + outlet",
        "q = 'SELECT * FROM {table} WHERE x = 1'.format(table=name)",
        "where = sa.text(f\"articles.outlet = '{outlet}'\")",
        "connection.exec_driver_sql('articles.outlet = ' + outlet)",
        "column = sa.literal_column(name)",
        "column = sa.literal_column(LABELS[key] + suffix)",
        # a name is constant only if every value it is ever bound to is
        "for t in TABLES:\n    q = f'DROP TABLE {t}'\nfor t in names:\n    pass",
        "def f(column):\n    q = f'SELECT {column} FROM articles'",
        "for t in TABLES:\n    c = t + user\n    q = f'DROP TABLE {c}'",
    ]
    for source in bad:
        assert formatted_sql(source), source
    good = [
        "q = f'PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}'",
        "for table, column in _INDEXES:\n"
        "    key = f'{column} a' if postgres else f'{column} b'\n"
        "    run(f'CREATE INDEX ix_{table} ON {table} ({key})')",
        "q = f'CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(a)'",
        "q = sa.select(t).where(t.c.id == article_id)",
        "label = sa.literal_column(f\"'{PG_WEIGHT_LABELS[column]}'\")",
        "connection.exec_driver_sql('PRAGMA integrity_check')",
        "group = [sa.literal_column(k.name) for k in keys]",
        "message = f'no article with id {article_id!r}'",
    ]
    for source in good:
        assert not formatted_sql(source), source


def test_no_sql_is_formatted_from_variables_anywhere_in_the_package() -> None:
    files = sorted(SRC.rglob("*.py"))
    assert len(files) > 50
    found = {
        str(path.relative_to(SRC)): hits
        for path in files
        if (hits := formatted_sql(path.read_text(encoding="utf-8")))
    }
    assert found == {}
