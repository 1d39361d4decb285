"""HTML news pages: one page becomes one ``Article``.

trafilatura finds the main text (scripts, styles, frames, navigation and comments are left out)
and the metadata; htmldate (run by trafilatura with ``original_date``) the publication date from
markup meant for dates, then a Dutch date line or htmldate's search of the text. The lxml parser
stops at a nesting depth limit and drops the rest of the page, and trafilatura recurses over the
tree, so a page nested too deeply is read with ``blocks_from_markup``, a flat tokenizer that
keeps only the text. Feeds reuse ``blocks_from_markup``, WARC records ``page_from_html``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, BinaryIO

from kroniek.errors import InputError
from kroniek.ingest.build import make_article
from kroniek.ingest.crawl import (
    BYLINE_PREFIX_RE,
    DUTCH_MONTHS,
    MAX_HEADING_CHARS,
    SOURCE_LINE_RE,
    agencies_in,
    find_body_agencies,
    is_heading,
)
from kroniek.ingest.decode import decode_bytes
from kroniek.ingest.formats import read_all
from kroniek.ingest.options import ReadOptions
from kroniek.ingest.page import HEADING, PARAGRAPH, Block, Page
from kroniek.models import Article, IngestError

if TYPE_CHECKING:
    from lxml.html import HtmlElement

NO_TEXT = "no article text found"
# below this many words of paragraph text, what the extractors found is menu or footer text
MIN_ARTICLE_WORDS = 8
XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*>")
LANGUAGE_RE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)
ISO_DATETIME_RE = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})")
BOLD = "#b"
DEPTH_ERROR = "depth"  # libxml2's "Excessive depth in document" resource-limit message
# <meta> names/properties whose content names the text's source (agency) when a site sets them
SOURCE_META = ("source", "article:source", "dc.source", "dcterms.source", "original-source")
# <meta> names/properties and itemprops that carry the publication time
TIME_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "date")
MAX_BYLINE_PARAGRAPH_CHARS = 80  # a leading "Door ..." paragraph longer than this is body text
# htmldate's extensive search reads dates out of the text and turns a bare year ("in 2015") into
# YYYY-01-01; the first pass uses only markup meant for dates (meta, <time>, URL, JSON-LD)
DAY_FORMAT = "%Y-%m-%d"
DATE_PARAMS = {"original_date": True, "extensive_search": False, "outputformat": DAY_FORMAT}
YEAR_ONLY_SUFFIX = "-01-01"
# elements whose text is the page's date line: <time>, class/id/itemprop naming a date
DATE_ELEMENTS_XPATH = (
    "//time | //*[contains(@class,'date') or contains(@class,'datum') or contains(@class,'time')"
    " or contains(@class,'publi') or contains(@id,'date') or contains(@itemprop,'date')]"
)
MAX_DATE_ELEMENTS = 20
DUTCH_DATE_RE = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(DUTCH_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")


def read_html(
    stream: BinaryIO, source_file: str, options: ReadOptions
) -> Iterator[Article | IngestError]:
    """One HTML page per input."""
    try:
        page = page_from_html(decode_bytes(read_all(stream, options)))
        yield make_article(page, source_file, fmt="html")
    except InputError as error:
        yield IngestError(source_file, str(error))


def page_from_html(html: str, url: str | None = None) -> Page:
    """The article in a full HTML page, or ``InputError("no article text found")``."""
    tree, truncated = _parse(html)
    document = None
    if tree is not None and not truncated:
        try:
            document = _extract(tree, url)
        except Exception:  # RecursionError on deep trees, or an extractor bug on odd markup
            truncated = True
    if tree is not None and truncated:  # read flat, below: only the metadata from the tree
        document = _metadata_only(tree, url)
    page = Page(url=url)
    if document is not None:
        _take_metadata(page, document)
    if tree is not None:
        page.language = page_language(tree)
        page.published = page.published or _date_from_page(tree)
        page.time_of_day = _time_of_day(tree, page.published)
        page.agencies.extend(_meta_agencies(tree))
    if truncated:
        page.blocks = blocks_from_markup(html)
    elif document is not None and document.body is not None:
        page.blocks = body_blocks(document.body)
    complete_page(page)
    body_words = sum(len(b.text.split()) for b in page.blocks if b.kind == PARAGRAPH)
    if body_words < MIN_ARTICLE_WORDS:
        raise InputError(NO_TEXT)
    return page


def complete_page(page: Page) -> Page:
    """What every web reader does to its blocks: title heading, byline, closing and body credits."""
    _take_byline_paragraph(page)
    _strip_closing_credit(page)
    _put_title_first(page)
    find_body_agencies(page)
    page.agencies = list(dict.fromkeys(page.agencies))
    return page


def _parse(html: str) -> tuple[HtmlElement | None, bool]:
    """The lxml tree (None when there is none) and whether the parser cut it short."""
    from lxml import etree
    from lxml import html as lxml_html

    # a parser per page: lxml parsers must not be shared between threads, and its error log
    # tells whether this page hit the depth limit (2048 levels with huge_tree, else 256)
    parser = lxml_html.HTMLParser(
        collect_ids=False, default_doctype=False, huge_tree=True, remove_comments=True,
        remove_pis=True,
    )  # fmt: skip
    try:
        tree = lxml_html.document_fromstring(
            XML_DECLARATION_RE.sub("", html, count=1), parser=parser
        )
    except (etree.ParserError, ValueError):
        return None, False
    truncated = any(
        error.type_name == "ERR_RESOURCE_LIMIT" or DEPTH_ERROR in error.message.lower()
        for error in parser.error_log
    )
    return tree, truncated


@lru_cache(maxsize=1)
def _quiet_libraries() -> None:
    """The extractors log every page they discard; kroniek reports those as IngestErrors."""
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.setLevel(logging.ERROR)


def _extract(tree: HtmlElement, url: str | None) -> Any:
    import trafilatura

    _quiet_libraries()
    return trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=True,  # to tell bold one-line sub-heads from paragraphs
        date_extraction_params=DATE_PARAMS,
    )


def _metadata_only(tree: HtmlElement, url: str | None) -> Any:
    """Title, author, date and site of a page whose body is read without trafilatura."""
    from trafilatura.metadata import extract_metadata

    _quiet_libraries()
    try:
        return extract_metadata(tree, url, DATE_PARAMS)
    except Exception:  # as above: the page is still read, only without this metadata
        return None


def _take_metadata(page: Page, document: Any) -> None:
    page.title = _clean(document.title)
    page.byline = _clean(document.author)
    page.published = _clean(document.date)
    page.url = page.url or _clean(document.url)
    page.outlet = _clean(document.hostname) or _clean(document.sitename)
    if page.byline:
        page.agencies.extend(agencies_in(page.byline.replace(";", ",")))


def _clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def body_blocks(body: Any) -> list[Block]:
    """Paragraphs and sub-headings of trafilatura's XML body (``<p>``, ``<head>``, lists)."""
    blocks: list[Block] = []
    for element in body:
        if element.tag == "list":
            blocks.extend(Block(_element_text(item)) for item in element.iter("item"))
        elif element.tag == "head":
            blocks.append(Block(_element_text(element), HEADING))
        else:
            text = _element_text(element)
            blocks.append(Block(text, HEADING if _is_bold_subhead(element, text) else PARAGRAPH))
    return [block for block in blocks if block.text]


