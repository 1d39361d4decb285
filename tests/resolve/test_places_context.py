"""Where the words around a place name and the rest of the article put it: adjectives before
the name, the support a small foreign town needs, the tagger's spans, names of waters and
lists that write a shared tail once."""

from __future__ import annotations

import pytest

from kroniek.models import Doc, NamedSpan, Place
from kroniek.resolve import gazetteer
from kroniek.resolve.gazetteer import distance_km
from kroniek.resolve.places import resolve
from kroniek.resolve.places_context import Hint, apply_hint, hint_of, minor, supported
from tests.resolve.test_places import make_doc, places_of


def tagged(text: str, *spans: tuple[str, str], outlet: str | None = None) -> Doc:
    """A document with tagger spans given as (label, surface) at the surface's first place."""
    doc = make_doc(text, outlet)
    for label, surface in spans:
        start = text.index(surface)
        sentence = doc.sentence_index(start)
        assert sentence is not None
        doc.names.append(NamedSpan(label, start, start + len(surface), surface, sentence))
    return doc


def by_name(found: list[Place]) -> dict[str, Place]:
    return {place.name: place for place in found}


# --- adjectives before a name ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "outlet", "country"),
    [
        ("Een touringcar is in het Duitse Halle tegen een brug gereden.", "hln.be", "DEU"),
        ("In het Spaanse Córdoba werd het gisteren 46 graden.", "nos.nl", "ESP"),
        ("De brand in het Nederlandse Putte is onder controle.", "hln.be", "NLD"),
        ("Een lawine trof het Noord-Duitse Halle niet, wel de Alpen.", "hln.be", "DEU"),
    ],
)  # fmt: skip
def test_a_nationality_adjective_picks_the_country(text: str, outlet: str, country: str) -> None:
    found = [p for p in places_of(text, outlet) if p.mentions[0].text in ("Halle", "Córdoba",
                                                                          "Putte")]  # fmt: skip
    assert [p.country for p in found] == [country]


def test_a_province_adjective_picks_the_town_in_that_province() -> None:
    plain = places_of("Een boer uit Elst won de prijs.", "hln.be")
    gelders = places_of("Een boer uit het Gelderse Elst won de prijs.", "hln.be")
    assert [p.country for p in plain] == ["BEL"]  # a Flemish outlet: the Flemish Elst
    assert [p.country for p in gelders] == ["NLD"]


def test_an_adjective_before_a_place_noun_counts_too() -> None:
    found = places_of("Ze groeide op in de Amerikaanse stad Portland.", "hln.be")
    assert [(p.name, p.country) for p in found] == [("Portland", "USA")]


def test_hints_of_adjectives() -> None:
    gaz = gazetteer.load()
    limburg = hint_of("Limburgse", gaz)
    assert limburg is not None and limburg.country is None and len(limburg.regions) == 2
    assert {gaz.entries[r].country for r in limburg.regions} == {"BEL", "NLD"}
    assert hint_of("Franse", gaz) == Hint("FRA")
    assert hint_of("Zuidwest-Franse", gaz) == Hint("FRA")
    assert hint_of("franse", gaz) is None  # not capitalised: no name follows
    assert hint_of("Grote", gaz) is None


def test_every_region_adjective_names_a_region_of_the_gazetteer() -> None:
    from kroniek.resolve.places_cues import cues

    gaz = gazetteer.load()
    for adjective, rows in cues().region_adjectives.items():
        hint = hint_of(adjective, gaz)
        assert hint is not None and len(hint.regions) == len(rows), adjective


def test_a_hint_that_fits_no_entry_keeps_them_all() -> None:
    gaz = gazetteer.load()
    info = gaz.index[("bergen",)]
    assert apply_hint(list(info.entries), Hint("ISL"), gaz) == list(info.entries)


# --- small foreign towns need support -------------------------------------------------------


def test_a_small_foreign_town_without_its_country_is_no_place() -> None:
    text = "Volgens de vakbond wil Tata Steel in Velsen honderden banen schrappen."
    assert [p.name for p in places_of(text, "nos.nl")] == ["Velsen"]
    assert "Tata" not in by_name(places_of(text))
    # the same town where the article is about Hungary
    found = by_name(places_of("In Tata, een stadje in Hongarije, staat een oud kasteel."))
    assert found["Tata"].country == "HUN"


def test_a_nationality_adjective_anywhere_supports_a_small_town() -> None:
    found = by_name(places_of(
        "Het ongeval gebeurde in Malden. De Amerikaanse politie onderzoekt de zaak."
    ))  # fmt: skip
    assert found["Malden"].country == "USA"


def test_support_rules() -> None:
    gaz = gazetteer.load()
    tata = next(e for e in gaz.entries if e.name == "Tata" and e.country == "HUN")
    budapest = next(e for e in gaz.entries if e.name == "Budapest" and e.kind == "capital")
    antwerp = next(e for e in gaz.entries if e.name == "Antwerp" and e.kind != "province")
    assert minor(tata) and not minor(budapest)
    assert not supported(tata, [antwerp], {"BEL"})
    assert supported(tata, [antwerp], {"BEL", "HUN"})  # the country is named
    assert supported(tata, [budapest], set())  # a named place lies near it
    assert supported(antwerp, [], set())  # not a small foreign town: needs nothing


# --- what the tagger says -------------------------------------------------------------------


