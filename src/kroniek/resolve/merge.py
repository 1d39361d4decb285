"""Reconciling the actor resolver, the tagger and the gazetteer over the same spans.

- A name only the tagger knows (a generated entity with no country and no role) that covers a
  gazetteer place with coordinates is that place: the entity gives way to the place.
- A place the gazetteer does not know (no coordinates: a tagger LOC span) whose mention an
  actor covers is that actor ("Hamas", "het Kremlin" tagged LOC), not a place.
- Every remaining place whose mentions no entity covers becomes a named GPE/LOC entity: a town
  named in an article is a named entity as much as a place.
"""

from __future__ import annotations

from kroniek.models import Doc, Entity, Mention, Place

Spans = list[tuple[int, int]]


def _overlaps(mention: Mention, spans: Spans) -> bool:
    return any(start < mention.end and mention.start < end for start, end in spans)


def _tagger_only(entity: Entity) -> bool:
    return not entity.generic and entity.country is None and entity.role is None


def reconcile(doc: Doc) -> tuple[list[Entity], list[Place]]:
    """The entity and place lists after the three rules above."""
    located: Spans = [(m.start, m.end) for p in doc.places if p.lat is not None for m in p.mentions]
    entities = [
        e for e in doc.entities
        if not (_tagger_only(e) and any(_overlaps(m, located) for m in e.mentions))
    ]  # fmt: skip
    actor_spans: Spans = [
        (m.start, m.end) for e in entities if e.type not in ("GPE", "LOC") for m in e.mentions
    ]
    places = [
        p for p in doc.places
        if p.lat is not None or not any(_overlaps(m, actor_spans) for m in p.mentions)
    ]  # fmt: skip
    return entities + places_as_entities(entities, places), places


def places_as_entities(entities: list[Entity], places: list[Place]) -> list[Entity]:
    from kroniek.resolve.gazetteer import place_type

    covered: Spans = [(m.start, m.end) for e in entities for m in e.mentions]
    added: list[Entity] = []
    for place in places:
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
