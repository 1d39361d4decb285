"""The HTML pages over both stores: content, JSON twins, escaping, security headers."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.corpus import PUTIN, XSS_ID

PAGES = ["/", "/search?q=poetin", "/articles/a1", "/actors", f"/actors/{PUTIN}",
         "/timeline?q=poetin&a=RUS&b=UKR", "/network", "/network?level=entity", "/map",
         "/stories", "/docs"]  # fmt: skip


def test_every_page_renders_with_a_json_twin_and_a_strict_csp(client: TestClient) -> None:
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "http://" not in response.text.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "https://" not in response.text, path  # no CDN, nothing external
        twin = response.text.split('class="twin" href="')[1].split('"')[0].replace("&amp;", "&")
        assert client.get(twin).status_code == 200, twin


def test_search_page_lists_hits_and_facet_links(client: TestClient) -> None:
    html = client.get("/search", params={"q": "poetin"}).text
    assert "<strong>4</strong> article(s)" in html
    assert "<mark>Poetin</mark>" in html
    assert 'href="/search?q=poetin&amp;outlet=hln.be"' in html
    assert 'href="/search?q=poetin+type%3AASSAULT"' in html
    assert 'href="/articles/a3"' in html


def test_bad_query_shows_the_message_with_status_400(client: TestClient) -> None:
    response = client.get("/search", params={"q": "poetin AND ("})
    assert response.status_code == 400
    assert "position 12" in response.text and 'role="alert"' in response.text


def test_article_page_highlights_and_tables(client: TestClient) -> None:
    html = client.get("/articles/a1").text
    assert '<span class="hl hl-event hl-q4" title="ASSAULT RUSGOV → UKR' in html
    assert 'class="hl hl-ent hl-ent-PER"' in html and 'class="hl hl-quote"' in html
    assert '<a href="/actors/kroniek:vladimir-putin">Vladimir Putin</a>' in html
    assert "<td>ASSAULT</td>" in html and "Istanboel" not in html and "Odesa" in html


def test_hostile_article_is_escaped_everywhere(client: TestClient) -> None:
    for path in (f"/articles/{XSS_ID}", "/search?q=lezer", f"/actors/{PUTIN}", "/search"):
        html = client.get(path).text
        assert "<script>window" not in html and "<img src=x" not in html, path
        assert "<svg onload" not in html and 'href="javascript:' not in html, path
        assert 'onerror="' not in html and "<b onmouseover" not in html, path
    article = client.get(f"/articles/{XSS_ID}").text
    assert "&lt;script&gt;window.__pwned = 1;" in article


def test_actor_page_shows_roles_timeline_events_and_partners(client: TestClient) -> None:
    html = client.get(f"/actors/{PUTIN}").text
    assert "rus-president" in html
    assert html.count('<rect class="bar') == 5 and 'class="goldstein-line"' in html
    assert 'As source <span class="count">4</span>' in html
    assert '<a href="/actors/kroniek:volodymyr-zelensky">Volodymyr Zelensky</a>' in html


def test_unknown_pages_are_html_404(client: TestClient) -> None:
    response = client.get("/articles/onbekend")
    assert response.status_code == 404 and "no article with id" in response.text
    assert response.headers["content-type"].startswith("text/html")
    assert client.get("/actors/kroniek:niemand").status_code == 404


def test_stories_page_marks_wire_copies(client: TestClient) -> None:
    html = client.get("/stories").text
    assert html.count('class="story-article is-wire"') == 2
    assert "wire Belga" in html and "standaard.be" in html and "nieuwsblad.be" in html
    assert '<p class="lead">Boeren protesteren in Brussel tegen de nieuwe milieuregels.' in html
