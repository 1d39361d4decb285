"""A query's matching articles as a set of docids (a numpy mask), for aggregates.

``kroniek.store.columns`` aggregates over a boolean mask of full-text docids. The mask follows the
query tree: each maximal run of words, phrases, prefixes and indexed facets is one index lookup
(or, on SQLite, combined from the phrases' kept postings, ``postings``),
each other field one SQL lookup of the articles it holds (``compiler.field_articles``, else
``compiler.condition``), and ``AND``/``OR``/``NOT`` are ``&``/``|``/``~`` on the masks. The
articles are those ``compiler.condition`` selects in SQL (tests compare the two).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Protocol

import numpy as np
import sqlalchemy as sa

from kroniek.search import postings
from kroniek.search.compiler import condition, field_articles, text_query
from kroniek.search.nodes import And, Node, Not, Or, Term
from kroniek.store import schema, search_index
from kroniek.store.columns import Columns, Mask, article_ids_of, docids_of, docs_table


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


class Shared(Protocol):
    """Masks kept by the other processes of a server too (``shared_reads.SharedMasks``)."""

    def get(self, marker: Hashable, node: Node, size: int) -> Mask | None: ...

    def put(self, marker: Hashable, node: Node, mask: Mask) -> None: ...


def mask(connection: sa.Connection, columns: Columns, node: Node, shared: Shared | None = None
         ) -> Mask:  # fmt: skip
    """The docids of the articles matching ``node``, as a mask over ``columns``. The masks of
    the query and of its parts are kept with the columns: queries share their parts. What is
    read from the database is taken from, and given to, the other processes of the server
    through ``shared``."""
    return columns.kept_mask(node, lambda: _mask(connection, columns, node, shared))


def _mask(connection: sa.Connection, columns: Columns, node: Node, shared: Shared | None
          ) -> Mask:  # fmt: skip
    backend = connection.dialect.name
    whole_text = text_query(node)
    if whole_text is not None:
        if backend == "sqlite" and (kept := postings.kept_mask(columns, whole_text)) is not None:
            return kept
        matching = search_index.matching_docids(backend, whole_text)
        return _read(connection, columns, node, matching, shared)
    if isinstance(node, And):
        children = list(node.children)
        textual = [c for c in children if text_query(c.child if isinstance(c, Not) else c)]
        found = columns.present.copy()
        if any(not isinstance(c, Not) for c in textual):  # the text part: one index lookup
            found &= mask(connection, columns, And(tuple(textual)), shared)
            children = [c for c in children if c not in textual]
        for child in children:
            if isinstance(child, Not):
                found &= ~mask(connection, columns, child.child, shared)
            else:
                found &= mask(connection, columns, child, shared)
        return found
    if isinstance(node, Or):
        found = np.zeros(columns.size, dtype=np.bool_)
        for child in node.children:
            found |= mask(connection, columns, child, shared)
        return found
    if isinstance(node, Not):
        return columns.present & ~mask(connection, columns, node.child, shared)
    articles = field_articles(node) if isinstance(node, Term) else None
    if backend == "sqlite" and articles is not None:
        return _read(connection, columns, node, articles, shared, by_id=True)
    return _read(connection, columns, node, _field_docids(backend, node), shared)


def _read(connection: sa.Connection, columns: Columns, node: Node,
          select: sa.Select[Any] | sa.CompoundSelect[Any], shared: Shared | None,
          by_id: bool = False) -> Mask:  # fmt: skip
    """The mask of the docids ``select`` gives (with ``by_id``, of the articles it gives: their
    docids come from the columns, where joining the docs table in SQL cost twice the lookup),
    for ``node``: read, or another process's."""
    found = shared.get(columns.marker, node, columns.size) if shared is not None else None
    if found is None:
        if by_id:
            docids = _docids_by_id(columns, article_ids_of(connection, select))
        else:
            docids = docids_of(connection, select)  # type: ignore[arg-type]
        found = columns.mask(docids)
        if shared is not None:
            shared.put(columns.marker, node, found)
    return found


def _docids_by_id(columns: Columns, ids: list[str]) -> Any:
    """The docids of ``ids`` in the columns; -1 for an article stored since they were loaded."""
    try:
        return np.array(list(map(columns.docid_of.__getitem__, ids)), dtype=np.int64)
    except KeyError:
        return np.array([columns.docid_of.get(i, -1) for i in ids], dtype=np.int64)
