"""Story clusters over small invented Dutch articles, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from kroniek import stories
from kroniek.runner import ingest_paths
from kroniek.store import Store, schema

FIRE_A = """ date 2023-03-14 Zware brand in loods van scheepswerf in Vlissingen Redactie

In een loods van scheepswerf Damen in Vlissingen is dinsdagnacht een zware brand uitgebroken. \
De brandweer van Zeeland zette zes blusvoertuigen in en sloot de Westerschelde tijdelijk af voor \
scheepvaart. Honderdtwintig werknemers werden geëvacueerd; niemand raakte gewond.

Burgemeester Van den Tillaart sprak van een grote ramp voor de werf. De oorzaak is nog onbekend.
"""

FIRE_B = """ date 2023-03-15 Werf Damen in Vlissingen getroffen door uitslaande brand JV

Een uitslaande brand heeft een loods van scheepswerf Damen in Vlissingen grotendeels verwoest. \
Volgens de brandweer ontstond het vuur dinsdagnacht in een opslagruimte met verf. De \
Westerschelde was urenlang dicht voor scheepvaart en honderdtwintig werknemers moesten de werf \
verlaten.

Burgemeester Van den Tillaart bezocht woensdag de getroffen loods.
"""

FIRE_LATER = """ date 2023-09-02 Scheepswerf Damen in Vlissingen bouwt loods na brand opnieuw op Redactie

Een half jaar na de brand in Vlissingen begint scheepswerf Damen aan de bouw van een nieuwe loods. \
De werf investeert twintig miljoen euro. Burgemeester Van den Tillaart legde de eerste steen.
"""

CHESS = """ date 2023-03-14 Jonge schaker uit Deventer wint Nederlands kampioenschap Redactie

De zeventienjarige schaker Thijs Verbeek uit Deventer heeft in Utrecht het Nederlands \
kampioenschap schaken gewonnen. In de laatste ronde versloeg hij titelverdediger Jorden van \
Foreest na een spannende partij van zes uur.
"""

WIRE_BODY = """De vakbonden van het openbaar vervoer in Wallonië leggen donderdag het werk \
neer uit protest tegen de besparingen bij vervoersmaatschappij TEC. Volgens de socialistische \
vakbond ACOD rijden in Charleroi, Luik en Namen nauwelijks bussen. De directie van TEC noemt de \
actie onverantwoord en wijst op de gesprekken die volgende week zouden beginnen. Reizigers wordt \
aangeraden om een alternatief te zoeken of thuis te werken waar dat mogelijk is. (Belga)
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "nieuws"
    folder.mkdir()
    _write(folder, "pzc_brand.txt", FIRE_A)
    _write(folder, "omroepzeeland_brand.txt", FIRE_B)
    _write(folder, "pzc_herbouw.txt", FIRE_LATER)
    _write(folder, "nos_schaken.txt", CHESS)
    _write(
        folder,
        "hln_staking.txt",
        " date 2023-03-16 Staking bij TEC legt bussen stil Redactie\n\n" + WIRE_BODY,
    )
    _write(
        folder,
        "standaard_staking.txt",
        " date 2023-03-16 Bussen rijden niet in Wallonië\n\n" + WIRE_BODY,
    )
    return folder


def _story_by_file(store: Store) -> dict[str, str | None]:
    a = schema.articles
    with store.engine.connect() as connection:
        rows = connection.execute(sa.select(a.c.source_file, a.c.story)).all()
    return {Path(source).name: story for source, story in rows}


def test_same_happening_across_outlets_is_one_story(store, corpus):
    ingest_paths([str(corpus)], store, analyze=False)
    summary = stories.assign_stories(store)
    found = _story_by_file(store)
    assert found["pzc_brand.txt"] is not None
    assert found["pzc_brand.txt"] == found["omroepzeeland_brand.txt"]
    assert found["hln_staking.txt"] == found["standaard_staking.txt"] is not None
    assert found["hln_staking.txt"] != found["pzc_brand.txt"]
    assert found["nos_schaken.txt"] is None  # a singleton keeps a null story
    assert found["pzc_herbouw.txt"] is None  # same place and firm, months later: another story
    assert summary.stories == 2 and summary.wire_links == 1


def test_story_ids_are_stable_across_rebuilds(store, corpus):
    ingest_paths([str(corpus)], store, analyze=False)
    stories.assign_stories(store)
    first = _story_by_file(store)
    again = stories.assign_stories(store)
    assert _story_by_file(store) == first
    assert again.changed == 0


