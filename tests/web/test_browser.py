"""The web UI in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against a
real uvicorn server on a free localhost port. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from kroniek.api import create_app
from kroniek.store import Store
from tests.api import corpus

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
START_TIMEOUT_S = 15.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'kroniek.db'}"
    store = Store.open(url)
    corpus.load(store)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(store=store), host="127.0.0.1", port=port, log_level="warning")
    )
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
        store.close()


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
    """A fresh page; fails the test on any console error (e.g. a CSP violation) or dialog."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    opened.on("console", on_console)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    yield opened
    context.close()
    assert problems == []


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_every_page_loads(page: Page) -> None:
    pages = {"search": "/", "actors": "/actors", "actor": f"/actors/{corpus.PUTIN}",
             "timeline": "/timeline", "network": "/network", "map": "/map",
             "stories": "/stories", "docs": "/docs", "article": "/articles/a1"}  # fmt: skip
    for name, path in pages.items():
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert page.locator("header.top nav a").count() == 7
        shot(page, name)
    page.goto("/map")
    assert page.locator("svg.map a.place circle").count() == 3
    page.goto("/network")
    assert page.locator("svg.network circle").count() == 4
    page.locator("svg.network a.node").first.click()
    page.wait_for_url("**/search?q=actor*")


def test_search_facets_and_open_an_article(page: Page) -> None:
    page.goto("/")
    page.fill("input[name=q]", "poetin")
    page.click("form.query button")
    page.wait_for_url("**/search?q=poetin*")
    assert page.locator("li.hit").count() == 4
    assert page.locator("li.hit .snippet mark").first.inner_text() == "Poetin"
    shot(page, "search-results")
    page.locator(".facet-outlet a", has_text="hln.be").click()
    page.wait_for_url("**outlet=hln.be*")
    assert page.locator("li.hit").count() == 1
    page.locator("li.hit a.title").click()
    page.wait_for_url("**/articles/a3")
    assert page.locator("h1").inner_text() == "Poetin dreigt de NAVO"


def test_article_highlights_with_hover_titles_and_layer_toggles(page: Page) -> None:
    page.goto("/articles/a1")
    trigger = page.locator("#article-text span.hl-event", has_text="beschoten")
    assert "hl-q4" in (trigger.get_attribute("class") or "")
    title = trigger.get_attribute("title") or ""
    assert "ASSAULT RUSGOV → UKR" in title and "rule test:assault" in title
    putin = page.locator("#article-text span.hl-ent", has_text="Poetin")
    assert "RUSGOV" in (putin.get_attribute("title") or "")
    assert page.locator("#article-text span.hl-ent").count() == 3
    quote = page.locator("#article-text span.hl-quote")
    assert quote.first.inner_text().startswith("Dit is terreur")
    underline = trigger.evaluate("el => getComputedStyle(el).textDecorationLine")
    assert underline == "underline"
    page.uncheck("input[data-layer=event]")
    assert trigger.evaluate("el => getComputedStyle(el).textDecorationLine") == "none"
    assert "hide-event" in (page.locator("#article-text").get_attribute("class") or "")
    shot(page, "article-highlights")


def test_hostile_article_never_runs_script(page: Page) -> None:
    for path in (f"/articles/{corpus.XSS_ID}", "/search?q=lezer", f"/actors/{corpus.PUTIN}",
                 "/search"):  # fmt: skip
        page.goto(path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.title() != "pwned"
    page.goto(f"/articles/{corpus.XSS_ID}")
    text = page.locator("#article-text").inner_text()
    assert "<script>window.__pwned = 1; document.title = 'pwned';</script>" in text
    assert '<img src=x onerror="window.__pwned = 2">' in text
    assert page.locator("#article-text script, #article-text img, #article-text svg").count() == 0
    assert "<script>" in page.locator("h1").inner_text()
    page.locator("#article-text span.hl-quote").first.hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(page, "article-hostile")


def test_actor_timeline_and_dyad_view(page: Page) -> None:
    page.goto(f"/actors/{corpus.PUTIN}")
    chart = page.locator("#actor-timeline svg.timeline")
    assert chart.locator("rect.bar").count() == 5
    assert chart.locator("rect.bar.q4").count() == 1
    assert chart.locator("polyline.goldstein-line").count() == 1
    assert page.locator("table.partners a", has_text="Volodymyr Zelensky").count() == 1
    shot(page, "actor-timeline")
    page.click("text=per week")
    page.wait_for_url("**period=week")
    assert page.locator("#actor-timeline rect.bar").count() == 6  # four weeks, two with two classes
    page.goto("/timeline")
    page.fill("input[name=a]", "RUS")
    page.fill("input[name=b]", "UKR")
    page.click("form.query button")
    page.wait_for_url("**a=RUS*")
    directions = page.locator(".dyad-direction")
    assert directions.count() == 2
    assert directions.nth(0).locator("h3").inner_text() == "RUS → UKR"
    assert directions.nth(0).locator("rect.bar").count() == 2
    assert directions.nth(1).locator("rect.bar").count() == 1
    shot(page, "timeline-dyad")
