"""Event roles that need more than the clause: coordination inside phrases, referring nouns
("de bond"), reactions to earlier acts, and unnamed counterparts (sentences written for these
tests; actors from event_fixtures)."""

from __future__ import annotations

from kroniek.extract.events import extract
from kroniek.models import Doc, Entity, Event, Mention
from tests.extract.event_fixtures import make_doc, triples


def codes(events: list[Event]) -> set[str | None]:
    return {e.source.code if e.source else None for e in events} | {
        e.target.code if e.target else None for e in events
    }


# --- coordination and phrases ------------------------------------------------------------------


def test_coordinated_actors_in_a_phrase_share_its_preposition() -> None:
    doc = make_doc("Met steun van Qatar, Egypte en de VS sloten Israël en Hamas een akkoord.")
    found = triples(extract(doc))
    assert ("ISR", "AGREE", "PSEREB") in found and ("PSEREB", "AGREE", "ISR") in found
    assert not {"QAT", "EGY", "USA"} & codes(extract(doc))


def test_owner_of_an_act_noun_in_the_frame_is_not_the_partner() -> None:
    events = extract(make_doc("Hamas stemde gisteren in met bemiddeling van Egypte."))
    assert all(e.target is None or e.target.code != "EGY" for e in events)


def test_sources_named_in_a_noun_phrase_do_not_act_with_each_other() -> None:
    doc = make_doc("De bemiddeling van Qatar en Egypte verliep moeizaam.")
    assert all(e.target is None for e in extract(doc, require_target=False))


def test_coordinated_sides_release_each_others_prisoners() -> None:
    found = triples(extract(make_doc("Rusland en Oekraïne lieten zaterdag elk vijftig "
                                     "gevangenen vrij.")))
    assert {("RUS", "CONCEDE", "UKR"), ("UKR", "CONCEDE", "RUS")} <= found
    assert not any(target and target.startswith("---") for _, _, target in found)


def test_passive_patient_far_from_the_auxiliary() -> None:
    doc = make_doc("Gisteren zijn in Antwerpen en Gent in totaal twaalf verdachten opgepakt "
                   "door de politie.")
    assert ("BELCOP", "COERCE", "BELCVL") in triples(extract(doc))


def test_meeting_place_is_no_counterpart_but_a_destination_is() -> None:
    assert extract(make_doc("Blinken en Lavrov praatten urenlang in Den Haag.")) == [] or all(
        e.target is None or e.target.code != "NLD"
        for e in extract(make_doc("Blinken en Lavrov praatten urenlang in Den Haag."))
    )
    found = triples(extract(make_doc("Biden bracht een bezoek aan Charkiv.")))
    assert ("USAGOV", "CONSULT", "UKR") in found


def test_unnamed_group_takes_the_country_of_its_van_phrase() -> None:
    doc = make_doc("De ministers van Polen bereikten een akkoord met Oekraïne over graan.")
    assert ("POLGOV", "AGREE", "UKR") in triples(extract(doc))


def test_officials_of_a_bloc_are_the_bloc_itself() -> None:
    # an international actor uses its own code, without a government role
    doc = make_doc("De ministers van de NAVO bereikten een akkoord over de begroting.")
    assert triples(extract(doc)) == {("NAT", "AGREE", "NAT")}
    doc = make_doc("De regeringsleiders van de EU veroordeelden de raketaanval van Iran.")
    assert ("EUR", "DISAPPROVE", "IRN") in triples(extract(doc))


# --- referring nouns -------------------------------------------------------------------------


def test_role_noun_refers_back_to_the_last_actor_with_that_role() -> None:
    doc = make_doc("De FNV kondigde acties aan. De bond eist een hogere loonsverhoging van de NS.")
    assert ("NLDLAB", "DEMAND", "NLDBUS") in triples(extract(doc))


def test_role_noun_without_antecedent_is_the_home_countrys() -> None:
    doc = make_doc("In Gent staakt het ACV. Het assisenhof heeft de 35-jarige man veroordeeld "
                   "tot levenslang.")
    assert ("BELJUD", "COERCE", "BELCVL") in triples(extract(doc))


