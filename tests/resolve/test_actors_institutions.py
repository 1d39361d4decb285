"""Institutions named by a description ("de regering", "het leger", "het hof"), in Dutch
sentences written for these tests."""

from __future__ import annotations

import pytest

from kroniek.models import Article, Doc, Entity, NamedSpan
from kroniek.nlp.tokenize import split
from kroniek.resolve import places
from kroniek.resolve.actors import resolve
from kroniek.resolve.merge import reconcile


def make_doc(
    text: str,
    outlet: str | None = None,
    names: list[tuple[str, str]] = (),
    published: str = "2024-05",
) -> Doc:
    article = Article(id="t", text=text, source_file="t", published=published, outlet=outlet)
    doc = Doc(article=article)
    doc.sentences = split(text)
    for word, label in names:
        start = text.index(word)
        sentence = doc.sentence_index(start) or 0
        doc.names.append(NamedSpan(label, start, start + len(word), word, sentence))
    return doc


def named(doc: Doc) -> dict[str, Entity]:
    return {e.id: e for e in resolve(doc) if not e.generic}


def texts(entity: Entity) -> list[str]:
    return [m.text for m in entity.mentions]


def owner(entities: dict[str, Entity], text: str) -> Entity | None:
    """The entity with a mention that reads ``text``."""
    return next((e for e in entities.values() if text in texts(e)), None)


@pytest.mark.parametrize(
    ("outlet", "text", "entity", "code"),
    [
        ("standaard.be", "De regering zet de hervorming door.", "belgian-government", "BELGOV"),
        ("nos.nl", "Het kabinet valt over de begroting.", "dutch-government", "NLDGOV"),
        ("nos.nl", "De Kamer stemt dinsdag over de motie.", "tweede-kamer", "NLDLEG"),
        ("vrt.be", "De Kamer keurt de begroting goed.", "belgian-chamber", "BELLEG"),
        ("nu.nl", "Het openbaar ministerie eist tien jaar cel.", "openbaar-ministerie", "NLDJUD"),
        ("hln.be", "Het leger helpt bij de overstromingen.", "belgian-defence", "BELMIL"),
    ],
)
def test_a_domestic_institution_is_the_outlets_own(
    outlet: str, text: str, entity: str, code: str
) -> None:
    found = named(make_doc(text, outlet))
    assert found["kroniek:" + entity].code == code
    assert not any(e.generic for e in resolve(make_doc(text, outlet)))


def test_an_adjective_names_the_country_and_an_unknown_institution_is_generated() -> None:
    doc = make_doc(
        "De Chileense regering kondigde maatregelen aan. Het Libanese leger trok zich terug."
    )
    found = named(doc)
    government = found["kroniek:government-chile"]
    assert (government.name, government.type, government.code) == (
        "Government (Chile)",
        "ORG",
        "CHLGOV",
    )
    assert texts(government) == ["De Chileense regering"]
    assert found["kroniek:lebanese-army"].code == "LBNMIL"


def test_a_later_bare_noun_refers_back_to_the_institution_named() -> None:
    doc = make_doc(
        "Het Israëlische leger viel een vluchtelingenkamp aan. Hamas reageerde met raketten. "
        "Volgens het leger waren er strijders in het kamp.",
        "vrt.be",
    )
    army = named(doc)["kroniek:idf"]
    assert texts(army) == ["Het Israëlische leger", "het leger"]


def test_the_sentences_own_actor_decides_whose_army() -> None:
    doc = make_doc(
        "Oekraïne meldt nieuwe aanvallen op Charkiv. Oekraïne vraagt meer luchtafweer. "
        "Het Kremlin ontkent dat het leger burgers viseert.",
        "demorgen.be",
    )
    found = named(doc)
    assert owner(found, "het leger") is found["kroniek:russian-armed-forces"]


def test_a_court_in_a_named_city_and_het_hof_that_refers_to_it() -> None:
    doc = make_doc(
        "Het hof van assisen in Tongeren heeft de man schuldig verklaard. "
        "De verdediging pleitte voor de vrijspraak. Het hof volgde die redenering niet.",
        "hbvl.be",
    )
    court = named(doc)["kroniek:court-of-assizes-tongeren"]
    assert (court.name, court.code) == ("Court of Assizes (Tongeren)", "BELJUD")
    assert texts(court) == ["Het hof van assisen in Tongeren", "Het hof"]


