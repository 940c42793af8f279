"""The report's charts colour each name as the dashboard's charts of the same view do (by its
rank in the view), and no two series of a chart share a colour."""

from __future__ import annotations

import datetime as dt

import pytest

import queries
from dashboard import charts
from dashboard.panels import RANKED
from dashboard.report.content import gather
from data.store import open_read_only
from queries.filters import Filters

YEAR_2025 = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
FIELDS = {"Top outlets": "outlets", "Experts' share of voice": "experts", "Top topics": "tags"}


@pytest.fixture(scope="module")
def report(demo_db):
    con = open_read_only(demo_db)
    try:
        yield gather(con, YEAR_2025, "Montrevel", images=False), con
    finally:
        con.close()


def test_the_reports_rankings_colour_each_name_as_the_dashboard_does(report):
    made, con = report
    ranked = {chart.title: chart for chart in made.charts}
    for title, field in FIELDS.items():
        (bars,) = ranked[title].figure.data
        drawn = dict(zip((row[0] for row in bars.customdata), bars.marker.color, strict=True))
        view = queries.run(con, RANKED[field], YEAR_2025, limit=len(charts.PALETTE))
        on_the_page = charts.colours_by_rank(view["slug"])
        assert len(drawn) == len(set(drawn.values())) == 10, title
        assert all(on_the_page[slug] == colour for slug, colour in drawn.items()), title


def test_every_chart_of_the_report_keeps_its_series_apart(report):
    made, _ = report
    for chart in made.charts:
        traces = chart.figure.data
        drawn = [t.line.color if t.type == "scatter" else t.marker.color for t in traces]
        sets = [{c} if isinstance(c, str) else set(c) for c in drawn]
        assert sum(len(s) for s in sets) == len(set().union(*sets)), chart.title
