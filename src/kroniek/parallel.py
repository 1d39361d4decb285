"""Where a batch of articles is analysed: this process, a local process pool, or Dask.

The unit of work is ``runner.analyze_one`` (Article -> SCHEMA record): plain data in and out,
so it pickles to a pool worker or a Dask worker alike. Models load once per worker (``warm``),
not once per task.

Pools and clusters are ``PipelinedAnalyzer``s: the ingester submits a batch and goes on reading
and settling the next ones, keeping ``PIPELINE_DEPTH`` batches with the workers while it writes
an earlier one, so the workers do not wait for the ingester between batches.

On a Dask cluster a batch is cut into a few tasks per worker thread (one article per task on a
large cluster); a task's key is derived from its articles, so a task rerun after a worker died
(or submitted twice) is the same task: the client gets one result per article, in input order,
and writes them to the store in the ingest batch's transaction. Lost workers only cost time:
the scheduler reruns their tasks elsewhere. Several articles per task rather than one keep the
per-task cost (scheduling, messages) small next to the analysis itself.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import Any

from kroniek.errors import KroniekError
from kroniek.models import Article
from kroniek.runner import BatchAnalyzer, Records, Waiter, analyze_batch, analyze_one

TASKS_PER_WORKER = 4  # chunks per worker and batch: enough to balance, few enough to stay cheap
# batches with the workers while the ingester writes an earlier one: two keep every worker busy
# through a write (a batch is several seconds of work, a write a fraction of one)
PIPELINE_DEPTH = 2
DASK_RETRIES = 2  # reruns of a task that raised (a worker lost mid-task is rerun regardless)
DASK_CONNECT_TIMEOUT = "20s"  # how long to wait for the scheduler before giving up
WARM_PLUGIN_NAME = "kroniek-warm-models"
TASK_KEY_PREFIX = "kroniek-analyze"
TASK_DIGEST_CHARS = 16
INSTALL_HINT = "pip install 'dask[distributed]'"


def warm() -> None:
    """Load every model and dictionary once, in the worker that will use them."""
    from kroniek.ingest.build import make_article
    from kroniek.ingest.page import Block, Page

    sample = Page(blocks=[Block("De Russische president Vladimir Poetin sprak maandag in Moskou.")])
    analyze_one(make_article(sample, "<warm-up>"))


class PoolAnalyzer:
    """A ``PipelinedAnalyzer`` over a local process pool."""

    def __init__(
        self, executor: ProcessPoolExecutor, workers: int, depth: int = PIPELINE_DEPTH
    ) -> None:
        self.executor = executor
        self.workers = workers
        self.depth = depth

    def submit(self, articles: list[Article]) -> Waiter:
        chunk = max(1, len(articles) // (self.workers * TASKS_PER_WORKER))
        results = self.executor.map(analyze_one, articles, chunksize=chunk)  # queued at once
        return lambda: list(results)

    def __call__(self, articles: list[Article]) -> Records:
        return self.submit(articles)()


@contextmanager
def local_pool(workers: int) -> Iterator[BatchAnalyzer]:
    """A batch analyzer over ``workers`` processes (``workers == 1``: this process)."""
    if workers <= 1:
        yield analyze_batch
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=warm) as executor:
        yield PoolAnalyzer(executor, workers)


def task_key(article: Article) -> str:
    """The Dask key of an article's analysis: the same article always gets the same key.

    The content id alone is not enough: two sources of one text differ in title, outlet or
    date, which the record carries. ``repr`` of the dataclass covers every field.
    """
    digest = hashlib.sha256(repr(article).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{TASK_KEY_PREFIX}-{article.id}-{digest[:TASK_DIGEST_CHARS]}"


def chunk_key(articles: list[Article]) -> str:
    """The Dask key of a task analysing ``articles`` (one article: its ``task_key``)."""
    if len(articles) == 1:
        return task_key(articles[0])
    digest = hashlib.sha256("\n".join(task_key(a) for a in articles).encode("ascii"))
    return f"{TASK_KEY_PREFIX}-{len(articles)}-{digest.hexdigest()[:TASK_DIGEST_CHARS]}"


def chunked(articles: list[Article], threads: int) -> list[list[Article]]:
    """``articles`` cut into about ``TASKS_PER_WORKER`` tasks per worker thread, in order."""
    size = max(1, math.ceil(len(articles) / (max(1, threads) * TASKS_PER_WORKER)))
    return [articles[start : start + size] for start in range(0, len(articles), size)]


def _threads(client: Any) -> int:
    return sum(client.nthreads().values())


def _warm_plugin() -> Any:
    """A worker plugin that runs ``warm`` when a worker starts (and on workers already up).

    Defined on call so that importing this module does not import ``distributed``; the class
    travels to the workers by value (cloudpickle), ``warm`` by reference.
    """
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmModels(WorkerPlugin):
        idempotent = True  # registered again by every client: set up each worker only once
        name = WARM_PLUGIN_NAME

        def setup(self, worker: Any) -> None:
            warm()

    return WarmModels()


def _connect(address: str, timeout: str) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise KroniekError(f"--cluster needs Dask: {INSTALL_HINT}") from None
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise KroniekError(
            f"cannot reach the Dask scheduler at {address} ({error}); "
            "start one with `dask scheduler` and pass its tcp://HOST:8786 address"
        ) from None


class DaskAnalyzer:
    """A ``PipelinedAnalyzer`` over a Dask cluster (``client``).

    ``submit`` cuts a batch into tasks and sends them at once (the articles travel inside the
    tasks: a few kB each, nothing to scatter). Each batch gets a lower priority than the one
    before, so the oldest batch, the one the ingester waits for, runs first. Tasks go one
    ``client.submit`` each, with their keys: ``client.map`` would also hash every article of
    the batch into a name for the whole map, about 1 ms of the ingester's CPU per article.
    """

    def __init__(self, client: Any, retries: int = DASK_RETRIES, depth: int = PIPELINE_DEPTH):
        self.client = client
        self.retries = retries
        self.depth = depth
        self._batches = 0

    def submit(self, articles: list[Article]) -> Waiter:
        self._batches += 1
        futures = [
            self.client.submit(analyze_batch, chunk, key=chunk_key(chunk), retries=self.retries,
                               priority=-self._batches)
            for chunk in chunked(articles, _threads(self.client))
        ]  # fmt: skip
        return partial(self._gather, futures)

    def __call__(self, articles: list[Article]) -> Records:
        return self.submit(articles)()

    def _gather(self, futures: list[Any]) -> Records:
        """A batch's records in input order. The futures live as long as the waiter, which the
        ingester drops once the batch is written: then the workers free the results."""
        from distributed.client import FutureCancelledError
        from distributed.scheduler import KilledWorker

        try:
            return [record for part in self.client.gather(futures) for record in part]
        except (KilledWorker, FutureCancelledError) as error:
            raise KroniekError(
                f"analysis failed on the cluster ({type(error).__name__}: {error}); "
                "batches already stored are kept: rerun the same command to resume"
            ) from None


@contextmanager
def dask_cluster(
    address: str, retries: int = DASK_RETRIES, connect_timeout: str = DASK_CONNECT_TIMEOUT
) -> Iterator[BatchAnalyzer]:
    """A batch analyzer over the Dask cluster whose scheduler is at ``address``."""
    client = _connect(address, connect_timeout)
    try:
        client.register_plugin(_warm_plugin(), name=WARM_PLUGIN_NAME)
        yield DaskAnalyzer(client, retries)
    finally:
        client.close()


@contextmanager
def analyzer_for(workers: int = 1, cluster: str | None = None) -> Iterator[BatchAnalyzer]:
    """The analyzer the CLI options ask for: a Dask cluster, a local pool, or this process."""
    if cluster:
        with dask_cluster(cluster) as analyzer:
            yield analyzer
    else:
        with local_pool(workers) as analyzer:
            yield analyzer
