"""Builders for quote tests: a Doc from Dutch text and the actors named in it.

Holds no tests itself; ``test_quotes*.py`` import from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kroniek.extract.quotes import extract
from kroniek.models import Article, Doc, Entity, Mention, Quote
from kroniek.nlp import tokenize


@dataclass(frozen=True)
class Actor:
    """An actor for a test document: every surface form is found in the text as a mention."""

    id: str
    name: str
    type: str
    surfaces: tuple[str, ...]
    country: str | None = None
    role: str | None = None
    generic: bool = False


def find_all(text: str, surface: str) -> list[tuple[int, int]]:
    """Offsets of ``surface`` as a whole word (or words) in ``text``."""
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def make_doc(text: str, *actors: Actor) -> Doc:
    """A Doc with paragraphs (blank-line separated), sentences and the given actors' mentions."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    article = Article(id="test", text=text, source_file="test.txt", paragraphs=paragraphs)
    doc = Doc(article=article, sentences=tokenize.split(text, paragraphs))
    for actor in actors:
        spans = sorted({s for surface in actor.surfaces for s in find_all(text, surface)})
        mentions = [Mention(text[s:e], s, e, doc.sentence_index(s)) for s, e in spans]
        doc.entities.append(
            Entity(
                id=actor.id,
                name=actor.name,
                type=actor.type,
                country=actor.country,
                role=actor.role,
                mentions=_outermost(mentions),
                generic=actor.generic,
            )
        )
    return doc


def _outermost(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def quotes(text: str, *actors: Actor) -> list[Quote]:
    """Extracted quotes, after checking that every offset is exact."""
    found = extract(make_doc(text, *actors))
    for quote in found:
        assert quote.text == text[quote.start : quote.end]
    return found


def speaker_names(found: list[Quote]) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in found]


RUTTE = Actor("kroniek:mark-rutte", "Mark Rutte", "PER", ("Mark Rutte", "Rutte"), "NLD", "GOV")
PEETERS = Actor("kroniek:an-peeters", "An Peeters", "PER", ("An Peeters", "Peeters"), "BEL", "LAB")
JANSSENS = Actor(
    "kroniek:tom-janssens", "Tom Janssens", "PER", ("Tom Janssens", "Janssens"), "BEL", "GOV"
)
POLICE = Actor(
    "kroniek:federale-politie",
    "Federal Police",
    "ORG",
    ("federale politie", "politie"),
    "BEL",
    "COP",
)
KREMLIN = Actor("kroniek:kremlin", "Kremlin", "ORG", ("Kremlin",), "RUS", "GOV")
PUTIN = Actor(
    "kroniek:vladimir-putin",
    "Vladimir Putin",
    "PER",
    ("Vladimir Poetin", "Poetin", "Russische president"),
    "RUS",
    "GOV",
)
UNIONS = Actor("kroniek:vakbonden", "vakbonden", "ORG", ("vakbonden",), "BEL", "LAB", generic=True)
MINISTRY = Actor(
    "kroniek:ministerie-defensie",
    "Ministry of Defence",
    "ORG",
    ("ministerie van Defensie",),
    "NLD",
    "GOV",
)
