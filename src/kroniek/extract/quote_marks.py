"""Find the spans between quotation marks in Dutch news text, in one linear pass.

Dutch papers use „…”, “…”, "…", ‘…’, '…' (Flemish papers often use single quotes for speech),
«…» and ,,…'' (two commas open, two apostrophes or a double quote close). Each mark is classified
by what stands around it, the way Markdown decides emphasis delimiters: a mark with a word
character after it and space or punctuation before it can open; one with a word character before
it and space or punctuation after it can close. Apostrophes (z'n, 's avonds, 't, de jaren '80,
auto's) neither open nor close.

Marks pair on a stack per paragraph: a closer closes the nearest open mark of its family and
discards any unclosed marks above it, so every mark is pushed and popped at most once. A quote
whose paragraph ends unclosed continues when the next paragraph opens with a mark of the same
family (the newspaper convention for quotes running over several paragraphs); the span then runs
from the first opening mark to the final closing mark, paragraph breaks and re-opening marks
included, so ``text == doc.text[start:end]`` still holds.

Interview lines introduced by a dash ("- Hoe gaat het? - Goed.") are found by ``dash_turns``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kroniek.models import Span

MARK_RE = re.compile(r",,|''|’’|‘‘|[„“”\"‘’'‚«»‹›]")
DOUBLE, SINGLE, ANGLE, ANGLE_SINGLE = "double", "single", "angle", "angle-single"
FAMILY = {
    ",,": DOUBLE,
    "''": DOUBLE,
    "’’": DOUBLE,
    "‘‘": DOUBLE,
    "„": DOUBLE,
    "“": DOUBLE,
    "”": DOUBLE,
    '"': DOUBLE,
    "‘": SINGLE,
    "’": SINGLE,
    "'": SINGLE,
    "‚": SINGLE,
    "«": ANGLE,
    "»": ANGLE,
    "‹": ANGLE_SINGLE,
    "›": ANGLE_SINGLE,
}
OPEN_ONLY = frozenset({",,", "„", "‚", "«", "‹"})
CLOSE_ONLY = frozenset({"»", "›"})
# Marks shaped as closers close after a word even when no space follows them.
CLOSING_SHAPED = frozenset({"”", "’’"})
APOSTROPHES = frozenset({"'", "’", "‘"})
# Characters before an opening mark / after a closing mark that behave like a word boundary.
OPEN_CONTEXT = frozenset("([{-–—/:;,.!?…") | frozenset(FAMILY)
CLOSE_CONTEXT = frozenset(")]}-–—/:;,.!?…") | frozenset(FAMILY)
# Elided words after an apostrophe: 's avonds, 't is, 'n, 'k.
ELISIONS = frozenset("stnkm")
YEAR_DIGITS = 2  # de jaren '80, in '98
DASHES = "-–—"
DASH_TURN_RE = re.compile(r"(?:^|(?<=[.?!…]))\s*[-–—]\s+")
WORD_RE = re.compile(r"\w+")


@dataclass(slots=True)
class MarkedSpan:
    """The words between a pair of quotation marks (``start``/``end``) and the marks' extent."""

    start: int
    end: int
    open_at: int  # where the opening mark (or dash) starts
    close_at: int  # where the closing mark ends (== end for an unclosed or dash span)
    closed: bool = True
    dash: bool = False


@dataclass(slots=True)
class _Open:
    family: str
    mark_start: int
    content_start: int
    eligible_unclosed: bool  # at paragraph/sentence start or after a colon
    block_end: int = 0  # end of the paragraph the quote was left open in


def _is_space(char: str | None) -> bool:
    return char is None or char.isspace()


def _is_apostrophe(text: str, at: int, mark: str, prev: str | None, nxt: str | None) -> bool:
    """True when a single-quote character is an apostrophe, not a quotation mark."""
    if mark not in APOSTROPHES:
        return False
    if prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
        return True  # z'n, auto's, zo’n
    after = at + len(mark)
    if nxt is not None and nxt.lower() in ELISIONS and _prev_is_boundary(prev):
        following = text[after + 1] if after + 1 < len(text) else None
        return following is None or not following.isalpha()
    digits = text[after : after + YEAR_DIGITS + 1]
    return (
        len(digits) >= YEAR_DIGITS
        and digits[:YEAR_DIGITS].isdigit()
        and (len(digits) == YEAR_DIGITS or not digits[YEAR_DIGITS].isdigit())
    )


def _prev_is_boundary(prev: str | None) -> bool:
    return _is_space(prev) or (prev is not None and prev in OPEN_CONTEXT)


def _roles(text: str, at: int, mark: str, lo: int, hi: int) -> tuple[bool, bool]:
    """Whether the mark at ``at`` can open and whether it can close a quote."""
    prev = text[at - 1] if at > lo else None
    end = at + len(mark)
    nxt = text[end] if end < hi else None
    if _is_apostrophe(text, at, mark, prev, nxt):
        return False, False
    can_open = not _is_space(nxt) and _prev_is_boundary(prev)
    can_close = not _is_space(prev) and (
        _is_space(nxt) or (nxt is not None and nxt in CLOSE_CONTEXT)
    )
    if mark in OPEN_ONLY:
        return not _is_space(nxt) or mark == ",,", False
    if mark in CLOSE_ONLY:
        return False, not _is_space(prev)
    if mark in CLOSING_SHAPED and not _is_space(prev):
        can_close = True  # ”zei hij (missing space): still a closing mark
    return can_open, can_close


