"""A change against the previous period, in the words the Overview's cards and the report share:
a sign, the count with thousands separators and a sensibly rounded percentage; "no change"
without an arrow; "new" rather than a percentage of nothing; nothing at all without a previous
period."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from dashboard.change import Comparison, comparison, comparison_note, describe_change
from queries.filters import Filters

COUNTS = st.integers(0, 10_000_000)
# "+1,234 (+12%)", "−3 (−0.4%)", "+3 (under +0.1%)", "−9,999 (almost −100%)"
NUMBERED = re.compile(
    r"(?P<sign>[+−])(?P<count>\d{1,3}(?:,\d{3})*) \((?P<words>under |almost )?"
    r"(?P=sign)(?P<percent>\d{1,3}(?:,\d{3})*(?:\.\d)?)%\)"
)


def test_changes_read_as_a_manager_would_say_them():
    assert describe_change(12, 10).text == "+2 (+20%)"
    assert describe_change(9, 10).text == "−1 (−10%)"
    assert describe_change(1_234_567, 1_000_000).text == "+234,567 (+23%)"
    assert describe_change(1_005, 1_000).text == "+5 (+0.5%)"  # not "+0%"
    assert describe_change(201, 200).text == "+1 (+0.5%)"
    assert describe_change(10_003, 10_000).text == "+3 (under +0.1%)"
    assert describe_change(3, 1_000).text == "−997 (−99.7%)"  # not "−100%": three are left
    assert describe_change(1, 100_000).text == "−99,999 (almost −100%)"
    assert describe_change(0, 40).text == "−40 (−100%)"  # all gone
    assert describe_change(5_000, 2).text == "+4,998 (+249,900%)"


def test_no_change_has_no_arrow():
    for same in (0, 7, 18_996):
        change = describe_change(same, same)
        assert (change.text, change.direction, change.arrow) == ("no change", 0, "off")
        assert change.against_previous == "no change vs previous period"


def test_a_previous_period_with_nothing_says_so_instead_of_a_meaningless_number():
    change = describe_change(18_996, 0)
    assert change.text == "new: none in the previous period"
    assert "18,996" not in change.text and "%" not in change.text
    assert (change.direction, change.arrow) == (1, "up")
    assert change.against_previous == change.text  # it names the previous period already


def test_without_a_previous_period_nothing_is_said():
    change = describe_change(18_996, None)
    assert (change.text, change.against_previous, change.direction, change.arrow) == (
        "",
        "",
        0,
        "off",
    )


@given(COUNTS, COUNTS)
def test_every_change_shows_its_direction_count_and_percentage(current, previous):
    change = describe_change(current, previous)
    delta = current - previous
    assert change.direction == (delta > 0) - (delta < 0)
    assert change.arrow == {1: "up", -1: "down", 0: "off"}[change.direction]
    assert "-" not in change.text  # a minus sign, never a hyphen
    if delta == 0:
        assert change.text == "no change"
        return
    if previous == 0:
        assert change.text == "new: none in the previous period"
        return
    shown = NUMBERED.fullmatch(change.text)
    assert shown, change.text
    assert shown["sign"] == ("+" if delta > 0 else "−")
    assert int(shown["count"].replace(",", "")) == abs(delta)
    percent = float(shown["percent"].replace(",", ""))
    exact = abs(delta) / previous * 100
    if shown["words"] == "under ":
        assert percent == 0.1 and exact < 0.1
    elif shown["words"] == "almost ":
        assert percent == 100 and current > 0 and exact > 99.9
    else:
        assert abs(percent - exact) <= (0.05 if "." in shown["percent"] else 0.5) + 1e-9
        assert percent > 0  # a change never reads as 0%
        assert percent < 100 or delta > 0 or current == 0  # nor a fall as all gone, some left
        near_all_gone = delta < 0 and current > 0 and exact >= 99.5
        assert ("." in shown["percent"]) == (exact <= 0.5 or near_all_gone)  # one decimal there
    assert change.against_previous == f"{change.text} vs previous period"


def test_the_comparison_note_names_the_previous_period_or_says_why_there_is_none():
    year = Filters.from_query_params({"from": "2025-01-01", "to": "2025-12-31"})[0]
    assert comparison_note(year.previous_period()) == (
        "Changes against the previous period: 1 Jan 2024 – 31 Dec 2024."
    )
    assert comparison_note(None) == "No change shown: a comparison needs a start and an end date."


def test_a_period_whose_previous_period_begins_before_the_data_compares_with_nothing():
    year = Filters.from_query_params({"from": "2024-01-01", "to": "2024-12-31"})[0]
    data_from = dt.date(2024, 1, 9)  # the first dated appearance
    compared = comparison(year, data_from)
    assert compared.previous is None  # not "18,996 +18,996": nothing to compare with
    assert compared.note == (
        "No change shown: the previous period (1 Jan 2023 – 31 Dec 2023) begins before the "
        "data, which starts on 9 Jan 2024, so there is nothing to compare with."
    )
    later = Filters.from_query_params({"from": "2025-01-01", "to": "2025-12-31"})[0]
    assert comparison(later, data_from).previous == later.previous_period()
    assert comparison(later, data_from).note == comparison_note(later.previous_period())
    # the data's first month counts whole: an archive begun on 9 Jan covers January
    assert comparison(later, dt.date(2024, 1, 31)).previous == later.previous_period()
    assert comparison(later, dt.date(2024, 2, 1)).previous is None
    assert comparison(Filters(), data_from) == Comparison(None, comparison_note(None))
    assert comparison(later, None).previous is None
