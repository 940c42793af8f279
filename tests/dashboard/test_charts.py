"""The figure builders: readable dates, one colour per outlet or expert everywhere, names as
written, an empty state that says so."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import plotly.graph_objects as go
from hypothesis import given
from hypothesis import strategies as st

from dashboard import charts
from data.vocabulary import ROLES


def monthly(values: list[int], start: str = "2025-01-01") -> pd.DataFrame:
    return pd.DataFrame(
        {"period": pd.date_range(start, periods=len(values), freq="MS"), "appearances": values}
    )


def test_a_name_keeps_its_colour_in_the_view_across_charts():
    view = charts.colours_by_rank(["le-monde", "le-figaro", "france-24"])
    assert view == dict(zip(["le-monde", "le-figaro", "france-24"], charts.PALETTE, strict=False))
    ranking = charts.ranking(
        pd.DataFrame(
            {
                "outlet": ["Le Monde", "Le Figaro"],
                "slug": ["le-monde", "le-figaro"],
                "appearances": [9, 4],
            }
        ),
        "outlet",
        "slug",
        "Top outlets",
        "2025",
        colours=view,
    )
    lines = charts.entity_lines(  # another order, and a name the view's ranking does not hold
        pd.DataFrame(
            {
                "period": ["2025-01-01"] * 3,
                "slug": ["le-figaro", "le-monde", "ouest-france"],
                "outlet": ["Le Figaro", "Le Monde", "Ouest-France"],
                "appearances": [5, 2, 1],
            }
        ),
        "month",
        "outlet",
        "Outlets over time",
        "2025",
        colours=view,
    )
    bar_colours = dict(zip(ranking.data[0].y, ranking.data[0].marker.color, strict=True))
    line_colours = {trace.name: trace.line.color for trace in lines.data}
    assert bar_colours["Le Monde"] == line_colours["Le Monde"] == view["le-monde"]
    assert bar_colours["Le Figaro"] == line_colours["Le Figaro"] == view["le-figaro"]
    assert line_colours["Ouest-France"] not in view.values()  # the first colour left free
    assert line_colours["Ouest-France"] == charts.PALETTE[3]


def test_the_palette_is_large_and_holds_no_grey():
    assert len(charts.PALETTE) >= 12 and len(set(charts.PALETTE)) == len(charts.PALETTE)
    greys = {charts.OTHER, charts.NOT_SET, charts.PREVIOUS, charts.PRIMARY, charts.PART}
    assert len(greys) == 5 and not greys & set(charts.PALETTE)
    assert charts.PALETTE[:6] == ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")


NAMES = st.sampled_from([f"name-{n}" for n in range(40)])


@given(
    st.lists(NAMES, min_size=1, max_size=20, unique=True),
    st.lists(NAMES, max_size=40, unique=True),
    st.booleans(),
)
def test_no_two_series_of_a_chart_share_a_colour(series, ranked, with_rest):
    """Whatever the view ranks, and whichever of its names a chart draws (up to 20, with the
    folded rest and "not set"), every series has its own colour, and a ranked name its rank's."""
    shown = series + (["__other__", "__none__"] if with_rest else [])
    view = charts.colours_by_rank(ranked)
    colours = charts.series_colours(shown, view)
    assert set(colours) == set(shown)
    assert len(set(colours.values())) == len(shown)
    for name in series:
        if name in view:
            assert colours[name] == view[name]
    if with_rest:
        assert (colours["__other__"], colours["__none__"]) == (charts.OTHER, charts.NOT_SET)


def test_every_builder_of_several_series_gives_each_its_own_colour():
    ids = [f"t{n}" for n in range(8)] + ["__other__"]
    frame = pd.DataFrame(
        {
            "period": ["2025-01-01"] * 9,
            "series_id": ids,
            "series": [f"Topic {n}" for n in range(8)] + ["Other"],
            "appearances": range(9, 0, -1),
            "share": [1 / 9] * 9,
        }
    )
    stacked = charts.breakdown_timeline(frame, "month", "appearances", "By topic", "2025")
    assert len({t.marker.color for t in stacked.data}) == 9
    lines = charts.entity_lines(
        frame.rename(columns={"series_id": "slug", "series": "tag"}), "month", "tag", "t", "s"
    )
    assert len({t.line.color for t in lines.data}) == 9
    ranking = charts.ranking(
        pd.DataFrame({"outlet": [f"O{n}" for n in range(20)], "slug": [f"o{n}" for n in range(20)],
                      "appearances": range(20, 0, -1)}),
        "outlet", "slug", "Top 20 outlets", "2025",
    )  # fmt: skip
    assert len(set(ranking.data[0].marker.color)) == 20


