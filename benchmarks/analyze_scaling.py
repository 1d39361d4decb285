"""Analysis throughput in one process, a local pool of 2, and a 2-worker Dask LocalCluster.

    .venv/bin/python -m benchmarks.analyze_scaling [--articles 10000] [--batch 200]

Only the analysis is timed (``BatchAnalyzer`` calls over batches of ``--batch`` articles, as the
ingester makes them); reading and storing are measured by ``ingest_throughput``. Start-up and
model loading happen before the clock starts. Per worker it reports CPU utilisation (CPU seconds
over wall seconds of the timed part) and peak memory (``VmHWM``, the peak resident set), then
projects how many workers a 500,000 articles/day stream needs. Target: the 2-worker runs reach
at least 1.7x the single-process rate (on an otherwise idle machine with 2+ cores).
"""

from __future__ import annotations

import argparse
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


@dataclass
class Run:
    name: str
    articles: int
    seconds: float
    cpu: dict[int, float]  # pid -> CPU utilisation (0..1) during the timed part
    peak_mb: dict[int, float]  # pid -> peak resident memory
    driver_cpu: float  # CPU seconds of this process (client, and a LocalCluster's scheduler)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds

    def idle_estimate(self, cores: int) -> float:
        """articles/s with ``cores`` otherwise idle cores: each worker at most one core, and the
        driver's CPU (client, scheduler) shares the same cores."""
        worker_seconds = 1 / self.per_worker_cpu_second
        driver_seconds = 0.0 if self.name.startswith("single") else self.driver_cpu / self.articles
        return min(len(self.cpu) * self.per_worker_cpu_second,
                   cores / (worker_seconds + driver_seconds))  # fmt: skip

    @property
    def per_worker_cpu_second(self) -> float:
        """Articles per CPU-second spent in the workers: overhead, free of the machine's load."""
        return self.articles / (sum(self.cpu.values()) * self.seconds)


def _cpu_seconds(pid: int) -> float:
    import psutil

    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def _peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _timed(
    name: str,
    analyzer: Callable[[list[Any]], list[dict[str, Any]]],
    articles: list[Any],
    batch: int,
    pids: Callable[[], list[int]],
) -> Run:
    analyzer(articles[:WARMUP_ARTICLES])  # start every worker and load its models
    workers = pids()
    cpu_before = {pid: _cpu_seconds(pid) for pid in workers}
    driver_before = time.process_time()
    started = time.perf_counter()
    for start in range(0, len(articles), batch):
        results = analyzer(articles[start : start + batch])
        assert len(results) == len(articles[start : start + batch])
    seconds = time.perf_counter() - started
    driver = time.process_time() - driver_before
    cpu = {pid: (_cpu_seconds(pid) - cpu_before[pid]) / seconds for pid in workers}
    peaks = {pid: _peak_mb(pid) for pid in workers}
    return Run(name, len(articles), seconds, cpu, peaks, driver)


@contextmanager
def _single() -> Iterator[tuple[Callable[..., Any], Callable[[], list[int]]]]:
    from kroniek.parallel import warm
    from kroniek.runner import analyze_batch

    warm()
    yield analyze_batch, lambda: [os.getpid()]


@contextmanager
def _pool() -> Iterator[tuple[Callable[..., Any], Callable[[], list[int]]]]:
    import psutil

    from kroniek.parallel import local_pool

    with local_pool(WORKERS) as analyzer:
        yield analyzer, lambda: [child.pid for child in psutil.Process().children()]


@contextmanager
def _cluster() -> Iterator[tuple[Callable[..., Any], Callable[[], list[int]]]]:
    from distributed import Client, LocalCluster

    from kroniek.parallel import dask_cluster

    with (
        LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True,
                     dashboard_address=None) as cluster,
        Client(cluster.scheduler_address, set_as_default=False) as client,
        dask_cluster(cluster.scheduler_address) as analyzer,
    ):  # fmt: skip
        yield analyzer, lambda: list(client.run(os.getpid).values())


