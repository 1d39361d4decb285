"""Speakers described as a kind of organisation, on top of the real NER and actor resolver:
"het Russische persbureau" is the Russian agency the article names, else RUSMED; a ministry
named without a nationality belongs to the country the article is about."""

from __future__ import annotations

import pytest

from kroniek.extract.quote_organisations import organisation_words
from kroniek.models import Article, Quote
from kroniek.pipeline import analyze_article
from tests.extract.test_quotes_support import Actor, quotes


def _quotes(text: str, outlet: str = "https://www.voorbeeld.nl/nieuws") -> list[Quote]:
    article = Article(
        id="o",
        text=text,
        source_file="o.txt",
        paragraphs=[(0, len(text))],
        published="2024-05-02",
        url=outlet,
        outlet=outlet,
    )
    return analyze_article(article).quotes


def _speaker_of(found: list[Quote], words: str) -> tuple[str | None, str | None]:
    matching = [q for q in found if words in q.text]
    assert len(matching) == 1, found
    speaker = matching[0].speaker
    assert speaker is not None
    return speaker.entity, speaker.code


@pytest.mark.parametrize(
    ("word", "role"),
    [("persbureau", "MED"), ("staatspersbureau", "MED"), ("krant", "MED"), ("leger", "MIL"),
     ("ministerie", "GOV"), ("woordvoerder", None)],
)  # fmt: skip
def test_organisation_heads_have_a_role(word: str, role: str | None) -> None:
    assert organisation_words().role_of(word) == role


def test_described_agency_is_the_agency_the_article_names() -> None:
    text = (
        "Het Russische persbureau Interfax bracht woensdag nieuws over de kerncentrale. "
        "Volgens het Russische staatspersbureau is de stroomvoorziening weer hersteld."
    )
    found = _quotes(text)
    assert _speaker_of(found, "stroomvoorziening") == ("kroniek:interfax", "RUSMED")


def test_named_paper_after_its_description_speaks() -> None:
    text = (
        "Premier Netanyahu reisde dinsdag naar het noorden. De Israëlische krant Haaretz "
        "schrijft dat de coalitie diep verdeeld is over de begroting."
    )
    found = _quotes(text)
    assert _speaker_of(found, "coalitie") == ("kroniek:haaretz", "ISRMED")
    assert not any("Haaretz" in q.text for q in found)


def test_unnamed_agency_gets_country_and_media_role() -> None:
    text = "Volgens het Russische staatspersbureau zijn bij de aanval vier soldaten gesneuveld."
    assert _speaker_of(_quotes(text), "soldaten") == (None, "RUSMED")


def test_unnamed_army_gets_country_and_military_role() -> None:
    text = "Het Oekraïense leger meldt dat er 's nachts zware gevechten waren bij de rivier."
    _, code = _speaker_of(_quotes(text), "gevechten")
    assert code == "UKRMIL"


def test_ministry_without_nationality_belongs_to_the_country_abroad() -> None:
    text = (
        "In de Gazastrook vielen opnieuw slachtoffers bij bombardementen op Rafah en Khan Younis. "
        "Het ministerie van Volksgezondheid zegt dat twaalf mensen zijn omgekomen."
    )
    entity, code = _speaker_of(_quotes(text), "twaalf mensen")
    assert code is not None and code.startswith("PSE")
    assert entity != "kroniek:nld-ministry-health"


def test_ministry_of_the_country_most_named() -> None:
    text = (
        "Bij luchtaanvallen op Rafah en Khan Younis vielen zaterdag doden. Dat meldt het "
        "ministerie van Volksgezondheid."
    )
    _, code = _speaker_of(_quotes(text), "luchtaanvallen")
    assert code is not None and code.startswith("PSE")


def test_home_ministry_stays_home() -> None:
    text = (
        "Het kabinet in Den Haag wil sneller vaccineren. Het ministerie van Volksgezondheid "
        "laat weten dat er volgende week extra priklocaties opengaan in Utrecht."
    )
    _, code = _speaker_of(_quotes(text), "priklocaties")
    assert code is not None and code.startswith("NLD")


def test_ministry_of_the_place_named_after_it() -> None:
    text = (
        "Bij beschietingen op het vluchtelingenkamp vielen negen doden, meldt het ministerie van "
        "Onderwijs van Oeganda. Ook Kenia en Rwanda werden genoemd."
    )
    ministry = Actor("x:nl-ministerie", "Ministerie (NL)", "ORG",
                     ("het ministerie van Onderwijs",), "NLD", "EDU")  # fmt: skip
    places = [
        Actor("x:oeganda", "Oeganda", "GPE", ("Oeganda",), "UGA"),
        Actor("x:kenia", "Kenia", "GPE", ("Kenia",), "KEN"),
        Actor("x:rwanda", "Rwanda", "GPE", ("Rwanda",), "RWA"),
    ]
    found = quotes(text, ministry, *places)
    assert [(q.speaker.entity, q.speaker.code) for q in found if q.speaker] == [(None, "UGAGOV")]


def test_ministry_stays_when_its_country_is_named_elsewhere() -> None:
    text = (
        "Nederland stuurt hulp naar Oeganda. Er komen negen tenten bij, meldt het ministerie van "
        "Onderwijs van Oeganda."
    )
    ministry = Actor("x:nl-ministerie", "Ministerie (NL)", "ORG",
                     ("het ministerie van Onderwijs",), "NLD", "EDU")  # fmt: skip
    places = [
        Actor("x:nederland", "Nederland", "GPE", ("Nederland",), "NLD"),
        Actor("x:oeganda", "Oeganda", "GPE", ("Oeganda",), "UGA"),
    ]
    found = quotes(text, ministry, *places)
    assert [(q.speaker.entity, q.speaker.code) for q in found if q.speaker] == [
        ("x:nl-ministerie", "NLDEDU")
    ]
