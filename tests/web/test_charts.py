"""SVG charts and the world map: right shapes, escaped labels."""

from __future__ import annotations

import re

from kroniek.web import charts, worldmap

ROWS = [
    {"period": "2022-03", "quad_class": 1, "events": 1, "goldstein_mean": 4.0},
    {"period": "2022-03", "quad_class": 4, "events": 3, "goldstein_mean": -10.0},
    {"period": "2022-04", "quad_class": 3, "events": 2, "goldstein_mean": -6.0},
]


def test_timeline_stacks_quad_classes_and_draws_the_goldstein_line() -> None:
    svg = str(charts.timeline_svg(ROWS))
    assert svg.count('<rect class="bar') == 3
    assert 'class="bar q4"' in svg and charts.QUAD_COLOURS[4] in svg
    assert 'class="goldstein-line"' in svg
    assert "2022-03: 3 material conflict event(s), mean Goldstein -10.00" in svg
    # the March bar stack is full height (4 events is the peak); April is half
    heights = [float(h) for h in re.findall(r'<rect class="bar[^>]* height="([\d.]+)"', svg)]
    assert round(heights[0] + heights[1], 1) == round(
        240 - charts.MARGIN_TOP - charts.MARGIN_BOTTOM, 1
    )
    assert round(heights[2], 1) == round(heights[0] + heights[1], 1) / 2


def test_timeline_mean_goldstein_is_weighted_by_events() -> None:
    svg = str(charts.timeline_svg(ROWS[:2]))  # (1 * 4 + 3 * -10) / 4 = -6.5
    plot_h = 240 - charts.MARGIN_TOP - charts.MARGIN_BOTTOM
    expected_y = charts.MARGIN_TOP + plot_h / 2 + (plot_h / 2) * 6.5 / 10
    assert f'cy="{expected_y:.1f}"' in svg


def test_empty_charts_say_so() -> None:
    assert "no dated events" in str(charts.timeline_svg([]))
    assert "no dyadic events" in str(charts.network_svg([], [], lambda node: "/"))


def test_network_escapes_labels_and_links_nodes() -> None:
    nodes = [{"id": "RUS<x>", "events": 3, "as_source": 2, "as_target": 1},
             {"id": "UKR", "events": 1, "as_source": 0, "as_target": 1}]  # fmt: skip
    edges = [{"source": "RUS<x>", "target": "UKR", "events": 2, "goldstein_mean": -8.0}]
    svg = str(charts.network_svg(nodes, edges, lambda node: f"/search?q=actor:{node['id']}"))
    assert "RUS<x>" not in svg and "RUS&lt;x&gt;" in svg
    assert svg.count("<circle") == 2 and svg.count('class="edge"') == 1
    assert charts.QUAD_COLOURS[4] in svg  # a conflictual edge is red
    assert 'href="/search?q=actor:UKR"' in svg


def test_map_projects_places_and_draws_land() -> None:
    assert worldmap.project(0, 0) == (180 * worldmap.SCALE, 90 * worldmap.SCALE)
    assert worldmap.project(90, -180) == (0, 0)
    places = [{"name": "Kyiv", "country": "UKR", "lat": 50.45, "lon": 30.52, "articles": 2},
              {"name": "Nergens", "country": None, "lat": None, "lon": None, "articles": 5}]  # fmt: skip
    svg = str(worldmap.map_svg(places, lambda place: "/map"))
    x, y = worldmap.project(50.45, 30.52)
    assert f'cx="{x:.1f}" cy="{y:.1f}"' in svg
    assert svg.count('class="place"') == 1
    # Europe is land (cities), the middle of the Pacific is not
    assert (50, 4) in worldmap.land_cells() and (0, -140) not in worldmap.land_cells()


def test_compared_timelines_share_the_period_axis() -> None:
    svg = str(charts.timeline_svg(ROWS[2:], periods=["2022-02", "2022-03", "2022-04"]))
    assert ">2022-02</text>" in svg and ">2022-03</text>" in svg
    assert svg.count('<rect class="bar') == 1
    bar_x = float(re.search(r'<rect class="bar[^>]* x="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    assert bar_x > 760 / 2  # April is the last of three periods: right-hand side
