"""Indirect (reported) speech without quotation marks: ``indirect_candidates(ctx)``.

Patterns, each giving the reported clause as the quote's text:
- ``X zei dat <clause>`` / ``X laat weten dat`` / ``X vroeg of`` / ``X zegt te <infinitive>`` /
  ``X noemde <rest>`` (priority 3): the clause after "dat"/"of", or after the verb;
- ``<clause>, zegt X.`` / ``<clause>, aldus X.`` / ``<clause>, zo meldt X`` / ``<clause>, luidt
  het.`` (priority 2): the clause before the cue;
- "volgens X", "Dat meldt X.", inserted cues and "klonk het dat": see ``quote_sources``.

Tokens inside direct quotes are skipped: a speech verb inside a quote belongs to the quoted words.
"""

from __future__ import annotations

from kroniek.extract.quote_clauses import MIN_CLAUSE_TOKENS, SENTENCE_END_PUNCT, clause, outside
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
from kroniek.extract.quote_sources import (
    SOURCE_KINDS,
    anaphoric,
    impersonal_that,
    inserted,
    passive_report,
    volgens,
    volgens_inside,
)
from kroniek.extract.quote_speakers import Region, speaker_in

THAT_CLAUSE, TAIL_CLAUSE = 3, 2
MAX_COMPLEMENTISER_GAP = 12  # "zei zaterdag in een toespraak voor het parlement dat"
MAX_TAIL_TOKENS = 12  # ", zei de woordvoerder van het ministerie van Buitenlandse Zaken."
TE = "te"
OM = "om"  # "stelt voor om ... te": the complementiser before a te-infinitive
SUBJECT_REACH = 2  # "Maandag zegt NS ... te": the subject right after the verb
PARTICIPLE_PREFIX = "ge"
VERB_TAGS = frozenset({"VERB", "AUX"})
DETERMINER = "DET"
TRAILING_ZO = "zo"  # ", zo blijkt uit de cijfers": the sentence's own source, not the clause


def indirect_candidates(ctx: QuoteContext) -> list[Candidate]:
    """Every reading of reported speech, sentence by sentence (overlaps are settled later)."""
    found: list[Candidate] = []
    for sentence in range(len(ctx.sentences)):
        tokens = ctx.sentence_range(sentence)
        first = ctx.body_start if tokens.start < ctx.body_start < tokens.stop else tokens.start
        last = tokens.stop
        while last > tokens.start and ctx.lows[last - 1] in SENTENCE_END_PUNCT:
            last -= 1
        if last - first < MIN_CLAUSE_TOKENS:
            continue
        region = Region(first, last)
        found.extend(_that_clauses(ctx, region))
        found.extend(_tail_clauses(ctx, region))
        found.extend(volgens(ctx, region))
        found.extend(anaphoric(ctx, sentence, region))
        found.extend(inserted(ctx, region))
        found.extend(impersonal_that(ctx, region))
    return found


def _that_clauses(ctx: QuoteContext, region: Region) -> list[Candidate]:
    """``X zei dat ...``, ``X vroeg of ...``, ``X zegt te ...``."""
    found = []
    for index in range(region.first, region.last):
        if not outside(ctx, index):
            continue
        hit = speech_verb_at(ctx, index, region.last)
        if hit is None:
            continue
        opener = _complementiser(ctx, hit, region.last)
        if opener is not None:
            speaker = find_subject(ctx, hit, region.first, opener)
            first = opener + 1
        elif _te_follows(ctx, hit, region.last) or _rest_follows(ctx, hit):
            first = hit.last + 1
            if first < region.last and ctx.lows[first] == OM:
                first += 1  # "stelt voor om de tarieven te verhogen": what is proposed
            speaker = find_subject(ctx, hit, region.first, min(first + SUBJECT_REACH, region.last))
        else:
            continue
        if speaker is None:
            continue
        last = _before_trailing_cue(ctx, first, _before_second_verb(ctx, first, region.last))
        candidate = clause(ctx, first, last, cue_text(ctx, hit), speaker, THAT_CLAUSE)
        if candidate is not None:
            found.append(candidate)
    return found


