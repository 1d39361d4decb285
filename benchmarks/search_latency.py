"""Search latency at scale: p50/p95 of a fixed query mix over generated articles.

    .venv/bin/python -m benchmarks.search_latency [--articles 100000] [--repeat 5]
        [--db PATH] [--pg postgresql://user@host/db]

Ingests the generated corpus without analysis (``--db`` keeps the SQLite file, and a file that
already holds articles is reused), then times ``kroniek.search.search`` (count, ranked page of
20, snippets) over 20 queries of terms, phrases, prefixes, fields, dates and boolean operators.
The same run times a baseline per query: a bare full-text match of the query's text terms
(the index lookup alone: no ranking, count, joins or snippets), and one LIKE scan for scale.
Timed searches count exactly up to ``kroniek.search.COUNT_LIMIT`` (10,000) matches, as
``search`` does by default; the "hits" column is the exact count. Target: p95 < 50 ms at
100,000 articles on SQLite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from benchmarks.generate import write_jsonl

TARGET_P95_MS = 50.0
PAGE = 20
QUERIES = [
    "poetin",
    "arresteert",
    '"dreigt met sancties"',
    "sanctie*",
    "title:netanyahu",
    "text:damascus",
    "rutte AND macron",
    "rutte OR scholz",
    "zelensky -biden",
    "outlet:nos.nl poetin",
    "date:2020-05 hamas",
    "date:2016..2017 akkoord",
    "(israël OR hamas) AND gaza",
    '"de europese commissie" brussel',
    "agency:reuters title:erdogan",
    "kopie persbericht",
    "gewonden AND NOT parlement",
    "outlet:hln.be date:2019",
    "excuses* parket",
    "title:(trump OR biden) washington",
]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(
    run: Callable[[], object], repeat: int, cpu: list[float] | None = None
) -> list[float]:
    """Wall-clock ms of ``repeat`` runs (after one warm-up); this process's CPU ms go to
    ``cpu``: on a shared machine, wall time includes waiting for a core."""
    run()  # warm the caches once
    samples = []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        run()
        samples.append((time.perf_counter() - started) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - cpu_started) * 1000)
    return samples


def ingest(store: object, articles: int, workdir: Path) -> float:
    from kroniek.ingest import ReadOptions, iter_articles
    from kroniek.runner import Ingester

    corpus = write_jsonl(workdir / "corpus.jsonl", articles)
    started = time.perf_counter()
    ingester = Ingester(store, analyze=False)  # type: ignore[arg-type]
    for item in iter_articles([str(corpus)], ReadOptions()):
        ingester.add(item)
    ingester.flush()
    return time.perf_counter() - started


def bare_match(store: object, query: str) -> Callable[[], object] | None:
    """The baseline: the query's positive text terms ANDed, matched with no ranking or joins."""
    from kroniek.search import parse
    from kroniek.search.compiler import positive_terms, text_term
    from kroniek.store import search_index

    parts = [q for term in positive_terms(parse(query)) if (q := text_term(term)) is not None]
    if not parts:
        return None
    backend = store.backend  # type: ignore[attr-defined]
    rendered = search_index.render(backend, search_index.AllOf(tuple(parts)))
    if backend == "postgresql":
        sql = sa.text("SELECT article_id FROM search_docs WHERE document @@ CAST(:q AS tsquery) "
                      "LIMIT :n")  # fmt: skip
    else:
        sql = sa.text("SELECT rowid FROM search_fts WHERE search_fts MATCH :q LIMIT :n")

    def run() -> object:
        with store.engine.connect() as connection:  # type: ignore[attr-defined]
            return connection.execute(sql, {"q": rendered, "n": PAGE}).all()

    return run


def like_scan_ms(store: object) -> float:
    sql = sa.text("SELECT count(*) FROM articles WHERE lower(text) LIKE '%poetin%'")
    with store.engine.connect() as connection:  # type: ignore[attr-defined]
        started = time.perf_counter()
        connection.execute(sql).scalar()
        return (time.perf_counter() - started) * 1000


def measure(url: str, articles: int, repeat: int, workdir: Path) -> None:
    from kroniek.search import search
    from kroniek.store import Store

    with Store.open(url) as store:
        if store.count() == 0:
            print(f"ingesting {articles} generated articles (no analysis) ...", flush=True)
            print(f"ingest + index: {ingest(store, articles, workdir):.0f} s")
        stored = store.count()
        print(f"\n{store.backend}: {stored} articles; load average {os.getloadavg()[0]:.2f}")
        print(f"{'query':<36} {'hits':>7} {'p50 ms':>8} {'p95 ms':>8} {'bare ms':>8} {'ratio':>6}")
        ours: list[float] = []
        base: list[float] = []
        cpu: list[float] = []
        for query in QUERIES:
            samples = timed(lambda q=query: search(store, q, limit=PAGE), repeat, cpu)  # type: ignore[misc]
            total = search(store, query, limit=1, count_limit=None).total  # exact, untimed
            bare = bare_match(store, query)
            bare_samples = timed(bare, repeat) if bare else []
            ours += samples
            base += bare_samples
            bare_p50 = statistics.median(bare_samples) if bare_samples else None
            ratio = f"{statistics.median(samples) / bare_p50:6.1f}" if bare_p50 else "   n/a"
            bare_text = f"{bare_p50:8.2f}" if bare_p50 is not None else "     n/a"
            print(f"{query:<36} {total:>7} {statistics.median(samples):8.2f} "
                  f"{percentile(samples, 0.95):8.2f} {bare_text} {ratio}")  # fmt: skip
        p50, p95 = statistics.median(ours), percentile(ours, 0.95)
        base_p50, base_p95 = statistics.median(base), percentile(base, 0.95)
        print(f"\nall queries x {repeat} runs: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
              f"(target p95 < {TARGET_P95_MS:.0f} ms: {'met' if p95 < TARGET_P95_MS else 'MISSED'})")  # fmt: skip
        where = "this process: all of SQLite's work" if store.backend == "sqlite" else (
            "client side only; the server's work is not counted")
        print(f"CPU time per search ({where}): p50 {statistics.median(cpu):.1f} ms, "
              f"p95 {percentile(cpu, 0.95):.1f} ms")
        print(f"baseline bare match: p50 {base_p50:.2f} ms, p95 {base_p95:.2f} ms; "
              f"ratio search/baseline: p50 {p50 / base_p50:.1f}x, p95 {p95 / base_p95:.1f}x")
        print(f"LIKE scan for one word over all texts: {like_scan_ms(store):.0f} ms")
        print(f"load average after: {os.getloadavg()[0]:.2f} (2 cores, shared machine)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, help="SQLite file to keep (reused if it has articles)")
    parser.add_argument("--pg", help="also measure on this (empty or reused) PostgreSQL database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "search.db"
        measure(f"sqlite:///{db}", args.articles, args.repeat, Path(tmp))
        if args.pg:
            measure(args.pg, args.articles, args.repeat, Path(tmp))


if __name__ == "__main__":
    main()