def test_a_city_institution_in_the_dictionary_is_found_whatever_the_wording() -> None:
    found = named(make_doc("De politie van Gent pakte twee verdachten op.", "nieuwsblad.be"))
    assert texts(found["kroniek:ghent-police"]) == ["De politie van Gent"]
    court = named(make_doc("De rechtbank van Amsterdam doet vrijdag uitspraak.", "parool.nl"))
    assert court["kroniek:nld-court-amsterdam"].code == "NLDJUD"


def test_indefinite_and_plural_groups_stay_generic() -> None:
    doc = make_doc(
        "Een rechtbank kan dat niet alleen beslissen. Rechtbanken zijn overbelast. "
        "Russische troepen rukten op, zei een woordvoerder.",
        "nos.nl",
    )
    assert not any(e.type == "ORG" for e in named(doc).values())


def test_another_countrys_police_is_not_every_later_police() -> None:
    doc = make_doc(
        "Een man is in Amsterdam doodgeschoten. De Belgische politie hield een dag later in "
        "Antwerpen een verdachte aan. Burgemeester Femke Halsema sprak van een laffe daad. "
        "Het slachtoffer was volgens de politie bekend bij justitie.",
        "parool.nl",
    )
    found = named(doc)
    assert texts(found["kroniek:police-belgium"]) == ["De Belgische politie"]
    assert owner(found, "de politie") is found["kroniek:dutch-police"]


def test_a_headline_drops_the_article() -> None:
    doc = make_doc(
        "Kamer stemt in met nieuwe asielwet\n\nDe Tweede Kamer keurde de wet goed.", "nos.nl"
    )
    assert texts(named(doc)["kroniek:tweede-kamer"])[0] == "Kamer"


def test_het_bedrijf_and_de_bond_refer_to_the_company_and_union_named() -> None:
    text = (
        "Staalbedrijf Oranjestaal schrapt vierhonderd banen. Vakbond FNV is woedend. "
        "De bond eist dat het bedrijf gedwongen ontslagen uitsluit."
    )
    doc = make_doc(text, "ad.nl", names=[("Oranjestaal", "ORG")])
    found = named(doc)
    company = found["kroniek:oranjestaal"]
    assert texts(company) == ["Oranjestaal", "het bedrijf"]
    assert company.code == "NLDBUS"  # described as a company, in a Dutch report
    assert texts(found["kroniek:fnv"]) == ["Vakbond FNV", "De bond"]


def test_an_anaphor_without_anything_to_refer_to_names_nothing() -> None:
    doc = make_doc("Het hof besliste gisteren. De bond protesteert. Het bedrijf zwijgt.", "nos.nl")
    assert named(doc) == {}


def test_het_land_is_the_only_country_named_before() -> None:
    found = named(make_doc("België moet besparen. Het land leent te veel.", "standaard.be"))
    assert texts(found["kroniek:belgium"]) == ["België", "Het land"]
    two = named(make_doc("Rusland steunt Syrië. Het land kreeg wapens.", "standaard.be"))
    assert owner(two, "Het land") is None


def test_a_compound_is_no_institution() -> None:
    doc = make_doc("De politie-inval in de loods leverde drugs op.", "ad.nl")
    assert owner(named(doc), "politie") is None


def test_de_hoofdstad_is_the_capital_named_before() -> None:
    text = "Israëlische vliegtuigen bombardeerden Beiroet. In de hoofdstad vielen doden."
    doc = make_doc(text, "vrt.be")
    doc.entities = resolve(doc)
    doc.places = places.resolve(doc)
    entities, _ = reconcile(doc)
    beirut = next(e for e in entities if "Beiroet" in texts(e))
    assert texts(beirut) == ["Beiroet", "de hoofdstad"]


def test_a_possessive_is_the_institution_of_the_actor_before_it() -> None:
    doc = make_doc(
        "De Filipijnen protesteren al weken. China stuurde extra schepen van zijn marine.",
        "volkskrant.nl",
    )
    found = named(doc)
    assert texts(found["kroniek:navy-china"]) == ["zijn marine"]
    assert found["kroniek:navy-china"].code == "CHNMIL"


