#!/usr/bin/env python3
"""Train kroniek's two-pass CRF named-entity tagger from CoNLL-2002 Dutch.

    .venv/bin/python scripts/train_ner.py                      # rebuild word lists and both models
    .venv/bin/python scripts/train_ner.py --report-test        # ... score ned.testb once (shipped)
    .venv/bin/python scripts/train_ner.py --train-on-testa --report-test   # experiment: + ned.testa

Writes src/kroniek/data/nlp/{ner_gazetteer.tsv,word_clusters.tsv,ner1.crfsuite,ner2.crfsuite}.
ned.train trains, ned.testa tunes; ned.testb is only read with --report-test. The shipped models
are trained on ned.train alone with the settings chosen on ned.testa (--train-on-testa, which
also trains on ned.testa, is an experiment); word clusters are built from ned.train and UD dev
text only.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import pycrfsuite  # noqa: E402

from kroniek.nlp import ner_build, ner_features  # noqa: E402
from kroniek.nlp.ner import first_pass, spans_from_tags, tag_document  # noqa: E402
from kroniek.nlp.ner_build import Document  # noqa: E402
from kroniek.resources import data_path  # noqa: E402

DEFAULT_CORPORA = REPO.parent / "shared" / "corpora"
ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--conll", type=Path, default=DEFAULT_CORPORA / "conll2002")
    parser.add_argument("--ud", type=Path, default=DEFAULT_CORPORA / "ud_dutch")
    parser.add_argument("--out", type=Path, default=data_path("nlp"))
    parser.add_argument(
        "--models", type=Path, default=None, help="where the .crfsuite files go (default: --out)"
    )
    parser.add_argument("--c1", type=float, default=0.05, help="L1 penalty, first pass")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty, first pass")
    parser.add_argument("--second-c1", type=float, default=0.05, help="L1 penalty, second pass")
    parser.add_argument("--second-c2", type=float, default=1.0, help="L2 penalty, second pass")
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--folds", type=int, default=4, help="jackknife folds for the 2nd pass")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--keep-resources",
        action="store_true",
        help="reuse the gazetteer/cluster files already in --out",
    )
    parser.add_argument(
        "--drop",
        nargs="*",
        default=[],
        help="leave out features whose name contains one of these (ablation)",
    )
    parser.add_argument("--first-pass-only", action="store_true")
    parser.add_argument(
        "--reuse-first",
        action="store_true",
        help="reuse ner1.crfsuite and the jack-knifed first-pass output of an earlier run with\n"
        "the same --models (experiments on second-pass features)",
    )
    parser.add_argument(
        "--predictions",
        type=Path,
        default=None,
        help="write ned.testa(/testb).pred here for /work/shared/eval/conll_f1.py",
    )
    parser.add_argument("--report-test", action="store_true", help="also score ned.testb")
    parser.add_argument(
        "--train-on-testa",
        action="store_true",
        help="final model, once settings are chosen: train on ned.train + ned.testa\n"
        "(the ned.testa score printed is then not a held-out score)",
    )
    return parser.parse_args()


def read_docs(path: Path) -> list[Document]:
    with path.open(encoding="utf-8") as handle:
        return ner_build.read_conll(handle)


def ud_sentences(folder: Path) -> list[list[str]]:
    sentences: list[list[str]] = []
    for path in sorted(folder.glob("*-dev.conllu")):  # test files stay unseen
        words: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if words:
                    sentences.append(words)
                words = []
            elif not line.startswith("#"):
                columns = line.split("\t")
                if columns[0].isdigit():
                    words.append(columns[1])
    return sentences


def build_resources(args: argparse.Namespace, train: list[Document]) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    lines = ner_build.gazetteer_lines()
    header = "# NER gazetteer: LABEL<TAB>lower-cased tokens. Built by scripts/train_ner.py.\n"
    (args.out / "ner_gazetteer.tsv").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    texts = [s.words for doc in train for s in doc] + ud_sentences(args.ud)
    clusters = ner_build.word_clusters(texts)
    header = "# word<TAB>cluster ids (k={}), k-means over PPMI context vectors.\n".format(
        ",".join(str(k) for k in ner_build.CLUSTER_SIZES)
    )
    body = "\n".join(
        word + "\t" + "\t".join(str(cid) for cid in ids)
        for word, ids in sorted(clusters.items())
        if "\t" not in word and not word.startswith("#")
    )
    (args.out / "word_clusters.tsv").write_text(header + body + "\n", encoding="utf-8")
    print(f"gazetteer: {len(lines)} entries, clusters: {len(clusters)} words", flush=True)


def load_resources(out: Path) -> ner_features.NerResources:
    gazetteer = (out / "ner_gazetteer.tsv").read_text(encoding="utf-8").splitlines()
    clusters = (out / "word_clusters.tsv").read_text(encoding="utf-8").splitlines()
    return ner_features.resources_from_lines(gazetteer, clusters)


class Pruned:
    """Feature extractor that leaves out the features named in an ablation."""

    def __init__(self, base: ner_features.FeatureExtractor, drop: Sequence[str]) -> None:
        self.base = base
        self.drop = tuple(drop)

    def _prune(self, feats: list[list[str]]) -> list[list[str]]:
        if not self.drop:
            return feats
        return [[f for f in item if not any(part in f for part in self.drop)] for item in feats]

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        return self._prune(self.base.sentence(words))

    def document(
        self,
        doc_words: Sequence[Sequence[str]],
        first_pass: Sequence[Sequence[str]],
        marginals: ner_features.Marginals | None,
    ) -> list[list[list[str]]]:
        return [self._prune(s) for s in self.base.document(doc_words, first_pass, marginals)]


def train_model(
    path: Path,
    items: list[tuple[list[list[str]], list[str]]],
    args: argparse.Namespace,
    second: bool = False,
) -> Path:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in items:
        trainer.append(xseq, yseq)
    trainer.set_params(
        {
            "c1": args.second_c1 if second else args.c1,
            "c2": args.second_c2 if second else args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(path))
    return path


def open_tagger(path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def first_pass_items(
    docs: list[Document], extractor: Pruned
) -> list[tuple[list[list[str]], list[str]]]:
    return [(extractor.sentence(s.words), s.tags) for doc in docs for s in doc]


FirstPass = tuple[list[list[str]], ner_features.Marginals]  # one document's tags and marginals


def second_pass_items(
    docs: list[Document], extractor: Pruned, first: list[FirstPass]
) -> list[tuple[list[list[str]], list[str]]]:
    items = []
    for doc, (tags, marginals) in zip(docs, first, strict=True):
        words = [s.words for s in doc]
        extra = extractor.document(words, tags, marginals)
        for sentence, more in zip(doc, extra, strict=True):
            base = extractor.sentence(sentence.words)
            items.append(([b + m for b, m in zip(base, more, strict=True)], sentence.tags))
    return items


def f1_report(
    docs: list[Document], predicted: list[list[list[str]]]
) -> dict[str, tuple[float, float, float]]:
    counts = {kind: [0, 0, 0] for kind in ("ALL", *ENTITY_TYPES)}
    for doc, tags in zip(docs, predicted, strict=True):
        for sentence, pred in zip(doc, tags, strict=True):
            gold = set(
                spans_from_tags(
                    [t.replace("PRO", "MISC").replace("EVE", "MISC") for t in sentence.tags]
                )
            )
            guess = set(spans_from_tags(pred))
            for kind in counts:
                g = {s for s in gold if kind == "ALL" or s[0] == kind}
                p = {s for s in guess if kind == "ALL" or s[0] == kind}
                counts[kind][0] += len(g & p)
                counts[kind][1] += len(p)
                counts[kind][2] += len(g)
    report = {}
    for kind, (hit, npred, ngold) in counts.items():
        precision = hit / npred if npred else 0.0
        recall = hit / ngold if ngold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        report[kind] = (precision, recall, f1)
    return report


def print_report(name: str, report: dict[str, tuple[float, float, float]]) -> None:
    cells = "  ".join(f"{kind} {f1:.4f}" for kind, (_, _, f1) in report.items())
    p, r, _ = report["ALL"]
    print(f"{name}: {cells}  (P {p:.4f} R {r:.4f})", flush=True)


def write_predictions(path: Path, docs: list[Document], predicted: list[list[list[str]]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for doc, tags in zip(docs, predicted, strict=True):
            handle.write("-DOCSTART- O\n")
            for sentence, pred in zip(doc, tags, strict=True):
                for word, tag in zip(sentence.words, pred, strict=True):
                    handle.write(f"{word} {tag}\n")
                handle.write("\n")


def tag_docs(
    docs: list[Document], extractor: Pruned, first: Path, second: Path | None
) -> list[list[list[str]]]:
    t1 = open_tagger(first)
    t2 = open_tagger(second) if second else None
    return [tag_document([s.words for s in doc], extractor, t1, t2) for doc in docs]


_STATE: dict[str, object] = {}


def first_pass_docs(docs: list[Document], extractor: Pruned, model: Path) -> list[FirstPass]:
    tagger = open_tagger(model)
    out: list[FirstPass] = []
    for doc in docs:
        words = [s.words for s in doc]
        out.append(first_pass(words, [extractor.sentence(w) for w in words], tagger))
    return out


def _fold_job(fold: int) -> tuple[int, list[FirstPass]]:
    """Train on all folds but one and tag the held-out documents with the first pass."""
    args = _STATE["args"]
    train: list[Document] = _STATE["train"]  # type: ignore[assignment]
    extractor: Pruned = _STATE["extractor"]  # type: ignore[assignment]
    held = [doc for n, doc in enumerate(train) if n % args.folds == fold]  # type: ignore[attr-defined]
    rest = [doc for n, doc in enumerate(train) if n % args.folds != fold]  # type: ignore[attr-defined]
    path = Path(args.models or args.out) / f"fold{fold}.crfsuite"  # type: ignore[attr-defined]
    train_model(path, first_pass_items(rest, extractor), args)  # type: ignore[arg-type]
    tags = first_pass_docs(held, extractor, path)
    path.unlink()
    return fold, tags


def _full_job(path: Path) -> Path:
    """Train the first pass on all training documents."""
    train: list[Document] = _STATE["train"]  # type: ignore[assignment]
    extractor: Pruned = _STATE["extractor"]  # type: ignore[assignment]
    return train_model(path, first_pass_items(train, extractor), _STATE["args"])  # type: ignore[arg-type]


def main() -> None:
    args = parse_args()
    started = time.time()
    train = read_docs(args.conll / "ned.train")
    testa = read_docs(args.conll / "ned.testa")
    if not args.keep_resources:
        build_resources(args, train)  # clusters from ned.train (and UD dev) text only
    if args.train_on_testa:
        train = train + testa
        print("training on ned.train + ned.testa: ned.testa scores are not held-out", flush=True)
    extractor = Pruned(ner_features.FeatureExtractor(load_resources(args.out)), args.drop)
    _STATE.update(args=args, train=train, extractor=extractor)
    models = args.models or args.out
    models.mkdir(parents=True, exist_ok=True)
    first_path = models / "ner1.crfsuite"
    second_path = models / "ner2.crfsuite"
    cache = args.models / "jackknife.pickle" if args.models else None  # never in the package
    if args.reuse_first and cache and cache.exists() and first_path.exists():
        jackknifed: list[FirstPass] = pickle.loads(cache.read_bytes())
        print("first pass and jack-knifed tags reused", flush=True)
    else:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            first_future = pool.submit(_full_job, first_path)
            if not args.first_pass_only:
                fold_results = dict(pool.map(_fold_job, range(args.folds)))
            first_future.result()
        print(f"first pass trained ({time.time() - started:.0f}s)", flush=True)
        print_report("testa pass1", f1_report(testa, tag_docs(testa, extractor, first_path, None)))
        if args.first_pass_only:
            return
        jackknifed = [([], []) for _ in train]
        for fold, results in fold_results.items():
            held_numbers = [n for n in range(len(train)) if n % args.folds == fold]
            for number, result in zip(held_numbers, results, strict=True):
                jackknifed[number] = result
        if cache:
            cache.write_bytes(pickle.dumps(jackknifed))
    print_report("train jackknife pass1", f1_report(train, [tags for tags, _ in jackknifed]))
    train_model(second_path, second_pass_items(train, extractor, jackknifed), args, second=True)
    print(f"second pass trained ({time.time() - started:.0f}s)", flush=True)
    predicted = tag_docs(testa, extractor, first_path, second_path)
    print_report("testa pass2", f1_report(testa, predicted))
    if args.predictions:
        write_predictions(args.predictions / "ned.testa.pred", testa, predicted)
    if args.report_test:
        testb = read_docs(args.conll / "ned.testb")
        predicted = tag_docs(testb, extractor, first_path, second_path)
        print_report("testb pass2", f1_report(testb, predicted))
        if args.predictions:
            write_predictions(args.predictions / "ned.testb.pred", testb, predicted)


if __name__ == "__main__":
    main()
