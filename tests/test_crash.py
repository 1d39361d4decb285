"""A real `kroniek ingest` killed with SIGKILL mid-run loses nothing committed; a rerun completes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import generate_rows
from kroniek.store import Store

KRONIEK = [sys.executable, "-c", "from kroniek.cli import main; main()"]
ROWS = 3000


def _count_rows(store_url: str) -> tuple[int, int]:
    with Store.open(store_url) as store:
        return store.count(), store.stats()["sources"]


def test_sigkill_then_rerun(tmp_path: Path):
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for row in generate_rows(ROWS, seed=3):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    url = f"sqlite:///{tmp_path / 'k.db'}"
    command = [*KRONIEK, "ingest", str(corpus), "--db", url, "--no-analysis", "--batch-size", "50"]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))

    killed_at = []
    for delay in (1.5, 2.5):
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_at.append(_count_rows(url)[1])
    assert killed_at[0] < ROWS, "the run finished before it was killed: the test proves nothing"

    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr
    articles, sources = _count_rows(url)
    assert sources == ROWS  # every row stored exactly once (as an article or a duplicate source)
    with Store.open(url) as store:
        assert store.integrity_ok()
        assert store.count() == articles
        assert len({r["id"] for r in store.articles(limit=ROWS)}) == articles
