"""Key dates and saved views in the store: written through the one write path, kept after the
store is opened again, within the store's rules, and refused to a viewer where editors only may
write. Every write here also checks the rules before it commits (tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from data.integrity import violations
from data.key_dates import (
    LABEL_CHARS,
    EditorsOnly,
    KeyDate,
    KeyDateError,
    add_key_date,
    list_key_dates,
    remove_key_date,
)
from data.saved_views import QUERY_CHARS, SavedViewError, list_views, remove_view, save_view
from data.store import StoreError, open_read_only, write_batch

REPO = Path(__file__).resolve().parents[2]
LAUNCH = dt.date(2025, 3, 12)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "media.duckdb"
    with write_batch(path):
        pass
    return path


def reopened(path: Path):
    """What a reader opening the store afresh finds: key dates and saved views."""
    con = open_read_only(path)
    try:
        return list_key_dates(con), list_views(con), violations(con)
    finally:
        con.close()


# ---------- key dates


def test_a_key_date_is_written_by_a_swap_of_the_store_and_read_back_after_a_reopen(store):
    inode = os.stat(store).st_ino
    added = add_key_date(store, LAUNCH, "  Annual report\u200b launch ", "editor", editor=True)
    assert os.stat(store).st_ino != inode  # copy, commit, swap: the write path's own mark
    assert added == KeyDate(1, LAUNCH, "Annual report launch", "editor")
    add_key_date(store, dt.date(2025, 1, 20), "Inauguration", None, editor=True)
    dates, _, broken = reopened(store)
    assert [(k.day, k.label) for k in dates] == [
        (dt.date(2025, 1, 20), "Inauguration"),
        (LAUNCH, "Annual report launch"),
    ]
    assert broken == []


def test_key_dates_are_listed_within_a_period_both_days_included(store):
    for day, label in (
        (dt.date(2024, 12, 31), "Before"),
        (LAUNCH, "In"),
        (dt.date(2025, 6, 30), "Last"),
    ):
        add_key_date(store, day, label, None, editor=True)
    con = open_read_only(store)
    try:
        inside = list_key_dates(con, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    finally:
        con.close()
    assert [k.label for k in inside] == ["In", "Last"]


def test_a_viewer_cannot_add_or_remove_a_key_date_and_the_store_is_unchanged(store):
    add_key_date(store, LAUNCH, "Summit", None, editor=True)
    before = digest(store)
    with pytest.raises(EditorsOnly, match="Only editors can add key dates"):
        add_key_date(store, LAUNCH, "Election", "viewer", editor=False)
    with pytest.raises(EditorsOnly, match="Only editors can remove key dates"):
        remove_key_date(store, 1, editor=False)
    assert digest(store) == before


@pytest.mark.parametrize(
    "day, label, says",
    [
        (LAUNCH, "   ", "needs a label"),
        (LAUNCH, "x" * (LABEL_CHARS + 1), f"at most {LABEL_CHARS} characters"),
        (dt.date(1899, 12, 31), "Too early", "out of range"),
        (dt.date(dt.date.today().year + 2, 1, 1), "Too far ahead", "out of range"),
        (LAUNCH, "SUMMIT", "already has the key date"),
    ],
)
def test_a_key_date_the_rules_refuse_is_refused_saying_why_and_nothing_is_written(
    store, day, label, says
):
    add_key_date(store, LAUNCH, "Summit", None, editor=True)
    before = digest(store)
    with pytest.raises(KeyDateError, match=says):
        add_key_date(store, day, label, None, editor=True)
    assert digest(store) == before


def test_a_key_date_ahead_this_year_or_next_is_kept(store):
    ahead = dt.date(dt.date.today().year + 1, 12, 31)
    add_key_date(store, ahead, "Election", None, editor=True)
    assert [k.day for k in reopened(store)[0]] == [ahead]


def test_removing_a_key_date_takes_it_away_and_an_unknown_one_is_refused(store):
    add_key_date(store, LAUNCH, "Summit", None, editor=True)
    add_key_date(store, LAUNCH, "Launch", None, editor=True)
    assert remove_key_date(store, 1, editor=True).label == "Summit"
    assert [k.label for k in reopened(store)[0]] == ["Launch"]
    with pytest.raises(KeyDateError, match="no key date 1"):
        remove_key_date(store, 1, editor=True)


def test_no_key_date_makes_a_store_where_there_is_none(tmp_path: Path):
    missing = tmp_path / "none.duckdb"
    with pytest.raises(StoreError, match="No database"):
        add_key_date(missing, LAUNCH, "Summit", None, editor=True)
    assert not missing.exists()


def test_the_command_line_adds_lists_and_removes_key_dates(store):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "data.key_dates", "--db", str(store), *args],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=120,
        )

    added = run("add", "2025-03-12", "Annual report launch")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "Added key date 1: 2025-03-12 Annual report launch"
    assert run("list").stdout == "1\t2025-03-12\tAnnual report launch\n"
    refused = run("add", "2025-03-12", "annual report LAUNCH")
    assert refused.returncode == 1 and "already has the key date" in refused.stderr
    assert run("remove", "1").returncode == 0
    assert run("list").stdout == ""
    assert run("add", "12/03/2025", "Bad day").returncode == 2  # a usage error


# ---------- saved views


def test_a_saved_view_keeps_its_page_and_link_after_a_reopen(store):
    params = {"from": "2025-01-01", "to": "2025-12-31", "outlets": "le-monde,financial-times"}
    params["rank"] = "share"
    saved = save_view(store, " Le Monde & FT, 2025 ", "outlets", params, "viewer")
    assert (saved.view_id, saved.name) == (1, "Le Monde & FT, 2025")
    save_view(store, "all time", "", {"period": "all"}, None)
    _, views, broken = reopened(store)
    assert [(v.name, v.page) for v in views] == [
        ("all time", ""),
        ("Le Monde & FT, 2025", "outlets"),
    ]
    assert views[1].params() == params
    assert broken == []


def test_a_name_already_taken_is_refused_case_and_spaces_aside(store):
    save_view(store, "Board pack", "", {"period": "all"}, None)
    before = digest(store)
    with pytest.raises(SavedViewError, match="already called"):
        save_view(store, "  BOARD   pack", "experts", {}, None)
    assert digest(store) == before


@pytest.mark.parametrize(
    "name, page, params, says",
    [
        ("", "", {}, "needs a name"),
        ("Away", "//example.org", {}, "not a page"),
        ("Long", "", {"q": "x" * QUERY_CHARS}, "too long to save"),
    ],
)
def test_a_view_that_cannot_be_saved_is_refused_saying_why(store, name, page, params, says):
    before = digest(store)
    with pytest.raises(SavedViewError, match=says):
        save_view(store, name, page, params, None)
    assert digest(store) == before


def test_characters_a_link_reserves_are_kept_as_values_not_read_as_the_link(store):
    save_view(store, "Search", "articles", {"q": "énergie #1 & co?", "from": "2025-01-01"}, None)
    (view,) = reopened(store)[1]
    assert view.params() == {"q": "énergie #1 & co?", "from": "2025-01-01"}
    assert "#" not in view.query and "?" not in view.query


def test_only_an_editor_removes_a_saved_view(store):
    save_view(store, "Board pack", "", {"period": "all"}, "viewer")
    before = digest(store)
    with pytest.raises(EditorsOnly, match="Only editors can remove saved views"):
        remove_view(store, 1, editor=False)
    assert digest(store) == before
    assert remove_view(store, 1, editor=True).name == "Board pack"
    assert reopened(store)[1] == []
    with pytest.raises(SavedViewError, match="no saved view 1"):
        remove_view(store, 1, editor=True)
