"""Properties of quote extraction on arbitrary input: no crash, exact offsets, speed."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kroniek.extract.quote_lexicon import speech_lexicon
from kroniek.extract.quotes import extract
from kroniek.models import Article, Doc, Entity, Mention
from kroniek.nlp import tokenize
from tests.extract.test_quotes_support import PEETERS, make_doc

WORDS = [
    "zei", "zegt", "aldus", "volgens", "dat", "luidt", "het", "hij", "ze", "Dat", "meldt", "liet",
    "weten", "te", "de", "een", "woordvoerder", "van", "politie", "Peeters", "Rutte", "mee",
    "deelde", "'s", "z'n", "auto's", "-", ":", ",", ".", "?", "\n", "\n\n", "„", "”", '"', "'",
    "‘", "’", ",,", "''", "«", "»", "“", "gaat", "door", "niet", "regering", "bedrijf",
]  # fmt: skip
MAX_MS_PER_SENTENCE = 1.0


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    """Texts made of quote marks, cue words and names, with entity mentions on some words."""
    pieces = draw(st.lists(st.sampled_from(WORDS) | st.text(max_size=3), max_size=80))
    text = ""
    starts = []
    for piece in pieces:
        if text and not text.endswith("\n") and draw(st.booleans()):
            text += " "
        starts.append((len(text), piece))
        text += piece
    doc = Doc(article=Article(id="h", text=text, source_file="h"))
    doc.sentences = tokenize.split(text)
    chosen = draw(st.lists(st.sampled_from(starts), max_size=6)) if starts else []
    for number, (start, piece) in enumerate(chosen):
        if not piece:
            continue
        kind = draw(st.sampled_from(["PER", "ORG", "GPE", "LOC"]))
        mention = Mention(piece, start, start + len(piece))
        generic = draw(st.booleans())
        doc.entities.append(
            Entity(f"e{number}", f"E{number}", kind, "BEL", "GOV", [mention], generic)
        )
    return doc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_extract_never_crashes_and_offsets_are_exact(doc: Doc) -> None:
    found = extract(doc)
    previous_start = -1
    for quote in found:
        assert quote.kind in ("direct", "indirect")
        assert 0 <= quote.start < quote.end <= len(doc.text)
        assert quote.text == doc.text[quote.start : quote.end]
        assert quote.start >= previous_start
        previous_start = quote.start
        if quote.kind == "indirect":
            assert quote.speaker is not None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    doc = Doc(article=Article(id="u", text=text, source_file="u"))
    for quote in extract(doc):
        assert quote.text == text[quote.start : quote.end]


def test_indirect_quotes_never_repeat_direct_words() -> None:
    text = (
        'Peeters zei dat "de bond niet zal buigen voor de druk van de directie". '
        "Ze zegt dat de acties doorgaan."
    )
    found = extract(make_doc(text, PEETERS))
    for first in found:
        for second in found:
            if first is not second:
                assert first.end <= second.start or second.end <= first.start


@pytest.mark.parametrize(
    "unit", ["zei dat ", "hij zei dat hij ", ", zo zei hij, ", "Peeters, volgens hem, ", "Jan "]
)
def test_pathological_cue_runs_stay_fast(unit: str) -> None:
    text = unit * 2_000
    started = time.process_time()  # CPU time: other jobs on the machine do not count
    extract(make_doc(text, PEETERS))
    assert time.process_time() - started < 5.0




def test_lexicon_has_finite_forms_participles_and_split_verbs() -> None:
    lexicon = speech_lexicon()
    for form in ("zei", "zeiden", "gezegd", "verklaarde", "meegedeeld", "aangekondigd", "vond"):
        assert form in lexicon.alone, form
    particles = {verb.particle for verb in lexicon.split["liet"]}
    assert "weten" in particles
    assert {verb.particle for verb in lexicon.split["deelde"]} == {"mee"}
    assert any(verb.takes_te for verb in lexicon.alone["zegt"])
