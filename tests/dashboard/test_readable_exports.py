"""A chart's numbers are the chart, in a reader's words: no ids or slugs, shares as percentages,
codes by name, the previous period the timeline draws; the article export holds summary, country
and how each expert appears; file names say the filters; the report's sentences read right
under filters; manager pages carry no words meant for engineers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

import queries
from dashboard import downloads, labels
from dashboard.report.content import gather
from data import vocabulary
from queries.filters import Filters
from tests.queries import reference

YEAR = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))


def csv_rows(frame) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(downloads.csv_bytes(frame).decode("utf-8-sig"))))


def test_a_rankings_numbers_carry_names_and_percentages_not_ids(demo_con, demo_frames):
    rows = csv_rows(labels.readable(queries.run(demo_con, "top_outlets", YEAR, limit=5)))
    assert list(rows[0]) == [
        "Outlet", "Media type", "Country", "Language", "Outlet tier", "Appearances", "Share",
        "Experts", "First appearance", "Last appearance", "Potential reach",
    ]  # fmt: skip
    expected = reference.top_outlets(demo_frames, YEAR, 5)
    outlets = demo_frames.outlets.set_index("slug")
    for row, want in zip(rows, expected.itertuples(), strict=True):
        outlet = outlets.loc[want.slug]
        assert row["Outlet"] == outlet["name"]
        assert row["Media type"] == vocabulary.MEDIA_TYPES[outlet["media_type"]]  # print -> Print
        assert row["Country"] == vocabulary.country_name(outlet["country"])  # FR -> France
        assert row["Appearances"] == str(want.appearances)
        assert row["Share"] == f"{want.share * 100:.1f}%"
        assert row["Outlet tier"] == f"Tier {want.tier}"  # 1 -> Tier 1
        assert row["Potential reach"] == str(int(want.potential_reach))


def test_the_timelines_numbers_hold_the_previous_period_it_draws(demo_con, demo_frames):
    previous = YEAR.previous_period()
    now = queries.run(demo_con, "coverage_by_period", YEAR, grain="month")
    before = queries.run(demo_con, "coverage_by_period", previous, grain="month")
    rows = csv_rows(labels.readable(labels.with_previous(now, before), "month"))
    assert list(rows[0]) == [
        "Month", "Appearances", "Previous period: month", "Previous period: appearances",
    ]  # fmt: skip
    dated = reference.matched(demo_frames, Filters())
    months = dated["published"].dt.to_period("M").value_counts()
    assert len(rows) == 12
    for month, row in enumerate(rows, start=1):
        assert row["Month"] == dt.date(2025, month, 1).strftime("%b 2025")
        assert row["Previous period: month"] == dt.date(2024, month, 1).strftime("%b 2024")
        assert int(row["Appearances"]) == months.get(f"2025-{month:02d}", 0)
        assert int(row["Previous period: appearances"]) == months.get(f"2024-{month:02d}", 0)


def test_the_article_export_holds_summary_country_and_how_each_expert_appears(
    demo_con, demo_frames
):
    rows = queries.run(demo_con, "article_list", YEAR, limit=None)
    table = labels.article_export(rows)
    assert list(table.columns) == [
        "Date", "Outlet", "Country", "Media type", "Title", "Summary", "Link",
        "Experts (how each appears)", "Topics", "Language",
    ]  # fmt: skip
    assert len(table) == len(reference.matched(demo_frames, YEAR))
    articles = demo_frames.articles.set_index("article_id")
    links = demo_frames.article_experts.sort_values("expert").groupby("article_id")
    for i in (0, len(rows) // 2, len(rows) - 1):
        article_id = rows["article_id"].iloc[i]
        assert table["Summary"].iloc[i] == articles.loc[article_id, "summary"]
        country = articles.loc[article_id, "country"]
        assert table["Country"].iloc[i] == vocabulary.country_name(country)
        people = links.get_group(article_id)
        assert table["Experts (how each appears)"].iloc[i] == ", ".join(
            f"{name} ({vocabulary.ROLES[role]})"
            for name, role in zip(people["expert"], people["role"], strict=True)
        )


def test_file_names_say_the_filters_within_a_bounded_length():
    view = Filters(
        date_from=dt.date(2025, 12, 2), date_to=dt.date(2026, 12, 1),
        outlets=("le-monde",), tags=("migration",),
    )  # fmt: skip
    assert downloads.file_name("coverage report", view, "pdf") == (
        "coverage-report_2025-12-02_2026-12-01_le-monde_migration.pdf"
    )
    unfiltered = Filters(date_from=view.date_from, date_to=view.date_to)
    assert downloads.file_name("coverage report", unfiltered, "pdf") == (
        "coverage-report_2025-12-02_2026-12-01.pdf"
    )
    coded = Filters(media_types=("radio",), countries=("FR",), languages=("fr",), text="Sahel !")
    assert downloads.file_name("top outlets", coded, "csv") == (
        "top-outlets_all-time_media-type-radio_country-fr_language-fr_search-sahel.csv"
    )
    many = [Filters(outlets=tuple(f"outlet-number-{i:03d}" for i in range(n))) for n in (40, 41)]
    names = [downloads.file_name("coverage by month", f, "png") for f in many]
    assert names[0] != names[1]  # cut short, still told apart
    for name in names:
        assert len(name) <= 200 and re.fullmatch(r"[a-z0-9_.-]+", name)


def test_the_reports_sentences_read_right_under_filters(demo_con, demo_frames):
    outlet = "le-monde"
    with_outlet = Filters(date_from=YEAR.date_from, date_to=YEAR.date_to, outlets=(outlet,))
    in_outlet = reference.matched(demo_frames, with_outlet)
    tag = (
        demo_frames.article_tags[demo_frames.article_tags["article_id"].isin(in_outlet["article_id"])]
        ["tag_slug"].value_counts().index[0]
    )  # fmt: skip
    view = Filters(date_from=YEAR.date_from, date_to=YEAR.date_to, outlets=(outlet,), tags=(tag,))
    count = len(reference.matched(demo_frames, view))
    tag_name = demo_frames.tags.set_index("slug").loc[tag, "name"]
    headline = gather(demo_con, view, "Org", images=False).headline
    assert headline[0].startswith(f"{count:,} appearances in 1 outlet, featuring ")
    assert headline[1] == f"Le Monde carried all {count:,} appearances."  # not "(100% of all)"
    assert headline[-1] == f"Every appearance was on {tag_name}."  # not "(67% of all)"
    assert not any("100%" in line for line in headline)


def test_the_leading_topics_share_is_of_all_appearances(demo_con, demo_frames):
    headline = gather(demo_con, YEAR, "Org", images=False).headline
    top = reference.top_tags(demo_frames, YEAR, 1).iloc[0]
    share = top["appearances"] / len(reference.matched(demo_frames, YEAR))
    name = demo_frames.tags.set_index("slug").loc[top["slug"], "name"]
    assert headline[-1] == (
        f"The leading topic was {name}: {top['appearances']:,} appearances ({share:.0%} of all)."
    )


ENGINEERS_WORDS = re.compile(
    r"python -m|rollup|the store\b|seed=|import-page|\{\{|\bNone\b|Kind: appearance|\b\d{5,}\b"
)


@pytest.mark.parametrize(
    "page",
    [
        "views/overview.py", "views/coverage.py", "views/outlets.py", "views/experts.py",
        "views/topics.py", "views/articles.py", "views/about.py",
    ],
)  # fmt: skip
def test_manager_pages_say_nothing_meant_for_engineers(open_app, page):
    at = open_app(page, **{"from": "2025-01-01", "to": "2025-12-31"})
    shown = [
        e.value
        for kind in ("markdown", "caption", "info", "warning", "title", "subheader", "header")
        for e in getattr(at, kind)
        if not (kind == "caption" and str(e.value).startswith("queries/"))  # the SQL's own note
    ]
    tables = [at.dataframe[i].value for i in range(len(at.dataframe))]
    for frame in tables:  # cells that are text: counts are numbers, shown with separators
        shown += [str(v) for c in frame.columns if frame[c].dtype == object for v in frame[c]]
    found = [m.group(0) for text in shown for m in ENGINEERS_WORDS.finditer(str(text))]
    assert not found, found
