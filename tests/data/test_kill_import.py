"""An import killed at any moment (SIGKILL: power cut, out of memory, a closed terminal) leaves the
store exactly as it was, and running the same import again completes it."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from data.ingest import cli
from data.store import open_read_only

ROOT = Path(__file__).resolve().parents[2]
ROWS = 1_000
# Moments of the write phase (from the working copy appearing to the swap) to kill at.
KILL_AT = (0.0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def appearances(db: Path) -> int:
    con = open_read_only(db)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def clippings(path: Path, rows: int, first: int = 0) -> Path:
    today = dt.date.today()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["date", "outlet", "title", "url"])
        for i in range(first, first + rows):
            day = today - dt.timedelta(days=i % 700)
            out.writerow(
                [day.isoformat(), "Le Monde", f"Appearance {i}", f"https://lemonde.fr/{i}"]
            )
    return path


def start_import(db: Path, sheet: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "data.ingest", "--db", str(db), str(sheet)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def working_copies(db: Path) -> list[Path]:
    return list(db.parent.glob(db.name + ".tmp*"))


def wait_for_working_copy(db: Path, process: subprocess.Popen) -> float:
    while not working_copies(db):
        assert process.poll() is None, process.stdout.read().decode()
        time.sleep(0.005)
    return time.monotonic()


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("kill") / "media.duckdb"
    sheet = clippings(db.parent / "first.csv", 200, first=100_000)
    assert cli.main(["--db", str(db), str(sheet)]) == 0
    return db


@pytest.fixture
def store(base_store, tmp_path) -> Path:
    db = tmp_path / "store" / "media.duckdb"
    db.parent.mkdir()
    db.write_bytes(base_store.read_bytes())
    return db


@pytest.fixture(scope="module")
def write_phase(base_store, tmp_path_factory) -> float:
    """How long an uninterrupted import of ROWS rows spends writing, measured on a copy."""
    copy = tmp_path_factory.mktemp("reference") / "media.duckdb"
    copy.write_bytes(base_store.read_bytes())
    process = start_import(copy, clippings(copy.parent / "sheet.csv", ROWS))
    started = wait_for_working_copy(copy, process)
    while working_copies(copy):
        time.sleep(0.005)
    took = time.monotonic() - started
    assert process.wait(timeout=300) == 0
    assert appearances(copy) == 200 + ROWS
    return took


def test_an_import_killed_at_any_moment_leaves_the_store_as_it_was(
    store, base_store, write_phase, tmp_path
):
    sheet = clippings(tmp_path / "sheet.csv", ROWS)
    before = digest(store)
    killed_while_writing = 0
    for fraction in KILL_AT:
        process = start_import(store, sheet)
        started = wait_for_working_copy(store, process)
        time.sleep(max(0.0, fraction * write_phase - (time.monotonic() - started)))
        writing = bool(working_copies(store)) and process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if digest(store) == before:
            assert appearances(store) == 200
            killed_while_writing += writing
        else:  # the kill came after the swap: the import is whole, never half
            assert not writing, "a kill during the write changed the store"
            assert appearances(store) == 200 + ROWS
            store.write_bytes(base_store.read_bytes())  # start the next kill from the same state
    assert killed_while_writing >= 4, "too few kills landed during the write to prove anything"


def test_running_the_killed_import_again_completes_it(store, tmp_path):
    sheet = clippings(tmp_path / "sheet.csv", ROWS)
    process = start_import(store, sheet)
    wait_for_working_copy(store, process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert working_copies(store), "a killed import leaves its working copy behind"

    rerun = start_import(store, sheet)
    output = rerun.communicate(timeout=300)[0].decode()

    assert rerun.returncode == 0, output
    assert appearances(store) == 200 + ROWS
    assert not working_copies(store), "the next import sweeps what a killed one left"
