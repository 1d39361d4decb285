"""Cleaning and typing the tagger's names (kroniek.resolve.names), on sentences written here."""

from __future__ import annotations

from kroniek.models import NamedSpan
from kroniek.nlp.tokenize import split
from kroniek.resolve.actor_index import get_index
from kroniek.resolve.names import Name, article_start, clean, clean_all, context_of, noun_in


def _spans(text: str, tagged: list[tuple[str, str]]) -> tuple[list[NamedSpan], list]:
    sentences = split(text)
    spans = []
    after = 0
    for words, label in tagged:
        start = text.index(words, after)
        end = start + len(words)
        number = next(i for i, s in enumerate(sentences) if s.start <= start < s.end)
        spans.append(NamedSpan(label, start, end, words, number))
        after = end
    return spans, sentences


def one(text: str, words: str, label: str) -> tuple[str, str] | None:
    """(surface, type) of the cleaned name of the one span ``words``, or None if dropped."""
    spans, sentences = _spans(text, [(words, label)])
    name = clean(text, spans[0], sentences[spans[0].sentence], context_of(get_index()))
    return None if name is None else (text[name.start : name.end], name.label)


def test_initials_join_the_surname_the_tagger_cut_off() -> None:
    text = "In 2019 werd zijn raadsman Jan K. de Boer bedreigd."
    assert one(text, "Jan K", "PER") == ("Jan K. de Boer", "PER")


def test_arabic_particle_and_junior_belong_to_the_name() -> None:
    assert one("De commandant, Karim al-Masri, vluchtte.", "Karim", "PER") == (
        "Karim al-Masri",
        "PER",
    )
    text = "Later sprak president Rodrigo Alvarez jr. met de pers."
    assert one(text, "Rodrigo Alvarez", "PER") == ("Rodrigo Alvarez jr.", "PER")


def test_an_article_after_an_initial_is_cut_off() -> None:
    text = "De man vermoordde zijn buurvrouw Anja T. De rechter was streng."
    assert one(text, "Anja T. De", "PER") == ("Anja T.", "PER")


def test_a_noun_opening_the_sentence_is_no_part_of_the_name_but_its_type() -> None:
    assert one("Bandenfabrikant Rubbix sluit twee fabrieken.", "Bandenfabrikant Rubbix", "PER") == (
        "Rubbix",
        "ORG",
    )


def test_description_and_adjective_before_a_name_are_cut_off() -> None:
    text = "De raket werd vernietigd door het Franse luchtafweersysteem Skyguard Neo."
    assert one(text, "Franse luchtafweersysteem Skyguard Neo", "MISC") == ("Skyguard Neo", "MISC")
    assert one("Het Duitse Voltaro ontslaat personeel.", "Duitse Voltaro", "ORG") == (
        "Voltaro",
        "ORG",
    )


def test_portfolios_are_no_actors() -> None:
    text = "Zij nam de bevoegdheid van Landbouw en Klimaat over van haar voorganger."
    assert one(text, "Landbouw", "ORG") is None
    assert one(text, "Klimaat", "PER") is None
    text = "Minister Piet Smit van Economische Zaken wil een akkoord."
    assert one(text, "Economische Zaken", "ORG") is None
    # a capitalised word that is no portfolio stays
    assert one("Hij werkte bij de bank van Jan Mol.", "Jan Mol", "PER") == ("Jan Mol", "PER")


def test_compounds_of_a_name_and_a_noun() -> None:
    assert (
        one("Bij de aanval kwam een Hezbollah-commandant om.", "Hezbollah-commandant", "MISC")
        is None
    )
    assert one("De Oranje-coalitie viel gisteren.", "Oranje-coalitie", "MISC") == (
        "Oranje-coalitie",
        "ORG",
    )
    assert one("Het Zandvoort-proces duurde lang.", "Zandvoort-proces", "ORG") == (
        "Zandvoort-proces",
        "MISC",
    )


def test_nationality_nouns_adjective_compounds_and_credits_are_dropped() -> None:
    assert one("Onder de verdachten is ook een Mexicaan.", "Mexicaan", "MISC") is None
    assert one("Toch lachte de West-Vlaming breed.", "West-Vlaming", "LOC") is None
    text = "Er kwam een Frans-Duitse ontmoeting."
    assert one(text, "Frans-Duitse", "MISC") is None
    assert (
        one("Het stadion.\n© Fotostudio Noord\nDe wedstrijd begon.", "© Fotostudio Noord", "MISC")
        is None
    )


