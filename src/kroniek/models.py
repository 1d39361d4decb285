"""The plain data that flows through kroniek's stages.

Every stage is a function from these dataclasses to these dataclasses, so the same code runs in
one process, in a process pool, or on a Dask worker. Offsets are Python string indices into
``Article.text`` (end exclusive), exactly as in the output contract (SCHEMA.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(slots=True)
class PhotoCredit:
    """A photo agency credited in a ``Bron:`` line, with how many photos it supplied."""

    name: str
    count: int = 1


@dataclass(slots=True)
class Article:
    """One news article as read from its source, before any language analysis."""

    id: str
    text: str
    source_file: str
    line: int | None = None  # line (JSONL/CSV) or record number (WARC, feed) inside source_file
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO 8601 at the precision known: YYYY, YYYY-MM, YYYY-MM-DD, ...
    time_of_day: str | None = None  # "10:53" when the page gives one
    agencies: list[str] = field(default_factory=list)
    photo_credits: list[PhotoCredit] = field(default_factory=list)
    caption: str | None = None
    paragraphs: list[Span] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)
    language: str | None = None
    format: str = "crawl"  # reader that produced it: crawl, jsonl, csv, html, feed, warc


@dataclass(slots=True)
class IngestError:
    """An input that could not be read, with where it was and why."""

    source_file: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.source_file if self.line is None else f"{self.source_file}:{self.line}"
        return f"{where}: {self.reason}"


# --- language layer -------------------------------------------------------------------------


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    lemma: str = ""
    pos: str = ""  # UD UPOS tag when known


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)


@dataclass(slots=True)
class NamedSpan:
    """A named-entity span found by the tagger (before resolution)."""

    label: str  # PER | ORG | LOC | MISC
    start: int
    end: int
    text: str
    sentence: int  # index into Doc.sentences


# --- resolved layer -------------------------------------------------------------------------


@dataclass(slots=True)
class Mention:
    text: str
    start: int
    end: int
    sentence: int | None = None


@dataclass(slots=True)
class Entity:
    """A canonical actor or named thing: a dictionary entry or a generated one for unknown names."""

    id: str  # "kroniek:vladimir-putin"
    name: str
    type: str  # PER | ORG | GPE | LOC | MISC
    country: str | None = None  # ISO 3166-1 alpha-3 or IGO code
    role: str | None = None  # CAMEO-style sector: GOV, MIL, REB, ...
    mentions: list[Mention] = field(default_factory=list)
    generic: bool = False  # a group described by nationality + role ("Russische troepen")

    @property
    def code(self) -> str | None:
        if self.country is None and self.role is None:
            return None
        return (self.country or "---") + (self.role or "")


@dataclass(slots=True)
class Place:
    id: str  # "geonames:173579"
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class TimeRef:
    text: str
    value: str  # ISO at the precision the expression carries
    start: int
    end: int


@dataclass(slots=True)
class ActorRef:
    """An event argument or a quote's speaker: a resolved entity, or just a code or a name."""

    entity: str | None = None
    code: str | None = None
    name: str | None = None


@dataclass(slots=True)
class Event:
    plover: str
    cameo: str
    quad_class: int
    goldstein: float
    trigger: Mention
    sentence: int
    rule: str
    source: ActorRef | None = None
    target: ActorRef | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted | intended | hypothetical | reported
    reported_by: str | None = None
    location: str | None = None
    date: str | None = None


@dataclass(slots=True)
class Quote:
    kind: str  # direct | indirect
    text: str
    start: int
    end: int
    cue: str | None = None
    speaker: ActorRef | None = None


@dataclass(slots=True)
class Doc:
    """An article and everything the analysis found in it; each stage fills its own field."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    names: list[NamedSpan] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    story: str | None = None

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence that contains character ``offset``."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            sent = self.sentences[mid]
            if offset < sent.start:
                hi = mid - 1
            elif offset >= sent.end:
                lo = mid + 1
            else:
                return mid
        return None

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), if any."""
        for entity in self.entities:
            for mention in entity.mentions:
                if mention.start < end and start < mention.end:
                    return entity
        return None
