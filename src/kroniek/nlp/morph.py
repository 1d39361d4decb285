"""Part-of-speech tags (UD UPOS) and lemmas for Dutch tokens.

POS comes from a small CRF trained on the UD Dutch treebanks (``scripts/train_pos.py``); lemmas
come from simplemma's Dutch dictionary, with names, numbers and punctuation kept as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from kroniek.models import Doc
from kroniek.nlp.ner_features import (
    CLUSTER_FILE,
    MAX_CACHED_WORDS,
    frequencies,
    frequency_bucket,
    parse_clusters,
    short_shape,
)
from kroniek.resources import data_path, read_lines

POS_MODEL = "nlp/pos.crfsuite"
POS_WINDOW = 2  # neighbouring words seen on each side
POS_SUFFIXES = (1, 2, 3, 4)
KEEP_FORM_POS = frozenset({"PROPN", "PUNCT", "SYM", "NUM", "X"})
LANGUAGE = "nl"
LEMMA_SUFFIX = 2  # last letters of the dictionary lemma used as a POS feature ("en" of a verb)
ACRONYM_CHARS = (2, 5)  # shortest and longest all-capital word read as an acronym
FUNCTION_POS = frozenset({"ADP", "DET", "PRON", "CCONJ", "SCONJ", "AUX", "PART"})
NAME_STAND_IN = "Jansen"  # a name the tagger knows as a proper noun, for a misread acronym


class SequenceTagger(Protocol):
    def tag(self, xseq: list[list[str]]) -> list[str]: ...


class PosFeatures:
    """Word and context features for the POS CRF, cached per word form."""

    def __init__(self, clusters: dict[str, tuple[str, ...]], frequency: dict[str, float]) -> None:
        self.clusters = clusters
        self.frequency = frequency
        self._cache: dict[str, tuple[str, ...]] = {}

    def word(self, word: str) -> tuple[str, ...]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        lower = word.lower()
        feats = [
            "l=" + lower,
            "ssh=" + short_shape(word),
            "zf=" + frequency_bucket(self.frequency, lower),
            *(f"s{n}={lower[-n:]}" for n in POS_SUFFIXES if len(lower) >= n),
            *(f"p{n}={lower[:n]}" for n in (1, 2) if len(lower) >= n),
            *(f"c{n}={cid}" for n, cid in enumerate(self.clusters.get(lower, ()))),
        ]
        if word[:1].isupper():
            feats.append("title")
        if "-" in word:
            feats.append("hyphen")
        feats += _lemma_features(lower)
        cached = tuple(feats)
        if len(self._cache) >= MAX_CACHED_WORDS:
            self._cache.clear()  # keeps a long-running worker's memory bounded
        self._cache[word] = cached
        return cached

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        lowers = [word.lower() for word in words]
        count = len(words)
        out: list[list[str]] = []
        for i, word in enumerate(words):
            feats = ["bias", *self.word(word)]
            if i == 0:
                feats.append("BOS")
            if i == count - 1:
                feats.append("EOS")
            for offset in range(-POS_WINDOW, POS_WINDOW + 1):
                j = i + offset
                if offset and 0 <= j < count:
                    feats.append(f"{offset:+d}:l={lowers[j]}")
                    if abs(offset) == 1:
                        feats.append(f"{offset:+d}:s3={lowers[j][-3:]}")
                        clusters = self.clusters.get(lowers[j], ())
                        feats += [f"{offset:+d}:c{n}={cid}" for n, cid in enumerate(clusters)]
            out.append(feats)
        return out


def _lemma_features(lower: str) -> list[str]:
    """What the dictionary lemma says about inflection: "geraakt" -> "raken" hints at a verb."""
    import simplemma

    base = str(simplemma.lemmatize(lower, lang=LANGUAGE)).lower()
    if base == lower:
        return ["lem=same"]
    return [
        "lem=" + base[-LEMMA_SUFFIX:],
        "lemdiff=" + lower[len(_common_prefix(base, lower)) :][:4],
    ]


def _common_prefix(first: str, second: str) -> str:
    length = 0
    while length < min(len(first), len(second)) and first[length] == second[length]:
        length += 1
    return first[:length]


@lru_cache(maxsize=1)
def pos_features() -> PosFeatures:
    return PosFeatures(parse_clusters(read_lines(CLUSTER_FILE)), frequencies())


@lru_cache(maxsize=1)
def _pos_tagger() -> SequenceTagger:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(data_path(POS_MODEL)))
    return tagger


def _acronym(word: str) -> bool:
    return ACRONYM_CHARS[0] <= len(word) <= ACRONYM_CHARS[1] and word.isalpha() and word.isupper()


def tag_pos(words: Sequence[str]) -> list[str]:
    """UPOS tags for one tokenised sentence.

    An acronym that spells a function word ("het OM", the public prosecutor; "om" is a
    preposition) can be tagged as that word, which derails its neighbours ("eist" a noun). Such a
    sentence is tagged again with a plain name standing in for the acronym, which is then a
    proper noun."""
    if not words:
        return []
    tagger, features = _pos_tagger(), pos_features()
    tags = tagger.tag(features.sentence(words))
    misread = [
        i for i, (word, tag) in enumerate(zip(words, tags, strict=True))
        if tag in FUNCTION_POS and _acronym(word)
    ]  # fmt: skip
    if not misread or all(word.isupper() for word in words if word.isalpha()):
        return tags  # nothing misread, or a headline in capitals
    stand_in = [NAME_STAND_IN if i in misread else word for i, word in enumerate(words)]
    tags = tagger.tag(features.sentence(stand_in))
    return ["PROPN" if i in misread else tag for i, tag in enumerate(tags)]


@lru_cache(maxsize=MAX_CACHED_WORDS)
def lemma(word: str, pos: str) -> str:
    """Dictionary lemma of ``word``; names, numbers and punctuation are their own lemma."""
    if pos in KEEP_FORM_POS:
        return word
    import simplemma

    return str(simplemma.lemmatize(word.lower(), lang=LANGUAGE))


def annotate(doc: Doc) -> None:
    """Fill ``pos`` and ``lemma`` of every token in ``doc.sentences`` (in place)."""
    for sentence in doc.sentences:
        tags = tag_pos([token.text for token in sentence.tokens])
        for token, tag in zip(sentence.tokens, tags, strict=True):
            token.pos = tag
            token.lemma = lemma(token.text, tag)
