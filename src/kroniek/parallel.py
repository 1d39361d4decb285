"""Where a batch of articles is analysed: this process, a local process pool, or Dask.

The unit of work is ``runner.analyze_one`` (Article -> SCHEMA record): plain data in and out,
so it pickles to a pool worker or a Dask worker alike. Models load once per worker (``warm``),
not once per task.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from kroniek.models import Article
from kroniek.runner import BatchAnalyzer, analyze_batch, analyze_one

TASKS_PER_WORKER = 4  # chunks per worker and batch: enough to balance, few enough to stay cheap


def warm() -> None:
    """Load every model and dictionary once, in the worker that will use them."""
    from kroniek.ingest.build import make_article
    from kroniek.ingest.page import Block, Page

    sample = Page(blocks=[Block("De Russische president Vladimir Poetin sprak maandag in Moskou.")])
    analyze_one(make_article(sample, "<warm-up>"))


@contextmanager
def local_pool(workers: int) -> Iterator[BatchAnalyzer]:
    """A batch analyzer over ``workers`` processes (``workers == 1``: this process)."""
    if workers <= 1:
        yield analyze_batch
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=warm) as executor:

        def analyze(articles: list[Article]) -> list[dict[str, Any]]:
            chunk = max(1, len(articles) // (workers * TASKS_PER_WORKER))
            return list(executor.map(analyze_one, articles, chunksize=chunk))

        yield analyze
