"""In a real browser, against the real server: an editor adds a key date on the Import page and
sees it on the Overview timeline; a manager saves a view and opens it from the sidebar in a
fresh page; the Experts page downloads one expert's media profile. Screenshots of each go to
tests/browser/screenshots/."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent / "screenshots"
CHART = '[data-testid="stPlotlyChart"] .main-svg'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
YEAR = "from=2025-01-01&to=2025-12-31"


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    context.set_default_timeout(60_000)
    yield context
    context.close()


def settled(page) -> None:
    page.wait_for_selector(IDLE)
    page.wait_for_timeout(500)
    page.wait_for_selector(IDLE)


def opened(context, url: str, wait_for: str = CHART):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(wait_for)
    settled(page)
    return page


def test_an_editor_adds_a_key_date_and_sees_it_on_the_overview_timeline(server, context):
    page = opened(context, f"{server}/import_data", wait_for='[data-testid="stTab"]')
    page.get_by_role("tab", name="Key dates").click()
    page.get_by_role("spinbutton", name="year, Day").click()
    page.keyboard.type("20250612")  # year, month and day, each field moving to the next
    page.get_by_label("What happened").fill("Annual report launch")
    page.get_by_role("button", name="Add key date").click()
    page.wait_for_selector('[data-testid="stAlert"]:has-text("Added the key date 12 Jun 2025")')
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "import-key-dates.png", full_page=True)

    page = opened(context, f"{server}/?{YEAR}")
    timeline = page.locator('[data-testid="stPlotlyChart"]').first
    label = timeline.locator(".annotation-text", has_text="12 Jun 2025: Annual report launch")
    assert label.count() == 1
    timeline.screenshot(path=SHOTS / "overview-key-date.png")
    page.get_by_text("Key dates on timelines").click()  # the switch, off
    settled(page)
    assert "key_dates=off" in page.url
    assert page.locator(".annotation-text", has_text="Annual report launch").count() == 0


def test_a_saved_view_opens_from_the_sidebar_in_a_fresh_page(server, context, browser):
    page = opened(context, f"{server}/outlets?{YEAR}&outlets=le-monde")
    page.get_by_text("Share of all appearances", exact=True).click()
    settled(page)
    page.get_by_text("Save this view").click()
    page.get_by_label("Name").fill("Le Monde 2025, by share")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector('[data-testid="stSidebar"] a:has-text("Le Monde 2025, by share")')
    settled(page)
    page.locator('[data-testid="stSidebar"]').screenshot(path=SHOTS / "sidebar-saved-views.png")

    fresh = browser.new_context(viewport={"width": 1440, "height": 900})  # another manager
    try:
        other = fresh.new_page()
        other.goto(server)
        other.wait_for_selector(CHART)
        settled(other)
        link = other.locator('[data-testid="stSidebar"] a', has_text="Le Monde 2025, by share")
        with fresh.expect_page() as opening:
            link.click()
        view = opening.value
        view.wait_for_selector(CHART)
        settled(view)
        assert "/outlets?" in view.url and "outlets=le-monde" in view.url
        assert "from=2025-01-01" in view.url and "to=2025-12-31" in view.url
        chosen = view.locator('[data-testid="stRadio"] label:has(input:checked)')
        assert "Share of all appearances" in chosen.all_inner_texts()
        sidebar = view.locator('[data-testid="stSidebar"]')
        assert sidebar.locator('[data-testid="stMultiSelect"]', has_text="Le Monde").count() == 1
        view.screenshot(path=SHOTS / "saved-view-opened.png")
    finally:
        fresh.close()


def test_the_experts_page_downloads_one_experts_media_profile(server, context, tmp_path):
    page = opened(context, f"{server}/experts?{YEAR}")
    page.get_by_role("button", name="Download media profile").click()
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="PowerPoint slides (.pptx)").click()
    name = download.value.suggested_filename
    assert name.startswith("media-profile_2025-01-01_2025-12-31_") and name.endswith(".pptx")
    saved = tmp_path / name
    download.value.save_as(saved)
    deck = Presentation(io.BytesIO(saved.read_bytes()))
    title = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    heading = page.get_by_role("heading", name="Appearances of").inner_text()
    assert f"Media profile: {heading.removeprefix('Appearances of ').strip()}" in title
    page.screenshot(path=SHOTS / "experts-profile-menu.png")
