"""Bytes to text: binary detection, encoding repair and mojibake fixing."""

from __future__ import annotations

import re
import unicodedata

from kroniek.errors import InputError

BINARY_SAMPLE = 4096
MAX_CONTROL_RATIO = 0.02  # text with more control characters than this is treated as binary
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# UTF-8 read as cp1252/latin-1 leaves these traces: "Ã©" for é, "â€™" for ’
MOJIBAKE_RE = re.compile(r"[ÃÂ][\u0080-\u00bf\u2018-\u203a€ƒ]|â€")
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


def looks_binary(data: bytes) -> bool:
    sample = data[:BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    text = sample.decode("latin-1")
    return len(CONTROL_RE.findall(text)) > MAX_CONTROL_RATIO * max(len(text), 1)


def fix_mojibake(text: str) -> str:
    """Repair UTF-8-read-as-cp1252 damage (only when its traces are present: ftfy is not free)."""
    if not MOJIBAKE_RE.search(text):
        return text
    import ftfy

    return str(ftfy.fix_text(text, normalization="NFC"))


def decode_bytes(data: bytes) -> str:
    """Decode an input file's bytes to NFC text, or raise ``InputError`` with the reason."""
    if not data.strip():
        raise InputError("empty input")
    if looks_binary(data):
        raise InputError("binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
    text = fix_mojibake(text)
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _decode_legacy(data: bytes) -> str:
    """Non-UTF-8 input: the detector's guess when confident, else cp1252 (Dutch web default)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 64 * 1024]).best()
    encodings = ([best.encoding] if best is not None else []) + list(FALLBACK_ENCODINGS)
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError("undecodable text (not UTF-8, cp1252 or latin-1)")
