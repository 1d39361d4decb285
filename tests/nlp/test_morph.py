"""POS tags and lemmas on Dutch sentences written for these tests."""

from __future__ import annotations

from kroniek.models import Article, Doc
from kroniek.nlp.morph import annotate, lemma, tag_pos
from kroniek.nlp.tokenize import split


def annotated(text: str) -> Doc:
    doc = Doc(article=Article(id="m1", text=text, source_file="test"))
    doc.sentences = split(text)
    annotate(doc)
    return doc


def test_annotate_fills_pos_and_lemma() -> None:
    doc = annotated("De burgemeester opende gisteren twee nieuwe bruggen in Utrecht.")
    tokens = {token.text: token for token in doc.sentences[0].tokens}
    assert tokens["De"].pos == "DET"
    assert tokens["burgemeester"].pos == "NOUN"
    assert tokens["opende"].pos == "VERB"
    assert tokens["opende"].lemma == "openen"
    assert tokens["bruggen"].lemma == "brug"
    assert tokens["nieuwe"].pos == "ADJ"
    assert tokens["twee"].pos == "NUM"
    assert tokens["Utrecht"].pos == "PROPN"
    assert tokens["Utrecht"].lemma == "Utrecht"
    assert tokens["."].pos == "PUNCT"


def test_auxiliary_and_pronoun() -> None:
    tags = tag_pos(["Hij", "kan", "niet", "zwemmen", "."])
    assert tags == ["PRON", "AUX", "ADV", "VERB", "PUNCT"]
    tags = tag_pos(["Het", "werd", "door", "de", "politie", "onderzocht", "."])
    assert tags[1] == "AUX"
    assert tags[2] == "ADP"
    assert tags[5] == "VERB"


def test_lemma_keeps_names_and_numbers() -> None:
    assert lemma("Rutte", "PROPN") == "Rutte"
    assert lemma("1.500", "NUM") == "1.500"
    assert lemma("liepen", "VERB") == "lopen"


def test_empty_sentence() -> None:
    assert tag_pos([]) == []


def test_an_acronym_that_spells_a_function_word_is_a_proper_noun() -> None:
    words = ["Het", "OM", "eist", "vijf", "jaar", "cel", "."]
    tags = tag_pos(words)
    assert tags[1] == "PROPN" and tags[2] == "VERB"  # not "om" (ADP) and a noun "eist"


def test_a_headline_in_capitals_is_tagged_as_it_stands() -> None:
    from kroniek.nlp.morph import _pos_tagger, pos_features

    words = ["DE", "POLITIE", "GRIJPT", "IN"]
    assert tag_pos(words) == _pos_tagger().tag(pos_features().sentence(words))
