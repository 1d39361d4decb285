"""People coded by the organisation the text names them with (``kroniek.resolve.affiliations``),
on top of the real actor resolver and tagger."""

from __future__ import annotations

import pytest

from kroniek.models import Article
from kroniek.pipeline import analyze_article
from kroniek.resolve.affiliations import member_titles


def codes(text: str) -> dict[str, str | None]:
    article = Article(id="a", text=text, source_file="a.txt", published="2025-10-02",
                      language="nl", url="https://www.standaard.be/a")  # fmt: skip
    return {entity.name: entity.code for entity in analyze_article(article).entities}


@pytest.mark.parametrize(
    ("text", "person", "code"),
    [
        ("„Dit is een aanval”, zei ABVV-voorzitter Thierry Bodson.", "Thierry Bodson", "BELLAB"),
        ("NS-woordvoerder Erik Kroeze bevestigde het nieuws.", "Erik Kroeze", "NLDBUS"),
        ("De topman van ASML, Christophe Fouquet, maakte het bekend.", "Christophe Fouquet",
         "NLDBUS"),
        ("Christophe Fouquet, topman van ASML, maakte het bekend.", "Christophe Fouquet",
         "NLDBUS"),
    ],
)  # fmt: skip
def test_a_person_named_with_a_member_title_acts_for_the_organisation(
    text: str, person: str, code: str
) -> None:
    assert codes(text)[person] == code


def test_other_relations_to_an_organisation_give_no_code() -> None:
    found = codes("Jan Peeters, een buurman van de NMBS-directeur, zag het gebeuren.")
    assert found["Jan Peeters"] is None
    assert codes("Klant Jan Peeters klaagt de NMBS aan.")["Jan Peeters"] is None


def test_the_dictionary_wins_over_the_title() -> None:
    # Bart De Wever is in the actor dictionary (BELGOV in 2025): a title does not recode him
    assert codes("N-VA-voorzitter Bart De Wever reageerde.")["Bart De Wever"] == "BELGOV"


def test_member_titles_are_lower_case_words() -> None:
    titles = member_titles()
    assert {"voorzitter", "topman", "woordvoerder"} <= titles
    assert all(title == title.lower() and " " not in title for title in titles)
