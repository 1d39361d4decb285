"""The analysis record: a ``Doc`` as the JSON object of the output contract (SCHEMA.md)."""

from __future__ import annotations

from typing import Any

from kroniek.models import ActorRef, Doc, Entity, Event, Mention, Place, Quote

SCHEMA_VERSION = "kroniek.analysis/1"


def _mention(mention: Mention) -> dict[str, Any]:
    return {"text": mention.text, "start": mention.start, "end": mention.end}


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "role": entity.role,
        "code": entity.code,
        "mentions": [_mention(m) for m in entity.mentions],
    }


def _actor(ref: ActorRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"entity": ref.entity, "code": ref.code, "name": ref.name}


def _speaker(ref: ActorRef | None) -> dict[str, Any] | None:
    """A quote's speaker; ``entity`` is left out for described or unknown speakers (readers of
    the record, the reference scorer among them, treat a present entity as a string)."""
    speaker = _actor(ref)
    if speaker is not None and speaker["entity"] is None:
        del speaker["entity"]
    return speaker


def _event(event: Event) -> dict[str, Any]:
    return {
        "source": _actor(event.source),
        "target": _actor(event.target),
        "plover": event.plover,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "trigger": _mention(event.trigger),
        "sentence": event.sentence,
        "negated": event.negated,
        "modality": event.modality,
        "reported_by": event.reported_by,
        "location": event.location,
        "date": event.date,
        "rule": event.rule,
    }


def _quote(quote: Quote) -> dict[str, Any]:
    return {
        "speaker": _speaker(quote.speaker),
        "kind": quote.kind,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "cue": quote.cue,
    }


def _place(place: Place) -> dict[str, Any]:
    return {
        "id": place.id,
        "name": place.name,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "mentions": [_mention(m) for m in place.mentions],
    }


def to_record(doc: Doc) -> dict[str, Any]:
    """The SCHEMA.md record of an analysed article; extra fields are additions, never renames."""
    article = doc.article
    return {
        "schema": SCHEMA_VERSION,
        "id": article.id,
        "source_file": article.source_file,
        "outlet": article.outlet,
        "url": article.url,
        "title": article.title,
        "byline": article.byline,
        "published": article.published,
        "time": article.time_of_day,
        "agencies": list(article.agencies),
        "photo_credits": [c.name for c in article.photo_credits],
        "photo_credit_counts": {c.name: c.count for c in article.photo_credits},
        "caption": article.caption,
        "language": article.language,
        "text": article.text,
        "paragraphs": [list(span) for span in article.paragraphs],
        "headings": [list(span) for span in article.headings],
        "sentences": [[s.start, s.end] for s in doc.sentences],
        "entities": [_entity(e) for e in doc.entities if not e.generic],
        "groups": [_entity(e) for e in doc.entities if e.generic],
        "events": [_event(e) for e in doc.events],
        "quotes": [_quote(q) for q in doc.quotes],
        "places": [_place(p) for p in doc.places],
        "times": [
            {"text": t.text, "value": t.value, "start": t.start, "end": t.end} for t in doc.times
        ],
        "story": doc.story,
    }
