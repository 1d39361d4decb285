"""Full codes (source, type, target) in constructions of everyday Dutch news: touching subject
and object, bloc officials, victims and owners of what was hit, promises and their recipients,
the sides of a conflict, opposition parties, orders to one's own forces, answers to demands and
who "zij" and "het" stand for (Dutch sentences written for these tests)."""

from __future__ import annotations

from tests.extract.test_event_rules import coded

# --- subject and object side by side ----------------------------------------------------------


def test_subject_and_object_that_touch_after_a_fronted_adverbial_are_two_actors() -> None:
    assert coded("Gisteren heeft de FNV de NS gewaarschuwd voor nieuwe acties.") == {
        ("NLDLAB", "THREATEN", "NLDBUS")
    }
    assert coded("Volgens de krant zou de NAVO Rusland hebben gewaarschuwd.") == {
        ("NAT", "THREATEN", "RUS")
    }


def test_an_actor_after_a_noun_with_its_own_article_is_not_governed_by_a_preposition() -> None:
    # "volgens de krant" is a source of the report, "de NAVO" the object of the verb
    assert ("RUS", "THREATEN", "NAT") in coded(
        "Rusland heeft volgens de krant de NAVO gewaarschuwd."
    )


# --- what was hit -----------------------------------------------------------------------------


def test_people_killed_in_air_strikes_are_the_target() -> None:
    found = coded("Bij de Israëlische luchtaanvallen van zaterdag zijn twee Palestijnse tieners "
                  "gedood.")
    assert ("ISR", "FIGHT", "PSECVL") in found


def test_the_owner_of_the_object_is_the_target() -> None:
    found = coded("Het Russische leger heeft twintig stellingen van het Oekraïense leger "
                  "beschoten.")
    assert found == {("RUSMIL", "FIGHT", "UKRMIL")}


def test_no_owner_target_for_own_goods_or_people_in_the_subject() -> None:
    assert coded("China stuurde schepen van zijn marine naar Taiwan.") == {
        ("CHN", "MOBILIZE", "TWN")
    }
    found = coded("De Belgische regering bespaart op de spoorwegen. Vorige week voerden "
                  "werknemers van de NMBS actie.")
    assert all(target != "BELBUS" or source == "BELLAB" for source, _, target in found)


def test_police_that_invade_a_house_raid_it() -> None:
    assert coded("De politie viel het huis van een verdachte binnen.") == {
        ("BELCOP", "COERCE", "BELCVL")
    }
    assert ("RUSMIL", "FIGHT", "UKR") in coded("Russische troepen vielen Oekraïne binnen.")


def test_fire_from_an_area_is_aimed_at_the_attackers_country() -> None:
    found = coded("Het Israëlische leger bombardeerde Gaza. Daarna werden vanuit de Gazastrook "
                  "raketten afgevuurd.")
    assert ("PSE", "FIGHT", "ISR") in found
    assert ("PSE", "FIGHT", "ISRMIL") not in found


def test_an_army_bombing_a_hospital_assaults_the_civilians_where_it_stands() -> None:
    assert coded("Het Russische leger bombardeerde gisteren een ziekenhuis in Charkiv.") == {
        ("RUSMIL", "ASSAULT", "UKRCVL")
    }
    assert coded("Israëlische troepen beschoten een vluchtelingenkamp in Rafah.") == {
        ("ISRMIL", "ASSAULT", "PSECVL")
    }


def test_an_air_strike_aimed_at_a_school_assaults_civilians() -> None:
    assert coded("Israël voerde een luchtaanval uit op een basisschool in Gaza.") == {
        ("ISR", "ASSAULT", "PSECVL")
    }


def test_an_attack_on_a_site_in_the_attackers_own_country_is_still_an_event() -> None:
    # the place is the army's own country: no foreign place to aim at, but its civilians
    assert coded("Syrische rebellen bombardeerden een markt in Aleppo.") == {
        ("SYRREB", "ASSAULT", "SYRCVL")
    }


def test_the_attacker_is_not_the_country_of_an_unlocated_site() -> None:
    found = coded("Rusland bombardeerde een ziekenhuis.")
    assert {(source, plover) for source, plover, _ in found} == {("RUS", "ASSAULT")}
    assert ("RUS", "ASSAULT", "RUSCVL") not in found


