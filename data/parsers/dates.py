"""A spreadsheet's date column read as a whole: each value's day, and how the column writes them.

    >>> days, report = read_column(["22/09/17 11:00:24", "03/10/17"], zone, hint="day first")
    >>> days["22/09/17 11:00:24"], report.order          # 2017-09-22, 'day first'

- ISO 8601 (2025-07-02, 2025-07-02T09:49:00Z, 20250823T143000Z, with an offset) is always read
  year, month, day: never day first.
- A date-time with a zone (Z, an offset, UTC or GMT) becomes the calendar day in the
  organisation's time zone: 2025-07-02T23:30:00Z is 3 July in Paris. A date-time written without
  one is taken as written, unless the layout says which zone its vendor writes (GDELT: UTC).
- Numbers alone (03/05/2024, 22/09/17, 10.14.2023) are read in one order for the whole column:
  the order that leaves the fewest impossible or future dates over all its values (a day above 12
  decides it), and, when every value fits both, the order the vendor is known to write (the
  layout's `dates`), else day first. The report says which, and from what.
- Month names (07-Jan-2026 06:27PM, August 23, 2025, 18 janvier 2026) are read by
  text.parse_full_date, in English, French or German.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from dateutil import parser as dateparser

from data.parsers.text import parse_full_date

ORDERS = {"DMY": "day first", "MDY": "month first", "YMD": "year first"}
SHAPE_SAMPLE = 500  # distinct values whose form is noted: enough to show how a column writes them

_TIME = (
    r"(?:[ T,]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
)
_ZONE = r"\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?"
_NUMERIC = re.compile(
    rf"\s*(?P<a>\d{{1,4}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<c>\d{{1,4}}){_TIME}{_ZONE}\s*"
)
_ISO = re.compile(r"\s*(?:\d{4}-\d{2}-\d{2}|\d{8}T\d)")
_ZONE_SUFFIX = re.compile(r"(?:\bZ|\bUTC|\bGMT|[+-]\d{2}:?\d{2})\s*$")
_UTC_WORD = re.compile(r"\s*(?:UTC|GMT)\s*$")
_CLOCK = re.compile(  # a time of day ending the value, and its zone
    r"[\sT,]+\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$"
)


@dataclass
class ColumnDates:
    """How one date column is written, for the import summary and --explain."""

    column: str
    values: int = 0  # distinct values read
    unreadable: int = 0
    shapes: Counter[str] = field(default_factory=Counter)  # 'DD/MM/YY hh:mm:ss' -> values
    examples: dict[str, str] = field(default_factory=dict)  # shape -> a value written so
    order: str | None = None  # 'day first', 'month first' or 'year first', for numeric dates
    decided: str = ""  # why that order
    zoned: int = 0  # values with a zone, moved to the organisation's day
    zone_note: str = ""
    sampled: int = 0  # values whose form was noted

    def describe(self) -> str:
        """'Date: DD-Mon-YYYY hh:mm AM (e.g. 07-Jan-2026 06:27PM); day first (...)'."""
        shapes = ", ".join(
            f"{shape} (e.g. {self.examples[shape]})" for shape, _ in self.shapes.most_common(3)
        )
        parts = [f"{self.column}: {shapes or 'no dates'}"]
        if self.order:
            parts.append(f"{self.order}, {self.decided}")
        if self.zone_note:
            parts.append(self.zone_note)
        if self.unreadable:
            parts.append(f"{_plural(self.unreadable, 'value')} not read as a date")
        return "; ".join(parts)


def read_column(
    values: Iterable[str],
    zone: ZoneInfo,
    column: str = "date",
    hint: str | None = None,
    assume_zone: str | None = None,
    vendor: str = "",
    today: dt.date | None = None,
) -> tuple[dict[str, dt.date | None], ColumnDates]:
    """Each distinct value's calendar day (None when it is not a full date), and the report."""
    today = today or dt.date.today()
    report = ColumnDates(column)
    assumed = ZoneInfo(assume_zone) if assume_zone else None
    days: dict[str, dt.date | None] = {}
    numeric: dict[str, re.Match] = {}
    for value in dict.fromkeys(values):  # in the order met, so the report shows the first rows
        report.values += 1
        if _ISO.match(value):
            days[value] = _iso(value, zone, assumed, report)
            _note(report, value, "YMD", days[value])
        elif match := _NUMERIC.fullmatch(value):
            numeric[value] = match
        else:
            days[value] = _worded(value, zone, report, today)
            _note(report, value, None, days[value])
    if numeric:
        order = _decide(numeric.values(), hint, vendor, today, report)
        for value, match in numeric.items():
            days[value] = _numeric(match, order, zone, assumed, report, today)
            _note(report, value, order, days[value])
    report.unreadable = sum(day is None for day in days.values())
    if report.zoned:
        written = f" ({assume_zone} where none is written)" if assume_zone else ""
        report.zone_note = (
            f"{_plural(report.zoned, 'date-time')} with a time zone{written}, "
            f"each counted on its day in {zone.key}"
        )
    return days, report


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _note(report: ColumnDates, value: str, order: str | None, day: dt.date | None) -> None:
    if report.sampled >= SHAPE_SAMPLE:
        return
    report.sampled += 1
    form = shape(value, order) if day else "not a date"
    report.shapes[form] += 1
    report.examples.setdefault(form, value.strip())


