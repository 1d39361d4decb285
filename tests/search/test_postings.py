"""Text queries answered from their phrases' postings give FTS5's own matches and scores."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator

import numpy as np
import pytest

from kroniek.search import postings
from kroniek.store import Batch, Store
from kroniek.store.search_index import AllOf, AnyOf, Match, TextQuery
from tests.store.corpus import WORDS, articles

PHRASES = (
    [Match((word,)) for word in WORDS[:8]]
    + [
        Match((WORDS[0], WORDS[1])),  # a phrase of two words
        Match((WORDS[2][:3],), prefix=True),
        Match((WORDS[3],), column="title"),
        Match((WORDS[4],), column="body"),
    ]
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    url = f"sqlite:///{tmp_path_factory.mktemp('postings') / 'store.db'}"
    with Store.open(url) as opened:
        opened.write_batch(Batch(articles=articles(200)))
        assert opened.columns() is not None
        yield opened


def random_query(rng: random.Random, depth: int = 0) -> TextQuery:
    roll = rng.random()
    if depth >= 2 or roll < 0.4:
        return rng.choice(PHRASES)
    parts = tuple(random_query(rng, depth + 1) for _ in range(rng.randint(1, 3)))
    if roll < 0.7:
        excluded = tuple(rng.choice(PHRASES) for _ in range(rng.randint(0, 2)))
        return AllOf(parts, excluded)
    return AnyOf(parts)


def test_phrases_come_in_fts5_order() -> None:
    a, b, c, d = (Match((word,)) for word in "abcd")
    query = AllOf((a, AnyOf((b, a))), (c, d))
    assert postings.phrases(query) == [a, b, a, c, d]


def test_combined_postings_equal_fts5_bit_for_bit(store: Store) -> None:
    columns = store.columns()
    assert columns is not None
    rng = random.Random(11)
    queries = [random_query(rng) for _ in range(400)]
    combined = [query for query in queries if postings.decomposable(query)]
    with store.engine.connect() as connection:
        for query in combined:
            docids, scores = postings.combine(
                query,
                {p: postings.postings(connection, columns, p) for p in postings.phrases(query)},
                columns.size,
            )
            want_docids, want_scores = postings.sql_scores(connection, query)
            assert np.array_equal(docids, want_docids), query
            assert np.array_equal(scores, want_scores), query  # exact, not approximately
        found = [len(postings.evaluate(connection, columns, query)[0]) for query in combined]
    assert len(combined) > 250 and sum(count > 0 for count in found) > 100


def test_matches_equal_fts5_for_every_query(store: Store) -> None:
    """Masks are exact for queries whose scores FTS5 computes itself (NOT inside OR)."""
    columns = store.columns()
    assert columns is not None
    rng = random.Random(12)
    queries = [q for q in (random_query(rng) for _ in range(400)) if not postings.decomposable(q)]
    with store.engine.connect() as connection:
        for query in queries:
            for phrase in postings.phrases(query):
                postings.postings(connection, columns, phrase)
            mask = postings.kept_mask(columns, query)
            assert mask is not None
            want_docids, _scores = postings.sql_scores(connection, query)
            assert np.array_equal(np.flatnonzero(mask), want_docids), query
    assert len(queries) > 30


def test_not_inside_or_is_not_decomposed() -> None:
    a, b, c = (Match((word,)) for word in "abc")
    assert postings.decomposable(AllOf((a, AnyOf((b, c))), (c,)))
    assert postings.decomposable(AnyOf((a, AllOf((b, c)))))
    assert not postings.decomposable(AnyOf((a, AllOf((b,), (c,)))))
    assert not postings.decomposable(AllOf((AnyOf((a, AllOf((b,), (c,)))),)))


def test_kept_masks_need_every_phrase(store: Store) -> None:
    columns = store.columns()
    assert columns is not None
    unread = AllOf((Match(("nooitgezien",)), PHRASES[0]))
    assert postings.kept_mask(columns, unread) is None
    query = AnyOf((PHRASES[0], AllOf((PHRASES[1],), (PHRASES[2],))))
    with store.engine.connect() as connection:
        docids, _scores = postings.evaluate(connection, columns, query)
    mask = postings.kept_mask(columns, query)
    assert mask is not None
    assert np.array_equal(np.flatnonzero(mask), docids)


def test_askings_are_counted_per_state(store: Store) -> None:
    columns = store.columns()
    assert columns is not None
    phrase = Match(("zeldzaam",))
    assert [postings.ask(columns, phrase) for _ in range(3)] == [0, 1, 2]
    assert postings.ask(dataclasses.replace(columns, marker="another state"), phrase) == 0