def test_new_article_joins_existing_story(store, corpus, tmp_path):
    later = tmp_path / "later"
    later.mkdir()
    (corpus / "omroepzeeland_brand.txt").rename(later / "omroepzeeland_brand.txt")
    ingest_paths([str(corpus)], store, analyze=False)
    with store.engine.begin() as connection:  # the first run happened a day earlier
        connection.execute(schema.articles.update().values(ingested_at="2024-01-01T00:00:00+00:00"))
    stories.assign_stories(store)
    wire_story = _story_by_file(store)["hln_staking.txt"]
    assert _story_by_file(store)["pzc_brand.txt"] is None

    ingest_paths([str(later)], store, analyze=False)
    summary = stories.assign_stories(store, since="2024-01-02")
    found = _story_by_file(store)
    assert summary.compared == 1
    assert found["omroepzeeland_brand.txt"] == found["pzc_brand.txt"] is not None
    assert found["hln_staking.txt"] == wire_story  # untouched
    stories.assign_stories(store)  # a full rebuild agrees with the incremental result
    assert _story_by_file(store) == found


def test_story_clusters_mark_wire_copies(store, corpus):
    ingest_paths([str(corpus)], store, analyze=False)
    stories.assign_stories(store)
    clusters = stories.story_clusters(store)
    assert [c["size"] for c in clusters] == [2, 2]
    wire = next(c for c in clusters if all(m["wire"] for m in c["articles"]))
    assert {m["agency"] for m in wire["articles"]} == {"Belga"}
    fire = next(c for c in clusters if c is not wire)
    assert fire["first"] == "2023-03-14" and fire["last"] == "2023-03-15"
    assert not any(m["wire"] for m in fire["articles"])
    assert set(fire["articles"][0]) >= {"id", "url", "source_file", "outlet", "published"}
    assert fire["id"] == stories.story_id(
        [stories.Candidate(m["id"], m["published"], stories.date_range(m["published"]), None)
         for m in fire["articles"]]
    )  # fmt: skip


def test_date_ranges_by_precision():
    day = stories.date_range("2023-03-14")
    month = stories.date_range("2023-03")
    year = stories.date_range("2023")
    assert day[0] == day[1]
    assert month[1] - month[0] == 30
    assert year[0] == month[0] - 59 and year[1] - year[0] == 364
    assert stories.date_range(None) == stories.UNDATED
    assert stories.date_range("onbekend") == stories.UNDATED


def test_features_ignore_function_words_and_weigh_names():
    weights = stories.features(None, "De burgemeester van Vlissingen en de brandweer")
    keys = {stories.zlib.crc32(k.encode()) % stories.VECTOR_DIMENSIONS for k in ("de", "en", "van")}
    assert not keys & weights.keys()
    stem = stories._stemmer("nl").stemWord("vlissingen")
    name = stories.zlib.crc32(stem.encode()) % stories.VECTOR_DIMENSIONS
    assert weights[name] == max(weights.values())


def test_features_weigh_a_name_the_article_keeps_returning_to():
    once = stories.features(None, "Rechter Gelderblom sprak in Zwolle.")
    text = "Rechter Gelderblom sprak in Zwolle. Gelderblom zweeg. Gelderblom"
    often = stories.features(None, text)
    stem = stories._stemmer("nl").stemWord
    name, place = (stories.zlib.crc32(stem(w).encode()) % stories.VECTOR_DIMENSIONS
                   for w in ("gelderblom", "zwolle"))  # fmt: skip
    assert often[name] / once[name] == pytest.approx(1 + stories.math.log(3))  # sublinear
    assert often[place] == once[place]
    titled = stories.features("Gelderblom", "Gelderblom")
    assert titled[name] == pytest.approx(
        once[name] * stories.TITLE_BOOST * (1 + stories.math.log(1 + stories.TITLE_BOOST))
    )


STORY_ARTICLES = Path(__file__).parent / "data" / "stories" / "articles.jsonl"


