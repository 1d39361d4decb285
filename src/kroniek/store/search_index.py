"""The full-text index of articles, for SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Both backends index the same text: title and body turned into Snowball Dutch stems with accents
folded (``kroniek.search.analysis.document``), so a query gets the same articles on either.
That text is made in Python, so it cannot come from a trigger: ``Store.write_batch`` calls
``index_articles`` in the transaction that inserts the articles. Step 2 of the migrations
creates the index and fills it for articles stored before it existed.

Text queries arrive as a small tree (``Match``, ``AllOf``, ``AnyOf``) of analysed terms and are
rendered here to FTS5 MATCH syntax or a PostgreSQL tsquery, always sent as a bound parameter.
Terms only hold letters and digits, and each is quoted, so no user text reaches query syntax.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from kroniek.store import schema
from kroniek.store.lookups import padded_chunks

TITLE, BODY, FACETS = "title", "body", "facets"  # facets: outlet, agency, date tokens
TITLE_WEIGHT = 2.5  # a hit in the title counts this many times a hit in the body
PG_WEIGHT_LABELS = {TITLE: "A", BODY: "B"}  # facets keep the default label, D
# ts_rank_cd weights (at most 1) for labels D, C, B, A: title (A) TITLE_WEIGHT times body (B),
# facets (D) nothing
PG_RANK_WEIGHTS = [0.0, 0.0, 1.0 / TITLE_WEIGHT, 1.0]
PG_TITLE_PREFIX = "t_"  # PostgreSQL: title terms are indexed a second time as t_<term>
PG_RANK_NORMALIZATION = 1  # divide by 1 + log(length): longer articles do not win by length
FTS_TABLE = "search_fts"
RANK_WINDOW = 2000  # matches scored for relevance per query (see ``top_matches``)
INDEX_CHUNK = 500  # articles per statement when indexing existing articles

# SQLite: a contentless FTS5 table (the analysed text is indexed, not stored), whose rowid is
# ``docid``, a stable integer key given to each article here. Articles are never deleted; were
# that to change, deleting the ``search_docs`` row is enough to drop an article from results.
sqlite_metadata = sa.MetaData()
sqlite_docs = sa.Table(
    "search_docs",
    sqlite_metadata,
    sa.Column("docid", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.String(40), nullable=False, unique=True),
)
SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({TITLE}, {BODY}, {FACETS}, content='', "
    "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")",
)
fts = sa.table(
    FTS_TABLE, sa.column("rowid", sa.Integer), sa.column(TITLE), sa.column(BODY), sa.column(FACETS)
)
# the table name, as FTS5's MATCH and bm25() take it
FTS_REF: sa.ColumnClause[Any] = sa.literal_column(FTS_TABLE)

# PostgreSQL: one tsvector per article (title weighted A, body B) under a GIN index.
pg_metadata = sa.MetaData()
pg_docs = sa.Table(
    "search_docs",
    pg_metadata,
    sa.Column("article_id", sa.String(40), primary_key=True),
    sa.Column("docid", sa.BigInteger, sa.Identity(), nullable=False, unique=True),
    sa.Column("document", postgresql.TSVECTOR, nullable=False),
)
sa.Index("ix_search_docs_document", pg_docs.c.document, postgresql_using="gin")


# --- text queries ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Match:
    """Analysed terms in sequence (one term, or a phrase); ``prefix``: the last is a prefix."""

    terms: tuple[str, ...]
    prefix: bool = False
    column: str | None = None  # TITLE, BODY, or None for either


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every one of ``parts`` and none of ``excluded`` (at least one part)."""

    parts: tuple[TextQuery, ...]
    excluded: tuple[TextQuery, ...] = ()


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[TextQuery, ...]


TextQuery = Match | AllOf | AnyOf


def _fts5(query: TextQuery) -> str:
    if isinstance(query, Match):
        phrase = '"' + " ".join(query.terms) + '"' + (" *" if query.prefix else "")
        return f"{{{query.column}}} : {phrase}" if query.column else phrase
    if isinstance(query, AnyOf):
        return "(" + " OR ".join(_fts5(part) for part in query.parts) + ")"
    rendered = "(" + " AND ".join(_fts5(part) for part in query.parts) + ")"
    for excluded in query.excluded:
        rendered = f"({rendered} NOT {_fts5(excluded)})"
    return rendered


def _tsquery(query: TextQuery) -> str:
    if isinstance(query, Match):
        # title: terms are lexemes of their own, which the GIN index answers without rechecking
        # every row's weights; text: terms are checked by weight
        namespace = PG_TITLE_PREFIX if query.column == TITLE else ""
        label = PG_WEIGHT_LABELS[BODY] if query.column == BODY else ""
        suffixes = [label] * len(query.terms)
        if query.prefix:
            suffixes[-1] = "*" + label
        lexemes = [f"'{namespace}{term}'" + (f":{suffix}" if suffix else "")
                   for term, suffix in zip(query.terms, suffixes, strict=True)]  # fmt: skip
        return "(" + " <-> ".join(lexemes) + ")"
    if isinstance(query, AnyOf):
        return "(" + " | ".join(_tsquery(part) for part in query.parts) + ")"
    rendered = " & ".join(_tsquery(part) for part in query.parts)
    negated = "".join(f" & !{_tsquery(excluded)}" for excluded in query.excluded)
    return f"({rendered}{negated})"


