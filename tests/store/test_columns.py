"""In-memory columns (``kroniek.store.columns``): timelines and facets counted from them equal
the SQL aggregates, on SQLite and PostgreSQL, and they follow writes."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kroniek import analytics, search
from kroniek.analytics import Scope
from kroniek.api import queries
from kroniek.store import Batch, Store, columns
from tests.store.corpus import articles

QUERIES = ["brand", "storm -brand", '"grote brand"', "actor:RUS", "actor:rus*", "type:ASSAULT",
           "type:ASSAULT OR outlet:nos.nl", "date:2017..2018", "brand actor:NLD date:2017..2019",
           "NOT brand", "actor:Nederlanders", "outlet:hln.be -type:CONSULT", "haven OR rechter",
           "date:2019-03-01..2019-03-31"]  # fmt: skip


@pytest.fixture(autouse=True)
def reload_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reload as soon as anything changed (on PostgreSQL the marker also moves with other
    databases' transactions; then the throttle would send an aggregate to SQL now and then)."""
    monkeypatch.setattr(columns, "RELOAD_PAUSE", 0.0)


@pytest.fixture
def filled(store: Store) -> Store:
    store.write_batch(Batch(articles=articles(60)))
    assert store.columns() is not None  # as a server does at start: aggregates now use them
    return store


def test_aggregates_use_columns_only_once_loaded(store: Store) -> None:
    store.write_batch(Batch(articles=articles(10)))
    assert store.aggregate_columns() is None  # a one-off command: SQL, no load
    frame = analytics.event_timeline(store, "month", "plover", Scope(query="brand"))
    loaded = store.columns()
    assert loaded is not None and store.aggregate_columns() is loaded
    assert analytics.event_timeline(store, "month", "plover", Scope(query="brand")).equals(frame)


@pytest.mark.parametrize("period", ["day", "week", "month", "year"])
def test_timelines_from_columns_equal_the_event_rows(filled: Store, period: str) -> None:
    assert filled.columns() is not None
    for query in QUERIES:
        for by in ("plover", "quad_class", "cameo_root", None):
            for since, until in ((None, None), ("2017-12", "2018"), ("2018-01-12T00:00", None)):
                fast_scope = Scope(query=query, since=since, until=until)
                assert analytics._timeline_from_columns(filled, period, by, fast_scope)
                where = search.article_filter(filled, query)
                slow_scope = Scope(where=where, since=since, until=until)
                fast = analytics.event_timeline(filled, period, by, fast_scope)  # type: ignore[arg-type]
                slow = analytics.event_timeline(filled, period, by, slow_scope)  # type: ignore[arg-type]
                assert fast.equals(slow), (query, by, since, until)
                assert fast.attrs == slow.attrs, (query, by, since, until)
        everything = analytics.event_timeline(filled, period, "plover", Scope(query="NOT zzz"))
        assert everything.equals(
            analytics.event_timeline(filled, period, "plover", Scope(where=sa.true()))
        )


def test_facets_from_columns_equal_sql(filled: Store) -> None:
    for query in [None, *QUERIES]:
        where = search.article_filter(filled, query) if query else None
        assert queries.query_facets(filled, query) == queries.facets(filled, where), query


def test_an_empty_store_gives_empty_columns(store: Store) -> None:
    loaded = store.columns()
    assert loaded is not None and loaded.size == 0
    assert analytics.event_timeline(store, "month", "plover", Scope(query="brand")).empty
    assert queries.query_facets(store, "brand") == queries.facets(
        store, search.article_filter(store, "brand")
    )


def test_columns_follow_writes(filled: Store, db_url: str) -> None:
    first = filled.columns()
    before = analytics.event_timeline(filled, "year", None, Scope(query="brand"))
    with Store.open(db_url) as other:  # another process writes
        other.write_batch(Batch(articles=articles(20, seed=4)))
    second = filled.columns()
    assert first is not None and second is not None and second.marker != first.marker
    assert second.size > first.size
    after = analytics.event_timeline(filled, "year", None, Scope(query="brand"))
    assert after.equals(
        analytics.event_timeline(
            filled, "year", None, Scope(where=search.article_filter(filled, "brand"))
        )
    )
    assert int(after["events"].sum()) > int(before["events"].sum())


def test_while_data_keeps_changing_sql_answers_between_reloads(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(columns, "RELOAD_PAUSE", 1e6)
    loaded = filled.columns()
    filled.write_batch(Batch(articles=articles(10, seed=5)))
    assert filled.aggregate_columns() is None  # reloading again so soon is put off: SQL answers
    fast = analytics.event_timeline(filled, "month", "plover", Scope(query="storm"))
    slow = analytics.event_timeline(
        filled, "month", "plover", Scope(where=search.article_filter(filled, "storm"))
    )
    assert fast.equals(slow)
    assert queries.query_facets(filled, "storm") == queries.facets(
        filled, search.article_filter(filled, "storm")
    )
    reloaded = filled.columns()  # asked for: loaded now whatever the pause
    assert loaded is not None and reloaded is not None and reloaded.size > loaded.size
    assert filled.aggregate_columns() is reloaded


def test_in_memory_sqlite_has_no_columns_and_counts_in_sql() -> None:
    with Store.open("sqlite://") as store:
        store.write_batch(Batch(articles=articles(15)))
        assert store.columns() is None
        frame = analytics.event_timeline(store, "month", "plover", Scope(query="brand"))
        assert frame.equals(
            analytics.event_timeline(
                store, "month", "plover", Scope(where=search.article_filter(store, "brand"))
            )
        )


def test_grouped_counts_equal_a_bincount_for_few_and_many_values() -> None:
    import numpy as np

    from kroniek.store.columns import Coded, Grouped

    rng = np.random.default_rng(3)
    for values in (1, 5, 64, 65, 700):
        docid = rng.integers(0, 1000, 5000)
        codes = rng.integers(-1, values, 5000)
        coded = Coded(codes, tuple(f"v{i}" for i in range(values)))
        articles = rng.random(1000) < 0.4
        chosen = articles[docid] & (codes >= 0)
        expected = np.bincount(codes[chosen], minlength=values)
        assert Grouped.of(docid, coded).counts(articles).tolist() == expected.tolist()
