"""Article text with the analysis marked in it: entity mentions, places, times, quotes and event
triggers, from the record's character offsets.

The text is untrusted (crawled HTML may hold ``<script>`` or ``onerror=``), so every segment
between two offsets is escaped on its own and only our ``<span>`` tags are added around them.
Spans may overlap (a trigger inside a quote): the text is cut at every span boundary and each
piece carries the classes and titles of all spans covering it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

TITLE_SEPARATOR = " | "


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    css: str  # classes added to the piece, e.g. "hl-ent hl-ent-PER"
    title: str  # hover text


def _offsets(mention: Any) -> tuple[int, int] | None:
    """A mention's (start, end) from ``{"start", "end"}`` or a ``[start, end]`` pair."""
    if isinstance(mention, dict):
        start, end = mention.get("start"), mention.get("end")
    elif isinstance(mention, list | tuple) and len(mention) >= 2:
        start, end = mention[0], mention[1]
    else:
        return None
    if isinstance(start, int) and isinstance(end, int):
        return start, end
    return None


def _code(actor: dict[str, Any] | None) -> str:
    return str((actor or {}).get("code") or "?")


def _entity_spans(record: dict[str, Any]) -> Iterable[Span]:
    for entity in [*record.get("entities", []), *record.get("groups", [])]:
        kind = str(entity.get("type") or "MISC")
        title = (f"{entity.get('name')} · {kind} · code {entity.get('code') or '-'} · "
                 f"{entity.get('id')}")  # fmt: skip
        for mention in entity.get("mentions", []):
            if (where := _offsets(mention)) is not None:
                yield Span(*where, f"hl-ent hl-ent-{kind}", title)


def _event_spans(record: dict[str, Any]) -> Iterable[Span]:
    for event in record.get("events", []):
        where = _offsets(event.get("trigger") or {})
        if where is None:
            continue
        target = _code(event.get("target")) if event.get("target") else "-"
        flags = " · negated" if event.get("negated") else ""
        modality = event.get("modality")
        flags += f" · {modality}" if modality and modality != "asserted" else ""
        rule = event.get("rule") or "-"
        title = (f"{event.get('plover')} {_code(event.get('source'))} → {target} · "
                 f"CAMEO {event.get('cameo')} · Goldstein {event.get('goldstein')} · "
                 f"QuadClass {event.get('quad_class')}{flags} · rule {rule}")  # fmt: skip
        yield Span(*where, f"hl-event hl-q{event.get('quad_class')}", title)


def _quote_spans(record: dict[str, Any]) -> Iterable[Span]:
    for quote in record.get("quotes", []):
        if (where := _offsets(quote)) is None:
            continue
        speaker = quote.get("speaker") or {}
        title = (f"{quote.get('kind')} quote · {speaker.get('name') or 'unknown speaker'} "
                 f"({speaker.get('code') or '-'}) · cue {quote.get('cue') or '-'}")  # fmt: skip
        yield Span(*where, "hl-quote", title)


def _place_spans(record: dict[str, Any]) -> Iterable[Span]:
    for place in record.get("places", []):
        title = (f"{place.get('name')} · {place.get('country') or '-'} · "
                 f"{place.get('lat')}, {place.get('lon')} · {place.get('id')}")  # fmt: skip
        for mention in place.get("mentions", []):
            if (where := _offsets(mention)) is not None:
                yield Span(*where, "hl-place", title)


def _time_spans(record: dict[str, Any]) -> Iterable[Span]:
    for time in record.get("times", []):
        if (where := _offsets(time)) is not None:
            yield Span(*where, "hl-time", f"{time.get('text')} = {time.get('value')}")


def record_spans(record: dict[str, Any] | None) -> list[Span]:
    """Every span a record marks in its text."""
    if not record:
        return []
    spans: list[Span] = []
    for source in (_quote_spans, _entity_spans, _place_spans, _time_spans, _event_spans):
        spans.extend(source(record))
    return spans


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` as HTML with each span's piece wrapped in ``<span class=... title=...>``.
    Spans outside the text or empty are ignored."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    pieces: list[str] = []
    for start, end in itertools.pairwise(cuts):
        piece = escape(text[start:end])
        covering = [s for s in valid if s.start <= start and end <= s.end]
        if not covering:
            pieces.append(piece)
            continue
        classes = " ".join(dict.fromkeys(c for s in covering for c in s.css.split()))
        title = TITLE_SEPARATOR.join(dict.fromkeys(s.title for s in covering))
        pieces.append(f'<span class="hl {escape(classes)}" title="{escape(title)}">{piece}</span>')
    return Markup("".join(pieces))
