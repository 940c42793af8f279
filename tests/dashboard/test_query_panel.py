"""Under each chart, "The query behind this chart" is the SQL as it ran for the view, with the
values bound to its parameters: what a reader copies runs and gives the chart's rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import queries
from queries.filters import Filters
from tests.dashboard.conftest import with_queries_open

RANGE = {"from": "2025-01-01", "to": "2025-12-31"}


def shown_queries(at) -> list[tuple[str, str, dict[str, str]]]:
    """(query name, SQL shown, {parameter: value as shown}) of every chart's query panel."""
    found = []
    for panel in (e for e in at.expander if e.label == "The query behind this chart"):
        note = panel.caption[-1].value
        (name,) = re.findall(r"^queries/(\w+)\.sql as it ran", note)
        sql = panel.code[0].value
        shown = panel.code[1].value if len(panel.code) > 1 else ""
        found.append((name, sql, dict(re.findall(r"^\$(\w+) = (.+)$", shown, re.M))))
    return found


@pytest.fixture
def an_outlet(demo_con) -> str:
    return demo_con.execute(
        "SELECT o.slug FROM articles a JOIN outlets o USING (outlet_id)"
        " WHERE a.published BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'"
        " GROUP BY ALL ORDER BY count(*) DESC, o.slug LIMIT 1"
    ).fetchone()[0]


def test_each_chart_shows_its_sql_as_it_ran_with_the_views_values(open_app, an_outlet):
    at = with_queries_open(open_app("views/overview.py", **RANGE, outlets=an_outlet))
    panels = shown_queries(at)
    assert [name for name, _, _ in panels] == [
        "coverage_by_period",
        "top_outlets",
        "top_experts",
        "top_tags",
    ]
    for name, sql, shown in panels:
        assert "{{" not in sql, name  # no template left: the SQL DuckDB was given
        reads = "FROM expert_months a" if name == "top_experts" else "FROM articles a"
        assert reads in sql, name  # whole months, an outlet: top experts need no appearance
        assert re.findall(r"\$(\w+)", sql) and set(re.findall(r"\$(\w+)", sql)) == set(shown)
        assert shown["f_date_from"] == "DATE '2025-01-01'", name
        assert shown["f_date_to"] == "DATE '2025-12-31'", name
        assert shown["f_outlets"] == f"['{an_outlet}']", name
    assert dict((n, s) for n, _, s in panels)["top_outlets"]["limit"] == "10"
    assert "period_spine(" in panels[0][1]
    timeline_note = next(e for e in at.expander if e.label == "The query behind this chart")
    assert (
        "`period_spine(...)`: a table function the database keeps (data/macros.sql)"
        in timeline_note.caption[-1].value
    )


def test_the_sql_shown_with_the_values_shown_gives_the_charts_rows(open_app, demo_con, an_outlet):
    """Each value as shown is a SQL literal: DuckDB reads it back, binds it to the SQL as shown,
    and gets the rows the query layer gives for the same view."""
    at = with_queries_open(open_app("views/overview.py", **RANGE, outlets=an_outlet))
    view = Filters(
        date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31), outlets=(an_outlet,)
    )
    params = {
        "coverage_by_period": {"date_from": view.date_from, "date_to": view.date_to},
        "top_outlets": {"limit": 10},
        "top_experts": {"limit": 10},
        "top_tags": {"limit": 10},
    }
    for name, sql, shown in shown_queries(at):
        values = {k: demo_con.execute(f"SELECT {v}").fetchone()[0] for k, v in shown.items()}  # noqa: S608 - values the page shows, read back on the test's own store
        cursor = demo_con.cursor()
        try:
            for macro in queries.macros_called(sql):  # kept by the store: nothing to create
                assert macro in queries.macros()
            got = cursor.execute(sql, values).df()
        finally:
            cursor.close()
        (picker,) = [r for r in at.radio if r.label == "Show appearances per"]
        grain = {"grain": picker.value} if name == "coverage_by_period" else {}
        want = queries.run(demo_con, name, view, **params[name], **grain)
        assert len(want) > 0 and got.equals(want), name


def test_a_rollup_counted_from_the_appearances_is_said_so(open_app, an_outlet):
    """An outlet filter: topics' experts cannot come from a table without outlets."""
    at = with_queries_open(open_app("views/overview.py", **RANGE, outlets=an_outlet))
    shown = [e for e in at.expander if e.label == "The query behind this chart"]
    (topics,) = [e for e in shown if "queries/top_tags.sql" in e.caption[-1].value]
    note = topics.caption[-1].value
    assert "`tag_expert_months`: monthly counts, here counted from those appearances" in note
    assert "`tag_months`: monthly counts the database keeps up to date" in note
    assert "FROM tag_months a" in topics.code[0].value
    assert "FROM tag_expert_months a" not in topics.code[0].value
