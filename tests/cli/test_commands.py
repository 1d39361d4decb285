"""The command-line contract (CLI.md): commands, formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kroniek.cli import (
    app,
    commands,  # noqa: F401 - registers the commands
)
from tests import texts

runner = CliRunner()


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(texts.HEADED, encoding="utf-8")
    (folder / "b.txt").write_text(texts.NO_TITLE, encoding="utf-8")
    (folder / "rows.jsonl").write_text('{"text": "x"}\n{broken\n', encoding="utf-8")
    return folder


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_analyze_writes_one_schema_record_per_article_in_order(inputs):
    result = invoke("analyze", str(inputs / "a.txt"), str(inputs / "b.txt"), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["source_file"]).name for r in records] == ["a.txt", "b.txt"]
    first = records[0]
    assert first["schema"] == "kroniek.analysis/1"
    assert first["title"].startswith("Minister belooft")
    for start, end in first["sentences"]:
        assert first["text"][start:end].strip() == first["text"][start:end]


def test_ingest_summary_errors_and_idempotence(inputs, sqlite_url):
    result = invoke("ingest", str(inputs), "--db", sqlite_url)
    assert result.exit_code == 0, result.output
    assert "new: 2" in result.stdout and "errors: 2" in result.stdout
    again = invoke("ingest", str(inputs), "--db", sqlite_url)
    assert "new: 0" in again.stdout and "already stored: 2" in again.stdout
    errors = invoke("errors", "--db", sqlite_url, "--format", "jsonl")
    reasons = sorted(
        json.loads(line)["reason"].split(":")[0] for line in errors.stdout.splitlines()
    )
    assert reasons == ["malformed JSON", "no article text (fewer than 3 words)"]


def test_articles_show_and_stats(inputs, sqlite_url):
    invoke("ingest", str(inputs), "--db", sqlite_url)
    listed = invoke("articles", "--db", sqlite_url, "--format", "jsonl")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 2
    shown = invoke("show", rows[0]["id"][:10], "--db", sqlite_url, "--format", "jsonl")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == rows[0]["id"]
    stats = json.loads(invoke("stats", "--db", sqlite_url, "--format", "jsonl").stdout)
    assert stats["articles"] == 2 and stats["errors"] == 2


def test_bad_input_exit_1_with_one_line(sqlite_url, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = invoke("ingest", str(empty), "--db", sqlite_url)
    assert result.exit_code == 1
    missing = invoke("show", "ffffffff", "--db", sqlite_url)
    assert missing.exit_code == 1
    assert len(missing.stderr.strip().splitlines()) == 1 and "Traceback" not in missing.stderr


def test_bad_database_url_is_one_line():
    result = invoke("stats", "--db", "mysql://nobody@nowhere/db")
    assert result.exit_code == 1
    assert "unsupported database" in result.stderr and "Traceback" not in result.stderr


def test_usage_error_exit_2():
    assert invoke("ingest").exit_code == 2
    assert invoke("no-such-command").exit_code == 2


def test_no_analysis_then_reanalyze(inputs, sqlite_url):
    invoke("ingest", str(inputs), "--db", sqlite_url, "--no-analysis")
    stats = json.loads(invoke("stats", "--db", sqlite_url, "--format", "jsonl").stdout)
    assert stats["by_status"] == {"pending": 2}
    result = invoke("reanalyze", "--db", sqlite_url)
    assert "analysed 2" in result.stdout
    stats = json.loads(invoke("stats", "--db", sqlite_url, "--format", "jsonl").stdout)
    assert stats["by_status"] == {"analysed": 2}


def test_demo_ingests_bundled_corpus(sqlite_url):
    result = invoke("demo", "--db", sqlite_url)
    assert result.exit_code == 0, result.output
    stats = json.loads(invoke("stats", "--db", sqlite_url, "--format", "jsonl").stdout)
    assert stats["articles"] >= 40
    assert stats["by_language"].get("nl", 0) >= 40
    assert stats["near_duplicates"] >= 3
    assert stats["errors"] == 0
