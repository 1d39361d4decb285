"""Language identification: non-Dutch articles are stored and flagged, not analysed as Dutch."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SAMPLE_CHARS = 2000  # enough text for a stable decision, cheap on long articles
MIN_CHARS = 20  # below this, no decision is made
CANDIDATES = ("nl", "en", "fr", "de", "es", "it", "pt", "af", "tr", "ar", "pl", "ru")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    language, _probability = _identifier().classify(sample)
    return str(language)
