"""Event coding on Dutch sentences written for these tests (actors from event_fixtures)."""

from __future__ import annotations

from kroniek.extract.event_codes import home_country
from kroniek.extract.event_context import dateline
from kroniek.extract.events import extract
from kroniek.models import ActorRef, Article, Doc, Entity, Event, Mention, Quote
from kroniek.nlp.tokenize import split
from tests.extract.event_fixtures import make_doc, mention, triples


def only(events: list[Event], plover: str) -> Event:
    matching = [event for event in events if event.plover == plover]
    assert len(matching) == 1, events
    return matching[0]


# --- triggers ---------------------------------------------------------------------------------


def test_separable_verb_uses_finite_part_as_trigger_with_exact_offsets() -> None:
    text = "Rusland trekt zijn troepen volgende maand terug uit Syrië."
    event = only(extract(make_doc(text)), "RETREAT")
    assert (event.source and event.source.code, event.target and event.target.code) == (
        "RUS",
        "SYR",
    )
    assert event.trigger == Mention("trekt", 8, 13, 0)
    assert text[event.trigger.start : event.trigger.end] == "trekt"
    assert event.rule == "retreat.terugtrekken"
    assert event.cameo == "0874" and event.quad_class == 2 and event.goldstein == 9.0


def test_separable_particles_of_common_news_verbs() -> None:
    doc = make_doc(
        "Guterres riep Israël gisteren op tot terughoudendheid. "
        "Russische troepen vielen Oekraïne binnen. "
        "Het ABVV kondigde een staking aan tegen de regering."
    )
    found = triples(extract(doc))
    assert ("UNO", "DEMAND", "ISR") in found
    assert ("RUSMIL", "FIGHT", "UKR") in found
    assert ("BELLAB", "PROTEST", "BELGOV") in found


def test_particle_that_is_a_preposition_is_not_taken_for_the_particle() -> None:
    # "op de" is a prepositional phrase, not the particle of "oproepen"
    assert extract(make_doc("Poetin riep de NAVO op de top in Moskou.")) == []


def test_te_infinitive_of_separable_verb_and_threat() -> None:
    events = extract(make_doc("Rusland dreigt Oekraïne aan te vallen."))
    fight = only(events, "FIGHT")
    assert fight.modality == "hypothetical"
    assert triples([fight]) == {("RUS", "FIGHT", "UKR")}
    assert ("RUS", "THREATEN", "UKR") in triples(events)


def test_dreigt_te_without_an_object_is_modality_not_a_threat() -> None:
    assert extract(make_doc("Rusland dreigt zonder munitie te vallen."), require_target=False) == []


def test_nominal_triggers_with_their_frames() -> None:
    doc = make_doc(
        "De aanval van Rusland op Oekraïne begon in de nacht. "
        "Israël voerde zaterdag luchtaanvallen uit op Gaza. "
        "De EU kondigde nieuwe sancties aan tegen Iran."
    )
    found = triples(extract(doc))
    assert {("RUS", "FIGHT", "UKR"), ("ISR", "FIGHT", "PSE"), ("EUR", "SANCTION", "IRN")} <= found


def test_nationality_adjective_is_the_source_of_a_noun_in_an_adverbial_phrase() -> None:
    doc = make_doc("Bij Israëlische luchtaanvallen op Gaza zijn tientallen doden gevallen.")
    assert triples(extract(doc)) == {("ISR", "FIGHT", "PSE")}


def test_phrase_entries() -> None:
    doc = make_doc(
        "De Israëlische luchtmacht nam Gaza onder vuur. "
        "Hezbollah opende het vuur op Israël."
    )
    found = triples(extract(doc))
    assert ("ISRMIL", "FIGHT", "PSE") in found
    assert ("LBNREB", "FIGHT", "ISR") in found


def test_compound_noun_matches_its_head() -> None:
    event = only(extract(make_doc("Iran voerde een nachtelijke raketaanval uit op Israël.")),
                 "FIGHT")
    assert event.rule == "fight.raketaanval"
    assert extract(make_doc("Een man pleegde zelfmoord in Gent."), require_target=False) == []


def test_verb_form_after_an_article_is_a_noun() -> None:
    # "de tekenen" (the signs) is not "tekenen" (to sign)
    assert extract(make_doc("Poetin zag in Syrië de tekenen van vrede met Turkije.")) == []


# --- roles ------------------------------------------------------------------------------------


def test_passive_with_door_agent() -> None:
    event = only(extract(make_doc("Oekraïne werd gisteren door Rusland aangevallen.")), "FIGHT")
    assert triples([event]) == {("RUS", "FIGHT", "UKR")}
    assert event.trigger.text == "aangevallen"


