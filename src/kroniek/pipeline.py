"""The per-article analysis: an ``Article`` in, a fully analysed ``Doc`` out.

Each stage is a function of the ``Doc`` built so far that returns the list it contributes; this
module only fixes their order. Stages are imported lazily so a process that only ingests never
loads the language models.
"""

from __future__ import annotations

from kroniek.models import Article, Doc, Event
from kroniek.nlp import tokenize

DUTCH = "nl"
# Analysis looks at sentences within the first MAX_ANALYSED_CHARS characters. News articles are
# far shorter (a long feature is ~30,000); some resolver steps grow faster than linearly with
# length, so a 5 MiB input must not get a full analysis.
MAX_ANALYSED_CHARS = 60_000


def is_coded(event: Event) -> bool:
    """An event is kept only when each actor it names has an actor code: a name the tagger
    found but no dictionary knows says nothing about who acted in event-data terms."""
    return all(ref is None or ref.code for ref in (event.source, event.target))


def analyze_article(article: Article) -> Doc:
    """Run every analysis stage over one article (non-Dutch articles get sentences only)."""
    from kroniek.extract import events, quotes
    from kroniek.nlp import morph, ner
    from kroniek.resolve import actors, places, times
    from kroniek.resolve.merge import reconcile

    doc = Doc(article=article)
    doc.sentences = [
        sentence
        for sentence in tokenize.split(article.text, [*article.paragraphs, *article.headings])
        if sentence.end <= MAX_ANALYSED_CHARS
    ]
    if article.language not in (None, DUTCH):
        return doc
    morph.annotate(doc)
    doc.names = ner.tag_doc(doc)
    doc.entities = actors.resolve(doc)
    doc.places = places.resolve(doc)
    doc.entities, doc.places = reconcile(doc)
    # after reconcile, which needs them without coordinates
    places.locate_unknown(doc.places, doc.text)
    doc.times = times.resolve(doc)
    doc.quotes = quotes.extract(doc)  # before events: "we"/"ik" in a quote is its speaker
    doc.events = [event for event in events.extract(doc) if is_coded(event)]
    return doc
