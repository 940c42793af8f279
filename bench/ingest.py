"""Ingest throughput: clipping spreadsheets and "in the media" pages, read and written.

    python -m bench.ingest [--rows 10000] [--layout-rows 5000] [--pages 1000] [--runs 5]
                           [--store 1000000]

Medians of --runs, each against a baseline measured in the same run:
  spreadsheet  parse_spreadsheet (headers recognised, experts resolved, rows validated) against
               pandas.read_csv of the same file (reading alone)
  layouts      read_spreadsheet of each vendor's export (bench/exports.py: Meltwater, Media Cloud,
               GDELT, Talkwalker...), --layout-rows rows each (a 52-column Meltwater export stays
               under the 500,000-cell limit), against pandas reading the same file (read_excel for
               the XLSX), in rows per second
  pages        parse_page on the test fixtures' pages, copied --pages times with new headlines,
               against decoding the same files and splitting them into lines
  store        apply_import of the planned spreadsheet rows into a fresh store, one transaction;
               and of 1,000 rows each naming an outlet, an expert and a topic never seen before
  planning     plan_import of 1,000 rows against a synthetic store of --store appearances
               (bench.synth, built once and cached) against the same plan with no store
The Ifri example organisation is the roster; nothing touches the network.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from bench.exports import exports
from bench.synth import synthetic_store
from data.ingest import apply_import, plan_import
from data.organisation import load_organisation
from data.parsers import Context, parse_page
from data.parsers.spreadsheet import parse_spreadsheet, read_spreadsheet
from data.parsers.text import clean_lines, decode
from data.store import open_read_only

ROOT = Path(__file__).resolve().parents[1]
ORG = ROOT / "examples" / "ifri"
FIXTURES = ROOT / "tests" / "fixtures" / "pages" / "formats"


def clipping_csv(rows: int, new_names: bool = False) -> bytes:
    """A clipping export; with `new_names`, each row names an outlet, an expert and a topic of
    its own."""
    rng = random.Random(3)
    outlets = ("Le Monde", "FT", "Les Échos", "France Culture", "Radio Montrevel", "RFI")
    experts = ("Thomas Gomart", "Alice Ekman; John Seaman", "Héloïse FAYET", "", "Jeanne Lenoir")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Date", "Media", "Headline", "Link", "Spokesperson", "Reach", "Topics"])
    for i in range(rows):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1800))
        writer.writerow(
            [
                day.strftime("%d/%m/%Y"),
                f"Radio Locale {i}" if new_names else rng.choice(outlets),
                f"Appearance {i}: l'Europe face à la Chine",
                f"https://news.example.org/{i}",
                f"Jeanne Invitée {i}" if new_names else rng.choice(experts),
                rng.choice(["", "12 000", "350k"]),
                f"Sujet {i}" if new_names else rng.choice(["Chine; Europe", "Défense", ""]),
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def pages(count: int) -> list[tuple[str, str]]:
    originals = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
    copies = []
    for i in range(count):
        source = originals[i % len(originals)]
        text = source.read_text(encoding="utf-8")
        copies.append((f"{i}-{source.name}", text.replace("Europe", f"Europe {i}", 1)))
    return copies


def median_seconds(
    work: Callable[[], object], runs: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    timings = []
    for _ in range(runs):
        start = clock()
        work()
        timings.append(clock() - start)
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--layout-rows", type=int, default=5_000)
    parser.add_argument("--pages", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=int, default=1_000_000, help="appearances already stored")
    args = parser.parse_args(argv)
    org = load_organisation(ORG)
    ctx = Context.for_organisation(org)
    sheet = clipping_csv(args.rows)
    texts = pages(args.pages)
    raw = [(name, text.encode()) for name, text in texts]

    read_csv = median_seconds(lambda: pd.read_csv(io.BytesIO(sheet), sep=";"), args.runs)
    parse_csv = median_seconds(lambda: parse_spreadsheet(sheet, "c.csv", ctx), args.runs)
    split = median_seconds(lambda: [clean_lines(decode(data)) for _, data in raw], args.runs)
    parse = median_seconds(lambda: [parse_page(text, name, ctx) for name, text in texts], args.runs)
    plan = plan_import([("clippings.csv", sheet)], None, org)
    names = plan_import([("names.csv", clipping_csv(1000, new_names=True))], None, org)
    with tempfile.TemporaryDirectory() as folder:
        stores = iter(range(2 * args.runs))
        write = median_seconds(
            lambda: apply_import(plan, Path(folder) / f"{next(stores)}.duckdb"), args.runs
        )
        write_names = median_seconds(
            lambda: apply_import(names, Path(folder) / f"{next(stores)}.duckdb"), args.runs
        )

    small = clipping_csv(1000)
    alone = median_seconds(lambda: plan_import([("c.csv", small)], None, org), args.runs)
    con = open_read_only(synthetic_store(args.store))
    against = median_seconds(lambda: plan_import([("c.csv", small)], con, org), args.runs)
    con.close()

    print(f"ingest throughput, median of {args.runs} runs")
    print(f"{'step':<44} {'median':>10} {'per item':>12} {'ratio':>7}")
    rows = [
        (f"pandas.read_csv, {args.rows} rows (baseline)", read_csv, args.rows, read_csv),
        (f"parse_spreadsheet, {args.rows} rows", parse_csv, args.rows, read_csv),
        (f"decode + split lines, {args.pages} pages (baseline)", split, args.pages, split),
        (f"parse_page, {args.pages} pages", parse, args.pages, split),
        (f"apply_import, {len(plan.new)} rows, fresh store", write, len(plan.new), None),
        (f"apply_import, {len(names.new)} rows, all names new", write_names, len(names.new), None),
        ("plan_import, 1000 rows, no store (baseline)", alone, 1000, alone),
        (f"plan_import, 1000 rows, {args.store} stored", against, 1000, alone),
    ]
    for label, seconds, items, baseline in rows:
        ratio = f"{seconds / baseline:6.1f}x" if baseline else "      -"
        print(f"{label:<44} {seconds * 1000:8.1f}ms {seconds / items * 1e6:9.1f}µs {ratio}")
    # CPU time: on a shared machine the wall clock measures the neighbours as much as the parser
    print(f"\nvendor layouts, {args.layout_rows} rows each, CPU time, median of {args.runs} runs")
    print(f"{'layout':<26} {'parsed rows/s':>14} {'pandas rows/s':>14} {'ratio':>7}")
    for name, source, data, baseline in exports(args.layout_rows):
        parsed = median_seconds(
            lambda data=data, source=source: read_spreadsheet(data, source, ctx),
            args.runs,
            time.process_time,
        )
        read = median_seconds(baseline, args.runs, time.process_time)
        n = args.layout_rows
        print(f"{name:<26} {n / parsed:14,.0f} {n / read:14,.0f} {parsed / read:6.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
