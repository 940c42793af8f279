"""The coverage report as PDF: one 16:9 page per slide of the PowerPoint version (reportlab)."""

from __future__ import annotations

import io
import struct
import threading
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from dashboard.report.content import (
    Chart,
    Report,
    cell_text,
    column_weights,
    is_numeric_column,
)

# Binary streams: ASCII85 text encoding makes a PDF a quarter larger and, without reportlab's C
# accelerator, seconds slower to write for the chart images.
rl_config.useA85 = 0

WIDTH, HEIGHT = 960, 540  # points: 13.33 x 7.5 inches, the PowerPoint slide size
MARGIN = 36
CONTENT_WIDTH = WIDTH - 2 * MARGIN
INK = colors.HexColor("#1c2833")
MUTED = colors.HexColor("#5d6d7e")
ACCENT = colors.HexColor("#1f4e79")
CARD = colors.HexColor("#f2f5f8")
RULE = colors.HexColor("#d5dbe1")
UP, DOWN = colors.HexColor("#1e7b4a"), colors.HexColor("#b03a2e")
WARNING = DOWN

# DejaVu covers accents, Cyrillic and Greek in outlet names; Helvetica (built in) only Latin-1.
_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_font_lock = threading.Lock()


def _fonts() -> tuple[str, str]:
    with _font_lock:
        if "Report" in pdfmetrics.getRegisteredFontNames():
            return "Report", "Report-Bold"
        regular, bold = _FONT_DIR / "DejaVuSans.ttf", _FONT_DIR / "DejaVuSans-Bold.ttf"
        if not (regular.exists() and bold.exists()):
            return "Helvetica", "Helvetica-Bold"
        pdfmetrics.registerFont(TTFont("Report", str(regular)))
        pdfmetrics.registerFont(TTFont("Report-Bold", str(bold)))
        return "Report", "Report-Bold"


class _Styles:
    def __init__(self) -> None:
        regular, bold = _fonts()
        self.regular, self.bold = regular, bold
        self.title = ParagraphStyle(
            "title", fontName=bold, fontSize=24, leading=29, textColor=ACCENT
        )
        self.subtitle = ParagraphStyle(
            "subtitle", fontName=regular, fontSize=12, leading=15, textColor=MUTED, spaceAfter=10
        )
        self.body = ParagraphStyle("body", fontName=regular, fontSize=13, leading=18, textColor=INK)
        self.bullet = ParagraphStyle(
            "bullet", parent=self.body, leftIndent=14, bulletIndent=0, spaceAfter=7
        )
        self.cell = ParagraphStyle(
            "cell", fontName=regular, fontSize=10, leading=12.5, textColor=INK
        )
        self.note = ParagraphStyle(
            "note", fontName=regular, fontSize=10, leading=13, textColor=MUTED
        )


class _Document(BaseDocTemplate):
    """Adds each page title to the PDF's outline, so a reader can jump between sections."""

    def afterFlowable(self, flowable) -> None:  # noqa: N802 (reportlab's hook name)
        outline = getattr(flowable, "outline_title", None)
        if outline:
            key = f"page{self.page}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(outline, key, level=0)


def render_pdf(report: Report) -> bytes:
    styles = _Styles()
    out = io.BytesIO()
    doc = _Document(
        out,
        pagesize=(WIDTH, HEIGHT),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN - 8,
        bottomMargin=MARGIN + 6,
        title=f"{report.organisation}: {report.kind}, {report.period}",
        author=report.organisation,
        subject=report.kind,
        creator="Presswatch",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="content")
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=lambda c, d: _footer(c, d, report, styles))]
    )
    story = _title_page(report, styles)
    story += _kpi_page(report, styles)
    for chart in report.charts:
        story += _chart_page(report, chart, styles)
    story += _notable_page(report, styles)
    story += _method_page(report, styles)
    doc.build(story)
    return out.getvalue()


# ---------- pages


def _title_page(report: Report, s: _Styles) -> list:
    big = ParagraphStyle("org", parent=s.title, fontSize=36, leading=42)
    line = ParagraphStyle("line", parent=s.body, fontSize=22, leading=28)
    heading = _heading(report.organisation, big)
    story = [Spacer(1, 110), heading, Spacer(1, 24)]
    story.append(Paragraph(escape(report.kind), ParagraphStyle("r", parent=line, fontSize=26)))
    story.append(Spacer(1, 6))
    story.append(Paragraph(escape(report.period), line))
    if report.filters_text:
        story.append(Spacer(1, 6))
        story.append(
            Paragraph(
                escape(report.filters_text),
                ParagraphStyle("f", parent=s.subtitle, fontSize=15, leading=19),
            )
        )
    through = f"Data through {report.data_through:%-d %B %Y}. " if report.data_through else ""
    story.append(Spacer(1, 10))
    story.append(Paragraph(f"{through}Generated on {report.generated_on:%-d %B %Y}.", s.subtitle))
    if report.is_demo:
        story.append(
            Paragraph(
                "Demo data: generated for demonstration, not real coverage.",
                ParagraphStyle("demo", parent=s.body, textColor=WARNING, fontSize=15),
            )
        )
    return [*story, PageBreak()]


