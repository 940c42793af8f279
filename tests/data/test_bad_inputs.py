"""Bad files dropped into an import: each is refused with a reason naming the file (and row), or
imported cleanly; none crashes the import, and a refusal leaves the store exactly as it was. A file
made to exhaust a reader is refused by a separate command-line process within the reliability
bounds, CEILING_SECONDS and CEILING_MB: hard ceilings on a loaded 2-core machine, not speed tests.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

from data import ingest
from data.ingest import cli
from data.organisation import load_organisation
from data.store import open_read_only
from tests.bad_inputs import HEADER, IMPORT, REJECT, BadInput, corpus, csv_bytes, good_row

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date.today()
CASES = corpus(TODAY)
ATTACKS = [case for case in CASES if case.attack]
CEILING_SECONDS, CEILING_MB = 30, 512
MOJIBAKE = re.compile("Ã[\u0080-\u00bf©¨ª«®§]|â€")  # UTF-8 read as Windows-1252
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def test_the_corpus_has_at_least_thirty_kinds_of_bad_file():
    assert len({case.name for case in CASES}) == len(CASES) >= 30


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    """A store holding a few sound appearances, as an editor's store would before the mistake."""
    folder = tmp_path_factory.mktemp("base")
    sheet = folder / "sound.csv"
    sheet.write_bytes(csv_bytes([HEADER, *[good_row(i) for i in range(1000, 1005)]]))
    db = folder / "media.duckdb"
    assert cli.main(["--db", str(db), str(sheet)]) == 0
    return db


@pytest.fixture
def store(base_store, tmp_path) -> Path:
    db = tmp_path / "media.duckdb"
    shutil.copyfile(base_store, db)
    return db


def stored_text(db: Path) -> list[str]:
    """Every title, summary, url, outlet and expert name the store holds."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT title FROM articles UNION ALL SELECT summary FROM articles"
            " UNION ALL SELECT url FROM articles UNION ALL SELECT name FROM outlets"
            " UNION ALL SELECT name FROM experts UNION ALL SELECT name FROM tags"
        ).fetchall()
    finally:
        con.close()
    return [text for (text,) in rows if text]


def appearance_count(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def assert_clean(db: Path) -> None:
    for text in stored_text(db):
        assert not CONTROL.search(text), f"control character stored: {text[:80]!r}"
        assert "\ufffd" not in text, f"undecodable bytes stored: {text[:80]!r}"
        assert not MOJIBAKE.search(text), f"text decoded with the wrong encoding: {text[:80]!r}"
        assert "<script" not in text.lower(), f"script stored: {text[:80]!r}"
    con = duckdb.connect(str(db), read_only=True)
    try:
        urls = [
            u for (u,) in con.execute("SELECT url FROM articles WHERE url IS NOT NULL").fetchall()
        ]
    finally:
        con.close()
    assert all(re.match(r"(?i)^https?://", u) for u in urls), urls


def check_outcome(
    case: BadInput,
    rejects: list[tuple[int | None, str]],
    message: str,
    counted: int,
    db: Path,
    before: bytes,
    count_before: int,
) -> None:
    """What every import of a bad file must guarantee, whichever way it was started.

    `counted` is how many appearances the import added or counted as duplicates: an import that
    counted none must leave the store byte for byte as it was.
    """
    imported = appearance_count(db) - count_before
    if case.expect == REJECT:
        assert rejects, f"{case.name} was accepted without a word"
        if case.reason:
            assert any(case.reason.lower() in reason.lower() for _, reason in rejects), rejects
        if case.row is not None:
            assert case.row in [row for row, _ in rejects], rejects
        else:
            assert imported == 0
    if case.expect == IMPORT:
        assert not rejects and imported >= 1, rejects
        if case.stored:
            assert case.stored in stored_text(db)
    if rejects:
        assert case.name in message, f"the message does not name the file: {message[:300]}"
        for row, _ in rejects:
            if row is not None:
                assert f"row {row}" in message
    if counted == 0:
        assert db.read_bytes() == before, "a refused import changed the store"
    else:
        assert_clean(db)


def check_command_line(
    case: BadInput, code: int, out: str, err: str, db: Path, before: bytes, count_before: int
) -> None:
    assert code in (0, 1), err
    assert "Traceback" not in err
    rejected_lines = [line for line in (out + err).splitlines() if "rejected  " in line]
    rejects = [
        (int(m.group(1)) if (m := re.search(r", row (\d+):", line)) else None, line)
        for line in rejected_lines
    ]
    assert (code == 1) == bool(rejects)
    counted = sum(int(n) for n in re.findall(r"(\d+) (?:new|duplicates),", out))
    check_outcome(case, rejects, out + err, counted, db, before, count_before)


@pytest.mark.parametrize("case", [c for c in CASES if not c.attack], ids=str)
def test_a_bad_file_on_the_command_line_is_refused_clearly_or_imported_cleanly(
    case, store, tmp_path, capsys
):
    path = tmp_path / "in" / case.name
    path.parent.mkdir()
    path.write_bytes(case.data)
    before, count_before = store.read_bytes(), appearance_count(store)

    code = cli.main(["--db", str(store), str(path)])

    out, err = capsys.readouterr()
    check_command_line(case, code, out, err, store, before, count_before)


# `python -m data.ingest ARGS`, writing the process's peak resident memory (VmHWM, kB) at exit to
# the file named first. VmHWM counts from the program's start; getrusage would also count the
# memory of the test process it was forked from.
WITH_PEAK = """
import atexit, re, runpy, sys
report = sys.argv.pop(1)

