"""A manager can narrow the dashboard to the outlets of one reach tier and break coverage down by
tier: the sidebar offers the tiers by name, the link keeps them, the numbers follow."""

from __future__ import annotations

import pandas as pd

from tests.dashboard.conftest import figures, metric
from tests.dashboard.test_filters_in_url import appearances
from tests.dashboard.test_page_numbers import values

YEAR = {"from": "2025-01-01", "to": "2025-12-31"}


def tier_of(frames) -> pd.Series:
    """Each demo appearance's outlet tier, as a link writes it ('1', '2', '3'; None: no tier)."""
    tiers = frames.outlets.set_index("outlet_id")["tier"]
    tier = frames.articles["outlet_id"].map(tiers)
    return tier.map(lambda t: None if pd.isna(t) else str(int(t)))


def test_the_sidebar_offers_the_tiers_by_name(open_app):
    at = open_app(**YEAR)
    tiers = at.multiselect(key="filter_tiers")
    assert tiers.label == "Outlet tiers"
    assert tiers.options == ["Tier 1", "Tier 2", "Tier 3"]
    assert tiers.value == []


def test_choosing_a_tier_narrows_the_numbers_and_goes_into_the_link(open_app, demo_frames):
    at = open_app(**YEAR)
    at.multiselect(key="filter_tiers").set_value(["1"]).run()
    assert at.query_params["tiers"] == "1"
    in_year = appearances(demo_frames, *YEAR.values())
    expected = in_year[tier_of(demo_frames).loc[in_year.index] == "1"]
    assert 0 < metric(at, "Appearances") == len(expected) < len(in_year)
    assert metric(at, "Outlets") == expected["outlet_id"].nunique()
    subtitles = [f["layout"]["title"]["subtitle"]["text"] for f in figures(at)]
    assert subtitles and all("Outlet tiers: Tier 1" in text for text in subtitles)


def test_a_link_with_tiers_selects_them(open_app, demo_frames):
    at = open_app(**YEAR, tiers="2,3")
    assert at.multiselect(key="filter_tiers").value == ["2", "3"]
    in_year = appearances(demo_frames, *YEAR.values())
    expected = in_year[tier_of(demo_frames).loc[in_year.index].isin(["2", "3"])]
    assert metric(at, "Appearances") == len(expected)


def test_coverage_can_be_broken_down_by_tier(open_app, demo_frames):
    at = open_app("views/coverage.py", **YEAR)
    at.selectbox(key="coverage_breakdown_").set_value("tier").run()
    assert not at.exception, [e.value for e in at.exception]
    (fig,) = [f for f in figures(at) if "by outlet tier" in f["layout"]["title"]["text"]]
    drawn = {trace["name"]: sum(values(trace["y"])) for trace in fig["data"]}
    in_year = appearances(demo_frames, *YEAR.values())
    counted = tier_of(demo_frames).loc[in_year.index].map(lambda t: f"Tier {t}").value_counts()
    assert drawn == counted.to_dict()


def test_a_breakdown_says_the_rest_is_folded_into_other_only_when_it_is(open_app):
    at = open_app("views/coverage.py", **YEAR)
    at.selectbox(key="coverage_breakdown_").set_value("tier").run()
    (tiers,) = [f for f in figures(at) if "by outlet tier" in f["layout"]["title"]["text"]]
    assert "Other" not in tiers["layout"]["title"]["text"]  # three tiers, nothing folded
    at = open_app("views/coverage.py", **YEAR, by="expert")
    (experts,) = [f for f in figures(at) if "by expert" in f["layout"]["title"]["text"]]
    title = experts["layout"]["title"]["text"].replace("<br>", " ")  # as read: wrapped to fit
    assert "the rest as Other" in title
    assert "Other" in {trace["name"] for trace in experts["data"]}
