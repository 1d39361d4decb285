"""Source attributions that are not "X zei dat": "volgens X", "Dat meldt X.", "luidt het dat".

- ``Volgens X <clause>``: the rest of the sentence; with "volgens X" inside the sentence, the
  whole sentence (its words are all X's claim);
- ``Dat meldt X.`` / ``Dat heeft X gezegd.``: the previous sentence is what X reported; so it is
  in the passive ``Dat is bekendgemaakt door X`` / ``Dat werd bevestigd, zo meldt X``;
- ``<clause>, zo zei X, <clause>``: a cue inserted between commas reports the whole sentence;
- ``Maandag klonk het (bij X) dat <clause>``: the clause, from X or from the source before.
"""

from __future__ import annotations

from kroniek.extract.quote_clauses import SENTENCE_END_PUNCT, clause, outside
from kroniek.extract.quote_context import Candidate, QuoteContext
from kroniek.extract.quote_cues import Cue, cue_at, cue_text, impersonal_at, speech_verb_at
from kroniek.extract.quote_names import name_at
from kroniek.extract.quote_speakers import Region, description_end, speaker_in
from kroniek.models import ActorRef

VOLGENS, ANAPHORIC, INSERTED, IMPERSONAL = 1, 1, 2, 2
SOURCE_KINDS = ("PER", "ORG", "GPE", "generic")  # who "luidt het" can refer back to
VOLGENS_NP_MAX = 6
VOLGENS_WORD = "volgens"
PHRASE_BREAKS = frozenset({",", ":", ";"})  # "volgens de regels: geen ..." ends there
NP_LINK = "van"
PERSON = "PER"
APPOSITION_MAX = 10  # "Volgens Peskov, de woordvoerder van het Kremlin, is ..."
INSERTED_MAX = 10  # ", zo zei de woordvoerder van het ministerie,"
IMPERSONAL_REACH = 8  # "klonk het maandag bij de directie dat"
PASSIVE_AGENT = "door"  # "Dat is bekendgemaakt door de politie"


def volgens(ctx: QuoteContext, region: Region) -> list[Candidate]:
    """``Volgens X is ...`` (the rest of the sentence) or ``... zijn volgens X ...`` (all of it)."""
    for index in range(region.first, region.last - 1):
        if ctx.lows[index] != VOLGENS_WORD or not outside(ctx, index):
            continue
        np_end = _volgens_np_end(ctx, index, region.last)
        speaker = speaker_in(ctx, Region(index + 1, np_end), skip_pp=False)
        if speaker is None:
            continue
        at_start = index == region.first
        if not at_start and np_end >= region.last:
            return []  # "..., volgens X." is a tail clause
        first = np_end if at_start else region.first
        if at_start and first < region.last and ctx.lows[first] == ",":
            closing = _closing_comma(ctx, first + 1, min(region.last, first + 1 + APPOSITION_MAX))
            first = closing + 1 if closing is not None else first  # "Volgens X, de ..., is"
        candidate = clause(ctx, first, region.last, ctx.tokens[index].text, speaker, VOLGENS)
        return [candidate] if candidate is not None else []
    return []


def _volgens_np_end(ctx: QuoteContext, index: int, last: int) -> int:
    """Token index just after the phrase naming the source in "volgens <phrase>"."""
    words = ctx.words
    probe = index + 1
    # a mention may start at a filler: "volgens de luchtmacht" is one mention, "de" included
    while (
        probe < last
        and ctx.lows[probe] in words.np_fillers
        and ctx.mention_starting_in(ctx.tokens[probe]) is None
    ):
        probe += 1
    if probe >= last:
        return last
    mention = ctx.mention_starting_in(ctx.tokens[probe])
    if mention is not None:
        end = ctx.token_at_or_after(mention.end)
        while end < last:  # "Kremlin-woordvoerder Dmitri Peskov": a role, then the name
            following = ctx.mention_starting_in(ctx.tokens[end])
            if following is None or following.entity.type != PERSON:
                break
            end = ctx.token_at_or_after(following.end)
        name = name_at(ctx, end, last) if end < last else None
        if name is not None and mention.entity.type != PERSON:
            end = name.last
        return _extend_van(ctx, end, last)
    if ctx.lows[probe] in words.pronouns:
        return probe + 1
    limit = min(last, probe + VOLGENS_NP_MAX)
    for head in range(probe, limit):
        if words.is_description_head(ctx.tokens[head].text) or words.is_document_noun(
            ctx.tokens[head].text
        ):
            return description_end(ctx, Region(index + 1, last), head)
    for stop in range(probe, limit):
        low = ctx.lows[stop]
        if low in words.finite_verbs or ctx.verbs.is_form(low) or low in PHRASE_BREAKS:
            return stop
    return limit


def _extend_van(ctx: QuoteContext, end: int, last: int) -> int:
    """Include "van <actor>" after a name: "volgens de minister van Defensie"."""
    if end < last and ctx.lows[end] == NP_LINK:
        for probe in range(end + 1, min(last, end + 4)):
            mention = ctx.mention_starting_in(ctx.tokens[probe])
            if mention is not None:
                return ctx.token_at_or_after(mention.end)
    return end


