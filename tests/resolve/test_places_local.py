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
    second.mentions.append(Mention(second.name, 200, 205, 2))
    hamlet = Place("kroniek:place:kleindorp", "Kleindorp", None, None, None)
    hamlet.mentions.append(Mention("Kleindorp", 300, 309, 3))  # a sentence without a town
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
    shanghai = Place(town.id, town.name, town.country, town.lat, town.lon,
                     [Mention("Shanghai", text.index("Shanghai"), text.index("Shanghai") + 8, 0)])
    company, park = (
        Place(f"kroniek:place:{name.lower()}", name, None, None, None,
              [Mention(name, text.index(name), text.index(name) + len(name), index)])
        for index, name in enumerate(("Zorvatech", "Zorvapark"))
    )  # fmt: skip
    locate_unknown([shanghai, company, park], text)
    assert company.lat is None and company.country is None  # "onderzoek naar": no place
    assert (park.lat, park.lon, park.country) == (town.lat, town.lon, "CHN")  # "in het"