def test_courts_of_two_cities_stay_two() -> None:
    doc = make_doc(
        "De rechtbank in Dendermonde sprak de man vrij. De rechtbank in Veurne veroordeelde "
        "zijn broer. Volgens de rechtbank was het bewijs overweldigend.",
        "standaard.be",
    )
    found = named(doc)
    assert texts(found["kroniek:court-dendermonde"]) == ["De rechtbank in Dendermonde"]
    veurne = found["kroniek:court-veurne"]
    assert texts(veurne) == ["De rechtbank in Veurne", "de rechtbank"]  # the one named last
    assert veurne.code == "BELJUD"


def test_a_qualified_council_is_no_un_security_council() -> None:
    found = named(
        make_doc(
            "De Nationale Veiligheidsraad van de Verenigde Staten besprak woensdag de crisis. "
            "Ook de Turkse Veiligheidsraad kwam samen. De Federale Veiligheidsraad zweeg. "
            "De Veiligheidsraad neemt vrijdag een besluit.",
            "nos.nl",
        )
    )
    assert texts(found["kroniek:un-security-council"]) == ["Veiligheidsraad"]
    american = owner(found, "De Nationale Veiligheidsraad van de Verenigde Staten")
    assert american is not None and american.code == "USAGOV"
    turkish = owner(found, "de Turkse Veiligheidsraad")
    assert turkish is not None and turkish.code == "TURGOV"


def test_an_adjective_of_the_organisations_own_country_keeps_it() -> None:
    found = named(make_doc("De Amerikaanse Senaat stemde dinsdag over het voorstel.", "nos.nl"))
    assert found["kroniek:us-senate"].code == "USALEG"


def test_a_group_named_by_nationality_gives_the_institution_after_it_its_country() -> None:
    doc = make_doc(
        "Rusland viel Oekraïne opnieuw aan vanuit Rusland. De Oekraïense luchtverdediging schoot "
        "volgens de luchtmacht veertig drones neer.",
        "nos.nl",
    )
    air_force = owner(named(doc), "de luchtmacht")
    assert air_force is not None and air_force.code == "UKRMIL"


@pytest.mark.parametrize(("outlet", "code"), [("nos.nl", "NLDGOV"), ("hln.be", "BELGOV")])
def test_a_bare_cabinet_is_home_whatever_places_the_article_names(outlet: str, code: str) -> None:
    doc = make_doc(
        "Het kabinet stuurt een fregat naar de kust van Jemen. Jemen en Eritrea reageerden "
        "verrast. De regering wil de scheepvaart in de Rode Zee beschermen.",
        outlet,
    )
    government = owner(named(doc), "Het kabinet")
    assert government is not None and government.code == code
    assert texts(government) == ["Het kabinet", "De regering"]


def test_another_countrys_government_actors_make_de_regering_theirs() -> None:
    doc = make_doc(
        "Premier Netanyahu zegt dat Israël de operatie voortzet. De regering gaf het leger "
        "opdracht de aanvallen op te voeren.",
        "nos.nl",
    )
    government = owner(named(doc), "De regering")
    assert government is not None and government.code == "ISRGOV"


def test_a_municipality_is_its_government_and_its_council_a_legislature() -> None:
    doc = make_doc(
        "De gemeente Zutphen sluit de opvang. Gemeente Velsen weert cruiseschepen. "
        "De gemeenteraad van Arnhem stemde tegen. In de gemeente Velsen wonen veel mensen.",
        "nos.nl",
    )
    found = named(doc)
    zutphen = owner(found, "De gemeente Zutphen")
    assert zutphen is not None and (zutphen.name, zutphen.code) == (
        "Municipality (Zutphen)",
        "NLDGOV",
    )
    velsen = owner(found, "Gemeente Velsen")
    assert velsen is not None and velsen.code == "NLDGOV"
    council = owner(found, "De gemeenteraad van Arnhem")
    assert council is not None and council.code == "NLDLEG"
    amsterdam = named(make_doc("De Amsterdamse gemeenteraad stemde in.", "parool.nl"))
    assert [e.code for e in amsterdam.values()] == ["NLDLEG"]


def test_in_de_gemeente_alone_names_no_institution() -> None:
    assert not any(
        e.role == "GOV" for e in resolve(make_doc("In de gemeente wonen veel boeren.", "nos.nl"))
    )


def test_a_coast_guard_is_military() -> None:
    found = named(make_doc("De Griekse kustwacht onderschepte een boot.", "nos.nl"))
    assert [e.code for e in found.values()] == ["GRCMIL"]


