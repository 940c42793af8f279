"""What a run of the sources costs: a first run over a long list, and a run with nothing new.

    python -m bench.sync [--pages 500] [--per-page 5]

A stand-in site on 127.0.0.1 (tests/sources_site.py) serves one list of --pages pages of
--per-page entries each, in the site's format; the pace is set to 0 s between requests so the
figures are this machine's, not the politeness setting's (at the example's 10 s per request a
first run over 500 pages takes at least 500 x 10 s = 83 min, whatever the code). Prints, and
writes to bench/results/sync.md: the first run (every page fetched, read, planned, one write),
and a second run (the first page answered 304, nothing written).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

from data.organisation import load_organisation
from data.sources.run import run_sync
from tests.sources_site import Site, make_item, sources_toml

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "sync.md"


def long_site(pages: int, per_page: int) -> Site:
    start = dt.date(2025, 5, 30)
    n = pages * per_page
    items = [make_item("fr", i, start - dt.timedelta(days=i * 500 // n)) for i in range(n)]
    return Site({"fr": items}, per_page=per_page)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sync", description=__doc__)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--per-page", type=int, default=5)
    args = parser.parse_args(argv)
    site = long_site(args.pages, args.per_page)
    site.start()
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        org_dir = work / "org"
        shutil.copytree(ROOT / "examples" / "ifri", org_dir)
        config = sources_toml(site, interval=0, timeout_seconds=30).replace(
            "since = 2024-01-01", "since = 2020-01-01"
        )
        (org_dir / "sources.toml").write_text(config)
        org = load_organisation(org_dir)
        db = work / "store.duckdb"
        rows = []
        for label in ("first run", "no-change run"):
            site.clear()
            started = time.perf_counter()
            report = run_sync(org, db, only="site-fr")
            seconds = time.perf_counter() - started
            (run,) = report.record.sources
            assert run.status == "ok", run.error
            requests = len(site.requests)
            rows.append((label, run.pages, run.reused, run.new, requests, seconds))
    finally:
        site.stop()
        shutil.rmtree(work, ignore_errors=True)
    lines = [
        f"# bench.sync: one list of {args.pages} pages x {args.per_page} entries, 127.0.0.1",
        "",
        "| run | pages read | answered 304 | new | requests | seconds | pages/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {label} | {pages} | {reused} | {new} | {requests} | {seconds:.2f} | "
        f"{pages / seconds:.0f} |"
        for label, pages, reused, new, requests, seconds in rows
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
