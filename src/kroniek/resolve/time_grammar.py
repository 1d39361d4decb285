"""The grammar around a time expression: the tense of its clause, and what "over" means.

A bare weekday ("donderdag") points back or ahead depending on its clause: "De raad kwam donderdag
bijeen" is the Thursday before publication, "De raad komt donderdag bijeen" the one after. Dutch
news tells past events in the past tense or the perfect ("heeft donderdag besloten") and uses the
present tense for what is scheduled; headlines are the exception (present tense for past events).

The tagger gives UD POS tags and dictionary lemmas but no morphological features, so the tense of
a verb is read from its form and lemma: a present form is the lemma ("vergaderen"), its stem
("kom", "loop", "geef") or the stem plus -t; a participle starts with ge- or an unstressed prefix;
every other form of a verb is past ("kwam", "vergaderde", "besloot"). On the UD Dutch treebanks
(Alpino, LassySmall dev+test: 6,493 finite verbs, lemmas as the pipeline makes them) this reads
99.7% of present forms as present and 98.7% of past forms as past or participle.

A clause is the stretch of the sentence between punctuation, subordinating conjunctions,
relative pronouns and coordinating conjunctions that are followed by a verb.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from enum import Enum
from functools import lru_cache
from typing import Any

import yaml

from kroniek.models import Token
from kroniek.nlp import morph
from kroniek.resources import read_text

GRAMMAR_FILE = "times/grammar.yaml"
VERB_POS = frozenset({"VERB", "AUX"})
PARTICIPLE_POS = frozenset({"VERB", "AUX", "ADJ"})  # "gestegen" may be tagged an adjective
NOUN_LIKE_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
BOUNDARY_POS = frozenset({"SCONJ", "PUNCT"})
LONG_VOWELS = ("aa", "ee", "oo", "uu")
VOWELS = "aeiouy"
# Lemmas of "gaan", "staan", "doen", "zien" lose only their -n in the stem ("gaat", "doet").
SHORT_INFINITIVE_ENDINGS = ("aan", "oen", "ien")
WEAK_PAST_ENDINGS = ("den", "ten", "de", "te")
PARTICIPLE_ENDINGS = ("d", "t", "en")
MIN_STEM = 2


class VerbForm(Enum):
    PRESENT = "present"  # also the infinitive, which has the form of the present plural
    PAST = "past"
    PARTICIPLE = "participle"
    OTHER = "other"  # present participle ("stijgende"), not a finite verb


class Tense(Enum):
    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


@dataclass(frozen=True, slots=True)
class Grammar:
    """The words of ``data/times/grammar.yaml``."""

    irregular_present: frozenset[str]
    irregular_past: frozenset[str]
    future_auxiliaries: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    double_infinitive_verbs: frozenset[str]
    passive_auxiliary: str
    participle_prefixes: tuple[str, ...]
    separable_particles: tuple[str, ...]
    clause_pronouns: frozenset[str]
    clause_internal_punctuation: frozenset[str]
    reporting_verbs: frozenset[str]
    reporting_phrases: tuple[tuple[str, ...], ...]
    reporting_words: frozenset[str]
    backward_prepositions: frozenset[str]
    neutral_prepositions: frozenset[str]
    forward_prepositions: frozenset[str]
    range_ends: frozenset[str]
    future_cues: frozenset[str]
    about_verbs: frozenset[str]
    about_followers: frozenset[str]


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The word lists of ``GRAMMAR_FILE``: each a frozenset, but the few kept in order."""
    raw = yaml.safe_load(read_text(GRAMMAR_FILE))
    ordered: dict[str, Any] = {
        "passive_auxiliary": raw["passive_auxiliary"],
        "participle_prefixes": tuple(raw["participle_prefixes"]),
        "separable_particles": tuple(raw["separable_particles"]),
        "reporting_phrases": tuple(tuple(phrase.split()) for phrase in raw["reporting_phrases"]),
    }
    values: dict[str, Any] = {
        field.name: ordered[field.name] if field.name in ordered else frozenset(raw[field.name])
        for field in fields(Grammar)
    }
    return Grammar(**values)


# --- one verb ---------------------------------------------------------------------------------


def _infinitive_stem(stem: str) -> str:
    """The stem as it stands before -en: "loop" -> "lop", "geef" -> "gev", "lees" -> "lez"."""
    if len(stem) >= MIN_STEM + 1 and stem[-1] not in VOWELS and stem[-3:-1] in LONG_VOWELS:
        stem = stem[:-2] + stem[-1]
    if stem.endswith("f"):
        return stem[:-1] + "v"
    if stem.endswith("s"):
        return stem[:-1] + "z"
    return stem


