"""The numbers each page draws are the numbers of the demo data, computed again in pandas."""

from __future__ import annotations

import base64
import datetime as dt
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from dashboard import charts
from queries.filters import Filters
from tests.dashboard.conftest import figures
from tests.dashboard.test_filters_in_url import appearances
from tests.dashboard.test_report import change_text
from tests.queries import reference

YEAR = {"from": "2025-01-01", "to": "2025-12-31"}


def values(array) -> list:
    """Plotly 7 sends numeric arrays as base64 typed arrays."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def test_kpi_changes_compare_a_calendar_year_with_the_year_before(open_app, demo_frames):
    at = open_app(**YEAR)
    now = len(appearances(demo_frames, "2025-01-01", "2025-12-31"))
    before = len(appearances(demo_frames, "2024-01-01", "2024-12-31"))  # all of leap 2024
    (card,) = [m for m in at.metric if m.label == "Appearances"]
    assert card.value == f"{now:,}"
    assert card.delta.startswith(f"{now - before:+,} ")
    assert card.delta == change_text(now, before)  # the report's words (test_report.py)
    assert any("1 Jan 2024 – 31 Dec 2024" in c.value for c in at.caption)


def test_top_outlets_chart_shows_each_outlets_count(open_app, demo_frames):
    at = open_app(**YEAR)
    (ranking,) = [f for f in figures(at) if "outlets" in f["layout"]["title"]["text"]]
    bars = ranking["data"][0]
    drawn = dict(zip(bars["y"], values(bars["x"]), strict=True))
    expected = appearances(demo_frames, "2025-01-01", "2025-12-31")["outlet"].value_counts()
    assert len(drawn) == 10
    for outlet, count in drawn.items():
        assert expected[outlet] == count
    assert min(drawn.values()) >= expected.iloc[10]  # the ten largest


def test_breakdown_by_language_adds_up_to_each_months_appearances(open_app, demo_frames):
    at = open_app("views/coverage.py", **YEAR)
    at.radio(key="coverage_grain_month").set_value("month").run()
    at.selectbox(key="coverage_breakdown_").set_value("language").run()
    assert not at.error
    (fig,) = figures(at)
    names = {trace["name"] for trace in fig["data"]}
    assert {"French", "English"} <= names
    drawn = Counter()
    for trace in fig["data"]:
        for month, count in zip(trace["x"], values(trace["y"]), strict=True):
            drawn[str(month)[:7]] += int(count)
    rows = appearances(demo_frames, "2025-01-01", "2025-12-31")
    expected = pd.to_datetime(rows["published"]).dt.strftime("%Y-%m").value_counts()
    assert dict(drawn) == expected.to_dict()


def test_shares_of_a_breakdown_are_ratios_of_sums(open_app):
    at = open_app("views/coverage.py", **YEAR)
    at.radio(key="coverage_grain_month").set_value("quarter").run()
    at.selectbox(key="coverage_breakdown_").set_value("media_type").run()
    at.radio(key="coverage_measure_appearances").set_value("share").run()
    (fig,) = figures(at)
    per_period = pd.DataFrame(
        [(x, y) for t in fig["data"] for x, y in zip(t["x"], values(t["y"]), strict=True)],
        columns=["period", "share"],
    )
    assert per_period.groupby("period")["share"].sum().round(9).eq(1).all()
    assert fig["layout"]["yaxis"]["tickformat"] == ".0%"


def test_experts_are_compared_five_at_most(open_app):
    at = open_app("views/experts.py", **YEAR)
    compare = at.multiselect(key="experts_compare")
    assert compare.max_selections == 5
    assert len(compare.value) == 3
    chart = [f for f in figures(at) if f["layout"]["title"]["text"].startswith("Appearances per")]
    assert len(chart[-1]["data"]) == 3


def test_the_article_list_counts_and_pages_like_pandas(open_app, demo_frames):
    at = open_app("views/articles.py", **YEAR)
    rows = appearances(demo_frames, "2025-01-01", "2025-12-31")
    first_page = at.dataframe[0].value
    assert len(first_page) == 50
    newest = pd.to_datetime(rows["published"]).sort_values(ascending=False)
    assert first_page["Date"].iloc[0] == newest.iloc[0].date()
    labels = [b.proto.label for b in at.get("download_button")]
    assert f"CSV ({len(rows):,} rows)" in labels and f"Excel ({len(rows):,} rows)" in labels
    (page,) = [n for n in at.number_input if n.label.startswith("Page (of ")]
    page.set_value(2).run()
    second_page = at.dataframe[0].value
    assert second_page["Date"].iloc[0] <= first_page["Date"].iloc[-1]


def test_searching_on_the_articles_page_is_the_sidebar_text_filter(open_app, demo_frames):
    at = open_app("views/articles.py", **YEAR)
    searches = [t.key for t in at.text_input if "earch" in t.label]
    assert searches == ["filter_text"]  # one filter, one box to type it
    at.text_input(key="filter_text").input("Sahel").run()
    assert at.query_params["q"] == "Sahel"
    searched = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31), text="Sahel")
    expected = reference.article_list(demo_frames, searched, "date", True, 50)
    titles = at.dataframe[0].value["Title"]
    assert list(titles) == list(expected["title"])  # the newest 50 whose title or summary says it
    assert titles.str.contains("Sahel").sum() > len(titles) / 2
    total = len(reference.matched(demo_frames, searched))
    (caption,) = [c.value for c in at.caption if c.value.startswith("Appearances 1–")]
    assert f"of {total:,} · 1 Jan 2025 – 31 Dec 2025" in caption and "“Sahel”" in caption


def test_an_unexpected_error_shows_a_short_message_not_a_traceback(open_app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in a figure builder")

    monkeypatch.setattr(charts, "ranking", broken)
    with pytest.raises(AssertionError, match="Something went wrong while drawing this page"):
        open_app(**YEAR)  # open_app refuses pages that show an error: this one must show one


def test_data_through_is_the_last_date_in_the_store_whatever_the_period(open_app, demo_frames):
    at = open_app(**YEAR)
    last = pd.to_datetime(appearances(demo_frames)["published"]).max()
    assert any(c.value.startswith(f"Data through {last.day} {last:%b %Y}") for c in at.caption)


def test_each_experts_roles_add_up_like_pandas(open_app, demo_frames):
    at = open_app("views/experts.py", **YEAR)
    (fig,) = [f for f in figures(at) if f["layout"]["title"]["text"] == "How each expert appears"]
    in_year = appearances(demo_frames, "2025-01-01", "2025-12-31")["article_id"]
    links = demo_frames.article_experts[demo_frames.article_experts["article_id"].isin(in_year)]
    expected = links.groupby(["expert", "role"]).size()
    for trace in fig["data"]:
        role = {
            "Quoted": "quoted",
            "Interview": "interview",
            "Op-ed": "op-ed",
            "On air": "on-air",
            "Mentioned": "mentioned",
        }[trace["name"]]
        for expert, count in zip(trace["y"], values(trace["x"]), strict=True):
            assert expected.get((expert, role), 0) == count, (expert, role)
