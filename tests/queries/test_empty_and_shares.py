"""A view that selects nothing is an empty table, never an error; a share is a ratio of sums."""

from __future__ import annotations

import datetime as dt

import pytest

import queries
from queries.filters import Filters
from tests.queries import reference
from tests.queries.test_catalogue import CATALOGUE, listed_columns

NOTHING = Filters(text="no appearance has this in its title")
PARAMS = {
    "expert_outlets": {"expert": "no-such-expert"},
    "expert_tags": {"expert": "no-such-expert"},
    "experts_compare": {"experts": ["no-such-expert"]},
    "tag_experts": {"tag": "no-such-tag"},
}
ONE_ROW = {"kpis", "article_count", "data_bounds"}


@pytest.mark.parametrize("name", queries.names())
def test_a_view_with_no_appearances_gives_an_empty_table_with_its_columns(demo_con, name):
    got = queries.run(demo_con, name, NOTHING, **PARAMS.get(name, {}))
    if name in ONE_ROW:
        assert len(got) == 1
    elif name == "dimension_values":  # lists what exists, whatever the filters
        assert len(got) > 0
    else:
        assert len(got) == 0, name
    assert list(got.columns) == listed_columns(CATALOGUE[name][1])


def test_the_headline_numbers_of_an_empty_view_are_zero(demo_con):
    kpis = queries.run(demo_con, "kpis", NOTHING).iloc[0]
    assert (kpis["appearances"], kpis["outlets"], kpis["experts"], kpis["tags"]) == (0, 0, 0, 0)


def test_an_empty_view_with_a_date_range_still_has_a_zero_timeline(demo_con):
    quarter = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 3, 31), text="zzzz")
    timeline = queries.run(demo_con, "coverage_by_period", quarter, grain="month")
    assert list(timeline["appearances"]) == [0, 0, 0]
    split = queries.run(demo_con, "coverage_by_period_breakdown", quarter, breakdown="tag")
    assert len(split) == 0  # no series to show


def test_outlet_shares_are_each_outlets_part_of_all_appearances(demo_con):
    outlets = queries.run(demo_con, "top_outlets", limit=None)
    assert outlets["share"].sum() == pytest.approx(1.0)
    total = outlets["appearances"].sum()
    assert (outlets["share"] == outlets["appearances"] / total).all()


def test_share_of_voice_is_a_ratio_of_sums_not_an_average_of_ratios(demo_con, frames):
    """Two experts in one appearance count for both: shares are over expert appearances."""
    experts = queries.run(demo_con, "top_experts", limit=None)
    assert experts["share"].sum() == pytest.approx(1.0)
    appearances = reference.matched(frames, Filters())
    assert experts["appearances"].sum() == len(reference.with_experts(frames, appearances))


def test_a_series_share_in_a_period_is_its_part_of_that_periods_sum(demo_con):
    split = queries.run(demo_con, "coverage_by_period_breakdown", grain="year", breakdown="expert")
    for _, year in split.groupby("period"):
        assert year["share"].sum() == pytest.approx(1.0)
        assert (year["share"] == year["appearances"] / year["appearances"].sum()).all()
    monthly = queries.run(
        demo_con, "coverage_by_period_breakdown", grain="month", breakdown="media_type"
    )
    # the yearly share of a series is its yearly sum over the year's sum, whatever the months say
    monthly = monthly.assign(year=monthly["period"].dt.year)
    sums = monthly.groupby(["year", "series_id"])["appearances"].sum()
    by_year = sums / sums.groupby(level="year").transform("sum")
    direct = queries.run(
        demo_con, "coverage_by_period_breakdown", grain="year", breakdown="media_type"
    )
    direct = direct.assign(year=direct["period"].dt.year).set_index(["year", "series_id"])
    assert direct["share"].to_numpy() == pytest.approx(by_year.reindex(direct.index).to_numpy())
