"""In-memory columns of the analysis tables, for aggregates over large sets of articles.

A timeline or the facets of a search count over the articles a query matches. With a common word
that is most of the store, and SQL groups hundreds of thousands of event rows per request
(hundreds of milliseconds at 100,000 articles, however the query is shaped). Instead, the few
columns these aggregates read are loaded once per database state into numpy arrays indexed by the
full-text index's ``docid``. A query's articles become a boolean mask over docids
(``kroniek.search.docsets``), and an aggregate is a mask and a ``bincount``: milliseconds.

``Store.columns()`` loads the columns at the current write marker (``Store.write_marker``); a
server does that when it starts (``kroniek.api.serving``), a one-off command never (the load
costs more than one SQL aggregate), and aggregates use them (``Store.aggregate_columns``) only
once loaded. They are kept until the marker changes. Reloading costs about a second per 100,000
articles, so while the database keeps changing (an ingest running beside the server) they are
reloaded at most once per ``RELOAD_PAUSE`` times the last load's duration, and callers use their
SQL in between. Both give the same results (``tests/store/test_columns.py`` compares them).

Strings are coded as small integers (``codes`` per column, -1 for NULL or "does not apply").
"""

from __future__ import annotations

import datetime
import json
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import sqlalchemy as sa

from kroniek.store import schema, search_index
from kroniek.store.cache import ResultCache

if TYPE_CHECKING:
    from kroniek.store.database import Store

IntArray = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
PERIOD_CHARS: dict[str, int] = {"year": 4, "month": 7, "week": 10, "day": 10}
MONTH_CHARS = 7
MASKS_KEPT = 256
FEW_VALUES = 64  # facets of at most this many values count per group, more with a running sum
SCORES_KEPT, SCORES_BYTES = 512, 96 << 20  # 0.9 MB for a word found in 80,000 articles
COMBINED_KEPT, COMBINED_BYTES = 256, 24 << 20
ASKINGS_KEPT = 10_000
UNDATED, TOO_COARSE = -1, -2  # timeline cells of events it does not count
RELOAD_PAUSE = 10.0  # while the data keeps changing, reload at most 1/(1 + this) of the time


def _array_bytes(arrays: tuple[npt.NDArray[Any], ...]) -> int:
    return sum(array.nbytes for array in arrays)


def _monday(value: str) -> str:
    """The Monday of the ISO week of a date (``analytics.week_of``)."""
    day = datetime.date.fromisoformat(value[:10])
    return (day - datetime.timedelta(days=day.weekday())).isoformat()


@dataclass(frozen=True, slots=True)
class Coded:
    """A column as codes into ``values`` (-1: NULL)."""

    codes: IntArray
    values: tuple[Any, ...]


def _code(raw: Sequence[str | None]) -> Coded:
    codes, values = pd.factorize(np.asarray(raw, dtype=object), use_na_sentinel=True)
    return Coded(codes.astype(np.int64), tuple(str(value) for value in values))


def _code_ints(raw: Sequence[int]) -> Coded:
    values = np.asarray(raw, dtype=np.int64).reshape(-1)
    distinct = np.unique(values)
    return Coded(np.searchsorted(distinct, values).astype(np.int64), tuple(distinct.tolist()))


def _newest_first(docids: IntArray, ids: Sequence[str], published: Sequence[str | None],
                  size: int) -> IntArray:  # fmt: skip
    """Each docid's place in the order ``ORDER BY published DESC NULLS LAST, id`` (the order of
    searches without words); -1 for docids without an article."""
    id_rank = pd.factorize(np.asarray(ids, dtype=object), sort=True)[0]
    dates, _values = pd.factorize(np.asarray(published, dtype=object), sort=True)
    newest = np.where(dates < 0, len(_values), len(_values) - 1 - dates)  # NULL last
    place = np.full(size, -1, dtype=np.int64)
    place[docids[np.lexsort((id_rank, newest))]] = np.arange(len(docids), dtype=np.int64)
    return place


@dataclass(frozen=True, slots=True)
class Pairs:
    """Distinct (docid, value code) pairs: which articles have which value."""

    docid: IntArray
    value: Coded


