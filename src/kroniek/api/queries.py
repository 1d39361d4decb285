"""Read queries the API needs beyond ``store.queries`` and ``analytics``: filtered event lists,
places, facets and one actor's profile. SQLAlchemy Core over ``store.schema``, bound parameters
only, the same statements on SQLite and PostgreSQL.

A ``where`` argument is a condition on ``schema.articles`` (e.g. ``search.article_filter``), so
every list can be narrowed to the articles a search query matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from kroniek.store import Store, schema
from kroniek.store.queries import like_prefix

DATE_END = "~"  # sorts after digits, "-", "T" and ":": "2017-12~" follows every 2017-12 date
MONTH_CHARS = 7
FACET_SIZE = 10
ACTOR_LIST_LIMIT = 200  # events/quotes listed on an actor's profile
PARTNER_LIMIT = 25

Condition = sa.ColumnElement[bool]


def _rows(store: Store, query: sa.Select[Any]) -> list[dict[str, Any]]:
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def date_conditions(
    column: sa.ColumnElement[Any], since: str | None, until: str | None
) -> list[Condition]:
    """ISO dates of any precision compare as text; ``until`` is inclusive ("2017-12" keeps
    every December 2017 date)."""
    conditions: list[Condition] = []
    if since:
        conditions.append(column >= since)
    if until:
        conditions.append(column <= until + DATE_END)
    return conditions


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list. Codes match as prefixes (``RUS`` matches ``RUSGOV``); an actor
    value containing ``:`` is an entity id and matches exactly."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    where: Condition | None = None


def _actor_match(code: sa.Column[Any], entity: sa.Column[Any], value: str) -> Condition:
    if ":" in value:
        return entity == value
    return code.like(like_prefix(value.upper()), escape="/")  # answered by an index


def event_conditions(wanted: EventFilter) -> list[Condition]:
    e, a = schema.events, schema.articles
    conditions: list[Condition] = []
    if wanted.actor:
        conditions.append(sa.or_(
            _actor_match(e.c.source_code, e.c.source_entity, wanted.actor),
            _actor_match(e.c.target_code, e.c.target_entity, wanted.actor),
        ))  # fmt: skip
    if wanted.source:
        conditions.append(_actor_match(e.c.source_code, e.c.source_entity, wanted.source))
    if wanted.target:
        conditions.append(_actor_match(e.c.target_code, e.c.target_entity, wanted.target))
    if wanted.plover:
        conditions.append(e.c.plover == wanted.plover.upper())
    if wanted.quad_class is not None:
        conditions.append(e.c.quad_class == wanted.quad_class)
    if wanted.outlet:
        conditions.append(a.c.outlet == wanted.outlet)
    if wanted.where is not None:
        conditions.append(wanted.where)
    date = sa.func.coalesce(e.c.date, a.c.published)
    conditions.extend(date_conditions(date, wanted.since, wanted.until))
    return conditions


def events(
    store: Store, wanted: EventFilter, limit: int, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """The total number of matching events and one page of them, newest first."""
    e, a = schema.events, schema.articles
    date = sa.func.coalesce(e.c.date, a.c.published)
    joined = e.join(a, a.c.id == e.c.article_id)
    conditions = event_conditions(wanted)
    page = (
        sa.select(
            e.c.article_id, e.c.n, e.c.source_code.label("source"),
            e.c.source_entity, e.c.target_code.label("target"), e.c.target_entity,
            e.c.plover.label("type"), e.c.cameo, e.c.quad_class, e.c.goldstein,
            date.label("date"), e.c.trigger, e.c.sentence, e.c.negated, e.c.modality,
            e.c.reported_by, e.c.location, e.c.rule, a.c.outlet, a.c.title, a.c.url,
        )
        .select_from(joined).where(*conditions)
        .order_by(date.desc(), e.c.article_id, e.c.n).limit(limit).offset(offset)
    )  # fmt: skip
    count = sa.select(sa.func.count()).select_from(joined).where(*conditions)
    with store.engine.connect() as connection:
        total = int(connection.execute(count).scalar() or 0)
        rows = [dict(row._mapping) for row in connection.execute(page)]
    return total, rows


def places(store: Store, where: Condition | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Places with coordinates where known, with the number of articles and mentions."""
    p, a = schema.places, schema.articles
    articles = sa.func.count(sa.distinct(p.c.article_id))
    query = (
        sa.select(
            p.c.place_id.label("id"), sa.func.max(p.c.name).label("name"),
            sa.func.max(p.c.country).label("country"), sa.func.max(p.c.lat).label("lat"),
            sa.func.max(p.c.lon).label("lon"), articles.label("articles"),
            sa.func.sum(p.c.mentions).label("mentions"),
        )
        .select_from(p.join(a, a.c.id == p.c.article_id))
        .group_by(p.c.place_id)
        .order_by(articles.desc(), p.c.place_id)
        .limit(limit)
    )  # fmt: skip
    if where is not None:
        query = query.where(where)
    rows = _rows(store, query)
    for row in rows:
        row["mentions"] = int(row["mentions"] or 0)
    return rows


