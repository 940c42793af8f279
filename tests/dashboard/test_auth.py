"""Access control: who sees the dashboard, who may import or remove data."""

from __future__ import annotations

import asyncio
import itertools
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from bench.load import Session
from dashboard import auth
from dashboard.auth import (
    AccessConfig,
    AccessConfigError,
    Role,
    hash_password,
    load_config,
    password_opens,
    role_for_identity,
    verify_password,
)
from dashboard.throttle import Client, Limits, Refusal, SignInThrottle, Ticket, duration
from tests.live_server import launch_chromium, streamlit_server, sync_playwright

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
def fresh_throttle(monkeypatch):
    monkeypatch.setattr(auth, "THROTTLE", SignInThrottle())


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


def sign_in(at: AppTest, password: str, role: Role = Role.VIEWER) -> AppTest:
    at.radio(key="presswatch_sign_in_role").set_value(role)
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


def test_each_shared_password_opens_its_own_role_only(password_secrets):
    config = load_config(password_secrets)
    assert password_opens(EDITOR_PASSWORD, Role.EDITOR, config)
    assert password_opens(VIEWER_PASSWORD, Role.VIEWER, config)
    assert not password_opens(EDITOR_PASSWORD, Role.VIEWER, config)
    assert not password_opens(VIEWER_PASSWORD, Role.EDITOR, config)
    assert not password_opens("guess", Role.EDITOR, config)
    only_viewers = {"access": {**password_secrets["access"], "editor_password_hash": ""}}
    assert not password_opens(EDITOR_PASSWORD, Role.EDITOR, load_config(only_viewers))


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
        ({"mode": "none", "allow_open_network": "yes"}, "true or false"),
        ({"mode": "password", "editor_password_hash": "x", "lockout_after": 3}, "not a hash"),
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
    assert at.error[0].value.startswith("That is not the viewer password.")
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
    at = sign_in(small_app(password_secrets, page="import"), EDITOR_PASSWORD, Role.EDITOR)
    assert headers(at) == ["Import coverage"]


def test_signing_out_brings_back_the_sign_in_form(password_secrets):
    at = sign_in(small_app(password_secrets), EDITOR_PASSWORD, Role.EDITOR)
    at.sidebar.button[0].click().run()
    assert "Coverage dashboard" not in headers(at)
    assert at.text_input[0].label == "Password"


def password_app(password_secrets, **limits) -> AppTest:
    return small_app({"access": {**password_secrets["access"], **limits}})


def test_the_sign_in_asks_for_a_role_only_when_both_have_a_password(password_secrets):
    at = small_app(password_secrets)
    assert at.radio(key="presswatch_sign_in_role").options == ["Viewer", "Editor"]
    only_editors = {"access": {**password_secrets["access"], "viewer_password_hash": ""}}
    at = small_app(only_editors)
    assert not at.radio
    at.text_input[0].input(EDITOR_PASSWORD)
    assert headers(at.button[0].click().run()) == ["Coverage dashboard"]


def test_wrong_passwords_lock_this_browser_out_of_that_role_saying_for_how_long(password_secrets):
    at = password_app(password_secrets, lockout_after=3, lockout_seconds=270)
    at = sign_in(at, "guess-1", Role.EDITOR)
    assert at.error[0].value == (
        "That is not the editor password. This browser has 2 more tries, then waits 4 min 30 s "
        "before the next."
    )
    at = sign_in(at, "guess-2", Role.EDITOR)
    assert "has 1 more try," in at.error[0].value
    at = sign_in(at, "guess-3", Role.EDITOR)
    locked = "Too many wrong passwords for the editor role from this browser; try again in 4 min"
    assert at.error[0].value.startswith("That is not the editor password. " + locked)
    # Locked out: even the right password is not checked, and the page says why.
    at = sign_in(at, EDITOR_PASSWORD, Role.EDITOR)
    assert at.error[0].value.startswith(locked)
    assert "Coverage dashboard" not in headers(at)
    # The viewer role has its own count: the same browser still signs in as a viewer.
    at = sign_in(at, VIEWER_PASSWORD, Role.VIEWER)
    assert headers(at) == ["Coverage dashboard"]
    assert "viewer" in at.sidebar.caption[0].value


