"""The query layer: one aggregate per .sql file, each filtered by the same Filters.

    from queries import run
    run(con, "coverage_by_period", filters, grain="month")  ->  pandas DataFrame

A .sql file reads the appearances the filters select as `FROM {{ articles }} a` (or
`{{ articles_any_date }}`: the same without the date range); a bridge table is filtered with
`WHERE {{ selected(ae.article_id) }}` (see _SELECTED); a monthly rollup of data/rollups/ as
`FROM {{ expert_months }} r` (see _ROLLUP). Parameters are `$name`, bound by
DuckDB; the subquery is assembled from the fixed fragments of queries/filters.py. A parameter a
caller leaves out takes its default from DEFAULTS; `date_from` and `date_to` (the range a timeline
is drawn over) default to the filter's own dates.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from data import rollups
from data.periods import GRAINS
from queries.filters import Filters

QUERY_DIR = Path(__file__).resolve().parent

BREAKDOWNS = ("outlet", "media_type", "expert", "tag", "language", "country")
MIX_DIMENSIONS = ("media_type", "country", "language")
SORTS = ("date", "outlet", "title")
MAX_COMPARED_EXPERTS = 5

DEFAULTS: dict[str, object] = {
    "grain": "month",
    "breakdown": "outlet",
    "dimension": "media_type",
    "top_n": 8,
    "limit": 20,
    "sort": "date",
    "descending": True,
    "offset": 0,
}
# Parameters whose value must be one of a few words (they choose a branch of the SQL).
CHOICES: dict[str, tuple[str, ...]] = {
    "grain": GRAINS,
    "breakdown": BREAKDOWNS,
    "dimension": MIX_DIMENSIONS,
    "sort": SORTS,
}
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
# `{{ selected(ae.article_id) }}` or `{{ selected(ae.article_id, matched) }}`: the article ids
# the filters select (Filters.membership), the second form reading them from a CTE of the query
_SELECTED = re.compile(r"(\{\{ selected\(([a-z_]+\.[a-z_]+)(?:, ([a-z_]+))?\) \}\})")
# `{{ expert_months }}` or `{{ expert_months(matched) }}`: rows of a rollup for the filters, whose
# counts a query sums. Read from its table when the filters allow (Filters.rollup_predicate), else
# computed one per appearance and expert (or tag) from the matching appearances (the second form:
# from a CTE of the query holding them).
_ROLLUP = re.compile(r"(\{\{ (" + "|".join(rollups.KEYS) + r")(?:\(([a-z_]+)\))? \}\})")


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


def parameters(name: str) -> set[str]:
    """The `$name` parameters a query reads, filter parameters (`$f_...`) left out."""
    return {p for p in _PARAM.findall(sql_text(name)) if not p.startswith("f_")}


def rollups_read(name: str) -> set[str]:
    """The monthly rollups a query reads where the filters allow (data/rollups.py)."""
    return {rollup for _, rollup, _ in _ROLLUP.findall(sql_text(name))}


def render(
    name: str, filters: Filters, *, use_rollups: bool = True, **params: object
) -> tuple[str, dict[str, object]]:
    """The SQL to execute and its bound parameters (only those the SQL uses).

    use_rollups=False computes every rollup from the appearances (what tests compare against).
    Raises ValueError for a parameter the query does not take, or a value outside its choices:
    those are mistakes in the calling code, never in a user's input.
    """
    sql = sql_text(name)
    wanted = parameters(name)
    unknown = set(params) - wanted
    if unknown:
        raise ValueError(f"query {name!r} takes no parameter {', '.join(sorted(unknown))}")
    values = {
        **DEFAULTS,
        "date_from": filters.date_from,
        "date_to": filters.date_to,
        **params,
    }
    for key, choices in CHOICES.items():
        if key in wanted and values[key] not in choices:
            raise ValueError(f"{key} must be one of {', '.join(choices)}, not {values[key]!r}")
    if "experts" in wanted and len(values.get("experts") or ()) > MAX_COMPARED_EXPERTS:
        raise ValueError(f"at most {MAX_COMPARED_EXPERTS} experts can be compared")
    missing = wanted - set(values)
    if missing:
        raise ValueError(f"query {name!r} needs {', '.join(sorted(missing))}")
    bound = {k: _bindable(values[k]) for k in wanted}
    for marker, rollup, matched in set(_ROLLUP.findall(sql)):
        found = filters.rollup_predicate(rollups.KEYS[rollup]) if use_rollups else None
        if found:
            where, rollup_params = found
            relation = f"(SELECT * FROM {rollup} a WHERE {where})"  # noqa: S608 - fixed fragments
            bound.update(rollup_params)
        else:  # the rows before they are summed, from the matching appearances
            unsummed = rollups.rows(rollup)
            relation = f"({unsummed.replace('{{ articles }}', matched) if matched else unsummed})"
        sql = sql.replace(marker, relation)
    for marker, dates in (("{{ articles }}", True), ("{{ articles_any_date }}", False)):
        if marker in sql:
            relation, relation_params = filters.relation(dates=dates)
            sql = sql.replace(marker, relation)
            bound.update(relation_params)
    for marker, column, matched in set(_SELECTED.findall(sql)):
        predicate, predicate_params = filters.membership(column, matched or None)
        sql = sql.replace(marker, predicate)
        bound.update(predicate_params)
    used = set(_PARAM.findall(sql))
    return sql, {k: v for k, v in bound.items() if k in used}


def _bindable(value: object) -> object:
    return list(value) if isinstance(value, tuple | set | frozenset) else value


def run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    filters: Filters | None = None,
    *,
    use_rollups: bool = True,
    **params: object,
) -> pd.DataFrame:
    """Execute a named query on its own cursor (safe across threads) and return a DataFrame."""
    sql, bound = render(name, filters or Filters(), use_rollups=use_rollups, **params)
    cursor = con.cursor()
    try:
        return cursor.execute(sql, bound).df()
    finally:
        cursor.close()