def _stem_of(stem: str, lemma: str) -> bool:
    """True when ``stem`` is the stem of ``lemma``: "kom"/komen, "zit"/zitten, "geef"/geven."""
    if not stem:
        return False
    if lemma in (stem + "en", stem + stem[-1] + "en", _infinitive_stem(stem) + "en"):
        return True
    return lemma.endswith(SHORT_INFINITIVE_ENDINGS) and stem == lemma[:-1]


def _is_present(form: str, lemma: str) -> bool:
    """True for the stem or stem + t of ``lemma``: "komt", "loop", "zit", "gaat"."""
    if form.endswith("t") and len(form) > MIN_STEM and _stem_of(form[:-1], lemma):
        return True
    return _stem_of(form, lemma)


def _is_weak_past(form: str, lemma: str) -> bool:
    """True for stem + -de(n)/-te(n): "vergaderde", "zette", "verklaarden"."""
    return any(
        form.endswith(ending) and _stem_of(form[: -len(ending)], lemma)
        for ending in WEAK_PAST_ENDINGS
    )


def _after_particle(form: str) -> bool:
    """True for a participle of a separable verb: "opgepakt", "uitgeslapen", "aangekondigd"."""
    return any(
        form.startswith(particle + "ge") for particle in grammar().separable_particles
    ) and form.endswith(PARTICIPLE_ENDINGS)


def _is_participle(form: str, lemma: str | None = None) -> bool:
    """A participle: ge-, a particle + ge- or an unstressed prefix, ending in -d, -t or -en. With
    the lemma known, a prefixed form in -d/-t must be its stem + d/t: "verklaard" is, the strong
    past "besloot" is not."""
    if _after_particle(form):
        return True
    if form.startswith("ge") and form.endswith("n"):  # "gedaan", "gegaan", "gezien"
        return True
    if not form.startswith(grammar().participle_prefixes) or not form.endswith(PARTICIPLE_ENDINGS):
        return False
    weak = form.endswith(("d", "t")) and not form.startswith("ge")
    return not weak or lemma is None or _stem_of(form[:-1], lemma)


def verb_form(text: str, lemma: str) -> VerbForm:
    """Tense of one verb token from its form and dictionary lemma."""
    g = grammar()
    form, lemma = text.lower(), lemma.lower().replace("_", "")  # simplemma: "af_treden"
    if form in g.irregular_present:
        return VerbForm.PRESENT
    if form in g.irregular_past:
        return VerbForm.PAST
    if form == lemma:  # the plural or infinitive, or a word the dictionary does not know
        if _after_particle(form):
            return VerbForm.PARTICIPLE
        if not form.endswith(("de", "te")):
            return VerbForm.PRESENT
        # "bevriendde" is a weak past; "gemachtigde" a participle used as an adjective
        return VerbForm.OTHER if _is_participle(form[:-1]) else VerbForm.PAST
    if form in (lemma + "d", lemma + "de"):  # "stijgende": a present participle
        return VerbForm.OTHER
    if _is_weak_past(form, lemma):
        return VerbForm.PAST
    if _is_present(form, lemma):
        return VerbForm.PRESENT
    if form.endswith("en") and (not lemma.endswith("n") or form.startswith(lemma)):
        # a plural whose lemma came out as another word: the past "stonden" -> "stond" (past of
        # "staan"), the present "vormen" -> "vorm" and "tekenen" -> "teken" (nouns)
        base = morph.lemma(lemma, "VERB").lower()
        if base != lemma and base.endswith("n") and verb_form(lemma, base) == VerbForm.PAST:
            return VerbForm.PAST
        return VerbForm.PRESENT
    if _is_participle(form, lemma):
        return VerbForm.PARTICIPLE
    return VerbForm.PAST


# --- the clause -------------------------------------------------------------------------------


def _is_boundary(tokens: Sequence[Token], index: int) -> bool:
    g = grammar()
    token = tokens[index]
    if token.pos in BOUNDARY_POS:
        return token.text not in g.clause_internal_punctuation
    if token.pos == "PRON" and token.text.lower() in g.clause_pronouns:
        return True
    if token.pos == "CCONJ":  # "en heeft de regering ...", not "woensdag en donderdag"
        return index + 1 < len(tokens) and tokens[index + 1].pos in VERB_POS
    return False


