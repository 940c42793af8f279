"""Views filtered on kinds alone (all appearances, every kind, only events) count experts and topics
exactly as pandas does."""

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
