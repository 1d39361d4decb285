"""Acts a sentence names but does not report as done: the content of an accusation or denial,
an act that is blocked, and talk with the press (Dutch sentences written for these tests;
actors from event_fixtures)."""

from __future__ import annotations

from kroniek.extract.events import extract
from kroniek.models import Doc, Entity, Mention
from tests.extract.event_fixtures import Triple, make_doc, triples


def coded(text: str) -> set[Triple]:
    return triples(extract(make_doc(text, tagged=True)))


def types(text: str) -> set[str]:
    return {plover for _, plover, _ in coded(text)}


# --- accusations and denials ------------------------------------------------------------------


def test_an_accused_act_in_a_te_clause_is_no_act_of_the_accuser() -> None:
    found = coded("Oekraïne heeft Rusland ervan beschuldigd een dam te hebben opgeblazen.")
    assert ("UKR", "DISAPPROVE", "RUS") in found
    assert "ASSAULT" not in {plover for _, plover, _ in found}


def test_an_accused_delivery_is_not_reported_as_aid() -> None:
    found = coded("Israël beschuldigt Iran ervan Hezbollah wapens te leveren.")
    assert ("ISR", "DISAPPROVE", "IRN") in found
    assert "AID" not in {plover for _, plover, _ in found}


def test_the_dat_clause_of_an_accusation_is_only_claimed() -> None:
    found = coded("De VS beschuldigen China ervan dat Peking Rusland wapens levert.")
    assert ("USA", "DISAPPROVE", "CHN") in found
    assert "AID" not in {plover for _, plover, _ in found}


def test_a_denied_act_in_a_dat_clause_is_not_reported() -> None:
    assert "FIGHT" not in types("Het Kremlin ontkent dat Russische troepen Charkiv beschoten.")


def test_an_act_outside_the_accusation_stays() -> None:
    found = coded("Rusland bombardeerde Charkiv, waarna Oekraïne Rusland beschuldigde.")
    assert ("RUS", "FIGHT", "UKR") in found


# --- blocked acts -----------------------------------------------------------------------------


def test_blocked_support_is_a_refusal_aimed_at_the_would_be_giver() -> None:
    found = coded("Hongarije blokkeert de steun van de EU aan Oekraïne.")
    assert ("HUN", "REJECT", "EUR") in found
    assert "SUPPORT" not in {plover for _, plover, _ in found}


def test_aid_held_back_with_a_participle_did_not_happen() -> None:
    found = coded("Hongarije heeft de militaire steun aan Oekraïne tegengehouden.")
    assert ("HUN", "REJECT", "UKR") in found
    assert not {"AID", "SUPPORT"} & {plover for _, plover, _ in found}


def test_sanctions_vetoed_are_not_imposed() -> None:
    found = coded("Hongarije legt een veto in tegen de sancties van de EU tegen Rusland.")
    assert ("HUN", "REJECT", "EUR") in found
    assert ("EUR", "SANCTION", "RUS") not in found


def test_support_a_dat_clause_says_is_prevented_did_not_happen() -> None:
    assert ("EUR", "SUPPORT", "UKR") not in coded("Hongarije verhindert dat de EU Oekraïne steunt.")


def test_a_foiled_attack_is_no_attack_and_no_refusal_of_its_victims() -> None:
    found = coded("De politie verhinderde een aanslag op een synagoge in Antwerpen.")
    assert not {"ASSAULT", "CRIME", "REJECT"} & {plover for _, plover, _ in found}


def test_a_protest_blockade_of_a_company_stays_a_protest() -> None:
    found = coded("Het ABVV blokkeerde Volvo in Gent uit protest tegen de herstructurering.")
    assert ("BELLAB", "PROTEST", "SWEBUS") in found


# --- talking to the press ---------------------------------------------------------------------


def test_talking_to_journalists_is_no_consultation() -> None:
    assert "CONSULT" not in types("Zelensky sprak maandag met journalisten in Kiev.")


def test_talking_with_a_leader_stays_a_consultation() -> None:
    assert ("RUSGOV", "CONSULT", "CHNGOV") in coded("Poetin sprak maandag met Xi Jinping.")


# --- an institution named by its noun gives nothing to its own country ----------------------


def _with_parliament(text: str, surface: str) -> Doc:
    """A doc in which the resolver gave ``surface`` (a parliament) Ukraine's country."""
    doc = make_doc(text, tagged=True, outlet="nos.nl")
    start = text.index(surface)
    doc.entities.append(
        Entity("kroniek:parliament-ukraine", "Parliament (Ukraine)", "ORG", "UKR", "LEG",
               mentions=[Mention(surface, start, start + len(surface), 0)])
    )
    return doc


def test_a_bare_parliament_approving_aid_to_a_country_is_not_that_country_s() -> None:
    text = "Het parlement keurde de steun aan Oekraïne goed."
    found = triples(extract(_with_parliament(text, "Het parlement")))
    assert ("UKRLEG", "SUPPORT", "UKR") not in found
    assert ("NLDLEG", "SUPPORT", "UKR") in found


def test_a_parliament_named_with_its_nationality_keeps_its_country() -> None:
    text = "Het Oekraïense parlement keurde de steun aan Oekraïne goed."
    found = triples(extract(_with_parliament(text, "Het Oekraïense parlement")))
    assert ("UKRLEG", "SUPPORT", "UKR") in found


# --- aid that is stopped or frozen ------------------------------------------------------------


def test_stopped_arms_deliveries_are_a_cut_in_aid_not_aid() -> None:
    found = coded("De VS stopten de wapenleveringen aan Israël.")
    assert ("USA", "SANCTION", "ISR") in found
    assert "AID" not in {plover for _, plover, _ in found}


def test_frozen_aid_is_a_cut_in_aid_not_aid() -> None:
    found = coded("De VS bevroren de militaire hulp aan Oekraïne.")
    assert ("USA", "SANCTION", "UKR") in found
    assert not {"AID", "SUPPORT"} & {plover for _, plover, _ in found}
