"""Ingest runs: read inputs, deduplicate, analyse, and store in batches.

A batch is written in one transaction, so a run killed at any point keeps every batch it
committed; a rerun sees those articles (by source and by content id) and completes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from kroniek import dedup
from kroniek.ingest import ReadOptions, iter_articles
from kroniek.models import Article, IngestError
from kroniek.store import ANALYSED, PENDING, SKIPPED, Batch, NewArticle, Store

DEFAULT_BATCH_SIZE = (
    200  # articles per transaction: larger is faster, smaller loses less on a crash
)

Progress = Callable[["IngestSummary"], None]
BatchAnalyzer = Callable[[list[Article]], list[dict[str, Any]]]


def analyze_one(article: Article) -> dict[str, Any]:
    """The SCHEMA.md record of one article (the unit of work for pools and clusters)."""
    from kroniek.pipeline import analyze_article
    from kroniek.record import to_record

    return to_record(analyze_article(article))


def analyze_batch(articles: list[Article]) -> list[dict[str, Any]]:
    """Analyse articles in this process, in order."""
    return [analyze_one(article) for article in articles]


def status_of(article: Article) -> str:
    """Dutch (or undecided) articles are analysed; others are stored and flagged skipped."""
    return ANALYSED if article.language in (None, DUTCH) else SKIPPED


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
MAX_CACHED_FILES = 1000  # source-line caches kept at once (bounded memory over huge folders)
DUTCH = "nl"


class Ingester:
    """Turns a stream of articles and errors into committed batches.

    Per article it only checks the source and fingerprints the text. Once per batch it looks
    up stored duplicates and near-duplicates, then analyses the batch's new articles with the
    ``analyzer`` (in this process, a process pool or a Dask cluster: see ``kroniek.parallel``),
    which keeps database round trips and model work out of the per-article path.
    """

    def __init__(
        self,
        store: Store,
        analyze: bool = True,
        batch_size: int = DEFAULT_BATCH_SIZE,
        analyzer: BatchAnalyzer | None = None,
    ) -> None:
        self.store = store
        self.analyze = analyze
        self.analyzer = analyzer or analyze_batch
        self.batch_size = batch_size
        self.summary = IngestSummary()
        self._pending: list[NewArticle] = []
        self._batch = Batch()
        self._batch_sources: set[tuple[str, int]] = set()
        self._known: dict[str, set[int]] = {}

    def add(self, item: Article | IngestError) -> None:
        if isinstance(item, IngestError):
            self._add_error(item)
        else:
            self._add_article(item)
        if len(self._pending) + len(self._batch) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Resolve the batch's duplicates against the store, then commit it."""
        pending, self._pending = self._pending, []
        self._settle_duplicates(pending)
        self._link_near_duplicates(self._batch.articles)
        if self.analyze and self._batch.articles:
            records = self.analyzer([new.article for new in self._batch.articles])
            for new, record in zip(self._batch.articles, records, strict=True):
                new.record = record
                new.status = status_of(new.article)
        if len(self._batch):
            self.store.write_batch(self._batch)
        self._batch = Batch()
        self._batch_sources.clear()

    def _known_lines(self, source_file: str) -> set[int]:
        if source_file not in self._known:
            if len(self._known) > MAX_CACHED_FILES:
                self._known.clear()
            self._known[source_file] = self.store.known_sources(source_file)
        return self._known[source_file]

    def _add_error(self, error: IngestError) -> None:
        source = (error.source_file, error.line or 0)
        if source[1] in self._known_lines(error.source_file) or source in self._batch_sources:
            return  # recorded by an earlier run
        self._batch_sources.add(source)
        self.summary.errors += 1
        if len(self.summary.error_samples) < MAX_ERROR_SAMPLES:
            self.summary.error_samples.append(str(error))
        self._batch.errors.append(error)

    def _add_article(self, article: Article) -> None:
        self.summary.read += 1
        source = (article.source_file, article.line or 0)
        if source[1] in self._known_lines(article.source_file) or source in self._batch_sources:
            self.summary.already += 1
            return
        self._batch_sources.add(source)
        self._pending.append(self._prepare(article))

    def _prepare(self, article: Article) -> NewArticle:
        fingerprint = dedup.fingerprint(article.text)
        new = NewArticle(article=article, status=PENDING)
        if fingerprint is not None:
            new.bands = fingerprint.bands
            new.minhash = fingerprint.to_bytes()
        return new

    def _settle_duplicates(self, pending: list[NewArticle]) -> None:
        """Articles whose text is already stored (or earlier in the batch) add only a source."""
        stored = self.store.existing_ids(n.article.id for n in pending)
        seen: set[str] = set()
        for new in pending:
            article = new.article
            if article.id in stored or article.id in seen:
                self.summary.duplicates += 1
                self._batch.sources.append(
                    {"article_id": article.id, "source_file": article.source_file,
                     "line": article.line or 0, "url": article.url, "outlet": article.outlet}
                )  # fmt: skip
                continue
            seen.add(article.id)
            self._batch.articles.append(new)
            self.summary.new += 1

    def _link_near_duplicates(self, batch: list[NewArticle]) -> None:
        """Link each new article to stored and earlier-in-batch articles it nearly repeats."""
        keys = [(band, bucket) for new in batch for band, bucket in enumerate(new.bands)]
        if not keys:
            return
        stored_matches = self.store.lsh_matches(keys)
        candidates_of: dict[str, set[str]] = {}
        in_batch: dict[tuple[int, int], list[NewArticle]] = {}
        for new in batch:
            found = candidates_of.setdefault(new.article.id, set())
            for key in enumerate(new.bands):
                found.update(stored_matches.get(key, []))
                found.update(other.article.id for other in in_batch.get(key, []))
                in_batch.setdefault(key, []).append(new)
        known = {n.article.id: (n.minhash or b"", n.article.agencies) for n in batch}
        needed = {i for ids in candidates_of.values() for i in ids} - known.keys()
        known.update(self.store.signatures_of(needed))
        for new in batch:
            if new.minhash is None:
                continue
            values = np.frombuffer(new.minhash, dtype=np.uint64)
            for other_id in sorted(candidates_of[new.article.id]):
                if other_id == new.article.id or other_id not in known:
                    continue
                minhash, agencies = known[other_id]
                score = dedup.similarity(values, minhash)
                if score < dedup.NEAR_DUPLICATE_JACCARD:
                    continue
                self._batch.near_duplicates.append({
                    "article_id": new.article.id, "other_id": other_id, "similarity": score,
                    "agency": dedup.shared_agency(new.article.agencies, agencies),
                })  # fmt: skip
                self.summary.near_duplicates += 1


