"""The read endpoints, on SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.corpus import PUTIN, STORY, TEXT_ATTACK, XSS_ID, ZELENSKY


def test_search_finds_articles_with_marked_snippets_and_facets(reader: TestClient) -> None:
    body = reader.get("/api/articles", params={"q": "poetin", "facets": "true"}).json()
    assert body["total"] == 4
    assert {hit["id"] for hit in body["hits"]} == {"a1", "a2", "a3", XSS_ID}
    assert "<mark>Poetin</mark>" in next(h for h in body["hits"] if h["id"] == "a3")["snippet"]
    outlets = {row["value"]: row["articles"] for row in body["facets"]["outlet"]}
    assert outlets == {"nos.nl": 1, "vrt.be": 1, "hln.be": 1, "ad.nl": 1}
    types = {row["value"] for row in body["facets"]["type"]}
    assert {"ASSAULT", "THREATEN", "DEMAND"} <= types
    assert {row["value"] for row in body["facets"]["month"]} == {"2022-03", "2022-04", "2022-05"}


def test_search_filters_and_pages(reader: TestClient) -> None:
    by_outlet = reader.get("/api/articles", params={"q": "poetin", "outlet": "vrt.be"}).json()
    assert [hit["id"] for hit in by_outlet["hits"]] == ["a2"]
    in_range = reader.get(
        "/api/articles", params={"since": "2022-03-10", "until": "2022-04"}
    ).json()
    assert {hit["id"] for hit in in_range["hits"]} == {"a2", "a3"}
    first = reader.get("/api/articles", params={"limit": 2}).json()
    second = reader.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 7
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    assert first["hits"][0]["published"] >= first["hits"][1]["published"]


def test_malformed_query_is_400_with_the_parser_message(reader: TestClient) -> None:
    response = reader.get("/api/articles", params={"q": "poetin AND ("})
    assert response.status_code == 400
    assert "position 12" in response.json()["message"]
    bad_date = reader.get("/api/articles", params={"since": "gisteren"})
    assert bad_date.status_code == 400 and "since" in bad_date.json()["message"]
    assert reader.get("/api/timeline", params={"q": "type:"}).status_code == 400


def test_article_has_record_sources_and_near_duplicates(reader: TestClient) -> None:
    body = reader.get("/api/articles/a1").json()
    assert body["record"]["schema"] == "kroniek.analysis/1"
    assert body["text"] == TEXT_ATTACK
    assert [e["plover"] for e in body["record"]["events"]] == ["ASSAULT", "DISAPPROVE"]
    assert body["sources"][0]["source_file"] == "test.jsonl"
    wire = reader.get("/api/articles/w1").json()
    assert wire["near_duplicates"] == [{"id": "w2", "similarity": 0.93, "agency": "Belga"}]
    assert wire["article"]["story"] == STORY
    pending = reader.get("/api/articles/p1").json()
    assert pending["record"] is None and pending["article"]["status"] == "pending"


def test_unknown_ids_are_404_json(reader: TestClient) -> None:
    for path, message in (
        ("/api/articles/nope", "no article with id 'nope'"),
        ("/api/actors/kroniek:nobody", "no actor with id 'kroniek:nobody'"),
    ):
        response = reader.get(path)
        assert response.status_code == 404
        assert response.json() == {"status": 404, "message": message}


def test_events_filters(reader: TestClient) -> None:
    def types(**params: object) -> list[str]:
        return [e["type"] for e in reader.get("/api/events", params=params).json()["events"]]

    assert types(source="UKR", target="RUS") == ["DEMAND", "DISAPPROVE"]
    assert types(source="RUS", target="UKR") == ["AGREE", "ASSAULT"]
    assert types(actor="NAT") == ["THREATEN"]
    assert types(quad_class=4) == ["ASSAULT"]
    assert types(type="agree") == ["AGREE"]
    assert types(outlet="hln.be") == ["THREATEN"]
    assert types(since="2022-04", until="2022-04") == ["THREATEN"]
    assert types(actor=ZELENSKY) == ["AGREE", "DEMAND", "DISAPPROVE"]
    assert types(q="odesa") == ["DISAPPROVE", "ASSAULT"]
    page = reader.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 6 and len(page["events"]) == 2


def test_actor_profile(reader: TestClient) -> None:
    body = reader.get(f"/api/actors/{PUTIN}").json()
    assert body["name"] == "Vladimir Putin"
    assert {n["name"] for n in body["names"]} >= {"Vladimir Putin", "Poetin"}
    assert any(r["office"] == "rus-president" and r["code"] == "RUSGOV" for r in body["roles"])
    assert body["events"]["as_source"]["total"] == 4
    assert [e["type"] for e in body["events"]["as_target"]["events"]] == ["DEMAND", "DISAPPROVE"]
    by_month = {(r["period"], r["quad_class"]): r["events"] for r in body["timeline"]["rows"]}
    assert by_month == {
        ("2022-03", 1): 1,
        ("2022-03", 3): 2,
        ("2022-03", 4): 1,
        ("2022-04", 3): 1,
        ("2022-05", 3): 1,
    }
    partners = {p["id"]: p for p in body["partners"]}
    assert partners[ZELENSKY]["events"] == 3 and partners[ZELENSKY]["as_source"] == 2
    assert reader.get(f"/api/actors/{ZELENSKY}").json()["quotes"][0]["text"] == (
        "Dit is terreur tegen burgers"
    )
    weekly = reader.get(f"/api/actors/{PUTIN}", params={"period": "week"}).json()
    assert {r["period"] for r in weekly["timeline"]["rows"]} >= {"2022-03-07", "2022-03-14"}


def test_lists_of_actors_quotes_places_stories(reader: TestClient) -> None:
    actors = reader.get("/api/actors").json()["actors"]
    assert actors[0]["id"] == PUTIN and actors[0]["articles"] == 4
    quotes = reader.get("/api/quotes", params={"speaker": "zelensky"}).json()["quotes"]
    assert [q["article_id"] for q in quotes] == ["a1"]
    places = reader.get("/api/places").json()["places"]
    assert places[0]["name"] == "Kyiv" and places[0]["articles"] == 2
    assert reader.get("/api/places", params={"q": "NAVO"}).json()["places"][0]["name"] == "Kyiv"
    stories = reader.get("/api/stories").json()["stories"]
    assert stories[0]["id"] == STORY
    assert all(member["wire"] for member in stories[0]["articles"])


def test_timeline_by_quad_class_and_dyad(reader: TestClient) -> None:
    body = reader.get("/api/timeline", params={"q": "poetin", "a": "RUS", "b": "UKR"}).json()
    march = [r for r in body["rows"] if r["period"] == "2022-03"]
    assert sum(r["events"] for r in march) == 4
    assert next(r for r in march if r["quad_class"] == 4)["goldstein_mean"] == -10.0
    assert sum(r["events"] for r in body["dyad"]["RUS->UKR"]) == 2
    assert sum(r["events"] for r in body["dyad"]["UKR->RUS"]) == 2
    only_threat = reader.get("/api/timeline", params={"q": "NAVO"}).json()["rows"]
    assert only_threat == [
        {"period": "2022-04", "quad_class": 3, "events": 1, "goldstein_mean": -6.0}
    ]


def test_network_nodes_and_edges(reader: TestClient) -> None:
    body = reader.get("/api/network").json()
    assert body["nodes"][0]["id"] == "RUSGOV"
    edges = {(e["source"], e["target"]): e["events"] for e in body["edges"]}
    assert edges[("UKRGOV", "RUSGOV")] == 2
    entities = reader.get("/api/network", params={"level": "entity", "q": "NAVO"}).json()
    assert {n["id"] for n in entities["nodes"]} == {PUTIN, "kroniek:nato"}
    assert {n["name"] for n in entities["nodes"]} == {"Vladimir Putin", "NATO"}


def test_stats_and_openapi(reader: TestClient) -> None:
    stats = reader.get("/api/stats").json()
    assert stats["articles"] == 7 and stats["events"] == 6
    spec = reader.get("/openapi.json").json()
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/events",
        "/api/actors",
        "/api/quotes",
        "/api/places",
        "/api/stories",
        "/api/timeline",
        "/api/network",
        "/api/stats",
        "/api/reanalyze",
    ):
        assert path in spec["paths"], path
    assert "disabled" in spec["info"]["description"]
    docs = reader.get("/docs")
    assert docs.status_code == 200 and "/api/timeline" in docs.text
    assert "cdn" not in docs.text.lower()


def test_article_by_unique_id_prefix(reader: TestClient) -> None:
    assert reader.get("/api/articles/x550").json()["article"]["id"].startswith("x5500")
    assert reader.get("/api/articles/w").status_code == 404  # w1 and w2: not unique
