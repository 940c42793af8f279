"""The headline numbers that are not plain counts: the share of tier-1 coverage and the potential
reach, in the words the Overview's cards and the report share. Pure (no Streamlit).

Both read a `kpis` row (queries/kpis.sql). Potential reach is the audience the outlets could
reach, counted once per outlet (the largest figure its appearances give), never an advertising
value and never people who saw the coverage.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.change import MINUS, NO_COMPARISON, Change, describe_change
from dashboard.labels import plural

REACH_LABEL = "Potential reach"


def _count(kpis: Mapping, key: str) -> int:
    value = kpis.get(key)
    return 0 if value is None or value != value else int(value)  # NULL or NaN: none


def tier_one_share(kpis: Mapping) -> float | None:
    """The share of the appearances carried by tier-1 outlets; None when no matched outlet has a
    tier (a share of 0 % would then say something false)."""
    if not _count(kpis, "tiered"):
        return None
    return _count(kpis, "tier_one") / _count(kpis, "appearances")


def tier_one_change(now: Mapping, before: Mapping | None) -> Change:
    """The tier-1 share against the previous period's (`before`, its kpis row; None: no previous
    period), in percentage points: '+3.1 pts'."""
    if before is None:
        return NO_COMPARISON
    if not _count(before, "appearances"):
        return describe_change(1, 0)  # "new: none in the previous period"
    current, previous = tier_one_share(now), tier_one_share(before)
    if current is None or previous is None:
        return NO_COMPARISON
    points = round((current - previous) * 100, 1)
    if points == 0:
        return Change("no change", 0, "no change vs previous period")
    text = f"{'+' if points > 0 else MINUS}{abs(points):.1f} pts"
    return Change(text, 1 if points > 0 else -1, f"{text} vs previous period")


def potential_reach(kpis: Mapping) -> int | None:
    """The summed potential audience; None when no outlet of the view gave a figure."""
    return _count(kpis, "potential_reach") if _count(kpis, "reach_outlets") else None


def compact(number: int) -> str:
    """A large figure short enough for a card: 289.8 M, 1.2 bn, 830 k."""
    for size, unit in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if number >= size:
            return f"{number / size:,.1f} {unit}".replace(".0 ", " ")
    return f"{number:,}"


def reach_change(now: Mapping, before: Mapping | None) -> Change:
    """The potential reach against the previous period's, the difference written short enough
    for a card: '−23 M (−9%)'. None before, or no figure then: no comparison, unless the previous
    period had no appearance at all."""
    if before is None:
        return NO_COMPARISON
    current, previous = potential_reach(now) or 0, potential_reach(before)
    if previous is None:
        return describe_change(1, 0) if not _count(before, "appearances") else NO_COMPARISON
    change = describe_change(current, previous)
    if current == previous or not previous:
        return change
    full, short = f"{abs(current - previous):,}", compact(abs(current - previous))
    return Change(
        change.text.replace(full, short, 1),
        change.direction,
        change.against_previous.replace(full, short, 1),
    )


def reach_method(kpis: Mapping) -> str:
    """How the potential reach was counted, with how many outlets gave a figure."""
    gave, outlets = _count(kpis, "reach_outlets"), _count(kpis, "outlets")
    return (
        "The audience the outlets could reach, as the sources give it: for each outlet, the "
        "largest figure its appearances in the period carry, summed over the outlets once each "
        f"({_which(gave, outlets)} gave a figure). A potential audience, not the people who saw "
        "the coverage, and not an advertising value."
    )


def _which(gave: int, outlets: int) -> str:
    if gave == outlets:
        return "the one outlet" if gave == 1 else f"all {outlets:,} outlets"
    return f"{gave:,} of {plural(outlets, 'outlet')}"


def tier_one_method(kpis: Mapping) -> str:
    untiered = _count(kpis, "appearances") - _count(kpis, "tiered")
    note = (
        "Appearances in tier-1 outlets (national or international references, as outlets.csv "
        "ranks them) over all appearances"
    )
    if untiered:
        note += f"; {plural(untiered, 'appearance')} in outlets without a tier count as not tier 1"
    return note + "."


def headline_sentences(kpis: Mapping) -> list[str]:
    """The report's sentences for these two numbers (none for a number the view lacks)."""
    lines = []
    share = tier_one_share(kpis)
    if share is not None:
        appearances, tier_one = _count(kpis, "appearances"), _count(kpis, "tier_one")
        if tier_one == appearances:  # a filter made it whole: "all", not "100 %"
            lines.append("Every appearance was in a tier-1 outlet.")
        else:
            lines.append(
                f"Tier-1 outlets carried {share:.0%} of the appearances "
                f"({tier_one:,} of {appearances:,})."
            )
    reach = potential_reach(kpis)
    if reach is not None:
        gave, outlets = _count(kpis, "reach_outlets"), _count(kpis, "outlets")
        lines.append(
            f"Potential reach {reach:,}: the largest audience figure of each outlet, summed over "
            f"{_which(gave, outlets)} that gave one (a potential audience, not an advertising "
            "value)."
        )
    return lines
