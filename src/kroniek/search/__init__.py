"""Search: a Lucene/AmCAT-style query language over a full-text index of articles.

``search(store, "rusland AND actor:RUS date:2022")`` gives ranked hits with snippets;
``parse`` gives the syntax tree; ``matching_ids`` and ``article_filter`` let other layers filter
by a query. The syntax is documented in README.md beside this file.
"""

from kroniek.errors import QueryError
from kroniek.search.engine import (
    COUNT_LIMIT,
    DEFAULT_LIMIT,
    Hit,
    SearchResult,
    article_filter,
    matching_ids,
    search,
)
from kroniek.search.nodes import And, DateRange, Kind, Node, Not, Or, Term
from kroniek.search.query import parse

__all__ = [
    "COUNT_LIMIT",
    "DEFAULT_LIMIT",
    "And",
    "DateRange",
    "Hit",
    "Kind",
    "Node",
    "Not",
    "Or",
    "QueryError",
    "SearchResult",
    "Term",
    "article_filter",
    "matching_ids",
    "parse",
    "search",
]
