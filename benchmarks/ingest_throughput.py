"""Ingest throughput without NLP: read + parse + dedup + store into SQLite.

    .venv/bin/python -m benchmarks.ingest_throughput [--articles 100000]

Prints articles/s, the ratio to the target (1,000 articles/s per core), the ratio to a baseline
measured in the same run (reading the same JSONL and inserting bare rows with sqlite3), and RSS at
several points of the run, to show memory does not grow with the corpus.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.generate import write_jsonl

TARGET_PER_CORE = 1000.0


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def baseline(path: Path, db: Path) -> float:
    """articles/s of the least an ingest must do: read rows, insert them."""
    started = time.perf_counter()
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE t (url TEXT, text TEXT)")
    batch = []
    with path.open(encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            batch.append((row["url"], row["text"]))
            if len(batch) == 200:
                connection.executemany("INSERT INTO t VALUES (?, ?)", batch)
                connection.commit()
                batch.clear()
    connection.executemany("INSERT INTO t VALUES (?, ?)", batch)
    connection.commit()
    count = connection.execute("SELECT count(*) FROM t").fetchone()[0]
    connection.close()
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()

    from kroniek.ingest import ReadOptions, iter_articles, language
    from kroniek.runner import Ingester
    from kroniek.store import Store

    language.detect("Le gouvernement a annoncé mardi un nouveau plan.")  # load the model once:
    # the first article the Dutch fast path does not settle loads the identifier (about 75 MB);
    # loading it up front keeps that one-time step out of the memory-growth figures
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(Path(tmp) / "corpus.jsonl", args.articles)
        base_rate = baseline(corpus, Path(tmp) / "baseline.db")
        rss_points: list[tuple[int, float]] = []
        checkpoints = {args.articles // 10, args.articles // 2, args.articles}
        store = Store.open(f"sqlite:///{tmp}/kroniek.db")
        started = time.perf_counter()
        cpu_started = time.process_time()
        ingester = Ingester(store, analyze=False)
        for n, item in enumerate(iter_articles([str(corpus)], ReadOptions()), start=1):
            ingester.add(item)
            if n in checkpoints:
                rss_points.append((n, rss_mb()))
        ingester.flush()
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        summary = ingester.summary
        store.close()

    rate = summary.read / elapsed
    print(
        f"articles: {summary.read}  new: {summary.new}  duplicates: {summary.duplicates}  "
        f"near-duplicate links: {summary.near_duplicates}  errors: {summary.errors}"
    )
    print(
        f"ingest: {elapsed:.1f} s wall, {cpu:.1f} s CPU, {rate:.0f} articles/s "
        f"({summary.read / cpu:.0f} articles per CPU-second)"
    )
    print(f"ratio to target ({TARGET_PER_CORE:.0f}/s per core): {rate / TARGET_PER_CORE:.2f}")
    print(
        f"baseline (read JSONL + bare sqlite insert): {base_rate:.0f} articles/s; "
        f"kroniek/baseline ratio: {rate / base_rate:.3f}"
    )
    print(
        "RSS: "
        + ", ".join(f"{n} articles {mb:.0f} MB" for n, mb in rss_points)
        + f"; peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    first, last = rss_points[0][1], rss_points[-1][1]
    print(
        f"RSS growth from {rss_points[0][0]} to {rss_points[-1][0]} articles: {last / first:.2f}x"
    )


if __name__ == "__main__":
    main()
