"""Password guessing against the sign-in of the real server, and the people who still sign in.

    python -m bench.sign_in [--attackers 25] [--seconds 60] [--write]

Starts `streamlit run dashboard/app.py` in mode "password" on a copy of the demo store (127.0.0.1
only) and drives it with websocket clients that speak Streamlit's own protocol (bench/load.py).
Each attacker session submits a wrong password as soon as the last one is answered; when it is
refused it drops its session and opens a new one without cookies (a new browser id costs
nothing), all from the same address. Four in five attack the editor role, one in five the viewer
role. Once the attack has spent the roles' budgets, three people sign in:

- an editor in a new browser at the attackers' address: the case the throttle cannot tell from
  an attacker, told when to try again;
- an editor whose browser signed in before the attack (same address as the attackers);
- a viewer in a new browser at another address (127.0.0.2).

"Answered" counts the wrong passwords actually checked (the page says "That is not the ...
password"); refused tries are answered at once without a check. A sign-in's time runs from
pressing "Sign in" to the dashboard drawn for the role. `--write` puts the figures into
docs/reliability.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import math
import os
import statistics
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench.load import ROOT, TODAY, Session, dashboard_server, write_report
from dashboard.auth import hash_password
from dashboard.throttle import Limits

PASSWORDS = {"viewer": "viewers-read-the-coverage", "editor": "editors-feed-the-store-42"}
CHECKED, REFUSED = "That is not the", "Too many wrong passwords"


def access_settings(limits: Limits) -> str:
    hashes = "".join(
        f'{role}_password_hash = "{hash_password(p)}"\n' for role, p in PASSWORDS.items()
    )
    return (
        f'[access]\nmode = "password"\n{hashes}'
        f"lockout_after = {limits.lockout_after}\n"
        f"lockout_seconds = {limits.lockout_seconds}\n"
        f"role_failure_limit = {limits.role_failure_limit}\n"
        f"role_failure_window_seconds = {limits.role_failure_window_seconds}\n"
    )


def browser_cookie(port: int) -> str:
    """The XSRF cookie Streamlit gives a browser when the page checks the server's health."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=10) as reply:
        for header in reply.headers.get_all("Set-Cookie") or []:
            if header.startswith("_streamlit_xsrf="):
                return header.split(";", 1)[0]
    raise RuntimeError("the server set no _streamlit_xsrf cookie")


@dataclass
class Tally:
    tries: list[tuple[float, str, str]] = field(default_factory=list)  # (answered, role, outcome)
    errors: list[str] = field(default_factory=list)

    def answered(self, role: str) -> list[float]:
        return [t for t, r, outcome in self.tries if r == role and outcome == "checked"]


def outcome(texts: list[tuple[float, str]]) -> tuple[str, float, str]:
    """What the page said to a sign-in, how many seconds after pressing the button, its text."""
    for seconds, text in texts:
        if text.startswith("Signed in as"):
            return "signed in", seconds, text
    for seconds, text in texts:
        if CHECKED in text or REFUSED in text:
            return ("checked" if CHECKED in text else "refused"), seconds, text
    return "no answer", float("nan"), ""


async def attacker(port: int, role: str, until: float, tally: Tally) -> None:
    session = None
    try:
        while time.monotonic() < until:
            if session is None:
                session = Session(port)
                await session.open()
            result = await session.sign_in(
                role.capitalize(), "a wrong guess " + os.urandom(4).hex()
            )
            seen, _, _ = outcome(result.texts)
            tally.tries.append((time.monotonic(), role, seen))
            tally.errors += [e for e in result.errors if not e.startswith("error box")]
            if seen != "checked":  # refused: come back as a new browser
                await session.close()
                session = None
    finally:
        if session is not None:
            await session.close()


@dataclass
class SignIn:
    who: str
    outcome: str
    seconds: float  # to "Signed in as ..." (or the refusal) in the page
    drawn: float  # to the end of the run: the dashboard drawn, for a sign-in that worked
    message: str


async def sign_in(port: int, who: str, role: str, **session_options) -> SignIn:
    session = Session(port, **session_options)
    try:
        await session.open()
        result = await session.sign_in(role.capitalize(), PASSWORDS[role])
        said, seconds, text = outcome(result.texts)
        return SignIn(who, said, seconds, result.seconds, text)
    finally:
        await session.close()