def facets(store: Store, where: Condition | None) -> dict[str, list[dict[str, Any]]]:
    """Counts of the matching articles per outlet, month, event type and actor."""
    a, e, en = schema.articles, schema.events, schema.entities
    scope = [where] if where is not None else []
    month = sa.func.substr(a.c.published, 1, MONTH_CHARS)
    n_articles = sa.func.count(sa.distinct(a.c.id))

    def grouped(
        column: sa.ColumnElement[Any], source: sa.FromClause, *extra: Condition
    ) -> sa.Select[Any]:
        return (
            sa.select(column.label("value"), n_articles.label("articles"))
            .select_from(source).where(column.is_not(None), *extra, *scope)
            .group_by(column).order_by(n_articles.desc(), column).limit(FACET_SIZE)
        )  # fmt: skip

    with_events = e.join(a, a.c.id == e.c.article_id)
    with_entities = en.join(a, a.c.id == en.c.article_id)
    queries = {
        "outlet": grouped(a.c.outlet, a),
        "month": grouped(month, a, sa.func.length(a.c.published) >= MONTH_CHARS),
        "type": grouped(e.c.plover, with_events),
        "actor": grouped(en.c.code, with_entities, en.c.generic.is_(False)),
    }
    with store.engine.connect() as connection:
        return {
            name: [dict(row._mapping) for row in connection.execute(query)]
            for name, query in queries.items()
        }


def query_facets(store: Store, query: str | None) -> dict[str, list[dict[str, Any]]]:
    """``facets`` of the articles matching a search query (all articles for None), counted from
    the in-memory columns (``kroniek.store.columns``) when they are current, else in SQL."""
    from kroniek import search
    from kroniek.store import columns as stored_columns

    columns = store.aggregate_columns()
    if columns is None:
        return facets(store, search.article_filter(store, query) if query else None)
    articles = columns.present
    if query:
        from kroniek.search.docsets import mask

        with store.engine.connect() as connection:
            articles = mask(connection, columns, search.parse(query), store.shared_masks)
    return stored_columns.facets(columns, articles, FACET_SIZE)


# --- one actor ----------------------------------------------------------------------------------


