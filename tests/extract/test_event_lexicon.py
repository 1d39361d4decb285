"""The event lexicon's regression suite: every entry's own Dutch test sentence must code right.

Each entry carries one sentence and the expected source/target codes. The sentence runs through
the real extractor on a Doc built with the test gazetteer (event_fixtures); the entry passes when
an event of its PLOVER type comes out with the expected source and target (when given).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from kroniek.extract.event_lexicon import (
    NO_TARGET,
    LexEntry,
    LexiconError,
    cameo_table,
    entry_files,
    lexicon,
    parse_entry,
    quad_class,
)
from kroniek.extract.events import extract
from kroniek.models import Event
from kroniek.resources import read_text
from tests.extract.event_fixtures import make_doc

MIN_ENTRIES = 600
MIN_PASS_RATE = 0.9
ASSAULT_OR_CRIME = {"ASSAULT", "CRIME"}


def _code(ref: object) -> str | None:
    return getattr(ref, "code", None)


def _matches(entry: LexEntry, event: Event) -> bool:
    test = entry.test
    assert test is not None
    same_type = event.plover == entry.plover or (
        entry.plover in ASSAULT_OR_CRIME and event.plover in ASSAULT_OR_CRIME
    )
    if not same_type:
        return False
    if test.source is not None and _code(event.source) != test.source:
        return False
    if test.target == NO_TARGET:
        return event.target is None
    return test.target is None or _code(event.target) == test.target


def entry_passes(entry: LexEntry) -> bool:
    assert entry.test is not None
    events = extract(make_doc(entry.test.sentence), require_target=False)
    return any(_matches(entry, event) for event in events)


def failures() -> list[LexEntry]:
    return [entry for entry in lexicon().entries if not entry_passes(entry)]


def test_every_entry_has_a_test_sentence() -> None:
    missing = [entry.id for entry in lexicon().entries if entry.test is None]
    assert missing == []


def test_lexicon_covers_all_plover_types_with_enough_entries() -> None:
    entries = lexicon().entries
    by_type = Counter(entry.plover for entry in entries)
    assert len(entries) >= MIN_ENTRIES
    assert set(by_type) == set(cameo_table().plover_types)


def test_codes_are_consistent() -> None:
    table = cameo_table()
    for entry in lexicon().entries:
        assert entry.quad_class == quad_class(entry.cameo), entry.id
        assert entry.goldstein == table.goldstein_of(entry.cameo), entry.id
        if entry.plover == "CRIME":
            assert entry.cameo == "--" and entry.quad_class == 4


def test_lexicon_sentences_pass() -> None:
    entries = lexicon().entries
    failed = failures()
    rate = 1 - len(failed) / len(entries)
    assert rate >= MIN_PASS_RATE, [entry.id for entry in failed]


def test_no_lexicon_file_repeats_a_type_section() -> None:
    """YAML keeps only the last of two equal keys: a repeated type would silently drop entries."""
    for relative in entry_files():
        sections = re.findall(r"(?m)^([A-Z]+):", read_text(relative))
        assert len(sections) == len(set(sections)), relative


IDIOMS = (
    "disapprove.op_de_vingers_tikken", "disapprove.veeg_uit_de_pan", "demand.vuur_aan_de_schenen",
    "reject.deur_dichtgooien", "threaten.tanden_laten_zien", "agree.de_hand_reiken",
    "consult.rode_loper", "sanction.het_mes_zetten", "disapprove.aan_de_kaak",
    "reject.in_de_wind_slaan",
)


def test_fixed_expressions_code_their_own_sentences() -> None:
    by_id = {entry.id: entry for entry in lexicon().entries}
    assert [name for name in IDIOMS if not entry_passes(by_id[name])] == []


def test_the_idiom_needs_its_fixed_words() -> None:
    # "reikt de hand" codes, the bare verb does not; "tikt op de vingers" codes, "tikt" does not
    assert not extract(make_doc("Servië reikt Kosovo een document."), require_target=False)
    assert not extract(make_doc("De EU tikt op de deur van Polen."), require_target=False)


def test_a_rival_frame_word_needs_a_needs_phrase() -> None:
    raw = {"id": "reject.x", "v": "stemmen", "rival": "voor", "cameo": "120"}
    with pytest.raises(LexiconError, match="rival"):
        parse_entry(raw, "REJECT", cameo_table())
