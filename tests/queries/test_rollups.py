"""The monthly rollups are read only when they can answer the filters, and then give the same
rows as the counts taken from the appearances themselves."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import queries
from data.rollups import KEYS
from queries.filters import Filters
from tests.queries.test_random_filters import fuzz, random_filters

READS_A_ROLLUP = sorted(name for name in queries.names() if queries.rollups_read(name))
PARAMS = {
    "kpis": [{}],
    "expert_outlets": [{"limit": None}],  # + the most frequent expert
    "expert_tags": [{"limit": None}],  # + the most frequent expert
    "tag_experts": [{"limit": None}],  # + the most frequent topic
    "expert_role_mix": [{}],
    "top_experts": [{"limit": None}],
    "top_outlets": [{"limit": None}],
    "top_tags": [{"limit": None}],
    "tag_by_month": [{"limit": 5}],
    "expert_outlet_matrix": [{"limit": 6}],
    "experts_compare": [{"grain": grain} for grain in ("month", "year", "day")],  # + experts
    "coverage_by_period_breakdown": [
        {"grain": grain, "breakdown": breakdown, "top_n": 4}
        for grain in ("month", "quarter", "year", "week")
        for breakdown in ("expert", "tag")
    ],
}


def test_the_queries_that_read_a_rollup_are_the_ones_compared_here():
    assert READS_A_ROLLUP == sorted(PARAMS)


def reads(name: str, f: Filters) -> set[str]:
    """The rollup tables the SQL as executed reads."""
    sql, _ = queries.render(name, f, **PARAMS[name][0])
    return {rollup for rollup in KEYS if f"FROM {rollup} a" in sql}


@pytest.mark.parametrize(
    "f, read",
    [
        (Filters(), True),
        (Filters(kinds=()), True),
        (Filters(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31)), True),
        (Filters(date_from=dt.date(2024, 2, 1), date_to=dt.date(2024, 2, 29)), True),  # leap
        (Filters(date_from=dt.date(2024, 3, 1)), True),
        (Filters(languages=("fr",), media_types=("tv",), outlets=("le-monde",)), True),
        (Filters(date_from=dt.date(2024, 1, 2), date_to=dt.date(2024, 12, 31)), False),
        (Filters(date_from=dt.date(2024, 2, 1), date_to=dt.date(2024, 2, 28)), False),
        (Filters(date_to=dt.date(2026, 11, 27)), False),  # "this year" ends today
        (Filters(text="énergie"), False),
        (Filters(experts=("some-expert",)), False),
        (Filters(tags=("energy",)), False),
    ],
)
def test_a_rollup_is_read_for_all_time_or_whole_months_without_a_search(f, read):
    assert bool(reads("top_experts", f)) == read
    assert bool(reads("tag_by_month", f)) == read


def test_a_rollup_without_outlets_is_not_read_under_an_outlet_filter():
    assert reads("top_tags", Filters()) == {"tag_months", "tag_expert_months"}
    for f in (Filters(outlets=("le-monde",)), Filters(countries=("FR",))):
        assert reads("top_tags", f) == {"tag_months"}  # experts per topic: from appearances


def test_with_or_without_rollups_every_query_gives_the_same_rows(demo_db, frames):
    from data.store import open_read_only

    con = open_read_only(demo_db)
    compared = list(frames.article_experts["expert_slug"].value_counts().index[:3])
    topic = frames.article_tags["tag_slug"].value_counts().index[0]
    try:

        @fuzz
        @given(random_filters(frames), st.sampled_from(READS_A_ROLLUP), st.data())
        def property_(f, name, data):
            params = data.draw(st.sampled_from(PARAMS[name]))
            if name == "experts_compare":
                params = {**params, "experts": compared}
            elif name in ("expert_outlets", "expert_tags"):
                params = {**params, "expert": compared[0]}
            elif name == "tag_experts":
                params = {**params, "tag": topic}
            fast = queries.run(con, name, f, **params)
            counted = queries.run(con, name, f, use_rollups=False, **params)
            pd.testing.assert_frame_equal(fast, counted, check_dtype=False)

        property_()
    finally:
        con.close()
