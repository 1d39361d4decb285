"""``Page``: what a reader recovered from one input before it becomes an ``Article``.

Every reader (crawl text, JSONL/CSV rows, HTML, feeds, WARC) produces a ``Page``;
``build.make_article`` turns it into an ``Article`` the same way for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kroniek.models import PhotoCredit

PARAGRAPH = "paragraph"
HEADING = "heading"


@dataclass(slots=True)
class Block:
    text: str
    kind: str = PARAGRAPH  # paragraph | heading


@dataclass(slots=True)
class Page:
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    time_of_day: str | None = None
    agencies: list[str] = field(default_factory=list)
    photo_credits: list[PhotoCredit] = field(default_factory=list)
    caption: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None  # when the source declares it (HTML lang, feed language)
