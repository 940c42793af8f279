"""Date ranges include both ends, undated appearances are counted but never placed on a timeline,
and the previous period's counts sit just before the period's. (The calendar itself, presets and
the previous period's dates: tests/data/test_periods.py.)"""

from __future__ import annotations

import datetime as dt

import queries
from queries.filters import Filters
from tests.queries import reference


def busiest_day(frames) -> dt.date:
    return frames.articles["published"].value_counts().index[0].date()


def test_a_one_day_range_holds_that_days_appearances(demo_con, frames):
    day = busiest_day(frames)
    one_day = Filters(date_from=day, date_to=day)
    expected = reference.article_count(frames, one_day)
    assert expected > 0
    assert queries.run(demo_con, "article_count", one_day)["total"].iloc[0] == expected
    timeline = queries.run(demo_con, "coverage_by_period", one_day, grain="day")
    assert list(timeline["appearances"]) == [expected]


def test_the_end_date_is_included(demo_con, frames):
    day = busiest_day(frames)
    ending_there = Filters(date_from=day - dt.timedelta(days=6), date_to=day)
    ending_before = Filters(date_from=day - dt.timedelta(days=6), date_to=day - dt.timedelta(1))
    count = queries.run(demo_con, "kpis", ending_there).iloc[0]["appearances"]
    count_before = queries.run(demo_con, "kpis", ending_before).iloc[0]["appearances"]
    on_the_day = queries.run(demo_con, "article_count", Filters(date_from=day, date_to=day))
    assert count - count_before == on_the_day["total"].iloc[0] > 0


def test_undated_appearances_are_counted_but_never_on_a_timeline(demo_con, frames):
    appearances = reference.matched(frames, Filters())
    undated = int(appearances["published"].isna().sum())
    assert undated > 0
    kpis = queries.run(demo_con, "kpis").iloc[0]
    assert kpis["undated"] == undated
    assert kpis["appearances"] == len(appearances)  # undated included
    for grain in queries.GRAINS:
        timeline = queries.run(demo_con, "coverage_by_period", grain=grain)
        assert timeline["appearances"].sum() == kpis["appearances"] - undated
        assert timeline["period"].notna().all()


def test_undated_appearances_count_in_rankings_without_a_date_range(demo_con, frames):
    appearances = reference.matched(frames, Filters())
    undated_ids = set(appearances.loc[appearances["published"].isna(), "article_id"])
    outlets = queries.run(demo_con, "top_outlets", limit=None)
    assert outlets["appearances"].sum() == len(appearances)
    listed = queries.run(demo_con, "article_list", sort="date", limit=None)
    assert undated_ids <= set(listed["article_id"])
    assert listed["published"].tail(len(undated_ids)).isna().all()  # undated sort last


def test_a_date_range_leaves_undated_appearances_out_but_still_reports_them(demo_con, frames):
    last_year = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
    kpis = queries.run(demo_con, "kpis", last_year).iloc[0]
    everything = queries.run(demo_con, "kpis").iloc[0]
    assert kpis["undated"] == everything["undated"] > 0
    listed = queries.run(demo_con, "article_list", last_year, limit=None)
    assert listed["published"].notna().all()
    assert len(listed) == kpis["appearances"]


def test_a_timeline_spans_the_chosen_range_with_zeros_where_nothing_appeared(demo_con):
    august = Filters(date_from=dt.date(2025, 8, 1), date_to=dt.date(2025, 8, 31), text="zzzz")
    timeline = queries.run(demo_con, "coverage_by_period", august, grain="day")
    assert len(timeline) == 31
    assert timeline["period"].iloc[0].date() == dt.date(2025, 8, 1)
    assert timeline["period"].iloc[-1].date() == dt.date(2025, 8, 31)
    assert (timeline["appearances"] == 0).all()


def test_weeks_start_on_monday_and_quarters_on_their_first_month(demo_con):
    for grain, check in (
        ("week", lambda d: d.weekday() == 0),
        ("quarter", lambda d: d.day == 1 and d.month in (1, 4, 7, 10)),
        ("year", lambda d: (d.month, d.day) == (1, 1)),
    ):
        timeline = queries.run(demo_con, "coverage_by_period", grain=grain)
        assert all(check(p.date()) for p in timeline["period"]), grain


def test_a_far_fetched_range_is_clipped_to_the_data(demo_con, frames):
    absurd = Filters(date_from=dt.date(1900, 1, 1), date_to=dt.date(9999, 12, 31))
    timeline = queries.run(demo_con, "coverage_by_period", absurd, grain="day")
    first = frames.articles["published"].min()
    assert timeline["period"].iloc[0] == first
    assert len(timeline) < 366 * 8


# ---------- previous period (its arithmetic: tests/data/test_periods.py)


def test_the_previous_period_keeps_every_other_filter():
    f = Filters(
        date_from=dt.date(2025, 11, 28), date_to=dt.date(2026, 11, 27), outlets=("le-monde",)
    )
    previous = f.previous_period()
    assert (previous.date_from, previous.date_to) == (dt.date(2024, 11, 28), dt.date(2025, 11, 27))
    assert previous.outlets == ("le-monde",)  # every other filter is kept


def test_there_is_no_previous_period_without_both_dates():
    assert Filters().previous_period() is None
    assert Filters(date_from=dt.date(2025, 1, 1)).previous_period() is None


def test_kpis_of_two_adjacent_periods_add_up_to_the_pair(demo_con):
    this = Filters(date_from=dt.date(2025, 3, 1), date_to=dt.date(2025, 3, 31))
    both = Filters(date_from=this.previous_period().date_from, date_to=this.date_to)
    count = queries.run(demo_con, "kpis", this).iloc[0]["appearances"]
    before = queries.run(demo_con, "kpis", this.previous_period()).iloc[0]["appearances"]
    assert count + before == queries.run(demo_con, "kpis", both).iloc[0]["appearances"]