def test_reports_of_one_happening_join_and_same_week_look_alikes_stay_apart():
    """Invented Dutch reports (tests/data/stories): pairs of outlets on one verdict, one derby and
    one round of job cuts, some untitled and worded differently, next to same-week articles on
    another verdict, another match and other job cuts that share the vocabulary but not the
    happening."""
    rows = [json.loads(line) for line in STORY_ARTICLES.read_text(encoding="utf-8").splitlines()]
    found = stories.stories_of(
        stories.Unstored(r["id"], r["published"], r["title"], r["text"], "nl") for r in rows
    )
    predicted = {r["id"]: found.get(r["id"]) for r in rows}
    scores = stories.cluster_scores(predicted, {r["id"]: r["story_group"] for r in rows})
    assert scores.precision == 1.0  # no look-alike joins a story
    assert predicted["zeeslang-noord"] == predicted["zeeslang-oost"] is not None
    assert predicted["derby-wolters"] == predicted["derby-twente"] is not None
    assert scores.recall >= 0.6


def test_cluster_scores():
    predicted = {"a": "x", "b": "x", "c": "x", "d": None, "e": None}
    gold = {"a": "g", "b": "g", "c": None, "d": "h", "e": "h"}
    scores = stories.cluster_scores(predicted, gold)
    assert scores.precision == pytest.approx(1 / 3)
    assert scores.recall == pytest.approx(1 / 2)
    assert scores.purity == pytest.approx(4 / 5)
    assert scores.inverse_purity == pytest.approx(4 / 5)


def test_stories_command_lists_clusters_as_jsonl(sqlite_url, corpus):
    from typer.testing import CliRunner

    from kroniek.cli import app, commands  # noqa: F401 - registers the commands

    with Store.open(sqlite_url) as store:
        ingest_paths([str(corpus)], store, analyze=False)
    result = CliRunner().invoke(
        app, ["stories", "--db", sqlite_url, "--rebuild", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    for row in rows:
        assert row["id"].startswith(stories.STORY_ID_PREFIX)
        for member in row["articles"]:
            assert {"id", "url", "source_file", "outlet", "published", "wire"} <= member.keys()
    table = CliRunner().invoke(app, ["stories", "--db", sqlite_url])
    assert table.exit_code == 0 and "2 story cluster(s)" in table.stdout


def test_tiny_chunks_give_the_same_stories(sqlite_url, corpus, monkeypatch):
    with Store.open(sqlite_url) as store:
        ingest_paths([str(corpus)], store, analyze=False)
        stories.assign_stories(store)
        expected = _story_by_file(store)
        monkeypatch.setattr(stories, "CHUNK_ROWS", 1)
        summary = stories.assign_stories(store)
        assert _story_by_file(store) == expected
        assert (
            summary.changed == 0 and summary.links == 2
        )  # the fire pair and the wire pair (similar too)


def test_forest_keeps_connectivity_with_fewer_links():
    links = stories.Links()
    firsts = stories.np.array([0, 0, 1, 5])
    seconds = stories.np.array([1, 2, 2, 6])
    links.add_forest(firsts, seconds)
    assert sorted(links.edges) == [(0, 1), (0, 2), (5, 6)]


def test_articles_outside_a_store_get_the_stores_stories(store, corpus):
    """``stories_of`` (``kroniek analyze``) gives the stories ``assign_stories`` stores."""
    ingest_paths([str(corpus)], store, analyze=False)
    stories.assign_stories(store)
    in_store = _story_by_file(store)
    a = schema.articles
    with store.engine.connect() as connection:
        rows = connection.execute(
            sa.select(a.c.id, a.c.source_file, a.c.published, a.c.title, a.c.text, a.c.language)
        ).all()
    found = stories.stories_of(
        stories.Unstored(row.id, row.published, row.title, row.text, row.language)
        for row in [*rows, rows[0]]  # an article read twice is one article
    )
    outside = {Path(row.source_file).name: found.get(row.id) for row in rows}
    assert outside == in_store


def test_analyze_fills_story_ids_across_the_files_read(corpus):
    from typer.testing import CliRunner

    from kroniek.cli import app

    result = CliRunner().invoke(app, ["analyze", str(corpus)])
    assert result.exit_code == 0, result.output
    records = {Path(r["source_file"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    story = records["pzc_brand.txt"]["story"]
    assert story is not None and story.startswith("story:")
    assert records["omroepzeeland_brand.txt"]["story"] == story
    assert records["hln_staking.txt"]["story"] == records["standaard_staking.txt"]["story"]
    assert records["nos_schaken.txt"]["story"] is None
    assert records["pzc_herbouw.txt"]["story"] is None
