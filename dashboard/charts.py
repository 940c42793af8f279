"""Figure builders and the one theme: DataFrame in, Plotly Figure out (pure, no Streamlit).

Every builder takes the columns documented in queries/README.md, a title saying what is shown, and
a subtitle saying for which filters. Clickable marks carry `customdata` (a period's ISO date and/or
a slug) so a click can be turned back into Filters.
"""

from __future__ import annotations

import functools
import zlib

import pandas as pd
import plotly.graph_objects as go

from dashboard import labels
from data.periods import GRAIN_AXIS, period_label

PRIMARY = "#1f4e79"
PREVIOUS = "#9aa5b1"
OTHER = "#c7ccd1"
# Colour-blind-aware qualitative palette; an outlet, expert or tag keeps its colour everywhere.
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#2f6690",
    "#d37295",
    "#8cd17d",
    "#b6992d",
    "#499894",
    "#a0cbe8",
    "#86654b",
)
ROLE_COLOURS = {
    "quoted": "#4e79a7",
    "interview": "#f28e2b",
    "op-ed": "#59a14f",
    "on-air": "#b07aa1",
    "mentioned": "#9aa5b1",
}
FONT = "Inter, 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"
TICK_FORMAT = {"day": "%-d %b %Y", "week": "%-d %b %Y", "month": "%b %Y", "quarter": "Q%q %Y"}
TICK_FORMAT["year"] = "%Y"


# Plotly reads <a href>, <b>, <br> ... in every label: names from the store are written as text.
_PLOTLY_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_TRACE_TEXT = ("name", "text", "hovertext", "x", "y")


def _plain(value):
    if isinstance(value, str):
        return value.translate(_PLOTLY_MARKUP)
    kind = getattr(getattr(value, "dtype", None), "kind", None)  # numpy: O objects, U text
    if isinstance(value, list | tuple) or kind in ("O", "U"):
        return [v.translate(_PLOTLY_MARKUP) if isinstance(v, str) else v for v in value]
    return value  # numbers, dates


def _drawn_as_written(builder):
    """Escape every label of the figure a builder returns, so a name shows as it is spelled."""

    @functools.wraps(builder)
    def build(*args, **kwargs) -> go.Figure:
        fig = builder(*args, **kwargs)
        for trace in fig.data:
            for attr in _TRACE_TEXT:
                if attr in trace and trace[attr] is not None:
                    trace[attr] = _plain(trace[attr])
        layout = fig.layout
        layout.title.text = _plain(layout.title.text)
        layout.title.subtitle.text = _plain(layout.title.subtitle.text)
        for axis in (layout.xaxis, layout.yaxis):
            axis.title.text = _plain(axis.title.text)
        return fig

    return build


def colour_for(slug: str | None) -> str:
    """A stable colour for an outlet, expert or tag (crc32: hash() changes per process)."""
    if not slug or slug in ("__other__", "__none__"):
        return OTHER  # the folded rest and "not set" stay grey
    return PALETTE[zlib.crc32(str(slug).encode("utf-8")) % len(PALETTE)]


def themed(fig: go.Figure, title: str, subtitle: str, x_title: str, y_title: str) -> go.Figure:
    """The house style: left-aligned title with its filter line, labelled axes, quiet grid."""
    fig.update_layout(
        template="plotly_white",
        font={"family": FONT, "size": 13, "color": "#1c2833"},
        title={
            "text": title,
            "subtitle": {"text": subtitle, "font": {"size": 12, "color": "#5d6d7e"}},
            "x": 0,
            "xanchor": "left",
            "pad": {"l": 4},
            "font": {"size": 17},
        },
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0, "title": None},
        hoverlabel={"font": {"family": FONT}},
        bargap=0.2,
        xaxis={"title": {"text": x_title}, "automargin": True, "tickformat": ","},
        yaxis={
            "title": {"text": y_title},
            "automargin": True,
            "rangemode": "tozero",
            "tickformat": ",",  # 12,000 (a date or share axis sets its own)
        },
    )
    return fig


def for_slides(fig: go.Figure) -> go.Figure:
    """A copy sized for a 1600x900 image on a slide: larger type, room around the edges."""
    slide = go.Figure(fig)
    slide.update_layout(
        font={"size": 20},
        title={"font": {"size": 30}, "subtitle": {"font": {"size": 19}}, "pad": {"l": 40}},
        margin={"l": 50, "r": 50, "t": 120, "b": 50},
        hoverlabel={"font": {"size": 18}},
    )
    slide.update_traces(textfont={"size": 18}, selector={"type": "bar"})
    return slide


