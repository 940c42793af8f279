"""A disk that fills up during a write: on a real (small, tmpfs) disk, at the two moments a write
can run out of space, the copy of the store and DuckDB's COMMIT and CHECKPOINT. Every time the
store is byte-identical, the half-written copy and its .wal are gone (the disk is as free as it
was), and the command line says what happened in one line, exit status 1, no traceback."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from data.store import StoreError, write_batch
from tests.small_disk import files_on, fill, free_bytes, small_disk

ROOT = Path(__file__).resolve().parents[2]
FULL = "is full: the import was not written; free some space and try again. The store is unchanged."
CLIPPINGS = "date,outlet,headline,experts,tags,url\n" + "".join(
    f"2026-10-{day:02},Le Monde,Grids under strain {day},Élodie Marchand-Vasseur,"
    f"Energy transition,https://www.lemonde.fr/a/grids-{day}\n"
    for day in range(1, 29)
)
# Free bytes left on the disk, by the moment the write is to run out of space: half the store
# (the copy cannot finish), or the copy and a few pages more (the WAL written at COMMIT cannot).
MOMENTS = {"copy": lambda size: size // 2, "commit": lambda size: size + 8192}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def disk(tmp_path: Path):
    with small_disk(tmp_path / "disk") as folder:
        yield folder


@pytest.fixture
def store(disk: Path, demo_db: Path) -> Path:
    """The demo store, on the small disk."""
    path = disk / "media.duckdb"
    path.write_bytes(demo_db.read_bytes())
    return path


def run(module: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def assert_refused_cleanly(result: subprocess.CompletedProcess, store: Path, message: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip() == f"error: The disk holding {store} {message}"


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_write_that_fills_the_disk_leaves_the_store_and_the_disk_as_they_were(store, moment):
    before = digest(store)
    fill(store.parent, MOMENTS[moment](store.stat().st_size))
    free = free_bytes(store.parent)
    reached_commit = False
    with pytest.raises(StoreError) as refused:
        with write_batch(store) as con:
            con.execute(
                "CREATE TABLE bulk AS SELECT range AS i, repeat('x', 100) AS s FROM range(2000)"
            )
            reached_commit = True
    assert str(refused.value) == f"The disk holding {store} {FULL}"
    assert reached_commit == (moment == "commit")  # which of the two moments ran out of space
    assert digest(store) == before
    assert files_on(store.parent) == ["media.duckdb"]  # no copy, no .wal
    assert free_bytes(store.parent) == free  # the space the copy took is given back


@pytest.mark.parametrize("moment", MOMENTS)
def test_an_import_on_a_full_disk_says_so_on_the_command_line(store, tmp_path, moment):
    clippings = tmp_path / "clippings.csv"
    clippings.write_text(CLIPPINGS, encoding="utf-8")
    before = digest(store)
    fill(store.parent, MOMENTS[moment](store.stat().st_size))
    result = run("data.ingest", "--db", str(store), str(clippings))
    assert_refused_cleanly(result, store, FULL)
    assert digest(store) == before
    assert files_on(store.parent) == ["media.duckdb"]

    (store.parent / "filler").unlink()  # space freed: the same command goes in
    again = run("data.ingest", "--db", str(store), str(clippings))
    assert again.returncode == 0, again.stderr
    assert "28 new" in again.stdout


def test_a_backup_on_a_full_disk_says_so_and_leaves_no_partial_copy(store):
    fill(store.parent, store.stat().st_size // 2)
    target = store.parent / "media.backup.duckdb"
    result = run("data.backup", "--db", str(store), "-o", str(target))
    assert_refused_cleanly(result, target, FULL.replace("the import", "the backup"))
    assert files_on(store.parent) == ["media.duckdb"]


def test_the_demo_on_a_full_disk_says_so_and_writes_no_store(disk):
    fill(disk, 256 * 1024)
    store = disk / "media.duckdb"
    result = run("data.demo", "--db", str(store))
    assert_refused_cleanly(result, store, FULL)
    assert files_on(disk) == []
