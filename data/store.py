"""The DuckDB store: where the file lives, how it is opened, how writes happen.

Readers (the dashboard) open the file read-only and may share it. Writers never write the live file:
`write_batch` copies it, applies migrations and one transaction to the copy, checkpoints, then
atomically renames the copy over the live file. A DuckDB writer locks every reader out of the file,
so this is what lets an import run while the dashboard is open, and a writer killed at any point
leaves the live file exactly as it was (the half-written copy is swept by the next writer).

Every write applies the editors' corrections in force again (data/curation_replay.py) before
the rollups are rebuilt, so no import or removal undoes one.

Every write, and a restore (data/backup.py), checks the store's rules (data/integrity.py) before
it commits: one that breaks a rule is rolled back. The rollup recount joins them only with
PRESSWATCH_CHECK_WRITES=1 (the tests set it): at 1,000,000 appearances it costs about seven tenths
of a small import's whole write, the other rules about a tenth (bench/integrity.py).
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from data import organisation, rollups
from data.curation_replay import replay
from data.file_check import TruncatedFile, check_whole

DATA_DIR = Path(__file__).resolve().parent
SCHEMA_FILE = DATA_DIR / "schema.sql"
MIGRATIONS_DIR = DATA_DIR / "migrations"
MACROS_FILE = DATA_DIR / "macros.sql"  # the table macros the store keeps for the queries
DEFAULT_DB = DATA_DIR / "media.duckdb"
CHECK_WRITES = "PRESSWATCH_CHECK_WRITES"  # "1": every write recounts the rollups too


class StoreError(Exception):
    """A store that cannot be used; the message says what happened and what to do."""


def out_of_space(exc: BaseException) -> bool:
    """Whether a write failed because the disk is full (the OS's ENOSPC, or DuckDB's words).

    DuckDB says it in an IOException, or at COMMIT in a TransactionException.
    """
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    message = str(exc).casefold()
    return isinstance(exc, duckdb.Error) and (
        "no space left on device" in message or "could not write" in message
    )


def disk_full(file: Path, what: str = "the import") -> StoreError:
    """The error for a write to `file` that ran out of space (nothing of it was kept)."""
    return StoreError(
        f"The disk holding {file} is full: {what} was not written; free some space and try "
        "again. The store is unchanged."
    )


def db_path(path: str | os.PathLike | None = None) -> Path:
    """The database file: an explicit path, else $PRESSWATCH_DB, else data/media.duckdb."""
    chosen = path or os.environ.get("PRESSWATCH_DB") or DEFAULT_DB
    return Path(chosen).expanduser().resolve()


def migrations() -> list[tuple[int, str]]:
    """(version, sql) in order: schema.sql is version 1, then data/migrations/NNN_*.sql."""
    steps = [(1, SCHEMA_FILE.read_text())]
    for file in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
        steps.append((int(file.name[:3]), file.read_text()))
    return steps


LATEST_VERSION = migrations()[-1][0]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version the store is at; 0 for an empty file."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the migrations the store lacks, each in its own transaction; return the version."""
    current = before = schema_version(con)
    for version, sql in migrations():
        if version <= current:
            continue
        con.execute("BEGIN")
        con.execute(sql)
        con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
        con.execute("COMMIT")
        current = version
    if current > before:
        organisation.slug_programmes(con)  # version 8 added the column: fill it
        rollups.refresh(con)  # a migration may add a rollup or change what one reads
    create_macros(con)
    return current


def create_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Create (or replace) the table macros of data/macros.sql in the store."""
    con.execute(MACROS_FILE.read_text())


def open_read_only(path: str | os.PathLike | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection for the dashboard; use one `cursor()` per query and thread."""
    file = db_path(path)
    if not file.exists():
        raise StoreError(
            f"No database at {file}. Create it with `make demo` (demo data) or "
            f"`python -m data.ingest --db {file} FILES` (your own pages and spreadsheets)."
        )
    try:
        con = _connect_current_version(file)
        version = schema_version(con)
    except (duckdb.Error, TruncatedFile) as exc:
        raise unreadable(file, exc) from exc
    if version != LATEST_VERSION:
        con.close()
        raise StoreError(
            f"The database at {file} is at schema version {version}, this code expects "
            f"{LATEST_VERSION}. Any import migrates it: `python -m data.store migrate --db {file}`."
        )
    return con


