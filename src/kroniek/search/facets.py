"""Facets: an article's outlet, agencies and publication date as index tokens.

Indexed beside the text, they let the full-text index answer ``outlet:``, ``agency:`` and
``date:`` together with the words, by merging posting lists, instead of joining every match
with the articles table. Facet tokens hold an underscore, which words never do
(``analysis.WORD``), so they cannot collide with text.

A date gives a token for each period that holds it, down to the precision known: 2017-12-05 is
in ``date_20`` (century), ``date_201`` (decade), ``date_2017``, ``date_201712`` and
``date_20171205``; an article dated only "2017" has the first three. A date range becomes the
fewest such periods that tile it (centuries, decades, years, months, days), so an article is in
a range exactly when the whole of its date is, and each period is one posting list.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from typing import Any

from kroniek.search import analysis

OUTLET, AGENCY, DATE = "outlet_", "agency_", "date_"
FIRST_YEAR, LAST_YEAR = 1000, 2999  # the ends of an open date range (news lies inside)
YEAR_DIGITS = 4
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
Day = tuple[int, int, int]


def squash(value: str) -> str:
    """``value`` folded, letters and digits only: "NOS.nl" -> "nosnl"."""
    return "".join(analysis.WORD.findall(analysis.fold(value)))


CENTURY, DECADE = 2, 3  # digits of the period tokens above a year


def date_tokens(published: str | None) -> list[str]:
    """The period tokens of an ISO date at its precision; none when there is no usable date."""
    match = ISO_DATE.match(published or "")
    if not match:
        return []
    year, month, day = match.groups()
    periods = [year[:CENTURY], year[:DECADE], year]
    if month:
        periods.append(year + month)
        if day:
            periods.append(year + month + day)
    return [DATE + period for period in periods]


def tokens(row: dict[str, Any]) -> list[str]:
    """The facet tokens of an article row (``outlet``, ``agencies``, ``published``)."""
    found = []
    if row.get("outlet") and squash(row["outlet"]):
        found.append(OUTLET + squash(row["outlet"]))
    found += [AGENCY + squash(agency) for agency in row.get("agencies") or [] if squash(agency)]
    return found + date_tokens(row.get("published"))


def _year_prefixes(first: int, last: int, digits: int = YEAR_DIGITS) -> Iterator[str]:
    """Prefixes of zero-padded years covering exactly ``first``..``last`` (century, decade,
    year): 1995..2023 gives 1995-1999 as "1995".."1999", "200", "201", "2020".."2023"."""

    def cover(prefix: str) -> Iterator[str]:
        width = 10 ** (digits - len(prefix))
        low = int(prefix or "0") * width
        high = low + width - 1
        if high < first or low > last:
            return
        if first <= low and high <= last and len(prefix) >= CENTURY:  # no millennium tokens
            yield prefix
            return
        for digit in "0123456789":
            yield from cover(prefix + digit)

    yield from cover("")


def _months(year: int, first: int, last: int) -> Iterator[str]:
    return (f"{year:04d}{month:02d}" for month in range(first, last + 1))


def _days(year: int, month: int, first: int, last: int) -> Iterator[str]:
    return (f"{year:04d}{month:02d}{day:02d}" for day in range(first, last + 1))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _parse(bound: str | None, end: bool) -> Day:
    if bound is None:
        return (LAST_YEAR, 12, 31) if end else (FIRST_YEAR, 1, 1)
    parts = [int(part) for part in bound.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if end else 1)
    day = parts[2] if len(parts) > 2 else (_last_day(year, month) if end else 1)
    return year, month, day


def _edge(year: int, month_first: Day, month_last: Day) -> Iterator[str]:
    """Whole months and single days of one year between two days of it."""
    (_, m1, d1), (_, m2, d2) = month_first, month_last
    if m1 == m2:
        whole = d1 == 1 and d2 == _last_day(year, m1)
        yield from [f"{year:04d}{m1:02d}"] if whole else _days(year, m1, d1, d2)
        return
    yield from _edge(year, (year, m1, d1), (year, m1, _last_day(year, m1)))
    yield from _months(year, m1 + 1, m2 - 1)
    yield from _edge(year, (year, m2, 1), (year, m2, d2))


def range_tokens(start: str | None, end: str | None) -> list[str]:
    """Period tokens whose articles are exactly those dated within ``start``..``end``."""
    first, last = _parse(start, end=False), _parse(end, end=True)
    if first > last:
        return []
    (y1, m1, d1), (y2, m2, d2) = first, last
    if y1 == y2:
        whole_year = (m1, d1, m2, d2) == (1, 1, 12, 31)
        found: Iterable[str] = [f"{y1:04d}"] if whole_year else _edge(y1, first, last)
        return [DATE + prefix for prefix in found]
    head = [] if (m1, d1) == (1, 1) else list(_edge(y1, first, (y1, 12, 31)))
    tail = [] if (m2, d2) == (12, 31) else list(_edge(y2, (y2, 1, 1), last))
    whole_first = y1 if not head else y1 + 1
    whole_last = y2 if not tail else y2 - 1
    years = list(_year_prefixes(whole_first, whole_last)) if whole_first <= whole_last else []
    return [DATE + prefix for prefix in [*head, *years, *tail]]