def test_the_words_around_a_name_give_its_type() -> None:
    assert one("Volgens bestuurder Wubbo Zijlstra is er geen geld.", "Wubbo Zijlstra", "MISC") == (
        "Wubbo Zijlstra",
        "PER",
    )
    assert one("De directie van Kartonix wil snoeien.", "Kartonix", "PER") == ("Kartonix", "ORG")
    assert one("Hij bezocht de luchtmachtbasis van Qaryat.", "Qaryat", "PER") == ("Qaryat", "LOC")
    assert one("Het Kaasmuseum in Edam is dicht.", "Kaasmuseum", "LOC") == ("Kaasmuseum", "ORG")
    assert one("Volgens Brouwerij Haarlem Pharma klopt dat.", "Haarlem Pharma", "PER") == (
        "Haarlem Pharma",
        "ORG",
    )
    assert one("Het ongeval gebeurde op de A12.", "A12", "MISC") == ("A12", "LOC")
    assert one("Het verhoor in het liquidatieproces Zwaluw begon.", "Zwaluw", "LOC") == (
        "Zwaluw",
        "MISC",
    )


def test_a_given_name_makes_a_person() -> None:
    assert one("Het boek van Oleg Vasnetsov verscheen.", "Oleg Vasnetsov", "MISC") == (
        "Oleg Vasnetsov",
        "PER",
    )
    # a given name that is also a place does not decide
    assert one("Het hotel Paris Lumière opende.", "Paris Lumière", "ORG") == (
        "Paris Lumière",
        "ORG",
    )


def test_one_name_keeps_one_type_in_an_article() -> None:
    text = "De directie van Kartonix zwijgt. Kartonix ontslaat 80 mensen. Bij Kartonix is het stil."
    spans, sentences = _spans(text, [("Kartonix", "PER"), ("Kartonix", "LOC"), ("Kartonix", "LOC")])
    cleaned = clean_all(text, spans, sentences, context_of(get_index()))
    assert [n.label for n in cleaned] == ["ORG", "ORG", "ORG"]


def test_noun_in_matches_words_and_compound_heads() -> None:
    nouns = frozenset({"fabrikant", "leider"})
    assert noun_in("chipfabrikant", nouns)
    assert noun_in("pvda-leider", nouns)
    assert noun_in("leider", nouns)
    assert not noun_in("fabriek", nouns)


def test_article_start_takes_a_preceding_article() -> None:
    text = "Volgens het Kaasmuseum en de Bond is dat zo."
    assert text[article_start(text, text.index("Kaasmuseum")) :].startswith("het Kaasmuseum")
    assert text[article_start(text, text.index("Bond")) :].startswith("de Bond")
    assert article_start(text, text.index("dat")) == text.index("dat")
    assert isinstance(Name(0, 1, "PER", 0), Name)


def test_a_fixed_phrase_ending_in_a_cue_word_types_nothing() -> None:
    # "meer" is a lake before a name, but "onder meer" is "among others"
    assert one("Er spraken onder meer Jan Kortlever en anderen.", "Jan Kortlever", "PER") == (
        "Jan Kortlever",
        "PER",
    )
    assert one("Zij voeren over het meer Zwartewater.", "Zwartewater", "PER") == (
        "Zwartewater",
        "LOC",
    )


def test_an_age_makes_a_person_of_a_name_with_an_unknown_given_name() -> None:
    text = "Zoufian Velthaar (34) werd vrijdag opgepakt."
    assert one(text, "Zoufian Velthaar", "MISC") == ("Zoufian Velthaar", "PER")
    text = "De 52-jarige Merouan Dreskon ontkent alles."
    assert one(text, "Merouan Dreskon", "MISC") == ("Merouan Dreskon", "PER")
    # a score or a seat count is no age, and a tagger organisation keeps its type
    assert one("Kovrik Wolbrink (3-0) won de finale.", "Kovrik Wolbrink", "MISC") == (
        "Kovrik Wolbrink",
        "MISC",
    )
    assert one("De Brandsmaatpartij (12) stemde tegen.", "Brandsmaatpartij", "ORG") == (
        "Brandsmaatpartij",
        "ORG",
    )


