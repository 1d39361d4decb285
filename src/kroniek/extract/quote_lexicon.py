"""The word lists behind quote extraction, loaded once from ``data/lexicon/``.

``speech_verbs.yaml`` lists Dutch speech and cognition verbs with their word forms;
``quote_words.yaml`` holds pronouns, description heads, prepositions and cue words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from kroniek.resources import read_text

SPEECH_VERBS_FILE = "lexicon/speech_verbs.yaml"
QUOTE_WORDS_FILE = "lexicon/quote_words.yaml"
# Heads at least this long also match as the end of a compound ("legerwoordvoerder").
COMPOUND_HEAD_MIN_LENGTH = 5


@dataclass(frozen=True, slots=True)
class SpeechVerb:
    """One speech verb: the forms that are a cue alone and the split forms needing a particle."""

    lemma: str
    forms: frozenset[str]
    split: frozenset[str]
    particle: str | None = None
    takes_te: bool = False
    takes_of: bool = False
    object_speaker: bool = False
    rest: bool = False  # the rest of the clause is the reported content ("noemde ... een X")
    takes_that: bool = True  # "X <verb> dat ..." reports speech (not so for "sprak", "noemde")
    # Prepositions whose object is the quote: "X sprak van 'een keerpunt'" ("van").
    quote_preps: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class VerbHit:
    """A speech verb form found in the text (``particle_at`` is the token of the particle)."""

    verb: SpeechVerb
    index: int
    particle_at: int | None = None

    @property
    def first(self) -> int:
        """Token index of the cue's first word (the particle in "duidelijk gemaakt")."""
        return min(self.index, self.particle_at if self.particle_at is not None else self.index)

    @property
    def last(self) -> int:
        """Token index of the cue's last word (the particle in "liet ... weten")."""
        return max(self.index, self.particle_at if self.particle_at is not None else self.index)

    @property
    def particle_after(self) -> int | None:
        """The particle's index when it follows the verb, else None."""
        if self.particle_at is not None and self.particle_at > self.index:
            return self.particle_at
        return None


@dataclass(frozen=True, slots=True)
class QuoteWords:
    pronouns: dict[str, str]
    attribution_words: frozenset[str]
    impersonal_verbs: frozenset[str]
    impersonal_subject: str
    cue_fillers: frozenset[str]
    that_words: frozenset[str]
    whether_words: frozenset[str]
    anaphoric_openers: frozenset[str]
    description_heads: frozenset[str]
    compound_heads: tuple[str, ...]
    document_nouns: frozenset[str]
    prepositions: frozenset[str]
    np_fillers: frozenset[str]
    clause_conjunctions: frozenset[str]
    verb_coordinators: frozenset[str]
    speaker_types: frozenset[str]
    non_speaker_pronouns: frozenset[str]
    anaphoric_nouns: frozenset[str]
    definite_determiners: frozenset[str]
    name_particles: frozenset[str]
    not_names: frozenset[str]
    spokesperson_heads: frozenset[str]
    finite_verbs: frozenset[str]
    auxiliaries: frozenset[str]

    def is_description_head(self, word: str) -> bool:
        """True for "woordvoerder" and compounds like "legerwoordvoerder", "NS-woordvoerster"."""
        lowered = word.lower()
        if lowered in self.description_heads:
            return True
        return lowered.endswith(self.compound_heads)

    def is_document_noun(self, word: str) -> bool:
        lowered = word.lower()
        return lowered in self.document_nouns or lowered.endswith(("verklaring", "mededeling"))


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    """Lookup from a lower-cased word form to the speech verbs it can belong to."""

    alone: dict[str, tuple[SpeechVerb, ...]]
    split: dict[str, tuple[SpeechVerb, ...]]

    def is_form(self, word: str) -> bool:
        return word in self.alone or word in self.split


def _frozen(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


def _verb(entry: dict[str, Any]) -> SpeechVerb:
    return SpeechVerb(
        lemma=str(entry["lemma"]),
        forms=_frozen(entry.get("forms")),
        split=_frozen(entry.get("split")),
        particle=entry.get("particle"),
        takes_te=bool(entry.get("te", False)),
        takes_of=bool(entry.get("of", False)),
        object_speaker=entry.get("speaker") == "object",
        rest=bool(entry.get("rest", False)),
        takes_that=bool(entry.get("dat", True)),
        quote_preps=_frozen(entry.get("quote_prep")),
    )


@lru_cache(maxsize=1)
def speech_lexicon() -> SpeechLexicon:
    """The speech verbs indexed by word form."""
    alone: dict[str, list[SpeechVerb]] = {}
    split: dict[str, list[SpeechVerb]] = {}
    for entry in yaml.safe_load(read_text(SPEECH_VERBS_FILE)):
        verb = _verb(entry)
        for form in verb.forms:
            alone.setdefault(form, []).append(verb)
        if verb.particle:
            for form in verb.split:
                split.setdefault(form, []).append(verb)
    return SpeechLexicon(
        alone={k: tuple(v) for k, v in alone.items()},
        split={k: tuple(v) for k, v in split.items()},
    )


@lru_cache(maxsize=1)
def quote_words() -> QuoteWords:
    data = yaml.safe_load(read_text(QUOTE_WORDS_FILE))
    heads = _frozen(data["description_heads"])
    return QuoteWords(
        pronouns={str(k).lower(): str(v) for k, v in data["pronouns"].items()},
        attribution_words=_frozen(data["attribution_words"]),
        impersonal_verbs=_frozen(data["impersonal_verbs"]),
        impersonal_subject=str(data["impersonal_subject"]).lower(),
        cue_fillers=_frozen(data["cue_fillers"]),
        that_words=_frozen(data["that_words"]),
        whether_words=_frozen(data["whether_words"]),
        anaphoric_openers=_frozen(data["anaphoric_openers"]),
        description_heads=heads,
        compound_heads=tuple(sorted(h for h in heads if len(h) >= COMPOUND_HEAD_MIN_LENGTH)),
        document_nouns=_frozen(data["document_nouns"]),
        prepositions=_frozen(data["prepositions"]),
        np_fillers=_frozen(data["np_fillers"]),
        clause_conjunctions=_frozen(data["clause_conjunctions"]),
        verb_coordinators=_frozen(data["verb_coordinators"]),
        speaker_types=frozenset(str(t) for t in data["speaker_types"]),
        non_speaker_pronouns=_frozen(data["non_speaker_pronouns"]),
        anaphoric_nouns=_frozen(data["anaphoric_nouns"]),
        definite_determiners=_frozen(data["definite_determiners"]),
        name_particles=_frozen(data["name_particles"]),
        not_names=_frozen(data["not_names"]),
        spokesperson_heads=_frozen(data["spokesperson_heads"]),
        finite_verbs=_frozen(data["finite_verbs"]),
        auxiliaries=_frozen(data["auxiliaries"]),
    )
