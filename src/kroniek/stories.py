"""Story clusters: articles about the same happening, across outlets.

Two articles are linked when they are near-duplicates (wire copy, linked at ingest) or when their
title and lead are similar enough and their dates are close. Stories are the connected
components of these links.

Similarity is a weighted cosine over word stems of the title and lead, where a word's weight
falls with its general frequency in the language (``wordfreq`` Zipf scale): function words weigh
nothing, names and rare words most, numbers a fixed amount. A stem's weight also grows with the
logarithm of how often it occurs in the title and lead (sublinear term frequency): the names an
article keeps returning to (the suspect, the team, the coalition) say more about which happening
it covers than a name mentioned once in passing, and two reports of one happening share those
central names even when the rest of their wording differs. Weights do not depend on the rest of
the corpus, so a pair's similarity never changes when articles are added: assigning stories
incrementally (only new articles against their time window) gives the same clusters as a full
rebuild.

Ids and singletons: a story's id is a hash of its earliest member (by publication date, then
article id), so it is stable across runs. An article linked to no other keeps ``story`` null
(SCHEMA.md: "or null"); ``stories`` lists clusters of two or more articles.

Dates: a date of month precision covers the whole month, a year-only date the whole year; two
articles can be linked when their date ranges are at most ``WINDOW_DAYS`` apart. Undated
articles are compared only with other undated ones (near-duplicate links always count).
"""

from __future__ import annotations

import calendar
import hashlib
import math
import re
import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
import sqlalchemy as sa
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from kroniek.store import schema
from kroniek.store.database import Store

# lowest threshold whose pairwise precision on the bundled corpus groups with dates ignored
# (0.47) is no worse than the old max-weight rule's at its 0.26 (the F1-best point there moves
# between 0.33 and 0.40 with single pairs, too few to choose by)
SIMILARITY_THRESHOLD = 0.32
WINDOW_DAYS = 3  # largest gap between two articles' date ranges for a content link
LEAD_CHARS = 1000  # characters of body text compared (title + lead)
TITLE_BOOST = 1.5  # a title word counts this much more than a lead word (weight and count)
ZIPF_CEILING = 6.0  # words at least this frequent (Zipf scale) carry no weight
NUMBER_WEIGHT = 2.0  # weight of a number token ("70", "11,5")
MIN_WORD_CHARS = 3
VECTOR_DIMENSIONS = 1 << 22  # hashed stem space: collisions are negligible at this size
CHUNK_ROWS = 1000  # articles compared per sparse product
ID_CHUNK = 500  # ids per IN (...) list
STORY_ID_PREFIX = "story:"
STORY_ID_CHARS = 16
UNDATED = (-1, -1)
LANGUAGES = {"nl": "dutch", "en": "english", "fr": "french", "de": "german"}
WORD_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*")


# --- features -----------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer(LANGUAGES.get(language, "dutch"))


@lru_cache(maxsize=200_000)
def _word_weight(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    lang = language if language in LANGUAGES else "nl"
    return max(0.0, ZIPF_CEILING - zipf_frequency(word, lang))


def features(title: str | None, text: str, language: str | None = None) -> dict[int, float]:
    """Hashed stem -> weight for an article's title and lead: the stem's own weight (its
    largest, title words boosted) times ``1 + ln(count)``, title occurrences counting
    ``TITLE_BOOST`` each."""
    lang = language or "nl"
    stem = _stemmer(lang).stemWord
    weights: dict[int, float] = {}
    counts: dict[int, float] = {}
    for part, boost in ((title or "", TITLE_BOOST), (text[:LEAD_CHARS], 1.0)):
        for token in WORD_RE.findall(part):
            if token[0].isdigit():
                key, weight = "#" + token.replace(",", "."), NUMBER_WEIGHT
            else:
                word = token.lower()
                if len(word) < MIN_WORD_CHARS:
                    continue
                key, weight = stem(word), _word_weight(word, lang)
            if weight <= 0:
                continue
            index = zlib.crc32(key.encode()) % VECTOR_DIMENSIONS
            weights[index] = max(weights.get(index, 0.0), weight * boost)
            counts[index] = counts.get(index, 0.0) + boost
    return {i: w * (1.0 + math.log(max(1.0, counts[i]))) for i, w in weights.items()}


def vectors(rows: Iterable[dict[int, float]]) -> sparse.csr_matrix:
    """L2-normalised sparse rows (one per article), built compactly (int32/float32 arrays)."""
    indptr, indices, data = array("q", [0]), array("i"), array("f")
    for weights in rows:
        values = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
        norm = float(np.sqrt((values**2).sum())) or 1.0
        indices.extend(weights.keys())
        data.extend((values / norm).tolist())
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.frombuffer(data, dtype=np.float32), np.frombuffer(indices, dtype=np.int32),
         np.frombuffer(indptr, dtype=np.int64)),
        shape=(len(indptr) - 1, VECTOR_DIMENSIONS),
    )  # fmt: skip


