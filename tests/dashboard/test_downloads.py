"""Downloads: charts as slide-ready images or offline HTML, tables that open right in Excel."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import struct
import time
import xml.etree.ElementTree as ET

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import downloads, world_map
from dashboard.downloads import (
    NO_IMAGES_ENV,
    ImageExportUnavailable,
    csv_bytes,
    figure_bytes,
    file_name,
    image_export_available,
    xlsx_bytes,
)
from queries.filters import Filters

OUTLETS = ["Le Monde", "Financial Times", "Les Échos"]
COUNTS = [41, 17, 9]

# Cells a hostile or careless source could carry, and what a spreadsheet must show for each.
HOSTILE_CELLS = {
    '=HYPERLINK("http://evil.example","click")': '\'=HYPERLINK("http://evil.example","click")',
    "+33 1 40 61 60 00": "'+33 1 40 61 60 00",
    "-1+2": "'-1+2",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "\t=1+1": "'\t=1+1",
    "\r=1+1": "'\r=1+1",
    "-12.5": "-12.5",  # a plain negative number stays a number
    "Énergie : le nucléaire en débat": "Énergie : le nucléaire en débat",
}


def bar_chart() -> go.Figure:
    return go.Figure(go.Bar(x=OUTLETS, y=COUNTS)).update_layout(height=400, title="Top outlets")


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def appearances_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "published": pd.to_datetime(["2025-03-01", "2025-03-02", None]).date,
            "outlet": ["Le Monde", "Les Échos", "Financial Times"],
            "title": ["Énergie : le nucléaire en débat", "=1+1", "-12.5"],
            "appearances": [3, -2, 0],
        }
    )


# ---------- chart images


@pytest.mark.chromium
def test_chart_png_is_slide_sized_whatever_the_size_on_screen():
    assert png_size(figure_bytes(bar_chart(), "png")) == (1600, 900)


@pytest.mark.chromium
def test_chart_svg_is_valid_xml_with_the_outlet_names():
    svg = figure_bytes(bar_chart(), "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert root.get("width") == "1600" and root.get("height") == "900"
    assert "Financial Times" in svg.decode("utf-8")


@pytest.mark.chromium
def test_charts_are_drawn_from_several_sessions_at_once_each_getting_its_own():
    from concurrent.futures import ThreadPoolExecutor

    def titled(n: int) -> str:
        fig = bar_chart().update_layout(title=f"Chart number {n}")
        return figure_bytes(fig, "svg").decode("utf-8")

    with ThreadPoolExecutor(max_workers=6) as pool:
        svgs = list(pool.map(titled, range(6)))
    for n, svg in enumerate(svgs):
        assert f"Chart number {n}" in svg


def test_chart_html_works_offline_and_holds_the_data():
    html = figure_bytes(bar_chart(), "html").decode("utf-8")
    assert html.lstrip().lower().startswith("<html") or "<!doctype html>" in html.lower()
    for outlet in OUTLETS:
        assert json.dumps(outlet)[1:-1] in html  # as the chart's JSON holds it
    external_scripts = re.findall(r"<script[^>]*\bsrc=[\"']?(?:https?:)?//", html, re.IGNORECASE)
    assert external_scripts == []
    assert len(html) > 1_000_000, "plotly.js should be inlined"


def test_a_maps_html_holds_its_base_map_after_the_charset_and_nothing_can_end_its_script():
    mix = pd.DataFrame({"value": ["FR", "DE"], "appearances": [3, 1], "share": [0.75, 0.25]})
    placed, _ = world_map.split(mix)
    html = figure_bytes(world_map.figure(placed, "Outlet countries", ""), "html").decode("utf-8")
    head = html[: html.index("</head>")]
    start = head.index("window.PlotlyGeoAssets")
    assert html.index('charset="utf-8"') < min(1024, start)  # where a browser looks for it
    script = head[start : head.index("</script>", start)]
    assert "<" not in script  # no "</script>", no "<!--" inside
    topology = json.loads(script[script.index(":", script.index("world_110m")) + 1 : -3])
    assert "FRA" in {g["id"] for g in topology["objects"]["countries"]["geometries"]}
    assert "window.PlotlyGeoAssets = " not in figure_bytes(bar_chart(), "html").decode("utf-8")


def test_unknown_chart_format_is_refused_with_the_formats_offered():
    with pytest.raises(ValueError, match="png, svg, html"):
        figure_bytes(bar_chart(), "gif")


def test_without_a_browser_images_are_refused_with_a_plain_reason(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    available, reason = image_export_available()
    assert not available
    assert "Chromium" in reason and "BROWSER_PATH" in reason
    with pytest.raises(ImageExportUnavailable, match="no Chrome or Chromium"):
        figure_bytes(bar_chart(), "png")
    assert b"Le Monde" in figure_bytes(bar_chart(), "html")  # HTML needs no browser


def test_without_a_browser_images_stay_off_with_no_promise_of_a_retry(monkeypatch, image_server):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(ImageExportUnavailable, match="no Chrome or Chromium"):
        figure_bytes(bar_chart(), "png")
    image_server.advance(downloads.IMAGE_RETRY_AFTER_S + 1)
    available, reason = image_export_available()
    assert not available and "no Chrome or Chromium" in reason
    assert "tried again" not in reason


def test_images_can_be_switched_off_on_a_server(monkeypatch):
    monkeypatch.setenv(NO_IMAGES_ENV, "1")
    available, reason = image_export_available()
    assert not available and NO_IMAGES_ENV in reason
    with pytest.raises(ImageExportUnavailable):
        figure_bytes(bar_chart(), "svg")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def image_server(monkeypatch):
    """A fresh chart browser for this test, on a clock the test moves; stopped afterwards."""
    clock = FakeClock()
    server = downloads._ImageServer(clock=clock)
    monkeypatch.setattr(downloads, "_server", server)
    yield clock
    server.close()


def fake_browser(tmp_path, body: str) -> str:
    """An executable that kaleido starts as the browser; it notes its process id first."""
    script = tmp_path / "chromium"
    script.write_text(f"#!/bin/sh\necho $$ > {tmp_path / 'pid'}\n{body}\n")
    script.chmod(0o755)
    return str(script)


def process_gone(pid: int, within_s: float = 10) -> bool:
    """The process has ended (a zombie nobody reaps has ended too)."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.1)
    return False


