"""Quote attribution on top of the real actor resolver (``kroniek.resolve.actors``).

The expected speakers are looked up in the resolver's own output (the entity that holds a given
mention), so these tests check the hand-off between the two stages, not the actor dictionary.
"""

from __future__ import annotations

from kroniek.extract.quotes import extract
from kroniek.models import Article, Doc, Quote
from kroniek.nlp import tokenize
from kroniek.resolve.actors import resolve

TEXT = "\n".join(
    [
        "De Russische president Vladimir Poetin heeft dinsdag laten weten dat Rusland de "
        "gesprekken wil hervatten.",
        "„We zijn altijd bereid om te praten”, zei Poetin in Moskou.",
        "Volgens Kremlin-woordvoerder Dmitri Peskov is er nog geen datum vastgelegd.",
        "„De contacten lopen”, aldus een woordvoerder van de federale politie.",
        "De NAVO reageerde afwachtend. Het bondgenootschap wacht op concrete voorstellen, "
        "luidt het.",
    ]
)


def _analysed() -> tuple[Doc, list[Quote]]:
    paragraphs = []
    offset = 0
    for line in TEXT.split("\n"):
        paragraphs.append((offset, offset + len(line)))
        offset += len(line) + 1
    article = Article(
        id="r", text=TEXT, source_file="r.txt", paragraphs=paragraphs, published="2021-03-10"
    )
    doc = Doc(article=article, sentences=tokenize.split(TEXT, paragraphs))
    doc.entities = resolve(doc)
    return doc, extract(doc)


def _entity_with(doc: Doc, surface: str) -> str | None:
    start = TEXT.index(surface)
    entity = doc.entity_at(start, start + len(surface))
    return entity.id if entity is not None else None


def _quote_with(found: list[Quote], words: str) -> Quote:
    matching = [q for q in found if words in q.text]
    assert len(matching) == 1, found
    return matching[0]


def test_offsets_are_exact_on_resolved_documents() -> None:
    doc, found = _analysed()
    assert found
    for quote in found:
        assert quote.text == doc.text[quote.start : quote.end]


def test_resolved_person_speaks_the_indirect_and_direct_quote() -> None:
    doc, found = _analysed()
    putin = _entity_with(doc, "Vladimir Poetin")
    assert putin is not None
    reported = _quote_with(found, "de gesprekken wil hervatten")
    said = _quote_with(found, "altijd bereid om te praten")
    assert reported.kind == "indirect" and said.kind == "direct"
    assert reported.speaker is not None and reported.speaker.entity == putin
    assert said.speaker is not None and said.speaker.entity == putin


def test_volgens_a_role_and_name_gives_the_person() -> None:
    doc, found = _analysed()
    quote = _quote_with(found, "nog geen datum vastgelegd")
    assert quote.text == "is er nog geen datum vastgelegd"
    assert quote.speaker is not None
    assert quote.speaker.entity == _entity_with(doc, "Dmitri Peskov")


def test_description_takes_the_code_of_the_resolved_organisation() -> None:
    doc, found = _analysed()
    quote = _quote_with(found, "De contacten lopen")
    police = next(e for e in doc.entities if e.id == _entity_with(doc, "federale politie"))
    assert quote.speaker is not None
    assert quote.speaker.name == "een woordvoerder van de federale politie"
    assert quote.speaker.code == police.code


def test_luidt_het_refers_to_the_source_named_in_the_previous_sentence() -> None:
    doc, found = _analysed()
    quote = _quote_with(found, "wacht op concrete voorstellen")
    assert quote.cue == "luidt het"
    assert quote.speaker is not None and quote.speaker.entity == _entity_with(doc, "NAVO")


def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    article = Article(id="n", text=text, source_file="n.txt", published="2024-06-18")
    doc = Doc(article=article, sentences=tokenize.split(text))
    doc.entities = resolve(doc)
    return [(q.speaker.code, q.speaker.name) if q.speaker else (None, None) for q in extract(doc)]


def test_a_description_with_a_nationality_takes_its_country_and_institution() -> None:
    spokesman = "een woordvoerder van het Chinese ministerie van Buitenlandse Zaken"
    found = _speakers(f"„Wij verdedigen onze wateren”, zei {spokesman}.")
    assert found == [("CHNGOV", spokesman)]
    police = _speakers("„We grijpen in”, aldus een woordvoerder van de Israëlische politie.")
    assert [code for code, _name in police] == ["ISRCOP"]
    minister = _speakers("„Dit is onaanvaardbaar”, zei de Franse minister.")
    assert [code for code, _name in minister] == ["FRAGOV"]
    assert [code for code, _ in _speakers("„Geen commentaar”, zei een woordvoerder.")] == [None]
