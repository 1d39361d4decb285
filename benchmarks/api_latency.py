"""HTTP API latency at scale: p50/p95 of the article, search and timeline endpoints, and
requests/s of one uvicorn worker, on loopback.

    .venv/bin/python -m benchmarks.api_latency [--articles 100000] [--requests 200] [--db PATH]

The database is built once (synthetic articles from ``benchmarks.generate``, ingested without
NLP, then synthetic analysis records with entities and events written straight to the store) and
kept at ``--db`` for reruns. The server runs in a separate process (one worker); one client sends
requests one after another over a kept-alive connection, a bounded number per endpoint. Ratios
are against a baseline measured in the same run: ``GET /openapi.json`` (a cached static JSON
document served by the same app and stack).
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from benchmarks.generate import write_jsonl

ACTORS = [("kroniek:vladimir-putin", "Vladimir Putin", "RUSGOV"),
          ("kroniek:mark-rutte", "Mark Rutte", "NLDGOV"),
          ("kroniek:alexander-de-croo", "Alexander De Croo", "BELGOV"),
          ("kroniek:volodymyr-zelensky", "Volodymyr Zelensky", "UKRGOV"),
          ("kroniek:nato", "NATO", "NAT"), ("kroniek:european-union", "European Union", "EUR"),
          ("kroniek:hamas", "Hamas", "PSEREB"), ("kroniek:israel", "Israel", "ISR"),
          ("kroniek:china", "China", "CHN"), ("kroniek:donald-trump", "Donald Trump", "USAGOV")]  # fmt: skip
EVENT_TYPES = [("AGREE", "03", 1, 4.0), ("CONSULT", "04", 1, 1.0), ("AID", "07", 2, 7.0),
               ("DISAPPROVE", "11", 3, -2.0), ("THREATEN", "13", 3, -6.0),
               ("ASSAULT", "19", 4, -10.0), ("SANCTION", "16", 4, -4.0)]  # fmt: skip
SEARCHES = ["poetin", "sancties", "brussel AND overleg", "outlet:nos.nl rutte",
            "date:2019 macron", '"de navo"', "akkoord*", "actor:RUS type:ASSAULT"]  # fmt: skip
TIMELINES = ["poetin", "actor:RUS", "outlet:hln.be date:2018..2020", "gaza"]
WRITE_CHUNK = 2000
START_TIMEOUT_S = 60.0
SEED = 11


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def synthetic_record(
    article_id: str, text: str, published: str | None, rng: random.Random
) -> dict[str, Any]:
    """A SCHEMA.md record with two or three actors and events among them (offsets are real
    positions in the text, so the article page can highlight them)."""
    chosen = rng.sample(ACTORS, 3)
    words = [(m.start(), m.end()) for m in _words(text)]
    entities = []
    for entity_id, name, code in chosen:
        start, end = rng.choice(words)
        entities.append({"id": entity_id, "name": name, "type": "PER", "country": code[:3],
                         "role": code[3:] or None, "code": code,
                         "mentions": [{"text": text[start:end], "start": start, "end": end}]})  # fmt: skip
    events = []
    for n in range(rng.randint(1, 3)):
        plover, cameo, quad, goldstein = rng.choice(EVENT_TYPES)
        source, target = rng.sample(chosen, 2)
        start, end = rng.choice(words)
        events.append({
            "source": {"entity": source[0], "code": source[2]},
            "target": {"entity": target[0], "code": target[2]},
            "plover": plover, "cameo": cameo, "quad_class": quad, "goldstein": goldstein,
            "trigger": {"text": text[start:end], "start": start, "end": end}, "sentence": n,
            "negated": False, "modality": "asserted", "reported_by": None, "location": None,
            "date": published, "rule": f"bench:{plover.lower()}",
        })  # fmt: skip
    return {"schema": "kroniek.analysis/1", "id": article_id, "text": text, "entities": entities,
            "events": events, "quotes": [], "places": [], "times": [], "story": None}  # fmt: skip


def _words(text: str) -> Iterator[Any]:
    import re

    return re.finditer(r"\w{4,}", text[:2000])


def build(db: Path, articles: int) -> None:
    """Ingest synthetic articles without NLP, then add synthetic analysis records."""
    import sqlalchemy as sa

    from kroniek.ingest import ReadOptions, iter_articles
    from kroniek.runner import Ingester
    from kroniek.store import ANALYSED, Store, schema
    from kroniek.store.rows import analysis_rows

    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as tmp, Store.open(f"sqlite:///{db}") as store:
        started = time.perf_counter()
        corpus = write_jsonl(Path(tmp) / "corpus.jsonl", articles)
        ingester = Ingester(store, analyze=False)
        for item in iter_articles([str(corpus)], ReadOptions()):
            ingester.add(item)
        ingester.flush()
        print(f"ingested {ingester.summary.new} articles in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        a = schema.articles
        update = (
            a.update()
            .where(a.c.id == sa.bindparam("article_id"))
            .values(analysis=sa.bindparam("record"), status=ANALYSED)
        )
        with store.engine.connect() as reader:
            rows = reader.execute(sa.select(a.c.id, a.c.text, a.c.published).order_by(a.c.id)).all()
        for chunk_start in range(0, len(rows), WRITE_CHUNK):
            tables: dict[str, tuple[sa.Table, list[dict[str, Any]]]] = {}
            updates = []
            for article_id, text, published in rows[chunk_start : chunk_start + WRITE_CHUNK]:
                record = synthetic_record(article_id, text, published, rng)
                updates.append({"article_id": article_id, "record": record})
                for table, table_rows in analysis_rows(article_id, record):
                    tables.setdefault(table.name, (table, []))[1].extend(table_rows)
            with store.engine.begin() as connection:
                connection.execute(update, updates)
                for table, table_rows in tables.values():
                    if table_rows:
                        connection.execute(table.insert(), table_rows)
        print(f"analysis records written in {time.perf_counter() - started:.0f} s")


@dataclass(slots=True)
class Measured:
    name: str
    latencies: list[float]
    elapsed: float

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latencies, n=20)[-1] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed


def measure(port: int, name: str, paths: list[str]) -> Measured:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    latencies = []
    started = time.perf_counter()
    for path in paths:
        sent = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        latencies.append(time.perf_counter() - sent)
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}: {body[:200]!r}")
    elapsed = time.perf_counter() - started
    connection.close()
    return Measured(name, latencies, elapsed)


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = ("import uvicorn; from kroniek.api import create_app; "
            f"uvicorn.run(create_app('sqlite:///{db}'), host='127.0.0.1', port={port}, "
            "log_level='warning', workers=1)")  # fmt: skip
    server = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "kroniek-api-bench.db"
    )
    args = parser.parse_args()

    if not args.db.exists():
        build(args.db, args.articles)
    import sqlite3

    with sqlite3.connect(args.db) as connection:
        count = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
        ids = [
            row[0]
            for row in connection.execute("SELECT id FROM articles ORDER BY random() LIMIT 1000")
        ]
    print(f"database {args.db}: {count} articles, {events} events")

    rng = random.Random(SEED)
    n = args.requests
    port = _free_port()
    server = start_server(args.db, port)
    try:
        warm = ["/openapi.json", "/api/articles/" + ids[0], "/api/articles?q=poetin",
                "/api/timeline?q=poetin"]  # fmt: skip
        measure(port, "warm-up", warm)
        runs = [
            measure(port, "baseline GET /openapi.json", ["/openapi.json"] * n),
            measure(port, "GET /api/stats", ["/api/stats"] * max(n // 10, 5)),
            measure(port, "GET /api/articles/{id}", ["/api/articles/" + rng.choice(ids) for _ in range(n)]),
            measure(port, "GET /api/articles?q= (search)",
                    ["/api/articles?" + urlencode({"q": rng.choice(SEARCHES)}) for _ in range(n)]),
            measure(port, "GET /api/timeline?q= (month)",
                    ["/api/timeline?" + urlencode({"q": rng.choice(TIMELINES)}) for _ in range(max(n // 4, 5))]),
            measure(port, "GET /api/timeline (all, month)", ["/api/timeline"] * max(n // 10, 5)),
        ]  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    base = runs[0]
    print(f"\n{'endpoint':34} {'requests':>8} {'p50 ms':>9} {'p95 ms':>9} {'req/s':>8} "
          f"{'p95 ratio':>10} {'req/s ratio':>12}")  # fmt: skip
    for run in runs:
        print(f"{run.name:34} {len(run.latencies):8d} {run.p50:9.1f} {run.p95:9.1f} {run.rate:8.1f} "
              f"{run.p95 / base.p95:10.1f} {run.rate / base.rate:12.3f}")  # fmt: skip
    print(json.dumps({r.name: {"p50_ms": round(r.p50, 2), "p95_ms": round(r.p95, 2),
                               "rps": round(r.rate, 1)} for r in runs}))  # fmt: skip


if __name__ == "__main__":
    main()
