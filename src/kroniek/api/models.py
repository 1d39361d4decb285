"""Response models of the JSON API: what every endpoint answers, in the OpenAPI document and
checked on the way out (routes return plain dicts; FastAPI validates them against these).

Fields that come from nullable columns or from analysis that may lack them are optional. The
analysis record of an article is the SCHEMA.md record (``kroniek.analysis/1``) and is passed on
as it is stored; its shape is specified there, not here.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Model(BaseModel):
    """A response object. Keys a route returns beyond the declared fields are left out of the
    answer, so nothing undeclared (a new column, an internal value) leaks into the API."""


class Error(Model):
    """Every error: 400 malformed query or date, 401/403 writes, 404 unknown id, 413/414 too
    large, 422 invalid parameter or body."""

    status: int
    message: str


# --- search and articles ------------------------------------------------------------------------


class Hit(Model):
    id: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    source_file: str | None
    score: float
    snippet: str = Field(description="HTML: the article text escaped, `<mark>` around matches.")


class FacetValue(Model):
    value: str
    articles: int


class Facets(Model):
    outlet: list[FacetValue]
    month: list[FacetValue]
    type: list[FacetValue]
    actor: list[FacetValue]


class SearchResult(Model):
    query: str | None
    total: int
    limit: int
    offset: int
    hits: list[Hit]
    facets: Facets | None = Field(None, description="Only with `facets=true`.")


class ArticleFields(Model):
    id: str
    title: str | None
    byline: str | None
    outlet: str | None
    url: str | None
    published: str | None
    time_of_day: str | None
    language: str | None
    format: str | None
    source_file: str | None
    agencies: list[str] | None
    caption: str | None
    status: str
    story: str | None
    ingested_at: str | None


class Source(Model):
    article_id: str
    source_file: str
    line: int
    url: str | None
    outlet: str | None


class NearDuplicate(Model):
    id: str
    similarity: float
    agency: str | None


class ArticleDetail(Model):
    article: ArticleFields
    text: str
    record: dict[str, Any] | None = Field(
        description="The SCHEMA.md analysis record; null before analysis."
    )
    sources: list[Source]
    near_duplicates: list[NearDuplicate]


# --- events, actors, quotes, places -------------------------------------------------------------


class Event(Model):
    article_id: str
    n: int
    source: str | None
    source_entity: str | None
    target: str | None
    target_entity: str | None
    type: str
    cameo: str
    quad_class: int
    goldstein: float
    date: str | None
    trigger: str
    sentence: int | None = None
    negated: bool
    modality: str | None
    reported_by: str | None
    location: str | None
    rule: str | None
    outlet: str | None
    title: str | None
    url: str | None


class EventPage(Model):
    total: int
    limit: int
    offset: int
    events: list[Event]


class Actor(Model):
    id: str
    name: str | None
    type: str | None
    code: str | None
    articles: int
    mentions: int | None


class ActorList(Model):
    actors: list[Actor]


class ActorName(Model):
    name: str | None
    type: str | None
    code: str | None
    articles: int


class Role(Model):
    country: str | None
    role: str | None
    code: str | None
    office: str | None
    start: str | None
    end: str | None


class CodePeriod(Model):
    code: str | None
    first: str | None
    last: str | None
    articles: int


class EventsOfActor(Model):
    total: int
    events: list[Event]


class ActorEvents(Model):
    as_source: EventsOfActor
    as_target: EventsOfActor


class TimelineRow(Model):
    period: str
    quad_class: int | None
    events: int
    goldstein_mean: float | None


class ActorTimeline(Model):
    period: str
    rows: list[TimelineRow]


class ActorQuote(Model):
    article_id: str
    speaker: str | None
    speaker_code: str | None
    kind: str
    text: str
    cue: str | None
    published: str | None
    outlet: str | None
    title: str | None


class Partner(Model):
    id: str
    name: str | None
    code: str | None
    events: int
    as_source: int
    as_target: int
    goldstein_mean: float | None


class ActorProfile(Model):
    id: str
    name: str | None
    type: str | None
    names: list[ActorName]
    roles: list[Role]
    codes_over_time: list[CodePeriod]
    events: ActorEvents
    timeline: ActorTimeline
    quotes: list[ActorQuote]
    partners: list[Partner]


class Quote(Model):
    speaker: str | None
    speaker_code: str | None
    speaker_entity: str | None
    kind: str
    text: str
    cue: str | None
    article_id: str
    start: int
    end: int
    published: str | None
    outlet: str | None
    url: str | None


class QuoteList(Model):
    quotes: list[Quote]


class Place(Model):
    id: str
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    articles: int
    mentions: int


class PlaceList(Model):
    query: str | None
    places: list[Place]


# --- stories and aggregates ---------------------------------------------------------------------


class StoryMember(Model):
    id: str
    url: str | None
    source_file: str | None
    outlet: str | None
    published: str | None
    title: str | None
    wire: bool
    agency: str | None
    lead: str


class Story(Model):
    id: str
    size: int
    outlets: list[str]
    first: str | None
    last: str | None
    title: str | None
    articles: list[StoryMember]


class StoryList(Model):
    stories: list[Story]


class Timeline(Model):
    query: str | None
    period: str
    rows: list[TimelineRow]
    undated: int
    too_coarse: int
    dyad: dict[str, list[TimelineRow]] | None = Field(
        None, description="Only with `a` and `b`: the series `A->B` and `B->A`."
    )


class Node(Model):
    id: str
    events: int
    as_source: int
    as_target: int
    name: str | None = Field(None, description="Only at `level=entity`.")


class Edge(Model):
    source: str
    target: str
    events: int
    goldstein_mean: float | None


class Network(Model):
    query: str | None
    level: str
    nodes: list[Node]
    edges: list[Edge]


class OutletCount(Model):
    outlet: str | None
    articles: int


class Stats(Model):
    articles: int
    sources: int
    near_duplicates: int
    errors: int
    entities: int
    events: int
    quotes: int
    places: int
    by_status: dict[str, int]
    by_language: dict[str, int]
    by_outlet: list[OutletCount]


# --- writes -------------------------------------------------------------------------------------


class IngestCounts(Model):
    read: int
    new: int
    duplicates: int
    already_stored: int
    near_duplicates: int
    errors: int


class Upload(Model):
    summary: IngestCounts
    ids: list[str] = Field(description="Ids of the articles read from the body.")
    errors: list[str] = Field(description="Up to 20 reasons for inputs that could not be read.")


class Reanalysed(Model):
    analysed: int
    pending: int = Field(description="Articles still stored without analysis: without ids, "
                         "call again until this is 0.")  # fmt: skip


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route: each status answered with ``Error``."""
    return {status: {"model": Error, "description": DESCRIPTIONS[status]} for status in statuses}


DESCRIPTIONS = {
    400: "Malformed search query or date, empty upload, or NUL in the URL.",
    401: "Missing or wrong bearer token.",
    403: "Writes are disabled (no token configured).",
    404: "No such id.",
    413: "Request body over the limit.",
    414: "URL over the limit.",
    422: "Invalid parameter or body.",
}
