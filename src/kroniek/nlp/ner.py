"""Dutch named-entity tagging with a two-pass CRF trained on CoNLL-2002 (see data/nlp/README.md).

The first pass tags every sentence from word and context features; the second pass sees the first
pass's tags for the whole document, so a name recognised once is recognised again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Protocol

from kroniek.models import Doc, NamedSpan, Token
from kroniek.nlp.ner_features import (
    ENTITY_TYPES,
    FeatureExtractor,
    Marginals,
    load_resources,
)
from kroniek.resources import data_path

FIRST_PASS_MODEL = "nlp/ner1.crfsuite"
SECOND_PASS_MODEL = "nlp/ner2.crfsuite"
DOCSTART = "-DOCSTART-"
SPAN_BREAKING_POS = frozenset({"VERB", "AUX"})  # UD tags of words no name holds in lowercase


class SequenceTagger(Protocol):
    def tag(self, xseq: list[list[str]]) -> list[str]: ...

    def marginal(self, y: str, pos: int) -> float: ...

    def labels(self) -> list[str]: ...


@lru_cache(maxsize=1)
def _extractor() -> FeatureExtractor:
    return FeatureExtractor(load_resources())


@lru_cache(maxsize=4)
def _tagger(relative: str) -> SequenceTagger:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(data_path(relative)))
    return tagger


class Extractor(Protocol):
    def sentence(self, words: Sequence[str]) -> list[list[str]]: ...

    def document(
        self,
        doc_words: Sequence[Sequence[str]],
        first_pass: Sequence[Sequence[str]],
        marginals: Marginals | None,
    ) -> list[list[list[str]]]: ...


def tag_document(
    sentences: Sequence[Sequence[str]],
    extractor: Extractor,
    first: SequenceTagger,
    second: SequenceTagger | None,
) -> list[list[str]]:
    """BIO tags for the sentences of one document, with the given feature extractor and models."""
    features = [extractor.sentence(words) for words in sentences]
    if second is None:
        return [first.tag(feats) if feats else [] for feats in features]
    first_tags, marginals = first_pass(sentences, features, first)
    extra = extractor.document(sentences, first_tags, marginals)
    return [
        second.tag([base + more for base, more in zip(feats, doc_feats, strict=True)])
        if feats
        else []
        for feats, doc_feats in zip(features, extra, strict=True)
    ]


def first_pass(
    sentences: Sequence[Sequence[str]], features: list[list[list[str]]], tagger: SequenceTagger
) -> tuple[list[list[str]], Marginals]:
    """First-pass tags, and the probability of each entity type for every capitalised token."""
    labels = [label for label in tagger.labels() if label != "O"]
    tags: list[list[str]] = []
    marginals: list[list[tuple[float, ...] | None]] = []
    for words, feats in zip(sentences, features, strict=True):
        tags.append(tagger.tag(feats) if feats else [])
        row: list[tuple[float, ...] | None] = []
        for position, word in enumerate(words):
            if not word[:1].isupper():
                row.append(None)
                continue
            mass = dict.fromkeys(ENTITY_TYPES, 0.0)
            for label in labels:
                mass[label[2:]] += tagger.marginal(label, position)
            row.append(tuple(mass[kind] for kind in ENTITY_TYPES))
        marginals.append(row)
    return tags, marginals


def tag_sentences(sentences: list[list[str]]) -> list[list[str]]:
    """BIO tags (B-PER, I-ORG, O, ...) for tokenised sentences, taken together as one document."""
    return tag_document(
        sentences, _extractor(), _tagger(FIRST_PASS_MODEL), _tagger(SECOND_PASS_MODEL)
    )


def spans_from_tags(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, first token, end token) of each entity; a stray I- tag opens an entity."""
    found: list[tuple[str, int, int]] = []
    kind: str | None = None
    begin = 0
    for index, tag in enumerate([*tags, "O"]):
        continues = tag.startswith("I-") and tag[2:] == kind
        if kind is not None and not continues:
            found.append((kind, begin, index))
            kind = None
        if tag != "O" and not continues:
            kind, begin = tag[2:], index
    return found


def cut_at_verbs(tags: Sequence[str], tokens: Sequence[Token]) -> list[str]:
    """``tags`` with every entity cut at a lowercase verb inside it.

    Names hold lowercase particles ("Raad van State", "Ronde van Frankrijk") but no verbs: when
    the tagger runs "Rusland beschuldigt Damascus" together, the verb is left out and the words
    either side become entities of their own (of the same type; the resolvers judge them)."""
    cut = list(tags)
    for kind, first, end in spans_from_tags(tags):
        for index in range(first, end):
            token = tokens[index]
            if token.pos in SPAN_BREAKING_POS and token.text[:1].islower():
                cut[index] = "O"
                if index + 1 < end:
                    cut[index + 1] = f"B-{kind}"
    return cut


def tag_doc(doc: Doc) -> list[NamedSpan]:
    """Named-entity spans over ``doc.sentences`` with character offsets into ``doc.text``
    (cut at verbs the tagger ran into a name, when the tokens have part-of-speech tags)."""
    words = [[token.text for token in sentence.tokens] for sentence in doc.sentences]
    spans: list[NamedSpan] = []
    for number, (sentence, tagged) in enumerate(
        zip(doc.sentences, tag_sentences(words), strict=True)
    ):
        tags = cut_at_verbs(tagged, sentence.tokens)
        for kind, first, end in spans_from_tags(tags):
            start, stop = sentence.tokens[first].start, sentence.tokens[end - 1].end
            spans.append(NamedSpan(kind, start, stop, doc.text[start:stop], number))
    return spans


def tag_conll(lines: Iterable[str]) -> Iterator[str]:
    """``token tag`` lines for CoNLL input (token in the first column), in input order.

    Sentences are separated by blank lines; ``-DOCSTART-`` lines start a new document, are echoed
    with tag ``O`` and give the second pass its document boundaries.
    """
    document: list[list[str]] = []
    sentence: list[str] = []
    for raw in lines:
        parts = raw.split()
        if parts and parts[0] != DOCSTART:
            sentence.append(parts[0])
            continue
        if sentence:
            document.append(sentence)
            sentence = []
        if parts:  # -DOCSTART-
            yield from _emit(document)
            document = []
            yield f"{DOCSTART} O"
    if sentence:
        document.append(sentence)
    yield from _emit(document)


def _emit(document: list[list[str]]) -> Iterator[str]:
    if not document:
        return
    for words, tags in zip(document, tag_sentences(document), strict=True):
        for word, tag in zip(words, tags, strict=True):
            yield f"{word} {tag}"
        yield ""