def test_passive_without_agent_is_skipped_unless_unknown_perpetrator_is_allowed() -> None:
    assert extract(make_doc("Oekraïne werd gisteren aangevallen.")) == []
    crime = only(extract(make_doc("Een agent werd in Antwerpen vermoord.")), "CRIME")
    assert crime.source is not None and crime.source.code == "---"
    assert crime.cameo == "--" and crime.quad_class == 4


def test_coordinated_sources_and_targets_give_one_event_each() -> None:
    found = triples(extract(make_doc("Rusland en Iran steunen Assad.")))
    assert found == {("RUS", "SUPPORT", "SYRGOV"), ("IRN", "SUPPORT", "SYRGOV")}
    found = triples(extract(make_doc("China verhoogt de druk op de VS en Taiwan.")))
    assert found == {("CHN", "THREATEN", "USA"), ("CHN", "THREATEN", "TWN")}


def test_coordinated_clause_shares_its_subject() -> None:
    doc = make_doc("De VS beschuldigen Assad van gifgasaanvallen en eisen het aftreden van Assad.")
    found = triples(extract(doc))
    assert ("USA", "DISAPPROVE", "SYRGOV") in found
    assert ("USA", "DEMAND", "SYRGOV") in found


def test_subject_after_the_finite_verb_when_an_adverbial_comes_first() -> None:
    found = triples(extract(make_doc("Eerder deze maand bombardeerde Rusland Odessa.")))
    assert found == {("RUS", "FIGHT", "UKR")}


def test_unknown_subject_blocks_the_object_from_becoming_the_source() -> None:
    # the subject is not a known actor: Israël is the target, not the source
    assert extract(make_doc("De eenheid viel Israël aan."), require_target=False) == []


def test_headline_syntax() -> None:
    assert triples(extract(make_doc("Poetin belooft Assad nieuwe wapens"))) == {
        ("RUSGOV", "AGREE", "SYRGOV")
    }


def test_unnamed_people_as_targets_get_a_country() -> None:
    found = triples(extract(make_doc("De politie arresteerde een man in Antwerpen.")))
    assert found == {("BELCOP", "COERCE", "BELCVL")}
    found = triples(extract(make_doc("Israëlische troepen doodden twee Palestijnse tieners.")))
    assert found == {("ISRMIL", "ASSAULT", "PSECVL")}


def test_assault_by_a_civilian_is_a_crime() -> None:
    event = only(extract(make_doc("Een man schoot een agent dood in Gent.")), "CRIME")
    assert event.cameo == "--" and event.goldstein == -6.5


def test_pronoun_hij_refers_to_the_last_person() -> None:
    doc = make_doc("Poetin landde in Damascus. Hij ontmoette Assad op de basis.")
    event = only(extract(doc), "CONSULT")
    assert event.source is not None and event.source.entity == "kroniek:vladimir-putin"
    assert event.sentence == 1


def test_domestic_actor_without_country_takes_the_home_country() -> None:
    text = "De politie pakte in Antwerpen twee mannen op. Brussel en Antwerpen zijn rustig."
    doc = Doc(Article("t", text, "t.txt", published="2024-03-01"), sentences=split(text))
    police = Entity("kroniek:politie", "politie", "ORG", None, "COP", generic=True)
    police.mentions.append(mention(text, "De politie"))
    doc.entities = [police]
    doc.places = make_doc(text).places
    assert home_country(doc) == "BEL"
    assert triples(extract(doc)) == {("BELCOP", "COERCE", "BELCVL")}


# --- negation, modality, reported speech -------------------------------------------------------


def test_negation() -> None:
    event = only(extract(make_doc("Rusland valt Oekraïne niet aan.")), "FIGHT")
    assert event.negated
    assert not only(extract(make_doc("Rusland valt Oekraïne aan.")), "FIGHT").negated


def test_refusal_is_reject_and_the_refused_act_is_no_second_event() -> None:
    events = extract(make_doc("Hamas weigert de gijzelaars vrij te laten."), require_target=False)
    assert only(events, "REJECT").source is not None
    assert [event for event in events if event.plover == "CONCEDE"] == []


def test_negation_without_refusal_is_kept_and_flagged() -> None:
    events = extract(make_doc("Israël laat de gijzelaars niet vrij."), require_target=False)
    assert only(events, "CONCEDE").negated


def test_no_other_option_than_is_no_negation() -> None:
    events = extract(make_doc("Het ACV ziet geen andere optie dan staken."), require_target=False)
    assert not only(events, "PROTEST").negated


def test_modality() -> None:
    assert only(extract(make_doc("Rusland wil Oekraïne aanvallen.")), "FIGHT").modality == (
        "intended"
    )
    assert only(extract(make_doc("Rusland zou Oekraïne aanvallen.")), "FIGHT").modality == (
        "hypothetical"
    )
    assert only(extract(make_doc("Rusland is van plan Oekraïne aan te vallen.")),
                "FIGHT").modality == "intended"


