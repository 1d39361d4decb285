"""Direct quotes and their speakers: attribution after, before, inside and around the marks."""

from __future__ import annotations

import pytest

from kroniek.extract.quotes import extract
from kroniek.models import Article, Doc, Quote
from tests.extract.test_quotes_support import (
    JANSSENS,
    KREMLIN,
    PEETERS,
    POLICE,
    PUTIN,
    RUTTE,
    UNIONS,
    Actor,
    quotes,
    speaker_names,
)

PESKOV = Actor(
    "kroniek:dmitry-peskov", "Dmitry Peskov", "PER", ("Dmitri Peskov", "Peskov"), "RUS", "GOV"
)
BRUYNE = Actor("kroniek:els-de-bruyne", "Els De Bruyne", "PER", ("Els De Bruyne",), "BEL", "GOV")
TEXTIEL = Actor("kroniek:weverij-noord", "Weverij Noord", "ORG", ("Weverij Noord",), "BEL", "BUS")


def one(text: str, *actors: Actor) -> Quote:
    found = quotes(text, *actors)
    assert len(found) == 1, found
    return found[0]


# --- attribution after the quote ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("„De staking gaat gewoon door”, zei An Peeters.", "zei"),
        ("„De staking gaat gewoon door”, zegt Peeters.", "zegt"),
        ("'De staking gaat gewoon door', aldus Peeters.", "aldus"),
        ('"De staking gaat gewoon door", zo stelt Peeters.', "stelt"),
        ('"De staking gaat gewoon door," verduidelijkt Peeters.', "verduidelijkt"),
        ("«De staking gaat gewoon door», volgens Peeters.", "volgens"),
        ("‘De staking gaat gewoon door’, benadrukte Peeters zaterdag.", "benadrukte"),
        (",,De staking gaat gewoon door'', liet Peeters weten.", "liet weten"),
        ('"De staking gaat gewoon door", zo heeft Peeters meegedeeld.', "meegedeeld"),
    ],
)
def test_attribution_after_the_quote(text: str, cue: str) -> None:
    quote = one(text, PEETERS)
    assert quote.kind == "direct"
    assert quote.text == "De staking gaat gewoon door"
    assert quote.cue == cue
    assert quote.speaker is not None
    assert quote.speaker.entity == "kroniek:an-peeters"
    assert quote.speaker.code == "BELLAB"


def test_speaker_is_the_subject_not_a_later_name() -> None:
    text = "„We voeren de druk op als het nodig is”, zei Rutte na een overleg met Janssens."
    assert speaker_names(quotes(text, RUTTE, JANSSENS)) == ["Mark Rutte"]


def test_cited_person_is_the_object_of_citeren() -> None:
    text = "„De gesprekken verliepen in een goede sfeer”, citeerden de agentschappen Peskov."
    assert speaker_names(quotes(text, PESKOV)) == ["Dmitry Peskov"]


def test_passive_citation() -> None:
    text = "„De gesprekken verliepen in een goede sfeer”, zo wordt Peskov geciteerd."
    quote = one(text, PESKOV)
    assert quote.speaker is not None and quote.speaker.name == "Dmitry Peskov"
    assert quote.cue == "geciteerd"


# --- attribution before the quote -----------------------------------------------------------


def test_colon_after_a_speech_verb() -> None:
    quote = one('Rutte zei: "We gaan hier niet mee door, dat staat vast."', RUTTE)
    assert quote.text == "We gaan hier niet mee door, dat staat vast."
    assert quote.cue == "zei"
    assert quote.speaker is not None and quote.speaker.name == "Mark Rutte"


def test_bare_colon_after_a_name() -> None:
    quote = one("Els De Bruyne: „Ik trek me niets aan van de kritiek.”", BRUYNE)
    assert quote.cue == ":"
    assert quote.speaker is not None and quote.speaker.name == "Els De Bruyne"