# ---------- ISO 8601


def _iso(value: str, zone: ZoneInfo, assumed: ZoneInfo | None, report: ColumnDates):
    text = _UTC_WORD.sub("+00:00", value.strip())
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    timed = len(text) > 10
    return _day(moment, timed, zone, assumed, report)


def _day(
    moment: dt.datetime, timed: bool, zone: ZoneInfo, assumed: ZoneInfo | None, report
) -> dt.date:
    if moment.tzinfo is None and timed and assumed is not None:
        moment = moment.replace(tzinfo=assumed)
    if moment.tzinfo is not None:
        report.zoned += 1
        return moment.astimezone(zone).date()
    return moment.date()


# ---------- numbers alone


def _year(text: str, today: dt.date) -> int:
    year = int(text)
    if len(text) > 2:
        return year
    century = today.year // 100 * 100
    return century + year if century + year <= today.year + 1 else century - 100 + year


def _ymd(match: re.Match, order: str, today: dt.date) -> tuple[int, int, int]:
    a, b, c = match["a"], match["b"], match["c"]
    if order == "YMD":
        return _year(a, today), int(b), int(c)
    day, month = (a, b) if order == "DMY" else (b, a)
    return _year(c, today), int(month), int(day)


def _possible(match: re.Match) -> tuple[str, ...]:
    if len(match["a"]) >= 3:
        return ("YMD",)
    if len(match["c"]) >= 3:
        return ("DMY", "MDY")
    return ("DMY", "MDY", "YMD")


def _valid(match: re.Match, order: str, today: dt.date) -> bool:
    try:
        return dt.date(*_ymd(match, order, today)) <= today
    except ValueError:
        return False


def _decide(matches, hint: str | None, vendor: str, today: dt.date, report: ColumnDates) -> str:
    """The one order of the column: fewest impossible (or future) dates over all its values."""
    matches = list(matches)
    candidates = set.intersection(*(set(_possible(m)) for m in matches))
    if not candidates:  # years first in some values, last in others: each read its own way
        candidates = {"DMY", "MDY", "YMD"}
    wrong = {order: sum(not _valid(m, order, today) for m in matches) for order in candidates}
    fewest = min(wrong.values())
    best = [o for o in ("DMY", "MDY", "YMD") if o in wrong and wrong[o] == fewest]
    hinted = next((o for o, name in ORDERS.items() if name == hint), None)
    n = f"{len(matches):,} values"
    if len(best) == 1:
        order = best[0]
        others = sorted(o for o in wrong if o != order)
        if not others:
            report.decided = f"the only order these {n} can be written in"
        else:
            against = ", ".join(f"{wrong[o]:,} read {ORDERS[o]}" for o in others)
            report.decided = f"decided from all {n} (impossible or future dates: {against})"
    elif hinted in best:
        order = hinted
        report.decided = f"none of the {n} tells the order (no day above 12): {vendor}'s order"
    else:
        order = best[0]
        report.decided = f"none of the {n} tells the order (no day above 12): the default"
    report.order = ORDERS[order]
    return order


def _numeric(match, order, zone: ZoneInfo, assumed, report, today: dt.date) -> dt.date | None:
    if order not in _possible(match):  # a value written otherwise than the column
        order = _possible(match)[0]
    try:
        moment = dt.datetime(*_ymd(match, order, today))
    except ValueError:
        return None
    if match["h"] is None:
        return moment.date()
    hour, ampm = int(match["h"]), (match["ampm"] or "").lower()
    if ampm:
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    try:
        moment = moment.replace(hour=hour, minute=int(match["mi"]))
    except ValueError:
        return None
    if match["zone"]:
        moment = moment.replace(tzinfo=_offset(match["zone"]))
    return _day(moment, True, zone, assumed, report)


