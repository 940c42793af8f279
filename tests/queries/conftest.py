"""Fixtures for the query tests: the demo store, its tables as frames, and a few typical views."""

from __future__ import annotations

import datetime as dt

import pytest

from queries.filters import Filters
from tests.queries import reference


@pytest.fixture(scope="session")
def frames(demo_db):
    """The demo store's tables, read directly (not through the query layer)."""
    import duckdb

    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        return reference.load_frames(con)
    finally:
        con.close()


@pytest.fixture(scope="session")
def views(frames) -> dict[str, Filters]:
    """Filters a manager typically sets, with values taken from the demo data."""
    a = frames.articles
    outlets = tuple(a["outlet_slug"].value_counts().index[:3])
    expert = frames.article_experts["expert_slug"].value_counts().index[0]
    tag = frames.article_tags["tag_slug"].value_counts().index[1]
    programmes = tuple(frames.article_experts["programme_slug"].value_counts().index[1:3])
    last_day = a["published"].max().date()
    year_ago = last_day - dt.timedelta(days=364)
    return {
        "everything": Filters(),
        "last 12 months + 3 outlets": Filters(
            date_from=year_ago, date_to=last_day, outlets=outlets
        ),
        "one expert": Filters(experts=(expert,)),
        "one topic in French": Filters(tags=(tag,), languages=("fr",)),
        "text search": Filters(text="Ukraine"),
        "tv and radio, all kinds": Filters(media_types=("tv", "radio"), kinds=()),
        "two programmes": Filters(programmes=programmes),
        "one country, one quarter": Filters(
            countries=("FR",), date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 3, 31)
        ),
    }
