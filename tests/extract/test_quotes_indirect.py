"""Indirect speech: reported clauses after speech verbs, "volgens X", "luidt het", "Dat meldt X"."""

from __future__ import annotations

import pytest

from kroniek.models import Quote
from tests.extract.test_quotes_support import (
    JANSSENS,
    KREMLIN,
    MINISTRY,
    PEETERS,
    POLICE,
    PUTIN,
    RUTTE,
    UNIONS,
    Actor,
    quotes,
    speaker_names,
)


def indirect(text: str, *actors: Actor) -> list[Quote]:
    return [q for q in quotes(text, *actors) if q.kind == "indirect"]


def one(text: str, *actors: Actor) -> Quote:
    found = quotes(text, *actors)
    assert len(found) == 1, found
    assert found[0].kind == "indirect"
    return found[0]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Rutte zei dat het kabinet de plannen dit jaar uitvoert.", "zei"),
        ("Rutte zegt dat het kabinet de plannen dit jaar uitvoert.", "zegt"),
        ("Rutte verklaarde dat het kabinet de plannen dit jaar uitvoert.", "verklaarde"),
        ("Rutte benadrukte zaterdag dat het kabinet de plannen dit jaar uitvoert.", "benadrukte"),
        ("Rutte heeft gezegd dat het kabinet de plannen dit jaar uitvoert.", "gezegd"),
        ("Rutte liet weten dat het kabinet de plannen dit jaar uitvoert.", "liet weten"),
        ("Rutte deelde mee dat het kabinet de plannen dit jaar uitvoert.", "deelde mee"),
        ("Rutte gaf aan dat het kabinet de plannen dit jaar uitvoert.", "gaf aan"),
        ("Rutte kondigde aan dat het kabinet de plannen dit jaar uitvoert.", "kondigde aan"),
        ("Rutte heeft duidelijk gemaakt dat het kabinet de plannen dit jaar uitvoert.", None),
        ("Rutte vindt dat het kabinet de plannen dit jaar uitvoert.", "vindt"),
        ("Rutte hoopt dat het kabinet de plannen dit jaar uitvoert.", "hoopt"),
        ("Rutte ontkende dat het kabinet de plannen dit jaar uitvoert.", "ontkende"),
        ("Rutte zei tegen de pers dat het kabinet de plannen dit jaar uitvoert.", "zei"),
    ],
)
def test_that_clause(text: str, cue: str | None) -> None:
    quote = one(text, RUTTE)
    assert quote.text == "het kabinet de plannen dit jaar uitvoert"
    assert quote.speaker is not None and quote.speaker.name == "Mark Rutte"
    assert quote.cue == (cue or "duidelijk gemaakt")


def test_inverted_subject_after_the_verb() -> None:
    quote = one("Zaterdag zei Rutte dat de begroting sluitend is.", RUTTE)
    assert quote.speaker is not None and quote.speaker.name == "Mark Rutte"


def test_actor_in_a_prepositional_phrase_is_not_the_subject() -> None:
    text = "Na een overleg met Janssens zei Rutte dat de begroting sluitend is."
    assert speaker_names(quotes(text, RUTTE, JANSSENS)) == ["Mark Rutte"]


def test_subject_with_apposition() -> None:
    text = "Peeters, de voorzitter van de bond, zei dat de acties doorgaan tot vrijdag."
    assert speaker_names(quotes(text, PEETERS)) == ["An Peeters"]


def test_object_of_laten_weten_is_not_the_speaker() -> None:
    text = "Poetin heeft zijn ambtgenoot Janssens laten weten dat Rusland de steun voortzet."
    quote = one(text, PUTIN, JANSSENS)
    assert quote.speaker is not None and quote.speaker.name == "Vladimir Putin"
    assert quote.text == "Rusland de steun voortzet"


def test_whether_clause() -> None:
    quote = one("Janssens vroeg of de minister het dossier al had gelezen.", JANSSENS)
    assert quote.text == "de minister het dossier al had gelezen"