def test_a_site_that_only_places_an_attack_on_fighters_keeps_the_fight() -> None:
    assert coded("Het Israëlische leger beschoot stellingen van Hamas bij een ziekenhuis in "
                 "Gaza.") == {("ISRMIL", "FIGHT", "PSEREB")}


def test_a_civilian_shooting_at_a_school_stays_a_crime() -> None:
    assert coded("Een man beschoot een school in Antwerpen.") == {("BELCVL", "CRIME", "BELCVL")}


def test_a_market_in_a_compound_is_no_civilian_site() -> None:
    assert coded("Russische troepen vielen de arbeidsmarkt aan.") == set()
    assert coded("Palestijnse militanten vuurden raketten af op een kinderziekenhuis in "
                 "Tel Aviv.") == {("PSEREB", "ASSAULT", "ISRCVL")}


def test_cameo_of_an_attack_on_civilians_is_an_assault_code() -> None:
    from kroniek.extract.events import extract
    from tests.extract.event_fixtures import make_doc

    events = extract(make_doc("Russische troepen vielen een school in Charkiv aan."))
    assert [(event.plover, event.cameo[:2], event.quad_class) for event in events] == [
        ("ASSAULT", "18", 4)
    ]


# --- promises and aid -------------------------------------------------------------------------


def test_a_promise_of_aid_is_one_agree_event() -> None:
    assert coded("Duitsland zegde Oekraïne 200 miljoen euro steun toe.") == {
        ("DEU", "AGREE", "UKR")
    }
    assert coded("Frankrijk beloofde extra hulp aan Libanon.") == {("FRA", "AGREE", "LBN")}


def test_aid_in_money_or_arms_is_aid_not_verbal_support() -> None:
    assert coded("Japan gaf Oekraïne 100 miljoen euro steun.") == {("JPN", "AID", "UKR")}
    assert coded("De VS gaven Israël militaire steun.") == {("USA", "AID", "ISR")}


def test_a_promise_without_recipient_goes_to_the_visitor_just_reported() -> None:
    found = coded("Zelensky bracht maandag een bezoek aan Den Haag. Nederland zegde 500 miljoen "
                  "euro steun toe.")
    assert ("NLD", "AGREE", "UKRGOV") in found
    assert not any(plover == "AGREE" for _, plover, _ in coded(
        "Nederland zegde vorige week 500 miljoen euro steun toe."
    ))


# --- the sides of a conflict ------------------------------------------------------------------


def test_both_parties_are_the_sides_of_the_last_reported_conflict() -> None:
    found = coded("Israël viel Gaza aan. Hamas vuurde raketten af op Tel Aviv. Egypte riep "
                  "beide partijen op tot terughoudendheid.")
    assert {("EGY", "DEMAND", "PSEREB"), ("EGY", "DEMAND", "ISR")} <= found
    # not the actors named most (the mediators)
    found = coded("Qatar en Egypte bemiddelen al weken. Qatar ontving gisteren Blinken. Israël "
                  "viel Gaza aan. Blinken drong er bij beide partijen op aan om te praten.")
    assert {target for _, plover, target in found if plover == "DEMAND"} == {"ISR", "PSE"}


def test_all_parties_of_an_international_appeal_are_no_political_parties() -> None:
    found = coded("De VN riepen alle partijen op om de gevechten te staken.")
    assert not any((target or "").endswith("PTY") for _, _, target in found)


def test_the_parties_stay_political_parties_where_parties_are_named() -> None:
    found = coded("N-VA en Vlaams Belang onderhandelen al weken. De koning riep de partijen op "
                  "snel een regering te vormen.")
    assert ("BELGOV", "DEMAND", "BELPTY") in found


# --- opposition -------------------------------------------------------------------------------


def test_parties_called_opposition_in_the_text_are_coded_opp() -> None:
    assert ("BELOPP", "DISAPPROVE", "BELGOV") in coded(
        "De regering kreeg kritiek van de oppositiepartijen N-VA en Vlaams Belang."
    )


def test_a_verbless_comment_is_by_who_spoke_just_before() -> None:
    found = coded('"Hardheid helpt niemand vooruit", aldus De Croo. Een onverholen sneer naar '
                  "oppositiepartij N-VA.")
    assert ("BELGOV", "DISAPPROVE", "BELOPP") in found


# --- orders, refusals and referring words -----------------------------------------------------