def _load_articles(count: int) -> list[Any]:
    from kroniek.ingest import iter_articles
    from kroniek.models import Article

    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(Path(tmp) / "corpus.jsonl", count)
        return [item for item in iter_articles([str(corpus)]) if isinstance(item, Article)]


def _print_run(run: Run, single: Run | None) -> None:
    ratio = f"  speed-up {run.rate / single.rate:.2f}x" if single else ""
    cores = os.cpu_count() or 1
    if single:
        estimate = run.idle_estimate(cores) / single.idle_estimate(cores)
        ratio += f" (idle {cores}-core estimate {estimate:.2f}x)"
    print(f"{run.name:<22} {run.rate:7.1f} articles/s  ({run.seconds:.1f} s){ratio}")
    for pid in run.cpu:
        print(f"    pid {pid}: CPU {run.cpu[pid]:.0%}, peak memory {run.peak_mb[pid]:.0f} MB")
    print(f"    {run.per_worker_cpu_second:.0f} articles per worker CPU-second; "
          f"driver process {run.driver_cpu:.1f} CPU s")  # fmt: skip


def _projection(label: str, per_worker: float) -> None:
    average = ARTICLES_PER_DAY / SECONDS_PER_DAY
    peak = average * PEAK_FACTOR
    workers_average, workers_peak = average / per_worker, peak / per_worker
    backlog = ARTICLES_PER_DAY / (per_worker * WORKERS) / 3600
    print(f"  {label}: one cluster worker (1 thread) = {per_worker:.1f} articles/s")
    print(f"    at the average: {average:.2f} / {per_worker:.1f} = {workers_average:.2f}"
          f" -> {math.ceil(workers_average)} worker(s)")  # fmt: skip
    print(f"    at the peak:    {peak:.1f} / {per_worker:.1f} = {workers_peak:.2f}"
          f" -> {math.ceil(workers_peak)} worker(s)")  # fmt: skip
    print(f"    a whole day as a backlog on {WORKERS} workers: {ARTICLES_PER_DAY:,} / "
          f"({per_worker:.1f} x {WORKERS}) / 3600 = {backlog:.1f} h")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200, help="articles per analyzer call")
    args = parser.parse_args()

    articles = _load_articles(args.articles)
    print(f"{len(articles)} generated articles, batches of {args.batch}, "
          f"{os.cpu_count()} CPU(s), load average at start {os.getloadavg()[0]:.1f}")  # fmt: skip
    modes: list[tuple[str, Callable[[], AbstractContextManager[Any]]]] = [
        ("single process", _single),
        (f"local pool of {WORKERS}", _pool),
        (f"Dask LocalCluster x{WORKERS}", _cluster),
    ]
    runs: list[Run] = []
    for name, mode in modes:
        with mode() as (analyzer, pids):
            runs.append(_timed(name, analyzer, articles, args.batch, pids))
        _print_run(runs[-1], runs[0] if len(runs) > 1 else None)
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    cluster = runs[-1]
    verdict = "met" if cluster.rate / runs[0].rate >= TARGET_SPEEDUP else "NOT met"
    print(f"target {TARGET_SPEEDUP}x for {WORKERS} cluster workers: {verdict}")
    average = ARTICLES_PER_DAY / SECONDS_PER_DAY
    print(f"\nprojection for {ARTICLES_PER_DAY:,} articles/day: "
          f"{ARTICLES_PER_DAY:,} / {SECONDS_PER_DAY:,} s = {average:.2f} articles/s on average, "
          f"{average * PEAK_FACTOR:.1f} in peak hours ({PEAK_FACTOR:.0f}x)")  # fmt: skip
    _projection("as measured (wall clock, this machine's load)", cluster.rate / WORKERS)
    _projection("one idle core per worker (estimate)", cluster.per_worker_cpu_second)


if __name__ == "__main__":
    main()
