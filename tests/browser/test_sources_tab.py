"""The Import page's Sources tab in the real server and chromium: Check now reads the
organisation's site (a stand-in on 127.0.0.1) in the background, the page stays usable while it
runs, the outcome is shown, and the dashboard's numbers grow by what the site lists."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.live_server import launch_chromium, streamlit_process, sync_playwright
from tests.sources_site import sources_toml, standard_site

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
YEAR = "?from=2025-01-01&to=2025-12-31"


def appearances_shown(page) -> int:
    card = page.locator('[data-testid="stMetric"]', has_text="Appearances").first
    return int(card.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))


def drawn(page) -> None:
    page.wait_for_selector('[data-testid="stMetric"]')
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_timeout(300)


def test_check_now_reads_the_site_and_the_numbers_change(demo_db, tmp_path):
    site = standard_site()
    site.start()
    org = tmp_path / "org"
    shutil.copytree(ROOT / "examples" / "ifri", org)
    (org / "sources.toml").write_text(sources_toml(site, interval=0.3))  # a run of some seconds
    listed = sum(1 for items in site.lists.values() for i in items if i.day.year == 2025) + sum(
        1 for _, _, day in site.feed_entries if day.year == 2025
    )  # the lists' entries and the feed's
    store = tmp_path / "media.duckdb"
    shutil.copyfile(demo_db, store)
    env = {"PRESSWATCH_ORG": str(org)}
    try:
        with (
            streamlit_process(store, tmp_path, secrets='[access]\nmode = "none"\n', env=env) as (
                url,
                _,
            ),
            sync_playwright() as playwright,
        ):
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(f"{url}/{YEAR}")
            drawn(page)
            before = appearances_shown(page)

            page.goto(f"{url}/import_data")
            page.get_by_role("tab", name="Sources").click()
            page.get_by_role("button", name="Check now").wait_for()
            page.get_by_role("button", name="Check now").click()
            page.get_by_text("Checking the sources").wait_for()
            # the page stays usable while the run goes on: the other tab answers
            page.get_by_role("tab", name="Files").click()
            page.get_by_text("Add coverage").wait_for()
            page.get_by_role("tab", name="Sources").click()
            page.get_by_text(f"Check done: {listed} new.").wait_for()
            assert page.get_by_text("needs attention").count() == 0
            page.screenshot(path=str(ROOT / "tests/browser/screenshots/sources_tab.png"))

            page.goto(f"{url}/{YEAR}")
            drawn(page)
            assert appearances_shown(page) == before + listed

            page.goto(f"{url}/about")
            page.get_by_text("site-fr").first.wait_for()
            assert page.get_by_text("not read yet").count() == 0
            browser.close()
    finally:
        site.stop()
    assert site.paths().count("/robots.txt") == 1
