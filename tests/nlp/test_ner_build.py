"""Building the NER word lists: CoNLL reading, language adjectives, word clusters."""

from __future__ import annotations

from kroniek.nlp.ner_build import language_words, read_conll, word_clusters
from kroniek.nlp.ner_features import FeatureExtractor, NerResources, document_features


def test_read_conll_splits_documents_and_sentences() -> None:
    lines = [
        "-DOCSTART- -DOCSTART- O",
        "Piet N B-PER",
        "lacht V O",
        "",
        "Hij Pron O",
        "",
        "-DOCSTART- -DOCSTART- O",
        "Gent N B-LOC",
    ]
    documents = read_conll(lines)
    assert len(documents) == 2
    assert [s.words for s in documents[0]] == [["Piet", "lacht"], ["Hij"]]
    assert documents[0][0].tags == ["B-PER", "O"]
    assert documents[1][0].tags == ["B-LOC"]


def test_language_words_have_adjective_forms() -> None:
    words = language_words()
    assert {"Frans", "Franse", "Duits", "Duitse", "Chinees", "Chinese"} <= words


def test_words_in_the_same_contexts_share_a_cluster() -> None:
    days = ["maandag", "dinsdag", "woensdag"]
    things = ["fiets", "auto", "boot"]
    sentences = []
    for _ in range(5):
        for day in days:
            sentences.append(["het", "gebeurde", "op", day, "avond"])
        for thing in things:
            sentences.append(["zij", "kocht", "een", "nieuwe", thing, "gisteren"])
    clusters = word_clusters(sentences)
    coarse = {word: ids[0] for word, ids in clusters.items()}
    assert coarse["maandag"] == coarse["dinsdag"] == coarse["woensdag"]
    assert coarse["fiets"] == coarse["auto"] == coarse["boot"]
    assert coarse["maandag"] != coarse["fiets"]


def test_gazetteer_marks_longest_match() -> None:
    resources = NerResources(
        gazetteer={("den", "haag"): frozenset({"LOC"}), ("den",): frozenset({"LASTNAME"})},
        gazetteer_first=frozenset({"den"}),
    )
    features = FeatureExtractor(resources).sentence(["Naar", "Den", "Haag", "."])
    assert "g=B-LOC" in features[1] and "g=I-LOC" in features[2]
    assert "g=B-LASTNAME" not in features[1]
    assert "+1:g=B-LOC" in features[0]


def test_document_features_vote_over_the_document() -> None:
    words = [["Peeters", "won"], ["Toen", "lachte", "Peeters"]]
    first_pass = [["B-PER", "O"], ["O", "O", "O"]]
    extra = document_features(words, first_pass)
    assert "dany=PER" in extra[1][2]
    assert "dmixed" in extra[1][2]
    assert "t0=O" in extra[1][2]
    assert extra[0][1] == ["t0=O", "t-1=B-PER", "t+1=EOS"]
