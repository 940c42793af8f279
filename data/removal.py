"""Remove one past import's rows from the store, in one transaction, and record that it was done.

    >>> removal = remove_import(3, db_path)
    >>> removal.n_appearances, removal.removal_run_id

The demo data is one import (origin 'demo'), so this is also how an editor clears the demo
before importing real coverage. The removal is written as an ingest_runs row of its own, origin
'removal', naming the import in `removes_run_id` and the rows it took out in `n_removed`; its
`sources` read "removed import N: M rows" (REMOVAL_NOTE), for display only. The import's own
row is left as it was, and so are its rejects: they say what it did and what it refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from data.store import next_id, write_batch

DATA_DIR = Path(__file__).resolve().parent
ROWS_SQL = DATA_DIR / "removal_rows.sql"
CLEANUP_SQL = DATA_DIR / "removal_cleanup.sql"
REMOVAL_ORIGIN = "removal"
REMOVAL_NOTE = "removed import {run_id}: {rows}"  # display text; rows: "1 row", "3 rows"

# DuckDB 2.0 takes index entries out one row at a time when a delete commits: deleting 1,000,000
# appearances took over a minute, while dropping the three tables and putting back the rows that
# stay took seconds. An import holding more than this share of the rows is removed that way.
REBUILD_SHARE = 0.1
ROW_TABLES = ("articles", "article_experts", "article_tags")  # fixed names, never user text


class RemovalError(ValueError):
    """The import cannot be removed; the message says why. The store is unchanged."""


@dataclass(frozen=True)
class Removal:
    run_id: int  # the import removed
    removal_run_id: int  # the ingest_runs row that records the removal
    n_appearances: int  # media appearances removed
    n_own_content: int  # the organisation's own events and videos removed with them


def statements(file: Path) -> list[str]:
    """The statements of a .sql file, in order (DuckDB binds parameters one statement at a time)."""
    text = "\n".join(line for line in file.read_text().splitlines() if not line.startswith("--"))
    return [statement.strip() for statement in text.split(";") if statement.strip()]


def remove_import(run_id: int, db_path: str | Path | None = None) -> Removal:
    """Delete every row the import `run_id` added, and record the removal, in one transaction."""
    with write_batch(db_path) as con:
        return remove_rows(con, run_id)


def remove_rows(con: duckdb.DuckDBPyConnection, run_id: int) -> Removal:
    """The removal of import `run_id` inside the caller's write (also the undo of an
    appearance added by hand, data/curation.py)."""
    _check_removable(con, run_id)
    appearances, own_content, total = con.execute(
        "SELECT count(*) FILTER (WHERE ingest_run_id = $run_id AND kind = 'appearance'),"
        " count(*) FILTER (WHERE ingest_run_id = $run_id AND kind <> 'appearance'),"
        " count(*) FROM articles",
        {"run_id": run_id},
    ).fetchone()
    if appearances + own_content > REBUILD_SHARE * total:
        _rebuild_without(con, run_id)
    else:
        for statement in statements(ROWS_SQL):
            con.execute(statement, {"run_id": run_id})
    for statement in statements(CLEANUP_SQL):
        con.execute(statement)
    removal_run_id = next_id(con, "ingest_runs", "run_id")
    now = dt.datetime.now()
    removed = appearances + own_content
    con.execute(
        "INSERT INTO ingest_runs"
        " (run_id, started_at, finished_at, origin, sources, removes_run_id, n_removed)"
        " VALUES ($id, $now, $now, $origin, $note, $run_id, $removed)",
        {
            "id": removal_run_id,
            "now": now,
            "origin": REMOVAL_ORIGIN,
            "note": REMOVAL_NOTE.format(run_id=run_id, rows=_rows(removed)),
            "run_id": run_id,
            "removed": removed,
        },
    )
    return Removal(run_id, removal_run_id, appearances, own_content)


def _rebuild_without(con: duckdb.DuckDBPyConnection, run_id: int) -> None:
    """The same result as removal_rows.sql: the rows that stay, in tables created anew from the
    store's own definitions (constraints and indexes included)."""
    tables = [list(ROW_TABLES)]
    definitions = dict(
        con.execute(
            "SELECT table_name, sql FROM duckdb_tables()"
            " WHERE schema_name = 'main' AND table_name IN (SELECT unnest($1))",
            tables,
        ).fetchall()
    )
    indexes = [
        sql
        for (sql,) in con.execute(
            "SELECT sql FROM duckdb_indexes()"
            " WHERE schema_name = 'main' AND table_name IN (SELECT unnest($1)) AND sql IS NOT NULL",
            tables,
        ).fetchall()
    ]
    con.execute(
        "CREATE TEMP TABLE kept_articles AS"
        " SELECT * FROM articles WHERE ingest_run_id IS DISTINCT FROM $run_id",
        {"run_id": run_id},
    )
    for table in ("article_experts", "article_tags"):
        con.execute(
            f"CREATE TEMP TABLE kept_{table} AS SELECT * FROM {table}"  # noqa: S608 - fixed names
            " WHERE article_id IN (SELECT article_id FROM kept_articles)"
        )
    for table in ROW_TABLES:
        con.execute(f"DROP TABLE {table}")
    for table in ROW_TABLES:
        con.execute(definitions[table])
    for sql in indexes:
        con.execute(sql)
    for table in ROW_TABLES:
        con.execute(f"INSERT INTO {table} SELECT * FROM kept_{table}")  # noqa: S608 - fixed names
        con.execute(f"DROP TABLE kept_{table}")


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def _check_removable(con: duckdb.DuckDBPyConnection, run_id: int) -> None:
    row = con.execute(
        "SELECT origin FROM ingest_runs WHERE run_id = $run_id", {"run_id": run_id}
    ).fetchone()
    if row is None:
        raise RemovalError(f"There is no import {run_id} in the store.")
    if row[0] == REMOVAL_ORIGIN:
        raise RemovalError(f"Entry {run_id} records a removal, not an import: nothing to remove.")
    removed = con.execute(
        "SELECT started_at FROM ingest_runs WHERE removes_run_id = $run_id", {"run_id": run_id}
    ).fetchone()
    if removed is not None:
        raise RemovalError(f"Import {run_id} was already removed, on {removed[0]:%-d %b %Y %H:%M}.")