def clause_span(tokens: Sequence[Token], index: int) -> tuple[int, int]:
    """Token range [first, stop) of the clause holding ``tokens[index]``."""
    first = index
    while first > 0 and not _is_boundary(tokens, first - 1):
        first -= 1
    stop = index + 1
    while stop < len(tokens) and not _is_boundary(tokens, stop):
        stop += 1
    return first, stop


@dataclass(frozen=True, slots=True)
class Clause:
    """The tokens of the clause around a time expression, without the expression's own."""

    tokens: tuple[Token, ...]
    rest: tuple[Token, ...]  # the sentence after the clause: where a perfect's participle waits

    @property
    def verbs(self) -> list[tuple[Token, VerbForm]]:
        return [(t, verb_form(t.text, t.lemma)) for t in self.tokens if t.pos in VERB_POS]

    def words(self) -> set[str]:
        """Lemmas and lower-cased forms of the clause's tokens."""
        return {_lemma(token) for token in self.tokens} | {t.text.lower() for t in self.tokens}


def clause_at(tokens: Sequence[Token], start: int, end: int) -> Clause | None:
    """The clause of the expression at characters [start, end); None without tagged tokens.

    A clause without a verb ("Maandag, zo meldt de politie, ...") widens to the sentence."""
    if not tokens or not any(token.pos for token in tokens):
        return None
    inside = [i for i, token in enumerate(tokens) if start <= token.start < end]
    if not inside:
        return None
    first, stop = clause_span(tokens, inside[0])
    if not any(tokens[i].pos in VERB_POS for i in range(first, stop) if i not in inside):
        first, stop = 0, len(tokens)
    own = set(inside)
    return Clause(
        tuple(tokens[i] for i in range(first, stop) if i not in own),
        tuple(tokens[i] for i in range(stop, len(tokens)) if i not in own),
    )


def clause_tense(clause: Clause) -> Tense | None:
    """Future with "zal/zullen", past with a past verb or a perfect, else present; None when the
    clause has no finite verb."""
    g = grammar()
    verbs = clause.verbs
    if any(token.text.lower() in g.future_auxiliaries for token, _ in verbs):
        return Tense.FUTURE
    if any(form == VerbForm.PAST for _, form in verbs):
        return Tense.PAST
    present = {_lemma(token) for token, form in verbs if form == VerbForm.PRESENT}
    auxiliaries = present & (g.perfect_auxiliaries | {g.passive_auxiliary})
    has_participle = any(_is_participle_here(token, form, auxiliaries) for token, form in verbs)
    if has_participle and g.passive_auxiliary in auxiliaries:
        return Tense.PRESENT  # "wordt donderdag gehouden"
    if auxiliaries & g.perfect_auxiliaries and (
        has_participle
        or any(_is_participle_here(t, None, auxiliaries) for t in clause.rest)
        or _double_infinitive([*clause.tokens, *clause.rest])
    ):
        return Tense.PAST  # "heeft donderdag ... besloten", "is zaterdag, ..., overleden"
    if has_participle and not present:
        return Tense.PAST  # a participle alone: "Drugslab opgerold"
    return Tense.PRESENT if present else None


def _double_infinitive(tokens: Sequence[Token]) -> bool:
    """True for a perfect with two infinitives, where Dutch has no participle: "is komen
    opdagen", "heeft laten weten" (not "om te komen praten")."""
    ipp = grammar().double_infinitive_verbs
    for index in range(1, len(tokens) - 1):
        first, second = tokens[index], tokens[index + 1]
        if (
            first.pos in VERB_POS
            and second.pos in VERB_POS
            and first.text.lower() == _lemma(first) in ipp
            and second.text.lower() == _lemma(second)
            and tokens[index - 1].text.lower() != "te"
        ):
            return True
    return False


def _lemma(token: Token) -> str:
    return token.lemma.lower().replace("_", "")


def _is_participle_here(token: Token, form: VerbForm | None, auxiliaries: set[str]) -> bool:
    """True for a participle; next to "heeft/is/wordt" also for a prefixed form in -t or -d that
    could be a present ("heeft bereikt", "wordt beslist"): a clause has one finite verb."""
    if token.pos not in PARTICIPLE_POS:
        return False
    form = form or verb_form(token.text, token.lemma)
    if form == VerbForm.PARTICIPLE:
        return True
    if not auxiliaries or token.pos not in VERB_POS or _lemma(token) in auxiliaries:
        return False
    if form == VerbForm.PAST:  # a strong participle the rules read as past: "overleden"
        return token.text.lower() not in grammar().irregular_past
    text = token.text.lower()
    return (
        form == VerbForm.PRESENT
        and text.endswith(("d", "t"))
        and text.startswith(grammar().participle_prefixes)
    )


