"""The coverage report as PowerPoint: 16:9, editable text, native charts (python-pptx)."""

from __future__ import annotations

import io

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from dashboard.report.content import (
    Chart,
    Report,
    cell_text,
    column_weights,
    is_numeric_column,
)
from dashboard.report.pptx_charts import add_native_chart, native_form

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_TOP, CONTENT_BOTTOM = Inches(1.55), Inches(6.85)
INK = RGBColor(0x1C, 0x28, 0x33)
MUTED = RGBColor(0x5D, 0x6D, 0x7E)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
CARD = RGBColor(0xF2, 0xF5, 0xF8)
UP, DOWN = RGBColor(0x1E, 0x7B, 0x4A), RGBColor(0xB0, 0x3A, 0x2E)
WARNING = RGBColor(0xB0, 0x3A, 0x2E)
TITLE_SLIDE, TITLE_ONLY = 0, 5  # layouts of python-pptx's default template


def render_pptx(report: Report) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, report)
    _kpi_slide(deck, report)
    for chart in report.charts:
        _chart_slide(deck, report, chart)
    _notable_slide(deck, report)
    as_tables = any(native_form(c.figure) is None and c.image is None for c in report.charts)
    _method_slide(deck, report, report.images_note if as_tables else "")
    total = len(deck.slides)
    for number, slide in enumerate(deck.slides, start=1):
        if number > 1:
            _footer(slide, report, number, total)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# ---------- slides


def _title_slide(deck: Presentation, report: Report) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_SLIDE])
    title = slide.shapes.title
    _place(title, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(1.6))
    _set_text(title, report.organisation, size=40, bold=True, colour=ACCENT)
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    subtitle = slide.placeholders[1]
    _place(subtitle, MARGIN, Inches(3.4), WIDTH - 2 * MARGIN, Inches(2.8))
    frame = subtitle.text_frame
    lines = [(report.kind, 28, INK), (report.period, 22, INK)]
    if report.filters_text:
        lines.append((report.filters_text, 16, MUTED))
    through = f"Data through {report.data_through:%-d %B %Y}. " if report.data_through else ""
    lines.append((f"{through}Generated on {report.generated_on:%-d %B %Y}.", 14, MUTED))
    if report.is_demo:
        lines.append(("Demo data: generated for demonstration, not real coverage.", 16, WARNING))
    for index, (text, size, colour) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _style(paragraph, text, size=size, colour=colour, bold=index == 0)
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.space_after = Pt(8)


def _kpi_slide(deck: Presentation, report: Report) -> None:
    slide = _titled_slide(deck, "Headline numbers", report.comparison)
    gap = Inches(0.3)
    card_width = int((WIDTH - 2 * MARGIN - gap * (len(report.kpis) - 1)) / len(report.kpis))
    for index, kpi in enumerate(report.kpis):
        left = MARGIN + index * (card_width + gap)
        card = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, left, CONTENT_TOP, card_width, Inches(2.2)
        )
        card.fill.solid()
        card.fill.fore_color.rgb = CARD
        card.line.fill.background()
        card.shadow.inherit = False
        frame = card.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        _style(frame.paragraphs[0], kpi.label, size=16, colour=MUTED)
        _style(frame.add_paragraph(), f"{kpi.value:,}", size=44, bold=True, colour=INK)
        change = kpi.change()
        if change:
            colour = {1: UP, -1: DOWN, 0: MUTED}[kpi.direction()]
            _style(frame.add_paragraph(), change, size=14, colour=colour)
    box = slide.shapes.add_textbox(MARGIN, Inches(4.1), WIDTH - 2 * MARGIN, Inches(2.5))
    box.text_frame.word_wrap = True
    for index, line in enumerate(report.headline):
        paragraph = box.text_frame.paragraphs[0] if index == 0 else box.text_frame.add_paragraph()
        _style(paragraph, line, size=18, colour=INK)
        paragraph.space_after = Pt(10)


def _chart_slide(deck: Presentation, report: Report, chart: Chart) -> None:
    native = native_form(chart.figure) is not None
    slide = _titled_slide(deck, chart.title, chart.subtitle if native else chart.description())
    width, height = WIDTH - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP
    if native:  # a chart PowerPoint draws and edits itself, needing no browser
        add_native_chart(slide, chart.figure, MARGIN, CONTENT_TOP, width, height)
    elif chart.image is not None:
        picture = slide.shapes.add_picture(io.BytesIO(chart.image), MARGIN, CONTENT_TOP)
        ratio = min(width / picture.width, height / picture.height)
        picture.width, picture.height = int(picture.width * ratio), int(picture.height * ratio)
        picture.left = int((WIDTH - picture.width) / 2)
    else:
        _table(slide, chart.table, top=CONTENT_TOP, height=height - Inches(0.5))
        _note(slide, report.images_note, CONTENT_BOTTOM - Inches(0.4))
    # The numbers behind the chart travel with the slide, for whoever presents it.
    slide.notes_slide.notes_text_frame.text = _as_text(chart.table)


