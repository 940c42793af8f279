"""The manager's path in a real browser, against the real server: open the dashboard, filter by
period and outlet, see the URL and the numbers change, download the chart, share the link, click
a bar and see its appearances. Screenshots of every page go to tests/browser/screenshots/."""

from __future__ import annotations

import csv
import io
import os
import re
import struct
from pathlib import Path

import pytest

from dashboard import downloads
from queries.filters import Filters
from tests.queries import reference

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent / "screenshots"
CHART = '[data-testid="stPlotlyChart"] .main-svg'
PAGES = ("", "coverage", "outlets", "experts", "topics", "articles", "about")


@pytest.fixture
def context(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(30_000)
    yield context
    context.close()


def wait_until_drawn(page) -> None:
    page.wait_for_selector(CHART)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_timeout(300)  # the last deltas of the run


def appearances_shown(page) -> int:
    card = page.locator('[data-testid="stMetric"]', has_text="Appearances").first
    return int(card.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))


def choose(page, label: str, option: str) -> None:
    """Pick an option in a sidebar selectbox or multiselect by typing its name."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stWidgetLabel"]', has_text=label)
    widget = box.locator("xpath=..").locator('input[role="combobox"]').first
    widget.click()
    widget.fill(option)
    page.get_by_role("option", name=option, exact=True).first.click()
    page.keyboard.press("Escape")
    wait_until_drawn(page)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", data[16:24])


def test_the_managers_path(server, context, demo_frames, tmp_path):
    SHOTS.mkdir(exist_ok=True)
    page = context.new_page()

    # open the app, all time, and wait for the chart
    page.goto(f"{server}/?period=all")
    wait_until_drawn(page)
    all_time = appearances_shown(page)

    # choose "Last 12 months": the URL gets its dates, the numbers change
    choose(page, "Period", "Last 12 months")
    page.wait_for_url(re.compile(r"from=\d{4}-\d\d-\d\d"))
    last_year = appearances_shown(page)
    assert last_year < all_time

    # choose an outlet: it goes into the URL, the numbers change
    rows = reference.matched(demo_frames, Filters())
    outlet_slug = rows["outlet_slug"].value_counts().index[0]
    outlet = demo_frames.outlets.set_index("slug").loc[outlet_slug, "name"]
    choose(page, "Outlets", outlet)
    page.wait_for_url(re.compile(rf"outlets={outlet_slug}"))
    one_outlet = appearances_shown(page)
    assert 0 < one_outlet < last_year
    page.screenshot(path=SHOTS / "overview-one-outlet.png", full_page=True)

    # download the chart as a PNG of 1600x900
    available, reason = downloads.image_export_available()
    if available:
        page.get_by_role("button", name="Download", exact=True).first.click()
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="PNG image (1600×900)").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        # what, which period, which filters: the chosen outlet
        period = r"\d{4}-\d\d-\d\d_\d{4}-\d\d-\d\d"
        assert re.fullmatch(rf"coverage-by-\w+_{period}_{outlet_slug}\.png", saved.name)
        assert png_size(saved.read_bytes()) == (1600, 900)
        page.keyboard.press("Escape")
    elif os.environ.get("CI") == "true":  # .ci/run installs the browser that draws images
        pytest.fail(f"CI=true expects chart images, but: {reason}", pytrace=False)
    else:
        print(f"PNG download not checked: {reason}")

    # the same URL in a new page shows the same view
    shared = context.new_page()
    shared.goto(page.url)
    wait_until_drawn(shared)
    assert appearances_shown(shared) == one_outlet
    assert outlet in shared.locator('[data-testid="stSidebar"]').inner_text()
    shared.close()

    # click a bar and see its appearances
    bar = page.locator(f"{CHART} .bars .point path").nth(3)
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()  # Plotly listens on the plot area, not on the bar's own element
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 5)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 5)
    page.get_by_text(re.compile(r"^(Week of )?[\w ]+: [\d,]+ appearances?$")).first.wait_for()
    page.wait_for_selector('[data-testid="stDataFrame"]')  # the appearances behind the bar
    page.screenshot(path=SHOTS / "overview-drill-down.png", full_page=True)

    # another page keeps the filters, in the sidebar and in the URL
    page.get_by_role("link", name="Articles").first.click()
    page.wait_for_url(re.compile(rf"/articles\?.*outlets={outlet_slug}"))
    page.wait_for_selector('[data-testid="stDataFrame"]')

    # the full list downloads complete, whatever the page size
    button = page.get_by_role("button", name=re.compile(r"^CSV \([\d,]+ rows\)$"))
    rows = int(re.sub(r"\D", "", button.inner_text()))
    assert rows == one_outlet
    with page.expect_download(timeout=60_000) as download:
        button.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    text = saved.read_bytes().decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == rows + 1  # a header, then every row


@pytest.mark.parametrize("path", PAGES)
def test_screenshot_of_every_page(server, context, path):
    SHOTS.mkdir(exist_ok=True)
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 2400})
    page.goto(f"{server}/{path}?from=2025-01-01&to=2025-12-31")
    page.wait_for_selector('[data-testid="stMain"] h1')
    page.wait_for_selector(
        '[data-testid="stDataFrame"]' if path in ("articles", "about") else CHART
    )
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_timeout(1500)  # let the tables and charts paint
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Something went wrong" not in page.inner_text("body")
    page.screenshot(path=SHOTS / f"{path or 'overview'}.png", full_page=True)
