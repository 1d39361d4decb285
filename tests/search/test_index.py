"""The full-text index: filled on insert, once per article, and by migration for old stores."""

from __future__ import annotations

import sqlalchemy as sa

from kroniek.search import analysis, matching_ids
from kroniek.store import Store, migrations, search_index
from tests.search.corpus import ARTICLES, load


def _indexed(store: Store) -> int:
    docs = search_index.pg_docs if store.backend == "postgresql" else search_index.sqlite_docs
    with store.engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(docs)).scalar() or 0)


def test_analysis_folds_accents_and_stems_dutch() -> None:
    assert analysis.terms("Israël AANVALLEN café") == ["israel", "aanval", "cafe"]
    assert analysis.terms("aanval") == analysis.terms("aanvallen")
    assert analysis.terms("e-mail_adres") == ["e", "mail", "adr"]  # Snowball stems "adres"
    assert analysis.document(None) == ""


def test_each_article_is_indexed_once(store: Store) -> None:
    load(store)
    load(store)  # a second run stores nothing new
    assert _indexed(store) == len(ARTICLES)


def test_migration_step_indexes_articles_stored_before_the_index(store: Store) -> None:
    load(store)
    with store.engine.begin() as connection:  # as if the articles predated the index
        tables = ["search_docs"] if store.backend == "postgresql" else ["search_fts", "search_docs"]
        for table in tables:
            connection.exec_driver_sql(f"DROP TABLE {table}")
    step = {number: function for number, _name, function in migrations.MIGRATIONS}[2]
    with store.engine.begin() as connection:
        step(connection)
    assert _indexed(store) == len(ARTICLES)
    assert matching_ids(store, "kattenbak") == ["a06"]
    with store.engine.begin() as connection:
        assert search_index.index_existing(connection) == 0  # nothing left to index


def test_text_queries_render_as_quoted_terms() -> None:
    query = search_index.AllOf(
        (search_index.Match(("de", "aanval")), search_index.Match(("kat",), True, "title")),
        (search_index.Match(("hond",), column="body"),),
    )
    assert search_index.render("sqlite", query) == (
        '(("de aanval" AND {title} : "kat" *) NOT {body} : "hond")'
    )
    assert search_index.render("postgresql", query) == (
        "(('de' <-> 'aanval') & ('t_kat':*) & !('hond':B))"
    )
