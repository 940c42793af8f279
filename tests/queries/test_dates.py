"""Date ranges include both ends, undated appearances are counted but never placed on a timeline,
and the previous period is the same number of days just before."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import queries
from queries.filters import PRESETS, Filters, preset_range


def busiest_day(frames) -> dt.date:
    return frames.articles["published"].value_counts().index[0].date()


def test_a_one_day_range_holds_that_days_appearances(demo_con, frames):
    day = busiest_day(frames)
    a = frames.articles
    expected = int(((a["published"] == str(day)) & (a["kind"] == "appearance")).sum())
    one_day = Filters(date_from=day, date_to=day)
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
    a = frames.articles
    undated = int((a["published"].isna() & (a["kind"] == "appearance")).sum())
    assert undated > 0
    kpis = queries.run(demo_con, "kpis").iloc[0]
    assert kpis["undated"] == undated
    assert kpis["appearances"] == int((a["kind"] == "appearance").sum())  # undated included
    for grain in queries.GRAINS:
        timeline = queries.run(demo_con, "coverage_by_period", grain=grain)
        assert timeline["appearances"].sum() == kpis["appearances"] - undated
        assert timeline["period"].notna().all()


def test_undated_appearances_count_in_rankings_without_a_date_range(demo_con, frames):
    a = frames.articles
    undated_ids = set(a.loc[a["published"].isna() & (a["kind"] == "appearance"), "article_id"])
    outlets = queries.run(demo_con, "top_outlets", limit=None)
    assert outlets["appearances"].sum() == int((a["kind"] == "appearance").sum())
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


# ---------- previous period


@pytest.mark.parametrize(
    ("start", "end", "previous_start", "previous_end"),
    [
        # whole calendar months compare with as many whole months: March with February
        ("2025-03-01", "2025-03-31", "2025-02-01", "2025-02-28"),
        # across a year end
        ("2025-01-01", "2025-01-31", "2024-12-01", "2024-12-31"),
        # a leap February with January
        ("2024-02-01", "2024-02-29", "2024-01-01", "2024-01-31"),
        # a year with the year before, leap or not
        ("2025-01-01", "2025-12-31", "2024-01-01", "2024-12-31"),
        ("2024-01-01", "2024-12-31", "2023-01-01", "2023-12-31"),
        # a quarter with the quarter before, across a year end
        ("2025-01-01", "2025-03-31", "2024-10-01", "2024-12-31"),
        # any other range: the same number of days just before
        ("2025-03-01", "2025-03-30", "2025-01-30", "2025-02-28"),
        ("2025-11-28", "2026-11-27", "2024-11-28", "2025-11-27"),
        # a single day
        ("2024-03-01", "2024-03-01", "2024-02-29", "2024-02-29"),
    ],
)
def test_previous_period_is_the_same_length_just_before(start, end, previous_start, previous_end):
    f = Filters(
        date_from=dt.date.fromisoformat(start),
        date_to=dt.date.fromisoformat(end),
        outlets=("le-monde",),
    )
    previous = f.previous_period()
    assert (previous.date_from, previous.date_to) == (
        dt.date.fromisoformat(previous_start),
        dt.date.fromisoformat(previous_end),
    )
    assert previous.outlets == ("le-monde",)  # every other filter is kept


def test_there_is_no_previous_period_without_both_dates():
    assert Filters().previous_period() is None
    assert Filters(date_from=dt.date(2025, 1, 1)).previous_period() is None


@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 1, 1)), st.integers(0, 4000))
def test_previous_period_always_ends_the_day_before_and_has_the_same_length(start, days):
    f = Filters(date_from=start, date_to=start + dt.timedelta(days=days))
    previous = f.previous_period()
    assert previous.date_to == f.date_from - dt.timedelta(days=1)
    if start.day == 1 and (f.date_to + dt.timedelta(days=1)).day == 1:  # whole months
        assert previous.date_from.day == 1
        assert months_spanned(previous) == months_spanned(f)
    else:
        assert previous.date_to - previous.date_from == f.date_to - f.date_from


def months_spanned(f: Filters) -> int:
    return (f.date_to.year - f.date_from.year) * 12 + f.date_to.month - f.date_from.month + 1


def test_kpis_of_two_adjacent_periods_add_up_to_the_pair(demo_con):
    this = Filters(date_from=dt.date(2025, 3, 1), date_to=dt.date(2025, 3, 31))
    both = Filters(date_from=this.previous_period().date_from, date_to=this.date_to)
    count = queries.run(demo_con, "kpis", this).iloc[0]["appearances"]
    before = queries.run(demo_con, "kpis", this.previous_period()).iloc[0]["appearances"]
    assert count + before == queries.run(demo_con, "kpis", both).iloc[0]["appearances"]


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("today", ["2024-02-29", "2025-01-01", "2025-12-31", "2026-03-31"])
def test_date_presets_end_today_and_include_it(preset, today):
    day = dt.date.fromisoformat(today)
    start, end = preset_range(preset, day)
    if preset == "All time":
        assert (start, end) == (None, None)
    elif preset == "Last year":
        assert (start, end) == (dt.date(day.year - 1, 1, 1), dt.date(day.year - 1, 12, 31))
    else:
        assert end == day and start <= end
        length = {"Last 30 days": 30, "Last 90 days": 90}.get(preset)
        if length:
            assert (end - start).days + 1 == length
        if preset == "Last 12 months":
            assert 365 <= (end - start).days + 1 <= 366
