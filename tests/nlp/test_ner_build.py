"""Building the NER word lists: CoNLL reading, language adjectives, word clusters."""

from __future__ import annotations

from kroniek.nlp.ner import first_pass
from kroniek.nlp.ner_build import (
    actor_names,
    language_words,
    project_place_names,
    read_conll,
    word_clusters,
)
from kroniek.nlp.ner_features import (
    FeatureExtractor,
    NerResources,
    document_features,
    span_roles,
)


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


def test_project_gazetteers_add_small_towns_and_organisations() -> None:
    places = project_place_names()
    assert {"Kapellen", "Poperinge", "Brussel"} <= places
    assert "Vries" not in places  # a village in GeoNames, but mostly the surname (de Vries)
    assert all(name[:1].isupper() for name in places)
    actors = actor_names()
    assert "NAVO" in actors["ORG"]
    assert "ministerie van Justitie" not in actors["ORG"]  # lower-case phrases are left out
    assert "Poetin" in actors["PER"]


def test_document_features_collect_words_before_other_mentions() -> None:
    words = [["het", "bedrijf", "Tectra", "groeit"], ["Tectra", "won"], ["bij", "Tectra"]]
    first = [["O", "O", "B-PER", "O"], ["B-PER", "O"], ["O", "B-ORG"]]
    extra = document_features(words, first)
    assert "dbw=bedrijf" in extra[1][0] and "dbw=bij" in extra[1][0]
    assert not any(feat.startswith("dbw=") for feat in extra[0][1])  # lower-case words: none
    assert not any(feat.startswith("dp") for feat in extra[1][0])  # no marginals given


def test_span_roles_place_each_token_in_its_entity() -> None:
    tags = ["B-PER", "I-PER", "O", "B-ORG", "I-PER", "I-PER", "I-PER", "B-LOC", "B-LOC", "I-LOC"]
    assert span_roles(tags) == [
        "PER:head",
        "PER:tail",
        None,
        "ORG:alone",
        "PER:head",  # a stray I- tag of another type opens an entity
        "PER:mid",
        "PER:tail",
        "LOC:alone",
        "LOC:head",
        "LOC:tail",
    ]
    assert span_roles([]) == []


def test_document_features_tell_full_names_from_lone_words() -> None:
    words = [
        ["Jan", "Peeters", "lacht"],
        ["Peeters", "en", "Tectra", "tekenen"],
        ["Tectra", "groeit"],
    ]
    first = [["B-PER", "I-PER", "O"], ["B-PER", "O", "B-PER", "O"], ["B-PER", "O"]]
    extra = document_features(words, first)
    peeters, tectra = set(extra[1][0]), set(extra[1][2])
    assert {"dsp=PER:alone", "dsp=PER:tail"} <= peeters  # written out in full once
    assert "dsp=PER:alone" in tectra and "dsp=PER:tail" not in tectra
    assert {"dwa=lacht", "dwa=en"} <= peeters
    assert {"dwa=tekenen", "dwa=groeit"} <= set(extra[2][0])
    assert not any(feat.startswith(("dsp=", "dwa=")) for feat in extra[0][2])  # lower case


def test_document_features_average_first_pass_probabilities() -> None:
    words = [["Gent", "wint"], ["in", "Gent"]]
    first = [["B-ORG", "O"], ["O", "B-LOC"]]
    marginals = [[(0.0, 0.875, 0.125, 0.0), None], [None, (0.0, 0.375, 0.625, 0.0)]]
    extra = document_features(words, first, marginals)
    for feats in (extra[0][0], extra[1][1]):  # ORG 0.625 -> bin 3, LOC 0.375 -> bin 1
        assert {"dpPER=0", "dpORG=3", "dpLOC=1", "dpMISC=0", "dany=ORG", "dany=LOC"} <= set(feats)


class FakeTagger:
    """Stands in for a crfsuite tagger: fixed tags and marginals."""

    def __init__(self, marginals: dict[tuple[str, int], float]) -> None:
        self.marginals = marginals

    def labels(self) -> list[str]:
        return ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]

    def tag(self, xseq: list[list[str]]) -> list[str]:
        return ["O"] * len(xseq)

    def marginal(self, y: str, pos: int) -> float:
        return self.marginals.get((y, pos), 0.0)


def test_first_pass_sums_marginals_per_type_for_capitalised_words() -> None:
    tagger = FakeTagger({("B-PER", 0): 0.5, ("I-PER", 1): 0.25, ("I-ORG", 1): 0.5})
    words = [["Jan", "Smit", "zingt"]]
    tags, marginals = first_pass(words, [[["bias"]] * 3], tagger)
    assert tags == [["O", "O", "O"]]
    assert marginals[0][0] == (0.5, 0.0, 0.0, 0.0)
    assert marginals[0][1] == (0.25, 0.5, 0.0, 0.0)
    assert marginals[0][2] is None  # lower-case: not scored
