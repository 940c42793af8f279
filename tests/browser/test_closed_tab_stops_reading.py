"""A long reading on the Import page stops when the editor's tab closes: the server goes idle
instead of reading on for a page no one will see (and slowing every manager's page meanwhile).
Real server, real chromium; the server's CPU time is read from /proc."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests import packed
from tests.bad_inputs import HEADER
from tests.live_server import launch_chromium, streamlit_process, sync_playwright

pytestmark = pytest.mark.browser

# Limits raised so the workbook below is read for a minute rather than refused at once.
ROOMY = {
    f"PRESSWATCH_MAX_{name}": "1000000000"
    for name in ("ROWS", "CELLS", "UNPACKED_MB", "PART_MB", "ZIP_RATIO", "SECONDS")
}


def cpu_seconds(pid: int) -> float:
    """User and system time of the process, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def busy_for(pid: int, seconds: float) -> float:
    """CPU seconds the process spends in the next `seconds` of wall time."""
    before = cpu_seconds(pid)
    time.sleep(seconds)
    return cpu_seconds(pid) - before


def test_closing_the_tab_stops_the_reading_of_an_upload(demo_db, tmp_path):
    store = tmp_path / "media.duckdb"
    shutil.copyfile(demo_db, store)
    rows = b"".join(packed.row("2024-03-12", "Le Monde", f"Piece {i}", "", "") for i in range(512))
    sheet = tmp_path / "long.xlsx"  # 2,000,000 rows: a minute of reading on these machines
    sheet.write_bytes(packed.workbook([(packed.row(*HEADER), 1), (rows, 4000)]))
    secrets = '[access]\nmode = "none"\n'
    with (
        streamlit_process(store, tmp_path, secrets=secrets, env=ROOMY) as (url, server),
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.goto(f"{url}/import_data")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(sheet))
        page.get_by_text("Reading for").wait_for(timeout=60_000)
        reading = busy_for(server.pid, 2)
        page.close()
        time.sleep(3)  # the next progress line, half a second on, is where the run stops
        after_close = busy_for(server.pid, 3)
        browser.close()

    assert reading > 0.8, f"the server was not reading ({reading:.2f} CPU s in 2 s)"
    assert after_close < 0.3, f"still reading after the tab closed ({after_close:.2f} CPU s in 3 s)"
