#!/usr/bin/env python3
"""Train kroniek's UPOS CRF on the UD Dutch *-dev treebanks and score it on the *-test ones.

    .venv/bin/python scripts/train_pos.py

Writes src/kroniek/data/nlp/pos.crfsuite and prints UPOS and lemma accuracy per test file.
Run scripts/train_ner.py first: the POS features use its word clusters.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import pycrfsuite  # noqa: E402

from kroniek.nlp import morph  # noqa: E402
from kroniek.resources import data_path  # noqa: E402

DEFAULT_UD = REPO.parent / "shared" / "corpora" / "ud_dutch"
CONLLU_COLUMNS = 10

Row = tuple[str, str, str]  # form, lemma, upos


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--ud", type=Path, default=DEFAULT_UD)
    parser.add_argument("--out", type=Path, default=data_path(morph.POS_MODEL))
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=200)
    return parser.parse_args()


def read_conllu(path: Path) -> list[list[Row]]:
    sentences: list[list[Row]] = []
    rows: list[Row] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if rows:
                sentences.append(rows)
            rows = []
            continue
        columns = line.split("\t")
        if line.startswith("#") or len(columns) != CONLLU_COLUMNS or not columns[0].isdigit():
            continue
        rows.append((columns[1], columns[2], columns[3]))
    if rows:
        sentences.append(rows)
    return sentences


def train(args: argparse.Namespace, sentences: list[list[Row]]) -> None:
    features = morph.pos_features()
    trainer = pycrfsuite.Trainer(verbose=False)
    for rows in sentences:
        trainer.append(
            features.sentence([form for form, _, _ in rows]), [upos for _, _, upos in rows]
        )
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations})
    trainer.train(str(args.out))


def evaluate(path: Path, model: Path) -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    features = morph.pos_features()
    sentences = read_conllu(path)
    tokens = pos_hits = lemma_hits = lemma_loose = 0
    started = time.perf_counter()
    for rows in sentences:
        tags = tagger.tag(features.sentence([form for form, _, _ in rows]))
        for (form, gold_lemma, upos), tag in zip(rows, tags, strict=True):
            guess = morph.lemma(form, tag)
            tokens += 1
            pos_hits += tag == upos
            lemma_hits += guess == gold_lemma
            lemma_loose += guess.lower() == gold_lemma.replace("_", "").lower()
    seconds = time.perf_counter() - started
    print(
        f"{path.name}: {tokens} tokens, UPOS {pos_hits / tokens:.4f}, lemma exact "
        f"{lemma_hits / tokens:.4f}, lemma ignoring case and '_' {lemma_loose / tokens:.4f}, "
        f"{tokens / seconds:.0f} tokens/s"
    )


def main() -> None:
    args = parse_args()
    sentences = [
        rows for path in sorted(args.ud.glob("*-dev.conllu")) for rows in read_conllu(path)
    ]
    train(args, sentences)
    print(f"trained on {sum(map(len, sentences))} tokens -> {args.out}")
    for path in sorted(args.ud.glob("*-test.conllu")):
        evaluate(path, args.out)


if __name__ == "__main__":
    main()
