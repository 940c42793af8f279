"""A figure as a native PowerPoint chart: the type, the numbers and the colours a manager sees
when they edit the chart's data in PowerPoint are the figure's."""

from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.util import Inches

from dashboard import charts
from dashboard.report.pptx_charts import add_native_chart, native_form


def drawn(figure: go.Figure):
    """The chart as PowerPoint reads it back from a saved file."""
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    add_native_chart(slide, figure, Inches(0.5), Inches(0.5), Inches(9), Inches(6))
    saved = io.BytesIO()
    deck.save(saved)
    (shape,) = [s for s in Presentation(saved).slides[0].shapes if s.has_chart]
    return shape.chart


def test_stacked_bars_across_keep_their_series_values_and_colours():
    figure = go.Figure(
        [
            go.Bar(
                name="Quoted", y=["Ana", "Ben"], x=[5, 3], orientation="h", marker_color="#0072b2"
            ),
            go.Bar(
                name="Op-ed", y=["Ana", "Ben"], x=[1, 4], orientation="h", marker_color="#e69f00"
            ),
        ],
        layout={"barmode": "stack", "xaxis_title": "Appearances"},
    )
    chart = drawn(figure)
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    assert list(chart.plots[0].categories) == ["Ana", "Ben"]
    assert {s.name: list(s.values) for s in chart.series} == {"Quoted": [5, 3], "Op-ed": [1, 4]}
    colours = [str(s.format.fill.fore_color.rgb) for s in chart.series]
    assert colours == ["0072B2", "E69F00"]
    assert chart.value_axis.axis_title.text_frame.text == "Appearances"


def test_a_timeline_on_dates_is_labelled_as_its_reader_sees_it_with_the_previous_period_beside():
    months = ["2025-01-01", "2025-02-01", "2025-03-01"]
    now = go.Bar(
        name="This period", x=months, y=[10, 0, 7], hovertext=["Jan 2025", "Feb 2025", "Mar 2025"]
    )
    before = go.Scatter(
        name="Previous period", x=months, y=[4, 6, 5], line={"dash": "dot", "color": "#9aa5b1"},
        hovertext=["Jan 2024", "Feb 2024", "Mar 2024"],  # drawn at this period's dates
    )  # fmt: skip
    figure = go.Figure([now, before], layout={"xaxis": {"type": "date"}})
    chart = drawn(figure)
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert list(chart.plots[0].categories) == ["Jan 2025", "Feb 2025", "Mar 2025"]
    assert [list(s.values) for s in chart.series] == [[10, 0, 7], [4, 6, 5]]


def test_bars_coloured_one_by_one_keep_each_colour():
    figure = go.Figure(go.Bar(x=["A", "B"], y=[2, 3], marker_color=["#0072b2", "rgb(230, 159, 0)"]))
    chart = drawn(figure)
    points = chart.series[0].points
    assert [str(points[i].format.fill.fore_color.rgb) for i in range(2)] == ["0072B2", "E69F00"]


def test_lines_alone_are_a_line_chart_and_other_figures_have_no_native_form():
    assert native_form(go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))) == XL_CHART_TYPE.LINE_MARKERS
    assert native_form(go.Figure(go.Pie(labels=["a"], values=[1]))) is None
    assert native_form(go.Figure(go.Choropleth(locations=["FRA"], z=[1]))) is None
    assert native_form(go.Figure()) is None


def test_a_rankings_numbers_are_written_after_its_bars_as_counts_or_shares():
    frame = pd.DataFrame(
        {"name": ["Le Monde", "RFI"], "slug": ["le-monde", "rfi"], "appearances": [1234, 56]}
    )
    counts = drawn(charts.ranking(frame, "name", "slug", "Top outlets", "2025"))
    labels = counts.plots[0].data_labels
    assert counts.plots[0].has_data_labels and labels.number_format == "#,##0"
    assert labels.position == XL_LABEL_POSITION.OUTSIDE_END
    assert sorted(counts.series[0].values) == [56, 1234]

    frame = frame.assign(share=[0.9565, 0.0435])
    shares = drawn(charts.ranking(frame, "name", "slug", "Share", "2025", value="share"))
    assert shares.plots[0].data_labels.number_format == "0.0%"

    stacked = go.Figure(
        [go.Bar(y=["A"], x=[1], orientation="h"), go.Bar(y=["A"], x=[2], orientation="h")],
        layout={"barmode": "stack"},
    )
    assert not drawn(stacked).plots[0].has_data_labels  # only a ranking writes its numbers
