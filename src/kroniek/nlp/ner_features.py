"""Feature extraction for the CRF named-entity tagger, shared by training and tagging.

Two passes (stacked CRF, as in Krishnan & Manning 2006): the first pass sees token and context
features only; the second pass adds what the first pass decided, for this token, its neighbours and
for the same word form elsewhere in the document. A name is often written out in full once and
shortened later ("Jan Peeters ... Peeters"), and the long form is easier to recognise.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kroniek.resources import read_lines

CONTEXT_WINDOW = 2  # neighbouring words seen on each side
AFFIX_LENGTHS = (1, 2, 3, 4)
MAX_GAZETTEER_WORDS = 6  # longest gazetteer phrase, in tokens
SHAPE_MAX = 6  # a word shape is cut off after this many characters
MAX_CACHED_WORDS = 50_000  # word forms whose features are kept between calls (memory bound)
ZIPF_OFFSET = 9  # Zipf scale: log10 of occurrences per billion words
ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")
PROBABILITY_BINS = 5  # first-pass type probabilities are binned to fifths

GAZETTEER_FILE = "nlp/ner_gazetteer.tsv"
CLUSTER_FILE = "nlp/word_clusters.tsv"

_DIGIT_RE = re.compile(r"\d")

Marginals = Sequence[Sequence[tuple[float, ...] | None]]  # per sentence, per token, ENTITY_TYPES


@dataclass(slots=True)
class NerResources:
    """Word lists the features consult; empty ones switch the matching features off."""

    gazetteer: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    gazetteer_first: frozenset[str] = frozenset()
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    frequency: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class WordInfo:
    """Context-free facts about one word form, computed once per form."""

    lower: str
    short_shape: str
    clusters: tuple[str, ...]
    features: tuple[str, ...]
    capitalised: bool
    frequency: str


def word_shape(word: str) -> str:
    """Character classes: ``Peeters`` -> ``Xxxxxx``, cut at SHAPE_MAX characters."""
    out = []
    for char in word[:SHAPE_MAX]:
        if char.isupper():
            out.append("X")
        elif char.islower():
            out.append("x")
        elif char.isdigit():
            out.append("d")
        else:
            out.append(char)
    return "".join(out)


def short_shape(word: str) -> str:
    """Word shape with repeats collapsed: ``Peeters`` -> ``Xx``, ``1.500`` -> ``d.d``."""
    out: list[str] = []
    for char in word_shape(word if len(word) <= SHAPE_MAX else word[:SHAPE_MAX]):
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


def _is_punctuation(word: str) -> bool:
    return all(unicodedata.category(char).startswith("P") for char in word)


def frequency_bucket(frequency: dict[str, float], lower: str) -> str:
    """Zipf frequency of the lower-cased word rounded down (0 = unknown)."""
    return str(int(frequency.get(lower, 0.0)))


def _word_info(word: str, res: NerResources) -> WordInfo:
    lower = word.lower()
    clusters = res.clusters.get(lower, ())
    frequency = frequency_bucket(res.frequency, lower)
    feats = [
        "w=" + word,
        "l=" + lower,
        "sh=" + word_shape(word),
        "ssh=" + short_shape(word),
        "zf=" + frequency,
        "len=" + str(min(len(word), 10)),
    ]
    feats += [f"p{n}={lower[:n]}" for n in AFFIX_LENGTHS if len(lower) >= n]
    feats += [f"s{n}={lower[-n:]}" for n in AFFIX_LENGTHS if len(lower) >= n]
    feats += [f"c{n}={cid}" for n, cid in enumerate(clusters)]
    capitalised = word[:1].isupper()
    if capitalised:
        feats.append("title")
    if word.isupper() and len(word) > 1:
        feats.append("upper")
    if _DIGIT_RE.search(word):
        feats.append("digit")
    if "-" in word:
        feats.append("hyphen")
        head = word.rsplit("-", 1)[-1].lower()
        feats.append("hyphead=" + head)
    if _is_punctuation(word):
        feats.append("punct")
    if word[:1] in "'’" and len(word) > 1:
        feats.append("apos")
    if any(char.isupper() for char in word[1:]) and word[:1].isupper():
        feats.append("innercap")
    return WordInfo(lower, short_shape(word), clusters, tuple(feats), capitalised, frequency)


def gazetteer_tags(lowers: Sequence[str], res: NerResources) -> list[list[str]]:
    """BIO gazetteer marks per token for every longest phrase match (``B-LOC``, ``I-PER``...)."""
    marks: list[list[str]] = [[] for _ in lowers]
    if not res.gazetteer:
        return marks
    count = len(lowers)
    for start in range(count):
        if lowers[start] not in res.gazetteer_first:
            continue
        for length in range(min(MAX_GAZETTEER_WORDS, count - start), 0, -1):
            labels = res.gazetteer.get(tuple(lowers[start : start + length]))
            if labels:
                for label in labels:
                    marks[start].append("B-" + label)
                    for inside in range(start + 1, start + length):
                        marks[inside].append("I-" + label)
                break
    return marks


class FeatureExtractor:
    """Turns token sequences into crfsuite feature lists, caching per word form."""

    def __init__(self, res: NerResources) -> None:
        self.res = res
        self._cache: dict[str, WordInfo] = {}

    def info(self, word: str) -> WordInfo:
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) >= MAX_CACHED_WORDS:
                self._cache.clear()  # keeps a long-running worker's memory bounded
            cached = _word_info(word, self.res)
            self._cache[word] = cached
        return cached

    def document(
        self,
        doc_words: Sequence[Sequence[str]],
        first_pass: Sequence[Sequence[str]],
        marginals: Marginals | None,
    ) -> list[list[list[str]]]:
        """Second-pass features added to the first-pass ones (see ``document_features``)."""
        return document_features(doc_words, first_pass, marginals)

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """First-pass features for one sentence."""
        infos = [self.info(word) for word in words]
        gaz = gazetteer_tags([info.lower for info in infos], self.res)
        count = len(words)
        out: list[list[str]] = []
        for i, info in enumerate(infos):
            feats = ["bias", *info.features]
            feats += ["g=" + mark for mark in gaz[i]]
            if i == 0:
                feats.append("BOS")
                if info.capitalised:
                    feats.append("first_title")
            if i == count - 1:
                feats.append("EOS")
            for offset in range(-CONTEXT_WINDOW, CONTEXT_WINDOW + 1):
                j = i + offset
                if offset == 0 or not 0 <= j < count:
                    continue
                other = infos[j]
                feats.append(f"{offset:+d}:l={other.lower}")
                feats.append(f"{offset:+d}:ssh={other.short_shape}")
                if abs(offset) == 1:
                    feats += [f"{offset:+d}:c{n}={cid}" for n, cid in enumerate(other.clusters)]
                    feats += [f"{offset:+d}:g={mark}" for mark in gaz[j]]
                    feats.append(f"{offset:+d}:s3={other.lower[-3:]}")
            if i > 0:
                feats.append(f"-1|0={infos[i - 1].lower}|{info.lower}")
            if i < count - 1:
                feats.append(f"0|+1={info.lower}|{infos[i + 1].lower}")
            out.append(feats)
        return out


def _entity_type(tag: str) -> str:
    return tag[2:] if tag != "O" else "O"


def _bin(probability: float) -> int:
    return min(int(probability * PROBABILITY_BINS), PROBABILITY_BINS - 1)


@dataclass(slots=True)
class _WordVotes:
    """What the first pass said about one capitalised word form across a document."""

    tags: Counter[str] = field(default_factory=Counter)
    probability: list[float] = field(default_factory=lambda: [0.0] * len(ENTITY_TYPES))
    scored: int = 0
    before: set[str] = field(default_factory=set)  # lower-case words right before it
    after: set[str] = field(default_factory=set)  # lower-case words right after it
    roles: set[str] = field(default_factory=set)  # TYPE:role in first-pass entities (span_roles)


def _plain_word(word: str) -> bool:
    return word.isalpha() and word.islower()


def span_roles(tags: Sequence[str]) -> list[str | None]:
    """Per token, its place in a BIO entity: ``PER:alone``, ``PER:head``, ``PER:mid``, ``PER:tail``.

    A surname written once in full (``Jan Peeters``) is the tail of a person somewhere in the
    document; a company name usually stands alone everywhere.
    """
    roles: list[str | None] = [None] * len(tags)
    start = 0
    for index, tag in enumerate(tags):
        if tag == "O":
            continue
        kind = tag[2:]
        if not (tag.startswith("I-") and index and tags[index - 1][2:] == kind):
            start = index
        end = index + 1
        while end < len(tags) and tags[end] == "I-" + kind:
            end += 1
        if end - start == 1:
            roles[index] = kind + ":alone"
        elif index == start:
            roles[index] = kind + ":head"
        else:
            roles[index] = kind + (":tail" if index == end - 1 else ":mid")
    return roles


def _collect_votes(
    doc_words: Sequence[Sequence[str]],
    first_pass: Sequence[Sequence[str]],
    marginals: Marginals | None,
) -> tuple[dict[str, _WordVotes], set[str]]:
    votes: dict[str, _WordVotes] = {}
    lower_inside: set[str] = set()  # words written in lower case after a sentence's first word
    for number, (words, tags) in enumerate(zip(doc_words, first_pass, strict=True)):
        roles = span_roles(tags)
        for position, (word, tag) in enumerate(zip(words, tags, strict=True)):
            if word[:1].isupper():
                vote = votes.setdefault(word, _WordVotes())
                vote.tags[_entity_type(tag)] += 1
                if (role := roles[position]) is not None:
                    vote.roles.add(role)
                if position + 1 < len(words) and _plain_word(words[position + 1]):
                    vote.after.add(words[position + 1])
                if marginals is not None and (marg := marginals[number][position]) is not None:
                    vote.scored += 1
                    for n, value in enumerate(marg):
                        vote.probability[n] += value
                if position and _plain_word(words[position - 1]):
                    vote.before.add(words[position - 1])
            elif position and word.islower():
                lower_inside.add(word)
    return votes, lower_inside


def document_features(
    doc_words: Sequence[Sequence[str]],
    first_pass: Sequence[Sequence[str]],
    marginals: Marginals | None = None,
) -> list[list[list[str]]]:
    """Second-pass features from first-pass tags: own/neighbour tags and document votes.

    With ``marginals`` (first-pass probability of each entity type per capitalised token) the
    average probability of each type over the word's occurrences is added, binned. For every
    capitalised word also the lower-case words right in front of (``bij Tectrade``, ``minister
    Peeters``) and right after (``Tectrade meldt``) any occurrence, and the place the word had in
    each first-pass entity (``dsp=PER:tail`` once ``Jan Peeters`` was found: a name written out in
    full somewhere; a company name mostly stands ``alone`` everywhere).
    """
    votes, lower_inside = _collect_votes(doc_words, first_pass, marginals)
    out: list[list[list[str]]] = []
    for words, tags in zip(doc_words, first_pass, strict=True):
        sentence: list[list[str]] = []
        for i, word in enumerate(words):
            feats = ["t0=" + tags[i]]
            feats.append("t-1=" + (tags[i - 1] if i > 0 else "BOS"))
            feats.append("t+1=" + (tags[i + 1] if i + 1 < len(tags) else "EOS"))
            vote = votes.get(word)
            if vote is not None:
                counter = vote.tags
                majority, _ = counter.most_common(1)[0]
                feats.append("dmaj=" + majority)
                for kind in counter:
                    if kind != "O":
                        feats.append("dany=" + kind)
                if counter.get("O", 0) and len(counter) > 1:
                    feats.append("dmixed")
                if word.lower() in lower_inside:
                    feats.append("dlower")
                if vote.scored:
                    for kind, total in zip(ENTITY_TYPES, vote.probability, strict=True):
                        feats.append(f"dp{kind}={_bin(total / vote.scored)}")
                feats += ["dbw=" + before for before in sorted(vote.before)]
                feats += ["dsp=" + role for role in sorted(vote.roles)]
                feats += ["dwa=" + after for after in sorted(vote.after)]
            sentence.append(feats)
        out.append(sentence)
    return out


@lru_cache(maxsize=1)
def load_resources() -> NerResources:
    """The gazetteer, word clusters and word frequencies shipped with kroniek."""
    return resources_from_lines(read_lines(GAZETTEER_FILE), read_lines(CLUSTER_FILE))


def resources_from_lines(
    gazetteer_lines: Iterable[str], cluster_lines: Iterable[str]
) -> NerResources:
    """Resources from the lines of a gazetteer and a cluster file (``#`` comments skipped)."""
    gazetteer, first_words = parse_gazetteer(gazetteer_lines)
    return NerResources(gazetteer, first_words, parse_clusters(cluster_lines), frequencies())


def parse_gazetteer(
    lines: Iterable[str],
) -> tuple[dict[tuple[str, ...], frozenset[str]], frozenset[str]]:
    """Phrase -> labels from ``LABEL<TAB>lower-cased phrase`` lines, and the first words."""
    phrases: dict[tuple[str, ...], set[str]] = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            label, _, phrase = line.strip().partition("\t")
            phrases.setdefault(tuple(phrase.split(" ")), set()).add(label)
    frozen = {key: frozenset(value) for key, value in phrases.items()}
    return frozen, frozenset(key[0] for key in frozen)


def parse_clusters(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Word -> cluster ids at several granularities, from ``word<TAB>id<TAB>id...`` lines."""
    clusters: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            word, *ids = line.strip().split("\t")
            clusters[word] = tuple(ids)
    return clusters


@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """Zipf frequencies of Dutch words (lower-cased) from wordfreq's large Dutch list."""
    try:
        import wordfreq
    except ImportError as error:  # pragma: no cover - the models were trained with it
        raise ImportError("kroniek's NER/POS models need wordfreq: pip install wordfreq") from error
    raw = wordfreq.get_frequency_dict("nl", wordlist="large")
    return {word: math.log10(freq) + ZIPF_OFFSET for word, freq in raw.items() if freq > 0}
