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