def test_colon_ending_the_previous_paragraph() -> None:
    text = "Peeters richtte zich tot de stakers:\n„Wij geven niet op, hoe lang het ook duurt.”"
    quote = one(text, PEETERS)
    assert quote.speaker is not None and quote.speaker.name == "An Peeters"


def test_verb_and_subject_right_before_the_quote() -> None:
    quote = one('Daarop zei Janssens "dat het voorstel van tafel moet".', JANSSENS)
    assert quote.speaker is not None and quote.speaker.name == "Tom Janssens"


def test_volgens_with_colon() -> None:
    quote = one('Volgens het Kremlin: "De gesprekken worden volgende week hervat."', KREMLIN)
    assert quote.speaker is not None and quote.speaker.code == "RUSGOV"


# --- inside, after, and around --------------------------------------------------------------


def test_attribution_inside_an_interrupted_quote() -> None:
    text = '"Dit is onze plicht," zei Peeters, "want de regering luistert niet."'
    found = quotes(text, PEETERS)
    assert [q.text for q in found] == ["Dit is onze plicht", "want de regering luistert niet."]
    assert speaker_names(found) == ["An Peeters", "An Peeters"]


def test_dat_zei_x_in_the_next_sentence() -> None:
    quote = one('"Dit voorstel is onaanvaardbaar." Dat zei Rutte in een reactie.', RUTTE)
    assert quote.cue == "zei"
    assert quote.speaker is not None and quote.speaker.name == "Mark Rutte"


def test_speech_verb_in_the_next_sentence() -> None:
    text = (
        "'Met geduld bouw je een huis. Met ruzie breek je het af.' Zo sprak Janssens de zaal toe."
    )
    quote = one(text, JANSSENS)
    assert quote.speaker is not None and quote.speaker.name == "Tom Janssens"


def test_second_quote_inherits_the_speaker_of_the_first() -> None:
    text = (
        "„We zijn teleurgesteld in de uitkomst”, zegt Peeters. "
        "„Maar we blijven onderhandelen met de directie.”"
    )
    found = quotes(text, PEETERS)
    assert speaker_names(found) == ["An Peeters", "An Peeters"]


def test_lone_quote_goes_to_the_person_just_introduced() -> None:
    text = "Janssens kwam als laatste binnen. 'Dit wordt een lange nacht voor iedereen.'"
    assert speaker_names(quotes(text, JANSSENS)) == ["Tom Janssens"]


def test_multi_paragraph_quote_is_one_quote_with_the_final_attribution() -> None:
    text = (
        "De vakbondsleider nam het woord.\n"
        "„Dit jaar was zwaar voor de leden.\n"
        "„Toch hebben we veel bereikt en dat vieren we”, zei Peeters."
    )
    quote = one(text, PEETERS)
    assert quote.text.startswith("Dit jaar was zwaar")
    assert quote.text.endswith("dat vieren we")
    assert quote.speaker is not None and quote.speaker.name == "An Peeters"


def test_interview_turns() -> None:
    text = (
        "We spraken met An Peeters over de acties.\n"
        "- Hoe lang blijft u nog staken? - Tot de regering eindelijk luistert.\n"
        "- Bent u niet moe? - Nee, we hebben nog veel energie."
    )
    found = quotes(text, PEETERS)
    answers = [q for q in found if not q.text.endswith("?")]
    questions = [q for q in found if q.text.endswith("?")]
    assert [q.text for q in answers] == [
        "Tot de regering eindelijk luistert.",
        "Nee, we hebben nog veel energie.",
    ]
    assert speaker_names(answers) == ["An Peeters", "An Peeters"]
    assert all(q.speaker is None for q in questions)


# --- pronouns and descriptions --------------------------------------------------------------


def test_pronoun_hij_resolves_to_the_nearest_person() -> None:
    text = "Rutte ontmoette Janssens in Brussel. „Dit was een goed gesprek”, zei hij."
    assert speaker_names(quotes(text, RUTTE, JANSSENS)) == ["Tom Janssens"]