def test_te_infinitive() -> None:
    quote = one("De vakbonden zeggen vooral het overleg te willen voortzetten.", UNIONS)
    assert quote.text == "vooral het overleg te willen voortzetten"


def test_te_infinitive_needs_the_same_clause() -> None:
    text = "Rutte zei niets, zonder verdere uitleg te geven over de plannen."
    assert indirect(text, RUTTE) == []


def test_noemen_reports_the_rest_of_the_clause() -> None:
    quote = one("Janssens noemde de manoeuvres een gevaarlijke provocatie.", JANSSENS)
    assert quote.text == "de manoeuvres een gevaarlijke provocatie"


def test_pronoun_subject() -> None:
    text = "De vakbonden zijn boos. Ze zeggen dat de regering hen niet heeft geraadpleegd."
    assert speaker_names(quotes(text, UNIONS)) == ["vakbonden"]


def test_description_subject() -> None:
    quote = one("Een woordvoerder van de politie zei dat de weg weer open is.", POLICE)
    assert quote.speaker is not None
    assert quote.speaker.name == "Een woordvoerder van de politie"
    assert quote.speaker.code == "BELCOP"


def test_first_person_is_not_reported_speech() -> None:
    assert quotes("Ik denk dat het morgen beter weer wordt in het noorden.") == []
    assert quotes("We hopen dat de regering snel een beslissing neemt.", RUTTE) == []


# --- volgens --------------------------------------------------------------------------------


def test_volgens_at_sentence_start_gives_the_rest_of_the_sentence() -> None:
    quote = one("Volgens het Kremlin is er grote vooruitgang geboekt in de gesprekken.", KREMLIN)
    assert quote.text == "is er grote vooruitgang geboekt in de gesprekken"
    assert quote.cue == "Volgens"
    assert quote.speaker is not None and quote.speaker.code == "RUSGOV"


def test_volgens_a_description() -> None:
    text = "Volgens een woordvoerder van de politie zijn drie mensen opgepakt."
    quote = one(text, POLICE)
    assert quote.text == "zijn drie mensen opgepakt"
    assert quote.speaker is not None and quote.speaker.name == "een woordvoerder van de politie"


def test_volgens_inside_the_sentence_gives_the_whole_sentence() -> None:
    text = "Daarbij zijn volgens de politie vier mensen gewond geraakt."
    quote = one(text, POLICE)
    assert quote.text == "Daarbij zijn volgens de politie vier mensen gewond geraakt"


def test_volgens_a_mention_that_starts_with_its_article_inside_the_sentence() -> None:
    air_force = Actor("kroniek:air-force", "Air Force", "ORG", ("de luchtmacht",), "UKR", "MIL")
    text = "De luchtverdediging schoot volgens de luchtmacht 40 drones neer."
    quote = one(text, air_force)
    assert quote.text == "De luchtverdediging schoot volgens de luchtmacht 40 drones neer"
    assert quote.speaker is not None and quote.speaker.name == "Air Force"


def test_volgens_at_the_end() -> None:
    quote = one("Er zijn drie doden gevallen, volgens de politie.", POLICE)
    assert quote.text == "Er zijn drie doden gevallen"


def test_volgens_hem() -> None:
    text = "Rutte sprak in Den Haag. De nieuwe regering gaat volgens hem anders aan politiek doen."
    quote = one(text, RUTTE)
    assert quote.text == "De nieuwe regering gaat volgens hem anders aan politiek doen"
    assert quote.speaker is not None and quote.speaker.name == "Mark Rutte"


def test_volgens_that_names_nobody_is_no_quote() -> None:
    assert quotes("Volgens de planning is de brug volgend jaar klaar.") == []


