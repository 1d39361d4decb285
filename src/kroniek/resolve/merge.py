"""Reconciling the actor resolver, the tagger and the gazetteer over the same spans.

- A name only the tagger knows (a generated entity with no country and no role) that covers a
  gazetteer place with coordinates is that place: the entity gives way to the place.
- A place the gazetteer does not know (no coordinates: a tagger LOC span) whose mention an
  actor covers is that actor ("Hamas", "het Kremlin" tagged LOC), not a place.
- Every remaining place whose mentions no entity covers becomes a named GPE/LOC entity: a town
  named in an article is a named entity as much as a place.
- "de hoofdstad" (not followed by its name) is the capital the article named before: one more
  mention of that city's entity ("de Syrische hoofdstad": of Syria's capital).
"""

from __future__ import annotations

import re

from kroniek.models import Doc, Entity, Mention, Place

Spans = list[tuple[int, int]]
CAPITAL_KIND = "capital"
# "de hoofdstad", "de Syrische hoofdstad"; not "de hoofdstad Damascus", "de hoofdstad van Syrië"
# or "de hoofdstadregio".
_CAPITAL = re.compile(
    r"(?<![\w-])[Dd]e\s+(?:(?P<adjective>[A-Z][\w-]*e)\s+)?hoofdstad(?![\w-])"
    r"(?!\s+(?:van\b|[A-Z]))"
)


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
    entities = entities + places_as_entities(entities, places)
    capital_references(doc, entities, places)
    return entities, places


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


def capital_references(doc: Doc, entities: list[Entity], places: list[Place]) -> None:
    """Add "de hoofdstad" to the entity of the capital named last before it."""
    from kroniek.resolve.actor_index import fold, get_index
    from kroniek.resolve.gazetteer import place_kind

    capitals = [p for p in places if p.lat is not None and place_kind(p.id) == CAPITAL_KIND]
    if not capitals:
        return
    adjectives = get_index().adjectives
    for found in _CAPITAL.finditer(doc.text):
        adjective = found.group("adjective")
        country = adjectives.get(fold(adjective)) if adjective else None
        if adjective and country is None:
            continue  # "de Vlaamse hoofdstad": not a country's capital
        named = [
            m for p in capitals if country in (None, p.country)
            for m in p.mentions if m.end <= found.start()
        ]  # fmt: skip
        if not named:
            continue
        last = max(named, key=lambda m: m.start)
        owner = next(
            (e for e in entities for m in e.mentions if m.start <= last.start < m.end), None
        )
        if owner is not None:
            start, end = found.span()
            sentence = doc.sentence_index(start)
            owner.mentions.append(Mention(doc.text[start:end], start, end, sentence))