def test_a_town_inside_a_longer_tagger_name_is_no_place() -> None:
    text = "Racing Mechelen won zaterdag met 2-0 van de leider."
    found = resolve(tagged(text, ("LOC", "Racing Mechelen"), outlet="hln.be"))
    assert all(p.lat is None for p in found)  # the club, at most a name without a point
    # a longer tagger place around a town that is still the town: "de haven van Antwerpen"
    text = "Er werd cocaïne onderschept in de haven van Antwerpen."
    found = resolve(tagged(text, ("LOC", "haven van Antwerpen"), outlet="hln.be"))
    assert [p.name for p in found] == ["Antwerp"]


def test_a_town_the_tagger_calls_an_organisation_needs_a_firm_cue() -> None:
    club = "Anderlecht won zondag met 3-1 van Genk."
    assert "Anderlecht" not in by_name(
        resolve(tagged(club, ("ORG", "Anderlecht"), outlet="hln.be"))
    )
    fire = "Gisteren brandde in Anderlecht een loods af."
    assert "Anderlecht" in by_name(resolve(tagged(fire, ("ORG", "Anderlecht"), outlet="hln.be")))
    mayor = "De burgemeester van Anderlecht reageerde geschokt."
    assert "Anderlecht" in by_name(resolve(tagged(mayor, ("ORG", "Anderlecht"), outlet="hln.be")))
    # a capital used for its government stays a place
    capital = "Moskou ontkende gisteren elke betrokkenheid."
    assert "Moscow" in by_name(resolve(tagged(capital, ("ORG", "Moskou"))))


def test_a_city_the_tagger_calls_a_person_after_a_firm_cue_is_a_place() -> None:
    text = "De vijfde rit gaat morgen naar Sevilla."
    assert "Seville" in by_name(resolve(tagged(text, ("PER", "Sevilla"), outlet="hln.be")))
    text = "Zanger Rik Sevilla trad gisteren op."
    assert "Seville" not in by_name(resolve(tagged(text, ("PER", "Rik Sevilla"))))


def test_a_person_span_the_cleaner_types_as_a_place_does_not_block() -> None:
    text = "De onrust in de deelstaat Kerala houdt aan. Ook in Kerala zelf bleef het onrustig."
    found = resolve(tagged(text, ("PER", "Kerala")))
    assert by_name(found)["Kerala"].country == "IND"


# --- waters and elliptic lists --------------------------------------------------------------


def test_the_place_a_strait_is_named_after_is_not_the_strait() -> None:
    found = places_of("Het schip werd opgebracht in de Straat van Kertsj.")
    assert [(p.name, p.mentions[0].text) for p in found] == [("Kerch Strait", "Straat van Kertsj")]
    opening = places_of("De Straat van Hormuz blijft open voor tankers.")
    assert [p.name for p in opening] == ["Strait of Hormuz"]


def test_a_water_the_gazetteer_lacks_lies_at_its_town() -> None:
    gaz = gazetteer.load()
    text = "De Baai van Nieuwpoort trekt veel vogels aan."
    found = resolve(tagged(text, ("LOC", "Nieuwpoort")))
    assert [p.name for p in found] == ["Baai van Nieuwpoort"]
    town = next(e for e in gaz.entries if e.name == "Nieuwpoort" and e.country == "BEL")
    bay = found[0]
    assert bay.lat is not None and bay.lon is not None and bay.country == "BEL"
    assert distance_km(bay.lat, bay.lon, town.lat, town.lon) < 1
    gulf = places_of("Een vrachtschip zonk in de Golf van Siam.")  # no such name known
    assert [(p.name, p.lat) for p in gulf] == [("Golf van Siam", None)]


def test_a_tail_written_once_names_every_part() -> None:
    found = places_of("Het noodweer trof vooral Oost- en West-Vlaanderen.", "hln.be")
    assert [(p.name, p.mentions[0].text) for p in found] == [
        ("East Flanders", "Oost-"), ("West Flanders", "West-Vlaanderen")
    ]  # fmt: skip
    found = places_of("De spanning tussen Noord- en Zuid-Korea loopt op.")
    assert [p.name for p in found] == ["North Korea", "South Korea"]
    assert places_of("Het was een heen- en terugreis.") == []


# --- data -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "name", "country"),
    [
        ("Bali", "Bali", "IDN"),  # the island, not a town of that name in India
        ("Newcastle", "Newcastle upon Tyne", "GBR"),
        ("Gujarat", "Gujarat", "IND"),
        ("Vermont", "Vermont", "USA"),
        ("Korfoe", "Corfu", "GRC"),
        ("Golanhoogten", "Golan Heights", "SYR"),
    ],
)  # fmt: skip
def test_places_world_news_names(surface: str, name: str, country: str) -> None:
    found = places_of(f"Onze correspondent was vorige week in {surface}.")
    assert [(p.name, p.country) for p in found] == [(name, country)]


@pytest.mark.parametrize(
    ("alpha3", "centroid", "factbook"),
    [("UKR", (48.38, 31.17), (49.0, 32.0)), ("SYR", (34.80, 39.00), (35.0, 38.0))],
)  # fmt: skip
def test_a_country_point_is_near_both_conventions(
    alpha3: str, centroid: tuple[float, float], factbook: tuple[float, float]
) -> None:
    gaz = gazetteer.load()
    country = next(e for e in gaz.entries if e.kind == "country" and e.country == alpha3)
    for lat, lon in (centroid, factbook):
        assert distance_km(country.lat, country.lon, lat, lon) <= 50
