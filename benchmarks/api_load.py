"""A bounded load test of the HTTP API: 50 concurrent clients over 100,000 articles on SQLite.

    .venv/bin/python -m benchmarks.api_load [--articles 100000] [--requests 6000] [--clients 50]
        [--max-seconds 600] [--db PATH] [--seed 5]

The database is built once with ``benchmarks.api_latency.build`` (generated articles ingested
without NLP, then synthetic analysis records with actors and events) and reused: by default it is
the same file ``api_latency`` keeps (``$TMPDIR/kroniek-api-bench.db`` at 100,000 articles, a file
per size otherwise). ``kroniek serve`` runs it on a free loopback port in a subprocess.

First a baseline, one client at a time: ``GET /openapi.json`` (a cached static document served
by the same stack) and ``GET /api/articles/{id}``. Then ``--clients`` threads, each with its own
kept-alive connection, send a fixed list of ``--requests`` requests (drawn with ``--seed``) as
fast as answers come back, stopping early only at ``--max-seconds``. The mix: search (API and
the search page, which adds facets; words, phrases, prefixes, boolean operators, actor:, type:,
outlet:, title:, date: and date ranges, outlet/since/until parameters, second pages), articles
by id (API and page) and timelines (API and page; monthly and weekly; without a query, with
words, with fields). The queries are drawn from word and field lists, so most of them are seen
a few times only.

Reported per endpoint and overall: requests/s, p50/p95/p99/max latency, errors (any answer but
200, and timeouts), the ratios of p50/p95 against the single-client baseline, the server's peak
RSS (all its processes) and its CPU seconds per request. The target: no errors, p95 < 100 ms for
each endpoint at 50 clients. On a closed loop, latency is the number of clients over the
throughput (Little's law), so p95 < 100 ms at 50 clients needs about 500+ requests/s.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from benchmarks.api_latency import ACTORS, EVENT_TYPES, build
from benchmarks.generate import OUTLETS, PLACES

TARGET_P95_MS = 100.0
START_TIMEOUT_S = 120.0
REQUEST_TIMEOUT_S = 60.0
BASELINE_REQUESTS = 200
WARM_REQUESTS, WARM_CLIENTS = 1000, 16  # from another seed: queries seen and unseen
RSS_SAMPLE_S = 0.25
FULL_SIZE = 100_000
# endpoint groups (the target applies to each) and the share of requests of each kind
MIX: list[tuple[str, str, float]] = [
    ("search", "GET /api/articles?q=", 0.30),
    ("search", "GET /search?q= (page)", 0.10),
    ("article", "GET /api/articles/{id}", 0.20),
    ("article", "GET /articles/{id} (page)", 0.10),
    ("timeline", "GET /api/timeline", 0.20),
    ("timeline", "GET /timeline (page)", 0.10),
]
WORDS = ["poetin", "rutte", "macron", "scholz", "zelensky", "biden", "trump", "erdogan",
         "netanyahu", "hamas", "china", "israël", "navo", "vakbonden", "parket", "politie",
         "burgemeester", "minister", "defensie", "premier", "president", "woordvoerder",
         "sancties", "akkoord", "overleg", "steun", "excuses", "gewonden", "parlement",
         "oppositie", "persbureau", "spanning", "gevolgen", "waarnemers", "reacties",
         "beschuldigt", "ontmoet", "bekritiseert", "waarschuwt", "arresteert", "bezoekt",
         "veroordeelt", "dreigt", "belooft", "eist", "maandag", "gisteren", "dinsdagavond"]  # fmt: skip
PHRASES = ['"de europese commissie"', '"dreigt met sancties"', '"de russische president"',
           '"roept op tot overleg"', '"de belgische premier"', '"sluit een akkoord"',
           '"de politie van antwerpen"', '"eist excuses"', '"de minister van defensie"',
           '"belooft steun"']  # fmt: skip
PREFIXES = ["sanctie*", "akkoord*", "overle*", "bekritis*", "waarschuw*", "gewond*", "presid*"]
AGENCIES = ["belga", "anp", "reuters", "afp"]
YEARS = list(range(2015, 2026))


# --- the request mix ----------------------------------------------------------------------------


def _date(rng: random.Random) -> str:
    year = rng.choice(YEARS)
    roll = rng.random()
    if roll < 0.4:
        return f"date:{year}"
    if roll < 0.7:
        return f"date:{year}-{rng.randint(1, 12):02d}"
    if roll < 0.9:
        return f"date:{year}..{min(year + rng.randint(1, 3), YEARS[-1])}"
    return f"date:{year}-{rng.randint(1, 12):02d}-01..{year}-12-31"


def _field(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        _entity_id, name, code = rng.choice(ACTORS)
        how = rng.random()
        value = code[:3] if how < 0.5 else code if how < 0.8 else f'"{name}"'
        return f"actor:{value}"
    if roll < 0.5:
        return f"type:{rng.choice(EVENT_TYPES)[0]}"
    if roll < 0.7:
        return f"outlet:{rng.choice(OUTLETS)}"
    if roll < 0.8:
        return f"title:{rng.choice(WORDS)}"
    if roll < 0.85:
        return f"agency:{rng.choice(AGENCIES)}"
    if roll < 0.9:
        return f"place:{rng.choice(PLACES)}"
    return _date(rng)


def search_query(rng: random.Random) -> str:
    """A query as users write them: mostly a word or two, often with a field or a date."""
    roll = rng.random()
    if roll < 0.25:
        return rng.choice(WORDS)
    if roll < 0.40:
        return f"{rng.choice(WORDS)} {rng.choice(WORDS)}"
    if roll < 0.48:
        return rng.choice(PHRASES)
    if roll < 0.53:
        return rng.choice(PREFIXES)
    if roll < 0.58:
        return f"{rng.choice(WORDS)} OR {rng.choice(WORDS)}"
    if roll < 0.62:
        return f"{rng.choice(WORDS)} -{rng.choice(WORDS)}"
    if roll < 0.82:
        return f"{rng.choice(WORDS)} {_field(rng)}"
    if roll < 0.92:
        return _field(rng)
    return f"{_field(rng)} {_field(rng)}"


def timeline_query(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.25:
        return None  # the whole store
    if roll < 0.55:
        return rng.choice(WORDS)
    if roll < 0.65:
        return rng.choice(PHRASES)
    if roll < 0.85:
        return _field(rng)
    return f"{rng.choice(WORDS)} {_field(rng)}"


def _with_params(path: str, params: dict[str, str | None]) -> str:
    kept = {key: value for key, value in params.items() if value is not None}
    return path + ("?" + urlencode(kept) if kept else "")


def request_for(kind: str, rng: random.Random, ids: list[str]) -> str:
    if kind.startswith("GET /api/articles?"):
        roll = rng.random()
        params: dict[str, str | None] = {"q": search_query(rng)}
        if roll < 0.1:
            params["offset"] = str(20 * rng.randint(1, 3))
        elif roll < 0.2:
            params["outlet"] = rng.choice(OUTLETS)
        elif roll < 0.3:
            year = rng.choice(YEARS)
            params["since"], params["until"] = f"{year}-01", f"{year + 1}-06"
        return _with_params("/api/articles", params)
    if kind.startswith("GET /search"):
        return _with_params("/search", {"q": search_query(rng)})
    if kind.startswith("GET /api/articles/"):
        return "/api/articles/" + quote(rng.choice(ids), safe="")
    if kind.startswith("GET /articles/"):
        return "/articles/" + quote(rng.choice(ids), safe="")
    period = "week" if rng.random() < 0.2 else None
    path = "/api/timeline" if kind.startswith("GET /api/timeline") else "/timeline"
    return _with_params(path, {"q": timeline_query(rng), "period": period})


def request_plan(count: int, ids: list[str], seed: int) -> list[tuple[str, str]]:
    """``count`` (kind, path) pairs in random order, the kinds in the shares of ``MIX``."""
    rng = random.Random(seed)
    kinds = [kind for _group, kind, _share in MIX]
    weights = [share for _group, _kind, share in MIX]
    return [(kind, request_for(kind, rng, ids)) for kind in rng.choices(kinds, weights, k=count)]


# --- the server ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    """``kroniek serve`` on loopback (its messages to ``log``), once it accepts connections."""
    command = Path(sys.executable).with_name("kroniek")
    argv = [str(command)] if command.exists() else [sys.executable, "-c",
                                                    "from kroniek.cli import main; main()"]  # fmt: skip
    env = {**os.environ, "KRONIEK_TOKEN": ""}
    server = subprocess.Popen(
        [*argv, "serve", "--db", f"sqlite:///{db}", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers)],
        env=env, stderr=log.open("wb"),
    )  # fmt: skip
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)


def _process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                pending += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


class ServerWatch:
    """Samples the summed RSS of the server's processes in the background."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(RSS_SAMPLE_S):
            self.sample()

    def sample(self) -> None:
        processes = _process_tree(self.pid)
        now = sum(_status_kb(p, "VmRSS") for p in processes)
        high = max((_status_kb(p, "VmHWM") for p in processes), default=0)
        self.peak_kb = max(self.peak_kb, now, high)

    def cpu(self) -> float:
        return sum(_cpu_seconds(p) for p in _process_tree(self.pid))

    def __enter__(self) -> ServerWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