def test_the_victim_of_a_killing_is_a_person() -> None:
    text = "De moord op Taoufik Kovrik in 2018 is nooit opgelost."
    assert one(text, "Taoufik Kovrik", "MISC") == ("Taoufik Kovrik", "PER")
    text = "Na de dood van Ilyass Wolbrink bleef het onrustig."
    assert one(text, "Ilyass Wolbrink", "ORG") == ("Ilyass Wolbrink", "PER")
    # "van" after another noun says nothing about a person
    assert one("De winst van Kovrik Wolbrink steeg.", "Kovrik Wolbrink", "MISC") == (
        "Kovrik Wolbrink",
        "ORG",
    )


def _speakers(text: str, tagged: list[tuple[str, str]]) -> list[bool]:
    spans, sentences = _spans(text, tagged)
    return [n.speaker for n in clean_all(text, spans, sentences, context_of(get_index()))]


def test_a_speaker_or_a_subject_taken_up_by_a_pronoun_is_marked() -> None:
    assert _speakers("'Het is voorbij', aldus Velthaar aan de radio.", [("Velthaar", "PER")]) == [
        True
    ]
    assert _speakers("Dreskon zei dat het niet klopte.", [("Dreskon", "PER")]) == [True]
    text = "Wolbrink zou de opdrachtgever zijn, al ontkent hij dat."
    assert _speakers(text, [("Wolbrink", "PER")]) == [True]
    text = "Kovrik werd veroordeeld. Hij gaat in beroep. Later kwam Kovrik vrij."
    assert _speakers(text, [("Kovrik", "PER"), ("Kovrik", "PER")]) == [True, True]
    text = "Dus Velthaar was de leider van de bende, denkt de politie."
    assert _speakers(text, [("Velthaar", "PER")]) == [True]
    text = "Sinds maart Brandsmaat is een bedrijf uit Gent."
    assert _speakers(text, [("Brandsmaat", "PER")]) == [False]
    # an organisation after "bij" or "via", with no speaker cue, is not marked
    text = "Er werken 300 mensen bij Brandsmaat. De vakbond sprak via Kovrik met de directie."
    assert _speakers(text, [("Brandsmaat", "PER"), ("Kovrik", "PER")]) == [False, False]


def test_a_title_in_capitals_is_no_name() -> None:
    assert one("Dat zei CEO Wubbo Zijlstra gisteren.", "CEO", "MISC") is None
    assert one("Dat zei Wubbo Koning gisteren.", "Wubbo Koning", "PER") == ("Wubbo Koning", "PER")


def test_a_weapon_ship_or_work_before_a_name_makes_it_a_thing() -> None:
    text = "De raketten werden onderschept door het antiraketsysteem Kovrik Shield."
    assert one(text, "Kovrik Shield", "ORG") == ("Kovrik Shield", "MISC")
    assert one("Het vliegdekschip Velthaar voer uit.", "Velthaar", "PER") == ("Velthaar", "MISC")
    # an organisation noun still wins: "de denktank" ends in "tank"
    assert one("Volgens de denktank Brandsmaat klopt dat.", "Brandsmaat", "PER") == (
        "Brandsmaat",
        "ORG",
    )


def test_a_small_place_noun_makes_a_place() -> None:
    text = "Hij woonde in het plaatsje Velthaar aan de grens."
    assert one(text, "Velthaar", "ORG") == ("Velthaar", "LOC")


def test_a_given_name_and_an_initial_or_an_age_apposition_make_a_person() -> None:
    text = "De rechtbank sprak Taoufik K. gisteren vrij."
    assert one(text, "Taoufik K", "ORG") == ("Taoufik K.", "PER")
    text = "Kovrik Velthaar, een 61-jarige uit Lelystad, werd opgepakt."
    assert one(text, "Kovrik Velthaar", "MISC") == ("Kovrik Velthaar", "PER")
    # a capitalised word and a full stop ending the sentence is no initial
    assert one("Zij werkt bij Brandsmaat Holding.", "Brandsmaat Holding", "ORG") == (
        "Brandsmaat Holding",
        "ORG",
    )


def test_an_abbreviated_title_makes_a_person() -> None:
    text = "Dat vertelde dr. Velthaar in een interview."
    assert one(text, "Velthaar", "ORG") == ("Velthaar", "PER")
    assert one("Het pleidooi van mr. Brandsmaat duurde lang.", "Brandsmaat", "LOC") == (
        "Brandsmaat",
        "PER",
    )
