"""A local process pool stores exactly what a single process stores."""

from __future__ import annotations

from kroniek.parallel import local_pool
from kroniek.resources import data_path
from kroniek.runner import ingest_paths
from kroniek.store import Store


def _analyses(url: str) -> dict[str, dict]:
    with Store.open(url) as store:
        return {r["id"]: r for r in store.records()}


def test_pool_of_two_equals_single_process(tmp_path):
    corpus = str(data_path("corpus") / "crawl")
    single, pooled = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    with Store.open(single) as store:
        ingest_paths([corpus], store)
    with Store.open(pooled) as store, local_pool(2) as analyzer:
        ingest_paths([corpus], store, analyzer=analyzer, batch_size=7)
    first, second = _analyses(single), _analyses(pooled)
    assert len(first) >= 30
    assert first == second
