"""The one compiled regex that finds Dutch time expressions.

Each kind of expression is a named alternative (``(?P<date>...)``, ``(?P<weekday>...)``); its inner
groups carry the kind's name as prefix so that all names stay unique. Python's regex tries the
alternatives in order at each position, so more specific kinds ("maandag 11 december", "vorige
week maandag") come before the general ones ("maandag"). ``match.lastgroup`` names the kind.
An optional preposition ("in", "sinds", ...) and period part ("begin", "eind", "medio", ...) in
front belong to the expression.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kroniek.resolve.time_vocab import Vocabulary, alternation, vocabulary

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
CLOCK_PREPOSITIONS = [
    "om",
    "rond",
    "omstreeks",
    "tegen",
    "vanaf",
    "sinds",
    "tot",
    "even na",
    "even voor",
    "kort na",
    "kort voor",
    "na",
    "voor",
]


def _kinds(v: Vocabulary) -> list[tuple[str, str]]:
    """(kind, pattern) in matching order; the pattern's groups are prefixed with the kind."""
    month = alternation(v.months)
    abbreviation = alternation(v.month_abbreviations)
    weekday = alternation(v.weekdays)
    part = alternation(v.day_parts)
    modifier = alternation(v.modifiers)
    year_modifier = alternation([*v.modifiers, *v.rolling_year])
    relative_year = rf"(?:van\s+)?{alternation(m for m, d in v.modifiers.items())}\s+jaar"
    number = alternation(v.numbers)
    return [
        (
            "iso",
            r"(?P<iso_y>\d{4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)"
            r"(?:T(?P<iso_h>\d\d):(?P<iso_min>\d\d))?",
        ),
        (
            "numeric",
            rf"(?:{weekday},?\s+)?(?P<numeric_d>\d{{1,2}})(?P<numeric_sep>[/.-])"
            rf"(?P<numeric_m>\d{{1,2}})(?P=numeric_sep)(?P<numeric_y>\d{{4}}|\d\d)(?!\d)",
        ),
        (
            "date",
            rf"(?:(?P<date_wd>{weekday})(?:\s*,)?\s+)?(?P<date_d>\d{{1,2}})(?:e|ste|de)?\s+"
            rf"(?:(?P<date_mon>{month})|(?P<date_abbr>{abbreviation})\.?)"
            rf"(?:\s+(?P<date_y>\d{{4}})(?!\d)|\s+(?P<date_rel>{relative_year}))?",
        ),
        (
            "weekweekday",
            rf"(?:(?P<weekweekday_d1>{weekday}){part}?\s+(?P<weekweekday_m1>{modifier})"
            rf"\s+week|(?P<weekweekday_m2>{modifier})\s+week\s+"
            rf"(?P<weekweekday_d2>{weekday}){part}?)",
        ),
        ("night", rf"(?:de\s+)?nacht\s+van\s+(?P<night_a>{weekday})\s+op\s+(?P<night_b>{weekday})"),
        (
            "holiday",
            rf"(?:(?P<holiday_mod>{modifier})\s+)?(?P<holiday_name>{alternation(v.holidays)})"
            rf"(?:\s+(?P<holiday_y>{YEAR})(?!\d))?",
        ),
        (
            "dayword",
            rf"(?P<dayword_stem>{alternation(v.day_part_stems)})(?P<dayword_part>{part})"
            rf"|(?P<dayword_word>{alternation(v.relative_days)})",
        ),
        ("daypart", rf"(?:afgelopen|voorbije|deze)\s+{part}"),
        (
            "weekday",
            rf"(?:(?P<weekday_mod>{modifier})\s+)?(?P<weekday_day>{weekday}){part}?"
            rf"(?:\s+(?P<weekday_suf>{alternation(v.weekday_suffixes)}))?",
        ),
        (
            "weeknumber",
            rf"week\s+(?P<weeknumber_n>\d{{1,2}})(?:\s+(?:van\s+)?(?P<weeknumber_y>{YEAR}))?",
        ),
        ("week", rf"(?:(?:de|het)\s+)?(?P<week_mod>{modifier})\s+(?P<week_unit>weekend|week)"),
        ("month", rf"(?:(?:de|het)\s+)?(?P<month_mod>{modifier})\s+maand"),
        ("year", rf"(?:(?:de|het)\s+)?(?P<year_mod>{year_modifier})\s+{alternation(v.year_nouns)}"),
        (
            "thisyear",
            rf"het\s+{alternation(v.year_nouns)}"
            rf"(?!\s+(?:\d|{alternation(v.current_year_blockers)}(?!\w)))",
        ),
        (
            "season",
            rf"(?:(?:de|het)\s+)?(?:(?P<season_mod>{modifier})\s+)?"
            rf"(?P<season_name>{alternation(v.seasons)})"
            rf"(?:\s+(?:van\s+)?(?P<season_y>{YEAR})(?!\d)"
            rf"|\s+(?P<season_rel>{relative_year}))?",
        ),
        (
            "monthname",
            rf"(?P<monthname_mon>{month})(?:\s+(?:van\s+)?(?P<monthname_y>{YEAR})(?!\d)"
            rf"|\s+(?P<monthname_rel>{relative_year}))?",
        ),
        ("monthabbr", rf"(?P<monthabbr_mon>{abbreviation})\.?\s+(?P<monthabbr_y>{YEAR})(?!\d)"),
        (
            "decade",
            rf"(?:de\s+)?jaren\s+(?:(?P<decade_word>{alternation(v.decades)})"
            rf"|['’]?(?P<decade_short>[2-9]0)|(?P<decade_full>(?:1[5-9]|20)\d0))"
            rf"(?:\s+van\s+de\s+(?:vorige|twintigste)\s+eeuw)?",
        ),
        (
            "century",
            rf"(?:de\s+)?(?:(?P<century_mod>{modifier})|(?P<century_word>{alternation(v.centuries)})"
            rf"|(?P<century_n>1\d|2[01])(?:e|de|ste))\s+eeuw",
        ),
        (
            "ago",
            rf"(?:{alternation(v.approximators)}\s+)?(?P<ago_n>\d+|{number})\s+"
            rf"(?P<ago_unit>{alternation(v.units)})\s+{alternation(v.ago_words)}",
        ),
        (
            "after",
            rf"{alternation(v.after_words)}\s+(?:{alternation(v.approximators)}\s+)?"
            rf"(?P<after_n>\d+|{number})\s+(?P<after_unit>{alternation(v.units)})",
        ),
        (
            "clock",
            rf"(?:(?P<clock_pre>{alternation(CLOCK_PREPOSITIONS)})\s+)?"
            rf"(?P<clock_h>[01]?\d|2[0-3])(?:(?P<clock_sep>[u:.h])(?P<clock_min>[0-5]\d)"
            rf"(?:\s*(?P<clock_uur>uur))?|\s*(?P<clock_hour>uur))(?![.,:]?\d)"
            rf"(?:\s+['’]s\s+(?P<clock_dayside>{alternation(v.clock_day_sides)}))?",
        ),
        (
            "wordclock",
            rf"(?:(?P<wordclock_pre>{alternation(CLOCK_PREPOSITIONS)})\s+)?"
            rf"(?:(?P<wordclock_frac>{alternation(v.clock_fractions)})\s+)?"
            rf"(?P<wordclock_h>{alternation(v.clock_hour_words)})(?:\s+(?P<wordclock_uur>uur))?"
            rf"(?:\s+['’]s\s+(?P<wordclock_dayside>{alternation(v.clock_day_sides)}))?",
        ),
        (
            "daylist",
            rf"(?P<daylist_d>\d{{1,2}})(?:e|ste|de)?(?=\s+(?:en|tot\s+en\s+met|tot|t/m)\s+"
            rf"\d{{1,2}}(?:e|ste|de)?\s+(?:(?P<daylist_mon>{month})|(?P<daylist_abbr>{abbreviation})\.?)"
            rf"(?:\s+(?P<daylist_y>\d{{4}})(?!\d)|\s+(?P<daylist_rel>{relative_year}))?)",
        ),
        ("year4", rf"(?P<year4_noun>het\s+jaar\s+)?(?P<year4_y>{YEAR})(?!-?\d|[.,]\d)"),
    ]


@lru_cache(maxsize=1)
def time_regex() -> re.Pattern[str]:
    """The combined, case-insensitive regex over all kinds."""
    v = vocabulary()
    kinds = "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _kinds(v))
    return re.compile(
        rf"(?<![\w/.-])(?:(?P<pre>{alternation([*v.prepositions, 'tussen'])})\s+)?"
        rf"(?:(?P<part>{alternation(v.period_parts)})\s+)?"
        rf"(?:{kinds})(?![\w/-]|\.\d)",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def future_regex() -> re.Pattern[str]:
    """Finds a word that puts a sentence in the future tense."""
    return re.compile(rf"\b{alternation(vocabulary().future_markers)}\b", re.IGNORECASE)