def test_company_noun_far_from_the_name_is_that_company() -> None:
    doc = make_doc("Volvo opent een fabriek in Gent. Dat meldt de krant. Het plan is oud. Er zijn "
                   "vragen. De stad is blij. Inwoners zijn tevreden. De vakbonden bekritiseren het "
                   "bedrijf.", outlet="hln.be")
    assert ("BELLAB", "DISAPPROVE", "SWEBUS") in triples(extract(doc))


def test_company_noun_without_a_named_company_is_a_home_business() -> None:
    doc = make_doc("In Gent staakt het ACV. De vakbonden bekritiseren het bedrijf.", outlet="hln.be")
    assert ("BELLAB", "DISAPPROVE", "BELBUS") in triples(extract(doc))


def _countryless_unions(doc: Doc) -> Doc:
    """"de vakbonden" as the resolver leaves them: a group of no country."""
    for entity in doc.entities:
        if entity.role == "LAB" and entity.generic:
            entity.country = None
    return doc


def test_bare_unions_acting_on_a_foreign_firm_are_the_home_countrys() -> None:
    doc = _countryless_unions(make_doc(
        "Volvo schrapt banen. Volvo sluit de fabriek. De vakbonden bekritiseren Volvo.",
        outlet="hln.be",
    ))
    found = triples(extract(doc))
    assert ("BELLAB", "DISAPPROVE", "SWEBUS") in found
    assert not any(code and code.startswith("SWE") and code != "SWEBUS" for code in codes(
        extract(doc)))


def test_firm_talking_to_bare_unions_does_not_give_them_its_country() -> None:
    doc = _countryless_unions(make_doc(
        "Volvo overlegde met de vakbonden. Volvo belooft de vakbonden steun.", outlet="nos.nl"
    ))
    assert {"NLDLAB"} <= codes(extract(doc)) and "SWELAB" not in codes(extract(doc))


def test_group_with_a_nationality_adjective_keeps_that_country() -> None:
    doc = make_doc("Volvo schrapt banen. De Nederlandse politie arresteerde twee betogers bij "
                   "Volvo.", outlet="hln.be")
    found = codes(extract(doc))
    assert "NLDCOP" in found and "BELCOP" not in found


def test_union_noun_after_a_foreign_union_is_that_union() -> None:
    doc = make_doc("Volvo schrapt banen in Gent. Het ACV bekritiseert Volvo. De bond dreigt met "
                   "acties tegen Volvo.", outlet="nos.nl")
    found = triples(extract(doc))
    assert ("BELLAB", "THREATEN", "SWEBUS") in found
    assert not {"NLDLAB", "SWELAB"} & codes(extract(doc))


def test_chipmaker_refers_back_to_the_company() -> None:
    doc = make_doc("Shell opent een fabriek in Gent. De chipmaker belooft de vakbonden steun.",
                   outlet="hln.be")
    assert ("GBRBUS", "AGREE", "BELLAB") in triples(extract(doc))


# --- reactions, demanded acts and refusals --------------------------------------------------


def test_reaction_to_an_earlier_act_targets_who_did_it() -> None:
    doc = make_doc("Rusland viel Oekraïne aan. Macron veroordeelde de aanval.")
    assert ("FRAGOV", "DISAPPROVE", "RUS") in triples(extract(doc))


def test_reaction_to_an_act_with_its_own_agent() -> None:
    doc = make_doc("Macron veroordeelde gisteren de aanval van Iran.")
    assert ("FRAGOV", "DISAPPROVE", "IRN") in triples(extract(doc))


def test_reaction_to_a_strike() -> None:
    doc = make_doc("Het ACV legt morgen het werk neer bij de NMBS. De regering betreurt de actie.")
    assert ("BELGOV", "DISAPPROVE", "BELLAB") in triples(extract(doc))


def test_demanded_or_threatened_act_is_not_an_act_of_the_speaker() -> None:
    events = extract(make_doc("Hezbollah dreigt met een aanval op Israël."))
    found = triples(events)
    assert ("LBNREB", "THREATEN", "ISR") in found
    assert ("LBNREB", "FIGHT", "ISR") not in found
    found = triples(extract(make_doc("Het ABVV eist een garantie van de NMBS."),
                            require_target=False))
    assert not any(plover == "AGREE" for _, plover, _ in found)


