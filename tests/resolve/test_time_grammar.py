"""The grammar around time expressions (kroniek.resolve.time_grammar): verb tense and clauses."""

from __future__ import annotations

import pytest

from kroniek.models import Article, Doc, Token
from kroniek.nlp import morph
from kroniek.nlp.tokenize import split
from kroniek.resolve.time_grammar import (
    Tense,
    VerbForm,
    clause_at,
    clause_tense,
    has_future_cue,
    over_means_in,
    reports,
    verb_form,
)


def tokens_of(sentence: str) -> list[Token]:
    doc = Doc(article=Article(id="t", text=sentence, source_file="test"), sentences=split(sentence))
    morph.annotate(doc)
    return doc.sentences[0].tokens


# (form, lemma as the pipeline's dictionary gives it, form read)
VERB_FORMS = [
    ("komt", "komen", VerbForm.PRESENT),
    ("kom", "komen", VerbForm.PRESENT),
    ("vergaderen", "vergaderen", VerbForm.PRESENT),
    ("loopt", "lopen", VerbForm.PRESENT),
    ("geeft", "geven", VerbForm.PRESENT),
    ("leest", "lezen", VerbForm.PRESENT),
    ("zit", "zitten", VerbForm.PRESENT),
    ("gaat", "gaan", VerbForm.PRESENT),
    ("doet", "doen", VerbForm.PRESENT),
    ("wordt", "worden", VerbForm.PRESENT),
    ("heeft", "hebben", VerbForm.PRESENT),
    ("is", "zijn", VerbForm.PRESENT),
    ("aftreedt", "af_treden", VerbForm.PRESENT),
    ("vormen", "vorm", VerbForm.PRESENT),  # the dictionary gives a noun; the form is a plural
    ("kwam", "komen", VerbForm.PAST),
    ("kwamen", "komen", VerbForm.PAST),
    ("vergaderde", "vergaderen", VerbForm.PAST),
    ("verklaarden", "verklaren", VerbForm.PAST),
    ("zette", "zetten", VerbForm.PAST),
    ("besloot", "besluiten", VerbForm.PAST),
    ("kregen", "krijgen", VerbForm.PAST),
    ("stonden", "stond", VerbForm.PAST),  # the dictionary gives the singular past
    ("was", "zijn", VerbForm.PAST),
    ("werd", "worden", VerbForm.PAST),
    ("zou", "zullen", VerbForm.PAST),
    ("gestemd", "stemmen", VerbForm.PARTICIPLE),
    ("gedaan", "doen", VerbForm.PARTICIPLE),
    ("besloten", "besluiten", VerbForm.PARTICIPLE),
    ("verklaard", "verklaren", VerbForm.PARTICIPLE),
    ("opgepakt", "oppakken", VerbForm.PARTICIPLE),
    ("uitgeslapen", "uitgeslapen", VerbForm.PARTICIPLE),
    ("stijgende", "stijgen", VerbForm.OTHER),
]


@pytest.mark.parametrize(("form", "lemma", "expected"), VERB_FORMS)
def test_verb_form(form: str, lemma: str, expected: VerbForm) -> None:
    assert verb_form(form, lemma) == expected


def tense_at(sentence: str, word: str) -> Tense | None:
    tokens = tokens_of(sentence)
    start = sentence.index(word)
    clause = clause_at(tokens, start, start + len(word))
    assert clause is not None
    return clause_tense(clause)


CLAUSES = [
    ("De raad komt donderdag bijeen.", "donderdag", Tense.PRESENT),
    ("De raad kwam donderdag bijeen.", "donderdag", Tense.PAST),
    ("De raad zal donderdag bijeenkomen.", "donderdag", Tense.FUTURE),
    ("De raad heeft donderdag een besluit genomen.", "donderdag", Tense.PAST),
    ("De raad heeft donderdag een vergadering.", "donderdag", Tense.PRESENT),
    ("De top wordt donderdag gehouden.", "donderdag", Tense.PRESENT),
    ("De top werd donderdag gehouden.", "donderdag", Tense.PAST),
    ("De vakbonden hebben woensdag een akkoord bereikt.", "woensdag", Tense.PAST),
    ("Donderdag zijn maar weinig kiezers komen opdagen.", "Donderdag", Tense.PAST),
    ("De ministers zijn maandag van plan om te komen praten.", "maandag", Tense.PRESENT),
    # the clause, not the sentence: "zal" and "komt" sit in other clauses
    ("Hij zei maandag dat hij zal aftreden.", "maandag", Tense.PAST),
    ("Hij zei dat de raad maandag bijeenkomt.", "maandag", Tense.PRESENT),
    ("De man die zaterdag werd opgepakt, zit nog vast.", "zaterdag", Tense.PAST),
    ("De man die vastzit, werd zaterdag opgepakt.", "zaterdag", Tense.PAST),
    # the participle of a perfect may stand after a comma
    ("Een man is zaterdag, kort nadat hij thuiskwam, overleden.", "zaterdag", Tense.PAST),
    # coordination of two clauses, not of two days
    ("De raad kwam maandag en dinsdag bijeen.", "maandag", Tense.PAST),
]


@pytest.mark.parametrize(("sentence", "word", "expected"), CLAUSES)
def test_clause_tense(sentence: str, word: str, expected: Tense) -> None:
    assert tense_at(sentence, word) == expected


def test_no_tagged_tokens_no_clause() -> None:
    untagged = split("De raad komt donderdag bijeen.")[0].tokens
    assert clause_at(untagged, 12, 21) is None
    assert clause_at([], 0, 5) is None


def test_reports_and_cues() -> None:
    def clause(sentence: str, word: str):  # type: ignore[no-untyped-def]
        start = sentence.index(word)
        found = clause_at(tokens_of(sentence), start, start + len(word))
        assert found is not None
        return found

    assert reports(clause("Dat meldt de politie zondag.", "zondag"))
    assert reports(clause("Dat laat de minister dinsdag weten.", "dinsdag"))
    assert reports(clause("Het plan is klaar, aldus de minister dinsdag.", "dinsdag"))
    assert not reports(clause("De minister reist dinsdag naar Parijs.", "dinsdag"))
    assert has_future_cue(clause("De ministers vergaderen maandag opnieuw.", "maandag"))
    assert not has_future_cue(clause("Een man raakt zaterdag gewond.", "zaterdag"))


OVER = [
    ("Over twee weken beslist de rechter.", True),
    ("Hij verwacht dat de fabriek over drie dagen sluit.", True),
    ("De brug is over een jaar klaar.", True),
    ("Ze praten over twee weken vakantie.", False),
    ("Het boek over twee jaar verschijnt morgen.", False),
    ("De leerlingen zijn bezorgd over twee weken zonder les.", False),
    ("Hij zou over twee weken terugkomen.", False),
]


@pytest.mark.parametrize(("sentence", "expected"), OVER)
def test_over_means_in(sentence: str, expected: bool) -> None:
    start = sentence.lower().index("over ")
    end = sentence.index(" ", sentence.index(" ", start + 5) + 1)  # "over" + amount + unit
    assert over_means_in(tokens_of(sentence), start, end) is expected