def test_another_countrys_unions_make_a_dutch_papers_regering_theirs() -> None:
    doc = make_doc(
        "De Belgische vakbond ACOD kondigt nieuwe acties aan. De bonden protesteren tegen "
        "de plannen van de regering.",
        "nos.nl",
    )
    government = owner(named(doc), "de regering")
    assert government is not None and government.code == "BELGOV"


@pytest.mark.parametrize(
    ("outlet", "text", "entity"),
    [
        ("standaard.be", "Het openbaar ministerie vordert tien jaar cel. Het OM is streng.",
         "kroniek:public-prosecutor-s-office-belgium"),
        ("nos.nl", "Het Openbaar Ministerie eist tien jaar cel. Het OM is streng.",
         "kroniek:openbaar-ministerie"),
        ("nu.nl", "De Belgische premier Alexander De Croo sprak in Brussel. Het Openbaar "
         "Ministerie in Rotterdam vervolgt de verdachte.", "kroniek:openbaar-ministerie"),
        (None, "De Belgische politie zocht in Antwerpen. Het Openbaar Ministerie vordert straf.",
         "kroniek:public-prosecutor-s-office-belgium"),  # no outlet: the places and bodies named
        (None, "Het Openbaar Ministerie eist tien jaar cel.", "kroniek:openbaar-ministerie"),
    ],
)
def test_the_openbaar_ministerie_is_of_the_articles_home_country(
    outlet: str | None, text: str, entity: str
) -> None:
    found = named(make_doc(text, outlet))
    prosecution = owner(found, "Het Openbaar Ministerie") or owner(found, "Het openbaar ministerie")
    assert prosecution is not None and prosecution.id == entity
    if "OM" in text:
        assert "Het OM" in texts(prosecution)


def test_an_unknown_company_takes_no_country_from_the_outlet_alone() -> None:
    text = "Chipmaker Zentrix schrapt duizenden banen. Het bedrijf kampt met verliezen."
    found = named(make_doc(text, "hln.be", names=[("Zentrix", "ORG")]))
    assert texts(found["kroniek:zentrix"]) == ["Zentrix", "Het bedrijf"]
    assert found["kroniek:zentrix"].code == "---BUS"  # a Belgian paper: no Belgian company yet
    text = "Chipmaker Zentrix schrapt duizenden banen in België. Het bedrijf kampt met verliezen."
    found = named(make_doc(text, "hln.be", names=[("Zentrix", "ORG")]))
    assert found["kroniek:zentrix"].code == "BELBUS"  # the text is about Belgium


def test_a_known_foreign_company_keeps_its_own_country_in_a_belgian_paper() -> None:
    text = (
        "De Amerikaanse overheid steunt Intel en Nvidia. Ook Samsung en TSMC bouwen fabrieken, "
        "net als Stellantis. Het bedrijf Intel wil in België investeren."
    )
    codes = {e.id: e.code for e in named(make_doc(text, "hln.be")).values()}
    assert codes["kroniek:intel"] == "USABUS"
    assert codes["kroniek:nvidia"] == "USABUS"
    assert codes["kroniek:samsung"] == "KORBUS"
    assert codes["kroniek:tsmc"] == "TWNBUS"
    assert codes["kroniek:stellantis"] == "NLDBUS"


@pytest.mark.parametrize(
    ("text", "names", "entity"),
    [
        ("Een man is in Gent opgepakt. Het OM vordert vijf jaar cel.", [("Gent", "LOC")],
         "kroniek:public-prosecutor-s-office-belgium"),
        ("Het OM vervolgt twee mannen uit Leuven en Hasselt. De rechter in Utrecht beslist.",
         [("Leuven", "LOC"), ("Hasselt", "LOC"), ("Utrecht", "LOC")],
         "kroniek:public-prosecutor-s-office-belgium"),  # the places named most often
        ("Een man is in Zwolle opgepakt. Het OM vordert vijf jaar cel.", [("Zwolle", "LOC")],
         "kroniek:openbaar-ministerie"),
        ("De politie van Antwerpen en de Belgische douane vonden drugs. Het OM eist straf.",
         [], "kroniek:public-prosecutor-s-office-belgium"),  # Belgian bodies, no place tagged
    ],
)
def test_without_an_outlet_the_places_and_bodies_named_decide_whose_om(
    text: str, names: list[tuple[str, str]], entity: str
) -> None:
    prosecution = owner(named(make_doc(text, None, names)), "Het OM")
    assert prosecution is not None and prosecution.id == entity


