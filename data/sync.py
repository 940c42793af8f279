"""Run the organisation's sources once: its site's lists and its feeds (data/sources/).

    python -m data.sync [--db PATH] [--org DIR] [--source NAME] [--dry-run]
    python -m data.sync --reparse RUN [--db PATH] [--org DIR] [--dry-run]

What the sources add is written as one import (origin 'sync'), removable on the Import page like
any other. A source that fails adds nothing and is named with what happened. Exit status: 0 every
source read, 1 a source failed or something was rejected, 2 a usage or configuration error, or
another run in progress.
"""

from __future__ import annotations

import argparse
import sys

from data.organisation import OrganisationError, load_organisation
from data.sources.config import SourcesError
from data.sources.kept import SyncBusy
from data.sources.run import reparse, run_sync
from data.store import StoreError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data.sync", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--db", help="database file (default: $PRESSWATCH_DB or data/media.duckdb)")
    parser.add_argument(
        "--org", help="organisation folder, with its sources.toml (default: $PRESSWATCH_ORG)"
    )
    parser.add_argument("--source", metavar="NAME", help="run only this source")
    parser.add_argument("--dry-run", action="store_true", help="fetch and report, write nothing")
    parser.add_argument(
        "--reparse",
        type=int,
        metavar="RUN",
        help="read the pages kept by run RUN again (no request is made)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    if args.reparse is not None and args.source:
        parser.error("--reparse reads a whole run again; it takes no --source")

    def progress(source: str, message: str) -> None:
        print(f"{source}: {message}", file=sys.stderr, flush=True)

    try:
        org = load_organisation(args.org)
        if args.reparse is not None:
            report = reparse(org, args.reparse, args.db, dry_run=args.dry_run)
        else:
            report = run_sync(
                org,
                args.db,
                only=args.source,
                dry_run=args.dry_run,
                progress=None if args.quiet else progress,
            )
    except (OrganisationError, SourcesError, SyncBusy, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    trouble = report.failed or any(s.rejected for s in report.record.sources)
    return 1 if trouble else 0


if __name__ == "__main__":
    raise SystemExit(main())
