"""HTML news pages -> Article: metadata, structure, hostile markup, nesting, empty pages."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.ingest import ReadOptions, iter_articles
from kroniek.ingest.html import NO_TEXT, blocks_from_markup, read_html
from kroniek.ingest.page import HEADING, PARAGRAPH
from kroniek.models import Article, IngestError
from tests.ingest.fixtures_web import PARAGRAPHS, SUBHEAD, TITLE, URL, NewsPage


def read(html: str, options: ReadOptions | None = None) -> list[Article | IngestError]:
    stream = io.BytesIO(html.encode("utf-8"))
    return list(read_html(stream, "pagina.html", options or ReadOptions()))


def one_article(html: str) -> Article:
    results = read(html)
    assert len(results) == 1
    article = results[0]
    assert isinstance(article, Article), article
    return article


def spans_text(article: Article, spans: list[tuple[int, int]]) -> list[str]:
    return [article.text[start:end] for start, end in spans]


def test_metadata_comes_from_the_page() -> None:
    article = one_article(NewsPage().html())
    assert article.title == TITLE
    assert article.byline == "Marieke de Vries"
    assert article.published == "2023-03-14"
    assert article.time_of_day == "10:53"
    assert article.url == URL
    assert article.outlet == "hetdagblad.nl"
    assert article.language == "nl"
    assert article.format == "html"
    assert article.agencies == ["ANP"]  # from the dateline "ZWOLLE (ANP) -"


def test_meta_tags_with_empty_names_are_ignored() -> None:
    """Found by the fuzzer: ``<meta property="">`` made the time-of-day reader fail."""
    page = NewsPage().html().replace(
        "</head>", '<meta property="" content="x"><meta name="" itemprop=""></head>', 1
    )
    article = one_article(page)
    assert (article.published, article.time_of_day) == ("2023-03-14", "10:53")


def test_paragraphs_and_sub_headings_are_kept() -> None:
    article = one_article(NewsPage().html())
    assert spans_text(article, article.headings) == [TITLE, SUBHEAD]
    assert spans_text(article, article.paragraphs) == list(PARAGRAPHS)
    assert article.text.startswith(TITLE + "\n\n")
    assert "Alle rechten voorbehouden" not in article.text  # footer
    assert "Home" not in article.text  # navigation


def test_bold_one_line_paragraph_is_a_sub_heading() -> None:
    page = NewsPage(
        subhead=None,
        extra_body="<p><strong>Onderzoek loopt nog</strong></p>"
        "<p>De politie onderzoekt hoe de lekkage kon ontstaan en verhoort getuigen.</p>",
    )
    article = one_article(page.html())
    assert "Onderzoek loopt nog" in spans_text(article, article.headings)


def test_hostile_markup_never_reaches_the_text() -> None:
    hostile = (
        "<script>document.write('SCRIPTMARKER')</script>"
        "<style>.x{content:'STYLEMARKER'}</style>"
        "<p onclick=\"alert('HANDLERMARKER')\">De brandweer was snel ter plaatse en kon erger "
        "voorkomen. <a href=\"javascript:alert('LINKMARKER')\">Lees meer</a> over de brand.</p>"
        "<iframe src=\"https://kwaad.example/\">IFRAMEMARKER</iframe>"
        "<object data=\"x.swf\">OBJECTMARKER</object>"
        "<svg><script>SVGMARKER</script><text>SVGTEXTMARKER</text></svg>"
        "<noscript>NOSCRIPTMARKER</noscript>"
        "<img src=x onerror=\"alert('IMGMARKER')\">"
    )
    page = NewsPage(extra_head="<script>var HEADMARKER = 1;</script>", extra_body=hostile)
    article = one_article(page.html().replace("<body>", "<body onload=\"alert('BODYMARKER')\">"))
    for marker in ("SCRIPT", "STYLE", "HANDLER", "LINK", "IFRAME", "OBJECT", "SVG", "SVGTEXT",
                   "NOSCRIPT", "IMG", "HEAD", "BODY"):  # fmt: skip
        assert f"{marker}MARKER" not in article.text
    assert "javascript" not in article.text
    assert "De brandweer was snel ter plaatse" in article.text


def test_reader_comments_are_not_article_text() -> None:
    comments = (
        '</article><section id="comments" class="comments"><h3>Reacties</h3>'
        '<div class="comment"><p>Wat een schande, REACTIEMARKER, de gemeente had dit jaren '
        "geleden moeten zien aankomen.</p></div></section><article>"
    )
    article = one_article(NewsPage(extra_body=comments).html())
    assert "REACTIEMARKER" not in article.text
    assert spans_text(article, article.paragraphs) == list(PARAGRAPHS)


def test_deeply_nested_page_is_read_without_crashing() -> None:
    depth = 100_000
    body = (
        "<div>" * depth
        + "<h2>Diep verstopt nieuws</h2><p>De gemeenteraad van Utrecht stemde in met het plan."
        "<br><br>Het college gaat nu aan de slag.</p><script>alert('DIEPMARKER')</script>"
        + "</div>" * depth
    )
    head = "<head><title>Nieuws uit de diepte</title></head>"
    html = f'<html lang="nl">{head}<body>{body}</body></html>'
    article = one_article(html)
    assert article.title == "Nieuws uit de diepte"
    assert "De gemeenteraad van Utrecht stemde in met het plan." in article.text
    assert "Diep verstopt nieuws" in spans_text(article, article.headings)
    assert "Het college gaat nu aan de slag." in spans_text(article, article.paragraphs)
    assert "DIEPMARKER" not in article.text


def test_boilerplate_only_page_has_no_article_text() -> None:
    html = (
        "<html><head><title>Het Dagblad</title></head><body><nav><a href='/'>Home</a>"
        "<a href='/sport'>Sport</a></nav><footer>© Het Dagblad</footer></body></html>"
    )
    assert read(html) == [IngestError("pagina.html", NO_TEXT)]


def test_empty_and_oversized_inputs_are_errors() -> None:
    assert read("  \n") == [IngestError("pagina.html", "empty input")]
    errors = read(NewsPage().html(), ReadOptions(max_article_bytes=100))
    assert len(errors) == 1 and isinstance(errors[0], IngestError)
    assert "byte limit" in errors[0].reason


def test_closing_credit_and_byline_paragraphs_are_metadata() -> None:
    page = NewsPage(
        author=None,
        paragraphs=("Door Piet Jansen", *PARAGRAPHS[1:], "Bron: Belga"),
    )
    article = one_article(page.html())
    assert article.byline == "Piet Jansen"
    assert "Bron: Belga" not in article.text
    assert "Door Piet Jansen" not in article.text
    assert article.agencies == ["Belga"]


def test_agency_from_meta_tag_and_author() -> None:
    page = NewsPage(paragraphs=PARAGRAPHS[1:], author="Redactie, ANP", meta={"source": "Reuters"})
    article = one_article(page.html())
    assert set(article.agencies) == {"ANP", "Reuters"}


def test_a_bare_year_in_the_text_is_not_a_publication_date() -> None:
    article = one_article(NewsPage(published=None).html())  # the text mentions "in 2015"
    assert article.published is None


def test_dutch_date_line_and_date_in_url() -> None:
    dated = NewsPage(published=None, extra_body='<p class="datum">dinsdag 14 maart 2023</p>')
    assert one_article(dated.html()).published == "2023-03-14"
    in_url = NewsPage(published=None, url="https://www.hetdagblad.nl/2023/03/14/zwembad-dicht")
    assert one_article(in_url.html()).published == "2023-03-14"


def test_declared_language_wins_and_detection_fills_in() -> None:
    assert one_article(NewsPage(lang="nl-BE").html()).language == "nl"
    assert one_article(NewsPage(lang=None).html()).language == "nl"


def test_markup_blocks_split_paragraphs_and_mark_headings() -> None:
    blocks = blocks_from_markup(
        "<h3>Tussenkop</h3><p>Eerste regel<br>zelfde alinea<br><br>nieuwe alinea</p>"
        "<script>if (a < b) { x = '<p>SCRIPT</p>'; }</script><div>Laatste &amp; slot</div>"
    )
    assert [(b.text, b.kind) for b in blocks] == [
        ("Tussenkop", HEADING),
        ("Eerste regel zelfde alinea", PARAGRAPH),
        ("nieuwe alinea", PARAGRAPH),
        ("Laatste & slot", PARAGRAPH),
    ]
    plain = blocks_from_markup("Eerste alinea.\n\nTweede alinea\nloopt door.")
    assert [b.text for b in plain] == ["Eerste alinea.", "Tweede alinea loopt door."]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=80))
def test_markup_inside_script_never_becomes_text(payload: str) -> None:
    marker = "GEHEIMMARKER"
    content = payload.replace("</", "<\\/")  # a script ends at its first "</"
    blocks = blocks_from_markup(f"<p>Voor</p><script>{content}{marker}</script><p>Na</p>")
    text = " ".join(block.text for block in blocks)
    assert marker not in text
    assert text.startswith("Voor") and text.endswith("Na")


def test_end_to_end_by_extension_and_by_sniffing(tmp_path: Path) -> None:
    (tmp_path / "artikel.html").write_text(NewsPage().html(), encoding="utf-8")
    (tmp_path / "zonder_extensie").write_text(NewsPage(title="Tweede bericht").html(), "utf-8")
    results = list(iter_articles([str(tmp_path)]))
    assert all(isinstance(result, Article) for result in results), results
    by_file = {Path(a.source_file).name: a for a in results if isinstance(a, Article)}
    assert by_file["artikel.html"].format == "html"
    assert by_file["zonder_extensie"].format == "html"
    assert by_file["zonder_extensie"].title == "Tweede bericht"
