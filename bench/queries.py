"""Query latency by store size, against the same aggregates computed in pandas in the same run.

    python -m bench.queries                      # 100,000, 1,000,000 and 10,000,000 appearances
    python -m bench.queries --sizes 100000 --repeat 5

Each size runs in its own process (so its peak memory is its own): every query of the catalogue
under five filters a manager sets (all time; last year; the last 12 months and three outlets; one
expert; a text search), DuckDB `--repeat` times after one warm-up run, pandas (the reference
implementation of tests/queries/reference.py, on the same tables loaded as DataFrames)
`--pandas-repeat` times.
The queries that read a monthly rollup are timed a second way too, counting from the
appearances (the baseline the rollups are measured against). The table goes to stdout and to
bench/results/queries.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import platform
import resource
import statistics
import time
from pathlib import Path

import duckdb

RESULTS = Path(__file__).resolve().parent / "results" / "queries.md"
SIZES = (100_000, 1_000_000, 10_000_000)
TARGET_MS = {1_000_000: 50, 10_000_000: 400}
# pandas takes seconds per aggregate at 10M: above this size it is timed once, on "all time" only
PANDAS_ALL_SCENARIOS_UP_TO = 1_000_000


def scenarios():
    """(label, Filters) a manager typically sets; values exist in every synthetic store."""
    from queries.filters import Filters

    last_day = dt.date(2026, 10, 31)  # the synthetic data runs through this day
    return [
        ("all time", Filters()),
        ("last year", Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))),
        (
            "12 months + 3 outlets",
            Filters(
                date_from=last_day - dt.timedelta(days=364),
                date_to=last_day,
                outlets=("outlet-002", "outlet-007", "outlet-031"),
            ),
        ),
        ("one expert", Filters(experts=("expert-05",))),
        ("text search", Filters(text="sanctions")),
    ]


# Parameters each query is run with, and the pandas function (tests/queries/reference.py) that
# computes the same aggregate.
CASES = {
    "kpis": {},
    "data_bounds": {},
    "article_count": {},
    "coverage_by_period": {"grain": "month"},
    "coverage_by_period_breakdown": {"grain": "month", "breakdown": "expert", "top_n": 8},
    "top_outlets": {"limit": 20},
    "outlets_new_in_period": {},
    "outlet_mix": {"dimension": "media_type"},
    "top_experts": {"limit": 20},
    "expert_role_mix": {},
    "expert_outlets": {"expert": "expert-03", "limit": 10},
    "expert_tags": {"expert": "expert-03", "limit": 10},
    "experts_compare": {"experts": ["expert-01", "expert-02", "expert-09"], "grain": "month"},
    "top_tags": {"limit": 20},
    "tag_by_month": {"limit": 10},
    "tag_experts": {"tag": "energy", "limit": 10},
    "expert_outlet_matrix": {"limit": 15},
    "article_list": {"sort": "date", "descending": True, "limit": 50, "offset": 0},
    "dimension_values": {},
}
UNFILTERED = {"data_bounds", "dimension_values"}  # the same whatever the filters: timed once


def _pandas_call(name: str, frames, filters, params: dict):
    from tests.queries import reference

    function = getattr(reference, name)
    if name in UNFILTERED:
        return function(frames)
    return function(frames, filters, **params)


def _timed(call, repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds (all threads of this process) of each run."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(size: int, repeat: int, pandas_repeat: int, only: list[str] | None) -> dict:
    """Run in a fresh process: time every case on one store size."""
    import queries
    from bench.synth import synthetic_store
    from tests.queries import reference

    built = time.perf_counter()
    path = synthetic_store(size)
    build_s = time.perf_counter() - built
    con = duckdb.connect(str(path), read_only=True)
    con.execute("SET enable_progress_bar = false")
    rows = []
    names = [n for n in CASES if not only or n in only]
    for name in names:
        for label, filters in scenarios()[: 1 if name in UNFILTERED else None]:

            def run(name=name, filters=filters):
                return queries.run(con, name, filters, **CASES[name])

            result = run()  # warm-up: first-run costs are not what a manager waits for
            wall, cpu = _timed(run, repeat)
            row = {"query": name, "filters": label, "rows": len(result), "duckdb": wall, "cpu": cpu}
            if queries.rollups_read(name):  # the baseline: the same counts from the appearances

                def counted(name=name, filters=filters):
                    return queries.run(con, name, filters, use_rollups=False, **CASES[name])

                counted()
                row["counted"], _ = _timed(counted, repeat)
            rows.append(row)
    duckdb_peak = _peak_rss_mb()

    loaded = time.perf_counter()
    frames = reference.load_frames(con)
    load_s = time.perf_counter() - loaded
    small = size <= PANDAS_ALL_SCENARIOS_UP_TO
    compared = [label for label, _ in scenarios()][: None if small else 1]
    for row in rows:
        if row["filters"] not in compared:
            continue
        filters = dict(scenarios())[row["filters"]]

        def compute(row=row, filters=filters):
            return _pandas_call(row["query"], frames, filters, CASES[row["query"]])

        row["pandas"], _ = _timed(compute, pandas_repeat if small else 1)
    con.close()
    return {
        "size": size,
        "rows": rows,
        "duckdb_peak_mb": duckdb_peak,
        "total_peak_mb": _peak_rss_mb(),
        "build_s": build_s,
        "pandas_load_s": load_s,
    }


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]


def table(results: list[dict], repeat: int, pandas_repeat: int) -> str:
    load = os.getloadavg()
    lines = [
        "# Query latency by store size",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}; load average at the "
        f"end {load[0]:.1f} (other work on the machine shows up in the times). "
        f"DuckDB: median and p95 wall-clock of {repeat} runs (a third above 1M) after a warm-up, "
        "results fetched as "
        "DataFrames; CPU ms is the median CPU time of those runs over all threads (what the query "
        "costs whatever else the machine is doing: wall-clock far above it means other work held "
        f"the cores). pandas: median of {pandas_repeat} runs of the same aggregate "
        "(tests/queries/reference.py) on the same tables already loaded in memory (above 1M: one "
        "run, all-time filters only). ratio = pandas / DuckDB wall-clock. Without rollups: the "
        "median of the same query summing its rows from the appearances instead of the monthly "
        "rollups (data/rollups.py), measured in the same run, for the queries that read one. "
        "Targets: median <= 50 ms at 1M, <= 400 ms at 10M.",
        "",
        *summary(results),
    ]
    for result in results:
        size = result["size"]
        target = TARGET_MS.get(size)
        medians = [statistics.median(r["duckdb"]) for r in result["rows"]]
        missed = [m for m in medians if target and m > target]
        compared = [r for r in result["rows"] if "pandas" in r]
        slower = [
            r for r in compared if statistics.median(r["pandas"]) < statistics.median(r["duckdb"])
        ]
        lines += [
            f"## {size:,} appearances",
            "",
            f"Peak memory: {result['duckdb_peak_mb']:,.0f} MB after the DuckDB runs, "
            f"{result['total_peak_mb']:,.0f} MB with the pandas frames loaded "
            f"(loading them took {result['pandas_load_s']:.1f} s). "
            f"Median of medians {statistics.median(medians):.1f} ms, worst {max(medians):.1f} ms"
            + (f"; {len(missed)} of {len(medians)} over the {target} ms target" if target else "")
            + f"; pandas faster in {len(slower)} of the {len(compared)} compared.",
            "",
            "| query | filters | rows | DuckDB median ms | p95 ms | CPU ms"
            " | without rollups ms | pandas median ms | ratio |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in result["rows"]:
            duck = statistics.median(r["duckdb"])
            flag = " ⚠" if target and duck > target else ""
            counted = f"{statistics.median(r['counted']):.1f}" if "counted" in r else "-"
            pan = f"{statistics.median(r['pandas']):.1f}" if "pandas" in r else "-"
            ratio = f"{statistics.median(r['pandas']) / duck:.1f}x" if "pandas" in r else "-"
            lines.append(
                f"| {r['query']} | {r['filters']} | {r['rows']:,} | {duck:.1f}{flag} "
                f"| {_p95(r['duckdb']):.1f} | {statistics.median(r['cpu']):.1f} | {counted} "
                f"| {pan} | {ratio} |"
            )
        lines.append("")
    return "\n".join(lines)


def summary(results: list[dict]) -> list[str]:
    """One line per query: its slowest median over the filter sets, at each size."""
    sizes = [result["size"] for result in results]
    slowest: dict[str, dict[int, float]] = {}
    for result in results:
        size = result["size"]
        for r in result["rows"]:
            worst = slowest.setdefault(r["query"], {})
            worst[size] = max(worst.get(size, 0), statistics.median(r["duckdb"]))
    return [
        "## Slowest median per query (ms, over the filter sets)",
        "",
        "| query | " + " | ".join(f"{size:,}" for size in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
        *(
            f"| {query} | " + " | ".join(f"{worst[size]:.1f}" for size in sizes) + " |"
            for query, worst in slowest.items()
        ),
        "",
    ]


def runs(repeat: int, size: int) -> int:
    """Fewer runs above 1M, where one run of every case takes minutes."""
    return repeat if size <= PANDAS_ALL_SCENARIOS_UP_TO else max(3, repeat // 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.queries", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=15, help="DuckDB runs per case")
    parser.add_argument("--pandas-repeat", type=int, default=3, help="pandas runs per case")
    parser.add_argument("--only", nargs="+", help="only these queries")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    results = []
    context = multiprocessing.get_context("spawn")
    for size in args.sizes:
        print(f"{size:,} appearances ...", flush=True)
        with context.Pool(1) as pool:
            repeat = runs(args.repeat, size)
            results.append(pool.apply(measure, (size, repeat, args.pandas_repeat, args.only)))
        text = table(results, args.repeat, args.pandas_repeat)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")  # after each size: a long run keeps what it measured
    print(text)
    print(f"Written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
