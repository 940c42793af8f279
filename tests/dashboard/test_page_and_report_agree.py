"""The Overview and the coverage report of the same view draw the timeline at the same period
size and word every change against the previous period alike."""

from __future__ import annotations

import re

import pytest

from dashboard.report.content import gather
from data.store import open_read_only
from queries.filters import Filters

ORG = "Montrevel Institute for International Relations"
VIEWS = {
    "a month": {"from": "2025-06-01", "to": "2025-06-30"},  # by day
    "a quarter": {"from": "2025-01-01", "to": "2025-03-31"},  # by week
    "nine and a half months": {"from": "2025-03-15", "to": "2025-12-31"},  # by month
    "a year": {"from": "2025-01-01", "to": "2025-12-31"},
    "the first weeks of the data": {"from": "2020-11-28", "to": "2020-12-20"},  # none before
    "all time": {"period": "all"},  # no previous period; by quarter
}


@pytest.fixture(scope="module")
def con(demo_db):
    connection = open_read_only(demo_db)
    yield connection
    connection.close()


def page_grain(at) -> str:
    (picker,) = [r for r in at.radio if r.label == "Show appearances per"]
    return picker.value


def report_grain(report) -> str:
    (chart,) = [c for c in report.charts if c.title == "Coverage over time"]
    return re.match(r"Appearances per (\w+),", chart.subtitle)[1]


@pytest.mark.parametrize("view", VIEWS)
def test_the_page_and_the_report_agree_on_the_period_size_and_the_changes(view, open_app, con):
    params = VIEWS[view]
    at = open_app(**params)
    report = gather(con, Filters.from_query_params(params)[0], ORG, images=False)

    assert page_grain(at) == report_grain(report)
    cards = {m.label: m for m in at.metric}
    for kpi in report.kpis:
        card = cards[kpi.label]
        assert card.value == f"{kpi.value:,}"
        said = kpi.change()
        if kpi.previous is None:
            assert card.delta == said == ""
            continue
        # the report adds "vs previous period" where the slide does not name it otherwise
        assert said in (card.delta, f"{card.delta} vs previous period")
        arrow = {1: "UP", -1: "DOWN", 0: "NONE"}[kpi.direction()]
        assert card.proto.direction == type(card.proto).MetricDirection.Value(arrow)
        if kpi.previous == 0:
            assert card.delta == "new: none in the previous period"
    assert report.comparison in [c.value for c in at.caption]


def test_a_view_at_the_start_of_the_data_says_nothing_came_before(open_app):
    at = open_app(**VIEWS["the first weeks of the data"])
    deltas = {m.label: m.delta for m in at.metric}
    assert set(deltas.values()) == {"new: none in the previous period"}
    assert page_grain(at) == "day"
