"""SQLite: a text query's matches and relevance scores, combined from its phrases' kept postings.

FTS5's ``bm25`` is a sum over the phrases of the query (each word, quoted phrase or prefix is
one): every phrase adds its own term, which depends on the phrase and the article only, and adds
0 where the phrase is absent or sits in a part of the query that did not match (a failed branch
of OR, the right of NOT). So once each phrase's postings (the articles holding it and its term
there) are kept, any query of those phrases, with AND, OR and NOT, is answered in numpy: the
matches from the phrases' masks, the scores by adding the counted terms in FTS5's order, which
gives FTS5's own numbers (``tests/search/test_postings.py`` compares them bit for bit).

That holds where every phrase FTS5 counts lies in a part of the query that matched. FTS5 counts
a phrase wherever its cursor stands on the row, and under an OR a part with NOT can leave a
cursor standing on a row the part did not match; such queries (``decomposable`` is False) are
scored by FTS5 itself, as a whole.

A phrase's postings are read from the index in full, which for a word found in most articles
costs several times a search that ranks only the most recent matches. So a query of words alone
reads them only for a phrase asked for before while the database was unchanged
(``ASKED_BEFORE_READING``): phrases users repeat are then answered from memory, one-off words
still go to SQL. Everything is kept with the columns (``kroniek.store.columns``), so a change
to the database starts again.

A server answers its read requests one at a time on an event loop, so one long read holds up
every request behind it. There, reads are put off (``reads_put_off``): a search that needs
postings not read yet raises ``ReadFirst``, whose ``pieces`` read them some rows at a time
(``read_in_pieces``), so that the server can answer other requests between two pieces; then the
search is asked again (``kroniek.api.turns``).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Hashable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import sqlalchemy as sa

from kroniek.store import search_index
from kroniek.store.columns import Columns, Mask
from kroniek.store.search_index import AllOf, AnyOf, Match, TextQuery

DocIds = npt.NDArray[np.int32]
Scores = npt.NDArray[np.float64]
Postings = tuple[DocIds, Scores]  # docids ascending, and the score of each
ASKED_BEFORE_READING = 1  # a words-only query reads a phrase's postings on its second asking
PIECE_ROWS = 1024  # rows per piece of a read in pieces (about 1 ms for a word in all articles)

_putting_off: ContextVar[bool] = ContextVar("putting_off_reads", default=False)


def phrases(text: TextQuery) -> list[Match]:
    """The phrases of ``text`` in the order FTS5 numbers them (the order of its rendering:
    parts, then excluded parts)."""
    if isinstance(text, Match):
        return [text]
    parts = text.parts if isinstance(text, AnyOf) else (*text.parts, *text.excluded)
    return [phrase for part in parts for phrase in phrases(part)]


def decomposable(text: TextQuery, under_or: bool = False) -> bool:
    """Whether ``combine`` gives FTS5's scores for ``text``: no NOT inside an OR."""
    if isinstance(text, Match):
        return True
    if isinstance(text, AnyOf):
        return all(decomposable(part, True) for part in text.parts)
    if text.excluded and under_or:
        return False
    return all(decomposable(part, under_or) for part in text.parts)


def sql_scores(connection: sa.Connection, text: TextQuery) -> Postings:
    """Every match of ``text`` and its score, from FTS5 (in docid order)."""
    return _postings_of(
        connection.execute(search_index.scored_matches("sqlite", text)).cursor.fetchall()
    )


def _postings_of(rows: Sequence[Any]) -> Postings:
    """Postings from (docid, score) rows."""
    pairs = np.array(rows, dtype=np.float64).reshape(-1, 2)
    order = np.argsort(pairs[:, 0], kind="stable")
    return pairs[order, 0].astype(np.int32), pairs[order, 1].copy()  # docids in 4 bytes


def ask(columns: Columns, phrase: Match, shared: Shared | None = None) -> int:
    """Count one asking for ``phrase`` at the columns' state (by every process of the server,
    through ``shared``); the number of earlier ones."""
    if shared is not None and (before := shared.ask(columns.marker, phrase)) is not None:
        return before
    counter: list[int] = columns.askings.get(columns.marker, phrase, lambda: [0])
    before = counter[0]
    counter[0] += 1  # two threads may count one asking: a phrase is then read a little early
    return before


