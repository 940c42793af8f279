"""What a reader may unpack, hold and spend on one imported file: every limit, named once.

Each limit is read from its environment variable when a file is read (default below), so the
command line and the dashboard server take it from the environment they start in:

    PRESSWATCH_MAX_ROWS=100000 python -m data.ingest big-export.xlsx

A file over a limit is refused whole, before anything of it is imported, with a message naming the
limit and its variable: "more than 50,000 rows (the limit, PRESSWATCH_MAX_ROWS); nothing in this
file was imported". The defaults keep the reading of any one file under 30 s and 512 MB on a
loaded 2-core machine (measured in docs/reliability.md), with room above the largest real export.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


class LimitExceeded(Exception):
    """A file over one of the limits; the message says which, and how to raise it. Not a
    ValueError: readers (openpyxl among them) re-raise those as their own."""


@dataclass(frozen=True)
class Limit:
    variable: str  # the environment variable that sets it
    default: int  # in `unit`
    unit: str  # as the variable is written: "MB", "rows", "s", ...
    meaning: str  # what is counted, for the documentation
    scale: int = 1  # the readers compare `value` (unit x scale): MB are compared as bytes

    @property
    def value(self) -> int:
        raw = os.environ.get(self.variable, "").strip()
        if not raw:
            return self.default * self.scale
        if not raw.isdigit() or int(raw) < 1:
            raise ValueError(f"{self.variable}={raw!r}: the limit must be a whole number above 0")
        return int(raw) * self.scale

    def text(self) -> str:
        """The limit as a reader writes it: '50,000 rows', '200 MB', '60 s'."""
        return f"{self.value // self.scale:,} {self.unit}"

    def exceeded(self, what: str, where: str = "") -> LimitExceeded:
        """The refusal: `where` (e.g. 'row 50,002: ') then `what` is over the limit."""
        return LimitExceeded(
            f"{where}{what} (the limit, {self.variable}); nothing in this file was imported"
        )


FILE_MB = Limit(
    "PRESSWATCH_MAX_FILE_MB",
    20,
    "MB",
    "size of one file as read or uploaded; the Import page's upload cap "
    "(.streamlit/config.toml server.maxUploadSize) must be the same",
    2**20,
)
UNPACKED_MB = Limit(
    "PRESSWATCH_MAX_UNPACKED_MB",
    100,
    "MB",
    "what an XLSX workbook unpacks to, all its parts together (declared and as read)",
    2**20,
)
PART_MB = Limit(
    "PRESSWATCH_MAX_PART_MB",
    10,
    "MB",
    "any part of a workbook that is read whole when it opens (styles, theme, workbook, ...): "
    "all but its sheets and shared strings, which are read as a stream",
    2**20,
)
ZIP_RATIO = Limit(
    "PRESSWATCH_MAX_ZIP_RATIO",
    100,
    "to 1",
    "how many times larger than its packed size a part of a workbook may unpack "
    "(real exports: 15-20; a zip bomb: about 1,000), for parts over 1 MB unpacked",
)
ROWS = Limit("PRESSWATCH_MAX_ROWS", 50_000, "rows", "rows of one spreadsheet, the header included")
COLUMNS = Limit(
    "PRESSWATCH_MAX_COLUMNS", 200, "columns", "columns of a spreadsheet row, up to its last value"
)
CELLS = Limit(
    "PRESSWATCH_MAX_CELLS",
    500_000,
    "cells",
    "cells of one spreadsheet, empty ones within a row included (and shared strings of a "
    "workbook: each fills one cell at most)",
)
CELL_CHARS = Limit(
    "PRESSWATCH_MAX_CELL_CHARS", 1_000_000, "characters", "characters in one spreadsheet cell"
)
ENTRIES = Limit(
    "PRESSWATCH_MAX_ENTRIES", 10_000, "entries", "entries (items) of one RSS or Atom feed"
)
ELEMENTS = Limit(
    "PRESSWATCH_MAX_ELEMENTS",
    200_000,
    "elements",
    "HTML elements in one page; XML elements in one feed",
)
NESTING = Limit(
    "PRESSWATCH_MAX_NESTING", 10_000, "levels", "HTML elements open inside one another in a page"
)
PAGE_CHARS = Limit(
    "PRESSWATCH_MAX_PAGE_CHARS",
    2_000_000,
    "characters",
    "characters of one page's text once its HTML is taken apart (a list of 500 appearances "
    "is about 250,000)",
)
SECONDS = Limit("PRESSWATCH_MAX_SECONDS", 60, "s", "time spent reading one file into appearances")
ALL = (
    FILE_MB,
    UNPACKED_MB,
    PART_MB,
    ZIP_RATIO,
    ROWS,
    COLUMNS,
    CELLS,
    CELL_CHARS,
    ENTRIES,
    ELEMENTS,
    NESTING,
    PAGE_CHARS,
    SECONDS,
)


# Called at every check of a deadline: the dashboard shows progress there, which is also where
# Streamlit stops a reading whose browser tab has closed (it raises at the page's next output).
_watcher: ContextVar[Callable[[], None] | None] = ContextVar("reading_watcher", default=None)


@contextmanager
def watched(watcher: Callable[[], None]) -> Iterator[None]:
    """Call `watcher` (cheaply: it is called per row) while files are read in this context."""
    token = _watcher.set(watcher)
    try:
        yield
    finally:
        _watcher.reset(token)


class Deadline:
    """The SECONDS limit for one file, started when its reading starts."""

    def __init__(self) -> None:
        self.seconds = SECONDS.value
        self.end = time.monotonic() + self.seconds
        self.watcher = _watcher.get()

    def check(self, where: str = "") -> None:
        if time.monotonic() > self.end:
            raise SECONDS.exceeded(f"reading took more than {self.seconds:,} s", where)
        if self.watcher is not None:
            self.watcher()
