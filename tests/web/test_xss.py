"""XSS: articles whose every stored text field is a script payload, shown on every page of the
web UI in headless Chromium (the browser and server fixtures of ``test_browser``).

The browser context bypasses the Content Security Policy, so these tests check the escaping
itself; the CSP is a second layer, checked separately (and with it enforced, test_browser's
``test_hostile_article_never_runs_script``). Each payload sets ``window.__xss`` (or opens a
dialog) if it ever runs. Pages are enumerated from the app's routes; every query parameter of
every page is also given a payload, for reflected XSS.
"""

from __future__ import annotations

import inspect
import re
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, sync_playwright

from kroniek.api import create_app
from kroniek.api.app import route_table
from kroniek.models import Article
from kroniek.store import ANALYSED, Batch, NewArticle, Store, schema
from tests.api.corpus import span
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, START_TIMEOUT_S, _free_port

SCRIPT = "<script>window.__xss=1</script>"
IMG = "<img src=x onerror=window.__xss=2>"
SVG = '"><svg onload=window.__xss=3>'
LINK = '<a href="javascript:window.__xss=4">klik</a>'
TEXTAREA = "</textarea><script>window.__xss=5</script>"
END_SCRIPT = "</script><script>window.__xss=6</script>"
ATTRIBUTE = "' onmouseover='window.__xss=7' x='"
TEMPLATE = "{{7*7}}{% if 1 %}ja{% endif %}"
JS_URL = "javascript:window.__xss=8"
PAYLOADS = [SCRIPT, IMG, SVG, LINK, TEXTAREA, END_SCRIPT, ATTRIBUTE, TEMPLATE]
ALL = " ".join(PAYLOADS)

ARTICLE_ID = "e" * 40
OTHER_ID = "f" * 40
ENTITY = f"kroniek:{SCRIPT}"
SPEAKER = f"kroniek:{IMG}"
PLACE = f"geonames:{SVG}"
TITLE = f"Titel {SCRIPT} {IMG} {TEMPLATE}"
BYLINE = f"Door {SVG} {ATTRIBUTE}"
OUTLET = f"krant{IMG}.nl"
AGENCY = f"ANP{TEXTAREA}"
CAPTION = f"Foto {END_SCRIPT}"
QUOTE = f"Wij eisen {SCRIPT} en {TEMPLATE} nu"
TEXT = (
    f"Minister Jansen{SVG} zei gisteren in Gent{IMG} dat de stad veilig is. "
    f'"{QUOTE}", zei Jansen{SVG}. Lees {LINK} en {TEXTAREA} en {END_SCRIPT} en {ATTRIBUTE}. '
    f"Daarna protesteerden inwoners van Gent{IMG} tegen de minister."
)
ENTITY_NAME = f"Jansen {SCRIPT}{TEMPLATE}"
SPEAKER_NAME = f"Spreker {IMG}"
PLACE_NAME = f"Gent{IMG}"
CUE = f"zei{SVG}"
CODE = '"><svg onload=window.__xss=9>'  # an actor code (shown on the network page, facets)


def hostile_record() -> dict[str, Any]:
    return {
        "schema": "kroniek.analysis/1", "id": ARTICLE_ID, "text": TEXT, "story": None,
        "entities": [
            {"id": ENTITY, "name": ENTITY_NAME, "type": "PER", "country": None, "role": None,
             "code": CODE, "mentions": [span(TEXT, f"Jansen{SVG}")]},
            {"id": SPEAKER, "name": SPEAKER_NAME, "type": "ORG", "country": None, "role": None,
             "code": "BEL", "mentions": [span(TEXT, "inwoners")]},
        ],
        "events": [
            {"source": {"entity": ENTITY, "code": CODE}, "target": {"entity": SPEAKER, "code": "BEL"},
             "plover": "PROTEST", "cameo": "14", "quad_class": 3, "goldstein": -6.5,
             "trigger": span(TEXT, "protesteerden"), "sentence": 2, "negated": False,
             "modality": "asserted", "reported_by": None, "location": PLACE,
             "date": "2024-03-05", "rule": f"rule{IMG}"},
        ],
        "quotes": [
            {"speaker": {"entity": ENTITY, "name": SPEAKER_NAME, "code": CODE}, "kind": "direct",
             "cue": CUE, **span(TEXT, QUOTE)},
        ],
        "places": [
            {"id": PLACE, "name": PLACE_NAME, "country": f"BEL{SCRIPT}", "lat": 51.05,
             "lon": 3.72, "mentions": [span(TEXT, f"Gent{IMG}")]},
        ],
        "times": [{**span(TEXT, "gisteren"), "value": f"2024-03-04{IMG}"}],
    }  # fmt: skip


