"""The FastAPI application: the JSON API under /api, the web UI at /, OpenAPI at /docs.

``create_app(db_url, token)`` opens the store once; every request shares it (SQLAlchemy pools
connections). Errors are JSON ``{"status": ..., "message": ...}`` under /api and an HTML page
elsewhere.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from kroniek.api import auth
from kroniek.api.limits import RequestLimits
from kroniek.api.response_cache import ResponseCache
from kroniek.errors import QueryError
from kroniek.store import Store

API_PREFIX = "/api"
DESCRIPTION = """\
kroniek's HTTP API: search Dutch-language news and read the event chronicle drawn from it.

Read endpoints are open. Write endpoints (`POST /api/articles`, `POST /api/reanalyze`) need
`Authorization: Bearer <token>` with the token the server was started with (`KRONIEK_TOKEN`);
**when no token is configured, the write endpoints are disabled and answer 403**.
Errors are JSON objects with `status` and `message`; a malformed search query answers 400 with
the parser's message, an unknown id 404. A URL over 8 KiB answers 414, a URL holding NUL (`%00`)
400, a body over its endpoint's limit 413 (5 MiB for uploads, 256 KiB otherwise).
Every web page has a JSON twin here.
"""


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX) or request.url.path.endswith(".json")


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"status": status, "message": message}, status_code=status)
    from kroniek.web.pages import error_page

    return error_page(request, status, message)


# What RequestLimits refuses (NUL in a URL), stated in the OpenAPI document for every string
# parameter, so clients and generated tests know it.
NUL_FREE = "^[^\\x00]*$"


def _string_schemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    if schema.get("type") == "string":
        return [schema]
    return [part for part in schema.get("anyOf", []) if part.get("type") == "string"]


def document_limits(spec: dict[str, Any]) -> dict[str, Any]:
    """Add ``NUL_FREE`` as the pattern of every string parameter that has none."""
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                for schema in _string_schemas(parameter.get("schema", {})):
                    schema.setdefault("pattern", NUL_FREE)
    return spec


class KroniekAPI(FastAPI):
    """FastAPI with the request limits documented in its OpenAPI document."""

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is None:
            self.openapi_schema = document_limits(super().openapi())
        return self.openapi_schema


@dataclass(frozen=True, slots=True)
class RouteInfo:
    path: str  # the template, e.g. /api/articles/{article_id}
    methods: frozenset[str]  # empty for a mount (/static)
    endpoint: Callable[..., Any] | None


def route_table(app: FastAPI) -> list[RouteInfo]:
    """Every route of ``app``, the routes of included routers included (newer FastAPI keeps
    each included router as one entry of ``app.routes``)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # a FastAPI that copies included routes into app.routes
        routes: list[Any] = list(app.routes)
    else:
        routes = list(iter_route_contexts(app.routes))
    return [
        RouteInfo(str(route.path), frozenset(getattr(route, "methods", None) or ()),
                  getattr(route, "endpoint", None))
        for route in routes
        if getattr(route, "path", None)
    ]  # fmt: skip


def allowed_methods(app: FastAPI, path: str) -> str:
    """Every method some route accepts at ``path``, for the Allow header of a 405 (Starlette
    names only the methods of the first route whose path matched)."""
    methods: set[str] = set()
    for route in route_table(app):
        if compile_path(route.path)[0].match(path):
            methods |= route.methods
    return ", ".join(sorted(methods))


def create_app(
    db_url: str | None = None,
    token: str | None = None,
    store: Store | None = None,
    shared_answers: Path | None = None,
) -> FastAPI:
    """The kroniek web application over the database at ``db_url`` (or an open ``store``).
    ``shared_answers``: the file where the worker processes of one server share their answers
    and phrase postings (``kroniek.store.shared_cache``); used when the store names its states
    alike in every process."""
    from kroniek import __version__
    from kroniek.api.routes import router as read_router
    from kroniek.api.write_routes import router as write_router
    from kroniek.web.pages import mount_web

    opened = store or Store.open(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if store is None:  # the app opened it, so the app closes it
            opened.close()

    app = KroniekAPI(
        title="kroniek", version=__version__, description=DESCRIPTION, lifespan=lifespan,
        docs_url=None, redoc_url=None,  # /docs is our own page: Swagger UI would need a CDN
    )  # fmt: skip
    app.state.store = opened
    app.state.token = auth.configured_token(token)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        response = _error(request, error.status_code, str(error.detail))
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        if error.status_code == 405:
            response.headers["Allow"] = allowed_methods(request.app, request.url.path)
        return response

    @app.exception_handler(QueryError)
    async def query_error(request: Request, error: QueryError) -> Response:
        return _error(request, 400, str(error))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
            for item in error.errors()
        ]
        return _error(request, 422, "; ".join(problems) or "invalid request")

    app.include_router(read_router)
    app.include_router(write_router)
    shared = None
    if shared_answers is not None and opened.marker_is_shared:
        from kroniek.api.shared_answers import SharedAnswers
        from kroniek.search.shared_reads import SharedMasks, SharedPostings

        shared = SharedAnswers(shared_answers)
        opened.shared_postings = SharedPostings(shared_answers)
        opened.shared_masks = SharedMasks(shared_answers)
    app.add_middleware(ResponseCache, marker=opened.write_marker, shared=shared)  # inside limits
    app.add_middleware(RequestLimits, render=_error)
    mount_web(app)
    return app
