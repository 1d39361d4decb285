"""Speed and memory of the named-entity tagger (`kroniek ner`) on CoNLL input.

    .venv/bin/python -m benchmarks.ner_throughput [CONLL_FILE] [--rounds 3]

CONLL_FILE defaults to ``../shared/corpora/conll2002/ned.testa`` (any file with the token in the
first column works). Speed is counted in CPU seconds of this process (one core, free of the
machine's load): the full two-pass tagger as ``kroniek ner --conll`` runs it (``tag_conll``),
against a baseline measured in the same run on the same tokens, the first-pass CRF alone with the
same features (a plain single CRF). Model loading happens before the clock starts; the best of
``--rounds`` rounds counts (the feature cache is warm by then). Cold, end to end: the CPU time of a
`kroniek ner --conll` process on the whole file less that of one on a one-token file (start-up and
model loading), from ``wait4``. Memory: peak resident set (``ru_maxrss``) of those two processes
and of a bare interpreter importing kroniek's CLI. Targets: at least 10,000 tokens/s on one core,
under 500 MB resident.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FILE = REPO.parent / "shared" / "corpora" / "conll2002" / "ned.testa"
TARGET_TOKENS_PER_SECOND = 10_000
TARGET_RSS_MB = 500
DOCSTART = "-DOCSTART-"


def read_documents(lines: list[str]) -> list[list[list[str]]]:
    """Sentences of tokens per document (``-DOCSTART-`` starts a document)."""
    documents: list[list[list[str]]] = [[]]
    sentence: list[str] = []
    for line in lines:
        parts = line.split()
        if parts and parts[0] != DOCSTART:
            sentence.append(parts[0])
            continue
        if sentence:
            documents[-1].append(sentence)
            sentence = []
        if parts:
            documents.append([])
    if sentence:
        documents[-1].append(sentence)
    return [doc for doc in documents if doc]


def cpu_seconds(work: object, rounds: int) -> float:
    """Best CPU time of ``rounds`` calls of ``work``."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        work()  # type: ignore[operator]
        best = min(best, time.process_time() - started)
    return best


def run_child(command: list[str]) -> tuple[float, float]:
    """CPU seconds and peak resident memory (MB) of a child process running ``command``."""
    with subprocess.Popen(command, stdout=subprocess.DEVNULL) as process:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conll", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    from kroniek.nlp import ner

    lines = args.conll.read_text(encoding="utf-8", errors="replace").splitlines()
    documents = read_documents(lines)
    tokens = sum(len(sentence) for doc in documents for sentence in doc)
    extractor = ner._extractor()
    first = ner._tagger(ner.FIRST_PASS_MODEL)

    def baseline() -> None:
        for doc in documents:
            ner.tag_document(doc, extractor, first, None)

    def full() -> None:
        for _ in ner.tag_conll(lines):
            pass

    full()  # warm-up: loads the models and fills the feature cache
    base_seconds = cpu_seconds(baseline, args.rounds)
    full_seconds = cpu_seconds(full, args.rounds)
    base_rate, full_rate = tokens / base_seconds, tokens / full_seconds
    print(f"{args.conll.name}: {len(documents)} documents, {tokens} tokens")
    print(f"baseline (first-pass CRF only): {base_rate:10,.0f} tokens/CPU-s")
    print(f"kroniek ner (two passes):       {full_rate:10,.0f} tokens/CPU-s")
    print(f"ratio two passes / baseline:    {full_rate / base_rate:10.2f}")

    cli = [sys.executable, "-c", "from kroniek.cli import main; main()", "ner", "--conll"]
    _, bare_mb = run_child([sys.executable, "-c", "import kroniek.cli"])
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp) / "one.conll"
        tiny.write_text("Gent\n", encoding="utf-8")
        start_cpu, start_mb = run_child([*cli, str(tiny)])
    file_cpu, ner_mb = run_child([*cli, str(args.conll)])
    cold_rate = tokens / max(file_cpu - start_cpu, 1e-9)
    print(f"kroniek ner --conll, cold cache:{cold_rate:10,.0f} tokens/CPU-s", end=" ")
    print(f"(start-up and model loading {start_cpu:.1f} CPU-s not counted)")
    print(f"peak RSS, interpreter + kroniek.cli:    {bare_mb:5.0f} MB")
    print(f"peak RSS, kroniek ner, one token:       {start_mb:5.0f} MB")
    print(
        f"peak RSS, kroniek ner --conll the file: {ner_mb:5.0f} MB ({ner_mb / bare_mb:.2f}x bare)"
    )

    speed_ok = min(full_rate, cold_rate) >= TARGET_TOKENS_PER_SECOND
    memory_ok = ner_mb < TARGET_RSS_MB
    print(
        f"target >= {TARGET_TOKENS_PER_SECOND:,} tokens/s: {'met' if speed_ok else 'MISSED'}; "
        f"target < {TARGET_RSS_MB} MB: {'met' if memory_ok else 'MISSED'}"
    )
    return 0 if speed_ok and memory_ok else 1


if __name__ == "__main__":
    sys.exit(main())
