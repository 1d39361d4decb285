"""The security headers: on every answer (errors and refusals too), the CSP on HTML only."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from kroniek.api import create_app
from kroniek.web.headers import CSP, secured


def test_secured_replaces_and_adds() -> None:
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"X-Content-Type-Options", b"x")]
    result = dict(secured(headers))
    assert result[b"x-content-type-options"] == b"nosniff"
    assert b"X-Content-Type-Options" not in result  # the route's own value is replaced
    assert result[b"content-security-policy"] == CSP.encode()
    assert b"content-security-policy" not in dict(secured([(b"content-type", b"application/json")]))


def test_every_kind_of_answer_is_secured(tmp_path: Path) -> None:
    client = TestClient(create_app(f"sqlite:///{tmp_path}/headers.db"))
    answers = {
        "page": client.get("/"),
        "json": client.get("/api/stats"),
        "not found page": client.get("/no/such/page"),
        "bad query": client.get("/api/articles", params={"q": '"unclosed'}),
        "refused url": client.get("/api/articles?q=" + "x" * 9000),
    }
    for name, response in answers.items():
        assert response.headers["x-content-type-options"] == "nosniff", name
        assert response.headers["referrer-policy"] == "no-referrer", name
        html = response.headers["content-type"].startswith("text/html")
        assert ("content-security-policy" in response.headers) == html, name
    assert answers["page"].status_code == 200 and answers["refused url"].status_code == 414
    assert len(answers["page"].headers.get_list("x-content-type-options")) == 1
