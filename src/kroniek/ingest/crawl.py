"""The crawl text format: a news page flattened to lines, as archive crawls deliver it.

    " date 2017-12 <title> <byline>"      first line (title and byline optional; may be the body)
    ""
    "17 december 2018"                     optional date line
    "10u53"                                optional time line
    "Bron: Reuters 4 EPA <caption> <first paragraph>"
    "<paragraph>" / "<sub-heading>" ...    one per line, blank lines between
    "Bron: Belga"                          optional closing credit line

A page may also have no header at all: then every line is body.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kroniek.ingest.page import HEADING, PARAGRAPH, Block, Page
from kroniek.models import PhotoCredit
from kroniek.nlp.tokenize import sentence_spans
from kroniek.resources import read_lines

DATE_HEADER_RE = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b\s*(.*)$")
TIME_LINE_RE = re.compile(r"^(\d{1,2})[u:.h](\d{2})$")
SOURCE_LINE_RE = re.compile(r"^Bron\s*:\s*(.*)$", re.IGNORECASE)
BYLINE_PREFIX_RE = re.compile(r"^(?:Door|Tekst|Van onze \w+)\s*:?\s+(.+)$", re.IGNORECASE)
SENTENCE_FINAL_RE = re.compile(r"""[.!?…]["'”’»)]*$""")
INITIALS_RE = re.compile(r"^[A-Z]{2,5}$")
# "GRONINGEN (ANP) - ", "Brussel (Belga) – "
DATELINE_RE = re.compile(r"^[A-ZÀ-Ý][\w'’. -]{1,40}?\s*\(([A-Za-z][\w/ ,-]{1,30})\)\s*[-–—]\s")
TRAILING_CREDIT_RE = re.compile(r"\((?:Belga|ANP|AFP|Reuters|AP|dpa)(?:[/,]\s*\w+)*\)\s*$")
LEAD_AGENCY_RE = re.compile(
    r"\bmeld(?:t|en|de|den)\s+(?:de\s+)?(?:internationale\s+)?persbureaus?\s+"
    r"([A-Z][\w-]*(?:(?:,\s*|\s+en\s+)[A-Z][\w-]*)*)"
)
MAX_TITLE_CHARS = 250
MAX_HEADING_CHARS = 90
MAX_HEADING_WORDS = 12
MAX_BYLINE_NAMES = 3

DUTCH_MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
DATE_LINE_RE = re.compile(
    r"^(?:\w+dag\s+)?(\d{1,2})\s+(" + "|".join(DUTCH_MONTHS) + r")\s+(\d{4})$", re.IGNORECASE
)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    return {
        name: frozenset(read_lines(f"ingest/{name}.txt"))
        for name in ("agencies", "photo_agencies", "byline_words", "first_names", "title_acronyms")
    }


def canonical_agency(name: str) -> str | None:
    """The canonical spelling of a news agency name, or None when it is not one."""
    wanted = name.strip().lower()
    for agency in _lexicon()["agencies"]:
        if agency.lower() == wanted:
            return agency
    return None


def parse_crawl(text: str) -> Page:
    """Parse one crawl-format page (already decoded) into a ``Page``."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    page = Page()
    if lines:
        header = DATE_HEADER_RE.match(lines[0])
        if header:
            page.published = header.group(1)
            lines = lines[1:]
            rest = header.group(2).strip()
            if rest:
                lines = _parse_header_rest(rest, lines, page)
    lines = _parse_preamble(lines, page)
    lines = _strip_closing_credit(lines, page)
    page.blocks.extend(_blocks(lines))
    find_body_agencies(page)
    return page


def _parse_header_rest(rest: str, lines: list[str], page: Page) -> list[str]:
    """Decide whether the header line's text is a headline (+ byline) or the first paragraph."""
    byline = BYLINE_PREFIX_RE.match(rest)
    if byline:
        page.byline = byline.group(1).strip()
        return lines
    next_is_meta = bool(lines) and _is_meta_line(lines[0])
    looks_like_headline = len(rest) <= MAX_TITLE_CHARS and not SENTENCE_FINAL_RE.search(rest)
    if not (next_is_meta or looks_like_headline):
        return [rest, *lines]
    title, page.byline = split_byline(rest)
    page.title = title or None
    if page.title:
        page.blocks.append(Block(page.title, HEADING))
    return lines


