"""Import "in the media" pages and clipping spreadsheets into the store.

    reading.py   files -> Articles and Rejects: folders walked, size cap, the parser chosen
    stored.py    what the store already holds: known spellings, appearances a record may repeat
    planning.py  pure: Articles + what the store holds -> new / duplicate / rejected, new names
                 (which records are one appearance: data/dedupe.py)
    writing.py   the plan written in one transaction, set-based (sql/write.sql)
    cli.py       python -m data.ingest

From the Import page:

    >>> plan = plan_import([("in-the-media.html", raw_bytes)], read_only_con, org)
    >>> len(plan.new), len(plan.duplicates), plan.rejected      # what would happen, no writes
    >>> summary = apply_import(plan, db_path)                    # one transaction
    >>> summary.n_new, summary.n_duplicate, summary.n_rejected

Files larger than MAX_FILE_BYTES (20 MB, the Import page's upload cap) are rejected, not read.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from data.ingest import stored
from data.ingest.planning import NO_OUTLET, ImportPlan, Planned, as_json, plan, resolve
from data.ingest.reading import MAX_FILE_BYTES, SUFFIXES, Reject, extract, read_paths
from data.ingest.writing import RunSummary, apply_import
from data.model import Article
from data.organisation import Organisation
from data.parsers import Context
from data.parsers.sheet_report import SheetReport

__all__ = [
    "MAX_FILE_BYTES",
    "NO_OUTLET",
    "SUFFIXES",
    "ImportPlan",
    "Planned",
    "Reject",
    "RunSummary",
    "apply_import",
    "as_json",
    "extract",
    "plan_articles",
    "plan_import",
    "read_paths",
]


def plan_import(
    files: list[tuple[str, bytes]],
    con_read_only: duckdb.DuckDBPyConnection | None,
    org: Organisation,
    mapping: dict[str, str] | None = None,
    today: dt.date | None = None,
) -> ImportPlan:
    """What an import of these files would add, skip as duplicate and reject. Writes nothing."""
    ctx = Context.for_organisation(org, today)
    reports: list[SheetReport] = []
    articles, rejects = extract(files, ctx, mapping, reports)
    result = plan_articles(articles, rejects, [name for name, _ in files], con_read_only, org, ctx)
    result.reports = reports
    return result


def plan_articles(
    articles: list[Article],
    rejects: list[Reject],
    sources: list[str],
    con_read_only: duckdb.DuckDBPyConnection | None,
    org: Organisation,
    ctx: Context,
) -> ImportPlan:
    """plan_import for appearances already read (the sources' runs read pages as they fetch)."""
    names = stored.names(con_read_only)
    resolved = [resolve(article, ctx, names) for article in articles]
    matches = stored.matches(con_read_only, resolved)
    return plan(org, sources, resolved, rejects, names, matches)
