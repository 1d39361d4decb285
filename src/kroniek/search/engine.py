"""Running queries: ranked, counted, paged hits with snippets; ids for other layers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from kroniek.search import analysis
from kroniek.search.compiler import condition, plan, positive_terms
from kroniek.search.nodes import Kind, Node
from kroniek.search.query import parse
from kroniek.search.snippets import Highlighter, snippet
from kroniek.store import schema, search_index

if TYPE_CHECKING:
    from kroniek.store import Store

DEFAULT_LIMIT = 20
# Results are counted exactly up to this many; beyond, ``total`` is this and ``total_exact``
# False (as search engines say "10,000+"): counting every match of a word found in most
# articles costs a pass over its whole posting list. ``count_limit=None`` counts everything.
COUNT_LIMIT = 10_000


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
        return asdict(self)


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


def _articles(connection: sa.Connection, ids: list[str]) -> dict[str, Any]:
    a = schema.articles
    columns = [a.c.id, a.c.url, a.c.title, a.c.outlet, a.c.published, a.c.source_file, a.c.text]
    rows = connection.execute(sa.select(*columns).where(a.c.id.in_(ids))).mappings()
    return {row["id"]: row for row in rows}


def search(
    store: Store,
    query: str,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    count_limit: int | None = COUNT_LIMIT,
) -> SearchResult:
    """Articles matching ``query``, best first; raises ``QueryError`` for a malformed query."""
    node = parse(query)
    page, count = _selects(store.backend, node, limit, offset, count_limit)
    marks = highlighter(node)
    with store.engine.connect() as connection:
        total = int(connection.execute(count).scalar() or 0)
        scored = [(row[0], float(row[1])) for row in connection.execute(page)]
        found = _articles(connection, [article_id for article_id, _score in scored])
    hits = []
    for article_id, score in scored:
        row = found[article_id]
        hits.append(Hit(id=article_id, url=row["url"], title=row["title"], outlet=row["outlet"],
                        published=row["published"], source_file=row["source_file"], score=score,
                        snippet=snippet(row["text"] or "", marks)))  # fmt: skip
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
