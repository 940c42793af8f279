"""The demo dataset: reproducible, shaped like real coverage, and clearly labelled as demo."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import duckdb
import pandas as pd
import pytest

from data.demo import DEFAULT_SEED, build_demo, demo_appearances, main
from data.organisation import load_organisation
from data.store import open_read_only, write_batch
from tests.conftest import DEMO_TODAY

REPO = Path(__file__).resolve().parents[2]
ROLES = {"quoted", "interview", "op-ed", "on-air", "mentioned"}
# Every table but the timestamps of when the demo was written.
CONTENT = {
    "outlets": "SELECT * FROM outlets ORDER BY outlet_id",
    "outlet_aliases": "SELECT * FROM outlet_aliases ORDER BY alias_key",
    "experts": "SELECT * FROM experts ORDER BY expert_id",
    "expert_aliases": "SELECT * FROM expert_aliases ORDER BY alias_key",
    "articles": "SELECT * FROM articles ORDER BY article_id",
    "article_experts": "SELECT * FROM article_experts ORDER BY article_id, expert_id",
    "tags": "SELECT * FROM tags ORDER BY tag_id",
    "article_tags": "SELECT * FROM article_tags ORDER BY article_id, tag_id",
}


def tables(path: Path) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {name: con.execute(sql).df() for name, sql in CONTENT.items()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def appearances(demo_frames) -> pd.DataFrame:
    return demo_frames.articles[demo_frames.articles["kind"] == "appearance"]


@pytest.fixture(scope="module")
def daily(appearances) -> pd.Series:
    """Appearances per calendar day over the whole range, days without any included."""
    dated = appearances["published"].dropna()
    days = pd.date_range(dated.min(), dated.max(), freq="D")
    return dated.value_counts().reindex(days, fill_value=0)


# ---------- reproducible


def test_the_same_seed_and_day_give_identical_tables(demo_db, tmp_path):
    again = tmp_path / "again.duckdb"
    build_demo(again, today=DEMO_TODAY, seed=DEFAULT_SEED)
    first, second = tables(demo_db), tables(again)
    for name in CONTENT:
        pd.testing.assert_frame_equal(first[name], second[name], obj=name)


def test_another_seed_gives_other_appearances(demo_db, tmp_path):
    other = tmp_path / "other.duckdb"
    build_demo(other, today=DEMO_TODAY, seed=DEFAULT_SEED + 1)
    first, second = tables(demo_db)["articles"], tables(other)["articles"]
    assert not first[["outlet_id", "published", "title"]].equals(
        second[["outlet_id", "published", "title"]]
    )


# ---------- shaped like real coverage


def test_about_twenty_thousand_rows(demo_frames):
    assert 18_000 <= len(demo_frames.articles) <= 22_000


def test_a_few_outlets_take_most_of_the_coverage(appearances):
    per_outlet = appearances["outlet_slug"].value_counts()
    top = per_outlet.head(math.ceil(len(per_outlet) / 10))
    assert top.sum() / per_outlet.sum() > 0.55
    assert len(per_outlet) >= 150  # and a long tail, not a handful of outlets


def test_weekend_days_have_clearly_fewer_appearances_than_weekdays(daily):
    weekend = daily.index.day_of_week >= 5
    assert daily[weekend].mean() < 0.6 * daily[~weekend].mean()


def test_news_events_make_bursts(daily):
    weekly = daily.resample("W-MON", label="left", closed="left").sum().iloc[1:-1]  # whole weeks
    assert weekly.max() >= 4 * weekly.median()


def test_english_and_french_both_present(appearances):
    shares = appearances["language"].value_counts(normalize=True)
    assert shares.get("fr", 0) > 0.1 and shares.get("en", 0) > 0.1


def test_the_language_is_mostly_the_outlets(appearances):
    in_en_or_fr_outlets = appearances[appearances["outlet_language"].isin(["en", "fr"])]
    same = in_en_or_fr_outlets["language"] == in_en_or_fr_outlets["outlet_language"]
    assert same.mean() > 0.9


def test_one_to_three_experts_per_appearance(demo_frames, appearances):
    per_article = demo_frames.article_experts.groupby("article_id").size()
    counts = per_article.reindex(appearances["article_id"], fill_value=0)
    assert counts.between(1, 3).all()
    assert set(counts.unique()) == {1, 2, 3}


def test_every_role_is_present_and_fits_the_media_type(demo_frames, appearances):
    roles = demo_frames.article_experts.merge(
        appearances[["article_id", "media_type"]], on="article_id"
    )
    assert set(roles["role"]) == ROLES
    on_air = roles.loc[roles["role"] == "on-air", "media_type"]
    op_ed = roles.loc[roles["role"] == "op-ed", "media_type"]
    assert set(on_air) <= {"tv", "radio", "podcast"}
    assert set(op_ed) <= {"print", "online"}


def test_one_to_three_topics_per_appearance_from_about_thirty(demo_frames, appearances):
    per_article = demo_frames.article_tags.groupby("article_id").size()
    counts = per_article.reindex(appearances["article_id"], fill_value=0)
    assert counts.between(1, 3).all()
    assert 25 <= demo_frames.article_tags["tag_slug"].nunique() <= 40


def test_a_few_percent_are_undated(appearances):
    undated = appearances["published"].isna().mean()
    assert 0.01 <= undated <= 0.06


def test_dated_appearances_span_six_years_up_to_today(demo_frames):
    dated = demo_frames.articles["published"].dropna().dt.date
    assert dated.max() <= DEMO_TODAY
    assert dated.min() > DEMO_TODAY.replace(year=DEMO_TODAY.year - 6)
    assert dated.max() >= DEMO_TODAY - dt.timedelta(days=7)
    assert dated.min() <= DEMO_TODAY.replace(year=DEMO_TODAY.year - 6) + dt.timedelta(days=31)


def test_a_build_on_29_february_spans_six_years_too(tmp_path):
    path = tmp_path / "leap.duckdb"
    build_demo(path, today=dt.date(2024, 2, 29))  # a past day: no store holds future dates
    first, last = (
        open_read_only(path)
        .execute("SELECT min(published), max(published) FROM articles")
        .fetchone()
    )
    assert last <= dt.date(2024, 2, 29)
    assert dt.date(2018, 2, 28) < first <= dt.date(2018, 4, 1)


def test_about_two_percent_are_the_organisations_own_events_and_videos(demo_frames):
    own = demo_frames.articles[demo_frames.articles["kind"] != "appearance"]
    assert set(own["kind"]) == {"event", "video"}
    assert 0.01 <= len(own) / len(demo_frames.articles) <= 0.035
    assert set(own["outlet"]) == {load_organisation().name}  # never put in a media outlet


# ---------- invented, and labelled as demo


def test_every_expert_comes_from_the_roster(demo_frames):
    roster = {e.name for e in load_organisation().experts}
    assert set(demo_frames.article_experts["expert"]) <= roster
    assert set(demo_frames.experts["name"]) == roster


def test_multi_word_topics_are_known_to_the_organisation(demo_frames):
    multi_word = {name for name in demo_frames.tags["name"] if " " in name}
    assert multi_word and multi_word <= set(load_organisation().tags)


def test_urls_point_only_to_the_demo_domain(demo_frames):
    """Every link is a well-formed https URL on demo.invalid (a name that never resolves), one per
    appearance, and names the outlet it is listed under."""
    articles = demo_frames.articles
    assert articles["url"].notna().all() and articles["url"].is_unique
    for url, outlet in zip(articles["url"], articles["outlet_slug"], strict=True):
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == (
            "https",
            "demo.invalid",
            "",
            "",
        ), url
        assert url.isascii() and quote(parts.path) == parts.path, url  # nothing to escape
        segments = parts.path.split("/")
        assert segments[0] == "" and segments[1] == outlet and all(segments[1:]), url


def test_titles_are_filled_in_and_french_ones_are_proper_french(demo_frames):
    titles = demo_frames.articles["title"]
    assert titles.notna().all() and not titles.str.contains(r"[{}]").any()
    french = demo_frames.articles.loc[demo_frames.articles["language"] == "fr", "title"]
    assert french.str.contains("[éèàç]").mean() > 0.3
    assert not french.str.contains(r"\bde [AEIOUYÉ]").any()  # "d'Élodie", never "de Élodie"
    assert not french.str.contains(r"\S[:?]").any()  # French puts a space before ':' and '?'


def test_demo_rows_are_labelled_and_counted(demo_con, demo_frames):
    assert (demo_frames.articles["source_format"] == "demo").all()
    assert demo_appearances(demo_con) == len(demo_frames.articles)
    runs = demo_con.execute("SELECT origin, n_new FROM ingest_runs").fetchall()
    assert runs == [("demo", len(demo_frames.articles))]
    assert demo_frames.articles["ingest_run_id"].eq(1).all()


def test_a_store_without_demo_data_counts_none(tmp_path):
    path = tmp_path / "own.duckdb"
    with write_batch(path):
        pass
    assert demo_appearances(open_read_only(path)) == 0


# ---------- the command line


def test_the_command_refuses_to_overwrite_an_existing_database(demo_db):
    before = hashlib.sha256(demo_db.read_bytes()).hexdigest()
    result = subprocess.run(
        [sys.executable, "-m", "data.demo", "--db", str(demo_db)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert str(demo_db) in result.stderr and "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert hashlib.sha256(demo_db.read_bytes()).hexdigest() == before


def test_force_replaces_everything_in_the_database(tmp_path, capsys):
    path = tmp_path / "mixed.duckdb"
    with write_batch(path) as con:
        con.execute("INSERT INTO outlets (outlet_id, slug, name) VALUES (1, 'x', 'X')")
        con.execute(
            "INSERT INTO articles (article_id, outlet_id, source_format, dedupe_key)"
            " VALUES (1, 1, 'spreadsheet', 'k')"
        )
    assert main(["--db", str(path), "--force", "--today", "2025-03-01", "--seed", "3"]) == 0
    assert str(path) in capsys.readouterr().out
    con = open_read_only(path)
    formats = con.execute("SELECT DISTINCT source_format FROM articles").fetchall()
    assert formats == [("demo",)]
    assert con.execute("SELECT max(published) FROM articles").fetchone()[0] <= dt.date(2025, 3, 1)
    assert con.execute("SELECT count(*) FROM outlets WHERE slug = 'x'").fetchone()[0] == 0


def test_a_malformed_day_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "never.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "data.demo", "--db", str(path), "--today", "27/11/2026"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr
    assert not path.exists()
