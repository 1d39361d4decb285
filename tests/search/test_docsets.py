"""A query as a docid mask (``docsets``) holds exactly the articles its SQL condition selects,
on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from kroniek.search import matching_ids, parse
from kroniek.search.docsets import mask
from kroniek.store import Batch, Store
from kroniek.store.columns import docs_table
from tests.search.test_search import SUITE

MORE = ["NOT outlet:nos.nl", "actor:RUS OR type:PROTEST", "(aanval OR storm) -date:2022",
        "byline:peeters OR israel", "-actor:RUS -aanval", "actor:(RUS OR NLD) date:2017..2023",
        "speaker:rutte", "entity:zelensky aanval", "title:israel -hamas", "aanval*"]  # fmt: skip


def _ids(store: Store, docids: list[int]) -> set[str]:
    docs = docs_table(store.backend)
    with store.engine.connect() as connection:
        rows = connection.execute(sa.select(docs.c.article_id).where(docs.c.docid.in_(docids)))
        return set(rows.scalars())


def test_masks_hold_the_articles_the_sql_condition_selects(corpus: Store) -> None:
    columns = corpus.columns()
    assert columns is not None
    for query in [*SUITE, *MORE]:
        with corpus.engine.connect() as connection:
            found = mask(connection, columns, parse(query))
        assert len(found) == columns.size
        docids = [int(docid) for docid in found.nonzero()[0]]
        assert _ids(corpus, docids) == set(matching_ids(corpus, query)), query


def test_masks_of_query_parts_are_kept_with_the_columns(corpus: Store) -> None:
    columns = corpus.columns()
    assert columns is not None
    before = len(columns.masks)
    with corpus.engine.connect() as connection:
        first = mask(connection, columns, parse("aanval actor:RUS"))
        kept = len(columns.masks)
        again = mask(connection, columns, parse("aanval actor:RUS"))
    assert kept > before and len(columns.masks) == kept  # the second time computes nothing
    assert (first == again).all()
    first[:] = False  # a caller's copy: what is kept does not change
    with corpus.engine.connect() as connection:
        assert mask(connection, columns, parse("aanval actor:RUS")).any()


def test_an_article_stored_after_the_columns_loaded_is_not_in_their_masks(tmp_path: Path) -> None:
    from tests.store.corpus import articles

    with Store.open(f"sqlite:///{tmp_path / 'k.db'}") as store:
        store.write_batch(Batch(articles=articles(40)))
        columns = store.columns()
        assert columns is not None
        store.write_batch(Batch(articles=articles(60)[40:]))  # more articles, actors included
        with store.engine.connect() as connection:
            found = mask(connection, columns, parse("actor:RUS"))
        assert len(found) == columns.size
        loaded = {columns.article_id[d] for d in found.nonzero()[0]}
        assert loaded and loaded <= set(columns.docid_of)  # the later ones are left out