# --- clause before the cue ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("De acties gaan door tot vrijdag, zegt Peeters.", "zegt"),
        ("De acties gaan door tot vrijdag, aldus Peeters.", "aldus"),
        ("De acties gaan door tot vrijdag, zo meldt Peeters.", "meldt"),
        ("De acties gaan door tot vrijdag, liet Peeters weten.", "liet weten"),
    ],
)
def test_clause_before_the_cue(text: str, cue: str) -> None:
    quote = one(text, PEETERS)
    assert quote.text == "De acties gaan door tot vrijdag"
    assert quote.cue == cue
    assert quote.speaker is not None and quote.speaker.name == "An Peeters"


def test_document_noun_in_the_cue() -> None:
    text = "Rusland wil de basis houden, stelt een mededeling van de Russische president."
    assert speaker_names(quotes(text, PUTIN)) == ["Vladimir Putin"]


def test_luidt_het_takes_the_source_mentioned_before() -> None:
    text = (
        "Het Kremlin maakte de nieuwe cijfers bekend. "
        "De samenwerking wordt volgend jaar uitgebreid, luidt het."
    )
    quote = one(text, KREMLIN)
    assert quote.cue == "luidt het"
    assert quote.speaker is not None and quote.speaker.name == "Kremlin"


def test_luidt_het_after_a_volgens_quote() -> None:
    text = (
        "Volgens het Kremlin verliep het gesprek in een goede sfeer. "
        "De twee leiders spreken elkaar volgende maand opnieuw, luidt het."
    )
    found = quotes(text, KREMLIN, PUTIN)
    assert speaker_names(found) == ["Kremlin", "Kremlin"]


def test_klinkt_het_bij_names_its_source() -> None:
    text = "Rutte was er ook. De plannen worden uitgesteld, klinkt het bij het ministerie van Defensie."
    found = quotes(text, RUTTE, MINISTRY)
    assert speaker_names(found) == ["Ministry of Defence"]


# --- Dat meldt X ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("second", "cue"),
    [
        ("Dat meldt de federale politie.", "meldt"),
        ("Dat heeft de federale politie bekendgemaakt.", "bekendgemaakt"),
        ("Dit laat de federale politie weten.", "laat weten"),
    ],
)
def test_dat_meldt_x_reports_the_previous_sentence(second: str, cue: str) -> None:
    text = f"Bij de botsing zijn drie mensen gewond geraakt. {second}"
    quote = one(text, POLICE)
    assert quote.text == "Bij de botsing zijn drie mensen gewond geraakt"
    assert quote.cue == cue
    assert quote.speaker is not None and quote.speaker.code == "BELCOP"


def test_dat_opening_an_ordinary_sentence_is_no_report() -> None:
    assert quotes("Het regent al dagen. Dat zegt veel over het klimaat.") == []


# --- direct and indirect together -----------------------------------------------------------


def test_indirect_clause_that_is_one_direct_quote_becomes_the_direct_quote() -> None:
    text = 'Rutte zei dat "de regering een hoge prijs zal betalen voor de aanvallen".'
    quote = quotes(text, RUTTE)
    assert [q.kind for q in quote] == ["direct"]
    assert quote[0].text == "de regering een hoge prijs zal betalen voor de aanvallen"
    assert quote[0].speaker is not None and quote[0].speaker.name == "Mark Rutte"


def test_quoted_fragment_inside_an_indirect_clause_stays_in_the_clause() -> None:
    text = 'Rutte zei dat Janssens "een hoge prijs" zal betalen voor de aanvallen op het land.'
    found = quotes(text, RUTTE, JANSSENS)
    assert [q.kind for q in found] == ["indirect"]
    assert '"een hoge prijs"' in found[0].text


def test_long_fragment_inside_a_longer_clause_is_not_repeated() -> None:
    text = (
        "Het bedrijf zegt dat het een dialoog nastreeft met de bonden om "
        '"de sociale gevolgen zo klein mogelijk te houden".'
    )
    found = quotes(text)
    assert len(found) <= 1
    assert all(q.kind == "indirect" for q in found)


