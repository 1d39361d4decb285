"""Pairwise precision and recall of story clusters against gold story groups.

    kroniek analyze ../shared/samples/samples.jsonl ../shared/samples/seed_000.txt > out.jsonl
    python scripts/story_pairs.py out.jsonl ../shared/eval/dev_sources.tsv

    kroniek analyze src/kroniek/data/corpus > corpus.jsonl
    python scripts/story_pairs.py corpus.jsonl tests/data/gold/story_groups.tsv

GROUPS is a tab-separated file with a ``file`` column (a path ending the record's source file),
an optional ``url`` column and a ``story_group`` column (empty: in no story). Records pair with
rows by URL, else by the end of their source file; records without a row are left out.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from kroniek.stories import cluster_scores


def _source(record: dict[str, object]) -> str:
    source = str(record.get("source_file") or "")
    return source.rsplit(":", 1)[0] if source.rsplit(":", 1)[-1].isdigit() else source


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with Path(argv[1]).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    by_url = {row["url"]: row for row in rows if row.get("url")}
    predicted: dict[str, str | None] = {}
    gold: dict[str, str | None] = {}
    with Path(argv[0]).open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            source = _source(record)
            row = by_url.get(str(record.get("url") or "")) or next(
                (r for r in rows if source.endswith(r["file"])), None
            )
            if row is None:
                continue
            predicted[row["file"]] = record.get("story")
            gold[row["file"]] = row["story_group"] or None
    scores = cluster_scores(predicted, gold)
    print(f"{len(predicted)} of {len(rows)} articles; pairs: {scores.predicted_pairs} found, "
          f"{scores.gold_pairs} in gold; precision {scores.precision:.3f}, recall "
          f"{scores.recall:.3f}, F1 {scores.f1:.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
