"""Property-based fuzzing: every reader, the crawl-header parser, the time resolver, the tokenizer
and the query parser take arbitrary input without an unexpected exception.

Readers are called directly (``reader_for``) as well as through ``iter_articles``: the dispatcher
turns any escaped exception into an ``IngestError`` ("unreadable ..."), so a direct call is what
shows a reader's own failure modes. Each yields only ``Article`` or ``IngestError`` with a one-line
reason. ``KRONIEK_FUZZ_EXAMPLES`` (default 200) sets the examples per test.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kroniek.errors import QueryError
from kroniek.ingest import ReadOptions, iter_articles
from kroniek.ingest.crawl import parse_crawl, split_byline
from kroniek.ingest.formats import reader_for
from kroniek.models import Article, IngestError
from kroniek.nlp.tokenize import split
from kroniek.resolve.times import resolve_text
from kroniek.search import parse
from tests.ingest.fixtures_web import NewsPage, WarcRecord, warc_bytes
from tests.reliability.hostile import CRAWL_PAGE, check_items, tar_of, zip_of

EXAMPLES = int(os.environ.get("KRONIEK_FUZZ_EXAMPLES", "200"))  # per test; raise for a long fuzz
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMATS = ("crawl", "jsonl", "csv", "html", "feed", "warc")

# pieces of every format, shuffled and cut by hypothesis into plausible-but-broken inputs
FRAGMENTS = [
    " date 2024-03 ", " date 9999-99 ", "10u53", "25u99", "Bron: ", "Bron: Belga 2 Photo News ",
    "ANP", "Redactie", "Jan de Vries", "SVM", "\n", "\n\n", "\"", "'", "„", "”", "«", "»", " - ",
    "De minister zei dinsdag dat het kabinet valt.", "vorige week", "op 3 maart 2023",
    "<html>", "</html>", "<body>", "<article>", "<p>", "</p>", "<h2>", "<div>", "<script>",
    "<![CDATA[", "]]>", "<?xml version=\"1.0\"?>", "<rss version=\"2.0\">", "<channel>", "<item>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<entry>", "<content type=\"html\">",
    "&amp;", "&#0;", "&#xD800;", "&nbsp;", "{", "}", "[", "]", "\"text\": ", "\"url\": ", ",",
    "null", "1e999", "WARC/1.0\r\n", "WARC-Type: response\r\n", "Content-Length: 99999\r\n",
    "\r\n\r\n", "HTTP/1.1 200 OK\r\n", "Content-Type: text/html\r\n", "\x00", "\u200f", "\u202e",
    "\ufeff", "\ud800", "é", "ﬁ", "\u0301",
]  # fmt: skip
hostile_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=40
).map("".join)
hostile_bytes = st.one_of(
    st.binary(max_size=2000),
    hostile_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    hostile_text.map(lambda text: text.encode("cp1252", "replace")),
)


def _direct(fmt: str, data: bytes) -> list[Article | IngestError]:
    reader = reader_for(fmt)
    items = list(reader(io.BytesIO(data), f"fuzz.{fmt}", ReadOptions()))
    check_items(items)
    return items


@FUZZ
@given(fmt=st.sampled_from(FORMATS), data=hostile_bytes)
def test_every_reader_takes_arbitrary_bytes(fmt: str, data: bytes) -> None:
    _direct(fmt, data)


@FUZZ
@given(data=hostile_bytes, position=st.integers(0, 10_000), byte=st.integers(0, 255))
def test_damaged_valid_inputs_of_every_format(data: bytes, position: int, byte: int) -> None:
    """A valid input of each format with a byte overwritten and hostile bytes spliced in."""
    for fmt, valid in _valid_inputs().items():
        damaged = bytearray(valid)
        damaged[position % len(damaged)] = byte
        cut = position % (len(valid) + 1)
        for variant in (bytes(damaged), valid[:cut] + data + valid[cut:], valid[:cut]):
            _direct(fmt, variant)


def _valid_inputs() -> dict[str, bytes]:
    page = NewsPage().html().encode("utf-8")
    return {
        "crawl": CRAWL_PAGE.encode("utf-8"),
        "jsonl": (json.dumps({"url": "https://nos.nl/a/1", "text": CRAWL_PAGE}) + "\n").encode(),
        "csv": b'title,text\nBrug,"' + CRAWL_PAGE.replace('"', '""').encode() + b'"\n',
        "html": page,
        "feed": _feed(CRAWL_PAGE).encode("utf-8"),
        "warc": warc_bytes([WarcRecord("https://www.hetdagblad.nl/a", page)], gzip=True),
    }


def _feed(text: str) -> str:
    from html import escape

    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Nieuws</title>'
            f"<item><title>Brug</title><link>https://nos.nl/a/2</link><description>{escape(text)}"
            "</description></item></channel></rss>")  # fmt: skip


@FUZZ
@given(name=st.sampled_from(["x.zip", "x.tar.gz", "x.tgz", "x.txt", "x", "x.warc.gz", "x.jsonl"]),
       data=hostile_bytes)  # fmt: skip
def test_iter_articles_on_arbitrary_files(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(iter_articles([str(path)]))
    check_items(items)


@FUZZ
@given(members=st.dictionaries(st.sampled_from(["a.txt", "b.jsonl", "c.html", "d.xml", "e.zip",
                                                "f", "g.csv", "h/i.warc"]),
                               hostile_bytes, max_size=4),
       kind=st.sampled_from(["zip", "tar"]), cut=st.floats(0, 1))  # fmt: skip
def test_archives_of_hostile_members_whole_and_truncated(
    members: dict[str, bytes], kind: str, cut: float
) -> None:
    data = (zip_of if kind == "zip" else tar_of)(members)
    name = "archief.zip" if kind == "zip" else "archief.tar.gz"
    with tempfile.TemporaryDirectory() as folder:
        for variant in (data, data[: int(len(data) * cut)]):
            path = Path(folder) / name
            path.write_bytes(variant)
            check_items(list(iter_articles([str(path)])))


@FUZZ
@given(text=hostile_text)
def test_crawl_header_parser_takes_any_text(text: str) -> None:
    page = parse_crawl(text)
    assert all(block.text for block in page.blocks)
    title, byline = split_byline(text)
    assert isinstance(title, str) and (byline is None or isinstance(byline, str))


@FUZZ
@given(
    text=hostile_text,
    published=st.one_of(
        st.none(),
        st.text(max_size=12),
        st.sampled_from(["2024-03-05", "0001-01-01", "9999-12-31", "2024-02-30"]),
    ),
)
def test_time_resolver_takes_any_text(text: str, published: str | None) -> None:
    for ref in resolve_text(text, published):
        assert text[ref.start : ref.end] == ref.text


@FUZZ
@given(text=hostile_text)
def test_tokenizer_gives_exact_ordered_spans(text: str) -> None:
    previous_end = 0
    for sentence in split(text):
        assert previous_end <= sentence.start <= sentence.end <= len(text)
        previous_end = sentence.end
        for token in sentence.tokens:
            assert sentence.start <= token.start < token.end <= sentence.end
            assert text[token.start : token.end] == token.text


QUERY_PIECES = ["AND", "OR", "NOT", "(", ")", "\"", "*", ":", "actor:", "date:", "2022", "..",
                "rusland", "~", "^", "-", "+", "[", "]", "{", "}", "\\", " "]  # fmt: skip


@FUZZ
@given(
    query=st.one_of(
        st.text(max_size=60), st.lists(st.sampled_from(QUERY_PIECES), max_size=20).map("".join)
    )
)
def test_query_parser_raises_only_query_errors(query: str) -> None:
    try:
        parse(query)
    except QueryError as error:
        assert "\n" not in str(error)