def _element_text(element: Any) -> str:
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return " ".join("".join(element.itertext()).split())


def _is_bold_subhead(element: Any, text: str) -> bool:
    """``<p><strong>Kosten onbekend</strong></p>``: a sub-head marked up as a bold paragraph."""
    children = list(element)
    return (
        element.tag == "p"
        and len(children) == 1
        and children[0].tag == "hi"
        and children[0].get("rend") == BOLD
        and " ".join("".join(children[0].itertext()).split()) == text
        and is_heading(text)
    )


def page_language(tree: HtmlElement) -> str | None:
    """The language the page declares (``<html lang="nl-BE">`` -> ``nl``), if any."""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        metas = tree.xpath(
            "//meta[translate(@http-equiv,'CONTENTLANGU','contentlangu')='content-language'"
            " or @property='og:locale']/@content"
        )
        declared = str(metas[0]) if metas else None
    return language_code(declared)


def language_code(declared: str | None) -> str | None:
    """The primary language subtag of a declared language: ``nl-BE`` / ``nl_NL`` -> ``nl``."""
    match = LANGUAGE_RE.match((declared or "").strip())
    return match.group(1).lower() if match else None


def _date_from_page(tree: HtmlElement) -> str | None:
    """A publication date when the markup has none meant for machines.

    First a Dutch date written in a date element ("14 maart 2023"), then htmldate's extensive
    search, whose answer is dropped when it is only a year (htmldate makes that YYYY-01-01).
    """
    for element in tree.xpath(DATE_ELEMENTS_XPATH)[:MAX_DATE_ELEMENTS]:
        match = DUTCH_DATE_RE.search(" ".join(element.itertext()))
        if match:
            day, month, year = match.groups()
            return f"{int(year):04d}-{DUTCH_MONTHS[month.lower()]:02d}-{int(day):02d}"
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=True, original_date=True, outputformat=DAY_FORMAT)
    except (RecursionError, ValueError, TypeError):
        return None
    return None if not found or found.endswith(YEAR_ONLY_SUFFIX) else str(found)


