"""The monthly rollups are read only when they can answer the filters, and then give the same
rows as the counts taken from the appearances themselves."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import queries
from data.rollups import KEYS
from queries.filters import Filters
from tests.queries.test_random_filters import (
    FIRST,
    LAST,
    WORDS,
    fuzz,
    last_day_of_month,
    random_filters,
)

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


def reads(name: str, f: Filters, **params) -> set[str]:
    """The rollup tables the SQL as executed reads."""
    sql, _ = queries.render(name, f, **(params or PARAMS[name][0]))
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


GRAINS_A_ROLLUP_ANSWERS = ("month", "quarter", "year")  # by day or week: from the appearances
OUTLET_FILTERS = ("outlets", "countries", "media_types")  # tag_expert_months keeps no outlet


@st.composite
def rollup_filter_pairs(draw, frames) -> tuple[Filters, Filters]:
    """Filters a rollup can answer (random ones without a search, an expert or a topic, the dates
    widened to whole months), and the same with one thing no rollup can answer: a search, an
    expert, a topic, or a date range starting or ending inside a month."""
    f = draw(random_filters(frames))
    f = replace(
        f,
        text="",
        experts=(),
        tags=(),
        date_from=f.date_from and f.date_from.replace(day=1),
        date_to=f.date_to and last_day_of_month(f.date_to),
    )
    if draw(st.booleans()):
        f = replace(f, **{name: () for name in OUTLET_FILTERS})
    cut = draw(st.sampled_from(["text", "experts", "tags", "date_from", "date_to"]))
    if cut == "text":
        return f, replace(f, text=draw(st.sampled_from(WORDS)))
    if cut in ("experts", "tags"):
        slugs = sorted(getattr(frames, cut)["slug"])
        return f, replace(f, **{cut: (draw(st.sampled_from(slugs)),)})
    inside = draw(st.dates(FIRST, LAST)).replace(day=draw(st.integers(2, 27)))
    if cut == "date_from":
        end = f.date_to if f.date_to and f.date_to >= inside else last_day_of_month(inside)
        return f, replace(f, date_from=inside, date_to=end)
    start = f.date_from if f.date_from and f.date_from <= inside else inside.replace(day=1)
    return f, replace(f, date_from=start, date_to=inside)


@pytest.mark.parametrize("name", READS_A_ROLLUP)
def test_with_or_without_rollups_a_query_gives_the_same_rows(demo_db, frames, name):
    """Over random filters, each rollup the query reads is read both ways, from its table and
    from the appearances, and the two give identical frames."""
    from data.store import open_read_only

    con = open_read_only(demo_db)
    compared = list(frames.article_experts["expert_slug"].value_counts().index[:3])
    topic = frames.article_tags["tag_slug"].value_counts().index[0]
    paths: Counter[tuple[str, bool]] = Counter()  # (rollup, read from its table) -> filters
    try:

        @settings(fuzz, max_examples=20)
        @given(rollup_filter_pairs(frames), st.data())
        def property_(pair, data):
            params = data.draw(st.sampled_from(PARAMS[name]))
            if name == "experts_compare":
                params = {**params, "experts": compared}
            elif name in ("expert_outlets", "expert_tags"):
                params = {**params, "expert": compared[0]}
            elif name == "tag_experts":
                params = {**params, "tag": topic}
            for f in pair:
                fast = queries.run(con, name, f, **params)
                counted = queries.run(con, name, f, use_rollups=False, **params)
                pd.testing.assert_frame_equal(fast, counted, obj=f"{name} {f}")
                if params.get("grain", "month") in GRAINS_A_ROLLUP_ANSWERS:
                    read = reads(name, f, **params)
                    paths.update((rollup, rollup in read) for rollup in queries.rollups_read(name))

        property_()
    finally:
        con.close()
    for rollup in queries.rollups_read(name):
        assert paths[rollup, True] and paths[rollup, False], (rollup, dict(paths))
