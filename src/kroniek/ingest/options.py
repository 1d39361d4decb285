"""Settings that shape how inputs are read (limits, field mappings)."""

from __future__ import annotations

from dataclasses import dataclass, field

MIB = 1024 * 1024
DEFAULT_MAX_ARTICLE_BYTES = 5 * MIB  # one article larger than this is refused as "too large"
DEFAULT_MAX_FILE_BYTES = 2048 * MIB  # one container file (JSONL, WARC, archive) larger than this
DEFAULT_MAX_ARCHIVE_BYTES = 1024 * MIB  # total uncompressed bytes one archive may expand to
DEFAULT_MAX_ARCHIVE_RATIO = 200  # uncompressed/compressed size above this is a zip bomb
DEFAULT_MAX_ARCHIVE_DEPTH = 2  # archives inside archives


@dataclass(frozen=True, slots=True)
class ReadOptions:
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES
    max_archive_ratio: int = DEFAULT_MAX_ARCHIVE_RATIO
    max_archive_depth: int = DEFAULT_MAX_ARCHIVE_DEPTH
    # record field -> kroniek field, for JSONL/CSV with other column names ("body" -> "text")
    field_map: dict[str, str] = field(default_factory=dict)
    format: str | None = None  # force a reader instead of guessing from name and content


def parse_field_map(spec: str | None) -> dict[str, str]:
    """``"headline=title,body=text"`` -> ``{"headline": "title", "body": "text"}``."""
    mapping: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        source, sep, target = part.partition("=")
        if not sep or not source.strip() or not target.strip():
            from kroniek.errors import KroniekError

            raise KroniekError(f"bad field mapping {part!r}: expected SOURCE=FIELD, e.g. body=text")
        mapping[source.strip()] = target.strip()
    return mapping