def date_range(published: str | None) -> tuple[int, int]:
    """First and last day (proleptic ordinals) an ISO date at any precision can mean."""
    if not published or len(published) < 4 or not published[:4].isdigit():
        return UNDATED
    try:
        year = int(published[:4])
        if len(published) < 7:
            return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        month = int(published[5:7])
        if len(published) < 10:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).toordinal(), date(year, month, last).toordinal()
        day = date(year, month, int(published[8:10])).toordinal()
        return day, day
    except ValueError:
        return UNDATED


# --- linking ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Candidate:
    id: str
    published: str | None
    span: tuple[int, int]
    story: str | None


@dataclass(slots=True)
class Linker:
    """Articles with their vectors and date ranges; finds similar pairs within the window."""

    candidates: list[Candidate]
    matrix: sparse.csr_matrix
    first: np.ndarray = field(init=False)
    last: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.first = np.array([c.span[0] for c in self.candidates], dtype=np.int64)
        self.last = np.array([c.span[1] for c in self.candidates], dtype=np.int64)

    def links(self, rows: list[int], threshold: float = SIMILARITY_THRESHOLD) -> Links:
        """Similar, close-dated pairs with one side in ``rows``, reduced to a spanning forest.

        Only connectivity matters for stories, so each chunk's links are replaced by one link
        from every linked article to its component's representative: the kept links grow with
        the number of articles, not with the (possibly quadratic) number of similar pairs.
        """
        order = sorted(rows, key=lambda i: (self.first[i], i))
        is_row = np.zeros(len(self.candidates), dtype=bool)
        is_row[rows] = True
        found = Links()
        for start in range(0, len(order), CHUNK_ROWS):
            chunk = np.array(order[start : start + CHUNK_ROWS], dtype=np.int64)
            firsts, seconds = self._chunk_pairs(chunk, is_row, threshold)
            found.pairs += len(firsts)
            found.add_forest(firsts, seconds)
        return found

    def _chunk_pairs(
        self, chunk: np.ndarray, is_row: np.ndarray, threshold: float
    ) -> tuple[np.ndarray, np.ndarray]:
        dated = self.first[chunk] >= 0
        low = self.first[chunk][dated].min(initial=np.iinfo(np.int64).max) - WINDOW_DAYS
        high = self.last[chunk][dated].max(initial=np.iinfo(np.int64).min) + WINDOW_DAYS
        near = (self.first <= high) & (self.last >= low) & (self.first >= 0)
        if not dated.all():
            near |= self.first < 0
        columns = np.flatnonzero(near)
        if not len(columns):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        products = (self.matrix[chunk] @ self.matrix[columns].T).tocoo()
        keep = products.data >= threshold
        firsts, seconds = chunk[products.row[keep]], columns[products.col[keep]]
        # each pair once (pairs of two rows are kept from the lower index), and close in time
        wanted = (firsts != seconds) & ~(is_row[seconds] & (seconds < firsts))
        wanted &= self._close(firsts, seconds)
        return firsts[wanted], seconds[wanted]

    def _close(self, firsts: np.ndarray, seconds: np.ndarray) -> np.ndarray:
        undated_first, undated_second = self.first[firsts] < 0, self.first[seconds] < 0
        gap = np.maximum(self.first[firsts], self.first[seconds]) - np.minimum(
            self.last[firsts], self.last[seconds]
        )
        either = undated_first | undated_second
        return np.where(either, undated_first & undated_second, gap <= WINDOW_DAYS)


@dataclass(slots=True)
class Links:
    """Links between candidate indices that connect the same articles as the similar pairs."""

    pairs: int = 0  # similar pairs found
    edges: list[tuple[int, int]] = field(default_factory=list)

    def add_forest(self, firsts: np.ndarray, seconds: np.ndarray) -> None:
        if not len(firsts):
            return
        nodes, local = np.unique(np.concatenate([firsts, seconds]), return_inverse=True)
        graph = sparse.coo_matrix(
            (np.ones(len(firsts)), (local[: len(firsts)], local[len(firsts) :])),
            shape=(len(nodes), len(nodes)),
        )
        _count, labels = connected_components(graph, directed=False)
        representative: dict[int, int] = {}
        for node, label in zip(nodes.tolist(), labels.tolist(), strict=True):
            root = representative.setdefault(label, node)
            if root != node:
                self.edges.append((root, node))


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for item in self.parent:
            found.setdefault(self.find(item), []).append(item)
        return found


