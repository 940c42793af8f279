"""What checking the store's rules costs, against the write it would guard.

    python -m bench.integrity [--store 1000000] [--rows 20] [--runs 5]

Medians of --runs on a synthetic store of --store appearances (bench.synth, built once):
  check_integrity  every rule of data/integrity.py on the store, and each rule alone
  write            apply_import of --rows planned spreadsheet rows (the baseline): the whole
                   write_batch, from copying the store to swapping it in, on a fresh copy each run
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from bench.ingest import ORG, clipping_csv, median_seconds
from bench.synth import synthetic_store
from data import integrity
from data.ingest import apply_import, plan_import
from data.organisation import load_organisation
from data.store import CHECK_WRITES, open_read_only, write_batch


def rule_seconds(con: duckdb.DuckDBPyConnection, runs: int) -> dict[str, float]:
    """Each rule alone, as check_integrity runs it: the cheaper proof where it has one, else
    its query run to the end."""
    return {
        rule.name: median_seconds(
            lambda r=rule: con.execute(r.holds or r.sql, {} if r.holds else r.params).fetchall(),
            runs,
        )
        for rule in integrity.rules(con)
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.integrity", description=__doc__)
    parser.add_argument("--store", type=int, default=1_000_000, help="appearances stored")
    parser.add_argument("--rows", type=int, default=20, help="rows of the small import")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.pop(CHECK_WRITES, None)  # the baseline is a write as it runs for an editor
    org = load_organisation(ORG)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base.duckdb"
        shutil.copyfile(synthetic_store(args.store), base)
        with write_batch(base):  # at the latest schema version, like any store after a write
            pass
        con = open_read_only(base)
        plan = plan_import([("c.csv", clipping_csv(args.rows))], con, org)
        checks, writes = [], []
        for run in range(args.runs):  # one of each per run: a busy machine slows both alike
            start = time.perf_counter()
            integrity.check_integrity(con)
            checks.append(time.perf_counter() - start)
            copy = Path(folder) / f"write-{run}.duckdb"
            shutil.copyfile(base, copy)
            start = time.perf_counter()
            apply_import(plan, copy, origin="cli")
            writes.append(time.perf_counter() - start)
            copy.unlink()
        rules = rule_seconds(con, args.runs)
        con.close()
    check, write = statistics.median(checks), statistics.median(writes)

    print(f"store rules at {args.store:,} appearances, median of {args.runs} runs")
    print(f"{'step':<52} {'median':>10} {'of write':>9}")
    lines = [(f"apply_import, {len(plan.new)} rows (baseline: one small write)", write)]
    lines += [("check_integrity, every rule", check)]
    lines += [(f"  {rule}", seconds) for rule, seconds in rules.items()]
    for label, seconds in lines:
        print(f"{label:<52} {seconds * 1000:8.1f}ms {seconds / write:8.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