def test_with_an_outlet_belgian_places_do_not_make_the_om_belgian() -> None:
    doc = make_doc(
        "Een man uit Gent is in Breda opgepakt. Hij woonde in Antwerpen. Het OM eist straf.",
        "nos.nl",
        [("Gent", "LOC"), ("Breda", "LOC"), ("Antwerpen", "LOC")],
    )
    prosecution = owner(named(doc), "Het OM")
    assert prosecution is not None and prosecution.id == "kroniek:openbaar-ministerie"


@pytest.mark.parametrize(
    "text",
    [
        "Het Amerikaanse techbedrijf Nvidia meldt een recordwinst. De politie hield bij het "
        "kantoor een man aan.",
        "Nvidia meldt een recordwinst. Nvidia groeit. Volgens Nvidia hield de politie een "
        "medewerker aan.",  # the company named often, and in the sentence itself
    ],
)
def test_a_foreign_company_named_before_does_not_make_the_police_its_countrys(text: str) -> None:
    police = owner(named(make_doc(text, "nos.nl")), "de politie") or owner(
        named(make_doc(text, "nos.nl")), "De politie"
    )
    assert police is not None and police.code == "NLDCOP"


def test_a_foreign_country_named_in_the_text_still_gives_the_police_its_country() -> None:
    text = (
        "Nvidia meldt een recordwinst in de Verenigde Staten. De politie hield bij het kantoor "
        "een man aan."
    )
    police = owner(named(make_doc(text, "nos.nl")), "De politie")
    assert police is not None and police.code == "USACOP"


def test_a_foreign_person_named_often_weighs_less_than_the_home_countrys_places() -> None:
    doc = make_doc(
        "Elon Musk wil duizenden ambtenaren ontslaan. Musk noemt het een noodzaak. Volgens "
        "Musk is de operatie een succes. Ook ambtenaren in Rotterdam maken zich zorgen. "
        "De regering belooft dat er geen ontslagen vallen.",
        "nos.nl",
        [("Rotterdam", "LOC")],
        published="2025-03",
    )
    government = owner(named(doc), "De regering")
    assert government is not None and government.code == "NLDGOV"


@pytest.mark.parametrize(
    ("outlet", "entity"),
    [("hln.be", "kroniek:bel-fps-health"), ("nos.nl", "kroniek:nld-ministry-health")],
)
def test_a_health_ministry_without_nationality_is_the_outlets_own(outlet: str, entity: str) -> None:
    text = "Het ministerie van Volksgezondheid meldt twaalf nieuwe gevallen."
    found = named(make_doc(text, outlet))
    ministry = owner(found, "Het ministerie van Volksgezondheid")
    assert ministry is not None and (ministry.id, ministry.role) == (entity, "GOV")


def test_a_ministrys_full_name_with_a_comma_is_one_alias() -> None:
    doc = make_doc(
        "Het ministerie van Volksgezondheid, Welzijn en Sport betaalt mee. Welzijn en Sport "
        "zijn belangrijk, zegt de directeur.",
        "nos.nl",
    )
    ministry = named(doc)["kroniek:nld-ministry-health"]
    assert texts(ministry) == ["Het ministerie van Volksgezondheid, Welzijn en Sport"]


@pytest.mark.parametrize(
    ("outlet", "text", "entity", "code"),
    [
        ("nos.nl", "De Kiesraad stelt vrijdag de uitslag vast.", "nld-kiesraad", "NLDGOV"),
        ("nu.nl", "De Autoriteit Persoonsgegevens legt het bedrijf een boete op.",
         "nld-autoriteit-persoonsgegevens", "NLDGOV"),
        ("vrt.be", "De Gegevensbeschermingsautoriteit opent een onderzoek.", "bel-gba", "BELGOV"),
        ("nos.nl", "De IGJ waarschuwt het ziekenhuis.", "nld-igj", "NLDGOV"),
    ],
)  # fmt: skip
def test_state_bodies_named_in_news_are_their_countrys_government(
    outlet: str, text: str, entity: str, code: str
) -> None:
    found = named(make_doc(text, outlet))
    assert found["kroniek:" + entity].code == code
