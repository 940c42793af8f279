"""The Review page in the real server and chromium, with passwords on: an editor opens the queue,
merges an outlet that is not in the list into a known one, sees the Outlets page count it, undoes
the merge and sees the count back; a viewer who types the page's address is refused."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from dashboard.auth import hash_password
from data.ingest import apply_import, plan_import
from data.organisation import load_organisation
from data.store import open_read_only
from tests.live_server import streamlit_server

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
PASSWORDS = {"viewer": "viewers-read-the-coverage", "editor": "editors-feed-the-store-42"}
CLIPPINGS = (
    "date,outlet,headline,experts,tags,url\n"
    "2025-10-05,Gazette du Littoral,Un port en mutation,Jeanne Nouvelle-Venue,Ports du Nord,"
    "https://gazette.example/port\n"
    "2025-10-06,Gazette du Littoral,Le port rouvre,,Ports du Nord,https://gazette.example/rouvre\n"
)
COUNTED = re.compile(r"^([\d,]+) appearances?; the 100 most recent below\.$")


@pytest.fixture
def server(demo_db, tmp_path):
    store = tmp_path / "media.duckdb"
    shutil.copyfile(demo_db, store)
    con = open_read_only(store)
    try:
        plan = plan_import([("clips.csv", CLIPPINGS.encode())], con, load_organisation())
    finally:
        con.close()
    apply_import(plan, store, origin="cli")  # an outlet the organisation's list does not hold
    secrets = '[access]\nmode = "password"\n' + "".join(
        f'{role}_password_hash = "{hash_password(password)}"\n'
        for role, password in PASSWORDS.items()
    )
    with streamlit_server(store, tmp_path, secrets=secrets) as url:
        yield url


def idle(page) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_timeout(300)  # the last deltas of the run


def sign_in(page, url: str, role: str) -> None:
    page.goto(url)
    page.get_by_text(role.capitalize(), exact=True).click()
    page.get_by_label("Password", exact=True).fill(PASSWORDS[role])
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_selector('[data-testid="stSidebar"]')
    idle(page)


def le_monde_count(page) -> int:
    """What the Outlets page says of Le Monde, all time: 'N appearances; the 100 most...'."""
    page.get_by_role("link", name="Outlets").first.click()
    page.get_by_text(COUNTED).first.wait_for()
    idle(page)
    return int(COUNTED.match(page.get_by_text(COUNTED).first.inner_text())[1].replace(",", ""))


def open_review(page) -> None:
    page.get_by_role("link", name=re.compile(r"^Review \([\d,]+\)$")).click()
    page.get_by_text("What waits").wait_for()
    idle(page)


def combobox(page, label: str):
    box = page.locator('[data-testid="stMain"] [data-testid="stWidgetLabel"]', has_text=label)
    return box.first.locator("xpath=..").locator('input[role="combobox"]').first


def choose(page, label: str, option: str) -> None:
    widget = combobox(page, label)
    widget.click()
    widget.fill(option)
    page.get_by_role("option", name=option, exact=True).first.click()
    idle(page)


def test_an_editor_merges_an_unknown_outlet_and_undoes_it_a_viewer_is_refused(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1300})
    page.set_default_timeout(60_000)
    sign_in(page, f"{server}/outlets?period=all&outlet=le-monde", "editor")
    before = le_monde_count(page)

    open_review(page)
    page.get_by_text("Gazette du Littoral").first.wait_for()
    page.get_by_text("From clips.csv, row 2: Un port en mutation").wait_for()
    page.get_by_label("Your name, recorded with each edit", exact=True).fill("Claire")
    page.keyboard.press("Enter")
    idle(page)
    page.screenshot(path=str(ROOT / "tests/browser/screenshots/review.png"), full_page=True)
    choose(page, "Merge into…", "Le Monde")
    page.get_by_role("button", name="Merge", exact=True).click()
    page.get_by_text("Merged Gazette du Littoral into Le Monde").wait_for()
    page.get_by_text("Outlets not in the list (0)").wait_for()
    idle(page)

    assert le_monde_count(page) == before + 2

    open_review(page)
    page.locator('[data-testid="stMain"]').get_by_text("History", exact=True).click()
    idle(page)
    combobox(page, "Edit to undo").click()
    page.get_by_role("option", name=re.compile(r"merged_into$")).first.click()
    idle(page)
    page.get_by_role("button", name="Undo", exact=True).click()
    page.get_by_text(re.compile(r"^Edit \d+ is undone")).wait_for()
    idle(page)
    assert le_monde_count(page) == before
    open_review(page)
    page.get_by_text("Outlets not in the list (1)").wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()

    viewer = browser.new_page(viewport={"width": 1280, "height": 900})
    viewer.set_default_timeout(60_000)
    sign_in(viewer, f"{server}/review", "viewer")
    viewer.get_by_role("heading", name="Editors only").wait_for()
    assert viewer.get_by_text("What waits").count() == 0
    assert viewer.get_by_role("link", name=re.compile(r"^Review")).count() == 0
    viewer.close()
