"""Any combination of filters selects the same appearances in SQL as in pandas."""

from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import queries
from queries.filters import Filters
from tests.queries import reference
from tests.queries.compare import assert_same_rows, normalise

FIRST, LAST = dt.date(2020, 6, 1), dt.date(2027, 1, 31)
WORDS = ["ukraine", "Russie", "énergie", "energie", "CHINE", "l'", "é", "z", "nato", "-"]


@st.composite
def random_filters(draw, frames) -> Filters:
    """Dates plus two or three other filters (more would select almost nothing in the demo)."""

    def some(values, at_most=3):
        values = sorted(values)
        return tuple(
            draw(st.lists(st.sampled_from(values), min_size=1, max_size=at_most, unique=True))
        )

    a = frames.articles
    choices = {
        "outlets": lambda: some(a["outlet_slug"].value_counts().index[:12]),
        "experts": lambda: some(frames.experts["slug"], 2),
        "programmes": lambda: some(frames.experts["programme_slug"].dropna().unique(), 2),
        "tags": lambda: some(frames.tags["slug"], 2),
        "languages": lambda: some(["fr", "en", "de"], 1),
        "countries": lambda: some(["FR", "GB", "US", "BE"], 2),
        "media_types": lambda: some(["print", "online", "tv", "radio", "podcast", "agency"], 2),
        "kinds": lambda: draw(st.sampled_from([(), ("event", "video")])),
        "text": lambda: draw(st.sampled_from(WORDS)),
    }
    chosen = draw(st.sets(st.sampled_from(sorted(choices)), max_size=3))
    dates = sorted(draw(st.lists(st.dates(FIRST, LAST), min_size=2, max_size=2)))
    if draw(st.booleans()):  # whole calendar months, which the monthly rollups answer
        dates = [dates[0].replace(day=1), last_day_of_month(dates[1])]
    return Filters(
        date_from=draw(st.sampled_from([None, dates[0]])),
        date_to=draw(st.sampled_from([None, dates[1]])),
        **{name: choices[name]() for name in sorted(chosen)},
    )


def last_day_of_month(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


fuzz = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture
def check(demo_db, frames):
    """Run one query on a fresh read-only connection (hypothesis reuses the test's fixtures)."""
    from data.store import open_read_only

    con = open_read_only(demo_db)
    yield lambda name, f, **params: queries.run(con, name, f, **params)
    con.close()


def test_random_filters_select_the_same_appearances(check, frames):
    @fuzz
    @given(random_filters(frames))
    def property_(f):
        got = check("article_list", f, sort="date", limit=None)
        want = reference.article_list(frames, f, "date", True, None)
        assert list(got["article_id"]) == list(want["article_id"])
        got, want = check("kpis", f).iloc[0], reference.kpis(frames, f)
        for key in ("undated", "tier_one", "tiered", "reach_outlets"):
            assert got[key] == want[key], key
        assert normalise(pd.Series([got["potential_reach"]])) == normalise(
            pd.Series([want["potential_reach"]])
        )

    property_()


def test_random_filters_give_the_same_timeline_and_rankings(check, frames):
    @fuzz
    @given(random_filters(frames), st.sampled_from(queries.GRAINS))
    def property_(f, grain):
        got = check("coverage_by_period", f, grain=grain)
        assert_same_rows(
            got, reference.coverage_by_period(frames, f, grain), ["period", "appearances"]
        )
        got = check("top_outlets", f, limit=5)
        assert_same_rows(
            got,
            reference.top_outlets(frames, f, 5),
            ["slug", "appearances", "share", "experts", "tier", "potential_reach"],
        )
        got = check("top_experts", f, limit=5)
        assert_same_rows(
            got, reference.top_experts(frames, f, 5), ["slug", "appearances", "share", "outlets"]
        )

    property_()


def test_random_filters_give_the_same_breakdown(check, frames):
    @fuzz
    @given(random_filters(frames), st.sampled_from(queries.BREAKDOWNS), st.integers(1, 6))
    def property_(f, breakdown, top_n):
        got = check(
            "coverage_by_period_breakdown", f, grain="year", breakdown=breakdown, top_n=top_n
        )
        want = reference.coverage_by_period_breakdown(frames, f, "year", breakdown, top_n)
        key = ["period", "series_id"]
        assert_same_rows(
            got.sort_values(key).reset_index(drop=True),
            want.sort_values(key).reset_index(drop=True),
            ["period", "series_id", "appearances", "share"],
        )

    property_()


def test_random_filters_give_the_same_topics_and_matrices(check, frames):
    @fuzz
    @given(random_filters(frames))
    def property_(f):
        got = check("top_tags", f, limit=6)
        assert_same_rows(
            got, reference.top_tags(frames, f, 6), ["slug", "appearances", "share", "experts"]
        )
        got = check("tag_by_month", f, limit=3)
        assert_same_rows(
            got, reference.tag_by_month(frames, f, 3), ["period", "slug", "appearances"]
        )
        got = check("expert_outlet_matrix", f, limit=4)
        assert_same_rows(
            got,
            reference.expert_outlet_matrix(frames, f, 4),
            ["expert_slug", "outlet_slug", "appearances"],
        )

    property_()
