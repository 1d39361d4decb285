"""Ingest runs: read inputs, deduplicate, analyse, and store in batches.

A batch is written in one transaction, so a run killed at any point keeps every batch it
committed; a rerun sees those articles (by source and by content id) and completes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kroniek import dedup
from kroniek.ingest import ReadOptions, iter_articles
from kroniek.models import Article, IngestError
from kroniek.store import ANALYSED, PENDING, SKIPPED, Batch, NewArticle, Store

DEFAULT_BATCH_SIZE = 200  # articles per transaction: larger is faster, smaller loses less on a crash

Progress = Callable[["IngestSummary"], None]


@dataclass(slots=True)
class IngestSummary:
    read: int = 0  # articles read from the inputs (errors not counted)
    new: int = 0  # stored for the first time
    duplicates: int = 0  # same text as a stored article, from another source (source added)
    already: int = 0  # this very source was stored by an earlier run
    near_duplicates: int = 0  # links to similar articles (wire copies)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {
            "read": self.read,
            "new": self.new,
            "duplicates": self.duplicates,
            "already_stored": self.already,
            "near_duplicates": self.near_duplicates,
            "errors": self.errors,
        }


MAX_ERROR_SAMPLES = 20


@dataclass(slots=True)
class _BatchIndex:
    """What the open batch already holds, so duplicates inside one batch are caught too."""

    ids: set[str] = field(default_factory=set)
    sources: set[tuple[str, int]] = field(default_factory=set)
    buckets: dict[tuple[int, int], list[NewArticle]] = field(default_factory=dict)

    def clear(self) -> None:
        self.ids.clear()
        self.sources.clear()
        self.buckets.clear()


class Ingester:
    """Turns a stream of articles and errors into committed batches."""

    def __init__(self, store: Store, analyze: bool = True, batch_size: int = DEFAULT_BATCH_SIZE):
        self.store = store
        self.analyze = analyze
        self.batch_size = batch_size
        self.summary = IngestSummary()
        self._batch = Batch()
        self._index = _BatchIndex()
        self._known: dict[str, set[int]] = {}

    def add(self, item: Article | IngestError) -> None:
        if isinstance(item, IngestError):
            self._add_error(item)
        else:
            self._add_article(item)
        if len(self._batch) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if len(self._batch):
            self.store.write_batch(self._batch)
        self._batch = Batch()
        self._index.clear()

    def _known_lines(self, source_file: str) -> set[int]:
        if source_file not in self._known:
            if len(self._known) > 1000:  # bounded memory over huge folders
                self._known.clear()
            self._known[source_file] = self.store.known_sources(source_file)
        return self._known[source_file]

    def _add_error(self, error: IngestError) -> None:
        self.summary.errors += 1
        if len(self.summary.error_samples) < MAX_ERROR_SAMPLES:
            self.summary.error_samples.append(str(error))
        self._batch.errors.append(error)

    def _add_article(self, article: Article) -> None:
        self.summary.read += 1
        source = (article.source_file, article.line or 0)
        if source[1] in self._known_lines(article.source_file) or source in self._index.sources:
            self.summary.already += 1
            return
        self._index.sources.add(source)
        if article.id in self._index.ids or self.store.existing_ids([article.id]):
            self.summary.duplicates += 1
            self._batch.sources.append(
                {"article_id": article.id, "source_file": source[0], "line": source[1],
                 "url": article.url, "outlet": article.outlet}
            )  # fmt: skip
            return
        new = self._prepare(article)
        self._link_near_duplicates(new)
        self._batch.articles.append(new)
        self._index.ids.add(article.id)
        self.summary.new += 1

    def _prepare(self, article: Article) -> NewArticle:
        fingerprint = dedup.fingerprint(article.text)
        new = NewArticle(article=article, status=PENDING)
        if fingerprint is not None:
            new.bands = fingerprint.bands
            new.minhash = fingerprint.to_bytes()
        if self.analyze:
            from kroniek.pipeline import analyze_article
            from kroniek.record import to_record

            doc = analyze_article(article)
            new.record = to_record(doc)
            new.status = ANALYSED if article.language in (None, "nl") else SKIPPED
        return new

    def _link_near_duplicates(self, new: NewArticle) -> None:
        if new.minhash is None:
            return
        import numpy as np

        values = np.frombuffer(new.minhash, dtype=np.uint64)
        candidates: dict[str, tuple[bytes, list[str]]] = {}
        for article_id, minhash in self.store.lsh_candidates(new.bands).items():
            candidates[article_id] = (minhash, [])
        for key in enumerate(new.bands):
            for other in self._index.buckets.get(key, []):
                if other.minhash is not None:
                    candidates[other.article.id] = (other.minhash, other.article.agencies)
            self._index.buckets.setdefault(key, []).append(new)
        stored_agencies = self._stored_agencies([i for i, (_, a) in candidates.items() if not a])
        for other_id, (minhash, agencies) in candidates.items():
            score = dedup.similarity(values, minhash)
            if other_id == new.article.id or score < dedup.NEAR_DUPLICATE_JACCARD:
                continue
            other_agencies = agencies or stored_agencies.get(other_id, [])
            self._batch.near_duplicates.append({
                "article_id": new.article.id, "other_id": other_id, "similarity": score,
                "agency": dedup.shared_agency(new.article.agencies, other_agencies),
            })  # fmt: skip
            self.summary.near_duplicates += 1

    def _stored_agencies(self, ids: list[str]) -> dict[str, list[str]]:
        if not ids:
            return {}
        return {row["id"]: row["agencies"] for row in map(self.store.article, ids) if row}


def ingest_paths(
    paths: Iterable[str],
    store: Store,
    options: ReadOptions | None = None,
    analyze: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> IngestSummary:
    """Read, deduplicate, (analyse) and store everything in ``paths``."""
    ingester = Ingester(store, analyze=analyze, batch_size=batch_size)
    for item in iter_articles(paths, options):
        ingester.add(item)
        if progress is not None:
            progress(ingester.summary)
    ingester.flush()
    return ingester.summary


def analyze_pending(store: Store, batch: int = 100, progress: Progress | None = None) -> int:
    """Analyse articles stored without analysis (``ingest --no-analysis``); return how many."""
    from kroniek.pipeline import analyze_article
    from kroniek.record import to_record

    done = 0
    summary = IngestSummary()
    while True:
        articles = store.pending(limit=batch)
        if not articles:
            return done
        for article in articles:
            record = to_record(analyze_article(article))
            status = ANALYSED if article.language in (None, "nl") else SKIPPED
            store.save_analysis(article.id, record, status)
            done += 1
            summary.new = done
            if progress is not None:
                progress(summary)
