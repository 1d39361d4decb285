"""The per-article analysis: an ``Article`` in, a fully analysed ``Doc`` out.

Each stage is a function of the ``Doc`` built so far that returns the list it contributes; this
module only fixes their order. Stages are imported lazily so a process that only ingests never
loads the language models.
"""

from __future__ import annotations

from kroniek.models import Article, Doc
from kroniek.nlp import tokenize

DUTCH = "nl"


def analyze_article(article: Article) -> Doc:
    """Run every analysis stage over one article (non-Dutch articles get sentences only)."""
    from kroniek.extract import events, quotes
    from kroniek.resolve import actors, places, times
    from kroniek.resolve.merge import places_as_entities

    doc = Doc(article=article)
    doc.sentences = tokenize.split(article.text, [*article.paragraphs, *article.headings])
    if article.language not in (None, DUTCH):
        return doc
    doc.entities = actors.resolve(doc)
    doc.places = places.resolve(doc)
    doc.entities.extend(places_as_entities(doc))
    doc.times = times.resolve(doc)
    doc.quotes = quotes.extract(doc)  # before events: "we"/"ik" in a quote is its speaker
    doc.events = events.extract(doc)
    return doc