def _key(phrase: Match) -> tuple[str, Match]:
    return ("phrase", phrase)


def kept_postings(columns: Columns, phrase: Match) -> Postings | None:
    kept: Postings | None = columns.scores.peek(columns.marker, _key(phrase))
    return kept


class Shared(Protocol):
    """Postings kept by the other processes of a server too (``shared_reads.SharedPostings``)."""

    def get(self, marker: Hashable, phrase: Match) -> Postings | None: ...

    def put(self, marker: Hashable, phrase: Match, found: Postings) -> None: ...

    def ask(self, marker: Hashable, phrase: Match) -> int | None: ...


class ReadFirst(Exception):
    """Raised where reads are put off (``reads_put_off``) by a search that needs postings not
    read yet. ``pieces()`` reads and keeps them, yielding between two pieces of the read; the
    search then finds them. ``key`` names the read: one in progress serves all who want it."""

    def __init__(self, key: Hashable, pieces: Callable[[], Generator[None]]) -> None:
        super().__init__("postings to read first")
        self.key = key
        self.pieces = pieces


@contextmanager
def reads_put_off() -> Iterator[None]:
    """Within: ``postings`` raises ``ReadFirst`` instead of reading."""
    token = _putting_off.set(True)
    try:
        yield
    finally:
        _putting_off.reset(token)


def postings(
    connection: sa.Connection, columns: Columns, phrase: Match, shared: Shared | None = None
) -> Postings:
    """The postings of ``phrase`` at the columns' state, read once and kept (and taken from,
    and given to, the other processes of the server through ``shared``)."""

    def read() -> Postings:
        found = shared.get(columns.marker, phrase) if shared is not None else None
        if found is None:
            if _putting_off.get():
                engine = connection.engine
                raise ReadFirst(
                    (columns.marker, phrase),
                    lambda: read_in_pieces(engine, columns, phrase, shared),
                )
            found = sql_scores(connection, phrase)
            if shared is not None:
                shared.put(columns.marker, phrase, found)
        return found

    kept: Postings = columns.scores.get(columns.marker, _key(phrase), read)
    return kept


def read_in_pieces(
    engine: sa.Engine, columns: Columns, phrase: Match, shared: Shared | None = None
) -> Generator[None]:
    """Read the postings of ``phrase`` ``PIECE_ROWS`` at a time, yielding after each piece,
    and keep them as ``postings`` does. The pieces are fetched from one statement, so they
    see one state of the database, and FTS5 counts the phrase's matches for ``bm25`` once."""
    if kept_postings(columns, phrase) is not None:
        return
    found = shared.get(columns.marker, phrase) if shared is not None else None
    if found is None:
        rows: list[Any] = []
        with engine.connect() as connection:
            cursor = connection.execute(search_index.scored_matches("sqlite", phrase)).cursor
            while piece := cursor.fetchmany(PIECE_ROWS):
                rows.extend(piece)
                yield
        found = _postings_of(rows)
        if shared is not None:
            shared.put(columns.marker, phrase, found)
    read: Postings = found
    columns.scores.get(columns.marker, _key(phrase), lambda: read)


def worth_reading(columns: Columns, text: TextQuery, shared: Shared | None = None) -> bool:
    """Whether a query of words alone should be answered from postings: every phrase is kept
    already (here, or by another process of the server: then it is taken) or was asked for
    before at this state, here or by another process (each call counts as one asking)."""
    if not decomposable(text):
        return False
    wanted = [p for p in phrases(text) if not _kept(columns, p, shared)]
    earlier = [ask(columns, phrase, shared) for phrase in wanted]
    return all(count >= ASKED_BEFORE_READING for count in earlier)


def _kept(columns: Columns, phrase: Match, shared: Shared | None) -> bool:
    if kept_postings(columns, phrase) is not None:
        return True
    found = shared.get(columns.marker, phrase) if shared is not None else None
    if found is None:
        return False
    columns.scores.get(columns.marker, _key(phrase), lambda: found)
    return True


def _below(found: Postings, size: int) -> Postings:
    """The postings of docids below ``size`` (views: docids ascend)."""
    docids, scores = found
    end = int(np.searchsorted(docids, size))
    return (docids, scores) if end == len(docids) else (docids[:end], scores[:end])


