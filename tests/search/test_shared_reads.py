"""Reads from the index shared by the worker processes of a server (``search.shared_reads``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from kroniek import search
from kroniek.search import docsets, postings
from kroniek.search.shared_reads import SharedMasks, SharedPostings
from kroniek.store import Batch, Store
from kroniek.store.search_index import Match
from kroniek.store.shared_cache import FILE_NAME
from tests.store.corpus import WORDS, articles


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store.open(url) as store:
        store.write_batch(Batch(articles=articles(120)))
    yield url


def _worker(url: str, shared: Path) -> Store:
    """A store as one worker process of ``kroniek serve --workers N`` holds it."""
    store = Store.open(url)
    store.shared_postings = SharedPostings(shared)
    store.shared_masks = SharedMasks(shared)
    assert store.columns() is not None
    return store


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    read: list[object] = []
    real = postings.sql_scores

    def counting(connection: object, text: object) -> postings.Postings:
        read.append(text)
        return real(connection, text)  # type: ignore[arg-type]

    monkeypatch.setattr(postings, "sql_scores", counting)
    return read


def test_a_phrase_read_by_one_worker_is_not_read_again_by_another(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _reads(monkeypatch)
    query = f"{WORDS[0]} actor:RUS"  # with a field, the word's postings are read at once
    first, second = _worker(db, tmp_path / FILE_NAME), _worker(db, tmp_path / FILE_NAME)
    with first, second:
        answer = search.search(first, query)
        assert read == [Match((WORDS[0],))]
        again = search.search(second, query)
        assert read == [Match((WORDS[0],))]  # taken from the file, not from the index
    assert [(hit.id, hit.score) for hit in again.hits] == [
        (hit.id, hit.score) for hit in answer.hits
    ]
    assert answer.total == again.total > 0


def test_shared_postings_come_back_bit_for_bit(db: str, tmp_path: Path) -> None:
    with Store.open(db) as store, store.engine.connect() as connection:
        found = postings.sql_scores(connection, Match((WORDS[1],)))
    shared = SharedPostings(tmp_path / FILE_NAME)
    shared.put(("generation", 1), Match((WORDS[1],)), found)
    back = shared.get(("generation", 1), Match((WORDS[1],)))
    assert back is not None
    assert back[0].dtype == np.int32 and np.array_equal(back[0], found[0])
    assert back[1].tobytes() == found[1].tobytes()
    assert shared.get(("generation", 2), Match((WORDS[1],))) is None  # another state
    assert shared.get(("generation", 1), Match((WORDS[1],), column="title")) is None


def test_a_change_to_the_database_is_not_answered_from_shared_postings(
    db: str, tmp_path: Path
) -> None:
    first, second = _worker(db, tmp_path / FILE_NAME), _worker(db, tmp_path / FILE_NAME)
    query = f"{WORDS[2]} actor:RUS"
    with first, second:
        before = search.search(first, query).total
        first.write_batch(Batch(articles=articles(160)[120:]))  # more articles with the word
        second.columns()
        after = search.search(second, query).total
    assert after > before


def test_a_field_read_by_one_worker_is_not_read_again_by_another(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[object] = []
    for name in ("docids_of", "article_ids_of"):  # the two ways a mask is read
        real = getattr(docsets, name)

        def counting(connection: object, select: object, real: object = real) -> object:
            read.append(select)
            return real(connection, select)  # type: ignore[operator]

        monkeypatch.setattr(docsets, name, counting)
    first, second = _worker(db, tmp_path / FILE_NAME), _worker(db, tmp_path / FILE_NAME)
    query = "actor:RUS OR type:PROTEST"
    with first, second:
        answer = search.search(first, query)
        assert len(read) == 2  # one read per field
        again = search.search(second, query)
        assert len(read) == 2
    assert [hit.id for hit in again.hits] == [hit.id for hit in answer.hits]
    assert answer.total == again.total > 0


def test_a_shared_mask_of_other_columns_is_not_taken(tmp_path: Path) -> None:
    masks = SharedMasks(tmp_path / FILE_NAME)
    node = search.parse("actor:RUS")
    mask = np.zeros(20, dtype=np.bool_)
    mask[[1, 7, 19]] = True
    masks.put(3, node, mask)
    back = masks.get(3, node, 20)
    assert back is not None and np.array_equal(back, mask)
    assert masks.get(3, node, 40) is None  # columns of another size
    assert masks.get(4, node, 20) is None  # another state


def test_a_word_another_worker_has_read_is_ranked_from_its_postings_at_once(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kroniek.search import engine

    in_sql: list[object] = []
    real = engine._selects

    def counting(*args: object, **kwargs: object) -> object:
        in_sql.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_selects", counting)
    first, second = _worker(db, tmp_path / FILE_NAME), _worker(db, tmp_path / FILE_NAME)
    with first, second:
        search.search(first, f"{WORDS[3]} actor:RUS")  # reads the word's postings
        assert in_sql == []
        alone = search.search(second, WORDS[3])  # a first asking here: no windowed SQL
        assert in_sql == []
        assert alone.total > 0


def test_a_word_asked_for_once_in_each_of_two_workers_is_read_at_the_second_asking(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _reads(monkeypatch)
    first, second = _worker(db, tmp_path / FILE_NAME), _worker(db, tmp_path / FILE_NAME)
    with first, second:
        search.search(first, WORDS[4])  # a first asking: the windowed SQL
        assert read == []
        search.search(second, WORDS[4])  # the server's second: worth reading
        assert read == [Match((WORDS[4],))]


def test_askings_count_anew_at_another_state(tmp_path: Path) -> None:
    shared = SharedPostings(tmp_path / FILE_NAME)
    phrase = Match((WORDS[5],))
    assert [shared.ask(1, phrase) for _ in range(3)] == [0, 1, 2]
    assert shared.ask(2, phrase) == 0
    assert shared.ask(2, Match((WORDS[6],))) == 0
