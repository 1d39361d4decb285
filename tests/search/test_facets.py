"""Facet tokens (outlet, agency, date) and date ranges as token prefixes."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.search import facets


def test_article_metadata_becomes_tokens() -> None:
    row = {"outlet": "NOS.nl", "agencies": ["ANP", "Belga"], "published": "2017-12-05T10:00"}
    assert facets.tokens(row) == ["outlet_nosnl", "agency_anp", "agency_belga", "date_20",
                                  "date_201", "date_2017", "date_201712", "date_20171205"]
    assert facets.tokens({"outlet": None, "published": "2017"}) == [
        "date_20", "date_201", "date_2017"
    ]
    assert facets.tokens({"published": "onbekend"}) == []


@pytest.mark.parametrize(
    ("start", "end", "prefixes"),
    [
        ("2017", "2017", ["2017"]),
        ("2017-12", "2017-12", ["201712"]),
        ("2017", "2018", ["2017", "2018"]),
        ("2017-11", "2018-02", ["201711", "201712", "201801", "201802"]),
        ("2017-12-30", "2018-01-31", ["20171230", "20171231", "201801"]),
        ("1995", "2023", ["1995", "1996", "1997", "1998", "1999", "200", "201", "2020", "2021",
                          "2022", "2023"]),
        ("2016-02-28", "2016-03-01", ["20160228", "20160229", "20160301"]),
    ],
)  # fmt: skip
def test_ranges_become_whole_years_months_and_days(start, end, prefixes) -> None:
    assert facets.range_tokens(start, end) == ["date_" + p for p in prefixes]


def _in_range(published: str, periods: list[str]) -> bool:
    return bool(set(facets.date_tokens(published)) & set(periods))


def test_imprecise_dates_are_in_a_range_only_when_wholly_inside() -> None:
    assert _in_range("2018", facets.range_tokens("2017", "2018"))
    january = facets.range_tokens("2018-01-01", "2018-01-31")
    assert not _in_range("2018", january)
    assert _in_range("2018-01", january)
    from_mid_december = facets.range_tokens("2017-12-10", None)
    assert not _in_range("2017-12", from_mid_december)
    assert _in_range("2017-12-10T08:00", from_mid_december)
    assert _in_range("2024", from_mid_december)
    assert _in_range("1995-05-01", facets.range_tokens(None, "2018"))  # open start
    assert _in_range("1066", facets.range_tokens(None, "2018"))
    assert not _in_range("2019-01", facets.range_tokens(None, "2018"))
    assert _in_range("2017-12-15", facets.range_tokens("2010", "2019"))  # by its decade


DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=300, deadline=None)
@given(DAYS, DAYS, DAYS)
def test_a_day_is_in_a_range_exactly_when_between_its_ends(first, second, day) -> None:
    start, end = sorted([first, second])
    periods = facets.range_tokens(start.isoformat(), end.isoformat())
    assert all(re.fullmatch(r"date_(\d{2,4}|\d{6}|\d{8})", period) for period in periods)
    assert _in_range(day.isoformat(), periods) == (start <= day <= end)
