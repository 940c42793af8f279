"""What users of commercial monitoring tools expect, on the pages: the tier-1 share and the
potential reach among the headline numbers, the Outlets ranking with tier, experts reached, first
and last appearance and reach, the world map of outlet countries, and programmes as a filter and
a breakdown. Every number against tests/queries/reference.py's independent count."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import duckdb
import pandas as pd
import pytest

import queries
from dashboard import charts, downloads, headline, world_map
from dashboard.report.content import gather
from queries.filters import Filters
from tests.dashboard.conftest import figures, metric
from tests.dashboard.test_page_numbers import values
from tests.queries import reference

YEAR = {"from": "2025-01-01", "to": "2025-12-31"}
YEAR_FILTERS = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))


@pytest.fixture(scope="module")
def frames(demo_db):
    """The demo store's tables in the shape reference.py reads (outlet tiers, programme slugs)."""
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        return reference.load_frames(con)
    finally:
        con.close()


def card(at, label: str):
    (found,) = [m for m in at.metric if m.label == label]
    return found


def test_the_overview_shows_the_tier_one_share_and_the_potential_reach(open_app, frames):
    at = open_app(**YEAR)
    want = reference.kpis(frames, YEAR_FILTERS)
    share = card(at, "Tier-1 share")
    assert share.value == f"{want['tier_one'] / want['appearances']:.0%}"
    reach = card(at, "Potential reach")
    assert reach.value == headline.compact(int(want["potential_reach"]))
    assert f"{int(want['potential_reach']):,}" in reach.help
    assert "not an advertising value" in reach.help
    before = reference.kpis(frames, YEAR_FILTERS.previous_period())
    points = want["tier_one"] / want["appearances"] - before["tier_one"] / before["appearances"]
    assert share.delta.endswith(f"{abs(points) * 100:.1f} pts")


def test_no_card_for_a_number_no_source_gives():
    kpis = {"appearances": 12, "outlets": 3, "tier_one": 0, "tiered": 0}
    assert headline.tier_one_share(kpis) is None  # no tier anywhere: not "0 %"
    assert headline.potential_reach({**kpis, "potential_reach": None, "reach_outlets": 0}) is None
    assert headline.headline_sentences(kpis) == []
    assert headline.compact(289_763_000) == "289.8 M"
    assert headline.compact(1_000_000) == "1 M"
    reach = {"appearances": 5, "reach_outlets": 1}
    assert (
        headline.reach_change(
            {**reach, "potential_reach": 120_000_000}, {**reach, "potential_reach": 100_000_000}
        ).text
        == "+20 M (+20%)"
    )
    nothing_before = {"appearances": 0, "tiered": 0, "reach_outlets": 0}
    for change in (headline.reach_change, headline.tier_one_change):
        assert change({**reach, "tiered": 5, "tier_one": 2}, nothing_before).text == (
            "new: none in the previous period"
        )


def test_the_outlets_ranking_has_every_column_it_promises(open_app, frames):
    at = open_app("views/outlets.py", **YEAR)
    table = next(t.value for t in at.dataframe if "Experts reached" in t.value.columns)
    want = reference.top_outlets(frames, YEAR_FILTERS, 20)
    assert list(table["Outlet"]) == list(want["slug"].map(frames.outlets.set_index("slug")["name"]))
    assert list(table["Tier"]) == [f"Tier {t}" for t in want["tier"]]
    assert list(table["Experts reached"]) == list(want["experts"])
    assert list(table["First appearance"]) == list(want["first_date"].dt.date)
    assert list(table["Last appearance"]) == list(want["last_date"].dt.date)
    assert list(table["Potential reach"]) == list(want["potential_reach"])


def test_the_world_map_shades_each_country_by_its_appearances(open_app, frames):
    at = open_app("views/outlets.py", **YEAR)
    (fig,) = [f for f in figures(at) if f["data"] and f["data"][0]["type"] == "choropleth"]
    trace = fig["data"][0]
    drawn = {row[0]: row[2] for row in trace["customdata"]}
    counted = reference.matched(frames, YEAR_FILTERS)["country"].value_counts()
    assert drawn == {code: n for code, n in counted.items() if code not in ("SG", "HK")}
    assert (
        dict(zip(trace["locations"], [r[0] for r in trace["customdata"]], strict=True))["FRA"]
        == "FR"
    )
    assert fig["layout"]["title"]["text"] == "Appearances by outlet country"


def test_programmes_filter_the_view_and_break_the_timeline_down(open_app, frames):
    ae = frames.article_experts
    programme = ae["programme_slug"].value_counts().index[0]
    name = ae.loc[ae["programme_slug"] == programme, "programme"].iloc[0]
    at = open_app(**YEAR)
    box = at.multiselect(key="filter_programmes")
    assert box.label == "Programmes" and name in box.options
    at = open_app(**YEAR, programmes=programme)
    want = reference.matched(frames, replace(YEAR_FILTERS, programmes=(programme,)))
    assert metric(at, "Appearances") == len(want)

    at = open_app("views/coverage.py", **YEAR, by="programme", grain="year")
    (fig,) = [f for f in figures(at) if "by programme" in f["layout"]["title"]["text"]]
    drawn = {trace["name"]: sum(values(trace["y"])) for trace in fig["data"]}
    counted = reference.coverage_by_period_breakdown(frames, YEAR_FILTERS, "year", "programme", 8)
    assert drawn == counted.groupby("series")["appearances"].sum().to_dict()


def test_the_report_says_the_tier_one_share_and_the_potential_reach(demo_con, frames):
    report = gather(demo_con, YEAR_FILTERS, "Demo", images=False)
    want = reference.kpis(frames, YEAR_FILTERS)
    text = " ".join(report.headline)
    share = want["tier_one"] / want["appearances"]
    assert (
        f"Tier-1 outlets carried {share:.0%} of the appearances "
        f"({want['tier_one']:,} of {want['appearances']:,})."
    ) in text
    assert f"Potential reach {int(want['potential_reach']):,}" in text
    assert "not an advertising value" in text
    assert any(line.startswith("Potential reach:") for line in report.method)
    assert pd.notna(want["potential_reach"])


def test_the_map_saves_as_an_image_from_the_machines_own_base_map(demo_con):
    available, reason = downloads.image_export_available()
    if not available:
        pytest.skip(reason)
    placed, _ = world_map.split(queries.run(demo_con, "outlet_mix", Filters(), dimension="country"))
    fig = world_map.figure(placed, "Appearances by outlet country", "All time")
    # plotly's CDN is out of reach here: an image drawn at all was drawn from the local file
    image = downloads.figure_bytes(charts.for_slides(fig), "png")
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    assert downloads.TOPOJSON.startswith("file://")
    assert (world_map.TOPOJSON_DIR / world_map.MAP_FILE).is_file()