def _offset(text: str) -> dt.tzinfo:
    if text in ("Z", "UTC", "GMT"):
        return dt.UTC
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
    return dt.timezone(dt.timedelta(minutes=-minutes if text[0] == "-" else minutes))


# ---------- month names


def _worded(value: str, zone: ZoneInfo, report: ColumnDates, today: dt.date) -> dt.date | None:
    clock = _CLOCK.search(value)
    if clock and not clock["zone"]:  # the day alone: days repeat in a column, times do not
        return _english_day(value[: clock.start()], today)
    if clock or _ZONE_SUFFIX.search(value):  # 'Sat, 23 Aug 2025 10:00:00 +0000'
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            try:
                moment = dateparser.parse(value)
            except (ValueError, OverflowError):
                moment = None
        if moment is not None and moment.tzinfo is not None:
            report.zoned += 1
            return moment.astimezone(zone).date()
    return _english_day(value, today)


# '07-Jan-2026', '16-Oct-25', '23 August 2025'; 'August 23, 2025', 'Aug. 23rd 2025'
_DAY_MONTH_YEAR = re.compile(r"\s*(\d{1,2})[-\s./]+([^\W\d_]{3,})\.?[-\s./,]+(\d{4}|\d{2})\s*")
_MONTH_DAY_YEAR = re.compile(
    r"\s*([^\W\d_]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\s*", re.I
)


def _english_day(text: str, today: dt.date) -> dt.date | None:
    """A day written with an English month name, the way exports write it, read without dateutil
    (a column holds a few hundred days, a large export many thousand values); anything else,
    other languages included, by text.parse_full_date."""
    if found := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = found.groups()
    elif found := _MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = found.groups()
    else:
        return parse_full_date(text)
    number = _NAMES.month(month)
    if number is None:
        return parse_full_date(text)
    try:
        return dt.date(_year(year, today), number, int(day))
    except ValueError:
        return None


# ---------- how a value is written


_PIECE = re.compile(r"\d+|[^\W\d_]+|\s+|.")
_AMPM = {"am", "pm"}
_NAMES = dateparser.parserinfo()  # English weekday names, to tell them from months


def shape(value: str, order: str | None) -> str:
    """A value's form, for a person: '07-Jan-2026 06:27PM' -> 'DD-Mon-YYYY hh:mmPM',
    '2025-07-02T09:49:00Z' -> 'YYYY-MM-DDThh:mm:ssZ', '22/09/17' (day first) -> 'DD/MM/YY'."""
    pieces = _PIECE.findall(value.strip())
    words = [p for p in pieces if p.isalpha() and len(p) > 2 and _NAMES.weekday(p) is None]
    numbers = [p for p in pieces if p.isdigit()]
    if words:  # a month name: the numbers are the day and the year
        roles = ["Y", "D"] if numbers and len(numbers[0]) == 4 else ["D", "Y"]
    else:
        roles = list(order or "YMD")
    times = ["hh", "mm", "ss", "fff"]
    out: list[str] = []
    previous, zoned = "", False
    for piece in pieces:
        if piece.isdigit():
            if roles and len(piece) == 8:  # 20250823T143000Z
                out.append("YYYYMMDD")
                roles = []
            elif roles:
                role = roles.pop(0)
                if role == "Y":
                    out.append("YYYY" if len(piece) == 4 else "YY")
                else:
                    out.append(role * 2 if len(piece) == 2 else role)
            elif previous in ("+", "-") or (zoned and previous == ":"):
                out.append(("hh" if len(piece) == 2 else "hhmm") if not zoned else "mm")
                zoned = True
            elif len(piece) == 6 and times[0] == "hh":
                out.append("hhmmss")
                times = []
            else:
                out.append(times.pop(0) if times else "9" * len(piece))
        elif piece.isalpha():
            if piece.casefold() in _AMPM:
                out.append("AM" if piece.isupper() else "am")
            elif _NAMES.weekday(piece) is not None and len(piece) > 2:
                out.append("Day")
            elif len(piece) > 2 and piece not in ("UTC", "GMT"):
                out.append("Mon" if len(piece) <= 4 else "Month")
            else:
                out.append(piece)
        else:
            out.append(piece)
        if not piece.isspace():
            previous = piece
    return "".join(out)
