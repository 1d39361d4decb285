"""Demands whose counterpart the clause does not name as its object (sentences written for these
tests; actors from event_fixtures)."""

from __future__ import annotations

from kroniek.extract.events import extract
from tests.extract.event_fixtures import make_doc, triples


def found(text: str) -> set[tuple[str | None, str, str | None]]:
    return triples(extract(make_doc(text, tagged=True)))


def demands(text: str) -> set[tuple[str | None, str, str | None]]:
    return {t for t in found(text) if t[1] == "DEMAND"}


# --- "wil dat" + clause -----------------------------------------------------------------------


def test_wanting_another_party_to_act_is_a_demand_on_it() -> None:
    assert demands("Rusland wil dat Oekraïne zijn troepen terugtrekt uit de Donbas.") == {
        ("RUS", "DEMAND", "UKR")
    }
    assert demands("Israël wilde dat Hamas de gijzelaars zou vrijlaten.") == {
        ("ISR", "DEMAND", "PSEREB")
    }
    assert demands("Volgens Macron willen de VS dat Iran de inspecteurs toelaat.") == {
        ("USA", "DEMAND", "IRN")
    }


def test_wanting_is_no_demand_without_a_dat_clause_or_another_party() -> None:
    # "dat" as a pronoun: no clause, and no counterpart from the sentence before
    assert demands("Rusland wil dat Oekraïne neutraal blijft. Oekraïne wil dat niet.") == {
        ("RUS", "DEMAND", "UKR")
    }
    # one's own country is no counterpart; a wish with nobody named to act is no demand
    assert demands("Poetin wil dat Rusland sterker wordt.") == set()
    assert demands("Rusland valt Oekraïne aan. Zelensky wil dat de oorlog stopt.") == set()
    assert demands("Rusland wil Oekraïne opnieuw aanvallen.") == set()


# --- an agentless demand of a domestic actor: the home government -----------------------------


def test_a_party_demanding_that_something_be_done_demands_it_of_the_government() -> None:
    assert demands("Vlaams Belang eist dat er snel verkiezingen worden uitgeschreven.") == {
        ("BELPTY", "DEMAND", "BELGOV")
    }
    assert demands("De PVV wil dat het leger wordt ingezet in Amsterdam.") == {
        ("NLDPTY", "DEMAND", "NLDGOV")
    }
    # an employer just named stays the counterpart
    assert demands("De NMBS schrapt honderd banen in Gent. Het ACV eist dat er geen naakte "
                   "ontslagen worden doorgevoerd.") == {("BELLAB", "DEMAND", "BELBUS")}
    # a clause that names who is to act, or no passive at all: no government is made up
    assert demands("De PVV eist dat Rusland wordt gestraft.") == {("NLDPTY", "DEMAND", "RUS")}
    assert demands("De vakbonden eisen dat de lonen stijgen.") == set()
    assert demands("Vlaams Belang eist dat er snel verkiezingen komen.") == set()
    # the government's own demand, a court's: not of the government
    assert demands("De regering eist dat er snel verkiezingen worden uitgeschreven.") == set()
    assert demands("Het parket eist dat de verdachte wordt veroordeeld.") == set()


# --- the act a demand asks for has not happened ------------------------------------------------


def test_an_act_demanded_in_a_dat_clause_is_not_reported_as_done() -> None:
    assert found("Israël eiste dat Hamas de gijzelaars zou vrijlaten.") == {
        ("ISR", "DEMAND", "PSEREB")
    }
    assert "RETREAT" not in {
        t[1] for t in found("Rusland eist dat Oekraïne zijn troepen terugtrekt uit de Donbas.")
    }
    # a reported act is still one
    assert ("UKR", "RETREAT", "UKR") in found(
        "Zelensky zei dat Oekraïne zijn troepen terugtrekt uit Bachmoet."
    )
