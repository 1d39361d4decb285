"""Quotation-mark pairing: every Dutch quote style, apostrophes, paragraphs, pathological input."""

from __future__ import annotations

import time

import pytest

from kroniek.extract.quote_marks import dash_turns, find_marked, word_count
from kroniek.nlp.tokenize import split_blocks

MAX_SECONDS = 2.0  # generous: the machine is shared; a quadratic pass takes minutes here


def spans(text: str) -> list[str]:
    found = find_marked(text, split_blocks(text))
    for span in found:
        assert 0 <= span.open_at <= span.start <= span.end <= span.close_at <= len(text)
    return [text[s.start : s.end] for s in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ze zei: „We gaan morgen weer aan het werk.”", "We gaan morgen weer aan het werk."),
        ('Ze zei: "We gaan morgen weer aan het werk."', "We gaan morgen weer aan het werk."),
        ("Ze zei: “We gaan morgen weer aan het werk.”", "We gaan morgen weer aan het werk."),
        ("Ze zei: ‘We gaan morgen weer aan het werk.’", "We gaan morgen weer aan het werk."),
        ("Ze zei: 'We gaan morgen weer aan het werk.'", "We gaan morgen weer aan het werk."),
        ("Ze zei: «We gaan morgen weer aan het werk.»", "We gaan morgen weer aan het werk."),
        ("Ze zei: ,,We gaan morgen weer aan het werk.''", "We gaan morgen weer aan het werk."),
        ("Ze zei: ,,We gaan morgen weer aan het werk.’’", "We gaan morgen weer aan het werk."),
        ('Ze zei: ,,We gaan morgen weer aan het werk."', "We gaan morgen weer aan het werk."),
        ("Ze zei: „We gaan morgen weer aan het werk.“", "We gaan morgen weer aan het werk."),
    ],
)
def test_every_quote_style_pairs(text: str, expected: str) -> None:
    assert spans(text) == [expected]


def test_trailing_comma_inside_the_marks_is_not_part_of_the_quote() -> None:
    assert spans('"Het is voorbij," zei de trainer.') == ["Het is voorbij"]


@pytest.mark.parametrize(
    "text",
    [
        "Het gebeurde 's avonds laat op 't plein bij z'n huis.",
        "De auto's en cd's van de jaren '80 staan in de garage.",
        "Hij kocht zo’n fiets, en ’s morgens reed hij naar ’t werk.",
        "Dat was 'm dan, en 'k weet het niet.",
        "In '98 won de club nog de beker.",
    ],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert spans(text) == []


def test_apostrophes_inside_a_single_quoted_quote_do_not_close_it() -> None:
    text = "'Ik heb z'n auto's 's nachts gezien', zegt de buurman."
    assert spans(text) == ["Ik heb z'n auto's 's nachts gezien"]


def test_flemish_single_quotes_after_a_full_stop_without_space() -> None:
    text = "Hij was blij.'We hebben het eindelijk gedaan', aldus de premier."
    assert spans(text) == ["We hebben het eindelijk gedaan"]


def test_nested_quote_stays_inside_the_outer_quote() -> None:
    text = "„Hij noemde het ‘een historische dag’ voor het land”, zei ze."
    assert spans(text) == ["Hij noemde het ‘een historische dag’ voor het land"]


def test_several_quotes_in_one_paragraph() -> None:
    text = '"Eerste deel," zei hij, "tweede deel." En toen: "derde deel."'
    assert spans(text) == ["Eerste deel", "tweede deel.", "derde deel."]


def test_quote_continues_over_paragraphs_that_reopen_it() -> None:
    text = (
        "De burgemeester sprak de raad toe. „We hebben een zwaar jaar achter de rug.\n"
        "„De stad heeft veel geleden, maar we staan weer overeind.\n"
        "„Nu moeten we vooruitkijken”, besloot ze."
    )
    found = find_marked(text, split_blocks(text))
    assert len(found) == 1
    quote = text[found[0].start : found[0].end]
    assert quote.startswith("We hebben een zwaar jaar")
    assert quote.endswith("Nu moeten we vooruitkijken")
    assert quote.count("\n") == 2


def test_unclosed_quote_at_paragraph_start_runs_to_the_paragraph_end() -> None:
    text = "„Dit citaat wordt nooit gesloten door de krant\nVolgende alinea zonder aanhalingsteken."
    found = find_marked(text, split_blocks(text))
    assert [text[s.start : s.end] for s in found] == [
        "Dit citaat wordt nooit gesloten door de krant"
    ]
    assert not found[0].closed


def test_unclosed_mark_in_mid_sentence_is_ignored() -> None:
    assert spans('Het bord van 20" hing aan de muur en viel.') == []


def test_quotes_do_not_run_across_unrelated_paragraphs() -> None:
    text = 'Hij zei "dat het kon.\nEen nieuwe alinea" met een los teken.'
    assert spans(text) == []


@pytest.mark.parametrize("mark", ['"', "'", "„", "”", "“", ",,", "«", "’", "‘", "''"])
def test_ten_thousand_marks_in_a_row_are_fast_and_produce_nothing(mark: str) -> None:
    text = mark * 10_000
    started = time.process_time()  # CPU time: other jobs on the machine do not count
    assert spans(text) == []
    assert time.process_time() - started < MAX_SECONDS


def test_many_alternating_quotes_stay_linear() -> None:
    text = '"a b c d" ' * 5_000
    started = time.process_time()  # CPU time: other jobs on the machine do not count
    assert len(spans(text)) == 5_000
    assert time.process_time() - started < MAX_SECONDS


def test_dash_interview_turns() -> None:
    text = (
        "We spraken met de coach.\n"
        "- Hoe was de wedstrijd? - Zwaar, maar we hebben gewonnen.\n"
        "- En nu? - Nu gaan we rusten."
    )
    turns = dash_turns(text, split_blocks(text))
    assert [text[t.start : t.end] for t in turns] == [
        "Hoe was de wedstrijd?",
        "Zwaar, maar we hebben gewonnen.",
        "En nu?",
        "Nu gaan we rusten.",
    ]
    assert all(t.dash for t in turns)


def test_a_bulleted_list_is_not_an_interview() -> None:
    text = "De balans:\n- drie doden\n- vijf gewonden\n- twee vermisten"
    assert dash_turns(text, split_blocks(text)) == []


def test_a_dash_inside_a_sentence_is_not_a_turn() -> None:
    text = "- Wat denkt u? - Hij was moe - zei hij - en ging slapen."
    turns = dash_turns(text, split_blocks(text))
    assert [text[t.start : t.end] for t in turns] == [
        "Wat denkt u?",
        "Hij was moe - zei hij - en ging slapen.",
    ]


def test_word_count() -> None:
    assert word_count("Dit zijn vier woorden.") == 4
    assert word_count("...") == 0


def test_closing_shaped_mark_closes_without_a_following_space() -> None:
    assert spans("„Wij blijven hier tot het einde”zei de burgemeester.") == [
        "Wij blijven hier tot het einde"
    ]