def actor_names(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """How an entity is named and coded in the store, with article counts: empty if unknown."""
    en = schema.entities
    count = sa.func.count()
    query = (
        sa.select(en.c.name, en.c.type, en.c.code, count.label("articles"))
        .where(en.c.entity_id == entity_id)
        .group_by(en.c.name, en.c.type, en.c.code)
        .order_by(count.desc(), en.c.name)
    )  # fmt: skip
    return _rows(store, query)


def actor_codes_over_time(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """The codes an entity was given, each with the first and last publication date: how its
    role changed over time as the analysis saw it."""
    en, a = schema.entities, schema.articles
    query = (
        sa.select(en.c.code, sa.func.min(a.c.published).label("first"),
                  sa.func.max(a.c.published).label("last"), sa.func.count().label("articles"))
        .select_from(en.join(a, a.c.id == en.c.article_id))
        .where(en.c.entity_id == entity_id)
        .group_by(en.c.code)
        .order_by(sa.func.min(a.c.published), en.c.code)
    )  # fmt: skip
    return _rows(store, query)


def actor_events(store: Store, entity_id: str, limit: int = ACTOR_LIST_LIMIT) -> dict[str, Any]:
    """Events with the entity as source and as target (newest first, ``limit`` each)."""
    as_source = events(store, EventFilter(source=entity_id), limit)
    as_target = events(store, EventFilter(target=entity_id), limit)
    return {
        "as_source": {"total": as_source[0], "events": as_source[1]},
        "as_target": {"total": as_target[0], "events": as_target[1]},
    }


def actor_quotes(
    store: Store, entity_id: str, limit: int = ACTOR_LIST_LIMIT
) -> list[dict[str, Any]]:
    q, a = schema.quotes, schema.articles
    query = (
        sa.select(q.c.article_id, q.c.speaker_name.label("speaker"), q.c.speaker_code, q.c.kind,
                  q.c.text, q.c.cue, a.c.published, a.c.outlet, a.c.title)
        .select_from(q.join(a, a.c.id == q.c.article_id))
        .where(q.c.speaker_entity == entity_id)
        .order_by(a.c.published.desc(), q.c.article_id, q.c.n)
        .limit(limit)
    )  # fmt: skip
    return _rows(store, query)


def actor_partners(
    store: Store, entity_id: str, limit: int = PARTNER_LIMIT
) -> list[dict[str, Any]]:
    """The entities an actor has events with, in either direction, most events first."""
    e = schema.events
    outgoing = sa.select(
        e.c.target_entity.label("partner"), e.c.target_code.label("code"),
        sa.literal("out").label("direction"), e.c.goldstein,
    ).where(e.c.source_entity == entity_id, e.c.target_entity.is_not(None))  # fmt: skip
    incoming = sa.select(
        e.c.source_entity.label("partner"), e.c.source_code.label("code"),
        sa.literal("in").label("direction"), e.c.goldstein,
    ).where(e.c.target_entity == entity_id, e.c.source_entity.is_not(None))  # fmt: skip
    both = sa.union_all(outgoing, incoming).subquery()
    total = sa.func.count()
    query = (
        sa.select(
            both.c.partner.label("id"), sa.func.max(both.c.code).label("code"),
            total.label("events"),
            sa.func.sum(sa.case((both.c.direction == "out", 1), else_=0)).label("as_target"),
            sa.func.sum(sa.case((both.c.direction == "in", 1), else_=0)).label("as_source"),
            sa.func.avg(both.c.goldstein).label("goldstein_mean"),
        )
        .where(both.c.partner != entity_id)
        .group_by(both.c.partner)
        .order_by(total.desc(), both.c.partner)
        .limit(limit)
    )  # fmt: skip
    rows = _rows(store, query)
    names = entity_names(store, [row["id"] for row in rows])
    for row in rows:
        row["name"] = names.get(row["id"])
        row["goldstein_mean"] = round(float(row["goldstein_mean"]), 2)
        row["as_source"], row["as_target"] = int(row["as_source"]), int(row["as_target"])
    return rows


def entity_names(store: Store, ids: list[str]) -> dict[str, str]:
    """A display name per entity id (the most common spelling does not matter here)."""
    if not ids:
        return {}
    en = schema.entities
    query = (
        sa.select(en.c.entity_id, sa.func.max(en.c.name))
        .where(en.c.entity_id.in_(sorted(set(ids))))
        .group_by(en.c.entity_id)
    )
    with store.engine.connect() as connection:
        return {row[0]: row[1] for row in connection.execute(query)}


# --- one article ----------------------------------------------------------------------------------


_ID: sa.BindParameter[str] = sa.bindparam("id", type_=sa.String())
# built once: building a statement cost more than running it
_ARTICLE = sa.select(schema.articles).where(schema.articles.c.id == _ID)
_SOURCES = sa.select(schema.sources).where(schema.sources.c.article_id == _ID)
_LINKS = sa.select(schema.near_duplicates).where(
    sa.or_(schema.near_duplicates.c.article_id == _ID, schema.near_duplicates.c.other_id == _ID)
)


def article_by_exact_id(store: Store, article_id: str) -> dict[str, Any] | None:
    """Like ``Store.article`` for a full id, through the primary key (``Store.article`` matches
    id prefixes with LIKE, which SQLite answers with a table scan)."""
    key = {"id": article_id}
    with store.engine.connect() as connection:
        row = connection.execute(_ARTICLE, key).first()
        if row is None:
            return None
        found = dict(row._mapping)
        found["sources"] = [dict(r._mapping) for r in connection.execute(_SOURCES, key)]
        links = connection.execute(_LINKS, key)
        found["near_duplicates"] = [
            {"id": link.other_id if link.article_id == article_id else link.article_id,
             "similarity": link.similarity, "agency": link.agency}
            for link in links
        ]  # fmt: skip
    return found


LEAD_CHARS = 280


def leads(store: Store, ids: list[str]) -> dict[str, str]:
    """The first ``LEAD_CHARS`` characters of each article's text, for side-by-side views."""
    if not ids:
        return {}
    a = schema.articles
    query = sa.select(a.c.id, sa.func.substr(a.c.text, 1, LEAD_CHARS)).where(
        a.c.id.in_(sorted(set(ids)))
    )
    with store.engine.connect() as connection:
        return {row[0]: row[1] or "" for row in connection.execute(query)}
