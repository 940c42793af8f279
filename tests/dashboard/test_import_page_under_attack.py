"""Files made to exhaust a reader, uploaded to the Import page: each is refused within the
reliability bounds (CEILING_SECONDS, CEILING_MB: hard ceilings on a loaded 2-core machine, not
speed tests), says why naming the file, and leaves the store as it was. The page runs in Streamlit's
AppTest in a process of its own (tests/import_page_attacks.py) so its memory can be read."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bad_inputs import attacks

ROOT = Path(__file__).resolve().parents[2]
ATTACKS = attacks()
CEILING_SECONDS, CEILING_MB = 30, 512


@pytest.fixture(scope="module")
def uploaded(demo_db, tmp_path_factory) -> tuple[dict, Path, str]:
    """(the worker's report by file name and overall, the store, its digest before)."""
    folder = tmp_path_factory.mktemp("attacks")
    store = folder / "media.duckdb"
    shutil.copyfile(demo_db, store)
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    report = folder / "report.json"
    subprocess.run(
        [sys.executable, "-m", "tests.import_page_attacks", str(store), str(report)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
        timeout=len(ATTACKS) * 2 * CEILING_SECONDS + 120,
    )
    return json.loads(report.read_text()), store, before


@pytest.mark.parametrize("case", ATTACKS, ids=str)
def test_a_hostile_upload_is_refused_within_the_bounds_naming_the_file(case, uploaded):
    report, _, _ = uploaded
    (result,) = [r for r in report["cases"] if r["name"] == case.name]
    assert not result["exceptions"], result["exceptions"]
    assert result["seconds"] < CEILING_SECONDS, f"{case.name} took {result['seconds']:.1f} s"
    assert result["peak_kb"] / 1024 < CEILING_MB, f"{case.name}: {result['peak_kb'] / 1024:.0f} MB"
    assert result["new"] == 0
    assert case.name in result["said"], result["said"][:300]
    if case.reason:
        assert case.reason.lower() in result["said"].lower(), result["said"][:300]


def test_after_every_hostile_upload_the_store_is_as_it_was_and_the_memory_came_back(uploaded):
    report, store, before = uploaded
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before
    kept_mb = (report["held_after_kb"] - report["held_before_kb"]) / 1024
    assert kept_mb < 128, f"{kept_mb:.0f} MB more held after the uploads than before"
