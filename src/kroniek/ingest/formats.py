"""Which reader handles an input: by the name's extension, else by sniffing its first bytes.

A reader is ``(stream, source_file, options) -> Iterator[Article | IngestError]``. The HTML, feed
and WARC readers pull in heavy libraries, so they are imported only when such an input shows up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from kroniek.errors import InputError
from kroniek.ingest.build import make_article
from kroniek.ingest.crawl import parse_crawl
from kroniek.ingest.decode import decode_bytes
from kroniek.ingest.options import ReadOptions
from kroniek.models import Article, IngestError

Reader = Callable[[BinaryIO, str, ReadOptions], Iterator[Article | IngestError]]

# format name -> "module:function"
READERS: dict[str, str] = {
    "crawl": "kroniek.ingest.formats:read_crawl",
    "jsonl": "kroniek.ingest.records:read_jsonl",
    "csv": "kroniek.ingest.records:read_csv",
    "html": "kroniek.ingest.html:read_html",
    "feed": "kroniek.ingest.feeds:read_feed",
    "warc": "kroniek.ingest.warc:read_warc",
}
EXTENSIONS: dict[str, str] = {
    ".txt": "crawl", ".text": "crawl",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
}  # fmt: skip
SNIFF_BYTES = 2048


def reader_for(format_name: str) -> Reader:
    try:
        module_name, function = READERS[format_name].split(":")
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise InputError(f"unknown input format {format_name!r} (known: {known})") from None
    reader: Reader = getattr(importlib.import_module(module_name), function)
    return reader


def guess_format(name: str, head: bytes) -> str:
    """The format of an input named ``name`` whose first bytes are ``head``."""
    lowered = name.lower()
    for extension in sorted(EXTENSIONS, key=len, reverse=True):
        if lowered.endswith(extension):
            return EXTENSIONS[extension]
    return sniff_format(head)


def sniff_format(head: bytes) -> str:
    start = head[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"\x1f\x8b"):
        return "warc"  # gzip that is not an archive by name: WARC is the one gzip format read
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<?xml") or start.startswith(b"<rss") or start.startswith(b"<feed"):
        return "feed" if (b"<rss" in start or b"<feed" in start or b"<rdf" in start) else "html"
    if start.startswith(b"<!doctype html") or start.startswith(b"<html") or b"<body" in start:
        return "html"
    return "crawl"


def read_all(stream: BinaryIO, options: ReadOptions) -> bytes:
    """The whole of a one-article input, refusing more than the article size limit."""
    data = stream.read(options.max_article_bytes + 1)
    if len(data) > options.max_article_bytes:
        raise InputError(f"input over the {options.max_article_bytes} byte limit for one article")
    return data


def read_crawl(
    stream: BinaryIO, source_file: str, options: ReadOptions
) -> Iterator[Article | IngestError]:
    """One crawl-format text page per file."""
    try:
        page = parse_crawl(decode_bytes(read_all(stream, options)))
        if not page.blocks:
            raise InputError("no article text found")
        yield make_article(page, source_file)
    except InputError as error:
        yield IngestError(source_file, str(error))
