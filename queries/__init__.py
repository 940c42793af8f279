"""The query layer: one aggregate per .sql file, each filtered by the same Filters.

    from queries import run
    run(con, "coverage_by_period", filters, grain="month")  ->  pandas DataFrame

A .sql file marks where the filter predicate goes with `{{ filters }}` (on the article alias `a`)
or `{{ filters_undated }}` (the same without the date range). Parameters are `$name`, bound by
DuckDB; the predicate is assembled from the fixed fragments of queries/filters.py.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from queries.filters import Filters

QUERY_DIR = Path(__file__).resolve().parent


class UnknownQuery(KeyError):
    pass


def names() -> list[str]:
    """Every query the layer offers, by file name."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


@cache
def sql_text(name: str) -> str:
    """The .sql file as written (what a page shows under "the query behind this chart")."""
    path = QUERY_DIR / f"{name}.sql"
    if path.parent != QUERY_DIR or not path.is_file():
        raise UnknownQuery(name)
    return path.read_text()


def render(name: str, filters: Filters, **params: object) -> tuple[str, dict[str, object]]:
    """The SQL to execute and its bound parameters (only those the SQL uses)."""
    sql = sql_text(name)
    predicate, bound = filters.predicate()
    undated_predicate, undated_bound = filters.predicate(dates=False)
    sql = sql.replace("{{ filters }}", predicate).replace("{{ filters_undated }}", undated_predicate)
    bound = {**undated_bound, **bound, **params}
    return sql, {k: v for k, v in bound.items() if f"${k}" in sql}


def run(
    con: duckdb.DuckDBPyConnection, name: str, filters: Filters | None = None, **params: object
) -> pd.DataFrame:
    """Execute a named query on its own cursor (safe across threads) and return a DataFrame."""
    sql, bound = render(name, filters or Filters(), **params)
    cursor = con.cursor()
    try:
        return cursor.execute(sql, bound).df()
    finally:
        cursor.close()
