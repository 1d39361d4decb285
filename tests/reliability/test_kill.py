"""Crash safety: ``kroniek ingest`` (with analysis) killed with SIGKILL at random points.

Each backend gets a clean reference run, then a series of runs killed at a random (seeded)
point, each rerun resuming where the killed one stopped. A kill point is a number of stored
articles to wait for plus a random moment (so kills land inside commits too), or, one time in
five, a moment during startup; when a run gets to finish before its
kill, its result is compared with the reference and the next cycle starts on a new database.
After every kill the database must be consistent (``checks.problems``): no article without a
source, no side-table row of a missing article, no half-written analysis, integrity check passed.
At the end of every cycle: exactly the reference's articles, sources, analysis records,
near-duplicate links and errors, so nothing was lost and nothing stored twice.

Kill counts: ``KRONIEK_KILLS_SQLITE`` (default 30), ``KRONIEK_KILLS_POSTGRESQL`` (default 10);
``KRONIEK_KILL_SEED`` changes the random kill points.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest

from kroniek.store import Store
from tests.reliability.checks import (
    Snapshot,
    corpus,
    ingest_command,
    problems,
    snapshot,
)
from tests.reliability.conftest import FreshUrl

DEFAULT_KILLS = {"sqlite": 30, "postgresql": 10}
DEFAULT_SEED = 20261129
BATCH_SIZE = "2"  # ~30 commits per full run over the corpus: kills land between and inside batches
# A kill point: once the run has stored a random number of articles (between what is stored and
# all of them), a further random moment, so kills land both between and inside commits; one
# kill in STARTUP_SHARE instead lands during startup, before the run has committed anything.
JITTER_SECONDS = 0.15  # about one commit of --batch-size 2
STARTUP_SHARE = 5
POLL_SECONDS = 0.02
RUN_TIMEOUT = 600.0
MIN_CORPUS_ARTICLES = 50


def kill_count(backend: str) -> int:
    return int(os.environ.get(f"KRONIEK_KILLS_{backend.upper()}", DEFAULT_KILLS[backend]))


@dataclass
class KillLog:
    """Where the kills landed: how many articles each killed run left stored."""

    total: int  # articles of a complete run
    kills: int = 0
    finished_runs: int = 0
    cycles: int = 1
    stored_at_kill: list[int] = field(default_factory=list)

    def phases(self) -> Counter[str]:
        return Counter(
            "none stored" if n == 0 else "all stored" if n == self.total else "part stored"
            for n in self.stored_at_kill
        )


def _start(url: str) -> subprocess.Popen[bytes]:
    command = ingest_command([corpus()], url, "--batch-size", BATCH_SIZE)
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _clean_run(url: str) -> tuple[float, float]:
    """Seconds from start to the first commit and to the end of a complete run."""
    started = time.monotonic()
    process = _start(url)
    first_commit = None
    with Store.open(url) as store:
        while process.poll() is None:
            if first_commit is None and store.count() > 0:
                first_commit = time.monotonic() - started
            time.sleep(POLL_SECONDS)
    _out, err = process.communicate()
    assert process.returncode == 0, err.decode(errors="replace")[-2000:]
    duration = time.monotonic() - started
    return first_commit or duration, duration


def _count(url: str) -> int:
    with Store.open(url) as store:
        return store.count()


def _run_until_killed(
    url: str, rng: random.Random, stored: int, total: int, first_commit: float
) -> bool:
    """Start a run and SIGKILL it at a random point; False when it finished first."""
    startup = rng.randrange(STARTUP_SHARE) == 0
    if stored >= total and not startup:  # all stored: this run must finish (and not be killed)
        return _finished(_start(url))
    target = total if startup else rng.randint(stored, total - 1)
    delay = rng.uniform(0, first_commit if startup else JITTER_SECONDS)
    process = _start(url)
    deadline = time.monotonic() + RUN_TIMEOUT
    with Store.open(url) as store:
        while process.poll() is None and (startup or store.count() <= target):
            assert time.monotonic() < deadline, "ingest run hangs"
            if startup:
                break
            time.sleep(POLL_SECONDS)
    if process.poll() is None:
        time.sleep(delay)
    if process.poll() is not None:
        return _finished(process)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    return True


def _finished(process: subprocess.Popen[bytes]) -> bool:
    _out, err = process.communicate(timeout=RUN_TIMEOUT)
    assert process.returncode == 0, err.decode(errors="replace")[-2000:]
    return False


def _assert_consistent(url: str, after: str) -> int:
    with Store.open(url) as store:
        found = problems(store)
        assert not found, f"after {after}: " + "; ".join(found[:10])
        return store.count()


def _differing_keys(status: str, record: Any, ref_status: str, ref_record: Any) -> list[str]:
    if status != ref_status:
        return [f"status {status} != {ref_status}"]
    if record is None or ref_record is None:
        return [] if record is ref_record else ["analysis missing in one"]
    return [key for key in {*record, *ref_record} if record.get(key) != ref_record.get(key)]


def _assert_same(result: Snapshot, reference: Snapshot) -> None:
    assert result.articles.keys() == reference.articles.keys()  # none lost, none extra
    assert result.sources == reference.sources  # each input stored once, as the same article
    differing = [
        f"{article_id} {key}" for article_id, (status, record) in result.articles.items()
        for key in _differing_keys(status, record, *reference.articles[article_id])
    ]  # fmt: skip
    assert not differing, f"status or analysis differs from the clean run: {differing[:10]}"
    assert result.near_duplicates == reference.near_duplicates
    assert result.errors == reference.errors


@pytest.mark.slow
def test_sigkill_at_random_points_loses_nothing_and_leaves_no_half_analysis(
    backend: str, fresh_url: FreshUrl
) -> None:
    reference_url = fresh_url()
    first_commit, duration = _clean_run(reference_url)
    reference = snapshot(reference_url)
    total = len(reference.articles)
    assert total >= MIN_CORPUS_ARTICLES
    assert len(reference.sources) > total  # the corpus holds an exact duplicate
    assert _assert_consistent(reference_url, "the clean run") == total

    rng = random.Random(f"{os.environ.get('KRONIEK_KILL_SEED', DEFAULT_SEED)}-{backend}")
    log = KillLog(total)
    url = fresh_url()
    started = time.monotonic()
    while log.kills < kill_count(backend):
        stored = _count(url)
        if _run_until_killed(url, rng, stored, total, first_commit):
            log.kills += 1
            log.stored_at_kill.append(_assert_consistent(url, f"kill {log.kills}"))
            continue
        log.finished_runs += 1
        _assert_consistent(url, f"finished run {log.finished_runs}")
        _assert_same(snapshot(url), reference)
        log.cycles += 1
        url = fresh_url()
    _finish_and_compare(url, reference, log)
    print(f"\n{backend}: clean run {duration:.1f} s (first commit {first_commit:.1f} s); "
          f"{log.kills} kills in {log.cycles} cycles, "
          f"{time.monotonic() - started:.0f} s; kills by phase {dict(log.phases())}")  # fmt: skip
    assert log.phases()["part stored"] > 0, "no kill landed mid-run: the test proves nothing"


def _finish_and_compare(url: str, reference: Snapshot, log: KillLog) -> None:
    process = _start(url)
    _out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err.decode(errors="replace")[-2000:]
    log.finished_runs += 1
    _assert_consistent(url, "the last rerun")
    _assert_same(snapshot(url), reference)
