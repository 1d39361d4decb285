"""Recall fixes in event role finding: an inverted subject touching its object, and the agent of
a nominal trigger named in a relative clause (Dutch sentences written for these tests)."""

from __future__ import annotations

from kroniek.extract.events import extract
from tests.extract.event_fixtures import Triple, make_doc, triples


def coded(text: str) -> set[Triple]:
    return triples(extract(make_doc(text, tagged=True)))


# --- inverted subject and object side by side -----------------------------------------------


def test_an_inverted_government_and_the_company_after_it_are_two_actors() -> None:
    text = "Vorige maand dwong de Belgische regering Shell om een tankstation in Gent te sluiten."
    assert ("BELGOV", "COERCE", "GBRBUS") in coded(text)


def test_an_inverted_government_criticising_a_company_keeps_the_company_as_target() -> None:
    text = "Gisteren bekritiseerde de Belgische regering Shell om de hoge prijzen."
    assert ("BELGOV", "DISAPPROVE", "GBRBUS") in coded(text)


# --- the agent of a nominal trigger in a relative clause ------------------------------------


def test_the_subject_of_an_announcing_relative_clause_imposes_the_sanctions() -> None:
    text = "De sancties die de VS vorige week tegen Iran afkondigden, raken vooral de banken."
    assert ("USA", "SANCTION", "IRN") in coded(text)


def test_a_relative_clause_that_does_not_put_the_act_in_place_names_no_agent() -> None:
    text = "De sancties die Iran zwaar troffen, werden vorige maand versoepeld."
    assert not any(source == "IRN" and plover == "SANCTION" for source, plover, _ in coded(text))


# --- a refusal of what the previous sentence said -------------------------------------------


def test_a_fronted_dat_rejects_the_claim_of_the_previous_sentence() -> None:
    text = "Shell vond dat het proces oneerlijk was verlopen. Dat wees de rechtbank van de hand."
    assert ("NLDJUD", "REJECT", "GBRBUS") in coded(text)


def test_a_court_refusing_something_else_takes_no_claimant() -> None:
    text = "Shell vond dat het proces oneerlijk was verlopen. De rechtbank wees een nieuw verzoek af."
    assert ("NLDJUD", "REJECT", "GBRBUS") not in coded(text)


# --- a member of a named group ----------------------------------------------------------------


def test_the_commander_of_a_group_is_that_group() -> None:
    text = "De commandant van de rebellen werd gisteren door de politie opgepakt."
    assert ("BELCOP", "COERCE", "SYRREB") in coded(text)


# --- plain tariffs and arrest warrants ------------------------------------------------------


def test_tariffs_on_a_country_are_a_sanction() -> None:
    text = "De VS voerden vorige maand nieuwe heffingen in op China."
    assert ("USA", "SANCTION", "CHN") in coded(text)


def test_tariffs_on_goods_name_no_target() -> None:
    text = "De regering schrapt de heffingen op staal."
    assert not any(plover == "SANCTION" for _, plover, _ in coded(text))


def test_an_arrest_warrant_against_a_leader_is_coercion() -> None:
    text = "Het parket vaardigde een arrestatiebevel uit tegen Assad."
    assert ("BELJUD", "COERCE", "SYRGOV") in coded(text)
