"""The coverage report from the command line (see dashboard/report/__init__.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.report import FORMATS, build_report
from dashboard.report.content import filter_names
from data.store import StoreError, open_read_only
from queries.dimensions import DIMENSIONS
from queries.filters import Filters
from queries.options import add_filter_options, filters_from, option_name


def _unknown_values(known: dict[str, dict[str, str]], filters: Filters) -> list[str]:
    """'--outlet le-mond' for each value the store lacks (a typo would empty the report)."""
    return [
        f"--{option_name(dimension)} {value}"
        for dimension in DIMENSIONS
        if dimension.field in known
        for value in getattr(filters, dimension.field)
        if value not in known[dimension.field]
    ]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.report",
        description="Write the media coverage report of a period and filters as PowerPoint or PDF.",
    )
    parser.add_argument("--db", help="database file (default: $PRESSWATCH_DB or data/media.duckdb)")
    add_filter_options(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), required=True)
    parser.add_argument("-o", "--output", required=True, help="file to write")
    parser.add_argument("--org-name", help="name on the title slide (default: the configuration's)")
    parser.add_argument("--no-images", action="store_true", help="tables in place of chart images")
    parser.add_argument(
        "--no-key-dates", action="store_true", help="leave the key dates off the timeline"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="the media profile of the one expert given by --expert (appearances, outlets, "
        "topics, roles, notable pieces)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        print(f"--from {args.date_from} is after --to {args.date_to}.", file=sys.stderr)
        return 2
    filters, notices = filters_from(args)
    if args.profile and len(filters.experts) != 1:
        print("--profile needs exactly one --expert SLUG.", file=sys.stderr)
        return 2
    for notice in notices:
        print(notice, file=sys.stderr)
    try:
        con = open_read_only(args.db)
    except StoreError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        unknown = _unknown_values(filter_names(con), filters)
        if unknown:
            print("Not in this database: " + "; ".join(unknown) + ".", file=sys.stderr)
            return 2
        data = build_report(
            con,
            filters,
            args.format,
            args.org_name,
            images=False if args.no_images else None,
            key_dates=not args.no_key_dates,
            expert=filters.experts[0] if args.profile else None,
        )
    finally:
        con.close()
    output = Path(args.output)
    try:
        output.write_bytes(data)
    except OSError as exc:
        print(f"Could not write {output}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    print(f"Wrote {output} ({len(data) / 1024:,.0f} KB): {filters.describe_period()}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
