"""The database schema, as SQLAlchemy Core tables shared by the SQLite and PostgreSQL backends.

Changing it means adding a step to ``migrations.MIGRATIONS``; never edit a released step.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.String(32), nullable=False),
)

# Status of an article's analysis: stored but not analysed, analysed, or not Dutch (not analysed).
PENDING, ANALYSED, SKIPPED = "pending", "analysed", "skipped"

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("byline", sa.Text),
    sa.Column("outlet", sa.String(200), index=True),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.String(32), index=True),
    sa.Column("time_of_day", sa.String(8)),
    sa.Column("language", sa.String(8)),
    sa.Column("format", sa.String(16)),
    sa.Column("source_file", sa.Text),
    sa.Column("agencies", sa.JSON, nullable=False),
    sa.Column("photo_credits", sa.JSON, nullable=False),
    sa.Column("caption", sa.Text),
    sa.Column("paragraphs", sa.JSON, nullable=False),
    sa.Column("headings", sa.JSON, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("analysis", sa.JSON),  # the SCHEMA.md record once analysed
    sa.Column("story", sa.String(40), index=True),
    sa.Column("ingested_at", sa.String(32), nullable=False, index=True),
)

# Every place an article was read from; an exact duplicate adds a row here, not an article.
sources = sa.Table(
    "sources",
    metadata,
    sa.Column(
        "article_id", sa.String(40), sa.ForeignKey("articles.id"), nullable=False, index=True
    ),
    sa.Column("source_file", sa.Text, nullable=False),
    sa.Column("line", sa.Integer, nullable=False),  # 0 when the file holds one article
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.String(200)),
    sa.PrimaryKeyConstraint("source_file", "line"),
)

ingest_errors = sa.Table(
    "ingest_errors",
    metadata,
    sa.Column("source_file", sa.Text, nullable=False),
    sa.Column("line", sa.Integer, nullable=False),  # 0 for the file as a whole
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("source_file", "line"),
)

# MinHash LSH bands of every article: near-duplicate candidates are looked up here, so memory
# does not grow with the corpus.
lsh_bands = sa.Table(
    "lsh_bands",
    metadata,
    sa.Column("band", sa.Integer, nullable=False),
    sa.Column("bucket", sa.BigInteger, nullable=False),
    sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id"), nullable=False),
    # bucket first: candidates are looked up by bucket value (band checked after)
    sa.PrimaryKeyConstraint("bucket", "band", "article_id"),
    # the key is the whole row: on SQLite one B-tree instead of a table plus an index
    sqlite_with_rowid=False,
)

signatures = sa.Table(
    "signatures",
    metadata,
    sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("minhash", sa.LargeBinary, nullable=False),
)

near_duplicates = sa.Table(
    "near_duplicates",
    metadata,
    sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("other_id", sa.String(40), sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("similarity", sa.Float, nullable=False),
    sa.Column("agency", sa.String(64)),  # the wire agency both credit, when known
    sa.PrimaryKeyConstraint("article_id", "other_id"),
)
sa.Index("ix_near_duplicates_other", near_duplicates.c.other_id)

# Analysis tables, one row per item of the SCHEMA.md record, for search and aggregation.
entities = sa.Table(
    "entities",
    metadata,
    sa.Column(
        "article_id", sa.String(40), sa.ForeignKey("articles.id"), nullable=False, index=True
    ),
    sa.Column("entity_id", sa.String(200), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(8), nullable=False),
    sa.Column("country", sa.String(8)),
    sa.Column("role", sa.String(8)),
    sa.Column("code", sa.String(16), index=True),
    sa.Column("generic", sa.Boolean, nullable=False),
    sa.Column("mentions", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("article_id", "entity_id"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column(
        "article_id", sa.String(40), sa.ForeignKey("articles.id"), nullable=False, index=True
    ),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("source_entity", sa.String(200)),
    sa.Column("source_code", sa.String(16), index=True),
    sa.Column("target_entity", sa.String(200)),
    sa.Column("target_code", sa.String(16), index=True),
    sa.Column("plover", sa.String(16), nullable=False, index=True),
    sa.Column("cameo", sa.String(8), nullable=False),
    sa.Column("quad_class", sa.Integer, nullable=False),
    sa.Column("goldstein", sa.Float, nullable=False),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("sentence", sa.Integer, nullable=False),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("modality", sa.String(16), nullable=False),
    sa.Column("reported_by", sa.String(200)),
    sa.Column("location", sa.String(200)),
    sa.Column("date", sa.String(32), index=True),
    sa.Column("rule", sa.String(200), nullable=False),
    sa.PrimaryKeyConstraint("article_id", "n"),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column(
        "article_id", sa.String(40), sa.ForeignKey("articles.id"), nullable=False, index=True
    ),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("speaker_entity", sa.String(200), index=True),
    sa.Column("speaker_name", sa.Text),
    sa.Column("speaker_code", sa.String(16), index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("cue", sa.Text),
    sa.PrimaryKeyConstraint("article_id", "n"),
)

places = sa.Table(
    "places",
    metadata,
    sa.Column(
        "article_id", sa.String(40), sa.ForeignKey("articles.id"), nullable=False, index=True
    ),
    sa.Column("place_id", sa.String(200), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.String(8)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("mentions", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("article_id", "place_id"),
)

ANALYSIS_TABLES = (entities, events, quotes, places)