def write_peak():
    with open("/proc/self/status") as status, open(report, "w") as out:
        out.write(re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1))

atexit.register(write_peak)
runpy.run_module("data.ingest", run_name="__main__", alter_sys=True)
"""


def run_bounded(
    args: list[str], env: dict[str, str] | None = None
) -> tuple[int, str, str, float, float]:
    """The command line as its own process: exit code, output, error output, seconds and peak
    memory (MB). Stopped at twice the time ceiling."""
    with tempfile.TemporaryDirectory() as folder:
        peak = Path(folder) / "peak"
        start = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-c", WITH_PEAK, str(peak), *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
            timeout=2 * CEILING_SECONDS,
        )
        seconds = time.monotonic() - start
        peak_mb = int(peak.read_text()) / 1024
    return result.returncode, result.stdout, result.stderr, seconds, peak_mb


@pytest.mark.parametrize("case", ATTACKS, ids=str)
def test_a_file_made_to_exhaust_a_reader_is_refused_within_the_bounds(case, store, tmp_path):
    path = tmp_path / "in" / case.name
    path.parent.mkdir()
    path.write_bytes(case.data)
    before, count_before = store.read_bytes(), appearance_count(store)

    code, out, err, seconds, peak_mb = run_bounded(["--db", str(store), str(path)])

    assert seconds < CEILING_SECONDS, f"{case.name} took {seconds:.1f} s"
    assert peak_mb < CEILING_MB, f"{case.name} needed {peak_mb:.0f} MB"
    check_command_line(case, code, out, err, store, before, count_before)


def test_the_limits_are_set_from_the_environment_of_the_command_line(store, tmp_path):
    sheet = tmp_path / "clippings.csv"
    sheet.write_bytes(csv_bytes([HEADER, *[good_row(i) for i in range(300)]]))
    before = store.read_bytes()

    code, out, err, _, _ = run_bounded(
        ["--db", str(store), str(sheet)], env={"PRESSWATCH_MAX_ROWS": "100"}
    )

    assert code == 1
    assert f"{sheet}: more than 100 rows (the limit, PRESSWATCH_MAX_ROWS)" in out
    assert "nothing in this file was imported" in out
    assert store.read_bytes() == before


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_bad_file_on_the_import_page_is_refused_clearly_or_imported_cleanly(case, store):
    org = load_organisation()
    before, count_before = store.read_bytes(), appearance_count(store)
    con = open_read_only(store)
    try:
        plan = ingest.plan_import([(case.name, case.data)], con, org)
    finally:
        con.close()
    if plan.new or plan.duplicates:
        ingest.apply_import(plan, store)
    rejects = [(r.row_number, r.reason) for r in plan.rejected]
    message = "\n".join(str(r) for r in plan.rejected)
    counted = len(plan.new) + len(plan.duplicates)
    check_outcome(case, rejects, message, counted, store, before, count_before)


def test_the_whole_corpus_at_once_names_every_refused_file_and_never_shows_a_traceback(
    store, tmp_path
):
    folder = tmp_path / "dropped"
    folder.mkdir()
    for case in CASES:
        (folder / case.name).write_bytes(case.data)
    result = subprocess.run(
        [sys.executable, "-m", "data.ingest", "--db", str(store), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    walked = {c.name for c in CASES if Path(c.name).suffix in ingest.SUFFIXES}
    for case in CASES:
        if case.expect == REJECT and case.name in walked:
            assert f"{folder / case.name}" in output, f"{case.name} not named"
    assert_clean(store)
