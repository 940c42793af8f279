"""The import's SQL, one file per read or write, and the one way it is run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

SQL_DIR = Path(__file__).resolve().parent


def run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> duckdb.DuckDBPyConnection:
    """Run the statements of NAME.sql in order, each bound to the parameters it names; the
    connection holds the last one's result."""
    for statement in con.extract_statements((SQL_DIR / f"{name}.sql").read_text()):
        con.execute(statement, {key: params[key] for key in statement.named_parameters})
    return con
