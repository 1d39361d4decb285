"""The FastAPI application: the JSON API under /api, the web UI at /, OpenAPI at /docs.

``create_app(db_url, token)`` opens the store once; every request shares it (SQLAlchemy pools
connections). Errors are JSON ``{"status": ..., "message": ...}`` under /api and an HTML page
elsewhere.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from kroniek.api import auth
from kroniek.errors import QueryError
from kroniek.store import Store

API_PREFIX = "/api"
DESCRIPTION = """\
kroniek's HTTP API: search Dutch-language news and read the event chronicle drawn from it.

Read endpoints are open. Write endpoints (`POST /api/articles`, `POST /api/reanalyze`) need
`Authorization: Bearer <token>` with the token the server was started with (`KRONIEK_TOKEN`);
**when no token is configured, the write endpoints are disabled and answer 403**.
Errors are JSON objects with `status` and `message`; a malformed search query answers 400 with
the parser's message, an unknown id 404. Every web page has a JSON twin here.
"""


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX) or request.url.path.endswith(".json")


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"status": status, "message": message}, status_code=status)
    from kroniek.web.pages import error_page

    return error_page(request, status, message)


def create_app(
    db_url: str | None = None, token: str | None = None, store: Store | None = None
) -> FastAPI:
    """The kroniek web application over the database at ``db_url`` (or an open ``store``)."""
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

    app = FastAPI(
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
    mount_web(app)
    return app
