"""How text becomes index terms: words, accents folded, lower-cased, Snowball Dutch stems.

The index and the query parser both go through ``terms``, so "aanvallen" in an article and
"aanval" in a query meet at the same stem, and "Israël" meets "Israel". Words are runs of letters
and digits; everything else (punctuation, hyphens, underscores) separates words, as in SQLite's
``unicode61`` tokenizer and PostgreSQL's parser reading the space-joined terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

WORD = re.compile(r"[^\W_]+")
STEM_CACHE_SIZE = 50_000  # distinct words kept: the working vocabulary of news, bounded memory


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import Stemmer  # PyStemmer: the Snowball algorithms in C

    return Stemmer.Stemmer("dutch")


def fold(word: str) -> str:
    """Lower-case, with accents and other combining marks removed ("Israël" -> "israel")."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=STEM_CACHE_SIZE)
def term(word: str) -> str:
    """The index term of one word: folded, then stemmed; "" when nothing searchable is left."""
    folded = "".join(WORD.findall(fold(word)))
    if not folded:
        return ""
    stem: str = _stemmer().stemWord(folded)  # type: ignore[attr-defined]
    return stem


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` with their offsets (for snippets)."""
    return WORD.finditer(text)


def terms(text: str | None) -> list[str]:
    """The index terms of ``text``, in order."""
    if not text:
        return []
    # numbers are their own term and too many to cache: they bypass the stem cache
    found = [word if word.isdigit() else term(word) for word in WORD.findall(text)]
    return [t for t in found if t]


def document(text: str | None) -> str:
    """``text`` as the space-joined terms that both backends index."""
    return " ".join(terms(text))


def folded_words(text: str) -> list[str]:
    """Folded but unstemmed words of a query word, for prefixes ("aanvallen*")."""
    return [w for w in (fold(m) for m in WORD.findall(text)) for w in WORD.findall(w)]