# --- clients ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Sample:
    kind: str
    path: str
    seconds: float
    status: int  # 0: no answer (timeout, reset)


@dataclass(slots=True)
class LoadRun:
    samples: list[Sample] = field(default_factory=list)
    elapsed: float = 0.0
    stopped_early: bool = False


def _get(connection: http.client.HTTPConnection, path: str) -> int:
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response.status


def drive(
    port: int,
    plan: list[tuple[str, str]],
    clients: int,
    max_seconds: float,
    rate: float | None = None,
) -> LoadRun:
    """Send ``plan`` over ``clients`` concurrent connections; stop at ``max_seconds``.

    Without ``rate``, each client sends its next request as soon as the last one is answered (a
    closed loop). With ``rate``, request i is due at i / ``rate`` seconds (an open loop, as
    independent users would send them); latency counts from when it was due, so waiting for a
    free client is counted too.
    """
    run = LoadRun()
    lock = threading.Lock()
    position = iter(range(len(plan)))
    started_at = time.perf_counter()
    deadline = time.monotonic() + max_seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
        mine: list[Sample] = []
        while True:
            with lock:
                index = next(position, None)
            if index is None:
                break
            if time.monotonic() > deadline:
                run.stopped_early = True
                break
            kind, path = plan[index]
            sent = time.perf_counter()
            if rate is not None:
                due = started_at + index / rate
                time.sleep(max(0.0, due - sent))
                sent = due
            try:
                status = _get(connection, path)
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection(
                    "127.0.0.1", port, timeout=REQUEST_TIMEOUT_S
                )
            mine.append(Sample(kind, path, time.perf_counter() - sent, status))
        connection.close()
        with lock:
            run.samples.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.elapsed = time.perf_counter() - started_at
    return run


