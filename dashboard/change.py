"""How a number changed against the previous period, in words: the same on the Overview's cards
and in the report. Pure (no Streamlit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from data.periods import day_words, period_start
from queries.filters import Filters

MINUS = "−"  # the minus sign, not a hyphen: "−3" lines up with "+3"


@dataclass(frozen=True)
class Change:
    text: str  # "+1,234 (+12%)", "−3 (−10%)", "no change", "new: none in the previous period"
    direction: int  # 1 up, -1 down, 0 neither (no arrow); text "" when there is no comparison
    against_previous: str  # the text where the previous period is not named nearby

    @property
    def arrow(self) -> str:
        """st.metric's delta_arrow: "up", "down" or "off"."""
        return {1: "up", -1: "down", 0: "off"}[self.direction]


NO_COMPARISON = Change("", 0, "")


def describe_change(current: int, previous: int | None) -> Change:
    """`current` against `previous`; `previous` None when the view has no previous period (all
    time, or a range open at one end)."""
    if previous is None:
        return NO_COMPARISON
    delta = current - previous
    if delta == 0:
        return Change("no change", 0, "no change vs previous period")
    if previous == 0:  # a percentage of nothing means nothing
        text = "new: none in the previous period"
        return Change(text, 1, text)
    sign = "+" if delta > 0 else MINUS
    text = f"{sign}{abs(delta):,} ({_percent(abs(delta) / previous, sign, current)})"
    return Change(text, 1 if delta > 0 else -1, f"{text} vs previous period")


def _percent(share: float, sign: str, current: int) -> str:
    """A whole percent, unless that would read as no change or, for a fall, as nothing left:
    then one decimal ('+0.4%', '−99.6%'), and words beyond that."""
    for digits in (0, 1):
        shown = f"{share * 100:,.{digits}f}"
        number = float(shown.replace(",", ""))
        if number and not (sign == MINUS and current and number >= 100):
            return f"{sign}{shown}%"
    return f"under {sign}0.1%" if share < 0.5 else f"almost {MINUS}100%"


@dataclass(frozen=True)
class Comparison:
    previous: Filters | None  # the filters of the period compared with; None: no comparison
    note: str  # which period the changes are against, or why there are none


def comparison(filters: Filters, first_date: dt.date | None) -> Comparison:
    """What the view's numbers are compared with: the previous period (data/periods.py), when
    the data covers it. A previous period that begins before the data (`first_date`, the first
    dated appearance, read from the start of its month) compares with nothing: the view says so
    rather than calling the whole period a rise."""
    previous = filters.previous_period()
    if previous is None:
        return Comparison(None, comparison_note(None))
    if first_date is None:
        return Comparison(None, "No change shown: no appearance has a date to compare with.")
    if previous.date_from < period_start(first_date, "month"):
        return Comparison(
            None,
            f"No change shown: the previous period ({previous.describe_period()}) begins "
            f"before the data, which starts on {day_words(first_date)}, so there is nothing "
            "to compare with.",
        )
    return Comparison(previous, comparison_note(previous))


def comparison_note(previous: Filters | None) -> str:
    """Which period the changes are against, or why there are none."""
    if previous is None:
        return "No change shown: a comparison needs a start and an end date."
    return f"Changes against the previous period: {previous.describe_period()}."
