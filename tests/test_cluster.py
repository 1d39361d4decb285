"""A Dask cluster stores exactly what a single process stores, even when a worker dies.

Ingests run pipelined (several batches with the workers at once); ``PipelineProbe`` records how
many were, so the tests fail if the pipelined path were not taken.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest
from typer.testing import CliRunner

from kroniek.cli import (
    app,
    commands,  # noqa: F401 - registers the commands
)
from kroniek.errors import KroniekError
from kroniek.ingest import iter_articles
from kroniek.models import Article
from kroniek.parallel import DaskAnalyzer, chunk_key, chunked, dask_cluster, task_key
from kroniek.resources import data_path
from kroniek.runner import PipelinedAnalyzer, Records, Waiter, ingest_paths
from kroniek.store import Store

SMALL_BATCH = 8  # several batches from the 54-item corpus, one article per task
CLI_BATCH = 20  # three batches, several articles per task
KILL_WAIT_SECONDS = 30.0
POLL_SECONDS = 0.002


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the bundled corpus, so that every run of this module reads the same files."""
    import shutil

    return str(shutil.copytree(data_path("corpus"), tmp_path_factory.mktemp("data") / "corpus"))


@dataclass
class Reference:
    """What one process stores from the bundled corpus."""

    records: dict[str, dict]
    summary: dict[str, int]
    sources: int


@pytest.fixture(scope="module")
def single_process(tmp_path_factory: pytest.TempPathFactory, corpus: str) -> Reference:
    url = f"sqlite:///{tmp_path_factory.mktemp('single') / 'kroniek.db'}"
    with Store.open(url) as store:
        summary = ingest_paths([corpus], store)
    return Reference(_analyses(url), summary.as_dict(), _sources(url))


def _analyses(url: str) -> dict[str, dict]:
    with Store.open(url) as store:
        return {record["id"]: record for record in store.records()}


def _sources(url: str) -> int:
    with Store.open(url) as store:
        return int(store.stats()["sources"])


def _model_loads() -> dict[str, tuple[int, int]]:
    """Per model cache of this process (run on a worker): (loads, distinct models kept)."""
    from kroniek.nlp import morph, ner
    from kroniek.resolve import actor_index, gazetteer

    caches = {"ner features": ner._extractor, "ner taggers": ner._tagger,
              "pos tagger": morph._pos_tagger, "gazetteer": gazetteer.load,
              "actor index": actor_index.get_index}  # fmt: skip
    return {name: (c.cache_info().misses, c.cache_info().currsize) for name, c in caches.items()}


