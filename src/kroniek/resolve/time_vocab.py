"""The Dutch time vocabulary (``data/times/vocabulary.yaml``) and the regex built from it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from kroniek.resources import read_text

VOCABULARY_FILE = "times/vocabulary.yaml"


@dataclass(frozen=True, slots=True)
class Holiday:
    """A named day: a fixed month/day, an offset from Easter, or the nth weekday of a month."""

    month_day: tuple[int, int] | None = None
    easter_offset: int | None = None
    nth_weekday: tuple[int, int, int] | None = None  # (month, weekday, n)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Lower-cased Dutch words for time expressions, with what they mean."""

    months: Mapping[str, int]
    month_abbreviations: Mapping[str, int]
    weekdays: Mapping[str, int]
    day_parts: tuple[str, ...]
    relative_days: Mapping[str, int]
    day_part_stems: Mapping[str, int]
    morning_markers: frozenset[str]
    modifiers: Mapping[str, int]  # word -> -1 past, 0 current, +1 future
    weekday_suffixes: Mapping[str, int]
    rolling_year: Mapping[str, int]
    year_nouns: tuple[str, ...]
    current_year_blockers: tuple[str, ...]
    prepositions: tuple[str, ...]
    period_parts: tuple[str, ...]
    numbers: Mapping[str, float]
    approximators: tuple[str, ...]
    units: Mapping[str, str]
    ago_words: tuple[str, ...]
    after_words: tuple[str, ...]
    seasons: Mapping[str, tuple[int, ...]]
    decades: Mapping[str, int]
    centuries: Mapping[str, int]
    clock_day_sides: Mapping[str, int]
    clock_hour_words: Mapping[str, int]
    clock_fractions: Mapping[str, int]
    future_markers: frozenset[str]
    bare_year_next_words: frozenset[str]
    generic_markers: frozenset[str]
    holidays: Mapping[str, Holiday]


DIRECTIONS = {"past": -1, "current": 0, "future": 1}


def _directed(groups: Mapping[str, Iterable[str]]) -> dict[str, int]:
    return {word: DIRECTIONS[name] for name, words in groups.items() for word in words}


def _holidays(raw: Mapping[str, Mapping[str, Any]]) -> dict[str, Holiday]:
    holidays: dict[str, Holiday] = {}
    for name, month_day in raw.get("fixed", {}).items():
        month, day = (int(part) for part in str(month_day).split("-"))
        holidays[name] = Holiday(month_day=(month, day))
    for name, offset in raw.get("easter", {}).items():
        holidays[name] = Holiday(easter_offset=int(str(offset)))
    for name, spec in raw.get("nth_weekday", {}).items():
        month, weekday, nth = (int(part) for part in spec)
        holidays[name] = Holiday(nth_weekday=(month, weekday, nth))
    return holidays


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary, read once per process."""
    raw = yaml.safe_load(read_text(VOCABULARY_FILE))
    return Vocabulary(
        months=raw["months"],
        month_abbreviations=raw["month_abbreviations"],
        weekdays=raw["weekdays"],
        day_parts=tuple(raw["day_parts"]),
        relative_days=raw["relative_days"],
        day_part_stems=raw["day_part_stems"],
        morning_markers=frozenset(raw["morning_markers"]),
        modifiers=_directed(raw["modifiers"]),
        weekday_suffixes=_directed(raw["weekday_suffixes"]),
        rolling_year=_directed(raw["rolling_year"]),
        year_nouns=tuple(raw["year_nouns"]),
        current_year_blockers=tuple(raw["current_year_blockers"]),
        prepositions=tuple(raw["prepositions"]),
        period_parts=tuple(raw["period_parts"]),
        numbers={word: float(value) for word, value in raw["numbers"].items()},
        approximators=tuple(raw["approximators"]),
        units=raw["units"],
        ago_words=tuple(raw["ago_words"]),
        after_words=tuple(raw["after_words"]),
        seasons={name: tuple(months) for name, months in raw["seasons"].items()},
        decades=raw["decades"],
        centuries=raw["centuries"],
        clock_day_sides=raw["clock_day_sides"],
        clock_hour_words=raw["clock_hour_words"],
        clock_fractions=raw["clock_fractions"],
        future_markers=frozenset(raw["future_markers"]),
        bare_year_next_words=frozenset(raw["bare_year_next_words"]),
        generic_markers=frozenset(raw["generic_markers"]),
        holidays=_holidays(raw["holidays"]),
    )


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex alternation, longest words first, any whitespace between words."""
    escaped = (
        r"\s+".join(re.escape(part) for part in word.split())
        for word in sorted(set(words), key=lambda word: (-len(word), word))
    )
    return "(?:" + "|".join(escaped) + ")"


def normalise(words: str) -> str:
    """Lower-case with single spaces, for looking matched text up in the vocabulary."""
    return " ".join(words.lower().split())
