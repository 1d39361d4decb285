"""From a reader's ``Page`` to an ``Article``: the one place where text, spans and ids are made."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from kroniek.errors import InputError
from kroniek.ingest import language, urls
from kroniek.ingest.page import HEADING, Page
from kroniek.models import Article, Span

BLOCK_SEPARATOR = "\n\n"
ID_HEX_CHARS = 20
WORD_RE = re.compile(r"[^\W\d_]{2,}")
MIN_ARTICLE_WORDS = 3  # fewer words than this is no news text (an id, a stray token)
WORD_SCAN_CHARS = 1000  # where those words must be found
# NUL (PostgreSQL refuses it in text) and lone surrogates (not encodable as UTF-8): JSON escapes
# ("\u0000", "\ud800") and feed entities bring them past the byte-level checks of decode.py
UNSTORABLE_RE = re.compile("[\x00\ud800-\udfff]")
PAGE_TEXT_FIELDS = ("title", "byline", "published", "time_of_day", "caption", "url", "outlet",
                    "language")  # fmt: skip


def normalise_for_id(text: str) -> str:
    """Text as compared for exact duplicates: NFKC, case-folded, whitespace collapsed."""
    # str.split() splits on the same Unicode whitespace as \s+, several times faster
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_id(text: str) -> str:
    """Stable content hash of the normalised article text (SCHEMA.md ``id``)."""
    digest = hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()
    return digest[:ID_HEX_CHARS]


def storable(text: str) -> str:
    """``text`` without NUL characters and with lone surrogates as U+FFFD."""
    if UNSTORABLE_RE.search(text) is None:
        return text
    return UNSTORABLE_RE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", text)


def has_words(text: str, needed: int = MIN_ARTICLE_WORDS) -> bool:
    """At least ``needed`` words of two letters or more in the first 1,000 characters."""
    for found, _match in enumerate(WORD_RE.finditer(text, 0, WORD_SCAN_CHARS), start=1):
        if found >= needed:
            return True
    return False


def _clean_block(text: str) -> str:
    return " ".join(storable(text).split())


def _storable_fields(page: Page) -> None:
    for name in PAGE_TEXT_FIELDS:
        value = getattr(page, name)
        if isinstance(value, str):
            setattr(page, name, storable(value))
    page.agencies = [storable(agency) for agency in page.agencies]
    for credit in page.photo_credits:
        credit.name = storable(credit.name)


def make_article(
    page: Page, source_file: str, line: int | None = None, fmt: str = "crawl"
) -> Article:
    """Join the page's blocks into the article text and record where each block sits.

    Raises ``InputError`` when the page holds no article text.
    """
    _storable_fields(page)
    parts: list[str] = []
    paragraphs: list[Span] = []
    headings: list[Span] = []
    offset = 0
    for block in page.blocks:
        text = _clean_block(block.text)
        if not text:
            continue
        if parts:
            offset += len(BLOCK_SEPARATOR)
        span = (offset, offset + len(text))
        (headings if block.kind == HEADING else paragraphs).append(span)
        parts.append(text)
        offset += len(text)
    text = BLOCK_SEPARATOR.join(parts)
    if not has_words(text):
        raise InputError(f"no article text (fewer than {MIN_ARTICLE_WORDS} words)")
    outlet = page.outlet or urls.outlet_of(page.url)
    published = urls.refine_published(page.published, urls.date_in_url(page.url))
    return Article(
        id=content_id(text),
        text=text,
        source_file=source_file,
        line=line,
        outlet=outlet,
        url=page.url,
        title=page.title,
        byline=page.byline,
        published=published,
        time_of_day=page.time_of_day,
        agencies=list(page.agencies),
        photo_credits=list(page.photo_credits),
        caption=page.caption,
        paragraphs=paragraphs,
        headings=headings,
        language=page.language or language.detect(text),
        format=fmt,
    )
