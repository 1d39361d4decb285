"""Facet tokens (outlet, agency, date) and date ranges as token prefixes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.search import facets


def test_article_metadata_becomes_tokens() -> None:
    row = {"outlet": "NOS.nl", "agencies": ["ANP", "Belga"], "published": "2017-12-05T10:00"}
    assert facets.tokens(row) == ["outlet_nosnl", "agency_anp", "agency_belga", "date_20171205"]
    assert facets.tokens({"outlet": None, "published": "2017"}) == ["date_2017"]
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
    assert facets.range_prefixes(start, end) == ["date_" + p for p in prefixes]


def _in_range(token: str, prefixes: list[str]) -> bool:
    return any(token.startswith(prefix) for prefix in prefixes)


def test_imprecise_dates_are_in_a_range_only_when_wholly_inside() -> None:
    inside_2017_2018 = facets.range_prefixes("2017", "2018")
    assert _in_range("date_2018", inside_2017_2018)
    january = facets.range_prefixes("2018-01-01", "2018-01-31")
    assert not _in_range("date_2018", january)
    assert _in_range("date_201801", january)
    from_mid_december = facets.range_prefixes("2017-12-10", None)
    assert not _in_range("date_201712", from_mid_december)
    assert _in_range("date_20171210", from_mid_december)
    assert _in_range("date_2024", from_mid_december)


DAYS = st.dates(min_value=__import__("datetime").date(1900, 1, 1),
                max_value=__import__("datetime").date(2100, 12, 31))  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(DAYS, DAYS, DAYS)
def test_a_day_is_in_a_range_exactly_when_between_its_ends(first, second, day) -> None:
    start, end = sorted([first, second])
    prefixes = facets.range_prefixes(start.isoformat(), end.isoformat())
    assert all(re.fullmatch(r"date_\d{1,8}", prefix) for prefix in prefixes)
    token = facets.date_token(day.isoformat())
    assert token is not None
    assert _in_range(token, prefixes) == (start <= day <= end)
