"""The real Streamlit server and Debian's chromium, for the tests that drive a browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
CHROMIUM = shutil.which("chromium")
NO_CHROMIUM = "Debian's chromium is not installed (apt-get install chromium)"
# Without the background-networking flags chromium keeps dialling out on this closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing(reason: str) -> NoReturn:
    """Skip a test whose browser is not installed; under CI=true, where .ci/run installs it,
    fail it instead, so a CI run without the browser never passes with its tests skipped."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true expects this test to run, but {reason}", pytrace=False)
    pytest.skip(reason)


def require_chromium() -> None:
    if CHROMIUM is None:
        missing(NO_CHROMIUM)


def sync_playwright():
    """Playwright's `sync_playwright()`, for `with sync_playwright() as playwright:`."""
    try:
        from playwright.sync_api import sync_playwright as start
    except ImportError:
        missing("Playwright is not installed (pip install -r requirements-dev.txt)")
    return start()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(
    db: Path, workdir: Path, *, script: Path = APP, secrets: str | None = None,
    address: str = "127.0.0.1",
) -> Iterator[str]:  # fmt: skip
    """`streamlit run` listening on `address` with $PRESSWATCH_DB=db; yields its URL on 127.0.0.1
    once it answers."""
    with streamlit_process(db, workdir, script=script, secrets=secrets, address=address) as (
        url,
        _,
    ):
        yield url


@contextmanager
def streamlit_process(
    db: Path, workdir: Path, *, script: Path = APP, secrets: str | None = None,
    address: str = "127.0.0.1", env: dict[str, str] | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:  # fmt: skip
    """As streamlit_server, with more of the environment set, yielding the process too."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", address,
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    if secrets is not None:
        (workdir / "secrets.toml").write_text(secrets)
        command += ["--secrets.files", str(workdir / "secrets.toml")]
    log_path = workdir / "server.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "PRESSWATCH_DB": str(db), **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_healthy(url, process, log_path)
            yield url, process
        finally:
            process.terminate()
            process.wait(timeout=20)


def _wait_until_healthy(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"the server did not start: {log_path.read_text()[-2000:]}")
