"""The NER speed/memory benchmark runs end to end on a small CoNLL file written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import ner_throughput

SENTENCES = [
    ["Burgemeester", "Anke", "Smits", "opende", "gisteren", "in", "Lier", "een", "brug", "."],
    ["De", "KU", "Leuven", "en", "de", "stad", "werkten", "samen", "."],
    ["Smits", "sprak", "daarna", "met", "journalisten", "van", "Het", "Nieuwsblad", "."],
]


def test_the_benchmark_reports_speed_and_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = []
    for number in range(3):
        lines.append("-DOCSTART- -DOCSTART- O")
        for sentence in SENTENCES[number:] + SENTENCES[:number]:
            lines += [f"{word} X O" for word in sentence] + [""]
    conll = tmp_path / "small.conll"
    conll.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ner_throughput.main([str(conll), "--rounds", "1"])
    out = capsys.readouterr().out
    assert "3 documents, 84 tokens" in out
    for label in ("baseline (first-pass CRF only)", "kroniek ner (two passes)", "cold cache"):
        line = next(line for line in out.splitlines() if label in line)
        assert float(line.split(":")[1].split()[0].replace(",", "")) > 0
    assert "peak RSS, kroniek ner --conll the file" in out


def test_documents_are_split_at_docstart() -> None:
    lines = ["-DOCSTART- O", "Gent X O", "", "-DOCSTART- O", "Jan X O", "lacht X O", "", "x"]
    assert ner_throughput.read_documents(lines) == [[["Gent"]], [["Jan", "lacht"], ["x"]]]
