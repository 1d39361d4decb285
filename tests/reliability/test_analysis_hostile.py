"""The analysis pipeline on hostile text: bounded time, and every offset exact.

Time is measured as CPU time of this process (``time.process_time``), so a machine busy with
other work does not fail the test; the bound is several times what the pipeline needs. Sizes stay
at tens of kilobytes: several stages are quadratic in article or sentence length (RELIABILITY.md,
known limits), so hundreds of kilobytes take minutes.
"""

from __future__ import annotations

import time

import pytest

from kroniek.ingest.build import content_id
from kroniek.models import Article, Doc
from kroniek.pipeline import analyze_article
from kroniek.record import to_record
from tests.reliability.hostile import ARTICLE_TEXT

CPU_SECONDS = 5.0
SENTENCE = "De minister van Defensie zei dinsdag in Brussel dat Nederland extra troepen stuurt. "
WORDS = ["de", "minister", "zei", "dat", "rusland", "oekraïne", "aanviel", "en", "dat", "de", "navo", "in", "brussel", "vergaderde", "terwijl", "mark", "rutte", "met", "de", "koning", "sprak", "over", "gisteren", "en", "vorige", "week"]  # fmt: skip

HOSTILE_TEXTS = {
    "10,000 straight quotes": ARTICLE_TEXT + "\n\n" + '"' * 10_000,
    "1,000 quoted fragments": ARTICLE_TEXT
    + "\n\n"
    + " ".join(f"„{w}”, zei {w.capitalize()}." for w in WORDS * 200)[:20_000],
    "unbalanced quotes": ARTICLE_TEXT + "\n\n" + ('"De minister zei ' + SENTENCE) * 100,
    "right-to-left marks": ARTICLE_TEXT.replace(" ", " \u200f")
    + "\n\n"
    + (SENTENCE.replace("Brussel", "\u202eBrussel\u202c") * 100),
    "one 5,000-word sentence": " ".join(WORDS[i % len(WORDS)] for i in range(5_000)),
    "4,000 capitalised words, no full stop": " ".join(w.capitalize() for w in WORDS * 180),
    "400 dates in one sentence": " ".join(
        f"op {d % 28 + 1} maart {1900 + d} om {d % 24}u{d % 60:02d}" for d in range(400)
    ),
    "lone surrogate replaced, combining marks": ARTICLE_TEXT + "\ufffd" + "e\u0301" * 5_000,
}


def _article(text: str) -> Article:
    return Article(id=content_id(text), text=text, source_file="hostile.txt",
                   published="2024-03-05", paragraphs=[(0, len(text))], language="nl")  # fmt: skip


def _offset_problems(doc: Doc) -> list[str]:
    text = doc.text
    spans = [(f"entity {e.id}", m.start, m.end, m.text) for e in doc.entities for m in e.mentions]
    spans += [(f"place {p.id}", m.start, m.end, m.text) for p in doc.places for m in p.mentions]
    spans += [("time", t.start, t.end, t.text) for t in doc.times]
    spans += [("quote", q.start, q.end, q.text) for q in doc.quotes]
    spans += [("trigger", e.trigger.start, e.trigger.end, e.trigger.text) for e in doc.events]
    spans += [("token", t.start, t.end, t.text) for s in doc.sentences for t in s.tokens]
    return [f"{kind} {start}:{end} {expected!r} != {text[start:end]!r}"
            for kind, start, end, expected in spans if text[start:end] != expected]  # fmt: skip


@pytest.mark.parametrize("name", list(HOSTILE_TEXTS))
def test_analysis_of_hostile_text_is_bounded_and_exact(name: str) -> None:
    article = _article(HOSTILE_TEXTS[name])
    analyze_article(_article(ARTICLE_TEXT))  # load models and lexicons outside the measurement
    started = time.process_time()
    doc = analyze_article(article)
    spent = time.process_time() - started
    print(f"{name}: {len(article.text)} chars, {spent:.2f} s CPU")
    assert spent < CPU_SECONDS, f"{name}: {spent:.1f} s of CPU"
    assert not _offset_problems(doc)[:5]
    record = to_record(doc)
    for quote in record["quotes"]:
        assert article.text[quote["start"] : quote["end"]] == quote["text"]
