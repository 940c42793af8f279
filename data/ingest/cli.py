"""Import "in the media" pages and clipping spreadsheets into the store.

    python -m data.ingest [--db PATH] [--org DIR] [--dry-run] [--json] [--map FIELD=COLUMN] PATH...
    python -m data.ingest --explain [--org DIR] [--map FIELD=COLUMN] FILE...

PATHs are files or folders (read recursively: .txt, .md, .html, .htm, .csv, .tsv, .xlsx). Without
--dry-run the whole run is one transaction (`data.store.write_batch`): a failed or killed import
leaves the store exactly as it was. Exit status: 0 all went in, 1 something was rejected (the
summary names each file and row and why) or the store could not be written (a full disk, say),
2 usage error or an organisation folder that cannot be used. `--dry-run --json` writes nothing and
prints one JSON object per extracted appearance. `--explain` writes nothing and prints, for each
spreadsheet, the layout recognised, the column each field is read from, how its dates are
written, a sample row, and the columns left out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from data.ingest import apply_import, as_json, extract, plan_import, read_paths
from data.organisation import Organisation, load_organisation
from data.parsers import Context
from data.parsers.sheet_report import SheetReport
from data.parsers.spreadsheet import FIELDS
from data.store import StoreError, db_path, open_read_only


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field_name, sep, column = pair.partition("=")
        if not sep or not field_name.strip() or not column.strip():
            raise ValueError(f"--map {pair!r}: write it as FIELD=COLUMN, e.g. title=Titre")
        if field_name.strip() not in FIELDS:
            raise ValueError(f"--map {pair!r}: FIELD is one of {', '.join(FIELDS)}")
        mapping[field_name.strip()] = column.strip()
    return mapping


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data.ingest",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
    parser.add_argument("--db", help="database file (default: $PRESSWATCH_DB or data/media.duckdb)")
    parser.add_argument(
        "--org", help="organisation folder (default: $PRESSWATCH_ORG or data/reference)"
    )
    parser.add_argument("--dry-run", action="store_true", help="read and report, write nothing")
    parser.add_argument(
        "--explain", action="store_true", help="how each spreadsheet is read; write nothing"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per appearance")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="spreadsheet column for a field, e.g. --map title=Titre",
    )
    args = parser.parse_args(argv)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        parser.print_usage(sys.stderr)
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        mapping = _mapping(args.map)
        org = load_organisation(args.org)
    except (ValueError, OSError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    files = read_paths(args.paths)
    if args.explain:
        return _explain(files, org, mapping)
    con = None
    if db_path(args.db).exists():
        try:
            con = open_read_only(args.db)
        except StoreError:
            con = None  # an older schema: the import migrates it; nothing to compare against
    try:
        plan = plan_import(files, con, org, mapping)
    finally:
        if con is not None:
            con.close()
    if args.dry_run:
        if args.json:
            for planned in plan.extracted:
                print(json.dumps(as_json(planned), ensure_ascii=False))
        else:
            print(
                f"dry run: {len(plan.new)} new, {len(plan.duplicates)} duplicates, "
                f"{len(plan.rejected)} rejected"
            )
        for note in plan.notes:  # beside the JSON lines, not among them
            print(f"read      {note}", file=sys.stderr if args.json else sys.stdout)
        for reject in plan.rejected:
            print(f"rejected  {reject}", file=sys.stderr)
        for warning in plan.warnings:
            print(f"warning   {warning}", file=sys.stderr)
        return 1 if plan.rejected else 0
    try:
        summary = apply_import(plan, args.db, origin="cli")
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(summary.__dict__, default=str) if args.json else str(summary))
    return 1 if summary.n_rejected else 0


def _explain(files: list[tuple[str, bytes]], org: Organisation, mapping: dict[str, str]) -> int:
    """How each file is read: a spreadsheet's layout, columns and dates; why a file is refused."""
    reports: list[SheetReport] = []
    _, rejects = extract(files, Context.for_organisation(org), mapping, reports)
    read = {report.source for report in reports}
    for report in reports:
        print(report.explain(), end="\n\n")
    refused = [r for r in rejects if r.row_number is None]
    for reject in refused:
        print(f"refused   {reject}")
    for name, _ in files:
        if name not in read and all(r.source != name for r in refused):
            print(f"{name}\n  a page, not a spreadsheet: --dry-run --json shows what it gives\n")
    return 1 if refused else 0