def test_reported_speech_with_dat_and_volgens() -> None:
    doc = make_doc("Biden zegt dat Rusland Oekraïne aanviel.")
    event = only(extract(doc), "FIGHT")
    assert triples([event]) == {("RUS", "FIGHT", "UKR")}
    assert event.modality == "reported" and event.reported_by == "kroniek:joe-biden"
    doc = make_doc("Volgens Zelensky bombardeerde Rusland Odessa.")
    event = only(extract(doc), "FIGHT")
    assert triples([event]) == {("RUS", "FIGHT", "UKR")}
    assert event.reported_by == "kroniek:volodymyr-zelensky"
    doc = make_doc("Rusland bombardeerde Odessa, zegt Zelensky.")
    assert only(extract(doc), "FIGHT").reported_by == "kroniek:volodymyr-zelensky"


def test_warning_targets_the_subject_of_the_dat_clause() -> None:
    found = triples(extract(make_doc("Netanyahu waarschuwt dat Hamas een hoge prijs betaalt.")))
    assert found == {("ISRGOV", "THREATEN", "PSEREB")}


def test_undoing_verb_drops_the_noun_it_undoes() -> None:
    found = triples(extract(make_doc("De EU hief de sancties tegen Iran op.")))
    assert found == {("EUR", "CONCEDE", "IRN")}


# --- one event per happening, where and when ---------------------------------------------------


def test_dedup_across_headline_and_body_keeps_the_first_clearest() -> None:
    text = (
        "Rusland valt Oekraïne aan\n"
        "Rusland zou Oekraïne aanvallen, zegt Biden.\n"
        "Rusland viel Oekraïne donderdag aan vanuit het noorden."
    )
    events = extract(make_doc(text))
    assert len(events) == 1
    assert events[0].sentence == 0 and events[0].modality == "asserted"


def test_dedup_prefers_an_asserted_report_over_an_earlier_hypothetical_one() -> None:
    text = "Rusland zou Oekraïne aanvallen.\nRusland viel Oekraïne aan."
    events = extract(make_doc(text))
    assert [(e.sentence, e.modality) for e in events] == [(1, "asserted")]


def test_location_and_date_attachment() -> None:
    doc = make_doc(
        "Russische troepen beschoten zaterdag Charkiv. Rusland bombardeerde Odessa.",
        published="2024-03-15",
        times={"zaterdag": "2024-03-09"},
    )
    first, second = extract(doc)
    assert first.location == "geonames:706483" and first.date == "2024-03-09"
    assert second.location == "geonames:698740" and second.date == "2024-03-15"


def test_place_gives_the_target_of_a_strike_without_one() -> None:
    doc = make_doc("Israël voerde luchtaanvallen uit op doelen in Rafah.")
    assert triples(extract(doc)) == {("ISR", "FIGHT", "PSE")}


def test_require_target_false_keeps_events_without_target() -> None:
    doc = make_doc("Navalny begon een hongerstaking.")
    assert extract(doc) == []
    assert triples(extract(doc, require_target=False)) == {("RUSOPP", "PROTEST", None)}


def test_all_offsets_are_exact() -> None:
    text = (
        "Eerder deze maand beval Poetin de terugtrekking van Russische troepen uit Syrië. "
        "Palestijnse militanten vuurden raketten af op Israël; Israël voerde luchtaanvallen uit "
        "op de Gazastrook. De VS eisen het aftreden van Assad."
    )
    events = extract(make_doc(text))
    assert len(events) >= 4
    for event in events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text




def test_with_the_real_resolvers() -> None:
    from kroniek.resolve import actors, places, times

    text = (
        "Israël voert luchtaanvallen uit op Gaza\n"
        "Palestijnse militanten vuurden raketten af op Israël. "
        "De Russische president Vladimir Poetin heeft dinsdag de Syrische president Assad "
        "ontmoet in Damascus."
    )
    doc = Doc(Article("t", text, "t.txt", published="2023-05-20"), sentences=split(text))
    doc.times = times.resolve(doc)
    doc.entities = actors.resolve(doc)
    doc.places = places.resolve(doc)
    events = extract(doc)
    found = {(e.source.code[:3], e.plover, e.target.code[:3]) for e in events
             if e.source and e.source.code and e.target and e.target.code}
    assert {("ISR", "FIGHT", "PSE"), ("PSE", "FIGHT", "ISR"), ("RUS", "CONSULT", "SYR")} <= found
    consult = only(events, "CONSULT")
    assert consult.date == "2023-05-16" and consult.location is not None


