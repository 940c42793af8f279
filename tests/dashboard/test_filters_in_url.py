"""The sidebar filters live in the URL: a link shows the same view, the widgets write the URL back,
and values a link cannot hold are dropped with a notice instead of an error."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard import sidebar
from data.periods import preset_range
from queries.filters import Filters
from tests.dashboard.conftest import metric, share_link
from tests.queries import reference


def appearances(frames, date_from=None, date_to=None, outlets=(), media_types=()) -> pd.DataFrame:
    """The demo appearances a view should keep, by tests/queries/reference.py (dates as ISO text
    or dates)."""
    return reference.matched(
        frames,
        Filters(
            date_from=date_from and dt.date.fromisoformat(str(date_from)),
            date_to=date_to and dt.date.fromisoformat(str(date_to)),
            outlets=outlets,
            media_types=media_types,
        ),
    )


def busiest_outlets(frames, n: int) -> list[str]:
    return list(appearances(frames)["outlet_slug"].value_counts().index[:n])


def test_dates_and_outlets_given_in_the_url_apply(open_app, demo_frames):
    outlets = busiest_outlets(demo_frames, 2)
    at = open_app(**{"from": "2025-03-01", "to": "2025-08-31", "outlets": ",".join(outlets)})
    expected = appearances(demo_frames, "2025-03-01", "2025-08-31", outlets=outlets)
    assert metric(at, "Appearances") == len(expected)
    assert metric(at, "Outlets") == expected["outlet_id"].nunique()
    assert at.multiselect(key="filter_outlets").value == outlets
    assert at.selectbox(key="filter_preset").value == sidebar.CUSTOM


def test_the_end_date_is_included(open_app, demo_frames):
    rows = appearances(demo_frames)
    busiest_day = pd.to_datetime(rows["published"]).dt.date.value_counts().index[0]
    at = open_app(**{"from": busiest_day.isoformat(), "to": busiest_day.isoformat()})
    assert metric(at, "Appearances") == len(appearances(demo_frames, busiest_day, busiest_day))


def test_changing_the_period_changes_the_kpis(open_app, demo_frames):
    at = open_app(**{"from": "2025-01-01", "to": "2025-12-31"})
    before = metric(at, "Appearances")
    at.selectbox(key="filter_preset").set_value("All time").run()
    after = metric(at, "Appearances")
    assert before == len(appearances(demo_frames, "2025-01-01", "2025-12-31"))
    assert after == len(appearances(demo_frames))  # undated ones included, as the page says
    assert after > before
    assert at.query_params.get("period") == "all"
    assert "from" not in at.query_params


def test_choosing_an_outlet_writes_it_into_the_url(open_app, demo_frames):
    at = open_app(**{"from": "2025-01-01", "to": "2025-12-31"})
    outlet = busiest_outlets(demo_frames, 1)[0]
    at.multiselect(key="filter_outlets").set_value([outlet]).run()
    assert at.query_params["outlets"] == outlet
    assert at.query_params["from"] == "2025-01-01"
    expected = appearances(demo_frames, "2025-01-01", "2025-12-31", outlets=[outlet])
    assert metric(at, "Appearances") == len(expected)


def test_the_default_view_is_the_last_twelve_months(open_app, demo_frames):
    at = open_app()
    date_from, date_to = preset_range("Last 12 months", dt.date.today())
    assert at.selectbox(key="filter_preset").value == "Last 12 months"
    assert at.query_params["from"] == date_from.isoformat()
    assert at.query_params["to"] == date_to.isoformat()
    assert metric(at, "Appearances") == len(appearances(demo_frames, date_from, date_to))


def test_a_link_with_the_dates_of_a_preset_shows_that_preset(open_app):
    date_from, date_to = preset_range("Last 90 days", dt.date.today())
    at = open_app(**{"from": date_from.isoformat(), "to": date_to.isoformat()})
    assert at.selectbox(key="filter_preset").value == "Last 90 days"


def test_unknown_and_malformed_values_are_dropped_with_a_notice(open_app, demo_frames):
    outlet = busiest_outlets(demo_frames, 1)[0]
    at = open_app(
        **{
            "from": "2025-02-30",
            "to": "2025-12-31",
            "outlets": f"{outlet},no-such-outlet,<script>",
            "media": "carrier-pigeon",
            "period": "forever",
        }
    )
    notices = " ".join(w.value for w in at.warning)
    assert "not a date" in notices and "2025-02-30" in notices
    assert "no-such-outlet" in notices and "carrier-pigeon" in notices
    assert "forever" in notices
    assert at.multiselect(key="filter_outlets").value == [outlet]
    assert at.query_params["outlets"] == outlet
    assert "media" not in at.query_params
    # the malformed start is dropped: from the first appearance up to the given end
    expected = appearances(demo_frames, None, "2025-12-31", outlets=[outlet])
    expected = expected[expected["published"].notna()]
    assert metric(at, "Appearances") == len(expected)


def test_the_notice_goes_away_once_the_filters_are_changed(open_app):
    at = open_app(outlets="no-such-outlet")
    assert at.warning
    at.selectbox(key="filter_preset").set_value("Last year").run()
    assert not at.warning


def test_filters_survive_switching_pages(open_app, demo_frames):
    outlet = busiest_outlets(demo_frames, 1)[0]
    at = open_app(**{"from": "2025-01-01", "to": "2025-12-31", "outlets": outlet})
    at.switch_page("views/outlets.py").run()
    at.switch_page("views/overview.py").run()
    assert at.multiselect(key="filter_outlets").value == [outlet]
    assert at.query_params["outlets"] == outlet
    expected = appearances(demo_frames, "2025-01-01", "2025-12-31", outlets=[outlet])
    assert metric(at, "Appearances") == len(expected)


def test_reset_returns_to_the_default_view(open_app, demo_frames):
    outlet = busiest_outlets(demo_frames, 1)[0]
    at = open_app(**{"from": "2025-01-01", "to": "2025-03-31", "outlets": outlet, "q": "Sahel"})
    at.button[0].click().run()
    assert at.selectbox(key="filter_preset").value == "Last 12 months"
    assert at.multiselect(key="filter_outlets").value == []
    assert at.text_input(key="filter_text").value == ""
    assert "outlets" not in at.query_params and "q" not in at.query_params


def test_media_type_and_text_filters_apply(open_app, demo_frames):
    at = open_app(**{"from": "2025-01-01", "to": "2025-12-31", "media": "radio"})
    expected = appearances(demo_frames, "2025-01-01", "2025-12-31", media_types=["radio"])
    assert metric(at, "Appearances") == len(expected)
    word = "Sahel"
    at = open_app(**{"from": "2025-01-01", "to": "2025-12-31", "q": word})
    rows = appearances(demo_frames, "2025-01-01", "2025-12-31")
    text = rows["title"].fillna("").str.lower() + "\n" + rows["summary"].fillna("").str.lower()
    assert metric(at, "Appearances") == int(text.str.contains(word.lower(), regex=False).sum())


def test_the_share_link_holds_the_filters(open_app, demo_frames):
    outlet = busiest_outlets(demo_frames, 1)[0]
    at = open_app(**{"from": "2025-01-01", "to": "2025-12-31", "outlets": outlet})
    assert not at.sidebar.get("code")  # drawn once "Share this view" is opened
    link = share_link(at)
    assert "from=2025-01-01" in link and "to=2025-12-31" in link and f"outlets={outlet}" in link


def test_a_custom_range_includes_both_days_and_goes_into_the_url(open_app, demo_frames):
    at = open_app(**{"from": "2025-01-01", "to": "2025-12-31"})
    at.selectbox(key="filter_preset").set_value(sidebar.CUSTOM).run()
    assert at.date_input(key="filter_range").value == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    at.date_input(key="filter_range").set_value((dt.date(2025, 6, 1), dt.date(2025, 6, 30))).run()
    assert at.query_params["from"] == "2025-06-01" and at.query_params["to"] == "2025-06-30"
    assert metric(at, "Appearances") == len(appearances(demo_frames, "2025-06-01", "2025-06-30"))


def test_a_pages_own_choices_go_into_the_link_too(open_app, demo_frames):
    at = open_app("views/coverage.py", **{"from": "2025-01-01", "to": "2025-12-31"})
    at.radio(key="coverage_grain_month").set_value("week").run()
    at.selectbox(key="coverage_breakdown_").set_value("expert").run()
    assert at.query_params["grain"] == "week" and at.query_params["by"] == "expert"
    link = share_link(at)
    assert "grain=week" in link and "by=expert" in link and "from=2025-01-01" in link

    shared = open_app("views/coverage.py", **dict(at.query_params))  # a colleague opens it
    assert shared.radio(key="coverage_grain_week").value == "week"
    assert shared.selectbox(key="coverage_breakdown_expert").value == "expert"


def test_a_link_to_one_expert_opens_that_expert(open_app, demo_frames):
    expert = demo_frames.experts["slug"].iloc[-1]
    at = open_app("views/experts.py", expert=expert, **{"from": "2025-01-01", "to": "2025-12-31"})
    assert at.selectbox(key=f"experts_one_{expert}").value == expert
    assert at.query_params["expert"] == expert


def test_the_experts_compared_go_into_the_link(open_app, demo_frames):
    chosen = list(demo_frames.experts["slug"].iloc[-2:])
    at = open_app("views/experts.py", **{"from": "2025-01-01", "to": "2025-12-31"})
    at.multiselect(key="experts_compare").set_value(chosen).run()
    assert at.query_params["compare"] == ",".join(chosen)

    shared = open_app("views/experts.py", **dict(at.query_params))  # a colleague opens it
    assert shared.multiselect(key="experts_compare").value == chosen

    # an expert the link names who is not among them: left out, with a notice, and off the link
    odd = open_app("views/experts.py", compare=f"nobody-here,{chosen[0]}")
    assert odd.multiselect(key="experts_compare").value == [chosen[0]]
    assert "nobody-here" in " ".join(w.value for w in odd.warning)
    assert odd.query_params["compare"] == chosen[0]


def test_dates_beyond_what_the_date_picker_accepts_are_moved_to_its_limits_with_a_notice(
    open_app, demo_frames
):
    # the picker ends with next year; a link may ask for any date in 1900-9999
    today = dt.date.fromisoformat(open_app().query_params["to"])
    last = dt.date(today.year + 1, 12, 31)
    at = open_app(**{"from": "2025-01-01", "to": "2030-01-01"})
    notices = " ".join(w.value for w in at.warning)
    assert "2030-01-01" in notices and last.isoformat() in notices
    assert at.date_input(key=sidebar.widget_key("range")).value == (dt.date(2025, 1, 1), last)
    assert at.query_params["to"] == last.isoformat()
    expected = appearances(demo_frames, "2025-01-01", last.isoformat())
    assert metric(at, "Appearances") == len(expected)
    # a start beyond the picker as well: both ends move, nothing fails
    at = open_app(**{"from": "2031-05-01", "to": "2032-01-01"})
    assert at.date_input(key=sidebar.widget_key("range")).value == (last, last)