def _is_meta_line(line: str) -> bool:
    return bool(DATE_LINE_RE.match(line) or TIME_LINE_RE.match(line) or SOURCE_LINE_RE.match(line))


def split_byline(line: str) -> tuple[str, str | None]:
    """Split a crawled headline line into (title, byline).

    A byline is a trailing staff word ("Redactie"), trailing initials ("SVM", "LB") that are not
    a headline acronym, or one to three trailing personal names that start with a known first name.
    """
    words = line.split()
    lexicon = _lexicon()
    for size in (2, 1):
        tail = " ".join(words[-size:])
        if len(words) > size and tail in lexicon["byline_words"]:
            return " ".join(words[:-size]), tail
    last = words[-1] if words else ""
    if len(words) > 1 and INITIALS_RE.match(last) and last not in lexicon["title_acronyms"]:
        return " ".join(words[:-1]), last
    cut = _personal_byline_start(words, lexicon["first_names"])
    if cut is not None:
        return " ".join(words[:cut]), " ".join(words[cut:])
    return line, None


def _personal_byline_start(words: list[str], first_names: frozenset[str]) -> int | None:
    """Index where trailing "Firstname Surname [Firstname Surname]" bylines begin, if any."""
    cut = len(words)
    names = 0
    while names < MAX_BYLINE_NAMES:
        start = _name_start_before(words, cut, first_names)
        if start is None or start == 0:
            break
        cut, names = start, names + 1
    return cut if names else None


def _name_start_before(words: list[str], end: int, first_names: frozenset[str]) -> int | None:
    """Start of a personal name ending at ``end``: first name + 1-3 capitalised/particle words."""
    particles = {"van", "de", "der", "den", "het", "ten", "ter", "vanden", "vander", "'t"}
    for length in (2, 3, 4):
        start = end - length
        if start < 0:
            return None
        first, rest = words[start], words[start + 1 : end]
        if first not in first_names or not rest or not rest[-1][:1].isupper():
            continue
        if all(w[:1].isupper() or w.lower() in particles for w in rest):
            return start
    return None


def _parse_preamble(lines: list[str], page: Page) -> list[str]:
    """Consume the date line, time line and ``Bron:`` line that follow the header."""
    while lines:
        line = lines[0]
        date_line = DATE_LINE_RE.match(line)
        time_line = TIME_LINE_RE.match(line)
        source = SOURCE_LINE_RE.match(line)
        if date_line:
            day, month, year = date_line.groups()
            iso = f"{int(year):04d}-{DUTCH_MONTHS[month.lower()]:02d}-{int(day):02d}"
            if page.published is None or iso.startswith(page.published):
                page.published = iso
        elif time_line:
            page.time_of_day = f"{int(time_line.group(1)):02d}:{time_line.group(2)}"
        elif source:
            remainder = _parse_source_line(source.group(1), page)
            return [remainder, *lines[1:]] if remainder else lines[1:]
        else:
            return lines
        lines = lines[1:]
    return lines


def _parse_source_line(content: str, page: Page) -> str:
    """Parse "Reuters 4 EPA <caption> <first paragraph>"; return what follows the credits.

    The credits are: agency names (comma/"en"/"/" separated, "Eigen berichtgeving" allowed),
    then optionally the number of photos and the photo agency; the caption is the first
    sentence after a photo credit. Any part may be missing ("Bron: Belga <body>").
    """
    agencies, rest = _leading_agencies(content)
    page.agencies.extend(a for a in agencies if a not in page.agencies)
    count_match = re.match(r"^(\d{1,3})(?:\s+|$)", rest)
    if count_match is None:
        return rest
    count, rest = int(count_match.group(1)), rest[count_match.end() :]
    credit, rest = _leading_photo_credit(rest)
    if credit and count > 0:
        page.photo_credits.append(PhotoCredit(credit, count))
        caption_end = _first_sentence_end(rest)
        if caption_end is not None:
            page.caption = rest[:caption_end].strip()
            page.blocks.append(Block(page.caption, PARAGRAPH))
            rest = rest[caption_end:].strip()
    return rest


