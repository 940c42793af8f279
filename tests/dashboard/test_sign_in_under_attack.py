"""25 sessions guessing passwords at once against the real server's sign-in (bench/sign_in.py,
shortened): the roles answer no more wrong passwords than their limits allow, and people whose
browser or address the attack does not share still sign in."""

from __future__ import annotations

import shutil

from bench.sign_in import allowed, run, summary
from dashboard.throttle import Limits

# Short windows so the test takes seconds; the bench runs the defaults for a minute.
LIMITS = Limits(
    lockout_after=3, lockout_seconds=1, role_failure_limit=5, role_failure_window_seconds=20
)
SECONDS = 15


def test_guessing_from_25_sessions_gets_no_more_than_the_limit_and_people_still_sign_in(
    demo_db, tmp_path
):
    store = tmp_path / "media.duckdb"
    shutil.copyfile(demo_db, store)
    figures = run(25, SECONDS, LIMITS, store, tmp_path)
    tally = figures["tally"]
    print(summary(figures, LIMITS))
    assert not tally.errors
    assert figures["before"].outcome == "signed in"

    for role in ("editor", "viewer"):
        assert len(tally.answered(role)) <= allowed(LIMITS, figures["seconds"]), role
    editor_outcomes = [outcome for _, role, outcome in tally.tries if role == "editor"]
    assert editor_outcomes.count("refused") > editor_outcomes.count("checked")  # it did bite

    attackers_address, known_browser, other_address = figures["sign_ins"]
    assert known_browser.outcome == "signed in" and known_browser.seconds < 30
    assert other_address.outcome == "signed in" and other_address.seconds < 30
    # A new browser at the attackers' own address cannot be told from them: told when to retry.
    assert attackers_address.outcome == "refused"
    assert "for the editor role have been tried recently" in attackers_address.message
    assert "try again in" in attackers_address.message