def _time_of_day(tree: HtmlElement, published: str | None) -> str | None:
    """``HH:MM`` from a machine-readable publication time on the publication day."""
    candidates = [
        str(value)
        for value in tree.xpath("//meta/@content | //time/@datetime")
        if ISO_DATETIME_RE.search(str(value))
    ]
    for element in tree.xpath("//meta[@property or @name or @itemprop]"):
        named = element.get("property") or element.get("name") or element.get("itemprop")
        key = (named or "").lower()  # all three may be present but empty
        if key in TIME_META:
            candidates.insert(0, element.get("content") or "")
    for value in candidates:
        match = ISO_DATETIME_RE.search(value)
        if match and (published is None or match.group(1) == published):
            return f"{match.group(2)}:{match.group(3)}"
    return None


def _meta_agencies(tree: HtmlElement) -> list[str]:
    found: list[str] = []
    for element in tree.xpath("//meta[@name or @property]"):
        key = (element.get("name") or element.get("property") or "").lower()
        if key in SOURCE_META:
            found.extend(agencies_in(element.get("content") or ""))
    return found


def _take_byline_paragraph(page: Page) -> None:
    """A short leading "Door Marieke de Vries" paragraph is the byline, not body text."""
    for index, block in enumerate(page.blocks[:3]):
        match = BYLINE_PREFIX_RE.match(block.text)
        if block.kind == PARAGRAPH and match and len(block.text) <= MAX_BYLINE_PARAGRAPH_CHARS:
            page.byline = page.byline or match.group(1).strip()
            del page.blocks[index]
            return


def _strip_closing_credit(page: Page) -> None:
    """A final "Bron: ANP" paragraph is a credit line, not body text."""
    if not page.blocks:
        return
    last = page.blocks[-1].text
    source = SOURCE_LINE_RE.match(last)
    if source and len(last) <= MAX_HEADING_CHARS:
        page.agencies.extend(agencies_in(source.group(1)))
        page.blocks.pop()


def _put_title_first(page: Page) -> None:
    """The headline opens the text as a heading, as in the crawl format."""
    first = page.blocks[0] if page.blocks else None
    if page.title is None:
        if first is not None and first.kind == HEADING:
            page.title = first.text
        return
    if first is not None and first.kind == HEADING and _same_headline(first.text, page.title):
        return
    page.blocks.insert(0, Block(page.title, HEADING))


def _same_headline(heading: str, title: str) -> bool:
    """The page's first heading repeats the title (one may carry a suffix such as the site name)."""
    heading, title = (" ".join(text.casefold().split()) for text in (heading, title))
    return heading.startswith(title) or title.startswith(heading)


# --- flat markup reading: feed item HTML and pages too deep for the tree parser ---------------

# elements whose content is never article text (code, frames, embedded objects, form controls)
SKIPPED_TAGS = frozenset({
    "script", "style", "iframe", "noscript", "template", "object", "applet", "svg", "math",
    "canvas", "audio", "video", "textarea", "select", "button", "title", "frameset", "noframes",
})  # fmt: skip
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = HEADING_TAGS | frozenset({
    "p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "li", "ul",
    "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "figure",
    "figcaption", "hr", "address", "center", "body", "form",
})  # fmt: skip
LINE_BREAK = "br"
SPACES_RE = re.compile(r"\s+")
BLANK_LINE_RE = re.compile(r"\n[ \t]*\n\s*")


class _MarkupText(HTMLParser):
    """Collects text blocks from markup with a tokenizer: no tree, so no depth limit.

    Text inside ``SKIPPED_TAGS`` is dropped, attributes (event handlers, ``javascript:`` links)
    never become text, block elements end a block, two ``<br>`` in a row end a paragraph.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag == LINE_BREAK:
            self.buffer.append("\n")
        elif tag in BLOCK_TAGS:
            self.flush(PARAGRAPH)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == LINE_BREAK:
            self.buffer.append("\n")
        elif tag in BLOCK_TAGS:
            self.flush(PARAGRAPH)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in BLOCK_TAGS:
            self.flush(HEADING if tag in HEADING_TAGS else PARAGRAPH)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.buffer.append(SPACES_RE.sub(" ", data))

    def flush(self, kind: str) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        for part in BLANK_LINE_RE.split(text):
            cleaned = " ".join(part.split())
            if cleaned:
                self.blocks.append(Block(cleaned, kind))


def blocks_from_markup(markup: str) -> list[Block]:
    """Paragraphs and headings of an HTML fragment or page; plain text splits at blank lines."""
    if "<" not in markup:
        parts = BLANK_LINE_RE.split(markup.replace("\r\n", "\n"))
        return [Block(" ".join(part.split())) for part in parts if part.strip()]
    reader = _MarkupText()
    reader.feed(markup)
    reader.close()
    reader.flush(PARAGRAPH)
    return reader.blocks
