"""Ingest runs: read inputs, deduplicate, analyse, and store in batches.

A batch is written in one transaction, so a run killed at any point keeps every batch it
committed; a rerun sees those articles (by source and by content id) and completes the rest.

With a pool or a cluster the batches are pipelined: a batch is settled (duplicates and
near-duplicates decided, in input order) and handed to the analyzer, and the ingester goes on
reading and settling the next ones while the workers analyse; batches are written in input
order as their records arrive, at most ``depth`` of them waiting. Settling looks at the store
and at the batches settled but not yet written, so every decision is the one a run that waits
for each batch makes, whatever the timing.
"""

from __future__ import annotations

import ctypes
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

import numpy as np

from kroniek import dedup
from kroniek.ingest import ReadOptions, iter_articles
from kroniek.models import Article, IngestError
from kroniek.store import ANALYSED, PENDING, SKIPPED, Batch, NewArticle, Store

DEFAULT_BATCH_SIZE = (
    200  # articles per transaction: larger is faster, smaller loses less on a crash
)

Progress = Callable[["IngestSummary"], None]
Records = list[dict[str, Any]]
BatchAnalyzer = Callable[[list[Article]], Records]
Waiter = Callable[[], Records]  # waits for a submitted batch's records, in input order


@runtime_checkable
class PipelinedAnalyzer(Protocol):
    """A ``BatchAnalyzer`` that also takes batches ahead: ``submit`` starts a batch's analysis
    and returns a ``Waiter`` for its records; the ingester keeps ``depth`` batches submitted
    while it writes an earlier one, so the workers never wait for the writer."""

    depth: int

    def __call__(self, articles: list[Article]) -> Records: ...

    def submit(self, articles: list[Article]) -> Waiter: ...


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
TRIM_EVERY = 10  # batches written between two returns of freed heap memory to the OS
MAX_CACHED_FILES = 1000  # source-line caches kept at once (bounded memory over huge folders)
DUTCH = "nl"


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``; None where the C library has none (macOS, musl)."""
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def release_free_memory() -> None:
    """Hand the C heap's free pages back to the operating system.

    A long ingest frees what it allocates (the heap in use stays flat), but glibc keeps freed
    chunks, and as they fragment the heap grew and with it the resident set, by about 0.5 MB
    per 10,000 articles (``benchmarks/ingest_memory.py``). ``malloc_trim`` also returns the free
    pages inside the heap, in about 0.2 ms.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@dataclass(slots=True)
class _Settled:
    """A batch whose duplicates are decided, waiting for its records (if any) to be written."""

    batch: Batch
    records: Waiter | None = None