def load_hostile(store: Store) -> None:
    article = Article(
        id=ARTICLE_ID, text=TEXT, source_file=f"bron{SCRIPT}.jsonl", line=1, outlet=OUTLET,
        url=JS_URL, title=TITLE, byline=BYLINE, published="2024-03-05", language="nl",
        agencies=[AGENCY], caption=CAPTION,
    )  # fmt: skip
    other = Article(
        id=OTHER_ID, text=f"Een tweede bericht {TEXTAREA} over de minister in Gent.",
        source_file="tweede.jsonl", line=1, outlet=f"ander{SVG}", url=f" {JS_URL}",
        title=f"Ook {SVG}", published="2024-03-05", language="nl",
    )  # fmt: skip
    batch = Batch()
    batch.articles.append(NewArticle(article, ANALYSED, hostile_record()))
    batch.articles.append(NewArticle(other, ANALYSED, None))
    batch.near_duplicates.append(
        {"article_id": OTHER_ID, "other_id": ARTICLE_ID, "similarity": 0.9, "agency": AGENCY}
    )
    store.write_batch(batch)
    with store.engine.begin() as connection:
        connection.execute(schema.articles.update().values(story=f"story:{IMG}"))


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    url = f"sqlite:///{tmp_path_factory.mktemp('xss') / 'kroniek.db'}"
    with Store.open(url) as store:
        load_hostile(store)
        yield create_app(store=store)


