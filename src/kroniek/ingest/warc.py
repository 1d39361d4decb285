"""WARC and ARC web archives (plain or gzip): every HTML page fetched with HTTP 200 is an article.

``Article.line`` is the record's number in the archive (1-based, counting every record). Requests,
metadata, revisits, redirects and non-HTML responses are skipped without a word. A record that
cannot be read ends the file with an ``IngestError``: after a broken record or a truncated gzip
member there is no reliable way to find the next one. warcio ends quietly on an archive cut off
inside a record, so the reader checks each record's length and what is left after the last one.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from kroniek.errors import InputError
from kroniek.ingest.build import make_article
from kroniek.ingest.decode import decode_bytes
from kroniek.ingest.html import page_from_html
from kroniek.ingest.options import ReadOptions
from kroniek.models import Article, IngestError

RESPONSE = "response"
HTTP_RECORDS = (RESPONSE, "request")  # never empty: they hold at least the HTTP headers
HTTP_OK = "200"
HTML_TYPES = ("text/html", "application/xhtml+xml")
ISO_DATE_CHARS = len("2023-03-14")
TRUNCATED = "WARC record cut short: the archive is truncated"
MAX_REASON_CHARS = 200  # warcio quotes the whole bad first line, which may be kilobytes of binary


def read_warc(
    stream: BinaryIO, source_file: str, options: ReadOptions
) -> Iterator[Article | IngestError]:
    """Every HTML page of one archive, in record order; a broken archive ends with an error."""
    from warcio.archiveiterator import ArchiveIterator

    iterator = ArchiveIterator(stream, arc2warc=True)
    number = 0
    previous: Any = None
    try:
        for number, record in enumerate(iterator, start=1):
            if previous is not None and _cut_short(previous):
                yield IngestError(source_file, TRUNCATED, number - 1)
                return
            previous = record
            if _header_cut_off(record):
                yield IngestError(source_file, TRUNCATED, number)
                return
            if is_html_page(record):
                result = _read_record(record, source_file, number, options)
                yield result
                if isinstance(result, IngestError) and result.reason == TRUNCATED:
                    return
    except Exception as error:  # warcio fails in many ways on a broken archive; report, stop
        reason = " ".join(str(error).split())[:MAX_REASON_CHARS].strip() or type(error).__name__
        yield IngestError(source_file, f"corrupt WARC record: {reason}", number + 1)
        return
    if previous is not None and _cut_short(previous):
        yield IngestError(source_file, TRUNCATED, number)
    elif _unread_tail(stream, iterator.offset):
        yield IngestError(source_file, TRUNCATED, number + 1)


def _cut_short(record: Any) -> bool:
    """The archive ended before the record's declared Content-Length (warcio does not say so)."""
    return bool(getattr(record.raw_stream, "limit", 0))


def _header_cut_off(record: Any) -> bool:
    """warcio hands out a record without type or length when the archive ends in its header."""
    if record.rec_type is None or not hasattr(record.raw_stream, "limit"):
        return True
    return record.rec_type in HTTP_RECORDS and not record.length


def _unread_tail(stream: BinaryIO, parsed_up_to: int) -> bool:
    """Bytes after the last whole record: a record cut off in its header (warcio ends quietly)."""
    try:
        if not stream.seekable():
            return False
        return stream.seek(0, io.SEEK_END) > parsed_up_to
    except (OSError, ValueError):
        return False


def is_html_page(record: Any) -> bool:
    """A ``response`` record of an HTML page served with HTTP 200."""
    if record.rec_type != RESPONSE or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != HTTP_OK:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in HTML_TYPES


def _read_record(
    record: Any, source_file: str, number: int, options: ReadOptions
) -> Article | IngestError:
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        body = record.content_stream().read(options.max_article_bytes + 1)
        if len(body) > options.max_article_bytes:
            raise InputError(f"page over the {options.max_article_bytes} byte limit")
        if _cut_short(record):
            return IngestError(source_file, TRUNCATED, number)
        page = page_from_html(decode_bytes(body), url=url)
        page.url = url or page.url
        if page.published is None:
            page.published = _capture_day(record)
        return make_article(page, source_file, number, "warc")  # may refuse: too few words
    except InputError as error:
        return IngestError(source_file, str(error), number)
    except (zlib.error, EOFError, OSError) as error:  # a bad Content-Encoding of this page only
        return IngestError(source_file, f"unreadable page body: {error}", number)


def _capture_day(record: Any) -> str | None:
    """The day the page was archived (``WARC-Date``): the latest it can have been published."""
    captured = record.rec_headers.get_header("WARC-Date") or ""
    day = captured[:ISO_DATE_CHARS]
    return day if len(day) == ISO_DATE_CHARS and day[4] == "-" else None
