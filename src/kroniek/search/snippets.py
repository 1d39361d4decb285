"""Snippets: the stretch of an article with the most query hits, HTML-escaped, hits in <mark>.

Article text is untrusted, so every piece of it is escaped before the marks are added. One
function serves both backends: it matches words the way the index does (``analysis.term``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from kroniek.search import analysis

SNIPPET_CHARS = 240  # length of the stretch shown
LEAD_CHARS = 60  # context kept before the first hit of the stretch
MAX_SCAN_CHARS = 50_000  # longer texts are searched for hits only this far
ELLIPSIS = "…"
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
JUDGED_WORDS = 20_000  # words a highlighter remembers having judged


@dataclass(frozen=True, slots=True)
class Highlighter:
    """What counts as a hit: a word whose index term is one of ``terms`` or starts with a
    ``prefixes`` entry."""

    terms: frozenset[str]
    prefixes: tuple[str, ...] = ()
    # words already judged (the hits of one search's snippets share most of their words)
    judged: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def hits(self, word: str) -> bool:
        known = self.judged.get(word)
        if known is None:
            term = analysis.term(word)
            known = term in self.terms or any(term.startswith(p) for p in self.prefixes)
            if len(self.judged) >= JUDGED_WORDS:  # bounded memory for a long-lived highlighter
                self.judged.clear()
            self.judged[word] = known
        return known


def _hit_spans(text: str, highlighter: Highlighter) -> list[tuple[int, int]]:
    """Offsets of the words that are hits. Each distinct word is judged once, then one regular
    expression of the words that hit finds their places (a Python step per word of the text
    would cost ten times more)."""
    scanned = text[:MAX_SCAN_CHARS]
    hitting = sorted(
        (word for word in set(analysis.WORD.findall(scanned)) if highlighter.hits(word)),
        key=len, reverse=True,  # longest first: alternatives are tried in order
    )  # fmt: skip
    if not hitting:
        return []
    alternatives = "|".join(re.escape(word) for word in hitting)
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")
    return [(match.start(), match.end()) for match in pattern.finditer(scanned)]


def _best_window(spans: list[tuple[int, int]], width: int) -> int:
    """Start offset of the ``width``-long stretch holding the most hits (earliest on ties)."""
    best_start, best_count, last = 0, 0, 0
    for first, (start, _end) in enumerate(spans):
        while last < len(spans) and spans[last][1] <= start + width:
            last += 1
        if last - first > best_count:
            best_start, best_count = start, last - first
    return best_start


def _word_boundary(text: str, offset: int, forward: bool) -> int:
    """``offset`` moved to the nearest space (so no word is cut), within the text."""
    if offset <= 0:
        return 0
    if offset >= len(text):
        return len(text)
    found = text.find(" ", offset) if forward else text.rfind(" ", 0, offset)
    if found < 0:
        return len(text) if forward else 0
    return found + (0 if forward else 1)


def snippet(text: str, highlighter: Highlighter, width: int = SNIPPET_CHARS) -> str:
    """An HTML snippet of ``text``: escaped, hits wrapped in <mark>, "…" where cut."""
    spans = _hit_spans(text, highlighter)
    start = 0
    if spans:
        hit = _best_window(spans, width - LEAD_CHARS)
        start = _word_boundary(text, hit - LEAD_CHARS, forward=False)
    end = _word_boundary(text, start + width, forward=True)
    pieces = [ELLIPSIS] if start > 0 else []
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(html.escape(text[cursor:span_start]))
        pieces.append(MARK_OPEN + html.escape(text[span_start:span_end]) + MARK_CLOSE)
        cursor = span_end
    pieces.append(html.escape(text[cursor:end]))
    if end < len(text):
        pieces.append(ELLIPSIS)
    return " ".join("".join(pieces).split())  # one line: paragraph breaks become spaces
