"""One expert's media profile (PowerPoint and PDF): its numbers against counts made here in
pandas from the demo store's tables, its sections, key dates on its timeline, and the command
line."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from dashboard.report import build_report, report_file_name
from dashboard.report.profile import UnknownExpert, gather_profile
from data.key_dates import add_key_date
from data.store import open_read_only
from queries.filters import Filters
from tests.dashboard.test_report import native_charts, open_pptx, pdf_pages, slide_text, slide_title

YEAR = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
REPO = Path(__file__).resolve().parents[2]
ORG = "Montrevel Institute for International Relations"


# ---------- the expected numbers, counted here from the tables


def appearances_of(frames, slug: str, filters: Filters) -> pd.DataFrame:
    """The expert's media appearances in the filters' period (kind 'appearance', dated)."""
    a = frames.articles
    day = a["published"].dt.date
    in_period = (a["kind"] == "appearance") & (day >= filters.date_from) & (day <= filters.date_to)
    links = frames.article_experts[frames.article_experts["expert_slug"] == slug]
    return a[in_period].merge(links[["article_id", "role"]], on="article_id")


def busiest(frames, filters: Filters, rank: int = 0) -> str:
    """The slug of the expert with the rank-th most appearances in the period (0: the most)."""
    a = frames.articles
    day = a["published"].dt.date
    ids = a[(a["kind"] == "appearance") & (day >= filters.date_from) & (day <= filters.date_to)]
    links = frames.article_experts[frames.article_experts["article_id"].isin(ids["article_id"])]
    counts = links.groupby("expert_slug").size().reset_index(name="n")
    counts = counts.sort_values(["n", "expert_slug"], ascending=[False, True])
    return counts["expert_slug"].iloc[rank]


@pytest.fixture(scope="module")
def con(demo_db):
    connection = open_read_only(demo_db)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def second(demo_frames) -> str:
    return busiest(demo_frames, YEAR, 1)


@pytest.fixture(scope="module")
def profile(con, second):
    return gather_profile(con, YEAR, second, ORG, images=False)


def test_the_headline_numbers_are_the_experts_own_counted_independently(
    profile, demo_frames, second
):
    mine = appearances_of(demo_frames, second, YEAR)
    tags = demo_frames.article_tags[demo_frames.article_tags["article_id"].isin(mine["article_id"])]
    got = {k.label: k.value for k in profile.kpis}
    assert got == {
        "Appearances": len(mine),
        "Outlets": mine["outlet_id"].nunique(),
        "Topics": tags["tag_id"].nunique(),
    }
    previous = Filters(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31))
    assert [k.previous for k in profile.kpis][0] == len(
        appearances_of(demo_frames, second, previous)
    )


def test_outlets_topics_and_roles_are_counted_independently(profile, demo_frames, second):
    mine = appearances_of(demo_frames, second, YEAR)
    charts = {c.title.split(" ", 1)[0]: c for c in profile.charts}
    outlets = mine.groupby("outlet_slug").agg(name=("outlet", "first"), n=("article_id", "size"))
    outlets = outlets.reset_index().sort_values(["n", "outlet_slug"], ascending=[False, True])
    table = charts["Where"].table
    assert list(table["Outlet"]) == list(outlets["name"].head(10))
    assert list(table["Appearances"]) == list(outlets["n"].head(10))
    share = f"{outlets['n'].iloc[0] / len(mine):.0%}"  # of all the expert's appearances
    assert table["Share of the appearances"].iloc[0] == share

    tags = demo_frames.article_tags.merge(mine[["article_id"]], on="article_id")
    topics = tags.groupby("tag_slug").agg(name=("tag", "first"), n=("article_id", "size"))
    topics = topics.reset_index().sort_values(["n", "tag_slug"], ascending=[False, True])
    table = charts["Topics"].table
    assert list(table["Topic"]) == list(topics["name"].head(10))
    assert list(table["Appearances"]) == list(topics["n"].head(10))

    roles = dict(zip(charts["How"].table["Role"], charts["How"].table["Appearances"], strict=True))
    counted = mine["role"].value_counts()
    assert roles == {
        "Quoted": counted.get("quoted", 0),
        "Interview": counted.get("interview", 0),
        "Op-ed": counted.get("op-ed", 0),
        "On air": counted.get("on-air", 0),
        "Mentioned": counted.get("mentioned", 0),
    }
    assert sum(roles.values()) == len(mine)


def test_the_timeline_counts_each_month_of_the_experts_appearances(profile, demo_frames, second):
    mine = appearances_of(demo_frames, second, YEAR)
    per_month = mine["published"].dt.month.value_counts()
    (timeline,) = [c for c in profile.charts if c.title.endswith("over time")]
    assert list(timeline.table["Appearances"]) == [per_month.get(m, 0) for m in range(1, 13)]


def test_share_of_voice_and_rank_are_among_every_expert_of_the_view(profile, demo_frames, second):
    a = demo_frames.articles
    day = a["published"].dt.date
    ids = a[(a["kind"] == "appearance") & (day >= YEAR.date_from) & (day <= YEAR.date_to)]
    links = demo_frames.article_experts[
        demo_frames.article_experts["article_id"].isin(ids["article_id"])
    ]
    share = (links["expert_slug"] == second).sum() / len(links)
    experts = links["expert_slug"].nunique()
    assert (
        f"Share of voice: {share:.0%} of the experts' appearances, 2nd of {experts:,} experts."
        in (profile.headline)
    )


def test_notable_pieces_are_the_experts_newest_in_each_of_their_top_outlets(
    profile, demo_frames, second
):
    mine = appearances_of(demo_frames, second, YEAR)
    name = demo_frames.experts.set_index("slug").loc[second, "name"]
    assert len(profile.notable) > 0
    assert all(name in experts for experts in profile.notable["experts"])
    assert all(YEAR.date_from <= d <= YEAR.date_to for d in profile.notable["published"])
    assert list(profile.notable["published"]) == sorted(profile.notable["published"], reverse=True)
    latest = mine.groupby("outlet")["published"].max().dt.date  # each outlet's newest
    top = mine.groupby("outlet_slug").size().reset_index(name="n")
    top = top.sort_values(["n", "outlet_slug"], ascending=[False, True]).head(8)
    names = set(mine[mine["outlet_slug"].isin(top["outlet_slug"])]["outlet"])
    assert set(profile.notable["outlet"]) == names
    assert all(
        latest[o] == d
        for o, d in zip(profile.notable["outlet"], profile.notable["published"], strict=True)
    )


def test_the_profile_names_the_expert_their_position_and_the_views_other_filters(
    con, demo_frames, second
):
    outlet = "le-monde"
    report = gather_profile(con, replace(YEAR, outlets=(outlet,)), second, ORG, images=False)
    person = demo_frames.experts.set_index("slug").loc[second]
    assert report.kind == f"Media profile: {person['name']}"
    assert person["programme"] in report.filters_text and "Le Monde" in report.filters_text
    mine = appearances_of(demo_frames, second, YEAR)
    assert report.kpis[0].value == (mine["outlet_slug"] == outlet).sum()


def test_slides_and_pdf_say_the_profile_with_its_numbers(con, demo_frames, second):
    name = demo_frames.experts.set_index("slug").loc[second, "name"]
    deck = open_pptx(build_report(con, YEAR, "pptx", ORG, images=False, expert=second))
    titles = [slide_title(s) for s in deck.slides]
    assert titles[1:] == [
        "Headline numbers",
        f"{name} over time",
        f"Where {name} appears",
        f"Topics {name} speaks on",
        f"How {name} appears",
        "Notable appearances",
        "Method: what these numbers are",
    ]
    assert f"Media profile: {name}" in slide_text(deck.slides[0])
    mine = appearances_of(demo_frames, second, YEAR)
    ((_, series),) = native_charts(deck.slides[3])  # the outlets, a native chart
    top = mine.groupby("outlet_slug").size().sort_values(ascending=False)
    assert max(next(iter(series.values()))) == top.iloc[0]
    pages = pdf_pages(build_report(con, YEAR, "pdf", ORG, images=False, expert=second))
    assert len(pages) == len(deck.slides)
    assert f"Media profile: {name}" in pages[0] and f"{len(mine):,}" in pages[1]


def test_the_profile_marks_the_key_dates_of_its_period(demo_db, tmp_path, second):
    store = tmp_path / "with-key-dates.duckdb"
    store.write_bytes(demo_db.read_bytes())
    add_key_date(store, dt.date(2025, 6, 12), "Summit", None, editor=True)
    add_key_date(store, dt.date(2026, 6, 12), "Out of the period", None, editor=True)
    con = open_read_only(store)
    try:
        marked = gather_profile(con, YEAR, second, ORG, images=False)
        plain = gather_profile(con, YEAR, second, ORG, images=False, key_dates=False)
    finally:
        con.close()
    timeline = marked.charts[0]
    assert "Key dates: 12 Jun 2025: Summit" in timeline.subtitle
    assert "Out of the period" not in timeline.subtitle
    assert [a.text for a in timeline.figure.layout.annotations] == ["12 Jun 2025: Summit"]
    assert "Key dates" not in plain.charts[0].subtitle


def test_an_unknown_expert_is_refused(con):
    with pytest.raises(UnknownExpert, match="no-one"):
        gather_profile(con, YEAR, "no-one", ORG, images=False)


def test_the_file_name_says_profile_period_and_expert(second):
    assert report_file_name(YEAR, "pdf", second) == (
        f"media-profile_2025-01-01_2025-12-31_{second}.pdf"
    )


def run_cli(demo_db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard.report", "--db", str(demo_db), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )


def test_the_command_line_writes_the_profile(demo_db, tmp_path, second):
    out = tmp_path / "profile.pptx"
    done = run_cli(
        demo_db, "--from", "2025-01-01", "--to", "2025-12-31", "--expert", second, "--profile",
        "--format", "pptx", "--no-images", "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert slide_title(open_pptx(out.read_bytes()).slides[2]).endswith("over time")


def test_the_command_line_asks_for_one_expert_for_a_profile(demo_db, tmp_path):
    out = tmp_path / "profile.pdf"
    done = run_cli(demo_db, "--profile", "--format", "pdf", "-o", str(out))
    assert done.returncode == 2 and "--profile needs exactly one --expert SLUG" in done.stderr
    assert not out.exists()
