"""Time of each analysis stage, per sentence, on the bundled corpus (or any input).

    .venv/bin/python -m benchmarks.analysis_stages [PATH ...] [--rounds 3]

Prints CPU milliseconds per article and microseconds per sentence for every stage, the share
of event + quote extraction relative to the language stages before it (target: extraction adds
no more than 30% to the NLP stage), and end-to-end articles/s of `analyze` against a same-run
baseline (tokenisation alone).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from kroniek.ingest import iter_articles
from kroniek.models import Article, Doc
from kroniek.resources import data_path

PRE_EXTRACTION = ("tokenize", "morph", "ner", "actors", "places", "places->entities", "times")
EXTRACTION = ("quotes", "events")


def stages() -> list[tuple[str, Callable[[Doc], Any]]]:
    """The pipeline's stages in order, each storing its output on the doc as the pipeline does."""
    import importlib

    from kroniek.extract import events, quotes
    from kroniek.nlp import tokenize
    from kroniek.resolve import actors, places, times
    from kroniek.resolve.merge import reconcile

    def tokens(doc: Doc) -> None:
        article = doc.article
        doc.sentences = tokenize.split(article.text, [*article.paragraphs, *article.headings])

    found: list[tuple[str, Callable[[Doc], Any]]] = [("tokenize", tokens)]
    try:
        morph = importlib.import_module("kroniek.nlp.morph")
        found.append(("morph", morph.annotate))
    except ImportError:
        pass
    try:
        ner = importlib.import_module("kroniek.nlp.ner")
        found.append(("ner", lambda doc: setattr(doc, "names", ner.tag_doc(doc))))
    except ImportError:
        pass
    found += [
        ("actors", lambda doc: setattr(doc, "entities", actors.resolve(doc))),
        ("places", lambda doc: setattr(doc, "places", places.resolve(doc))),
        ("places->entities", lambda doc: setattr(doc, "entities", reconcile(doc)[0])),
        ("times", lambda doc: setattr(doc, "times", times.resolve(doc))),
        ("quotes", lambda doc: setattr(doc, "quotes", quotes.extract(doc))),
        ("events", lambda doc: setattr(doc, "events", events.extract(doc))),
    ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", default=[str(data_path("corpus"))])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = [a for a in iter_articles(args.paths) if isinstance(a, Article)]
    articles = [a for a in articles if a.language in (None, "nl")]
    from kroniek.pipeline import analyze_article

    for article in articles[:3]:
        analyze_article(article)  # load every model and cache before timing
    docs = [Doc(article=a) for a in articles]
    totals: dict[str, float] = {}
    for _ in range(args.rounds):
        work = [Doc(article=d.article) for d in docs]
        for name, stage in stages():
            started = time.process_time()
            for doc in work:
                stage(doc)
            elapsed = time.process_time() - started
            totals[name] = min(totals.get(name, float("inf")), elapsed)
    sentences = sum(len(d.sentences) for d in work)
    print(f"{len(docs)} Dutch articles, {sentences} sentences, best of {args.rounds} (CPU time)")
    for name, seconds in totals.items():
        print(f"  {name:18} {seconds / len(docs) * 1000:8.2f} ms/article "
              f"{seconds / sentences * 1e6:9.1f} us/sentence")  # fmt: skip
    language = sum(totals.get(name, 0.0) for name in PRE_EXTRACTION)
    extraction = sum(totals[name] for name in EXTRACTION)
    print(f"extraction (quotes+events) / language stages before it: {extraction / language:.2f} "
          f"(target <= 0.30)")
    end_to_end = language + extraction
    print(f"analysis end to end: {len(docs) / end_to_end:.1f} articles/s per core; "
          f"baseline tokenize only: {len(docs) / totals['tokenize']:.0f} articles/s; "
          f"ratio {totals['tokenize'] / end_to_end:.3f}")


if __name__ == "__main__":
    main()
