"""Continuous ingest: poll folders and RSS/Atom feeds, store what is new, forever or once.

The only state that matters lives in the store: every source already stored (a file and line,
or a feed item's link) is skipped by the ``Ingester``, so a restarted watcher repeats nothing.
In memory the watcher only keeps what saves work: file sizes between polls, the files it has
already read in their current form, and each feed's ETag/Last-Modified validators.

- A file counts when its size and modification time are the same on two polls in a row, so
  a file still being written is left for a later pass. Appended rows (JSONL, CSV) are new
  sources and are stored; a whole-file article is keyed by its path, so rewriting it in place
  does not store it again (write new articles under new names).
- A feed item's source key is its link (or, without one, the feed URL and the text's content
  id): stable while the feed's item order shifts, unlike the item number ``read_feed`` gives.
- A feed that cannot be fetched or parsed is recorded as an ingest error for its URL (once)
  and reported every pass; the loop goes on.
"""

from __future__ import annotations

import contextlib
import io
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from kroniek import __version__
from kroniek.errors import KroniekError
from kroniek.ingest import ReadOptions, iter_articles
from kroniek.ingest.feeds import read_feed
from kroniek.ingest.sources import walk_inputs as input_files
from kroniek.models import Article, IngestError
from kroniek.runner import (
    DEFAULT_BATCH_SIZE,
    MAX_ERROR_SAMPLES,
    BatchAnalyzer,
    Ingester,
    IngestSummary,
)
from kroniek.store import Store

DEFAULT_INTERVAL_SECONDS = 60.0
FETCH_TIMEOUT_SECONDS = 20.0
MAX_FEED_BYTES = 20 * 1024 * 1024  # a news feed is kilobytes; anything this large is refused
FEED_SCHEMES = ("http://", "https://")
COMMENT = "#"
USER_AGENT = f"kroniek/{__version__} (feed watcher)"
NOT_MODIFIED = 304

FileSignature = tuple[int, int]  # (size in bytes, modification time in ns)


@dataclass(frozen=True, slots=True)
class WatchSettings:
    interval: float = DEFAULT_INTERVAL_SECONDS  # seconds between polls
    once: bool = False  # one pass (after one interval for files to settle), then return
    batch_size: int = DEFAULT_BATCH_SIZE
    fetch_timeout: float = FETCH_TIMEOUT_SECONDS
    max_feed_bytes: int = MAX_FEED_BYTES
    options: ReadOptions = field(default_factory=ReadOptions)


@dataclass(slots=True)
class PassReport:
    """What one poll found; ``summary`` counts as in ``kroniek ingest``."""

    summary: IngestSummary
    files: int = 0  # files read (new or grown, and stable)
    feeds_fetched: int = 0
    feeds_unchanged: int = 0  # answered 304 Not Modified
    feed_errors: list[str] = field(default_factory=list)


class FeedError(KroniekError):
    """A feed that cannot be fetched (network, HTTP status, size)."""


