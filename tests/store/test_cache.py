"""Results kept while the database is unchanged: the cache itself, and the store's write marker
on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
import threading
from typing import Any

import pytest

from kroniek.models import Article
from kroniek.store import ANALYSED, Batch, NewArticle, Store
from kroniek.store.cache import ResultCache, footprint


def _article(number: int) -> NewArticle:
    text = f"Artikel nummer {number} over de gemeenteraad van Gent."
    article = Article(id=f"art{number:05d}", text=text, source_file="cache.jsonl", line=number,
                      title=f"Artikel {number}", published="2020-01-02", language="nl")  # fmt: skip
    return NewArticle(article, ANALYSED, None)


def _write(store: Store, number: int) -> None:
    store.write_batch(Batch(articles=[_article(number)]))


# --- ResultCache --------------------------------------------------------------------------------


def test_a_result_is_computed_once_per_marker_and_key() -> None:
    cache = ResultCache()
    calls: list[str] = []

    def compute(value: str) -> str:
        calls.append(value)
        return value.upper()

    assert cache.get(1, "a", lambda: compute("a")) == "A"
    assert cache.get(1, "a", lambda: compute("x")) == "A"  # kept
    assert cache.get(1, "b", lambda: compute("b")) == "B"
    assert cache.get(2, "a", lambda: compute("a2")) == "A2"  # the database changed
    assert cache.get(1, "b", lambda: compute("b1")) == "B1"  # entries of marker 1 were dropped
    assert calls == ["a", "b", "a2", "b1"]
    assert (cache.hits, cache.misses) == (1, 4)


def test_an_unknown_marker_keeps_nothing() -> None:
    cache = ResultCache()
    results = iter(range(10))
    assert [cache.get(None, "k", lambda: next(results)) for _ in range(3)] == [0, 1, 2]
    assert len(cache) == 0


def test_least_recently_used_results_go_first() -> None:
    cache = ResultCache(max_entries=2)
    for key in "abc":
        cache.get(1, key, lambda key=key: key)  # type: ignore[misc]
    assert cache.peek(1, "a") is None
    assert cache.peek(1, "b") == "b"  # now the most recently used
    cache.get(1, "d", lambda: "d")
    assert cache.peek(1, "c") is None and cache.peek(1, "b") == "b"


def test_the_size_bound_drops_old_results_but_keeps_the_newest() -> None:
    cache = ResultCache(max_entries=100, weigh=len, max_weight=10)
    cache.get(1, "a", lambda: "x" * 6)
    cache.get(1, "b", lambda: "y" * 6)  # 12 > 10: "a" goes
    assert cache.peek(1, "a") is None and cache.peek(1, "b") == "y" * 6
    cache.get(1, "c", lambda: "z" * 50)  # alone over the bound, but the newest stays
    assert cache.peek(1, "b") is None and cache.peek(1, "c") == "z" * 50


def test_each_result_is_weighed_once_when_kept() -> None:
    weighed: list[str] = []

    def weigh(value: str) -> int:
        weighed.append(value)
        return len(value)

    cache = ResultCache(max_entries=100, weigh=weigh, max_weight=10)
    for key in "abcd":
        cache.get(1, key, lambda key=key: key * 4)  # type: ignore[misc]
    assert weighed == ["aaaa", "bbbb", "cccc", "dddd"]  # dropping one does not weigh it again
    assert [cache.peek(1, key) for key in "abcd"] == [None, None, "cccc", "dddd"]
    cache.get(2, "e", lambda: "e" * 9)  # a new marker starts from nothing kept
    cache.get(2, "f", lambda: "f")
    assert cache.peek(2, "e") == "e" * 9 and cache.peek(2, "f") == "f"


def test_footprint_grows_with_what_a_result_holds() -> None:
    row = {"period": "2020-01", "quad_class": 1, "events": 3, "goldstein_mean": 2.5}
    one, many = footprint({"rows": [row]}), footprint({"rows": [dict(row) for _ in range(100)]})
    assert 100 < one < many and 50 * one < many < 200 * one
    assert footprint("x" * 10_000) >= 10_000
    assert footprint((["a" * 1000], {"k": "b" * 1000})) >= 2000
    assert footprint(None) == footprint(3) == footprint(2.5) > 0


def test_footprint_of_a_long_list_is_estimated_from_a_sample() -> None:
    rows = [{"id": f"a{n}", "text": "x" * (n % 7 * 100)} for n in range(5000)]
    exact = sys.getsizeof(rows) + sum(footprint(row) for row in rows)
    assert abs(footprint(rows) - exact) < 0.05 * exact
    assert footprint(["y" * 1000] * 1000) >= 1_000_000


def test_peek_computes_nothing_and_sees_only_the_current_marker() -> None:
    cache = ResultCache()
    assert cache.peek(1, "a") is None
    cache.get(1, "a", lambda: "A")
    assert cache.peek(1, "a") == "A"
    assert cache.peek(2, "a") is None


def test_threads_asking_for_the_same_result_compute_it_once() -> None:
    cache = ResultCache()
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        started.set()
        release.wait(10)
        return "done"

    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get(1, "k", slow)))
               for _ in range(8)]  # fmt: skip
    threads[0].start()
    started.wait(10)
    for thread in threads[1:]:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(10)
    assert results == ["done"] * 8
    assert len(calls) == 1


def test_a_failed_computation_is_not_kept_and_raises_for_its_caller() -> None:
    cache = ResultCache()

    def broken() -> Any:
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        cache.get(1, "k", broken)
    assert cache.get(1, "k", lambda: "second try") == "second try"


# --- the write marker ----------------------------------------------------------------------------


def test_the_write_marker_changes_with_every_commit_of_another_connection(db_url: str) -> None:
    with Store.open(db_url) as reader, Store.open(db_url) as writer:
        before = reader.write_marker()
        assert before is not None
        assert reader.write_marker() == before  # reading changes nothing
        reader.count()
        assert reader.write_marker() == before
        _write(writer, 1)
        after = reader.write_marker()
        assert after != before
        _write(reader, 2)  # a write through the reader's own pool counts too
        assert reader.write_marker() != after


def test_in_memory_sqlite_has_no_marker_and_caches_nothing() -> None:
    with Store.open("sqlite://") as store:
        assert store.write_marker() is None
        counts = iter(range(5))
        assert [store.cached("k", lambda: next(counts)) for _ in range(2)] == [0, 1]


def test_cached_results_last_until_the_database_changes(store: Store, db_url: str) -> None:
    _write(store, 1)
    assert store.cached("count", store.count) == 1
    with Store.open(db_url) as other:
        _write(other, 2)
    assert store.cached("count", store.count) == 2  # the other process's write is seen
    assert store.cached("count", lambda: -1) == 2  # and kept again
