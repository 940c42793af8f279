"""Downloads: a chart as PNG, SVG or standalone HTML; a table as CSV or Excel. Pure, no Streamlit.

Chart images are drawn on the server by kaleido, which drives the machine's Chrome or Chromium.
One browser runs per process, started on the first image, on an event loop of its own; each
image is its own future on that loop. Images are drawn one at a time, each waited for with a
timeout. A browser that fails or hangs is killed and thrown away with its loop, so a late answer
from it lands in a future nobody reads; images are then off for a cool-down, with the reason and
when they will be tried again, and the next image after it starts a fresh browser. No browser
installed, or images switched off, keeps them off without retries.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import datetime as dt
import io
import math
import os
import re
import shutil
import signal
import threading
import time
import zlib
from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import world_map
from data.formulas import FORMULA_START, PLAIN_NUMBER, is_formula_like
from data.formulas import defuse as _defuse
from data.organisation import slugify
from queries.dimensions import DIMENSIONS
from queries.filters import DEFAULT_KINDS, Filters

SLIDE_WIDTH, SLIDE_HEIGHT = 1600, 900  # 16:9, sharp on a projected slide
CHART_FORMATS = ("png", "svg", "html")
NO_IMAGES_ENV = "PRESSWATCH_NO_IMAGE_EXPORT"  # "1": behave as if no browser were installed
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
IMAGE_TIMEOUT_S = 60  # the first image also starts the browser (about 2 s on a quiet machine)
IMAGE_RETRY_AFTER_S = 60  # images off after a browser failure, then a fresh browser is tried
BROWSER_CLEANUP_S = 10  # closing a killed browser only removes its temporary files
TOPOJSON = world_map.TOPOJSON_DIR.as_uri()  # where kaleido's plotly.js finds a map's base map


class ImageExportUnavailable(RuntimeError):
    """Chart images cannot be drawn on this server; the message says why in plain words."""


# ---------- chart images


def browser_path() -> str | None:
    """The Chrome or Chromium kaleido will drive: $BROWSER_PATH if set, else the first on PATH."""
    chosen = os.environ.get("BROWSER_PATH")
    if chosen:
        return chosen if os.access(chosen, os.X_OK) else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class _NoAnswer(Exception):
    """The browser gave no answer in time: it may be hung, and is thrown away."""


class _Browser:
    """One kaleido browser on its own event loop thread; stopped and thrown away whole."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._kaleido = None  # made on the loop by the first image, which also opens it
        self._loop = asyncio.new_event_loop()
        # A daemon thread: a browser that never answers must not keep the process alive.
        threading.Thread(target=self._run, name="chart-browser", daemon=True).start()

    def _run(self) -> None:
        self._loop.run_forever()
        self._loop.close()

    def draw(self, fig_dict: dict, opts: dict, timeout: float) -> bytes:
        """The image; _NoAnswer if the browser says nothing within `timeout` seconds."""
        future = asyncio.run_coroutine_threadsafe(self._draw(fig_dict, opts), self._loop)
        concurrent.futures.wait([future], timeout)
        if not future.done():
            raise _NoAnswer(f"the browser drawing charts gave no answer in {timeout} s")
        return future.result()

    async def _draw(self, fig_dict: dict, opts: dict) -> bytes:
        if self._kaleido is None:
            import kaleido  # imported here: starting Python should not need it

            self._kaleido = kaleido.Kaleido(path=self._path, mathjax=False, timeout=30)
            await self._kaleido.open()
        # a map's base map from this machine, never plotly's CDN (dashboard/static/topojson/)
        return await self._kaleido.calc_fig(fig_dict, opts=opts, topojson=TOPOJSON)

    def stop(self, wait_s: float = 0) -> None:
        """Kill the browser now (it may be hung), then end its loop; wait at most wait_s."""
        process = getattr(self._kaleido, "subprocess", None)
        if process is not None:
            # Its own process group: the wrapper kaleido starts and the browser under it.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        closed = asyncio.run_coroutine_threadsafe(self._close(), self._loop)
        # Stopped once the close is reported done: stopping inside it would lose that report.
        closed.add_done_callback(lambda _: self._loop.call_soon_threadsafe(self._loop.stop))
        concurrent.futures.wait([closed], wait_s)

    async def _close(self) -> None:
        for task in asyncio.all_tasks():
            if task is not asyncio.current_task():
                task.cancel()  # the image nobody waits for any more
        if self._kaleido is None:
            return
        with contextlib.suppress(Exception):  # the browser is dead already: tidying is best effort
            await asyncio.wait_for(self._kaleido.close(), BROWSER_CLEANUP_S)


