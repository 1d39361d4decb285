"""Counts over the stored analysis: event timelines, dyads, actor networks, quotes, coverage.

Every function aggregates in the database (the same SQL on SQLite and PostgreSQL) and returns a
pandas DataFrame. All take a ``Scope``: an optional set of article ids (e.g. the hits of a
search), an optional SQLAlchemy condition over ``schema.articles``, and an ISO date range.

Dates and periods. An event's date is ``events.date``, else its article's ``published``; both
are ISO strings at the precision known (``2017``, ``2017-12``, ``2017-12-05``, or a datetime).
A date goes into a period only when it is at least as precise as the period:

- ``year``: every dated event; ``2017-12-05`` and ``2017-12`` and ``2017`` all count in ``2017``.
- ``month``: ``2017-12`` and ``2017-12-05`` both count in month ``2017-12``; ``2017`` is dropped.
- ``week``/``day``: only day-precise dates; a week is labelled by its Monday (``2017-12-04``).

Dropped rows are not lost silently: the returned frame's ``attrs["too_coarse"]`` holds how many
events (or quotes) had a date too coarse for the period, and ``attrs["undated"]`` how many had none.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

import pandas as pd
import sqlalchemy as sa

from kroniek.store import schema
from kroniek.store.database import Store
from kroniek.store.migrations import EVENT_DAYS

Query: TypeAlias = "sa.Select[*tuple[Any, ...]]"
Period = Literal["day", "week", "month", "year"]
Grouping = Literal["plover", "quad_class", "cameo_root"] | None
ActorLevel = Literal["code", "entity"]

# characters of an ISO date that identify each period's bucket
PERIOD_CHARS: dict[str, int] = {"year": 4, "month": 7, "week": 10, "day": 10}
IN_LIST_LIMIT = 500  # more article ids than this go through a temporary table
DATE_END = "~"  # sorts after digits, "-", "T" and ":": "2017-12~" is after every 2017-12 date
DEFAULT_TOP = 20
_temp_names = itertools.count()


@dataclass(frozen=True, slots=True)
class Scope:
    """Which articles to count: ids, a condition on ``schema.articles``, a search query, a date
    range.

    ``since``/``until`` are ISO dates at any precision, inclusive: ``until="2017-12"`` keeps
    everything dated in December 2017. They apply to the event date (events) or ``published``.
    ``query`` (``kroniek.search`` syntax) is the same as ``where=search.article_filter(store,
    query)``, but lets ``event_timeline`` count from the in-memory columns
    (``kroniek.store.columns``) instead of grouping event rows in SQL.
    """

    article_ids: Iterable[str] | None = None
    where: sa.ColumnElement[bool] | None = None
    since: str | None = None
    until: str | None = None
    query: str | None = None


ALL = Scope()


@dataclass(slots=True)
class Network:
    """The actor network: nodes with event counts, directed edges weighted by events."""

    nodes: pd.DataFrame  # id, events, as_source, as_target
    edges: pd.DataFrame  # source, target, events, goldstein_mean


# --- scope --------------------------------------------------------------------------------------


def event_date() -> sa.ColumnElement[str]:
    """The date an event is counted on: its own date, else its article's publication date."""
    return sa.func.coalesce(schema.events.c.date, schema.articles.c.published)


def date_conditions(column: sa.ColumnElement[Any], scope: Scope) -> list[sa.ColumnElement[bool]]:
    conditions = []
    if scope.since:
        conditions.append(column >= scope.since)
    if scope.until:
        conditions.append(column <= scope.until + DATE_END)
    return conditions


@contextmanager
def scoped(store: Store, scope: Scope, date: sa.ColumnElement[Any]) -> Iterator[_Scoped]:
    """A connection and the conditions that restrict a query over ``articles`` to ``scope``.

    Large id sets are loaded into a temporary table (dropped afterwards), so the statement does
    not carry thousands of parameters.
    """
    a = schema.articles
    conditions = date_conditions(date, scope)
    if scope.where is not None:
        conditions.append(scope.where)
    if scope.query:
        from kroniek.search import article_filter

        conditions.append(article_filter(store, scope.query))
    with store.engine.connect() as connection:
        temp: sa.Table | None = None
        if scope.article_ids is not None:
            ids = sorted(set(scope.article_ids))
            if len(ids) <= IN_LIST_LIMIT:
                conditions.append(a.c.id.in_(ids))
            else:
                temp = _id_table(connection, ids)
                conditions.append(a.c.id.in_(sa.select(temp.c.id)))
        try:
            yield _Scoped(connection, conditions)
        finally:
            if temp is not None:
                temp.drop(connection)
                connection.commit()