def _notable_slide(deck: Presentation, report: Report) -> None:
    slide = _titled_slide(deck, "Notable appearances", report.notable_rule)
    if report.notable.empty:
        _note(slide, "No dated appearance matches these filters.", CONTENT_TOP)
        return
    shown = pd.DataFrame(
        {
            "Date": [f"{d:%-d %b %Y}" for d in report.notable["published"]],
            "Outlet": report.notable["outlet"],
            "Title": report.notable["title"],
            "Experts": report.notable["experts"],
        }
    )
    widths = [Inches(1.7), Inches(2.4), Inches(5.6), Inches(2.63)]
    table = _table(
        slide, shown, top=CONTENT_TOP, height=CONTENT_BOTTOM - CONTENT_TOP, widths=widths
    )
    for row, url in enumerate(report.notable["url"], start=1):
        if url.startswith(("https://", "http://")):
            run = table.cell(row, 2).text_frame.paragraphs[0].runs[0]
            run.hyperlink.address = url


def _method_slide(deck: Presentation, report: Report, images_note: str) -> None:
    slide = _titled_slide(deck, "Method: what these numbers are", "")
    box = slide.shapes.add_textbox(
        MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, CONTENT_BOTTOM - Inches(1.2)
    )
    frame = box.text_frame
    frame.word_wrap = True
    notes = [*report.method, *([images_note] if images_note else [])]
    for index, line in enumerate(notes):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _style(paragraph, f"•  {line}", size=15, colour=INK)
        paragraph.space_after = Pt(9)


# ---------- building blocks


def _titled_slide(deck: Presentation, title: str, subtitle: str):
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    shape = slide.shapes.title
    _place(shape, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.7))
    _set_text(shape, title, size=28, bold=True, colour=ACCENT)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    if subtitle:
        box = slide.shapes.add_textbox(MARGIN, Inches(0.95), WIDTH - 2 * MARGIN, Inches(0.55))
        box.text_frame.word_wrap = True
        _style(box.text_frame.paragraphs[0], subtitle, size=14, colour=MUTED)
    return slide


def _table(slide, frame: pd.DataFrame, *, top: int, height: int, widths=None):
    rows, cols = len(frame) + 1, len(frame.columns)
    if widths is None:
        weights = column_weights(frame)
        total = min(WIDTH - 2 * MARGIN, Inches(0.16) * sum(weights))  # about 0.16 in a character
        widths = [total * w / sum(weights) for w in weights]
    row_height = min(Inches(0.42), int(height / rows))
    shape = slide.shapes.add_table(rows, cols, MARGIN, top, int(sum(widths)), row_height * rows)
    table = shape.table
    for index, column_width in enumerate(widths):
        table.columns[index].width = Emu(int(column_width))
    size = 14 if rows <= 11 else 11
    numeric = [is_numeric_column(frame, c) for c in frame.columns]
    for col, name in enumerate(frame.columns):
        _cell(table.cell(0, col), str(name), size, bold=True, right=numeric[col])
    for row, values in enumerate(frame.itertuples(index=False), start=1):
        for col, value in enumerate(values):
            _cell(table.cell(row, col), cell_text(value), size, right=numeric[col])
    for row in table.rows:
        row.height = row_height
    return table


def _cell(cell, text: str, size: int, bold: bool = False, right: bool = False) -> None:
    cell.text = text
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    paragraph = cell.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.bold = bold


def _as_text(frame: pd.DataFrame) -> str:
    header = "\t".join(str(c) for c in frame.columns)
    rows = ["\t".join(cell_text(v) for v in row) for row in frame.itertuples(index=False)]
    return "\n".join([header, *rows])


def _footer(slide, report: Report, number: int, total: int) -> None:
    demo = "  ·  DEMO DATA" if report.is_demo else ""
    text = f"{report.organisation}  ·  {report.kind}  ·  {report.footer_view()}{demo}"
    box = slide.shapes.add_textbox(MARGIN, Inches(6.95), Inches(10.5), Inches(0.35))
    _style(box.text_frame.paragraphs[0], text, size=10, colour=MUTED)
    page = slide.shapes.add_textbox(
        WIDTH - MARGIN - Inches(1.5), Inches(6.95), Inches(1.5), Inches(0.35)
    )
    paragraph = page.text_frame.paragraphs[0]
    _style(paragraph, f"{number} / {total}", size=10, colour=MUTED)
    paragraph.alignment = PP_ALIGN.RIGHT


def _note(slide, text: str, top: int) -> None:
    if not text:
        return
    box = slide.shapes.add_textbox(MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.4))
    box.text_frame.word_wrap = True
    _style(box.text_frame.paragraphs[0], text, size=12, colour=MUTED)


def _place(shape, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = int(left), int(top), int(width), int(height)


def _set_text(shape, text: str, **style) -> None:
    frame = shape.text_frame
    frame.word_wrap = True
    frame.text = ""
    _style(frame.paragraphs[0], text, **style)
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def _style(paragraph, text: str, *, size: int, colour: RGBColor, bold: bool = False) -> None:
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = colour
