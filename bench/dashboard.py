"""How long a page takes to redraw after a filter change, server side.

    python -m bench.dashboard [--repeat 7] [--sizes 1000000]

For each store (the demo data, then synthetic stores of the given sizes) and each page, the page is
opened in Streamlit's AppTest on all time, then the outlet filter is set to each of the `repeat`
busiest outlets in turn (a new outlet each time, so no query result comes from the cache); each
rerun is timed (the whole script: sidebar, queries, figures),
after one warm-up change. The baseline, measured in the same run, is a rerun of a one-line
Streamlit script: what the harness itself costs. The table goes to stdout and to
bench/results/dashboard.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

import queries
from bench.synth import synthetic_store
from data.demo import build_demo
from data.store import open_read_only

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
RESULTS = Path(__file__).resolve().parent / "results" / "dashboard.md"
PAGES = ("overview", "coverage", "outlets", "experts", "topics", "articles", "about")
TIMEOUT = 300


def timed_ms(call, repeat: int) -> float:
    """Median wall time of `repeat` calls, after one warm-up call."""
    call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def baseline_ms(repeat: int) -> float:
    at = AppTest.from_string("import streamlit as st\nst.write('hello')", default_timeout=TIMEOUT)
    return timed_ms(at.run, repeat)


def busiest_outlets(store: Path, n: int) -> list[str]:
    con = open_read_only(store)
    try:
        return list(queries.run(con, "top_outlets", limit=n)["slug"])
    finally:
        con.close()


def page_after_filter_change_ms(store: Path, page: str, repeat: int) -> float:
    os.environ["PRESSWATCH_DB"] = str(store)
    st.cache_data.clear()  # no page starts with results another page left behind
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets = {"access": {"mode": "none"}}
    at.query_params["period"] = "all"
    at.run()
    at.switch_page(f"views/{page}.py").run()
    outlets = iter(busiest_outlets(store, repeat + 1))  # a new outlet each time: no cached result

    def change_outlet() -> None:
        at.multiselect(key="filter_outlets").set_value([next(outlets)]).run()
        if at.exception or at.error:
            problem = [e.value for e in (*at.exception, *at.error)]
            raise RuntimeError(f"{page} failed on {store.name}: {problem}")

    return timed_ms(change_outlet, repeat)


def table(rows: list[tuple[str, str, float]], baseline: float, repeat: int, load: float) -> str:
    lines = [
        "# Dashboard: redraw after a filter change (server side)",
        "",
        f"Median of {repeat} reruns after a warm-up, AppTest, the outlet filter set to a new "
        "outlet each time (no cached results), all time. Baseline (a one-line script rerun in "
        f"the same harness): {baseline:.0f} ms. Load average at the start: {load:.1f} "
        f"on {os.cpu_count()} cores (other work on the machine slows every row alike).",
        "",
        "| store | page | median ms | x baseline |",
        "|---|---|---:|---:|",
    ]
    lines += [f"| {s} | {p} | {ms:,.0f} | {ms / baseline:,.1f} |" for s, p, ms in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard", description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000_000])
    parser.add_argument("--pages", nargs="+", default=list(PAGES))
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.duckdb"
        build_demo(demo)
        stores = [("demo (20,000)", demo)]
        stores += [(f"synthetic ({n:,})", synthetic_store(n)) for n in args.sizes]
        baseline = baseline_ms(args.repeat)
        rows = []
        for label, store in stores:
            for page in args.pages:
                ms = page_after_filter_change_ms(store, page, args.repeat)
                rows.append((label, page, ms))
                print(f"{label:>22}  {page:<10} {ms:8,.0f} ms", flush=True)
    text = table(rows, baseline, args.repeat, load)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
