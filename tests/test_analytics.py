"""Analytics over a small hand-made store, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa

from kroniek import analytics
from kroniek.analytics import Scope
from kroniek.models import Article
from kroniek.store import ANALYSED, Batch, NewArticle, Store, schema

ROOT_GOLDSTEIN = {"03": 4.0, "04": 1.0, "11": -2.0, "19": -10.0}
QUAD = {"03": 1, "04": 1, "11": 3, "19": 4}


def event(source: str | None, target: str | None, plover: str, cameo: str,
          date: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {
        "source": {"entity": f"kroniek:{source.lower()}", "code": source} if source else None,
        "target": {"entity": f"kroniek:{target.lower()}", "code": target} if target else None,
        "plover": plover, "cameo": cameo, "quad_class": QUAD[cameo],
        "goldstein": ROOT_GOLDSTEIN[cameo], "trigger": {"text": "x", "start": 0, "end": 1},
        "sentence": 0, "negated": False, "modality": "asserted", "reported_by": None,
        "location": None, "date": date, "rule": "test",
    }  # fmt: skip


def entity(code: str, name: str) -> dict[str, Any]:
    return {"id": f"kroniek:{code.lower()}", "name": name, "type": "ORG", "country": code[:3],
            "role": code[3:] or None, "code": code,
            "mentions": [{"text": name, "start": 0, "end": len(name)}]}  # fmt: skip


def quote(name: str, code: str, kind: str) -> dict[str, Any]:
    return {"speaker": {"entity": f"kroniek:{code.lower()}", "name": name, "code": code},
            "kind": kind, "text": "we gaan door", "start": 0, "end": 12, "cue": "zei"}  # fmt: skip


PLACE = {"id": "geonames:test-damascus", "name": "Damascus", "country": "SYR", "lat": 33.51,
         "lon": 36.29, "mentions": [{"text": "Damascus", "start": 0, "end": 8}]}  # fmt: skip


def record_article(
    text: str, published: str | None, outlet: str | None, **parts: list[dict[str, Any]]
) -> NewArticle:
    """An analysed article with the given entities/events/quotes/places (record per SCHEMA.md)."""
    article_id = hashlib.sha1(text.encode()).hexdigest()
    article = Article(id=article_id, text=text, source_file=f"test/{article_id[:8]}.txt",
                      outlet=outlet, url=f"https://{outlet}/{article_id[:8]}" if outlet else None,
                      title=text[:30], published=published, language="nl")  # fmt: skip
    record = {
        "schema": "kroniek.analysis/1", "id": article_id, "source_file": article.source_file,
        "outlet": outlet, "url": article.url, "title": article.title, "byline": None,
        "published": published, "agencies": [], "photo_credits": [], "language": "nl",
        "text": text, "paragraphs": [[0, len(text)]], "headings": [], "sentences": [[0, len(text)]],
        "entities": parts.get("entities", []), "events": parts.get("events", []),
        "quotes": parts.get("quotes", []), "places": parts.get("places", []), "times": [],
        "story": None,
    }  # fmt: skip
    return NewArticle(article=article, status=ANALYSED, record=record)


def small_corpus() -> list[NewArticle]:
    """Four articles: two in December 2017 (one day-precise), one in January 2018, one dated 2018."""
    return [
        record_article(
            "De Russische president belooft steun aan Syrië.",
            "2017-12-05",
            "hln.be",
            entities=[entity("RUSGOV", "Poetin"), entity("SYRGOV", "Assad")],
            events=[
                {**event("RUSGOV", "SYRGOV", "AGREE", "03"), "location": PLACE["id"]},
                event("RUSGOV", "SYRGOV", "CONSULT", "04", date="2017-12-04"),
            ],
            quotes=[quote("Poetin", "RUSGOV", "direct"), quote("Poetin", "RUSGOV", "indirect")],
            places=[PLACE],
        ),
        record_article(
            "Rusland bombardeert rebellen in Idlib.",
            "2017-12",
            "nos.nl",
            entities=[entity("RUSGOV", "Poetin")],
            events=[
                event("RUSGOV", "SYRREB", "ASSAULT", "19"),
                event("USA", "RUSGOV", "DISAPPROVE", "11", date="2017-12-28"),
            ],
            quotes=[quote("Peskov", "RUSGOV", "direct")],
        ),
        record_article(
            "Amerika bekritiseert Rusland opnieuw.",
            "2018-01-10",
            "nos.nl",
            entities=[entity("USA", "Verenigde Staten"), entity("RUSGOV", "Poetin")],
            events=[
                event("USA", "RUSGOV", "DISAPPROVE", "11"),
                event("USA", None, "CONSULT", "04"),
            ],
        ),
        record_article(
            "Een jaaroverzicht zonder precieze datum.",
            "2018",
            None,
            events=[event("RUSGOV", "SYRGOV", "AGREE", "03")],
        ),
    ]


@pytest.fixture
def filled(store: Store) -> Store:
    batch = Batch(articles=small_corpus())
    store.write_batch(batch)
    return store


def test_monthly_timeline_by_plover(filled):
    frame = analytics.event_timeline(filled, "month", "plover")
    counts = {(row.period, row.plover): row.events for row in frame.itertuples()}
    assert counts == {
        ("2017-12", "AGREE"): 1, ("2017-12", "CONSULT"): 1, ("2017-12", "ASSAULT"): 1,
        ("2017-12", "DISAPPROVE"): 1, ("2018-01", "CONSULT"): 1, ("2018-01", "DISAPPROVE"): 1,
    }  # fmt: skip
    assert frame.attrs["too_coarse"] == 1  # the event of the article dated only "2018"
    assert frame.attrs["undated"] == 0


def test_yearly_timeline_keeps_year_only_dates(filled):
    frame = analytics.event_timeline(filled, "year", None)
    assert dict(zip(frame["period"], frame["events"], strict=True)) == {"2017": 4, "2018": 3}
    assert frame.attrs["too_coarse"] == 0


def test_weekly_timeline_needs_day_precision(filled):
    frame = analytics.event_timeline(filled, "week", "quad_class")
    counts = {(row.period, row.quad_class): row.events for row in frame.itertuples()}
    # 2017-12-04 and 2017-12-05 share the week of Monday 4 December; 2017-12-28 is a Thursday
    assert counts == {("2017-12-04", 1): 2, ("2017-12-25", 3): 1, ("2018-01-08", 1): 1,
                      ("2018-01-08", 3): 1}  # fmt: skip
    assert frame.attrs["too_coarse"] == 2  # the "2017-12" article's assault, the "2018" one


def test_timeline_goldstein_mean(filled):
    frame = analytics.event_timeline(filled, "month", None)
    december = frame.set_index("period").loc["2017-12"]
    assert december["events"] == 4
    assert december["goldstein_mean"] == pytest.approx((4.0 + 1.0 - 10.0 - 2.0) / 4)


def test_dyad_goldstein_per_period(filled):
    frame = analytics.dyad_goldstein(filled, "month")
    rows = {
        (r.period, r.source, r.target): (r.events, r.goldstein_mean) for r in frame.itertuples()
    }
    assert rows[("2017-12", "RUSGOV", "SYRGOV")] == (2, pytest.approx(2.5))
    assert rows[("2018-01", "USA", "RUSGOV")] == (1, pytest.approx(-2.0))
    assert not any(target is None for _p, _s, target in rows)


def test_top_actors_and_dyads(filled):
    actors = analytics.top_actors(filled, n=3)
    assert list(actors["id"]) == ["RUSGOV", "SYRGOV", "USA"]  # 3 events each: ties by id
    rusgov = actors.iloc[0]
    assert (rusgov["events"], rusgov["as_source"], rusgov["as_target"]) == (6, 4, 2)
    dyads = analytics.top_dyads(filled, n=1)
    assert (dyads.iloc[0]["source"], dyads.iloc[0]["target"], dyads.iloc[0]["events"]) == (
        "RUSGOV", "SYRGOV", 3)  # fmt: skip


def test_actor_network_by_entity(filled):
    network = analytics.actor_network(filled, level="entity", min_events=2)
    edges = {(r.source, r.target): r.events for r in network.edges.itertuples()}
    assert edges == {("kroniek:rusgov", "kroniek:syrgov"): 3, ("kroniek:usa", "kroniek:rusgov"): 2}
    assert set(network.nodes["id"]) == {"kroniek:rusgov", "kroniek:syrgov", "kroniek:usa"}


def test_scope_by_ids_condition_and_dates(filled):
    ids = [n.article.id for n in small_corpus()]
    only_first = analytics.event_timeline(filled, "month", None, Scope(article_ids=ids[:1]))
    assert list(only_first["events"]) == [2]
    nos = analytics.event_timeline(
        filled, "month", None, Scope(where=schema.articles.c.outlet == "nos.nl")
    )
    assert dict(zip(nos["period"], nos["events"], strict=True)) == {"2017-12": 2, "2018-01": 2}
    january = analytics.event_timeline(
        filled, "month", None, Scope(since="2018-01", until="2018-01")
    )
    assert list(january["period"]) == ["2018-01"]


def test_many_ids_go_through_a_temporary_table(filled):
    ids = [n.article.id for n in small_corpus()][:2] + [f"{i:040d}" for i in range(1200)]
    frame = analytics.event_timeline(filled, "month", None, Scope(article_ids=ids))
    assert int(frame["events"].sum()) == 4
    again = analytics.event_timeline(filled, "month", None, Scope(article_ids=ids))  # table dropped
    assert again.equals(frame)


RAW = Scope(where=sa.true())  # forces the path over the event rows instead of the rollup


def test_rollup_agrees_with_event_rows(filled):
    for period in ("day", "week", "month", "year"):
        for by in ("plover", "quad_class", "cameo_root", None):
            fast = analytics.event_timeline(filled, period, by)
            slow = analytics.event_timeline(filled, period, by, RAW)
            assert fast.equals(slow), (period, by)
            assert fast.attrs == slow.attrs, (period, by)


def test_rollup_follows_reanalysis(filled):
    first = small_corpus()[0]
    record = {
        **(first.record or {}),
        "events": [event("NLDGOV", "BELGOV", "CONSULT", "04", date="2019-03-02")],
    }
    filled.save_analysis(first.article.id, record, ANALYSED)
    fast = analytics.event_timeline(
        filled, "month", "plover", Scope(since="2017", until="2019-03-31")
    )
    slow = analytics.event_timeline(
        filled, "month", "plover", Scope(where=sa.true(), since="2017", until="2019-03-31")
    )
    assert fast.equals(slow)
    counts = {(r.period, r.plover): r.events for r in fast.itertuples()}
    assert counts[("2019-03", "CONSULT")] == 1
    assert ("2017-12", "AGREE") not in counts  # the replaced events are gone from the rollup


def test_quotes_per_speaker(filled):
    frame = analytics.quotes_per_speaker(filled)
    first = frame.iloc[0]
    assert (first["speaker"], first["quotes"], first["direct"], first["indirect"]) == (
        "kroniek:rusgov", 3, 2, 1)  # fmt: skip
    assert first["articles"] == 2


def test_outlet_coverage(filled):
    frame = analytics.outlet_coverage(filled)
    cells = {(r.outlet, r.entity): r.articles for r in frame.itertuples()}
    assert cells[("nos.nl", "kroniek:rusgov")] == 2
    assert cells[("hln.be", "kroniek:syrgov")] == 1
    assert ("hln.be", "kroniek:usa") not in cells


def test_empty_store_gives_empty_frames(store):
    assert analytics.event_timeline(store).empty
    assert analytics.actor_network(store).edges.empty
    assert isinstance(analytics.quotes_per_speaker(store), pd.DataFrame)


def test_week_of_is_monday():
    assert analytics.week_of("2017-12-10") == "2017-12-04"
    assert analytics.week_of("2017-12-04T23:59:00") == "2017-12-04"


def test_a_search_query_scope_counts_like_its_condition(filled):
    from kroniek.search import article_filter

    assert filled.columns() is not None  # counted from the in-memory columns, as in a server
    for query in ("bekritiseert", "actor:RUSGOV", "outlet:nos.nl -bombardeert", "date:2018"):
        for period, by in (("month", "plover"), ("week", "quad_class"), ("year", None)):
            fast = analytics.event_timeline(filled, period, by, Scope(query=query))
            slow = analytics.event_timeline(
                filled, period, by, Scope(where=article_filter(filled, query))
            )
            assert fast.equals(slow), (query, period, by)
            assert fast.attrs == slow.attrs
    counts = analytics.event_timeline(filled, "month", None, Scope(query="rusland"))
    assert dict(zip(counts["period"], counts["events"], strict=True)) == {"2017-12": 2, "2018-01": 2}


def test_timeline_records_are_the_frame_as_json_rows(filled):
    from kroniek.api.service import _records

    assert filled.columns() is not None
    for query in ("bekritiseert", "actor:RUSGOV", "outlet:nos.nl -bombardeert", "date:2018",
                  "niets-dat-voorkomt"):  # fmt: skip
        for period, by in (("month", "plover"), ("week", "quad_class"), ("year", None)):
            scope = Scope(query=query)
            found = analytics.timeline_records(filled, period, by, scope)
            assert found is not None, query
            frame = analytics.event_timeline(filled, period, by, scope)
            assert found == (_records(frame), frame.attrs), (query, period, by)
            for row in found[0]:  # plain Python values, as JSON needs
                assert {type(value) for value in row.values()} <= {str, int, float, type(None)}
    assert analytics.timeline_records(filled, "month", None, Scope()) is None  # the rollup's
