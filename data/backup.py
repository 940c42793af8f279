"""Back up the store while the dashboard runs, and restore a backup.

    python -m data.backup [--db PATH] [-o FILE]          write a consistent copy
    python -m data.backup --restore FILE [--db PATH]     put a copy back in place

Why a plain file copy is consistent: every writer works on a copy of the store and renames it over
the live file while holding `data.store.writer_lock`, and the dashboard only ever reads. Copying the
live file under that same lock therefore sees one whole committed state, never half an import.
The default backup name is `<store>.backup-<UTC time>.duckdb` next to the store.

Restoring, with the dashboard running or not:

    python -m data.backup --restore data/media.backup-20250101T120000Z.duckdb

checks that the backup is whole (its size, and every value of every table read back, which makes
DuckDB check each data block against its checksum), brings it to the current schema version,
keeps the store it replaces as `<store>.before-restore-<UTC time>.duckdb`, and swaps the backup
in atomically under the writer lock. A backup is checked the same way as it is written. The
dashboard shows the restored data on its next rerun; nothing needs restarting.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import duckdb

from data.file_check import TruncatedFile, check_whole
from data.store import (
    StoreError,
    check_write,
    db_path,
    disk_full,
    migrate,
    out_of_space,
    schema_version,
    writer_lock,
)

COUNTS_SQL = """
SELECT
    (SELECT count(*) FROM articles)        AS appearances,
    (SELECT count(*) FROM outlets)         AS outlets,
    (SELECT count(*) FROM experts)         AS experts,
    (SELECT count(*) FROM article_experts) AS expert_mentions,
    (SELECT count(*) FROM tags)            AS topics,
    (SELECT count(*) FROM ingest_runs)     AS imports
"""


TABLES_SQL = """
SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY table_name
"""
# Every value of a table, hashed: DuckDB reads (and checks the checksum of) every block it is in.
READ_ALL_SQL = "SELECT count(*), sum(hash(COLUMNS(*))) FROM query_table($table)"


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def default_backup_path(store: Path) -> Path:
    return store.with_name(f"{store.stem}.backup-{_stamp()}{store.suffix}")


def table_counts(file: Path, read_all: bool = False) -> dict[str, int]:
    """Row counts of a store file, opened read-only; StoreError if it is not a store, or (with
    `read_all`) if any block of its tables' data fails DuckDB's checksum."""
    try:
        con = duckdb.connect(str(file), read_only=True)
    except duckdb.Error as exc:
        raise StoreError(f"{file} is not a readable Presswatch database ({exc}).") from None
    try:
        check_whole(con, file)
        if schema_version(con) == 0:
            raise StoreError(f"{file} is a DuckDB file but not a Presswatch database.")
        if read_all:
            _read_every_table(con, file)
        cursor = con.execute(COUNTS_SQL)
        names = [column[0] for column in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))
    except (duckdb.Error, TruncatedFile) as exc:
        raise StoreError(f"{file} is not a readable Presswatch database ({exc}).") from None
    finally:
        con.close()


def _read_every_table(con: duckdb.DuckDBPyConnection, file: Path) -> None:
    """Read every value of every table: a damaged data block fails here, not in a later query."""
    for (table,) in con.execute(TABLES_SQL).fetchall():
        try:
            con.execute(READ_ALL_SQL, {"table": table}).fetchall()
        except duckdb.Error as exc:
            raise StoreError(
                f"{file} is damaged: its table {table} does not read back ({exc})."
            ) from None


def backup(db: str | os.PathLike | None = None, out: str | os.PathLike | None = None) -> Path:
    """Copy the store to `out` (default: next to it, timestamped) and check the copy opens."""
    store = db_path(db)
    if not store.exists():
        raise StoreError(f"No database at {store}: nothing to back up.")
    target = Path(out).expanduser().resolve() if out else default_backup_path(store)
    if target == store:
        raise StoreError(f"The backup cannot overwrite the store itself ({store}).")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        with writer_lock(store):
            shutil.copyfile(store, partial)
        try:
            table_counts(partial, read_all=True)
        except StoreError as exc:
            raise StoreError(
                f"No backup was written: the copy of {store} is not whole. {exc}"
            ) from None
        os.replace(partial, target)
    except OSError as exc:
        if out_of_space(exc):
            raise disk_full(target, "the backup") from exc
        raise
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore(backup_file: str | os.PathLike, db: str | os.PathLike | None = None) -> Path | None:
    """Put a backup in place of the store; return where the replaced store was kept (or None)."""
    source = Path(backup_file).expanduser().resolve()
    store = db_path(db)
    if not source.is_file():
        raise StoreError(f"No backup at {source}.")
    table_counts(source, read_all=True)
    with writer_lock(store):
        staged = store.with_name(f"{store.name}.tmp{os.getpid()}")
        kept = None
        try:
            shutil.copyfile(source, staged)
            con = duckdb.connect(str(staged))
            try:
                migrate(con)  # a backup from an older version is brought up to date
                check_write(con)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            kept = None
            if store.exists():
                kept = store.with_name(f"{store.stem}.before-restore-{_stamp()}{store.suffix}")
                shutil.copyfile(store, kept)
            os.replace(staged, store)
        except (OSError, duckdb.Error) as exc:
            if kept is not None:
                kept.unlink(missing_ok=True)  # the store was not replaced: nothing to keep
            if out_of_space(exc):
                raise disk_full(store, "the restore") from exc
            raise
        finally:
            for leftover in (staged, staged.with_name(staged.name + ".wal")):
                leftover.unlink(missing_ok=True)
    return kept


def _describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data.backup",
        description="Back up the store while the dashboard runs, or restore a backup.",
    )
    parser.add_argument("--db", help="database file (default: $PRESSWATCH_DB or data/media.duckdb)")
    parser.add_argument("-o", "--output", help="backup file to write (default: next to the store)")
    parser.add_argument("--restore", metavar="FILE", help="put this backup in place of the store")
    args = parser.parse_args(argv)
    store = db_path(args.db)
    try:
        if args.restore:
            kept = restore(args.restore, store)
            print(f"Restored {store} from {args.restore}: {_describe(table_counts(store))}.")
            if kept:
                print(f"The store it replaced is kept as {kept}.")
        else:
            written = backup(store, args.output)
            print(f"Backed up {store} to {written}: {_describe(table_counts(written))}.")
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
