"""A viewer's browser asks nothing of any server but the dashboard's own: from the sign-in page
through every dashboard page, each request goes to 127.0.0.1 (no font, icon or script from a
content network), and the page's icon is drawn in the page itself."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest

from dashboard.auth import hash_password
from tests.live_server import launch_chromium, streamlit_server, sync_playwright

pytestmark = pytest.mark.browser

VIEWER_PASSWORD = "viewers-read-the-coverage"
PAGES = ("Coverage over time", "Outlets", "Experts", "Topics", "Articles", "About the data")
LOCAL = {"127.0.0.1", "localhost"}
IN_PAGE = {"data", "blob", "about"}  # drawn by the browser itself, no request leaves it


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("local-only")
    store = workdir / "media.duckdb"
    shutil.copyfile(demo_db, store)
    secrets = (
        '[access]\nmode = "password"\n'
        f'viewer_password_hash = "{hash_password(VIEWER_PASSWORD)}"\n'
        f'editor_password_hash = "{hash_password("editors-feed-the-store-42")}"\n'
    )
    with streamlit_server(store, workdir, secrets=secrets) as url:
        yield url


def outside(urls: list[str]) -> list[str]:
    return [
        u for u in urls if urlsplit(u).scheme not in IN_PAGE and urlsplit(u).hostname not in LOCAL
    ]


def test_a_viewers_browser_makes_no_request_beyond_the_dashboard(server):
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(60_000)
            page = context.new_page()
            asked: list[str] = []
            page.on("request", lambda request: asked.append(request.url))
            page.on("websocket", lambda socket: asked.append(socket.url))

            page.goto(server)
            page.get_by_label("Password", exact=True).fill(VIEWER_PASSWORD)
            page.get_by_role("button", name="Sign in", exact=True).click()
            page.get_by_role("heading", name="Overview").wait_for()
            for title in ("Overview", *PAGES):  # through the menu: the same signed-in session
                page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
                page.get_by_role("heading", name=title).first.wait_for()
                page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
                page.wait_for_load_state("networkidle")
                icon = page.locator("link[rel='shortcut icon']").get_attribute("href")
                asked.append(icon)  # a browser may or may not fetch it: it must be local anyway
        finally:
            browser.close()
    assert any(urlsplit(u).path.endswith("/_stcore/stream") for u in asked)  # it did record
    assert outside(asked) == []
    assert icon.startswith("data:image/svg+xml")  # the emoji, drawn in the page
