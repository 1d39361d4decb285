"""Continuous ingest: folders and feeds polled, new items stored once, across restarts."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kroniek.cli import (
    app,
    commands,  # noqa: F401 - registers the commands
)
from kroniek.ingest import ReadOptions
from kroniek.models import Article
from kroniek.store import Store
from kroniek.watch import PassReport, Watcher, WatchSettings, feed_items, watch

SETTLE = 0.05  # seconds between the two looks at a folder in --once runs
LOOP_DEADLINE_SECONDS = 20.0

ITEMS = {
    "brug": (
        "https://nieuws.example.nl/2024/05/02/brug-dicht",
        "Brug over de Waal urenlang dicht na aanvaring",
        "<p>De brug over de Waal bij Nijmegen is donderdag urenlang afgesloten geweest nadat "
        "een vrachtschip tegen een pijler was gevaren. Rijkswaterstaat onderzoekt de schade.</p>",
    ),
    "staking": (
        "https://nieuws.example.nl/2024/05/03/staking-bus",
        "Buschauffeurs leggen werk neer in Utrecht",
        "<p>Buschauffeurs in Utrecht hebben vrijdag het werk neergelegd uit protest tegen de "
        "werkdruk. De vakbond FNV eist meer pauzes en extra personeel.</p>",
    ),
    "raad": (
        "https://nieuws.example.nl/2024/05/04/gemeenteraad-gent",
        "Gemeenteraad van Gent keurt nieuw mobiliteitsplan goed",
        "<p>De gemeenteraad van Gent heeft zaterdag het nieuwe mobiliteitsplan goedgekeurd. "
        "De oppositie noemt het plan te duur en vraagt een volksraadpleging.</p>",
    ),
}


def rss(*names: str) -> bytes:
    items = "".join(
        f"<item><title>{ITEMS[n][1]}</title><link>{ITEMS[n][0]}</link>"
        f"<pubDate>Thu, 02 May 2024 10:00:00 +0200</pubDate>"
        f"<description><![CDATA[{ITEMS[n][2]}]]></description></item>"
        for n in names
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Testnieuws</title><language>nl</language>{items}</channel></rss>"
    ).encode()


@dataclass
class FeedServer:
    """Feeds served from memory on localhost; records the requests it answers."""

    url: str = ""
    pages: dict[str, bytes] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    conditional: list[str] = field(default_factory=list)  # paths asked with If-None-Match

    def feed(self, path: str) -> str:
        return f"{self.url}{path}"


@pytest.fixture
def server() -> Iterator[FeedServer]:
    served = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status = served.statuses.get(self.path, 200)
            body = served.pages.get(self.path)
            if body is None or status != 200:
                self.send_error(404 if body is None else status)
                return
            etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
            if self.headers.get("If-None-Match"):
                served.conditional.append(self.path)
                if self.headers["If-None-Match"] == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield served
    httpd.shutdown()
    httpd.server_close()


def feed_list(tmp_path: Path, *urls: str) -> Path:
    path = tmp_path / "feeds.txt"
    path.write_text("# feeds om te volgen\n\n" + "\n".join(urls) + "\n", encoding="utf-8")
    return path


def once(store: Store, feeds: Path | None = None, folders: list[Path] | None = None):
    settings = WatchSettings(interval=SETTLE, once=True)
    return watch(store, folders or [], feeds, settings)


def test_new_feed_items_appear_and_nothing_is_stored_twice_across_restarts(
    tmp_path, sqlite_url, server
):
    server.pages["/nieuws.xml"] = rss("brug", "staking")
    feeds = feed_list(tmp_path, server.feed("/nieuws.xml"))
    with Store.open(sqlite_url) as store:
        first = once(store, feeds)
        assert (first.new, first.errors) == (2, 0)
        server.pages["/nieuws.xml"] = rss("raad", "brug", "staking")  # new item on top
        second = once(store, feeds)  # a new watcher: as after a restart
        assert (second.new, second.already) == (1, 2)
        third = once(store, feeds)
        assert (third.new, third.already) == (0, 3)
        assert store.count() == 3
        stored = store.articles(limit=10)
    assert {row["source_file"] for row in stored} == {item[0] for item in ITEMS.values()}
    assert {row["title"] for row in stored} == {item[1] for item in ITEMS.values()}


def test_unchanged_feed_is_skipped_with_its_etag(tmp_path, sqlite_url, server):
    server.pages["/nieuws.xml"] = rss("brug")
    feeds = feed_list(tmp_path, server.feed("/nieuws.xml"))
    with Store.open(sqlite_url) as store:
        watcher = Watcher(store, [], feeds, WatchSettings())
        fetched, unchanged = watcher.run_pass(), watcher.run_pass()
        server.pages["/nieuws.xml"] = rss("brug", "staking")
        changed = watcher.run_pass()
    assert (fetched.feeds_fetched, fetched.summary.new) == (1, 1)
    assert (unchanged.feeds_fetched, unchanged.feeds_unchanged, unchanged.summary.read) == (0, 1, 0)
    assert (changed.feeds_fetched, changed.summary.new) == (1, 1)
    assert server.conditional == ["/nieuws.xml", "/nieuws.xml"]


def test_broken_feeds_are_recorded_as_errors_and_the_rest_is_read(tmp_path, sqlite_url, server):
    server.pages["/goed.xml"] = rss("brug", "raad")
    server.pages["/kapot.xml"] = b"dit is geen feed maar gewone tekst"
    server.pages["/fout.xml"] = rss("staking")
    server.statuses["/fout.xml"] = 500
    broken = [server.feed("/kapot.xml"), server.feed("/fout.xml"), server.feed("/weg.xml"),
              "ftp://nieuws.example.nl/feed.xml"]  # fmt: skip
    feeds = feed_list(tmp_path, *broken, server.feed("/goed.xml"))
    reports: list[PassReport] = []
    with Store.open(sqlite_url) as store:
        settings = WatchSettings(once=True)
        summary = watch(store, [], feeds, settings, on_pass=reports.append)
        errors = {row["source_file"]: row["reason"] for row in store.errors()}
        assert store.count() == 2
        again = watch(store, [], feeds, settings)
    assert summary.new == 2 and summary.errors == 4
    assert set(errors) == set(broken)
    assert "HTTP 500" in errors[server.feed("/fout.xml")]
    assert "HTTP 404" in errors[server.feed("/weg.xml")]
    assert "http(s)" in errors["ftp://nieuws.example.nl/feed.xml"]
    assert len(reports[0].feed_errors) == 4
    assert (again.new, again.errors) == (0, 0)  # each error recorded once


def test_feed_items_are_keyed_by_link_or_by_feed_and_content():
    feed_url = "https://feeds.example.nl/binnenland.xml"
    without_link = f"<link>{ITEMS['staking'][0]}</link>".encode()
    feed = rss("brug", "staking").replace(without_link, b"")
    first, second = feed_items(feed, feed_url, ReadOptions())
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.source_file == ITEMS["brug"][0]
    assert second.source_file == f"{feed_url}#{second.id}"
    assert first.line is None and second.line is None


def test_oversized_feed_is_an_error(tmp_path, sqlite_url, server):
    server.pages["/groot.xml"] = rss("brug", "staking", "raad")
    feeds = feed_list(tmp_path, server.feed("/groot.xml"))
    with Store.open(sqlite_url) as store:
        report = Watcher(store, [], feeds, WatchSettings(max_feed_bytes=500)).run_pass()
        assert store.count() == 0
    assert report.feed_errors == [f"{server.feed('/groot.xml')}: feed over the 500 byte limit"]


def rows(*names: str) -> str:
    return "".join(
        json.dumps({"url": ITEMS[n][0], "text": f" date 2024-05 {ITEMS[n][1]}\n\n"
                    + ITEMS[n][2].removeprefix("<p>").removesuffix("</p>")}) + "\n"
        for n in names
    )  # fmt: skip


def test_folder_files_are_read_once_complete_and_appended_rows_later(tmp_path, sqlite_url):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    jsonl = inbox / "nieuws.jsonl"
    jsonl.write_text(rows("brug"), encoding="utf-8")
    with Store.open(sqlite_url) as store:
        watcher = Watcher(store, [inbox], None, WatchSettings())
        watcher.prime()
        assert watcher.run_pass().summary.new == 1
        with jsonl.open("a", encoding="utf-8") as growing:
            growing.write(rows("staking"))
        assert watcher.run_pass().summary.read == 0  # still being written: wait a poll
        grown = watcher.run_pass().summary
        assert (grown.new, grown.already) == (1, 1)
        assert watcher.run_pass().summary.read == 0  # unchanged: not read again
        restarted = once(store, folders=[inbox])
        assert (restarted.new, restarted.already) == (0, 2)
        assert store.count() == 2


def test_watch_loop_picks_up_files_that_arrive_later(tmp_path, sqlite_url):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    stop = threading.Event()
    with Store.open(sqlite_url) as store:
        settings = WatchSettings(interval=SETTLE)
        loop = threading.Thread(target=watch, args=(store, [inbox], None, settings),
                                kwargs={"stop": stop})  # fmt: skip
        loop.start()
        try:
            (inbox / "later.jsonl").write_text(rows("raad", "brug"), encoding="utf-8")
            deadline = time.monotonic() + LOOP_DEADLINE_SECONDS
            while store.count() < 2 and time.monotonic() < deadline:
                time.sleep(SETTLE)
        finally:
            stop.set()
            loop.join()
        assert store.count() == 2


def test_cli_watch_once_reads_folder_and_feeds(tmp_path, sqlite_url, server):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "nieuws.jsonl").write_text(rows("staking"), encoding="utf-8")
    server.pages["/nieuws.xml"] = rss("brug", "raad")
    feeds = feed_list(tmp_path, server.feed("/nieuws.xml"))
    args = ["watch", str(inbox), "--feed", str(feeds), "--once", "--interval", str(SETTLE),
            "--db", sqlite_url]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "new: 3" in result.stdout
    again = CliRunner().invoke(app, args)
    assert "new: 0" in again.stdout and "already stored: 3" in again.stdout


def test_cli_watch_needs_something_to_watch():
    result = CliRunner().invoke(app, ["watch", "--once"])
    assert result.exit_code == 1
    assert "nothing to watch" in result.output


def test_new_items_join_story_clusters_as_after_ingest(tmp_path, sqlite_url, server):
    link, title, _body = ITEMS["brug"]
    server.pages["/nieuws.xml"] = rss("brug", "staking")
    server.pages["/regio.xml"] = (
        rss("brug")
        .replace(link.encode(), b"https://regio.example.nl/brug-waal")
        .replace(title.encode(), b"Aanvaring legt Waalbrug bij Nijmegen stil")
        .replace(b"donderdag", b"donderdagochtend")
    )
    feeds = feed_list(tmp_path, server.feed("/nieuws.xml"), server.feed("/regio.xml"))
    with Store.open(sqlite_url) as store:
        once(store, feeds)
        stories = {record["source_file"]: record.get("story") for record in store.records()}
    assert len(stories) == 3
    assert stories[link] is not None
    assert stories[link] == stories["https://regio.example.nl/brug-waal"]
    assert stories[ITEMS["staking"][0]] is None  # a story of its own: no cluster
