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


def test_explain_names_the_layout_the_columns_the_dates_and_a_sample_row(tmp_path):
    from tests import exports

    header = exports.MUCK_RACK
    rows = [
        ["Europe's defence moment", "The Economist", "2025-09-02T22:30:00-04:00", "A. Writer",
         "https://www.economist.com/europe/1", "1,234,567", "Positive"],
    ]  # fmt: skip
    sheet = tmp_path / "muckrack.csv"
    sheet.write_bytes(exports.delimited(header, rows, above=[["Coverage report"], []]))
    db = tmp_path / "m.duckdb"
    done = ingest("--explain", "--db", db, "--org", ORG, sheet)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == str(sheet)
    assert "  layout     Muck Rack" in lines
    assert "header on row 3, 1 row under it" in done.stdout
    by_field = {line.split()[0]: line for line in lines if line.startswith("  ")}
    assert "Publish Date" in by_field["date"] and "-> 2025-09-03" in by_field["date"]  # Paris day
    assert "UVM" in by_field["reach"] and "1,234,567 -> 1234567" in by_field["reach"]
    assert "YYYY-MM-DDThh:mm:ss-hh:mm" in done.stdout
    assert "not read   Author, Sentiment" in done.stdout  # the author is the journalist
    assert not db.exists()


def test_the_summary_names_each_spreadsheets_layout_and_its_social_posts(tmp_path):
    sheet = tmp_path / "alerts.csv"
    sheet.write_text(
        "daily_update,snippet,source,title,url\n"
        '"August 23, 2025",Un extrait,Le Monde,Un titre,https://www.lemonde.fr/x\n'
        '"August 23, 2025",Un post,Twitter,,https://twitter.com/a/status/1\n',
        "utf-8",
    )
    done = ingest("--dry-run", "--org", ORG, sheet)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "dry run: 2 new, 0 duplicates, 0 rejected"
    note = done.stdout.splitlines()[1]
    assert note.startswith(f"read      {sheet}: read as Google Alerts digest, 2 rows")
    assert "1 social post (X (Twitter) 1)" in note and "the day of the digest" in note
    as_json = ingest("--dry-run", "--json", "--org", ORG, sheet)
    assert [json.loads(line)["kind"] for line in as_json.stdout.splitlines()] == [
        "appearance",
        "social",
    ]
    assert "read as Google Alerts digest" in as_json.stderr
    done = ingest("--json", "--db", tmp_path / "m.duckdb", "--org", ORG, sheet)
    assert "read as Google Alerts digest" in json.loads(done.stdout)["notes"][0]
