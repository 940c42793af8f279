"""A click on a bar lists the appearances behind it, below the chart."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from queries.filters import Filters
from tests.dashboard.test_filters_in_url import appearances, busiest_outlets
from tests.queries import reference

YEAR = {"from": "2025-01-01", "to": "2025-12-31"}


def click(at, chart_key: str, *customdata: str):
    at.session_state[chart_key] = {"selection": {"points": [{"customdata": list(customdata)}]}}
    return at.run()


def drill_heading(at) -> str:
    (heading,) = [m.value for m in at.markdown if "appearance" in m.value and m.value[:2] == "**"]
    return heading


def listed(at) -> pd.DataFrame:
    (table,) = at.dataframe  # the Overview has no other table than the drilled appearances
    return table.value


def test_clicking_a_month_lists_that_months_appearances(open_app, demo_frames):
    at = open_app(**YEAR)
    at.radio(key="overview_grain_month").set_value("month").run()
    click(at, "overview_timeline", "2025-03-01")
    expected = appearances(demo_frames, "2025-03-01", "2025-03-31")
    assert drill_heading(at) == f"**Mar 2025: {len(expected):,} appearances**"
    rows = listed(at)
    assert len(rows) == min(100, len(expected))
    assert rows["Date"].min() >= pd.Timestamp("2025-03-01").date()
    assert rows["Date"].max() <= pd.Timestamp("2025-03-31").date()


def test_clicking_an_outlet_lists_its_appearances(open_app, demo_frames):
    outlet = busiest_outlets(demo_frames, 3)[2]
    name = demo_frames.outlets.set_index("slug").loc[outlet, "name"]
    at = open_app(**YEAR)
    click(at, "overview_outlets", outlet)
    expected = appearances(demo_frames, "2025-01-01", "2025-12-31", outlets=[outlet])
    assert drill_heading(at) == f"**{name}: {len(expected):,} appearances**"
    assert set(listed(at)["Outlet"]) == {name}


def test_a_clicked_period_stays_inside_the_chosen_dates(open_app, demo_frames):
    at = open_app(**{"from": "2025-03-15", "to": "2025-12-31"})
    at.radio(key="overview_grain_month").set_value("month").run()
    click(at, "overview_timeline", "2025-03-01")
    expected = appearances(demo_frames, "2025-03-15", "2025-03-31")
    assert drill_heading(at) == f"**Mar 2025: {len(expected):,} appearances**"


def test_links_in_the_list_are_only_web_links(open_app):
    at = open_app("views/articles.py", **YEAR)
    links = at.dataframe[0].value["Link"].dropna()
    assert len(links) > 0
    assert links.str.match(r"^https?://").all()


def test_clicking_one_role_of_an_experts_bar_says_the_list_is_of_every_role(open_app, demo_frames):
    at = open_app("views/experts.py", **YEAR)
    expert = at.multiselect(key="experts_compare").value[0]
    name = demo_frames.experts.set_index("slug").loc[expert, "name"]
    at.session_state["experts_roles"] = {
        "selection": {"points": [{"customdata": [expert, "quoted"], "x": 65}]}
    }
    at.run()
    year = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31), experts=(expert,))
    expected = reference.matched(demo_frames, year)
    heading = f"**{name} in every role (quoted: 65): {len(expected):,} appearances**"
    assert heading in [m.value.replace("\\", "") for m in at.markdown]  # markdown escapes gone
