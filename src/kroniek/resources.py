"""Access to the data files shipped in ``kroniek/data`` (lexicons, dictionaries, models)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_path(relative: str) -> Path:
    """Filesystem path of a bundled data file, e.g. ``data_path("nlp/abbreviations.txt")``."""
    return Path(str(resources.files("kroniek") / "data" / relative))


def read_text(relative: str) -> str:
    return data_path(relative).read_text(encoding="utf-8")


def read_lines(relative: str) -> list[str]:
    """Non-empty lines of a bundled text file, without ``#`` comment lines."""
    return [
        line.strip()
        for line in read_text(relative).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