@pytest.fixture(scope="module")
def base_url(app: FastAPI) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=START_TIMEOUT_S)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page without the CSP (so only escaping protects it) that records dialogs."""
    context = browser.new_context(base_url=base_url, bypass_csp=True)
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()
    assert dialogs == []


PATH_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")
PATH_VALUES = {"article_id": ARTICLE_ID, "actor_id": ENTITY}
# The stored text each page shows, which must appear there literally.
SHOWN = {
    "/": [TITLE, OUTLET],
    "/search": [TITLE, OUTLET],
    "/articles/{article_id}": [TITLE, BYLINE, OUTLET, AGENCY, QUOTE, SPEAKER_NAME, ENTITY_NAME,
                               PLACE_NAME, CUE, f"bron{SCRIPT}.jsonl", f"rule{IMG}", "Lees"],
    "/actors": [ENTITY_NAME, SPEAKER_NAME],
    "/actors/{actor_id:path}": [ENTITY_NAME, QUOTE, SPEAKER_NAME, TITLE, CUE],
    "/map": [PLACE_NAME],
    "/stories": [TITLE, f"Ook {SVG}", AGENCY],
}  # fmt: skip


def pages(app: FastAPI) -> list[tuple[str, str, list[str]]]:
    """(template, URL, query parameter names) of every HTML page."""
    found = []
    for route in route_table(app):
        if "GET" not in route.methods or route.path.startswith("/api/") or route.endpoint is None:
            continue
        if route.path in ("/openapi.json", "/favicon.ico"):
            continue
        path_names = set(PATH_PARAM.findall(route.path))
        url = PATH_PARAM.sub(lambda m: quote(PATH_VALUES[m.group(1)], safe=":"), route.path)
        query = [name for name in inspect.signature(route.endpoint).parameters
                 if name != "request" and name not in path_names]  # fmt: skip
        found.append((route.path, url, query))
    return found


def assert_nothing_ran(page: Page, where: str) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(50)  # onerror of <img src=x> fires after the failed load
    assert page.evaluate("typeof window.__xss") == "undefined", where
    hostile = page.evaluate(
        """() => ({
            inline: [...document.scripts].filter(s => !s.src && s.type !== 'application/json')
                .map(s => s.textContent),
            handlers: [...document.querySelectorAll('*')].flatMap(el =>
                [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name)),
            links: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
                .map(el => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action')
                           || el.getAttribute('formaction'))
                .filter(v => /^\\s*(javascript|data|vbscript):/i.test(v || '')),
            frames: document.querySelectorAll('iframe, object, embed, textarea').length,
        })"""
    )  # fmt: skip
    assert hostile == {"inline": [], "handlers": [], "links": [], "frames": 0}, where


SCRIPT_ELEMENT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


def assert_scripts_are_ours(raw: str, where: str) -> None:
    """In the HTML as sent: every script element is kroniek.js or a JSON data block whose text
    holds no ``<`` (so no ``</script>`` can end it early; Jinja's ``tojson`` writes \\u003c)."""
    assert raw.lower().count("<script") == len(SCRIPT_ELEMENT.findall(raw)), where
    for attributes, body in SCRIPT_ELEMENT.findall(raw):
        if 'src="/static/kroniek.js"' in attributes:
            assert body == "", where
        else:
            assert 'type="application/json"' in attributes, (where, attributes, body[:80])
            assert "<" not in body, (where, body[:80])


def test_the_script_check_catches_breakouts() -> None:
    ours = '<script src="/static/kroniek.js" defer></script>'
    assert_scripts_are_ours(
        ours + '<script type="application/json">{"a": "\\u003c/script"}</script>', "ok"
    )
    for broken in (ours + "<p><script>window.__xss=1</script></p>",
                   ours + '<script type="application/json">{"a": "</script><script>x()</script>',
                   ours + "<script>unterminated"):  # fmt: skip
        with pytest.raises(AssertionError):
            assert_scripts_are_ours(broken, "broken")


def test_every_page_is_enumerated(app: FastAPI) -> None:
    found = {template for template, _, _ in pages(app)}
    assert set(SHOWN) | {"/timeline", "/network", "/docs"} <= found


def test_stored_payloads_never_run_and_show_as_text(page: Page, app: FastAPI) -> None:
    for template, url, _ in pages(app):
        extra = ["?level=entity"] if template == "/network" else [""]
        extra += ["?q=minister"] if template in ("/", "/search", "/map") else []
        for suffix in extra:
            response = page.goto(url + suffix)
            assert response is not None and response.status == 200, url + suffix
            assert_nothing_ran(page, url + suffix)
            raw = response.text()
            assert_scripts_are_ours(raw, url)
            for needle in ("<svg onload", "<img src=x", "</textarea>", "' onmouseover='",
                           '"><svg onload', "<a href=\"javascript"):  # fmt: skip
                assert needle not in raw, (url, needle)
            text = page.locator("main").inner_text()
            for shown in SHOWN.get(template, []):
                assert shown in text, (url, shown)
            assert "49" not in text or template == "/docs", url  # {{7*7}} is never evaluated


def test_reflected_parameters_never_run(page: Page, app: FastAPI) -> None:
    """Every query parameter of every page set to all payloads at once (400/422 pages
    included), and the search box to each payload on its own."""
    targets = [url + "?" + urlencode({name: ALL}) for _, url, query in pages(app) for name in query]
    targets += ["/search?" + urlencode({"q": payload}) for payload in PAYLOADS]
    assert len(targets) > 20
    for target in targets:
        response = page.goto(target)
        assert response is not None and response.status < 500, target
        assert_nothing_ran(page, target)
        raw = response.text()
        assert_scripts_are_ours(raw, target)
        for payload in PAYLOADS:
            assert payload not in raw or payload == TEMPLATE, (target, payload)


def test_error_pages_show_hostile_ids_as_text(page: Page) -> None:
    for path in (f"/articles/{quote(SCRIPT, safe='')}", f"/actors/{quote(IMG, safe='')}",
                 f"/articles/{quote(SVG, safe='')}"):  # fmt: skip
        response = page.goto(path)
        assert response is not None and response.status == 404
        assert_nothing_ran(page, path)
        message = page.locator("p.error").inner_text()  # an id with "/" matches no route
        assert message.startswith("no ") or message == "Not Found", path
    page.goto(f"/articles/{quote(IMG, safe='')}")
    assert page.locator("p.error").inner_text() == f"no article with id {IMG!r}"


def test_the_article_page_shows_each_field_literally(page: Page) -> None:
    page.goto(f"/articles/{ARTICLE_ID}")
    assert page.locator("h1").inner_text() == TITLE
    assert page.title() == f"{TITLE} · kroniek"
    assert page.locator("#article-text").inner_text() == TEXT
    assert page.locator("td.quote-text").inner_text() == QUOTE
    assert page.locator("table.entities a").first.inner_text() == ENTITY_NAME
    assert page.locator("a", has_text="original").count() == 0  # javascript: URL not linked
    title = page.locator("#article-text span.hl-quote").first.get_attribute("title") or ""
    assert SPEAKER_NAME in title and CUE in title
    page.locator("#article-text span.hl-ent").first.hover()
    assert_nothing_ran(page, "hover")


def test_pages_and_twins_carry_the_csp_and_json_keeps_text(page: Page, app: FastAPI) -> None:
    """The second layer: every page forbids inline script; the JSON twin returns the stored
    text unchanged (escaping is the page's job) with a JSON content type."""
    for _, url, _ in pages(app):
        response = page.goto(url)
        assert response is not None
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert response.headers.get("x-content-type-options") == "nosniff"
    twin = page.request.get(f"/api/articles/{ARTICLE_ID}")
    assert twin.headers["content-type"].startswith("application/json")
    article = twin.json()["article"]
    assert article["title"] == TITLE and article["caption"] == CAPTION
    assert article["byline"] == BYLINE and article["agencies"] == [AGENCY]
