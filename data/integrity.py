"""The rules every store keeps, checked after a write the way dbt tests run after a load.

    check_integrity(con)          # raises IntegrityError naming each broken rule
    violations(con)               # the broken rules, each with its first offending rows

Each data/integrity/NAME.sql is one rule: its first comment line says it, its query returns the
rows that break it (none in a sound store). The schema has no foreign keys (DuckDB cannot update
a referenced row), so these stand in for them, with the rules a key cannot state. One more rule
is written here rather than in a file, because it follows the rollups' own definitions: each
rollup table equals its rows in data/rollups/ recounted from the appearances and summed by its
keys (data.rollups.summed), whatever its columns are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from data import key_dates, rollups, saved_views
from data.model import EARLIEST_DATE
from data.store import StoreError
from data.vocabulary import KINDS, ROLES

CHECK_DIR = Path(__file__).resolve().parent / "integrity"
SHOWN = 5  # offending rows quoted per broken rule


@dataclass(frozen=True)
class Rule:
    name: str  # the check's file name, or rollup_NAME
    says: str  # the rule in words
    sql: str  # a query returning the rows that break the rule
    params: dict[str, object]
    holds: str | None = None  # a cheaper query whose one boolean, when true, proves the rule


@dataclass(frozen=True)
class Violation:
    rule: Rule
    columns: tuple[str, ...]
    rows: list[tuple]  # the first offending rows, at most SHOWN

    def __str__(self) -> str:
        shown = "; ".join(
            "(" + ", ".join(f"{c}={v!r}" for c, v in zip(self.columns, row, strict=True)) + ")"
            for row in self.rows
        )
        return f"{self.rule.says} [{self.rule.name}]: first offending rows {shown}"


class IntegrityError(StoreError):
    """The store breaks one of its rules; the message names each rule and its first rows."""

    def __init__(self, broken: list[Violation]):
        super().__init__("The store breaks its rules:\n" + "\n".join(f"- {v}" for v in broken))
        self.violations = broken


def check_integrity(
    con: duckdb.DuckDBPyConnection, today: dt.date | None = None, *, recount_rollups: bool = True
) -> None:
    """Raise IntegrityError if any rule is broken (inside the caller's transaction, if any).

    recount_rollups=False leaves out the rollup rules, nine tenths of the cost at 1,000,000
    appearances (bench/integrity.py): the rest is cheap enough for every write.
    """
    broken = violations(con, today, recount_rollups=recount_rollups)
    if broken:
        raise IntegrityError(broken)


def violations(
    con: duckdb.DuckDBPyConnection, today: dt.date | None = None, *, recount_rollups: bool = True
) -> list[Violation]:
    """Every broken rule with its first offending rows; empty for a sound store."""
    found = []
    for rule in rules(con, today, recount_rollups=recount_rollups):
        if rule.holds and con.execute(rule.holds).fetchone()[0]:
            continue
        result = con.execute(f"SELECT * FROM ({rule.sql}) LIMIT {SHOWN}", rule.params)  # noqa: S608 - files of this module
        rows = result.fetchall()
        if rows:
            found.append(Violation(rule, tuple(c[0] for c in result.description), rows))
    return found


def rules(
    con: duckdb.DuckDBPyConnection, today: dt.date | None = None, *, recount_rollups: bool = True
) -> list[Rule]:
    """Every rule: the check files in name order, then one per rollup. `today` bounds the dates
    (default: the machine's date, as data.model.validate takes it)."""
    params = {
        "today": today or dt.date.today(),
        "earliest": EARLIEST_DATE,
        "kinds": list(KINDS),
        "roles": list(ROLES),
        "label_chars": key_dates.LABEL_CHARS,
        "name_chars": saved_views.NAME_CHARS,
        "query_chars": saved_views.QUERY_CHARS,
    }
    found = []
    for file in sorted(CHECK_DIR.glob("*.sql")):
        sql = file.read_text()
        used = {name: value for name, value in params.items() if f"${name}" in sql}
        found.append(Rule(file.stem, _says(sql), sql, used))
    for name in rollups.KEYS if recount_rollups else ():
        says = f"The rollup {name} equals its rows (data/rollups/{name}.sql) recounted"
        difference, same = _rollup_comparison(con, name)
        found.append(Rule(f"rollup_{name}", says, difference, {}, holds=same))
    return found


def _says(sql: str) -> str:
    """The rule in words: the file's first comment, up to its first full stop."""
    comment = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        comment.append(line.removeprefix("--").strip())
    return " ".join(comment).split(". ")[0].rstrip(".")


def _rollup_comparison(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, str]:
    """Two queries over the rollup table and its recount (cast to the table's column types):
    the rows either has that the other lacks, and a fingerprint comparison (row count and the sum
    of every row's hash) that is true when both hold the same rows. The fingerprint costs a
    quarter to a third of the row comparison at 1,000,000 appearances, so the rows are looked
    for only when it differs."""
    columns = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main'"
        " AND table_name = $name ORDER BY column_index",
        {"name": name},
    ).fetchall()
    # quoted: a role's column is named by its code ("op-ed")
    names = ", ".join(f'"{column}"' for column, _ in columns)
    cast = ", ".join(f'CAST("{column}" AS {kind}) AS "{column}"' for column, kind in columns)
    recount = rollups.summed(name)
    # names and types from data.rollups.KEYS and the store's catalogue, never outside text
    both = (
        f"WITH recount AS MATERIALIZED (SELECT {cast} FROM ({recount})),"  # noqa: S608
        f" stored AS (SELECT {names} FROM {name})"
    )
    difference = (
        both + " SELECT 'in the table, not the recount' AS difference, *"  # noqa: S608
        " FROM (FROM stored EXCEPT ALL FROM recount)"
        " UNION ALL SELECT 'in the recount, not the table', *"
        " FROM (FROM recount EXCEPT ALL FROM stored)"
    )
    fingerprint = f"count(*), sum(hash({names})::HUGEINT)"
    same = (
        both + f" SELECT (SELECT ({fingerprint}) FROM recount)"  # noqa: S608
        f" IS NOT DISTINCT FROM (SELECT ({fingerprint}) FROM stored)"
    )
    return difference, same