def _eligible_unclosed(text: str, at: int, lo: int) -> bool:
    """An unclosed quote is kept only when it opens a paragraph, a sentence or follows a colon."""
    probe = at - 1
    while probe >= lo and text[probe].isspace():
        probe -= 1
    return probe < lo or text[probe] in ":.!?…"


def _words(text: str) -> int:
    return len(WORD_RE.findall(text))


def find_marked(text: str, blocks: Sequence[Span]) -> list[MarkedSpan]:
    """Top-level quoted spans of ``text`` (nested quotes inside a quote are not returned)."""
    pairs: list[MarkedSpan] = []
    pending: _Open | None = None
    for lo, hi in blocks:
        pending = _scan_block(text, lo, hi, pending, pairs)
    _finish(pending, pairs)
    return list(_trimmed(text, _outermost(pairs)))


def _scan_block(
    text: str, lo: int, hi: int, pending: _Open | None, pairs: list[MarkedSpan]
) -> _Open | None:
    """Pair the marks of one paragraph; return the quote left open at its end, if any."""
    stack: list[_Open] = []
    open_count: dict[str, int] = {}
    first_content = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())
    if pending is not None and not _reopens(text, first_content, lo, hi, pending):
        pairs.append(_unclosed(pending))
        pending = None
    for match in MARK_RE.finditer(text, lo, hi):
        mark, at = match.group(), match.start()
        family = FAMILY[mark]
        can_open, can_close = _roles(text, at, mark, lo, hi)
        if pending is not None and at == first_content:
            stack.append(pending)  # the quote of the previous paragraph continues here
            open_count[family] = 1
            pending = None
        elif can_close and open_count.get(family, 0) > 0:
            opener = stack.pop()
            while opener.family != family:
                open_count[opener.family] -= 1
                opener = stack.pop()
            open_count[family] -= 1
            pairs.append(MarkedSpan(opener.content_start, at, opener.mark_start, match.end()))
        elif can_open:
            eligible = _eligible_unclosed(text, at, lo)
            stack.append(_Open(family, at, match.end(), eligible))
            open_count[family] = open_count.get(family, 0) + 1
    if not stack or not stack[0].eligible_unclosed:
        return None
    bottom = stack[0]
    return _Open(bottom.family, bottom.mark_start, bottom.content_start, True, hi)


def _reopens(text: str, at: int, lo: int, hi: int, pending: _Open) -> bool:
    """True when the paragraph starting at ``at`` opens with a mark that continues ``pending``."""
    match = MARK_RE.match(text, at, hi)
    if match is None or FAMILY[match.group()] != pending.family:
        return False
    return _roles(text, at, match.group(), lo, hi)[0]


def _unclosed(opener: _Open) -> MarkedSpan:
    """A quote whose closing mark never came: it runs to the end of its paragraph."""
    end = opener.block_end
    return MarkedSpan(opener.content_start, end, opener.mark_start, end, closed=False)


def _finish(pending: _Open | None, pairs: list[MarkedSpan]) -> None:
    if pending is not None:
        pairs.append(_unclosed(pending))


def _trimmed(text: str, spans: list[MarkedSpan]) -> Iterator[MarkedSpan]:
    """Spans stripped of surrounding space and a trailing comma, empty ones dropped."""
    for span in spans:
        start, end = span.start, span.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        if end > start and WORD_RE.search(text, start, end):
            yield MarkedSpan(
                start, end, span.open_at, max(span.close_at, end), span.closed, span.dash
            )


def _outermost(spans: list[MarkedSpan]) -> list[MarkedSpan]:
    """Drop spans that lie inside another span."""
    ordered = sorted(spans, key=lambda s: (s.open_at, -s.close_at))
    kept: list[MarkedSpan] = []
    for span in ordered:
        if kept and span.open_at < kept[-1].close_at:
            continue
        kept.append(span)
    return kept


def dash_turns(text: str, blocks: Sequence[Span]) -> list[MarkedSpan]:
    """Interview turns: paragraphs opening with a dash, split where a new dash follows a sentence.

    Only returned when at least one turn is a question, so bulleted lists stay out.
    """
    turns: list[MarkedSpan] = []
    for lo, hi in blocks:
        block = text[lo:hi]
        stripped = block.lstrip()
        if (
            not stripped
            or stripped[0] not in DASHES
            or len(stripped) < 2
            or not stripped[1].isspace()
        ):
            continue
        starts = [(lo + m.start(), lo + m.end()) for m in DASH_TURN_RE.finditer(block)]
        for i, (dash_at, content_start) in enumerate(starts):
            content_end = starts[i + 1][0] if i + 1 < len(starts) else hi
            while content_end > content_start and text[content_end - 1].isspace():
                content_end -= 1
            if content_end > content_start:
                turns.append(
                    MarkedSpan(content_start, content_end, dash_at, content_end, True, True)
                )
    if not any(text[t.end - 1] == "?" for t in turns):
        return []
    return turns


def word_count(text: str) -> int:
    return _words(text)