def render(backend: str, query: TextQuery) -> str:
    """``query`` in the backend's own full-text syntax (for a bound parameter)."""
    return _tsquery(query) if backend == "postgresql" else _fts5(query)


def _text_param(backend: str, query: TextQuery) -> sa.BindParameter[str]:
    return sa.bindparam("text_query", render(backend, query), unique=True)


def _pg_ranked(
    query: TextQuery, document: sa.ColumnElement[Any] = pg_docs.c.document
) -> tuple[sa.ColumnElement[Any], sa.ColumnElement[bool]]:
    """PostgreSQL: the score of ``document`` for ``query``, and the match condition."""
    tsquery = sa.cast(_text_param("postgresql", query), postgresql.TSQUERY)
    weights = sa.cast(sa.literal(PG_RANK_WEIGHTS), postgresql.ARRAY(sa.REAL))
    score = sa.func.ts_rank_cd(weights, document, tsquery, PG_RANK_NORMALIZATION)
    return score, document.op("@@")(tsquery)


def _fts_ranked(query: TextQuery) -> sa.Select[Any]:
    """SQLite: ``docid`` and ``score`` of every match, from the FTS5 table alone."""
    bm25 = sa.func.bm25(FTS_REF, TITLE_WEIGHT, 1.0, 0.0)  # lower is better in FTS5
    return sa.select(fts.c.rowid.label("docid"), (-bm25).label("score")).where(
        FTS_REF.op("MATCH")(_text_param("sqlite", query))
    )


def scored_matches(backend: str, query: TextQuery) -> sa.Select[Any]:
    """``docid`` and ``score`` (as ``matches`` gives it) of every match, from the index alone."""
    if backend == "postgresql":
        score, matched = _pg_ranked(query)
        return sa.select(pg_docs.c.docid, score.label("score")).where(matched)
    return _fts_ranked(query)


def matches(backend: str, query: TextQuery) -> sa.Select[Any]:
    """``article_id`` and ``score`` (higher is better) of every article matching ``query``."""
    if backend == "postgresql":
        score, matched = _pg_ranked(query)
        return sa.select(pg_docs.c.article_id, score.label("score")).where(matched)
    ranked = _fts_ranked(query).subquery()
    return sa.select(sqlite_docs.c.article_id, ranked.c.score).join_from(
        ranked, sqlite_docs, sqlite_docs.c.docid == ranked.c.docid
    )


def matching_ids(backend: str, query: TextQuery) -> sa.Select[Any]:
    """``article_id`` of every article matching ``query`` (no scores: for filters)."""
    if backend == "postgresql":
        _score, matched = _pg_ranked(query)
        return sa.select(pg_docs.c.article_id).where(matched)
    return (
        sa.select(sqlite_docs.c.article_id)
        .join_from(fts, sqlite_docs, sqlite_docs.c.docid == fts.c.rowid)
        .where(FTS_REF.op("MATCH")(_text_param("sqlite", query)))
    )


def matching_docids(backend: str, query: TextQuery) -> sa.Select[Any]:
    """``docid`` of every article matching ``query``, from the index alone."""
    if backend == "postgresql":
        return sa.select(pg_docs.c.docid).where(_pg_ranked(query)[1])
    return sa.select(fts.c.rowid.label("docid")).where(
        FTS_REF.op("MATCH")(_text_param("sqlite", query))
    )


def top_matches(backend: str, query: TextQuery, limit: int, offset: int) -> sa.Select[Any]:
    """``article_id`` and ``score`` of the best matches, best first.

    Relevance is computed for at most ``RANK_WINDOW`` matches (more when paging past it): the
    most recently indexed ones. Scoring every match of a word found in most articles would
    take a pass over its whole posting list per query. Ranks in the index alone and looks up
    article ids only for the page.
    """
    window = max(RANK_WINDOW, offset + limit)
    if backend == "postgresql":
        candidates = (
            sa.select(pg_docs.c.article_id, pg_docs.c.docid, pg_docs.c.document)
            .where(_pg_ranked(query)[1]).order_by(pg_docs.c.docid.desc()).limit(window)
        ).subquery()  # fmt: skip
        score = _pg_ranked(query, candidates.c.document)[0].label("score")
        return (
            sa.select(candidates.c.article_id, score)
            .order_by(sa.desc("score"), candidates.c.docid.desc()).limit(limit).offset(offset)
        )  # fmt: skip
    ranked = _fts_ranked(query).order_by(fts.c.rowid.desc()).limit(window).subquery()
    best = (
        sa.select(ranked.c.docid, ranked.c.score)
        .order_by(ranked.c.score.desc(), ranked.c.docid.desc()).limit(limit).offset(offset)
    ).subquery()  # fmt: skip
    return (
        sa.select(sqlite_docs.c.article_id, best.c.score)
        .join_from(best, sqlite_docs, sqlite_docs.c.docid == best.c.docid)
        .order_by(best.c.score.desc(), best.c.docid.desc())
    )


