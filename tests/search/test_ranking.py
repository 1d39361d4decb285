"""Search pages ranked from the in-memory columns (SQLite) equal the SQL ranking: same total,
same articles in the same order with the same scores, for every kind of query."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kroniek.search import engine, parse, search
from kroniek.search.compiler import plan
from kroniek.store import Batch, Store, search_index
from tests.search.test_search import SUITE
from tests.store.corpus import articles

QUERIES = ["brand", "storm -brand", '"grote brand"', "brand actor:RUS", "actor:RUS",
           "actor:rus* storm", "type:ASSAULT", "type:ASSAULT OR outlet:nos.nl", "date:2017..2018",
           "brand date:2017..2019 actor:NLD", "NOT brand", "haven OR actor:UKR", "outlet:hln.be",
           "staking -type:CONSULT", "brand date:2018", "brand OR storm"]  # fmt: skip
PAGES = [(20, 0), (3, 0), (5, 4), (7, 50), (20, 200)]


def _by_sql(
    store: Store, query: str, limit: int, offset: int
) -> tuple[int, list[tuple[str, float]]]:
    page, count = engine._selects(store.backend, parse(query), limit, offset, None)
    with store.engine.connect() as connection:
        total = int(connection.execute(count).scalar() or 0)
        return total, [(row[0], float(row[1])) for row in connection.execute(page)]


def _by_columns(store: Store, query: str, limit: int, offset: int) -> object:
    node = parse(query)
    return engine._ranked_from_columns(store, node, plan(store.backend, node), limit, offset)


@pytest.fixture
def generated(sqlite_url: str) -> Iterator[Store]:
    with Store.open(sqlite_url) as store:
        store.write_batch(Batch(articles=articles(150)))
        assert store.columns() is not None  # as a server does at start
        yield store


def test_pages_from_columns_equal_the_sql_pages(generated: Store) -> None:
    for query in QUERIES:
        for limit, offset in PAGES:
            ranked = _by_columns(generated, query, limit, offset)
            if ranked is None:  # words alone: SQL, until the scores of the words are kept
                assert plan("sqlite", parse(query)).where is None, query
                continue
            assert ranked == _by_sql(generated, query, limit, offset), (query, limit, offset)


def test_words_alone_use_kept_postings_within_the_same_window(
    generated: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "RANK_WINDOW", 10)
    assert _by_columns(generated, "storm", 5, 0) is None  # asked once: SQL answers
    assert _by_columns(generated, "storm", 5, 0) is not None  # asked again: its postings read
    _by_columns(generated, "brand actor:RUS", 5, 0)  # reads (and keeps) the postings of "brand"
    for query in ("brand", "brand OR storm", "storm -brand"):
        for limit, offset in PAGES:
            ranked = _by_columns(generated, query, limit, offset)
            assert ranked is not None, query
            assert ranked == _by_sql(generated, query, limit, offset), (query, limit, offset)
    for query in ("brand date:2017..2018", "brand outlet:nos.nl"):  # facets not read yet
        assert _by_columns(generated, query, 5, 0) is None, query
        for limit, offset in PAGES:
            ranked = _by_columns(generated, query, limit, offset)
            assert ranked is not None, query
            assert ranked == _by_sql(generated, query, limit, offset), (query, limit, offset)


def test_a_write_forgets_the_askings(generated: Store) -> None:
    assert _by_columns(generated, "haven", 5, 0) is None
    generated.write_batch(Batch(articles=articles(3, seed=99)))
    assert generated.columns() is not None
    assert _by_columns(generated, "haven", 5, 0) is None  # a new state: asked once again


def test_the_search_corpus_ranks_alike(sqlite_corpus: Store) -> None:
    assert sqlite_corpus.columns() is not None
    for query in SUITE:
        for limit, offset in ((20, 0), (1, 1)):
            ranked = _by_columns(sqlite_corpus, query, limit, offset)
            if ranked is not None:
                assert ranked == _by_sql(sqlite_corpus, query, limit, offset), query
        hits = search(sqlite_corpus, query).hits
        assert {hit.id for hit in hits} == SUITE[query]


def test_postgresql_ranks_in_sql(pg_corpus: Store) -> None:
    assert pg_corpus.columns() is not None  # kept for timelines and facets, not for ranking
    assert _by_columns(pg_corpus, "actor:RUS", 20, 0) is None


def test_scores_are_kept_for_the_words_without_dates_and_outlets() -> None:
    words = search_index.Match(("brand",))
    date = search_index.Match(("date_2019",))
    outlets = search_index.AnyOf((search_index.Match(("outlet_nosnl",)),
                                  search_index.Match(("outlet_hlnbe",))))  # fmt: skip
    assert engine._scored_words(search_index.AllOf((date, words, outlets))) == words
    not_storm = search_index.AllOf((words, date), (search_index.Match(("storm",)),))
    assert engine._scored_words(not_storm) == search_index.AllOf((words,), not_storm.excluded)
    mixed = search_index.AnyOf((words, date))  # a date here can be all a match has: kept as is
    assert engine._scored_words(search_index.AllOf((mixed, date))) == mixed
    assert engine._scored_words(search_index.AllOf((date,))) == search_index.AllOf((date,))
