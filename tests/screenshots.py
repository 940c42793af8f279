"""The README's screenshots of every page, taken in chromium against the real server on the demo
store (1440 wide, the whole page):

    python -m tests.screenshots            # writes docs/screenshots/page-*.png

Not a test: run it after a change to what a page shows, and look at what it wrote.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from data.demo import build_demo
from tests.live_server import launch_chromium, streamlit_server, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
YEAR = "from=2025-12-01&to=2026-11-30"
PAGES = {  # file name -> address on the server
    "page-overview": f"?{YEAR}",
    "page-coverage": f"coverage?{YEAR}&by=programme",
    "page-outlets": f"outlets?{YEAR}",
    "page-experts": f"experts?{YEAR}",
    "page-topics": f"topics?{YEAR}",
    "page-articles": f"articles?{YEAR}",
    "page-about": "about",
    "page-import": "import_data",
    "page-review": "review",
}
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "media.duckdb"
        build_demo(store)
        with streamlit_server(store, Path(folder)) as url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1440, "height": 2600})  # the whole page
            page.set_default_timeout(90_000)
            for name, address in PAGES.items():
                page.goto(f"{url}/{address}")
                page.wait_for_selector(IDLE)
                page.wait_for_timeout(1500)  # charts finish drawing after the run
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
                print(OUT / f"{name}.png")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
