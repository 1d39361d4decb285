"""The reported clause of an indirect quote: a token range turned into an exact text span.

Shared by ``quote_indirect`` (clauses after and before a speech verb) and ``quote_sources``
("volgens X", "Dat meldt X", "luidt het").
"""

from __future__ import annotations

from bisect import bisect_right

from kroniek.extract.quote_context import Candidate, QuoteContext
from kroniek.models import ActorRef

MIN_CLAUSE_TOKENS = 3
SENTENCE_END_PUNCT = frozenset(".!?…")
QUOTE_OPENING_AFTER = frozenset(".!?…:")  # a quote after these starts a new sentence
TRIM_CHARS = " \t\n,;:-–—"
MAX_QUOTES_IN_CLAUSE = 20  # quoted fragments looked at inside one reported clause


def outside(ctx: QuoteContext, index: int) -> bool:
    """True when token ``index`` is not inside a direct quote."""
    return not ctx.in_direct(ctx.tokens[index].start)


def clause(
    ctx: QuoteContext,
    first: int,
    last: int,
    cue: str | None,
    speaker: ActorRef | None,
    priority: int,
    *,
    needs_prior: bool = False,
    fallback_kinds: tuple[str, ...] = (),
) -> Candidate | None:
    """A candidate for tokens [first, last), cut before a quote that runs past its end."""
    if last - first < MIN_CLAUSE_TOKENS:
        return None
    start = ctx.tokens[first].start
    end = quote_boundary(ctx, start, ctx.tokens[last - 1].end)
    text = ctx.text
    while end > start and (text[end - 1] in TRIM_CHARS or text[end - 1] in SENTENCE_END_PUNCT):
        end -= 1
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    if end <= start:
        return None
    return Candidate(
        "indirect",
        start,
        end,
        cue,
        speaker,
        needs_prior=needs_prior,
        priority=priority,
        fallback_kinds=fallback_kinds,
    )


def quote_boundary(ctx: QuoteContext, start: int, end: int) -> int:
    """Cut a clause before a quote that opens a new sentence or runs past the clause end."""
    index = bisect_right(ctx.direct_starts, start)
    stop = min(len(ctx.direct), index + MAX_QUOTES_IN_CLAUSE)
    while index < stop and ctx.direct[index].open_at < end:
        quote = ctx.direct[index]
        before = ctx.text[start : quote.open_at].rstrip()
        if quote.close_at > end or (before and before[-1] in QUOTE_OPENING_AFTER):
            return quote.open_at
        index += 1
    if index == stop < len(ctx.direct) and ctx.direct[index].open_at < end:
        return ctx.direct[index].open_at
    return end