def _empty(fig: go.Figure) -> go.Figure:
    fig.add_annotation(
        text="No appearances match these filters",
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        font={"size": 15, "color": "#5d6d7e"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _room_for_labels(values: pd.Series) -> list[float]:
    """An axis range that leaves room for the numbers written after the longest bar."""
    return [0, float(values.max()) * 1.18 or 1]


def _period_axis(fig: go.Figure, grain: str) -> None:
    fig.update_xaxes(type="date", tickformat=TICK_FORMAT[grain], hoverformat=TICK_FORMAT[grain])
    if grain in ("quarter", "year"):  # Plotly's automatic ticks fall mid-quarter: "Q1, Q1, Q2"
        fig.update_xaxes(dtick="M3" if grain == "quarter" else "M12", tick0="2000-01-01")


def _periods(frame: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(frame["period"])


@_drawn_as_written
def coverage_timeline(
    frame: pd.DataFrame,
    grain: str,
    title: str,
    subtitle: str,
    previous: pd.DataFrame | None = None,
    previous_label: str = "Previous period",
) -> go.Figure:
    """Appearances per period as bars; the previous period as a line over them.

    The previous period is aligned by position: its first period sits on this one's first.
    """
    fig = themed(go.Figure(), title, subtitle, GRAIN_AXIS[grain], "Appearances")
    if frame.empty or frame["appearances"].sum() == 0:
        return _empty(fig)
    periods = _periods(frame)
    names = [period_label(p.date(), grain) for p in periods]
    fig.add_bar(
        x=periods,
        y=frame["appearances"],
        name="This period",
        marker_color=PRIMARY,
        customdata=[[p.date().isoformat()] for p in periods],
        hovertext=names,
        hovertemplate="%{hovertext}: %{y:,} appearances<extra></extra>",
    )
    if previous is not None and not previous.empty:
        count = min(len(previous), len(frame))
        earlier = [period_label(p.date(), grain) for p in _periods(previous)[:count]]
        fig.add_scatter(
            x=periods[:count],
            y=previous["appearances"][:count],
            name=previous_label,
            mode="lines+markers",
            line={"color": PREVIOUS, "dash": "dot", "width": 2},
            marker={"size": 5},
            hovertext=earlier,
            hovertemplate="%{hovertext}: %{y:,} appearances (previous period)<extra></extra>",
        )
    _period_axis(fig, grain)
    return fig


@_drawn_as_written
def breakdown_timeline(
    frame: pd.DataFrame, grain: str, measure: str, title: str, subtitle: str
) -> go.Figure:
    """Stacked bars per period, one colour per series (outlet, expert, tag, ...).

    `measure` is "appearances" or "share" (the series' share of that period's appearances).
    """
    y_title = "Share of the period's appearances" if measure == "share" else "Appearances"
    fig = themed(go.Figure(), title, subtitle, GRAIN_AXIS[grain], y_title)
    if frame.empty or frame["appearances"].sum() == 0:
        return _empty(fig)
    order = frame.groupby("series_id", sort=False)["appearances"].sum().sort_values(ascending=False)
    for series_id in order.index:
        rows = frame[frame["series_id"] == series_id]
        periods = _periods(rows)
        name = str(rows["series"].iloc[0])
        fig.add_bar(
            x=periods,
            y=rows[measure],
            name=name,
            marker_color=colour_for(series_id),
            customdata=[[p.date().isoformat(), series_id] for p in periods],
            hovertext=[f"{name}, {period_label(p.date(), grain)}" for p in periods],
            hovertemplate="%{hovertext}: "
            + ("%{y:.0%}" if measure == "share" else "%{y:,} appearances")
            + "<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    if measure == "share":
        fig.update_yaxes(tickformat=".0%", range=[0, 1])
    _period_axis(fig, grain)
    return fig


@_drawn_as_written
def ranking(
    frame: pd.DataFrame,
    label: str,
    slug: str,
    title: str,
    subtitle: str,
    value: str = "appearances",
    value_title: str = "Appearances",
    what: str = "",
) -> go.Figure:
    """Horizontal bars, largest on top, each bar in its entity's colour."""
    fig = themed(go.Figure(), title, subtitle, value_title, what)
    if frame.empty or frame[value].sum() == 0:
        return _empty(fig)
    rows = frame.iloc[::-1]  # Plotly draws the first category at the bottom
    fig.add_bar(
        x=rows[value],
        y=rows[label],
        orientation="h",
        marker_color=[colour_for(s) for s in rows[slug]],
        customdata=[[s] for s in rows[slug]],
        text=rows[value],
        texttemplate="%{x:,}",  # 1,234: thousands separators
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:,} " + value_title.lower() + "<extra></extra>",
    )
    fig.update_yaxes(type="category", title={"text": what})
    fig.update_xaxes(range=_room_for_labels(rows[value]))
    if value == "share":  # a ratio: read as a percentage
        fig.update_traces(texttemplate="%{x:.1%}")
        fig.update_xaxes(tickformat=".0%")
    fig.update_layout(height=max(360, 90 + 28 * len(rows)), showlegend=False)
    return fig


@_drawn_as_written
def mix(frame: pd.DataFrame, dimension: str, title: str, subtitle: str) -> go.Figure:
    """How appearances split by one outlet attribute (media type, country, language)."""
    names = [labels.dimension_value_name(dimension, v) for v in frame.get("value", [])]
    fig = themed(go.Figure(), title, subtitle, "Share of appearances", "")
    if frame.empty or frame["appearances"].sum() == 0:
        return _empty(fig)
    rows = frame.assign(name=names).iloc[::-1]
    fig.add_bar(
        x=rows["share"],
        y=rows["name"],
        orientation="h",
        marker_color=PRIMARY,
        customdata=rows[["value", "appearances"]].to_numpy(),
        text=[
            f"{s:.0%} ({int(n):,})" for s, n in zip(rows["share"], rows["appearances"], strict=True)
        ],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:.1%} (%{customdata[1]:,} appearances)<extra></extra>",
    )
    fig.update_xaxes(tickformat=".0%", range=_room_for_labels(rows["share"]))
    fig.update_yaxes(type="category")
    fig.update_layout(height=max(300, 90 + 30 * len(rows)), showlegend=False)
    return fig


@_drawn_as_written
def role_mix(frame: pd.DataFrame, title: str, subtitle: str) -> go.Figure:
    """Each expert's appearances split by role (quoted, interview, op-ed, on air, mentioned)."""
    fig = themed(go.Figure(), title, subtitle, "Appearances", "")
    if frame.empty or frame["appearances"].sum() == 0:
        return _empty(fig)
    totals = frame.groupby("expert", sort=False)["appearances"].sum().sort_values()
    for role in [r for r in labels.ROLES if r in set(frame["role"])] + sorted(
        set(frame["role"]) - set(labels.ROLES)
    ):
        rows = frame[frame["role"] == role].set_index("expert").reindex(totals.index)
        fig.add_bar(
            x=rows["appearances"].fillna(0),
            y=totals.index,
            orientation="h",
            name=labels.ROLES.get(role, role),
            marker_color=ROLE_COLOURS.get(role, OTHER),
            customdata=[[s, role] for s in rows["slug"]],
            hovertemplate="%{y}, " + labels.ROLES.get(role, role) + ": %{x:,}<extra></extra>",
        )
    fig.update_layout(
        barmode="stack", height=max(360, 110 + 28 * len(totals)), legend_traceorder="normal"
    )
    fig.update_yaxes(type="category")
    return fig


@_drawn_as_written
def entity_lines(
    frame: pd.DataFrame, grain: str, name: str, title: str, subtitle: str
) -> go.Figure:
    """One line per entity over time (experts compared, tag trends); `name` is the label column."""
    fig = themed(go.Figure(), title, subtitle, GRAIN_AXIS[grain], "Appearances")
    if frame.empty or frame["appearances"].sum() == 0:
        return _empty(fig)
    for slug, rows in frame.groupby("slug", sort=False):
        periods = _periods(rows)
        label = str(rows[name].iloc[0])
        fig.add_scatter(
            x=periods,
            y=rows["appearances"],
            name=label,
            mode="lines+markers",
            line={"color": colour_for(slug), "width": 2.5},
            marker={"size": 7},
            customdata=[[p.date().isoformat(), slug] for p in periods],
            hovertext=[f"{label}, {period_label(p.date(), grain)}" for p in periods],
            hovertemplate="%{hovertext}: %{y:,} appearances<extra></extra>",
        )
    _period_axis(fig, grain)
    return fig
