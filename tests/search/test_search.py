"""Search over the corpus on SQLite and PostgreSQL: the same articles for the same query."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.errors import QueryError
from kroniek.search import matching_ids, search
from kroniek.store import Store, schema

# query -> the ids it must find, on either backend
SUITE: dict[str, set[str]] = {
    "aanval": {"a01", "a03", "a07", "a11"},
    "aanvallen": {"a01", "a03", "a07", "a11"},  # same stem
    "israel": {"a02", "a03"},  # "Israël" folded
    "Israël AND Hamas": {"a02"},
    '"de aanval"': {"a01", "a07"},  # "De aanvallen" and "de aanval"
    "kat*": {"a06"},
    "katten*": {"a06"},  # prefix of "kattenbak", stem of "katten"
    "title:israel": {"a02", "a03"},
    "text:rutte": {"a08"},
    'title:"sluit grens"': {"a03"},
    "title:aanval*": {"a11"},
    'text:"de aanval"': {"a01", "a07"},
    "title:(gent OR moskou)": {"a04", "a09"},
    "outlet:nos.nl": {"a01", "a05", "a11"},
    "outlet:NOS.nl aanval": {"a01", "a11"},
    "date:2017-12": {"a04", "a08", "a12"},
    "date:2017-12-01..2018-01-31": {"a04", "a06", "a08", "a12"},
    "date:2023": {"a02", "a03", "a09"},
    "date:..2018": {"a04", "a06", "a07", "a08", "a12"},
    "date:2023-10-01..2023-10-31": {"a03"},  # dated to the month, and all of it is inside
    "date:2023-10-05..2023-12-31": {"a02"},  # a03's month is only partly inside
    "outlet:nos* date:2019": {"a05"},
    "actor:RUS": {"a01", "a09"},  # code prefix: RUS and RUSGOV
    "actor:RUSGOV": {"a09"},
    'actor:"Mark Rutte"': {"a08"},
    "entity:poetin": {"a09"},
    "type:ASSAULT": {"a01"},
    "type:consult": {"a02", "a09"},
    "place:Moskou": {"a09"},
    'place:"Den Haag"': {"a05"},
    'speaker:"mark rutte"': {"a08"},
    "speaker:NLD": {"a08"},
    "agency:belga": {"a02", "a12"},
    "byline:peeters": {"a04"},
    "(rusland OR poetin) -charkiv": {"a09"},
    "date:2022 -charkiv": {"a11"},
    "israel OR outlet:vrt.be": {"a02", "a03", "a09"},
    "cafe": {"a13"},
    "protest*": {"a05"},
    '"nationale staking" OR title:begroting': {"a04", "a12"},
    "NOT aanval AND outlet:nos.nl": {"a05"},
    "storm NOT date:2000..2030": {"a10"},  # no date: not in any range
}


@pytest.mark.parametrize("query", sorted(SUITE))
def test_suite_finds_the_expected_articles(corpus: Store, query: str) -> None:
    result = search(corpus, query, limit=50)
    assert {hit.id for hit in result.hits} == SUITE[query]
    assert result.total == len(SUITE[query])
    assert set(matching_ids(corpus, query)) == SUITE[query]


def test_backends_agree_on_every_query(sqlite_corpus: Store, pg_corpus: Store) -> None:
    queries = [*SUITE, "aanval OR israel", "-aanval", "de", "title:aanval text:aanval"]
    for query in queries:
        assert matching_ids(sqlite_corpus, query) == matching_ids(pg_corpus, query), query
        sqlite_total = search(sqlite_corpus, query).total
        assert sqlite_total == search(pg_corpus, query).total, query


def test_ranking_puts_the_densest_article_first(corpus: Store) -> None:
    hits = search(corpus, "aanval").hits
    assert hits[0].id == "a11"  # in the title and three times in the text
    assert hits[0].score > hits[-1].score
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_title_hits_rank_above_text_hits(corpus: Store) -> None:
    hits = search(corpus, "israel").hits
    assert hits[0].id == "a03"  # "Israel" in a short title and text beats a longer article


def test_field_only_queries_sort_newest_first(corpus: Store) -> None:
    hits = search(corpus, "outlet:nos.nl").hits
    assert [hit.id for hit in hits] == ["a11", "a01", "a05"]
    assert all(hit.score == 0.0 for hit in hits)


def test_hits_carry_the_article_fields(corpus: Store) -> None:
    (hit,) = search(corpus, "stikstofbeleid").hits
    assert (hit.id, hit.title, hit.outlet, hit.published, hit.source_file) == (
        "a05",
        "Boeren protesteren in Den Haag",
        "nos.nl",
        "2019-10-01",
        "corpus.jsonl",
    )
    assert "<mark>stikstofbeleid</mark>" in hit.snippet
    assert set(hit.as_dict()) >= {"id", "url", "title", "outlet", "published", "source_file",
                                  "score", "snippet"}  # fmt: skip


def test_limit_and_offset_page_through_results(corpus: Store) -> None:
    everything = [hit.id for hit in search(corpus, "aanval", limit=10).hits]
    pages = [hit.id for offset in range(4) for hit in search(corpus, "aanval", 1, offset).hits]
    assert pages == everything
    assert search(corpus, "aanval", limit=2).total == 4


def test_snippet_of_untrusted_text_is_escaped(corpus: Store) -> None:
    (hit,) = search(corpus, "lezer").hits
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in hit.snippet
    assert "<mark>lezer</mark>" in hit.snippet
    assert "&amp;" in hit.snippet


def test_stemmed_hits_are_marked_in_their_own_form(corpus: Store) -> None:
    (hit,) = search(corpus, "title:rusland aanval").hits
    assert "<mark>aanvallen</mark>" in hit.snippet
    assert "<mark>aanval</mark>" in hit.snippet


AANVAL = {"a01", "a03", "a07", "a11"}
# query -> the ids it finds, or None for a QueryError: operators of SQL, FTS5 and tsquery are
# only text (or a parse error), never syntax
INJECTIONS: dict[str, set[str] | None] = {
    "'; DROP TABLE articles; --": None,  # ends in NOT with nothing after it
    "Robert'); DROP TABLE articles;--": None,
    '" OR 1=1 --': None,
    "a' OR 'a'='a": set(),
    'title:"x\') OR 1=1 --"': set(),
    "NEAR(aanval israel)": set(),
    "aanval:* | !": None,
    "{title} : aanval": set(),
    "^aanval": AANVAL,
    "aanval*:A": None,
}
FIELD_INJECTIONS = ["x' OR '1'='1", "%", "_", "\\", "'; DELETE FROM articles; --", "%' --"]


@pytest.mark.parametrize("query", sorted(INJECTIONS))
def test_injection_strings_are_only_text(corpus: Store, query: str) -> None:
    expected = INJECTIONS[query]
    if expected is None:
        with pytest.raises(QueryError):
            search(corpus, query)
    else:
        assert {hit.id for hit in search(corpus, query).hits} == expected
    assert corpus.count() == 13


@pytest.mark.parametrize("field", ["outlet", "byline", "agency", "actor", "entity", "type",
                                   "place", "speaker"])  # fmt: skip
def test_injection_in_field_values_matches_nothing(corpus: Store, field: str) -> None:
    for value in FIELD_INJECTIONS:
        quoted = value.replace('"', "")
        assert search(corpus, f'{field}:"{quoted}"').total == 0
    assert corpus.count() == 13


def test_malformed_queries_raise_query_error(corpus: Store) -> None:
    with pytest.raises(QueryError, match=r"found the end of the query \(at position 8\)"):
        search(corpus, "aanval (")


def test_new_articles_are_searchable_at_once(store: Store) -> None:
    from tests.search.corpus import load

    load(store)
    assert matching_ids(store, "vakbonden") == ["a12"]
    with store.engine.connect() as connection:
        articles = connection.execute(schema.articles.select()).all()
    assert len(articles) == 13


SEARCH_ALPHABET = st.sampled_from(
    [*'aé Ë09()"*-:.\'\\;%_{}^|!&<>', "AND", "OR", "NOT", "NEAR", "title:", "text:", "date:",
     "outlet:", "actor:", "aanval", "israel", "2017", "2017-12", ".."]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(SEARCH_ALPHABET, max_size=20).map("".join))
def test_any_query_runs_or_raises_query_error(sqlite_corpus: Store, query: str) -> None:
    try:
        result = search(sqlite_corpus, query)
    except QueryError:
        return
    assert 0 <= result.total <= 13
    assert len(result.hits) == min(result.total, 20)


def test_ranking_window_scores_the_newest_matches_and_counts_all(
    corpus: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kroniek.store import search_index

    monkeypatch.setattr(search_index, "RANK_WINDOW", 2)
    page = search(corpus, "aanval", limit=2)
    assert page.total == 4  # counted exactly
    assert {hit.id for hit in page.hits} == {"a07", "a11"}  # the two indexed last
    assert {hit.id for hit in search(corpus, "aanval", limit=4).hits} == SUITE["aanval"]


def test_totals_are_exact_up_to_the_count_limit(corpus: Store) -> None:
    assert search(corpus, "aanval").total_exact
    capped = search(corpus, "aanval", count_limit=2)
    assert (capped.total, capped.total_exact, len(capped.hits)) == (2, False, 4)
    assert search(corpus, "aanval", count_limit=4).total_exact
    filtered = search(corpus, "outlet:nos.nl", count_limit=1)
    assert (filtered.total, filtered.total_exact) == (1, False)
    assert search(corpus, "aanval", count_limit=None).total == 4
