"""The "Download report" menu of a view: the coverage report as PowerPoint or PDF, built on click.

from dashboard import report_button
report_button.report_menu(view.con, view.filters)
"""

from __future__ import annotations

import duckdb
import streamlit as st

from dashboard.downloads import image_export_available
from dashboard.report import FORMATS, build_report, report_file_name
from queries.filters import Filters

CHOICES = (("pptx", "PowerPoint slides (.pptx)"), ("pdf", "PDF"))


def report_menu(
    con: duckdb.DuckDBPyConnection, filters: Filters, key: str = "report", key_dates: bool = True
) -> None:
    with st.popover("Download report", icon=":material/slideshow:"):
        st.caption(
            f"The coverage report of this view ({filters.describe_period()}, with its filters): "
            "headline numbers against the previous period, charts, notable appearances and the "
            "method. Building it takes a few seconds."
        )
        for fmt, label in CHOICES:
            st.download_button(
                label,
                data=lambda fmt=fmt: build_report(con, filters, fmt, key_dates=key_dates),
                file_name=report_file_name(filters, fmt),
                mime=FORMATS[fmt],
                on_click="ignore",  # no rerun: the page stays as it is
                key=f"{key}-{fmt}",
            )
        available, reason = image_export_available()
        if not available:
            st.caption(f"Charts will appear as tables of their numbers: {reason}.")


def profile_menu(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    expert: str,
    name: str,
    key: str = "profile",
    key_dates: bool = True,
) -> None:
    """The "Download media profile" menu of one expert, for the view's period and filters."""
    with st.popover("Download media profile", icon=":material/badge:"):
        st.caption(
            f"The media profile of {name} ({filters.describe_period()}, with the view's other "
            "filters): appearances, outlets, topics and roles against the previous period, "
            "share of voice, notable pieces and the method, for an annual review or a "
            "biography page. Building it takes a few seconds."
        )
        for fmt, label in CHOICES:
            st.download_button(
                label,
                data=lambda fmt=fmt: build_report(
                    con, filters, fmt, key_dates=key_dates, expert=expert
                ),
                file_name=report_file_name(filters, fmt, expert),
                mime=FORMATS[fmt],
                on_click="ignore",
                key=f"{key}-{fmt}-{expert}",
            )