def test_cli_ingest_on_cluster_equals_single_process(cluster, pg_url, single_process, corpus):
    result = CliRunner().invoke(app, ["ingest", corpus, "--db", pg_url,
                                      "--cluster", cluster.scheduler_address,
                                      "--batch-size", str(CLI_BATCH)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"new: {single_process.summary['new']} " in result.stdout
    stored = _analyses(pg_url)
    assert len(stored) >= 50
    assert stored == single_process.records
    again = CliRunner().invoke(app, ["ingest", corpus, "--db", pg_url,
                                     "--cluster", cluster.scheduler_address])  # fmt: skip
    assert again.exit_code == 0, again.output
    assert "new: 0 " in again.stdout
    assert _analyses(pg_url) == single_process.records


def test_models_load_once_per_worker(cluster, tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'k.db'}") as store, \
            dask_cluster(cluster.scheduler_address) as analyzer:  # fmt: skip
        assert isinstance(analyzer, DaskAnalyzer)
        ingest_paths([str(data_path("corpus") / "crawl")], store, analyzer=analyzer,
                     batch_size=SMALL_BATCH)  # fmt: skip
        loads = analyzer.client.run(_model_loads)
    assert len(loads) == 2
    for worker_loads in loads.values():
        for name, (loaded, kept) in worker_loads.items():
            assert loaded == kept >= 1, name  # loaded, and never again
        assert worker_loads["pos tagger"] == worker_loads["gazetteer"] == (1, 1)


class PipelineProbe:
    """Wraps a pipelined analyzer and counts batches submitted but not yet waited for."""

    def __init__(self, inner: PipelinedAnalyzer) -> None:
        self.inner = inner
        self.depth = inner.depth
        self.calls = 0
        self.open = 0
        self.most_open = 0

    def submit(self, articles: list[Article]) -> Waiter:
        self.calls += 1
        self.open += 1
        self.most_open = max(self.most_open, self.open)
        self.on_submit()
        wait = self.inner.submit(articles)

        def waiter() -> Records:
            records = wait()
            self.open -= 1
            return records

        return waiter

    def __call__(self, articles: list[Article]) -> Records:
        return self.submit(articles)()

    def on_submit(self) -> None:
        pass


class WorkerKiller(PipelineProbe):
    """At the second batch, SIGKILLs a worker that holds tasks (of that batch or the first)."""

    def __init__(self, inner: DaskAnalyzer) -> None:
        super().__init__(inner)
        self.client = inner.client
        self.killed: list[int] = []
        self.open_at_kill: list[int] = []

    def on_submit(self) -> None:
        if self.calls == 2:
            pids = self.client.run(os.getpid)
            threading.Thread(target=self._kill_busy_worker, args=(pids,), daemon=True).start()

    def _kill_busy_worker(self, pids: dict[str, int]) -> None:
        deadline = time.monotonic() + KILL_WAIT_SECONDS
        while time.monotonic() < deadline:
            busy = [worker for worker, keys in self.client.processing().items() if keys]
            if busy:
                self.open_at_kill.append(self.open)
                os.kill(pids[busy[0]], signal.SIGKILL)
                self.killed.append(pids[busy[0]])
                return
            time.sleep(POLL_SECONDS)


def test_worker_killed_mid_run_loses_and_repeats_nothing(cluster, pg_url, single_process, corpus):
    from distributed import Client

    with Client(cluster.scheduler_address, set_as_default=False) as client:
        before = set(client.run(os.getpid).values())
        with Store.open(pg_url) as store, dask_cluster(cluster.scheduler_address) as analyzer:
            assert isinstance(analyzer, DaskAnalyzer)
            killer = WorkerKiller(analyzer)
            summary = ingest_paths([corpus], store, analyzer=killer,
                                   batch_size=SMALL_BATCH)  # fmt: skip
        client.wait_for_workers(2)
        after = set(client.run(os.getpid).values())
    assert killer.calls > 2
    assert killer.most_open == analyzer.depth + 1  # pipelined: batches overlapped
    assert killer.killed and killer.killed[0] in before
    assert killer.open_at_kill[0] >= 2  # the worker died with two batches' tasks under way
    assert killer.killed[0] not in after  # the nanny replaced the dead worker
    assert summary.as_dict() == single_process.summary
    assert _analyses(pg_url) == single_process.records
    assert _sources(pg_url) == single_process.sources  # each once: none lost, none repeated


def test_task_key_is_stable_per_article_and_differs_per_source():
    articles = [item for item in iter_articles([str(data_path("corpus") / "crawl")])
                if isinstance(item, Article)]  # fmt: skip
    first = articles[0]
    assert task_key(first) == task_key(replace(first))
    assert task_key(first) != task_key(replace(first, title="Een andere kop"))
    assert len({task_key(a) for a in articles}) == len(articles)
    assert task_key(first).startswith(f"kroniek-analyze-{first.id}-")


def test_batches_are_cut_into_a_few_tasks_per_thread_in_order():
    articles = [item for item in iter_articles([str(data_path("corpus") / "crawl")])
                if isinstance(item, Article)][:30]  # fmt: skip
    chunks = chunked(articles, threads=2)
    assert [len(c) for c in chunks] == [4, 4, 4, 4, 4, 4, 4, 2]
    assert [a for chunk in chunks for a in chunk] == articles
    assert len(chunked(articles, threads=100)) == 30
    assert chunk_key(chunks[0]) == chunk_key(list(chunks[0]))
    assert chunk_key(chunks[0]) != chunk_key(chunks[0][::-1])
    assert chunk_key(chunks[0][:1]) == task_key(articles[0])


def test_unreachable_scheduler_is_one_clear_error():
    unreachable = dask_cluster("tcp://127.0.0.1:9", connect_timeout="1s")
    with pytest.raises(KroniekError, match="cannot reach the Dask scheduler"), unreachable:
        pass
