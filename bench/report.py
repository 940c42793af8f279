"""How long the one-click coverage report takes, on the demo store and on 1,000,000 appearances.

    python -m bench.report [--runs 5] [--sizes 1000000] [--write]

For each store and view (one year, all time) it times, median of --runs:
  numbers   the queries and figures alone (report.content.gather without images): the baseline
  pptx/pdf  the whole file, with tables in place of charts, then with chart images (when a browser
            is installed); the ratio column divides by the baseline of the same store and view
It also times four reports asked for at once (as four sessions would) against four in a row, and
the table downloads (dashboard/downloads.py) of a 100,000-row article list against pandas' own
to_csv / to_excel, which neither escape formulas nor join lists.
The measurements of one table are taken in turn within each round, so a change in the machine's
load weighs on the baseline and the reports alike. `--write` puts the tables into
docs/report/benchmark.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

import queries
from bench.synth import synthetic_store
from dashboard.downloads import csv_bytes, image_export_available, xlsx_bytes
from dashboard.report import build_report
from dashboard.report.content import gather
from data.demo import build_demo
from data.store import open_read_only
from queries.filters import Filters

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "docs" / "report" / "benchmark.md"
ORG = "Benchmark organisation"


def seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def median_seconds(action, runs: int) -> float:
    return statistics.median(seconds(action) for _ in range(runs))


def interleaved_medians(actions: dict[str, object], runs: int) -> dict[str, float]:
    """Median seconds of each action, run in turn within each round: a change in the machine's
    load during the measurement then weighs on all of them alike, baseline included."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            times[name].append(seconds(action))
    return {name: statistics.median(values) for name, values in times.items()}


def views(con: duckdb.DuckDBPyConnection) -> dict[str, Filters]:
    last = con.execute("SELECT max(published) FROM articles").fetchone()[0]
    year = Filters(date_from=last - dt.timedelta(days=364), date_to=last)
    return {"last 12 months": year, "all time": Filters()}


def measure_store(label: str, path: Path, runs: int, images: bool) -> list[list[str]]:
    rows = []
    con = open_read_only(path)
    try:
        appearances = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        kinds = [("pptx", False), ("pdf", False)]
        if images:
            kinds += [("pptx", True), ("pdf", True)]
        for view, filters in views(con).items():
            actions = {"numbers": lambda f=filters: gather(con, f, ORG, images=False)}
            for fmt, with_images in kinds:
                actions[f"{fmt}, {'charts' if with_images else 'tables'}"] = (
                    lambda f=filters, fmt=fmt, i=with_images: build_report(
                        con, f, fmt, ORG, images=i
                    )
                )
            medians = interleaved_medians(actions, runs)
            base = medians.pop("numbers")
            for kind, value in medians.items():
                rows.append(
                    [
                        f"{label} ({appearances:,})",
                        view,
                        kind,
                        f"{base * 1000:,.0f}",
                        f"{value * 1000:,.0f}",
                        f"{value / base:.1f}x",
                    ]
                )
                print(" | ".join(rows[-1]), flush=True)
    finally:
        con.close()
    return rows


def measure_concurrency(path: Path, runs: int, images: bool) -> list[str]:
    con = open_read_only(path)
    try:
        filters = views(con)["last 12 months"]

        def one(_: int = 0) -> bytes:
            return build_report(con, filters, "pdf", ORG, images=images)

        with ThreadPoolExecutor(max_workers=4) as pool:
            medians = interleaved_medians(
                {
                    "in a row": lambda: [one() for _ in range(4)],
                    "at once": lambda: list(pool.map(one, range(4))),
                },
                runs,
            )
        in_a_row, at_once = medians["in a row"], medians["at once"]
    finally:
        con.close()
    return [f"{in_a_row * 1000:,.0f}", f"{at_once * 1000:,.0f}", f"{at_once / in_a_row:.2f}x"]


def measure_table_downloads(path: Path, runs: int, rows: int = 100_000) -> list[list[str]]:
    con = open_read_only(path)
    try:
        frame = queries.run(
            con, "article_list", Filters(), sort="date", descending=True, limit=rows
        )
    finally:
        con.close()
    results = []
    for name, ours, theirs in (
        ("CSV", lambda: csv_bytes(frame), lambda: frame.to_csv(index=False).encode("utf-8-sig")),
        (
            "XLSX",
            lambda: xlsx_bytes(frame, "Appearances"),
            lambda: frame.to_excel(io.BytesIO(), index=False, engine="openpyxl"),
        ),
    ):
        medians = interleaved_medians({"pandas": theirs, "ours": ours}, runs)
        base, mine = medians["pandas"], medians["ours"]
        results.append(
            [f"{name}, {len(frame):,} rows", f"{base * 1000:,.0f}", f"{mine * 1000:,.0f}",
             f"{mine / base:.2f}x"]
        )  # fmt: skip
        print(" | ".join(results[-1]), flush=True)
    return results


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.report", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000_000])
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.relative_to(ROOT)}")
    args = parser.parse_args(argv)

    load = os.getloadavg()[0]
    images, why = image_export_available()
    print(f"Chart images: {'yes' if images else 'no'} ({why})")
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.duckdb"
        build_demo(demo)
        if images:  # the first image starts the browser: time it once, apart
            con = open_read_only(demo)
            started = time.perf_counter()
            build_report(con, Filters(), "pdf", ORG, images=True)
            first = time.perf_counter() - started
            con.close()
            print(f"First report with charts in this process (starts the browser): {first:.1f} s")
        stores = [("demo", demo)] + [("synthetic", synthetic_store(n)) for n in args.sizes]
        rows = []
        for label, path in stores:
            rows += measure_store(label, path, args.runs, images)
        concurrency = [
            [label, *measure_concurrency(path, args.runs, images)] for label, path in stores
        ]
        tables = measure_table_downloads(stores[-1][1], args.runs)

    header = ["store", "view", "file", "numbers, ms (baseline)", "report, ms", "ratio"]
    result = [
        "# Coverage report build time",
        "",
        f"Median of {args.runs} runs, {dt.date.today()}, {platform.machine()}, {os.cpu_count()} "
        f"cores, load average {load:.1f} at the start (other work on the machine slows every "
        f"figure alike), Python {platform.python_version()}; chart images "
        f"{'on' if images else 'off'} ({why}).",
        "The baseline is the same store and view's numbers alone (queries and figures, no file).",
        "",
        table(header, rows),
        "",
        f"Four PDF reports (last 12 months, charts {'on' if images else 'off'}) in a row and "
        "asked for at once from four threads, as four sessions would:",
        "",
        table(["store", "in a row, ms", "at once, ms", "ratio"], concurrency),
        "",
        f"Table downloads of the article list ({stores[-1][0]} store), against pandas' own "
        "writers as the baseline:",
        "",
        table(["file", "pandas, ms (baseline)", "downloads.py, ms", "ratio"], tables),
        "",
    ]
    text = "\n".join(result)
    print(text)
    if args.write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
