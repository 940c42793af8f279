"""`python -m queries` lists the catalogue and prints a query as it runs, for a reader at a
terminal, without a database; run here as a person would, in a process of its own."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import queries
from queries.filters import Filters

ROOT = Path(__file__).resolve().parents[2]


def command(*args: str, db: str = "/nonexistent/no-store.duckdb") -> subprocess.CompletedProcess:
    env = {**os.environ, "PRESSWATCH_DB": db, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "queries", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def parameters_printed(out: str) -> dict[str, str]:
    """The `-- $name = value` lines after the SQL."""
    return dict(re.findall(r"^-- \$(\w+) = (.+)$", out, re.M))


def sql_printed(out: str) -> str:
    return out.split("-- parameters, bound by DuckDB:")[0]


def test_render_prints_the_sql_as_it_runs_and_its_parameters_without_a_database():
    done = command("render", "top_outlets", "--from", "2025-01-01", "--to", "2025-12-31")
    assert done.returncode == 0, done.stderr
    sql, _ = queries.render(
        "top_outlets", Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
    )
    assert sql.strip() in done.stdout
    assert "{{" not in done.stdout
    assert parameters_printed(done.stdout) == {
        "f_date_from": "DATE '2025-01-01'",
        "f_date_to": "DATE '2025-12-31'",
        "f_kinds": "['appearance']",
        "limit": "20",
    }


def test_the_printed_sql_runs_and_gives_the_query_layers_rows(demo_con):
    """What a reader copies from the terminal is the query itself: with its parameters bound,
    it gives the rows queries.run gives."""
    args = ("--from", "2024-01-01", "--to", "2024-12-31", "--media-type", "print")
    done = command("render", "top_outlets", *args, "--limit", "5")
    assert done.returncode == 0, done.stderr
    f = Filters(
        date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31), media_types=("print",)
    )
    sql = sql_printed(done.stdout).split("as it runs:\n", 1)[1].strip().rstrip(";")
    _, bound = queries.render("top_outlets", f, limit=5)
    assert set(parameters_printed(done.stdout)) == set(bound)
    got = demo_con.cursor().execute(sql, bound).df()
    want = queries.run(demo_con, "top_outlets", f, limit=5)
    assert len(want) == 5 and got.equals(want)


def test_every_filter_has_an_option_made_from_its_field():
    """A new filter field needs no edit of the command: each field becomes an option (argparse
    shows the field's name as the option's value), named as in the report command."""
    done = command("render", "--help")
    assert done.returncode == 0
    help_text = " ".join(done.stdout.split())
    for field in dataclasses.fields(Filters):
        assert f" {field.name.upper()}" in help_text, field.name
    for flag in (
        "--from DATE_FROM",
        "--to DATE_TO",
        "--outlet OUTLETS",
        "--media-type MEDIA_TYPES",
    ):
        assert flag in help_text
    for flag in ("--expert", "--tag", "--language", "--country", "--kind", "--text"):
        assert f"{flag} " in help_text
    for flag in ("--grain", "--limit", "--top-n", "--breakdown", "--param", "--no-rollups"):
        assert f"{flag} " in help_text


def test_filters_are_read_as_a_link_is_and_each_becomes_a_bound_value():
    done = command(
        "render",
        "coverage_by_period_breakdown",
        "--outlet",
        "le-monde",
        "--outlet",
        "financial-times",
        "--expert",
        "some-expert",
        "--country",
        "fr",
        "--kind",
        "all",
        "--text",
        "nucléaire",
        "--grain",
        "week",
        "--breakdown",
        "expert",
    )
    assert done.returncode == 0, done.stderr
    printed = parameters_printed(done.stdout)
    assert printed["f_outlets"] == "['le-monde', 'financial-times']"
    assert printed["f_experts"] == "['some-expert']"
    assert printed["f_countries"] == "['FR']"  # upper case, as a link's
    assert "f_kinds" not in printed  # kinds=all: no kind filter
    assert printed["f_text"] == "'nucléaire'"
    assert printed["grain"] == "'week'" and printed["breakdown"] == "'expert'"
    assert "nucléaire" not in sql_printed(done.stdout)  # bound, never in the SQL


def test_without_rollups_the_rows_are_counted_from_the_appearances():
    with_rollups = command("render", "top_experts")
    counted = command("render", "top_experts", "--no-rollups")
    assert with_rollups.returncode == counted.returncode == 0
    assert "FROM expert_months a" in with_rollups.stdout
    assert "FROM expert_months a" not in counted.stdout
    assert "LEFT JOIN article_experts ae" in counted.stdout


def test_a_timeline_prints_the_macro_it_calls_before_the_query():
    done = command("render", "coverage_by_period", "--grain", "quarter")
    assert done.returncode == 0, done.stderr
    macro = done.stdout.index("CREATE OR REPLACE MACRO period_spine")
    assert macro < done.stdout.index("as it runs:") < done.stdout.index("FROM period_spine(")


def test_any_parameter_can_be_given_by_name():
    done = command("render", "experts_compare", "--param", "experts=a,b", "--limit", "none")
    assert done.returncode == 2 and "takes no parameter limit" in done.stderr
    done = command(
        "render", "experts_compare", "--param", "experts=a,b", "--param", "date_from=2025-02-01"
    )
    assert done.returncode == 0, done.stderr
    printed = parameters_printed(done.stdout)
    assert printed["experts"] == "['a', 'b']"
    assert printed["date_from"] == "DATE '2025-02-01'"
    assert printed["date_to"] == "NULL"


@pytest.mark.parametrize(
    "args, message",
    [
        (("render", "no_such_query"), "No query 'no_such_query'"),
        (("render", "kpis", "--grain", "week"), "takes no parameter grain"),
        (("render", "coverage_by_period", "--grain", "fortnight"), "grain must be one of"),
        (("render", "expert_outlets"), "needs expert"),
        (("render", "kpis", "--from", "2025-13-01"), "not a date"),
    ],
)
def test_a_mistake_is_said_and_exits_2(args, message):
    done = command(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_list_names_every_query_with_its_parameters_and_grain():
    done = command("list")
    assert done.returncode == 0, done.stderr
    for name in queries.names():
        (line,) = [line for line in done.stdout.splitlines() if line.split()[:1] == [name]]
        for parameter in queries.parameters(name):
            assert parameter in line
    assert "one row per period x series" in done.stdout
    assert "macros" not in done.stdout.split()