def _leading_agencies(text: str) -> tuple[list[str], str]:
    """Agency names at the start of ``text`` and the text after them."""
    names = sorted(
        [*_lexicon()["agencies"], *_lexicon()["byline_words"]], key=len, reverse=True
    )
    found: list[str] = []
    rest = text.lstrip()
    while rest:
        name = next(
            (n for n in names
             if rest[: len(n)].lower() == n.lower()
             and (len(rest) == len(n) or not rest[len(n)].isalnum())),
            None,
        )  # fmt: skip
        if name is None:
            break
        agency = canonical_agency(name)
        if agency and agency not in found:
            found.append(agency)
        rest = rest[len(name) :]
        separator = re.match(r"^\s*(?:,|/|&|\ben\b)\s*", rest)
        rest = rest[separator.end() :] if separator else rest.lstrip()
        if separator is None:
            break
    return found, rest.strip()


def agencies_in(names: str) -> list[str]:
    found = []
    for part in re.split(r",|/|\s+en\s+|\s+&\s+", names):
        agency = canonical_agency(part)
        if agency and agency not in found:
            found.append(agency)
    return found


def _leading_photo_credit(text: str) -> tuple[str | None, str]:
    """Split a known photo agency name off the start of ``text``."""
    candidates = sorted(_lexicon()["photo_agencies"], key=len, reverse=True)
    for name in candidates:
        if text.startswith(name) and (len(text) == len(name) or not text[len(name)].isalnum()):
            return name, text[len(name) :].lstrip(" ,/")
    return None, text


def _first_sentence_end(text: str) -> int | None:
    spans = sentence_spans(text, 0, len(text))
    if len(spans) < 2:
        return None
    return spans[0][1]


def _strip_closing_credit(lines: list[str], page: Page) -> list[str]:
    """A final "Bron: Belga" line is metadata, not body."""
    if lines:
        source = SOURCE_LINE_RE.match(lines[-1])
        if source and len(lines[-1]) <= MAX_HEADING_CHARS:
            for agency in agencies_in(source.group(1)):
                if agency not in page.agencies:
                    page.agencies.append(agency)
            return lines[:-1]
    return lines


def is_heading(line: str) -> bool:
    """A sub-heading: a short line without sentence-final punctuation."""
    return (
        len(line) <= MAX_HEADING_CHARS
        and len(line.split()) <= MAX_HEADING_WORDS
        and not SENTENCE_FINAL_RE.search(line)
        and not line.endswith((":", ","))
    )


def _blocks(lines: list[str]) -> list[Block]:
    blocks = []
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        kind = HEADING if is_heading(line) and not last else PARAGRAPH
        blocks.append(Block(line, kind))
    return blocks


def find_body_agencies(page: Page) -> None:
    """Agencies credited in the body: a dateline "(ANP) -", a final "(Belga)", or the lead."""
    body = [b.text for b in page.blocks if b.kind == PARAGRAPH and b.text != page.caption]
    if not body:
        return
    found: list[str] = []
    dateline = DATELINE_RE.match(body[0])
    if dateline:
        found.extend(agencies_in(dateline.group(1)))
    trailing = TRAILING_CREDIT_RE.search(body[-1])
    if trailing:
        found.extend(agencies_in(trailing.group(0).strip("() ")))
    lead = LEAD_AGENCY_RE.search(body[0])
    if lead:
        found.extend(agencies_in(lead.group(1)))
    for agency in found:
        if agency not in page.agencies:
            page.agencies.append(agency)
