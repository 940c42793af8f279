"""Every query in the catalogue gives the numbers pandas computes from the raw tables."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

import queries
from data.vocabulary import ROLES
from tests.queries import reference
from tests.queries.compare import assert_same_rows, normalise

VIEWS = [
    "everything",
    "last 12 months + 3 outlets",
    "one expert",
    "one topic in French",
    "text search",
    "tv and radio, all kinds",
    "one country, one quarter",
    "two programmes",
]
GRAINS = ["day", "week", "month", "quarter", "year"]


def first_expert(frames) -> str:
    return frames.article_experts["expert_slug"].value_counts().index[2]


def first_tag(frames) -> str:
    return frames.article_tags["tag_slug"].value_counts().index[0]


@pytest.mark.parametrize("view", VIEWS)
def test_kpis_count_appearances_outlets_experts_tags_and_undated(demo_con, frames, views, view):
    got = queries.run(demo_con, "kpis", views[view]).iloc[0]
    want = reference.kpis(frames, views[view])
    for key, value in want.items():
        assert normalise(pd.Series([got[key]])) == normalise(pd.Series([value])), key


def test_data_bounds_say_what_the_store_holds_whatever_the_filters(demo_con, frames):
    got = queries.run(demo_con, "data_bounds").iloc[0]
    want = reference.data_bounds(frames)
    assert got["demo_appearances"] == want["demo_appearances"] > 0
    for key, value in want.items():
        assert normalise(pd.Series([got[key]])) == normalise(pd.Series([value])), key


@pytest.mark.parametrize("view", VIEWS)
def test_article_count_is_the_number_of_matching_appearances(demo_con, frames, views, view):
    got = queries.run(demo_con, "article_count", views[view])["total"].iloc[0]
    assert got == reference.article_count(frames, views[view])


@pytest.mark.parametrize("grain", GRAINS)
@pytest.mark.parametrize("view", VIEWS)
def test_coverage_over_time_counts_every_period_with_zeros_for_gaps(
    demo_con, frames, views, view, grain
):
    got = queries.run(demo_con, "coverage_by_period", views[view], grain=grain)
    want = reference.coverage_by_period(frames, views[view], grain)
    assert_same_rows(got, want, ["period", "appearances"])


@pytest.mark.parametrize("breakdown", queries.BREAKDOWNS)
@pytest.mark.parametrize("view", VIEWS)
def test_coverage_broken_down_keeps_the_top_series_and_folds_the_rest_into_other(
    demo_con, frames, views, view, breakdown
):
    got = queries.run(
        demo_con,
        "coverage_by_period_breakdown",
        views[view],
        grain="quarter",
        breakdown=breakdown,
        top_n=4,
    )
    want = reference.coverage_by_period_breakdown(frames, views[view], "quarter", breakdown, 4)
    assert_same_rows(
        got.sort_values(["period", "series_id"]).reset_index(drop=True),
        want.sort_values(["period", "series_id"]).reset_index(drop=True),
        ["period", "series_id", "series", "appearances", "share"],
    )


@pytest.mark.parametrize("view", VIEWS)
def test_top_outlets_rank_with_share_experts_and_first_and_last_dates(
    demo_con, frames, views, view
):
    got = queries.run(demo_con, "top_outlets", views[view], limit=15)
    want = reference.top_outlets(frames, views[view], 15)
    assert_same_rows(
        got,
        want,
        [
            "slug",
            "tier",
            "appearances",
            "share",
            "experts",
            "first_date",
            "last_date",
            "potential_reach",
            "total_outlets",
        ],
    )


@pytest.mark.parametrize("view", VIEWS)
def test_outlets_new_in_period_first_covered_the_selection_in_it(demo_con, frames, views, view):
    got = queries.run(demo_con, "outlets_new_in_period", views[view])
    want = reference.outlets_new_in_period(frames, views[view])
    assert_same_rows(got, want, ["slug", "first_date", "appearances"])


@pytest.mark.parametrize("dimension", queries.MIX_DIMENSIONS)
@pytest.mark.parametrize("view", VIEWS)
def test_outlet_mix_splits_appearances_by_media_type_country_or_language(
    demo_con, frames, views, view, dimension
):
    got = queries.run(demo_con, "outlet_mix", views[view], dimension=dimension)
    want = reference.outlet_mix(frames, views[view], dimension)
    assert_same_rows(got, want, ["value", "appearances", "share"])


@pytest.mark.parametrize("view", VIEWS)
def test_top_experts_rank_with_share_of_voice_outlets_and_roles(demo_con, frames, views, view):
    got = queries.run(demo_con, "top_experts", views[view], limit=None)
    want = reference.top_experts(frames, views[view], None)
    assert_same_rows(
        got, want, ["slug", "appearances", "share", "outlets", *ROLES, "total_experts"]
    )


@pytest.mark.parametrize("view", VIEWS)
def test_expert_role_mix_counts_each_way_an_expert_appears(demo_con, frames, views, view):
    got = queries.run(demo_con, "expert_role_mix", views[view])
    want = reference.expert_role_mix(frames, views[view])
    assert_same_rows(got, want, ["slug", "role", "appearances"])
    assert set(got["role"]) <= set(ROLES)


@pytest.mark.parametrize("grain", ["week", "month", "year"])
@pytest.mark.parametrize("view", VIEWS)
def test_one_experts_timeline_is_the_timeline_filtered_to_that_expert(
    demo_con, frames, views, view, grain
):
    expert = first_expert(frames)
    one = replace(views[view], experts=(expert,))
    got = queries.run(demo_con, "coverage_by_period", one, grain=grain)
    want = reference.expert_timeline(frames, one, expert, grain)
    assert_same_rows(got, want, ["period", "appearances"])


@pytest.mark.parametrize("view", VIEWS)
def test_one_experts_outlets_and_topics(demo_con, frames, views, view):
    expert = first_expert(frames)
    got = queries.run(demo_con, "expert_outlets", views[view], expert=expert, limit=10)
    assert_same_rows(
        got, reference.expert_outlets(frames, views[view], expert, 10), ["slug", "appearances"]
    )
    got = queries.run(demo_con, "expert_tags", views[view], expert=expert, limit=10)
    assert_same_rows(
        got, reference.expert_tags(frames, views[view], expert, 10), ["slug", "appearances"]
    )


@pytest.mark.parametrize("view", VIEWS)
def test_experts_compared_over_time(demo_con, frames, views, view):
    chosen = list(frames.article_experts["expert_slug"].value_counts().index[:4])
    chosen.append("no-such-expert")
    got = queries.run(demo_con, "experts_compare", views[view], experts=chosen, grain="quarter")
    want = reference.experts_compare(frames, views[view], chosen, "quarter")
    assert_same_rows(got, want, ["period", "slug", "appearances"])


@pytest.mark.parametrize("view", VIEWS)
def test_top_tags_rank_with_share_and_experts(demo_con, frames, views, view):
    got = queries.run(demo_con, "top_tags", views[view], limit=12)
    want = reference.top_tags(frames, views[view], 12)
    assert_same_rows(got, want, ["slug", "appearances", "share", "experts"])


@pytest.mark.parametrize("view", VIEWS)
def test_tag_by_month_is_a_complete_long_format_heatmap(demo_con, frames, views, view):
    got = queries.run(demo_con, "tag_by_month", views[view], limit=6)
    want = reference.tag_by_month(frames, views[view], 6)
    assert_same_rows(got, want, ["period", "slug", "appearances"])


@pytest.mark.parametrize("view", VIEWS)
def test_tag_experts_ranks_who_speaks_on_a_topic(demo_con, frames, views, view):
    tag = first_tag(frames)
    got = queries.run(demo_con, "tag_experts", views[view], tag=tag, limit=10)
    assert_same_rows(
        got, reference.tag_experts(frames, views[view], tag, 10), ["slug", "appearances"]
    )


@pytest.mark.parametrize("view", VIEWS)
def test_expert_outlet_matrix_is_a_complete_long_format_heatmap(demo_con, frames, views, view):
    got = queries.run(demo_con, "expert_outlet_matrix", views[view], limit=7)
    want = reference.expert_outlet_matrix(frames, views[view], 7)
    assert_same_rows(got, want, ["expert_slug", "outlet_slug", "appearances"])


@pytest.mark.parametrize("sort", queries.SORTS)
@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("view", VIEWS)
def test_article_list_pages_through_sorted_appearances_with_their_total(
    demo_con, frames, views, view, sort, descending
):
    for offset in (0, 25):
        got = queries.run(
            demo_con,
            "article_list",
            views[view],
            sort=sort,
            descending=descending,
            limit=25,
            offset=offset,
        )
        want = reference.article_list(frames, views[view], sort, descending, 25, offset)
        assert_same_rows(
            got,
            want,
            [
                "article_id",
                "published",
                "outlet",
                "outlet_slug",
                "country",
                "title",
                "url",
                "summary",
                "experts",
                "tags",
                "kind",
                "total",
            ],
        )
        # how each expert appears: the same people, each with the role the bridge gives
        for got_roles, want_roles in zip(got["expert_roles"], want["expert_roles"], strict=True):
            got_pairs = [] if got_roles is None else [dict(r) for r in got_roles]
            assert got_pairs == (want_roles if isinstance(want_roles, list) else [])


def test_dimension_values_list_every_filter_value_with_its_label(demo_con, frames):
    got = queries.run(demo_con, "dimension_values")
    want = reference.dimension_values(frames)
    key = ["dimension", "value"]
    assert_same_rows(
        got.sort_values(key).reset_index(drop=True),
        want.sort_values(key).reset_index(drop=True),
        ["dimension", "value", "label", "appearances"],
    )
