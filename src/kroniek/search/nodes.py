"""The syntax tree of a search query, as ``parse`` produces it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    WORD = "word"
    PHRASE = "phrase"  # "exact words in this order"
    PREFIX = "prefix"  # word*


# Fields searched through the full-text index; every other field filters on stored columns.
TEXT_FIELDS = frozenset({"title", "text"})
META_FIELDS = frozenset(
    {"outlet", "byline", "agency", "actor", "entity", "type", "place", "speaker"}
)
DATE_FIELD = "date"
FIELDS = TEXT_FIELDS | META_FIELDS | {DATE_FIELD}


@dataclass(frozen=True, slots=True)
class Term:
    """A word, phrase or prefix; ``field`` None searches title and text."""

    value: str
    kind: Kind = Kind.WORD
    field: str | None = None
    position: int = dataclasses.field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class DateRange:
    """Publication dates from ``start`` up to and including ``end`` (ISO, any precision)."""

    start: str | None
    end: str | None
    position: int = dataclasses.field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


Node = Term | DateRange | And | Or | Not
