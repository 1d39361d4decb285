"""Event coding rules that look past the trigger's own clause: home country, clause cuts after
commas, reactions, crowds, the accused, conditions, meetings, background passives, return fire,
unnamed people and the tagger checks (Dutch sentences written for these tests)."""

from __future__ import annotations

import re

from kroniek.extract.event_codes import as_government, capital_names, home_country
from kroniek.extract.events import extract
from kroniek.models import ActorRef, Doc, Entity, Mention, Place
from tests.extract.event_fixtures import Triple, make_doc, triples


def coded(text: str, *, tagged: bool = False, outlet: str | None = None) -> set[Triple]:
    return triples(extract(make_doc(text, tagged=tagged, outlet=outlet)))


# --- home country -----------------------------------------------------------------------------


def test_a_dutch_outlet_on_belgian_politics_has_belgium_at_home() -> None:
    text = ("In België staken de vakbonden. België en Gent liggen stil. Ook Antwerpen en Gent "
            "volgen. De regering in België zwijgt. Nederland kijkt toe.")
    assert home_country(make_doc(text, outlet="rd.nl")) == "BEL"


def test_the_outlet_country_stays_home_when_it_is_named_often_enough() -> None:
    text = "Nederland en Amsterdam kijken naar België. Nederland reageert."
    assert home_country(make_doc(text, outlet="nos.nl")) == "NLD"


def test_one_mention_of_a_foreign_firm_does_not_move_home() -> None:
    doc = make_doc("Een woordvoerder van Shell wilde niet reageren.", outlet="nos.nl")
    assert home_country(doc) == "NLD"
    assert home_country(make_doc("Shell zweeg. Shell reageerde niet.", outlet="nos.nl")) == "NLD"


def test_a_foreign_firm_named_often_does_not_move_home() -> None:
    # a company's country is its seat, not where the story is: "de vakbonden" at its Belgian plant
    # are Belgian
    doc = make_doc("Volvo schrapt banen. Volvo zwijgt. Volvo sluit de fabriek.", outlet="hln.be")
    assert home_country(doc) == "BEL"
    assert home_country(make_doc("Volvo zwijgt. Volvo en Volvo reageren niet.")) == "SWE"


def test_a_foreign_state_named_often_still_moves_home_past_firms() -> None:
    text = "Frankrijk en Frankrijk zwijgen. Volvo, Volvo en Volvo reageren niet."
    assert home_country(make_doc(text, outlet="nos.nl")) == "FRA"


def test_an_international_ngo_is_no_home_country() -> None:
    doc = make_doc("Amnesty zweeg. Amnesty en Amnesty reageerden niet.", outlet="nos.nl")
    for entity in doc.entities:
        entity.country = "NGO"  # as the actor dictionary codes international NGOs
    assert [len(e.mentions) for e in doc.entities] == [3]
    assert home_country(doc) == "NLD"


def test_a_foreign_official_named_often_counts_once_towards_home() -> None:
    text = ("Netanyahu sprak in Amsterdam. Netanyahu bleef kalm. Premier Netanyahu lachte. "
            "Netanyahu vertrok.")
    doc = make_doc(text, outlet="nos.nl")
    assert [len(e.mentions) for e in doc.entities] == [4]
    assert home_country(doc) == "NLD"


def test_without_an_outlet_places_outweigh_a_person_named_often() -> None:
    text = "Biden kwam naar België. Biden sprak in Antwerpen. Biden en Biden vertrokken."
    assert home_country(make_doc(text)) == "BEL"


def test_a_foreign_businessman_named_often_does_not_move_home() -> None:
    doc = make_doc("Macron zweeg. Macron sprak. Macron en Macron lachten.", outlet="hln.be")
    for entity in doc.entities:
        entity.role = "BUS"  # a French businessman, not the president
    assert home_country(doc) == "BEL"


def test_bare_police_stay_home_when_a_foreign_official_is_named_often() -> None:
    text = ("Netanyahu sprak in Amsterdam. Netanyahu bleef kalm. Netanyahu lachte. Netanyahu "
            "vertrok. Een agent arresteerde later een betoger.")
    assert ("NLDCOP", "COERCE", "NLDCVL") in coded(text, outlet="nos.nl")


