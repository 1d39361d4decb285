"""Places that no actor covers become named GPE/LOC entities too.

The actor resolver knows countries and institutions; the gazetteer knows towns, regions and
physical features. A town named in an article is a named entity as much as a place, so each
place whose mentions no entity mention overlaps joins the entity list (type from the gazetteer).
"""

from __future__ import annotations

from kroniek.models import Doc, Entity, Mention


def places_as_entities(doc: Doc) -> list[Entity]:
    from kroniek.resolve.gazetteer import place_type

    covered = [(m.start, m.end) for e in doc.entities for m in e.mentions]
    added: list[Entity] = []
    for place in doc.places:
        mentions = [m for m in place.mentions if not _overlaps(m, covered)]
        if not mentions:
            continue
        added.append(
            Entity(
                id=place.id,
                name=place.name,
                type=place_type(place.id) or "GPE",
                country=place.country,
                role=None,
                mentions=[Mention(m.text, m.start, m.end, m.sentence) for m in mentions],
            )
        )
    return added


def _overlaps(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(start < mention.end and mention.start < end for start, end in spans)
