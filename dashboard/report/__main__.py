"""The coverage report from the command line (see dashboard/report/__init__.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from dashboard.report import FORMATS, build_report
from dashboard.report.content import filter_names
from data.store import StoreError, open_read_only
from queries.dimensions import SIDEBAR
from queries.filters import Filters, parse_iso_date

# one repeatable flag per filter of the sidebar: --outlet, --expert, --tag, --media-type, ...
_FLAGS = {d.field: d.code.replace("_", "-") for d in SIDEBAR}


def _date(text: str) -> dt.date:
    value = parse_iso_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)")
    return value


def _unknown_values(known: dict[str, dict[str, str]], filters: Filters) -> list[str]:
    """'--outlet le-mond' for each value the store lacks (a typo would empty the report)."""
    return [
        f"--{flag} {value}"
        for field, flag in _FLAGS.items()
        for value in getattr(filters, field)
        if value not in known.get(field, {})
    ]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.report",
        description="Write the media coverage report of a period and filters as PowerPoint or PDF.",
    )
    parser.add_argument("--db", help="database file (default: $PRESSWATCH_DB or data/media.duckdb)")
    parser.add_argument("--from", dest="date_from", type=_date, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=_date, help="last day (included), YYYY-MM-DD")
    for dimension in SIDEBAR:
        what = "code" if dimension.coded else "slug"
        if dimension.codes:
            what += ": " + ", ".join(dimension.codes)
        parser.add_argument(
            f"--{_FLAGS[dimension.field]}",
            dest=dimension.field,
            action="append",
            default=[],
            help=f"{dimension.singular.lower()} {what} (repeatable)",
        )
    parser.add_argument("--format", choices=sorted(FORMATS), required=True)
    parser.add_argument("-o", "--output", required=True, help="file to write")
    parser.add_argument("--org-name", help="name on the title slide (default: the configuration's)")
    parser.add_argument("--no-images", action="store_true", help="tables in place of chart images")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        print(f"--from {args.date_from} is after --to {args.date_to}.", file=sys.stderr)
        return 2
    filters = Filters(
        date_from=args.date_from,
        date_to=args.date_to,
        **{
            d.field: tuple(v.upper() if d.upper_case else v for v in getattr(args, d.field))
            for d in SIDEBAR
        },
    )
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
            con, filters, args.format, args.org_name, images=False if args.no_images else None
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