# --- clauses ----------------------------------------------------------------------------------


def test_a_headline_comma_joins_two_main_clauses() -> None:
    found = coded("Rusland valt Oekraïne aan, Zelensky vraagt de NAVO om wapens", tagged=True)
    assert ("UKRGOV", "DEMAND", "NAT") in found
    assert not any(source == "RUS" and plover == "DEMAND" for source, plover, _ in found)


def test_the_main_clause_after_a_fronted_subordinate_clause_is_inverted() -> None:
    found = coded("Terwijl de gesprekken bezig waren, bombardeerde het Israëlische leger Rafah.",
                  tagged=True)
    assert ("ISRMIL", "FIGHT", "PSE") in found


def test_a_relative_clause_closed_by_a_comma_gives_the_rest_back_to_the_main_clause() -> None:
    found = coded("Macron vroeg de VS, die het bestand hebben helpen sluiten, om druk uit te "
                  "oefenen op Israël.", tagged=True)
    assert ("FRAGOV", "DEMAND", "USA") in found
    assert not any(plover in ("AID", "MOBILIZE") for _, plover, _ in found)


def test_an_adverbial_before_the_finite_verb_puts_the_subject_after_it() -> None:
    found = coded("Een dag later heeft de Nederlandse politie in Amsterdam twee mannen opgepakt.")
    assert ("NLDCOP", "COERCE", "NLDCVL") in found


def test_a_conditional_clause_names_whom_a_threat_is_aimed_at() -> None:
    found = coded("De FNV dreigt met acties als de NS niet toegeeft.", tagged=True)
    assert ("NLDLAB", "THREATEN", "NLDBUS") in found


# --- reactions --------------------------------------------------------------------------------


def test_a_condemned_attack_is_the_one_on_the_named_scene() -> None:
    text = ("Rusland viel Charkiv aan. Oekraïne viel een raffinaderij in Rusland aan. "
            "Macron veroordeelde de aanval op Charkiv.")
    assert ("FRAGOV", "DISAPPROVE", "RUS") in coded(text)


def test_a_state_does_not_condemn_its_own_states_attack() -> None:
    text = ("Oekraïne viel Rusland aan. Rusland viel Oekraïne aan. "
            "Het Kremlin veroordeelde de aanvallen.")
    found = coded(text)
    assert ("RUSGOV", "DISAPPROVE", "UKR") in found
    assert ("RUSGOV", "DISAPPROVE", "RUS") not in found


# --- unnamed people ---------------------------------------------------------------------------


def test_a_crowd_attacking_the_police_is_an_assault_and_the_police_answer_it() -> None:
    found = coded("In Gent gooiden relschoppers stenen naar de politie, die traangas inzette.")
    assert ("BELCVL", "ASSAULT", "BELCOP") in found
    assert ("BELCOP", "COERCE", "BELCVL") in found


def test_residents_may_demand() -> None:
    found = coded("In Gent roepen buurtbewoners de regering op om camera's te plaatsen.")
    assert ("BELCVL", "DEMAND", "BELGOV") in found


def test_people_from_a_place_belong_to_its_country() -> None:
    found = coded("De politie pakte in Gent twee jongeren uit Amsterdam op.")
    assert ("BELCOP", "COERCE", "NLDCVL") in found


def test_members_of_a_group_are_that_group() -> None:
    assert ("BELCOP", "COERCE", "PSEREB") in coded("De politie arresteerde drie leden van Hamas.")


def test_a_compound_of_a_people_noun_is_unnamed_people() -> None:
    found = coded("In Antwerpen werden twee havenmedewerkers opgepakt door de politie.")
    assert any(plover == "COERCE" and (target or "").startswith("BEL")
               for _, plover, target in found)


def test_the_definite_noun_refers_to_the_people_named_before() -> None:
    found = coded("Rusland zette een Nederlandse diplomaat uit. Moskou beschuldigt de diplomaat "
                  "van spionage.")
    assert ("RUS", "DISAPPROVE", "NLDGOV") in found


