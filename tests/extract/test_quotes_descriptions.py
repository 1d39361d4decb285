"""Described speakers: kin, lawyers and defendants as speakers, and where a "van"-phrase or a
"volgens"-phrase ends."""

from __future__ import annotations

import pytest

from tests.extract.test_quotes_support import quotes


def _only(text: str) -> tuple[str, str | None, str]:
    found = quotes(text)
    assert len(found) == 1, found
    quote = found[0]
    return quote.kind, quote.speaker.name if quote.speaker else None, quote.text


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'De jury trok zich terug. "Ik ben blij dat dit voorbij is en ga nu eerst uitrusten",'
            " zei haar zoon na afloop van de zitting.",
            "haar zoon",
        ),
        (
            '"Wij hebben nooit iets verkeerd gedaan in deze hele zaak", zei de raadsman van de'
            " vrouw.",
            "de raadsman van de vrouw",
        ),
        (
            "Het vonnis viel zwaar uit. De weduwe van het slachtoffer zei dat ze eindelijk rust"
            " kon vinden na al die jaren.",
            "De weduwe van het slachtoffer",
        ),
        (
            "De verdachte zelf verklaarde dat hij die avond thuis was gebleven bij zijn moeder.",
            "De verdachte",
        ),
    ],
)
def test_kin_lawyers_and_defendants_speak(text: str, speaker: str) -> None:
    assert _only(text)[1] == speaker


def test_van_phrase_stops_before_the_clause_verb() -> None:
    kind, speaker, text = _only(
        "Volgens de aanklager van het parket verkocht de man jarenlang vervalste papieren aan"
        " klanten in drie landen."
    )
    assert kind == "indirect"
    assert speaker == "de aanklager van het parket"
    assert text.startswith("verkocht de man")


def test_van_phrase_keeps_an_adjective_and_a_place() -> None:
    _, speaker, _ = _only(
        "Volgens de woordvoerder van het openbaar ministerie in Gent is de zaak nog niet afgerond."
    )
    assert speaker == "de woordvoerder van het openbaar ministerie in Gent"


def test_volgens_phrase_ends_at_a_colon() -> None:
    text = (
        "De stemming in de raad verliep volgens de verwachtingen: geen enkele Liberaal stemde"
        " tegen het plan."
    )
    assert quotes(text) == []