def _masks(kept: dict[Match, Postings], size: int) -> dict[Match, Mask]:
    """Per phrase, a mask of the docids holding it (all below ``size``)."""
    masks = {}
    for phrase, (docids, _scores) in kept.items():
        found = np.zeros(size, dtype=np.bool_)
        found[docids] = True
        masks[phrase] = found
    return masks


def _matching(text: TextQuery, masks: dict[Match, Mask], size: int) -> Mask:
    if isinstance(text, Match):
        return masks[text]
    if isinstance(text, AnyOf):
        found = np.zeros(size, dtype=np.bool_)
        for part in text.parts:
            found |= _matching(part, masks, size)
        return found
    found = _matching(text.parts[0], masks, size).copy()
    for part in text.parts[1:]:
        found &= _matching(part, masks, size)
    for excluded in text.excluded:
        found &= ~_matching(excluded, masks, size)
    return found


def _add_scores(text: TextQuery, within: Mask, masks: dict[Match, Mask],
                kept: dict[Match, Postings], total: Scores) -> None:  # fmt: skip
    """Add to ``total`` the terms of the phrases of ``text`` that count in the articles of
    ``within`` (where ``text`` and every expression above it matched), in FTS5's order. A
    phrase counts only where every expression above it matched: FTS5 reports no instances from
    a branch of OR that failed, or from the right of a NOT."""
    if isinstance(text, Match):
        docids, scores = kept[text]  # all below len(within)
        counted = within[docids]
        total[docids[counted]] += scores[counted]
        return
    for part in text.parts:  # where all of an AND matched, each part did; of an OR, some
        inside = within if isinstance(text, AllOf) or isinstance(part, Match) else (
            within & _matching(part, masks, len(within)))  # fmt: skip
        _add_scores(part, inside, masks, kept, total)


def _flat_phrases(text: TextQuery) -> list[Match] | None:
    """The phrases of an AND or OR of phrases (an AND may exclude more: not listed), each of
    which counts in every match that holds it; None for other queries."""
    if not isinstance(text, AllOf | AnyOf):
        return None
    found = [part for part in text.parts if isinstance(part, Match)]
    return found if len(found) == len(text.parts) else None


def combine(text: TextQuery, kept: dict[Match, Postings], size: int) -> Postings:
    """The matches of ``text`` below ``size`` and their scores, from its phrases' postings."""
    if isinstance(text, Match):  # the commonest query: one word
        return _below(kept[text], size)
    kept = {phrase: _below(found, size) for phrase, found in kept.items()}
    masks = _masks(kept, size)
    found = _matching(text, masks, size)
    total = np.zeros(size, dtype=np.float64)
    flat = _flat_phrases(text)
    if size and flat is not None:  # each phrase counts in every match that holds it
        for phrase in flat:
            docids, scores = kept[phrase]
            total[docids] += scores  # FTS5's order; sums outside the matches are not read
    elif size:
        _add_scores(text, found, masks, kept, total)  # the same sums as FTS5's, bit for bit
    matched = np.flatnonzero(found)
    return matched.astype(np.int32), total[matched]


def evaluate(
    connection: sa.Connection, columns: Columns, text: TextQuery, shared: Shared | None = None
) -> Postings:
    """The matches of ``text`` and their scores at the columns' state (docids ascending),
    kept with the columns: the same words come back with other fields, dates and pages."""
    if isinstance(text, Match):
        return _below(postings(connection, columns, text, shared), columns.size)

    def compute() -> Postings:
        if not decomposable(text):
            return sql_scores(connection, text)
        kept = {phrase: postings(connection, columns, phrase, shared) for phrase in phrases(text)}
        return combine(text, kept, columns.size)

    found: Postings = columns.combined.get(columns.marker, text, compute)
    return found


def kept_mask(columns: Columns, text: TextQuery) -> Mask | None:
    """The articles matching ``text``, when every phrase's postings are kept; else None."""
    kept: dict[Match, Postings] = {}
    for phrase in phrases(text):
        found = kept_postings(columns, phrase)
        if found is None:
            return None
        kept[phrase] = found
    return _matching(text, _masks(kept, columns.size), columns.size) & columns.present
