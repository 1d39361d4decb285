"""RSS 2.0, Atom and RDF feeds: one ``Article`` per item, numbered from 1 in ``Article.line``.

feedparser reads every feed dialect; its HTML sanitizer is off because the item markup goes
through ``html.blocks_from_markup``, which keeps only text and drops scripts and frames with their
content (the sanitizer keeps an iframe's content as text).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, BinaryIO

from kroniek.errors import InputError
from kroniek.ingest.build import make_article
from kroniek.ingest.crawl import agencies_in
from kroniek.ingest.html import blocks_from_markup, complete_page, language_code
from kroniek.ingest.options import ReadOptions
from kroniek.ingest.page import PARAGRAPH, Page
from kroniek.models import Article, IngestError

DATE_FIELDS = ("published", "updated", "created")
DATE_ONLY_RE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")
NO_TEXT = "feed item has no text"


def read_feed(
    stream: BinaryIO, source_file: str, options: ReadOptions
) -> Iterator[Article | IngestError]:
    """Every item of one feed; an item that cannot be read is reported and skipped."""
    data = stream.read(options.max_file_bytes + 1)
    if len(data) > options.max_file_bytes:
        yield IngestError(source_file, f"feed over the {options.max_file_bytes} byte limit")
        return
    if not data.strip():
        yield IngestError(source_file, "empty input")
        return
    try:
        parsed = _parse(data)
    except Exception as error:  # a parser crash on hostile input is a malformed feed
        yield IngestError(source_file, f"malformed feed: {type(error).__name__}: {error}")
        return
    entries = parsed.get("entries") or []
    if not entries:
        yield IngestError(source_file, _empty_feed_reason(parsed))
        return
    channel = parsed.get("feed") or {}
    for number, entry in enumerate(entries, start=1):
        try:
            page = page_from_entry(entry, channel, options)
            yield make_article(page, source_file, number, "feed")
        except InputError as error:
            yield IngestError(source_file, str(error), number)


def _parse(data: bytes) -> Any:
    import feedparser

    # bytes, never a str: feedparser treats a string as a URL or file name to open
    return feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)


def _empty_feed_reason(parsed: Any) -> str:
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None:
        reason = " ".join(str(problem).split()) or type(problem).__name__
        return f"malformed feed: {reason}"
    return "no feed items found"


def page_from_entry(entry: Any, channel: Any, options: ReadOptions) -> Page:
    """The ``Page`` of one feed item, or ``InputError`` when the item has no text."""
    markup = _item_markup(entry)
    if len(markup.encode("utf-8", "surrogatepass")) > options.max_article_bytes:
        raise InputError(f"feed item over the {options.max_article_bytes} byte limit")
    page = Page(
        blocks=blocks_from_markup(markup),
        title=_plain(entry.get("title")),
        byline=_plain(entry.get("author")),
        url=_plain(entry.get("link")) or None,
        language=_language(entry, channel),
    )
    page.published, page.time_of_day = _published(entry)
    if page.byline:
        page.agencies.extend(agencies_in(page.byline))
    complete_page(page)
    if not any(block.kind == PARAGRAPH for block in page.blocks):
        raise InputError(NO_TEXT)
    return page


def _item_markup(entry: Any) -> str:
    """The fullest text of the item: ``content:encoded``/Atom content, else the summary."""
    contents = [str(part.get("value") or "") for part in entry.get("content") or []]
    best = max(contents, key=len, default="")
    return best if best.strip() else str(entry.get("summary") or "")


def _plain(value: Any) -> str | None:
    """A title or author as text (feeds may carry escaped HTML in them)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(block.text for block in blocks_from_markup(value))
    return text or None


def _language(entry: Any, channel: Any) -> str | None:
    declared = next(
        (part.get("language") for part in entry.get("content") or [] if part.get("language")),
        None,
    ) or channel.get("language")
    return language_code(str(declared) if declared else None)


def _published(entry: Any) -> tuple[str | None, str | None]:
    """(ISO date, ``HH:MM``) as written in the item, in the feed's own time zone."""
    for field in DATE_FIELDS:
        raw = entry.get(field)
        if isinstance(raw, str) and raw.strip():
            written = _parse_date(raw.strip())
            if written is not None:
                return written
        parsed = entry.get(f"{field}_parsed")
        if isinstance(parsed, time.struct_time):  # feedparser's reading, converted to UTC
            return time.strftime("%Y-%m-%d", parsed), time.strftime("%H:%M", parsed)
    return None, None


def _parse_date(raw: str) -> tuple[str, str | None] | None:
    if DATE_ONLY_RE.match(raw):
        return raw.strip(), None
    moment: datetime | None = None
    try:
        moment = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        try:
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            return None
    return moment.strftime("%Y-%m-%d"), moment.strftime("%H:%M")
