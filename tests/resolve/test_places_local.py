"""Places the gazetteer lacks: numbered roads, compass parts of countries, and unknown local
places located at the town the article names with them."""

from __future__ import annotations

import pytest

from kroniek.models import Article, Mention, Place
from kroniek.pipeline import analyze_article
from kroniek.resolve import gazetteer
from kroniek.resolve.gazetteer import distance_km
from kroniek.resolve.places import LOCAL_KINDS, locate_unknown
from tests.resolve.test_places import places_of


def analysed_places(text: str, outlet: str = "hln.be") -> dict[str, Place]:
    article = Article(id="t", text=text, source_file="t.txt", outlet=outlet)
    return {place.name: place for place in analyze_article(article).places}


def test_roads_in_traffic_news_are_places() -> None:
    found = {p.name: p for p in places_of(
        "Op de E17 richting Antwerpen stond zondag een lange file. Ook de R0 was druk, "
        "en op de A12 ter hoogte van Boom gebeurde een ongeval."
    )}  # fmt: skip
    assert {"E17", "R0", "A12"} <= set(found)
    assert found["E17"].id == "kroniek:place:road-e17"
    assert len(found["A12"].mentions) == 1


@pytest.mark.parametrize("text", [
    "Het formulier past op A4-formaat.",  # inside a longer word
    "Hij kocht een Audi A4 en een BMW.",  # no road context
    "Vitamine B12 is goed voor je.",  # not a road letter
    "De A380 van Emirates landde op Zaventem.",  # an aircraft: A roads have two digits
])  # fmt: skip
def test_codes_outside_road_context_are_not_roads(text: str) -> None:
    assert not [p for p in places_of(text) if p.id.startswith("kroniek:place:road-")]


def test_compass_parts_of_countries_are_placed_that_way() -> None:
    gaz = gazetteer.load()
    country = {e.country: e for e in gaz.entries if e.kind == "country"}
    north = only_compass("In Noord-Nederland beeft de aarde opnieuw.")
    east = only_compass("De gevechten in Oost-Oekraïne gaan door.")
    assert north.country == "NLD" and north.lat is not None and north.lon is not None
    assert north.lat > country["NLD"].lat + 0.4  # towards Groningen and Friesland
    assert east.country == "UKR" and east.lon is not None and east.lon > country["UKR"].lon + 4


def only_compass(text: str) -> Place:
    found = [p for p in places_of(text) if p.id.startswith("kroniek:place:")]
    assert len(found) == 1, [(p.id, p.name) for p in found]
    return found[0]


def test_names_that_are_places_already_keep_their_meaning() -> None:
    for text, country in (("Noord-Korea test een raket.", "PRK"),
                          ("Zuid-Afrika kiest een president.", "ZAF"),
                          ("In Noord-Ierland wordt gestemd.", "GBR")):  # fmt: skip
        assert [p.country for p in places_of(text)] == [country], text


def test_an_unknown_place_sits_in_the_town_named_with_it() -> None:
    found = analysed_places(
        "Supporters vierden feest in Leuven. Later trokken ze naar het gehucht Ravelsberg bij Mechelen, "
        "waar de spelers werden gehuldigd. Ook in Leuven bleef het onrustig."
    )
    hall = found["Ravelsberg"]
    assert hall.id == "kroniek:place:ravelsberg"  # not in the gazetteer
    mechelen, leuven = found["Mechelen"], found["Leuven"]
    assert (hall.lat, hall.lon, hall.country) == (mechelen.lat, mechelen.lon, "BEL")
    assert leuven.lat is not None and mechelen.lat is not None
    assert distance_km(hall.lat, hall.lon, leuven.lat, leuven.lon) > 10  # the same sentence wins


