"""The query language: a lexer and a recursive-descent parser producing ``nodes``.

Grammar (Lucene/AmCAT style; juxtaposed terms are ANDed)::

    query    := or_expr END
    or_expr  := and_expr ("OR" and_expr)*
    and_expr := unary (["AND"] unary)*
    unary    := ("NOT" | "-") unary | primary
    primary  := "(" or_expr ")" | FIELD ":" (value | "(" or_expr ")") | value
    value    := WORD | WORD"*" | "\"" PHRASE "\""

Every failure is a ``QueryError`` naming the position and what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum, auto

from kroniek.errors import QueryError
from kroniek.search import analysis
from kroniek.search.nodes import (
    DATE_FIELD,
    FIELDS,
    TEXT_FIELDS,
    And,
    DateRange,
    Kind,
    Node,
    Not,
    Or,
    Term,
)

MAX_QUERY_LENGTH = 2000  # characters
MAX_DEPTH = 32  # nested parentheses and NOTs
MAX_TERMS = 100
OPERATORS = {"AND", "OR", "NOT"}
WORD_END = re.compile(r'[\s()"]')
DATE_VALUE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
RANGE = ".."
DATE_HELP = "a date like 2017, 2017-12 or 2017-12-01, or a range like 2017-12-01..2018-01-31"


class Tok(Enum):
    WORD = auto()
    PHRASE = auto()
    FIELD = auto()
    LPAREN = auto()
    RPAREN = auto()
    AND = auto()
    OR = auto()
    NOT = auto()
    END = auto()


@dataclass(frozen=True, slots=True)
class Token:
    kind: Tok
    text: str
    position: int

    def describe(self) -> str:
        if self.kind is Tok.END:
            return "the end of the query"
        if self.kind is Tok.PHRASE:
            return f'phrase "{self.text}"'
        if self.kind is Tok.FIELD:
            return f"field '{self.text}:'"
        return f"'{self.text}'"


def _lex_word(query: str, start: int) -> tuple[list[Token], int]:
    match = WORD_END.search(query, start)
    end = match.start() if match else len(query)
    word = query[start:end]
    if word in OPERATORS:
        return [Token(Tok[word], word, start)], end
    name, colon, rest = word.partition(":")
    if colon and name.lower() in FIELDS:
        tokens = [Token(Tok.FIELD, name.lower(), start)]
        if rest:
            tokens.append(Token(Tok.WORD, rest, start + len(name) + 1))
        return tokens, end
    if colon and name.isalpha():
        expected = ", ".join(sorted(FIELDS))
        raise QueryError(f"unknown field '{name}': expected one of {expected}", start)
    return [Token(Tok.WORD, word, start)], end


def _is_punctuation(token: Token) -> bool:
    """A free-standing word with nothing to search ("-", "&", "--"), dropped as Lucene does."""
    return token.kind is Tok.WORD and "*" not in token.text and not analysis.terms(token.text)


def _starts_operand(char: str) -> bool:
    """Whether ``char`` after a "-" makes it a NOT ("-word", "-(...)", '-"phrase"')."""
    return not char.isspace() and char != ")"


def tokenize(query: str) -> list[Token]:
    """The tokens of ``query``, ending with an END token."""
    tokens: list[Token] = []
    position = 0
    while position < len(query):
        char = query[position]
        if char.isspace():
            position += 1
        elif char in "()":
            tokens.append(Token(Tok.LPAREN if char == "(" else Tok.RPAREN, char, position))
            position += 1
        elif char == '"':
            close = query.find('"', position + 1)
            if close < 0:
                raise QueryError('unterminated phrase: expected a closing "', position)
            tokens.append(Token(Tok.PHRASE, query[position + 1 : close], position))
            position = close + 1
        elif char == "-" and position + 1 < len(query) and _starts_operand(query[position + 1]):
            tokens.append(Token(Tok.NOT, "-", position))
            position += 1
        else:
            found, position = _lex_word(query, position)
            if not (len(found) == 1 and _is_punctuation(found[0])):
                tokens.extend(found)
    tokens.append(Token(Tok.END, "", len(query)))
    return tokens


def _date_bound(text: str, position: int) -> str:
    match = DATE_VALUE.fullmatch(text)
    if not match:
        raise QueryError(f"expected {DATE_HELP}, not '{text}'", position)
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        date(year or 0, month or 1, day or 1)
    except ValueError:
        raise QueryError(f"'{text}' is not a valid date", position) from None
    parts = [f"{year:04d}", *(f"{n:02d}" for n in (month, day) if n is not None)]
    return "-".join(parts)


def date_range(text: str, position: int) -> DateRange:
    """``2017``, ``2017-12``, ``2017-12-01``, ``A..B``, ``A..`` or ``..B`` as a DateRange."""
    if RANGE not in text:
        bound = _date_bound(text, position)
        return DateRange(bound, bound, position)
    first, _, last = text.partition(RANGE)
    if not first and not last:
        raise QueryError(f"expected {DATE_HELP}", position)
    start = _date_bound(first, position) if first else None
    end = _date_bound(last, position + len(first) + len(RANGE)) if last else None
    if start and end and start[: len(end)] > end:
        raise QueryError(f"the date range '{text}' ends before it starts", position)
    return DateRange(start, end, position)


class Parser:
    def __init__(self, query: str) -> None:
        if len(query) > MAX_QUERY_LENGTH:
            raise QueryError(
                f"query too long: at most {MAX_QUERY_LENGTH} characters", MAX_QUERY_LENGTH
            )
        self.tokens = tokenize(query)
        self.index = 0
        self.depth = 0
        self.terms = 0

    def peek(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Node:
        if self.peek().kind is Tok.END:
            raise QueryError("empty query: expected a word, phrase, field or '('", 0)
        node = self.or_expr(None)
        token = self.peek()
        if token.kind is Tok.RPAREN:
            raise QueryError("unexpected ')': no '(' to close", token.position)
        if token.kind is not Tok.END:  # pragma: no cover - and_expr consumes everything else
            raise QueryError(f"unexpected {token.describe()}", token.position)
        return node

    def nest(self, position: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(f"query nested too deeply: at most {MAX_DEPTH} levels", position)

    def or_expr(self, field: str | None) -> Node:
        children = [self.and_expr(field)]
        while self.peek().kind is Tok.OR:
            self.advance()
            children.append(self.and_expr(field))
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_expr(self, field: str | None) -> Node:
        children = [self.unary(field)]
        while self.peek().kind not in (Tok.OR, Tok.RPAREN, Tok.END):
            if self.peek().kind is Tok.AND:
                self.advance()
            children.append(self.unary(field))
        return children[0] if len(children) == 1 else And(tuple(children))

    def unary(self, field: str | None) -> Node:
        token = self.peek()
        if token.kind is Tok.NOT:
            self.advance()
            self.nest(token.position)
            child = self.unary(field)
            self.depth -= 1
            return Not(child)
        return self.primary(field)

    def primary(self, field: str | None) -> Node:
        token = self.advance()
        if token.kind is Tok.LPAREN:
            return self.group(token, field)
        if token.kind is Tok.FIELD:
            value = self.peek()
            if value.kind is Tok.LPAREN:
                return self.group(self.advance(), token.text)
            if value.kind not in (Tok.WORD, Tok.PHRASE):
                raise QueryError(
                    f"expected a value after '{token.text}:' but found {value.describe()}",
                    value.position,
                )
            return self.value(self.advance(), token.text)
        if token.kind in (Tok.WORD, Tok.PHRASE):
            return self.value(token, field)
        raise QueryError(
            f"expected a word, phrase, field or '(' but found {token.describe()}", token.position
        )

    def group(self, opening: Token, field: str | None) -> Node:
        self.nest(opening.position)
        if self.peek().kind is Tok.RPAREN:
            raise QueryError(
                "empty parentheses: expected a word, phrase or field", opening.position
            )
        node = self.or_expr(field)
        closing = self.advance()
        if closing.kind is not Tok.RPAREN:
            raise QueryError(
                f"expected ')' to close the '(' at position {opening.position} but found "
                f"{closing.describe()}",
                closing.position,
            )
        self.depth -= 1
        return node

    def value(self, token: Token, field: str | None) -> Node:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise QueryError(f"too many terms: at most {MAX_TERMS}", token.position)
        if field == DATE_FIELD:
            if token.kind is Tok.PHRASE:
                raise QueryError(f"expected {DATE_HELP}, not a phrase", token.position)
            return date_range(token.text, token.position)
        kind, text = self.kind_of(token)
        searchable = analysis.folded_words(text) if kind is Kind.PREFIX else analysis.terms(text)
        if field is None or field in TEXT_FIELDS:
            if not searchable:
                raise QueryError(
                    f"{token.describe()} has no letters or digits to search for", token.position
                )
        elif not text.strip():
            raise QueryError(f"expected a value after '{field}:'", token.position)
        return Term(text, kind, field, token.position)

    @staticmethod
    def kind_of(token: Token) -> tuple[Kind, str]:
        if token.kind is Tok.PHRASE:
            return Kind.PHRASE, token.text
        star = token.text.find("*")
        if star < 0:
            return Kind.WORD, token.text
        if star != len(token.text) - 1 or star == 0:
            raise QueryError("'*' is only allowed at the end of a word", token.position + star)
        return Kind.PREFIX, token.text[:-1]


def parse(query: str) -> Node:
    """The syntax tree of ``query``; raises ``QueryError`` when it is malformed."""
    return Parser(query).parse()
