"""The coverage report from the command line: python -m dashboard.report ... -o FILE."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdf
from pptx import Presentation

ROOT = Path(__file__).resolve().parents[2]


def report(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard.report", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_writes_a_pdf_of_the_period_asked_for(demo_db, tmp_path):
    out = tmp_path / "report.pdf"
    done = report(
        "--db", str(demo_db), "--from", "2025-01-01", "--to", "2025-03-31",
        "--format", "pdf", "-o", str(out), "--no-images",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"Wrote {out}" in done.stdout
    first_page = pypdf.PdfReader(out).pages[0].extract_text()
    assert "1 Jan 2025 – 31 Mar 2025" in " ".join(first_page.split())


def test_writes_slides_for_one_outlet_and_names_it(demo_db, tmp_path):
    out = tmp_path / "report.pptx"
    done = report(
        "--db", str(demo_db), "--from", "2025-01-01", "--to", "2025-12-31",
        "--outlet", "le-monde", "--format", "pptx", "-o", str(out), "--no-images",
        "--org-name", "Institut Exemple",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    deck = Presentation(io.BytesIO(out.read_bytes()))
    title_slide = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Institut Exemple" in title_slide and "Outlets: Le Monde" in title_slide


def test_a_mistyped_outlet_is_named_instead_of_an_empty_report(demo_db, tmp_path):
    out = tmp_path / "report.pdf"
    done = report("--db", str(demo_db), "--outlet", "le-mond", "--format", "pdf", "-o", str(out))
    assert done.returncode == 2
    assert "--outlet le-mond" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_a_bad_date_is_named(tmp_path):
    done = report("--from", "2025-13-01", "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    assert done.returncode == 2
    assert "'2025-13-01' is not a date" in done.stderr and "Traceback" not in done.stderr


def test_dates_in_the_wrong_order_are_named(demo_db, tmp_path):
    done = report(
        "--db", str(demo_db), "--from", "2025-12-31", "--to", "2025-01-01",
        "--format", "pdf", "-o", str(tmp_path / "r.pdf"),
    )  # fmt: skip
    assert done.returncode == 2
    assert "--from 2025-12-31 is after --to 2025-01-01" in done.stderr


def test_a_missing_database_says_how_to_create_one(tmp_path):
    missing = tmp_path / "none.duckdb"
    done = report("--db", str(missing), "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    assert done.returncode == 1
    assert f"No database at {missing}" in done.stderr and "Traceback" not in done.stderr


def test_an_unwritable_output_is_named(demo_db, tmp_path):
    out = tmp_path / "no-such-folder" / "r.pdf"
    done = report("--db", str(demo_db), "--format", "pdf", "-o", str(out), "--no-images")
    assert done.returncode == 1
    assert f"Could not write {out}" in done.stderr and "Traceback" not in done.stderr
