"""The outlet tier (1 national or international reference, 2, 3 regional and specialist) works as
a filter and a breakdown like every other dimension: in a link, in the SQL, in the rollups.

Counted again in pandas from the tables themselves: articles joined to their outlet's tier."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import pandas as pd
import pytest

import queries
from queries.filters import Filters
from tests.queries.compare import assert_same_rows


@pytest.fixture(scope="module")
def tiered(demo_db) -> pd.DataFrame:
    """Every appearance with its outlet's tier as a link holds it ('1', '2', '3'; None: no tier)."""
    import duckdb

    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        rows = con.execute(
            "SELECT a.article_id, a.published, a.kind, o.tier FROM articles a"
            " JOIN outlets o USING (outlet_id)"
        ).df()
    finally:
        con.close()
    rows["tier"] = [None if pd.isna(t) else str(int(t)) for t in rows["tier"]]
    return rows


def test_the_demo_outlets_have_every_tier(tiered):
    appearances = tiered[tiered["kind"] == "appearance"]
    assert set(appearances["tier"].dropna()) == {"1", "2", "3"}
    counts = appearances["tier"].value_counts()
    assert counts["1"] > counts["2"] > counts["3"]  # the national references carry the most


def test_a_tier_filter_survives_a_link():
    f = Filters(tiers=("1", "3"), media_types=("print",))
    assert f.to_query_params() == {"tiers": "1,3", "media": "print"}
    back, notices = Filters.from_query_params(parse_qs(urlencode(f.to_query_params())))
    assert (back, notices) == (f, [])


def test_a_tier_the_store_lacks_is_dropped_with_a_notice(demo_con):
    values = queries.run(demo_con, "dimension_values")
    known = {"tiers": set(values.loc[values["dimension"] == "tiers", "value"])}
    f, notices = Filters.from_query_params({"tiers": "1,7"}, known=known)
    assert f.tiers == ("1",)
    assert notices == ["Ignored unknown tiers: '7'."]


@pytest.mark.parametrize("tiers", [("1",), ("2", "3")])
def test_filtering_by_tier_keeps_the_appearances_of_those_outlets(demo_con, tiered, tiers):
    got = queries.run(demo_con, "article_list", Filters(tiers=tiers), sort="date", limit=None)
    want = tiered[tiered["tier"].isin(tiers) & (tiered["kind"] == "appearance")]
    assert sorted(got["article_id"]) == sorted(want["article_id"])
    assert queries.run(demo_con, "kpis", Filters(tiers=tiers)).iloc[0]["appearances"] == len(want)


def test_the_outlet_mix_by_tier_counts_every_appearance_once(demo_con, tiered):
    got = queries.run(demo_con, "outlet_mix", Filters(kinds=()), dimension="tier")
    counts = tiered["tier"].fillna("unknown").value_counts()
    want = pd.DataFrame({"value": counts.index, "appearances": counts.to_numpy()})
    want["share"] = want["appearances"] / len(tiered)
    want = want.sort_values(["appearances", "value"], ascending=[False, True])
    assert_same_rows(got, want.reset_index(drop=True), ["value", "appearances", "share"])


def test_the_timeline_broken_down_by_tier_adds_up_to_each_year(demo_con, tiered):
    got = queries.run(
        demo_con, "coverage_by_period_breakdown", Filters(), grain="year", breakdown="tier"
    )
    dated = tiered[(tiered["kind"] == "appearance") & tiered["published"].notna()]
    dated = dated.assign(tier=dated["tier"].fillna("__none__"))  # an outlet without a tier
    year = pd.to_datetime(dated["published"]).dt.to_period("Y").dt.start_time.dt.date
    want = dated.assign(year=year).groupby(["year", "tier"]).size()
    shown = got[got["appearances"] > 0].set_index(["period", "series_id"])["appearances"]
    assert {(pd.Timestamp(p).date(), s): n for (p, s), n in shown.items()} == want.to_dict()


def test_a_tier_filter_is_answered_by_the_rollups_with_the_same_numbers(demo_con):
    f = Filters(tiers=("2",))
    sql, _ = queries.render("top_experts", f)
    assert "FROM expert_months a" in sql  # the rollup keeps the outlet, and so its tier
    fast = queries.run(demo_con, "top_experts", f, limit=None)
    counted = queries.run(demo_con, "top_experts", f, limit=None, use_rollups=False)
    pd.testing.assert_frame_equal(fast, counted, check_dtype=False)
    assert len(fast) > 0