@dataclass(slots=True)
class Validators:
    """HTTP cache validators of a feed's last response, sent back to skip an unchanged feed."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def fetch_feed(
    url: str, validators: Validators, timeout: float, max_bytes: int
) -> tuple[bytes, Validators] | None:
    """The feed's bytes and new validators, or None when the server says it is unchanged."""
    if not url.lower().startswith(FEED_SCHEMES):
        raise FeedError("not an http(s) URL")
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, **validators.headers()}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            headers = response.headers
    except urllib.error.HTTPError as error:
        if error.code == NOT_MODIFIED:
            return None
        raise FeedError(f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FeedError(f"cannot fetch: {error.reason}") from None
    except (TimeoutError, OSError) as error:
        raise FeedError(f"cannot fetch: {error}") from None
    if len(data) > max_bytes:
        raise FeedError(f"feed over the {max_bytes} byte limit")
    return data, Validators(headers.get("ETag"), headers.get("Last-Modified"))


def feed_items(data: bytes, feed_url: str, options: ReadOptions) -> Iterator[Article | IngestError]:
    """The feed's items, each keyed by its own link so the key survives feed updates."""
    for item in read_feed(io.BytesIO(data), feed_url, options):
        if isinstance(item, IngestError):
            yield item
        else:
            yield replace(item, source_file=item_key(item, feed_url), line=None)


def item_key(article: Article, feed_url: str) -> str:
    """The link of a feed item; without one, the feed URL and the item's content id."""
    return article.url or f"{feed_url}{COMMENT}{article.id}"


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs, one a line; blank lines and ``#`` comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise KroniekError(f"cannot read the feed list {path}: {error.strerror or error}") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


class FolderPoller:
    """Input files below some folders that are complete and not yet read in this form."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self._last_seen: dict[Path, FileSignature] = {}
        self._read: dict[Path, FileSignature] = {}

    def scan(self) -> dict[Path, FileSignature]:
        found: dict[Path, FileSignature] = {}
        for folder in self.folders:
            for path in input_files(folder):
                try:
                    status = path.stat()
                except OSError:  # removed between listing and stat
                    continue
                found[path] = (status.st_size, status.st_mtime_ns)
        return found

    def ready(self) -> list[tuple[Path, FileSignature]]:
        """Files unchanged since the last poll, new or changed since they were last read."""
        current = self.scan()
        settled = [
            (path, signature)
            for path, signature in current.items()
            if self._last_seen.get(path) == signature and self._read.get(path) != signature
        ]
        self._last_seen = current
        return settled

    def mark_read(self, path: Path, signature: FileSignature) -> None:
        self._read[path] = signature


class Watcher:
    """One poll at a time over folders and the feeds listed in a file."""

    def __init__(
        self,
        store: Store,
        folders: list[Path],
        feed_list: Path | None,
        settings: WatchSettings,
        analyzer: BatchAnalyzer | None = None,
    ) -> None:
        self.store = store
        self.folders = FolderPoller(folders)
        self.feed_list = feed_list
        self.settings = settings
        self.analyzer = analyzer
        self._validators: dict[str, Validators] = {}
        self._feeds = read_feed_list(feed_list) if feed_list else []

    def prime(self) -> None:
        """First look at the folders: the sizes the next poll compares against."""
        self.folders.ready()

    def run_pass(self) -> PassReport:
        started = datetime.now(UTC).isoformat(timespec="seconds")
        ingester = Ingester(self.store, batch_size=self.settings.batch_size, analyzer=self.analyzer)
        report = PassReport(summary=ingester.summary)
        files = self.folders.ready()
        for path, _signature in files:
            for item in iter_articles([str(path)], self.settings.options):
                ingester.add(item)
        refreshed = self._poll_feeds(ingester, report)
        ingester.flush()
        if ingester.summary.new:  # as after `kroniek ingest`: new articles join story clusters
            from kroniek.stories import assign_stories

            assign_stories(self.store, since=started)
        for path, signature in files:
            self.folders.mark_read(path, signature)
        self._validators.update(refreshed)
        report.files = len(files)
        return report

    def _poll_feeds(self, ingester: Ingester, report: PassReport) -> dict[str, Validators]:
        """Fetch every listed feed into ``ingester``; return the validators to keep."""
        if self.feed_list is not None:
            # keep polling the last list read while the file is being replaced
            with contextlib.suppress(KroniekError):
                self._feeds = read_feed_list(self.feed_list)
        refreshed: dict[str, Validators] = {}
        for url in self._feeds:
            try:
                fetched = fetch_feed(
                    url, self._validators.get(url, Validators()),
                    self.settings.fetch_timeout, self.settings.max_feed_bytes,
                )  # fmt: skip
            except FeedError as error:
                ingester.add(IngestError(url, str(error)))
                report.feed_errors.append(f"{url}: {error}")
                continue
            if fetched is None:
                report.feeds_unchanged += 1
                continue
            data, refreshed[url] = fetched
            report.feeds_fetched += 1
            for item in feed_items(data, url, self.settings.options):
                if isinstance(item, IngestError) and item.line is None:
                    report.feed_errors.append(f"{url}: {item.reason}")
                ingester.add(item)
        return refreshed


def watch(
    store: Store,
    folders: list[Path],
    feed_list: Path | None = None,
    settings: WatchSettings | None = None,
    analyzer: BatchAnalyzer | None = None,
    on_pass: Callable[[PassReport], None] | None = None,
    stop: threading.Event | None = None,
) -> IngestSummary:
    """Poll until ``stop`` is set or Ctrl-C (or once); return the totals of every pass."""
    settings = settings or WatchSettings()
    stop = stop or threading.Event()
    missing = [str(folder) for folder in folders if not folder.is_dir()]
    if missing:
        raise KroniekError(f"not a folder: {', '.join(missing)}")
    watcher = Watcher(store, folders, feed_list, settings, analyzer)
    total = IngestSummary()
    try:
        watcher.prime()
        if settings.once:
            if folders:
                stop.wait(settings.interval)  # files need a second look to count as complete
            _add_pass(total, watcher.run_pass(), on_pass)
            return total
        while not stop.is_set():
            started = time.monotonic()
            _add_pass(total, watcher.run_pass(), on_pass)
            stop.wait(max(0.0, settings.interval - (time.monotonic() - started)))
    except KeyboardInterrupt:
        pass  # a partial batch is not stored; the next run reads it again
    return total


def _add_pass(
    total: IngestSummary, report: PassReport, on_pass: Callable[[PassReport], None] | None
) -> None:
    part = report.summary
    total.read += part.read
    total.new += part.new
    total.duplicates += part.duplicates
    total.already += part.already
    total.near_duplicates += part.near_duplicates
    total.errors += part.errors
    room = max(0, MAX_ERROR_SAMPLES - len(total.error_samples))
    total.error_samples.extend(part.error_samples[:room])
    if on_pass is not None:
        on_pass(report)
