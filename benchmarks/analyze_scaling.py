"""Ingest with analysis in one process, a local pool of 2, and a 2-worker Dask LocalCluster.

    .venv/bin/python -m benchmarks.analyze_scaling [--articles 10000] [--batch 200]

Each run is a whole ``ingest_paths`` of the same generated JSONL corpus into a fresh SQLite
database: reading, deduplicating, analysing and writing, as ``kroniek ingest [--workers 2 |
--cluster ...]`` does it (story clustering left out). Start-up and model loading happen before
the clock starts. Per run it prints articles/s and the speed-up over the single process, the
CPU utilisation and peak memory (``VmHWM``) of each worker, the CPU the driver process spent
(reading, deduplicating, writing; for the cluster also the client and the scheduler), and the
CPU-seconds per article of all processes together. The stored records of every run are
compared with the single process's, article by article.

The wall-clock ratio is only meaningful on an otherwise idle machine, so it also prints a
load-independent one: how much faster ``WORKERS`` cores would be than one if they were kept
busy, from CPU-seconds per article (``WORKERS x single / parallel``). Then it projects the
workers and ingest processes a 500,000 articles/day stream needs. Target: the 2-worker cluster
reaches at least 1.7x the single-process rate.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.generate import write_jsonl

ARTICLES_PER_DAY = 500_000
SECONDS_PER_DAY = 86_400
PEAK_FACTOR = 3.0  # news arrives unevenly: size for the busiest hours, not the daily average
TARGET_SPEEDUP = 1.7
WARMUP_ARTICLES = 8
WORKERS = 2
QUIET_LOAD = 0.25  # cores used by other jobs under which wall-clock ratios mean something

Analyzer = Callable[[list[Any]], list[dict[str, Any]]]
Mode = Callable[[], AbstractContextManager[tuple[Analyzer, Callable[[], list[int]]]]]


@dataclass
class Run:
    name: str
    articles: int  # articles read
    seconds: float
    worker_cpu: dict[int, float]  # pid -> CPU seconds during the run
    peak_mb: dict[int, float]  # pid -> peak resident memory
    driver_cpu: float  # CPU seconds of this process
    other_cpu: float  # CPU seconds of other processes of the run (Dask nannies)
    digest: str  # of the stored records
    foreign_cores: float  # cores used meanwhile by processes that are not part of the run

    @property
    def rate(self) -> float:
        return self.articles / self.seconds

    @property
    def cpu_per_article(self) -> float:
        """CPU-seconds of every process of the run per article: free of the machine's load."""
        total = sum(self.worker_cpu.values()) + self.driver_cpu + self.other_cpu
        return total / self.articles

    @property
    def per_worker_cpu_second(self) -> float:
        return self.articles / sum(self.worker_cpu.values())


def _cpu_seconds(pid: int) -> float:
    import psutil

    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return float(times.user + times.system)


