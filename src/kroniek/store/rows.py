"""An analysis record (SCHEMA.md) as rows of the analysis tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from kroniek.store import schema


def _actor(ref: dict[str, Any] | None, key: str) -> Any:
    return (ref or {}).get(key)


def analysis_rows(
    article_id: str, record: dict[str, Any]
) -> Iterator[tuple[sa.Table, list[dict[str, Any]]]]:
    entities = [*record.get("entities", []), *record.get("groups", [])]
    yield (
        schema.entities,
        [
            {
                "article_id": article_id,
                "entity_id": e["id"],
                "name": e["name"],
                "type": e["type"],
                "country": e.get("country"),
                "role": e.get("role"),
                "code": e.get("code"),
                "generic": e in record.get("groups", []),
                "mentions": len(e.get("mentions", [])),
            }
            for e in entities
        ],
    )
    yield (
        schema.events,
        [
            {
                "article_id": article_id,
                "n": n,
                "source_entity": _actor(ev.get("source"), "entity"),
                "source_code": _actor(ev.get("source"), "code"),
                "target_entity": _actor(ev.get("target"), "entity"),
                "target_code": _actor(ev.get("target"), "code"),
                "plover": ev["plover"],
                "cameo": ev["cameo"],
                "quad_class": ev["quad_class"],
                "goldstein": ev["goldstein"],
                "trigger": ev["trigger"]["text"],
                "sentence": ev["sentence"],
                "negated": bool(ev.get("negated")),
                "modality": ev.get("modality") or "asserted",
                "reported_by": ev.get("reported_by"),
                "location": ev.get("location"),
                "date": ev.get("date"),
                "rule": ev.get("rule") or "",
            }
            for n, ev in enumerate(record.get("events", []))
        ],
    )
    yield (
        schema.quotes,
        [
            {
                "article_id": article_id,
                "n": n,
                "speaker_entity": _actor(q.get("speaker"), "entity"),
                "speaker_name": _actor(q.get("speaker"), "name"),
                "speaker_code": _actor(q.get("speaker"), "code"),
                "kind": q["kind"],
                "text": q["text"],
                "start": q["start"],
                "end": q["end"],
                "cue": q.get("cue"),
            }
            for n, q in enumerate(record.get("quotes", []))
        ],
    )
    yield (
        schema.places,
        [
            {
                "article_id": article_id,
                "place_id": p["id"],
                "name": p["name"],
                "country": p.get("country"),
                "lat": p.get("lat"),
                "lon": p.get("lon"),
                "mentions": len(p.get("mentions", [])),
            }
            for p in record.get("places", [])
        ],
    )
