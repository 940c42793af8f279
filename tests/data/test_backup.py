"""Backups taken while the dashboard reads and imports write, and restoring them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from data.backup import backup, table_counts
from data.file_check import BLOCK_CHECKSUM_BYTES, HEADER_BYTES
from data.store import StoreError, open_read_only

ROOT = Path(__file__).resolve().parents[2]
BATCH = 40  # appearances per import in these tests

# An import as the store sees it: one run, one outlet, BATCH appearances, n_new = BATCH.
ADD_BATCH = textwrap.dedent(
    """
    import datetime as dt, sys
    from data.store import next_id, write_batch

    def add_batch(db):
        with write_batch(db) as con:
            run = next_id(con, "ingest_runs", "run_id")
            con.execute(
                "INSERT INTO ingest_runs (run_id, started_at, origin, n_new)"
                " VALUES (?, ?, 'cli', ?)",
                [run, dt.datetime(2025, 1, 1), BATCH],
            )
            outlet = next_id(con, "outlets", "outlet_id")
            con.execute(
                "INSERT INTO outlets (outlet_id, slug, name) VALUES (?, ?, ?)",
                [outlet, f"outlet-{run}", f"Outlet {run}"],
            )
            first = next_id(con, "articles", "article_id")
            con.executemany(
                "INSERT INTO articles (article_id, title, outlet_id, published, ingest_run_id,"
                " dedupe_key) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    [first + i, f"Title {run}-{i}", outlet, dt.date(2025, 1, 1 + i % 28), run,
                     f"key-{run}-{i}"]
                    for i in range(BATCH)
                ],
            )
    """
)
namespace: dict = {"BATCH": BATCH}
exec(ADD_BATCH, namespace)  # the same code the writer subprocess runs
add_batch = namespace["add_batch"]


def consistent(file: Path) -> bool:
    """Every import is whole: appearances equal the sum of what the runs say they added."""
    con = duckdb.connect(str(file), read_only=True)
    try:
        articles, added, runs = con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT coalesce(sum(n_new), 0) FROM "
            "ingest_runs), (SELECT count(*) FROM ingest_runs)"
        ).fetchone()
    finally:
        con.close()
    return articles == added == runs * BATCH


@pytest.fixture
def store(tmp_path):
    db = tmp_path / "media.duckdb"
    for _ in range(3):
        add_batch(db)
    return db


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "data.backup", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_a_backup_taken_while_the_dashboard_reads_opens_with_the_same_counts(store, tmp_path):
    dashboard = open_read_only(store)  # the dashboard's long-lived read-only connection
    try:
        result = run_cli("--db", str(store), "-o", str(tmp_path / "copy.duckdb"))
        assert result.returncode == 0, result.stderr
        assert "120 appearances" in result.stdout
        copy = tmp_path / "copy.duckdb"
        assert table_counts(copy) == table_counts(store)
        assert table_counts(copy)["appearances"] == 3 * BATCH
        con = open_read_only(copy)  # opens as the dashboard would open it
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3 * BATCH
        con.close()
        assert dashboard.execute("SELECT count(*) FROM articles").fetchone()[0] == 3 * BATCH
    finally:
        dashboard.close()


def test_backups_taken_during_imports_each_hold_whole_imports_only(store, tmp_path):
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            ADD_BATCH + f"\nBATCH = {BATCH}\nfor _ in range(40): add_batch({str(store)!r})",
        ],
        cwd=ROOT,
    )
    copies = []
    try:
        deadline = time.monotonic() + 60
        while writer.poll() is None and time.monotonic() < deadline:
            copies.append(backup(store, tmp_path / f"copy{len(copies)}.duckdb"))
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0
    assert len(copies) >= 3, "the imports finished before enough backups were taken"
    sizes = {table_counts(c)["appearances"] for c in copies}
    assert len(sizes) >= 2, "every backup saw the same state: none overlapped an import"
    assert all(consistent(c) for c in copies)
    assert table_counts(store)["appearances"] == 43 * BATCH


def test_the_default_backup_sits_next_to_the_store_with_a_timestamp(store):
    written = backup(store)
    assert written.parent == store.parent
    assert written.name.startswith("media.backup-") and written.suffix == ".duckdb"
    assert table_counts(written) == table_counts(store)


def test_restoring_a_backup_brings_back_its_data_and_keeps_the_replaced_store(store, tmp_path):
    saved = backup(store, tmp_path / "saved.duckdb")
    add_batch(store)
    dashboard = open_read_only(store)
    assert table_counts(store)["appearances"] == 4 * BATCH

    result = run_cli("--db", str(store), "--restore", str(saved))

    assert result.returncode == 0, result.stderr
    # The dashboard's open connection keeps reading the file it opened until it reopens.
    assert dashboard.execute("SELECT count(*) FROM articles").fetchone()[0] == 4 * BATCH
    dashboard.close()
    assert table_counts(store)["appearances"] == 3 * BATCH
    kept = list(tmp_path.glob("media.before-restore-*.duckdb"))
    assert len(kept) == 1 and table_counts(kept[0])["appearances"] == 4 * BATCH
    assert f"kept as {kept[0]}" in result.stdout
    add_batch(store)  # and imports go on from the restored state
    assert consistent(store) and table_counts(store)["appearances"] == 4 * BATCH


def test_restoring_something_that_is_not_a_backup_changes_nothing(store, tmp_path):
    before = store.read_bytes()
    not_a_backup = tmp_path / "notes.duckdb"
    not_a_backup.write_text("meeting notes, not a database")

    result = run_cli("--db", str(store), "--restore", str(not_a_backup))

    assert result.returncode == 1
    assert "notes.duckdb is not a readable Presswatch database" in result.stderr
    assert "Traceback" not in result.stderr
    assert store.read_bytes() == before
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_restoring_a_backup_cut_short_changes_nothing(store, tmp_path):
    whole = backup(store, tmp_path / "whole.duckdb")
    cut = tmp_path / "cut.duckdb"
    cut.write_bytes(whole.read_bytes()[: -whole.stat().st_size // 4])  # a copy that stopped early
    before = store.read_bytes()

    result = run_cli("--db", str(store), "--restore", str(cut))

    assert result.returncode == 1
    assert "cut.duckdb is not a readable Presswatch database" in result.stderr
    assert "cut short" in result.stderr
    assert "Traceback" not in result.stderr
    assert store.read_bytes() == before
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_restoring_a_backup_that_breaks_a_rule_of_the_store_changes_nothing(store, tmp_path):
    bad = backup(store, tmp_path / "bad.duckdb")
    con = duckdb.connect(str(bad))
    con.execute("INSERT INTO outlet_aliases VALUES ('gone', 999)")  # an alias of nothing
    con.close()
    before = store.read_bytes()

    result = run_cli("--db", str(store), "--restore", str(bad))

    assert result.returncode == 1
    assert "[aliases_point_somewhere]" in result.stderr and "alias_key='gone'" in result.stderr
    assert "Traceback" not in result.stderr
    assert store.read_bytes() == before
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_backing_up_a_missing_store_says_so(tmp_path):
    result = run_cli("--db", str(tmp_path / "nowhere.duckdb"))
    assert result.returncode == 1
    assert "No database at" in result.stderr and "nowhere.duckdb" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_backup_never_overwrites_the_store(store):
    with pytest.raises(StoreError, match="cannot overwrite the store"):
        backup(store, store)


def damage_a_data_block(file: Path) -> None:
    """Overwrite 8 bytes inside the block holding the stored headlines (not a header, not the
    block's checksum): the file keeps its size, opens and counts its rows as before."""
    con = duckdb.connect(str(file), read_only=True)
    try:
        block_size = con.execute(
            "SELECT block_size FROM pragma_database_size() WHERE database_name = current_database()"
        ).fetchone()[0]
        block, offset = con.execute(
            "SELECT block_id, block_offset FROM pragma_storage_info('articles')"
            " WHERE column_name = 'title' AND persistent AND block_id >= 0 LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    at = HEADER_BYTES + block * block_size + BLOCK_CHECKSUM_BYTES + offset + 16
    with open(file, "r+b") as raw:
        raw.seek(at)
        raw.write(b"\xff" * 8)


def test_restoring_a_backup_with_a_damaged_data_block_changes_nothing(store, tmp_path):
    damaged = backup(store, tmp_path / "damaged.duckdb")
    damage_a_data_block(damaged)
    assert table_counts(damaged)["appearances"] == 3 * BATCH  # counts alone do not see it
    add_batch(store)
    before = store.read_bytes()

    result = run_cli("--db", str(store), "--restore", str(damaged))

    assert result.returncode == 1
    assert f"{damaged} is damaged: its table articles does not read back" in result.stderr
    assert "checksum" in result.stderr and "Traceback" not in result.stderr
    assert store.read_bytes() == before
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_a_store_with_a_damaged_data_block_gives_no_backup(store, tmp_path):
    damage_a_data_block(store)

    result = run_cli("--db", str(store), "-o", str(tmp_path / "copy.duckdb"))

    assert result.returncode == 1
    assert "No backup was written" in result.stderr and "checksum" in result.stderr
    assert not list(tmp_path.glob("copy.duckdb*"))
