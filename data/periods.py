"""The calendar: date presets, whole months, the previous period, period sizes and their names.

Every range is a pair of calendar dates with both ends included. The filters, the dashboard, the
report and the demo all count, compare and name periods here, so a page and the report of the
same view draw the same bars under the same names.

A period of a grain starts on its first day: the day itself, the Monday of a week, the 1st of a
month, of a quarter's first month or of January (as DuckDB's date_trunc does in the .sql files).
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import MO, relativedelta

GRAINS = ("day", "week", "month", "quarter", "year")
GRAIN_AXIS = {
    "day": "Day",
    "week": "Week (starting Monday)",
    "month": "Month",
    "quarter": "Quarter",
    "year": "Year",
}
_LENGTH = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
}
# A timeline's default period size is the finest that draws at most this many bars: up to 40
# days by day, about nine months by week, three years by month, ten by quarter. Readable on the
# page and on a slide alike; more bars than that and a week or a day is too thin to click.
MAX_BARS = 40
ONE_DAY = dt.timedelta(days=1)


# ---------- periods of a grain


def period_start(day: dt.date, grain: str) -> dt.date:
    """The first day of the period of `grain` that holds `day`."""
    if grain == "day":
        return day
    if grain == "week":
        return day + relativedelta(weekday=MO(-1))
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if grain == "year":
        return dt.date(day.year, 1, 1)
    raise ValueError(f"unknown grain {grain!r}")


def period_end(day: dt.date, grain: str) -> dt.date:
    """The last day (inclusive) of the period of `grain` that holds `day`."""
    return period_start(day, grain) + _LENGTH[grain] - ONE_DAY


def period_label(day: dt.date, grain: str) -> str:
    """The name of the period holding `day`: '5 Jan 2026', 'Week of 5 Jan 2026', 'Jan 2026',
    'Q1 2026', '2026'."""
    start = period_start(day, grain)
    if grain == "day":
        return day_words(start)
    if grain == "week":
        return f"Week of {day_words(start)}"
    if grain == "month":
        return f"{start:%b %Y}"
    if grain == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return f"{start.year}"


def period_count(start: dt.date, end: dt.date, grain: str) -> int:
    """How many periods of `grain` the range [start, end] touches (its bars on a timeline)."""
    if end < start:
        return 0
    first, last = period_start(start, grain), period_start(end, grain)
    if grain in ("day", "week"):
        return (last - first).days // (1 if grain == "day" else 7) + 1
    between = relativedelta(last, first)
    months = between.years * 12 + between.months
    return months // {"month": 1, "quarter": 3, "year": 12}[grain] + 1


def finest_grain(start: dt.date, end: dt.date, most: int, finest: str = "day") -> str:
    """The finest grain, from `finest` on, that splits [start, end] into at most `most` periods."""
    for grain in GRAINS[GRAINS.index(finest) :]:
        if period_count(start, end, grain) <= most:
            return grain
    return "year"


def default_grain(
    date_from: dt.date | None,
    date_to: dt.date | None,
    first_date: dt.date | None = None,
    last_date: dt.date | None = None,
    *,
    most: int = MAX_BARS,
    finest: str = "day",
) -> str:
    """The period size a timeline of the range starts with, on the page and in the report: the
    finest (from `finest` on) that draws at most `most` bars.

    An open end reads as the data's first or last dated appearance (`first_date`, `last_date`),
    the span a timeline of all time draws.
    """
    start = date_from or first_date
    end = date_to or last_date
    start, end = start or end, end or start
    if not (start and end):
        return max(finest, "month", key=GRAINS.index)
    return finest_grain(start, end, most, finest)


def part_periods(date_from: dt.date, date_to: dt.date, grain: str) -> tuple[bool, bool]:
    """Whether the first and the last period of the range hold only part of their days."""
    return period_start(date_from, grain) != date_from, period_end(date_to, grain) != date_to


def part_of(
    day: dt.date, grain: str, first: dt.date | None, last: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """The days of the period holding `day` that lie within [first, last] (None: open), when
    that is only part of the period; None when the period is whole."""
    start, end = period_start(day, grain), period_end(day, grain)
    held = max(start, first) if first else start, min(end, last) if last else end
    return None if held == (start, end) else held


def part_label(first: dt.date, last: dt.date, *, so_far: bool = False) -> str:
    """The days a part period holds: '1–3 Dec', '16 Mar', '29 Dec – 4 Jan', '1 Jan – 3 Dec so
    far' (so_far: it ends today, more days are to come)."""
    if first == last:
        days = f"{first.day} {first:%b}"
    elif (first.year, first.month) == (last.year, last.month):
        days = f"{first.day}–{last.day} {last:%b}"
    elif first.year == last.year:
        days = f"{first.day} {first:%b} – {last.day} {last:%b}"
    else:
        days = f"{day_words(first)} – {day_words(last)}"
    return f"{days} so far" if so_far else days


