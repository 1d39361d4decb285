"""A query's matching articles as a set of docids (a numpy mask), for aggregates.

``kroniek.store.columns`` aggregates over a boolean mask of full-text docids. The mask follows the
query tree: each maximal run of words, phrases, prefixes and indexed facets is one index lookup
(or, on SQLite, combined from the phrases' kept postings, ``postings``),
each other field one SQL lookup of the articles it holds (``compiler.field_articles``, else
``compiler.condition``), and ``AND``/``OR``/``NOT`` are ``&``/``|``/``~`` on the masks. The
articles are those ``compiler.condition`` selects in SQL (tests compare the two).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sqlalchemy as sa

from kroniek.search import postings
from kroniek.search.compiler import condition, field_articles, text_query
from kroniek.search.nodes import And, Node, Not, Or, Term
from kroniek.store import schema, search_index
from kroniek.store.columns import Columns, Mask, docids_of, docs_table


def _field_docids(backend: str, node: Node) -> sa.Select[Any]:
    d = docs_table(backend)
    articles = field_articles(node) if isinstance(node, Term) else None
    if articles is not None:  # an analysis table: no need to read the articles
        return sa.select(d.c.docid).where(d.c.article_id.in_(articles))
    a = schema.articles
    return (
        sa.select(d.c.docid)
        .select_from(d.join(a, a.c.id == d.c.article_id))
        .where(condition(backend, node))
    )


def mask(connection: sa.Connection, columns: Columns, node: Node) -> Mask:
    """The docids of the articles matching ``node``, as a mask over ``columns``. The masks of
    the query and of its parts are kept with the columns: queries share their parts."""
    return columns.kept_mask(node, lambda: _mask(connection, columns, node))


def _mask(connection: sa.Connection, columns: Columns, node: Node) -> Mask:
    backend = connection.dialect.name
    whole_text = text_query(node)
    if whole_text is not None:
        if backend == "sqlite" and (kept := postings.kept_mask(columns, whole_text)) is not None:
            return kept
        matching = search_index.matching_docids(backend, whole_text)
        return columns.mask(docids_of(connection, matching))
    if isinstance(node, And):
        children = list(node.children)
        textual = [c for c in children if text_query(c.child if isinstance(c, Not) else c)]
        found = columns.present.copy()
        if any(not isinstance(c, Not) for c in textual):  # the text part: one index lookup
            found &= mask(connection, columns, And(tuple(textual)))
            children = [c for c in children if c not in textual]
        for child in children:
            if isinstance(child, Not):
                found &= ~mask(connection, columns, child.child)
            else:
                found &= mask(connection, columns, child)
        return found
    if isinstance(node, Or):
        found = np.zeros(columns.size, dtype=np.bool_)
        for child in node.children:
            found |= mask(connection, columns, child)
        return found
    if isinstance(node, Not):
        return columns.present & ~mask(connection, columns, node.child)
    return columns.mask(docids_of(connection, _field_docids(backend, node)))