def _before_second_verb(ctx: QuoteContext, first: int, last: int) -> int:
    """End a reported clause before "en"/"maar" and a second verb of the speaker with its
    object: ``ontkende dat het leger burgers viseert en noemde de berichten ...``. A verb that
    ends the clause or is followed by another verb stays in it (``dat hij komt en gaat``,
    ``dat de regering faalt en moet aftreden``)."""
    words = ctx.words
    for index in range(first + MIN_CLAUSE_TOKENS, last - 2):
        if ctx.lows[index] not in words.verb_coordinators or not outside(ctx, index):
            continue
        if not _is_verb(ctx, index + 1):
            continue
        following = ctx.lows[index + 2]
        if following in words.np_fillers or ctx.tokens[index + 2].pos == DETERMINER:
            return index
    return last


def _is_verb(ctx: QuoteContext, index: int) -> bool:
    pos = ctx.tokens[index].pos
    if pos:
        return pos in VERB_TAGS
    low = ctx.lows[index]
    return ctx.verbs.is_form(low) or low in ctx.words.finite_verbs


def _before_trailing_cue(ctx: QuoteContext, first: int, last: int) -> int:
    """End a reported clause before a closing ``, zo blijkt uit ...`` or ``, aldus X``."""
    for index in range(max(first, last - MAX_TAIL_TOKENS), last - 1):
        if ctx.lows[index] != ",":
            continue
        following = ctx.lows[index + 1]
        if following == TRAILING_ZO or cue_at(ctx, Region(index, last)) is not None:
            return index
    return last


def _complementiser(ctx: QuoteContext, hit: VerbHit, last: int) -> int | None:
    words = ctx.words
    if not hit.verb.takes_that:
        return None
    for probe in range(hit.index + 1, min(last, hit.index + 1 + MAX_COMPLEMENTISER_GAP)):
        low = ctx.lows[probe]
        if low in CLAUSE_STOPS or not outside(ctx, probe):
            return None
        if low in words.that_words or (hit.verb.takes_of and low in words.whether_words):
            return probe
    return None


def _te_follows(ctx: QuoteContext, hit: VerbHit, last: int) -> bool:
    """``X zegt het gesprek te willen voeren``: "te" in the same clause after the verb."""
    if not hit.verb.takes_te:
        return False
    for probe in range(hit.last + 1, min(last - 1, hit.last + 1 + MAX_COMPLEMENTISER_GAP)):
        low = ctx.lows[probe]
        if low == TE:
            return True
        if low in CLAUSE_BREAKS or not outside(ctx, probe):
            return False
    return False


def _rest_follows(ctx: QuoteContext, hit: VerbHit) -> bool:
    """``X noemde de aanval een schande``: a finite form (not a participle) of a "rest" verb."""
    return hit.verb.rest and not ctx.lows[hit.index].startswith(PARTICIPLE_PREFIX)


def _tail_clauses(ctx: QuoteContext, region: Region) -> list[Candidate]:
    """``<clause>, zegt X.``: the cue sits after the last comma and closes the sentence."""
    floor = max(region.first + MIN_CLAUSE_TOKENS, region.last - MAX_TAIL_TOKENS)
    for index in range(region.last - 1, floor - 1, -1):
        low = ctx.lows[index]
        comma = low == ","
        bare = low in ctx.words.attribution_words or (low == "zo" and index + 1 < region.last)
        if not (comma or bare) or not outside(ctx, index):
            continue
        cue = cue_at(ctx, Region(index, region.last))
        if cue is None or (not comma and cue.index > index + 1):
            continue
        if volgens_inside(ctx, cue, region.last):
            continue  # "..., volgens hem op een andere manier": not a closing source
        if any(ctx.in_direct(ctx.tokens[i].start) for i in range(region.first, index)):
            return []  # the clause is (partly) a direct quote: quote_direct attributes it
        if passive_report(ctx, Region(region.first, index)):
            return []  # "Dat is bekendgemaakt, zo meldt X": X reported the sentence before
        candidate = _tail_candidate(ctx, cue, region.first, index)
        return [candidate] if candidate is not None else []
    return []


def _tail_candidate(ctx: QuoteContext, cue: Cue, first: int, last: int) -> Candidate | None:
    speaker = speaker_in(
        ctx, cue.region, skip_pp=not cue.impersonal, object_speaker=cue.object_speaker
    )
    if speaker is None and not cue.impersonal:
        return None
    return clause(
        ctx,
        first,
        last,
        cue.text,
        speaker,
        TAIL_CLAUSE,
        needs_prior=speaker is None,
        fallback_kinds=SOURCE_KINDS if cue.impersonal else (),
    )
