"""The figure builders: readable dates, one colour per outlet or expert everywhere, names as
written, an empty state that says so."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from dashboard import charts
from data.vocabulary import ROLES


def monthly(values: list[int], start: str = "2025-01-01") -> pd.DataFrame:
    return pd.DataFrame(
        {"period": pd.date_range(start, periods=len(values), freq="MS"), "appearances": values}
    )


def test_an_outlet_keeps_its_colour_across_charts_and_processes():
    here = charts.colour_for("le-monde")
    elsewhere = subprocess.run(
        [
            sys.executable,
            "-c",
            "from dashboard import charts; print(charts.colour_for('le-monde'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert here == elsewhere
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
    )
    lines = charts.entity_lines(
        pd.DataFrame(
            {
                "period": ["2025-01-01", "2025-01-01"],
                "slug": ["le-figaro", "le-monde"],
                "outlet": ["Le Figaro", "Le Monde"],
                "appearances": [1, 2],
            }
        ),
        "month",
        "outlet",
        "Outlets over time",
        "2025",
    )
    bar_colours = dict(zip(ranking.data[0].y, ranking.data[0].marker.color, strict=True))
    line_colours = {trace.name: trace.line.color for trace in lines.data}
    assert bar_colours["Le Monde"] == line_colours["Le Monde"] == here
    assert bar_colours["Le Figaro"] == line_colours["Le Figaro"]


def test_the_folded_rest_is_grey():
    assert charts.colour_for("__other__") == charts.OTHER


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
