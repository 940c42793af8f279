"""python -m data.ingest as an editor runs it: exit status, summary, dry run, column mapping."""

import json
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "pages"
ORG = ROOT / "examples" / "ifri"


def ingest(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "data.ingest", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_clean_import_exits_0_and_prints_a_summary(tmp_path):
    db = tmp_path / "media.duckdb"
    done = ingest("--db", db, "--org", ORG, PAGES / "formats" / "print_page.txt")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("import 1: 1 new, 0 duplicates, 0 rejected")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT origin, n_new FROM ingest_runs").fetchall() == [("cli", 1)]
    con.close()


def test_import_with_a_reject_exits_1_and_names_file_row_and_reason(tmp_path):
    sheet = tmp_path / "clippings.csv"
    sheet.write_text("Date,Outlet,Headline\n2024-01-02,RFI,Bon\nhier,RFI,Mauvais\n", "utf-8")
    done = ingest("--db", tmp_path / "m.duckdb", "--org", ORG, sheet)
    assert done.returncode == 1
    assert "1 new, 0 duplicates, 1 rejected" in done.stdout
    assert f"{sheet}, row 3: date 'hier' is not a full date" in done.stdout


def test_usage_errors_exit_2_with_a_message(tmp_path):
    assert ingest().returncode == 2
    missing = ingest("--db", tmp_path / "m.duckdb", tmp_path / "nowhere.txt")
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    bad_map = ingest("--map", "headline", PAGES)
    assert bad_map.returncode == 2 and "FIELD=COLUMN" in bad_map.stderr
    assert not (tmp_path / "m.duckdb").exists()


def test_dry_run_json_prints_one_object_per_appearance_and_writes_nothing(tmp_path):
    db = tmp_path / "media.duckdb"
    done = ingest("--db", db, "--org", ORG, "--dry-run", "--json", PAGES / "formats")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert all(
        {"source", "title", "outlet", "date", "experts", "tags", "language", "url", "kind"}
        <= set(r)
        for r in records
    )
    by_title = {r["title"]: r for r in records}
    assert (
        by_title["Sahel : « La France doit repenser sa présence militaire »"]["date"]
        == "2024-03-04"
    )
    sahel = by_title["Sahel : « La France doit repenser sa présence militaire »"]
    assert (sahel["outlet"], sahel["outlet_stored"]) == ("OUEST FRANCE", "Ouest-France")
    assert not db.exists()


def test_map_option_names_a_column_the_export_calls_otherwise(tmp_path):
    sheet = tmp_path / "export.csv"
    sheet.write_text("Jour;Support;Intitulé\n09/01/2024;RFI;La Chine et l'Afrique\n", "utf-8")
    done = ingest(
        "--dry-run",
        "--json",
        "--org",
        ORG,
        "--map",
        "title=Intitulé",
        "--map",
        "outlet=Support",
        "--map",
        "date=Jour",
        sheet,
    )
    assert done.returncode == 0, done.stderr
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert (record["title"], record["outlet"], record["date"]) == (
        "La Chine et l'Afrique",
        "RFI",
        "2024-01-09",
    )
