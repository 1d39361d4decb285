"""Actor resolution around titles, ministries and the tagger's names (sentences written here)."""

from __future__ import annotations

import pytest

from kroniek.models import Article, Doc, Entity, NamedSpan
from kroniek.nlp.tokenize import split
from kroniek.resolve.actors import resolve


def make_doc(text: str, published: str = "2020-10-15", outlet: str | None = None) -> Doc:
    article = Article(id="t", text=text, source_file="t", published=published, outlet=outlet)
    doc = Doc(article=article)
    doc.sentences = split(text)
    return doc


def tag(doc: Doc, words: str, label: str, after: int = 0) -> None:
    start = doc.text.index(words, after)
    number = doc.sentence_index(start) or 0
    doc.names.append(NamedSpan(label, start, start + len(words), words, number))


def named(doc: Doc) -> list[Entity]:
    return [e for e in resolve(doc) if not e.generic]


def by_name(doc: Doc) -> dict[str, Entity]:
    return {e.name: e for e in named(doc)}


def test_ministry_with_a_nationality_adjective_is_one_named_actor() -> None:
    doc = make_doc("Het Keniaanse ministerie van Defensie ontkende de aanval.")
    ministry = by_name(doc)["Ministry of Defence (Kenya)"]
    assert (ministry.type, ministry.code) == ("ORG", "KENGOV")
    assert [m.text for m in ministry.mentions] == ["Het Keniaanse ministerie van Defensie"]


def test_ministry_of_a_named_country_and_a_listed_ministry() -> None:
    doc = make_doc("Volgens het ministerie van Buitenlandse Zaken van Peru is dat onjuist.")
    assert by_name(doc)["Ministry of Foreign Affairs (Peru)"].code == "PERGOV"
    doc = make_doc("Het Nederlandse ministerie van Buitenlandse Zaken reageerde kort.")
    assert "Ministry of Foreign Affairs (Netherlands)" in by_name(doc)


def test_a_ministers_portfolio_is_not_the_ministry() -> None:
    doc = make_doc(
        "De Keniaanse president sprak met minister van Defensie Joseph Otieno.",
        outlet="nos.nl",
    )
    assert not [e for e in named(doc) if e.name.startswith("Ministry")]


def test_a_surname_that_is_a_word_does_not_match_inside_a_title() -> None:
    text = "Advocaat-generaal Lies Wauters vroeg twintig jaar cel. Daarna sprak de verdediging."
    assert not [e for e in named(make_doc(text, "2019-05-10")) if e.id == "kroniek:dick-advocaat"]
    text = "Oud-bondscoach Dick Advocaat zag de wedstrijd. Advocaat was tevreden."
    assert "kroniek:dick-advocaat" in {e.id for e in named(make_doc(text, "2019-05-10"))}


def test_the_leader_of_someone_else_is_not_a_coreference() -> None:
    text = "Premier Mark Rutte kwam aan. Hij sprak met de leider van de Vlaamse boeren."
    rutte = by_name(make_doc(text, "2019-05-10"))["Mark Rutte"]
    assert [m.text for m in rutte.mentions] == ["Mark Rutte"]


def test_home_premier_only_when_the_article_is_about_home() -> None:
    belgian = "Koning Filip ontving de partijvoorzitters in Brussel. Wie de premier wordt, is onduidelijk."
    names = by_name(make_doc(belgian, "2020-09-10", outlet="nos.nl"))
    assert "Mark Rutte" not in names
    dutch = "De premier sprak vrijdag over de begroting."
    assert "Mark Rutte" in by_name(make_doc(dutch, "2020-09-10", outlet="nos.nl"))


def test_a_part_of_a_known_union_inherits_its_code() -> None:
    doc = make_doc("De bonden FNV Haven en ACOD Spoor staken maandag.", "2018-06-01")
    tag(doc, "FNV Haven", "ORG")
    tag(doc, "ACOD Spoor", "ORG")
    entities = by_name(doc)
    assert entities["FNV Haven"].code == "NLDLAB"
    assert entities["ACOD Spoor"].code == "BELLAB"
    assert "ACOD" not in entities


