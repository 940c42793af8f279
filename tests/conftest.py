"""Fixtures shared by every test folder: one demo store per test session.

Every write a test makes, in this process or a child one, checks the store's rules before it
commits (data/integrity.py, switched on by data.store.CHECK_WRITES): a write that breaks one fails
the test that made it.

demo_db       Path of a demo store built once (today = DEMO_TODAY, default seed); read it only
demo_con      a read-only connection to it, closed after the test
demo_frames   its tables as pandas DataFrames, for computing expected results independently:
              demo_frames.articles         articles + outlet (slug, name, media_type, country, tier)
              demo_frames.article_experts  article_experts + expert (slug, name, programme + slug)
              demo_frames.article_tags     article_tags + tag (slug, name)
              demo_frames.outlets / .experts / .tags   the tables as stored
              demo_frames.today                       the last day of the data
              (demo_frames["articles"] works too; `published` is datetime64, NaT = undated)
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data.demo import build_demo
from data.store import CHECK_WRITES, open_read_only
from tests.live_server import require_chromium

DEMO_TODAY = dt.date(2026, 11, 27)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test that needs chromium (marked browser or chromium) is skipped without it, before its
    fixtures start a server; under CI=true it fails instead (tests/live_server.py)."""
    if item.get_closest_marker("browser") or item.get_closest_marker("chromium"):
        require_chromium()


@dataclass(frozen=True)
class DemoFrames:
    articles: pd.DataFrame
    article_experts: pd.DataFrame
    article_tags: pd.DataFrame
    outlets: pd.DataFrame
    experts: pd.DataFrame
    tags: pd.DataFrame
    today: dt.date

    def __getitem__(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


@pytest.fixture(scope="session", autouse=True)
def check_every_write():
    """Set in the environment, so that imports and servers the tests start check too."""
    before = os.environ.get(CHECK_WRITES)
    os.environ[CHECK_WRITES] = "1"
    yield
    if before is None:
        del os.environ[CHECK_WRITES]
    else:
        os.environ[CHECK_WRITES] = before


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(path, today=DEMO_TODAY)
    return path


@pytest.fixture
def demo_con(demo_db: Path):
    con = open_read_only(demo_db)
    yield con
    con.close()


@pytest.fixture(scope="session")
def demo_frames(demo_db: Path) -> DemoFrames:
    con = duckdb.connect(str(demo_db), read_only=True)
    try:

        def frame(sql: str) -> pd.DataFrame:
            return con.execute(sql).df()

        return DemoFrames(
            articles=frame(
                "SELECT a.*, o.slug AS outlet_slug, o.name AS outlet, o.media_type, o.country,"
                " o.language AS outlet_language, CAST(o.tier AS VARCHAR) AS tier"
                " FROM articles a JOIN outlets o USING (outlet_id) ORDER BY a.article_id"
            ),
            article_experts=frame(
                "SELECT ae.*, e.slug AS expert_slug, e.name AS expert, e.programme,"
                " e.role AS expert_position, e.programme_slug"
                " FROM article_experts ae JOIN experts e USING (expert_id)"
                " ORDER BY ae.article_id, ae.expert_id"
            ),
            article_tags=frame(
                "SELECT art.*, t.slug AS tag_slug, t.name AS tag"
                " FROM article_tags art JOIN tags t USING (tag_id)"
                " ORDER BY art.article_id, art.tag_id"
            ),
            outlets=frame("SELECT * FROM outlets ORDER BY outlet_id"),
            experts=frame("SELECT * FROM experts ORDER BY expert_id"),
            tags=frame("SELECT * FROM tags ORDER BY tag_id"),
            today=DEMO_TODAY,
        )
    finally:
        con.close()
