"""Cabinets and blocs named by a nickname, civil-society group nouns, and surnames that are
ordinary words ("Blok"), which stand for a person only when the article says who it is."""

from __future__ import annotations

from kroniek.models import Article, Doc, Entity
from kroniek.nlp.tokenize import split
from kroniek.resolve.actors import resolve


def entities(text: str, published: str) -> dict[str, Entity]:
    doc = Doc(article=Article(id="t", text=text, source_file="t", published=published))
    doc.sentences = split(text)
    return {e.id.removeprefix("kroniek:"): e for e in resolve(doc)}


def test_a_cabinet_nickname_is_the_government_while_that_cabinet_governs() -> None:
    text = "De Vivaldi-coalitie wil de pensioenen hervormen. Vivaldi zoekt nog geld."
    found = entities(text, "2021-05-04")["bel-vivaldi-coalition"]
    assert found.code == "BELGOV"
    assert [m.text for m in found.mentions] == ["Vivaldi-coalitie", "Vivaldi"]
    assert entities(text, "2025-06-04")["bel-vivaldi-coalition"].code == "BEL"  # a past one


def test_a_coalition_in_formation_is_the_government_to_be_not_an_opposition_party() -> None:
    text = "De Arizona-partijen onderhandelen maandag verder over de begroting."
    assert entities(text, "2024-05-01")["bel-arizona-coalition"].code == "BEL"  # before talks
    assert entities(text, "2024-10-01")["bel-arizona-coalition"].code == "BELGOV"
    assert entities(text, "2025-03-01")["bel-arizona-coalition"].code == "BELGOV"


def test_purple_is_the_dutch_cabinet_of_the_nineties() -> None:
    text = "Paars wil de WAO hervormen. Het paarse kabinet is het eens over de plannen."
    found = entities(text, "1996-03-12")["nld-purple-coalition"]
    assert found.code == "NLDGOV"
    assert len(found.mentions) == 2


def test_the_swedish_coalition_is_not_the_swedish_government() -> None:
    text = "De Zweedse coalitie bereikte een akkoord. De Zweedse regering stuurt hulp."
    found = entities(text, "2016-05-02")
    assert found["bel-swedish-coalition"].code == "BELGOV"
    assert found["government-sweden"].code == "SWEGOV"


def test_a_bloc_of_member_states_is_an_actor() -> None:
    text = "Nederland hoort bij de zuinige vier, die minder geld willen geven aan Brussel."
    assert entities(text, "2020-07-18")["frugal-four"].code == "IGO"


def test_civil_society_group_nouns_after_a_nationality_are_ngos() -> None:
    text = "Nederlandse milieuorganisaties zijn boos. Belgische boerenorganisaties protesteren."
    found = entities(text, "2021-05-04")
    assert found["group:NLDNGO"].mentions[0].text == "Nederlandse milieuorganisaties"
    assert found["group:BELNGO"].mentions[0].text == "Belgische boerenorganisaties"


def test_a_surname_that_is_a_common_word_needs_the_full_name_or_a_title() -> None:
    full = "Minister Stef Blok reisde naar Moskou. Blok sprak er met Lavrov."
    assert [m.text for m in entities(full, "2019-03-12")["stef-blok"].mentions] == [
        "Stef Blok", "Blok"]  # fmt: skip
    opening = "Stef Blok reisde naar Moskou.\n\nBlok sprak er met Lavrov."
    assert len(entities(opening, "2019-03-12")["stef-blok"].mentions) == 2
    titled = "Volgens minister Blok is het gesprek zakelijk verlopen."
    assert entities(titled, "2019-03-12")["stef-blok"].code == "NLDGOV"
    opening_title = "Minister Blok van Buitenlandse Zaken is teleurgesteld."
    assert entities(opening_title, "2019-09-12")["stef-blok"].code == "NLDGOV"
    alone = "Het Blok van de oppositie stemde tegen. Blok na blok werd het huis gesloopt."
    assert "stef-blok" not in entities(alone, "2019-03-12")
