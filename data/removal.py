"""Remove one past import's rows from the store, in one transaction, and record that it was done.

    >>> removal = remove_import(3, db_path)
    >>> removal.n_appearances, removal.removal_run_id

The demo data is one import (origin 'demo'), so this is also how an editor clears the demo
before importing real coverage. The removal is written as an ingest_runs row of its own, origin
'removal', whose sources read "removed import N: M rows" (REMOVAL_NOTE): the history finds
removed imports by that line, and nothing is lost from the record of what the import did.
The import's rejects stay too: they say what it refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from data.store import next_id, write_batch

REMOVAL_SQL = Path(__file__).resolve().parent / "removal.sql"
REMOVAL_ORIGIN = "removal"
REMOVAL_NOTE = "removed import {run_id}: {rows} rows"


class RemovalError(ValueError):
    """The import cannot be removed; the message says why. The store is unchanged."""


@dataclass(frozen=True)
class Removal:
    run_id: int  # the import removed
    removal_run_id: int  # the ingest_runs row that records the removal
    n_appearances: int  # media appearances removed
    n_own_content: int  # the organisation's own events and videos removed with them


def removal_statements() -> list[str]:
    """The statements of removal.sql, in order (DuckDB binds parameters one statement at a time)."""
    text = "\n".join(
        line for line in REMOVAL_SQL.read_text().splitlines() if not line.startswith("--")
    )
    return [statement.strip() for statement in text.split(";") if statement.strip()]


def remove_import(run_id: int, db_path: str | Path | None = None) -> Removal:
    """Delete every row the import `run_id` added, and record the removal, in one transaction."""
    with write_batch(db_path) as con:
        _check_removable(con, run_id)
        appearances, own_content = con.execute(
            "SELECT count(*) FILTER (WHERE kind = 'appearance'),"
            " count(*) FILTER (WHERE kind <> 'appearance')"
            " FROM articles WHERE ingest_run_id = $run_id",
            {"run_id": run_id},
        ).fetchone()
        for statement in removal_statements():  # the clean-up statements take no parameter
            con.execute(statement, {"run_id": run_id} if "$run_id" in statement else None)
        removal_run_id = next_id(con, "ingest_runs", "run_id")
        now = dt.datetime.now()
        con.execute(
            "INSERT INTO ingest_runs (run_id, started_at, finished_at, origin, sources)"
            " VALUES ($id, $now, $now, $origin, $note)",
            {
                "id": removal_run_id,
                "now": now,
                "origin": REMOVAL_ORIGIN,
                "note": REMOVAL_NOTE.format(run_id=run_id, rows=appearances + own_content),
            },
        )
    return Removal(run_id, removal_run_id, appearances, own_content)


def _check_removable(con: duckdb.DuckDBPyConnection, run_id: int) -> None:
    row = con.execute(
        "SELECT origin FROM ingest_runs WHERE run_id = $run_id", {"run_id": run_id}
    ).fetchone()
    if row is None:
        raise RemovalError(f"There is no import {run_id} in the store.")
    if row[0] == REMOVAL_ORIGIN:
        raise RemovalError(f"Entry {run_id} records a removal, not an import: nothing to remove.")
    removed = con.execute(
        "SELECT started_at FROM ingest_runs WHERE origin = $origin AND sources LIKE $note",
        {"origin": REMOVAL_ORIGIN, "note": REMOVAL_NOTE.format(run_id=run_id, rows="%")},
    ).fetchone()
    if removed is not None:
        raise RemovalError(f"Import {run_id} was already removed, on {removed[0]:%-d %b %Y %H:%M}.")