def test_a_leader_ordering_his_forces_back_is_the_source_of_the_withdrawal() -> None:
    found = coded("Poetin beval de terugtrekking van Russische troepen uit Syrië.")
    assert found == {("RUSGOV", "RETREAT", "SYR")}


def test_a_refusal_answers_the_last_demand_made_to_the_refuser() -> None:
    found = coded("De twee verdachten vroegen de rechtbank om een nieuw proces. Dat wees de "
                  "rechter van de hand.")
    assert ("NLDJUD", "REJECT", "NLDCVL") in found


def test_a_pronoun_opening_a_reported_dat_clause_is_the_reporter() -> None:
    found = coded("Shell zegt dat het een constructieve dialoog nastreeft met de vakbonden.",
                  tagged=True)
    assert ("GBRBUS", "AGREE", "BELLAB") in found
    found = coded('Shell zegt dat het "een open dialoog" nastreeft met de vakbonden.', tagged=True)
    assert ("GBRBUS", "AGREE", "BELLAB") in found


def test_a_refusal_answers_the_accusation_made_to_the_refuser() -> None:
    found = coded("Rusland beschuldigde Oekraïne van sabotage. Dat wees Kiev van de hand.")
    assert ("UKR", "REJECT", "RUS") in found
    # the police's unnamed counterpart is otherwise never sought in the text around
    found = coded("Amnesty beschuldigde de Nederlandse politie van geweld. Dat wees de "
                  "Nederlandse politie van de hand.")
    assert any(s == "NLDCOP" and p == "REJECT" and t for s, p, t in found)


def test_zij_with_a_plural_verb_is_the_group_that_was_the_subject_before() -> None:
    found = coded("De vakbonden voeren actie bij de NS. Zij onderhandelen al maanden met het "
                  "bedrijf over een nieuwe cao.")
    assert ("BELLAB", "CONSULT", "NLDBUS") in found


def test_an_act_without_counterpart_keeps_the_sources_last_counterpart() -> None:
    found = coded("De bonden onderhandelen met de NS over een nieuwe cao. Eerder kwamen de "
                  "bonden met een ultimatum.")
    assert ("BELLAB", "THREATEN", "NLDBUS") in found


def test_workers_may_act_against_a_foreign_company() -> None:
    found = coded("Volvo kondigde het ontslag van 500 werknemers aan. Enkele arbeiders "
                  "blokkeerden gisteren de fabriek in Gent.", outlet="nieuwsblad.be")
    assert ("BELLAB", "PROTEST", "SWEBUS") in found


# --- calls, workers, promises, pronouns, deployments ------------------------------------------


def test_a_union_calling_its_people_to_strike_is_no_demand_on_them() -> None:
    found = coded("De regering wil de pensioenleeftijd verhogen. De vakbonden roepen alle "
                  "werknemers op om maandag te staken.")
    assert ("BELLAB", "PROTEST", "BELGOV") in found
    assert not any(plover == "DEMAND" and target in ("BELLAB", "BELCVL")
                   for _, plover, target in found)


def test_workers_acted_on_are_civilians_and_workers_negotiating_are_labour() -> None:
    assert ("BELCOP", "COERCE", "BELCVL") in coded(
        "In Antwerpen heeft de politie twee havenarbeiders aangehouden."
    )
    assert ("NLDBUS", "CONSULT", "NLDLAB") in coded(
        "De NS onderhandelt met het personeel over een nieuwe cao."
    )


def test_what_a_promise_says_will_happen_is_no_event_of_its_own() -> None:
    found = coded("Biden beloofde Zelensky dat de VS Oekraïne zullen blijven steunen.")
    assert ("USAGOV", "AGREE", "UKRGOV") in found
    assert not any(plover == "SUPPORT" for _, plover, _ in found)


def test_hij_continues_the_first_person_named_in_the_sentence_before() -> None:
    found = coded("Trump zette Zelensky onder druk om een onderzoek te openen naar Lavrov. "
                  "Daarvoor zou hij militaire steun aan Oekraïne hebben achtergehouden.")
    assert ("USAGOV", "SANCTION", "UKR") in found
    assert ("RUSGOV", "SANCTION", "UKR") not in found


def test_troops_a_deployment_moves_are_not_its_target() -> None:
    found = coded("Rusland stuurt Russische soldaten naar de grens.")
    assert not any(target == "RUSMIL" for _, _, target in found)
    assert ("USA", "MOBILIZE", "POL") in coded("De VS sturen extra soldaten naar Polen.")