def match_rows(backend: str, query: TextQuery) -> sa.Select[Any]:
    """One row per article matching ``query``, from the index alone (for counting)."""
    if backend == "postgresql":
        return sa.select(sa.literal(1)).select_from(pg_docs).where(_pg_ranked(query)[1])
    return sa.select(sa.literal(1)).select_from(fts).where(
        FTS_REF.op("MATCH")(_text_param("sqlite", query))
    )


# --- writing ---------------------------------------------------------------------------------


def create(connection: sa.Connection) -> None:
    """Create the index tables of the connection's backend (migration step 2)."""
    if connection.dialect.name == "postgresql":
        pg_metadata.create_all(connection)
        return
    sqlite_metadata.create_all(connection)
    for statement in SQLITE_DDL:
        connection.exec_driver_sql(statement)


def _weighted(column: str) -> sa.ColumnElement[Any]:
    """PostgreSQL: the tsvector of a bound column value, its lexemes labelled by column."""
    label: sa.ColumnClause[Any] = sa.literal_column(f"'{PG_WEIGHT_LABELS[column]}'")  # "char"
    return sa.func.setweight(sa.func.to_tsvector("simple", sa.bindparam(column)), label)


def _sqlite_docids(connection: sa.Connection, ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in padded_chunks(ids):
        rows = connection.execute(
            sa.select(sqlite_docs.c.article_id, sqlite_docs.c.docid).where(
                sqlite_docs.c.article_id.in_(chunk)
            )
        )
        found.update((article_id, docid) for article_id, docid in rows)
    return found


def _index_sqlite(connection: sa.Connection, docs: list[dict[str, Any]]) -> None:
    """Give new articles a docid and index their text under it (the writer holds SQLite's
    write lock, so no other transaction can index the same article meanwhile)."""
    known = _sqlite_docids(connection, [doc["article_id"] for doc in docs])
    new = list({doc["article_id"]: doc for doc in docs if doc["article_id"] not in known}.values())
    if not new:
        return
    connection.execute(sqlite_docs.insert(), [{"article_id": doc["article_id"]} for doc in new])
    docids = _sqlite_docids(connection, [doc["article_id"] for doc in new])
    rows = [
        {"rowid": docids[doc["article_id"]], TITLE: doc[TITLE], BODY: doc[BODY],
         FACETS: doc[FACETS]}
        for doc in new
    ]  # fmt: skip
    connection.execute(fts.insert(), rows)


def index_articles(connection: sa.Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Index article rows (``id``, ``title``, ``text``, ``outlet``, ``agencies``,
    ``published``); rows already indexed are left alone."""
    from kroniek.search import facets
    from kroniek.search.analysis import document

    docs = [
        {"article_id": row["id"], TITLE: document(row.get("title")), BODY: document(row["text"]),
         FACETS: " ".join(facets.tokens(row))}
        for row in rows
    ]  # fmt: skip
    if not docs:
        return
    if connection.dialect.name == "postgresql":
        vector = _weighted(TITLE).op("||")(_weighted(BODY)).op("||")(
            sa.cast(sa.bindparam("facet_vector"), postgresql.TSVECTOR)
        )
        insert = postgresql.insert(pg_docs).values(
            article_id=sa.bindparam("article_id"), document=vector
        )
        for doc in docs:  # terms and facets hold only letters, digits and "_": safe to quote
            titled = [f"'{PG_TITLE_PREFIX}{term}':{n}{PG_WEIGHT_LABELS[TITLE]}"
                      for n, term in enumerate(doc[TITLE].split(), start=1)]  # fmt: skip
            facet_tokens = [f"'{token}'" for token in doc[FACETS].split()]
            doc["facet_vector"] = " ".join(titled + facet_tokens)
        connection.execute(insert.on_conflict_do_nothing(), docs)
    else:
        _index_sqlite(connection, docs)


def index_existing(connection: sa.Connection) -> int:
    """Index every stored article not yet in the index; return how many were indexed."""
    a = schema.articles
    docs = pg_docs if connection.dialect.name == "postgresql" else sqlite_docs
    count, after = 0, ""
    while True:
        chunk = connection.execute(
            sa.select(a.c.id, a.c.title, a.c.text, a.c.outlet, a.c.agencies, a.c.published)
            .where(a.c.id > after, ~sa.exists().where(docs.c.article_id == a.c.id))
            .order_by(a.c.id)
            .limit(INDEX_CHUNK)
        ).mappings().all()  # fmt: skip
        if not chunk:
            return count
        index_articles(connection, [dict(row) for row in chunk])
        count, after = count + len(chunk), chunk[-1]["id"]

