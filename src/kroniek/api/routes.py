"""The read endpoints (open to everyone): thin wrappers over ``kroniek.api.service``.

They are coroutines, so each runs on its worker's event loop, one at a time: their work is
Python holding the GIL (or SQLite on the same core), so a thread per request only added switching
between threads. Under 50 clients that cost about a third of the server's CPU per request (6.9
against 4.7 ms, ``benchmarks.api_load``). The writes, which can run for minutes, stay in threads
(``write_routes``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from kroniek.api import models, queries, service, turns
from kroniek.store import Store
from kroniek.store import queries as store_queries

# Every read answers 400 (malformed query or date, NUL in the URL), 414 (URL too long) and 422
# (invalid parameter) in the error format; 404 is added where an id is looked up.
READ_ERRORS = (400, 414, 422)
router = APIRouter(
    prefix="/api", tags=["read"], responses=models.error_responses(*READ_ERRORS)
)  # fmt: skip

MAX_PAGE = 500
DEFAULT_PAGE = 20
MAX_COUNT = 2**31 - 1  # bound of offsets and count thresholds: larger ones overflow SQL integers
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_COUNT, description="Rows to skip.")]
QueryText = Annotated[
    str | None, Query(description="Search query, e.g. `poetin AND actor:RUS date:2017..2018`.")
]
DATE_FORMAT = {"pattern": service.DATE_PATTERN}  # documented; checked by service (400)
Since = Annotated[
    str | None,
    Query(description="From this ISO date (2017, 2017-12, 2017-12-05).",
          json_schema_extra=DATE_FORMAT),
]  # fmt: skip
Until = Annotated[
    str | None,
    Query(description="Up to and including this ISO date.", json_schema_extra=DATE_FORMAT),
]
PeriodParam = Annotated[service.Period, Query(description="Bucket size.")]


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def not_found(what: str, key: str) -> HTTPException:
    return HTTPException(404, f"no {what} with id {key!r}")


@router.get("/articles", summary="Search articles", response_model=models.SearchResult,
            response_model_exclude_unset=True)  # fmt: skip
async def list_articles(
    request: Request,
    q: QueryText = None,
    outlet: Annotated[str | None, Query(description="Only this outlet.")] = None,
    date: Annotated[
        str | None, Query(description="Published on this ISO date.", json_schema_extra=DATE_FORMAT)
    ] = None,
    since: Since = None,
    until: Until = None,
    facets: Annotated[bool, Query(description="Add counts per outlet/month/type/actor.")] = False,
    limit: Limit = DEFAULT_PAGE,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Articles matching the query and filters, best first; newest first without a query.
    Snippets are HTML with `<mark>` around matched words (the article text in them is escaped).
    A malformed query gives 400 with the parser's message."""
    query = service.compose_query(q, outlet, date, since, until)
    store = store_of(request)
    return await turns.computed(
        lambda: service.search_articles(store, query, limit, offset, facets)
    )


@router.get("/articles/{article_id}", summary="One article with its analysis",
            response_model=models.ArticleDetail, responses=models.error_responses(404))  # fmt: skip
async def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """The SCHEMA.md analysis record (`record`, null before analysis), the stored article
    fields, every source it was read from and its near-duplicates. Accepts a unique id prefix."""
    found = service.article_detail(store_of(request), article_id)
    if found is None:
        raise not_found("article", article_id)
    return found


@router.get("/events", summary="Coded events", response_model=models.EventPage)
async def list_events(
    request: Request,
    actor: Annotated[str | None, Query(description="Code prefix (RUS) or entity id.")] = None,
    source: Annotated[str | None, Query(description="Source code prefix or entity id.")] = None,
    target: Annotated[str | None, Query(description="Target code prefix or entity id.")] = None,
    type: Annotated[str | None, Query(description="PLOVER event type.")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    since: Since = None,
    until: Until = None,
    outlet: str | None = None,
    q: QueryText = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    store = store_of(request)
    wanted = queries.EventFilter(
        actor=actor, source=source, target=target, plover=type, quad_class=quad_class,
        since=service.checked_date("since", since), until=service.checked_date("until", until),
        outlet=outlet, where=service.article_condition(store, service.compose_query(q)),
    )  # fmt: skip
    return service.list_events(store, wanted, limit, offset)


@router.get("/actors", summary="Canonical actors with counts", response_model=models.ActorList)
async def list_actors(request: Request, limit: Limit = 100) -> dict[str, Any]:
    return {"actors": store_queries.actors(store_of(request), limit=limit)}


@router.get("/actors/{actor_id:path}", summary="One actor's profile",
            response_model=models.ActorProfile, responses=models.error_responses(404))  # fmt: skip
async def get_actor(
    request: Request, actor_id: str, period: PeriodParam = "month"
) -> dict[str, Any]:
    """Names and codes seen, roles over time from the actor dictionary, events as source and
    target, an event timeline by QuadClass, quotes and partners."""
    found = service.actor_profile(store_of(request), actor_id, period)
    if found is None:
        raise not_found("actor", actor_id)
    return found


@router.get("/quotes", summary="Quotes with speakers", response_model=models.QuoteList)
async def list_quotes(
    request: Request,
    speaker: Annotated[str | None, Query(description="Name part, entity id or code.")] = None,
    limit: Limit = 100,
) -> dict[str, Any]:
    return {"quotes": store_queries.quotes(store_of(request), speaker=speaker, limit=limit)}


@router.get("/places", summary="Places with coordinates and counts",
            response_model=models.PlaceList)  # fmt: skip
async def list_places(
    request: Request, q: QueryText = None, limit: Limit = MAX_PAGE
) -> dict[str, Any]:
    store = store_of(request)
    return service.places(store, service.compose_query(q), limit)


@router.get("/stories", summary="Cross-outlet story clusters", response_model=models.StoryList)
async def list_stories(
    request: Request, min_size: Annotated[int, Query(ge=1, le=MAX_COUNT)] = 2, limit: Limit = 50
) -> dict[str, Any]:
    """Clusters of articles about the same happening; `wire` marks wire copies."""
    return service.story_list(store_of(request), min_size, limit)


@router.get("/timeline", summary="Events per period by QuadClass", response_model=models.Timeline,
            response_model_exclude_unset=True)  # fmt: skip
async def get_timeline(
    request: Request,
    q: QueryText = None,
    period: PeriodParam = "month",
    a: Annotated[str | None, Query(description="Dyad view: first actor code.")] = None,
    b: Annotated[str | None, Query(description="Dyad view: second actor code.")] = None,
) -> dict[str, Any]:
    """Counts per week/month and QuadClass with the mean Goldstein score, for the articles the
    query matches; with `a` and `b`, also the series A->B and B->A."""
    store = store_of(request)
    dyad = (a, b) if a and b else None
    return service.timeline(store, service.compose_query(q), period, dyad)


@router.get("/network", summary="Actor network", response_model=models.Network,
            response_model_exclude_unset=True)  # fmt: skip
async def get_network(
    request: Request,
    q: QueryText = None,
    level: Annotated[service.Level, Query(description="Actor codes or entities.")] = "code",
    min_events: Annotated[int, Query(ge=1, le=MAX_COUNT)] = 1,
    top: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 60,
) -> dict[str, Any]:
    store = store_of(request)
    return service.network(store, service.compose_query(q), level, min_events, top)


@router.get("/stats", summary="Counts of everything stored", response_model=models.Stats)
async def get_stats(request: Request) -> dict[str, Any]:
    return store_of(request).stats()