def test_pronoun_skips_names_inside_the_quote() -> None:
    text = "Janssens was boos. „Rutte heeft ons in de steek gelaten”, verklaarde hij."
    assert speaker_names(quotes(text, RUTTE, JANSSENS)) == ["Tom Janssens"]


def test_pronoun_ze_can_be_a_group() -> None:
    text = "De vakbonden dreigen met acties. „We staken tot het einde van de maand”, zeggen ze."
    quote = one(text, UNIONS)
    assert quote.speaker is not None and quote.speaker.entity == "kroniek:vakbonden"


def test_description_with_organisation_code() -> None:
    text = "„Er is geen gevaar voor de bevolking”, aldus een woordvoerder van de politie."
    quote = one(text, POLICE)
    assert quote.speaker is not None
    assert quote.speaker.name == "een woordvoerder van de politie"
    assert quote.speaker.code == "BELCOP"
    assert quote.speaker.entity is None


def test_description_followed_by_a_name_is_the_person() -> None:
    text = "„De relatie is slechter dan ooit”, zei Kremlin-woordvoerder Dmitri Peskov."
    quote = one(text, KREMLIN, PESKOV)
    assert quote.speaker is not None and quote.speaker.name == "Dmitry Peskov"


def test_unnamed_description_without_organisation() -> None:
    quote = one("„We hebben niets gezien”, zeggen enkele ooggetuigen.")
    assert quote.speaker is not None
    assert quote.speaker.name == "enkele ooggetuigen"
    assert quote.speaker.code is None


def test_document_noun_speaks_for_its_author() -> None:
    text = "„Rusland blijft in de regio”, stelt een mededeling van de Russische president."
    quote = one(text, PUTIN)
    assert quote.speaker is not None and quote.speaker.name == "Vladimir Putin"


def test_definite_description_of_a_company() -> None:
    text = "Weverij Noord sluit de fabriek. „We zien geen andere uitweg meer”, zegt het bedrijf."
    assert speaker_names(quotes(text, TEXTIEL)) == ["Weverij Noord"]


# --- what is not a quote --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "De minister wil de troepen 'op permanente basis' in het land houden.",
        'De film "Het jaar van de kat" draait vanaf woensdag in de zalen.',
        "Janssens noemde hem 'de baas' in het dorp.",
        "Het gebeurde 's avonds laat op 't plein bij z'n huis in de jaren '80.",
        "Hij verscheen in 'De Zevende Dag' en zei weinig.",
    ],
)
def test_scare_quotes_titles_and_apostrophes_are_not_direct_quotes(text: str) -> None:
    assert [q for q in quotes(text, JANSSENS) if q.kind == "direct"] == []


def test_short_quote_with_a_cue_counts() -> None:
    quote = one("„Nee”, zei Rutte.", RUTTE)
    assert quote.text == "Nee"


def test_long_unattributed_quote_is_kept_without_speaker() -> None:
    quote = one('"Niemand weet hoe dit verhaal zal aflopen."')
    assert quote.speaker is None


def test_short_unattributed_quote_is_dropped() -> None:
    assert quotes('"Wat een dag."') == []


def test_speech_verb_inside_a_quote_is_not_indirect_speech() -> None:
    text = "„Ik denk dat de regering het verkeerd ziet”, zei Peeters."
    quote = one(text, PEETERS)
    assert quote.kind == "direct"


# --- robustness -----------------------------------------------------------------------------


def test_empty_document() -> None:
    doc = Doc(article=Article(id="x", text="", source_file="x"))
    assert extract(doc) == []


def test_document_without_sentences_is_split_on_the_fly() -> None:
    text = "„Wij gaan door met de acties”, zei Peeters."
    doc = Doc(article=Article(id="x", text=text, source_file="x"))
    found = extract(doc)
    assert [q.text for q in found] == ["Wij gaan door met de acties"]