def test_coordinated_nationalities_are_two_groups() -> None:
    found = coded("Israëlische en Amerikaanse onderhandelaars praten met Qatar.")
    sources = {source[:3] for source, plover, _ in found if plover == "CONSULT" and source}
    assert {"ISR", "USA"} <= sources


def test_sentence_initial_they_is_the_group_just_named() -> None:
    found = coded("Boeren blokkeerden een snelweg. Zij beschuldigen het kabinet van wanbeleid.")
    assert ("NLDCVL", "DISAPPROVE", "NLDGOV") in found


def test_him_is_a_person_named_before_this_sentence() -> None:
    found = coded("Rutte sprak met Macron. Scholz beloofde hem steun.")
    assert ("DEUGOV", "AGREE", "FRAGOV") in found


def test_the_king_is_the_home_countrys_head_of_state() -> None:
    found = coded("Rutte bood zijn ontslag aan bij de koning.", outlet="nos.nl")
    assert ("NLDGOV", "CONCEDE", "NLDGOV") in found


# --- courts and police ------------------------------------------------------------------------


def test_a_prosecutors_penalty_demand_aims_at_the_accused() -> None:
    assert ("BELJUD", "DEMAND", "BELCVL") in coded("Het parket vorderde tien jaar cel.")


def test_an_earlier_conviction_is_no_new_event() -> None:
    found = coded("Het slachtoffer uit Gent was eerder veroordeeld voor diefstal.")
    assert not any(plover == "DISAPPROVE" for _, plover, _ in found)


def test_a_coercing_verb_takes_the_act_as_object_not_as_its_own_act() -> None:
    found = triples(extract(make_doc("Rutte verbood de betoging op het plein."),
                            require_target=False))
    assert not any(plover == "PROTEST" and source == "NLDGOV" for source, plover, _ in found)


def test_a_van_phrase_inside_another_phrase_is_no_target() -> None:
    found = coded("De PVV eist een onderzoek naar de rol van de NS.")
    assert ("NLDPTY", "DEMAND", "NLDBUS") not in found


# --- fights, meetings, agreements -------------------------------------------------------------


def test_fire_from_a_country_is_aimed_at_who_attacked_it() -> None:
    found = coded("Israël bombardeerde Gaza. Daarna werden raketten afgevuurd vanuit Gaza.")
    assert ("PSE", "FIGHT", "ISR") in found


def test_a_meeting_in_a_time_phrase_is_the_subjects_meeting() -> None:
    found = coded("Na een telefoongesprek met Zelensky kondigde Macron nieuwe hulp aan.")
    assert ("FRAGOV", "CONSULT", "UKRGOV") in found


def test_a_government_agreement_without_partner_is_among_its_parties() -> None:
    found = coded("De Belgische regering bereikte een akkoord over de begroting.")
    assert ("BELGOV", "AGREE", "BELGOV") in found


def test_helpen_before_an_infinitive_is_an_auxiliary() -> None:
    found = coded("Rusland zal Syrië helpen verdedigen.")
    assert not any(plover == "AID" for _, plover, _ in found)


def test_a_verb_form_tagged_as_a_noun_after_a_numeral_is_no_trigger() -> None:
    found = triples(extract(make_doc("Twee maanden later manen de VS Iran tot kalmte.",
                                     tagged=True), require_target=False))
    assert not any(plover == "DEMAND" and source is None for source, plover, _ in found)


def test_an_aside_after_the_subject_does_not_cut_off_the_judging_verb() -> None:
    found = coded("Amnesty, de organisatie achter de actie, noemde het optreden van de "
                  "Nederlandse politie buitensporig.", tagged=True)
    assert ("---NGO", "DISAPPROVE", "NLDCOP") in found


def test_a_report_verb_after_a_comma_still_opens_its_own_clause() -> None:
    found = coded("Rusland valt Oekraïne aan, zei Zelensky.", tagged=True)
    assert ("RUS", "FIGHT", "UKR") in found
    assert not any(source == "UKRGOV" for source, _, _ in found)


def test_an_act_asked_for_in_an_om_te_clause_is_not_done() -> None:
    found = coded("Zelensky riep de NAVO op om sneller wapens te leveren.", tagged=True)
    assert ("UKRGOV", "DEMAND", "NAT") in found
    assert not any(plover == "AID" for _, plover, _ in found)


