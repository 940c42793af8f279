"""Rollups: monthly counts kept beside the appearances, so an all-time ranking of experts or
topics reads a few thousand rows instead of joining every appearance to its experts or tags.

Each data/rollups/NAME.sql gives the rows of the table NAME (created by migration 003) as a query
over `{{ articles }} a`: one row per appearance and expert (or tag) with its counts. The table
keeps their sums by the key columns below. `refresh` rebuilds every rollup; `data.store.write_batch`
runs it in the same transaction as the write, so a rollup is never behind the appearances.

The query layer reads a rollup when the filters can be answered from its key columns, and
otherwise sums the same rows computed from the matching appearances (queries/__init__.py): both
ways give the same numbers, and tests/queries compare them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

from data.vocabulary import ROLES

ROLLUP_DIR = Path(__file__).resolve().parent / "rollups"

# The columns each rollup sums by; the rest of its columns are the counts. `month` is the first
# day of the month (NULL: undated), so a rollup answers a date range of whole months only.
KEYS: dict[str, tuple[str, ...]] = {
    "expert_months": ("month", "outlet_id", "language", "kind", "expert_id"),
    "tag_months": ("month", "outlet_id", "language", "kind", "tag_id"),
    "tag_expert_months": ("month", "language", "kind", "tag_id", "expert_id"),
}


# `{{ role_counts }}` in expert_months.sql: 1 in the column of the expert's role, 0 in the others
ROLE_COUNTS = ",\n       ".join(
    f"CASE WHEN ae.role = '{code}' THEN 1 ELSE 0 END AS \"{code}\"" for code in ROLES
)


@cache
def rows(name: str) -> str:
    """The rollup's rows before they are summed: a query reading `{{ articles }} a`."""
    if name not in KEYS:
        raise KeyError(name)
    return (ROLLUP_DIR / f"{name}.sql").read_text().replace("{{ role_counts }}", ROLE_COUNTS)


def summed(name: str) -> str:
    """The rollup's rows as the table keeps them: its definition over every appearance, summed by
    its key columns (what `refresh` writes, and what data/integrity.py recounts)."""
    key_list = ", ".join(KEYS[name])
    # an excluded appearance is in no count (data/curation.py)
    select = rows(name).replace("{{ articles }}", "(SELECT * FROM articles WHERE NOT excluded)")
    return (
        f"SELECT {key_list}, CAST(sum(COLUMNS(* EXCLUDE ({key_list}))) AS BIGINT)"  # noqa: S608 - names from KEYS, a file of this module
        f" FROM ({select}) GROUP BY ALL"
    )


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every rollup from the store's appearances (inside the caller's transaction).

    Each table is made anew from its definition, so its count columns follow it: a role added to
    data/vocabulary.py is a column of expert_months after the next write.
    """
    for name in KEYS:
        con.execute(f"CREATE OR REPLACE TABLE {name} AS {summed(name)}")  # noqa: S608 - names from KEYS
