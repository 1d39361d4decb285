"""Quote extraction and speaker attribution: ``extract(doc) -> list[Quote]``.

Direct quotes (``quote_marks`` finds them, ``quote_direct`` attributes them) and indirect speech
(``quote_indirect``) are found separately and then settled:

- Two indirect readings of the same words: the more specific pattern wins ("X zei dat" over
  "<clause>, zei X" over "volgens X" / "Dat meldt X"), then the earlier (outer) one.
- An indirect clause that contains a direct quote: when the quote makes up most of the clause
  (``X zei dat "..."``) the direct quote is kept and takes the clause's speaker; otherwise the
  indirect clause is kept and the quoted fragments inside it are dropped, since the clause already
  holds their words verbatim. The same words are never output twice.
- A quote standing alone (a second quote after an attributed one) takes the speaker of the quote
  before it when that one ended close by, else the nearest person named before it. "luidt het"
  goes to an actor named after the previous quote (the sentence before it introduced a new
  source), else to the previous quote's speaker, else to the nearest actor named before it.
  "The nearest" is the first such actor, outside a prepositional phrase, of the sentence that
  names the nearest one: its subject rather than its object ("X gaf Y het vertrouwen").
- A quote in the title or a sub-heading is a headline label ("Minister: 'geen oplossing'", a
  sub-heading "'Ik stap op'" standing alone), not speech, unless the heading itself names its
  speaker and quotes at least ``MIN_QUOTE_WORDS`` words ("Minister: 'We sluiten de grens
  morgen'").
- Indirect speech needs a speaker; a direct quote without one is kept only with at least
  ``MIN_QUOTE_WORDS`` words.

Offsets are exact: every quote's ``text == doc.text[start:end]``. A quote running over several
paragraphs is one quote whose text includes the paragraph break and the re-opening mark.
"""

from __future__ import annotations

from bisect import bisect_left

from kroniek.extract.quote_context import Candidate, QuoteContext, build_context
from kroniek.extract.quote_direct import MIN_QUOTE_WORDS, direct_candidates
from kroniek.extract.quote_indirect import indirect_candidates
from kroniek.extract.quote_marks import MarkedSpan, dash_turns, find_marked, word_count
from kroniek.extract.quote_speakers import actor_ref, sentence_subject
from kroniek.models import ActorRef, Doc, Quote

INDIRECT = "indirect"
DIRECT_COVERAGE = 0.8  # share of an indirect clause a direct quote must fill to replace it
MAX_PRIOR_GAP = 600  # characters between a quote and the earlier quote it takes its speaker from


def extract(doc: Doc) -> list[Quote]:
    """Direct and indirect quotes of ``doc`` with their speakers, in text order."""
    if not doc.text:
        return []
    ctx = build_context(doc)
    ctx.set_direct(_direct_spans(ctx))
    direct = [c for c in direct_candidates(ctx) if not _headline(ctx, c)]
    # Scare quotes and titles were not kept: their words are ordinary text from here on.
    kept_spans = {(c.start, c.end) for c in direct}
    ctx.set_direct([s for s in ctx.direct if (s.start, s.end) in kept_spans])
    indirect = _one_reading(indirect_candidates(ctx))
    kept = sorted(_settle(direct, indirect), key=lambda c: (c.start, c.end))
    _fill_prior_speakers(ctx, kept)
    return [_quote(ctx, c) for c in kept if _worth_keeping(ctx, c)]


def _direct_spans(ctx: QuoteContext) -> list[MarkedSpan]:
    """Quotation-mark spans and interview turns; marks inside a turn belong to the turn."""
    turns = dash_turns(ctx.text, ctx.blocks)
    marked = find_marked(ctx.text, ctx.blocks)
    if not turns:
        return marked
    turn_starts = [t.open_at for t in turns]
    spans = list(turns)
    for span in marked:
        index = bisect_left(turn_starts, span.open_at + 1) - 1
        inside = index >= 0 and span.open_at < turns[index].close_at
        if not inside:
            spans.append(span)
    return spans