@dataclass(frozen=True, slots=True)
class Grouped:
    """Docids grouped by a value: those with value code ``i`` are
    ``docids[bounds[i]:bounds[i + 1]]``. Counting a query's articles per value is then a
    count of its mask over each group (no ``bincount`` over every pair)."""

    docids: IntArray
    bounds: IntArray
    values: tuple[Any, ...]

    @classmethod
    def of(cls, docid: IntArray, coded: Coded) -> Grouped:
        valued = coded.codes >= 0
        codes = coded.codes[valued]
        order = np.argsort(codes, kind="stable")
        counts = np.bincount(codes, minlength=len(coded.values))
        bounds = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        return cls(docid[valued][order].astype(np.int64), bounds, coded.values)

    def counts(self, articles: Mask) -> IntArray:
        """Per value, how many of its docids ``articles`` holds."""
        chosen = articles[self.docids]
        if len(self.values) <= FEW_VALUES:  # a count per group: cheaper than a running sum
            bounds = self.bounds.tolist()
            return np.array([np.count_nonzero(chosen[bounds[i] : bounds[i + 1]])
                             for i in range(len(self.values))], dtype=np.int64)  # fmt: skip
        running = np.concatenate(([0], np.cumsum(chosen, dtype=np.int64)))
        found: IntArray = running[self.bounds[1:]] - running[self.bounds[:-1]]
        return found


@dataclass(frozen=True, slots=True)
class Columns:
    """What timelines and facets read, loaded at ``marker``. Articles are indexed by docid
    (``size`` is one past the largest); events are rows in any order."""

    marker: Hashable
    size: int
    present: Mask  # docids of stored articles
    outlet: Coded  # per docid
    month: Coded  # per docid: the first 7 characters of a date at least that precise
    newest: IntArray  # per docid: place in the order of searches without words
    article_id: npt.NDArray[np.object_]  # per docid: the article's id (None: no article)
    docid_of: dict[str, int]  # the docid of each article's id
    event_docid: IntArray
    event_date: Coded  # the event's date, else its article's publication date
    event_quad: Coded
    event_plover: Coded
    event_cameo_root: Coded
    event_goldstein: npt.NDArray[np.float64]
    types: Pairs  # (article, PLOVER type) of events
    actors: Pairs  # (article, code) of entities that are not generic groups
    facet_groups: dict[str, Grouped]  # docids by outlet, month, type and actor, for facets
    # masks of query parts, kept with the columns they index (bit-packed: 1/8 of the memory),
    # and the relevance scores of text queries (see ``kroniek.search.engine``)
    masks: ResultCache = field(default_factory=lambda: ResultCache(MASKS_KEPT))
    scores: ResultCache = field(
        default_factory=lambda: ResultCache(SCORES_KEPT, _array_bytes, SCORES_BYTES)
    )
    # the matches and scores of text queries of several phrases, combined from the above
    combined: ResultCache = field(
        default_factory=lambda: ResultCache(COMBINED_KEPT, _array_bytes, COMBINED_BYTES)
    )
    # how often each phrase was asked for at this state (``kroniek.search.postings``)
    askings: ResultCache = field(default_factory=lambda: ResultCache(ASKINGS_KEPT))

    def mask(self, docids: Sequence[int] | IntArray) -> Mask:
        """A mask of these docids (those this state does not know are left out)."""
        ids = np.asarray(docids, dtype=np.int64)
        found = np.zeros(self.size, dtype=np.bool_)
        found[ids[(ids >= 0) & (ids < self.size)]] = True
        return found & self.present

    def period_buckets(self, period: str) -> tuple[IntArray, tuple[str, ...]]:
        """Per event, its period (-1: undated, or a date less precise than the period), and the
        period labels: the date cut to the period's length, for a week its Monday."""
        chars = PERIOD_CHARS[period]

        def label(value: str) -> str:
            return _monday(value) if period == "week" else value[:chars]

        def compute() -> tuple[IntArray, tuple[str, ...]]:
            labels: dict[str, int] = {}
            of_date = np.fromiter(
                (labels.setdefault(label(value), len(labels)) if len(value) >= chars else -1
                 for value in self.event_date.values),
                dtype=np.int64, count=len(self.event_date.values),
            )  # fmt: skip
            codes = self.event_date.codes
            buckets = (
                np.where(codes >= 0, of_date[np.maximum(codes, 0)], -1)
                if len(of_date)
                else (np.full(len(codes), -1, dtype=np.int64))
            )
            return buckets, tuple(labels)

        return self.masks.get(self.marker, ("periods", period), compute)

    def timeline_cells(self, period: str, by: str | None
                       ) -> tuple[IntArray, tuple[str, ...], tuple[Any, ...]]:  # fmt: skip
        """Per event, its cell of a timeline by ``period`` and grouping ``by`` (period index
        times the number of group values plus the group's; ``UNDATED``, or ``TOO_COARSE`` for a
        date less precise than the period), the period labels and the group values."""

        def compute() -> tuple[IntArray, tuple[str, ...], tuple[Any, ...]]:
            buckets, labels = self.period_buckets(period)
            groups = {"plover": self.event_plover, "cameo_root": self.event_cameo_root,
                      "quad_class": self.event_quad}.get(by or "")  # fmt: skip
            codes = groups.codes if groups else np.zeros(len(buckets), dtype=np.int64)
            values: tuple[Any, ...] = (groups.values if groups else ()) or (None,)
            width = len(values)  # the grouped columns are never NULL: codes are >= 0
            cells = np.where(buckets >= 0, buckets * width + codes, TOO_COARSE)
            cells[self.event_date.codes < 0] = UNDATED
            return cells, labels, values

        return self.masks.get(self.marker, ("timeline cells", period, by), compute)

    def kept_mask(self, key: Hashable, compute: Callable[[], Mask]) -> Mask:
        """``compute()``, or the mask kept under ``key`` for these columns."""
        packed = self.masks.get(self.marker, key, lambda: np.packbits(compute()))
        return np.unpackbits(packed, count=self.size).view(np.bool_)


