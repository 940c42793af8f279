"""Who may see the dashboard, and who may change its data.

Configured in `.streamlit/secrets.toml` (see `.streamlit/secrets.example.toml`):

    [access]
    mode = "none"        # none | password | sso
    # mode = "password": one shared password per role, stored only as a salted hash
    viewer_password_hash = "scrypt$..."   # from `python -m dashboard.auth hash`
    editor_password_hash = "scrypt$..."
    # mode = "sso": Streamlit's OpenID Connect login (an [auth] section), then these lists,
    # each entry a full address or "@domain"
    viewers = ["@example.org"]
    editors = ["press.office@example.org"]

With no [access] section the mode is "none": everyone who reaches the server is an editor, so
the server listens on localhost only (.streamlit/config.toml), and the app itself refuses to
serve when it listens on another address or is reached from another machine, unless
`allow_open_network = true` says the network is trusted on purpose. A setting that cannot be read
closes the dashboard with a message saying what to fix: access control never fails open.

Wrong passwords are limited per role and browser and per role overall (dashboard/throttle.py);
the limits can be set in [access]: lockout_after, lockout_seconds, role_failure_limit,
role_failure_window_seconds.

Viewers see the dashboard; editors also see the Import page and can remove data.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import ipaddress
import secrets
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from pathlib import Path

import streamlit as st
from streamlit import config as streamlit_config

from dashboard.throttle import Client, Limits, Refusal, SignInThrottle, duration


class Role(StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"


class AccessConfigError(ValueError):
    """The [access] settings cannot be used; the message says what to fix."""


MODES = ("none", "password", "sso")


@dataclass(frozen=True)
class AccessConfig:
    mode: str = "none"
    password_hashes: tuple[tuple[Role, str], ...] = ()  # editor first: it is the stronger role
    viewers: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    allow_open_network: bool = False  # mode "none" only: serve beyond localhost on purpose
    limits: Limits = field(default_factory=Limits)


def load_config(secrets_: Mapping) -> AccessConfig:
    """Read the [access] section of the secrets; raise AccessConfigError on anything unusable."""
    section = secrets_.get("access")
    if section is None:
        return AccessConfig()
    mode = str(section.get("mode", "none")).strip().lower()
    if mode not in MODES:
        raise AccessConfigError(f"[access] mode = {mode!r} is unknown; use one of {MODES}.")
    open_network = section.get("allow_open_network", False)
    if not isinstance(open_network, bool):
        raise AccessConfigError(
            "[access] allow_open_network must be true or false (without quotes)."
        )
    if mode == "none":
        return AccessConfig(allow_open_network=open_network)
    if mode == "password":
        hashes = []
        for role in (Role.EDITOR, Role.VIEWER):
            stored = section.get(f"{role}_password_hash")
            if stored:
                _parse_hash(str(stored), f"{role}_password_hash")
                hashes.append((role, str(stored)))
        if not hashes:
            raise AccessConfigError(
                "[access] mode = 'password' needs viewer_password_hash and/or "
                "editor_password_hash (make one with `python -m dashboard.auth hash`)."
            )
        return AccessConfig(mode, password_hashes=tuple(hashes), limits=_limits(section))
    viewers = _address_list(section, "viewers")  # mode = "sso"
    editors = _address_list(section, "editors")
    if not (viewers or editors):
        raise AccessConfigError(
            "[access] mode = 'sso' needs a list of viewers and/or editors "
            '(addresses, or "@domain" for everyone at a domain).'
        )
    if "auth" not in secrets_:
        raise AccessConfigError(
            "[access] mode = 'sso' needs Streamlit's [auth] section (redirect_uri, "
            "cookie_secret, client_id, client_secret, server_metadata_url)."
        )
    return AccessConfig(mode, viewers=viewers, editors=editors)


def _limits(section: Mapping) -> Limits:
    values = {}
    for setting in fields(Limits):
        value = section.get(setting.name, setting.default)
        whole = setting.type == "int"
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
            kind = "a whole number" if whole else "a number of seconds"
            raise AccessConfigError(f"[access] {setting.name} must be {kind}.")
        if value <= 0:
            raise AccessConfigError(f"[access] {setting.name} must be above 0.")
        values[setting.name] = value
    return Limits(**values)


def _address_list(section: Mapping, key: str) -> tuple[str, ...]:
    value = section.get(key, [])
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise AccessConfigError(f'[access] {key} must be a list of strings, e.g. ["@example.org"].')
    entries = tuple(v.strip().lower() for v in value if v.strip())
    for entry in entries:
        if entry.count("@") != 1 or entry.endswith("@"):
            raise AccessConfigError(
                f'[access] {key}: {entry!r} is neither an address nor "@domain".'
            )
    return entries


# ---------- passwords: scrypt, salted, compared in constant time

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def hash_password(password: str, salt: bytes | None = None) -> str:
    """'scrypt$N$r$p$salt$hash' (base64): what goes into secrets.toml, never the password."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    encode = base64.b64encode
    return (
        f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encode(salt).decode()}${encode(digest).decode()}"
    )


