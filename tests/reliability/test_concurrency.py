"""Concurrency: readers during a large ingest, and two ingests of overlapping input at once.

SQLite runs in WAL mode (readers never block the writer, writers queue on the busy timeout);
PostgreSQL isolates by MVCC. On both, a reader must never fail, never see counts go down, and
never see an article without its sources; two ingest processes started together on a new
database (so they also race to create the schema) must store every article once.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from benchmarks.generate import generate_rows
from kroniek.store import Store, schema
from tests.reliability.checks import corpus, ingest_command, problems, run_ingest, snapshot
from tests.reliability.conftest import FreshUrl

GENERATED_ROWS = 3000
TWO_INGEST_ROWS = 200  # analysed by both processes: kept small
NEW_RE = re.compile(r"new: (\d+)")  # the ingest summary line
READ_PAUSE = 0.01  # seconds between reader rounds


def _generated(tmp_path: Path, rows: int = GENERATED_ROWS, seed: int = 11) -> str:
    path = tmp_path / f"gegenereerd-{seed}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for row in generate_rows(rows, seed=seed):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return str(path)


ORPHANS = (
    sa.select(sa.func.count())
    .select_from(schema.articles)
    .where(~sa.exists().where(schema.sources.c.article_id == schema.articles.c.id))
)


@dataclass
class ReadLog:
    rounds: int = 0
    mid_run: int = 0  # rounds that saw a partly written store
    articles: int = 0
    sources: int = 0


def _read_round(store: Store, log: ReadLog, rng: random.Random) -> None:
    """One round of reads; each check runs in one statement, so it sees one consistent state."""
    articles, sources = store.count(), store.stats()["sources"]
    assert articles >= log.articles and sources >= log.sources, "a count went down"
    log.articles, log.sources = articles, sources
    with store.engine.connect() as connection:
        assert connection.execute(ORPHANS).scalar() == 0, "an article without sources"
    for summary in store.articles(limit=5, offset=rng.randrange(max(articles, 1))):
        found = store.article(summary["id"])
        assert found is not None and found["sources"], summary["id"]
    log.rounds += 1


@pytest.mark.slow
def test_readers_see_consistent_growing_data_during_a_large_ingest(
    fresh_url: FreshUrl, tmp_path: Path
) -> None:
    rows = _generated(tmp_path)
    url = fresh_url()
    Store.open(url).close()  # schema first: this test is about reads during writes
    writer = subprocess.Popen(
        ingest_command([rows, corpus()], url, "--no-analysis", "--batch-size", "50"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    log, rng = ReadLog(), random.Random(5)
    started = time.monotonic()
    with Store.open(url) as store:
        while writer.poll() is None:
            _read_round(store, log, rng)
            log.mid_run += log.articles > 0
            time.sleep(READ_PAUSE)
        _out, err = writer.communicate()
        assert writer.returncode == 0, err.decode(errors="replace")[-2000:]
        _read_round(store, log, rng)
        assert not problems(store)
    print(f"\n{store.backend}: {log.rounds} read rounds in {time.monotonic() - started:.1f} s, "
          f"{log.mid_run} mid-run; {log.articles} articles, {log.sources} sources")  # fmt: skip
    assert log.mid_run >= 3, "the reads did not overlap the ingest: the test proves nothing"
    assert log.sources == GENERATED_ROWS + len(snapshot_sources_of_corpus(url))


def snapshot_sources_of_corpus(url: str) -> list[tuple[str, int]]:
    return [key for key in snapshot(url).sources if key[0].startswith(corpus())]


@pytest.mark.slow
def test_two_ingests_of_overlapping_input_at_once_store_each_article_once(
    backend: str, fresh_url: FreshUrl, tmp_path: Path
) -> None:
    rows = _generated(tmp_path, rows=TWO_INGEST_ROWS)
    reference_url = fresh_url()
    run_ingest([rows, corpus()], reference_url, "--batch-size", "20")
    reference = snapshot(reference_url)

    url = fresh_url()  # new and empty: both processes also race to create the schema
    commands = [
        ingest_command([rows, corpus()], url, "--batch-size", "20"),
        ingest_command([corpus(), rows], url, "--batch-size", "7"),  # other order, other cuts
    ]
    processes = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands
    ]
    stored_new = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode(errors="replace")[-2000:]
        stored_new.append(int(NEW_RE.search(out.decode()).group(1)))  # type: ignore[union-attr]
    print(f"\n{backend}: articles stored new by each process {stored_new}, "
          f"{len(reference.articles)} in all")  # fmt: skip
    assert min(stored_new) > 0, "one ingest did all the work: the runs did not overlap"
    with Store.open(url) as store:
        assert not problems(store)
    result = snapshot(url)
    assert result.sources == reference.sources  # every input once, as the same article
    assert result.articles.keys() == reference.articles.keys()
    assert {k: v[0] for k, v in result.articles.items()} == {
        k: v[0] for k, v in reference.articles.items()
    }  # same statuses: every article analysed once its batch committed