def test_the_timeline_has_readable_period_names_and_carries_each_period_for_a_click():
    fig = charts.coverage_timeline(monthly([3, 0, 5]), "month", "Appearances per month", "2025")
    (bars,) = fig.data
    assert list(bars.hovertext) == ["Jan 2025", "Feb 2025", "Mar 2025"]
    assert [c[0] for c in bars.customdata] == ["2025-01-01", "2025-02-01", "2025-03-01"]
    assert fig.layout.xaxis.tickformat == "%b %Y"
    assert fig.layout.title.text == "Appearances per month"


def test_the_previous_period_is_drawn_over_the_same_bars():
    fig = charts.coverage_timeline(
        monthly([3, 4]),
        "month",
        "t",
        "s",
        previous=monthly([7, 1], "2024-11-01"),
        previous_label="Previous period (Nov 2024 – Dec 2024)",
    )
    bars, line = fig.data
    assert list(line.x) == list(bars.x)
    assert list(line.y) == [7, 1]
    assert list(line.hovertext) == ["Nov 2024", "Dec 2024"]
    # a click on the line names the previous period's own months, not the bars'
    assert [list(c) for c in line.customdata] == [
        ["2024-11-01", charts.PREVIOUS_MARK],
        ["2024-12-01", charts.PREVIOUS_MARK],
    ]
    assert line.line.color == charts.PREVIOUS and line.line.dash == "dot"


def test_a_part_period_is_lighter_and_labelled_with_its_days():
    fig = charts.coverage_timeline(
        monthly([30, 31, 3], "2026-10-01"),
        "month",
        "t",
        "s",
        span=(dt.date(2026, 10, 1), dt.date(2026, 12, 3)),
        today=dt.date(2026, 12, 3),
    )
    (bars,) = fig.data
    assert list(bars.marker.color) == [charts.PRIMARY, charts.PRIMARY, charts.PART]
    assert [a.text for a in fig.layout.annotations] == ["1–3 Dec so far"]
    assert list(bars.hovertext)[-1] == "1–3 Dec so far"
    whole = charts.coverage_timeline(
        monthly([30, 31]), "month", "t", "s", span=(dt.date(2025, 1, 1), dt.date(2025, 2, 28))
    )
    assert list(whole.data[0].marker.color) == [charts.PRIMARY] * 2 and not whole.layout.annotations
    lines = charts.entity_lines(
        pd.DataFrame({"period": ["2026-11-01", "2026-12-01"], "slug": ["a", "a"],
                      "tag": ["A", "A"], "appearances": [9, 1]}),
        "month", "tag", "t", "s", span=(None, dt.date(2026, 12, 3)), today=dt.date(2026, 12, 3),
    )  # fmt: skip
    assert list(lines.data[0].marker.opacity) == [1.0, 0.35]
    assert [a.text for a in lines.layout.annotations] == ["1–3 Dec so far"]


def test_a_long_title_wraps_instead_of_being_cut_off():
    names = "Élodie Marchand-Vasseur, Inès Carvalho-Thiébaut, Jean-Baptiste Rocheteau-Lemaire"
    title = f"Appearances per month: {names} & <Others>"
    fig = charts.entity_lines(
        pd.DataFrame({"period": ["2025-01-01"], "slug": ["a"], "expert": ["A"],
                      "appearances": [1]}),
        "month", "expert", title, "1 Jan 2025 – 31 Dec 2025",
    )  # fmt: skip
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) > 1
    assert all(len(html.unescape(line)) <= charts.SCREEN_TEXT["title"] for line in lines)
    assert html.unescape(" ".join(lines)) == title  # every word kept, markup written as text
    assert fig.layout.margin.t > 80  # room for the extra line
    half = charts.in_half_width(go.Figure(fig))  # one of two columns: narrower lines
    half_lines = half.layout.title.text.split("<br>")
    assert len(half_lines) > len(lines)
    assert all(len(html.unescape(line)) <= charts.HALF_SCREEN_TEXT["title"] for line in half_lines)
    assert html.unescape(" ".join(half_lines)) == title
    slide = charts.for_slides(fig)
    slide_lines = slide.layout.title.text.split("<br>")
    assert all(len(html.unescape(line)) <= charts.SLIDE_TEXT["title"] for line in slide_lines)
    assert html.unescape(" ".join(slide_lines)) == title
    short = charts.coverage_timeline(monthly([1]), "month", "Appearances per month", "2025")
    assert short.layout.title.text == "Appearances per month"


