"""Calendar arithmetic for time resolution: the publication anchor, precisions and ISO rendering.

A resolved expression is a :class:`When`: a representative calendar day (plus an optional clock
time) and the precision the expression carries. Rendering turns it into the ISO value of the
output contract: ``19`` (century), ``199`` (decade), ``2017``, ``2017-12``, ``2017-W51``,
``2017-12-11`` or ``2017-12-11T14:30``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum

DAYS_PER_WEEK = 7
MONTHS_PER_YEAR = 12
MID_MONTH_DAY = 15
MID_YEAR_MONTH = 7
# Two-digit years ("11/12/17") are read in this century unless that lies this far in the future.
TWO_DIGIT_YEAR_FUTURE_SLACK = 10
# Publication years outside this range are treated as unknown (calendar arithmetic stays safe).
MIN_ANCHOR_YEAR = 1000
MAX_ANCHOR_YEAR = 9000
# Without a publication date, "17" is read as 2017 and "87" as 1987.
TWO_DIGIT_YEAR_PIVOT = 2040


class Precision(IntEnum):
    """How fine a value is; larger is finer."""

    CENTURY = 0
    DECADE = 1
    YEAR = 2
    MONTH = 3
    WEEK = 4
    DAY = 5
    MINUTE = 6


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date: a representative day and how much of it is actually known.

    For a partial date the representative day is the middle of the period (15th of the month,
    1 July of the year), so that relative arithmetic lands in the most likely period.
    """

    day: dt.date
    precision: Precision

    @property
    def limit(self) -> Precision:
        """The finest precision a relative expression can reach from this anchor."""
        return Precision.MINUTE if self.precision >= Precision.DAY else self.precision


@dataclass(frozen=True, slots=True)
class When:
    """A resolved point or period; ``relative`` values are limited by the anchor's precision."""

    day: dt.date
    precision: Precision
    relative: bool = True
    clock: dt.time | None = None


ISO_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?)?)?")


def parse_anchor(published: object) -> Anchor | None:
    """Anchor from ``Article.published``: an ISO string at any precision, a date or datetime."""
    if isinstance(published, dt.datetime):
        published = published.date()
    if isinstance(published, dt.date):
        published = published.isoformat()
    if not isinstance(published, str):
        return None
    match = ISO_DATE_RE.match(published)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups()[:3])
    if year is None or not MIN_ANCHOR_YEAR <= year <= MAX_ANCHOR_YEAR:
        return None
    try:
        if month is None:
            return Anchor(dt.date(year, MID_YEAR_MONTH, 1), Precision.YEAR)
        if day is None:
            return Anchor(dt.date(year, month, MID_MONTH_DAY), Precision.MONTH)
        return Anchor(dt.date(year, month, day), Precision.DAY)
    except ValueError:
        return None


def render(when: When, anchor: Anchor | None) -> str:
    """ISO value of ``when``; a relative value is cut to what the anchor's precision allows."""
    precision = when.precision
    if when.relative and anchor is not None:
        precision = min(precision, anchor.limit)
    day = when.day
    if precision == Precision.CENTURY:
        return f"{day.year // 100:02d}"
    if precision == Precision.DECADE:
        return f"{day.year // 10:03d}"
    if precision == Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    if precision == Precision.WEEK:
        iso = day.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if precision == Precision.DAY or when.clock is None:
        return day.isoformat()
    return f"{day.isoformat()}T{when.clock.hour:02d}:{when.clock.minute:02d}"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the end of shorter months."""
    index = day.year * MONTHS_PER_YEAR + day.month - 1 + months
    year, month0 = divmod(index, MONTHS_PER_YEAR)
    last = _month_length(year, month0 + 1)
    return dt.date(year, month0 + 1, min(day.day, last))


def _month_length(year: int, month: int) -> int:
    following = dt.date(year + month // MONTHS_PER_YEAR, month % MONTHS_PER_YEAR + 1, 1)
    return (following - dt.timedelta(days=1)).day


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31 februari) or is out of range."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nearest_year(anchor: Anchor, month: int, day: int) -> dt.date | None:
    """The (month, day) in the year around the anchor closest to it; ties go to the past."""
    candidates = [
        found
        for year in (anchor.day.year - 1, anchor.day.year, anchor.day.year + 1)
        if (found := safe_date(year, month, day)) is not None
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda found: (abs((found - anchor.day).days), found > anchor.day))


def weekday_on_or_before(day: dt.date, weekday: int, strictly: bool = False) -> dt.date:
    """The latest date with ``weekday`` (0 = Monday) on or (strictly) before ``day``."""
    back = (day.weekday() - weekday) % DAYS_PER_WEEK
    if strictly and back == 0:
        back = DAYS_PER_WEEK
    return day - dt.timedelta(days=back)


def weekday_on_or_after(day: dt.date, weekday: int, strictly: bool = False) -> dt.date:
    """The earliest date with ``weekday`` on or (strictly) after ``day``."""
    ahead = (weekday - day.weekday()) % DAYS_PER_WEEK
    if strictly and ahead == 0:
        ahead = DAYS_PER_WEEK
    return day + dt.timedelta(days=ahead)


def weekday_in_week(day: dt.date, weekday: int) -> dt.date:
    """The date with ``weekday`` in the ISO week (Monday-Sunday) of ``day``."""
    return day + dt.timedelta(days=weekday - day.weekday())


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` (1-based) ``weekday`` of a month: third Tuesday of September, ..."""
    first = dt.date(year, month, 1)
    return weekday_on_or_after(first, weekday) + dt.timedelta(weeks=nth - 1)


def full_year(two_digits: int, anchor: Anchor | None) -> int:
    """A year for "17" in "11/12/17": the anchor's century unless that is well past the anchor."""
    reference = anchor.day.year if anchor else TWO_DIGIT_YEAR_PIVOT
    year = reference // 100 * 100 + two_digits
    if year > reference + TWO_DIGIT_YEAR_FUTURE_SLACK:
        year -= 100
    return year
