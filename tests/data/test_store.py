"""The store: migrations, all-or-nothing writes, readers beside a writer, clear errors."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from data.file_check import HEADER_BYTES  # the file header and two database headers
from data.removal import remove_import
from data.store import (
    LATEST_VERSION,
    SCHEMA_FILE,
    StoreError,
    migrations,
    open_read_only,
    schema_version,
    write_batch,
)

REPO = Path(__file__).resolve().parents[2]


def add_run(con: duckdb.DuckDBPyConnection, run_id: int) -> None:
    con.execute(
        "INSERT INTO ingest_runs (run_id, started_at, origin) VALUES (?, now(), 'cli')", [run_id]
    )


def run_ids(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [row[0] for row in con.execute("SELECT run_id FROM ingest_runs ORDER BY 1").fetchall()]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".tmp*"))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store holding one import run."""
    path = tmp_path / "media.duckdb"
    with write_batch(path) as con:
        add_run(con, 1)
    return path


# ---------- migrations


def test_a_new_store_is_created_at_the_latest_schema_version(tmp_path: Path):
    path = tmp_path / "new.duckdb"
    with write_batch(path):
        pass
    con = open_read_only(path)
    assert schema_version(con) == LATEST_VERSION
    applied = [
        r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
    ]
    assert applied == [version for version, _ in migrations()]  # each one, in order
    assert applied[0] == 1 and applied[-1] == LATEST_VERSION


def test_a_version_1_store_is_migrated_and_keeps_its_rows(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(SCHEMA_FILE.read_text())
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.execute("INSERT INTO outlets (outlet_id, slug, name) VALUES (1, 'le-monde', 'Le Monde')")
    con.execute(
        "INSERT INTO articles (article_id, title, outlet_id, published, dedupe_key)"
        " VALUES (1, 'Une analyse', 1, DATE '2024-03-01', 'k1')"
    )
    con.close()

    with pytest.raises(StoreError, match="schema version 1") as refused:
        open_read_only(path)
    assert "migrate" in str(refused.value)

    with write_batch(path):
        pass
    con = open_read_only(path)
    assert schema_version(con) == LATEST_VERSION
    assert con.execute(
        "SELECT article_id, title, outlet_id, published FROM articles"
    ).fetchall() == [(1, "Une analyse", 1, dt.date(2024, 3, 1))]
    assert con.execute("SELECT name FROM outlets").fetchall() == [("Le Monde",)]


# ---------- all or nothing


def test_a_failed_write_leaves_the_file_byte_identical_and_no_temporary_file(store: Path):
    before = digest(store)
    with pytest.raises(RuntimeError, match="bad row"):
        with write_batch(store) as con:
            add_run(con, 2)
            raise RuntimeError("bad row")
    assert digest(store) == before
    assert leftovers(store) == []
    assert run_ids(open_read_only(store)) == [1]


def test_a_failed_first_write_creates_no_database(tmp_path: Path):
    path = tmp_path / "never.duckdb"
    with pytest.raises(RuntimeError):
        with write_batch(path) as con:
            add_run(con, 1)
            raise RuntimeError("stop")
    assert not path.exists()
    assert leftovers(path) == []


# Run by a child process with the store's path as argument: a writer that dies mid-batch.
KILLED_WRITER = """
import os, sys
from data.store import write_batch
with write_batch(sys.argv[1]) as con:
    con.execute("INSERT INTO ingest_runs (run_id, started_at, origin) VALUES (2, now(), 'cli')")
    os._exit(9)
"""


def test_a_writer_killed_mid_write_leaves_the_store_as_it_was(store: Path):
    before = digest(store)
    result = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(store)], cwd=REPO)
    assert result.returncode == 9
    assert digest(store) == before
    assert leftovers(store), "the killed writer's copy is expected to remain until the next write"

    with write_batch(store) as con:
        add_run(con, 3)
    assert leftovers(store) == []
    assert run_ids(open_read_only(store)) == [1, 3]


# ---------- readers beside a writer


def test_a_reader_keeps_reading_during_a_write_and_a_new_reader_sees_it(store: Path):
    reader = open_read_only(store)
    assert run_ids(reader) == [1]

    with write_batch(store) as con:
        add_run(con, 2)

    assert run_ids(reader) == [1]  # still answers, from the file it opened
    assert run_ids(open_read_only(store)) == [1, 2]