def test_quotes_are_in_text_order_with_exact_offsets() -> None:
    text = (
        "Volgens de politie zijn er drie mensen opgepakt na de rellen. "
        "„We hebben de situatie onder controle”, zei een woordvoerder van de politie."
    )
    found = quotes(text, POLICE)
    assert [q.kind for q in found] == ["indirect", "direct"]
    assert found[0].start < found[1].start


# --- speakers the resolver did not know -----------------------------------------------------


def test_unresolved_name_after_the_cue() -> None:
    quote = one("„We wachten af wat de directie beslist”, zegt Karel Vermeulen.")
    assert quote.speaker is not None
    assert quote.speaker.name == "Karel Vermeulen"
    assert quote.speaker.entity is None


def test_unresolved_name_with_particles_and_affiliation() -> None:
    union = Actor("kroniek:acv", "ACV", "ORG", ("ACV",), "BEL", "LAB")
    text = "„Het personeel is ongerust”, zegt vakbondsman Jan van der Berg van het ACV."
    quote = one(text, union)
    assert quote.speaker is not None
    assert quote.speaker.name == "Jan van der Berg"
    assert quote.speaker.code == "BELLAB"


def test_role_word_resolved_as_a_group_gives_way_to_the_name_after_it() -> None:
    group = Actor("kroniek:group:lab", "---LAB", "ORG", ("vakbondsman",), None, "LAB", generic=True)
    quote = one("„We leggen het werk neer”, zegt vakbondsman Karel Vermeulen.", group)
    assert quote.speaker is not None and quote.speaker.name == "Karel Vermeulen"
    assert quote.speaker.code == "---LAB"


def test_name_after_a_description_and_comma() -> None:
    text = "De woordvoerder van het leger, Karel Vermeulen, noemde de aanval een provocatie."
    found = quotes(text)
    assert speaker_names(found) == ["Karel Vermeulen"]


def test_sentence_opening_word_is_not_a_name() -> None:
    assert quotes("Zaterdag zei dat het weer beter wordt in het hele land.") == []


def test_nationality_adjective_is_not_a_name() -> None:
    text = "Het gaat volgens een Israëlische regeringswoordvoerder om een grote aanval."
    quote = one(text)
    assert quote.speaker is not None
    assert quote.speaker.name == "een Israëlische regeringswoordvoerder"


def test_title_in_a_prepositional_phrase_before_a_verb_is_not_a_quote() -> None:
    text = "In 'De Zevende Dag' zei Janssens dat de regering het plan steunt."
    found = quotes(text, JANSSENS)
    assert [q.kind for q in found] == ["indirect"]
    assert found[0].text == "de regering het plan steunt"
    assert speaker_names(found) == ["Tom Janssens"]


def test_phrase_before_a_verb_without_comma_is_no_attribution() -> None:
    text = "Onder de noemer 'Mars voor vrede' eisen de betogers dat de oorlog stopt."
    assert [q for q in quotes(text) if q.kind == "direct"] == []


def test_generic_group_is_named_as_the_text_names_it() -> None:
    group = Actor(
        "kroniek:group:lab", "---LAB", "ORG", ("de vakbonden",), None, "LAB", generic=True
    )
    quote = one("„We leggen het werk neer”, zeggen de vakbonden.", group)
    assert quote.speaker is not None
    assert quote.speaker.name == "de vakbonden"
    assert quote.speaker.entity == "kroniek:group:lab"
    assert quote.speaker.code == "---LAB"


def test_pronoun_refers_to_a_person_named_but_not_resolved() -> None:
    text = "Voorzitter Karel Vermeulen van de bond ziet geen uitweg. „We staken”, zegt hij."
    assert speaker_names(quotes(text)) == ["Karel Vermeulen"]


def test_place_name_is_not_a_pronoun_antecedent() -> None:
    text = "Janssens reisde naar Nieuw Amsterdam. „Dit wordt een moeilijke week”, zei hij."
    assert speaker_names(quotes(text, JANSSENS)) == ["Tom Janssens"]
