"""Government and opposition: parties and party politicians coded by the coalition of the day."""

from __future__ import annotations

from pathlib import Path

import pytest

from kroniek.models import Article, Doc, Entity
from kroniek.nlp.tokenize import split
from kroniek.resolve.actor_coalitions import governing_parties
from kroniek.resolve.actor_data import ActorDataError, load_dictionary
from kroniek.resolve.actors import resolve


def codes(text: str, published: str) -> dict[str, str | None]:
    doc = Doc(article=Article(id="t", text=text, source_file="t", published=published))
    doc.sentences = split(text)
    entities: list[Entity] = resolve(doc)
    return {e.id.removeprefix("kroniek:"): e.code for e in entities if not e.generic}


def test_a_party_leaving_the_government_becomes_opposition() -> None:
    text = "N-VA stemde donderdag tegen het voorstel over de pensioenen."
    assert codes(text, "2018-11-20")["n-va"] == "BELPTY"  # Michel I, with N-VA
    assert codes(text, "2019-01-15")["n-va"] == "BELOPP"  # Michel II, without N-VA


def test_a_dutch_party_on_each_side_of_a_cabinet_change() -> None:
    text = "De PvdA wil meer geld voor de ouderenzorg."
    assert codes(text, "2016-05-10")["pvda-nl"] == "NLDPTY"  # Rutte II
    assert codes(text, "2018-03-10")["pvda-nl"] == "NLDOPP"  # Rutte III


def test_a_party_leader_without_office_takes_his_party_s_side() -> None:
    text = "Geert Wilders zei dat hij de plannen niet zal steunen."
    assert codes(text, "2023-05-12")["geert-wilders"] == "NLDOPP"
    assert codes(text, "2024-09-12")["geert-wilders"] == "NLDPTY"  # PVV in the Schoof cabinet
    assert codes(text, "2025-07-01")["geert-wilders"] == "NLDOPP"  # after the PVV left it


def test_parties_in_formation_talks_are_not_opposition() -> None:
    text = "De PS wil eerst een akkoord over de begroting."
    assert codes(text, "2020-07-20")["ps-belgium"] == "BELOPP"
    assert codes(text, "2020-09-25")["ps-belgium"] == "BELPTY"  # negotiating the next cabinet


def test_an_office_comes_before_the_party() -> None:
    text = "Bart De Wever, voorzitter van N-VA, opende in Antwerpen een nieuwe brug."
    found = codes(text, "2022-10-05")
    assert found["bart-de-wever"] == "BELGOV"  # mayor of Antwerp
    assert found["n-va"] == "BELOPP"  # out of the federal government


def test_the_party_anaphor_still_finds_an_opposition_party() -> None:
    text = "Vlaams Belang diende een motie in. De partij wil een debat in de Kamer."
    doc = Doc(article=Article(id="t", text=text, source_file="t", published="2021-03-02"))
    doc.sentences = split(text)
    party = next(e for e in resolve(doc) if e.id == "kroniek:vlaams-belang")
    assert party.code == "BELOPP"
    assert [m.text for m in party.mentions] == ["Vlaams Belang", "De partij"]


def test_countries_and_dates_without_coalition_data_keep_the_party_role() -> None:
    dictionary = load_dictionary()
    assert governing_parties(dictionary, "NLD", "2001-05-01") is None
    assert governing_parties(dictionary, "USA", "2020-05-01") is None
    assert codes("De PvdA wil meer geld.", "2001-05-01")["pvda-nl"] == "NLDPTY"


def test_a_coalition_must_name_known_parties(tmp_path: Path) -> None:
    extra = tmp_path / "coalitions.yaml"
    extra.write_text(
        "version: t\ncoalitions:\n"
        "  - {id: x, country: NLD, from: 2030-01-01, parties: [geen-partij]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ActorDataError, match="geen-partij"):
        load_dictionary((str(extra),))