def fails(tmp_path, expected_reason: str) -> None:
    """The first image fails with the reason, and the failed browser no longer runs."""
    with pytest.raises(ImageExportUnavailable, match=re.escape(expected_reason)):
        figure_bytes(bar_chart(), "png")
    assert process_gone(int((tmp_path / "pid").read_text())), "the failed browser still runs"


def recovers_after_the_cool_down(monkeypatch, clock: FakeClock, expected_reason: str) -> None:
    """Images stay off with the reason until the cool-down ends; then a fresh browser draws."""
    monkeypatch.setenv("BROWSER_PATH", shutil.which("chromium"))  # a working browser again
    clock.advance(downloads.IMAGE_RETRY_AFTER_S - 15)
    available, reason = image_export_available()
    assert not available
    assert expected_reason in reason and "tried again in 15 seconds" in reason
    started = time.monotonic()
    with pytest.raises(ImageExportUnavailable, match="tried again in 15 seconds"):
        figure_bytes(bar_chart(), "svg")
    assert time.monotonic() - started < 1, "no browser is tried during the cool-down"

    clock.advance(15)
    available, reason = image_export_available()
    assert available, reason
    assert png_size(figure_bytes(bar_chart(), "png")) == (1600, 900)
    titled = bar_chart().update_layout(title="Drawn after the cool-down")
    assert "Drawn after the cool-down" in figure_bytes(titled, "svg").decode("utf-8")


@pytest.mark.chromium
def test_a_hung_browser_is_stopped_and_a_fresh_one_draws_after_the_cool_down(
    monkeypatch, tmp_path, image_server
):
    monkeypatch.setenv("BROWSER_PATH", fake_browser(tmp_path, "exec sleep 300"))
    usual_timeout = downloads.IMAGE_TIMEOUT_S
    monkeypatch.setattr(downloads, "IMAGE_TIMEOUT_S", 2)
    started = time.monotonic()
    fails(tmp_path, "the browser drawing charts gave no answer in 2 s")
    assert time.monotonic() - started < 10  # one timeout, not a wait for the browser to end
    monkeypatch.setattr(downloads, "IMAGE_TIMEOUT_S", usual_timeout)  # time for a real start
    recovers_after_the_cool_down(monkeypatch, image_server, "gave no answer in 2 s")


@pytest.mark.chromium
def test_a_browser_that_dies_at_start_is_retried_after_the_cool_down(
    monkeypatch, tmp_path, image_server
):
    monkeypatch.setenv("BROWSER_PATH", fake_browser(tmp_path, "exit 1"))
    fails(tmp_path, "the browser drawing charts failed (")
    recovers_after_the_cool_down(monkeypatch, image_server, "the browser drawing charts failed (")


# ---------- CSV


def test_csv_has_a_byte_order_mark_so_excel_shows_accents():
    data = csv_bytes(appearances_table())
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Les Échos" in data.decode("utf-8-sig")


def test_csv_round_trips_every_row_and_number():
    table = appearances_table()
    back = pd.read_csv(io.BytesIO(csv_bytes(table)), encoding="utf-8-sig", dtype={"title": str})
    assert list(back.columns) == list(table.columns)
    assert back["outlet"].tolist() == table["outlet"].tolist()
    assert back["appearances"].tolist() == [3, -2, 0]
    assert back["published"].tolist()[:2] == ["2025-03-01", "2025-03-02"]
    assert pd.isna(back["published"].iloc[2])  # undated stays empty, never a made-up date