class _ImageServer:
    """The process's chart browser; one image at a time, each waited for with a timeout.

    A browser that fails or hangs is stopped and images are off for IMAGE_RETRY_AFTER_S; the
    first image after that starts a fresh browser.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._browser: _Browser | None = None
        self._failure: str | None = None  # the last browser failure, kept for the cool-down
        self._retry_at = 0.0

    def cooling_down(self) -> str | None:
        """Why images are off after a browser failure, and when they will be tried again."""
        failure, left = self._failure, math.ceil(self._retry_at - self._clock())
        if failure is None or left <= 0:
            return None
        return f"{failure}; chart images are off for now and will be tried again in {left} seconds"

    def render(self, fig: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
        with self._lock:
            reason = self.cooling_down()
            if reason:
                raise ImageExportUnavailable(reason)
            path = browser_path()
            if path is None:
                raise ImageExportUnavailable(_NO_BROWSER)
            if self._browser is None:
                self._browser = _Browser(path)
            opts = {"format": fmt, "width": width, "height": height, "scale": scale}
            try:
                return self._browser.draw(fig.to_dict(), opts, IMAGE_TIMEOUT_S)
            except Exception as error:  # kaleido reports browser trouble with many exception types
                self._give_up(error)
                raise ImageExportUnavailable(self.cooling_down()) from error

    def _give_up(self, error: Exception) -> None:
        """Kill the browser without waiting on it, and keep images off for the cool-down."""
        self._browser.stop()
        self._browser = None
        self._failure = (
            str(error)
            if isinstance(error, _NoAnswer)
            else f"the browser drawing charts failed ({_plain(error)})"
        )
        self._retry_at = self._clock() + IMAGE_RETRY_AFTER_S

    def close(self) -> None:
        """Stop the browser, if one runs, so none outlives the server."""
        if self._browser is not None:
            self._browser.stop(wait_s=BROWSER_CLEANUP_S)
            self._browser = None


def _plain(error: Exception) -> str:
    """The error's kind and first line: browser errors can carry several paragraphs of advice."""
    first = error.args[0] if error.args and isinstance(error.args[0], str) else str(error)
    lines = first.strip().splitlines()
    return f"{error.__class__.__name__}: {lines[0]}" if lines else error.__class__.__name__


_server = _ImageServer()
atexit.register(_server.close)
_NO_BROWSER = (
    "no Chrome or Chromium browser was found on the server (install Debian's chromium, "
    "or set BROWSER_PATH to one)"
)


def image_export_available() -> tuple[bool, str]:
    """Whether charts can be saved as images here, and a plain sentence saying why or why not."""
    if os.environ.get(NO_IMAGES_ENV, "") not in ("", "0"):
        return False, f"chart images are switched off on this server ({NO_IMAGES_ENV} is set)"
    path = browser_path()
    if path is None:
        return False, _NO_BROWSER
    cooling = _server.cooling_down()
    if cooling:
        return False, cooling
    return True, f"charts are drawn with {path}"


def figure_bytes(
    fig: go.Figure,
    fmt: str,
    *,
    width: int = SLIDE_WIDTH,
    height: int = SLIDE_HEIGHT,
    scale: float = 1,
) -> bytes:
    """The chart as a file: "png" and "svg" at slide size, "html" interactive and offline.

    A PNG is width x height layout pixels times `scale` (2 doubles the sharpness, text included).

    Raises ImageExportUnavailable for png/svg where no browser can draw them.
    """
    if fmt == "html":
        html = fig.to_html(
            include_plotlyjs=True,  # inlined, so the file works without a network
            full_html=True,
            config={"displaylogo": False},
        )
        if world_map.draws_a_map(fig):  # and so is a map's base map
            html = html.replace("</head>", world_map.base_map_script() + "</head>", 1)
        return html.encode("utf-8")
    if fmt not in ("png", "svg"):
        raise ValueError(f"unknown chart format {fmt!r}; use one of {', '.join(CHART_FORMATS)}")
    available, reason = image_export_available()
    if not available:
        raise ImageExportUnavailable(reason)
    sized = go.Figure(fig).update_layout(width=width, height=height)
    return _server.render(sized, fmt, width, height, scale)


# ---------- tables

# Formula-like text (CSV injection) is defused by the one rule of data/formulas.py.


