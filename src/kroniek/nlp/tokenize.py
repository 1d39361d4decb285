"""Dutch sentence splitting and tokenisation with character offsets.

Sentences never cross a paragraph or heading boundary. Inside a block a sentence ends at ``.``,
``!`` or ``?`` (optionally followed by closing quotes/brackets) before whitespace and an opening
capital, digit or quote, unless the word before the full stop is a known abbreviation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from kroniek.models import Sentence, Span, Token
from kroniek.resources import read_lines

# One token: a word with inner apostrophes/hyphens/dots (o.a., 's-Hertogenbosch, Latakia-provincie),
# a number with separators (1.500, 3,5), or any single other non-space character.
TOKEN_RE = re.compile(
    r"""
    '(?:s|t|n)\b(?:-[^\W\d_]+)*         # 's-Hertogenbosch, 't, 'n
  | \d+(?:[.,:]\d+)*                     # 1.500  3,5  10:53
  | [^\W\d_](?:[\w]|[-'’.](?=\w))*\.?    # words, o.a., Kremlin-woordvoerder, dhr.
  | \S                                   # punctuation, symbols
    """,
    re.VERBOSE,
)

SENTENCE_END_RE = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+["'“„‘«(\[]?[\dA-ZÀ-ÖØ-Þ])""")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Lower-cased abbreviations (with their final dot) after which a sentence does not end."""
    return frozenset(line.lower() for line in read_lines("nlp/abbreviations.txt"))


def split_blocks(text: str, blocks: Iterable[Span] | None = None) -> list[Span]:
    """Paragraph/heading spans, or the text's non-empty lines when none are given."""
    spans = sorted(blocks or [])
    if spans:
        return spans
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start : dot + 1].lstrip("(\"'“„‘«").lower()
    if word in abbreviations():
        return True
    letters = word[:-1]
    # single capital initials ("J. Smit") and dotted abbreviations ("o.a.", "v.d.")
    return len(letters) == 1 and letters.isalpha() or ("." in letters and len(letters) <= 6)


def sentence_spans(text: str, start: int, end: int) -> list[Span]:
    """Split the block text[start:end] into sentence spans (stripped of surrounding space)."""
    spans: list[Span] = []
    block = text[start:end]
    cursor = 0
    for match in SENTENCE_END_RE.finditer(block):
        stop = match.start()
        if block[stop] == "." and match.end() - stop == 1 and _is_abbreviation(block, stop):
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, len(block)))
    result = []
    for s, e in spans:
        piece = block[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            result.append((start + s + lead, start + s + trail))
    return result


def tokenize_span(text: str, start: int, end: int) -> list[Token]:
    """Tokens of text[start:end] with absolute offsets; a sentence-final dot is its own token."""
    tokens: list[Token] = []
    for match in TOKEN_RE.finditer(text, start, end):
        word = match.group()
        s, e = match.start(), match.end()
        if len(word) > 1 and word.endswith(".") and not _keeps_dot(word):
            tokens.append(Token(word[:-1], s, e - 1))
            tokens.append(Token(".", e - 1, e))
        else:
            tokens.append(Token(word, s, e))
    return tokens


def _keeps_dot(word: str) -> bool:
    lowered = word.lower()
    return lowered in abbreviations() or ("." in word[:-1] and len(word) <= 8)


def split(text: str, blocks: Iterable[Span] | None = None) -> list[Sentence]:
    """Sentences with tokens for the whole text, block by block."""
    sentences: list[Sentence] = []
    for block_start, block_end in split_blocks(text, blocks):
        for s, e in sentence_spans(text, block_start, block_end):
            sentences.append(Sentence(s, e, tokenize_span(text, s, e)))
    return sentences