def _parse_hash(stored: str, name: str = "password hash") -> tuple[int, int, int, bytes, bytes]:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            raise ValueError
        parsed = int(n), int(r), int(p), base64.b64decode(salt), base64.b64decode(digest)
    except ValueError:
        raise AccessConfigError(
            f"[access] {name} is not a hash made by `python -m dashboard.auth hash`."
        ) from None
    if not (2 <= parsed[0] <= 2**17 and 1 <= parsed[1] <= 16 and 1 <= parsed[2] <= 4):
        raise AccessConfigError(f"[access] {name} has out-of-range scrypt parameters.")
    return parsed


def verify_password(password: str, stored: str) -> bool:
    n, r, p, salt, expected = _parse_hash(stored)
    digest = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=len(expected),
        maxmem=256 * n * r + 2**20,
    )
    return hmac.compare_digest(digest, expected)


def password_opens(password: str, role: Role, config: AccessConfig) -> bool:
    """Whether the password is the shared password of that role."""
    stored = dict(config.password_hashes).get(role)
    return stored is not None and verify_password(password, stored)


THROTTLE = SignInThrottle()  # one per server process: every session counts in it


# ---------- single sign-on: the decision, apart from the provider


def role_for_identity(
    email: str | None, email_verified: bool | None, config: AccessConfig
) -> Role | None:
    """The role an OpenID Connect identity gets from the lists, or None.

    An entry is a full address or "@domain". A provider that says the address is unverified
    gets nothing: anyone can type any address into some providers' sign-up forms.
    """
    if not email or email_verified is False:
        return None
    email = email.strip().lower()
    domain = "@" + email.rpartition("@")[2]
    for role, entries in ((Role.EDITOR, config.editors), (Role.VIEWER, config.viewers)):
        if email in entries or domain in entries:
            return role
    return None


# ---------- Streamlit glue

_ROLE_KEY = "_presswatch_role"


def current_role(page_addresses: Sequence[str] = ()) -> Role:
    """The visitor's role; otherwise draws the sign-in (or a refusal) and stops the script.

    Call it first thing in the app, with the url paths of every page (the default page first),
    so that a link to a page still opens that page once its visitor has signed in. With access
    control on, it also puts "Sign out" in the sidebar.
    """
    try:
        config = load_config(_read_secrets())
    except AccessConfigError as exc:
        _stop_with("The dashboard's access settings cannot be used", str(exc))
    if config.mode == "none":
        reasons = [] if config.allow_open_network else _open_network_reasons()
        if reasons:
            _refuse_open_network(reasons)
        return Role.EDITOR
    if config.mode == "password":
        return _password_role(config, page_addresses)
    return _sso_role(config, page_addresses)


def is_editor(role: Role) -> bool:
    return role is Role.EDITOR


def require_editor(role: Role | None = None) -> None:
    """Stop an editor-only page, politely, for anyone who is not an editor."""
    role = role or current_role()
    if not is_editor(role):
        _refuse_editor_page()


def _refuse_editor_page() -> None:
    st.title("Editors only")
    st.info(
        "This page adds or removes data, so it is open to editors only. "
        "You are signed in as a viewer: the rest of the dashboard is yours to use. "
        "Ask your dashboard's administrator if you need to import coverage."
    )
    st.stop()


def editor_pages(pages: list, role: Role) -> list:
    """The editor-only pages as the navigation should hold them for this role.

    A viewer gets each one hidden from the menu, at the same address, saying it is for editors:
    a typed or bookmarked link then meets a polite refusal rather than "page not found".
    """
    if is_editor(role):
        return pages
    return [
        st.Page(_refuse_editor_page, title=page.title, url_path=page.url_path, visibility="hidden")
        for page in pages
    ]


