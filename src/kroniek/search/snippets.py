"""Snippets: the stretch of an article with the most query hits, HTML-escaped, hits in <mark>.

Article text is untrusted, so every piece of it is escaped before the marks are added. One
function serves both backends: it matches words the way the index does (``analysis.term``).
"""

from __future__ import annotations

import html
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from kroniek.search import analysis

SNIPPET_CHARS = 240  # length of the stretch shown
LEAD_CHARS = 60  # context kept before the first hit of the stretch
MAX_SCAN_CHARS = 50_000  # longer texts are searched for hits only this far
ELLIPSIS = "…"
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
JUDGED_WORDS = 20_000  # words a highlighter remembers having judged
SNIPPETS_KEPT = 8192  # snippets of recent hits (a few hundred bytes each)


@dataclass(frozen=True, slots=True)
class Highlighter:
    """What counts as a hit: a word whose index term is one of ``terms`` or starts with a
    ``prefixes`` entry."""

    terms: frozenset[str]
    prefixes: tuple[str, ...] = ()
    # the words already judged, as two sets (the snippets of one search, and of every search
    # with the same words, share most of their words): set operations in C then sort a text's
    # words, where a Python call per word cost more than the rest of the snippet
    _hits: set[str] = field(default_factory=set, init=False, compare=False, hash=False, repr=False)
    _misses: set[str] = field(
        default_factory=set, init=False, compare=False, hash=False, repr=False
    )

    def hits(self, word: str) -> bool:
        return bool(self.hitting({word}))

    def hitting(self, words: set[str]) -> set[str]:
        """The words of ``words`` that are hits."""
        unknown = words.difference(self._hits, self._misses)
        if unknown:
            if len(self._hits) + len(self._misses) + len(unknown) > JUDGED_WORDS:
                self._hits.clear()  # bounded memory for a long-lived highlighter
                self._misses.clear()
            for word in unknown:
                if word.isdigit():  # numbers are their own term (as in ``analysis.terms``),
                    if self._judge_number(word):  # and too many to remember
                        self._hits.add(word)
                else:
                    (self._hits if self._judge(word) else self._misses).add(word)
        return words & self._hits

    def _judge(self, word: str) -> bool:
        term = analysis.term(word)
        return term in self.terms or any(term.startswith(p) for p in self.prefixes)

    def _judge_number(self, word: str) -> bool:
        return word in self.terms or any(word.startswith(p) for p in self.prefixes)


def _hit_spans(text: str, highlighter: Highlighter) -> list[tuple[int, int]]:
    """Offsets of the words that are hits. Each distinct word is judged once, then one regular
    expression of the words that hit finds their places (a Python step per word of the text
    would cost ten times more)."""
    scanned = text[:MAX_SCAN_CHARS]
    hitting = highlighter.hitting(set(analysis.WORD.findall(scanned)))
    spans = [span for word in hitting for span in _whole_words(scanned, word)]
    spans.sort()
    return spans


def _whole_words(text: str, word: str) -> list[tuple[int, int]]:
    """Where ``word`` stands in ``text`` as a whole word: no letter or digit right before or
    after it (``analysis.WORD``'s words; "_" separates words). A hit word is found a few times
    in a text: ``str.find`` costs less than a regular expression over the whole text."""
    found = []
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not text[start - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            found.append((start, end))
        start = text.find(word, end)
    return found


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


class SnippetCache:
    """The snippets of recent hits. An article is a hit of many searches with the same words
    (with other fields, dates or pages): its snippet for those words is made once. Kept under
    the article's id and a hash of its text, so a changed text is a new entry."""

    def __init__(self, max_entries: int = SNIPPETS_KEPT) -> None:
        self.max_entries = max_entries
        self._kept: OrderedDict[tuple[str, int, int, Highlighter], str] = OrderedDict()
        self._lock = threading.Lock()

    def snippet(self, article_id: str, text: str, highlighter: Highlighter) -> str:
        key = (article_id, len(text), hash(text), highlighter)
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                return kept
        made = snippet(text, highlighter)
        with self._lock:
            self._kept[key] = made
            if len(self._kept) > self.max_entries:
                self._kept.popitem(last=False)
        return made
