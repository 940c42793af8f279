"""The catalogue in queries/README.md is true: every query listed exists, takes the parameters
listed, returns the columns listed, and its SQL (shown under its chart) states its grain."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import queries

README = Path(queries.__file__).with_name("README.md").read_text()
ROW = re.compile(r"^\| `(\w+)` \|([^|]*)\|[^|]*\|([^|]*)\|$", re.M)
CATALOGUE = {name: (params, columns) for name, params, columns in ROW.findall(README)}
NEEDS = {
    "expert_outlets": {"expert": "x"},
    "expert_tags": {"expert": "x"},
    "experts_compare": {"experts": ["x"]},
    "tag_experts": {"tag": "x"},
}


def listed_columns(cell: str) -> list[str]:
    without_notes = re.sub(r"\([^)]*\)", "", cell)
    return [c.strip() for c in without_notes.split(",") if c.strip()]


def test_every_query_file_is_in_the_catalogue_and_every_entry_has_a_file():
    assert sorted(CATALOGUE) == queries.names()


@pytest.mark.parametrize("name", queries.names())
def test_a_query_takes_the_parameters_the_catalogue_lists(name):
    listed = set(re.findall(r"`(\w+)`", CATALOGUE[name][0]))
    assert queries.parameters(name) == listed


@pytest.mark.parametrize("name", queries.names())
def test_a_query_returns_the_columns_the_catalogue_lists(demo_con, name):
    got = queries.run(demo_con, name, **NEEDS.get(name, {}))
    assert list(got.columns) == listed_columns(CATALOGUE[name][1])


@pytest.mark.parametrize("name", queries.names())
def test_the_sql_behind_a_chart_can_be_shown_and_states_its_grain(name):
    text = queries.sql_text(name)
    assert text.startswith("--") and "Grain:" in text


def test_an_unknown_query_name_is_refused():
    with pytest.raises(queries.UnknownQuery):
        queries.sql_text("../data/schema")
    with pytest.raises(queries.UnknownQuery):
        queries.sql_text("no_such_query")


COUNTS = {
    "appearances",
    "total",
    "outlets",
    "experts",
    "tags",
    "undated",
    "quoted",
    "interview",
    "op-ed",
    "on-air",
    "mentioned",
    "total_outlets",
    "total_experts",
    "demo_appearances",
}


@pytest.mark.parametrize("name", queries.names())
def test_counts_are_whole_numbers_never_floats(demo_con, name):
    """A chart label or a CSV cell reads 12, not 12.0."""
    got = queries.run(demo_con, name, **NEEDS.get(name, {}))
    for column in COUNTS & set(got.columns):
        if got[column].dtype.kind in "fiu":  # (article_list's experts are names)
            assert got[column].dtype.kind in "iu", (column, got[column].dtype)
