"""Direct quotes: the words between quotation marks, attributed to a speaker.

Attribution is looked for, in this order:
1. after the closing mark: ``"...", zei X`` / ``aldus X`` / ``zo stelt X`` / ``luidt het``;
2. before the opening mark: ``X zei: "..."``, ``X: "..."``, ``, zei X, "..."`` (the second part of
   an interrupted quote), ``Hij zei "..."``;
3. in the next sentence: ``"...". Dat zei X.`` or a sentence with a speech verb and its subject;
4. otherwise the quote inherits the speaker of the quote before it (settled in ``quotes.py``).

A short quoted phrase (fewer than ``MIN_QUOTE_WORDS`` words) counts only with an attribution right
next to its marks; elsewhere it is a scare quote or a title. A longer phrase embedded in a
sentence counts when the sentence has a speech cue or the phrase is long. A quote inside a
sentence takes a cue after it only across a comma (``Het is "onzin", zei hij``), so that
``In 'De Zevende Dag' zei X`` does not make a title into a quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from kroniek.extract.quote_context import Candidate, QuoteContext
from kroniek.extract.quote_cues import (
    CLAUSE_BREAKS,
    CLAUSE_STOPS,
    Cue,
    cue_at,
    cue_text,
    find_subject,
    speech_verb_at,
)
from kroniek.extract.quote_lexicon import VerbHit
from kroniek.extract.quote_marks import MarkedSpan, word_count
from kroniek.extract.quote_speakers import Region, resolve_pronoun_before, speaker_in
from kroniek.models import ActorRef

MIN_QUOTE_WORDS = 4
LONG_EMBEDDED_WORDS = 8
MAX_TAIL_TOKENS = 25
HEAD_VERB_REACH = 4  # "Hij zei "..."": the verb stands this close to the opening mark
OBJECT_REACH = 20  # tokens between a verb and the quote that is its object ("sprak ... van")
REST_OBJECT_TOKENS = 5  # "noemde het nieuwe plan van de regering "naïef""
PARTICIPLE_PREFIX = "ge"
SHORT_LEAD_IN = 5  # tokens of "aldus de minister" before a quote that continues the cue
LEAD_IN_MARKS = frozenset({",", ":"})
SENTENCE_ENDS = frozenset(".!?…")
TAIL_STOPS = frozenset(".!?…;:")
COLON = ":"
DASH_CUE = "-"
QUESTION = "?"


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: ActorRef | None
    cue: str | None
    adjacent: bool
    needs_prior: bool = False


NO_ATTRIBUTION = Attribution(None, None, adjacent=False, needs_prior=True)
PERSON_FALLBACK = ("PER",)


def direct_candidates(ctx: QuoteContext) -> list[Candidate]:
    """Candidates for every quotation-mark span and interview turn in ``ctx.direct``."""
    found: list[Candidate] = []
    previous: MarkedSpan | None = None
    interviewee: ActorRef | None = None
    for span in ctx.direct:
        if span.dash:
            if interviewee is None:
                interviewee = resolve_pronoun_before(ctx, span.open_at, "person")
            found.append(_dash_candidate(ctx, span, interviewee))
            continue
        candidate = _marked_candidate(ctx, span, previous)
        if candidate is not None:
            found.append(candidate)
        previous = span
    return found


def _dash_candidate(ctx: QuoteContext, span: MarkedSpan, interviewee: ActorRef | None) -> Candidate:
    """An interview turn: questions come from the interviewer, answers from the interviewee."""
    question = ctx.text[span.end - 1] == QUESTION
    speaker = None if question else interviewee
    return Candidate("direct", span.start, span.end, DASH_CUE, speaker, adjacent=True)


def _marked_candidate(
    ctx: QuoteContext, span: MarkedSpan, previous: MarkedSpan | None
) -> Candidate | None:
    words = word_count(ctx.text[span.start : span.end])
    tail = _tail(ctx, span)
    head = _head(ctx, span, previous)
    standalone = _standalone(ctx, head)
    after = _after(ctx, tail) if standalone or _comma_after(ctx, span, tail) else None
    attribution = after or _before(ctx, head)
    if attribution is None:
        if not standalone:
            attribution = _embedded(ctx, head, tail)
            if attribution is None and words < LONG_EMBEDDED_WORDS:
                return None
        else:
            attribution = _next_sentence(ctx, span, tail)
    attribution = attribution or NO_ATTRIBUTION
    if words < MIN_QUOTE_WORDS and not attribution.adjacent:
        return None
    return Candidate(
        "direct",
        span.start,
        span.end,
        attribution.cue,
        attribution.speaker,
        needs_prior=attribution.needs_prior,
        adjacent=attribution.adjacent,
        fallback_kinds=PERSON_FALLBACK if attribution.needs_prior else (),
    )


def _tail(ctx: QuoteContext, span: MarkedSpan) -> Region:
    """Tokens after the closing mark up to the end of the clause, paragraph or next quote."""
    first = ctx.token_at_or_after(span.close_at)
    _, block_end = ctx.block_of(max(span.close_at - 1, 0))
    last = first
    while last < len(ctx.tokens) and last - first < MAX_TAIL_TOKENS:
        token = ctx.tokens[last]
        if token.start >= block_end or token.text in TAIL_STOPS or ctx.in_direct(token.start):
            break
        last += 1
    return Region(first, last)


def _head(ctx: QuoteContext, span: MarkedSpan, previous: MarkedSpan | None) -> Region:
    """Tokens before the opening mark, back to the sentence start or the previous quote."""
    block_start, _ = ctx.block_of(span.open_at)
    floor = block_start if previous is None else max(block_start, previous.close_at)
    last = ctx.token_at_or_after(span.open_at)
    first = ctx.token_at_or_after(floor)
    if first < ctx.body_start <= last:
        first = ctx.body_start  # "Den Haag - "...": the dateline names no speaker
    for index in range(last - 1, first - 1, -1):
        if ctx.lows[index] in SENTENCE_ENDS:
            first = index + 1
            break
    if first == last and span.open_at == block_start + _leading_space(ctx, block_start):
        return _previous_paragraph_colon(ctx, block_start, last)
    return Region(first, last)


def _leading_space(ctx: QuoteContext, block_start: int) -> int:
    text = ctx.text
    index = block_start
    while index < len(text) and text[index].isspace():
        index += 1
    return index - block_start


def _previous_paragraph_colon(ctx: QuoteContext, block_start: int, last: int) -> Region:
    """``X zei:`` closing the paragraph before a quote that opens its own paragraph."""
    if last == 0 or ctx.lows[last - 1] != COLON:
        return Region(last, last)
    first = last - 1
    while (
        first > 0
        and ctx.lows[first - 1] not in SENTENCE_ENDS
        and not ctx.in_direct(ctx.tokens[first - 1].start)
    ):
        first -= 1
    return Region(first, last)


def _speaker_of_cue(ctx: QuoteContext, cue: Cue) -> ActorRef | None:
    return speaker_in(
        ctx, cue.region, skip_pp=not cue.impersonal, object_speaker=cue.object_speaker
    )


def _after(ctx: QuoteContext, tail: Region) -> Attribution | None:
    cue = cue_at(ctx, tail)
    if cue is None:
        return None
    speaker = _speaker_of_cue(ctx, cue)
    return Attribution(speaker, cue.text, adjacent=True, needs_prior=speaker is None)


def _before(ctx: QuoteContext, head: Region) -> Attribution | None:
    if head.empty:
        return None
    cue = cue_at(ctx, head)
    if (
        cue is not None
        and ctx.lows[head.first] in {",", *ctx.words.attribution_words}
        and _cue_reaches_quote(ctx, head)
    ):
        speaker = _speaker_of_cue(ctx, cue)  # '"...," zei X, "..."' and 'Aldus X: "..."'
        return Attribution(speaker, cue.text, adjacent=True, needs_prior=speaker is None)
    colon = ctx.lows[head.last - 1] == COLON
    reach = head.last - (HEAD_VERB_REACH + (1 if colon else 0))
    for index in range(head.last - 1, head.first - 1, -1):
        if ctx.in_direct(ctx.tokens[index].start):
            continue
        hit = speech_verb_at(ctx, index, head.last)
        if hit is None:
            continue
        if (
            colon
            or (index >= reach and _only_subject_after(ctx, hit.index, head))
            or _quote_is_object(ctx, hit, head)
        ):
            speaker = find_subject(ctx, hit, head.first, head.last)
            return Attribution(
                speaker, cue_text(ctx, hit), adjacent=True, needs_prior=speaker is None
            )
        break
    if colon:
        before_colon = Region(head.first, head.last - 1)
        speaker = speaker_in(ctx, before_colon) or speaker_in(ctx, before_colon, skip_pp=False)
        return Attribution(speaker, COLON, adjacent=True, needs_prior=speaker is None)
    return None


def _cue_reaches_quote(ctx: QuoteContext, head: Region) -> bool:
    """``, zei X, "..."`` / ``Aldus X: "..."``: the cue and its speaker lead straight to the
    quote. In ``Volgens X worden steeds vaker 'koks' ingezet`` the quote is a word of the clause."""
    return ctx.lows[head.last - 1] in LEAD_IN_MARKS or head.last - head.first <= SHORT_LEAD_IN


def _comma_after(ctx: QuoteContext, span: MarkedSpan, tail: Region) -> bool:
    """A comma closes the quoted words (inside or after the marks): ``"...", zei X``.

    Without it, a quote inside a sentence is one of its phrases ("In 'De Zevende Dag' zei X").
    """
    if "," in ctx.text[span.end : span.close_at]:
        return True
    return not tail.empty and ctx.lows[tail.first] == ","


def _only_subject_after(ctx: QuoteContext, verb: int, head: Region) -> bool:
    """``Hij zei "..."`` or ``zei Jansen "..."``: at most the speaker between verb and quote.

    ``Dat schrijft "De Standaard"`` (the quote is the source) and ``zei hij in "De Zevende Dag"``
    (the quote is a title after a preposition) do not count.
    """
    words = ctx.words
    if (
        ctx.lows[head.first] in words.anaphoric_openers
        or ctx.lows[head.last - 1] in words.prepositions
    ):
        return False
    after = Region(verb + 1, head.last)
    if after.empty:
        return True
    first = ctx.tokens[after.first]
    names_speaker = ctx.lows[after.first] in words.pronouns or ctx.mention_starting_in(first)
    return bool(names_speaker) and speaker_in(ctx, after) is not None


def _quote_is_object(ctx: QuoteContext, hit: VerbHit, head: Region) -> bool:
    """The quoted words are what the verb says: ``X sprak (...) van een "keerpunt"`` (a
    preposition the verb takes, then at most one article) or ``X noemde het plan "naïef"`` (a
    "rest" verb with a short object and no clause break in between)."""
    words = ctx.words
    verb = hit.verb
    last = head.last
    if last - hit.last - 1 > OBJECT_REACH:
        return False
    if verb.quote_preps:
        prep = last - 1
        if prep > hit.last and ctx.lows[prep] in words.np_fillers:
            prep -= 1
        if prep > hit.last and ctx.lows[prep] in verb.quote_preps:
            return not any(ctx.lows[i] in CLAUSE_STOPS for i in range(hit.last + 1, prep))
    if verb.rest and not ctx.lows[hit.index].startswith(PARTICIPLE_PREFIX):
        between = range(hit.last + 1, last)
        return 0 < len(between) <= REST_OBJECT_TOKENS and not any(
            ctx.lows[i] in CLAUSE_BREAKS or ctx.in_direct(ctx.tokens[i].start) for i in between
        )
    return False


def _standalone(ctx: QuoteContext, head: Region) -> bool:
    """True when nothing but punctuation stands before the quote in its sentence."""
    return all(not ctx.tokens[i].text[0].isalnum() for i in range(head.first, head.last))


def _embedded(ctx: QuoteContext, head: Region, tail: Region) -> Attribution | None:
    """A quote inside a sentence: attributed to the subject of a speech verb in that sentence."""
    for region in (head, tail):
        for index in range(region.first, region.last):
            if ctx.in_direct(ctx.tokens[index].start):
                continue
            hit = speech_verb_at(ctx, index, region.last)
            if hit is not None:
                speaker = find_subject(ctx, hit, head.first, region.last)
                return Attribution(speaker, cue_text(ctx, hit), False, speaker is None)
    return None


def _next_sentence(ctx: QuoteContext, span: MarkedSpan, tail: Region) -> Attribution | None:
    """``"...". Dat zei X.`` or a following sentence whose speech verb has a subject."""
    start = tail.last
    if ctx.text[span.end - 1] in SENTENCE_ENDS:
        start = tail.first  # the quote closed its sentence: the tail is the next sentence
    elif start < len(ctx.tokens) and ctx.lows[start] in TAIL_STOPS:
        start += 1
    _, block_end = ctx.block_of(max(span.close_at - 1, 0))
    if start >= len(ctx.tokens) or ctx.tokens[start].start >= block_end:
        return None
    tokens = ctx.sentence_range(ctx.token_sentence[start])
    first = max(tokens.start, start)
    if any(ctx.in_direct(ctx.tokens[i].start) for i in range(first, tokens.stop)):
        return None
    if ctx.lows[first] in ctx.words.anaphoric_openers:
        cue = cue_at(ctx, Region(first + 1, tokens.stop))
        if cue is not None:
            return Attribution(_speaker_of_cue(ctx, cue), cue.text, adjacent=True)
    for index in range(first, tokens.stop):
        hit = speech_verb_at(ctx, index, tokens.stop)
        if hit is not None:
            speaker = find_subject(ctx, hit, first, tokens.stop)
            if speaker is not None:
                return Attribution(speaker, cue_text(ctx, hit), adjacent=False)
            return None
    return None
