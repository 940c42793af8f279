"""Access control: who sees the dashboard, who may import or remove data."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth
from dashboard.auth import (
    AccessConfig,
    AccessConfigError,
    FailedAttempts,
    Role,
    hash_password,
    load_config,
    role_for_identity,
    role_for_password,
    verify_password,
)
from tests.live_server import CHROMIUM, NO_CHROMIUM, launch_chromium, streamlit_server

ROOT = Path(__file__).resolve().parents[2]
VIEWER_PASSWORD = "viewers-read-the-coverage"
EDITOR_PASSWORD = "editors-feed-the-store-42"

# A stand-in for app.py: the same two calls, a dashboard page and an editor page.
SMALL_APP = """
import streamlit as st
from dashboard.auth import current_role, require_editor

role = current_role()
if st.query_params.get("page") == "import":
    require_editor(role)
    st.header("Import coverage")
else:
    st.header("Coverage dashboard")
"""


@pytest.fixture(scope="module")
def password_secrets():
    return {
        "access": {
            "mode": "password",
            "viewer_password_hash": hash_password(VIEWER_PASSWORD),
            "editor_password_hash": hash_password(EDITOR_PASSWORD),
        }
    }


@pytest.fixture(autouse=True)
def fresh_attempts(monkeypatch):
    monkeypatch.setattr(auth, "FAILED_ATTEMPTS", FailedAttempts())


def small_app(secrets: dict, page: str | None = None, user: dict | None = None) -> AppTest:
    at = AppTest.from_string(SMALL_APP, default_timeout=30)
    at.secrets = secrets
    if user is not None:
        at.user = user
    if page:
        at.query_params["page"] = page
    return at.run()


def headers(at: AppTest) -> list[str]:
    return [h.value for h in at.header] + [t.value for t in at.title]


def sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input[0].input(password)
    return at.button[0].click().run()


# ---------- passwords are stored only as salted hashes


def test_a_password_hash_never_contains_the_password_and_is_salted():
    first, second = hash_password(EDITOR_PASSWORD), hash_password(EDITOR_PASSWORD)
    assert EDITOR_PASSWORD not in first
    assert first != second
    assert verify_password(EDITOR_PASSWORD, first) and verify_password(EDITOR_PASSWORD, second)
    assert not verify_password(EDITOR_PASSWORD + "x", first)
    assert not verify_password("", first)


def test_the_hash_command_prints_a_hash_that_opens_with_the_typed_password():
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.auth", "hash"],
        input=EDITOR_PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    printed = result.stdout.strip()
    assert EDITOR_PASSWORD not in result.stdout
    assert verify_password(EDITOR_PASSWORD, printed)


def test_the_hash_command_refuses_a_short_password():
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.auth", "hash"],
        input="short\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "12 characters" in result.stderr


def test_each_shared_password_opens_its_own_role(password_secrets):
    config = load_config(password_secrets)
    assert role_for_password(EDITOR_PASSWORD, config) is Role.EDITOR
    assert role_for_password(VIEWER_PASSWORD, config) is Role.VIEWER
    assert role_for_password("guess", config) is None


# ---------- settings that cannot be used say what to fix, and never open the doors


def test_without_an_access_section_there_is_no_access_control():
    assert load_config({}).mode == "none"


@pytest.mark.parametrize(
    "section, complaint",
    [
        ({"mode": "passwords"}, "unknown"),
        ({"mode": "password"}, "python -m dashboard.auth hash"),
        ({"mode": "password", "editor_password_hash": "hunter2"}, "not a hash"),
        ({"mode": "sso"}, "list of viewers"),
        ({"mode": "sso", "viewers": "@example.org"}, "list of strings"),
        ({"mode": "sso", "viewers": ["example.org"]}, "neither an address"),
        ({"mode": "sso", "editors": ["@example.org"]}, "[auth] section"),
    ],
)
def test_unusable_access_settings_are_refused_with_a_reason(section, complaint):
    with pytest.raises(AccessConfigError, match=complaint.replace("[", r"\[").replace("]", r"\]")):
        load_config({"access": section})


def test_unusable_access_settings_close_the_dashboard_with_the_reason():
    at = small_app({"access": {"mode": "password", "editor_password_hash": "plain-text"}})
    assert "Coverage dashboard" not in headers(at)
    assert "cannot be used" in headers(at)[0]
    assert "not a hash" in at.error[0].value
    assert not at.exception


# ---------- the sign-in page


def test_without_access_control_everyone_sees_the_dashboard_and_the_import_page():
    at = small_app({"access": {"mode": "none"}})
    assert headers(at) == ["Coverage dashboard"]
    at = small_app({"access": {"mode": "none"}}, page="import")
    assert headers(at) == ["Import coverage"]


def test_a_visitor_without_the_password_sees_only_the_sign_in_form(password_secrets):
    at = small_app(password_secrets)
    assert "Coverage dashboard" not in headers(at)
    assert at.text_input[0].label == "Password"
    at = sign_in(at, "not-the-password")
    assert "Coverage dashboard" not in headers(at)
    assert "not right" in at.error[0].value
    assert not at.exception


def test_a_viewer_sees_the_dashboard_and_a_polite_refusal_on_the_import_page(password_secrets):
    at = sign_in(small_app(password_secrets), VIEWER_PASSWORD)
    assert headers(at) == ["Coverage dashboard"]
    assert "viewer" in at.sidebar.caption[0].value
    at.query_params["page"] = "import"
    at.run()
    assert "Import coverage" not in headers(at)
    assert headers(at) == ["Editors only"]
    assert "editors only" in at.info[0].value
    assert not at.exception


def test_an_editor_sees_the_import_page(password_secrets):
    at = sign_in(small_app(password_secrets, page="import"), EDITOR_PASSWORD)
    assert headers(at) == ["Import coverage"]


def test_signing_out_brings_back_the_sign_in_form(password_secrets):
    at = sign_in(small_app(password_secrets), EDITOR_PASSWORD)
    at.sidebar.button[0].click().run()
    assert "Coverage dashboard" not in headers(at)
    assert at.text_input[0].label == "Password"


def test_wrong_passwords_make_the_next_try_wait_longer_each_time(password_secrets):
    at = small_app(password_secrets)
    delays = []
    for _ in range(3):
        at = sign_in(at, "a-wrong-guess")
        delays.append(auth.FAILED_ATTEMPTS.delay("local"))
    assert 0 < delays[0] < delays[1] < delays[2]
    at = sign_in(at, VIEWER_PASSWORD)
    assert headers(at) == ["Coverage dashboard"]
    assert auth.FAILED_ATTEMPTS.delay("local") == 0


def test_the_wait_after_failures_doubles_is_capped_and_is_forgotten_after_a_quiet_spell():
    now = [1000.0]
    attempts = FailedAttempts(clock=lambda: now[0])
    assert attempts.delay("1.2.3.4") == 0
    for _ in range(20):
        attempts.failed("1.2.3.4")
    assert attempts.delay("1.2.3.4") == FailedAttempts.MAX_DELAY
    assert attempts.delay("5.6.7.8") == 0  # another client is not slowed by this one
    attempts.failed("5.6.7.8")
    attempts.failed("5.6.7.8")
    assert attempts.delay("5.6.7.8") == 2 * FailedAttempts.FIRST_DELAY
    now[0] += FailedAttempts.FORGET_AFTER + 1
    assert attempts.delay("1.2.3.4") == 0


# ---------- single sign-on: the decision is a pure function of the identity and the lists

SSO = AccessConfig(
    mode="sso",
    viewers=("@example.org", "journalist.friend@gmail.com"),
    editors=("press.office@example.org",),
)


@pytest.mark.parametrize(
    "email, verified, role",
    [
        ("press.office@example.org", True, Role.EDITOR),
        ("Press.Office@Example.ORG", True, Role.EDITOR),
        ("analyst@example.org", True, Role.VIEWER),
        ("analyst@example.org", None, Role.VIEWER),  # providers that do not send the claim
        ("journalist.friend@gmail.com", True, Role.VIEWER),
        ("someone.else@gmail.com", True, None),
        ("analyst@example.org", False, None),  # unverified addresses prove nothing
        ("mallory@evil-example.org", True, None),
        ("mallory@example.org.evil.com", True, None),
        ("mallory@sub.example.org", True, None),
        ("", True, None),
        (None, True, None),
    ],
)
def test_single_sign_on_gives_each_identity_the_role_its_lists_say(email, verified, role):
    assert role_for_identity(email, verified, SSO) is role


SSO_SECRETS = {
    "access": {"mode": "sso", "viewers": ["@example.org"], "editors": ["press@example.org"]},
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "not-used-in-this-test",
        "client_id": "presswatch",
        "client_secret": "not-used-in-this-test",
        "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
    },
}


def test_single_sign_on_asks_a_visitor_to_sign_in_first():
    at = small_app(SSO_SECRETS, user={"is_logged_in": False})
    assert "Coverage dashboard" not in headers(at)
    assert at.button[0].label == "Sign in"


def test_single_sign_on_lets_listed_people_in_with_their_role():
    user = {"is_logged_in": True, "email": "analyst@example.org", "email_verified": True}
    at = small_app(SSO_SECRETS, page="import", user=user)
    assert headers(at) == ["Editors only"]
    user = {"is_logged_in": True, "email": "press@example.org", "email_verified": True}
    at = small_app(SSO_SECRETS, page="import", user=user)
    assert headers(at) == ["Import coverage"]
    assert "press@example.org" in at.sidebar.caption[0].value


def test_single_sign_on_turns_away_an_unlisted_account_politely():
    user = {"is_logged_in": True, "email": "visitor@gmail.com", "email_verified": True}
    at = small_app(SSO_SECRETS, user=user)
    assert "Coverage dashboard" not in headers(at)
    assert "visitor@gmail.com" in at.warning[0].value
    assert "not on this dashboard's list" in at.warning[0].value
    assert not at.exception


# ---------- in a real browser, against the real server


@pytest.fixture(scope="module")
def password_server(demo_db, tmp_path_factory, password_secrets):
    workdir = tmp_path_factory.mktemp("signed")
    store = workdir / "media.duckdb"
    shutil.copyfile(demo_db, store)
    access = password_secrets["access"]
    secrets = (
        '[access]\nmode = "password"\n'
        f'viewer_password_hash = "{access["viewer_password_hash"]}"\n'
        f'editor_password_hash = "{access["editor_password_hash"]}"\n'
    )
    with streamlit_server(store, workdir, secrets=secrets) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page():
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chrome = launch_chromium(playwright)
        yield chrome.new_page()
        chrome.close()


def browser_sign_in(page, url: str, password: str) -> None:
    page.goto(url)
    field = page.get_by_label("Password", exact=True)
    field.wait_for()
    assert page.get_by_role("heading", name="Overview").count() == 0
    field.fill(password)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.browser
def test_in_the_browser_a_viewer_has_no_import_page_and_its_address_refuses_politely(
    password_server, browser_page
):
    page = browser_page
    browser_sign_in(page, password_server, VIEWER_PASSWORD)
    page.get_by_role("heading", name="Overview").wait_for()
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text("Outlets").wait_for()
    assert nav.get_by_text("Import data").count() == 0

    browser_sign_in(page, f"{password_server}/import_data", VIEWER_PASSWORD)
    page.get_by_role("heading", name="Editors only").wait_for()
    assert "open to editors only" in page.locator('[data-testid="stAlert"]').inner_text()
    assert page.locator('[data-testid="stFileUploader"]').count() == 0


@pytest.mark.browser
def test_in_the_browser_an_editor_signs_in_at_the_import_page_and_gets_it(
    password_server, browser_page
):
    page = browser_page
    browser_sign_in(page, f"{password_server}/import_data", EDITOR_PASSWORD)
    page.locator('[data-testid="stFileUploader"]').wait_for()
    assert page.get_by_role("heading", name="Editors only").count() == 0
