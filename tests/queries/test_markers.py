"""The templating rules of queries/__init__.py hold for every .sql file: only the markers they
name, a CTE a rollup's rows are computed from carries every column those rows read, and the
table macros run on the dashboard's read-only connection."""

from __future__ import annotations

import datetime as dt
import json
import re

import duckdb
import pandas as pd
import pytest

import queries
from data import rollups
from queries.filters import Filters

# (query, rollup, CTE) for every `{{ rollup(cte) }}` of the catalogue
FROM_A_CTE = sorted(
    (name, rollup, cte) for name in queries.names() for rollup, cte in queries.markers(name) if cte
)


def syntax_tree(con: duckdb.DuckDBPyConnection, sql: str) -> dict:
    """DuckDB's own parse of a statement (json_serialize_sql), so no SQL is read by regex."""
    tree = json.loads(con.execute("SELECT json_serialize_sql(?)", [sql]).fetchone()[0])
    assert not tree["error"], tree
    return tree


def columns_read_from_a(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    """The columns a query reads from its alias `a`: `a.column`, and the USING (...) columns of its
    joins (which `a` must hold)."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            names = node.get("column_names") if node.get("class") == "COLUMN_REF" else None
            if names and len(names) == 2 and names[0] == "a":
                found.add(names[1])
            found.update(node.get("using_columns") or ())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(syntax_tree(con, sql))
    return found


def cte_columns(con: duckdb.DuckDBPyConnection, sql: str, bound: dict, cte: str) -> list[str]:
    """The columns of one CTE of a statement, as DuckDB returns them."""
    statement = syntax_tree(con, sql)["statements"][0]
    (entry,) = [e for e in statement["node"]["cte_map"]["map"] if e["key"] == cte]
    alone = {"error": False, "statements": [{**statement, "node": entry["value"]["query_node"]}]}
    body = con.execute("SELECT json_deserialize_sql(?::JSON)", [json.dumps(alone)]).fetchone()[0]
    used = {k: bound[k] for k in re.findall(r"\$([a-z_]+)", body)}
    return [c[0] for c in con.execute(f"SELECT * FROM ({body}) LIMIT 0", used).description]  # noqa: S608 - the query's own CTE


NEEDS = {
    "experts_compare": {"experts": ["x"]},
    "expert_outlets": {"expert": "x"},
    "expert_tags": {"expert": "x"},
    "tag_experts": {"tag": "x"},
}


def test_the_queries_that_read_rollups_from_a_cte_are_all_checked_here():
    checked = {name for name, _, _ in FROM_A_CTE}
    assert {"kpis", "top_outlets", "top_tags", "tag_by_month"} <= checked
    assert {rollup for _, rollup, _ in FROM_A_CTE} == set(rollups.KEYS)


@pytest.mark.parametrize("name, rollup, cte", FROM_A_CTE)
def test_a_cte_that_rollup_rows_are_computed_from_carries_every_column_they_read(
    demo_con, name, rollup, cte
):
    read = columns_read_from_a(demo_con, rollups.rows(rollup).replace("{{ articles }}", "articles"))
    assert {"published", "kind", "article_id"} <= read  # the walk finds what the file plainly reads
    sql, bound = queries.render(name, Filters(), use_rollups=False, **NEEDS.get(name, {}))
    missing = read - set(cte_columns(demo_con, sql, bound, cte))
    assert not missing, (
        f"queries/{name}.sql: its CTE {cte} lacks {', '.join(sorted(missing))}, "
        f"which data/rollups/{rollup}.sql reads from {{{{ articles }}}} a"
    )


def test_a_cte_without_a_column_the_rollup_reads_is_found():
    """The check above can fail: a CTE of a made-up query that drops `kind`."""
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE t (article_id INT, published DATE, outlet_id INT, language TEXT)")
        sql = "WITH matched AS (SELECT article_id, published, outlet_id, language FROM t) SELECT 1"
        columns = cte_columns(con, sql, {}, "matched")
        read = columns_read_from_a(con, rollups.rows("tag_months").replace("{{ articles }}", "t"))
    finally:
        con.close()
    assert read - set(columns) == {"kind"}


@pytest.mark.parametrize("name", queries.names())
def test_every_marker_is_replaced_and_every_parameter_bound(name):
    sql, bound = queries.render(name, Filters(text="x", outlets=("y",)), **NEEDS.get(name, {}))
    assert "{{" not in sql and "}}" not in sql
    assert set(re.findall(r"\$([a-z_]+)", sql)) == set(bound)


def test_a_marker_the_rules_do_not_name_is_refused(tmp_path):
    (tmp_path / "odd.sql").write_text("-- Grain: none.\nSELECT * FROM {{ artcles }} a")
    with pytest.raises(ValueError, match="no marker"):
        queries.render("odd", Filters(), folder=tmp_path)
    (tmp_path / "odd_cte.sql").write_text("SELECT * FROM {{ articles(matched) }} a")
    with pytest.raises(ValueError, match="no marker"):
        queries.render("odd_cte", Filters(), folder=tmp_path)


def test_the_period_spine_macro_runs_on_the_read_only_store(demo_con):
    with pytest.raises(duckdb.Error, match="read-only"):
        demo_con.execute("CREATE TABLE scratch (x INTEGER)")
    year = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
    for grain, step in (("month", "MS"), ("quarter", "QS"), ("week", "W-MON")):
        got = queries.run(demo_con, "coverage_by_period", year, grain=grain)
        first = pd.Timestamp("2024-12-30") if grain == "week" else pd.Timestamp("2025-01-01")
        want = pd.date_range(first, "2025-12-31", freq=step)
        assert list(pd.to_datetime(got["period"])) == list(want), grain


def test_only_the_queries_that_call_a_macro_create_it():
    called = {name for name in queries.names() if queries.macros_called(queries.sql_text(name))}
    assert called == {
        "coverage_by_period",
        "coverage_by_period_breakdown",
        "experts_compare",
        "tag_by_month",
    }
    assert all("generate_series" not in queries.sql_text(name) for name in queries.names())
