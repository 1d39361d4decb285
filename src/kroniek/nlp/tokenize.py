"""Dutch sentence splitting and tokenisation with exact character offsets.

Sentences never cross a paragraph or heading boundary (the ``blocks``), a blank line, or the start
of a list item. Inside a block a sentence ends at ``.``, ``!``, ``?`` or ``…`` (optionally followed
by closing quotes/brackets) before whitespace and an opening capital, digit, quote or ``'s``-like
clitic, unless the word before the full stop is an abbreviation or an initial. Every token is
``text[start:end]``; nothing is normalised.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from kroniek.models import Sentence, Span, Token
from kroniek.resources import read_lines

# One token: a URL or e-mail address, a clitic ('s-Hertogenbosch, 't, 'n, '81), a number with
# separators and an ordinal/time suffix (1.500, 3,5, 10:53, 10u53, 21ste), a word with inner
# apostrophes/hyphens/dots (o.a., auto's, Kremlin-woordvoerder, dhr.), or any other character.
TOKEN_RE = re.compile(
    r"""
    (?:https?://|www\.)[^\s"'“”„‘’«»<>()\[\]]+?(?=[.,;:!?]*(?:[\s"'“”„‘’«»<>()\[\]]|$))
  | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}
  | ['’](?:s|t|n)\b(?:-[^\W\d_]+)*        # 's-Hertogenbosch, 't, 'n
  | ['’]\d\d\b                           # '81
  | \d+(?:[.,:]\d+)*(?:u\d\d|ste|de|e)?\b   # 1.500  3,5  10:53  10u53  21ste  2e
  | \d+(?:[.,:]\d+)*                     # 12abc: the number part
  | [^\W\d_](?:\w|[-'’.](?=\w))*\.?      # words, o.a., Kremlin-woordvoerder, dhr.
  | [^\W\d_]+                            # (letters the pattern above cannot start)
  | \S                                   # punctuation, symbols
    """,
    re.VERBOSE,
)

# A candidate sentence end: terminal punctuation, closing quotes/brackets, then whitespace.
# (Starting only at the first mark of a run keeps long runs of dots linear.)
END_CANDIDATE_RE = re.compile(r"""(?<![.!?…])[.!?…]++["'”’»)\]]*+(?=\s)""")
OPENERS = "\"'“„‘«([¿¡"
CLITIC_START_RE = re.compile(r"""['’](?:s|t|n)\s""")
# Hard breaks inside a block: a blank line, or a line that starts a list item.
HARD_BREAK_RE = re.compile(r"\n[ \t]*(?:\n\s*|(?=(?:[-*•–—·▪]|\d{1,2}[.)])\s))")
MAX_DOTTED_ABBREVIATION = 6  # "o.l.v", "d.w.z": short letter groups joined by dots


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Lower-cased abbreviations (with their final dot) after which a sentence does not end."""
    return frozenset(line.lower() for line in read_lines("nlp/abbreviations.txt"))


@lru_cache(maxsize=1)
def final_abbreviations() -> frozenset[str]:
    """Abbreviations that often close a sentence ("enz."): a capital after them starts a new one."""
    return frozenset(line.lower() for line in read_lines("nlp/final_abbreviations.txt"))


@lru_cache(maxsize=1)
def month_abbreviations() -> frozenset[str]:
    """Month abbreviations ("jan."): before a number ("12 jan. 2024") no sentence ends."""
    return frozenset(line.lower() for line in read_lines("nlp/month_abbreviations.txt"))


def split_blocks(text: str, blocks: Iterable[Span] | None = None) -> list[Span]:
    """Paragraph/heading spans clipped to the text, or its non-empty lines when none are given."""
    spans = sorted(
        (max(0, start), min(len(text), end)) for start, end in (blocks or []) if end > start
    )
    if spans:
        return spans
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _word_before(text: str, dot: int) -> str:
    """The whitespace-delimited word ending at ``dot`` (inclusive), without opening quotes."""
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    return text[word_start : dot + 1].lstrip(OPENERS)


def _listed(raw: str) -> bool:
    """True when ``raw`` (ending in a full stop) is on the abbreviation list. A word of capitals
    is an acronym, not a listed abbreviation written loudly: "de VS." ends a sentence, where
    "vs." (versus) does not."""
    letters = raw[:-1]
    if len(letters) > 1 and letters.isalpha() and letters.isupper():
        return False
    return raw.lower() in abbreviations()


def _is_abbreviation(raw: str) -> bool:
    """True when ``raw`` (ending in a full stop) is an abbreviation or an initial."""
    if _listed(raw):
        return True
    word = raw.lower()
    letters = word[:-1]
    if len(letters) == 1:
        return letters.isalpha()  # an initial: "J. Peeters"
    return "." in letters and len(letters) <= MAX_DOTTED_ABBREVIATION and letters[-1].isalpha()


def _starts_sentence(block: str, position: int) -> bool:
    """Can a new sentence begin at ``position`` (the first non-space after a candidate end)?"""
    if position >= len(block):
        return False
    char = block[position]
    if char.isupper() or char.isdigit():
        return True
    if CLITIC_START_RE.match(block, position):
        return True
    if char in OPENERS:
        following = block[position + 1 : position + 2]
        return bool(following) and not following.islower()
    return False


def _continues_after_dot(block: str, dot: int, after: int) -> bool:
    """Does the sentence go on after the full stop at ``dot`` (next word at ``after``)?"""
    raw = _word_before(block, dot)
    word = raw.lower()
    if word in month_abbreviations() and raw[:1].islower() and block[after].isdigit():
        return True  # "12 jan. 2024"; "Jan." is also a first name
    return _is_abbreviation(raw) and not (word in final_abbreviations() and block[after].isupper())


def _sentence_ends(block: str) -> list[int]:
    """Offsets inside ``block`` where a sentence ends (exclusive)."""
    ends: list[int] = []
    for match in END_CANDIDATE_RE.finditer(block):
        after = match.end()
        while after < len(block) and block[after].isspace():
            after += 1
        if not _starts_sentence(block, after):
            continue
        punct = match.group()
        if punct.rstrip("\"'”’»)]") == "." and _continues_after_dot(block, match.start(), after):
            continue
        ends.append(match.end())
    return ends


def sentence_spans(text: str, start: int, end: int) -> list[Span]:
    """Split the block text[start:end] into sentence spans (stripped of surrounding space)."""
    block = text[start:end]
    cuts = {match.start() for match in HARD_BREAK_RE.finditer(block)}
    cuts.update(_sentence_ends(block))
    bounds = [0, *sorted(cuts), len(block)]
    result: list[Span] = []
    for s, e in itertools.pairwise(bounds):
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
    """Abbreviations and initials keep their full stop: "dhr.", "o.a.", "J.", "J.P."."""
    if _listed(word):
        return True
    letters = word[:-1]
    if len(letters) == 1:
        return letters.isupper()
    return "." in letters and len(letters) <= MAX_DOTTED_ABBREVIATION


def split(text: str, blocks: Iterable[Span] | None = None) -> list[Sentence]:
    """Sentences with tokens for the whole text, block by block, in order, never overlapping."""
    sentences: list[Sentence] = []
    covered = 0
    for block_start, block_end in split_blocks(text, blocks):
        block_start = max(block_start, covered)  # overlapping blocks: never emit a span twice
        if block_end <= block_start:
            continue
        for s, e in sentence_spans(text, block_start, block_end):
            sentences.append(Sentence(s, e, tokenize_span(text, s, e)))
        covered = block_end
    return sentences