def test_signing_in_as_a_viewer_does_not_reset_the_editor_count(password_secrets):
    at = password_app(password_secrets, lockout_after=3)
    at = sign_in(at, "guess-1", Role.EDITOR)
    at = sign_in(at, "guess-2", Role.EDITOR)
    at = sign_in(at, VIEWER_PASSWORD, Role.VIEWER)
    assert headers(at) == ["Coverage dashboard"]
    at.sidebar.button[0].click().run()  # sign out, and guess the editor's again
    at = sign_in(at, "guess-3", Role.EDITOR)
    assert "Too many wrong passwords for the editor role from this browser" in at.error[0].value


def test_an_editor_who_gets_it_right_starts_a_fresh_count(password_secrets):
    at = password_app(password_secrets, lockout_after=3)
    at = sign_in(at, "guess-1", Role.EDITOR)
    at = sign_in(at, "guess-2", Role.EDITOR)
    at = sign_in(at, EDITOR_PASSWORD, Role.EDITOR)
    at.sidebar.button[0].click().run()
    at = sign_in(at, "typo", Role.EDITOR)
    assert "has 2 more tries" in at.error[0].value


@pytest.mark.parametrize(
    "setting, value",
    [
        ("lockout_after", 0),
        ("lockout_after", 2.5),
        ("lockout_after", "3"),
        ("lockout_seconds", -1),
        ("lockout_seconds", True),
        ("role_failure_limit", 0),
        ("role_failure_window_seconds", "a minute"),
    ],
)
def test_unusable_throttle_settings_are_refused_with_a_reason(password_secrets, setting, value):
    with pytest.raises(AccessConfigError, match=setting):
        load_config({"access": {**password_secrets["access"], setting: value}})


def test_the_throttle_settings_are_read_from_the_access_section(password_secrets):
    settings = {"lockout_after": 5, "lockout_seconds": 1.5, "role_failure_limit": 4}
    limits = load_config({"access": {**password_secrets["access"], **settings}}).limits
    assert limits == Limits(5, 1.5, 4, Limits().role_failure_window_seconds)
    assert load_config(password_secrets).limits == Limits()


# ---------- without access control, the dashboard stays on this machine


@pytest.fixture
def listening_on():
    """Streamlit's server.address as `streamlit run --server.address` would set it."""
    original = streamlit_config.get_option("server.address")
    yield lambda address: streamlit_config.set_option("server.address", address)
    streamlit_config.set_option("server.address", original)


@pytest.mark.parametrize(
    "address, said", [("0.0.0.0", "on 0.0.0.0"), ("192.168.1.20", "on 192.168.1.20"),
                      ("::", "on ::"), (None, "on every network interface")],
)  # fmt: skip
def test_without_access_control_a_server_open_to_the_network_refuses_to_serve(
    listening_on, address, said
):
    listening_on(address)
    for page in (None, "import"):
        at = small_app({"access": {"mode": "none"}}, page=page)
        assert headers(at) == ["Presswatch is not open to the network without a sign-in"]
        assert f"the server listens {said} (Streamlit's `server.address`)" in at.error[0].value
        assert "everyone who reaches the dashboard an editor" in at.error[0].value
        fixes = at.markdown[0].value
        assert 'server.address = "localhost"' in fixes and 'mode = "password"' in fixes
        assert "allow_open_network = true" in fixes
        assert not at.exception
    at = small_app({})  # no [access] section: the same mode "none"
    assert "Coverage dashboard" not in headers(at)


@pytest.mark.parametrize("address", ["localhost", "127.0.0.1", "::1"])
def test_without_access_control_a_server_on_this_machine_serves(listening_on, address):
    listening_on(address)
    assert headers(small_app({"access": {"mode": "none"}})) == ["Coverage dashboard"]


def test_an_open_network_is_served_when_the_settings_say_so_on_purpose(
    listening_on, password_secrets
):
    listening_on("0.0.0.0")
    at = small_app({"access": {"mode": "none", "allow_open_network": True}}, page="import")
    assert headers(at) == ["Import coverage"]
    at = small_app(password_secrets)  # a sign-in guards it: nothing to refuse
    assert at.text_input[0].label == "Password"


