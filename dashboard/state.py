"""What every page shares: the read-only store connection and the view (filters, names, bounds).

The connection is cached per database file *version*: writers replace the file atomically, so a
new (inode, mtime) means new data, and the next rerun opens it without a server restart.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

import queries
from data import curation, store
from queries.filters import Filters

# The Import and About pages' own queries on the import history (no filters), run by the same
# runner as every other: queries.run(con, name, folder=SQL_DIR, ...).
SQL_DIR = Path(__file__).resolve().parent / "sql"
VIEW_KEY = "_presswatch_view"
Version = tuple[str, int, int]  # (path, inode, mtime_ns) of the store file


@dataclass(frozen=True)
class View:
    """Everything a page needs to draw itself for the current filters."""

    con: duckdb.DuckDBPyConnection
    version: Version  # which file the connection reads: the key of every cached result
    filters: Filters
    names: dict[str, dict[str, str]]  # filter field -> {value: display name}
    bounds: dict[str, object]  # the data_bounds row
    today: dt.date
    can_edit: bool = False  # the reader may import data (an editor): pages say where
    key_dates: tuple = ()  # (day, label) of the key dates drawn on timelines; () when off

    def query(self, name: str, filters: Filters | None = None, **params: object) -> queries.Query:
        """A named query for this view (or other filters): what a chart shows under it."""
        return queries.Query.of(name, self.filters if filters is None else filters, **params)

    def result(self, query: queries.Query) -> pd.DataFrame:
        """A query's rows, cached per store version."""
        return _cached_run(self.version, repr(query), _con=self.con, _query=query)

    def run(self, name: str, filters: Filters | None = None, **params: object) -> pd.DataFrame:
        """A named query's rows for this view (or other filters)."""
        return self.result(self.query(name, filters, **params))


@st.cache_data(max_entries=1000, show_spinner=False)
def _cached_run(version: Version, key: str, _con, _query: queries.Query) -> pd.DataFrame:
    # A rerun that keeps the filters (a click, a period size) reuses every result; a new file
    # version is a new key, so an import is never hidden behind an old result.
    del version, key  # only part of the cache key
    return _query.run(_con)


def file_version(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_ino, info.st_mtime_ns


def _close(con: duckdb.DuckDBPyConnection) -> None:
    con.close()


@st.cache_resource(max_entries=2, show_spinner=False, on_release=_close)
def _open(path: str, inode: int, mtime_ns: int) -> duckdb.DuckDBPyConnection:
    del inode, mtime_ns  # only part of the cache key
    return store.open_read_only(path)


def connection() -> tuple[duckdb.DuckDBPyConnection, Version]:
    """The read-only connection to the current version of the store, and that version.

    Raises store.StoreError when there is no usable store.
    """
    path = store.db_path()
    try:
        inode, mtime_ns = file_version(path)
    except FileNotFoundError:
        store.open_read_only(path)  # raises the StoreError that says how to create it
        raise
    return _open(str(path), inode, mtime_ns), (str(path), inode, mtime_ns)


@st.cache_data(max_entries=4, show_spinner=False)
def filter_options(version: Version) -> dict[str, dict[str, str]]:
    """Per filter field, the values the store holds and their display names."""
    rows = queries.run(_open(*version), "dimension_values")
    options: dict[str, dict[str, str]] = {}
    for row in rows.itertuples(index=False):
        options.setdefault(row.dimension, {})[row.value] = row.label
    return options


@st.cache_data(max_entries=4, show_spinner=False)
def data_bounds(version: Version) -> dict[str, object]:
    """The data_bounds row, with dates as dates (pandas hands them over as Timestamps)."""
    row = queries.run(_open(*version), "data_bounds")
    if row.empty:
        return {}
    bounds = {k: (None if pd.isna(v) else v) for k, v in row.iloc[0].items()}
    for key in ("first_date", "data_through"):
        if bounds.get(key) is not None:
            bounds[key] = pd.Timestamp(bounds[key]).date()
    return bounds


@st.cache_data(max_entries=2, show_spinner="Reading what waits for review…")
def review_queue(version: Version) -> dict[str, list[curation.QueueItem]]:
    """What waits for an editor (data.curation.queue, some seconds on a large store), read once
    per store version: every edit is a new version, so the queue after it is read anew."""
    return curation.queue(_open(*version))


def set_view(view: View) -> None:
    st.session_state[VIEW_KEY] = view


def current_view() -> View:
    """The view app.py prepared for this run (pages never open the store themselves)."""
    return st.session_state[VIEW_KEY]
