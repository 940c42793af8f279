"""The "Download report" menu: two files offered, built only when clicked, and a real download in
a real browser against the real server gives the report of the view."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from dashboard.downloads import NO_IMAGES_ENV
from tests.live_server import launch_chromium, streamlit_server, sync_playwright

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))

# A page with nothing but the menu, on the store named by $PRESSWATCH_DB.
MENU_PAGE = f"""
import datetime as dt
import os

import streamlit as st

from dashboard import report_button
from data.store import open_read_only
from queries.filters import Filters


@st.cache_resource
def connection():
    return open_read_only(os.environ["PRESSWATCH_DB"])


report_button.report_menu(
    connection(), Filters(date_from=dt.date.fromisoformat("{YEAR[0]}"),
                          date_to=dt.date.fromisoformat("{YEAR[1]}"))
)
"""


@pytest.fixture
def menu(demo_db, monkeypatch) -> AppTest:
    monkeypatch.setenv("PRESSWATCH_DB", str(demo_db))
    return AppTest.from_string(MENU_PAGE, default_timeout=30)


def test_menu_offers_slides_and_pdf_built_on_click(menu):
    menu.run()
    assert not menu.exception
    buttons = menu.get("download_button")
    assert [b.proto.label for b in buttons] == ["PowerPoint slides (.pptx)", "PDF"]
    assert all(b.proto.deferred_file_id for b in buttons)  # nothing is built until a click
    assert all(b.proto.ignore_rerun for b in buttons)  # and a click does not redraw the page
    assert "1 Jan 2025 – 31 Dec 2025" in menu.caption[0].value


def test_menu_says_charts_become_tables_without_a_browser(menu, monkeypatch):
    monkeypatch.setenv(NO_IMAGES_ENV, "1")
    menu.run()
    assert any("Charts will appear as tables" in c.value for c in menu.caption)


# ---------- in a real browser


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("report-menu")
    page = folder / "menu.py"
    page.write_text(MENU_PAGE)
    with streamlit_server(demo_db, folder, script=page) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("fmt, label", [("pdf", "PDF"), ("pptx", "PowerPoint slides (.pptx)")])
def test_a_click_downloads_the_report_of_the_view(server, fmt, label):
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(accept_downloads=True)
            page.set_default_timeout(60_000)
            page.goto(server)
            page.get_by_role("button", name="Download report").click()
            with page.expect_download() as download:
                page.get_by_role("button", name=label).click()
            saved = download.value
            data = Path(saved.path()).read_bytes()
        finally:
            browser.close()
    assert saved.suggested_filename == f"coverage-report_2025-01-01_2025-12-31.{fmt}"
    if fmt == "pdf":
        first_page = " ".join(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    else:
        slide = Presentation(io.BytesIO(data)).slides[0]
        first_page = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Media coverage report" in first_page
    assert "1 Jan 2025 – 31 Dec 2025" in first_page