def test_without_a_sentence_town_the_article_main_town_is_used() -> None:
    gaz = gazetteer.load()
    towns = [e for e in gaz.entries if e.kind in LOCAL_KINDS and e.country == "BEL"][:2]
    first, second = (Place(t.id, t.name, t.country, t.lat, t.lon) for t in towns)
    first.mentions += [Mention(first.name, 0, 5, 0), Mention(first.name, 500, 505, 5)]
    second.mentions.append(Mention(second.name, 200, 205, 1))
    hamlet = Place("kroniek:place:kleindorp", "Kleindorp", None, None, None)
    hamlet.mentions.append(Mention("Kleindorp", 300, 309, 3))  # no town here or just before
    text = " " * 296 + "in " + " " * 300  # "... in Kleindorp ..."
    locate_unknown([first, second, hamlet], text)
    assert (hamlet.lat, hamlet.lon, hamlet.country) == (first.lat, first.lon, "BEL")
    nowhere = Place("kroniek:place:elders", "Elders", None, None, None)
    nowhere.mentions.append(Mention("Elders", 3, 9, 0))
    locate_unknown([nowhere], "in Elders")  # no known town: nothing to go by
    assert nowhere.lat is None and nowhere.country is None


def test_a_name_the_text_does_not_put_anywhere_gets_no_coordinates() -> None:
    text = "Peking opende in Shanghai een onderzoek naar Zorvatech. Er volgde een inval in het Zorvapark."
    gaz = gazetteer.load()
    town = next(e for e in gaz.entries if e.name == "Shanghai" and e.kind in LOCAL_KINDS)
    shanghai = Place(
        town.id,
        town.name,
        town.country,
        town.lat,
        town.lon,
        [Mention("Shanghai", text.index("Shanghai"), text.index("Shanghai") + 8, 0)],
    )
    company, park = (
        Place(f"kroniek:place:{name.lower()}", name, None, None, None,
              [Mention(name, text.index(name), text.index(name) + len(name), index)])
        for index, name in enumerate(("Zorvatech", "Zorvapark"))
    )  # fmt: skip
    locate_unknown([shanghai, company, park], text)
    assert company.lat is None and company.country is None  # "onderzoek naar": no place
    assert (park.lat, park.lon, park.country) == (town.lat, town.lon, "CHN")  # "in het"


# --- which tagger names become unknown places -------------------------------------------------


def unknown_names(text: str, *spans: tuple[str, str]) -> list[str]:
    from kroniek.resolve.places import resolve
    from tests.resolve.test_places_context import tagged

    found = resolve(tagged(text, *spans))
    return [p.name for p in found if gazetteer.load().get(p.id) is None]


def test_acronyms_people_and_adjectives_are_no_unknown_places() -> None:
    assert unknown_names("De ZCB riep op tot een staking.", ("LOC", "ZCB")) == []
    assert unknown_names("Dat zei Marieke (34) na de bevalling.", ("LOC", "Marieke")) == []
    text = "Het panel telt onder meer Pieter Verhulst."
    assert unknown_names(text, ("LOC", "Pieter Verhulst")) == []
    text = "Ze woont in een dorp bij de Zuid-Franse havenstad Toulon."
    assert unknown_names(text, ("LOC", "Zuid-Franse")) == []
    # a place name the tagger knows and the gazetteer lacks stays an unknown place
    text = "De fanfare speelde op het Zorvaplein."
    assert unknown_names(text, ("LOC", "Zorvaplein")) == ["Zorvaplein"]


def test_a_bare_institution_noun_is_no_unknown_place() -> None:
    # the tagger's span stops at the capitalised first word of a longer institution's name
    text = "Het stuk ging naar het Muséum voor natuurlijke historie in Parijs."
    assert unknown_names(text, ("LOC", "Muséum")) == []
    text = "De subsidie komt van de Vereniging voor begeleiding van jongeren."
    assert unknown_names(text, ("LOC", "Vereniging")) == []


