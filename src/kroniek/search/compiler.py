"""Turns a query's syntax tree into SQLAlchemy Core conditions on ``articles``.

Maximal subtrees made only of words, phrases, prefixes and the indexed facets (outlet:, agency:,
date:) become one full-text query (``search_index.TextQuery``), which the index answers in one
lookup and ranks; the other fields (byline:, and actor:, entity:, type:, place:, speaker: from
the analysis tables) become conditions on those tables. All values are bound parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from kroniek.search import analysis, facets
from kroniek.search.nodes import And, DateRange, Kind, Node, Not, Or, Term
from kroniek.store import schema, search_index
from kroniek.store.queries import like_prefix
from kroniek.store.search_index import AllOf, AnyOf, Match, TextQuery

COLUMN_OF_FIELD = {None: None, "title": search_index.TITLE, "text": search_index.BODY}

Condition = sa.ColumnElement[bool]


def _prefix_match(value: str, column: str | None) -> TextQuery:
    """A prefix matches stems starting with it, and also the stem of the word itself:
    "katten*" finds "kattenbak" (stem "kattenbak") and "katten" (stem "kat")."""
    words = analysis.folded_words(value)
    leading = tuple(analysis.term(word) for word in words[:-1])
    last = words[-1]
    as_prefix = Match((*leading, last), prefix=True, column=column)
    stem = analysis.term(last)
    if stem == last or not stem:
        return as_prefix
    return AnyOf((as_prefix, Match((*leading, stem), column=column)))


FACET_PREFIXES = {"outlet": facets.OUTLET, "agency": facets.AGENCY}


def facet_term(term: Term) -> TextQuery:
    """outlet: and agency: as facet tokens (case-insensitive; ``*`` for a prefix)."""
    token = FACET_PREFIXES[term.field or ""] + facets.squash(term.value)
    return Match((token,), prefix=term.kind is Kind.PREFIX)


def date_query(dates: DateRange) -> TextQuery:
    periods = facets.range_tokens(dates.start, dates.end)
    if not periods:
        return Match((facets.DATE,))  # no article has this token
    parts = tuple(Match((period,)) for period in periods)
    return parts[0] if len(parts) == 1 else AnyOf(parts)


def text_term(term: Term) -> TextQuery | None:
    """The full-text query of a title/text term, None for other fields."""
    if term.field in FACET_PREFIXES:
        return facet_term(term)
    if term.field not in COLUMN_OF_FIELD:
        return None
    column = COLUMN_OF_FIELD[term.field]
    if term.kind is Kind.PREFIX:
        return _prefix_match(term.value, column)
    return Match(tuple(analysis.terms(term.value)), column=column)


def text_query(node: Node) -> TextQuery | None:
    """``node`` as one full-text query, or None when it holds anything else (or only NOTs)."""
    if isinstance(node, Term):
        return text_term(node)
    if isinstance(node, DateRange):
        return date_query(node)
    if isinstance(node, Or):
        parts = [text_query(child) for child in node.children]
        return None if any(part is None for part in parts) else AnyOf(_present(parts))
    if isinstance(node, And):
        return _all_of(list(node.children))
    return None


def _present(parts: list[TextQuery | None]) -> tuple[TextQuery, ...]:
    return tuple(part for part in parts if part is not None)


def _all_of(children: list[Node]) -> TextQuery | None:
    included = [text_query(child) for child in children if not isinstance(child, Not)]
    excluded = [text_query(child.child) for child in children if isinstance(child, Not)]
    if not included or None in included or None in excluded:
        return None
    if len(included) == 1 and not excluded:
        return included[0]
    return AllOf(_present(included), _present(excluded))


def positive_terms(node: Node) -> list[Term]:
    """Title/text terms not under a NOT: what ranks results and is marked in snippets."""
    if isinstance(node, Term):
        return [node] if node.field in COLUMN_OF_FIELD else []
    if isinstance(node, And | Or):
        return [term for child in node.children for term in positive_terms(child)]
    return []


# --- field conditions ------------------------------------------------------------------------


def _name_is(column: sa.Column[Any], value: str, prefix: bool) -> list[Condition]:
    """Exact or case-insensitive equality (or prefix) of a name column, as alternatives. SQLite's
    ``lower`` folds ASCII letters only, so a name with others is also looked up as written; an
    ASCII name found as written is found case-insensitively too (once is enough)."""
    if prefix:
        return [sa.func.lower(column).startswith(value.lower(), autoescape=True)]
    if value.isascii():
        return [sa.func.lower(column) == value.lower()]
    return [column == value, sa.func.lower(column) == value.lower()]


def _code_starts(column: sa.Column[Any], value: str) -> Condition:
    return column.like(like_prefix(value.upper()), escape="/")


def field_articles(term: Term) -> sa.Select[Any] | sa.CompoundSelect[Any] | None:
    """The ``article_id``s an analysis-table field (actor:, entity:, type:, place:, speaker:)
    matches; None for a field of the articles themselves (byline:). Alternatives are a UNION ALL
    of lookups, each answered from an index (migration 4) without reading the table."""
    value, prefix = term.value, term.kind is Kind.PREFIX
    table: sa.Table
    if term.field == "actor":
        table = schema.entities
        either = [_code_starts(table.c.code, value), table.c.entity_id == value,
                  *_name_is(table.c.name, value, prefix)]  # fmt: skip
    elif term.field == "entity":
        table = schema.entities
        either = [table.c.entity_id == value, *_name_is(table.c.name, value, prefix)]
    elif term.field == "type":
        table = schema.events
        either = [_code_starts(table.c.plover, value) if prefix
                  else table.c.plover == value.upper()]  # fmt: skip
    elif term.field == "place":
        table = schema.places
        either = [table.c.place_id == value, *_name_is(table.c.name, value, prefix)]
    elif term.field == "speaker":
        table = schema.quotes
        either = [table.c.speaker_entity == value, *_name_is(table.c.speaker_name, value, prefix),
                  _code_starts(table.c.speaker_code, value)]  # fmt: skip
    else:
        return None
    lookups = [sa.select(table.c.article_id).where(found) for found in either]
    # UNION ALL: an id found twice costs less than the sort that UNION makes to drop it (what
    # takes the ids, IN or a docid mask, holds each once anyway)
    return lookups[0] if len(lookups) == 1 else sa.union_all(*lookups)


def _field_condition(term: Term) -> Condition:
    a, value = schema.articles, term.value
    if term.field == "byline":  # NULL-safe, so that NOT byline:x finds articles without one
        lowered = sa.func.lower(a.c.byline)
        return sa.and_(a.c.byline.is_not(None),
                       sa.or_(a.c.byline.contains(value, autoescape=True),
                              lowered.contains(value.lower(), autoescape=True)))  # fmt: skip
    articles = field_articles(term)
    if articles is not None:
        return a.c.id.in_(articles)
    raise AssertionError(f"unhandled field {term.field!r}")  # the parser knows every field


# --- whole queries ---------------------------------------------------------------------------


def condition(backend: str, node: Node) -> Condition:
    """A condition on ``articles`` that holds for exactly the articles matching ``node``."""
    whole_text = text_query(node)
    if whole_text is not None:
        return schema.articles.c.id.in_(search_index.matching_ids(backend, whole_text))
    if isinstance(node, And):
        return sa.and_(*(condition(backend, child) for child in node.children))
    if isinstance(node, Or):
        return sa.or_(*(condition(backend, child) for child in node.children))
    if isinstance(node, Not):
        return sa.not_(condition(backend, node.child))
    if isinstance(node, DateRange):  # pragma: no cover - text_query handles every date
        raise AssertionError("dates are answered by the index")
    return _field_condition(node)


@dataclass(frozen=True, slots=True)
class Plan:
    """How to run a query: a full-text query every result matches (``required``) or that only
    scores results (``scoring``), and conditions on the articles (``where``)."""

    required: TextQuery | None
    scoring: TextQuery | None
    where: Condition | None


def plan(backend: str, node: Node) -> Plan:
    children = list(node.children) if isinstance(node, And) else [node]
    is_textual = [text_query(c.child if isinstance(c, Not) else c) is not None for c in children]
    textual = [c for c, is_text in zip(children, is_textual, strict=True) if is_text]
    required = _all_of(textual) if textual else None
    if required is not None and not positive_terms(node):  # facets alone: newest first
        return Plan(None, None, condition(backend, node))
    if required is not None:
        others = [c for c, is_text in zip(children, is_textual, strict=True) if not is_text]
        where = sa.and_(*(condition(backend, c) for c in others)) if others else None
        return Plan(required, None, where)
    scoring = [query for term in positive_terms(node) if (query := text_term(term))]
    anything = None
    if scoring:
        anything = scoring[0] if len(scoring) == 1 else AnyOf(tuple(scoring))
    return Plan(None, anything, condition(backend, node))
