"""What a page address tells: the outlet (its host) and often a publication date in the path."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

# /2018/01/04/  /2018-01-04/  and compact 8-digit dates (dmf20220808_..., /20240227/)
SLASHED_DATE_RE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?=[/-]|$)")
COMPACT_DATE_RE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(\d{2})(\d{2})(?!\d)")
STRIPPED_HOST_PREFIXES = ("www.", "m.", "nl.", "amp.", "mobile.")


def outlet_of(url: str | None) -> str | None:
    """``https://www.hln.be/nieuws/...`` -> ``hln.be``; ``nl.metrotime.be`` -> ``metrotime.be``."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    changed = True
    while changed:
        changed = False
        for prefix in STRIPPED_HOST_PREFIXES:
            if host.startswith(prefix) and host.count(".") > 1:
                host = host[len(prefix) :]
                changed = True
    return host or None


def _valid(year: int, month: int, day: int | None) -> bool:
    try:
        date(year, month, day or 1)
    except ValueError:
        return False
    return True


def date_in_url(url: str | None) -> str | None:
    """The most precise publication date written in the URL path, as ISO, or None."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for match in SLASHED_DATE_RE.finditer(path):
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        if _valid(year, month, day):
            return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    for match in COMPACT_DATE_RE.finditer(path):
        year, month, day = (int(g) for g in match.groups())
        if _valid(year, month, day):
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def refine_published(published: str | None, candidate: str | None) -> str | None:
    """Take ``candidate`` when it is more precise than ``published`` and agrees with it."""
    if not candidate:
        return published
    if not published:
        return candidate
    if len(candidate) > len(published) and candidate.startswith(published):
        return candidate
    return published
