"""WARC archives -> one Article per HTML page fetched with HTTP 200; broken archives reported."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from kroniek.ingest import ReadOptions, iter_articles
from kroniek.ingest.html import NO_TEXT
from kroniek.ingest.warc import TRUNCATED, read_warc
from kroniek.models import Article, IngestError
from tests.ingest.fixtures_web import NewsPage, WarcRecord, warc_bytes

HOST = "https://www.hetdagblad.nl"


def page(title: str, published: str | None = "2023-03-14T10:53:00+01:00") -> bytes:
    return NewsPage(title=title, url=None, published=published).html().encode("utf-8")


def mixed_records() -> list[WarcRecord]:
    return [
        WarcRecord(f"{HOST}/robots.txt", b"User-agent: *", content_type="text/plain"),
        WarcRecord(f"{HOST}/nieuws/een", b"", rec_type="request"),
        WarcRecord(f"{HOST}/nieuws/een", page("Eerste bericht")),
        WarcRecord(f"{HOST}/logo.png", b"\x89PNG\r\n", content_type="image/png"),
        WarcRecord(f"{HOST}/weg", page("Niet gevonden"), status="404 Not Found"),
        WarcRecord(f"{HOST}/oud", b"", status="301 Moved Permanently"),
        WarcRecord(f"{HOST}/meta", b"via: test", rec_type="metadata",
                   content_type="application/warc-fields"),
        WarcRecord(f"{HOST}/nieuws/twee", page("Tweede bericht", published=None),
                   date="2023-04-02T06:30:00Z"),
    ]  # fmt: skip


def read(data: bytes) -> list[Article | IngestError]:
    return list(read_warc(io.BytesIO(data), "crawl.warc", ReadOptions()))


@pytest.mark.parametrize("compressed", [False, True])
def test_only_html_pages_with_status_200_become_articles(compressed: bool) -> None:
    results = read(warc_bytes(mixed_records(), gzip=compressed))
    assert all(isinstance(result, Article) for result in results), results
    first, second = results
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.line, first.url, first.title) == (3, f"{HOST}/nieuws/een", "Eerste bericht")
    assert (second.line, second.url, second.title) == (8, f"{HOST}/nieuws/twee", "Tweede bericht")
    assert first.format == second.format == "warc"
    assert first.outlet == "hetdagblad.nl"
    assert first.published == "2023-03-14"  # the page's own date wins over the capture date
    assert second.published == "2023-04-02"  # no date on the page: WARC-Date as fallback
    assert first.agencies == ["ANP"]
    assert len(first.paragraphs) == 3 and len(first.headings) == 2


def test_a_page_without_text_is_reported_and_reading_goes_on() -> None:
    records = [
        WarcRecord(f"{HOST}/leeg", b"<html><body><nav>Home</nav></body></html>"),
        WarcRecord(f"{HOST}/nieuws/een", page("Eerste bericht")),
    ]
    empty, article = read(warc_bytes(records))
    assert empty == IngestError("crawl.warc", NO_TEXT, 1)
    assert isinstance(article, Article) and article.line == 2


@pytest.mark.parametrize("compressed", [False, True])
def test_truncated_archive_keeps_whole_records_and_reports_the_cut(compressed: bool) -> None:
    records = [
        WarcRecord(f"{HOST}/nieuws/een", page("Eerste bericht")),
        WarcRecord(f"{HOST}/nieuws/twee", page("Tweede bericht")),
    ]
    data = warc_bytes(records, gzip=compressed)
    first_length = len(warc_bytes(records[:1], gzip=compressed))
    for cut in (first_length + 40, first_length + 400, len(data) - 200):
        results = read(data[:cut])
        assert isinstance(results[0], Article) and results[0].title == "Eerste bericht"
        assert results[1:] == [IngestError("crawl.warc", TRUNCATED, 2)], cut


def test_corrupt_input_is_an_error_not_an_exception() -> None:
    (not_warc,) = read(gzip.compress(b"dit is geen webarchief\n" * 20))
    assert isinstance(not_warc, IngestError)
    assert not_warc.line == 1 and "corrupt WARC record" in not_warc.reason
    (garbage,) = read(b"WARC/1.0\r\nContent-Length: veel\r\n\r\nrommel")
    assert isinstance(garbage, IngestError)


def test_oversized_page_is_reported_per_record() -> None:
    records = [WarcRecord(f"{HOST}/groot", page("Groot bericht"))]
    stream = io.BytesIO(warc_bytes(records))
    (error,) = read_warc(stream, "crawl.warc", ReadOptions(max_article_bytes=200))
    assert isinstance(error, IngestError) and error.line == 1 and "byte limit" in error.reason


def test_end_to_end_by_extension_and_by_sniffing(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc.gz").write_bytes(warc_bytes(mixed_records(), gzip=True))
    (tmp_path / "crawl_zonder_extensie").write_bytes(warc_bytes(mixed_records()))
    results = list(iter_articles([str(tmp_path)]))
    assert all(isinstance(result, Article) for result in results), results
    found = sorted((Path(a.source_file).name, a.line) for a in results if isinstance(a, Article))
    assert found == [("crawl.warc.gz", 3), ("crawl.warc.gz", 8),
                     ("crawl_zonder_extensie", 3), ("crawl_zonder_extensie", 8)]  # fmt: skip
