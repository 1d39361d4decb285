"""Quotes in whole news articles, through the real pipeline: headlines, datelines, media
described by their kind, addressees and coordinated verbs that end a reported clause."""

from __future__ import annotations

import re

from kroniek.models import Article, Quote
from kroniek.pipeline import analyze_article


def _quotes(text: str, headings: tuple[int, ...] = ()) -> list[Quote]:
    """Quotes of ``text``; the lines numbered in ``headings`` are the title and sub-headings."""
    blocks = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    article = Article(
        id="n",
        text=text,
        source_file="n.txt",
        paragraphs=[b for i, b in enumerate(blocks) if i not in headings],
        headings=[b for i, b in enumerate(blocks) if i in headings],
        published="2024-05-02",
        url="https://www.voorbeeld.nl/nieuws",
        outlet="https://www.voorbeeld.nl/nieuws",
    )
    return analyze_article(article).quotes


def _speaker(found: list[Quote], words: str) -> str | None:
    matching = [q for q in found if words in q.text]
    assert len(matching) == 1, found
    speaker = matching[0].speaker
    return speaker.name if speaker is not None else None


def test_quote_in_a_headline_is_no_speech() -> None:
    text = (
        "Vakbond: 'geen enkel vertrouwen'\n\n"
        "De vakbond ABVV reageerde woensdag scherp op de plannen van de regering. "
        "„We laten dit niet zomaar passeren”, zei voorzitter Thierry Bodson."
    )
    found = _quotes(text, headings=(0,))
    assert not any("vertrouwen" in q.text for q in found)
    assert any("passeren" in q.text for q in found)


def test_quote_in_a_sub_heading_is_no_speech() -> None:
    text = (
        "Minister stapt op na kritiek\n\n"
        "Minister Karin Smit kreeg dinsdag felle kritiek van de oppositie. "
        "Oppositieleider Frans Timmermans eiste haar vertrek.\n\n"
        "'Ik ga niet weg'\n\n"
        "Smit bood woensdag toch haar ontslag aan bij de koning."
    )
    found = _quotes(text, headings=(0, 2))
    assert [q for q in found if "weg" in q.text] == []


def test_headline_naming_its_speaker_with_a_full_sentence_is_speech() -> None:
    text = (
        "Fedasil: 'Er is plaats voor honderd extra nieuwkomers in de opvang'\n\n"
        "Het opvangagentschap Fedasil zegt dat er nog plaatsen vrij zijn in de centra."
    )
    found = _quotes(text, headings=(0,))
    assert any("nieuwkomers" in q.text for q in found)


def test_dateline_place_is_not_the_speaker() -> None:
    text = "Den Haag - De oppositie eist dat het kabinet de toeslagen voor gezinnen snel verhoogt."
    found = _quotes(text)
    assert _speaker(found, "toeslagen") not in (None, "Den Haag", "The Hague")


def test_broadcaster_described_by_its_kind_speaks_by_its_name() -> None:
    text = "De zender Al Jazeera meldt dat de president volgende week naar Berlijn reist."
    assert _speaker(_quotes(text), "Berlijn") == "Al Jazeera"


def test_paper_spoken_to_is_not_the_speaker() -> None:
    text = (
        "De familie van een van de gijzelaars zei tegen de Israëlische krant Haaretz "
        "dat ze voorzichtig hoopvol is."
    )
    speaker = _speaker(_quotes(text), "hoopvol")
    assert speaker is not None and speaker.startswith("De familie")


def test_coordinated_verb_of_the_speaker_ends_the_clause() -> None:
    text = (
        "Minister Jan Jambon noemde de staking een gemiste kans en riep de vakbonden op "
        "om terug aan tafel te komen."
    )
    found = _quotes(text)
    assert [q.text for q in found] == ["de staking een gemiste kans"]


def test_coordinated_verb_after_a_that_clause_ends_it() -> None:
    text = (
        "Het Kremlin ontkende dat het leger burgers viseert en noemde de berichten "
        "over de aanval westerse propaganda."
    )
    found = _quotes(text)
    assert "het leger burgers viseert" in [q.text for q in found]


def test_coordination_inside_the_reported_clause_stays() -> None:
    text = "De burgemeester zei dat de straat dicht blijft en dat de bewoners hulp krijgen."
    found = _quotes(text)
    assert [q.text for q in found] == ["de straat dicht blijft en dat de bewoners hulp krijgen"]
