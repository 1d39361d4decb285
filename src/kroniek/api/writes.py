"""The write operations: ingest of an uploaded body (any input the file readers accept) and
re-analysis of stored articles."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator

from kroniek.errors import InputError
from kroniek.ingest.formats import SNIFF_BYTES, guess_format, reader_for
from kroniek.ingest.options import ReadOptions
from kroniek.models import Article, IngestError
from kroniek.runner import Ingester, IngestSummary, analyze_one, analyze_pending, status_of
from kroniek.store import Store

MIB = 1024 * 1024
MAX_UPLOAD_BYTES = 5 * MIB
SOURCE_PREFIX = "api:"
NAME_CHARS = 120
HASH_CHARS = 16


def source_name(data: bytes, filename: str | None) -> str:
    """A stable source name for an upload: the same body (and name) posted twice is one source,
    so a repeated POST stores nothing new. The file name's extension guides format guessing."""
    digest = hashlib.sha256(data).hexdigest()[:HASH_CHARS]
    name = (filename or "upload").replace("/", "_").replace("\\", "_")[-NAME_CHARS:]
    return f"{SOURCE_PREFIX}{digest}/{name}"


def read_upload(
    data: bytes, name: str, fmt: str | None, options: ReadOptions
) -> Iterator[Article | IngestError]:
    try:
        chosen = fmt or guess_format(name, data[:SNIFF_BYTES])
        reader = reader_for(chosen)
    except InputError as error:
        yield IngestError(name, str(error))
        return
    try:
        yield from reader(io.BufferedReader(io.BytesIO(data)), name, options)
    except InputError as error:
        yield IngestError(name, str(error))
    except Exception as error:  # a reader bug must not take the server down
        yield IngestError(name, f"unreadable {chosen} input: {type(error).__name__}: {error}")


def ingest_upload(
    store: Store,
    data: bytes,
    filename: str | None = None,
    fmt: str | None = None,
    analyze: bool = True,
) -> tuple[IngestSummary, list[str]]:
    """Store the articles in ``data``; returns the summary and the ids of the articles read."""
    name = source_name(data, filename)
    ingester = Ingester(store, analyze=analyze)
    ids: list[str] = []
    for item in read_upload(data, name, fmt, ReadOptions(format=fmt)):
        if isinstance(item, Article):
            ids.append(item.id)
        ingester.add(item)
    ingester.flush()
    return ingester.summary, ids


MAX_REANALYZE_IDS = 1000
MAX_PENDING_PER_REQUEST = 200  # about 5 s of analysis: a request must not run for minutes


def reanalyze(store: Store, ids: list[str] | None) -> tuple[int, int]:
    """Analyse again the articles with these ids (unknown ids are ignored), or, without ids,
    the oldest ``MAX_PENDING_PER_REQUEST`` articles stored without analysis. Returns how many
    were analysed and how many are still pending."""
    if ids is None:
        done = analyze_pending(store, most=MAX_PENDING_PER_REQUEST)
    else:
        articles = store.stored_articles(ids)
        for article in articles:
            store.save_analysis(article.id, analyze_one(article), status_of(article))
        done = len(articles)
    return done, store.pending_count()