def story_id(members: Iterable[Candidate]) -> str:
    """Stable id: hash of the earliest member (publication date, then id; undated last)."""
    earliest = min(members, key=lambda c: (c.span[0] < 0, c.span[0], c.id))
    digest = hashlib.sha1(earliest.id.encode()).hexdigest()[:STORY_ID_CHARS]
    return STORY_ID_PREFIX + digest


@dataclass(frozen=True, slots=True)
class Unstored:
    """An article outside any store, as ``stories_of`` compares it."""

    id: str
    published: str | None
    title: str | None
    text: str
    language: str | None = None


def stories_of(articles: Iterable[Unstored]) -> dict[str, str]:
    """Story ids of articles held outside a store (``kroniek analyze``): the same content links
    as ``assign_stories`` makes (no wire-copy links: those are found at ingest). Articles in no
    story are left out. An id seen twice is one article."""
    candidates: list[Candidate] = []
    seen: set[str] = set()

    def weights() -> Iterator[dict[int, float]]:
        for article in articles:
            if article.id in seen:
                continue
            seen.add(article.id)
            candidates.append(
                Candidate(article.id, article.published, date_range(article.published), None)
            )
            yield features(article.title, article.text[:LEAD_CHARS], article.language)

    matrix = vectors(weights())
    if len(candidates) < 2:
        return {}
    groups = UnionFind()
    for i, j in Linker(candidates, matrix).links(list(range(len(candidates)))).edges:
        groups.union(candidates[i].id, candidates[j].id)
    known = {c.id: c for c in candidates}
    found: dict[str, str] = {}
    for member_ids in groups.groups().values():
        story = story_id(known[i] for i in member_ids)
        found.update((i, story) for i in member_ids)
    return found


# --- the store --------------------------------------------------------------------------------


@dataclass(slots=True)
class StorySummary:
    compared: int = 0  # articles whose links were (re)computed
    links: int = 0  # content links found
    wire_links: int = 0  # near-duplicate links used
    stories: int = 0  # clusters of two or more articles touched
    changed: int = 0  # articles whose story id changed


def _load(
    store: Store, where: list[sa.ColumnElement[bool]]
) -> tuple[list[Candidate], sparse.csr_matrix]:
    """Candidates and their vectors, features computed while streaming (none kept as dicts)."""
    a = schema.articles
    query = sa.select(
        a.c.id, a.c.title, sa.func.substr(a.c.text, 1, LEAD_CHARS).label("lead"), a.c.language,
        a.c.published, a.c.story,
    ).where(*where).order_by(a.c.id)  # fmt: skip
    candidates: list[Candidate] = []

    def weights() -> Iterator[dict[int, float]]:
        with store.engine.connect() as connection:
            for row in connection.execution_options(yield_per=CHUNK_ROWS).execute(query):
                candidates.append(
                    Candidate(row.id, row.published, date_range(row.published), row.story)
                )
                yield features(row.title, row.lead or "", row.language)

    matrix = vectors(weights())
    return candidates, matrix


def _new_ids(store: Store, since: str | None) -> set[str] | None:
    """Ids ingested at or after ``since``; None means every article."""
    if since is None:
        return None
    a = schema.articles
    with store.engine.connect() as connection:
        return set(connection.execute(sa.select(a.c.id).where(a.c.ingested_at >= since)).scalars())


def _window_filter(store: Store, since: str) -> list[sa.ColumnElement[bool]]:
    """Articles whose dates may fall in the window of an article ingested since ``since``."""
    a = schema.articles
    with store.engine.connect() as connection:
        low, high = connection.execute(
            sa.select(sa.func.min(a.c.published), sa.func.max(a.c.published))
            .where(a.c.ingested_at >= since)
        ).one()  # fmt: skip
    first, last = date_range(low), date_range(high)
    if first == UNDATED or last == UNDATED:
        return []  # no usable bounds: compare with everything
    # ISO strings compare as text: from the month of the window's first day (which also keeps
    # month-precision dates) to its last day; year-only dates are matched on the year
    low = date.fromordinal(first[0] - WINDOW_DAYS)
    high = date.fromordinal(last[1] + WINDOW_DAYS)
    in_window = sa.and_(a.c.published >= f"{low:%Y-%m}", a.c.published <= f"{high:%Y-%m-%d}~")
    in_years = sa.and_(
        sa.func.length(a.c.published) == len("YYYY"),
        a.c.published >= f"{low:%Y}",
        a.c.published <= f"{high:%Y}",
    )
    return [sa.or_(a.c.published.is_(None), in_window, in_years)]


