"""RSS, Atom and RDF feeds -> one Article per item, errors per item or per feed."""

from __future__ import annotations

import io
from pathlib import Path

from kroniek.ingest import ReadOptions, iter_articles
from kroniek.ingest.feeds import NO_TEXT, read_feed
from kroniek.models import Article, IngestError
from tests.ingest.fixtures_web import rss_feed, rss_item

BRIDGE_HTML = (
    "<p>DEN HAAG (ANP) - Het kabinet trekt extra geld uit voor het herstel van bruggen en "
    "sluizen. Minister Van Dijk maakte dat woensdag bekend.</p><h2>Achterstallig onderhoud</h2>"
    "<p>Volgens Rijkswaterstaat zijn ruim tweehonderd bruggen aan vervanging toe.</p>"
)


def read(data: bytes) -> list[Article | IngestError]:
    return list(read_feed(io.BytesIO(data), "nieuws.rss", ReadOptions()))


def articles(results: list[Article | IngestError]) -> list[Article]:
    return [result for result in results if isinstance(result, Article)]


def test_rss_items_become_articles_with_their_metadata() -> None:
    feed = rss_feed([
        rss_item("Kabinet trekt geld uit voor bruggen", "https://www.hetdagblad.nl/politiek/bruggen",
                 BRIDGE_HTML, author="Sanne Peters", published="Wed, 15 Mar 2023 00:30:00 +0100"),
        rss_item("Storm op komst", "https://www.hetdagblad.nl/weer/storm", None,
                 summary="Het KNMI waarschuwt voor zware windstoten in het noorden van het land."),
    ])  # fmt: skip
    first, second = read(feed)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.line, second.line) == (1, 2)
    assert first.title == "Kabinet trekt geld uit voor bruggen"
    assert first.url == "https://www.hetdagblad.nl/politiek/bruggen"
    assert first.outlet == "hetdagblad.nl"
    assert first.byline == "Sanne Peters"
    # the date as written (local time), not feedparser's UTC reading (14 March 23:30)
    assert (first.published, first.time_of_day) == ("2023-03-15", "00:30")
    assert first.language == "nl"
    assert first.format == "feed"
    assert first.agencies == ["ANP"]
    assert [first.text[s:e] for s, e in first.headings] == [
        "Kabinet trekt geld uit voor bruggen", "Achterstallig onderhoud",
    ]
    assert len(first.paragraphs) == 2
    assert second.text.endswith("zware windstoten in het noorden van het land.")


def test_item_without_text_is_an_error_for_that_item_only() -> None:
    feed = rss_feed([
        rss_item("Eerste bericht", "https://www.hetdagblad.nl/a", BRIDGE_HTML),
        rss_item("Alleen een kop", "https://www.hetdagblad.nl/b", None),
        rss_item("Derde bericht", "https://www.hetdagblad.nl/c", "<p>Nog een bericht.</p>"),
    ])  # fmt: skip
    results = read(feed)
    assert results[1] == IngestError("nieuws.rss", NO_TEXT, 2)
    assert [a.line for a in articles(results)] == [1, 3]


def test_hostile_item_markup_is_dropped() -> None:
    body = (
        "<p onclick=\"alert('HANDLERMARKER')\">De raad vergaderde tot laat in de avond.</p>"
        "<script>alert('SCRIPTMARKER')</script><iframe src='https://kwaad.example'>IFRAMEMARKER"
        "</iframe><p><a href=\"javascript:alert('LINKMARKER')\">meer</a></p>"
        "<style>p{color:red} /* STYLEMARKER */</style>"
    )
    (article,) = read(rss_feed([rss_item("Raad", "https://www.hetdagblad.nl/raad", body)]))
    assert isinstance(article, Article)
    assert "De raad vergaderde tot laat in de avond." in article.text
    for marker in ("HANDLER", "SCRIPT", "IFRAME", "LINK", "STYLE"):
        assert f"{marker}MARKER" not in article.text
    assert "javascript" not in article.text


def test_atom_entries() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl-BE">
  <title>De Krant</title>
  <link href="https://www.dekrant.be/"/>
  <id>urn:dekrant</id>
  <updated>2023-06-02T09:15:00+02:00</updated>
  <entry>
    <title>Gent opent nieuwe fietsbrug</title>
    <link href="https://www.dekrant.be/regio/gent-fietsbrug"/>
    <id>urn:dekrant:1</id>
    <author><name>Tom Claes</name></author>
    <published>2023-06-01T18:05:00+02:00</published>
    <updated>2023-06-02T09:15:00+02:00</updated>
    <content type="html">&lt;p&gt;De stad Gent heeft een fietsbrug over de Leie geopend.&lt;/p&gt;
      &lt;p&gt;De brug kostte vier miljoen euro. (Belga)&lt;/p&gt;</content>
  </entry>
</feed>"""
    (article,) = read(atom)
    assert isinstance(article, Article)
    assert article.title == "Gent opent nieuwe fietsbrug"
    assert article.url == "https://www.dekrant.be/regio/gent-fietsbrug"
    assert article.byline == "Tom Claes"
    assert (article.published, article.time_of_day) == ("2023-06-01", "18:05")
    assert article.language == "nl"
    assert article.agencies == ["Belga"]
    assert len(article.paragraphs) == 2


def test_rdf_feed_with_dublin_core_date() -> None:
    rdf = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://www.hetdagblad.nl/">
    <title>Het Dagblad</title><link>https://www.hetdagblad.nl/</link>
    <description>Nieuws</description><dc:language>nl</dc:language>
  </channel>
  <item rdf:about="https://www.hetdagblad.nl/economie/haven">
    <title>Haven van Rotterdam groeit</title>
    <link>https://www.hetdagblad.nl/economie/haven</link>
    <description>De overslag in de haven nam vorig jaar met drie procent toe.</description>
    <dc:date>2023-02-10</dc:date>
  </item>
</rdf:RDF>"""
    (article,) = read(rdf)
    assert isinstance(article, Article)
    assert article.published == "2023-02-10"
    assert article.time_of_day is None
    assert article.text.endswith("nam vorig jaar met drie procent toe.")


def test_malformed_and_empty_feeds_are_errors() -> None:
    (broken,) = read(b"<?xml version='1.0'?><rss><channel><title>Kapot</tit")
    assert isinstance(broken, IngestError)
    assert broken.reason.startswith("malformed feed")
    (empty,) = read(rss_feed([]))
    assert empty == IngestError("nieuws.rss", "no feed items found")
    assert read(b"   ") == [IngestError("nieuws.rss", "empty input")]


def test_end_to_end_by_extension_and_by_sniffing(tmp_path: Path) -> None:
    item = rss_item("Bruggen", "https://www.hetdagblad.nl/politiek/bruggen", BRIDGE_HTML)
    (tmp_path / "nieuws.rss").write_bytes(rss_feed([item]))
    (tmp_path / "nieuws_zonder_extensie").write_bytes(rss_feed([item, item]))
    results = list(iter_articles([str(tmp_path)]))
    assert all(isinstance(result, Article) for result in results), results
    names = sorted((Path(a.source_file).name, a.line, a.format) for a in articles(results))
    assert names == [
        ("nieuws.rss", 1, "feed"),
        ("nieuws_zonder_extensie", 1, "feed"),
        ("nieuws_zonder_extensie", 2, "feed"),
    ]