def _columns(connection: sa.Connection, query: sa.Select[Any]) -> list[list[Any]]:
    """The result's columns as lists; rows are read straight from the driver's cursor (plain
    numbers and strings need no conversion, and hundreds of thousands of result rows cost)."""
    rows = connection.execute(query).cursor.fetchall()
    if not rows:
        return [[] for _column in query.selected_columns]
    return [list(column) for column in zip(*rows, strict=True)]


def _ints(values: Sequence[Any]) -> IntArray:
    return np.asarray(values, dtype=np.int64).reshape(-1)


def _spread_ids(docids: IntArray, ids: Sequence[str], size: int) -> npt.NDArray[np.object_]:
    spread = np.full(size, None, dtype=object)
    spread[docids] = ids
    return spread


def _pairs(docids: IntArray, values: Coded) -> Pairs:
    """The distinct (docid, value) pairs of ``values`` (NULLs left out)."""
    width = max(len(values.values), 1)
    keys = np.unique((docids * width + values.codes)[values.codes >= 0])
    return Pairs(keys // width, Coded(keys % width, values.values))


def docids_of(connection: sa.Connection, select: sa.Select[Any]) -> IntArray:
    """The docids ``select`` gives (one integer column). SQLite sends them as one string:
    fetching 80,000 rows one by one would cost more than finding them."""
    rows = select.subquery()
    if connection.dialect.name == "sqlite":
        joined = connection.execute(sa.select(sa.func.group_concat(rows.c[0]))).scalar()
        return np.fromstring(joined or "", dtype=np.int64, sep=",")
    found = connection.execute(sa.select(rows.c[0])).scalars().all()
    return np.array(found, dtype=np.int64)


def article_ids_of(connection: sa.Connection, select: sa.Select[Any] | sa.CompoundSelect[Any]
                   ) -> list[str]:  # fmt: skip
    """SQLite: the article ids ``select`` gives (one text column), sent as one JSON array (as
    ``docids_of`` sends docids: one value instead of a row per id)."""
    rows = select.subquery()
    joined = connection.execute(sa.select(sa.func.json_group_array(rows.c[0]))).scalar()
    found: list[str] = json.loads(joined or "[]")
    return found


def docs_table(backend: str) -> sa.Table:
    return search_index.pg_docs if backend == "postgresql" else search_index.sqlite_docs


def load(connection: sa.Connection, marker: Hashable) -> Columns:
    """Read the columns in one transaction (one consistent state of the database)."""
    a, e, en = schema.articles, schema.events, schema.entities
    d = docs_table(connection.dialect.name)
    docids, ids, outlets, published = _columns(
        connection,
        sa.select(d.c.docid, a.c.id, a.c.outlet, a.c.published)
        .select_from(d.join(a, a.c.id == d.c.article_id)),
    )  # fmt: skip
    event_docids, dates, quads, plovers, cameo_roots, goldstein = _columns(
        connection,
        sa.select(d.c.docid, sa.func.coalesce(e.c.date, a.c.published), e.c.quad_class,
                  e.c.plover, sa.func.substr(e.c.cameo, 1, 2), e.c.goldstein)
        .select_from(e.join(a, a.c.id == e.c.article_id).join(d, d.c.article_id == e.c.article_id)),
    )  # fmt: skip
    actor_docids, codes = _columns(
        connection,
        sa.select(d.c.docid, en.c.code)
        .select_from(en.join(d, d.c.article_id == en.c.article_id))
        .where(en.c.code.is_not(None), en.c.generic.is_(False)),
    )  # fmt: skip
    article_docids = _ints(docids)
    size = int(article_docids.max()) + 1 if len(article_docids) else 0
    present = np.zeros(size, dtype=np.bool_)
    present[article_docids] = True

    def per_docid(column: Coded) -> Coded:
        spread = np.full(size, -1, dtype=np.int64)
        spread[article_docids] = column.codes
        return Coded(spread, column.values)

    months = [p[:MONTH_CHARS] if p is not None and len(p) >= MONTH_CHARS else None
              for p in published]  # fmt: skip
    event_docid, event_plover = _ints(event_docids), _code(plovers)
    types, actors = _pairs(event_docid, event_plover), _pairs(_ints(actor_docids), _code(codes))
    outlet, month = per_docid(_code(outlets)), per_docid(_code(months))
    return Columns(
        marker=marker, size=size, present=present,
        outlet=outlet, month=month,
        newest=_newest_first(article_docids, ids, published, size),
        article_id=_spread_ids(article_docids, ids, size),
        docid_of=dict(zip(ids, article_docids.tolist(), strict=True)),
        event_docid=event_docid, event_date=_code(dates), event_quad=_code_ints(quads),
        event_plover=event_plover, event_cameo_root=_code(cameo_roots),
        event_goldstein=np.asarray(goldstein, dtype=np.float64).reshape(-1),
        types=types, actors=actors, facet_groups=_facet_groups(size, outlet, month, types, actors),
    )  # fmt: skip


def _load_consistently(store: Store, marker: Hashable) -> Columns:
    """``load`` in one read transaction, so its three reads see one state."""
    if store.backend == "postgresql":
        with store.engine.connect() as connection:
            snapshot = connection.execution_options(isolation_level="REPEATABLE READ")
            with snapshot.begin():
                return load(snapshot, marker)
    with store.engine.connect() as connection:
        connection.exec_driver_sql("BEGIN")  # pysqlite would run each SELECT on its own
        try:
            return load(connection, marker)
        finally:
            connection.rollback()


class ColumnCache:
    """The columns of one store, reloaded when its write marker changes (see the module)."""

    def __init__(self) -> None:
        self._columns: Columns | None = None
        self._lock = threading.Lock()
        self._loading = threading.Lock()
        self._loaded_at = self._load_seconds = 0.0  # when the last load ended, how long it took

    def get(self, store: Store, load_first: bool) -> Columns | None:
        """The columns at the store's current state, or None (use SQL) when the state cannot be
        known, or, unless ``load_first`` (load them now in any case), they were never loaded or
        would have to be reloaded too soon after the last load."""
        marker = store.write_marker()
        if marker is None:
            return None
        with self._lock:
            kept = self._columns
        if kept is not None and kept.marker == marker:
            return kept
        if kept is None and not load_first:
            return None
        if (
            kept is not None
            and not load_first
            and (time.monotonic() < self._loaded_at + RELOAD_PAUSE * self._load_seconds)
        ):
            return None
        with self._loading:  # one load at a time; the others wait for it
            with self._lock:
                kept = self._columns
            if kept is not None and kept.marker == marker:
                return kept
            started = time.monotonic()
            marker = store.write_marker()  # read before the data: never newer than the data
            loaded = _load_consistently(store, marker)
            finished = time.monotonic()
            with self._lock:
                self._columns = loaded
                self._loaded_at, self._load_seconds = finished, finished - started
        return loaded


# --- aggregates -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineCounts:
    """Events per (period, group): rows of (period label, group value or None, events,
    goldstein sum), and the events left out as undated or too coarse for the period."""

    rows: list[tuple[Any, ...]]
    undated: int
    too_coarse: int


def _date_filter(dates: Coded, since: str | None, until: str | None) -> Mask | None:
    if not since and not until:
        return None
    values = np.array(dates.values, dtype=object)
    keep = np.ones(len(values), dtype=np.bool_)
    if since:
        keep &= values >= since
    if until:
        keep &= values <= until + "~"  # "~" sorts after digits, "-", "T" and ":"
    return keep


def timeline(
    columns: Columns,
    articles: Mask,
    period: str,
    by: str | None,
    since: str | None = None,
    until: str | None = None,
) -> TimelineCounts:
    """The counts ``analytics.event_timeline`` makes, for the events of ``articles``."""
    dates = columns.event_date
    selected = articles[columns.event_docid]
    in_range = _date_filter(dates, since, until)
    if in_range is not None:  # an undated event is in no range
        selected &= (dates.codes >= 0) & in_range[np.maximum(dates.codes, 0)]
    cells, labels, values = columns.timeline_cells(period, by)
    chosen = cells[selected]  # per selected event: its cell, UNDATED or TOO_COARSE
    counted = chosen >= 0
    key = chosen[counted]
    width = len(values)
    size = len(labels) * width
    counts = np.bincount(key, minlength=size)
    sums = np.bincount(key, weights=columns.event_goldstein[selected][counted], minlength=size)
    undated = int(np.count_nonzero(chosen == UNDATED))
    too_coarse = len(chosen) - len(key) - undated
    found = np.flatnonzero(counts)
    rows = list(zip(np.array(labels, dtype=object)[found // width].tolist(),
                    np.array(values, dtype=object)[found % width].tolist(),
                    counts[found].tolist(), sums[found].tolist(), strict=True))  # fmt: skip
    return TimelineCounts(rows, undated, too_coarse)


def _top(group: Grouped, articles: Mask, size: int) -> list[dict[str, Any]]:
    """Articles per value, most first (ties by value), at most ``size``."""
    counts = group.counts(articles)
    found = np.flatnonzero(counts)  # only the values counted: a Python step per value is dear
    ranked = sorted(
        zip(counts[found].tolist(), [group.values[code] for code in found.tolist()], strict=True),
        key=lambda item: (-item[0], item[1]),
    )
    return [{"value": value, "articles": n} for n, value in ranked[:size]]


def _facet_groups(size: int, outlet: Coded, month: Coded, types: Pairs, actors: Pairs
                  ) -> dict[str, Grouped]:  # fmt: skip
    every = np.arange(size, dtype=np.int64)
    return {"outlet": Grouped.of(every, outlet), "month": Grouped.of(every, month),
            "type": Grouped.of(types.docid, types.value),
            "actor": Grouped.of(actors.docid, actors.value)}  # fmt: skip


def facets(columns: Columns, articles: Mask, size: int) -> dict[str, list[dict[str, Any]]]:
    """The counts ``api.queries.facets`` makes, for ``articles``."""
    return {name: _top(group, articles, size) for name, group in columns.facet_groups.items()}
