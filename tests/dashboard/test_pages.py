"""Every page of the dashboard draws on the demo data, says it is demo data, and shows its
charts with their downloads and their query; no page ever shows a traceback."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from queries.filters import Filters
from tests.dashboard.conftest import APP as APP_FILE
from tests.dashboard.conftest import draw, figures, with_queries_open
from tests.dashboard.test_filters_in_url import busiest_outlets
from tests.queries import reference

PAGES = {
    "views/overview.py": "Overview",
    "views/coverage.py": "Coverage over time",
    "views/outlets.py": "Outlets",
    "views/experts.py": "Experts",
    "views/topics.py": "Topics",
    "views/articles.py": "Articles",
    "views/about.py": "About the data",
}
RANGE = {"from": "2025-01-01", "to": "2025-12-31"}


@pytest.fixture(scope="module")
def shown(demo_db):
    """shown(page) -> the page at RANGE, drawn once for this module by the first test reading it
    (the tests that only look at a page share it)."""
    drawn: dict[str, AppTest] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PRESSWATCH_DB", str(demo_db))

        def show(page: str) -> AppTest:
            if page not in drawn:
                drawn[page] = draw(page, **RANGE)
            return drawn[page]

        yield show


@pytest.mark.parametrize("page", PAGES)
def test_every_page_draws_without_an_error(shown, page):
    at = shown(page)
    assert [t.value for t in at.title] == [PAGES[page]]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_the_data_is_a_demo_and_how_to_replace_it(shown, demo_db, page):
    at = shown(page)  # without access control everyone is an editor
    notice = " ".join(i.value for i in at.info)
    assert "Demo data" in notice
    assert "**Import data** page" in notice  # where an editor brings in real coverage
    # words for managers: no shell command, no path of the server's files
    assert "python -m" not in notice and str(demo_db) not in notice and "/" not in notice


def test_a_viewer_is_told_it_is_demo_data_but_not_of_a_page_they_cannot_open(demo_db, monkeypatch):
    from dashboard.auth import Role, hash_password
    from tests.dashboard.test_auth import sign_in

    monkeypatch.setenv("PRESSWATCH_DB", str(demo_db))
    at = AppTest.from_file(str(APP_FILE), default_timeout=60)
    at.secrets = {
        "access": {
            "mode": "password",
            "viewer_password_hash": hash_password("v" * 16),
            "editor_password_hash": hash_password("e" * 16),
        }
    }
    at.run()
    at = sign_in(at, "v" * 16, Role.VIEWER)
    notice = " ".join(i.value for i in at.info)
    assert "Demo data" in notice and "Import" not in notice


@pytest.mark.parametrize(
    "page",
    [
        "views/overview.py",
        "views/coverage.py",
        "views/outlets.py",
        "views/experts.py",
        "views/topics.py",
    ],
)
def test_every_chart_offers_its_downloads_and_its_query(shown, page):
    at = shown(page)
    charts = figures(at)
    assert charts, "the page draws charts"
    labels = [b.proto.label for b in at.get("download_button")]
    for wanted in (
        "Interactive chart (HTML)",
        "The chart's numbers (CSV)",
        "The chart's numbers (Excel)",
    ):
        assert labels.count(wanted) == len(charts)
    queries_shown = [e for e in at.expander if e.label == "The query behind this chart"]
    assert len(queries_shown) == len(charts)
    queries_shown = [
        e for e in with_queries_open(at).expander if e.label == "The query behind this chart"
    ]
    assert all("FROM" in e.code[0].value.upper() for e in queries_shown)


def test_chart_titles_say_what_is_shown_and_for_which_period(shown):
    at = shown("views/overview.py")
    titles = [fig["layout"]["title"] for fig in figures(at)]
    assert titles[0]["text"].startswith("Appearances per ")
    assert all(t["subtitle"]["text"].startswith("1 Jan 2025 – 31 Dec 2025") for t in titles)


def test_chart_titles_name_the_outlet_a_view_is_filtered_on(open_app, demo_frames):
    slug = busiest_outlets(demo_frames, 1)[0]
    name = demo_frames.outlets.set_index("slug").loc[slug, "name"]
    at = open_app("views/overview.py", outlets=slug, **RANGE)
    subtitles = [fig["layout"]["title"]["subtitle"]["text"] for fig in figures(at)]
    assert subtitles
    for subtitle in subtitles:
        assert subtitle.startswith("1 Jan 2025 – 31 Dec 2025") and name in subtitle, subtitle


def test_axes_are_labelled(shown):
    at = shown("views/overview.py")
    timeline = figures(at)[0]["layout"]
    assert timeline["yaxis"]["title"]["text"] == "Appearances"
    assert timeline["xaxis"]["title"]["text"] in ("Month", "Week (starting Monday)", "Quarter")


def test_a_filter_that_matches_nothing_says_so_on_every_page(open_app):
    for page in PAGES:
        if page == "views/about.py":
            continue
        at = open_app(page, q="zzzz-no-such-words-anywhere", **RANGE)
        messages = " ".join(i.value for i in at.info)
        assert "No appearances match these filters" in messages, page
        assert not at.error


def test_about_the_data_states_what_is_counted_and_the_dedupe_rule(shown, demo_frames):
    at = shown("views/about.py")  # what the store holds, whatever the period chosen
    text = " ".join(m.value for m in at.markdown)
    assert "outputs, not outcomes" in text
    assert "advertising value equivalent" in text
    assert "counts once" in text
    appearances = reference.matched(demo_frames, Filters())
    assert f"{len(appearances):,}" in text
    assert f"{appearances['published'].isna().sum():,}" in text
    assert f"{appearances['published'].max():%-d %B %Y}" in text


def test_without_a_server_browser_the_chart_camera_button_is_offered(open_app, monkeypatch):
    from dashboard import downloads

    monkeypatch.setattr(
        downloads, "image_export_available", lambda: (False, "no Chromium on the server")
    )
    at = open_app(**RANGE)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "PNG image (1600×900)" not in labels
    assert "The chart's numbers (CSV)" in labels
    notes = " ".join(c.value for c in at.caption)
    assert "no Chromium on the server" in notes and "camera button" in notes


def test_charts_keep_plotlys_own_image_button_at_1600_by_900(shown):
    at = shown("views/overview.py")
    (chart, *_) = at.get("plotly_chart")
    config = json.loads(chart.proto.config)
    assert config["toImageButtonOptions"]["width"] == 1600
    assert config["toImageButtonOptions"]["height"] == 900
    assert config["toImageButtonOptions"]["filename"].startswith("coverage-by-")


def test_an_empty_database_says_how_to_import(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from data.store import write_batch
    from tests.dashboard.conftest import APP

    empty = tmp_path / "media.duckdb"
    with write_batch(empty):
        pass
    monkeypatch.setenv("PRESSWATCH_DB", str(empty))
    for page in PAGES:
        at = AppTest.from_file(APP, default_timeout=60)
        at.secrets = {"access": {"mode": "none"}}
        at.run()
        at.switch_page(page).run()
        assert not at.exception and not at.error, page
        if page != "views/about.py":
            said = " ".join(i.value for i in at.info)
            assert "holds no appearances yet" in said and "**Import data** page" in said, page
            assert "python -m" not in said and str(empty) not in said, page
