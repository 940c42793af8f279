"""Coverage over time: the trend at any period size, broken down by one dimension, as counts or
shares, with the previous period alongside."""

from dataclasses import replace

import streamlit as st

from dashboard import charts, labels, panels, state
from dashboard.change import comparison
from queries.dimensions import BREAKDOWNS, BRIDGE, BY_CODE

TOP_N = 8

view = state.current_view()
panels.page_header(view, "Coverage over time")
if panels.no_appearances(view):
    st.stop()

grain = panels.grain_picker(view, "coverage_grain")
left, middle, right = st.columns([2, 2, 3])
with left:
    breakdown = panels.remembered(
        st.selectbox,
        "Break down by",
        ("", *BREAKDOWNS),
        param="by",
        default="",
        key="coverage_breakdown",
        format_func=lambda b: BY_CODE[b].singular if b else "Nothing: all appearances",
    )
with middle:
    measure = panels.remembered(
        st.radio,
        "Show",
        ("appearances", "share"),
        param="show",
        default="appearances",
        key="coverage_measure",
        format_func={"appearances": "Counts", "share": "Share of each period"}.get,
        horizontal=True,
        disabled=not breakdown,
    )
previous_filters = comparison(view.filters, view.bounds.get("first_date")).previous
with right:
    overlay = st.toggle(
        "Show the previous period",
        value=True,
        key="coverage_previous",
        disabled=bool(breakdown) or previous_filters is None,
        help=(
            "The period just before the chosen one, of the same length (whole months compare "
            "with as many whole months), drawn as a dotted line. Needs a date range whose "
            "previous period the data covers, and no breakdown."
        ),
    )

if not breakdown:
    panels.coverage_timeline(
        view, grain, previous_filters if overlay else None, key="coverage_timeline"
    )
else:
    dimension = BY_CODE[breakdown]
    name, field = dimension.singular, dimension.field
    series_query = view.query(
        "coverage_by_period_breakdown",
        grain=grain,
        breakdown=breakdown,
        top_n=TOP_N,
        date_from=view.filters.date_from,
        date_to=view.filters.date_to,
    )
    series = view.result(series_query)
    if dimension.coded:
        coded = ~series["series_id"].isin(["__other__", "__none__"])
        series.loc[coded, "series"] = [
            labels.dimension_value_name(breakdown, code) for code in series.loc[coded, "series_id"]
        ]
    shown = "Share of appearances" if measure == "share" else "Appearances"
    folded = (series["series_id"] == "__other__").any()  # more values than TOP_N
    fig = charts.breakdown_timeline(
        series,
        grain,
        measure,
        f"{shown} per {grain} by {name.lower()}"
        + (f" (top {TOP_N}, the rest as Other)" if folded else ""),
        panels.subtitle(view),
        colours=panels.view_colours(view, field),
        span=panels.span(view),
        today=view.today,
    )

    def narrow(point: dict):
        series_id = (point.get("customdata") or [None, None])[1]
        clicked = panels.period_drill(view, grain)(point)
        if clicked is None:
            return None
        filters, when = clicked
        if series_id in ("__other__", "__none__"):
            return filters, f"{when} (every {name.lower()})"
        value = series.loc[series["series_id"] == series_id, "series"].iloc[0]
        return replace(filters, **{field: (series_id,)}), f"{value}, {when}"

    panels.chart_panel(
        view,
        fig,
        series.rename(columns={"series": name}),
        what=f"coverage-by-{grain}-by-{breakdown}",
        query=series_query,
        key="coverage_breakdown_chart",
        drill=narrow,
        grain=grain,
    )
    panels.timeline_note(view, grain)
    if dimension.on == BRIDGE:
        st.caption(
            f"An appearance with two {name.lower()}s counts once for each, so the bars of a "
            "period can add up to more than its appearances."
        )
