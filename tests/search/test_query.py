"""The query parser: syntax trees, errors with positions, and robustness on any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.errors import QueryError
from kroniek.search import And, DateRange, Kind, Not, Or, Term, parse
from kroniek.search.query import MAX_DEPTH, MAX_TERMS


def word(value: str, field: str | None = None) -> Term:
    return Term(value, Kind.WORD, field)


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("rutte", word("rutte")),
        ("rutte poetin", And((word("rutte"), word("poetin")))),
        ("rutte AND poetin", And((word("rutte"), word("poetin")))),
        ("a OR b c", Or((word("a"), And((word("b"), word("c")))))),
        ("(a OR b) c", And((Or((word("a"), word("b"))), word("c")))),
        ("NOT a", Not(word("a"))),
        ("-a b", And((Not(word("a")), word("b")))),
        ('-"de aanval"', Not(Term("de aanval", Kind.PHRASE))),
        ("-(a OR b)", Not(Or((word("a"), word("b"))))),
        ('"de aanval op Gaza"', Term("de aanval op Gaza", Kind.PHRASE)),
        ("aanval*", Term("aanval", Kind.PREFIX)),
        ("title:brand", word("brand", "title")),
        ("Title:brand", word("brand", "title")),
        ('outlet:"De Standaard"', Term("De Standaard", Kind.PHRASE, "outlet")),
        ("outlet:nos*", Term("nos", Kind.PREFIX, "outlet")),
        ("title:(a OR b)", Or((word("a", "title"), word("b", "title")))),
        ("title:(a text:b)", And((word("a", "title"), word("b", "text")))),
        ("actor:RUSGOV type:ASSAULT", And((word("RUSGOV", "actor"), word("ASSAULT", "type")))),
        ("entity:Q-12:x", word("Q-12:x", "entity")),
        ("date:2017", DateRange("2017", "2017")),
        ("date:2017-12", DateRange("2017-12", "2017-12")),
        ("date:2017-12-01..2018-01-31", DateRange("2017-12-01", "2018-01-31")),
        ("date:2017..2018", DateRange("2017", "2018")),
        ("date:2017-1-5..", DateRange("2017-01-05", None)),
        ("date:..2018-06", DateRange(None, "2018-06")),
        ("date:(2017 OR 2019)", Or((DateRange("2017", "2017"), DateRange("2019", "2019")))),
        ("Rutte - Poetin", And((word("Rutte"), word("Poetin")))),  # lone "-" is punctuation
        ("10:30", word("10:30")),  # not a field name: plain text
        ("and or not", And((word("and"), word("or"), word("not")))),  # operators are upper case
    ],
)
def test_parse_builds_the_tree(query: str, tree: object) -> None:
    assert parse(query) == tree


def test_positions_point_into_the_query() -> None:
    tree = parse('aanval title:"de brand"')
    assert isinstance(tree, And)
    assert [child.position for child in tree.children if isinstance(child, Term)] == [0, 13]


@pytest.mark.parametrize(
    ("query", "position", "words"),
    [
        ("", 0, "empty query"),
        ("   ", 0, "empty query"),
        ("&", 0, "empty query"),
        ("(aanval", 7, "expected ')' to close the '(' at position 0"),
        ("aanval)", 6, "no '(' to close"),
        ("aanval AND", 10, "expected a word, phrase, field or '('"),
        ("OR aanval", 0, "but found 'OR'"),
        ("a OR OR b", 5, "but found 'OR'"),
        ('"de aanval', 0, "unterminated phrase"),
        ("foo:bar", 0, "unknown field 'foo'"),
        ("title:", 6, "expected a value after 'title:'"),
        ("title: )", 7, "expected a value after 'title:'"),
        ("a*b", 1, "'*' is only allowed at the end"),
        ("*", 0, "'*' is only allowed at the end"),
        ('"..."', 0, "has no letters or digits"),
        ("date:2017-13", 5, "not a valid date"),
        ("date:2017-02-30", 5, "not a valid date"),
        ("date:gisteren", 5, "expected a date like 2017"),
        ("date:2018..2017", 5, "ends before it starts"),
        ("date:..", 5, "expected a date like 2017"),
        ('date:"2017"', 5, "not a phrase"),
        ("()", 0, "empty parentheses"),
        ("NOT", 3, "found the end of the query"),
    ],
)
def test_malformed_queries_say_where_and_what(query: str, position: int, words: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(query)
    assert caught.value.position == position
    assert words in str(caught.value)
    assert f"(at position {position})" in str(caught.value)


def test_nesting_and_size_are_bounded() -> None:
    with pytest.raises(QueryError, match="nested too deeply"):
        parse("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1))
    with pytest.raises(QueryError, match="nested too deeply"):
        parse("NOT " * (MAX_DEPTH + 1) + "a")
    with pytest.raises(QueryError, match="too many terms"):
        parse(" ".join(["a"] * (MAX_TERMS + 1)))
    with pytest.raises(QueryError, match="too long"):
        parse("a" * 5000)
    assert parse("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH) == word("a")


QUERY_ALPHABET = st.sampled_from(
    [*'abcé Ëz09 ()"*-:.\'\\;%_', "AND", "OR", "NOT", "title:", "date:", "actor:", "2017",
     "2017-12", "..", "\x00", "\n"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_arbitrary_text_parses_or_raises_query_error(query: str) -> None:
    try:
        parse(query)
    except QueryError as error:
        assert error.position is not None
        assert 0 <= error.position <= len(query)


@settings(max_examples=500, deadline=None)
@given(st.lists(QUERY_ALPHABET, max_size=30).map("".join))
def test_query_like_text_parses_or_raises_query_error(query: str) -> None:
    try:
        parse(query)
    except QueryError as error:
        assert error.position is not None
        assert 0 <= error.position <= len(query)