@pytest.mark.parametrize(
    "address, connection, said",
    [
        ("0.0.0.0", {}, "the server listens on 0.0.0.0"),
        # a proxy on this machine passing on a visitor from elsewhere
        ("127.0.0.1", {"headers": {"X-Forwarded-For": "198.51.100.9"}},
         "asked for from another machine (198.51.100.9)"),
        # a local server reached under another name (a site rebinding its name to 127.0.0.1)
        ("127.0.0.1", {"host": "presswatch.example.org"}, "asked for as presswatch.example.org:"),
    ],
)  # fmt: skip
def test_the_real_server_refuses_without_access_control_when_reached_from_beyond_this_machine(
    demo_db, tmp_path, address, connection, said
):
    async def page_texts(port, **options):
        session = Session(port, **options)
        try:
            result = await session.open()
        finally:
            await session.close()
        return " ".join(text for _, text in result.texts), result.appearances

    with streamlit_server(demo_db, tmp_path, address=address) as url:
        port = int(url.rpartition(":")[2])
        texts, appearances = asyncio.run(page_texts(port, **connection))
        assert said in texts and "allow_open_network = true" in texts
        assert appearances is None  # no dashboard drawn
        if address == "127.0.0.1":  # the same server, asked for as itself, serves
            texts, appearances = asyncio.run(page_texts(port))
            assert "not open to the network" not in texts and appearances is not None


# ---------- the throttle's rules, on a clock the test moves

LIMITS = Limits(lockout_after=3, lockout_seconds=30, role_failure_limit=10)
HOME = Client("203.0.113.7", "browser-a")


@pytest.fixture
def clock():
    now = [1000.0]
    return now


@pytest.fixture
def throttle(clock):
    return SignInThrottle(clock=lambda: clock[0])


def wrong(throttle, role="editor", client=HOME, limits=LIMITS):
    verdict = throttle.begin(role, client, limits)
    if isinstance(verdict, Ticket):
        throttle.finish(verdict, right=False)
    return verdict


def right(throttle, role="editor", client=HOME, limits=LIMITS):
    verdict = throttle.begin(role, client, limits)
    assert isinstance(verdict, Ticket), verdict
    throttle.finish(verdict, right=True)


def test_tries_sent_at_once_are_counted_before_any_is_answered(throttle):
    # Eight guesses arrive together: none has been checked when the next one is taken.
    verdicts = [throttle.begin("editor", HOME, LIMITS) for _ in range(8)]
    assert [isinstance(v, Ticket) for v in verdicts] == [True] * 3 + [False] * 5
    assert all(v.browser and v.role == "editor" for v in verdicts[3:])
    # The same from new browser ids: the role's budget too is spent before any answer.
    browsers = new_browsers("198.51.100.40")
    verdicts = [throttle.begin("viewer", next(browsers), LIMITS) for _ in range(30)]
    assert sum(isinstance(v, Ticket) for v in verdicts) == LIMITS.role_failure_limit


def test_tries_from_many_threads_at_once_get_no_more_checks_than_allowed(password_secrets):
    config = load_config(password_secrets)
    throttle = SignInThrottle()
    start = threading.Barrier(8)
    checked = []

    def guess(n):
        start.wait()
        verdict = throttle.begin("editor", HOME, LIMITS)
        if isinstance(verdict, Ticket):
            checked.append(n)
            throttle.finish(verdict, password_opens(f"guess-{n}", Role.EDITOR, config))

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == LIMITS.lockout_after


def test_the_lockout_doubles_with_each_further_wrong_password_up_to_an_hour(throttle, clock):
    waits = [0.0]
    for _ in range(12):
        clock[0] += waits[-1]  # wait out the lockout, then guess again
        verdict = wrong(throttle)
        assert isinstance(verdict, Ticket)
        waits.append(verdict.locks_for)
    waits.pop(0)
    assert waits[:3] == [0, 0, 30]
    assert waits[3:8] == [60, 120, 240, 480, 960]
    assert waits[-1] == 3600
    refused = wrong(throttle)
    assert isinstance(refused, Refusal) and refused.message == (
        "Too many wrong passwords for the editor role from this browser; try again in 1 h."
    )


def test_the_time_to_wait_counts_down(throttle, clock):
    for _ in range(3):
        wrong(throttle, limits=Limits(lockout_seconds=300))
    clock[0] += 29.5
    assert wrong(throttle).message.endswith("try again in 4 min 31 s.")


def test_a_lockout_holds_one_browser_and_one_role_only(throttle):
    for _ in range(3):
        wrong(throttle)
    assert isinstance(wrong(throttle), Refusal)
    assert isinstance(wrong(throttle, client=Client(HOME.address, "browser-b")), Ticket)
    assert isinstance(wrong(throttle, client=Client("198.51.100.1", HOME.browser)), Ticket)
    assert isinstance(wrong(throttle, role="viewer"), Ticket)
    right(throttle, role="viewer")
    assert isinstance(wrong(throttle), Refusal)  # the viewer's success changed nothing here