def test_sentence_initial_zij_refers_to_the_last_group() -> None:
    doc = make_doc("De vakbonden leggen het werk neer. Zij onderhandelen al maanden met de NMBS.")
    assert triples(extract(doc)) == {("BELLAB", "CONSULT", "BELBUS")}


def test_coordinated_subjects_of_a_reciprocal_act_are_each_others_targets() -> None:
    found = triples(extract(make_doc("Israël en Hamas bereikten een akkoord.")))
    assert found == {("ISR", "AGREE", "PSEREB"), ("PSEREB", "AGREE", "ISR")}


def test_light_verb_with_indirect_object_and_adjective_object() -> None:
    found = triples(extract(make_doc("De EU legt Hongarije een boete op.")))
    assert found == {("EUR", "COERCE", "HUN")}
    found = triples(extract(make_doc("Oekraïne heeft een Russische raffinaderij aangevallen.")))
    assert found == {("UKR", "FIGHT", "RUS")}


def test_we_inside_a_direct_quote_is_its_speaker() -> None:
    text = "\u2018We zullen de aanvallen op Hamas opvoeren\u2019, zei Netanyahu."
    doc = make_doc(text)
    netanyahu = next(e for e in doc.entities if e.name == "Benjamin Netanyahu")
    doc.quotes = [Quote("direct", text[1:41], 1, 41, "zei",
                        ActorRef(netanyahu.id, netanyahu.code, netanyahu.name))]
    event = only(extract(doc), "FIGHT")
    assert triples([event]) == {("ISRGOV", "FIGHT", "PSEREB")}
    assert event.modality == "reported" and event.reported_by == netanyahu.id


def test_unnamed_plural_group_acts_with_itself() -> None:
    found = triples(extract(make_doc("De partijen bereikten een akkoord over het beleid in Gent.")))
    assert found == {("BELPTY", "AGREE", "BELPTY")}


def test_a_judging_verb_in_a_relative_clause_about_others_keeps_the_subjects_act() -> None:
    doc = make_doc(
        "De rechtbank heeft ook alle daders die tot een celstraf veroordeeld zijn, strafkorting "
        "gegeven omdat de zaak lang duurde."
    )
    concede = only(extract(doc), "CONCEDE")
    assert concede.trigger.text == "strafkorting"
    assert concede.source is not None and concede.source.entity == "kroniek:court"


def test_a_judged_act_is_still_not_the_judges_own() -> None:
    doc = make_doc("De rechtbank veroordeelde de aanval op de politie.")
    assert not any(e.plover in ("ASSAULT", "FIGHT") for e in extract(doc))


def test_restrictions_imposed_on_a_country_are_a_sanction_against_it() -> None:
    events = extract(make_doc("De VS legden exportbeperkingen op aan China."))
    assert {(e.plover, e.source and e.source.code, e.target and e.target.code)
            for e in events} == {("SANCTION", "USA", "CHN")}  # fmt: skip


# --- datelines --------------------------------------------------------------------------------


def test_a_capital_in_the_dateline_is_not_its_government_acting() -> None:
    text = "Den Haag - De oppositie eist dat het kabinet de bezuinigingen op scholen schrapt."
    doc = make_doc(text, outlet="nos.nl")
    # the actor dictionary knows the seat of government as a name of its own
    doc.entities.append(
        Entity("kroniek:den-haag", "Den Haag", "GPE", "NLD", None, [mention(text, "Den Haag")])
    )
    found = triples(extract(doc))
    assert ("NLDOPP", "DEMAND", "NLDGOV") in found
    assert not any(source == "NLDGOV" and plover == "DEMAND" for source, plover, _ in found)


def test_the_place_before_a_dateline_dash_is_no_participant() -> None:
    assert triples(extract(make_doc("Moskou - De Wagnergroep viel Oekraïne aan."))) == {
        ("RUSMIL", "FIGHT", "UKR")
    }
    assert triples(extract(make_doc("Kiev – De NAVO belooft Oekraïne wapens."))) == {
        ("NAT", "AGREE", "UKR")
    }


def test_a_dateline_with_an_agency_is_no_participant_either() -> None:
    found = triples(extract(make_doc("Washington (ANP) - De NAVO waarschuwt Rusland.")))
    assert found == {("NAT", "THREATEN", "RUS")}


def test_a_dateline_opens_only_the_first_body_line() -> None:
    text = "Het kabinet zwijgt.\n\nMoskou - De Wagnergroep viel Oekraïne aan."
    doc = make_doc(text)
    doc.article.paragraphs = [(0, 19), (21, len(text))]
    assert dateline(doc) is None
    assert dateline(make_doc("De NAVO - en niet de EU - waarschuwt Rusland.")) is None
    first = make_doc("Moskou - De Wagnergroep viel Oekraïne aan.")
    assert dateline(first) == (0, 1)