def test_rankings_put_the_largest_on_top_and_keep_french_names():
    frame = pd.DataFrame(
        {
            "expert": ["Élodie Marchand-Vasseur", "Inès Carvalho-Thiébaut"],
            "slug": ["elodie-marchand-vasseur", "ines-carvalho-thiebaut"],
            "appearances": [12, 5],
        }
    )
    fig = charts.ranking(frame, "expert", "slug", "Top experts", "2025")
    assert list(fig.data[0].y)[-1] == "Élodie Marchand-Vasseur"  # Plotly draws the last on top
    assert list(fig.data[0].x)[-1] == 12


def test_nothing_to_show_says_so():
    empty = monthly([])
    fig = charts.coverage_timeline(empty, "month", "Appearances per month", "2025")
    assert fig.layout.annotations[0].text == "No appearances match these filters"


def test_share_breakdowns_are_percentages_of_each_period():
    frame = pd.DataFrame(
        {
            "period": ["2025-01-01"] * 2,
            "series_id": ["fr", "__other__"],
            "series": ["French", "Other"],
            "appearances": [3, 1],
            "share": [0.75, 0.25],
        }
    )
    fig = charts.breakdown_timeline(frame, "month", "share", "Share by language", "2025")
    assert [t.name for t in fig.data] == ["French", "Other"]
    assert fig.layout.yaxis.tickformat == ".0%"
    assert fig.data[1].marker.color == charts.OTHER


def test_images_for_slides_have_larger_type_and_the_same_numbers():
    fig = charts.coverage_timeline(monthly([3, 0, 5]), "month", "Appearances per month", "2025")
    slide = charts.for_slides(fig)
    assert slide.layout.font.size > fig.layout.font.size
    assert slide.layout.title.font.size > fig.layout.title.font.size
    assert list(slide.data[0].y) == list(fig.data[0].y)
    assert fig.layout.font.size == 13  # the chart on screen is left as it was


def test_every_role_of_the_vocabulary_has_its_own_colour():
    assert set(charts.ROLE_COLOURS) == set(ROLES)
    assert len(set(charts.ROLE_COLOURS.values())) == len(charts.ROLE_COLOURS)


def test_a_rankings_margin_holds_its_names_and_a_name_too_long_is_shortened_on_the_axis_only():
    short = ["Le Monde", "RFI"]
    frame = pd.DataFrame({"name": short, "slug": ["a", "b"], "appearances": [5, 3]})
    fig = charts.ranking(frame, "name", "slug", "Top outlets", "2025")
    assert fig.layout.yaxis.automargin is False and fig.layout.yaxis.ticktext is None
    assert 50 < fig.layout.margin.l < 120  # "Le Monde" at 13 px, erring wide

    long = "Regional Broadcaster's Evening Programme on Foreign Affairs & Defence, Weekend Edition"
    frame = pd.DataFrame({"name": [long, "RFI"], "slug": ["a", "b"], "appearances": [5, 3]})
    fig = charts.ranking(frame, "name", "slug", "Top outlets", "2025")
    assert fig.layout.margin.l <= charts.NAME_ROOM + 20  # room left for the bars
    shown = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert set(shown) == set(fig.data[0].y)  # every bar keeps its tick
    cut = shown[html.escape(long, quote=False)]
    assert cut.endswith("…") and long.startswith(cut[:-1]) and shown["RFI"] == "RFI"
    assert html.escape(long, quote=False) in fig.data[0].y  # whole in the hover (%{y})
