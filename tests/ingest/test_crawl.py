from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.errors import InputError
from kroniek.ingest.build import make_article
from kroniek.ingest.crawl import parse_crawl, split_byline
from tests import texts


def article(text: str):
    return make_article(parse_crawl(text), "test.txt")


def test_headed_page_metadata():
    a = article(texts.HEADED)
    assert a.title == "Minister belooft snelle hulp aan getroffen boeren in Limburg"
    assert a.byline == "Redactie"
    assert a.published == "2019-03"
    assert a.time_of_day == "14:05"
    assert a.agencies == ["Belga"]
    assert [(c.name, c.count) for c in a.photo_credits] == [("Photo News", 3)]
    assert a.caption == "Boeren bekijken de schade aan hun velden bij Maaseik, gisteren."
    assert a.language == "nl"


def test_caption_title_and_body_are_separate_blocks():
    a = article(texts.HEADED)
    blocks = [a.text[s:e] for s, e in sorted(a.paragraphs + a.headings)]
    assert blocks[0] == a.title
    assert blocks[1] == a.caption
    assert blocks[2].startswith("De Vlaamse minister van Landbouw heeft dinsdag beloofd")
    headings = [a.text[s:e] for s, e in a.headings]
    assert headings == [a.title, "Geen tijd te verliezen"]
    # the closing "Bron: Belga" line is metadata, not text
    assert "Bron:" not in a.text


def test_page_without_title_starts_with_body():
    a = article(texts.NO_TITLE)
    assert a.title is None and a.byline is None
    assert a.published == "2021-06"
    assert a.text.startswith("De politie van Antwerpen heeft gisteren")


def test_personal_byline_and_date_line():
    a = article(texts.PERSONAL_BYLINE)
    assert a.title == "Stakingsdag legt treinverkeer stil"
    assert a.byline == "Sanne de Vries Koen Peeters"
    assert a.published == "2022-11-08"
    assert a.time_of_day == "09:12"


def test_dateline_agency():
    a = article(texts.DATELINE_AGENCY)
    assert a.agencies == ["ANP"]
    assert a.title is None


def test_page_without_header():
    a = article(texts.NO_HEADER)
    assert a.published is None and a.title is None
    assert len(a.paragraphs) == 2


def test_door_byline_without_title():
    a = article(" date 2016-09 Door: redactie\n\nHet bedrijf sluit de vestiging in Gosselies.\n")
    assert a.byline == "redactie" and a.title is None


@pytest.mark.parametrize(
    ("line", "title", "byline"),
    [
        ("Kabinet valt over migratie LB", "Kabinet valt over migratie", "LB"),
        (
            "Europese leiders eens over steun aan EU",
            "Europese leiders eens over steun aan EU",
            None,
        ),
        (
            "Oekraïne vraagt meer wapens aan de NAVO",
            "Oekraïne vraagt meer wapens aan de NAVO",
            None,
        ),
        (
            "Zware storm raast over Vlaanderen Jan Peeters",
            "Zware storm raast over Vlaanderen",
            "Jan Peeters",
        ),
    ],
)
def test_split_byline(line, title, byline):
    assert split_byline(line) == (title, byline)


def test_offsets_of_blocks_are_exact():
    a = article(texts.HEADED)
    for start, end in a.paragraphs + a.headings:
        piece = a.text[start:end]
        assert piece == piece.strip() and piece


def test_same_text_same_id_and_whitespace_does_not_matter():
    first = article(texts.NO_TITLE)
    second = article(texts.NO_TITLE.replace("\n\n", "\n\n\n"))
    assert first.id == second.id
    assert first.id != article(texts.NO_HEADER).id


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_parse_crawl_never_crashes(text):
    """Any text parses; building an article either works or refuses with an InputError."""
    page = parse_crawl(text)
    try:
        built = make_article(page, "fuzz.txt")
    except InputError:
        return
    for start, end in built.paragraphs + built.headings:
        assert 0 <= start <= end <= len(built.text)


@pytest.mark.parametrize(
    ("line", "agencies", "credits", "body_start"),
    [
        ("Bron: Belga Het hof sprak de man vrij.", ["Belga"], [], "Het hof"),
        ("Bron: Belga, AFP De Europese Unie reageert scherp.", ["Belga", "AFP"], [], "De Europese"),
        ("Bron: Eigen berichtgeving, Belga 51 Op de E40 gebeurde een ongeval.", ["Belga"], [], "Op de E40"),
        ("Bron: ANP/Reuters 2 EPA Betogers in Den Haag. De politie greep in.", ["ANP", "Reuters"], [("EPA", 2)], "De politie"),
        ("Bron: Belga 0 De minister zoekt extra plaatsen.", ["Belga"], [], "De minister"),
    ],
)
def test_source_line_variants(line, agencies, credits, body_start):
    a = article(f" date 2020-01 Een kop zonder punt Redactie\n\n{line}\n")
    assert a.agencies == agencies
    assert [(c.name, c.count) for c in a.photo_credits] == credits
    body = [a.text[s:e] for s, e in a.paragraphs if a.text[s:e] != a.caption]
    assert body[0].startswith(body_start)