def test_refusal_is_aimed_at_the_target_of_what_is_refused() -> None:
    doc = make_doc("N-VA weigert in te stemmen met het voorstel van de regering.")
    assert ("BELPTY", "REJECT", "BELGOV") in triples(extract(doc))


def test_negation_the_entry_needs_does_not_negate() -> None:
    events = extract(make_doc("Het ABVV sluit acties niet uit tegen de NMBS."))
    threat = [e for e in events if e.plover == "THREATEN"]
    assert threat and not threat[0].negated


# --- unnamed counterparts ----------------------------------------------------------------------


def test_demand_without_target_takes_the_actor_the_text_was_about() -> None:
    doc = make_doc("De NMBS schrapt honderd banen. Het ACV eist een sociaal plan.")
    assert ("BELLAB", "DEMAND", "BELBUS") in triples(extract(doc))


def test_counterpart_of_the_same_country_only_in_domestic_politics() -> None:
    doc = make_doc("Het Oekraïense leger schoot drones neer. Zelensky eist meer luchtafweer.")
    assert ("UKRGOV", "DEMAND", "UKRMIL") not in triples(extract(doc))


def test_reaction_adverb_phrases() -> None:
    doc = make_doc("De NS schrapt honderd banen. De FNV reageert woedend.")
    assert ("NLDLAB", "DISAPPROVE", "NLDBUS") in triples(extract(doc))


def test_coordinated_people_share_a_nationality() -> None:
    doc = make_doc("Israël laat honderd Palestijnse vrouwen en minderjarigen vrij.")
    found = triples(extract(doc))
    assert ("ISR", "CONCEDE", "PSE") in found  # released people stand for their side
    assert ("ISR", "CONCEDE", "---CVL") not in found
    assert ("ISR", "CONCEDE", "---") not in found


def test_unnamed_people_taken_by_a_foreign_actor_belong_to_the_other_side() -> None:
    doc = make_doc("Israël en Hamas sloten een akkoord. Hamas moet vijftig vrouwen en kinderen "
                   "vrijlaten.")
    assert ("PSEREB", "CONCEDE", "ISR") in triples(extract(doc))


def test_a_noun_in_an_over_phrase_is_a_topic_not_an_act() -> None:
    doc = make_doc("Israël en Hamas bereikten een akkoord over vier dagen gevechtspauze.")
    found = triples(extract(doc))
    assert ("ISR", "AGREE", "PSEREB") in found
    assert not any(plover == "RETREAT" for _, plover, _ in found)


def test_a_judged_act_is_not_an_act_of_the_judge() -> None:
    found = triples(extract(make_doc("De Croo heeft de aanslag in Gent scherp veroordeeld."),
                            require_target=False))
    assert not any(plover in ("ASSAULT", "CRIME") for _, plover, _ in found)
    found = triples(extract(make_doc("Het ACV legt het werk neer. De regering noemt de staking "
                                     "onverantwoord.")))
    assert ("BELGOV", "DISAPPROVE", "BELLAB") in found
    assert ("BELGOV", "PROTEST", "BELLAB") not in found


def test_a_name_in_apposition_to_a_group_word_joins_the_subject() -> None:
    doc = make_doc("De vakbonden ACV en ABVV leggen maandag het werk neer bij de NMBS.")
    found = triples(extract(doc))
    assert ("BELLAB", "PROTEST", "BELBUS") in found
    assert ("BELLAB", "PROTEST", "BELLAB") not in found


def test_indirect_object_before_a_noun_trigger_is_its_target() -> None:
    doc = make_doc("De EU legt Rusland nieuwe sancties op.")
    assert ("EUR", "SANCTION", "RUS") in triples(extract(doc))


def test_naming_an_act_with_a_verdict_adjective() -> None:
    doc = make_doc("Rusland viel Oekraïne aan. Scholz noemde de aanval barbaars.")
    assert ("DEUGOV", "DISAPPROVE", "RUS") in triples(extract(doc))


