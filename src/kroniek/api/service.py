"""What the API and the web pages show, as JSON-ready dicts: one function per view, shared by a
page and its JSON twin so the two never disagree. Routes only parse parameters and call these.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any, Literal

import sqlalchemy as sa

from kroniek import analytics, search, stories
from kroniek.api import queries
from kroniek.errors import QueryError
from kroniek.store import Store

Period = Literal["week", "month"]
Level = Literal["code", "entity"]
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# The same as a JSON Schema pattern for the OpenAPI document; empty means no date, as from an
# empty form field (days that do not exist, such as 2017-02-30, still answer 400).
DATE_PATTERN = (
    r"^((000[1-9]|00[1-9]\d|0[1-9]\d\d|[1-9]\d{3})"  # year 0001-9999
    r"(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$"
)
QUAD_CLASSES = (1, 2, 3, 4)


def checked_date(name: str, value: str | None) -> str | None:
    """``value`` if it is an ISO date of year, month or day precision that exists; QueryError
    otherwise (None for an empty value)."""
    if not value:
        return None
    if ISO_DATE.match(value):
        year, month, day = (int(part) for part in (value + "-01-01").split("-")[:3])
        try:
            datetime.date(year, month, day)
            return value
        except ValueError:
            pass
    raise QueryError(f"{name} must be a date like 2017, 2017-12 or 2017-12-05, not {value!r}")


def compose_query(
    q: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> str | None:
    """The user's query with the filter parameters added as query-language fields, or None when
    nothing at all restricts the articles. Raises ``QueryError`` for a bad date."""
    parts = []
    if q and q.strip():
        search.parse(q)  # a malformed query is reported at its own positions
        parts.append(f"({q.strip()})")
    if outlet:
        parts.append('outlet:"' + outlet.replace('"', " ").strip() + '"')
    if checked_date("date", date):
        parts.append(f"date:{date}")
    since, until = checked_date("since", since), checked_date("until", until)
    if since or until:
        parts.append(f"date:{since or ''}..{until or ''}")
    return " ".join(parts) or None


def article_condition(store: Store, query: str | None) -> sa.ColumnElement[bool] | None:
    return search.article_filter(store, query) if query else None


# --- articles -----------------------------------------------------------------------------------


def search_articles(
    store: Store, query: str | None, limit: int, offset: int, with_facets: bool = False
) -> dict[str, Any]:
    """One page of matching articles (all articles, newest first, without a query). Kept while
    the database is unchanged (``Store.cached``): the result is shared, read-only."""
    return store.cached(
        ("search", query, limit, offset, with_facets),
        lambda: _search_articles(store, query, limit, offset, with_facets),
    )


def _search_articles(
    store: Store, query: str | None, limit: int, offset: int, with_facets: bool
) -> dict[str, Any]:
    if query:
        result = search.search(store, query, limit=limit, offset=offset)
        hits = [hit.as_dict() for hit in result.hits]
        total = result.total
    else:
        hits = [
            {"id": row["id"], "url": row["url"], "title": row["title"], "outlet": row["outlet"],
             "published": row["published"], "source_file": row["source_file"], "score": 0.0,
             "snippet": ""}
            for row in store.articles(limit=limit, offset=offset)
        ]  # fmt: skip
        total = store.count()
    result_dict: dict[str, Any] = {
        "query": query, "total": total, "limit": limit, "offset": offset, "hits": hits,
    }  # fmt: skip
    if with_facets:
        result_dict["facets"] = queries.query_facets(store, query)
    return result_dict


ARTICLE_FIELDS = ("id", "title", "byline", "outlet", "url", "published", "time_of_day",
                  "language", "format", "source_file", "agencies", "caption", "status", "story",
                  "ingested_at")  # fmt: skip


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """The stored SCHEMA.md record (or the bare article before analysis), its sources and
    near-duplicates; None when no article has this id (or unique id prefix)."""
    found = queries.article_by_exact_id(store, article_id) or store.article(article_id)
    if found is None:
        return None
    return {
        "article": {name: found.get(name) for name in ARTICLE_FIELDS},
        "text": found["text"],
        "record": found["analysis"],
        "sources": found["sources"],
        "near_duplicates": found["near_duplicates"],
    }


# --- events, actors, quotes ---------------------------------------------------------------------


def list_events(
    store: Store, wanted: queries.EventFilter, limit: int, offset: int
) -> dict[str, Any]:
    total, rows = queries.events(store, wanted, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "events": rows}


def dictionary_roles(entity_id: str) -> list[dict[str, Any]]:
    """Roles over time from the actor dictionary (empty for actors it does not know)."""
    from kroniek.resolve.actor_data import ID_PREFIX, load_dictionary

    if not entity_id.startswith(ID_PREFIX):
        return []
    entry = load_dictionary().entries.get(entity_id.removeprefix(ID_PREFIX))
    if entry is None:
        return []
    roles = [
        {"country": role.country, "role": role.role,
         "code": (role.country or "---") + (role.role or "") if role.country or role.role else None,
         "office": role.office, "start": role.period.start, "end": role.period.end}
        for role in entry.roles
    ]  # fmt: skip
    return sorted(roles, key=lambda role: role["start"] or "")


def actor_scope(entity_id: str) -> sa.ColumnElement[bool]:
    """Events with ``entity_id`` as source or target (a condition for analytics' scopes, whose
    event queries join ``events`` with ``articles``)."""
    from kroniek.store import schema

    e = schema.events
    return sa.or_(e.c.source_entity == entity_id, e.c.target_entity == entity_id)


def actor_profile(store: Store, entity_id: str, period: Period = "month") -> dict[str, Any] | None:
    names = queries.actor_names(store, entity_id)
    if not names:
        return None
    timeline = analytics.event_timeline(
        store, period=period, by="quad_class", scope=analytics.Scope(where=actor_scope(entity_id))
    )
    return {
        "id": entity_id,
        "name": names[0]["name"],
        "type": names[0]["type"],
        "names": names,
        "roles": dictionary_roles(entity_id),
        "codes_over_time": queries.actor_codes_over_time(store, entity_id),
        "events": queries.actor_events(store, entity_id),
        "timeline": {"period": period, "rows": _records(timeline)},
        "quotes": queries.actor_quotes(store, entity_id),
        "partners": queries.actor_partners(store, entity_id),
    }


# --- aggregates ---------------------------------------------------------------------------------


def _records(frame: Any) -> list[dict[str, Any]]:
    """A DataFrame as JSON-ready rows (numpy scalars to Python, NaN to None). Column by column:
    ``to_dict(orient="records")`` costs ten times more on a timeline of thousands of rows."""
    names = [str(name) for name in frame.columns]
    columns = [frame[name].tolist() for name in frame.columns]
    return [
        {key: None if isinstance(value, float) and math.isnan(value) else value
         for key, value in zip(names, values, strict=True)}
        for values in zip(*columns, strict=True)
    ]  # fmt: skip


def timeline(
    store: Store, query: str | None, period: Period = "month", dyad: tuple[str, str] | None = None
) -> dict[str, Any]:
    """Events per period and QuadClass with the mean Goldstein score, for the articles matching
    ``query``; with a dyad (A, B), the same for A->B and for B->A. Kept while the database is
    unchanged (``Store.cached``): the result is shared, read-only."""
    return store.cached(
        ("timeline", query, period, dyad), lambda: _timeline(store, query, period, dyad)
    )


def _timeline(
    store: Store, query: str | None, period: Period, dyad: tuple[str, str] | None
) -> dict[str, Any]:
    scope = analytics.Scope(query=query)  # counted from the in-memory columns when current
    found = analytics.timeline_records(store, period, "quad_class", scope)
    if found is None:
        frame = analytics.event_timeline(store, period=period, by="quad_class", scope=scope)
        found = _records(frame), frame.attrs
    rows, attrs = found
    result: dict[str, Any] = {
        "query": query, "period": period, "rows": rows,
        "undated": attrs.get("undated", 0), "too_coarse": attrs.get("too_coarse", 0),
    }  # fmt: skip
    if dyad:
        where = article_condition(store, query)
        result["dyad"] = {
            f"{first}->{second}": _records(
                analytics.event_timeline(store, period=period, by="quad_class",
                                         scope=analytics.Scope(where=_dyad(first, second, where)))
            )
            for first, second in (dyad, dyad[::-1])
        }  # fmt: skip
    return result


def _dyad(source: str, target: str, where: sa.ColumnElement[bool] | None) -> sa.ColumnElement[bool]:
    condition = sa.and_(
        *queries.event_conditions(queries.EventFilter(source=source, target=target))
    )
    return condition if where is None else sa.and_(condition, where)


def network(
    store: Store, query: str | None, level: Level = "code", min_events: int = 1, top: int = 60
) -> dict[str, Any]:
    """The actor network of the matching articles: the ``top`` actors by events and the edges
    among them."""
    graph = analytics.actor_network(
        store, analytics.Scope(where=article_condition(store, query)), level, min_events
    )
    nodes = _records(graph.nodes.head(top))
    kept = {node["id"] for node in nodes}
    edges = [e for e in _records(graph.edges) if e["source"] in kept and e["target"] in kept]
    if level == "entity":
        names = queries.entity_names(store, sorted(kept))
        for node in nodes:
            node["name"] = names.get(node["id"])
    return {"query": query, "level": level, "nodes": nodes, "edges": edges}


def places(store: Store, query: str | None, limit: int) -> dict[str, Any]:
    rows = queries.places(store, article_condition(store, query), limit)
    return {"query": query, "places": rows}


def story_list(store: Store, min_size: int, limit: int) -> dict[str, Any]:
    """Story clusters, each member with the lead of its text to compare side by side."""
    clusters = stories.story_clusters(store, min_size=min_size, limit=limit)
    members = [member for cluster in clusters for member in cluster["articles"]]
    lead_of = queries.leads(store, [member["id"] for member in members])
    for member in members:
        member["lead"] = lead_of.get(member["id"], "")
    return {"stories": clusters}
