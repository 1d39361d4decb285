"""Running queries: ranked, counted, paged hits with snippets; ids for other layers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from kroniek.search import analysis
from kroniek.search.compiler import Plan, condition, plan, positive_terms
from kroniek.search.nodes import Kind, Node
from kroniek.search.query import parse
from kroniek.search.snippets import Highlighter, SnippetCache
from kroniek.store import schema, search_index

if TYPE_CHECKING:
    from kroniek.store import Store

DEFAULT_LIMIT = 20
# Results are counted exactly up to this many; beyond, ``total`` is this and ``total_exact``
# False (as search engines say "10,000+"): counting every match of a word found in most
# articles costs a pass over its whole posting list. ``count_limit=None`` counts everything.
COUNT_LIMIT = 10_000
HIGHLIGHTERS_KEPT = 256
SORT_ALL_BELOW = 8  # ranking sorts every match when there are fewer than this many per hit


@dataclass(slots=True)
class Hit:
    id: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    source_file: str | None
    score: float
    snippet: str

    def as_dict(self) -> dict[str, Any]:
        # the fields are plain values: ``dataclasses.asdict`` would deep-copy each (10x slower)
        return {name: getattr(self, name) for name in HIT_FIELDS}


HIT_FIELDS = tuple(f.name for f in fields(Hit))


@dataclass(slots=True)
class SearchResult:
    query: str
    total: int  # articles matching (at most the count limit), of which ``hits`` is one page
    hits: list[Hit] = field(default_factory=list)
    total_exact: bool = True  # False: more than ``total`` articles match


def highlighter(node: Node) -> Highlighter:
    """What to mark in snippets: the title/text terms of ``node`` not under a NOT."""
    terms: set[str] = set()
    prefixes: list[str] = []
    for term in positive_terms(node):
        if term.kind is Kind.PREFIX:
            words = analysis.folded_words(term.value)
            terms.update(analysis.term(word) for word in words)
            prefixes.append(words[-1])
        else:
            terms.update(analysis.terms(term.value))
    return Highlighter(frozenset(terms), tuple(prefixes))


@lru_cache(maxsize=HIGHLIGHTERS_KEPT)
def _recent_highlighter(node: Node) -> Highlighter:
    """The highlighter of ``node``, one for all recent queries that mark the same words (with
    the words it has judged: the snippets of the next search with those words reuse them, also
    when its fields or dates differ)."""
    made = highlighter(node)
    return _highlighter_of(made.terms, made.prefixes)


_snippets = SnippetCache()  # of recent hits


@lru_cache(maxsize=HIGHLIGHTERS_KEPT)
def _highlighter_of(terms: frozenset[str], prefixes: tuple[str, ...]) -> Highlighter:
    return Highlighter(terms, prefixes)


def _counted(rows: sa.Select[Any], count_limit: int | None) -> sa.Select[Any]:
    """A count of ``rows``, stopping at ``count_limit`` + 1."""
    if count_limit is not None:
        rows = rows.limit(count_limit + 1)
    return sa.select(sa.func.count()).select_from(rows.subquery())


def _selects(
    backend: str, node: Node, limit: int, offset: int, count_limit: int | None = COUNT_LIMIT
) -> tuple[sa.Select[Any], sa.Select[Any]]:
    """The query of a page of (id, score), best first, and the count query of ``node``."""
    a = schema.articles
    how = plan(backend, node)
    if how.required is not None and how.where is None:  # the index alone ranks and counts
        return (
            search_index.top_matches(backend, how.required, limit, offset),
            _counted(search_index.match_rows(backend, how.required), count_limit),
        )
    source: sa.FromClause = a
    score: sa.ColumnElement[Any] = sa.literal(0.0)
    text = how.required or how.scoring
    if text is not None:
        ranked = search_index.matches(backend, text).subquery()
        on = a.c.id == ranked.c.article_id
        source = ranked.join(a, on) if how.required is not None else a.outerjoin(ranked, on)
        score = sa.func.coalesce(ranked.c.score, 0.0)
    page = sa.select(a.c.id, score.label("score")).select_from(source)
    rows = sa.select(sa.literal(1)).select_from(source)
    if how.where is not None:
        page, rows = page.where(how.where), rows.where(how.where)
    page = page.order_by(sa.desc("score"), a.c.published.desc().nulls_last(), a.c.id)
    return page.limit(limit).offset(offset), _counted(rows, count_limit)


def _scored_words(text: search_index.TextQuery) -> search_index.TextQuery:
    """``text`` without the facets (outlet:, agency:, date:) it requires. They add nothing to
    a score (their column weighs 0 in ``bm25``), so the scores of the words alone serve every
    combination of the words with dates and outlets."""
    if not isinstance(text, search_index.AllOf):
        return text
    words = tuple(part for part in text.parts if not _is_facet(part))
    if not words or len(words) == len(text.parts):
        return text
    if len(words) == 1 and not text.excluded:
        return words[0]
    return search_index.AllOf(words, text.excluded)


def _is_facet(part: search_index.TextQuery) -> bool:
    """Facet tokens hold "_", which words never do (``analysis.WORD``)."""
    if isinstance(part, search_index.Match):
        return all("_" in term for term in part.terms)
    return isinstance(part, search_index.AnyOf) and all(_is_facet(p) for p in part.parts)


def _ranked_from_columns(
    store: Store, node: Node, how: Plan, limit: int, offset: int
) -> tuple[int, list[tuple[str, float]]] | None:
    """SQLite: the count and page of ``_selects``, found from the in-memory columns
    (``kroniek.store.columns``) instead of SQL; None when SQL is cheaper or the columns are not
    at hand.

    A query with conditions besides words (fields, or only dates and outlets) becomes a docid
    mask (``docsets``); SQL would score every match of its words and read every matching
    article to order them. The words' matches and scores come from each phrase's postings, read
    once per database state and kept (``postings``). Order as in SQL: score, then newest, then
    id (the columns' ``newest`` places). A query of words alone is ranked this way only when its
    phrases are kept or were asked for before (reading a common word's postings costs several
    times SQL's window of ``search_index.RANK_WINDOW`` recent matches): the same window, best
    first, then the most recent.
    """
    words = how.required if how.where is None else None  # a query of words (and facets) alone
    if store.backend != "sqlite" or (words is None and how.where is None):
        return None
    columns = store.aggregate_columns()
    if columns is None:
        return None
    import numpy as np

    from kroniek.search import docsets, postings

    text = how.required or how.scoring
    scored = _scored_words(text) if text is not None else None
    if words is not None and not postings.worth_reading(columns, words, store.shared_postings):
        return None
    found: np.ndarray[Any, np.dtype[np.integer[Any]]]
    with store.engine.connect() as connection:
        if words is not None:  # every match, in docid order
            found, scores = postings.evaluate(connection, columns, words, store.shared_postings)
        else:
            found = np.flatnonzero(docsets.mask(connection, columns, node, store.shared_masks))
            scores = np.zeros(len(found), dtype=np.float64)  # no words: all 0, as in SQL
            if scored is not None:
                docids, text_scores = postings.evaluate(
                    connection, columns, scored, store.shared_postings
                )
                at = np.minimum(np.searchsorted(docids, found), max(len(docids) - 1, 0))
                matched = (docids[at] == found) if len(docids) else np.zeros(len(found), bool)
                scores[matched] = text_scores[at[matched]]
        total, end = len(found), min(offset + limit, len(found))
        if offset >= end:
            return total, []
        if words is not None:  # the most recent matches, best first, then the most recent
            window = max(search_index.RANK_WINDOW, offset + limit)
            found, scores = found[-window:], scores[-window:]
            order = np.lexsort((-found, -scores))[offset:end]
        else:
            order = best_first(-scores, columns.newest[found], end)[offset:end]
        page, page_scores = found[order], scores[order].tolist()
    ids = columns.article_id[page].tolist()
    return total, list(zip(ids, page_scores, strict=True))


def best_first(primary: Any, secondary: Any, count: int) -> Any:
    """The first ``count`` positions of ``np.lexsort((secondary, primary))`` (ascending;
    ``secondary`` unique), without sorting every match: those below the ``count``-th
    ``primary`` are in, and the ties at it are cut by ``secondary``."""
    import numpy as np

    if len(primary) <= SORT_ALL_BELOW * count or count <= 0:
        return np.lexsort((secondary, primary))[:count]
    cut = np.partition(primary, count - 1)[count - 1]
    inside = np.flatnonzero(primary < cut)
    tied = np.flatnonzero(primary == cut)
    wanted = count - len(inside)
    if len(tied) > wanted:
        tied = tied[np.argpartition(secondary[tied], wanted - 1)[:wanted]]
    chosen = np.concatenate((inside, tied))
    return chosen[np.lexsort((secondary[chosen], primary[chosen]))]


_JSON_IDS = sa.text("SELECT value FROM json_each(:ids)").columns(sa.column("value"))


def _articles(connection: sa.Connection, ids: list[str]) -> dict[str, Any]:
    a = schema.articles
    columns = [a.c.id, a.c.url, a.c.title, a.c.outlet, a.c.published, a.c.source_file, a.c.text]
    if connection.dialect.name == "sqlite":  # one parameter: the statement is compiled once,
        found = a.c.id.in_(_JSON_IDS)  # where an IN list of n values is rendered for each n
        rows = connection.execute(sa.select(*columns).where(found), {"ids": json.dumps(ids)})
    else:
        rows = connection.execute(sa.select(*columns).where(a.c.id.in_(ids)))
    return {row.id: row for row in rows.all()}  # rows, not mappings: a mapping per row cost more


def search(
    store: Store,
    query: str,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    count_limit: int | None = COUNT_LIMIT,
) -> SearchResult:
    """Articles matching ``query``, best first; raises ``QueryError`` for a malformed query."""
    node = parse(query)
    marks = _recent_highlighter(node)
    ranked = _ranked_from_columns(store, node, plan(store.backend, node), limit, offset)
    with store.engine.connect() as connection:
        if ranked is None:
            page, count = _selects(store.backend, node, limit, offset, count_limit)
            total = int(connection.execute(count).scalar() or 0)
            scored = [(row[0], float(row[1])) for row in connection.execute(page)]
        else:
            total, scored = ranked
        found = _articles(connection, [article_id for article_id, _score in scored])
    hits = []
    for article_id, score in scored:
        row = found[article_id]
        made = _snippets.snippet(article_id, row.text or "", marks)
        hits.append(Hit(id=article_id, url=row.url, title=row.title, outlet=row.outlet,
                        published=row.published, source_file=row.source_file, score=score,
                        snippet=made))  # fmt: skip
    exact = count_limit is None or total <= count_limit
    return SearchResult(query=query, total=min(total, count_limit or total), hits=hits,
                        total_exact=exact)  # fmt: skip


def article_filter(store: Store, query: str) -> sa.ColumnElement[bool]:
    """A condition on ``kroniek.store.schema.articles`` selecting the articles ``query`` matches,
    for other layers (analytics, API) to add to their own selects."""
    return condition(store.backend, parse(query))


def matching_ids(store: Store, query: str) -> list[str]:
    """Ids of every article matching ``query``, in id order."""
    a = schema.articles
    select = sa.select(a.c.id).where(article_filter(store, query)).order_by(a.c.id)
    with store.engine.connect() as connection:
        return [row[0] for row in connection.execute(select)]
