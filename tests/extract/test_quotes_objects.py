"""A quote that is the object of its speech verb ("X sprak van 'een keerpunt'", "X noemde het
plan 'naïef'"), tweets, and cue words far from the quote that do not attribute it."""

from __future__ import annotations

import pytest

from tests.extract.test_quotes_support import (
    JANSSENS,
    PEETERS,
    POLICE,
    RUTTE,
    UNIONS,
    quotes,
    speaker_names,
)


@pytest.mark.parametrize(
    "text",
    [
        'Premier Mark Rutte sprak van "een historische dag".',
        "Rutte spreekt van 'een koude douche' voor de gemeenten.",
        'Rutte sprak dinsdag in Den Haag, na het overleg, van een "pijnlijke vergissing".',
        'Rutte heeft gesproken van "een doorbraak".',
    ],
)
def test_short_quote_after_spreken_van_is_the_speakers(text: str) -> None:
    found = quotes(text, RUTTE)
    assert len(found) == 1, found
    assert found[0].kind == "direct"
    assert found[0].speaker is not None
    assert found[0].speaker.name == "Mark Rutte"


def test_short_quote_after_another_verb_with_van_is_no_speech() -> None:
    assert quotes('Rutte hield een toespraak van "een uur".', RUTTE) == []


def test_short_quote_after_a_clause_break_is_not_spreken_van() -> None:
    text = 'Rutte sprak met de bonden. Het was volgens de krant van "een hoog niveau".'
    assert [q for q in quotes(text, RUTTE) if q.kind == "direct"] == []


def test_noemen_with_a_short_object_takes_the_quote() -> None:
    found = quotes('Vakbondsvrouw An Peeters noemde het nieuwe plan "naïef".', PEETERS)
    assert len(found) == 1, found
    assert "naïef" in found[0].text
    assert speaker_names(found) == ["An Peeters"]


def test_a_tweet_names_its_speaker() -> None:
    found = quotes('"Akkoord!", twitterde premier Mark Rutte rond middernacht.', RUTTE)
    assert [(q.text, q.cue) for q in found] == [("Akkoord!", "twitterde")]
    assert speaker_names(found) == ["Mark Rutte"]


def test_volgens_far_before_a_scare_quote_does_not_attribute_it() -> None:
    """The "volgens" phrase opens the sentence, the quoted word is part of the clause: the word
    is no speech of the speaker quoted before."""
    text = (
        '"We staken door tot er een akkoord is", zei An Peeters. '
        "Volgens de bonden worden er steeds vaker 'koks' ingezet in de keukens."
    )
    found = quotes(text, PEETERS)
    assert all(q.text != "koks" for q in found), found


def test_aldus_right_before_a_quote_still_attributes_it() -> None:
    found = quotes('Aldus de vakbonden: "Dit is het beste bod dat we kunnen krijgen."', UNIONS)
    assert len(found) == 1, found
    assert speaker_names(found) == ["vakbonden"]


# --- a speaker described by a role the text does not link to a name ----------------------------


def test_unlinked_role_speaks_for_the_subject_of_the_sentence_before() -> None:
    """ "zei de bewindsman" names nobody: the subject of the sentence before speaks, not the
    person named last (its object)."""
    text = (
        "Minister Tom Janssens gaf burgemeester An Peeters opnieuw het vertrouwen. "
        "„Zij heeft de crisis goed aangepakt en verdient een tweede kans”, zei de bewindsman."
    )
    assert speaker_names(quotes(text, JANSSENS, PEETERS)) == ["Tom Janssens"]


def test_person_in_a_prepositional_phrase_is_passed_over() -> None:
    text = (
        "An Peeters verdedigde het plan in een gesprek met Tom Janssens. "
        "„We blijven staken tot er een beter bod op tafel ligt”, zei de vakbondsleidster."
    )
    assert speaker_names(quotes(text, JANSSENS, PEETERS)) == ["An Peeters"]


# --- "Dat is bekendgemaakt": a passive report of the sentence before ---------------------------


def test_passive_report_with_a_closing_cue_gives_the_sentence_before() -> None:
    text = (
        "De weverij in Gent gaat dicht. Dat is vanmorgen bekendgemaakt op een ondernemingsraad, "
        "zo heeft An Peeters, de voorzitter van de socialistische vakbond in Gent, meegedeeld."
    )
    found = quotes(text, PEETERS)
    assert [(q.kind, q.text) for q in found] == [("indirect", "De weverij in Gent gaat dicht")]
    assert speaker_names(found) == ["An Peeters"]


def test_passive_report_with_an_agent_gives_the_sentence_before() -> None:
    text = "Het ziekenhuis sluit de spoedafdeling. Dat werd dinsdag bevestigd door de federale politie."
    found = quotes(text, POLICE)
    assert [q.text for q in found] == ["Het ziekenhuis sluit de spoedafdeling"]
    assert speaker_names(found) == ["Federal Police"]


def test_passive_report_without_a_source_is_no_quote() -> None:
    assert quotes("De school blijft dicht. Dat werd gisteren besloten.", PEETERS) == []


def test_that_clause_with_a_copula_is_still_a_quote() -> None:
    found = quotes("Dat is een schande voor het land, zei An Peeters.", PEETERS)
    assert [q.text for q in found] == ["Dat is een schande voor het land"]
