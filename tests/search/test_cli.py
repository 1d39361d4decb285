"""`kroniek search`: table and jsonl output, errors as one line with exit code 1."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kroniek.cli import (
    app,
    commands,  # noqa: F401 - registers the commands
)

runner = CliRunner()


def test_search_jsonl_rows_carry_the_contract_fields(sqlite_corpus, sqlite_corpus_url):
    result = runner.invoke(app, ["search", "aanval", "--db", sqlite_corpus_url,
                                 "--format", "jsonl", "--limit", "2"])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["a11", rows[1]["id"]]
    assert len(rows) == 2
    for key in ("id", "url", "title", "outlet", "published", "source_file", "score", "snippet"):
        assert key in rows[0]


def test_search_table_names_the_total(sqlite_corpus, sqlite_corpus_url):
    result = runner.invoke(app, ["search", "outlet:nos.nl", "--db", sqlite_corpus_url])
    assert result.exit_code == 0, result.output
    assert "3 of 3 article(s)" in result.stdout
    assert "Aanval na aanval" in result.stdout


def test_malformed_query_fails_with_one_line(sqlite_corpus, sqlite_corpus_url):
    result = runner.invoke(app, ["search", "title:(brand", "--db", sqlite_corpus_url])
    assert result.exit_code == 1
    assert "expected ')' to close the '(' at position 6" in result.output
    assert "Traceback" not in result.output