async def attack(port: int, attackers: int, seconds: float, cookie: str) -> dict:
    """The attackers for `seconds`; the three sign-ins once a third of the time has passed."""
    tally = Tally()
    started = time.monotonic()
    until = started + seconds
    crowd = [
        attacker(port, "viewer" if i % 5 == 0 else "editor", until, tally) for i in range(attackers)
    ]

    async def people() -> list[SignIn]:
        await asyncio.sleep(seconds / 3)
        return [
            await sign_in(port, "editor, new browser, attackers' address", "editor"),
            await sign_in(
                port, "editor, browser signed in before", "editor", headers={"Cookie": cookie}
            ),
            await sign_in(port, "viewer, new browser, other address", "viewer", source="127.0.0.2"),
        ]

    *_, signed = await asyncio.gather(*crowd, people())
    seconds = time.monotonic() - started
    return {"tally": tally, "sign_ins": signed, "seconds": seconds, "attackers": attackers}


async def warm_up(port: int, cookie: str) -> SignIn:
    """The editor's browser signs in once before the attack, as it did on an earlier day."""
    return await sign_in(port, "editor before the attack", "editor", headers={"Cookie": cookie})


def run(attackers: int, seconds: float, limits: Limits, db: Path, workdir: Path) -> dict:
    """The attack and the sign-ins against a server on `db` (read only), with these limits."""
    load_before = os.getloadavg()[0]
    with dashboard_server(db, workdir, access_settings(limits)) as (_, port):
        cookie = browser_cookie(port)
        before = asyncio.run(warm_up(port, cookie))
        figures = asyncio.run(attack(port, attackers, seconds, cookie))
    figures["before"] = before
    figures["load_before"] = load_before
    return figures


def allowed(limits: Limits, seconds: float) -> int:
    """The most wrong passwords one role may answer in `seconds`: a sliding window holds at most
    `role_failure_limit`, and `seconds` spans ceil(seconds / window) windows. Every try of the
    run was counted by the server between the run's start and its end, whatever each answer's
    delay, so this bounds the tries the run saw answered."""
    return limits.role_failure_limit * math.ceil(seconds / limits.role_failure_window_seconds)


def report(args, limits: Limits, figures: dict) -> str:
    return (
        f"Measured {dt.date.today().isoformat()} on {os.cpu_count()} cores, "
        f"`python -m bench.sign_in --attackers {args.attackers} --seconds {args.seconds:g}`: "
        f"at most {limits.role_failure_limit} wrong passwords per role per "
        f"{limits.role_failure_window_seconds:g} s, a browser locked out for "
        f"{limits.lockout_seconds:g} s (doubling) after {limits.lockout_after}.\n\n"
        + summary(figures, limits)
    )


def summary(figures: dict, limits: Limits) -> str:
    tally, seconds = figures["tally"], figures["seconds"]
    outcomes = [o for _, _, o in tally.tries]
    attackers = figures["attackers"]
    lines = [
        f"- Attack: {attackers} sessions for {seconds:.0f} s sent {len(outcomes):,} wrong "
        f"passwords; {outcomes.count('checked')} were checked, "
        f"{outcomes.count('refused'):,} refused at once; "
        f"{len(tally.errors)} errors.",
    ]
    for role in ("editor", "viewer"):
        answered = tally.answered(role)
        lines.append(
            f"- {role.capitalize()} role: {len(answered)} wrong passwords answered in "
            f"{seconds:.0f} s, {len(answered) * 60 / seconds:.1f} a minute (the limits allow "
            f"at most {allowed(limits, seconds)} in {seconds:.0f} s)."
        )
    if tally.tries:
        refused = [o == "refused" for o in outcomes]
        lines.append(f"- Share of tries refused: {statistics.mean(refused):.0%}.")
    lines.append(
        f"- Machine load average when the run began: {figures['load_before']:.1f} "
        f"(other work competing for the {os.cpu_count()} cores)."
    )
    lines += [
        "",
        "| who signs in | outcome | s to the answer | s to the page drawn |",
        "|---|---|---:|---:|",
    ]
    for person in [figures["before"], *figures["sign_ins"]]:
        said = f": {person.message}" if person.outcome != "signed in" else ""
        lines.append(
            f"| {person.who} | {person.outcome}{said} | {person.seconds:.2f} | {person.drawn:.2f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.sign_in", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--attackers", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--write", action="store_true", help="write docs/reliability.md")
    args = parser.parse_args(argv)
    limits = Limits()
    from data.demo import build_demo

    with tempfile.TemporaryDirectory(prefix="presswatch-sign-in-") as tmp:
        db = Path(tmp) / "media.duckdb"
        build_demo(db, today=TODAY)
        figures = run(args.attackers, args.seconds, limits, db, Path(tmp))
    text = report(args, limits, figures)
    print(text)
    if args.write:
        write_report(text, scenario="sign-in")
        print(f"\nWritten to {(ROOT / 'docs' / 'reliability.md').relative_to(ROOT)}")
    _, trusted, other_address = figures["sign_ins"]
    return 0 if trusted.outcome == other_address.outcome == "signed in" else 1


if __name__ == "__main__":
    raise SystemExit(main())
