"""The query layer: one aggregate per .sql file, each filtered by the same Filters.

    from queries import run
    run(con, "coverage_by_period", filters, grain="month")  ->  pandas DataFrame

How a .sql file becomes the SQL that runs (`render`; `python -m queries render NAME` prints it):
- `$name` is a parameter, bound by DuckDB, never spliced into the text. A caller gives it or it
  takes its default from DEFAULTS (`date_from`, `date_to`: the filters' dates); `$f_...` are the
  filters' own. A parameter the query does not read, or a value outside CHOICES, is refused.
- `{{ articles }}` is the subquery of the appearances the filters pick (Filters.relation);
  `{{ articles_any_date }}` the same without the date range.
- `{{ expert_months }}` (any rollup of data/rollups.py) is that rollup's rows for the filters: its
  table where the filters allow (Filters.rollup_predicate), else its row definition
  (data/rollups/NAME.sql) over `{{ articles }}`; `{{ expert_months(matched) }}` reads them from the
  query's CTE `matched` instead, which must carry the columns that definition reads.
- Each marker becomes one parenthesised subquery, all in one pass.
- `{{ breakdown.value }}`, `{{ dimension.value }}`, `{{ coded_columns }}` ...: a column or
  literal of the registry (queries/dimensions.py) for the dimension a choice parameter names,
  filled first (dimensions.fill). Nothing else is templated.
- The table macros of data/macros.sql (`period_spine`) are DuckDB's own, not markers: the SQL
  calls them like tables, and the store keeps them (every migration and write creates them).
Every query runs through `run`, the dashboard's own on the import history too (`folder=`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from data import rollups
from data.periods import GRAINS
from data.store import MACROS_FILE
from queries import dimensions
from queries.dimensions import BREAKDOWNS, MIX_DIMENSIONS
from queries.filters import Filters

QUERY_DIR = Path(__file__).resolve().parent

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
# `{{ name }}` or `{{ name(cte) }}`: the only markers (see the rules at the top of this module)
_MARKER = re.compile(r"\{\{ ([a-z_]+)(?:\(([a-z_]+)\))? \}\}")
_RELATIONS = {"articles": True, "articles_any_date": False}  # marker -> with the date range
_MACRO_NAME = re.compile(r"^CREATE OR REPLACE MACRO ([a-z_]+)\(", re.M)


class UnknownQuery(KeyError):
    pass


def names(folder: Path = QUERY_DIR) -> list[str]:
    """Every query the layer offers, by file name (another folder: the dashboard's own)."""
    return sorted(p.stem for p in folder.glob("*.sql"))


@cache
def sql_text(name: str, folder: Path = QUERY_DIR) -> str:
    """The .sql file as written."""
    path = folder / f"{name}.sql"
    if path.parent != folder or not path.is_file():
        raise UnknownQuery(name)
    return path.read_text()


@cache
def macros() -> str:
    """The statements that create the table macros the .sql files call (data/macros.sql)."""
    return MACROS_FILE.read_text()


def macros_called(sql: str) -> list[str]:
    """The table macros of data/macros.sql a query calls."""
    return [macro for macro in _MACRO_NAME.findall(macros()) if f"{macro}(" in sql]


def parameters(name: str, folder: Path = QUERY_DIR) -> set[str]:
    """The `$name` parameters a query reads, filter parameters (`$f_...`) left out."""
    text = sql_text(name, folder)
    return {p for p in _PARAM.findall(text) if not p.startswith("f_")} | dimensions.chosen_by(text)


def markers(name: str) -> set[tuple[str, str]]:
    """The markers a query holds, as (name, CTE): `{{ tag_months(matched) }}` is
    ("tag_months", "matched"), `{{ articles }}` ("articles", "")."""
    return set(_MARKER.findall(sql_text(name)))


def rollups_read(name: str) -> set[str]:
    """The monthly rollups a query reads where the filters allow (data/rollups.py)."""
    return {marker for marker, _ in markers(name) if marker in rollups.KEYS}


def rollups_as_tables(name: str, filters: Filters) -> set[str]:
    """The rollups a query reads from their tables under these filters (the rest it counts)."""
    return {r for r in rollups_read(name) if filters.rollup_predicate(rollups.KEYS[r])}


def render(
    name: str,
    filters: Filters,
    *,
    folder: Path = QUERY_DIR,
    use_rollups: bool = True,
    **params: object,
) -> tuple[str, dict[str, object]]:
    """The SQL to execute and its bound parameters (only those the SQL uses).

    use_rollups=False computes every rollup from the appearances (what tests compare against).
    Raises ValueError for a parameter the query does not take, or a value outside its choices:
    those are mistakes in the calling code, never in a user's input.
    """
    sql = sql_text(name, folder)
    wanted = parameters(name, folder)
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
    sql = dimensions.fill(sql, values)  # {{ breakdown.value }} ...: fragments of the registry

    def expand(marker: re.Match) -> str:
        what, cte = marker.groups()
        if what in _RELATIONS and not cte:
            relation, relation_params = filters.relation(dates=_RELATIONS[what])
            bound.update(relation_params)
            return relation
        if what in rollups.KEYS:
            found = filters.rollup_predicate(rollups.KEYS[what]) if use_rollups else None
            if found:
                where, rollup_params = found
                bound.update(rollup_params)
                return f"(SELECT * FROM {what} a WHERE {where})"  # noqa: S608 - fixed fragments
            # the rows before they are summed, from the matching appearances (or the CTE's)
            unsummed = rollups.rows(what)
            if cte:
                return f"({unsummed.replace('{{ articles }}', cte)})"
            return f"({_MARKER.sub(expand, unsummed)})"
        raise ValueError(f"query {name!r}: no marker {marker.group(0)} (see queries/__init__.py)")

    sql = _MARKER.sub(expand, sql)
    used = set(_PARAM.findall(sql))
    return sql, {k: v for k, v in bound.items() if k in used}


def _bindable(value: object) -> object:
    return list(value) if isinstance(value, tuple | set | frozenset) else value


def run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    filters: Filters | None = None,
    *,
    folder: Path = QUERY_DIR,
    use_rollups: bool = True,
    **params: object,
) -> pd.DataFrame:
    """Execute a named query on its own cursor (safe across threads) and return a DataFrame."""
    filters = filters or Filters()
    sql, bound = render(name, filters, folder=folder, use_rollups=use_rollups, **params)
    cursor = con.cursor()
    try:
        return cursor.execute(sql, bound).df()
    finally:
        cursor.close()


@dataclass(frozen=True)
class Query:
    """One named query with its filters and parameters: what a chart's numbers come from."""

    name: str
    filters: Filters = Filters()
    params: tuple[tuple[str, object], ...] = ()  # (name, value), values made hashable

    @classmethod
    def of(cls, name: str, filters: Filters | None = None, **params: object) -> Query:
        frozen = tuple((k, _hashable(v)) for k, v in sorted(params.items()))
        return cls(name, filters or Filters(), frozen)

    def render(self, *, use_rollups: bool = True) -> tuple[str, dict[str, object]]:
        return render(self.name, self.filters, use_rollups=use_rollups, **dict(self.params))

    def run(self, con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
        return run(con, self.name, self.filters, **dict(self.params))


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list | set | frozenset) else value


# ---------- for a reader: the parameters of the SQL as it ran


def literal(value: object) -> str:
    """A bound value written as a SQL literal, for display only (the SQL that runs binds it)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


def parameter_lines(bound: Mapping[str, object]) -> str:
    """`$name = value`, one a line in name order: what a reader needs beside the SQL as it ran."""
    return "\n".join(f"${key} = {literal(bound[key])}" for key in sorted(bound))
