"""Duplicate detection: exact duplicates share a content id; near-duplicates share MinHash bands.

Wire copy reprinted by several outlets differs in a headline, a dateline or a final paragraph:
word 5-gram shingles with MinHash (datasketch) and banded LSH find such pairs without comparing
every article with every other one. Bands are stored in the database, so memory stays flat.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
BANDS = 16  # 16 bands x 4 rows: pairs above ~0.5 Jaccard become candidates
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
NEAR_DUPLICATE_JACCARD = 0.5  # estimated Jaccard at or above which two articles are wire copies
MIN_SHINGLES = 8  # texts shorter than this are too small to compare reliably
# Words over UTF-8 bytes: ASCII letters and digits, and every non-ASCII byte (so "België" is one
# word); matching bytes lets crc32 hash them without a str.encode per word.
WORD_BYTES_RE = re.compile(rb"[0-9A-Za-z_\x80-\xff]+")
SHINGLE_BASE = 1_000_003  # odd multiplier mixing word hashes into a 5-gram hash
MASK_32 = np.uint64(0xFFFFFFFF)


@dataclass(slots=True)
class Fingerprint:
    minhash: np.ndarray  # uint64 hash values
    bands: list[int]

    def to_bytes(self) -> bytes:
        return self.minhash.astype(np.uint64).tobytes()


def _shingle_value(value: int) -> int:
    """Shingles arrive already hashed (see ``shingle_hashes``): MinHash uses them as they are."""
    return value


@lru_cache(maxsize=1)
def _template() -> MinHash:
    # the permutations derive from the seed; building them once saves most of the cost
    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_shingle_value)


def shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of the word 5-grams of a text, unique, as uint64.

    Each word is hashed once (crc32: stable across processes); a 5-gram's hash is a polynomial
    combination of its words' hashes, computed for all 5-grams at once with numpy.
    """
    words = WORD_BYTES_RE.findall(text.casefold().encode("utf-8"))
    if not words:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    if len(words) < SHINGLE_WORDS:
        return np.unique(hashes)
    width = len(words) - SHINGLE_WORDS + 1
    combined = np.zeros(width, dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):
        combined = (combined * np.uint64(SHINGLE_BASE) + hashes[offset : offset + width]) & MASK_32
    return np.unique(combined)


def fingerprint(text: str) -> Fingerprint | None:
    """MinHash and LSH band keys of a text, or None when it is too short to compare."""
    grams = shingle_hashes(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = _template().copy()
    minhash.update_batch(grams.tolist())
    values = minhash.hashvalues.astype(np.uint64)
    return Fingerprint(values, band_keys(values))


def band_keys(values: np.ndarray) -> list[int]:
    """One stable signed 64-bit key per band (fits a BIGINT column)."""
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(
            int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True)
        )
    return keys


def similarity(a: np.ndarray, b: bytes | np.ndarray) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    other = np.frombuffer(b, dtype=np.uint64) if isinstance(b, bytes) else b
    if other.shape != a.shape:
        return 0.0
    return float(np.count_nonzero(a == other)) / len(a)


def shared_agency(first: list[str], second: list[str]) -> str | None:
    """The wire agency two near-duplicates both credit, else the one either credits."""
    for agency in first:
        if agency in second:
            return agency
    either = first or second
    return either[0] if either else None
