"""JSONL and CSV inputs: one article per row, text in a crawl-format or plain ``text`` field.

Known fields: url, text, title, byline, published (or date), outlet, agencies, language.
Fields in a row override what is parsed from the text. ``ReadOptions.field_map`` renames other
column names onto these (``body=text,headline=title``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from kroniek.errors import InputError
from kroniek.ingest.build import make_article
from kroniek.ingest.crawl import canonical_agency, parse_crawl
from kroniek.ingest.decode import decode_bytes
from kroniek.ingest.options import ReadOptions
from kroniek.models import Article, IngestError

# a CSV line is fed to the reader in pieces of at most this many times the article byte limit
ROW_PIECE_FACTOR = 4

ALIASES = {
    "date": "published",
    "body": "text",
    "content": "text",
    "link": "url",
    "source": "outlet",
}


def article_from_record(
    record: dict[str, Any], source_file: str, line: int | None, options: ReadOptions, fmt: str
) -> Article:
    """Build an article from one row, or raise ``InputError`` saying what is missing."""
    row = _mapped(record, options.field_map)
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("record has no text field (map one with --fields body=text)")
    if len(text.encode("utf-8", "surrogatepass")) > options.max_article_bytes:
        raise InputError(f"article text over the {options.max_article_bytes} byte limit")
    page = parse_crawl(text)
    for name in ("title", "byline", "published", "outlet", "url", "language"):
        value = row.get(name)
        if isinstance(value, str) and value.strip():
            setattr(page, name, value.strip())
    agencies = row.get("agencies")
    if isinstance(agencies, list):
        page.agencies = [canonical_agency(str(a)) or str(a) for a in agencies]
    return make_article(page, source_file, line, fmt)


def _mapped(record: dict[str, Any], field_map: dict[str, str]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in record.items():
        name = field_map.get(key) or ALIASES.get(key, key)
        if name not in row or key == name:
            row[name] = value
    return row


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of a stream; a line longer than ``limit`` bytes comes as None (skipped)."""
    number = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # discard the rest of the overlong line
                raw = stream.readline(limit + 1)
            yield number, None
            continue
        yield number, raw


def read_jsonl(
    stream: BinaryIO, source_file: str, options: ReadOptions
) -> Iterator[Article | IngestError]:
    for number, raw in bounded_lines(stream, options.max_article_bytes):
        if raw is None:
            yield IngestError(
                source_file, f"line over the {options.max_article_bytes} byte limit", number
            )
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(decode_bytes(raw))
            if not isinstance(record, dict):
                raise InputError("JSONL line is not a JSON object")
            yield article_from_record(record, source_file, number, options, "jsonl")
        except json.JSONDecodeError as error:
            yield IngestError(
                source_file, f"malformed JSON: {error.msg} at column {error.colno}", number
            )
        except InputError as error:
            yield IngestError(source_file, str(error), number)


def read_csv(
    stream: BinaryIO, source_file: str, options: ReadOptions
) -> Iterator[Article | IngestError]:
    """Rows of a CSV file; a row with an over-long field is reported and the rows after it read."""
    limit = options.max_article_bytes
    csv.field_size_limit(limit)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    feed = _CsvFeed(text, ROW_PIECE_FACTOR * limit)
    reader = csv.DictReader(feed)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line = reader.line_num
            if "field limit" not in str(error):
                yield IngestError(source_file, f"malformed CSV: {error}", line)
                return
            feed.skip_rest_of_record()
            yield IngestError(source_file, f"CSV field over the {limit} byte limit", line)
            continue
        except ValueError as error:
            yield IngestError(source_file, f"malformed CSV: {error}", reader.line_num)
            return
        feed.record_done()
        try:
            yield article_from_record(dict(row), source_file, reader.line_num, options, "csv")
        except InputError as error:
            yield IngestError(source_file, str(error), reader.line_num)


class _CsvFeed:
    """Lines for ``csv.reader``, each at most ``limit`` characters, with quote parity tracked.

    Bounding the lines keeps memory flat on a huge field (a longer line reaches the reader in
    pieces, and the field limit stops it). The parity of ``"`` characters fed since
    the last complete row tells whether the reader gave up inside a quoted field, so the rest of
    that record can be skipped and reading resume at the next row.
    """

    def __init__(self, text: io.TextIOWrapper, limit: int) -> None:
        self._text = text
        self._limit = limit
        self._quotes = 0
        self._line_open = False  # the last piece fed ended before its line did

    def __iter__(self) -> _CsvFeed:
        return self

    def __next__(self) -> str:
        piece = self._read()
        if not piece:
            raise StopIteration
        return piece

    def record_done(self) -> None:
        self._quotes = 0

    def skip_rest_of_record(self) -> None:
        while self._quotes % 2 or self._line_open:
            if not self._read():
                break
        self._quotes = 0

    def _read(self) -> str:
        piece = self._text.readline(self._limit + 1)
        self._quotes += piece.count('"')
        self._line_open = bool(piece) and not piece.endswith(("\n", "\r"))
        return piece
