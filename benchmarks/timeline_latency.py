"""Timeline aggregation latency over 100,000 articles with events, on SQLite.

    .venv/bin/python -m benchmarks.timeline_latency [--articles 100000] [--runs 30] [--db PATH]

Builds (once; reused when ``--db`` already holds it) a store of generated articles
(``benchmarks.generate``) with synthetic analysis records carrying 0-6 coded events each, written
through ``Store.write_batch`` (running the NLP on 100k articles would take hours and is not what
is measured). Then times ``analytics.event_timeline`` (monthly, by PLOVER type) and reports p50
and p95 against the 200 ms target, with two baselines measured in the same run: a bare
``SELECT count(*) FROM events`` and loading every event's date and type into pandas to group
there.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.generate import generate_rows

TARGET_MS = 200.0
BATCH = 2000
SEED = 11
MAX_EVENTS = 6
DAY_PRECISE_SHARE = 0.3  # events dated to the day; the rest fall back to the article's month
# (plover, cameo root, quad class, goldstein): a spread over the four quad classes
EVENT_TYPES = [
    ("CONSULT", "04", 1, 1.0), ("AGREE", "03", 1, 4.0), ("SUPPORT", "05", 1, 3.5),
    ("AID", "07", 2, 7.0), ("COOPERATE", "06", 2, 6.0), ("DISAPPROVE", "11", 3, -2.0),
    ("DEMAND", "10", 3, -5.0), ("THREATEN", "13", 3, -6.0), ("PROTEST", "14", 4, -6.5),
    ("ASSAULT", "18", 4, -9.0), ("FIGHT", "19", 4, -10.0), ("CRIME", "--", 4, -10.0),
]  # fmt: skip
ACTOR_CODES = ["RUSGOV", "UKRGOV", "USAGOV", "BELGOV", "NLDGOV", "EUR", "NAT", "ISRMIL",
               "PSEREB", "CHNGOV", "BELCOP", "NLDJUD", "BELLAB", "FRAGOV", "DEUGOV"]  # fmt: skip


def _event(rng: random.Random, published: str) -> dict[str, Any]:
    plover, cameo, quad, goldstein = rng.choice(EVENT_TYPES)
    source, target = rng.sample(ACTOR_CODES, 2)
    day = f"{published}-{rng.randint(1, 28):02d}" if rng.random() < DAY_PRECISE_SHARE else None
    return {
        "source": {"entity": f"kroniek:{source.lower()}", "code": source},
        "target": {"entity": f"kroniek:{target.lower()}", "code": target} if rng.random() < 0.8 else None,
        "plover": plover, "cameo": cameo, "quad_class": quad, "goldstein": goldstein,
        "trigger": {"text": "valt aan", "start": 0, "end": 8}, "sentence": 0, "negated": False,
        "modality": "asserted", "reported_by": None, "location": None, "date": day,
        "rule": "benchmark",
    }  # fmt: skip


def synthetic_articles(count: int) -> Iterator[Any]:
    """``NewArticle``s with analysis records, one per distinct generated text."""
    from kroniek.models import Article
    from kroniek.store import ANALYSED, NewArticle

    rng = random.Random(SEED)
    seen: set[str] = set()
    for row in generate_rows(count, seed=SEED):
        text = row["text"]
        article_id = hashlib.sha1(text.encode()).hexdigest()[:20]
        if article_id in seen:
            continue
        seen.add(article_id)
        published = text[6:13]  # " date YYYY-MM ..."
        article = Article(id=article_id, text=text, source_file="benchmark.jsonl",
                          line=len(seen), url=row["url"], title=text[14:60],
                          published=published, language="nl")  # fmt: skip
        record = {
            "schema": "kroniek.analysis/1", "id": article_id, "published": published,
            "text": text, "entities": [], "quotes": [], "places": [],
            "events": [_event(rng, published) for _ in range(rng.randint(0, MAX_EVENTS))],
        }  # fmt: skip
        yield NewArticle(article=article, status=ANALYSED, record=record)


def build(store: Any, count: int) -> None:
    from kroniek.store import Batch

    batch = Batch()
    started = time.perf_counter()
    for new in synthetic_articles(count):
        batch.articles.append(new)
        if len(batch.articles) >= BATCH:
            store.write_batch(batch)
            batch = Batch()
    store.write_batch(batch)
    print(f"built {store.count()} articles in {time.perf_counter() - started:.0f} s")


CPU_TIMES: dict[int, list[float]] = {}  # id(wall times list) -> CPU times of the same runs


def timed(function: Callable[[], Any], runs: int) -> list[float]:
    """Wall-clock milliseconds per run; the CPU milliseconds are kept in ``CPU_TIMES``."""
    function()  # warm the page cache and the statement cache
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    CPU_TIMES[id(times)] = cpu
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(name: str, times: list[float]) -> float:
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    cpu = statistics.median(CPU_TIMES.get(id(times), [0.0]))
    print(f"{name:<40} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms   (CPU p50 {cpu:7.1f} ms)")
    return p50


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", type=Path, default=None, help="reuse or create this SQLite file")
    args = parser.parse_args()

    import pandas as pd
    import sqlalchemy as sa

    from kroniek import analytics
    from kroniek.store import Store, schema

    path = args.db or Path(tempfile.mkdtemp(prefix="kroniek-timeline-")) / "bench.db"
    with Store.open(f"sqlite:///{path}") as store:
        if store.count() < args.articles * 0.9:
            build(store, args.articles)
        with store.engine.connect() as connection:
            events = connection.execute(sa.select(sa.func.count()).select_from(schema.events))
            print(f"{store.count()} articles, {events.scalar()} events in {path}")

        def count_all() -> None:
            with store.engine.connect() as connection:
                connection.execute(sa.select(sa.func.count()).select_from(schema.events)).scalar()

        def pandas_groupby() -> None:
            e, a = schema.events, schema.articles
            query = sa.select(analytics.event_date().label("date"), e.c.plover).join(
                a, a.c.id == e.c.article_id
            )
            with store.engine.connect() as connection:
                frame = pd.DataFrame(connection.execute(query).all(), columns=["date", "plover"])
            frame["period"] = frame["date"].str[:7]
            frame.groupby(["period", "plover"]).size()

        monthly = timed(lambda: analytics.event_timeline(store, "month", "plover"), args.runs)
        p50 = report("event_timeline(month, by plover)", monthly)
        report("event_timeline(month, by quad_class)",
               timed(lambda: analytics.event_timeline(store, "month", "quad_class"), args.runs))  # fmt: skip
        report("event_timeline(week, by plover)",
               timed(lambda: analytics.event_timeline(store, "week", "plover"), args.runs))  # fmt: skip
        raw = analytics.Scope(where=sa.true())  # a scoped query cannot use the rollup
        report("event_timeline(month) over event rows",
               timed(lambda: analytics.event_timeline(store, "month", "plover", raw), 5))  # fmt: skip
        base = report("baseline: SELECT count(*) FROM events", timed(count_all, args.runs))
        grouped = report("baseline: all events into pandas groupby", timed(pandas_groupby, 5))
        p95 = percentile(monthly, 0.95)
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"monthly p95 / target {TARGET_MS:.0f} ms: {p95 / TARGET_MS:.2f} "
              f"({'met' if p95 < TARGET_MS else 'MISSED'})")  # fmt: skip
        print(f"monthly p50 / count(*) p50: {p50 / base:.1f}x;  "
              f"pandas groupby p50 / monthly p50: {grouped / p50:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
