"""The load benchmark runs end to end at a tiny size: it builds a store, starts ``kroniek serve``
with two workers, sends its mix and reports every endpoint (no timing is asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import api_load


def test_the_load_benchmark_runs_at_a_tiny_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = tmp_path / "figures.json"
    argv = ["--articles", "300", "--requests", "90", "--clients", "6", "--workers", "2",
            "--max-seconds", "120", "--db", str(tmp_path / "load.db"), "--json", str(figures)]  # fmt: skip
    assert api_load.main(argv) == 0
    printed = capsys.readouterr().out
    assert "baseline, one client" in printed and "peak RSS" in printed
    result = json.loads(figures.read_text())
    endpoints = result["endpoints"]
    assert {"search", "article", "timeline", "all"} <= set(endpoints)
    assert endpoints["all"]["requests"] == 90
    assert all(row["errors"] == 0 for row in endpoints.values()), endpoints
    assert sum(endpoints[group]["requests"] for group in ("search", "article", "timeline")) == 90
    assert result["peak_rss_mb"] > 0 and result["server_cpu_s"] > 0


def test_the_request_mix_is_fixed_by_the_seed_and_covers_every_kind() -> None:
    ids = [f"{n:040d}" for n in range(50)]
    plan = api_load.request_plan(2000, ids, seed=5)
    assert plan == api_load.request_plan(2000, ids, seed=5)
    assert plan != api_load.request_plan(2000, ids, seed=6)
    kinds = {kind for kind, _path in plan}
    assert kinds == {kind for _group, kind, _share in api_load.MIX}
    paths = [path for _kind, path in plan]
    for field in ("actor%3A", "type%3A", "outlet%3A", "date%3A", "%22", "period=week", "offset="):
        assert any(field in path for path in paths), field
