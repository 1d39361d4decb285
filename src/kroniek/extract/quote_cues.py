"""Speech cues and their subjects: "zei X", "aldus X", "luidt het", "X laat weten".

Dutch puts the finite verb second, so the subject of a speech verb stands either before it
("Netanyahu zei dat") or right after it when something else opens the clause ("Zaterdag zei
Netanyahu dat", "..., zei Netanyahu."). ``find_subject`` tries the clause part before the verb,
then the part after it, then the whole sentence before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kroniek.extract.quote_context import QuoteContext
from kroniek.extract.quote_lexicon import SpeechVerb, VerbHit
from kroniek.extract.quote_speakers import Region, has_non_speaker_pronoun, speaker_in
from kroniek.models import ActorRef

MAX_FILLERS = 2  # ", zo zegt X", ", dus aldus X"
PARTICLE_REACH = 12  # tokens between "liet" and "weten", "deelde" and "mee"
PARTICLE_BACK_REACH = 2  # "heeft het duidelijk gemaakt"
MAX_SUBJECT_REACH = 40  # tokens before a verb searched for its subject (keeps long input linear)
AUX_REACH = 20  # ", zo heeft Jan Peeters, de voorzitter van de bond in Gent (ACV), meegedeeld"
CLAUSE_STOPS = frozenset(".!?;:")
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "-", "–", "—"})


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue found in the text: its words, where its speaker is named, and how."""

    text: str
    index: int  # token index of the cue word
    region: Region  # where the speaker is named
    verb: SpeechVerb | None = None
    impersonal: bool = False  # "luidt het": the speaker is the source mentioned before

    @property
    def object_speaker(self) -> bool:
        return self.verb is not None and self.verb.object_speaker


def speech_verb_at(ctx: QuoteContext, index: int, last: int) -> VerbHit | None:
    """The speech verb whose form is the token at ``index`` (a split form needs its particle).
    A particle right after the form makes it the separable verb even where the form is a cue
    alone too: "zegde toe" is toezeggen and "stelt voor" voorstellen, not zeggen and stellen."""
    low = ctx.lows[index]
    verbs = ctx.verbs
    following = ctx.lows[index + 1] if index + 1 < min(last, len(ctx.lows)) else None
    for verb in verbs.split.get(low, ()):
        if following is not None and verb.particle == following:
            return VerbHit(verb, index, index + 1)
    if low in verbs.alone:
        return VerbHit(verbs.alone[low][0], index)
    for verb in verbs.split.get(low, ()):
        particle = _find_particle(ctx, index, last, verb.particle or "")
        if particle is not None:
            return VerbHit(verb, index, particle)
    return None


def _find_particle(ctx: QuoteContext, index: int, last: int, particle: str) -> int | None:
    """The particle after the verb in its clause, or just before it ("duidelijk gemaakt")."""
    stop = min(last, index + 1 + PARTICLE_REACH, len(ctx.lows))
    for probe in range(index + 1, stop):
        low = ctx.lows[probe]
        if low == particle:
            return probe
        if low in CLAUSE_STOPS or low in ctx.words.that_words:
            break
    for probe in range(index - 1, max(index - 1 - PARTICLE_BACK_REACH, -1), -1):
        if ctx.lows[probe] == particle:
            return probe
    return None


def cue_text(ctx: QuoteContext, hit: VerbHit) -> str:
    """The cue as written: "zei", "liet weten", "duidelijk gemaakt"."""
    if hit.particle_at is None:
        return ctx.tokens[hit.index].text
    return f"{ctx.tokens[hit.first].text} {ctx.tokens[hit.last].text}"


def cue_at(ctx: QuoteContext, region: Region) -> Cue | None:
    """A cue opening ``region`` (after a comma and fillers): "zei X", "aldus X", "luidt het"."""
    index = region.first
    if index < region.last and ctx.lows[index] == ",":
        index += 1
    skipped = 0
    while (
        index < region.last and ctx.lows[index] in ctx.words.cue_fillers and skipped < MAX_FILLERS
    ):
        index += 1
        skipped += 1
    if index >= region.last:
        return None
    low = ctx.lows[index]
    words = ctx.words
    if low in words.attribution_words:
        return Cue(ctx.tokens[index].text, index, Region(index + 1, region.last))
    if impersonal_at(ctx, index, region.last):
        text = f"{ctx.tokens[index].text} {ctx.tokens[index + 1].text}"
        return Cue(text, index, Region(index + 2, region.last), impersonal=True)
    if low in words.auxiliaries:
        return _passive_or_perfect(ctx, index, region)
    hit = speech_verb_at(ctx, index, region.last)
    if hit is None:
        return None
    after = hit.particle_after
    return Cue(cue_text(ctx, hit), index, Region(index + 1, after or region.last), verb=hit.verb)


def _passive_or_perfect(ctx: QuoteContext, aux: int, region: Region) -> Cue | None:
    """``zo heeft X meegedeeld``, ``zo wordt X geciteerd``: the speaker between aux and verb."""
    for index in range(aux + 1, min(region.last, aux + 1 + AUX_REACH)):
        hit = speech_verb_at(ctx, index, region.last)
        if hit is not None:
            return Cue(cue_text(ctx, hit), index, Region(aux + 1, hit.first), verb=hit.verb)
    return None


def impersonal_at(ctx: QuoteContext, index: int, last: int) -> bool:
    """True at "luidt het", "klinkt het"."""
    words = ctx.words
    return (
        ctx.lows[index] in words.impersonal_verbs
        and index + 1 < last
        and ctx.lows[index + 1] == words.impersonal_subject
    )


def clause_start(ctx: QuoteContext, index: int, floor: int) -> int:
    """Token index after the last clause break (comma, colon, bracket) before ``index``."""
    floor = max(floor, index - MAX_SUBJECT_REACH)
    probe = index - 1
    while probe >= floor:
        if ctx.lows[probe] in CLAUSE_BREAKS:
            return probe + 1
        probe -= 1
    return floor


def find_subject(
    ctx: QuoteContext, hit: VerbHit, sentence_first: int, after_last: int
) -> ActorRef | None:
    """The speaker of the speech verb ``hit`` in the sentence starting at ``sentence_first``."""
    verb_index = hit.first
    local = Region(clause_start(ctx, verb_index, sentence_first), verb_index)
    if has_non_speaker_pronoun(ctx, local):
        return None
    after_end = hit.particle_after or after_last
    after = Region(hit.index + 1, max(hit.index + 1, after_end))
    object_speaker = hit.verb.object_speaker
    whole = Region(max(sentence_first, verb_index - MAX_SUBJECT_REACH), verb_index)
    for region in (local, after, whole):
        speaker = speaker_in(ctx, region, object_speaker=object_speaker)
        if speaker is not None:
            return speaker
    return None