def unreadable(file: Path, exc: Exception) -> StoreError:
    """The error for a store file DuckDB cannot read (damaged, cut short, not a database)."""
    return StoreError(
        f"The database at {file} cannot be read ({exc.__class__.__name__}: {exc}). "
        "Restore the latest backup (see README, 'Backup and restore')."
    )


def _connect_current_version(file: Path) -> duckdb.DuckDBPyConnection:
    # DuckDB keeps one database per path in a process: while any connection to the old file is
    # open, connecting to the same path again reads the file a writer has since replaced. A
    # hard link of its own gives each version its own database; the link is gone once open.
    info = file.stat()
    link = file.with_name(
        f"{file.name}.read-{info.st_ino}-{info.st_mtime_ns}-{os.getpid()}-{threading.get_ident()}"
    )
    try:
        os.link(file, link)
    except OSError:  # no hard links here (or no write access): plain open
        return _connect_whole(file)
    try:
        return _connect_whole(link)  # checked through the link: the version DuckDB opened
    finally:
        link.unlink(missing_ok=True)


def _connect_whole(file: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(file), read_only=True)
    try:
        check_whole(con, file)
    except TruncatedFile:
        con.close()
        raise
    return con


@contextmanager
def writer_lock(file: Path) -> Iterator[None]:
    """One writer at a time per database file (readers are never blocked)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    with open(file.with_name(file.name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def write_batch(path: str | os.PathLike | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """One transaction on a migrated copy of the store, swapped in atomically on success.

    On any exception (or a killed process) the live file is untouched; that includes a write that
    breaks one of the store's rules (data.integrity.IntegrityError).
    """
    file = db_path(path)
    with writer_lock(file):
        for stale in file.parent.glob(file.name + ".tmp*"):
            stale.unlink()  # left by a writer that was killed: we hold the lock, it is dead
        tmp = file.with_name(f"{file.name}.tmp{os.getpid()}")
        try:
            if file.exists():
                shutil.copyfile(file, tmp)  # in the try: a copy cut short by a full disk goes too
            con = duckdb.connect(str(tmp))
            try:
                migrate(con)
                con.execute("BEGIN")
                yield con
                replay(con)  # editors' corrections, over whatever this write read
                organisation.slug_programmes(con)  # after them: computed in Python, kept here
                rollups.refresh(con)  # in the same transaction: never behind the appearances
                check_write(con)
                con.execute("COMMIT")
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _fsync(tmp)
            os.replace(tmp, file)
            _fsync(file.parent)
        except (OSError, duckdb.Error) as exc:
            if out_of_space(exc):
                raise disk_full(file) from exc
            raise
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                leftover.unlink(missing_ok=True)


def check_write(con: duckdb.DuckDBPyConnection) -> None:
    """Check the store's rules on a write about to be committed (the rollups with CHECK_WRITES)."""
    from data.integrity import check_integrity  # here: its error is a StoreError

    check_integrity(con, recount_rollups=os.environ.get(CHECK_WRITES) == "1")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def next_id(con: duckdb.DuckDBPyConnection, table: str, column: str) -> int:
    """The next free integer id of a table (writers hold the lock, so this cannot race)."""
    assert (table, column) in _ID_COLUMNS, (table, column)  # never SQL from outside this module
    return con.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}").fetchone()[0]  # noqa: S608


_ID_COLUMNS = {
    ("outlets", "outlet_id"),
    ("experts", "expert_id"),
    ("articles", "article_id"),
    ("tags", "tag_id"),
    ("ingest_runs", "run_id"),
    ("edits", "edit_id"),
}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m data.store", description=__doc__)
    parser.add_argument("command", choices=["migrate", "version"])
    parser.add_argument("--db", help="database file (default: $PRESSWATCH_DB or data/media.duckdb)")
    args = parser.parse_args(argv)
    file = db_path(args.db)
    if args.command == "migrate" and _file_version(file) != LATEST_VERSION:
        with write_batch(file):  # a store already up to date is not copied for nothing
            pass
    print(f"{file}: schema version {_file_version(file)} (latest {LATEST_VERSION})")
    return 0


def _file_version(file: Path) -> int:
    if not file.exists():
        return 0
    con = duckdb.connect(str(file), read_only=True)
    try:
        return schema_version(con)
    finally:
        con.close()


if __name__ == "__main__":
    raise SystemExit(main())