def test_a_relative_clause_inside_the_subject_keeps_the_subject() -> None:
    found = coded("Zelensky, die de actie steunt, bekritiseerde dinsdag Rusland scherp.",
                  tagged=True)  # fmt: skip
    assert ("UKRGOV", "DISAPPROVE", "RUS") in found
    assert not any(source == "RUS" and plover == "DISAPPROVE" for source, plover, _ in found)


def test_a_relative_clause_after_an_object_does_not_make_it_the_subject() -> None:
    found = coded("Zelensky vroeg de Verenigde Staten, die het akkoord steunen, om druk uit te "
                  "oefenen op Rusland.", tagged=True)  # fmt: skip
    assert not any(source == "UKRGOV" and plover == "THREATEN" for source, plover, _ in found)


# --- capitals as governments ---------------------------------------------------------------

CAPITALS = {"Moskou": ("geonames:524901", "RUS"), "Kiev": ("geonames:703448", "UKR")}


def with_capitals(text: str) -> Doc:
    """A fixture Doc whose places are the real gazetteer's capitals Moscow and Kyiv."""
    doc = make_doc(text)
    doc.places = [
        Place(place_id, name, country, 0.0, 0.0, [
            Mention(name, m.start(), m.end(), doc.sentence_index(m.start()) or 0)
            for m in re.finditer(name, text)
        ])
        for name, (place_id, country) in CAPITALS.items()
    ]  # fmt: skip
    return doc


def test_a_capital_that_acts_is_its_government() -> None:
    found = triples(extract(with_capitals("Moskou beschuldigt Kiev van sabotage.")))
    assert ("RUSGOV", "DISAPPROVE", "UKR") in found  # the capital acted on stays the country


def test_a_capital_that_fights_stays_its_country() -> None:
    found = triples(extract(with_capitals("Moskou bombardeert Kiev.")))
    assert any(plover in ("FIGHT", "ASSAULT") for _source, plover, _target in found)
    assert all(source == "RUS" for source, _plover, _target in found)


def test_a_country_named_by_its_capital_too_stays_the_country() -> None:
    # the fixture dictionary gives "Moskou" and "Rusland" one entity: Russia, not its capital
    doc = with_capitals("Rusland zweeg lang. Moskou beschuldigt Kiev van sabotage.")
    assert ("RUS", "DISAPPROVE", "UKR") in triples(extract(doc))
    kept = as_government(ActorRef(code="RUS", name="Russia"), capital_names(doc))
    assert kept is not None and kept.code == "RUS"
    assert capital_names(doc) == {("RUS", "Moskou"), ("UKR", "Kiev"), ("UKR", "Ukraine")}


def test_a_seat_of_government_that_is_no_capital_acts_for_the_government() -> None:
    doc = make_doc("Den Haag roept de ambassadeur van Rusland op het matje.")
    start = doc.text.index("Den Haag")
    doc.places = [Place("geonames:2747373", "The Hague", "NLD", 52.08, 4.3,
                        [Mention("Den Haag", start, start + 8, 0)])]  # fmt: skip
    names = capital_names(doc)
    assert ("NLD", "The Hague") in names
    ref = as_government(ActorRef(code="NLD", name="The Hague"), names)
    assert ref is not None and ref.code == "NLDGOV"
    other = as_government(ActorRef(code="NLD", name="Rotterdam"), names)
    assert other is not None and other.code == "NLD"


# --- the employer of strikers -----------------------------------------------------------------


def test_staff_of_a_company_strike_against_it() -> None:
    found = coded("Het personeel van de NMBS staakt donderdag.", tagged=True, outlet="vrt.be")
    assert ("BELLAB", "PROTEST", "BELBUS") in found


def test_a_strike_at_a_company_is_aimed_at_it() -> None:
    found = coded("Het ACV staakt maandag bij de NMBS.", tagged=True, outlet="vrt.be")
    assert ("BELLAB", "PROTEST", "BELBUS") in found


