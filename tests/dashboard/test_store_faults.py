"""A missing, corrupted or outdated database gives the manager a clear page, never a traceback."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from data.store import next_id, write_batch

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
UNAVAILABLE = "The coverage database cannot be opened"


def make_store(path, appearances: int = 5) -> None:
    with write_batch(path) as con:
        outlet = next_id(con, "outlets", "outlet_id")
        con.execute(
            "INSERT INTO outlets (outlet_id, slug, name, media_type) VALUES (?, 'le-monde',"
            " 'Le Monde', 'print')",
            [outlet],
        )
        for i in range(appearances):
            con.execute(
                "INSERT INTO articles (article_id, title, outlet_id, published, dedupe_key)"
                " VALUES (?, ?, ?, ?, ?)",
                [i + 1, f"Appearance {i}", outlet, dt.date(2024, 3, 1 + i), f"key-{i}"],
            )


def block_size(db) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
    finally:
        con.close()


def dashboard(db, monkeypatch) -> AppTest:
    monkeypatch.setenv("PRESSWATCH_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = {"access": {"mode": "none"}}
    return at


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def test_a_missing_database_says_where_it_was_looked_for_and_how_to_create_it(
    tmp_path, monkeypatch
):
    at = dashboard(tmp_path / "media.duckdb", monkeypatch).run()
    assert not at.exception
    assert titles(at) == [UNAVAILABLE]
    message = at.error[0].value
    assert str(tmp_path / "media.duckdb") in message
    assert "python -m data.ingest" in message


@pytest.mark.parametrize(
    "damage",
    ["random bytes", "cut in half", "last block missing", "zeroed header"],
)
def test_a_corrupted_database_asks_for_the_backup_instead_of_showing_a_traceback(
    tmp_path, monkeypatch, damage
):
    db = tmp_path / "media.duckdb"
    make_store(db)
    data = db.read_bytes()
    if damage == "random bytes":
        db.write_bytes(os.urandom(len(data)))
    elif damage == "cut in half":
        db.write_bytes(data[: len(data) // 2])
    elif damage == "last block missing":  # opens, and only the queries reading it would fail
        db.write_bytes(data[: len(data) - block_size(db)])
    else:
        db.write_bytes(b"\0" * 8192 + data[8192:])

    at = dashboard(db, monkeypatch).run()

    assert not at.exception
    assert titles(at) == [UNAVAILABLE]
    message = at.error[0].value
    assert str(db) in message
    assert "backup" in message.lower()


def test_a_database_from_an_older_version_says_how_to_bring_it_up_to_date(tmp_path, monkeypatch):
    db = tmp_path / "media.duckdb"
    make_store(db)
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM schema_version WHERE version > 1")
    con.close()

    at = dashboard(db, monkeypatch).run()

    assert not at.exception
    assert titles(at) == [UNAVAILABLE]
    assert "python -m data.store migrate" in at.error[0].value


def test_a_database_damaged_while_the_dashboard_runs_gives_the_clear_page_on_the_next_rerun(
    tmp_path, monkeypatch
):
    db = tmp_path / "media.duckdb"
    make_store(db)
    at = dashboard(db, monkeypatch).run()
    assert not at.exception and UNAVAILABLE not in titles(at)

    damaged = tmp_path / "damaged"
    damaged.write_bytes(os.urandom(db.stat().st_size))
    os.replace(damaged, db)  # a new file at the same path, as a bad copy or restore would leave
    at.run()

    assert not at.exception
    assert titles(at) == [UNAVAILABLE]