def test_protest_against_a_policy_is_aimed_at_the_home_government() -> None:
    doc = make_doc("In Gent protesteren de vakbonden tegen de pensioenhervorming.")
    assert ("BELLAB", "PROTEST", "BELGOV") in triples(extract(doc))


def test_own_measures_do_not_make_the_government_a_counterpart() -> None:
    found = triples(extract(make_doc("De EU dreigt met tegenmaatregelen."),
                            require_target=False))
    assert all(target is None or not target.startswith("EUR") for _, _, target in found)


def test_the_subject_of_a_relative_clause_did_the_act_reacted_to() -> None:
    doc = make_doc("De EU reageert woedend op de sancties die Rusland heeft aangekondigd.")
    assert ("EUR", "DISAPPROVE", "RUS") in triples(extract(doc))


def test_object_stands_before_the_frame_preposition() -> None:
    doc = make_doc("N-VA stemde in met maatregelen die burgers in Gent treffen.")
    assert all(e.target is None for e in extract(doc, require_target=False)
               if e.plover == "AGREE")
    assert ("UNO", "DEMAND", "ISR") in triples(
        extract(make_doc("Guterres riep Israël op tot terughoudendheid."))
    )


def test_unknown_killer_and_a_victim_located_by_the_place() -> None:
    doc = make_doc("Een man is zaterdag in Antwerpen doodgestoken.")
    assert ("---", "CRIME", "BELCVL") in triples(extract(doc))


def test_unnamed_civilians_protest_for_their_home_country() -> None:
    doc = make_doc("In Gent protesteert het ACV. Boeren blokkeerden de wegen uit protest tegen "
                   "de regering.")
    assert ("BELCVL", "PROTEST", "BELGOV") in triples(extract(doc))


def test_a_union_takes_no_foreign_counterpart_from_the_text_before() -> None:
    doc = make_doc("Macron belde met De Croo. Het ACV legt maandag het werk neer.")
    found = triples(extract(doc))
    assert all(target is None or target[:3] == "BEL" for src, _, target in found
               if src == "BELLAB")


def test_coordinated_clause_after_a_dat_clause_shares_the_main_subject() -> None:
    doc = make_doc("Japan meldde dat de raketten in zee vielen en diende een protest in bij "
                   "China.")
    assert ("JPN", "DISAPPROVE", "CHN") in triples(extract(doc))


def test_attacks_by_unknown_perpetrators_hit_the_place_they_happened() -> None:
    doc = make_doc("Dit jaar zijn er in Antwerpen twintig aanslagen gepleegd.")
    assert ("---", "CRIME", "BELCVL") in triples(extract(doc))


def test_both_sides_of_the_earlier_sentence() -> None:
    doc = make_doc("Rusland en Oekraïne ruilden gevangenen. Macron riep beide landen op tot "
                   "nieuwe gesprekken.")
    found = triples(extract(doc))
    assert {("FRAGOV", "DEMAND", "RUS"), ("FRAGOV", "DEMAND", "UKR")} <= found


def test_a_rejected_call_is_not_a_call_by_who_rejects_it() -> None:
    doc = make_doc("Biden riep Israël op tot een bestand. Netanyahu wees die oproep af.")
    found = triples(extract(doc))
    assert ("ISRGOV", "REJECT", "USAGOV") in found
    assert not any(src == "ISRGOV" and plover == "DEMAND" for src, plover, _ in found)


def test_mediators_do_not_mediate_with_each_other() -> None:
    found = triples(extract(make_doc("Egypte en Qatar bemiddelen tussen Israël en Hamas."),
                            require_target=False))
    assert ("EGY", "CONSULT", "QAT") not in found and ("QAT", "CONSULT", "EGY") not in found


def test_a_part_of_a_place_is_the_scene() -> None:
    doc = make_doc("De Israëlische luchtmacht bombardeerde een kamp in het noorden van de "
                   "Gazastrook.")
    assert ("ISRMIL", "FIGHT", "PSE") in triples(extract(doc)) or (
        "ISRMIL", "ASSAULT", "PSE") in triples(extract(doc))