def test_csv_is_complete_for_large_tables():
    big = pd.DataFrame({"n": range(53_000), "title": [f"Article {i}" for i in range(53_000)]})
    back = pd.read_csv(io.BytesIO(csv_bytes(big)), encoding="utf-8-sig")
    assert len(back) == 53_000 and back["n"].iloc[-1] == 52_999


@pytest.mark.parametrize("cell", list(HOSTILE_CELLS))
def test_csv_cells_a_spreadsheet_would_run_are_escaped(cell):
    table = pd.DataFrame({"title": [cell], "appearances": [-7]})
    back = pd.read_csv(
        io.BytesIO(csv_bytes(table)),
        encoding="utf-8-sig",
        dtype={"title": str},
        keep_default_na=False,
    )
    assert back["title"].iloc[0] == HOSTILE_CELLS[cell]
    assert back["appearances"].iloc[0] == -7


def test_csv_escapes_a_hostile_column_name():
    data = csv_bytes(pd.DataFrame({"=cmd|' /C calc'!A0": [1]})).decode("utf-8-sig")
    assert data.splitlines()[0].startswith("\"'=cmd") or data.splitlines()[0].startswith("'=cmd")


def test_csv_lists_of_experts_read_as_names():
    table = pd.DataFrame({"experts": [["Thomas Gomart", "Élie Tenenbaum"]]})
    assert "Thomas Gomart, Élie Tenenbaum" in csv_bytes(table).decode("utf-8-sig")


# ---------- Excel


def read_xlsx(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_xlsx_opens_with_every_row_dates_as_dates_and_accents():
    sheet = read_xlsx(xlsx_bytes(appearances_table(), "Appearances"))
    assert sheet.title == "Appearances"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("published", "outlet", "title", "appearances")
    assert len(rows) == 1 + 3
    assert rows[1][0] == dt.datetime(2025, 3, 1) and sheet["A2"].is_date
    assert rows[3][0] is None  # undated
    assert rows[2][1] == "Les Échos"
    assert [r[3] for r in rows[1:]] == [3, -2, 0]


@pytest.mark.parametrize("cell", list(HOSTILE_CELLS))
def test_xlsx_formula_like_text_stays_text(cell):
    sheet = read_xlsx(xlsx_bytes(pd.DataFrame({"title": [cell]})))
    written = sheet["A2"]
    assert written.value == cell  # shown exactly as written ...
    assert written.data_type == "s"  # ... and never evaluated as a formula
    if HOSTILE_CELLS[cell] != cell:
        assert written.quotePrefix  # Excel's own apostrophe


def test_xlsx_sheet_name_is_made_valid():
    sheet = read_xlsx(xlsx_bytes(appearances_table(), "Top outlets: 2025/2026 [all media]"))
    assert sheet.title == "Top outlets 2025 2026 all media"[:31]


# ---------- file names


def test_file_name_says_what_and_which_period():
    filters = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
    assert (
        file_name("Coverage by month", filters, "png")
        == "coverage-by-month_2025-01-01_2025-12-31.png"
    )


def test_file_name_without_dates_says_all_time():
    assert file_name("Top outlets", Filters(), "csv") == "top-outlets_all-time.csv"
    assert file_name("Top outlets", None, "csv") == "top-outlets_all-time.csv"


def test_file_name_with_one_open_end():
    assert file_name("Experts", Filters(date_from=dt.date(2025, 6, 1)), "xlsx") == (
        "experts_from-2025-06-01.xlsx"
    )
    assert file_name("Experts", Filters(date_to=dt.date(2025, 6, 30)), "xlsx") == (
        "experts_until-2025-06-30.xlsx"
    )


def test_file_name_keeps_only_safe_characters():
    name = file_name("Médias / « Le Monde » ../../etc", Filters(), "P.N/G")
    assert re.fullmatch(r"[a-z0-9_.-]+", name)
    assert name == "medias-le-monde-etc_all-time.png"


def test_xlsx_keeps_times_where_there_are_times_and_joins_lists():
    table = pd.DataFrame(
        {
            "imported": pd.to_datetime(["2025-03-01 09:30", None]),
            "experts": [["Thomas Gomart", "Élie Tenenbaum"], []],
            "reach": pd.array([1200, None], dtype="Int64"),
        }
    )
    rows = list(read_xlsx(xlsx_bytes(table)).iter_rows(values_only=True))
    assert rows[1] == (dt.datetime(2025, 3, 1, 9, 30), "Thomas Gomart, Élie Tenenbaum", 1200)
    assert rows[2] == (None, None, None)  # an empty list is an empty cell
