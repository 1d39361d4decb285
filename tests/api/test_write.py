"""The write endpoints: bearer token, size limit, ingest of any input format, re-analysis."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from kroniek.api import writes
from tests.api.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
CRAWL = (
    " date 2024-02 Gemeente Mechelen opent nieuw zwembad Redactie\n\n10u15\n\n"
    "Het nieuwe zwembad van Mechelen is zaterdag geopend. Honderden bezoekers kwamen kijken.\n"
)


def test_writes_need_a_valid_bearer_token(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                    {"Authorization": f"Basic {TOKEN}"}):  # fmt: skip
        response = client.post("/api/articles", content=CRAWL.encode(), headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"
        assert "bearer token" in response.json()["message"]
    assert client.post("/api/reanalyze", json={"ids": ["a1"]}).status_code == 401
    assert client.get("/api/stats").json()["articles"] == 7


def test_writes_are_disabled_without_a_configured_token(open_client: TestClient) -> None:
    response = open_client.post("/api/articles", content=CRAWL.encode(), headers=AUTH)
    assert response.status_code == 403
    assert "KRONIEK_TOKEN" in response.json()["message"]
    assert open_client.post("/api/reanalyze", headers=AUTH).status_code == 403


def test_token_from_the_environment(filled: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from kroniek.api import create_app

    monkeypatch.setenv("KRONIEK_TOKEN", "uit-de-omgeving")
    with TestClient(create_app(store=filled)) as env_client:  # type: ignore[arg-type]
        bad = env_client.post("/api/reanalyze", json={"ids": []}, headers=AUTH)
        good = env_client.post("/api/reanalyze", json={"ids": []},
                               headers={"Authorization": "Bearer uit-de-omgeving"})  # fmt: skip
    assert bad.status_code == 401 and good.status_code == 200


def test_post_crawl_text_ingests_once(client: TestClient) -> None:
    response = client.post("/api/articles", params={"analyze": "false"}, content=CRAWL.encode(),
                           headers=AUTH)  # fmt: skip
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["summary"]["new"] == 1 and len(body["ids"]) == 1
    stored = client.get(f"/api/articles/{body['ids'][0]}").json()
    assert stored["article"]["title"] == "Gemeente Mechelen opent nieuw zwembad"
    again = client.post("/api/articles", params={"analyze": "false"}, content=CRAWL.encode(),
                        headers=AUTH).json()  # fmt: skip
    assert again["summary"]["new"] == 0
    assert client.get("/api/articles", params={"q": "zwembad"}).json()["total"] == 1


def test_post_jsonl_and_html(client: TestClient) -> None:
    rows = [{"title": f"Raad van Hasselt stemt over plan {n}", "outlet": "hbvl.be",
             "published": "2024-03-0{n}".replace("{n}", str(n)),
             "text": f"De gemeenteraad van Hasselt stemde dinsdag over het mobiliteitsplan {n}. "
                     "De oppositie was tegen."} for n in (1, 2)]  # fmt: skip
    jsonl = "\n".join(json.dumps(row) for row in rows).encode()
    response = client.post("/api/articles", params={"filename": "raad.jsonl", "analyze": "false"},
                           content=jsonl, headers=AUTH)  # fmt: skip
    assert response.json()["summary"]["new"] == 2
    html = (b"<!doctype html><html><head><title>Nieuwe brug in Gent</title></head><body>"
            b"<article><h1>Nieuwe brug in Gent</h1><p>De stad Gent heeft woensdag een nieuwe "
            b"fietsbrug over de Leie geopend. Duizenden fietsers gebruiken de brug elke dag en "
            b"de buurtbewoners zijn tevreden over het resultaat.</p><p>De brug kostte vier miljoen "
            b"euro en werd in acht maanden gebouwd door een Vlaamse aannemer.</p></article>"
            b"</body></html>")  # fmt: skip
    response = client.post("/api/articles", params={"format": "html", "analyze": "false"},
                           content=html, headers=AUTH)  # fmt: skip
    assert response.status_code == 201 and response.json()["summary"]["new"] == 1
    assert client.get("/api/articles", params={"q": "fietsbrug"}).json()["total"] == 1


def test_post_rejects_empty_oversized_and_unreadable(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client.post("/api/articles", content=b"  ", headers=AUTH).status_code == 400
    monkeypatch.setattr(writes, "MAX_UPLOAD_BYTES", 1000)
    big = client.post("/api/articles", content=b"x" * 1001, headers=AUTH)
    assert big.status_code == 413 and "limit" in big.json()["message"]

    def chunks():  # no Content-Length: the limit holds while streaming
        for _ in range(4):
            yield b"y" * 400

    streamed = client.post("/api/articles", content=chunks(), headers=AUTH)
    assert streamed.status_code == 413
    unknown = client.post("/api/articles", params={"format": "docx"}, content=CRAWL.encode(),
                          headers=AUTH)  # fmt: skip
    assert unknown.status_code == 201
    assert unknown.json()["summary"]["errors"] == 1 and "docx" in unknown.json()["errors"][0]


def test_default_upload_limit_is_5_mib(client: TestClient) -> None:
    assert writes.MAX_UPLOAD_BYTES == 5 * 1024 * 1024
    response = client.post("/api/articles", content=b"z" * (writes.MAX_UPLOAD_BYTES + 1),
                           headers=AUTH)  # fmt: skip
    assert response.status_code == 413


def test_reanalyze_pending_and_by_id(client: TestClient) -> None:
    assert client.get("/api/articles/p1").json()["record"] is None
    response = client.post("/api/reanalyze", headers=AUTH)
    assert response.status_code == 200 and response.json() == {"analysed": 1, "pending": 0}
    record = client.get("/api/articles/p1").json()["record"]
    assert record["schema"] == "kroniek.analysis/1" and record["text"].startswith("De gemeenteraad")
    assert client.post("/api/reanalyze", json={"ids": ["w1", "onbekend"]}, headers=AUTH).json() == {
        "analysed": 1,
        "pending": 0,
    }
    too_many = client.post("/api/reanalyze", json={"ids": ["x"] * (writes.MAX_REANALYZE_IDS + 1)},
                           headers=AUTH)  # fmt: skip
    assert too_many.status_code == 422


def test_reanalyze_without_ids_works_in_bounded_steps(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [{"title": f"Stadsraad van Leuven bespreekt begroting {n}", "outlet": "vrt.be",
             "published": f"2024-04-1{n}", "text": f"De stadsraad van Leuven besprak maandag "
             f"de begroting voor het jaar 202{n}. De meerderheid stemde voor."}
            for n in range(5)]  # fmt: skip
    jsonl = "\n".join(json.dumps(row) for row in rows).encode()
    posted = client.post("/api/articles", params={"filename": "raad.jsonl", "analyze": "false"},
                         content=jsonl, headers=AUTH)  # fmt: skip
    assert posted.json()["summary"]["new"] == 5
    monkeypatch.setattr(writes, "MAX_PENDING_PER_REQUEST", 2)
    answers = [client.post("/api/reanalyze", headers=AUTH).json() for _ in range(4)]
    assert answers == [{"analysed": 2, "pending": 4}, {"analysed": 2, "pending": 2},
                       {"analysed": 2, "pending": 0}, {"analysed": 0, "pending": 0}]  # fmt: skip
    for article_id in posted.json()["ids"]:
        assert client.get(f"/api/articles/{article_id}").json()["record"] is not None


def test_token_comparison_is_constant_time_and_exact() -> None:
    from kroniek.api.auth import token_matches

    assert token_matches("geheim", "geheim")
    assert not token_matches("geheim", "geheim ")
    assert not token_matches("geheim", "")
    assert token_matches("sleutel-ë", "sleutel-ë")
