"""Named-entity tagging: the shipped CRF on Dutch sentences written for these tests."""

from __future__ import annotations

from kroniek.models import Article, Doc, Token
from kroniek.nlp.ner import (
    cut_at_verbs,
    spans_from_tags,
    tag_conll,
    tag_doc,
    tag_sentences,
)
from kroniek.nlp.tokenize import split

NEWS = (
    "Premier Mark Rutte sprak dinsdag in Brussel met Ursula von der Leyen over de oorlog in "
    "Oekraïne. Volgens Rutte moet de Europese Unie meer doen. Ook minister Hanke Bruins Slot "
    "was aanwezig. Philips en Shell reageerden niet op vragen van de NOS."
)


def make_doc(text: str) -> Doc:
    doc = Doc(article=Article(id="t1", text=text, source_file="test"))
    doc.sentences = split(text)
    return doc


def labelled(doc: Doc) -> dict[str, str]:
    return {span.text: span.label for span in tag_doc(doc)}


def test_spans_from_tags_reads_bio() -> None:
    tags = ["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG", "I-MISC"]
    assert spans_from_tags(tags) == [
        ("PER", 0, 2),
        ("LOC", 3, 4),
        ("ORG", 4, 5),
        ("ORG", 5, 6),
        ("MISC", 6, 7),
    ]


def tokens(tagged: str) -> list[Token]:
    """Tokens from "word/POS" pairs (offsets do not matter here)."""
    return [Token(word, 0, 0, pos=pos) for word, pos in (pair.split("/") for pair in tagged.split())]


def test_a_name_is_cut_at_a_verb_inside_it() -> None:
    words = tokens("Rusland/PROPN beschuldigt/VERB Damascus/PROPN van/ADP sabotage/NOUN ./PUNCT")
    tags = ["B-MISC", "I-MISC", "I-MISC", "O", "O", "O"]
    assert cut_at_verbs(tags, words) == ["B-MISC", "O", "B-MISC", "O", "O", "O"]
    ending = ["B-ORG", "I-ORG", "O", "O", "O", "O"]  # "Rusland beschuldigt" as one name
    assert cut_at_verbs(ending, words) == ["B-ORG", "O", "O", "O", "O", "O"]


def test_particles_and_capitalised_verbs_stay_inside_names() -> None:
    words = tokens("De/DET Raad/PROPN van/ADP State/PROPN oordeelde/VERB ./PUNCT")
    tags = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O"]
    assert cut_at_verbs(tags, words) == tags
    title = tokens("Wordt/AUX Vervolgd/VERB verschijnt/VERB ./PUNCT")  # a title: capitals
    assert cut_at_verbs(["B-MISC", "I-MISC", "O", "O"], title) == ["B-MISC", "I-MISC", "O", "O"]
    untagged = [Token(t.text, 0, 0) for t in tokens("Rusland/X beschuldigt/X Damascus/X")]
    assert cut_at_verbs(["B-MISC", "I-MISC", "I-MISC"], untagged) == ["B-MISC", "I-MISC", "I-MISC"]


def test_tag_sentences_finds_people_and_places() -> None:
    words = ["Gisteren", "bezocht", "Jan", "Peeters", "de", "stad", "Antwerpen", "."]
    tags = tag_sentences([words])[0]
    assert len(tags) == len(words)
    assert tags[2:4] == ["B-PER", "I-PER"]
    assert tags[6] == "B-LOC"
    assert tags[0] == "O" and tags[-1] == "O"


def test_tag_doc_on_modern_news() -> None:
    doc = make_doc(NEWS)
    names = labelled(doc)
    assert names.get("Mark Rutte") == "PER"
    assert names.get("Brussel") == "LOC"
    assert names.get("Oekraïne") == "LOC"
    assert names.get("Rutte") == "PER"  # the short form, recognised again in the document
    assert names.get("Europese Unie") in ("ORG", "LOC")
    for span in tag_doc(doc):
        assert doc.text[span.start : span.end] == span.text
        sentence = doc.sentences[span.sentence]
        assert sentence.start <= span.start < span.end <= sentence.end


def test_tag_doc_without_sentences_is_empty() -> None:
    assert tag_doc(Doc(article=Article(id="t2", text="", source_file="test"))) == []


def test_tag_conll_keeps_input_order_and_documents() -> None:
    lines = [
        "-DOCSTART- -DOCSTART- O",
        "Koning X O",
        "Filip X O",
        "reisde X O",
        "naar X O",
        "Japan X O",
        "",
        "Hij X O",
        "bleef X O",
        "",
        "-DOCSTART- -DOCSTART- O",
        "Gent X O",
        "",
    ]
    out = list(tag_conll(f"{line}\n" for line in lines))
    tokens = [line.split()[0] if line else "" for line in out]
    assert tokens == [
        "-DOCSTART-",
        "Koning",
        "Filip",
        "reisde",
        "naar",
        "Japan",
        "",
        "Hij",
        "bleef",
        "",
        "-DOCSTART-",
        "Gent",
        "",
    ]
    tags = dict(line.split() for line in out if line and not line.startswith("-DOCSTART-"))
    assert tags["Filip"].endswith("-PER")
    assert tags["Japan"] == "B-LOC"
    assert tags["bleef"] == "O"


def test_tag_conll_without_final_blank_line() -> None:
    out = list(tag_conll(["Amsterdam\n", "ligt\n", "aan\n", "het\n", "IJ"]))
    assert [line.split()[0] for line in out if line] == ["Amsterdam", "ligt", "aan", "het", "IJ"]
    assert out[0] == "Amsterdam B-LOC"
    assert out[-1] == ""


def test_surname_with_particle_is_one_person_not_a_village() -> None:
    words = ["Journaliste", "Karin", "de", "Vries", "schreef", "een", "boek", "over", "Gent", "."]
    tags = tag_sentences([words])[0]
    assert spans_from_tags(tags) == [("PER", 1, 4), ("LOC", 8, 9)]


def test_company_named_after_a_cue_word_is_an_organisation() -> None:
    words = ["Het", "bedrijf", "Optivex", "groeit", "snel", "."]
    assert tag_sentences([words])[0][2] == "B-ORG"