def test_a_quiet_day_forgets_a_browser_count(throttle, clock):
    for _ in range(3):
        wrong(throttle)
    clock[0] += 24 * 3600 + 60
    verdict = wrong(throttle)
    assert isinstance(verdict, Ticket) and verdict.tries_left == 2


def new_browsers(address="203.0.113.7"):
    return (Client(address, f"fresh-{n}") for n in itertools.count())


def test_new_browser_ids_do_not_buy_more_guesses_than_the_role_allows(throttle, clock):
    browsers = new_browsers()
    checked = [wrong(throttle, client=next(browsers)) for _ in range(30)]
    assert sum(isinstance(v, Ticket) for v in checked) == LIMITS.role_failure_limit
    refusal = checked[-1]
    assert not refusal.browser
    assert "for the editor role have been tried recently" in refusal.message
    assert refusal.message.endswith(
        "try again in 1 min. A browser that has signed in as editor before is let through."
    )
    assert isinstance(wrong(throttle, role="viewer", client=next(browsers)), Ticket)
    clock[0] += LIMITS.role_failure_window_seconds
    assert isinstance(wrong(throttle, client=next(browsers)), Ticket)


def test_when_the_role_budget_is_spent_known_browsers_and_other_addresses_still_get_in(
    throttle, clock
):
    editor_laptop = Client("203.0.113.7", "editor-laptop")
    right(throttle, client=editor_laptop)  # signed in yesterday
    clock[0] += 3600
    browsers = new_browsers()
    while isinstance(wrong(throttle, client=next(browsers)), Ticket):
        pass
    assert isinstance(wrong(throttle, client=next(browsers)), Refusal)
    right(throttle, client=editor_laptop)  # same address as the guesses, but known
    right(throttle, client=Client("198.51.100.20", "new-browser"))  # an address with no failure
    # One check each, not a way round: that address is now counted like the first one.
    assert isinstance(wrong(throttle, client=Client("198.51.100.21", "other")), Ticket)
    assert isinstance(wrong(throttle, client=Client("198.51.100.21", "yet-another")), Refusal)


def test_a_right_password_while_guesses_run_does_not_clear_their_address(throttle, clock):
    editor_laptop = Client("203.0.113.7", "editor-laptop")
    right(throttle, client=editor_laptop)
    clock[0] += 3600
    signing_in = throttle.begin("editor", editor_laptop, LIMITS)
    assert isinstance(wrong(throttle, client=Client("203.0.113.7", "guesser")), Ticket)
    throttle.finish(signing_in, right=True)
    elsewhere = new_browsers("198.51.100.30")
    for _ in range(LIMITS.role_failure_limit - 1):
        assert isinstance(wrong(throttle, client=next(elsewhere)), Ticket)
    assert isinstance(wrong(throttle, client=Client("203.0.113.7", "guesser-2")), Refusal)


def test_a_right_password_gives_back_what_its_try_counted(throttle):
    browsers = new_browsers()
    for _ in range(LIMITS.role_failure_limit - 1):
        wrong(throttle, client=next(browsers))
    for _ in range(5):
        right(throttle, client=next(browsers))
    assert isinstance(wrong(throttle, client=next(browsers)), Ticket)
    assert isinstance(wrong(throttle, client=next(browsers)), Refusal)


@pytest.mark.parametrize(
    "seconds, said",
    [(0.2, "1 s"), (45, "45 s"), (60, "1 min"), (270, "4 min 30 s"), (3600, "1 h"),
     (3900, "1 h 5 min"), (44.01, "45 s")],
)  # fmt: skip
def test_waits_are_said_in_hours_minutes_and_seconds_rounded_up(seconds, said):
    assert duration(seconds) == said


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
    with sync_playwright() as playwright:
        chrome = launch_chromium(playwright)
        yield chrome.new_page()
        chrome.close()


def browser_sign_in(page, url: str, password: str, role: Role = Role.VIEWER) -> None:
    page.goto(url)
    field = page.get_by_label("Password", exact=True)
    field.wait_for()
    assert page.get_by_role("heading", name="Overview").count() == 0
    page.get_by_text(role.value.capitalize(), exact=True).click()
    field.fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


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
    browser_sign_in(page, f"{password_server}/import_data", EDITOR_PASSWORD, Role.EDITOR)
    page.locator('[data-testid="stFileUploader"]').wait_for()
    assert page.get_by_role("heading", name="Editors only").count() == 0
