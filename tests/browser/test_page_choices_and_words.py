"""In a real browser at 1440 px, against the real server: every page choice survives a fresh
page, Custom range keeps the view's dates, the Articles table fits the window, a chart's CSV and
the report's file name say what the chart and the view show, a bad link value gets its notice,
and manager pages carry no words meant for engineers."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent / "screenshots"
CHART = '[data-testid="stPlotlyChart"] .main-svg'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
YEAR = "from=2025-01-01&to=2025-12-31"


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    context.set_default_timeout(60_000)  # a cold page on a busy machine
    yield context
    context.close()


def opened(context, url: str, wait_for: str = CHART):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(wait_for)
    settled(page)
    return page


def settled(page) -> None:
    page.wait_for_selector(IDLE)
    page.wait_for_timeout(500)  # the last deltas of the run
    page.wait_for_selector(IDLE)


def checked(page, label: str) -> str:
    """The chosen option of a radio group, by its label."""
    group = page.locator('[data-testid="stRadio"]', has_text=label).first
    return group.locator("label:has(input:checked)").inner_text().strip()


def shown_in(selectbox) -> str:
    """The option a selectbox shows (its input's value, or the text beside it)."""
    box = selectbox.locator('input[role="combobox"]')
    return box.input_value() or box.evaluate(
        "e => e.closest('[data-baseweb=\"select\"]').innerText.trim()"
    )


def test_every_page_choice_survives_a_fresh_page(server, context):
    page = opened(context, f"{server}/outlets?{YEAR}")
    page.get_by_text("Share of all appearances", exact=True).click()
    page.wait_for_url(re.compile(r"rank=share"))
    settled(page)
    page.get_by_role("tab", name="Outlet country").click()
    page.wait_for_url(re.compile(r"mix=country"))
    settled(page)
    fresh = opened(context, page.url)
    assert checked(fresh, "Rank by") == "Share of all appearances"
    tab = fresh.get_by_role("tab", name="Outlet country")
    assert tab.get_attribute("aria-selected") == "true"

    page = opened(context, f"{server}/articles?{YEAR}", '[data-testid="stDataFrame"]')
    sort = page.locator('[data-testid="stSelectbox"]', has_text="Sort by")
    sort.locator('input[role="combobox"]').click()
    page.get_by_role("option", name="Title", exact=True).click()
    page.wait_for_url(re.compile(r"sort=title"))
    settled(page)
    page.get_by_text("Oldest / A first", exact=True).click()
    page.wait_for_url(re.compile(r"order=asc"))
    settled(page)
    number = page.locator('[data-testid="stNumberInput"] input')
    number.fill("3")
    number.press("Enter")
    page.wait_for_url(re.compile(r"page=3"))
    settled(page)
    fresh = opened(context, page.url, '[data-testid="stDataFrame"]')
    assert shown_in(fresh.locator('[data-testid="stSelectbox"]', has_text="Sort by")) == "Title"
    assert checked(fresh, "Order") == "Oldest / A first"
    assert fresh.locator('[data-testid="stNumberInput"] input').input_value() == "3"
    assert "Appearances 101–150 of" in fresh.inner_text("body")


def test_custom_range_keeps_the_dates_the_view_had(server, context):
    page = opened(context, f"{server}/?from=2025-03-01&to=2025-05-31")
    sidebar = page.locator('[data-testid="stSidebar"]')
    dates = sidebar.locator('[data-testid="stDateInput"] input[type="date"]')
    assert [d.input_value() for d in dates.all()] == ["2025-03-01", "2025-05-31"]  # custom
    period = sidebar.locator('[data-testid="stSelectbox"]', has_text="Period")
    period.locator('input[role="combobox"]').click()
    page.get_by_role("option", name="Last 90 days", exact=True).click()
    page.wait_for_url(re.compile(r"from=(?!2025-03-01)"))
    settled(page)
    chosen = re.search(r"from=([\d-]+)&to=([\d-]+)|to=([\d-]+)&from=([\d-]+)", page.url)
    period.locator('input[role="combobox"]').click()
    page.get_by_role("option", name="Custom range", exact=True).click()
    settled(page)
    shown = [d.input_value() for d in dates.all()]
    expected = [chosen[1], chosen[2]] if chosen[1] else [chosen[4], chosen[3]]
    assert shown == expected  # not the whole data span
    assert "click outside" in sidebar.inner_text()


def test_the_articles_table_fits_1440_px(server, context):
    page = opened(context, f"{server}/articles?{YEAR}", '[data-testid="stDataFrame"]')
    table = page.locator('[data-testid="stDataFrame"]').first
    scroller = table.locator(".dvn-scroller").first
    width, room = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert width <= room, f"the table is {width} px wide in {room} px: columns are off screen"
    assert table.bounding_box()["x"] + table.bounding_box()["width"] <= 1440
    page.screenshot(path=SHOTS / "articles-1440.png")
    boxes = page.locator('[data-testid="stTextInput"]')
    assert boxes.filter(has_text="Search").count() == 1  # one search box


def test_a_charts_csv_is_its_numbers_and_a_reports_name_says_its_filters(server, context, tmp_path):
    page = opened(context, f"{server}/?{YEAR}&outlets=le-monde&tags=migration")
    page.get_by_role("button", name="Download", exact=True).first.click()
    with page.expect_download() as download:
        page.get_by_role("button", name="The chart's numbers (CSV)").first.click()
    name = download.value.suggested_filename
    assert name.startswith("coverage-by-") and name.endswith("_le-monde_migration.csv")
    saved = tmp_path / name
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_bytes().decode("utf-8-sig"))))
    assert "Previous period: appearances" in rows[0]  # the dotted line the chart draws
    assert not any("_id" in column or "slug" in column for column in rows[0])
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Download report").click()
    with page.expect_download(timeout=90_000) as report:
        page.get_by_role("button", name="PDF").click()
    assert report.value.suggested_filename == (
        "coverage-report_2025-01-01_2025-12-31_le-monde_migration.pdf"
    )


def test_a_bad_period_size_in_a_link_gets_a_notice(server, context):
    page = opened(context, f"{server}/?{YEAR}&grain=fortnight")
    notice = page.locator('[data-testid="stAlert"]', has_text="grain='fortnight'")
    assert notice.count() == 1
    assert "grain=" not in page.url


MANAGER_PAGES = ("", "coverage", "outlets", "experts", "topics", "articles", "about")


@pytest.mark.parametrize("path", MANAGER_PAGES)
def test_manager_pages_carry_no_words_for_engineers(server, context, path):
    page = opened(context, f"{server}/{path}?{YEAR}", '[data-testid="stMain"] h1')
    page.wait_for_timeout(1500)
    text = page.locator('[data-testid="stMain"]').inner_text()  # what is shown, not the SQL
    for words in ("python -m", "rollup", "the store", "seed=", "import-page", "{{"):
        assert words not in text, (path, words)
    assert not re.search(r"\b\d{5,}\b", text), "a count without thousands separators"
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1440, "height": 2400})
    page.wait_for_timeout(800)
    page.screenshot(path=SHOTS / f"words-{path or 'overview'}.png")