def test_a_company_named_away_from_the_source_is_no_employer() -> None:
    # "van de NMBS" belongs to "de treinen", not to the strikers: no employer named
    found = coded("Het ACV staakt, en de treinen van de NMBS rijden niet.", tagged=True,
                  outlet="vrt.be")  # fmt: skip
    assert not any(plover == "PROTEST" and target == "BELBUS" for _, plover, target in found)


# --- the members of a bloc --------------------------------------------------------------------


def test_the_member_states_a_bloc_addresses_are_the_bloc() -> None:
    assert ("EUR", "DEMAND", "EUR") in coded("De EU riep de lidstaten op om meer te doen.")
    assert ("NAT", "DEMAND", "NAT") in coded("De NAVO riep de bondgenoten op om meer te betalen.")


# --- acts in the reason of a judgement ---------------------------------------------------------


def test_the_act_a_judging_verb_gives_as_its_reason_is_the_judged_ones() -> None:
    found = coded("Macron bedankte België voor de steun aan Oekraïne.")
    assert ("FRAGOV", "SUPPORT", "BEL") in found
    assert ("BEL", "SUPPORT", "UKR") in found
    assert ("FRAGOV", "SUPPORT", "UKR") not in found


def test_a_reason_aimed_at_the_judged_one_adds_no_event() -> None:
    found = coded("Macron bedankte België voor de steun.")
    assert found == {("FRAGOV", "SUPPORT", "BEL")}


def test_a_party_in_brackets_is_no_counterpart() -> None:
    found = coded("Premier De Croo (N-VA) reageert geschokt.", outlet="vrt.be")
    assert not any(target == "BELPTY" for _, _, target in found)


def test_a_passive_in_a_relative_clause_does_not_make_the_main_verb_passive() -> None:
    found = coded("De politie heeft drie betogers opgepakt die worden verdacht van geweld.",
                  outlet="nos.nl")  # fmt: skip
    assert ("BELCOP", "COERCE", "BELCVL") in found  # the fixture's police are Belgian
    assert not any(target == "BELCOP" for _, plover, target in found if plover == "COERCE")


def test_an_age_before_a_person_noun_leaves_the_noun_as_the_head() -> None:
    events = extract(make_doc("De politie heeft een 34-jarige man opgepakt.", outlet="hln.be"))
    targets = [e.target.name for e in events if e.plover == "COERCE" and e.target]
    assert targets == ["man"]


# --- voting frames ----------------------------------------------------------------------------


def test_a_vote_for_a_motion_against_something_is_no_vote_against() -> None:
    assert not any(p == "REJECT" for _, p, _ in coded("N-VA stemt voor de motie tegen de regering."))
    found = coded("N-VA heeft voor de motie tegen de bezuinigingen van de regering gestemd.")
    assert not any(plover == "REJECT" for _, plover, _ in found)


def test_a_phrase_after_a_verb_at_the_end_of_its_clause_hangs_in_the_motion() -> None:
    for text in (
        "N-VA heeft voor de motie gestemd tegen de regering.",
        "N-VA zal voor de motie stemmen tegen de regering.",
        "De partijen zullen voor het voorstel stemmen tegen de regering.",
        "De krant meldt dat N-VA voor het voorstel stemde tegen de regering.",
    ):
        assert not any(plover == "REJECT" for _, plover, _ in coded(text)), text
    found = coded("N-VA heeft tegen de motie gestemd voor de regering.")
    assert not any(plover == "SUPPORT" for _, plover, _ in found)


def test_a_vote_against_at_the_end_of_its_clause_still_counts() -> None:
    for text in (
        "N-VA heeft tegen de regering gestemd voor de zomer.",
        "De partijen zullen tegen de regering stemmen.",
        "De krant meldt dat N-VA tegen de regering stemde.",
    ):
        assert ("BELPTY", "REJECT", "BELGOV") in coded(text), text


def test_a_vote_against_a_motion_for_something_is_no_vote_for() -> None:
    found = coded("N-VA stemde tegen de motie voor de regering.")
    assert not any(plover == "SUPPORT" for _, plover, _ in found)