def _with_uncoded(text: str, surfaces: dict[str, tuple[str, str]]) -> Doc:
    """make_doc plus entities the resolver found without a code (name -> (id, type))."""
    doc = make_doc(text)
    for surface, (slug, kind) in surfaces.items():
        start = text.index(surface)
        mention = Mention(surface, start, start + len(surface), doc.sentence_index(start))
        doc.entities.append(Entity(slug, surface, kind, None, None, mentions=[mention]))
    return doc


def test_uncoded_name_takes_its_code_from_the_title_before_it() -> None:
    doc = _with_uncoded("In Gent staakt het ACV. Minister van Mobiliteit Jan Peeters betreurt de "
                        "actie.", {"Jan Peeters": ("kroniek:jan-peeters", "PER")})
    assert ("BELGOV", "DISAPPROVE", "BELLAB") in triples(extract(doc))


def test_uncoded_name_after_a_nationality_and_a_title() -> None:
    doc = _with_uncoded("De Franse minister Paul Durand veroordeelde de aanval van Rusland.",
                        {"Paul Durand": ("kroniek:paul-durand", "PER")})
    assert ("FRAGOV", "DISAPPROVE", "RUS") in triples(extract(doc))


def test_uncoded_organisation_named_by_its_role() -> None:
    doc = _with_uncoded("In Gent heeft het Assisenhof Oost-Vlaanderen een man veroordeeld tot "
                        "levenslang.", {"Assisenhof Oost-Vlaanderen": ("kroniek:assisen", "ORG")})
    assert ("BELJUD", "COERCE", "BELCVL") in triples(extract(doc))


def test_the_government_is_an_institution_not_the_last_leader_named() -> None:
    doc = make_doc("In Gent sprak Rutte met De Croo. Het ACV eist dat de regering de fabriek "
                   "redt.")
    found = triples(extract(doc))
    assert ("BELLAB", "DEMAND", "BELGOV") in found
    assert ("BELLAB", "DEMAND", "NLDGOV") not in found


def test_both_countries_may_be_named_by_their_leaders() -> None:
    doc = make_doc("Rutte sprak met De Croo. Beide landen beloofden meer controles.")
    found = triples(extract(doc))
    assert {("NLDGOV", "AGREE", "BELGOV"), ("BELGOV", "AGREE", "NLDGOV")} <= found


def test_refusing_to_comment_is_no_rejection() -> None:
    doc = make_doc("Het ACV legt het werk neer. De NMBS weigert commentaar te geven.")
    assert not any(e.plover == "REJECT" for e in extract(doc, require_target=False))


def test_what_is_protested_against_is_not_the_protesters_act() -> None:
    doc = make_doc("Duizenden betogers protesteerden in Gent tegen het geweld van de politie.")
    found = triples(extract(doc, require_target=False))
    assert not any(plover in ("ASSAULT", "CRIME") and src and src.endswith("CVL")
                   for src, plover, _ in found)


def test_a_phrase_inside_the_subject_is_not_the_frame_and_a_party_in_brackets_no_object() -> None:
    doc = _with_uncoded("Het ACV legt het werk neer. Minister van Mobiliteit Jan Peeters (N-VA) "
                        "betreurt de actie van het ACV.",
                        {"Mobiliteit": ("kroniek:mobiliteit", "ORG"),
                         "Jan Peeters": ("kroniek:jan-peeters", "PER")})
    found = triples(extract(doc))
    assert ("BELGOV", "DISAPPROVE", "BELLAB") in found
    assert ("BELGOV", "DISAPPROVE", "BELPTY") not in found


def test_a_state_act_without_a_whom_is_kept_but_not_a_civilian_one() -> None:
    events = extract(make_doc("De politie voerde zaterdag huiszoekingen uit in Gent."))
    assert ("BELCOP", "COERCE", None) in triples(events)
    assert extract(make_doc("Het ACV hield zaterdag een vergadering.")) == []


