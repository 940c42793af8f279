"""A Plotly figure as a native PowerPoint chart: the numbers live in the chart, so a manager can
restyle it, change its type or copy its data in PowerPoint.

Bars (across or up, grouped or stacked) and lines have a native form; a figure of bars and lines
together (this period's bars, the previous period's dotted line) becomes grouped bars, one series
each, since python-pptx writes no combined chart. Any other figure has none: `native_form` says
so and the slide keeps its picture.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Pt

from dashboard.charts import KEY_DATE, KEY_DATE_MARK

_DASHES = {"dot": MSO_LINE_DASH_STYLE.ROUND_DOT, "dash": MSO_LINE_DASH_STYLE.DASH}
_TEXT = RGBColor(0x1C, 0x28, 0x33)


def native_form(figure: go.Figure) -> XL_CHART_TYPE | None:
    """The PowerPoint chart type that draws this figure, or None."""
    kinds = {trace.type for trace in figure.data}
    if not figure.data or not kinds <= {"bar", "scatter"}:
        return None
    if kinds == {"scatter"}:
        return XL_CHART_TYPE.LINE_MARKERS if _vertical(figure) else None
    stacked = figure.layout.barmode in ("stack", "relative")
    if _vertical(figure):
        return XL_CHART_TYPE.COLUMN_STACKED if stacked else XL_CHART_TYPE.COLUMN_CLUSTERED
    return XL_CHART_TYPE.BAR_STACKED if stacked else XL_CHART_TYPE.BAR_CLUSTERED


def add_native_chart(slide, figure: go.Figure, left: int, top: int, width: int, height: int):
    """Draw the figure on the slide as a native chart (native_form must not be None)."""
    form = native_form(figure)
    vertical = _vertical(figure)
    labels = _categories(figure, vertical)  # position on the axis -> what a reader sees there
    data = CategoryChartData(number_format="#,##0")
    data.categories = list(labels.values())
    for trace in figure.data:
        values = dict(zip(_positions(trace, vertical), _values(trace, vertical), strict=True))
        data.add_series(_series_name(figure, trace), [values.get(p) for p in labels])
    chart = slide.shapes.add_chart(form, left, top, width, height, data).chart
    chart.has_title = False
    chart.font.size, chart.font.color.rgb = Pt(12), _TEXT
    chart.has_legend = len(figure.data) > 1
    if chart.has_legend:
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    value_axis, category_axis = chart.value_axis, chart.category_axis
    value_axis.has_major_gridlines = True
    value_axis.tick_labels.number_format, value_axis.tick_labels.number_format_is_linked = (
        "#,##0",
        False,
    )
    _axis_title(value_axis, (figure.layout.yaxis if vertical else figure.layout.xaxis).title.text)
    _axis_title(
        category_axis, (figure.layout.xaxis if vertical else figure.layout.yaxis).title.text
    )
    if not vertical and figure.layout.yaxis.autorange == "reversed":
        category_axis.reverse_order = True
    chart.plots[0].gap_width = 60  # bars as wide as the page draws them
    if len(figure.data) > 1 and form in (XL_CHART_TYPE.COLUMN_STACKED, XL_CHART_TYPE.BAR_STACKED):
        chart.plots[0].overlap = 100
    for trace, series in zip(figure.data, chart.series, strict=True):
        _colour(trace, series, form, list(labels), vertical)
    _key_dates(figure, chart, list(labels), form)
    _numbers_after_bars(figure, chart, form)
    return chart


def _numbers_after_bars(figure: go.Figure, chart, form) -> None:
    """A ranking writes each bar's number after it (charts.ranking): the slide's chart does too,
    as data labels, so they follow the numbers when the chart is edited."""
    template = figure.data[0].texttemplate if len(figure.data) == 1 else None
    if form != XL_CHART_TYPE.BAR_CLUSTERED or not template:
        return
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = "0.0%" if template.endswith("%}") else "#,##0"  # a share: "%{x:.1%}"
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(11)


def _key_dates(figure: go.Figure, chart, positions: list[str], form) -> None:
    """A timeline's key dates (charts.key_date_marks) as the labels of their periods' bars in
    the first series: text in the chart, kept when it is restyled."""
    at = {pd.Timestamp(p): index for index, p in enumerate(positions) if _is_date(p)}
    for mark in figure.layout.annotations:
        index = at.get(pd.Timestamp(mark.x)) if mark.name == KEY_DATE_MARK else None
        if index is None:
            continue
        label = chart.series[0].points[index].data_label
        label.text_frame.text = "▼ " + html.unescape(mark.text)
        label.font.size, label.font.color.rgb = Pt(10), _rgb(KEY_DATE)
        if form not in (XL_CHART_TYPE.COLUMN_STACKED, XL_CHART_TYPE.BAR_STACKED):
            label.position = XL_LABEL_POSITION.OUTSIDE_END


def _is_date(position: str) -> bool:
    try:
        pd.Timestamp(position)
    except ValueError:
        return False
    return True


def _vertical(figure: go.Figure) -> bool:
    return all(getattr(trace, "orientation", None) != "h" for trace in figure.data)


def _positions(trace, vertical: bool) -> list[str]:
    return [str(value) for value in (trace.x if vertical else trace.y)]


def _categories(figure: go.Figure, vertical: bool) -> dict[str, str]:
    """Each position on the category axis, in order, with its label as the chart's reader sees
    it: on a date axis the hover label the figure builders set ('Jan 2025', from the first
    series that has one: the previous period's line is drawn at this period's dates) rather
    than an ISO time stamp."""
    on_dates = (figure.layout.xaxis if vertical else figure.layout.yaxis).type == "date"
    labels: dict[str, str] = {}
    for trace in figure.data:
        positions = _positions(trace, vertical)
        hover = trace.hovertext
        named = on_dates and hover is not None and not isinstance(hover, str)
        for index, position in enumerate(positions):
            if position not in labels or (named and labels[position] == position):
                labels[position] = str(hover[index]) if named else position
    return labels


def _values(trace, vertical: bool) -> list[float | None]:
    return [None if v is None else float(v) for v in (trace.y if vertical else trace.x)]


def _series_name(figure: go.Figure, trace) -> str:
    if trace.name:
        return str(trace.name)
    axis = figure.layout.yaxis if _vertical(figure) else figure.layout.xaxis
    return str(axis.title.text or "Appearances")


def _axis_title(axis, text: str | None) -> None:
    if text:
        axis.has_title = True
        axis.axis_title.text_frame.text = str(text)
        axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)


def _colour(trace, series, form, positions: list[str], vertical: bool) -> None:
    """The figure's colours: one per series, or one per bar where the figure colours each."""
    if trace.type == "scatter":
        colour = trace.line.color or trace.marker.color
        fill = series.format.line if form == XL_CHART_TYPE.LINE_MARKERS else series.format.fill
        if form == XL_CHART_TYPE.LINE_MARKERS:
            fill.color.rgb = _rgb(colour)
            fill.dash_style = _DASHES.get(trace.line.dash)
        elif colour:
            fill.solid()
            fill.fore_color.rgb = _rgb(colour)
        return
    colour = trace.marker.color
    if isinstance(colour, str):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(colour)
    elif colour is not None:
        for position, each in zip(_positions(trace, vertical), colour, strict=True):
            point = series.points[positions.index(position)].format.fill
            point.solid()
            point.fore_color.rgb = _rgb(each)


def _rgb(colour: str | None) -> RGBColor:
    """'#1f4e79', '#abc' or 'rgb(31, 78, 121)' (Plotly's forms) as PowerPoint's colour."""
    text = (colour or "#5d6d7e").strip()
    if text.startswith("rgb"):
        red, green, blue = (int(float(p)) for p in text[text.index("(") + 1 : -1].split(",")[:3])
        return RGBColor(red, green, blue)
    text = text.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    return RGBColor.from_string(text[:6].upper())