def test_a_lone_unexplained_person_word_is_an_organisation() -> None:
    doc = make_doc("Er werken 700 mensen bij Trovexa. Ook Jan Peeters werkt er. Peeters is boos.")
    tag(doc, "Trovexa", "PER")
    tag(doc, "Jan Peeters", "PER")
    tag(doc, "Peeters", "PER", doc.text.index("Peeters is"))
    entities = by_name(doc)
    assert entities["Trovexa"].type == "ORG"
    assert [m.text for m in entities["Jan Peeters"].mentions] == ["Jan Peeters", "Peeters"]


def test_tagger_organisations_keep_their_article() -> None:
    doc = make_doc("Het Kaasmuseum in Edam en de Vogelstichting werken samen.")
    tag(doc, "Kaasmuseum", "LOC")
    tag(doc, "Vogelstichting", "ORG")
    entities = by_name(doc)
    assert [m.text for m in entities["Kaasmuseum"].mentions] == ["Het Kaasmuseum"]
    assert [m.text for m in entities["Vogelstichting"].mentions] == ["de Vogelstichting"]


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("De Amerikaanse fabrikant Caterpillar schrapt banen.", "Caterpillar", "USABUS"),
        ("Het Duitse chemiebedrijf BASF bouwt een fabriek.", "BASF", "DEUBUS"),
        ("Volgens de Chinese techreus Huawei klopt dat niet.", "Huawei", "CHNBUS"),
        ("Zij sprak met het Franse energiebedrijf TotalEnergies.", "TotalEnergies", "FRABUS"),
        ("Zorgbedrijf Kwetsbaar en de Duitse partij Linke zwijgen.", "Linke", None),
    ],
)
def test_a_company_described_by_nationality_gets_that_country(
    text: str, name: str, code: str | None
) -> None:
    doc = make_doc(text)
    tag(doc, name, "ORG")
    assert by_name(doc)[name].code == code


@pytest.mark.parametrize(
    "text",
    [
        "'Wij zijn tevreden', aldus Velthaar aan de radio. Velthaar vertrok daarna.",
        "Velthaar zou volgens de rechter de opdrachtgever zijn, al ontkent hij dat.",
        "Velthaar zei dinsdag dat het onderzoek loopt.",
        "Velthaar (46) staat terecht in Utrecht.",
    ],
)
def test_a_lone_person_word_with_a_person_cue_stays_a_person(text: str) -> None:
    doc = make_doc(text)
    tag(doc, "Velthaar", "PER")
    assert by_name(doc)["Velthaar"].type == "PER"


def test_a_lone_word_after_bij_or_via_still_becomes_an_organisation() -> None:
    doc = make_doc("Er werken 300 mensen bij Brandsmaat. De bond sprak via Kovrik met de top.")
    tag(doc, "Brandsmaat", "PER")
    tag(doc, "Kovrik", "PER")
    entities = by_name(doc)
    assert (entities["Brandsmaat"].type, entities["Kovrik"].type) == ("ORG", "ORG")


def test_a_tagger_organisation_that_is_a_named_persons_given_name_is_that_person() -> None:
    doc = make_doc("Merouan Dreskon scoorde twee keer. Merouan was de beste speler.")
    tag(doc, "Merouan Dreskon", "PER")
    tag(doc, "Merouan", "ORG", doc.text.index("Merouan was"))
    entities = by_name(doc)
    assert [m.text for m in entities["Merouan Dreskon"].mentions] == ["Merouan Dreskon", "Merouan"]
    assert "Merouan" not in entities


def test_an_organisation_in_a_persons_description_stays_an_organisation() -> None:
    text = (
        "Ursula von der Leyen, voorzitter van de Europese Commissie, kwam aan. "
        "Daarna vergaderde de Commissie urenlang."
    )
    doc = make_doc(text, "2024-06-20")
    tag(doc, "Commissie", "ORG", text.index("Commissie urenlang"))
    entities = by_name(doc)
    person = next(e for e in entities.values() if e.type == "PER")
    assert "Commissie" not in [m.text for m in person.mentions]
