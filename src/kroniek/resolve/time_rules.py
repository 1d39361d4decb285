"""What each kind of Dutch time expression means: one small function per kind.

Every rule gets the regex match and a :class:`Context` (publication anchor, sentence) and returns
a :class:`When`, or None when the match is not a time expression after all ("Mei" as a name, a
bare "2015" that counts people, a season without a year) or cannot be resolved without a
publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dateutil.easter import easter

from kroniek.models import Token
from kroniek.resolve.time_calendar import (
    DAYS_PER_WEEK,
    MONTHS_PER_YEAR,
    Anchor,
    Precision,
    When,
    add_months,
    full_year,
    nearest_year,
    nth_weekday,
    safe_date,
    weekday_in_week,
    weekday_on_or_after,
    weekday_on_or_before,
)
from kroniek.resolve.time_grammar import (
    Clause,
    Tense,
    clause_at,
    clause_tense,
    grammar,
    has_future_cue,
    over_means_in,
    reports,
)
from kroniek.resolve.time_patterns import CLOCK_PREPOSITIONS, future_regex
from kroniek.resolve.time_vocab import Holiday, normalise, vocabulary

HALF_YEAR_MONTHS = 6
DAYS_PER_MONTH = 30  # only for fractions: "een halve maand"
LAST_DAY_OF_MONTH = 31
HOURS_PER_HALF_DAY = 12
MINUTES_PER_HOUR = 60
# Prepositions that make "<hour word> uur" a clock time; "na/voor/tot acht uur" is often a span.
WORD_CLOCK_PREPOSITIONS = frozenset({"om", "rond", "omstreeks", "tegen"})
ROLLING_OFFSET_MONTHS = {-1: -HALF_YEAR_MONTHS, 1: HALF_YEAR_MONTHS}
# A bare four-digit year ("2019") counts only before punctuation or a function word
# (vocabulary ``bare_year_next_words``): "2015 mensen" is not a year.
CLAUSE_PUNCTUATION = ".,;:)!?'\"”’-–"


@dataclass(slots=True)
class Context:
    """What a rule needs besides its match."""

    text: str
    anchor: Anchor | None
    sentence_start: int
    sentence_end: int
    last_day: When | None = None  # latest day-precise value earlier in the sentence
    last_day_end: int = -1  # where the expression of ``last_day`` ends
    tokens: Sequence[Token] = ()  # the sentence's tagged tokens; empty when not known
    heading: bool = False  # a title or sub-heading
    lead: bool = False  # the first sentence of the body
    _future: bool | None = field(default=None, repr=False)

    @property
    def future(self) -> bool:
        """True when the sentence is in the future tense ("zal", "zullen")."""
        if self._future is None:
            sentence = self.text[self.sentence_start : self.sentence_end]
            self._future = future_regex().search(sentence) is not None
        return self._future

    def clause(self, match: re.Match[str]) -> Clause | None:
        """The clause around the match; None without tagged tokens."""
        return clause_at(self.tokens, match.start(), match.end())


def _word(match: re.Match[str], name: str) -> str:
    value = match.group(name)
    return normalise(value) if value else ""


def _relative_year(anchor: Anchor | None, phrase: str | None) -> int | None:
    """The year of "vorig jaar" / "van dit jaar" after a month or date."""
    if not phrase or anchor is None:
        return None
    modifier = normalise(phrase).removeprefix("van ").split()[0]
    return anchor.day.year + vocabulary().modifiers[modifier]


# --- absolute dates -------------------------------------------------------------------------


def iso(match: re.Match[str], ctx: Context) -> When | None:
    day = safe_date(int(match["iso_y"]), int(match["iso_m"]), int(match["iso_d"]))
    if day is None:
        return None
    if match["iso_h"] is None:
        return When(day, Precision.DAY, relative=False)
    try:
        moment = dt.time(int(match["iso_h"]), int(match["iso_min"]))
    except ValueError:  # "T25:00"
        return When(day, Precision.DAY, relative=False)
    return When(day, Precision.MINUTE, relative=False, clock=moment)


def numeric(match: re.Match[str], ctx: Context) -> When | None:
    year_text = match["numeric_y"]
    year = int(year_text) if len(year_text) > 2 else full_year(int(year_text), ctx.anchor)
    day = safe_date(year, int(match["numeric_m"]), int(match["numeric_d"]))
    return None if day is None else When(day, Precision.DAY, relative=False)


def date(match: re.Match[str], ctx: Context) -> When | None:
    return _day_of_month(match, ctx, "date")


def daylist(match: re.Match[str], ctx: Context) -> When | None:
    """The first day of "op 3 en 4 mei", "van 1 tot 5 juni": the month of the date after it."""
    return _day_of_month(match, ctx, "daylist")


def _day_of_month(match: re.Match[str], ctx: Context, kind: str) -> When | None:
    v = vocabulary()
    month = (
        v.months.get(_word(match, f"{kind}_mon"))
        or v.month_abbreviations[_word(match, f"{kind}_abbr")]
    )
    day_number = int(match[f"{kind}_d"])
    if not 1 <= day_number <= LAST_DAY_OF_MONTH:
        return None
    year_text = match[f"{kind}_y"]
    year = int(year_text) if year_text else _relative_year(ctx.anchor, match[f"{kind}_rel"])
    if year is not None:
        found = safe_date(year, month, day_number)
    elif ctx.anchor is not None:
        found = nearest_year(ctx.anchor, month, day_number)
    else:
        return None
    return None if found is None else When(found, Precision.DAY, relative=False)


def monthname(match: re.Match[str], ctx: Context) -> When | None:
    month = vocabulary().months[_word(match, "monthname_mon")]
    if match["monthname_y"]:
        return When(dt.date(int(match["monthname_y"]), month, 1), Precision.MONTH, relative=False)
    year = _relative_year(ctx.anchor, match["monthname_rel"])
    if year is not None:
        return When(dt.date(year, month, 1), Precision.MONTH, relative=False)
    introduced = match["pre"] or match["part"]
    if ctx.anchor is None or not (introduced or match["monthname_mon"].islower()):
        return None
    found = nearest_year(ctx.anchor, month, 1)
    return None if found is None else When(found, Precision.MONTH, relative=False)


def monthabbr(match: re.Match[str], ctx: Context) -> When | None:
    month = vocabulary().month_abbreviations[_word(match, "monthabbr_mon")]
    return When(dt.date(int(match["monthabbr_y"]), month, 1), Precision.MONTH, relative=False)


def year4(match: re.Match[str], ctx: Context) -> When | None:
    year = int(match["year4_y"])
    if not (match["pre"] or match["part"] or match["year4_noun"]):
        if not _ends_clause(ctx.text, match.end()):
            return None
        if match.start() > 0 and ctx.text[match.start() - 1] in "€$£":
            return None
    return When(dt.date(year, 1, 1), Precision.YEAR, relative=False)


def _ends_clause(text: str, end: int) -> bool:
    """True when ``text[end:]`` starts with punctuation, the end, or a function word."""
    rest = text[end : end + 30].lstrip()
    if not rest or rest[0] in CLAUSE_PUNCTUATION:
        return True
    next_word = rest.split(maxsplit=1)[0].lower()
    return next_word in vocabulary().bare_year_next_words


def decade(match: re.Match[str], ctx: Context) -> When | None:
    if match["decade_full"]:
        start = int(match["decade_full"])
    elif match["decade_short"]:
        start = 1900 + int(match["decade_short"])
    else:
        start = 1900 + 10 * vocabulary().decades[_word(match, "decade_word")]
    return When(dt.date(start, 1, 1), Precision.DECADE, relative=False)


def century(match: re.Match[str], ctx: Context) -> When | None:
    """ "de negentiende eeuw" / "de 19de eeuw" is value ``18``; "vorige eeuw" needs the anchor."""
    if match["century_mod"]:
        if ctx.anchor is None:
            return None
        number = (
            ctx.anchor.day.year // 100 + 1 + vocabulary().modifiers[_word(match, "century_mod")]
        )
    elif match["century_n"]:
        number = int(match["century_n"])
    else:
        number = vocabulary().centuries[_word(match, "century_word")]
    return When(dt.date((number - 1) * 100 + 1, 1, 1), Precision.CENTURY, relative=False)


def _holiday_date(holiday: Holiday, year: int) -> dt.date:
    if holiday.month_day is not None:
        return dt.date(year, *holiday.month_day)
    if holiday.easter_offset is not None:
        return easter(year) + dt.timedelta(days=holiday.easter_offset)
    assert holiday.nth_weekday is not None
    return nth_weekday(year, *holiday.nth_weekday)


def holiday(match: re.Match[str], ctx: Context) -> When | None:
    """A named day; its year is the one given, else chosen around the publication date."""
    spec = vocabulary().holidays[_word(match, "holiday_name")]
    if match["holiday_y"]:
        return When(_holiday_date(spec, int(match["holiday_y"])), Precision.DAY, relative=False)
    if ctx.anchor is None:
        return None
    reference = ctx.anchor.day
    candidates = [_holiday_date(spec, reference.year + shift) for shift in (-1, 0, 1)]
    direction = vocabulary().modifiers.get(_word(match, "holiday_mod"))
    if direction == -1:
        chosen = max(found for found in candidates if found < reference)
    elif direction == 1:
        chosen = min(found for found in candidates if found > reference)
    elif direction == 0:
        chosen = candidates[1]
    else:
        chosen = min(
            candidates, key=lambda found: (abs((found - reference).days), found > reference)
        )
    return When(chosen, Precision.DAY, relative=False)


# --- relative to the publication date -------------------------------------------------------


def dayword(match: re.Match[str], ctx: Context) -> When | None:
    v = vocabulary()
    if ctx.anchor is None:
        return None
    if match["dayword_stem"]:
        offset = v.day_part_stems[_word(match, "dayword_stem")]
    else:
        word = _word(match, "dayword_word")
        if word == "morgen" and _morning_or_name(match, ctx):
            return None
        offset = v.relative_days[word]
    return When(ctx.anchor.day + dt.timedelta(days=offset), Precision.DAY)


def _morning_or_name(match: re.Match[str], ctx: Context) -> bool:
    """True when "morgen" means "the morning" ("'s morgens", "de morgen") or names a paper."""
    position = match.start("dayword")
    if _previous_word(ctx.text, position) in vocabulary().morning_markers:
        return True
    sentence_initial = not ctx.text[ctx.sentence_start : position].strip(" \"'“„‘«(-")
    return match["dayword"][0].isupper() and not sentence_initial  # "De Financiële Morgen"


def _previous_word(text: str, position: int) -> str:
    before = text[max(0, position - 20) : position].split()
    return before[-1].lower() if before else ""


def daypart(match: re.Match[str], ctx: Context) -> When | None:
    return None if ctx.anchor is None else When(ctx.anchor.day, Precision.DAY)


def weekday(match: re.Match[str], ctx: Context) -> When | None:
    """A weekday: the latest one on or before publication unless told or tensed otherwise, or
    the end of a range that starts on a day just before ("van 21 februari tot en met zondag")."""
    v = vocabulary()
    if _previous_word(ctx.text, match.start()) in v.generic_markers:  # "elke zaterdag"
        return None
    target = v.weekdays[_word(match, "weekday_day")]
    start = _range_start(match, ctx)
    if start is not None:
        return When(weekday_on_or_after(start.day, target, strictly=True), Precision.DAY,
                    start.relative)  # fmt: skip
    if ctx.anchor is None:
        return None
    direction = v.modifiers.get(_word(match, "weekday_mod"))
    if direction is None:
        direction = v.weekday_suffixes.get(_word(match, "weekday_suf"))
    reference = ctx.anchor.day
    if direction == -1:
        found = weekday_on_or_before(reference, target, strictly=True)
    elif direction == 1:
        found = weekday_on_or_after(reference, target, strictly=True)
    elif direction == 0:
        found = weekday_in_week(reference, target)
    elif _looks_ahead(match, ctx):
        found = weekday_on_or_after(reference, target)
    else:
        found = weekday_on_or_before(reference, target)
    return When(found, Precision.DAY)


def _range_start(match: re.Match[str], ctx: Context) -> When | None:
    """The day a range starts on when ``match`` closes it: "tot (en met)" or "t/m" right after
    a day-precise expression ("van 21 februari tot en met zondag")."""
    if ctx.last_day is None or _word(match, "pre") not in grammar().range_ends:
        return None
    if ctx.text[ctx.last_day_end : match.start()].strip():
        return None
    return ctx.last_day


def _looks_ahead(match: re.Match[str], ctx: Context) -> bool:
    """True when a bare weekday means the coming one (publication day included).

    "sinds maandag" looks back. Otherwise the clause decides: the future tense looks ahead, the
    past tense and the perfect look back, and so does the present tense in a heading ("Poetin
    ontmoet Xi"), after "van" ("de slotkoers van dinsdag") and with a verb of saying ("meldt de
    politie zondag"). Elsewhere the present tense is that of a scheduled event ("De raad komt
    donderdag bijeen"), except in the lead sentence, which may tell a past event in the present
    tense and so needs a word of the future ("opnieuw", "moet", "vergaderen", "vanaf maandag",
    "zal" anywhere in the sentence).
    Without tagged tokens only "zal/zullen" in the sentence looks ahead."""
    g = grammar()
    preposition = _word(match, "pre")
    if preposition in g.backward_prepositions:
        return False
    clause = ctx.clause(match)
    tense = None if clause is None else clause_tense(clause)
    if clause is None or tense is None:
        return ctx.future
    if tense != Tense.PRESENT:
        return tense == Tense.FUTURE
    if ctx.heading or preposition in g.neutral_prepositions or reports(clause):
        return False
    if ctx.lead:
        return ctx.future or preposition in g.forward_prepositions or has_future_cue(clause)
    return True


def weekweekday(match: re.Match[str], ctx: Context) -> When | None:
    v = vocabulary()
    if ctx.anchor is None:
        return None
    day_word = _word(match, "weekweekday_d1") or _word(match, "weekweekday_d2")
    modifier = _word(match, "weekweekday_m1") or _word(match, "weekweekday_m2")
    week_day = ctx.anchor.day + dt.timedelta(weeks=v.modifiers[modifier])
    return When(weekday_in_week(week_day, v.weekdays[day_word]), Precision.DAY)


def night(match: re.Match[str], ctx: Context) -> When | None:
    """The night "van zaterdag op zondag": the Saturday before the latest such Sunday."""
    v = vocabulary()
    if ctx.anchor is None:
        return None
    first, second = v.weekdays[_word(match, "night_a")], v.weekdays[_word(match, "night_b")]
    morning = weekday_on_or_before(ctx.anchor.day, second)
    gap = (second - first) % DAYS_PER_WEEK or DAYS_PER_WEEK
    return When(morning - dt.timedelta(days=gap), Precision.DAY)


def weeknumber(match: re.Match[str], ctx: Context) -> When | None:
    """An ISO week number ("week 51") in the given year, else in the publication year."""
    if match["weeknumber_y"]:
        year = int(match["weeknumber_y"])
    elif ctx.anchor is not None:
        year = ctx.anchor.day.year
    else:
        return None
    try:
        monday = dt.date.fromisocalendar(year, int(match["weeknumber_n"]), 1)
    except ValueError:
        return None
    return When(monday, Precision.WEEK, relative=match["weeknumber_y"] is None)


def week(match: re.Match[str], ctx: Context) -> When | None:
    if ctx.anchor is None:
        return None
    direction = vocabulary().modifiers[_word(match, "week_mod")]
    reference = ctx.anchor.day
    if _word(match, "week_unit") == "week":
        return When(reference + dt.timedelta(weeks=direction), Precision.WEEK)
    saturday = vocabulary().weekdays["zaterdag"]
    if direction == -1:
        found = weekday_on_or_before(reference, saturday, strictly=True)
    elif direction == 1:
        found = weekday_on_or_after(reference, saturday, strictly=True)
    else:
        found = weekday_in_week(reference, saturday)
    return When(found, Precision.WEEK)


def month(match: re.Match[str], ctx: Context) -> When | None:
    if ctx.anchor is None:
        return None
    direction = vocabulary().modifiers[_word(match, "month_mod")]
    return When(add_months(ctx.anchor.day, direction), Precision.MONTH)


def year(match: re.Match[str], ctx: Context) -> When | None:
    """A year: "vorig jaar" is the calendar year before, "het afgelopen jaar" the last 12 months."""
    v = vocabulary()
    if ctx.anchor is None:
        return None
    modifier = _word(match, "year_mod")
    if modifier in v.rolling_year:
        middle = add_months(ctx.anchor.day, ROLLING_OFFSET_MONTHS[v.rolling_year[modifier]])
        return When(dt.date(middle.year, 1, 1), Precision.YEAR)
    return When(dt.date(ctx.anchor.day.year + v.modifiers[modifier], 1, 1), Precision.YEAR)


def thisyear(match: re.Match[str], ctx: Context) -> When | None:
    """ "het jaar" after a period part ("sinds het begin van het jaar"): the publication year."""
    if ctx.anchor is None or not match["part"]:
        return None
    return When(dt.date(ctx.anchor.day.year, 1, 1), Precision.YEAR)


def season(match: re.Match[str], ctx: Context) -> When | None:
    """A season's year; winter counts in the year of its January."""
    v = vocabulary()
    months = v.seasons[_word(match, "season_name")]
    if match["season_y"]:
        return When(dt.date(int(match["season_y"]), 1, 1), Precision.YEAR, relative=False)
    year_of_phrase = _relative_year(ctx.anchor, match["season_rel"])
    if year_of_phrase is not None:
        return When(dt.date(year_of_phrase, 1, 1), Precision.YEAR, relative=False)
    if ctx.anchor is None or not match["season_mod"]:
        return None
    direction = v.modifiers[_word(match, "season_mod")]
    label = _season_year(months, ctx.anchor.day, direction)
    return When(dt.date(label, 1, 1), Precision.YEAR)


def _season_year(months: tuple[int, ...], reference: dt.date, direction: int) -> int:
    """The year of the previous (-1), current/nearest (0) or next (+1) occurrence of a season."""
    now = reference.year * MONTHS_PER_YEAR + reference.month - 1

    def span(label: int) -> tuple[int, int]:
        indices = [
            (label - 1 if month > months[-1] else label) * MONTHS_PER_YEAR + month - 1
            for month in months
        ]
        return min(indices), max(indices)

    labels = range(reference.year - 2, reference.year + 3)
    if direction == -1:
        return max(label for label in labels if span(label)[1] < now)
    if direction == 1:
        return min(label for label in labels if span(label)[0] > now)

    def distance(label: int) -> tuple[int, bool]:
        first, last = span(label)
        return (max(first - now, now - last, 0), first > now)

    return min(labels, key=distance)


def ago(match: re.Match[str], ctx: Context) -> When | None:
    """An amount ago ("drie weken geleden"): publication date minus it, at the unit's precision."""
    if ctx.anchor is None:
        return None
    return _shifted(ctx.anchor.day, _word(match, "ago_n"), _word(match, "ago_unit"), -1)


def _shifted(reference: dt.date, count_text: str, unit_word: str, sign: int) -> When:
    """``reference`` moved back (-1) or ahead (+1) by an amount, at the unit's precision."""
    v = vocabulary()
    count = float(count_text) if count_text.isdigit() else v.numbers[count_text]
    unit = v.units[unit_word]
    if unit == "day":
        return When(reference + sign * dt.timedelta(days=round(count)), Precision.DAY)
    if unit == "week":
        days = round(count * DAYS_PER_WEEK)
        return When(reference + sign * dt.timedelta(days=days), Precision.WEEK)
    if unit == "month":
        whole = int(count)
        moved = add_months(reference, sign * whole)
        moved += sign * dt.timedelta(days=round((count - whole) * DAYS_PER_MONTH))
        return When(moved, Precision.MONTH)
    months = round(count * MONTHS_PER_YEAR)
    precision = Precision.YEAR if months % MONTHS_PER_YEAR == 0 else Precision.MONTH
    return When(add_months(reference, sign * months), precision)


def after(match: re.Match[str], ctx: Context) -> When | None:
    """An amount ahead ("over twee weken"): publication date plus it, at the unit's precision.

    Only where "over" cannot mean "about" (``time_grammar.over_means_in``); without tagged tokens
    that cannot be told, and the phrase is left alone."""
    if ctx.anchor is None or not over_means_in(ctx.tokens, match.start(), match.end()):
        return None
    return _shifted(ctx.anchor.day, _word(match, "after_n"), _word(match, "after_unit"), 1)


def clock(match: re.Match[str], ctx: Context) -> When | None:
    """A clock time ("om 14.30 uur", "10u53") on the day named earlier in the sentence."""
    minutes, uur = match["clock_min"], match["clock_uur"] or match["clock_hour"]
    introduced = match["clock_pre"] or normalise(match["pre"] or "") in CLOCK_PREPOSITIONS
    flemish = bool(minutes) and (match["clock_sep"] or "").lower() == "u"  # "10u53"
    if not (flemish or (introduced and (minutes or uur)) or (minutes and uur)):
        return None
    hour = int(match["clock_h"])
    if hour < HOURS_PER_HALF_DAY:  # "om 8 uur 's avonds" is 20:00
        hour += vocabulary().clock_day_sides.get(_word(match, "clock_dayside"), 0)
    return _on_day(dt.time(hour, int(minutes or 0)), ctx)


def wordclock(match: re.Match[str], ctx: Context) -> When | None:
    """A clock time in words ("om acht uur", "rond half zes 's ochtends", "kwart over negen").

    It needs a clock preposition ("om", "rond", ...) or a day side ("'s avonds"), and besides the
    hour a fraction, the day side, or "uur" after "om"/"rond"/"omstreeks"/"tegen": "na acht uur
    onderhandelen" and "twaalf uur per dag" are durations."""
    v = vocabulary()
    preposition = normalise(match["wordclock_pre"] or match["pre"] or "")
    side = _word(match, "wordclock_dayside")
    # "half" before the hour is matched as a period part ("half maart") by the outer pattern
    fraction = _word(match, "wordclock_frac") or _word(match, "part")
    if fraction and fraction not in v.clock_fractions:
        return None
    if not (preposition in CLOCK_PREPOSITIONS or side):
        return None  # "Hij rijdt half twee naar huis"
    if not (
        fraction or side or (match["wordclock_uur"] and preposition in WORD_CLOCK_PREPOSITIONS)
    ):
        return None  # "na acht uur onderhandelen", "twaalf uur per dag": durations
    hour = v.clock_hour_words[_word(match, "wordclock_h")]
    hour, minute = divmod(
        hour * MINUTES_PER_HOUR + v.clock_fractions.get(fraction, 0), MINUTES_PER_HOUR
    )
    if hour < HOURS_PER_HALF_DAY:
        hour += v.clock_day_sides.get(side, 0)
    return _on_day(dt.time(hour, minute), ctx)


def _on_day(moment: dt.time, ctx: Context) -> When | None:
    """A clock time on the day named earlier in the sentence, else the publication day."""
    if ctx.last_day is not None:
        return When(ctx.last_day.day, Precision.MINUTE, ctx.last_day.relative, moment)
    if ctx.anchor is None:
        return None
    return When(ctx.anchor.day, Precision.MINUTE, clock=moment)


Rule = Callable[[re.Match[str], Context], When | None]

RULES: dict[str, Rule] = {
    "iso": iso,
    "numeric": numeric,
    "date": date,
    "weekweekday": weekweekday,
    "night": night,
    "holiday": holiday,
    "dayword": dayword,
    "daypart": daypart,
    "weekday": weekday,
    "weeknumber": weeknumber,
    "week": week,
    "month": month,
    "year": year,
    "thisyear": thisyear,
    "season": season,
    "monthname": monthname,
    "monthabbr": monthabbr,
    "decade": decade,
    "century": century,
    "ago": ago,
    "after": after,
    "clock": clock,
    "wordclock": wordclock,
    "daylist": daylist,
    "year4": year4,
}