def covered(
    date_from: dt.date | None, date_to: dt.date | None, today: dt.date
) -> tuple[dt.date | None, dt.date]:
    """The days a timeline of the range can hold: up to today at most (an open end, or an end
    still to come, stops today), so the period of today is a part period until it is over."""
    return date_from, min(date_to, today) if date_to else today


def part_periods_note(
    date_from: dt.date | None, date_to: dt.date | None, grain: str, today: dt.date | None = None
) -> str:
    """Say which bars of a timeline hold only part of their period, and why they are lighter."""
    if today is not None:
        date_from, date_to = covered(date_from, date_to, today)
    if not date_to:
        return ""
    ends = (part_of(day, grain, date_from, date_to) for day in (date_from, date_to) if day)
    parts = [
        part_label(*held, so_far=today is not None and held[1] >= today)
        for held in dict.fromkeys(held for held in ends if held)  # one period can be both ends
    ]
    if not parts:
        return ""
    return (
        f"Lighter bars or points hold only part of their {grain}: {' and '.join(parts)}. "
        "They have fewer days than the others; a lower bar there is not a fall."
    )


# ---------- ranges


# What a manager means: "Last 12 months" are the twelve last whole months (a month still under
# way would end a timeline with a part month that looks like a collapse); the month under way is
# its own choice.
PRESETS = (
    "Last 30 days",
    "Last 90 days",
    "Last 12 months",
    "This month so far",
    "This year",
    "Last year",
    "All time",
)


def preset_range(preset: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The inclusive (from, to) of a preset; (None, None) for all time. "Last 12 months" on
    15 Mar 2026: 1 Mar 2025 – 28 Feb 2026."""
    if preset == "Last 30 days":
        return ending_on(today, days=30)
    if preset == "Last 90 days":
        return ending_on(today, days=90)
    if preset == "Last 12 months":
        this_month = today.replace(day=1)
        return this_month - relativedelta(months=12), this_month - ONE_DAY
    if preset == "This month so far":
        return today.replace(day=1), today
    if preset == "This year":
        return dt.date(today.year, 1, 1), today
    if preset == "Last year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if preset == "All time":
        return None, None
    raise ValueError(f"unknown preset {preset!r}")


def ending_on(
    day: dt.date, *, days: int = 0, months: int = 0, years: int = 0
) -> tuple[dt.date, dt.date]:
    """The range of that length whose last day is `day`: 12 months ending on 15 Mar 2026 start on
    16 Mar 2025 (on 29 Feb, a year back is 28 Feb)."""
    return day - relativedelta(days=days, months=months, years=years) + ONE_DAY, day


def starts_month(day: dt.date) -> bool:
    return day.day == 1


def ends_month(day: dt.date) -> bool:
    return (day + ONE_DAY).day == 1


def whole_months(start: dt.date, end: dt.date) -> int:
    """How many calendar months [start, end] spans exactly; 0 when it is not whole months."""
    if not (starts_month(start) and ends_month(end)) or end < start:
        return 0
    between = relativedelta(end + ONE_DAY, start)
    return between.years * 12 + between.months


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The range just before [start, end], of the same length.

    Whole calendar months compare with as many whole months (2025 with 2024, March with
    February, a quarter with the quarter before), as a manager reads them; any other range with
    the same number of days just before it.
    """
    months = whole_months(start, end)
    if months:
        return start - relativedelta(months=months), start - ONE_DAY
    return start - (end - start) - ONE_DAY, start - ONE_DAY


# ---------- words


def day_words(day: dt.date) -> str:
    """'5 Jan 2026'."""
    return f"{day.day} {day:%b %Y}"


def describe_period(date_from: dt.date | None, date_to: dt.date | None) -> str:
    """'1 Jan 2025 – 31 Dec 2025', 'since 1 Jan 2025', 'up to 31 Dec 2025' or 'all time'."""
    if date_from and date_to:
        return f"{date_from:%-d %b %Y} – {date_to:%-d %b %Y}"
    if date_from:
        return f"since {date_from:%-d %b %Y}"
    if date_to:
        return f"up to {date_to:%-d %b %Y}"
    return "all time"
