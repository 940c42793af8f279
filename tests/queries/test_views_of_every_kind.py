"""Views filtered on kinds alone (all appearances, every kind, only events) count experts and topics
exactly as pandas does: the query layer reads those views by excluding the other kinds."""

from __future__ import annotations

import pandas as pd
import pytest

import queries
from queries.filters import Filters
from tests.queries import reference
from tests.queries.compare import assert_same_rows, normalise

KIND_VIEWS = {
    "appearances": Filters(),
    "every kind": Filters(kinds=()),
    "only the organisation's events": Filters(kinds=("event",)),
}


@pytest.mark.parametrize("view", KIND_VIEWS)
def test_headline_counts_of_a_kind_view(demo_con, frames, view):
    got = queries.run(demo_con, "kpis", KIND_VIEWS[view]).iloc[0]
    want = reference.kpis(frames, KIND_VIEWS[view])
    for key, value in want.items():
        assert normalise(pd.Series([got[key]])) == normalise(pd.Series([value])), key


@pytest.mark.parametrize("view", KIND_VIEWS)
def test_how_experts_appear_in_a_kind_view(demo_con, frames, view):
    got = queries.run(demo_con, "expert_role_mix", KIND_VIEWS[view])
    want = reference.expert_role_mix(frames, KIND_VIEWS[view])
    assert len(want) > 0
    assert_same_rows(got, want, ["slug", "role", "appearances"])


@pytest.mark.parametrize("view", KIND_VIEWS)
def test_topics_of_a_kind_view(demo_con, frames, view):
    got = queries.run(demo_con, "top_tags", KIND_VIEWS[view], limit=12)
    want = reference.top_tags(frames, KIND_VIEWS[view], 12)
    assert_same_rows(got, want, ["slug", "appearances", "share", "experts"])


@pytest.mark.parametrize(
    "filters", [Filters(kinds=("event",)), Filters(kinds=("event",), languages=("fr", "en"))]
)
def test_either_way_of_selecting_articles_finds_the_bridge_rows_of_the_view(
    demo_con, frames, filters
):
    """A kind-only view excludes the other kinds; any other view looks the matching ids up."""
    predicate, params = filters.membership("ae.article_id")
    sql = f"SELECT DISTINCT ae.article_id FROM article_experts ae WHERE {predicate}"  # noqa: S608
    got = set(demo_con.execute(sql, params).df()["article_id"])
    a = frames.articles
    chosen = a[(a["kind"] == "event") & a["language"].isin(filters.languages or a["language"])]
    want = set(frames.article_experts["article_id"]) & set(chosen["article_id"])
    assert want and got == want
