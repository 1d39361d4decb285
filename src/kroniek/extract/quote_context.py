"""Indexes over one document that quote extraction queries many times.

Tokens are flattened across sentences with lower-cased text; entity mentions of actors are kept
sorted by offset so that "the actors between two offsets" and "the nearest person before an
offset" are binary searches.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from kroniek.extract.event_context import dateline
from kroniek.extract.quote_lexicon import QuoteWords, SpeechLexicon, quote_words, speech_lexicon
from kroniek.extract.quote_marks import MarkedSpan
from kroniek.models import ActorRef, Doc, Entity, Sentence, Span, Token
from kroniek.nlp import tokenize

MAX_MENTION_LOOKBACK = 200  # mentions looked at when searching back for an antecedent


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    entity: Entity
    surface: str = ""

    @property
    def last_word(self) -> str:
        """The last word of the mention: "woordvoerder" in "de Kremlin-woordvoerder"."""
        words = self.surface.replace("-", " ").split()
        return words[-1] if words else ""


@dataclass(slots=True)
class QuoteContext:
    """Everything quote extraction needs to know about one document."""

    text: str
    sentences: list[Sentence]
    blocks: list[Span]
    headings: list[Span] = field(default_factory=list)  # title and sub-headings
    body_start: int = 0  # first token after the dateline ("Den Haag - "), else 0
    tokens: list[Token] = field(default_factory=list)
    lows: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    token_sentence: list[int] = field(default_factory=list)
    sentence_tokens: list[Span] = field(default_factory=list)  # token index range per sentence
    mentions: list[ActorMention] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)
    not_actor_starts: frozenset[int] = frozenset()  # places and things: never a speaker's name
    direct: list[MarkedSpan] = field(default_factory=list)
    direct_starts: list[int] = field(default_factory=list)
    pronoun_cache: dict[int, ActorRef | None] = field(default_factory=dict)  # by token index
    places: list[tuple[int, str]] = field(default_factory=list)  # (start, country) of places
    ministry_cache: dict[str, ActorRef | None] = field(default_factory=dict)  # by entity id
    words: QuoteWords = field(default_factory=quote_words)
    verbs: SpeechLexicon = field(default_factory=speech_lexicon)

    # --- tokens -------------------------------------------------------------------------

    def token_at_or_after(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_left(self.starts, offset)

    def token_range(self, lo: int, hi: int) -> range:
        """Indices of the tokens that start in [lo, hi)."""
        return range(bisect_left(self.starts, lo), bisect_left(self.starts, hi))

    def sentence_range(self, sentence: int) -> range:
        first, last = self.sentence_tokens[sentence]
        return range(first, last)

    def in_heading(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside the title or a sub-heading."""
        return any(lo <= start and end <= hi for lo, hi in self.headings)

    def block_of(self, offset: int) -> Span:
        """The paragraph containing ``offset`` (or the nearest one before it)."""
        index = bisect_right(self.blocks, (offset, len(self.text) + 1)) - 1
        return self.blocks[max(index, 0)] if self.blocks else (0, len(self.text))

    # --- direct quotes ------------------------------------------------------------------

    def set_direct(self, spans: list[MarkedSpan]) -> None:
        self.direct = sorted(spans, key=lambda s: s.open_at)
        self.direct_starts = [s.open_at for s in self.direct]

    def direct_at(self, offset: int) -> MarkedSpan | None:
        """The direct quote (marks included) that contains ``offset``."""
        index = bisect_right(self.direct_starts, offset) - 1
        if index >= 0 and offset < self.direct[index].close_at:
            return self.direct[index]
        return None

    def in_direct(self, offset: int) -> bool:
        return self.direct_at(offset) is not None

    # --- actors -------------------------------------------------------------------------

    def actors_in(self, lo: int, hi: int) -> list[ActorMention]:
        """Actor mentions that start in [lo, hi) and lie outside direct quotes."""
        first = bisect_left(self.mention_starts, lo)
        last = bisect_left(self.mention_starts, hi)
        return [m for m in self.mentions[first:last] if not self.in_direct(m.start)]

    def mention_starting_in(self, token: Token) -> ActorMention | None:
        """The (longest) actor mention that starts inside ``token``."""
        found = self.actors_in(token.start, token.end)
        return max(found, key=lambda m: m.end - m.start) if found else None

    def nearest_before(self, offset: int, kinds: tuple[str, ...]) -> ActorMention | None:
        """The closest actor mention ending before ``offset`` whose entity matches ``kinds``.

        ``kinds`` holds entity types ("PER", "ORG", ...) and/or "generic" for groups.
        Mentions inside direct quotes are skipped: a name inside a quote is rarely its speaker.
        """
        index = bisect_left(self.mention_starts, offset) - 1
        floor = max(-1, index - MAX_MENTION_LOOKBACK)
        while index > floor:
            mention = self.mentions[index]
            entity = mention.entity
            fits = entity.type in kinds or ("generic" in kinds and entity.generic)
            if fits and mention.end <= offset and not self.in_direct(mention.start):
                return mention
            index -= 1
        return None