def test_a_vote_against_after_another_phrase_still_counts() -> None:
    assert ("BELPTY", "REJECT", "BELGOV") in coded("N-VA stemde in de Kamer tegen de regering.")
    assert ("BELPTY", "REJECT", "BELGOV") in coded("N-VA heeft tegen de regering gestemd.")


def test_against_whom_opens_a_question_not_a_vote() -> None:
    assert not any(p == "REJECT" for _, p, _ in coded("De regering weet tegen wie N-VA stemde."))
    found = coded("Het ACV vraagt tegen wie de regering gestemd heeft.")
    assert not any(plover == "REJECT" for _, plover, _ in found)


def test_for_the_first_time_is_no_rival_vote_frame() -> None:
    found = coded("N-VA heeft voor het eerst tegen de regering gestemd.")
    assert ("BELPTY", "REJECT", "BELGOV") in found


# --- released people, seats of actors, negated aims -------------------------------------------


def test_foreign_prisoners_released_stand_for_their_country() -> None:
    found = coded("Iran liet drie Franse toeristen vrij.")
    assert ("IRN", "CONCEDE", "FRA") in found
    assert ("IRN", "CONCEDE", "FRACVL") not in found


def test_released_soldiers_keep_their_role() -> None:
    assert ("UKR", "CONCEDE", "RUSMIL") in coded("Oekraïne liet dertig Russische soldaten vrij.")


def test_people_released_at_home_stay_civilians() -> None:
    found = coded("De rechtbank liet de twee mannen vrij.")
    assert ("NLDJUD", "CONCEDE", "NLDCVL") in found
    assert ("NLDJUD", "CONCEDE", "NLD") not in found


def test_a_place_after_the_doer_is_its_seat_not_the_target() -> None:
    found = coded("Het onderzoek wordt gevoerd door het parket in Syrië.")
    assert not any(target == "SYR" for _, _, target in found)


def test_a_place_after_the_noun_is_still_its_target() -> None:
    assert ("BELJUD", "INVESTIGATE", "SYR") in coded("Het parket begon een onderzoek in Syrië.")


def test_a_negation_inside_the_asked_act_does_not_negate_the_request() -> None:
    events = extract(make_doc("Blinken vroeg Netanyahu de aanval niet uit te voeren."))
    asks = [e for e in events if e.plover == "DEMAND"]
    assert asks and not any(e.negated for e in asks)


def test_a_negated_request_stays_negated() -> None:
    events = extract(make_doc("Blinken vroeg Netanyahu niet om een bestand."))
    asks = [e for e in events if e.plover == "DEMAND"]
    assert asks and all(e.negated for e in asks)


def test_a_wanted_meeting_is_an_intent_to_meet() -> None:
    events = extract(make_doc("Zelensky wil volgende week met Erdogan overleggen."))
    assert [(e.plover, e.cameo) for e in events if e.source and e.source.code == "UKRGOV"] == [
        ("AGREE", "036")
    ]


def test_a_meeting_that_took_place_stays_a_consultation() -> None:
    assert ("UKRGOV", "CONSULT", "TURGOV") in coded("Zelensky overlegde maandag met Erdogan.")


def _with_compound(text: str, surface: str, code: tuple[str, str]) -> Doc:
    """make_doc plus the movement the resolver finds inside a compound ("Hezbollah-regering")."""
    doc = make_doc(text)
    start = text.index(surface)
    mention = Mention(surface, start, start + len(surface), doc.sentence_index(start))
    doc.entities.append(Entity("kroniek:movement", surface, "ORG", code[0], code[1],
                               mentions=[mention]))
    return doc


def test_a_movements_government_is_its_countrys_government() -> None:
    doc = _with_compound("Egypte bekritiseerde de Hezbollah-regering.", "Hezbollah",
                         ("LBN", "REB"))
    found = triples(extract(doc))
    assert ("EGY", "DISAPPROVE", "LBNGOV") in found
    assert ("EGY", "DISAPPROVE", "LBNREB") not in found


def test_a_movements_fighters_stay_the_movement() -> None:
    doc = _with_compound("De Hezbollah-strijders vielen Israël aan.", "Hezbollah", ("LBN", "REB"))
    assert ("LBNREB", "FIGHT", "ISR") in triples(extract(doc))