def one_client(port: int, paths: list[str]) -> list[float]:
    """Latencies (s) of ``paths`` sent one after another over one connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
    latencies = []
    for path in paths:
        sent = time.perf_counter()
        status = _get(connection, path)
        latencies.append(time.perf_counter() - sent)
        if status != 200:
            raise SystemExit(f"baseline {path}: HTTP {status}")
    connection.close()
    return latencies


# --- figures ------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass(slots=True)
class Figures:
    name: str
    requests: int
    errors: int
    rate: float
    p50: float
    p95: float
    p99: float
    worst: float

    @classmethod
    def of(cls, name: str, samples: list[Sample], elapsed: float) -> Figures:
        ms = [s.seconds * 1000 for s in samples] or [0.0]
        return cls(name, len(samples), sum(1 for s in samples if s.status != 200),
                   len(samples) / elapsed if elapsed else 0.0, statistics.median(ms),
                   percentile(ms, 0.95), percentile(ms, 0.99), max(ms))  # fmt: skip


def report(
    run: LoadRun, baseline: list[float], article_baseline: list[float], load: str
) -> list[Figures]:
    base_p50, base_p95 = statistics.median(baseline) * 1000, percentile(baseline, 0.95) * 1000
    groups = [group for group, _kind, _share in MIX]
    rows = [Figures.of(kind, [s for s in run.samples if s.kind == kind], run.elapsed)
            for _group, kind, _share in MIX]  # fmt: skip
    rows += [Figures.of(group, [s for s in run.samples if _group_of(s.kind) == group], run.elapsed)
             for group in dict.fromkeys(groups)]  # fmt: skip
    rows.append(Figures.of("all", run.samples, run.elapsed))
    art_p50, art_p95 = (
        statistics.median(article_baseline) * 1000,
        percentile(article_baseline, 0.95) * 1000,
    )
    print(f"\nbaseline, one client: GET /openapi.json p50 {base_p50:.2f} ms, p95 {base_p95:.2f} ms; "
          f"GET /api/articles/{{id}} p50 {art_p50:.2f} ms, p95 {art_p95:.2f} ms")  # fmt: skip
    print(
        f"\n{load}: {len(run.samples)} requests in {run.elapsed:.1f} s"
        + (" (stopped at --max-seconds)" if run.stopped_early else "")
    )
    print(f"{'endpoint':30} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8} {'max ms':>8} {'p50/base':>9} {'p95/base':>9}")  # fmt: skip
    for row in rows:
        if row.name in (groups[0], "all"):
            print("-" * 108)
        print(f"{row.name:30} {row.requests:8d} {row.errors:6d} {row.rate:7.1f} {row.p50:8.1f} "
              f"{row.p95:8.1f} {row.p99:8.1f} {row.worst:8.0f} {row.p50 / base_p50:9.1f} "
              f"{row.p95 / base_p95:9.1f}")  # fmt: skip
    return rows


def _group_of(kind: str) -> str:
    return next(group for group, k, _share in MIX if k == kind)


def slowest(run: LoadRun, count: int = 8) -> None:
    print("\nslowest requests:")
    for sample in sorted(run.samples, key=lambda s: -s.seconds)[:count]:
        print(f"  {sample.seconds * 1000:8.0f} ms  {sample.status}  {sample.path}")
    failed = [sample for sample in run.samples if sample.status != 200]
    if failed:
        print(f"errors ({len(failed)}; status 0: no answer):")
        for sample in failed[:count]:
            print(f"  {sample.status}  {sample.seconds * 1000:8.0f} ms  {sample.path}")


def default_db(articles: int) -> Path:
    name = "kroniek-api-bench.db" if articles == FULL_SIZE else f"kroniek-api-bench-{articles}.db"
    return Path(tempfile.gettempdir()) / name


def refresh_index(db: Path) -> None:
    """Rebuild the full-text index when it predates the facet tokens (from such an index,
    outlet:, agency: and date: find nothing): a database built by older code is made current."""
    import sqlite3

    from kroniek.store import Store, search_index

    with sqlite3.connect(db) as connection:
        probe = connection.execute(
            f"SELECT count(*) FROM {search_index.FTS_TABLE} WHERE {search_index.FTS_TABLE} "
            "MATCH 'date_20 OR date_19'"
        ).fetchone()[0]
        dated = connection.execute(
            "SELECT count(*) FROM articles WHERE published >= '1900'"
        ).fetchone()[0]
    if probe or not dated:
        return
    print("the full-text index predates facet tokens: rebuilding it ...", flush=True)
    started = time.perf_counter()
    with Store.open(f"sqlite:///{db}") as store, store.engine.begin() as connection:
        connection.exec_driver_sql(f"DROP TABLE {search_index.FTS_TABLE}")  # maybe older columns
        connection.exec_driver_sql("DROP TABLE search_docs")
        search_index.create(connection)
        search_index.index_existing(connection)
    print(f"reindexed in {time.perf_counter() - started:.0f} s")


def sample_ids(db: Path, count: int, seed: int) -> tuple[int, int, list[str]]:
    import sqlite3

    with sqlite3.connect(db) as connection:
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
        ids = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY id")]
    return articles, events, random.Random(seed).sample(ids, min(count, len(ids)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=FULL_SIZE)
    parser.add_argument("--requests", type=int, default=6000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--max-seconds", type=float, default=600.0)
    parser.add_argument("--db", type=Path, help="SQLite file to build or reuse")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="server processes (kroniek serve --workers)",
    )
    parser.add_argument("--rate", type=float, help="open loop: requests/s offered (default: "
                        "closed loop, each client sends as soon as answered)")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    db = args.db or default_db(args.articles)
    if not db.exists():
        print(f"building {db} ({args.articles} generated articles) ...", flush=True)
        build(db, args.articles)
    refresh_index(db)
    articles, events, ids = sample_ids(db, 2000, args.seed)
    print(f"database {db}: {articles} articles, {events} events; load average "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")  # fmt: skip
    plan = request_plan(args.requests, ids, args.seed)
    port = _free_port()
    log = Path(tempfile.mkdtemp(prefix="kroniek-load-")) / "server.log"
    server = start_server(db, port, args.workers, log)
    try:
        with ServerWatch(server.pid) as watch:
            # first-use costs (imports, loading columns) out of the figures, in every worker
            warm = request_plan(WARM_REQUESTS, ids, args.seed + 1)
            drive(port, warm, min(args.clients, WARM_CLIENTS), args.max_seconds)
            baseline = one_client(port, ["/openapi.json"] * BASELINE_REQUESTS)
            article_baseline = one_client(
                port, ["/api/articles/" + quote(i, safe="") for i in ids[:BASELINE_REQUESTS]]
            )
            cpu_before, client_cpu = watch.cpu(), time.process_time()
            run = drive(port, plan, args.clients, args.max_seconds, args.rate)
            server_cpu, client_cpu = watch.cpu() - cpu_before, time.process_time() - client_cpu
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    load = f"open loop, {args.rate:g} requests/s offered" if args.rate else "closed loop"
    rows = report(run, baseline, article_baseline, f"{args.clients} clients ({load})")
    slowest(run)
    served = max(len(run.samples), 1)
    cpu_ms = server_cpu / served * 1000
    print(f"\nserver: peak RSS {watch.peak_kb / 1024:.0f} MB; CPU {server_cpu:.1f} s, "
          f"{cpu_ms:.1f} ms per request; load generator CPU {client_cpu:.1f} s; load average "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")  # fmt: skip
    if not args.rate:  # Little's law: in a closed loop, latency = clients / throughput
        print(f"closed loop: mean latency {statistics.mean(s.seconds for s in run.samples) * 1000:.0f}"
              f" ms = {args.clients} clients / {len(run.samples) / run.elapsed:.0f} requests/s; "
              f"{os.cpu_count()} cores at {cpu_ms:.1f} ms of server CPU per request serve at "
              f"most {(os.cpu_count() or 1) * 1000 / max(cpu_ms, 1e-9):.0f} requests/s")  # fmt: skip
    restarts = log.read_text(errors="replace").count("died")
    print(f"server messages: {log} (worker restarts: {restarts})")
    groups = [r for r in rows if r.name in {g for g, _k, _s in MIX}]
    met = all(r.errors == 0 and r.p95 < TARGET_P95_MS for r in groups) and not run.stopped_early
    print(f"target (no errors, p95 < {TARGET_P95_MS:.0f} ms for search, article, timeline): "
          f"{'met' if met else 'MISSED'}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps({
            "articles": articles, "clients": args.clients, "elapsed_s": round(run.elapsed, 2),
            "rate": args.rate, "peak_rss_mb": round(watch.peak_kb / 1024, 1),
            "server_cpu_s": round(server_cpu, 2), "server_cpu_ms_per_request": round(cpu_ms, 2),
            "baseline_p95_ms": round(percentile(baseline, 0.95) * 1000, 3),
            "endpoints": {r.name: {"requests": r.requests, "errors": r.errors,
                                   "rps": round(r.rate, 1), "p50_ms": round(r.p50, 2),
                                   "p95_ms": round(r.p95, 2), "p99_ms": round(r.p99, 2)}
                          for r in rows},
        }, indent=1))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