def build_context(doc: Doc) -> QuoteContext:
    """Index ``doc``; sentences are re-split when the document has none yet."""
    text = doc.text
    blocks = tokenize.split_blocks(text, [*doc.article.paragraphs, *doc.article.headings])
    sentences = doc.sentences or tokenize.split(text, blocks)
    context = QuoteContext(
        text=text, sentences=sentences, blocks=blocks, headings=list(doc.article.headings)
    )
    for index, sentence in enumerate(sentences):
        first = len(context.tokens)
        for token in sentence.tokens:
            context.tokens.append(token)
            context.lows.append(token.text.lower())
            context.starts.append(token.start)
            context.token_sentence.append(index)
        context.sentence_tokens.append((first, len(context.tokens)))
    speaker_types = context.words.speaker_types
    mentions = [
        ActorMention(m.start, m.end, entity, text[m.start : m.end])
        for entity in doc.entities
        if entity.type in speaker_types or entity.generic
        for m in entity.mentions
        if 0 <= m.start < m.end <= len(text)
    ]
    context.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
    context.not_actor_starts = frozenset(
        [m.start for p in doc.places for m in p.mentions]
        + [
            m.start
            for entity in doc.entities
            if entity.type not in speaker_types and not entity.generic
            for m in entity.mentions
        ]
    )
    context.mention_starts = [m.start for m in context.mentions]
    context.body_start = _body_start(doc, context)
    context.places = sorted(
        {(m.start, p.country) for p in doc.places if p.country for m in p.mentions}.union(
            (m.start, entity.country)
            for entity in doc.entities
            if entity.type == "GPE" and entity.country
            for m in entity.mentions
        )
    )
    return context


def _body_start(doc: Doc, context: QuoteContext) -> int:
    """The first token after the dateline: "Den Haag - De oppositie eist ..." names where the
    story was filed, so the place before the dash is never a speaker."""
    if context.sentences is not doc.sentences:
        return 0
    found = dateline(doc)
    if found is None:
        return 0
    sentence, dash = found
    return context.sentence_tokens[sentence][0] + dash + 1


@dataclass(slots=True)
class Candidate:
    """A quote found by one of the patterns, before overlaps are settled.

    ``needs_prior``: the speaker is whoever spoke last ("luidt het", a quote standing alone).
    ``adjacent``: a direct quote whose attribution stands right next to its marks.
    ``priority``: which of two overlapping indirect readings wins (higher wins).
    ``fallback_kinds``: with no earlier quote close by, the nearest actor of these kinds speaks.
    """

    kind: str
    start: int
    end: int
    cue: str | None = None
    speaker: ActorRef | None = None
    needs_prior: bool = False
    adjacent: bool = False
    priority: int = 0
    fallback_kinds: tuple[str, ...] = ()  # else the nearest actor of these kinds before it

    @property
    def impersonal(self) -> bool:
        """A "luidt het" quote: it refers back to a source, which may be newly named."""
        return self.kind == "indirect" and bool(self.fallback_kinds)
