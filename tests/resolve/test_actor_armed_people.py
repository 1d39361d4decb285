"""A people noun after an armed qualifier ("militante Koerden") is an armed group, not the whole
people (Dutch sentences written for these tests)."""

from __future__ import annotations

from kroniek.models import Article, Doc, Entity
from kroniek.nlp.tokenize import split
from kroniek.resolve.actors import resolve


def groups(text: str) -> dict[str, Entity]:
    doc = Doc(article=Article(id="t", text=text, source_file="t", published="2020-05"))
    doc.sentences = split(text)
    doc.names = []
    return {e.id: e for e in resolve(doc) if e.generic}


def test_armed_people_are_rebels() -> None:
    found = groups("Militante Palestijnen beschoten een dorp. Gewapende Syriërs trokken verder.")
    assert "kroniek:group:PSEREB" in found
    assert "kroniek:group:SYRREB" in found
    assert "kroniek:group:PSE" not in found


def test_people_without_a_qualifier_stay_the_people() -> None:
    found = groups("De Palestijnen vierden feest. Vele Syriërs vluchtten naar Turkije.")
    assert "kroniek:group:PSE" in found
    assert "kroniek:group:SYR" in found
    assert "kroniek:group:PSEREB" not in found