def ingest_paths(
    paths: Iterable[str],
    store: Store,
    options: ReadOptions | None = None,
    analyze: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    analyzer: BatchAnalyzer | None = None,
    stories: bool = True,
) -> IngestSummary:
    """Read, deduplicate, (analyse) and store everything in ``paths``; then link the new
    articles into cross-outlet story clusters (``stories=False`` leaves that for later)."""
    started = datetime.now(UTC).isoformat(timespec="seconds")
    ingester = Ingester(store, analyze=analyze, batch_size=batch_size, analyzer=analyzer)
    for item in iter_articles(paths, options):
        ingester.add(item)
        if progress is not None:
            progress(ingester.summary)
    ingester.flush()
    if stories and ingester.summary.new:
        from kroniek.stories import assign_stories

        assign_stories(store, since=started)
    return ingester.summary


def analyze_pending(store: Store, batch: int = 100, progress: Progress | None = None) -> int:
    """Analyse articles stored without analysis (``ingest --no-analysis``); return how many."""
    done = 0
    summary = IngestSummary()
    while True:
        articles = store.pending(limit=batch)
        if not articles:
            return done
        for article in articles:
            store.save_analysis(article.id, analyze_one(article), status_of(article))
            done += 1
            summary.new = done
            if progress is not None:
                progress(summary)