@dataclass(slots=True)
class _Scoped:
    connection: sa.Connection
    conditions: list[sa.ColumnElement[bool]]

    def frame(self, query: Query) -> pd.DataFrame:
        rows = self.connection.execute(query.where(*self.conditions))
        return _frame(rows)

    def scalar(self, query: Query) -> int:
        return int(self.connection.execute(query.where(*self.conditions)).scalar() or 0)


def _frame(rows: sa.CursorResult[Any]) -> pd.DataFrame:
    """A result as a DataFrame (plain tuples: pandas is slow on SQLAlchemy ``Row`` objects)."""
    columns = list(rows.keys())
    return pd.DataFrame([tuple(row) for row in rows], columns=columns)


def _id_table(connection: sa.Connection, ids: list[str]) -> sa.Table:
    table = sa.Table(
        f"kroniek_scope_{next(_temp_names)}",
        sa.MetaData(),
        sa.Column("id", sa.String(40), primary_key=True),
        prefixes=["TEMPORARY"],
    )
    table.create(connection)
    connection.execute(table.insert(), [{"id": article_id} for article_id in ids])
    return table


# --- periods ------------------------------------------------------------------------------------


def period_key(date: sa.ColumnElement[Any], period: Period) -> sa.ColumnElement[str]:
    """The bucket a date falls in, as the leading characters of the ISO string."""
    return sa.func.substr(date, 1, PERIOD_CHARS[period])


def precise_enough(date: sa.ColumnElement[Any], period: Period) -> sa.ColumnElement[bool]:
    return sa.func.length(date) >= PERIOD_CHARS[period]


def week_of(day: str) -> str:
    """The Monday (ISO date) of the ISO week a day falls in."""
    stamp = pd.Timestamp(day[:10])
    return (stamp - pd.Timedelta(days=stamp.weekday())).strftime("%Y-%m-%d")


