"""The one-click coverage report of a filtered view, as PowerPoint or PDF.

    build_report(con, filters, "pptx") -> bytes          (what the dashboard's button calls)
    python -m dashboard.report --from 2025-01-01 --to 2025-12-31 --format pdf -o report.pdf

content.py gathers the numbers and figures once (a Report); pptx.py and pdf.py lay it out;
__main__.py is the command line.

Pure (no Streamlit): numbers come from the query layer with the view's Filters and charts from
dashboard/charts.py, so the report says what the dashboard shows. Safe to call from several
sessions at once: each call reads on its own cursors and builds its own document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import duckdb

from dashboard.report.content import gather
from dashboard.report.pdf import render_pdf
from dashboard.report.pptx import render_pptx
from dashboard.report.profile import gather_profile
from data.organisation import load_organisation
from queries.filters import Filters

FORMATS = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
FALLBACK_NAME = "Media coverage"


def build_report(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    fmt: str,
    org_name: str | None = None,
    *,
    images: bool | None = None,
    today: dt.date | None = None,
    key_dates: bool = True,
    expert: str | None = None,
) -> bytes:
    """The report file for this view. images=False shows tables in place of charts;
    key_dates=False leaves the key dates off its timeline; `expert` (a slug) makes it that
    expert's media profile (dashboard/report/profile.py)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    name = org_name or organisation_name()
    options = {"images": images, "today": today, "key_dates": key_dates}
    if expert:
        report = gather_profile(con, filters, expert, name, **options)
    else:
        report = gather(con, filters, name, **options)
    return render_pptx(report) if fmt == "pptx" else render_pdf(report)


def organisation_name(folder: str | Path | None = None) -> str:
    """The name in the organisation's configuration (data/reference/ unless a folder is given)."""
    try:
        return (load_organisation(folder) if folder else load_organisation()).name
    except (OSError, KeyError, ValueError):
        return FALLBACK_NAME


def report_file_name(filters: Filters, fmt: str, expert: str | None = None) -> str:
    """coverage-report_<period>_<filters>.pdf; media-profile_<period>_<expert>_<filters>.pdf"""
    from dashboard.downloads import file_name

    if expert:
        return file_name("media profile", replace(filters, experts=(expert,)), fmt)
    return file_name("coverage report", filters, fmt)
