"""Pathological inputs: huge lines and fields, deep nesting, archive bombs, broken encodings,
NUL bytes, surrogates, truncated archives. Each is read in bounded time and memory and ends as
articles and ``IngestError`` records with a clear one-line reason; nothing stops a run.
"""

from __future__ import annotations

import gzip
import io
import json
import time
from pathlib import Path

import pytest

from kroniek.ingest import ReadOptions
from kroniek.ingest.formats import read_crawl
from kroniek.ingest.options import DEFAULT_MAX_ARTICLE_BYTES, MIB
from kroniek.ingest.warc import read_warc
from kroniek.models import Article, IngestError
from kroniek.runner import ingest_paths
from kroniek.store import Store
from tests.ingest.fixtures_web import NewsPage, WarcRecord, warc_bytes
from tests.reliability.hostile import ARTICLE_TEXT, CRAWL_PAGE, check_items, read_file, zip_of

HUGE_LINE_BYTES = 50 * MIB
HUGE_FIELD_BYTES = 100 * MIB
READ_SECONDS = 20.0  # generous wall-clock bound for reading 100 MB on a loaded 2-core machine


def _articles(items: list[Article | IngestError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def _errors(items: list[Article | IngestError]) -> list[IngestError]:
    return [item for item in items if isinstance(item, IngestError)]


def _timed_read(path: Path) -> list[Article | IngestError]:
    started = time.monotonic()
    items = read_file(path)
    assert time.monotonic() - started < READ_SECONDS
    return items


@pytest.mark.slow
def test_a_50_mb_jsonl_line_is_refused_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "groot.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"text": "woord " * (HUGE_LINE_BYTES // 6)}) + "\n")
        out.write(json.dumps({"text": CRAWL_PAGE}) + "\n")
    items = _timed_read(path)
    (error,) = _errors(items)
    assert (error.line, error.reason) == (
        1,
        f"line over the {DEFAULT_MAX_ARTICLE_BYTES} byte limit",
    )
    assert [article.line for article in _articles(items)] == [2]


@pytest.mark.slow
def test_a_50_mb_single_line_crawl_page_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "groot.txt"
    path.write_bytes(b" date 2024-03 Kop " + b"woord " * (HUGE_LINE_BYTES // 6))
    items = _timed_read(path)
    assert [e.reason for e in _errors(items)] == [
        f"input over the {DEFAULT_MAX_ARTICLE_BYTES} byte limit for one article"
    ]


@pytest.mark.slow
def test_a_csv_with_a_100_mb_field_is_reported_and_the_next_row_read(tmp_path: Path) -> None:
    path = tmp_path / "groot.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("title,text\n")
        out.write(f'Brug,"{ARTICLE_TEXT}"\n')
        out.write('Groot,"' + "x" * HUGE_FIELD_BYTES + '"\n')
        out.write(f'Brug2,"{ARTICLE_TEXT}"\n')
    items = _timed_read(path)
    assert [article.title for article in _articles(items)] == ["Brug", "Brug2"]
    (error,) = _errors(items)
    assert error.reason == f"CSV field over the {DEFAULT_MAX_ARTICLE_BYTES} byte limit"


def test_deeply_nested_html_is_read_flat(tmp_path: Path) -> None:
    path = tmp_path / "diep.html"
    depth = 100_000
    path.write_text("<html><body>" + "<div>" * depth + f"<p>{ARTICLE_TEXT}</p>" + "</div>" * depth
                    + "</body></html>", encoding="utf-8")  # fmt: skip
    (article,) = _timed_read(path)
    assert isinstance(article, Article) and "IJssel" in article.text


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.zip"
    path.write_bytes(zip_of({"a.txt": CRAWL_PAGE.encode(), "b.txt": b"\n" * (64 * MIB)}))
    assert path.stat().st_size < MIB
    (error,) = _timed_read(path)
    assert isinstance(error, IngestError)
    assert "refused as a possible archive bomb" in error.reason


def test_ten_thousand_quotation_marks(tmp_path: Path) -> None:
    path = tmp_path / "quotes.txt"
    path.write_text(CRAWL_PAGE + "\n" + '"' * 10_000 + "\n\n" + "„a” " * 2_500, encoding="utf-8")
    (article,) = _timed_read(path)
    assert isinstance(article, Article) and article.text.count('"') >= 10_000


def test_invalid_utf8_at_every_position_of_a_short_article() -> None:
    data = CRAWL_PAGE.encode("utf-8")
    for position in range(len(data) + 1):
        for bad in (b"\xff", b"\xc3", b"\xed\xa0\x80"):  # stray byte, cut sequence, surrogate
            damaged = data[:position] + bad + data[position:]
            items = list(read_crawl(io.BytesIO(damaged), "kapot.txt", ReadOptions()))
            check_items(items)
            (article,) = items
            assert isinstance(article, Article), (position, bad, article)
            assert not any("\ud800" <= char <= "\udfff" for char in article.text)


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_nul_bytes_mark_a_file_as_binary(tmp_path: Path, where: str) -> None:
    text = CRAWL_PAGE.encode("utf-8")
    cut = {"start": 0, "middle": len(text) // 2, "end": len(text)}[where]
    path = tmp_path / "nul.txt"
    path.write_bytes(text[:cut] + b"\x00" + text[cut:])
    assert [str(e.reason) for e in _errors(read_file(path))] == ["binary data, not text"]


def test_right_to_left_marks_and_bidi_overrides_are_kept_as_text(tmp_path: Path) -> None:
    path = tmp_path / "rtl.txt"
    path.write_text(CRAWL_PAGE.replace("brug", "\u200fbrug\u202e").replace("IJssel", "\u2067x\u2069"),
                    encoding="utf-8")  # fmt: skip
    (article,) = read_file(path)
    assert isinstance(article, Article) and "\u200f" in article.text


HOSTILE_ROWS = [
    {"text": ARTICLE_TEXT.replace("brug", "brug\u0000"), "title": "Nul\u0000teken"},
    {"text": ARTICLE_TEXT.replace("brug", "brug\ud800"), "title": "Los \udc00 surrogaat"},
    {
        "text": ARTICLE_TEXT + " Tot slot.",
        "url": "https://nos.nl/\ud83d",
        "agencies": ["A\u0000NP"],
    },
    {"text": ARTICLE_TEXT.replace("Zwolle", "\u202eZwolle\u202c") + " Nog een zin."},
]


def test_nul_and_lone_surrogates_from_json_escapes_are_made_storable(tmp_path: Path) -> None:
    """JSON may escape characters no database stores: one such row must not end the file."""
    path = tmp_path / "escapes.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in HOSTILE_ROWS), encoding="utf-8")
    articles = _articles(read_file(path))
    assert [a.line for a in articles] == [1, 2, 3, 4]
    for article in articles:
        for value in (article.text, article.title or "", article.url or "", *article.agencies):
            assert "\x00" not in value
            value.encode("utf-8")  # no lone surrogate left
    assert articles[1].title == "Los \ufffd surrogaat"


def test_hostile_rows_are_stored_by_both_backends(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "escapes.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in HOSTILE_ROWS), encoding="utf-8")
    summary = ingest_paths([str(path)], store, analyze=True)
    assert (summary.new, summary.errors) == (len(HOSTILE_ROWS), 0)
    assert store.count() == len(HOSTILE_ROWS) and store.integrity_ok()


def test_a_corrupt_gzip_warc_gives_a_short_reason() -> None:
    """warcio quotes the whole unreadable first line; the reason keeps it short."""
    data = gzip.compress(b"GIF89a" + b"\xff" * 5000)
    (error,) = list(read_warc(io.BytesIO(data), "kapot.warc.gz", ReadOptions()))
    check_items([error])
    assert isinstance(error, IngestError)
    assert error.reason.startswith("corrupt WARC record: Unknown archive format")


def test_an_empty_tar_gz_gives_a_one_line_reason(tmp_path: Path) -> None:
    path = tmp_path / "leeg.tar.gz"
    path.write_bytes(b"")
    (error,) = read_file(path)
    assert isinstance(error, IngestError) and error.reason.startswith("corrupt archive: ")


def _warc_pages() -> list[WarcRecord]:
    return [WarcRecord(f"https://www.hetdagblad.nl/nieuws/{n}",
                       NewsPage(title=f"Bericht nummer {n}", url=None).html().encode("utf-8"))
            for n in range(1, 6)]  # fmt: skip


def _record_starts(data: bytes) -> list[int]:
    from warcio.archiveiterator import ArchiveIterator

    iterator = ArchiveIterator(io.BytesIO(data))
    return [iterator.get_record_offset() for _record in iterator]


@pytest.mark.parametrize("compressed", [False, True])
def test_a_warc_truncated_at_every_twentieth(compressed: bool) -> None:
    """Every record begun before the cut is read or reported: nothing is lost without a word.

    A cut exactly between records, or inside a gzip member's trailer after its content, leaves
    every record whole, so there is nothing to report.
    """
    data = warc_bytes(_warc_pages(), gzip=compressed)
    starts = _record_starts(data)
    full = list(read_warc(io.BytesIO(data), "a.warc", ReadOptions()))
    assert len(_articles(full)) == len(starts) == 5 and not _errors(full)
    reported = 0
    for twentieth in range(1, 20):
        cut = data[: len(data) * twentieth // 20]
        items = list(read_warc(io.BytesIO(cut), "a.warc", ReadOptions()))
        check_items(items)
        articles, errors = _articles(items), _errors(items)
        assert [a.title for a in articles] == [a.title for a in _articles(full)][: len(articles)]
        assert len(errors) <= 1 and (not errors or items[-1] is errors[0]), (twentieth, items)
        begun = sum(1 for start in starts if start < len(cut))
        assert len(articles) + len(errors) == begun, (twentieth, begun, items)
        reported += len(errors)
    assert reported >= 15  # most cuts fall inside a record


def test_a_warc_page_of_digits_only_is_reported_and_the_next_page_read() -> None:
    """A page the HTML reader accepts but with no words is that page's error, not the archive's."""
    digits = b"<html><body><article><p>12 34 56 78 90 11 12</p><p>1 2 3 4 5 6</p></article></body>"
    records = [WarcRecord("https://www.hetdagblad.nl/cijfers", digits), *_warc_pages()[:1]]
    first, second = list(read_warc(io.BytesIO(warc_bytes(records)), "a.warc", ReadOptions()))
    assert isinstance(first, IngestError) and first.line == 1
    assert first.reason == "no article text (fewer than 3 words)"
    assert isinstance(second, Article) and second.line == 2
