"""Ingest runs against both stores: idempotent, resumable, duplicates and wire copies linked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kroniek.ingest import ReadOptions
from kroniek.runner import ingest_paths
from kroniek.store import ANALYSED, PENDING, SKIPPED
from tests import texts


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in {
        "headed.txt": texts.HEADED, "no_title.txt": texts.NO_TITLE, "french.txt": texts.FRENCH,
        "wire_a.txt": texts.WIRE_A, "wire_b.txt": texts.WIRE_B,
    }.items():  # fmt: skip
        (folder / name).write_text(text, encoding="utf-8")
    rows = [
        {"url": "https://www.gva.be/cnt/dmf20210614_1", "text": texts.NO_TITLE},  # exact duplicate
        {"url": "https://www.ad.nl/x", "text": texts.NO_HEADER},
    ]
    (folder / "rows.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    (folder / "empty.txt").write_text("")
    return folder


def test_ingest_twice_stores_once(store, corpus):
    first = ingest_paths([str(corpus)], store, analyze=False)
    assert (first.read, first.new, first.duplicates, first.errors) == (7, 6, 1, 2)
    assert store.count() == 6
    second = ingest_paths([str(corpus)], store, analyze=False)
    assert (second.new, second.duplicates, second.already) == (0, 0, 7)
    assert store.count() == 6
    assert len(store.errors()) == 2


def test_exact_duplicate_keeps_every_source(store, corpus):
    ingest_paths([str(corpus)], store, analyze=False)
    (row,) = [
        r for r in store.articles(limit=100) if r["url"] is None and r["published"] == "2021-06"
    ]
    found = store.article(row["id"])
    assert sorted(Path(s["source_file"]).name for s in found["sources"]) == [
        "no_title.txt",
        "rows.jsonl",
    ]


def test_wire_copies_are_linked_with_their_agency(store, corpus):
    summary = ingest_paths([str(corpus)], store, analyze=False)
    assert summary.near_duplicates == 1
    wire = [r for r in store.articles(limit=100) if r["published"] == "2024-03"]
    assert len(wire) == 2
    links = store.article(wire[0]["id"])["near_duplicates"]
    assert [(link["id"], link["agency"]) for link in links] == [(wire[1]["id"], "Belga")]
    assert links[0]["similarity"] >= 0.5


def test_wire_copy_found_across_runs(store, tmp_path):
    (tmp_path / "a.txt").write_text(texts.WIRE_A)
    (tmp_path / "b.txt").write_text(texts.WIRE_B)
    ingest_paths([str(tmp_path / "a.txt")], store, analyze=False)
    second = ingest_paths([str(tmp_path / "b.txt")], store, analyze=False)
    assert second.near_duplicates == 1


def test_resume_after_partial_run(store, corpus):
    """A run that committed only some batches: the rerun completes the rest, nothing twice."""
    from kroniek.ingest import iter_articles
    from kroniek.runner import Ingester

    ingester = Ingester(store, analyze=False, batch_size=2)
    for n, item in enumerate(iter_articles([str(corpus)], ReadOptions())):
        if n == 5:
            break  # "killed": the open batch is never flushed
        ingester.add(item)
    partial = store.count()
    assert 0 < partial < 6
    ingest_paths([str(corpus)], store, analyze=False)
    assert store.count() == 6


def test_analysis_is_stored_with_status(store, corpus):
    ingest_paths([str(corpus)], store, analyze=True)
    statuses = {r["language"]: r["status"] for r in store.articles(limit=100)}
    assert statuses["nl"] == ANALYSED and statuses["fr"] == SKIPPED
    records = list(store.records())
    assert len(records) == 6
    assert all(r["schema"] == "kroniek.analysis/1" and r["sentences"] for r in records)


def test_reanalyze_pending(store, corpus):
    from kroniek.runner import analyze_pending

    ingest_paths([str(corpus)], store, analyze=False)
    assert store.count(PENDING) == 6
    assert analyze_pending(store) == 6
    assert store.count(PENDING) == 0
    assert store.integrity_ok()


class InProcessPipeline:
    """A pipelined analyzer in this process: analyses at ``submit``, hands the records over
    when waited for, and notes how many articles were stored at each submit."""

    def __init__(self, store_url: str, depth: int, fail_at_wait: int | None = None) -> None:
        self.store_url = store_url
        self.depth = depth
        self.fail_at_wait = fail_at_wait
        self.stored_at_submit: list[int] = []
        self.waits = 0

    def submit(self, articles):
        from kroniek.runner import analyze_batch
        from kroniek.store import Store

        with Store.open(self.store_url, migrate=False) as store:
            self.stored_at_submit.append(store.count())
        records = analyze_batch(articles)

        def wait():
            self.waits += 1
            if self.waits == self.fail_at_wait:
                raise RuntimeError("the ingester died")
            return records

        return wait

    def __call__(self, articles):
        return self.submit(articles)()


def _links(url: str) -> set[tuple[str, str, float, str | None]]:
    from kroniek.store import Store

    with Store.open(url) as store:
        return {(row["id"], link["id"], link["similarity"], link["agency"])
                for row in store.articles(limit=100)
                for link in store.article(row["id"])["near_duplicates"]}  # fmt: skip


def test_pipelined_batches_decide_and_store_as_a_waiting_run(db_url, corpus, tmp_path):
    """One article per batch, three batches under analysis at once: the exact duplicate and the
    wire copy are settled while their originals are not yet written, and decided the same."""
    from kroniek.store import Store
    from tests.reliability.checks import problems, snapshot

    reference = f"sqlite:///{tmp_path / 'waiting.db'}"
    with Store.open(reference) as store:
        waited = ingest_paths([str(corpus)], store, batch_size=1)
    analyzer = InProcessPipeline(db_url, depth=3)
    with Store.open(db_url) as store:
        pipelined = ingest_paths([str(corpus)], store, batch_size=1, analyzer=analyzer)
        assert problems(store) == []
    assert analyzer.stored_at_submit[:3] == [0, 0, 0]  # three out before the first is written
    assert pipelined.as_dict() == waited.as_dict()
    assert (pipelined.duplicates, pipelined.near_duplicates) == (1, 1)
    assert snapshot(db_url) == snapshot(reference)
    assert _links(db_url) == _links(reference)


def test_pipelined_run_dying_with_batches_out_resumes_exactly(db_url, corpus, tmp_path):
    from kroniek.store import Store
    from tests.reliability.checks import problems, snapshot

    reference = f"sqlite:///{tmp_path / 'clean.db'}"
    with Store.open(reference) as store:
        ingest_paths([str(corpus)], store, batch_size=2)
    analyzer = InProcessPipeline(db_url, depth=2, fail_at_wait=2)
    with Store.open(db_url) as store:
        with pytest.raises(RuntimeError, match="died"):
            ingest_paths([str(corpus)], store, batch_size=2, analyzer=analyzer)
        assert 0 < store.count() < 6  # the first batch is kept, the ones under way are not
        assert problems(store) == []
        ingest_paths([str(corpus)], store, batch_size=2, analyzer=InProcessPipeline(db_url, 2))
        assert problems(store) == []
    assert snapshot(db_url) == snapshot(reference)
    assert _links(db_url) == _links(reference)


def test_a_long_ingest_prepares_few_statement_shapes(tmp_path):
    """Every batch looks up a different number of ids and buckets; the lookups still come in
    a few shapes (a power-of-two IN list each), so statement caches, and memory, stay small."""
    import re

    import sqlalchemy as sa

    from benchmarks.generate import write_jsonl
    from kroniek.store import Store

    corpus = write_jsonl(tmp_path / "rows.jsonl", 1500)
    statements: set[str] = set()
    with Store.open(f"sqlite:///{tmp_path / 'k.db'}") as store:

        @sa.event.listens_for(store.engine, "before_cursor_execute")
        def _seen(_conn, _cursor, statement, *_args) -> None:
            statements.add(statement)

        summary = ingest_paths([str(corpus)], store, analyze=False, batch_size=37, stories=False)
    assert summary.read == 1500 and summary.near_duplicates > 0
    lengths = [group.count("?") for s in statements for group in re.findall(r" IN \(([?, ]+)\)", s)]
    assert len(lengths) >= 4
    assert all(n & (n - 1) == 0 for n in lengths), sorted(set(lengths))
    assert len(statements) < 60


def test_freed_heap_memory_goes_back_every_few_batches(store, corpus, monkeypatch):
    from kroniek import runner

    calls: list[int] = []
    monkeypatch.setattr(runner, "TRIM_EVERY", 2)
    monkeypatch.setattr(runner, "release_free_memory", lambda: calls.append(1))
    ingest_paths([str(corpus)], store, analyze=False, batch_size=1)
    # 9 items (7 articles, 2 errors) in batches of one: 9 written, a release after every second
    # and one at the end
    assert len(calls) == 9 // 2 + 1
    assert runner._malloc_trim() is not None  # glibc: the release is real here
    runner.release_free_memory()