def anaphoric(ctx: QuoteContext, sentence: int, region: Region) -> list[Candidate]:
    """``Dat meldt X.`` / ``Dat heeft X gezegd.``: the previous sentence is the report."""
    first = region.first
    if (
        sentence == 0
        or ctx.lows[first] not in ctx.words.anaphoric_openers
        or not outside(ctx, first)
    ):
        return []
    cue = cue_at(ctx, Region(first + 1, region.last))
    speaker_region = cue.region if cue is not None else None
    cue_word = cue.text if cue is not None else None
    passive_end = region.last
    if cue is None and ctx.lows[first + 1] in ctx.words.auxiliaries:
        for index in range(first + 2, region.last):
            hit = speech_verb_at(ctx, index, region.last)
            if hit is not None:
                speaker_region, cue_word = Region(first + 2, index), cue_text(ctx, hit)
                passive_end = hit.last + 1
                break
    if speaker_region is None:
        return []
    speaker = speaker_in(ctx, speaker_region, skip_pp=False)
    if speaker is None:
        if cue is not None:
            passive_end = cue.index + 1
        speaker, cue_word = _passive_agent(ctx, passive_end, region, cue_word)
    previous = ctx.sentence_range(sentence - 1)
    if speaker is None or any(not outside(ctx, i) for i in previous):
        return []
    last = previous.stop
    while last > previous.start and ctx.lows[last - 1] in SENTENCE_END_PUNCT:
        last -= 1
    candidate = clause(ctx, previous.start, last, cue_word, speaker, ANAPHORIC)
    return [candidate] if candidate is not None else []


def passive_report(ctx: QuoteContext, region: Region) -> bool:
    """True for ``Dat is (maandag) bekendgemaakt``: an opener pointing back, an auxiliary and a
    speech verb, so the clause reports the sentence before rather than saying anything."""
    first = region.first
    if region.last - first < 3 or ctx.lows[first] not in ctx.words.anaphoric_openers:
        return False
    if ctx.lows[first + 1] not in ctx.words.auxiliaries:
        return False
    return any(speech_verb_at(ctx, i, region.last) for i in range(first + 2, region.last))


def _passive_agent(
    ctx: QuoteContext, after: int, region: Region, cue_word: str | None
) -> tuple[ActorRef | None, str | None]:
    """Who reported it in ``Dat is bekendgemaakt door X`` or ``Dat werd maandag bevestigd, zo
    heeft X meegedeeld``: the agent after "door", else the speaker of a closing cue."""
    if after < region.last and ctx.lows[after] == PASSIVE_AGENT:
        speaker = speaker_in(ctx, Region(after + 1, region.last), skip_pp=False)
        if speaker is not None:
            return speaker, cue_word
    for index in range(region.last - 1, after - 1, -1):
        if ctx.lows[index] != "," or not outside(ctx, index):
            continue
        cue = cue_at(ctx, Region(index, region.last))
        if cue is None or cue.impersonal:
            continue
        speaker = speaker_in(ctx, cue.region, object_speaker=cue.object_speaker)
        if speaker is not None:
            return speaker, cue.text
    return None, cue_word


def volgens_inside(ctx: QuoteContext, cue: Cue, last: int) -> bool:
    """True for a "volgens X" that does not close the sentence."""
    return ctx.lows[cue.index] == VOLGENS_WORD and _volgens_np_end(ctx, cue.index, last) < last


def inserted(ctx: QuoteContext, region: Region) -> list[Candidate]:
    """``De regering, zo zei Rutte, wil door``: a cue between commas inside the sentence."""
    if any(not outside(ctx, i) for i in range(region.first, region.last)):
        return []  # commas around a cue here belong to an interrupted direct quote
    for index in range(region.first + 1, region.last - 1):
        if ctx.lows[index] != ",":
            continue
        cue = cue_at(ctx, Region(index, region.last))
        if cue is None or cue.impersonal or cue.index > index + 2:
            continue
        closing = _closing_comma(ctx, cue.index + 1, region.last)
        if closing is None or closing >= region.last - 1:
            continue
        speaker = speaker_in(ctx, Region(cue.index + 1, closing))
        if speaker is None:
            continue
        candidate = clause(ctx, region.first, region.last, cue.text, speaker, INSERTED)
        return [candidate] if candidate is not None else []
    return []


def _closing_comma(ctx: QuoteContext, first: int, last: int) -> int | None:
    for index in range(first, min(last, first + INSERTED_MAX)):
        if ctx.lows[index] == ",":
            return index
    return None


def impersonal_that(ctx: QuoteContext, region: Region) -> list[Candidate]:
    """``Maandag klonk het (bij de directie) dat <clause>``: a source that is not named here."""
    for index in range(region.first, region.last - 1):
        if not impersonal_at(ctx, index, region.last) or not outside(ctx, index):
            continue
        stop = min(region.last, index + 2 + IMPERSONAL_REACH)
        opener = next(
            (i for i in range(index + 2, stop) if ctx.lows[i] in ctx.words.that_words), None
        )
        if opener is None:
            continue
        speaker = speaker_in(ctx, Region(index + 2, opener), skip_pp=False)
        cue = f"{ctx.tokens[index].text} {ctx.tokens[index + 1].text}"
        candidate = clause(
            ctx,
            opener + 1,
            region.last,
            cue,
            speaker,
            IMPERSONAL,
            needs_prior=speaker is None,
            fallback_kinds=SOURCE_KINDS,
        )
        return [candidate] if candidate is not None else []
    return []