def csv_bytes(df: pd.DataFrame) -> bytes:
    """Every row, UTF-8 with a byte order mark (Excel then shows French accents right)."""
    safe = df.rename(columns=lambda c: _defuse(str(c)))
    for index in range(safe.shape[1]):
        column = safe.iloc[:, index]
        if _is_text(column):
            text = _joined_column(column)
            safe.isetitem(index, text.mask(_formula_like(text), "'" + text.astype("string")))
    # CRLF rows (RFC 4180): a line break of either kind inside a cell then gets quoted.
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(df: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """An Excel workbook of every row; dates are real dates, formula-like text stays text.

    Excel's own form of the CSV apostrophe is the cell's quote prefix: the text shows as written
    and is never evaluated.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(sheet_name))

    def as_text(value: str, bold: bool = False) -> WriteOnlyCell:
        written = WriteOnlyCell(sheet, value)
        written.data_type = "s"
        written.quotePrefix = is_formula_like(value)
        written.font = Font(bold=bold)
        return written

    sheet.append([as_text(str(c), bold=True) for c in df.columns])
    # Column by column (vectorised), then row by row: a cell object only where one is needed.
    columns = []
    for index in range(df.shape[1]):
        column = df.iloc[:, index]
        if _is_datetime(column):
            columns.append(_excel_dates(column))
        elif pd.api.types.is_numeric_dtype(column):
            columns.append(column.astype(object).where(column.notna(), None).tolist())
        else:
            text = _joined_column(column)
            risky = _formula_like(text).tolist()
            values = [_excel_value(v) for v in text.tolist()]
            columns.append([as_text(v) if r else v for v, r in zip(values, risky, strict=True)])
    for row in zip(*columns, strict=True):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _is_datetime(series: pd.Series) -> bool:
    return pd.api.types.is_datetime64_any_dtype(series)


def _is_text(series: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(series) or _is_datetime(series))


def _joined(value: object) -> object:
    """A list cell (the experts of an appearance) as one readable text: "A, B"."""
    if isinstance(value, list | tuple | np.ndarray):
        return ", ".join(str(v) for v in value)
    return value


def _joined_column(series: pd.Series) -> pd.Series:
    return series.map(_joined) if series.dtype == object else series


def _formula_like(text: pd.Series) -> pd.Series:
    """is_formula_like for a whole column at once."""
    as_string = text.astype("string")
    starts = as_string.str.startswith(FORMULA_START, na=False)
    is_text = text.map(lambda v: isinstance(v, str)) if text.dtype == object else True
    return starts & ~as_string.str.fullmatch(PLAIN_NUMBER.pattern, na=False) & is_text


def _excel_dates(series: pd.Series) -> list:
    if series.dt.tz is not None:
        series = series.dt.tz_localize(None)  # Excel has no time zones: the wall-clock time
    present = series.dropna()
    if (present == present.dt.normalize()).all():  # calendar dates, shown without midnight
        return [None if pd.isna(v) else v.date() for v in series]
    return [None if pd.isna(v) else v.to_pydatetime() for v in series]


def _excel_value(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
        return value.date()  # a calendar date, shown without a midnight time
    if isinstance(value, np.generic):  # numpy scalars -> int, float, bool
        return value.item()
    return value


def _sheet_title(name: str) -> str:
    cleaned = " ".join(re.sub(r"[\[\]:*?/\\]", " ", name).split()).strip("'")
    return (cleaned or "data")[:31]


# ---------- file names


FILTERS_IN_NAME = 90  # characters at most for the filters' part of a file name


def file_name(what: str, filters: Filters | None, ext: str) -> str:
    """What the file holds, for which period and filters:
    coverage-report_2025-12-02_2026-12-01_le-monde_migration.pdf (safe characters only)."""
    filters = filters or Filters()
    start, end = filters.date_from, filters.date_to
    if start and end:
        period = f"{start.isoformat()}_{end.isoformat()}"
    elif start:
        period = f"from-{start.isoformat()}"
    elif end:
        period = f"until-{end.isoformat()}"
    else:
        period = "all-time"
    extension = re.sub(r"[^a-z0-9]", "", ext.lower()) or "bin"
    narrowed = filters_in_name(filters)
    return f"{slugify(what)[:80]}_{period}{'_' + narrowed if narrowed else ''}.{extension}"


def filters_in_name(filters: Filters) -> str:
    """The narrowing filters as safe words: slugs as they are (le-monde, migration), codes with
    their dimension (media-type-radio, country-fr), the search text, kinds other than the
    default. Cut to FILTERS_IN_NAME characters, with a short checksum of the whole so two views
    never share a name."""
    parts: list[str] = []
    for dimension in DIMENSIONS:
        values = getattr(filters, dimension.field)
        if dimension.field == "kinds":
            if values != DEFAULT_KINDS:
                parts.append("kinds-" + ("-".join(values) or "all"))
        elif dimension.coded:
            dimension_words = dimension.code.replace("_", "-")
            parts += [f"{dimension_words}-{slugify(value, 'value')}" for value in values]
        else:
            parts += [slugify(value, dimension.code) for value in values]
    if filters.text:
        parts.append(f"search-{slugify(filters.text, 'text')[:40].rstrip('-')}")
    joined = "_".join(parts)
    if len(joined) <= FILTERS_IN_NAME:
        return joined
    checksum = f"{zlib.crc32(joined.encode()):08x}"
    kept = joined[: FILTERS_IN_NAME - len(checksum) - 6].rsplit("_", 1)[0]
    return f"{kept}_more-{checksum}"
