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
    total: int  # articles matching, of which ``hits`` is one page
    hits: list[Hit] = field(default_factory=list)


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


def _selects(
    backend: str, node: Node, limit: int, offset: int
) -> tuple[sa.Select[Any], sa.Select[Any]]:
    """The query of a page of (id, score), best first, and the count query of ``node``."""
    a = schema.articles
    how = plan(backend, node)
    if how.required is not None and how.where is None:  # the index alone ranks and counts
        return (
            search_index.top_matches(backend, how.required, limit, offset),
            search_index.count_matches(backend, how.required),
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
    count = sa.select(sa.func.count()).select_from(source)
    if how.where is not None:
        page, count = page.where(how.where), count.where(how.where)
    page = page.order_by(sa.desc("score"), a.c.published.desc().nulls_last(), a.c.id)
    return page.limit(limit).offset(offset), count


def _articles(connection: sa.Connection, ids: list[str]) -> dict[str, Any]:
    a = schema.articles
    columns = [a.c.id, a.c.url, a.c.title, a.c.outlet, a.c.published, a.c.source_file, a.c.text]
    rows = connection.execute(sa.select(*columns).where(a.c.id.in_(ids))).mappings()
    return {row["id"]: row for row in rows}


def search(store: Store, query: str, limit: int = DEFAULT_LIMIT, offset: int = 0) -> SearchResult:
    """Articles matching ``query``, best first; raises ``QueryError`` for a malformed query."""
    node = parse(query)
    page, count = _selects(store.backend, node, limit, offset)
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
    return SearchResult(query=query, total=total, hits=hits)


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
