"""The calendar: presets include both ends, the previous period is as long and ends the day
before, every day lies in its period, periods are named readably and start where DuckDB's
date_trunc starts them, and a timeline's default period size draws a readable number of bars."""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data import periods
from data.periods import GRAINS, PRESETS, preset_range

DAYS = st.dates(dt.date(1950, 1, 1), dt.date(2090, 1, 1))
LABEL = {
    "day": r"[1-9]\d? [A-Z][a-z]{2} \d{4}",
    "week": r"Week of [1-9]\d? [A-Z][a-z]{2} \d{4}",
    "month": r"[A-Z][a-z]{2} \d{4}",
    "quarter": r"Q[1-4] \d{4}",
    "year": r"\d{4}",
}


LENGTHS = {"day": {1}, "week": {7}, "month": {28, 29, 30, 31}, "quarter": {90, 91, 92}}
LENGTHS["year"] = {365, 366}


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def months_spanned(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


# ---------- periods of a grain


def test_period_ends_and_names():
    assert periods.period_end(day("2024-02-01"), "month") == day("2024-02-29")
    assert periods.period_end(day("2025-10-01"), "quarter") == day("2025-12-31")
    assert periods.period_end(day("2025-03-03"), "week") == day("2025-03-09")
    assert periods.period_label(day("2025-04-01"), "quarter") == "Q2 2025"
    assert periods.period_label(day("2025-03-03"), "week") == "Week of 3 Mar 2025"
    assert periods.period_label(day("2026-01-05"), "day") == "5 Jan 2026"
    assert periods.period_label(day("2026-01-05"), "month") == "Jan 2026"
    assert periods.period_label(day("2026-01-05"), "year") == "2026"


@given(DAYS, st.sampled_from(GRAINS))
def test_every_day_lies_in_its_period_which_is_named_readably(d, grain):
    start, end = periods.period_start(d, grain), periods.period_end(d, grain)
    assert start <= d <= end
    assert periods.period_start(end, grain) == start  # one period, not two
    assert periods.period_start(end + dt.timedelta(days=1), grain) == end + dt.timedelta(days=1)
    assert (end - start).days + 1 in LENGTHS[grain]
    label = periods.period_label(d, grain)
    assert re.fullmatch(LABEL[grain], label), label
    assert periods.period_label(start, grain) == periods.period_label(end, grain) == label
    assert str(start.year) in label


def test_weeks_start_on_monday():
    assert periods.period_start(day("2025-03-09"), "week") == day("2025-03-03")  # a Sunday
    assert periods.period_start(day("2025-03-03"), "week") == day("2025-03-03")  # a Monday
    assert periods.period_start(day("2026-01-01"), "week") == day("2025-12-29")  # across a year


@pytest.fixture(scope="module")
def duck():
    con = duckdb.connect()
    yield con
    con.close()


@settings(deadline=None)  # a query per grain: its time varies with the machine's load
@given(days=st.lists(DAYS, min_size=1, max_size=30))
def test_periods_start_where_duckdb_date_trunc_starts_them(duck, days):
    # the .sql files group by date_trunc: a bar's start and its name must agree with them
    for grain in GRAINS:
        rows = duck.execute(
            "SELECT CAST(date_trunc($grain, d) AS DATE) FROM unnest($days) AS t(d)",
            {"grain": grain, "days": days},
        ).fetchall()
        assert [r[0] for r in rows] == [periods.period_start(d, grain) for d in days], grain


@given(DAYS, st.integers(-3, 1500), st.sampled_from(GRAINS))
def test_period_count_is_the_number_of_periods_a_range_touches(start, length, grain):
    end = start + dt.timedelta(days=length)
    count = periods.period_count(start, end, grain)
    starts, d = set(), start
    while d <= end:
        starts.add(periods.period_start(d, grain))
        d = periods.period_end(d, grain) + dt.timedelta(days=1)
    assert count == len(starts)


def test_part_periods_at_either_end_are_pointed_out():
    note = periods.part_periods_note(day("2025-11-28"), day("2026-11-27"), "month")
    assert "only part of their month: 28–30 Nov and 1–27 Nov." in note
    assert "not a fall" in note
    so_far = periods.part_periods_note(
        day("2025-12-01"), day("2026-12-03"), "month", day("2026-12-03")
    )
    assert "1–3 Dec so far" in so_far
    # an end still to come, or none, stops today: today's month is a part month
    assert "1–3 Dec so far" in periods.part_periods_note(None, None, "month", day("2026-12-03"))
    assert "1–3 Dec so far" in periods.part_periods_note(
        day("2026-01-01"), day("2026-12-31"), "month", day("2026-12-03")
    )
    assert periods.part_periods_note(None, None, "month", day("2026-12-31")) == ""
    assert periods.part_periods_note(day("2025-01-01"), day("2025-12-31"), "month") == ""
    assert periods.part_periods_note(day("2025-11-28"), day("2026-11-27"), "day") == ""
    assert "month: 1–27 Nov." in periods.part_periods_note(None, day("2026-11-27"), "month")
    assert periods.part_periods(day("2025-03-03"), day("2025-03-31"), "week") == (False, True)


@given(DAYS, st.integers(0, 800), st.sampled_from(GRAINS))
def test_a_range_has_part_periods_exactly_where_it_cuts_one(start, length, grain):
    end = start + dt.timedelta(days=length)
    first, last = periods.part_periods(start, end, grain)
    assert first == (periods.period_start(start, grain) != start)
    assert last == (periods.period_end(end, grain) != end)
    assert bool(periods.part_periods_note(start, end, grain)) == (first or last)


# ---------- the default period size


@pytest.mark.parametrize(
    ("start", "end", "grain"),
    [
        ("2025-03-01", "2025-03-31", "day"),  # a month
        ("2025-01-01", "2025-02-09", "day"),  # 40 days
        ("2025-01-01", "2025-02-10", "week"),  # 41 days
        ("2025-01-01", "2025-03-31", "week"),  # the last 90 days or a quarter
        ("2025-03-15", "2025-12-31", "month"),  # 43 weeks
        ("2025-01-01", "2025-12-31", "month"),  # a year
        ("2023-01-01", "2025-12-31", "month"),  # three years: 36 months
        ("2020-01-01", "2025-12-31", "quarter"),  # six years
        ("2010-01-01", "2025-12-31", "year"),  # sixteen years: 64 quarters
    ],
)
def test_the_default_grain_is_the_finest_that_draws_at_most_40_bars(start, end, grain):
    assert periods.default_grain(day(start), day(end)) == grain


def test_an_open_end_reads_as_the_datas_first_or_last_day():
    first, last = day("2020-01-01"), day("2025-12-31")
    assert periods.default_grain(None, None, first, last) == "quarter"
    assert periods.default_grain(day("2025-12-01"), None, first, last) == "day"
    assert periods.default_grain(None, day("2020-01-31"), first, last) == "day"
    assert periods.default_grain(None, None) == "month"  # no data at all


@given(DAYS, st.integers(0, 8000))
def test_the_default_grain_draws_at_most_40_bars_and_no_finer_grain_would(start, length):
    end = start + dt.timedelta(days=length)
    grain = periods.default_grain(start, end)
    if grain != "year":
        assert periods.period_count(start, end, grain) <= periods.MAX_BARS
    for finer in GRAINS[: GRAINS.index(grain)]:
        assert periods.period_count(start, end, finer) > periods.MAX_BARS


def test_a_table_grain_starts_from_the_charts_and_fits_the_slide():
    year = (day("2025-01-01"), day("2025-12-31"))
    assert periods.default_grain(*year, most=16, finest="month") == "month"
    assert periods.default_grain(*year, most=16, finest="day") == "month"
    assert periods.default_grain(*year, most=16, finest="quarter") == "quarter"
    assert periods.default_grain(day("2020-01-01"), day("2025-12-31"), most=16) == "year"


# ---------- ranges: presets, whole months, the previous period


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("today", ["2024-02-29", "2025-01-01", "2025-12-31", "2026-03-31"])
def test_date_presets_end_today_and_include_it(preset, today):
    d = day(today)
    start, end = preset_range(preset, d)
    if preset == "All time":
        assert (start, end) == (None, None)
    elif preset == "Last year":
        assert (start, end) == (dt.date(d.year - 1, 1, 1), dt.date(d.year - 1, 12, 31))
    elif preset == "Last 12 months":
        assert end < d and start <= end  # whole months: see the test below
    else:
        assert end == d and start <= end
        length = {"Last 30 days": 30, "Last 90 days": 90}.get(preset)
        if length:
            assert (end - start).days + 1 == length


@given(DAYS)
def test_the_last_12_months_are_the_twelve_last_whole_months(today):
    start, end = preset_range("Last 12 months", today)
    assert periods.whole_months(start, end) == 12
    assert end + dt.timedelta(days=1) == today.replace(day=1)  # up to the month under way
    assert preset_range("This month so far", today) == (today.replace(day=1), today)
    assert preset_range("This year", today) == (dt.date(today.year, 1, 1), today)


def test_the_presets_on_a_given_day():
    today = day("2026-12-03")
    assert preset_range("Last 12 months", today) == (day("2025-12-01"), day("2026-11-30"))
    assert preset_range("This month so far", today) == (day("2026-12-01"), today)
    assert periods.part_periods_note(*preset_range("Last 12 months", today), "month", today) == ""


def test_a_part_period_is_named_by_its_days():
    assert periods.part_label(day("2026-12-01"), day("2026-12-03"), so_far=True) == "1–3 Dec so far"
    assert periods.part_label(day("2026-03-16"), day("2026-03-31")) == "16–31 Mar"
    assert periods.part_label(day("2026-12-01"), day("2026-12-01"), so_far=True) == "1 Dec so far"
    assert periods.part_label(day("2026-10-01"), day("2026-12-03")) == "1 Oct – 3 Dec"
    assert periods.part_label(day("2025-12-29"), day("2026-01-02")) == "29 Dec 2025 – 2 Jan 2026"
    assert periods.part_of(day("2026-12-02"), "month", None, day("2026-12-03")) == (
        day("2026-12-01"),
        day("2026-12-03"),
    )
    assert periods.part_of(day("2026-11-02"), "month", None, day("2026-12-03")) is None
    assert periods.part_of(day("2026-12-03"), "day", day("2026-12-03"), day("2026-12-03")) is None


def test_an_unknown_preset_is_refused():
    with pytest.raises(ValueError, match="unknown preset"):
        preset_range("Last fortnight", day("2025-01-01"))


def test_whole_months_are_counted_only_for_ranges_of_whole_months():
    assert periods.whole_months(day("2025-01-01"), day("2025-12-31")) == 12
    assert periods.whole_months(day("2024-02-01"), day("2024-02-29")) == 1
    assert periods.whole_months(day("2024-02-01"), day("2024-02-28")) == 0  # leap February
    assert periods.whole_months(day("2025-01-02"), day("2025-01-31")) == 0
    assert periods.whole_months(day("2025-03-01"), day("2025-02-28")) == 0  # backwards
    assert periods.starts_month(day("2025-03-01")) and not periods.starts_month(day("2025-03-02"))
    assert periods.ends_month(day("2024-02-29")) and not periods.ends_month(day("2025-03-30"))


@given(DAYS, st.integers(0, 4000))
def test_whole_months_agree_with_counting_month_by_month(start, length):
    end = start + dt.timedelta(days=length)
    whole = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    assert periods.whole_months(start, end) == (months_spanned(start, end) if whole else 0)


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
    assert periods.previous_period(day(start), day(end)) == (day(previous_start), day(previous_end))


@given(DAYS, st.integers(0, 4000))
def test_previous_period_always_ends_the_day_before_and_has_the_same_length(start, days):
    end = start + dt.timedelta(days=days)
    previous_start, previous_end = periods.previous_period(start, end)
    assert previous_end == start - dt.timedelta(days=1)
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:  # whole months
        assert previous_start.day == 1
        assert months_spanned(previous_start, previous_end) == months_spanned(start, end)
    else:
        assert previous_end - previous_start == end - start


# ---------- words


def test_a_period_is_described_with_both_ends_or_the_one_it_has():
    assert (
        periods.describe_period(day("2025-01-01"), day("2025-12-31")) == "1 Jan 2025 – 31 Dec 2025"
    )
    assert periods.describe_period(day("2025-01-01"), None) == "since 1 Jan 2025"
    assert periods.describe_period(None, day("2025-12-31")) == "up to 31 Dec 2025"
    assert periods.describe_period(None, None) == "all time"


def test_the_demo_spans_whole_years_ending_today():
    # the demo data starts the day after the same date six years before, even from 29 February
    assert periods.ending_on(day("2026-02-28"), years=6) == (day("2020-02-29"), day("2026-02-28"))
    assert periods.ending_on(day("2024-02-29"), years=6) == (day("2018-03-01"), day("2024-02-29"))
    assert periods.ending_on(day("2025-06-15"), days=1) == (day("2025-06-15"), day("2025-06-15"))