def test_a_name_the_matcher_turned_down_is_not_brought_back() -> None:
    text = "De staalgroep Tata Steel zoekt een koper. Het bedrijf is nu van Tata."
    assert unknown_names(text, ("LOC", "Tata")) == []


# --- where unknown places lie ---------------------------------------------------------------


def place_at(text: str, name: str, entry_name: str, country: str, sentence: int) -> Place:
    gaz = gazetteer.load()
    entry = next(e for e in gaz.entries if e.name == entry_name and e.country == country)
    start = text.index(name)
    return Place(entry.id, entry.name, entry.country, entry.lat, entry.lon,
                 [Mention(name, start, start + len(name), sentence)])  # fmt: skip


def unknown_at(text: str, name: str, sentence: int) -> Place:
    start = text.index(name)
    return Place(f"kroniek:place:{name.lower()}", name, None, None, None,
                 [Mention(name, start, start + len(name), sentence)])  # fmt: skip


def test_a_region_named_just_before_beats_the_main_town() -> None:
    text = ("Oss en Oss en Oss. Zijn zoektocht liep door Zuid-Limburg. "
            "Daar vond hij in Zorvahoven een fossiel.")  # fmt: skip
    oss = place_at(text, "Oss", "Oss", "NLD", 0)
    oss.mentions *= 3
    limburg = place_at(text, "Zuid-Limburg", "Limburg", "NLD", 1)
    hamlet = unknown_at(text, "Zorvahoven", 2)
    locate_unknown([oss, limburg, hamlet], text)
    assert (hamlet.lat, hamlet.lon) == (limburg.lat, limburg.lon)


def test_a_large_area_or_a_town_of_its_own_is_not_put_in_another_town() -> None:
    text = "In Brugge was het rustig. Het onweer trof vooral de deelstaat Zorvanië."
    bruges = place_at(text, "Brugge", "Bruges", "BEL", 0)
    state = unknown_at(text, "Zorvanië", 1)
    locate_unknown([bruges, state], text)
    assert state.lat is None and state.country is None


def test_an_adjective_puts_an_unknown_place_in_its_region_or_country() -> None:
    text = "Gent en Gent. Het concert in de Leuvense Zorvahal is uitverkocht."
    ghent = place_at(text, "Gent", "Ghent", "BEL", 0)
    hall = unknown_at(text, "Zorvahal", 1)
    locate_unknown([ghent, hall], text)
    assert hall.lat is not None and hall.lon is not None
    assert distance_km(hall.lat, hall.lon, 50.88, 4.70) < 30  # Flemish Brabant, not Ghent
    text = "Gent en Gent. Een rechtbank in het Canadese Zorvatown oordeelde anders."
    ghent = place_at(text, "Gent", "Ghent", "BEL", 0)
    town = unknown_at(text, "Zorvatown", 1)
    locate_unknown([ghent, town], text)
    assert (town.lat, town.country) == (None, "CAN")  # the country, not a Belgian point


def test_the_main_town_of_a_foreign_story_is_no_anchor() -> None:
    text = ("Oekraïne en Oekraïne en Oekraïne. Een drone trof Charkiv. "
            "Een minister uit Brugge belde. Daarna volgde een aanval op het Zorvaveld.")  # fmt: skip
    gaz = gazetteer.load()
    country = next(e for e in gaz.entries if e.kind == "country" and e.country == "UKR")
    ukraine = Place(country.id, country.name, "UKR", country.lat, country.lon,
                    [Mention("Oekraïne", i, i + 8, 0) for i in (0, 12, 24)])  # fmt: skip
    kharkiv = place_at(text, "Charkiv", "Kharkiv", "UKR", 1)
    bruges = place_at(text, "Brugge", "Bruges", "BEL", 2)
    bruges.mentions *= 2  # the most named town, but in a story about Ukraine
    field = unknown_at(text, "Zorvaveld", 4)
    locate_unknown([ukraine, kharkiv, bruges, field], text)
    assert field.lat is None
