"""How long a manager waits for the first chart after opening the dashboard, in chromium.

    python -m bench.first_chart [--before REF [--before REF]] [--loads 7] [--page ""]

The real Streamlit server on the demo store, Debian's chromium driven by Playwright. Each load is
a new browser profile (nothing cached: a first visit) or the same profile again (a return visit).
The page records, from the start of the navigation, when its title is drawn (the page's data is
there) and when the first Plotly chart is painted (a MutationObserver on the chart's SVG, then
the next animation frame). Each server is warmed by one load first: a manager opens a running
server, not one still importing its libraries.

With --before REF (once or more), that commit is checked out into a temporary folder and served
beside the working tree, each on a demo store its own code builds (an older commit cannot open
a store of a newer version); so is a page of Streamlit alone (a title and one chart: what
Streamlit allows on the machine). The loads alternate between them in every round, so all see
the same machine. The table goes to stdout and to bench/results/first_chart.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "first_chart.md"
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
# Runs in the page before any of its scripts: marks the first title and the first painted chart.
OBSERVER = """
window.__marks = {};
const mark = (name) => { if (!(name in window.__marks)) window.__marks[name] = performance.now(); };
new MutationObserver(() => {
  if (document.querySelector('[data-testid="stMain"] h1')) mark('title');
  const drawn = document.querySelector('[data-testid="stPlotlyChart"] .main-svg');
  if (drawn && !('chart' in window.__marks)) requestAnimationFrame(() => mark('chart'));
}).observe(document, {subtree: true, childList: true});
"""
TIMEOUT_MS = 120_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(tree: Path, store: Path, log: Path):
    """`streamlit run dashboard/app.py` of `tree` on the store; yields its URL once it answers."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(tree / "dashboard" / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "PRESSWATCH_DB": str(store), "PYTHONPATH": str(tree)}
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=tree, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                        break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        problem = f"the server did not start: {log.read_text()[-2000:]}"
                        raise RuntimeError(problem) from None
                    time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)


# What Streamlit itself allows on this machine: a page of a title and one chart of twelve bars.
FLOOR_APP = """import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")
st.title("One chart")
st.plotly_chart(go.Figure(go.Bar(y=list(range(12)))))
"""


def floor(into: Path) -> Path:
    tree = into / "floor"
    (tree / "dashboard").mkdir(parents=True)
    (tree / "dashboard" / "app.py").write_text(FLOOR_APP)
    return tree


def checkout(ref: str, into: Path) -> Path:
    """The files of commit `ref`, as `git archive` gives them, in a new folder."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref],
        check=True,
        capture_output=True,
    ).stdout
    tree = into / f"before-{ref}"
    tree.mkdir()
    tar = into / f"before-{ref}.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as source:
        source.extractall(tree, filter="data")
    return tree


def demo_store(tree: Path, path: Path) -> None:
    """The demo store at `path`, as the code of `tree` builds it."""
    build = "import sys; from data.demo import build_demo; build_demo(sys.argv[1])"
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, "-c", build, str(path)], cwd=tree, env=env, check=True)


def load(browser, url: str, context=None) -> dict[str, float]:
    """One navigation; the ms from its start to the title and to the first painted chart."""
    own = context is None
    context = context or browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(OBSERVER)
        page.goto(url, timeout=TIMEOUT_MS)
        page.wait_for_function("() => 'chart' in window.__marks", timeout=TIMEOUT_MS)
        marks = page.evaluate("window.__marks")
        page.close()
        return marks
    finally:
        if own:
            context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--before", action="append", default=[], help="a commit to measure beside the working tree"
    )
    parser.add_argument("--loads", type=int, default=7)
    parser.add_argument("--page", default="", help="the page's path, e.g. coverage")
    args = parser.parse_args(argv)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("Playwright is not installed (pip install -r requirements-dev.txt)", file=sys.stderr)
        return 1
    chromium = shutil.which("chromium")
    if chromium is None:
        print("Debian's chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        work = Path(tmp)
        trees = {"after (working tree)": ROOT}
        for ref in reversed(dict.fromkeys(args.before)):  # each commit once
            commit = subprocess.run(
                ["git", "-C", str(ROOT), "rev-parse", "--short", ref],
                check=True, capture_output=True, text=True,
            ).stdout.strip()  # fmt: skip
            trees = {f"before ({commit})": checkout(commit, work), **trees}
        if not args.page:
            trees["Streamlit alone (a title and one chart)"] = floor(work)
        urls = {}
        for n, (side, tree) in enumerate(trees.items()):
            store = work / f"media-{n}.duckdb"
            if (tree / "data" / "demo.py").exists():  # Streamlit alone reads no store
                demo_store(tree, store)
            urls[side] = stack.enter_context(served(tree, store, work / f"server-{n}.log"))
        load_average = os.getloadavg()[0]
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        timings: dict[tuple[str, str], list[dict]] = {}
        for url in urls.values():
            load(browser, f"{url}/{args.page}")  # warm the server: imports, cached results
        for round_ in range(args.loads):
            order = list(urls.items())
            if round_ % 2:
                order.reverse()  # each side goes first in every other round
            for side, url in order:
                page_url = f"{url}/{args.page}"
                timings.setdefault((side, "first visit"), []).append(load(browser, page_url))
                returning = browser.new_context(viewport={"width": 1440, "height": 900})
                load(browser, page_url, returning)
                timings.setdefault((side, "return visit"), []).append(
                    load(browser, page_url, returning)
                )
                returning.close()
        load_after = os.getloadavg()[0]

    lines = [
        "# First chart after opening the dashboard (chromium)",
        "",
        f"Page `/{args.page}` on the demo store, 1440x900, median of {args.loads} loads per row "
        "after one warm-up load per server; in each round every side is loaded in turn, each "
        "going first in every other round. First visit: a new browser profile (nothing cached); "
        "return visit: the same profile opening the page again. Times in ms from the start of "
        "the navigation. Load average at the start and the end: "
        f"{load_average:.1f} and {load_after:.1f} on {os.cpu_count()} cores.",
        "",
        "| code | visit | title drawn (median ms) | first chart painted (median ms) | min | max |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for (side, visit), marks in timings.items():
        charts = [m["chart"] for m in marks]
        titles = [m.get("title", m["chart"]) for m in marks]
        lines.append(
            f"| {side} | {visit} | {statistics.median(titles):,.0f} | "
            f"{statistics.median(charts):,.0f} | {min(charts):,.0f} | {max(charts):,.0f} |"
        )
    table = "\n".join(lines) + "\n"
    print(table)
    RESULTS.write_text(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
