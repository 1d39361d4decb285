"""Ingest memory over a long run: RSS at checkpoints, and whether it keeps growing.

    .venv/bin/python -m benchmarks.ingest_memory [--articles 300000] [--checkpoints 6]
        [--db URL]

Ingests generated articles (read + parse + dedup + full-text index + store, no NLP) with one
``Ingester``, as one long ``kroniek ingest`` over a folder would: the corpus is written in one
JSONL file per checkpoint, so disk use stays small. After each file it prints the resident set
(RSS) and where native memory sits: SQLite's own allocations (``sqlite3_memory_used``) and
glibc's heap (bytes in use, bytes free but still held). It ends with the growth per 10,000
articles in the first half of the run and in the second, and their ratio: a flat curve, whose
early part is the one-time warm-up (caches filling to their caps), gives a ratio near 0.

Where memory went before the ``IN (...)`` lookups got fixed shapes: see
``kroniek.store.lookups``.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.generate import generate_rows

MB = 1024 * 1024
GROWTH_UNIT = 10_000  # articles per slope unit
FLAT_MB = 5.0  # late growth below this (MB over the second half) counts as flat


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]  # fmt: skip


def _libc() -> Any:
    return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")


def _sqlite() -> Any | None:
    import sqlite3  # noqa: F401 - loads the library the store uses, so CDLL finds that one

    try:
        library = ctypes.CDLL("libsqlite3.so.0")
    except OSError:
        return None
    library.sqlite3_memory_used.restype = ctypes.c_int64
    return library


@dataclass(slots=True)
class Point:
    articles: int
    rss_mb: float
    anon_mb: float  # of the RSS: anonymous memory (heaps, Python's arenas), the rest is files
    sqlite_mb: float | None  # SQLite's allocations (page caches, statements), all connections
    heap_used_mb: float | None  # glibc: allocated and in use (all arenas, mmapped blocks too)
    heap_free_mb: float | None  # glibc: freed but still held by the process
    seconds: float


def status_mb(field: str) -> float:
    """A memory figure of this process from ``/proc/self/status`` (``VmRSS``, ``RssAnon``)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(articles: int, started: float, sqlite_lib: Any | None, libc: Any) -> Point:
    sqlite_mb = sqlite_lib.sqlite3_memory_used() / MB if sqlite_lib is not None else None
    used = free = None
    if hasattr(libc, "mallinfo2"):
        libc.mallinfo2.restype = _MallInfo2
        info = libc.mallinfo2()
        used, free = (info.uordblks + info.hblkhd) / MB, info.fordblks / MB
    return Point(articles, status_mb("VmRSS"), status_mb("RssAnon"), sqlite_mb, used, free,
                 time.perf_counter() - started)  # fmt: skip


def chunks(total: int, parts: int) -> Iterator[int]:
    """Sizes of ``parts`` checkpoints adding up to ``total``."""
    for part in range(parts):
        yield total * (part + 1) // parts - total * part // parts


def write_chunk(path: Path, rows: Iterator[dict[str, str]], count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for _ in range(count):
            out.write(json.dumps(next(rows), ensure_ascii=False) + "\n")
    return path


@dataclass(slots=True)
class Growth:
    early: float  # MB per GROWTH_UNIT articles, from the start (models loaded) to the middle
    late: float  # MB per GROWTH_UNIT articles, from the middle checkpoint to the last
    after_first: float  # MB from the first checkpoint to the last

    @property
    def ratio(self) -> float:
        """Late over early growth: near 0 when memory levels off after the warm-up."""
        if self.early <= 0:
            return 0.0 if self.late <= 0 else float("inf")
        return self.late / self.early


def growth(points: list[Point]) -> Growth:
    """``points``: the start (0 articles) and at least two checkpoints."""
    start, first, middle, last = points[0], points[1], points[len(points) // 2], points[-1]

    def slope(a: Point, b: Point) -> float:
        return (b.rss_mb - a.rss_mb) / max(1, b.articles - a.articles) * GROWTH_UNIT

    return Growth(slope(start, middle), slope(middle, last), last.rss_mb - first.rss_mb)


def _mb(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:6.1f}"


def run(articles: int, checkpoints: int, db: str | None = None, seed: int = 7) -> list[Point]:
    from kroniek.ingest import ReadOptions, iter_articles, language
    from kroniek.runner import Ingester
    from kroniek.store import Store

    language.detect("Le gouvernement a annoncé mardi un nouveau plan.")  # load the identifier
    # (about 75 MB, once, at the first article that is not clearly Dutch) before the baseline
    sqlite_lib, libc = _sqlite(), _libc()
    rows = generate_rows(articles, seed=seed)
    points: list[Point] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(db or f"sqlite:///{tmp}/kroniek.db")
        ingester = Ingester(store, analyze=False)
        started = time.perf_counter()
        points.append(measure(0, started, sqlite_lib, libc))
        done = 0
        for number, size in enumerate(chunks(articles, checkpoints)):
            path = write_chunk(Path(tmp) / f"part-{number:03d}.jsonl", rows, size)
            for item in iter_articles([str(path)], ReadOptions()):
                ingester.add(item)
            ingester.flush()
            path.unlink()
            done += size
            points.append(measure(done, started, sqlite_lib, libc))
            _print_point(points[-1])
        store.close()
    return points


def _print_point(point: Point) -> None:
    print(f"{point.articles:>9,} articles  RSS {point.rss_mb:6.1f} MB "
          f"(anonymous {point.anon_mb:6.1f})  SQLite {_mb(point.sqlite_mb)} MB  heap in use {_mb(point.heap_used_mb)} MB, "
          f"free but held {_mb(point.heap_free_mb)} MB  ({point.seconds:.0f} s)",
          flush=True)  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300_000)
    parser.add_argument("--checkpoints", type=int, default=6)
    parser.add_argument("--db", default=None, help="database URL (default: a temporary SQLite)")
    args = parser.parse_args(argv)
    if args.checkpoints < 2:
        parser.error("--checkpoints must be at least 2")

    print(f"{args.articles:,} generated articles in {args.checkpoints} checkpoints")
    points = run(args.articles, args.checkpoints, args.db)
    found = growth(points)
    middle, last = points[len(points) // 2], points[-1]
    print(f"growth 0 -> {middle.articles:,} articles: {found.early:+.2f} MB per "
          f"{GROWTH_UNIT:,} articles (start-up and caches filling)")  # fmt: skip
    print(f"growth {middle.articles:,} -> {last.articles:,} articles: {found.late:+.2f} MB per "
          f"{GROWTH_UNIT:,} articles")  # fmt: skip
    print(f"late/early slope ratio: {found.ratio:.2f}")
    flat = abs(found.after_first) <= FLAT_MB
    print(f"RSS from {points[1].articles:,} to {last.articles:,} articles: "
          f"{found.after_first:+.1f} MB, {'flat' if flat else 'GROWING'} (within {FLAT_MB:.0f} MB)"
          f"; peak {max(p.rss_mb for p in points):.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