def test_indirect_clause_stops_before_a_quote_that_opens_a_new_sentence() -> None:
    text = (
        "Volgens Janssens is de zaak rond. ,,We tekenen volgende week het akkoord'', zei hij later."
    )
    found = quotes(text, JANSSENS)
    assert [(q.kind, q.text) for q in found] == [
        ("indirect", "is de zaak rond"),
        ("direct", "We tekenen volgende week het akkoord"),
    ]
    assert speaker_names(found) == ["Tom Janssens", "Tom Janssens"]


def test_unresolved_newspaper_name_with_article() -> None:
    quote = one("De minister wil vijfhonderd extra plaatsen. Dat meldt De Standaard.")
    assert quote.speaker is not None and quote.speaker.name == "De Standaard"


def test_quoted_newspaper_name_is_a_source_not_a_quote() -> None:
    text = "De minister wil vijfhonderd extra plaatsen. Dat schrijft 'De Standaard'."
    found = quotes(text)
    assert [q.kind for q in found] == ["indirect"]
    assert found[0].text == "De minister wil vijfhonderd extra plaatsen"
    assert found[0].speaker is not None and found[0].speaker.name == "De Standaard"


def test_cue_inserted_between_commas_reports_the_whole_sentence() -> None:
    quote = one("Het akkoord, zegt Rutte, is een historische stap voor het land.", RUTTE)
    assert quote.text == "Het akkoord, zegt Rutte, is een historische stap voor het land"
    assert quote.cue == "zegt"
    assert quote.speaker is not None and quote.speaker.name == "Mark Rutte"


def test_volgens_with_an_apposition() -> None:
    quote = one("Volgens Rutte, de premier van het land, is het akkoord historisch.", RUTTE)
    assert quote.text == "is het akkoord historisch"


def test_klonk_het_dat_names_its_source() -> None:
    quote = one("Maandag klonk het bij de federale politie dat de weg weer open is.", POLICE)
    assert quote.text == "de weg weer open is"
    assert quote.speaker is not None and quote.speaker.code == "BELCOP"


def test_klonk_het_dat_without_source_refers_back() -> None:
    text = "Het Kremlin sprak van een succes. Maandag klonk het dat de oefeningen doorgaan."
    found = indirect(text, KREMLIN)
    assert [q.text for q in found] == ["de oefeningen doorgaan"]
    assert speaker_names(found) == ["Kremlin"]


def test_that_clause_stops_before_a_closing_source() -> None:
    text = "Rutte verwacht dat de inflatie volgend jaar daalt, zo blijkt uit een interview."
    quote = one(text, RUTTE)
    assert quote.text == "de inflatie volgend jaar daalt"


def test_bare_spokesperson_speaks_for_the_organisation_named_before() -> None:
    employers = Actor("kroniek:vno-ncw", "VNO-NCW", "ORG", ("VNO-NCW",), "NLD", "BUS")
    text = "VNO-NCW is niet blij. De maatregel helpt niet, laat een woordvoerder weten."
    found = indirect(text, employers)
    assert [q.text for q in found] == ["De maatregel helpt niet"]
    assert found[0].speaker is not None
    assert found[0].speaker.name == "een woordvoerder"
    assert found[0].speaker.code == "NLDBUS"


@pytest.mark.parametrize(
    ("text", "said", "cue"),
    [
        ("Rutte zegde toe de boeren te steunen.", "de boeren te steunen", "zegde toe"),
        ("Rutte stelt voor om de tarieven te verhogen.", "de tarieven te verhogen", "stelt voor"),
        ("Rutte stelde voor dat de regels strenger worden.", "de regels strenger worden",
         "stelde voor"),
        ("Rutte zei te hopen op een akkoord.", "te hopen op een akkoord", "zei"),
    ],
)  # fmt: skip
def test_a_particle_right_after_the_verb_belongs_to_the_cue(text: str, said: str, cue: str) -> None:
    quote = one(text, RUTTE)
    assert (quote.text, quote.cue) == (said, cue)