def _peak_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (all processes, all cores)."""
    import psutil

    times = psutil.cpu_times()
    return float(sum(times) - times.idle - getattr(times, "iowait", 0.0))


def _descendants() -> list[int]:
    import psutil

    return [child.pid for child in psutil.Process().children(recursive=True)]


def _digest(url: str) -> str:
    from kroniek.store import Store

    digest = hashlib.sha256()
    with Store.open(url) as store:
        for record in sorted(store.records(), key=lambda r: str(r["id"])):
            digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def _timed(name: str, mode: Mode, corpus: Path, warmup: list[Any], batch: int, tmp: Path) -> Run:
    from kroniek.runner import ingest_paths
    from kroniek.store import Store

    url = f"sqlite:///{tmp / (name.replace(' ', '_') + '.db')}"
    with mode() as (analyzer, worker_pids):
        analyzer(warmup)  # start every worker and load its models
        workers = worker_pids()
        others = [pid for pid in _descendants() if pid not in workers]
        before = {pid: _cpu_seconds(pid) for pid in [*workers, *others]}
        driver_before = time.process_time()
        busy_before = _busy_seconds()
        started = time.perf_counter()
        with Store.open(url) as store:
            summary = ingest_paths([str(corpus)], store, analyzer=analyzer, batch_size=batch,
                                   stories=False)  # fmt: skip
        seconds = time.perf_counter() - started
        busy = _busy_seconds() - busy_before
        driver = time.process_time() - driver_before
        used = {pid: _cpu_seconds(pid) - before[pid] for pid in [*workers, *others]}
        ours = (
            driver
            + sum(used[pid] for pid in workers if pid != os.getpid())
            + sum(used[pid] for pid in others)
        )
        peaks = {pid: _peak_mb(pid) for pid in workers}
    if name.startswith("single"):
        used, peaks = {os.getpid(): driver}, {os.getpid(): _peak_mb(os.getpid())}
        workers, driver = [os.getpid()], 0.0
    return Run(name, summary.read, seconds, {pid: used[pid] for pid in workers}, peaks, driver,
               sum(used[pid] for pid in others), _digest(url),
               max(0.0, busy - ours) / seconds)  # fmt: skip


@contextmanager
def _single() -> Iterator[tuple[Analyzer, Callable[[], list[int]]]]:
    from kroniek.parallel import warm
    from kroniek.runner import analyze_batch

    warm()
    yield analyze_batch, lambda: [os.getpid()]


@contextmanager
def _pool() -> Iterator[tuple[Analyzer, Callable[[], list[int]]]]:
    from kroniek.parallel import local_pool

    with local_pool(WORKERS) as analyzer:
        yield analyzer, _descendants


@contextmanager
def _cluster() -> Iterator[tuple[Analyzer, Callable[[], list[int]]]]:
    from distributed import Client, LocalCluster

    from kroniek.parallel import dask_cluster

    with (
        LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True,
                     dashboard_address=None) as cluster,
        Client(cluster.scheduler_address, set_as_default=False) as client,
        dask_cluster(cluster.scheduler_address) as analyzer,
    ):  # fmt: skip
        yield analyzer, lambda: list(client.run(os.getpid).values())


def _warmup_articles(corpus: Path) -> list[Any]:
    from itertools import islice

    from kroniek.ingest import iter_articles
    from kroniek.models import Article

    items = islice(iter_articles([str(corpus)]), WARMUP_ARTICLES)
    return [item for item in items if isinstance(item, Article)]


def _print_run(run: Run, single: Run | None) -> None:
    ratio = ""
    if single:
        ratio = (f"  speed-up {run.rate / single.rate:.2f}x wall, "
                 f"{WORKERS * single.cpu_per_article / run.cpu_per_article:.2f}x by CPU")  # fmt: skip
    print(f"{run.name:<22} {run.rate:7.1f} articles/s  ({run.seconds:.1f} s){ratio}")
    for pid in run.worker_cpu:
        print(f"    {'process' if single is None else 'worker'} pid {pid}: CPU "
              f"{run.worker_cpu[pid] / run.seconds:.0%}, peak memory {run.peak_mb[pid]:.0f} MB")  # fmt: skip
    dask = "Dask" in run.name
    driver = "" if single is None else (
        f"; driver (read, dedup, write{', client, scheduler' if dask else ''}) "
        f"{run.driver_cpu / run.articles * 1000:.2f} ms/article"
        + (f", nannies {run.other_cpu:.1f} CPU s" if dask else ""))  # fmt: skip
    print(f"    {run.cpu_per_article * 1000:.1f} ms CPU per article in all, "
          f"{run.per_worker_cpu_second:.1f} articles per worker CPU-second{driver}")  # fmt: skip
    print(f"    other load on the machine meanwhile: {run.foreign_cores:.2f} cores")
    if single:
        same = "identical" if run.digest == single.digest else "DIFFERENT"
        print(f"    stored records: {same} to the single process's")


def _projection(per_worker: float, driver_ms: float) -> None:
    """Workers and ingest processes for ARTICLES_PER_DAY, with the arithmetic."""
    average = ARTICLES_PER_DAY / SECONDS_PER_DAY
    peak = average * PEAK_FACTOR
    print(f"\nprojection for {ARTICLES_PER_DAY:,} articles/day (GDELT's daily volume):")
    print(f"  {ARTICLES_PER_DAY:,} / {SECONDS_PER_DAY:,} s = {average:.2f} articles/s on average;"
          f" x{PEAK_FACTOR:.0f} in peak hours = {peak:.1f} articles/s")  # fmt: skip
    print(f"  one worker (one core, 1 thread) = {per_worker:.1f} articles/s (measured above)")
    for label, rate in (("average", average), ("peak", peak)):
        need = rate / per_worker
        print(f"  {label + ':':<8} {rate:.1f} / {per_worker:.1f} = {need:.2f} -> "
              f"{math.ceil(need)} worker(s)")  # fmt: skip
    for workers in (WORKERS, 10):
        hours = ARTICLES_PER_DAY / (per_worker * workers) / 3600
        print(f"  a whole day as a backlog on {workers} workers: {ARTICLES_PER_DAY:,} / "
              f"({per_worker:.1f} x {workers}) / 3600 = {hours:.1f} h")  # fmt: skip
    feeds = 1000 / driver_ms
    print(
        f"  one ingest process: {driver_ms:.2f} ms CPU per article (reading, dedup, writing, "
        f"client) = {feeds:.0f} articles/s, enough for {feeds / per_worker:.0f} workers"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200, help="articles per ingest batch")
    args = parser.parse_args()

    modes: list[tuple[str, Mode]] = [
        ("single process", _single),
        (f"local pool of {WORKERS}", _pool),
        (f"Dask LocalCluster x{WORKERS}", _cluster),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(Path(tmp) / "corpus.jsonl", args.articles)
        warmup = _warmup_articles(corpus)
        load = os.getloadavg()[0]
        print(f"{args.articles} generated articles, batches of {args.batch}, "
              f"{os.cpu_count()} CPU(s), load average at start {load:.1f}")  # fmt: skip
        runs: list[Run] = []
        for name, mode in modes:
            runs.append(_timed(name, mode, corpus, warmup, args.batch, Path(tmp)))
            _print_run(runs[-1], runs[0] if len(runs) > 1 else None)
    foreign = max(run.foreign_cores for run in runs)
    print(f"load average at end {os.getloadavg()[0]:.1f} (this benchmark's own processes count)"
          + ("" if foreign < QUIET_LOAD else
             f"; other jobs used up to {foreign:.2f} cores: trust the ratios by CPU over the "
             "wall-clock ones"))  # fmt: skip
    single, cluster = runs[0], runs[-1]
    wall, by_cpu = (
        cluster.rate / single.rate,
        WORKERS * single.cpu_per_article / cluster.cpu_per_article,
    )
    for label, ratio in (("wall clock", wall), ("by CPU", by_cpu)):
        verdict = "met" if ratio >= TARGET_SPEEDUP else "NOT met"
        print(f"target {TARGET_SPEEDUP}x for {WORKERS} cluster workers, {label}: "
              f"{ratio:.2f}x, {verdict}")  # fmt: skip
    per_worker = min(cluster.rate / WORKERS, cluster.per_worker_cpu_second)
    _projection(per_worker, cluster.driver_cpu / cluster.articles * 1000)


if __name__ == "__main__":
    main()