def _kpi_page(report: Report, s: _Styles) -> list:
    cards = []
    for kpi in report.kpis:
        value = ParagraphStyle("v", parent=s.body, fontName=s.bold, fontSize=36, leading=44)
        change = kpi.change()
        colour = {1: UP, -1: DOWN, 0: MUTED}[kpi.direction()]
        cell = [
            Paragraph(escape(kpi.label), ParagraphStyle("l", parent=s.subtitle, fontSize=14)),
            Paragraph(f"{kpi.value:,}", value),
        ]
        if change:
            cell.append(
                Paragraph(
                    escape(change),
                    ParagraphStyle("c", parent=s.body, textColor=colour, fontSize=12),
                )
            )
        cards.append(cell)
    gap = 14
    card_width = (CONTENT_WIDTH - gap * (len(cards) - 1)) / len(cards)
    row, widths = [], []
    for index, cell in enumerate(cards):
        if index:
            row.append("")
            widths.append(gap)
        row.append(cell)
        widths.append(card_width)
    table = Table([row], colWidths=widths, rowHeights=[150])
    style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 14)]
    style += [("BACKGROUND", (i, 0), (i, 0), CARD) for i in range(0, len(row), 2)]
    table.setStyle(TableStyle(style))
    headline = [
        Paragraph(
            escape(line), ParagraphStyle("h", parent=s.body, fontSize=16, leading=22, spaceAfter=8)
        )
        for line in report.headline
    ]
    return [
        _heading("Headline numbers", s.title),
        Paragraph(escape(report.comparison), s.subtitle),
        Spacer(1, 8),
        table,
        Spacer(1, 28),
        *headline,
        PageBreak(),
    ]


def _chart_page(report: Report, chart: Chart, s: _Styles) -> list:
    story = [_heading(chart.title, s.title), Paragraph(escape(chart.description()), s.subtitle)]
    if chart.image is not None:
        width, height = _png_size(chart.image)
        room = HEIGHT - 2 * MARGIN - 70
        scale = min(CONTENT_WIDTH / width, room / height)
        story.append(Image(io.BytesIO(chart.image), width * scale, height * scale))
    else:
        story.append(_table(chart.table, s))
        story.append(Spacer(1, 8))
        story.append(Paragraph(escape(report.images_note), s.note))
    return [*story, PageBreak()]


def _notable_page(report: Report, s: _Styles) -> list:
    story = [
        _heading("Notable appearances", s.title),
        Paragraph(escape(report.notable_rule), s.subtitle),
    ]
    if report.notable.empty:
        story.append(Paragraph("No dated appearance matches these filters.", s.body))
        return [*story, PageBreak()]
    rows = [["Date", "Outlet", "Title", "Experts"]]
    for item in report.notable.itertuples(index=False):
        title = escape(item.title)
        if item.url.startswith(("https://", "http://")):
            title = f'<a href="{escape(item.url, {chr(34): "&quot;"})}" color="#1f4e79">{title}</a>'
        rows.append(
            [
                Paragraph(f"{item.published:%-d %b %Y}", s.cell),
                Paragraph(escape(item.outlet), s.cell),
                Paragraph(title, s.cell),
                Paragraph(escape(item.experts), s.cell),
            ]
        )
    table = Table(rows, colWidths=[80, 160, 430, CONTENT_WIDTH - 670], repeatRows=1, hAlign="LEFT")
    table.setStyle(_table_style(s))
    story.append(table)
    return [*story, PageBreak()]


def _method_page(report: Report, s: _Styles) -> list:
    story = [_heading("Method: what these numbers are", s.title), Spacer(1, 10)]
    notes = [*report.method, *([report.images_note] if report.images_note else [])]
    story += [Paragraph(escape(line), s.bullet, bulletText="•") for line in notes]
    return story


# ---------- building blocks


def _heading(text: str, style: ParagraphStyle) -> Paragraph:
    heading = Paragraph(escape(text), style)
    heading.outline_title = text
    return heading


def _table(frame: pd.DataFrame, s: _Styles) -> Table:
    weights = column_weights(frame)
    width = min(CONTENT_WIDTH, 9 * sum(weights))  # about 9 pt per character at 11 pt
    rows = [[str(c) for c in frame.columns]]
    rows += [[cell_text(v) for v in row] for row in frame.itertuples(index=False)]
    table = Table(
        rows, colWidths=[width * w / sum(weights) for w in weights], repeatRows=1, hAlign="LEFT"
    )
    style = _table_style(s)
    for col, column in enumerate(frame.columns):
        if is_numeric_column(frame, column):
            style.add("ALIGN", (col, 0), (col, -1), "RIGHT")
    table.setStyle(style)
    return table


def _table_style(s: _Styles) -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), s.regular, 11),
            ("FONT", (0, 0), (-1, 0), s.bold, 11),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )


def _footer(canvas, doc, report: Report, s: _Styles) -> None:
    if doc.page == 1:
        return
    demo = "  ·  DEMO DATA" if report.is_demo else ""
    canvas.saveState()
    canvas.setFont(s.regular, 9)
    canvas.setFillColor(MUTED)
    text = f"{report.organisation}  ·  {report.kind}  ·  {report.footer_view()}{demo}"
    canvas.drawString(MARGIN, 20, text)
    canvas.drawRightString(WIDTH - MARGIN, 20, str(doc.page))
    canvas.restoreState()


def _png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])
