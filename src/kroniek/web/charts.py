"""Charts as inline SVG, drawn in Python: no JavaScript library, no network.

Every text that reaches the SVG (labels, titles) is escaped. Colours follow QuadClass:
greens for cooperation, orange/red for conflict.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup, escape

QUAD_COLOURS = {1: "#7fbf7b", 2: "#1b7837", 3: "#f1a340", 4: "#c0392b"}
QUAD_NAMES = {
    1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
    4: "material conflict",
}  # fmt: skip
QUAD_TIPS = {quad: str(escape(name)) for quad, name in QUAD_NAMES.items()}
GOLDSTEIN_MAX = 10.0
GOLDSTEIN_COLOUR = "#1f3b73"
NEUTRAL = "#888888"
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 44, 12, 34
MAX_AXIS_LABELS = 12
NODE_RADIUS_MIN, NODE_RADIUS_MAX = 4.0, 18.0
EDGE_WIDTH_MAX = 6.0
MAX_BAR_WIDTH = 48.0


def _svg(width: int, height: int, body: list[str], label: str, css: str) -> Markup:
    return Markup(
        f'<svg class="{css}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(label)}">{"".join(body)}</svg>'
    )


def _title(text: str) -> str:
    return f"<title>{escape(text)}</title>"


def _per_period(rows: Sequence[dict[str, Any]]) -> dict[str, dict[int, tuple[int, float]]]:
    """period -> quad_class -> (events, goldstein mean)."""
    table: dict[str, dict[int, tuple[int, float]]] = defaultdict(dict)
    for row in rows:
        table[str(row["period"])][int(row["quad_class"])] = (
            int(row["events"]),
            float(row["goldstein_mean"] or 0.0),
        )
    return dict(sorted(table.items()))


def timeline_svg(
    rows: Sequence[dict[str, Any]],
    width: int = 760,
    height: int = 240,
    periods: Sequence[str] | None = None,
) -> Markup:
    """Stacked bars of events per period by QuadClass, and the mean Goldstein score per period
    as a line on the right-hand axis (-10..10). ``rows``: period, quad_class, events,
    goldstein_mean (as ``analytics.event_timeline(by="quad_class")`` gives them). ``periods``
    fixes the x axis (charts meant to be compared share one); by default, the periods in rows."""
    table = _per_period(rows)
    if periods is not None and table:
        table = {period: table.get(period, {}) for period in periods}
    if not table:
        return _svg(width, 40, ['<text x="8" y="24" class="empty">no dated events</text>'],
                    "no events", "chart timeline")  # fmt: skip
    plot_w = width - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = height - MARGIN_TOP - MARGIN_BOTTOM
    peak = max(sum(n for n, _ in classes.values()) for classes in table.values()) or 1
    step = plot_w / len(table)
    bar_w = min(max(step * 0.8, 1.0), MAX_BAR_WIDTH)
    bottom = MARGIN_TOP + plot_h
    body = [
        f'<line x1="{MARGIN_LEFT}" y1="{bottom}" x2="{width - MARGIN_RIGHT}" y2="{bottom}" '
        f'stroke="{NEUTRAL}"/>',
        f'<text x="{MARGIN_LEFT - 6}" y="{MARGIN_TOP + 10}" text-anchor="end" '
        f'class="axis">{peak}</text>',
        f'<text x="{MARGIN_LEFT - 6}" y="{bottom}" text-anchor="end" class="axis">0</text>',
    ]
    zero_y = MARGIN_TOP + plot_h / 2
    body.append(
        f'<line x1="{MARGIN_LEFT}" y1="{zero_y:.1f}" x2="{width - MARGIN_RIGHT}" '
        f'y2="{zero_y:.1f}" stroke="{GOLDSTEIN_COLOUR}" stroke-dasharray="2 4" opacity="0.4"/>'
    )
    for value, label_y in ((GOLDSTEIN_MAX, MARGIN_TOP + 10), (-GOLDSTEIN_MAX, bottom)):
        body.append(f'<text x="{width - MARGIN_RIGHT + 6}" y="{label_y}" class="axis goldstein">'
                    f"{value:+.0f}</text>")  # fmt: skip
    label_every = max(1, math.ceil(len(table) / MAX_AXIS_LABELS))
    line: list[str] = []
    for index, (period, classes) in enumerate(table.items()):
        x = MARGIN_LEFT + index * step + (step - bar_w) / 2
        shown = escape(period)  # once per period: a weekly chart has thousands of bars
        y = float(bottom)
        total = 0
        weighted = 0.0
        for quad in sorted(classes):
            events, goldstein = classes[quad]
            total += events
            weighted += events * goldstein
            h = plot_h * events / peak
            y -= h
            tip = (f"{shown}: {events} {QUAD_TIPS.get(quad, quad)} event(s), "
                   f"mean Goldstein {goldstein:+.2f}")  # escaped: numbers and safe names
            body.append(
                f'<rect class="bar q{quad}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{QUAD_COLOURS.get(quad, NEUTRAL)}">'
                f"<title>{tip}</title></rect>"
            )
        if total:
            mean = weighted / total
            gy = zero_y - (plot_h / 2) * mean / GOLDSTEIN_MAX
            line.append(f"{x + bar_w / 2:.1f},{gy:.1f}")
        if index % label_every == 0:
            body.append(f'<text x="{x + bar_w / 2:.1f}" y="{bottom + 16}" text-anchor="middle" '
                        f'class="axis">{shown}</text>')  # fmt: skip
    if len(line) > 1:
        body.append(f'<polyline class="goldstein-line" points="{" ".join(line)}" fill="none" '
                    f'stroke="{GOLDSTEIN_COLOUR}" stroke-width="2"/>')  # fmt: skip
    for point in line:
        cx, cy = point.split(",")
        body.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{GOLDSTEIN_COLOUR}"/>')
    return _svg(width, height, body, f"events per period, {len(table)} periods", "chart timeline")


def _circle_layout(count: int, width: int, height: int) -> list[tuple[float, float]]:
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 60
    return [
        (cx + radius * math.cos(2 * math.pi * i / count - math.pi / 2),
         cy + radius * math.sin(2 * math.pi * i / count - math.pi / 2))
        for i in range(count)
    ]  # fmt: skip


def goldstein_colour(mean: float) -> str:
    """Red for conflict, green for cooperation, grey near zero."""
    if mean <= -1:
        return QUAD_COLOURS[4]
    if mean >= 1:
        return QUAD_COLOURS[2]
    return NEUTRAL


def network_svg(
    nodes: Sequence[dict[str, Any]],
    edges: Sequence[dict[str, Any]],
    link: Callable[[dict[str, Any]], str],
    width: int = 760,
    height: int = 620,
) -> Markup:
    """Actors on a circle (most active at the top, clockwise), directed edges weighted by
    events and coloured by mean Goldstein score; each node links to ``link(node)``."""
    if not nodes:
        return _svg(width, 40, ['<text x="8" y="24" class="empty">no dyadic events</text>'],
                    "no network", "chart network")  # fmt: skip
    places = dict(zip([n["id"] for n in nodes], _circle_layout(len(nodes), width, height),
                      strict=True))  # fmt: skip
    most_events = max(int(n["events"]) for n in nodes) or 1
    heaviest = max((int(e["events"]) for e in edges), default=1)
    body = [
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        f'fill="{NEUTRAL}"/></marker></defs>'
    ]
    for edge in edges:
        (x1, y1), (x2, y2) = places[edge["source"]], places[edge["target"]]
        if edge["source"] == edge["target"]:
            continue
        mean = float(edge["goldstein_mean"] or 0.0)
        stroke = 1 + (EDGE_WIDTH_MAX - 1) * int(edge["events"]) / heaviest
        # bend each direction to its own side, so A->B and B->A stay apart
        mx, my = (x1 + x2) / 2 + (y2 - y1) * 0.12, (y1 + y2) / 2 - (x2 - x1) * 0.12
        tip = (f"{edge['source']} → {edge['target']}: {edge['events']} event(s), "
               f"mean Goldstein {mean:+.2f}")  # fmt: skip
        body.append(
            f'<path class="edge" d="M {x1:.1f} {y1:.1f} Q {mx:.1f} {my:.1f} {x2:.1f} {y2:.1f}" '
            f'fill="none" stroke="{goldstein_colour(mean)}" stroke-width="{stroke:.1f}" '
            f'opacity="0.7" marker-end="url(#arrow)">{_title(tip)}</path>'
        )
    for node in nodes:
        x, y = places[node["id"]]
        radius = NODE_RADIUS_MIN + (NODE_RADIUS_MAX - NODE_RADIUS_MIN) * math.sqrt(
            int(node["events"]) / most_events
        )
        label = str(node.get("name") or node["id"])
        anchor = "start" if x >= width / 2 else "end"
        dx = radius + 4 if anchor == "start" else -radius - 4
        tip = (f"{label}: {node['events']} event(s), {node['as_source']} as source, "
               f"{node['as_target']} as target")  # fmt: skip
        body.append(
            f'<a href="{escape(link(node))}" class="node"><circle cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{radius:.1f}" fill="{GOLDSTEIN_COLOUR}" opacity="0.85">{_title(tip)}</circle>'
            f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" class="label">'
            f"{escape(label)}</text></a>"
        )
    return _svg(width, height, body, f"actor network, {len(nodes)} actors", "chart network")