# A reader in its own process: opens the store, waits for a line on stdin, then counts runs.
WAITING_READER = """
import sys
from data.store import open_read_only
con = open_read_only(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()
print(con.execute("SELECT count(*) FROM ingest_runs").fetchone()[0])
"""


def test_a_reader_in_another_process_does_not_block_a_write(store: Path):
    reader = subprocess.Popen(
        [sys.executable, "-c", WAITING_READER, str(store)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "open"
        with write_batch(store) as con:
            add_run(con, 2)
        out, _ = reader.communicate("\n", timeout=60)
    finally:
        reader.kill()
    assert out.strip() == "1"
    assert run_ids(open_read_only(store)) == [1, 2]


# ---------- clear errors


def test_a_missing_store_names_the_file_and_how_to_create_it(tmp_path: Path):
    path = tmp_path / "absent.duckdb"
    with pytest.raises(StoreError) as error:
        open_read_only(path)
    message = str(error.value)
    assert str(path) in message
    assert "make demo" in message and "data.ingest" in message


def test_a_corrupt_store_names_the_file_and_says_to_restore_a_backup(tmp_path: Path):
    path = tmp_path / "damaged.duckdb"
    path.write_bytes(b"this is not a database\n" * 500)
    with pytest.raises(StoreError) as error:
        open_read_only(path)
    message = str(error.value)
    assert str(path) in message
    assert "backup" in message.lower()


def block_size(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
    finally:
        con.close()


def cut_copy(source: Path, target: Path, keep_bytes: int) -> Path:
    target.write_bytes(source.read_bytes()[:keep_bytes])
    return target


def articles_digest(path: Path) -> tuple[int, int]:
    """Count and a hash over every article's fields: reads all of the table's blocks."""
    con = open_read_only(path)
    try:
        return con.execute(
            "SELECT count(*), sum(hash(article_id, title, outlet_id, published)) FROM articles"
        ).fetchone()
    finally:
        con.close()


@pytest.mark.parametrize("cut", ["after the headers", "half", "all but the last block"])
def test_a_store_cut_short_is_refused_when_opened_naming_the_file_and_the_backup(
    demo_db: Path, tmp_path: Path, cut: str
):
    size = demo_db.stat().st_size
    keep = {
        "after the headers": HEADER_BYTES,
        "half": size // 2,
        "all but the last block": size - block_size(demo_db),
    }[cut]
    intact = shutil.copyfile(demo_db, tmp_path / "intact.duckdb")
    assert articles_digest(intact) == articles_digest(demo_db)
    assert articles_digest(intact)[0] > 0
    path = cut_copy(demo_db, tmp_path / "cut.duckdb", keep)

    with pytest.raises(StoreError) as error:
        open_read_only(path)

    message = str(error.value)
    assert str(path) in message
    assert "backup" in message.lower()


def test_a_store_whose_last_blocks_were_freed_opens_and_is_still_checked(tmp_path: Path, demo_db):
    # Clearing the demo frees most blocks; DuckDB then trims the free ones at the end of the
    # file but its header still counts them: a shorter file that is whole.
    path = Path(shutil.copyfile(demo_db, tmp_path / "cleared.duckdb"))
    con = duckdb.connect(str(path), read_only=True)
    demo_run = con.execute("SELECT run_id FROM ingest_runs WHERE origin = 'demo'").fetchone()[0]
    con.close()
    remove_import(demo_run, path)
    with write_batch(path) as con:
        add_run(con, 100)
    con = duckdb.connect(str(path), read_only=True)
    blocks, total = con.execute(
        "SELECT block_size, total_blocks FROM pragma_database_size()"
    ).fetchone()
    con.close()
    assert path.stat().st_size < HEADER_BYTES + total * blocks  # the case this test is about

    assert 100 in run_ids(open_read_only(path))
    cut = cut_copy(path, tmp_path / "cleared-cut.duckdb", path.stat().st_size - blocks)
    with pytest.raises(StoreError, match="cut short"):
        open_read_only(cut)


def test_an_empty_store_file_names_the_file(tmp_path: Path):
    path = tmp_path / "empty.duckdb"
    path.write_bytes(b"")
    with pytest.raises(StoreError) as error:
        open_read_only(path)
    assert str(path) in str(error.value)