def _near_duplicate_pairs(store: Store, ids: set[str] | None) -> list[tuple[str, str]]:
    nd = schema.near_duplicates
    query = sa.select(nd.c.article_id, nd.c.other_id)
    with store.engine.connect() as connection:
        if ids is None:
            return [(r[0], r[1]) for r in connection.execute(query)]
        pairs: set[tuple[str, str]] = set()
        wanted = sorted(ids)
        for start in range(0, len(wanted), ID_CHUNK):
            chunk = wanted[start : start + ID_CHUNK]
            rows = connection.execute(
                query.where(sa.or_(nd.c.article_id.in_(chunk), nd.c.other_id.in_(chunk)))
            )
            pairs.update((r[0], r[1]) for r in rows)
        return sorted(pairs)


def _members(store: Store, column: sa.Column[Any], values: set[str]) -> list[Candidate]:
    """Articles (without text) whose ``column`` is one of ``values``."""
    a = schema.articles
    found: list[Candidate] = []
    wanted = sorted(values)
    with store.engine.connect() as connection:
        for start in range(0, len(wanted), ID_CHUNK):
            rows = connection.execute(
                sa.select(a.c.id, a.c.published, a.c.story)
                .where(column.in_(wanted[start : start + ID_CHUNK]))
            )  # fmt: skip
            found.extend(
                Candidate(r.id, r.published, date_range(r.published), r.story) for r in rows
            )
    return found


def assign_stories(store: Store, since: str | None = None) -> StorySummary:
    """Compute story clusters and store them in ``articles.story``.

    ``since`` (an ``ingested_at`` timestamp, e.g. the start of an ingest run) links only the
    articles ingested from then on, against every stored article in their time window; they join
    (and may merge) existing stories. Without it, all stories are rebuilt from scratch.
    """
    new_ids = _new_ids(store, since)
    summary = StorySummary()
    if new_ids is not None and not new_ids:
        return summary
    where = [] if since is None else _window_filter(store, since)
    candidates, matrix = _load(store, where)
    index = {c.id: i for i, c in enumerate(candidates)}
    linker = Linker(candidates, matrix)
    targets = (
        list(range(len(candidates)))
        if new_ids is None
        else [index[i] for i in new_ids if i in index]
    )
    summary.compared = len(targets)
    groups = UnionFind()
    for i in targets:
        groups.find(candidates[i].id)
    links = linker.links(targets)
    summary.links = links.pairs
    for i, j in links.edges:
        groups.union(candidates[i].id, candidates[j].id)
    for first, second in _near_duplicate_pairs(store, new_ids):
        groups.union(first, second)
        summary.wire_links += 1
    known = {c.id: c for c in candidates}
    if new_ids is not None:
        outside = set(groups.parent) - known.keys()  # wire copies beyond the window
        known.update((c.id, c) for c in _members(store, schema.articles.c.id, outside))
        _merge_existing(store, groups, known)
    updates = _story_updates(groups, known, summary, full=new_ids is None)
    _write(store, updates)
    summary.changed = len(updates)
    return summary


def _merge_existing(store: Store, groups: UnionFind, known: dict[str, Candidate]) -> None:
    """Keep existing stories whole: every member of a touched story joins its component."""
    touched = {known[i].story for i in list(groups.parent) if i in known and known[i].story}
    for member in _members(store, schema.articles.c.story, {s for s in touched if s}):
        known.setdefault(member.id, member)
        groups.union(member.id, STORY_ID_PREFIX + "node:" + (member.story or ""))


def _story_updates(
    groups: UnionFind, known: dict[str, Candidate], summary: StorySummary, full: bool
) -> list[dict[str, str | None]]:
    updates: list[dict[str, str | None]] = []
    for members_ids in groups.groups().values():
        members = [known[i] for i in members_ids if i in known]
        story = story_id(members) if len(members) > 1 else None
        if story is not None:
            summary.stories += 1
        updates.extend({"member": m.id, "story": story} for m in members if m.story != story)
    if full:  # articles left out of every group lose any old story id
        grouped = set(groups.parent)
        updates.extend({"member": c.id, "story": None} for c in known.values()
                       if c.id not in grouped and c.story is not None)  # fmt: skip
    return updates


