"""kroniek eval gives the same figures as the project's reference scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kroniek.evaluate import Scores, evaluate, fold, score_article

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"

GOLD = {
    "file": "a.txt", "url": None, "published": "2019-03", "title": "Kop", "byline": None,
    "agencies": ["Belga"],
    "entities": [
        {"name": "Vladimir Putin", "type": "PER", "aliases": ["Poetin"], "core": True},
        {"name": "Moscow", "type": "GPE", "aliases": ["Moskou"], "core": False},
    ],
    "events": [{"source": "RUSGOV", "target": "UKR", "plover": "ASSAULT", "core": True},
               {"source": "UKRGOV", "target": "RUS", "plover": "REQUEST", "core": True}],
    "quotes": [{"speaker": "Vladimir Putin", "speaker_code": "RUSGOV", "kind": "direct",
                "text": "wij zullen niet wijken", "core": True}],
    "places": [{"name": "Moscow", "aliases": ["Moskou"], "lat": 55.75, "lon": 37.62, "core": True}],
    "times": [{"text": "maandag", "value": "2019-03", "core": True}],
}  # fmt: skip
SYSTEM = {
    "source_file": "/x/a.txt", "published": "2019-03", "title": "kop", "byline": None,
    "agencies": ["BELGA"],
    "entities": [{"name": "Vladimir Putin", "type": "PER", "mentions": [{"text": "Poetin"}]},
                 {"name": "Kiev", "type": "GPE", "mentions": [{"text": "Kiev"}]}],
    "events": [{"source": {"code": "RUSMIL"}, "target": {"code": "UKR"}, "plover": "ASSAULT"},
               {"source": {"code": "UKRGOV"}, "target": {"code": "RUS"}, "plover": "DEMAND"}],
    "quotes": [{"speaker": {"entity": "kroniek:vladimir-putin", "name": "Vladimir Putin", "code": "RUSGOV"},
                "text": "Wij zullen niet wijken, zei hij"}],
    "places": [{"name": "Moscow", "lat": 55.7, "lon": 37.6, "mentions": [{"text": "Moskou"}]}],
    "times": [{"text": "maandag", "value": "2019-03-11"}],
}  # fmt: skip


def test_fold():
    assert fold("  Israël's  LEGER ") == "israel s leger"


def test_scores_by_hand():
    scores = Scores()
    score_article(GOLD, SYSTEM, scores)
    table = scores.table()
    assert table["meta.agencies"]["recall"] == 1.0
    assert table["entities"]["recall"] == 1.0 and table["entities"]["precision"] == 0.5
    assert table["events"]["recall"] == 1.0 and table["events.strict"]["recall"] == 0.5
    assert table["quotes"]["recall"] == 1.0
    assert table["places.coords"]["recall"] == 1.0
    assert table["times"]["recall"] == 1.0 and table["times.value"]["recall"] == 0.0


def test_same_figures_as_reference_scorer(tmp_path: Path):
    gold, system = tmp_path / "gold.jsonl", tmp_path / "system.jsonl"
    second_gold = dict(GOLD, file="b.txt", title="Andere kop")
    gold.write_text(json.dumps(GOLD) + "\n" + json.dumps(second_gold) + "\n")
    system.write_text(json.dumps(SYSTEM) + "\n")
    reference = json.loads(subprocess.run(
        [sys.executable, str(REFERENCE), str(gold), str(system), "--json"],
        check=True, capture_output=True, text=True,
    ).stdout)  # fmt: skip
    ours = evaluate([GOLD, second_gold], [SYSTEM])
    assert ours.missing == reference["missing"] == ["b.txt"]
    assert ours.scores == reference["scores"]
