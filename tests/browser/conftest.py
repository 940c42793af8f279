"""What the browser tests share: the real Streamlit server on a copy of the demo store, and
Debian's chromium, each started once per test module."""

from __future__ import annotations

import shutil

import pytest

from tests.live_server import launch_chromium, streamlit_server, sync_playwright


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    """The URL of the real Streamlit server, on a copy of the demo store of its own."""
    store = tmp_path_factory.mktemp("browser") / "media.duckdb"
    shutil.copyfile(demo_db, store)
    with streamlit_server(store, store.parent) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chrome = launch_chromium(playwright)
        yield chrome
        chrome.close()
