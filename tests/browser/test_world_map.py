"""The Outlets page's world map: drawn from the dashboard's own base map (no request leaves the
server, the CDN Plotly would otherwise ask included), and a click on a country lists that
country's appearances, as every other chart's click does; saved as an HTML file, the map draws
its countries with no network."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from dashboard import downloads, world_map
from tests.browser.test_no_outside_requests import outside
from tests.queries import reference

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent / "screenshots"  # git-ignored
MAP = '[data-testid="stPlotlyChart"]:has(.choroplethlocation)'
YEAR = "from=2025-12-01&to=2026-11-30"


def test_the_map_is_drawn_from_the_server_and_a_click_lists_a_countrys_appearances(
    server, browser, demo_frames
):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.set_default_timeout(60_000)
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(f"{server}/outlets?{YEAR}")
        chart = page.locator(MAP)
        chart.wait_for()
        chart.scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        shapes = chart.locator(".choroplethlocation")
        assert shapes.count() > 10  # the countries with appearances, drawn

        # the country with the most appearances: France; click its shape
        f = reference.Filters(
            date_from=reference.dt.date(2025, 12, 1), date_to=reference.dt.date(2026, 11, 30)
        )
        rows = reference.matched(demo_frames, f)
        top = rows["country"].value_counts()
        assert top.index[0] == "FR"
        box = page.evaluate(
            """(selector) => {
                const paths = [...document.querySelectorAll(selector + ' .choroplethlocation')];
                const at = (p) => p.__data__ && (p.__data__.loc || (p.__data__[0] || {}).loc);
                const france = paths.find(p => at(p) === 'FRA');
                const b = france.getBoundingClientRect();
                return {x: b.x + b.width * 0.55, y: b.y + b.height * 0.5};
            }""",
            MAP,
        )
        page.mouse.move(box["x"], box["y"])
        page.mouse.click(box["x"], box["y"])
        shown = page.get_by_text(re.compile(r"^France: [\d,]+ appearances$"))
        shown.wait_for()
        assert int(re.sub(r"\D", "", shown.inner_text())) == top["FR"]
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
        chart.scroll_into_view_if_needed()
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / "outlets-world-map.png")
    finally:
        page.close()
    topology = [u for u in asked if urlsplit(u).path.endswith("/world_110m.json")]
    assert topology and all(urlsplit(u).path.startswith("/app/static/") for u in topology)
    assert outside(asked) == []


def test_a_map_saved_as_html_draws_its_countries_with_no_network(browser, tmp_path):
    """The map's "Interactive chart (HTML)" download, opened from the disk with every request
    beyond the file refused: plotly.js and the base map come from inside the file."""
    mix = pd.DataFrame({"value": ["FR", "DE", "US", "GB", "BR"], "appearances": [50, 20, 9, 5, 1]})
    placed, _ = world_map.split(mix.assign(share=mix["appearances"] / mix["appearances"].sum()))
    saved = tmp_path / "map.html"
    saved.write_bytes(
        downloads.figure_bytes(world_map.figure(placed, "Outlet countries", ""), "html")
    )
    asked: list[str] = []
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.route(
            re.compile(r"^(?!file:)"),
            lambda route: (asked.append(route.request.url), route.abort()),
        )
        page.goto(saved.as_uri())
        shapes = page.locator(".choroplethlocation")
        shapes.first.wait_for(timeout=30_000)
        assert shapes.count() >= 5
    finally:
        page.close()
    assert asked == []
