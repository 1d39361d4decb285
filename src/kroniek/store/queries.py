"""Read queries over the analysis tables: events, quotes, actors. Bound parameters only."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kroniek.store import schema
from kroniek.store.database import Store

DEFAULT_LIMIT = 1000


def like_prefix(value: str) -> str:
    """A LIKE pattern (escape character "/") for strings starting with ``value``. Built here,
    not in SQL (``startswith`` sends ``? || '%'``), so that SQLite can answer it from an index."""
    return value.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"


def _date_filters(column: sa.ColumnElement[Any], since: str | None, until: str | None) -> list[Any]:
    """ISO dates compare as text at any precision: "2017-12" <= "2017-12-05" < "2017-12~"."""
    filters = []
    if since:
        filters.append(column >= since)
    if until:
        filters.append(column <= until + "~")  # "~" sorts after every digit and "-"
    return filters


def events(
    store: Store,
    actor: str | None = None,
    plover: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> list[dict[str, Any]]:
    """Coded events, newest first; ``actor`` matches a code prefix (RUS, RUSGOV) or an entity id."""
    e, a = schema.events, schema.articles
    query = (
        sa.select(
            e.c.source_code.label("source"), e.c.target_code.label("target"),
            e.c.plover.label("type"), e.c.cameo, e.c.goldstein, e.c.quad_class,
            sa.func.coalesce(e.c.date, a.c.published).label("date"),
            e.c.article_id, e.c.sentence, e.c.trigger, e.c.negated, e.c.modality,
            e.c.source_entity, e.c.target_entity, e.c.reported_by, e.c.location, e.c.rule,
            a.c.outlet, a.c.url,
        )
        .join(a, a.c.id == e.c.article_id)
        .order_by(sa.desc("date"), e.c.article_id, e.c.n)
    )  # fmt: skip
    if actor:
        code = actor.upper()
        query = query.where(
            sa.or_(
                e.c.source_code.startswith(code, autoescape=True),
                e.c.target_code.startswith(code, autoescape=True),
                e.c.source_entity == actor,
                e.c.target_entity == actor,
            )
        )
    if plover:
        query = query.where(e.c.plover == plover.upper())
    for condition in _date_filters(sa.func.coalesce(e.c.date, a.c.published), since, until):
        query = query.where(condition)
    if limit:
        query = query.limit(limit)
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def quotes(
    store: Store, speaker: str | None = None, limit: int | None = DEFAULT_LIMIT
) -> list[dict[str, Any]]:
    """Quotes with speakers; ``speaker`` matches a name part, an entity id or a code prefix."""
    q, a = schema.quotes, schema.articles
    query = (
        sa.select(
            q.c.speaker_name.label("speaker"), q.c.speaker_code, q.c.speaker_entity, q.c.kind,
            q.c.text, q.c.cue, q.c.article_id, q.c.start, q.c.end, a.c.published, a.c.outlet,
            a.c.url,
        )
        .join(a, a.c.id == q.c.article_id)
        .order_by(a.c.published.desc(), q.c.article_id, q.c.n)
    )  # fmt: skip
    if speaker:
        query = query.where(
            sa.or_(
                sa.func.lower(q.c.speaker_name).contains(speaker.lower(), autoescape=True),
                q.c.speaker_entity == speaker,
                q.c.speaker_code.startswith(speaker.upper(), autoescape=True),
            )
        )
    if limit:
        query = query.limit(limit)
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def actors(
    store: Store, limit: int | None = DEFAULT_LIMIT, groups: bool = False
) -> list[dict[str, Any]]:
    """Canonical actors with the number of articles and mentions, most frequent first.

    Generic groups ("Russische troepen" as RUSMIL) are left out unless ``groups`` is set.
    """
    en = schema.entities
    articles = sa.func.count(sa.distinct(en.c.article_id))
    query = (
        sa.select(
            en.c.entity_id.label("id"), sa.func.max(en.c.name).label("name"),
            sa.func.max(en.c.type).label("type"), sa.func.max(en.c.code).label("code"),
            articles.label("articles"), sa.func.sum(en.c.mentions).label("mentions"),
        )
        .group_by(en.c.entity_id)
        .order_by(articles.desc(), sa.func.sum(en.c.mentions).desc(), en.c.entity_id)
    )  # fmt: skip
    if not groups:
        query = query.where(en.c.generic.is_(False))
    if limit:
        query = query.limit(limit)
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]
