"""A bad organisation folder (missing, unreadable, settings malformed, a bad row in a list) is one
clear error naming the file, the problem and the row: exit status 2 on the command line, never a
traceback, nothing planned or written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from data.ingest.cli import main
from data.organisation import REFERENCE_DIR, OrganisationError, load_organisation

ROOT = Path(__file__).resolve().parents[2]
PAGE = "2 Oct 2026\nLe Monde\nGrids under strain\nÉlodie Marchand-Vasseur\n"


@pytest.fixture
def org(tmp_path: Path) -> Path:
    """A copy of the demo organisation, to spoil."""
    return Path(shutil.copytree(REFERENCE_DIR, tmp_path / "org"))


def spoil_csv(file: Path, row: int, line: str) -> None:
    """Replace row `row` of a CSV (row 1 is the header) with `line`."""
    lines = file.read_text(encoding="utf-8").splitlines()
    lines[row - 1] = line
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


# (what is done to the folder, the file named, what the message says)
CASES = {
    "folder missing": (lambda org: shutil.rmtree(org), "", "does not exist"),
    "folder is a file": (
        lambda org: (shutil.rmtree(org), org.write_text("x")),
        "",
        "is not a folder",
    ),
    "settings missing": (
        lambda org: (org / "organisation.toml").unlink(),
        "organisation.toml",
        "is missing",
    ),
    "settings a folder": (
        lambda org: ((org / "organisation.toml").unlink(), (org / "organisation.toml").mkdir()),
        "organisation.toml",
        "is a folder, not a file",
    ),
    "settings not toml": (
        lambda org: (org / "organisation.toml").write_text('name = "Unclosed\n'),
        "organisation.toml",
        "is not valid TOML: ",
    ),
    "settings without a name": (
        lambda org: (org / "organisation.toml").write_text('tags = ["Energy"]\n'),
        "organisation.toml",
        "no name",
    ),
    "aliases not a list": (
        lambda org: (org / "organisation.toml").write_text('name = "X"\n[aliases]\nen = "X"\n'),
        "organisation.toml",
        "aliases.en must be a list of names",
    ),
    "list not utf-8": (
        lambda org: (org / "experts.csv").write_bytes(
            b"name,aliases,role,programme\n\xe9lodie,,,\n"
        ),
        "experts.csv",
        "is not UTF-8 text",
    ),
    "list without its header": (
        lambda org: spoil_csv(org / "experts.csv", 1, "nom,alias,role,programme"),
        "experts.csv",
        "the first row must be the header name,aliases,role,programme",
    ),
    "row with a cell too many": (
        lambda org: spoil_csv(org / "experts.csv", 3, "Jane Roe,,Fellow,Energy,extra"),
        "experts.csv",
        "row 3: more cells than the header has columns",
    ),
    "row without a name": (
        lambda org: spoil_csv(org / "experts.csv", 4, ",J. Roe,Fellow,Energy"),
        "experts.csv",
        "row 4: the name is empty",
    ),
    "tier out of range": (
        lambda org: spoil_csv(org / "outlets.csv", 5, "Gazette,,print,FR,fr,4"),
        "outlets.csv",
        "row 5: the tier is 1, 2 or 3, not '4'",
    ),
    "an outlet's domain written as a link": (
        lambda org: spoil_csv(org / "outlets.csv", 6, "Gazette,,print,FR,fr,2,https://gazette.fr/"),
        "outlets.csv",
        "row 6: 'https://gazette.fr/' is not a domain",
    ),
    "one domain for two outlets": (
        lambda org: spoil_csv(org / "outlets.csv", 7, "Gazette,,print,FR,fr,2,lemonde.fr"),
        "outlets.csv",
        "the domain lemonde.fr is given to both Le Monde and Gazette",
    ),
    "the organisation's site written as a link": (
        lambda org: (org / "organisation.toml").write_text(
            'name = "X"\ndomains = ["www.x.org/fr"]\n'
        ),
        "organisation.toml",
        "'www.x.org/fr' is not a domain",
    ),
    "a time zone that does not exist": (
        lambda org: (org / "organisation.toml").write_text(
            'name = "X"\ntime_zone = "Europe/Montrevel"\n'
        ),
        "organisation.toml",
        "time_zone 'Europe/Montrevel' is not a time zone",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_organisation_folder_names_the_file_the_row_and_the_problem(org, case):
    spoil, file, problem = CASES[case]
    spoil(org)
    with pytest.raises(OrganisationError) as refused:
        load_organisation(org)
    message = str(refused.value)
    assert str(org / file).rstrip("/") in message
    assert problem in message


@pytest.mark.parametrize("case", CASES)
def test_the_command_line_refuses_a_bad_organisation_folder_in_one_line(
    org, case, tmp_path, capsys
):
    spoil, file, problem = CASES[case]
    spoil(org)
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    db = tmp_path / "media.duckdb"
    assert main(["--db", str(db), "--org", str(org), str(page)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {str(org / file).rstrip('/')}") or (
        not file and err.startswith(f"error: The organisation folder {org}")
    )
    assert problem in err and len(err.strip().splitlines()) == 1
    assert not db.exists()  # nothing written


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions")
def test_an_unreadable_list_is_named(org):
    (org / "outlets.csv").chmod(0)
    with pytest.raises(OrganisationError, match="outlets.csv cannot be read: permission denied"):
        load_organisation(org)


def test_a_separate_process_prints_no_traceback_for_a_malformed_list(org, tmp_path):
    spoil_csv(org / "experts.csv", 3, "Jane Roe,,Fellow,Energy,extra")
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "data.ingest", "--org", str(org), "--dry-run", str(page)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr == (
        f"error: {org / 'experts.csv'} row 3: more cells than the header has columns "
        "(a comma in a name? put the name in double quotes).\n"
    )


def test_the_shipped_organisations_still_load():
    for folder in (REFERENCE_DIR, ROOT / "examples" / "ifri"):
        org = load_organisation(folder)
        assert org.name and org.experts and org.outlets


def test_the_example_and_the_demo_count_time_stamps_on_the_paris_day(org):
    assert load_organisation(ROOT / "examples" / "ifri").time_zone == "Europe/Paris"
    assert load_organisation(REFERENCE_DIR).time_zone == "Europe/Paris"
    (org / "organisation.toml").write_text('name = "X"\n')
    assert load_organisation(org).time_zone is None  # UTC