class _Unwritten:
    """The articles of settled batches not yet written: what lookups of stored articles must
    also see, so that pipelining changes no duplicate or near-duplicate decision."""

    def __init__(self) -> None:
        self.articles: dict[str, NewArticle] = {}
        self.buckets: dict[tuple[int, int], list[str]] = {}

    def add(self, batch: Batch) -> None:
        for new in batch.articles:
            self.articles[new.article.id] = new
            for key in enumerate(new.bands):
                self.buckets.setdefault(key, []).append(new.article.id)

    def remove(self, batch: Batch) -> None:
        for new in batch.articles:
            self.articles.pop(new.article.id, None)
            for key in enumerate(new.bands):
                ids = self.buckets.get(key, [])
                if new.article.id in ids:
                    ids.remove(new.article.id)
                if not ids:
                    self.buckets.pop(key, None)

    def matches(self, keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
        return {key: list(self.buckets[key]) for key in keys if key in self.buckets}

    def signatures(self, ids: Iterable[str]) -> dict[str, tuple[bytes, list[str]]]:
        found = (self.articles[i] for i in ids if i in self.articles)
        return {n.article.id: (n.minhash, n.article.agencies) for n in found if n.minhash}


class Ingester:
    """Turns a stream of articles and errors into committed batches.

    Per article it only checks the source and fingerprints the text. Once per batch it looks
    up stored duplicates and near-duplicates, then analyses the batch's new articles with the
    ``analyzer`` (in this process, a process pool or a Dask cluster: see ``kroniek.parallel``),
    which keeps database round trips and model work out of the per-article path. A
    ``PipelinedAnalyzer`` gets the next batches while an earlier one is written; ``flush``
    writes everything added so far.
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
        self._pipeline: PipelinedAnalyzer | None = None
        if analyze and isinstance(self.analyzer, PipelinedAnalyzer):
            self._pipeline = self.analyzer
        self.depth = max(0, self._pipeline.depth) if self._pipeline is not None else 0
        self.batch_size = batch_size
        self.summary = IngestSummary()
        self._pending: list[NewArticle] = []
        self._batch = Batch()
        self._batch_sources: set[tuple[str, int]] = set()
        self._known: dict[str, set[int]] = {}
        self._settled: deque[_Settled] = deque()
        self._unwritten = _Unwritten()
        self._written = 0  # batches

    def add(self, item: Article | IngestError) -> None:
        if isinstance(item, IngestError):
            self._add_error(item)
        else:
            self._add_article(item)
        if len(self._pending) + len(self._batch) >= self.batch_size:
            self._settle()
            self._write(keep=self.depth)

    def flush(self) -> None:
        """Settle the open batch, then write every settled batch (waiting for its records)."""
        self._settle()
        self._write(keep=0)
        release_free_memory()

    def _settle(self) -> None:
        """Resolve the open batch's duplicates and hand its new articles to the analyzer."""
        pending, self._pending = self._pending, []
        self._settle_duplicates(pending)
        self._link_near_duplicates(self._batch.articles)
        batch, self._batch = self._batch, Batch()
        self._batch_sources.clear()
        if not len(batch):
            return
        settled = _Settled(batch)
        if self.analyze and batch.articles:
            articles = [new.article for new in batch.articles]
            if self._pipeline is not None and self.depth:
                settled.records = self._pipeline.submit(articles)
            else:
                records = self.analyzer(articles)
                settled.records = lambda: records
        self._unwritten.add(batch)
        self._settled.append(settled)

    def _write(self, keep: int) -> None:
        """Write settled batches, oldest first, until at most ``keep`` are left."""
        while len(self._settled) > keep:
            settled = self._settled[0]
            if settled.records is not None:
                records = settled.records()
                for new, record in zip(settled.batch.articles, records, strict=True):
                    new.record = record
                    new.status = status_of(new.article)
            self.store.write_batch(settled.batch)
            self._settled.popleft()
            self._unwritten.remove(settled.batch)
            self._written += 1
            if self._written % TRIM_EVERY == 0:
                release_free_memory()

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
        """Articles whose text is already stored (or settled earlier) add only a source."""
        stored = self.store.existing_ids(n.article.id for n in pending)
        stored.update(n.article.id for n in pending if n.article.id in self._unwritten.articles)
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
        """Link each new article to stored, settled and earlier-in-batch articles it nearly
        repeats."""
        keys = [(band, bucket) for new in batch for band, bucket in enumerate(new.bands)]
        if not keys:
            return
        stored_matches = self.store.lsh_matches(keys)
        for key, ids in self._unwritten.matches(keys).items():
            stored_matches.setdefault(key, []).extend(ids)
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
        known.update(self._unwritten.signatures(needed))
        known.update(self.store.signatures_of(needed - known.keys()))
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


def analyze_pending(
    store: Store, batch: int = 100, progress: Progress | None = None, most: int | None = None
) -> int:
    """Analyse articles stored without analysis (``ingest --no-analysis``), at most ``most`` of
    them (oldest first); return how many."""
    done = 0
    summary = IngestSummary()
    while True:
        wanted = batch if most is None else min(batch, most - done)
        articles = store.pending(limit=wanted) if wanted > 0 else []
        if not articles:
            return done
        for article in articles:
            store.save_analysis(article.id, analyze_one(article), status_of(article))
            done += 1
            summary.new = done
            if progress is not None:
                progress(summary)