def _read_secrets() -> Mapping:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError as exc:
        # Streamlit says "not found" for a file it cannot parse too: that must not open the doors.
        if any(Path(p).exists() for p in st.get_option("secrets.files")):
            raise AccessConfigError(f"The secrets file cannot be read: {exc}") from None
        return {}


def _keep_requested_page(page_addresses: Sequence[str]) -> None:
    # The sign-in run registers the app's page addresses (hidden, same ids as the real pages),
    # so the address asked for is kept and the run after sign-in opens that page.
    if page_addresses:
        pages = [
            st.Page(_signing_in, title="Sign in", url_path=address, default=(i == 0))
            for i, address in enumerate(page_addresses)
        ]
        st.navigation(pages, position="hidden")


def _signing_in() -> None:
    """Stands for every page while the sign-in is shown."""


# ---------- mode "none" is for one machine: refuse to serve beyond it


def _open_network_reasons() -> list[str]:
    """Why this page may be reaching beyond the machine the server runs on (none: it is not)."""
    reasons = []
    listening = streamlit_config.get_option("server.address")
    if not _is_local_host(listening):
        where = f"on {listening}" if listening else "on every network interface"
        reasons.append(f"the server listens {where} (Streamlit's `server.address`)")
    peer = st.context.ip_address  # None for 127.0.0.1 and ::1
    if isinstance(peer, str) and peer and not _is_local_host(peer):
        reasons.append(f"this page was asked for from another machine ({peer})")
    host = st.context.headers.get("host")
    if host and not _is_local_host(_host_name(host)):
        # A local server reached under another name: a proxy, or a site rebinding its name.
        reasons.append(f"this page was asked for as {host}")
    return reasons


def _is_local_host(name: str | None) -> bool:
    if not name:
        return False
    name = name.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _host_name(host: str) -> str:
    """'localhost:8501' -> 'localhost', '[::1]:8501' -> '::1'."""
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def _refuse_open_network(reasons: list[str]) -> None:
    st.title("Presswatch is not open to the network without a sign-in")
    st.error(
        'Access control is off (`[access] mode = "none"`), which makes everyone who reaches the '
        "dashboard an editor who can import and remove data, and "
        + "; ".join(reasons)
        + ". So the dashboard is not shown."
    )
    st.markdown(
        "To fix it, either:\n"
        '- serve it on this machine only: `server.address = "localhost"` in '
        "`.streamlit/config.toml` (the default here), without `--server.address`;\n"
        '- or turn on a sign-in: `mode = "password"` or `mode = "sso"` in the `[access]` '
        "section of `.streamlit/secrets.toml` (see `.streamlit/secrets.example.toml`);\n"
        "- or, if everyone on this network may be an editor, say so on purpose with "
        "`allow_open_network = true` in that `[access]` section."
    )
    st.stop()


# ---------- mode "password"

_ROLE_CHOICE_KEY = "presswatch_sign_in_role"
_SESSION_BROWSER_KEY = "_presswatch_session_browser"


def _password_role(config: AccessConfig, page_addresses: Sequence[str]) -> Role:
    role = st.session_state.get(_ROLE_KEY)
    if role in tuple(Role):
        _sidebar_account(Role(role), sign_out=_forget_password_role)
        return Role(role)
    _keep_requested_page(page_addresses)
    st.title("Presswatch")
    roles = [role for role in (Role.VIEWER, Role.EDITOR) if role in dict(config.password_hashes)]
    with st.form("presswatch_sign_in"):
        role = roles[0]
        if len(roles) > 1:
            role = st.radio(
                "Sign in as",
                roles,
                format_func=lambda r: r.value.capitalize(),
                horizontal=True,
                key=_ROLE_CHOICE_KEY,
                help="Viewers see the dashboard; editors also import and remove data.",
            )
        password = st.text_input("Password", type="password", max_chars=200)
        submitted = st.form_submit_button("Sign in")
    if submitted and password:
        _check_password(password, role, config)
    st.stop()


