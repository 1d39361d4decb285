"""Dutch verb forms generated for the event lexicon."""

from __future__ import annotations

import pytest

from kroniek.extract.event_inflect import verb_forms
from kroniek.extract.event_lexicon import LexiconIndex, lexicon


@pytest.mark.parametrize(
    ("lemma", "finite", "participle"),
    [
        ("steunen", {"steunt", "steunde", "steunden", "steunen"}, "gesteund"),
        ("arresteren", {"arresteert", "arresteerde", "arresteren"}, "gearresteerd"),
        ("financieren", {"financiert", "financierde"}, "gefinancierd"),
        ("eisen", {"eist", "eiste", "eisten"}, "geëist"),
        ("beschieten", {"beschiet", "beschoot", "beschoten"}, "beschoten"),
        ("onderhandelen", {"onderhandelt", "onderhandelde"}, "onderhandeld"),
        ("leveren", {"levert", "leverde"}, "geleverd"),
        ("beloven", {"belooft", "beloofde"}, "beloofd"),
        ("bezetten", {"bezet", "bezette"}, "bezet"),
    ],
)
def test_verb_forms(lemma: str, finite: set[str], participle: str) -> None:
    forms = verb_forms(lemma)
    assert finite <= forms.finite
    assert forms.participles == {participle}


def test_separable_verb_forms() -> None:
    forms = verb_forms("aan|vallen")
    assert forms.particle == "aan"
    assert {"valt", "viel", "vielen"} <= forms.finite
    assert {"aanvalt", "aanviel", "aanvielen"} <= forms.joined_finite
    assert forms.participles == {"aangevallen"}
    assert forms.infinitives == {"aanvallen"}


def test_first_person_stem_is_left_to_the_noun() -> None:
    assert "steun" not in verb_forms("steunen").finite
    assert "aanval" not in verb_forms("aan|vallen").joined_finite
    assert "zet" in verb_forms("zetten").finite  # the stem is also the third person


def test_an_irregular_third_person_that_equals_the_stem_is_kept() -> None:
    # "hij wil": the table gives "wil" as a present form, so it is no bare first-person stem
    forms = verb_forms("willen")
    assert {"wil", "wilt", "wilde", "wou"} <= forms.finite
    assert forms.participles == {"gewild"}


def test_overrides() -> None:
    forms = verb_forms("vergaderen", stem="vergader")
    assert "vergaderde" in forms.finite and forms.participles == {"vergaderd"}


def test_compiled_index_lookup_and_compounds() -> None:
    index = lexicon()
    assert isinstance(index, LexiconIndex)
    assert {hit.entry.id for hit in index.lookup("viel")} >= {"fight.aanvallen"}
    assert next(hit.entry.id for hit in index.lookup("drone-aanvallen")).startswith("fight.")
    assert [hit.entry.id for hit in index.lookup("grensconflictaanval")] == ["fight.aanval"]
    assert index.lookup("zelfmoord") == []
    assert index.lookup("reis") != index.lookup("eis")  # no compound on a two-letter prefix
