"""Language identification: non-Dutch articles are stored and flagged, not analysed as Dutch.

Most input is Dutch, so a fast path counts Dutch function words first; only text that is not
clearly Dutch goes to the statistical identifier (py3langid).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kroniek.resources import read_lines

SAMPLE_CHARS = 800  # a few sentences decide reliably; more only costs time
MIN_CHARS = 20  # below this, no decision is made
CANDIDATES = ("nl", "en", "fr", "de", "es", "it", "pt", "af", "tr", "ar", "pl", "ru")
WORD_RE = re.compile(r"[^\W\d_]+")
FAST_PATH_WORDS = 80
FAST_PATH_MIN_WORDS = 25
FAST_PATH_SHARE = 0.3  # Dutch news: 35-50% of words are on the list; en/fr/de: well below
FAST_PATH_FOREIGN_SHARE = 0.03  # Afrikaans shares many Dutch words but not "nie", "sal", ...


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


@lru_cache(maxsize=2)
def _words(name: str) -> frozenset[str]:
    return frozenset(read_lines(f"ingest/{name}.txt"))


def clearly_dutch(sample: str) -> bool:
    """True when the share of Dutch function words leaves no doubt."""
    words = WORD_RE.findall(sample.lower())[:FAST_PATH_WORDS]
    if len(words) < FAST_PATH_MIN_WORDS:
        return False
    dutch, foreign = _words("dutch_function_words"), _words("foreign_function_words")
    dutch_share = sum(word in dutch for word in words) / len(words)
    foreign_share = sum(word in foreign for word in words) / len(words)
    return dutch_share >= FAST_PATH_SHARE and foreign_share < FAST_PATH_FOREIGN_SHARE


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    if clearly_dutch(sample):
        return "nl"
    language, _probability = _identifier().classify(sample)
    return str(language)