def _check_password(password: str, role: Role, config: AccessConfig) -> None:
    """Counted before it is checked, so tries sent at once cannot outrun the count."""
    ticket = THROTTLE.begin(role.value, _client(), config.limits)
    if isinstance(ticket, Refusal):
        st.error(ticket.message)
        return
    right = False
    try:
        right = password_opens(password, role, config)
    finally:
        THROTTLE.finish(ticket, right)
    if right:
        st.session_state[_ROLE_KEY] = role.value
        st.rerun()
    if ticket.locks_for:
        then = f"Too many wrong passwords for the {role} role from this browser; try again in "
        st.error(f"That is not the {role} password. {then}{duration(ticket.locks_for)}.")
    else:
        tries = "try" if ticket.tries_left == 1 else "tries"
        st.error(
            f"That is not the {role} password. This browser has {ticket.tries_left} more "
            f"{tries}, then waits {duration(config.limits.lockout_seconds)} before the next."
        )


def _client() -> Client:
    """The network (an IPv6 client's /64, which one machine may fill) and the browser's id."""
    ip = st.context.ip_address  # None on localhost
    address = "local"
    if isinstance(ip, str) and ip:
        network = ipaddress.ip_network(f"{ip}/{64 if ':' in ip else 32}", strict=False)
        address = str(network)
    browser = _browser_id(st.context.cookies.get("_streamlit_xsrf"))
    if browser is None:  # a client without cookies: each session counts as its own browser
        browser = st.session_state.setdefault(_SESSION_BROWSER_KEY, secrets.token_hex(16))
    return Client(address, browser)


def _browser_id(xsrf_cookie: str | None) -> str | None:
    """A digest of the token in Streamlit's XSRF cookie: random, per browser, kept across tabs.

    The cookie reads '2|mask|masked token|time'; its mask changes with every page load, the token
    does not. Only its digest is kept, so the counts hold nothing a browser could be spoofed with.
    """
    if not isinstance(xsrf_cookie, str) or not xsrf_cookie:
        return None
    value = xsrf_cookie.strip("\"'")
    try:
        _, mask, masked, _ = value.split("|")
        pairs = zip(bytes.fromhex(mask), bytes.fromhex(masked), strict=True)
        token = bytes(a ^ b for a, b in pairs)
    except ValueError:
        token = value.encode("utf-8", "replace")
    return hashlib.sha256(token).hexdigest()[:32]


def signed_in_as(role: Role) -> str:
    """Who makes a change, as the store records it: the address signed in with, else the role."""
    user = st.user
    address = user.get("email") if user.get("is_logged_in") else None
    return address or role.value


def _forget_password_role() -> None:
    st.session_state.pop(_ROLE_KEY, None)


def _sso_role(config: AccessConfig, page_addresses: Sequence[str]) -> Role:
    user = st.user
    if not user.get("is_logged_in"):
        _keep_requested_page(page_addresses)
        st.title("Presswatch")
        st.write("Sign in with your organisation's account to see the media coverage dashboard.")
        if st.button("Sign in", type="primary"):
            st.login()
        st.stop()
    email = user.get("email")
    role = role_for_identity(email, user.get("email_verified"), config)
    if role is None:
        st.title("Presswatch")
        st.warning(
            f"The account {email or '(no e-mail address)'} is not on this dashboard's list of "
            "readers. Ask your dashboard's administrator to add it, or sign in with another "
            "account."
        )
        if st.button("Sign out"):
            st.logout()
        st.stop()
    _sidebar_account(role, sign_out=st.logout, who=email)
    return role


def _sidebar_account(role: Role, sign_out: Callable[[], None], who: str | None = None) -> None:
    with st.sidebar:
        st.caption(f"Signed in as {who + ', ' if who else ''}{role.value}")
        st.button("Sign out", key="presswatch_sign_out", on_click=sign_out)


def _stop_with(title: str, detail: str):
    st.title(title)
    st.error(detail)
    st.stop()


# ---------- command line: python -m dashboard.auth hash


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m dashboard.auth",
        description="Print the salted hash of a shared password, to paste into "
        ".streamlit/secrets.toml as viewer_password_hash or editor_password_hash.",
    )
    parser.add_argument("command", choices=["hash"])
    parser.parse_args(argv)
    if sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            print("The two passwords differ; nothing printed.", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 12:
        print("Use at least 12 characters; nothing printed.", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
