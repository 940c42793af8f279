"""Whatever a link or a search box holds is data, never SQL."""

from __future__ import annotations

import pytest

import queries
from queries.filters import Filters
from tests.queries import reference

HOSTILE = [
    "'; DROP TABLE articles; --",
    "' OR '1'='1",
    '" OR ""="',
    "1) OR (1=1",
    "$f_text",
    "%",
    "_",
    "\\",
    "SELECT * FROM outlets",
    "Ünïcødé — 中文 — العربية — 🙂",
    "\x00",
    "{{ filters }}",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_search_text_matches_only_appearances_that_contain_it(demo_con, frames, value):
    f = Filters(text=value)
    got = queries.run(demo_con, "article_count", f)["total"].iloc[0]
    assert got == reference.article_count(frames, f)
    assert got < len(frames.articles)  # a wildcard or an injected OR would match everything


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_ids_select_nothing_and_break_nothing(demo_con, value):
    f = Filters(
        outlets=(value,),
        experts=(value,),
        tags=(value,),
        languages=(value,),
        countries=(value,),
        media_types=(value,),
        kinds=(value,),
    )
    for name in ("kpis", "top_outlets", "coverage_by_period", "article_list"):
        queries.run(demo_con, name, f)
    assert queries.run(demo_con, "article_count", f)["total"].iloc[0] == 0
    assert queries.run(demo_con, "data_bounds")["appearances"].iloc[0] > 0  # tables intact


def test_ten_thousand_ids_are_bound_not_spliced_into_the_sql(demo_con, frames):
    real = list(frames.outlets["slug"][:3])
    many = tuple(f"outlet-{i}" for i in range(10_000)) + tuple(real)
    f = Filters(outlets=many)
    sql, params = queries.render("article_count", f)
    assert len(sql) < 2_000 and "outlet-9999" not in sql
    assert params["f_outlets"][-3:] == real
    got = queries.run(demo_con, "article_count", f)["total"].iloc[0]
    assert got == reference.article_count(frames, Filters(outlets=tuple(real))) > 0


def test_user_values_never_appear_in_the_sql_text():
    f = Filters(text="needle-in-sql", outlets=("needle-outlet",), experts=("needle-expert",))
    for name in queries.names():
        params = {"expert": "needle-x", "experts": ["needle-y"], "tag": "needle-z"}
        wanted = queries.parameters(name)
        sql, _ = queries.render(name, f, **{k: v for k, v in params.items() if k in wanted})
        assert "needle" not in sql, name


def test_a_branch_parameter_outside_its_choices_is_refused_before_reaching_the_database():
    with pytest.raises(ValueError, match="grain must be one of"):
        queries.render("coverage_by_period", Filters(), grain="month; DROP TABLE articles")
    with pytest.raises(ValueError, match="sort must be one of"):
        queries.render("article_list", Filters(), sort="title DESC")
    with pytest.raises(ValueError, match="takes no parameter"):
        queries.render("kpis", Filters(), grain="month")
    with pytest.raises(ValueError, match="at most 5"):
        queries.render("experts_compare", Filters(), experts=["a", "b", "c", "d", "e", "f"])