def _write(store: Store, updates: list[dict[str, str | None]]) -> None:
    if not updates:
        return
    a = schema.articles
    statement = (
        a.update().where(a.c.id == sa.bindparam("member")).values(story=sa.bindparam("story"))
    )
    with store.engine.begin() as connection:
        for start in range(0, len(updates), ID_CHUNK):
            connection.execute(statement, updates[start : start + ID_CHUNK])


def story_clusters(
    store: Store, min_size: int = 2, limit: int | None = None
) -> list[dict[str, Any]]:
    """Stored stories of at least ``min_size`` articles, largest (then earliest) first.

    Each: ``id``, ``size``, ``outlets``, ``first``/``last`` publication date, and ``articles``
    (id, url, source_file, outlet, published, title, ``wire`` and the wire ``agency`` when the
    article is a near-duplicate of another member).
    """
    a, nd = schema.articles, schema.near_duplicates
    query = (
        sa.select(a.c.id, a.c.url, a.c.source_file, a.c.outlet, a.c.published, a.c.title, a.c.story)
        .where(a.c.story.is_not(None)).order_by(a.c.story, a.c.published, a.c.id)
    )  # fmt: skip
    by_story: dict[str, list[dict[str, Any]]] = {}
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            member = dict(row._mapping)
            by_story.setdefault(member.pop("story"), []).append(member)
        story_of = {m["id"]: s for s, ms in by_story.items() for m in ms}
        wire: dict[str, str | None] = {}
        links = connection.execute(sa.select(nd.c.article_id, nd.c.other_id, nd.c.agency))
        for first, second, agency in links:
            if story_of.get(first) and story_of.get(first) == story_of.get(second):
                for member in (first, second):
                    wire[member] = wire.get(member) or agency
    clusters: list[dict[str, Any]] = []
    for story, members in by_story.items():
        if len(members) < min_size:
            continue
        for member in members:
            member["wire"] = member["id"] in wire
            member["agency"] = wire.get(member["id"])
        dates = [m["published"] for m in members if m["published"]]
        clusters.append({
            "id": story, "size": len(members),
            "outlets": sorted({m["outlet"] for m in members if m["outlet"]}),
            "first": min(dates, default=None), "last": max(dates, default=None),
            "title": next((m["title"] for m in members if m["title"]), None),
            "articles": members,
        })  # fmt: skip
    clusters.sort(key=lambda c: (-int(c["size"]), c["first"] or "~", c["id"]))
    return clusters if limit is None else clusters[:limit]


# --- measuring ----------------------------------------------------------------------------------


@dataclass(slots=True)
class ClusterScores:
    precision: float  # pairwise: linked pairs that share a gold group
    recall: float  # pairwise: gold pairs that are linked
    f1: float
    purity: float
    inverse_purity: float  # completeness
    predicted_pairs: int
    gold_pairs: int


def _pairs(assignment: dict[str, str | None]) -> set[tuple[str, str]]:
    by_group: dict[str, list[str]] = {}
    for item, group in assignment.items():
        if group is not None:
            by_group.setdefault(group, []).append(item)
    return {(x, y) for items in by_group.values() for x in items for y in items if x < y}


def _purity(clusters: dict[str, str | None], classes: dict[str, str | None]) -> float:
    """Share of items whose cluster's majority class is theirs (singletons are own clusters)."""
    members: dict[str, list[str]] = {}
    for item, cluster in clusters.items():
        members.setdefault(cluster if cluster is not None else "\0" + item, []).append(item)
    hits = 0
    for items in members.values():
        labels = [classes.get(i) or "\0" + i for i in items]
        hits += max(labels.count(label) for label in set(labels))
    return hits / len(clusters) if clusters else 1.0


def cluster_scores(predicted: dict[str, str | None], gold: dict[str, str | None]) -> ClusterScores:
    """Pairwise precision/recall/F1, purity and inverse purity of clusters over the same items.

    Both map item -> cluster (None for an item that belongs to no cluster).
    """
    found, wanted = _pairs(predicted), _pairs(gold)
    both = len(found & wanted)
    precision = both / len(found) if found else 1.0
    recall = both / len(wanted) if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ClusterScores(
        precision, recall, f1, _purity(predicted, gold), _purity(gold, predicted),
        len(found), len(wanted),
    )  # fmt: skip