def _headline(ctx: QuoteContext, candidate: Candidate) -> bool:
    """A quote in a heading that is a label rather than speech (see the module doc)."""
    if not ctx.in_heading(candidate.start, candidate.end):
        return False
    attributed = candidate.speaker is not None and candidate.adjacent
    long = word_count(ctx.text[candidate.start : candidate.end]) >= MIN_QUOTE_WORDS
    return not (attributed and long)


def _one_reading(candidates: list[Candidate]) -> list[Candidate]:
    """Of overlapping indirect candidates keep the higher priority (then the earlier one)."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if kept and candidate.start < kept[-1].end:
            if candidate.priority > kept[-1].priority:
                kept[-1] = candidate
            continue
        kept.append(candidate)
    return kept


def _settle(direct: list[Candidate], indirect: list[Candidate]) -> list[Candidate]:
    """Keep either the indirect clause or the direct quotes inside it, never both."""
    direct = sorted(direct, key=lambda c: c.start)
    ends = [c.end for c in direct]
    dropped: set[int] = set()
    kept_indirect: list[Candidate] = []
    for clause in indirect:
        first = bisect_left(ends, clause.start + 1)
        overlapping = []
        for index in range(first, len(direct)):
            if direct[index].start >= clause.end:
                break
            overlapping.append(index)
        covered = sum(
            min(clause.end, direct[i].end) - max(clause.start, direct[i].start) for i in overlapping
        )
        if overlapping and covered >= DIRECT_COVERAGE * (clause.end - clause.start):
            for index in overlapping:
                _adopt(direct[index], clause)
            continue
        for index in overlapping:
            if clause.start <= direct[index].start and direct[index].end <= clause.end:
                dropped.add(index)
        kept_indirect.append(clause)
    return [c for i, c in enumerate(direct) if i not in dropped] + kept_indirect


def _adopt(quote: Candidate, clause: Candidate) -> None:
    """A direct quote that fills an indirect clause takes its speaker when it has none nearby."""
    if quote.speaker is None or not quote.adjacent:
        quote.speaker = clause.speaker
        quote.cue = clause.cue
        quote.needs_prior = clause.needs_prior
        quote.fallback_kinds = clause.fallback_kinds


def _fill_prior_speakers(ctx: QuoteContext, quotes: list[Candidate]) -> None:
    """Give "luidt het" and stand-alone quotes the speaker of the quote just before them."""
    last_speaker = None
    last_end = -MAX_PRIOR_GAP - 1
    for quote in quotes:
        if quote.speaker is None and quote.needs_prior:
            nearest = _nearest_speaker(ctx, quote, after=last_end) if quote.impersonal else None
            if nearest is not None:
                quote.speaker = nearest  # "luidt het" after a sentence naming a new source
            elif quote.start - last_end <= MAX_PRIOR_GAP:
                quote.speaker = last_speaker
            elif quote.fallback_kinds:
                quote.speaker = _nearest_speaker(ctx, quote)
        if quote.speaker is not None:
            last_speaker, last_end = quote.speaker, quote.end


def _nearest_speaker(ctx: QuoteContext, quote: Candidate, after: int = -1) -> ActorRef | None:
    """The nearest fitting actor mentioned before a quote (and after offset ``after``)."""
    mention = ctx.nearest_before(quote.start, quote.fallback_kinds)
    if mention is None or quote.start - mention.end > MAX_PRIOR_GAP or mention.start < after:
        return None
    subject = sentence_subject(ctx, mention, quote.fallback_kinds)
    return actor_ref(subject if subject.start >= after else mention)


def _worth_keeping(ctx: QuoteContext, candidate: Candidate) -> bool:
    if candidate.speaker is not None:
        return True
    if candidate.kind == INDIRECT:
        return False
    return word_count(ctx.text[candidate.start : candidate.end]) >= MIN_QUOTE_WORDS


def _quote(ctx: QuoteContext, candidate: Candidate) -> Quote:
    return Quote(
        kind=candidate.kind,
        text=ctx.text[candidate.start : candidate.end],
        start=candidate.start,
        end=candidate.end,
        cue=candidate.cue,
        speaker=candidate.speaker,
    )
