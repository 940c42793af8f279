"""How many passwords a sign-in may try: per role and browser, and per role across all browsers.

Two limits, both counted the moment a password is taken for checking, before it is checked, so
that guesses sent at once cannot all be answered before the first failure is counted:

- A browser (its address and browser id) that makes `lockout_after` wrong passwords for a role
  is locked out of that role for `lockout_seconds`, doubling with each further wrong password up
  to an hour. A right password clears that browser's count for that role only.
- A role takes at most `role_failure_limit` wrong passwords per `role_failure_window_seconds`
  from all browsers together: new browser ids cost an attacker nothing, so this is what bounds
  the guessing speed. Once it is spent, the role is still checked for a browser that has signed
  in with it in the last 30 days (its id is remembered) and for one at an address with no wrong
  password for the role in the window; every other browser is told when to try again.

No one waits in a queue: a try is checked at once or refused at once with the time to wait.
Everything is kept in the server's memory and forgotten on a restart.
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

MAX_LOCKOUT_S = 60 * 60
FORGET_AFTER_S = 24 * 60 * 60  # a browser's count, once its lockout is over and it stays quiet
TRUST_FOR_S = 30 * 24 * 60 * 60  # a browser that signed in with a role
PURGE_EVERY_S = 60


@dataclass(frozen=True)
class Limits:
    lockout_after: int = 3
    lockout_seconds: float = 30.0
    role_failure_limit: int = 10
    role_failure_window_seconds: float = 60.0


@dataclass(frozen=True)
class Client:
    """Who is trying: the network address and the browser's id (both as the server sees them)."""

    address: str
    browser: str


@dataclass(frozen=True)
class Ticket:
    """A try taken for checking, already counted as a wrong password until `finish` says so."""

    role: str
    client: Client
    number: int
    tries_left: int  # tries this browser has left before a wrong one locks it out
    locks_for: float  # the lockout a wrong password now starts (0: none yet)
    address_mark_before: tuple[float, int] | None  # the address's last wrong try before this


@dataclass(frozen=True)
class Refusal:
    """A try not checked: `retry_in` seconds to wait; `browser` says whose count is spent."""

    role: str
    retry_in: float
    browser: bool

    @property
    def message(self) -> str:
        wait = duration(self.retry_in)
        if self.browser:
            return (
                f"Too many wrong passwords for the {self.role} role from this browser; "
                f"try again in {wait}."
            )
        return (
            f"Too many wrong passwords for the {self.role} role have been tried recently, from "
            f"this browser's address among others; try again in {wait}. A browser that has "
            f"signed in as {self.role} before is let through."
        )


def duration(seconds: float) -> str:
    """4 min 30 s, 45 s, 1 h 5 min: rounded up to the second, so it never says 0 s."""
    seconds = max(1, math.ceil(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


@dataclass
class _BrowserCount:
    failures: int = 0
    locked_until: float = 0.0
    last: float = 0.0


class SignInThrottle:
    """The counts of one server process, shared by all its sessions (so new tabs reset nothing)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._browsers: dict[tuple[str, Client], _BrowserCount] = {}
        self._role_failures: dict[str, deque[tuple[float, int]]] = {}
        self._marked_addresses: dict[tuple[str, str], tuple[float, int]] = {}  # last wrong try
        self._trusted: dict[tuple[str, str], float] = {}  # last right password
        self._purged = clock()

    def begin(self, role: str, client: Client, limits: Limits) -> Ticket | Refusal:
        """Take a try for checking (counted as wrong from now on), or refuse it with a wait."""
        with self._lock:
            now = self._clock()
            self._purge(now)
            count = self._browsers.get((role, client))
            if count is not None and count.locked_until > now:
                return Refusal(role, count.locked_until - now, browser=True)
            window = self._window(role, now, limits)
            spent = len(window) >= limits.role_failure_limit
            if spent and not self._exempt(role, client, now, limits):
                retry_in = window[0][0] + limits.role_failure_window_seconds - now
                return Refusal(role, retry_in, browser=False)
            count = self._browsers.setdefault((role, client), _BrowserCount())
            count.failures += 1
            count.last = now
            over = count.failures - limits.lockout_after
            locks_for = 0.0
            if over >= 0:
                locks_for = min(limits.lockout_seconds * 2**over, MAX_LOCKOUT_S)
                count.locked_until = now + locks_for
            number = next(self._numbers)
            window.append((now, number))
            mark_before = self._marked_addresses.get((role, client.address))
            self._marked_addresses[(role, client.address)] = (now, number)
            return Ticket(role, client, number, max(0, -over), locks_for, mark_before)

    def finish(self, ticket: Ticket, right: bool) -> None:
        """The check's outcome. A right password takes back everything the try counted."""
        if not right:
            return
        with self._lock:
            self._browsers.pop((ticket.role, ticket.client), None)
            window = self._role_failures.get(ticket.role)
            if window is not None:
                self._role_failures[ticket.role] = deque(t for t in window if t[1] != ticket.number)
            key = (ticket.role, ticket.client.address)
            mark = self._marked_addresses.get(key)
            if mark is not None and mark[1] == ticket.number:  # no wrong try came after it
                if ticket.address_mark_before is None:
                    del self._marked_addresses[key]
                else:
                    self._marked_addresses[key] = ticket.address_mark_before
            self._trusted[(ticket.role, ticket.client.browser)] = self._clock()

    def _window(self, role: str, now: float, limits: Limits) -> deque[tuple[float, int]]:
        window = self._role_failures.setdefault(role, deque())
        while window and window[0][0] <= now - limits.role_failure_window_seconds:
            window.popleft()
        return window

    def _exempt(self, role: str, client: Client, now: float, limits: Limits) -> bool:
        trusted = self._trusted.get((role, client.browser))
        if trusted is not None and now - trusted < TRUST_FOR_S:
            return True
        mark = self._marked_addresses.get((role, client.address))
        return mark is None or now - mark[0] >= limits.role_failure_window_seconds

    def _purge(self, now: float) -> None:
        # Bounds the memory an attacker can fill with new browser ids: only checked tries add.
        if now - self._purged < PURGE_EVERY_S:
            return
        self._purged = now
        self._browsers = {
            key: c
            for key, c in self._browsers.items()
            if c.locked_until > now or now - c.last < FORGET_AFTER_S
        }
        self._marked_addresses = {
            k: mark for k, mark in self._marked_addresses.items() if now - mark[0] < FORGET_AFTER_S
        }
        self._trusted = {k: t for k, t in self._trusted.items() if now - t < TRUST_FOR_S}
