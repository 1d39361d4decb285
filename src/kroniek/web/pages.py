"""The web UI: server-rendered pages, each the HTML twin of a JSON endpoint under /api.

Pages call the same ``kroniek.api.service`` functions as the API. Templates are Jinja2 with
autoescape on; the only markup not escaped by Jinja comes from ``highlight``, ``charts`` and
``worldmap``, which escape every piece of text themselves. Responses carry a Content Security
Policy that allows scripts and styles from this server only, so even an escaping bug could not
run injected script. Like the read endpoints, pages are coroutines (see ``kroniek.api.routes``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from kroniek.api import service, turns
from kroniek.api.routes import DEFAULT_PAGE, MAX_COUNT, store_of
from kroniek.errors import QueryError
from kroniek.store import queries as store_queries
from kroniek.web import charts, worldmap
from kroniek.web.headers import SecurityHeaders
from kroniek.web.highlight import highlight, record_spans

HERE = Path(__file__).parent
PAGE_LIMIT = 100
NETWORK_TOP = 40

router = APIRouter(include_in_schema=False)


def url(path: str, **params: Any) -> str:
    """``path`` with the non-empty parameters as a query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(kept) if kept else "")


def actor_url(entity_id: str) -> str:
    return "/actors/" + quote(entity_id, safe=":")


def article_url(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
        undefined=jinja2.ChainableUndefined,
        auto_reload=False,  # templates change with the package, not while serving

    )  # fmt: skip
    environment.globals.update(url=url, actor_url=actor_url, article_url=article_url,
                               quad_names=charts.QUAD_NAMES)  # fmt: skip
    return environment


ENVIRONMENT = _environment()


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    page = ENVIRONMENT.get_template(template).render(request=request, **context)
    return HTMLResponse(page, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status, status_code=status, message=message,
                  json_url=None)  # fmt: skip


def mount_web(app: FastAPI) -> None:
    """Add the pages, the static files and the security headers to ``app``."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(SecurityHeaders)


QueryText = Annotated[str | None, Query()]


# --- search and articles ------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
async def search_page(
    request: Request,
    q: QueryText = None,
    outlet: QueryText = None,
    date: QueryText = None,
    since: QueryText = None,
    until: QueryText = None,
    offset: Annotated[int, Query(ge=0, le=MAX_COUNT)] = 0,
) -> HTMLResponse:
    params = {"q": q, "outlet": outlet, "date": date, "since": since, "until": until}
    error, results = None, None
    try:
        query = service.compose_query(q, outlet, date, since, until)
        store = store_of(request)
        results = await turns.computed(
            lambda: service.search_articles(store, query, DEFAULT_PAGE, offset, True)
        )
    except QueryError as problem:
        error = str(problem)
    return render(
        request, "search.html", 400 if error else 200, params=params, results=results,
        error=error, json_url=url("/api/articles", **params, facets="true", offset=offset or None),
    )  # fmt: skip


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(request: Request, article_id: str) -> HTMLResponse:
    detail = service.article_detail(store_of(request), article_id)
    if detail is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    record = detail["record"] or {}
    names = {e["id"]: e.get("name") for e in record.get("entities", [])}
    return render(
        request, "article.html", detail=detail, record=record, names=names,
        body=highlight(detail["text"], record_spans(record)),
        json_url="/api/articles/" + quote(detail["article"]["id"], safe=""),
    )  # fmt: skip


# --- actors -------------------------------------------------------------------------------------


@router.get("/actors", response_class=HTMLResponse)
async def actors_page(request: Request) -> HTMLResponse:
    rows = store_queries.actors(store_of(request), limit=PAGE_LIMIT)
    return render(request, "actors.html", actors=rows, json_url="/api/actors")


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
async def actor_page(
    request: Request, actor_id: str, period: service.Period = "month"
) -> HTMLResponse:
    profile = service.actor_profile(store_of(request), actor_id, period)
    if profile is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    return render(
        request, "actor.html", actor=profile, period=period,
        chart=charts.timeline_svg(profile["timeline"]["rows"]),
        json_url=url("/api" + actor_url(actor_id), period=period),
    )  # fmt: skip


# --- aggregates ---------------------------------------------------------------------------------


@router.get("/timeline", response_class=HTMLResponse)
async def timeline_page(
    request: Request,
    q: QueryText = None,
    period: service.Period = "month",
    a: QueryText = None,
    b: QueryText = None,
) -> HTMLResponse:
    dyad = (a.upper(), b.upper()) if a and b else None
    error, data = None, None
    try:
        data = service.timeline(store_of(request), service.compose_query(q), period, dyad)
    except QueryError as problem:
        error = str(problem)
    chart = charts.timeline_svg(data["rows"]) if data else None
    dyads = (data or {}).get("dyad", {})
    shared = sorted({str(row["period"]) for rows in dyads.values() for row in rows})
    dyad_charts = {
        direction: charts.timeline_svg(rows, periods=shared) for direction, rows in dyads.items()
    }
    return render(
        request, "timeline.html", 400 if error else 200, q=q, period=period, a=a, b=b,
        error=error, data=data, chart=chart, dyad_charts=dyad_charts,
        json_url=url("/api/timeline", q=q, period=period, a=a, b=b),
    )  # fmt: skip


@router.get("/network", response_class=HTMLResponse)
async def network_page(
    request: Request, q: QueryText = None, level: service.Level = "code"
) -> HTMLResponse:
    error, data, chart = None, None, None
    try:
        data = service.network(store_of(request), service.compose_query(q), level, top=NETWORK_TOP)
    except QueryError as problem:
        error = str(problem)
    if data is not None:

        def link(node: dict[str, Any]) -> str:
            if level == "entity":
                return actor_url(node["id"])
            return url("/search", q=f"actor:{node['id']}")

        chart = charts.network_svg(data["nodes"], data["edges"], link)
    return render(
        request, "network.html", 400 if error else 200, q=q, level=level, error=error,
        data=data, chart=chart, json_url=url("/api/network", q=q, level=level, top=NETWORK_TOP),
    )  # fmt: skip


@router.get("/map", response_class=HTMLResponse)
async def map_page(request: Request, q: QueryText = None) -> HTMLResponse:
    error, data, chart = None, None, None
    try:
        data = service.places(store_of(request), service.compose_query(q), limit=500)
    except QueryError as problem:
        error = str(problem)
    if data is not None:
        chart = worldmap.map_svg(
            data["places"],
            lambda place: url("/search", q='place:"' + place["name"].replace('"', " ") + '"'),
        )
    return render(
        request, "map.html", 400 if error else 200, q=q, error=error, data=data, chart=chart,
        json_url=url("/api/places", q=q),
    )  # fmt: skip


@router.get("/stories", response_class=HTMLResponse)
async def stories_page(request: Request) -> HTMLResponse:
    data = service.story_list(store_of(request), min_size=2, limit=50)
    return render(request, "stories.html", stories=data["stories"], json_url="/api/stories")


@router.get("/docs", response_class=HTMLResponse)
async def docs_page(request: Request) -> HTMLResponse:
    """The API reference from the OpenAPI document, without Swagger UI's CDN assets."""
    spec = request.app.openapi()
    return render(request, "docs.html", spec=spec, json_url="/openapi.json")


@router.get("/favicon.ico")
async def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg")