def reports(clause: Clause) -> bool:
    """True when the clause's verb is one of saying: "Dat meldt de politie zondag"."""
    g = grammar()
    if any(token.text.lower() in g.reporting_words for token in clause.tokens):
        return True
    lemmas = [token.lemma.lower() for token in clause.tokens if token.pos in VERB_POS]
    if g.reporting_verbs.intersection(lemmas):
        return True
    return any(all(word in lemmas for word in phrase) for phrase in g.reporting_phrases)


def has_future_cue(clause: Clause) -> bool:
    return not grammar().future_cues.isdisjoint(clause.words())


# --- "over twee weken" ------------------------------------------------------------------------


def over_means_in(tokens: Sequence[Token], start: int, end: int) -> bool:
    """True when "over <amount>" at [start, end) can only mean "in <amount>" (a time ahead).

    "over" means "about" or "across" when the amount is the object of a noun ("een boek over twee
    jaar"), an adjective ("bezorgd over"), a participle ("gespreid over") or a verb that takes
    "over" ("praten over", "het gaat over"), or when the amount has a noun of its own ("over
    twee weken vakantie", "over twee jaar van oorlog"). After a noun, "in" is certain only
    where Dutch word order puts an adverbial there: before the final verb of a subordinate
    clause ("dat de fabriek over drie dagen sluit"). A clause in the past tense ("zou over twee
    weken terugkomen") counts from another moment than publication. Anything else reads "in"."""
    g = grammar()
    clause = clause_at(tokens, start, end)
    if clause is None:
        return False
    inside = [i for i, token in enumerate(tokens) if start <= token.start < end]
    first, last = inside[0], inside[-1]
    if _object_of_word_before(tokens, first, last + 1):
        return False
    if not _amount_stands_alone(tokens, last + 1):
        return False
    verb_lemmas = {_lemma(token) for token in clause.tokens if token.pos in VERB_POS}
    if not g.about_verbs.isdisjoint(verb_lemmas):
        return False
    return clause_tense(clause) != Tense.PAST


def _object_of_word_before(tokens: Sequence[Token], first: int, after: int) -> bool:
    """True when "over" at tokens[first] can belong to the word before it: an adjective
    ("bezorgd over"), a participle ("gespreid over") or a noun ("een boek over") other than a
    subject before the final verb of a subordinate clause."""
    if first == 0:
        return False
    before = tokens[first - 1]
    if before.pos in VERB_POS:
        return verb_form(before.text, before.lemma) == VerbForm.PARTICIPLE
    if before.pos in {"NOUN", "PROPN"}:
        return not _ends_subordinate_clause(tokens, first, after)
    return before.pos in NOUN_LIKE_POS


def _is_clause_end(tokens: Sequence[Token], index: int) -> bool:
    return index >= len(tokens) or _is_boundary(tokens, index)


def _amount_stands_alone(tokens: Sequence[Token], index: int) -> bool:
    """False when the amount has a noun of its own after it: "twee weken vakantie", "twee jaar
    harde strijd", "twee jaar van oorlog", "twee weken die ..."; a predicate ("klaar") is fine."""
    if _is_clause_end(tokens, index):
        return True
    after = tokens[index]
    if after.text.lower() in grammar().about_followers or after.pos in {"NOUN", "PROPN", "NUM"}:
        return False
    if after.pos == "ADJ":  # predicative only: "is over een jaar klaar."
        return _is_clause_end(tokens, index + 1) or tokens[index + 1].pos in VERB_POS
    return True


def _ends_subordinate_clause(tokens: Sequence[Token], first: int, after: int) -> bool:
    """True when tokens[after:] are the final verbs of a subordinate clause that holds
    tokens[first]: "dat de fabriek over drie dagen sluit"."""
    stop = after
    while stop < len(tokens) and tokens[stop].pos in VERB_POS:
        stop += 1
    if stop == after or not _is_clause_end(tokens, stop):
        return False
    clause_first, _ = clause_span(tokens, first)
    opener = tokens[clause_first - 1] if clause_first > 0 else None
    return (
        opener is not None
        and opener.pos in {"SCONJ", "PRON"}
        and _is_boundary(tokens, clause_first - 1)
    )
