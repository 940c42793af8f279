"""The registry of dimensions (queries/dimensions.py) is the one list every layer reads: the
Filters fields, the link keys, the queries' choices and the rollup keys all come from it."""

from __future__ import annotations

from dataclasses import fields

import pytest

import queries
from data import rollups
from queries.dimensions import BREAKDOWNS, BRIDGE, DIMENSIONS, MIX_DIMENSIONS
from queries.filters import Filters


def test_filters_hold_the_dates_the_text_and_one_field_per_dimension():
    names = [f.name for f in fields(Filters)]
    assert names == ["date_from", "date_to", *(d.field for d in DIMENSIONS), "text"]


def test_every_dimension_has_its_own_link_key():
    keys = [d.url_key for d in DIMENSIONS]
    assert len(set(keys)) == len(keys)
    assert not {"from", "to", "q", "period"} & set(keys)


def test_the_queries_choices_are_the_registrys():
    assert queries.CHOICES["breakdown"] == BREAKDOWNS
    assert queries.CHOICES["dimension"] == MIX_DIMENSIONS
    assert {"outlet", "expert", "programme", "tag", "tier"} <= set(BREAKDOWNS)
    assert "tier" in MIX_DIMENSIONS


@pytest.mark.parametrize(
    "name, param, choices",
    [("coverage_by_period_breakdown", "breakdown", BREAKDOWNS)]
    + [("outlet_mix", "dimension", MIX_DIMENSIONS)],
)
def test_every_choice_renders_to_sql_without_a_marker_left(name, param, choices):
    for choice in choices:
        sql, bound = queries.render(name, Filters(), **{param: choice})
        assert "{{" not in sql, choice
    with pytest.raises(ValueError):  # a value outside the registry never reaches the SQL
        queries.render(name, Filters(), **{param: "o.name); DROP TABLE outlets; --"})


def test_the_value_list_has_a_column_per_coded_dimension():
    sql, _ = queries.render("dimension_values", Filters())
    assert "{{" not in sql
    for dimension in DIMENSIONS:
        if dimension.coded:
            assert f" AS {dimension.field}" in sql


@pytest.mark.parametrize("dimension", DIMENSIONS, ids=lambda d: d.field)
def test_a_rollup_answers_a_dimension_it_keeps_the_key_of_and_no_bridge(dimension):
    f = Filters(**{dimension.field: ("x",)})
    for rollup, keys in rollups.KEYS.items():
        answered = f.rollup_predicate(keys) is not None
        if dimension.on == BRIDGE:
            assert not answered, rollup
        else:
            assert answered == (dimension.rollup_key in keys), rollup
