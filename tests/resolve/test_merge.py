"""Reconciling actors, tagger names and gazetteer places over the same spans."""

from kroniek.models import Article, Doc, Entity, Mention, Place
from kroniek.resolve.merge import reconcile

TEXT = "Hamas vuurde raketten af vanuit de Gazastrook op Sderot."


def mention(word: str) -> Mention:
    start = TEXT.index(word)
    return Mention(word, start, start + len(word), 0)


def test_reconcile_prefers_places_for_tagger_names_and_actors_for_unknown_places():
    doc = Doc(article=Article(id="x", text=TEXT, source_file="t.txt"))
    hamas = Entity("kroniek:hamas", "Hamas", "ORG", None, "REB", [mention("Hamas")])
    tagged_gaza = Entity("kroniek:gazastrook", "Gazastrook", "MISC", None, None, [mention("Gazastrook")])
    doc.entities = [hamas, tagged_gaza]
    gaza = Place("geonames:7303868", "Gaza Strip", "PSE", 31.4, 34.4, [mention("Gazastrook")])
    hamas_as_loc = Place("kroniek:place:hamas", "Hamas", None, None, None, [mention("Hamas")])
    sderot = Place("kroniek:place:sderot", "Sderot", "ISR", 31.52, 34.6, [mention("Sderot")])
    doc.places = [gaza, hamas_as_loc, sderot]

    entities, places = reconcile(doc)

    assert [p.name for p in places] == ["Gaza Strip", "Sderot"]
    by_id = {e.id: e for e in entities}
    assert "kroniek:gazastrook" not in by_id
    assert by_id["geonames:7303868"].country == "PSE"
    assert by_id["kroniek:place:sderot"].type in ("GPE", "LOC")
    assert by_id["kroniek:hamas"] is hamas
