"""The ingest memory benchmark runs end to end at a tiny size, and its growth arithmetic holds."""

from __future__ import annotations

import pytest

from benchmarks import ingest_memory
from benchmarks.ingest_memory import Point, growth


def _point(articles: int, rss_mb: float) -> Point:
    return Point(articles, rss_mb, rss_mb, None, None, None, 0.0)


def test_runs_at_a_tiny_size(capsys: pytest.CaptureFixture[str]) -> None:
    ingest_memory.main(["--articles", "600", "--checkpoints", "3"])
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if " articles  RSS " in line]
    assert [line.split()[0] for line in lines] == ["200", "400", "600"]
    assert "SQLite" in lines[0] and "n/a" not in lines[0].split("heap")[0]
    assert "late/early slope ratio: " in out
    assert "RSS from 200 to 600 articles: " in out


def test_checkpoints_add_up_to_the_corpus() -> None:
    assert list(ingest_memory.chunks(10, 3)) == [3, 3, 4]
    assert sum(ingest_memory.chunks(300_000, 6)) == 300_000


def test_flat_after_warm_up_gives_a_ratio_near_zero() -> None:
    points = [_point(0, 100), _point(50_000, 130), _point(100_000, 131), _point(150_000, 131),
              _point(200_000, 131.5)]  # fmt: skip
    found = growth(points)
    assert found.early == pytest.approx(31 / 10)  # 0 -> 100,000: +31 MB
    assert found.late == pytest.approx(0.5 / 10)
    assert found.ratio < 0.05
    assert found.after_first == pytest.approx(1.5)


def test_steady_growth_gives_a_ratio_near_one() -> None:
    points = [_point(n, 100 + n / 2_000) for n in range(0, 250_000, 50_000)]
    found = growth(points)
    assert found.ratio == pytest.approx(1.0)
    assert found.after_first == pytest.approx(75)