def test_a_compound_title_gives_the_organisations_code() -> None:
    text = "ACV-voorzitter Ann Peeters veroordeelde de aanval van Rusland."
    doc = _with_uncoded(text, {"Ann Peeters": ("kroniek:ann-peeters", "PER")})
    # the resolver finds the union inside the title
    doc.entities.append(Entity("kroniek:acv", "ACV", "ORG", "BEL", "LAB",
                               mentions=[Mention("ACV", 0, 3, 0)]))
    assert ("BELLAB", "DISAPPROVE", "RUS") in triples(extract(doc))


def test_a_chair_named_with_his_union_speaks_for_it() -> None:
    doc = _with_uncoded("Voorzitter Jan Peeters van het ABVV veroordeelde de aanval van Rusland.",
                        {"Jan Peeters": ("kroniek:jan-peeters", "PER")})
    found = triples(extract(doc))
    assert ("BELLAB", "DISAPPROVE", "RUS") in found
    assert ("BELPTY", "DISAPPROVE", "RUS") not in found


def test_a_ministers_van_phrase_is_no_owner() -> None:
    doc = _with_uncoded("Minister Jan Peeters van het ABVV veroordeelde de aanval van Rusland.",
                        {"Jan Peeters": ("kroniek:jan-peeters", "PER")})
    assert ("BELLAB", "DISAPPROVE", "RUS") not in triples(extract(doc))


def test_both_parties_of_a_domestic_dispute() -> None:
    doc = make_doc("Het ACV staakt bij de NMBS. De regering roept beide partijen op tot overleg.")
    found = triples(extract(doc))
    assert {("BELGOV", "DEMAND", "BELLAB"), ("BELGOV", "DEMAND", "BELBUS")} <= found


def test_the_subject_of_the_sentence_before_is_the_likeliest_counterpart() -> None:
    doc = make_doc("De regering verhoogt de pensioenleeftijd voor het ACV. De oppositie eist "
                   "een debat.")
    assert ("BELOPP", "DEMAND", "BELGOV") in triples(extract(doc))


def test_a_name_split_at_a_particle_does_not_end_the_coordination() -> None:
    found = triples(extract(make_doc("Biden bedankte Mohammed bin Salman en Erdogan voor hun "
                                     "bemiddeling.")))
    assert {("USAGOV", "SUPPORT", "SAUGOV"), ("USAGOV", "SUPPORT", "TURGOV")} <= found


def test_ook_joins_the_act_just_reported_and_takes_its_counterpart() -> None:
    found = triples(extract(make_doc("China viel Taiwan aan. Biden uitte zijn bezorgdheid over "
                                     "China. Ook Japan en Zuid-Korea uitten hun bezorgdheid.")))
    assert {("JPN", "DISAPPROVE", "CHN"), ("KOR", "DISAPPROVE", "CHN")} <= found
    assert not any(target == "USAGOV" for _, _, target in found)


# --- retaliation -----------------------------------------------------------------------------


def test_a_threat_of_retaliation_is_aimed_at_whoever_struck_last() -> None:
    doc = make_doc("Israël viel Libanon aan. Frankrijk probeerde te bemiddelen. "
                   "Iran dreigde met vergelding.")  # fmt: skip
    threats = {t for t in triples(extract(doc)) if t[1] == "THREATEN"}
    assert threats == {("IRN", "THREATEN", "ISR")}


def test_retaliation_never_aims_at_the_own_side() -> None:
    doc = make_doc("Iran viel Irak aan. Frankrijk probeerde te bemiddelen. "
                   "Iran zwoer wraak.")  # fmt: skip
    assert ("IRN", "THREATEN", "IRN") not in triples(extract(doc))


def test_a_named_target_of_retaliation_stays() -> None:
    doc = make_doc("Israël viel Libanon aan. Hezbollah zwoer wraak op de VS.")
    assert ("LBNREB", "THREATEN", "USA") in triples(extract(doc))


def test_countermeasures_are_aimed_at_whoever_acted_against_the_side() -> None:
    doc = make_doc("Trump dreigde Iran met sancties. Frankrijk zweeg. "
                   "Iran kondigde tegenmaatregelen aan.")  # fmt: skip
    threats = {t for t in triples(extract(doc)) if t[0] == "IRN"}
    assert threats == {("IRN", "THREATEN", "USA")}
