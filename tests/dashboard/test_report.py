"""The coverage report: one click gives slides or a PDF of the current view, with numbers a manager
can trust (the same as the query layer's, checked here against pandas on the demo store)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pypdf
import pytest
from pptx import Presentation
from pptx.util import Inches

from dashboard.downloads import NO_IMAGES_ENV
from dashboard.report import build_report, organisation_name, report_file_name
from data.store import open_read_only, write_batch
from queries.filters import Filters
from tests.queries import reference

YEAR_2025 = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
ORG = "Montrevel Institute for International Relations"
SECTION_TITLES = [
    "Headline numbers",
    "Coverage over time",
    "Top outlets",
    "Experts' share of voice",
    "How the experts appear",
    "Top topics",
    "Notable appearances",
    "Method: what these numbers are",
]
CHART_TITLES = SECTION_TITLES[1:6]


# ---------- reading the files back as a user would


def words(text: str) -> str:
    return " ".join(text.split())


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return words(" ".join(parts))


def slide_title(slide) -> str:
    return slide.shapes.title.text_frame.text


def pictures(slide) -> list:
    return [shape for shape in slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE


def tables(slide) -> list[list[list[str]]]:
    return [
        [[cell.text for cell in row.cells] for row in shape.table.rows]
        for shape in slide.shapes
        if shape.has_table
    ]


def native_charts(slide) -> list[tuple[list[str], dict[str, list[float]]]]:
    """Each native chart on the slide: its categories and each series' values, as PowerPoint
    holds them (what a manager sees on editing the chart's data)."""
    return [
        (
            list(shape.chart.plots[0].categories),
            {series.name: list(series.values) for series in shape.chart.series},
        )
        for shape in slide.shapes
        if shape.has_chart
    ]


def open_pptx(data: bytes):
    return Presentation(io.BytesIO(data))


def pdf_pages(data: bytes) -> list[str]:
    return [words(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def pdf_images(data: bytes) -> int:
    count = 0
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        count += len(page.images)
    return count


# ---------- the expected numbers, computed independently with pandas


def expected_kpis(demo_frames, filters: Filters) -> dict[str, int]:
    rows = reference.matched(demo_frames, filters)
    ids = set(rows["article_id"])
    experts = demo_frames.article_experts
    tags = demo_frames.article_tags
    return {
        "Appearances": len(rows),
        "Outlets": rows["outlet_id"].nunique(),
        "Experts quoted": experts[experts["article_id"].isin(ids)]["expert_id"].nunique(),
        "Topics": tags[tags["article_id"].isin(ids)]["tag_id"].nunique(),
    }


def expected_top_outlets(demo_frames, filters: Filters, n: int = 10) -> pd.DataFrame:
    rows = reference.matched(demo_frames, filters)
    counts = rows.groupby(["outlet_slug", "outlet"]).size().rename("appearances").reset_index()
    return counts.sort_values(["appearances", "outlet_slug"], ascending=[False, True]).head(n)


def change_text(now: int, before: int) -> str:
    delta = now - before
    if delta == 0:
        return "no change"
    sign = "+" if delta > 0 else "−"
    return f"{sign}{abs(delta):,} ({sign}{abs(delta) / before:.0%})"


# ---------- reports built once per module (each build reads the store afresh)


@pytest.fixture(scope="module")
def con(demo_db):
    connection = open_read_only(demo_db)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def pptx_tables(con) -> bytes:
    return build_report(con, YEAR_2025, "pptx", ORG, images=False)


@pytest.fixture(scope="module")
def pdf_tables(con) -> bytes:
    return build_report(con, YEAR_2025, "pdf", ORG, images=False)


@pytest.fixture(scope="module")
def pptx_charts(con) -> bytes:
    return build_report(con, YEAR_2025, "pptx", ORG)


@pytest.fixture(scope="module")
def pdf_charts(con) -> bytes:
    return build_report(con, YEAR_2025, "pdf", ORG)


# ---------- PowerPoint


def test_slides_are_16_by_9_with_a_title_slide_then_every_section_in_order(pptx_tables):
    deck = open_pptx(pptx_tables)
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    titles = [slide_title(slide) for slide in deck.slides]
    assert titles == [ORG, *SECTION_TITLES]


def test_title_slide_names_the_organisation_period_and_data_date(pptx_tables, demo_frames):
    text = slide_text(open_pptx(pptx_tables).slides[0])
    assert ORG in text
    assert "Media coverage report" in text
    assert "1 Jan 2025 – 31 Dec 2025" in text
    assert f"Data through {demo_frames.today:%d %B %Y}" in text
    assert "Demo data" in text  # the demo store never passes for real coverage


def test_every_slide_after_the_title_carries_the_period_and_page(pptx_tables):
    deck = open_pptx(pptx_tables)
    for number, slide in enumerate(list(deck.slides)[1:], start=2):
        text = slide_text(slide)
        assert "1 Jan 2025 – 31 Dec 2025" in text
        assert f"{number} / {len(deck.slides)}" in text


def test_kpis_and_their_change_match_an_independent_count(pptx_tables, demo_frames):
    now = expected_kpis(demo_frames, YEAR_2025)
    before = expected_kpis(demo_frames, YEAR_2025.previous_period())
    text = slide_text(open_pptx(pptx_tables).slides[1])
    for label, value in now.items():
        shown = f"{label} {value:,} {change_text(value, before[label])} vs previous period"
        assert shown in text, shown
    previous = YEAR_2025.previous_period()
    assert f"previous period: {previous.describe_period()}" in text


def test_top_outlets_chart_holds_an_independent_count(pptx_tables, demo_frames):
    slide = open_pptx(pptx_tables).slides[SECTION_TITLES.index("Top outlets") + 1]
    [(categories, series)] = native_charts(slide)
    [values] = series.values()
    expected = expected_top_outlets(demo_frames, YEAR_2025)[::-1]  # drawn from the bottom up
    assert [c.rsplit(" (", 1)[0] for c in categories] == expected["outlet"].tolist()
    assert values == expected["appearances"].tolist()
    outlets = reference.matched(demo_frames, YEAR_2025)["outlet_id"].nunique()
    assert f"Top 10 of {outlets:,} outlets" in slide_text(slide)


def test_without_images_every_chart_is_still_a_chart_powerpoint_can_edit(pptx_tables):
    deck = open_pptx(pptx_tables)
    for slide in deck.slides:
        assert pictures(slide) == []
        if slide_title(slide) in CHART_TITLES:
            assert len(native_charts(slide)) == 1 and tables(slide) == []
    assert "Charts are shown as tables" not in " ".join(slide_text(s) for s in deck.slides)


def test_notable_appearances_list_date_outlet_title_and_link(pptx_tables, demo_frames):
    slide = open_pptx(pptx_tables).slides[SECTION_TITLES.index("Notable appearances") + 1]
    [table] = tables(slide)
    assert table[0] == ["Date", "Outlet", "Title", "Experts"]
    assert 1 <= len(table) - 1 <= 8
    rows = reference.matched(demo_frames, YEAR_2025).dropna(subset=["published"])
    by_title = rows.set_index("title")
    dates = []
    for date_text, outlet, title, _ in table[1:]:
        assert title in by_title.index
        source = by_title.loc[[title]]
        assert outlet in set(source["outlet"])
        dates.append(dt.datetime.strptime(date_text, "%d %b %Y").date())
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == rows["published"].max().date()  # the newest appearance leads
    top_8 = expected_top_outlets(demo_frames, YEAR_2025, n=8)["outlet"]
    assert sorted(row[1] for row in table[1:]) == sorted(top_8)  # one each, the top 8
    assert "each of the period's top 8 outlets; newest first" in slide_text(slide)
    shape = next(s for s in slide.shapes if s.has_table)
    link = shape.table.cell(1, 2).text_frame.paragraphs[0].runs[0].hyperlink.address
    assert link and link.startswith("https://")


def test_method_note_says_what_is_counted_and_what_is_not(pptx_tables, demo_frames):
    text = slide_text(open_pptx(pptx_tables).slides[-1])
    assert "outputs, not outcomes" in text
    assert "Duplicates count once" in text
    assert "No advertising value equivalent" in text
    assert f"Data through {demo_frames.today:%d %B %Y}" in text
    undated = reference.kpis(demo_frames, Filters())["undated"]
    assert f"Undated appearances: {undated:,} appearances" in text


@pytest.mark.chromium
def test_each_chart_slide_holds_one_native_chart_and_its_numbers_in_the_notes(
    pptx_charts, demo_frames
):
    deck = open_pptx(pptx_charts)
    for slide in deck.slides:
        assert pictures(slide) == []  # every chart of the report has a native form
        if slide_title(slide) in CHART_TITLES:
            [chart] = [shape for shape in slide.shapes if shape.has_chart]
            assert chart.width > Inches(10)  # fills the slide, not a thumbnail
            [(categories, series)] = native_charts(slide)
            assert categories and all(len(v) == len(categories) for v in series.values())
    outlets_slide = deck.slides[SECTION_TITLES.index("Top outlets") + 1]
    notes = outlets_slide.notes_slide.notes_text_frame.text
    top = expected_top_outlets(demo_frames, YEAR_2025).iloc[0]
    assert f"{top['outlet']}\t" in notes and f"\t{top['appearances']:,}\t" in notes


# ---------- PDF


def test_pdf_has_one_page_per_slide_with_titles_in_its_outline(pdf_tables):
    reader = pypdf.PdfReader(io.BytesIO(pdf_tables))
    assert len(reader.pages) == 1 + len(SECTION_TITLES)
    assert [item.title for item in reader.outline] == [ORG, *SECTION_TITLES]
    assert reader.metadata.title.startswith(ORG)
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert round(float(width) / float(height), 2) == round(16 / 9, 2)


def test_pdf_numbers_match_an_independent_count(pdf_tables, demo_frames):
    pages = pdf_pages(pdf_tables)
    assert "1 Jan 2025 – 31 Dec 2025" in pages[0]
    now = expected_kpis(demo_frames, YEAR_2025)
    before = expected_kpis(demo_frames, YEAR_2025.previous_period())
    for label, value in now.items():
        assert f"{label} {value:,} {change_text(value, before[label])} vs previous" in pages[1]
    outlets_page = pages[SECTION_TITLES.index("Top outlets") + 1]
    for row in expected_top_outlets(demo_frames, YEAR_2025).itertuples():
        assert f"{row.outlet} " in outlets_page and f" {row.appearances:,} " in outlets_page
    top = expected_top_outlets(demo_frames, YEAR_2025).iloc[0]
    assert f"{top['outlet']} carried the most: {top['appearances']:,} appearances" in pages[1]


def test_pdf_without_images_has_tables_and_says_why(pdf_tables):
    assert pdf_images(pdf_tables) == 0
    pages = pdf_pages(pdf_tables)
    for title in CHART_TITLES:
        page = pages[SECTION_TITLES.index(title) + 1]
        assert "Charts are shown as tables in this report" in page


@pytest.mark.chromium
def test_pdf_with_a_browser_has_one_chart_image_per_chart_page(pdf_charts):
    reader = pypdf.PdfReader(io.BytesIO(pdf_charts))
    counts = [len(page.images) for page in reader.pages]
    expected = [1 if title in CHART_TITLES else 0 for title in ["", *SECTION_TITLES]]
    assert counts == expected
    assert "Charts are shown as tables" not in " ".join(pdf_pages(pdf_charts))


# ---------- any view


def test_a_server_without_a_browser_still_builds_the_report_with_tables(con, monkeypatch):
    monkeypatch.setenv(NO_IMAGES_ENV, "1")
    deck = open_pptx(build_report(con, YEAR_2025, "pptx", ORG))  # images=None: decide alone
    chart_slides = [s for s in deck.slides if slide_title(s) in CHART_TITLES]
    assert all(pictures(s) == [] and len(native_charts(s)) == 1 for s in chart_slides)
    pdf = build_report(con, YEAR_2025, "pdf", ORG)
    assert pdf_images(pdf) == 0
    assert NO_IMAGES_ENV in pdf_pages(pdf)[-1]


def test_filtered_view_says_its_filters_and_counts_only_them(con, demo_frames):
    outlet = expected_top_outlets(demo_frames, YEAR_2025).iloc[1]
    filters = Filters(
        date_from=YEAR_2025.date_from, date_to=YEAR_2025.date_to, outlets=(outlet["outlet_slug"],)
    )
    deck = open_pptx(build_report(con, filters, "pptx", ORG, images=False))
    assert f"Outlets: {outlet['outlet']}" in slide_text(deck.slides[0])
    expected = expected_kpis(demo_frames, filters)
    assert expected["Appearances"] == outlet["appearances"]
    assert f"Appearances {expected['Appearances']:,}" in slide_text(deck.slides[1])
    assert f"Outlets {expected['Outlets']:,}" in slide_text(deck.slides[1])


def test_all_time_view_has_no_comparison_and_counts_undated(con, demo_frames):
    deck = open_pptx(build_report(con, Filters(), "pptx", ORG, images=False))
    text = slide_text(deck.slides[1])
    assert "a comparison needs a start and an end date" in text
    assert "vs previous period" not in text
    appearances = len(reference.matched(demo_frames, Filters()))
    assert f"Appearances {appearances:,}" in text  # undated ones included
    assert "All time (" in slide_text(deck.slides[0])


def test_a_view_with_no_appearances_still_builds_and_says_so(con):
    empty = Filters(date_from=dt.date(1990, 1, 1), date_to=dt.date(1990, 12, 31))
    deck = open_pptx(build_report(con, empty, "pptx", ORG, images=False))
    assert [slide_title(s) for s in deck.slides] == [ORG, *SECTION_TITLES]
    assert "Appearances 0" in slide_text(deck.slides[1])
    notable = deck.slides[SECTION_TITLES.index("Notable appearances") + 1]
    assert "No dated appearance matches these filters" in slide_text(notable)
    pages = pdf_pages(build_report(con, empty, "pdf", ORG, images=False))
    assert len(pages) == 1 + len(SECTION_TITLES)


def test_several_sessions_can_build_reports_at_once(con, demo_frames):
    def build(fmt: str) -> bytes:
        return build_report(con, YEAR_2025, fmt, ORG, images=False)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(build, ["pptx", "pdf", "pptx", "pdf"]))
    appearances = f"Appearances {expected_kpis(demo_frames, YEAR_2025)['Appearances']:,}"
    for data in results[0::2]:
        assert appearances in slide_text(open_pptx(data).slides[1])
    for data in results[1::2]:
        assert appearances in pdf_pages(data)[1]


def test_unknown_format_is_refused_with_the_formats_offered(con):
    with pytest.raises(ValueError, match="pdf, pptx|pptx, pdf"):
        build_report(con, YEAR_2025, "docx", ORG)


def test_organisation_name_comes_from_the_configuration(tmp_path):
    assert organisation_name() == ORG  # data/reference/organisation.toml
    (tmp_path / "organisation.toml").write_text('name = "Institut Exemple"\n', encoding="utf-8")
    (tmp_path / "experts.csv").write_text("name,aliases,role,programme\n", encoding="utf-8")
    (tmp_path / "outlets.csv").write_text("name,aliases,media_type,country,language\n")
    assert organisation_name(tmp_path) == "Institut Exemple"
    assert organisation_name(tmp_path / "missing") == "Media coverage"


def test_report_file_name_says_what_and_which_period():
    assert report_file_name(YEAR_2025, "pdf") == "coverage-report_2025-01-01_2025-12-31.pdf"
    assert re.fullmatch(r"coverage-report_all-time\.pptx", report_file_name(Filters(), "pptx"))


# ---------- odd input in the store


@pytest.fixture(scope="module")
def odd_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("odd") / "odd.duckdb"
    with write_batch(path) as con:
        con.execute(
            "INSERT INTO outlets (outlet_id, slug, name, media_type) VALUES"
            " (1, 'r-d-weekly', 'R&D <Weekly>', 'print'), (2, 'kommersant', 'Коммерсантъ', NULL)"
        )
        con.execute(
            "INSERT INTO experts (expert_id, slug, name) VALUES (1, 'elie', 'Élie Tenenbaum')"
        )
        con.execute(
            "INSERT INTO articles (article_id, title, outlet_id, published, url, dedupe_key) VALUES"
            " (1, '<b>Brexit</b> & \"trade\" =1+1', 1, DATE '2025-03-01',"
            "  'https://example.org/a?x=1&y=\"2\"', 'k1'),"
            " (2, NULL, 2, DATE '2025-03-02', 'javascript:alert(1)', 'k2'),"
            " (3, 'Undated', 1, NULL, NULL, 'k3')"
        )
        con.execute("INSERT INTO article_experts VALUES (1, 1, 'op-ed'), (2, 1, 'quoted')")
    connection = open_read_only(path)
    yield connection
    connection.close()


def test_titles_with_markup_and_foreign_scripts_are_shown_as_written(odd_store):
    pdf = pdf_pages(build_report(odd_store, YEAR_2025, "pdf", "R&D <Org>", images=False))
    notable = pdf[SECTION_TITLES.index("Notable appearances") + 1]
    assert '<b>Brexit</b> & "trade" =1+1' in notable
    assert "Коммерсантъ" in notable and "(no title)" in notable
    assert "R&D <Org>" in pdf[0]
    deck = open_pptx(build_report(odd_store, YEAR_2025, "pptx", "R&D <Org>", images=False))
    [table] = tables(deck.slides[SECTION_TITLES.index("Notable appearances") + 1])
    assert [row[1] for row in table[1:]] == ["Коммерсантъ", "R&D <Weekly>"]


def test_only_web_links_are_clickable(odd_store):
    deck = open_pptx(build_report(odd_store, YEAR_2025, "pptx", "Org", images=False))
    slide = deck.slides[SECTION_TITLES.index("Notable appearances") + 1]
    shape = next(s for s in slide.shapes if s.has_table)
    links = [
        shape.table.cell(row, 2).text_frame.paragraphs[0].runs[0].hyperlink.address
        for row in (1, 2)
    ]
    assert links == [None, 'https://example.org/a?x=1&y="2"']


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(date_from=dt.date(2021, 1, 1), date_to=dt.date(2026, 11, 27)),
        Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 1, 31)),
        Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 6, 30)),
    ],
    ids=["all-time", "six-years", "one-month", "six-months"],
)
def test_timeline_on_a_slide_loses_no_appearance(con, demo_frames, filters):
    deck = open_pptx(build_report(con, filters, "pptx", ORG, images=False))
    [(categories, series)] = native_charts(
        deck.slides[SECTION_TITLES.index("Coverage over time") + 1]
    )
    assert 2 <= len(categories) <= 40  # bars a slide can show
    dated = reference.matched(demo_frames, filters).dropna(subset=["published"])
    assert sum(series["This period"]) == len(dated)


# A separate process: the hung browser must not leave this test session without images.
HUNG_BROWSER_SCRIPT = """
import datetime as dt, io, os, sys, time
import pypdf
from dashboard import downloads
from dashboard.report import build_report
from data.store import open_read_only
from queries.filters import Filters

downloads.IMAGE_TIMEOUT_S = 3
con = open_read_only(sys.argv[1])
started = time.monotonic()
pdf = build_report(con, Filters(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), "pdf", "Org")
print(round(time.monotonic() - started, 1))
print(" ".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[2].extract_text().split()))
sys.stdout.flush()
os._exit(0)
"""


def test_a_browser_that_never_answers_costs_a_timeout_then_tables(demo_db, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexec sleep 20\n")  # starts, never speaks, ends by itself
    fake.chmod(0o755)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", HUNG_BROWSER_SCRIPT, str(demo_db)],
        cwd=root,
        env={**os.environ, "BROWSER_PATH": str(fake)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seconds, coverage_page = done.stdout.splitlines()[:2]
    assert float(seconds) < 30  # one timeout, not one per chart
    assert "Coverage over time" in coverage_page
    assert "Charts are shown as tables in this report" in coverage_page
    assert "gave no answer in 3 s" in coverage_page