def weeks_of(days: pd.Series) -> pd.Series:
    """``week_of`` for a column of days, vectorised."""
    stamps = pd.to_datetime(days.str[:10], format="%Y-%m-%d")
    return (stamps - pd.to_timedelta(stamps.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")


def _finish_periods(
    frame: pd.DataFrame, period: Period, keys: list[str], sums: list[str]
) -> pd.DataFrame:
    """Turn day buckets into week buckets (summing counts and weighted sums) where asked."""
    if period == "week" and not frame.empty:
        frame["period"] = weeks_of(frame["period"])
        frame = frame.groupby(["period", *keys], as_index=False, dropna=False)[sums].sum()
    return frame.sort_values(["period", *keys], ignore_index=True)


def _coverage_attrs(
    scoped_query: _Scoped, base: Query, date: sa.ColumnElement[Any], period: Period
) -> dict[str, int]:
    undated = scoped_query.scalar(base.where(date.is_(None)))
    coarse = scoped_query.scalar(
        base.where(date.is_not(None), sa.not_(precise_enough(date, period)))
    )
    return {"undated": undated, "too_coarse": coarse}


# --- events -------------------------------------------------------------------------------------


def _events_from() -> Query:
    """Count rows of events joined with their articles (for scope and publication date)."""
    e, a = schema.events, schema.articles
    return sa.select(sa.func.count()).select_from(e.join(a, a.c.id == e.c.article_id))


def _group_column(by: Grouping) -> sa.ColumnElement[Any] | None:
    e = schema.events
    if by == "plover":
        return e.c.plover
    if by == "quad_class":
        return e.c.quad_class
    if by == "cameo_root":
        return sa.func.substr(e.c.cameo, 1, 2)
    return None


def event_timeline(
    store: Store, period: Period = "month", by: Grouping = "plover", scope: Scope = ALL
) -> pd.DataFrame:
    """Events per period (and per PLOVER type, QuadClass or CAMEO root when ``by`` is set).

    Columns: ``period``, the ``by`` column (unless None), ``events``, ``goldstein_mean``.
    Without article ids, a condition or a query (date bounds of at most day precision allowed)
    the counts come from the ``event_days`` rollup; with a query (and no ids or condition), from
    the in-memory columns when they are current; else from the event rows. All three give the
    same result.
    """
    names: list[str] = [by] if by else []
    found = None if _rollup_answers(scope) else _timeline_from_columns(store, period, by, scope)
    if found is not None:  # already per week and in order
        frame, attrs = found
    else:
        if _rollup_answers(scope):
            frame, attrs = _timeline_from_rollup(store, period, by, scope)
        else:
            frame, attrs = _timeline_from_events(store, period, by, scope)
        frame = _finish_periods(frame, period, names, ["events", "goldstein_sum"])
    frame["events"] = frame["events"].astype("int64")
    frame["goldstein_mean"] = (frame.pop("goldstein_sum").astype(float) / frame["events"]).round(4)
    frame.attrs.update(attrs)
    return frame


def timeline_records(
    store: Store, period: Period = "month", by: Grouping = "plover", scope: Scope = ALL
) -> tuple[list[dict[str, Any]], dict[str, int]] | None:
    """``event_timeline``'s rows as plain dicts (and its ``attrs``), counted from the in-memory
    columns without building a DataFrame (which cost a server more than the counting); None
    where ``event_timeline`` would not use the columns."""
    if _rollup_answers(scope):
        return None
    counted = _timeline_counts(store, period, by, scope)
    if counted is None:
        return None
    rows, attrs = counted
    if not rows:
        return [], attrs
    import numpy as np

    events = np.array([row[-2] for row in rows], dtype=np.int64)
    means = np.round(np.array([row[-1] for row in rows], dtype=np.float64) / events, 4).tolist()
    counts = events.tolist()
    if by:  # rows (period, value, events, sum); the keys written out: a dict per row is dear
        records = [{"period": row[0], by: row[1], "events": count, "goldstein_mean": mean}
                   for row, count, mean in zip(rows, counts, means, strict=True)]  # fmt: skip
    else:
        records = [{"period": row[0], "events": count, "goldstein_mean": mean}
                   for row, count, mean in zip(rows, counts, means, strict=True)]  # fmt: skip
    return records, attrs


def _rollup_answers(scope: Scope) -> bool:
    bounds = [bound for bound in (scope.since, scope.until) if bound]
    return (
        scope.article_ids is None
        and scope.where is None
        and not scope.query
        and all(len(bound) <= PERIOD_CHARS["day"] for bound in bounds)
    )


def _timeline_from_columns(
    store: Store, period: Period, by: Grouping, scope: Scope
) -> tuple[pd.DataFrame, dict[str, int]] | None:
    """The counts from ``kroniek.store.columns``, or None when they cannot give them."""
    counted = _timeline_counts(store, period, by, scope)
    if counted is None:
        return None
    rows, attrs = counted
    names = ["period", *([by] if by else []), "events", "goldstein_sum"]
    return pd.DataFrame(rows, columns=names), attrs


def _timeline_counts(
    store: Store, period: Period, by: Grouping, scope: Scope
) -> tuple[list[tuple[Any, ...]], dict[str, int]] | None:
    """Rows (period, [by,] events, goldstein sum) in order, from the columns; or None."""
    if scope.article_ids is not None or scope.where is not None:
        return None
    columns = store.aggregate_columns()
    if columns is None:
        return None
    from kroniek.search import parse
    from kroniek.search.docsets import mask
    from kroniek.store.columns import timeline

    articles = columns.present
    if scope.query:
        with store.engine.connect() as connection:
            articles = mask(connection, columns, parse(scope.query), store.shared_masks)
    counts = timeline(columns, articles, period, by, scope.since, scope.until)
    rows = sorted(row if by else (row[0], *row[2:]) for row in counts.rows)  # (period, by)
    return rows, {"undated": counts.undated, "too_coarse": counts.too_coarse}


def _timeline_from_rollup(
    store: Store, period: Period, by: Grouping, scope: Scope
) -> tuple[pd.DataFrame, dict[str, int]]:
    r = EVENT_DAYS
    bucket = period_key(r.c.day, period).label("period")
    keys = [r.c[by]] if by else []
    conditions = [r.c.events > 0, *date_conditions(r.c.day, scope)]
    if scope.since or scope.until:
        conditions.append(r.c.day != "")  # undated events never fall in a date range
    query = (
        sa.select(bucket, *keys, sa.func.sum(r.c.events).label("events"),
                  sa.func.sum(r.c.goldstein_sum).label("goldstein_sum"))
        .where(*conditions, precise_enough(r.c.day, period))
        .group_by(sa.literal_column("period"), *keys)
    )  # fmt: skip
    total = sa.select(sa.func.coalesce(sa.func.sum(r.c.events), 0)).where(*conditions)
    with store.engine.connect() as connection:
        rows = connection.execute(query)
        frame = _frame(rows)
        undated = connection.execute(total.where(r.c.day == "")).scalar()
        coarse = connection.execute(
            total.where(r.c.day != "", sa.not_(precise_enough(r.c.day, period)))
        ).scalar()
    return frame, {"undated": int(undated or 0), "too_coarse": int(coarse or 0)}


def _timeline_from_events(
    store: Store, period: Period, by: Grouping, scope: Scope
) -> tuple[pd.DataFrame, dict[str, int]]:
    e, a = schema.events, schema.articles
    date = event_date()
    bucket = period_key(date, period).label("period")
    group = _group_column(by)
    keys = [group.label(by)] if group is not None and by else []
    query = (
        sa.select(bucket, *keys, sa.func.count().label("events"),
                  sa.func.sum(e.c.goldstein).label("goldstein_sum"))
        .select_from(e.join(a, a.c.id == e.c.article_id))
        .where(precise_enough(date, period))
        .group_by(*(sa.literal_column(k.name) for k in [bucket, *keys]))
    )  # fmt: skip
    with scoped(store, scope, date) as sq:
        frame = sq.frame(query)
        attrs = _coverage_attrs(sq, _events_from(), date, period)
    return frame, attrs


def dyad_goldstein(
    store: Store, period: Period = "month", scope: Scope = ALL, min_events: int = 1
) -> pd.DataFrame:
    """Average Goldstein score per dyad (source code -> target code) per period.

    Events without a source or target code are not dyadic and are left out. Columns: ``period``,
    ``source``, ``target``, ``events``, ``goldstein_mean``.
    """
    e, a = schema.events, schema.articles
    date = event_date()
    bucket = period_key(date, period).label("period")
    query = (
        sa.select(bucket, e.c.source_code.label("source"), e.c.target_code.label("target"),
                  sa.func.count().label("events"),
                  sa.func.sum(e.c.goldstein).label("goldstein_sum"))
        .select_from(e.join(a, a.c.id == e.c.article_id))
        .where(precise_enough(date, period), e.c.source_code.is_not(None),
               e.c.target_code.is_not(None))
        .group_by(sa.literal_column("period"), e.c.source_code, e.c.target_code)
    )  # fmt: skip
    with scoped(store, scope, date) as sq:
        frame = sq.frame(query)
    frame = _finish_periods(frame, period, ["source", "target"], ["events", "goldstein_sum"])
    frame["events"] = frame["events"].astype("int64")
    frame["goldstein_mean"] = (frame.pop("goldstein_sum").astype(float) / frame["events"]).round(4)
    return frame[frame["events"] >= min_events].reset_index(drop=True)


def _actor_columns(level: ActorLevel) -> tuple[sa.ColumnElement[Any], sa.ColumnElement[Any]]:
    e = schema.events
    if level == "entity":
        return e.c.source_entity, e.c.target_entity
    return e.c.source_code, e.c.target_code


def dyads(
    store: Store, scope: Scope = ALL, level: ActorLevel = "code", min_events: int = 1
) -> pd.DataFrame:
    """Directed dyads with event counts and mean Goldstein, most events first.

    Columns: ``source``, ``target``, ``events``, ``goldstein_mean``.
    """
    e, a = schema.events, schema.articles
    source, target = _actor_columns(level)
    events = sa.func.count()
    query = (
        sa.select(source.label("source"), target.label("target"), events.label("events"),
                  sa.func.avg(e.c.goldstein).label("goldstein_mean"))
        .select_from(e.join(a, a.c.id == e.c.article_id))
        .where(source.is_not(None), target.is_not(None))
        .group_by(source, target)
        .having(events >= min_events)
    )  # fmt: skip
    with scoped(store, scope, event_date()) as sq:
        frame = sq.frame(query)
    frame["events"] = frame["events"].astype("int64")
    frame["goldstein_mean"] = frame["goldstein_mean"].astype(float).round(4)
    return frame.sort_values(
        ["events", "source", "target"], ascending=[False, True, True], ignore_index=True
    )


def top_dyads(
    store: Store, n: int = DEFAULT_TOP, scope: Scope = ALL, level: ActorLevel = "code"
) -> pd.DataFrame:
    return dyads(store, scope, level).head(n).reset_index(drop=True)


def actor_events(store: Store, scope: Scope = ALL, level: ActorLevel = "code") -> pd.DataFrame:
    """Per actor: events as source, as target, and in total (an event counts once per actor).

    Columns: ``id``, ``events``, ``as_source``, ``as_target``; most events first.
    """
    e, a = schema.events, schema.articles
    source, target = _actor_columns(level)
    joined = e.join(a, a.c.id == e.c.article_id)
    by_source = (
        sa.select(source.label("id"), sa.func.count().label("n")).select_from(joined)
        .where(source.is_not(None)).group_by(source)
    )  # fmt: skip
    by_target = (
        sa.select(target.label("id"), sa.func.count().label("n")).select_from(joined)
        .where(target.is_not(None)).group_by(target)
    )  # fmt: skip
    self_loops = (
        sa.select(source.label("id"), sa.func.count().label("n")).select_from(joined)
        .where(source == target).group_by(source)
    )  # fmt: skip
    with scoped(store, scope, event_date()) as sq:
        sources = sq.frame(by_source).set_index("id")["n"]
        targets = sq.frame(by_target).set_index("id")["n"]
        loops = sq.frame(self_loops).set_index("id")["n"]
    frame = pd.DataFrame({"as_source": sources, "as_target": targets}).fillna(0).astype("int64")
    frame["events"] = frame["as_source"] + frame["as_target"] - loops.reindex(frame.index).fillna(0)
    frame["events"] = frame["events"].astype("int64")
    frame = frame.rename_axis("id").reset_index()[["id", "events", "as_source", "as_target"]]
    return frame.sort_values(["events", "id"], ascending=[False, True], ignore_index=True)


def top_actors(
    store: Store, n: int = DEFAULT_TOP, scope: Scope = ALL, level: ActorLevel = "code"
) -> pd.DataFrame:
    return actor_events(store, scope, level).head(n).reset_index(drop=True)


def actor_network(
    store: Store, scope: Scope = ALL, level: ActorLevel = "code", min_events: int = 1
) -> Network:
    """Actors as nodes, dyads as directed edges (``min_events`` or more events per edge)."""
    edges = dyads(store, scope, level, min_events)
    nodes = actor_events(store, scope, level)
    if min_events > 1:
        linked = set(edges["source"]) | set(edges["target"])
        nodes = nodes[nodes["id"].isin(linked)].reset_index(drop=True)
    return Network(nodes=nodes, edges=edges)


# --- quotes and coverage --------------------------------------------------------------------------


def quotes_per_speaker(store: Store, scope: Scope = ALL, n: int | None = None) -> pd.DataFrame:
    """Quotes per speaker (entity id, else the name as written), with direct/indirect split.

    Columns: ``speaker``, ``name``, ``code``, ``quotes``, ``direct``, ``indirect``, ``articles``.
    Quotes without any speaker are not counted.
    """
    q, a = schema.quotes, schema.articles
    speaker = sa.func.coalesce(q.c.speaker_entity, q.c.speaker_name)
    quotes = sa.func.count()
    query = (
        sa.select(
            speaker.label("speaker"), sa.func.max(q.c.speaker_name).label("name"),
            sa.func.max(q.c.speaker_code).label("code"), quotes.label("quotes"),
            sa.func.sum(sa.case((q.c.kind == "direct", 1), else_=0)).label("direct"),
            sa.func.sum(sa.case((q.c.kind == "indirect", 1), else_=0)).label("indirect"),
            sa.func.count(sa.distinct(q.c.article_id)).label("articles"),
        )
        .select_from(q.join(a, a.c.id == q.c.article_id))
        .where(speaker.is_not(None))
        .group_by(speaker)
    )  # fmt: skip
    with scoped(store, scope, a.c.published) as sq:
        frame = sq.frame(query)
    for column in ("quotes", "direct", "indirect", "articles"):
        frame[column] = frame[column].astype("int64")
    frame = frame.sort_values(["quotes", "speaker"], ascending=[False, True], ignore_index=True)
    return frame if n is None else frame.head(n)


def outlet_coverage(
    store: Store, scope: Scope = ALL, include_generic: bool = False
) -> pd.DataFrame:
    """Which outlets report which actors: articles and mentions per (outlet, entity).

    Articles without a known outlet are counted under outlet ``None``. Columns: ``outlet``,
    ``entity``, ``name``, ``code``, ``articles``, ``mentions``.
    """
    en, a = schema.entities, schema.articles
    articles = sa.func.count(sa.distinct(en.c.article_id))
    query = (
        sa.select(
            a.c.outlet.label("outlet"), en.c.entity_id.label("entity"),
            sa.func.max(en.c.name).label("name"), sa.func.max(en.c.code).label("code"),
            articles.label("articles"), sa.func.sum(en.c.mentions).label("mentions"),
        )
        .select_from(en.join(a, a.c.id == en.c.article_id))
        .group_by(a.c.outlet, en.c.entity_id)
    )  # fmt: skip
    if not include_generic:
        query = query.where(en.c.generic.is_(False))
    with scoped(store, scope, a.c.published) as sq:
        frame = sq.frame(query)
    frame["articles"] = frame["articles"].astype("int64")
    frame["mentions"] = frame["mentions"].astype("int64")
    return frame.sort_values(
        ["outlet", "articles", "entity"], ascending=[True, False, True],
        na_position="last", ignore_index=True,
    )  # fmt: skip
