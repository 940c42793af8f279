"""Figure builders and the one theme: DataFrame in, Plotly Figure out (pure, no Streamlit).

Every builder takes the columns documented in queries/README.md, a title saying what is shown, and
a subtitle saying for which filters. Clickable marks carry `customdata` (a period's ISO date and/or
a slug) so a click can be turned back into Filters.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard import labels
from data.periods import GRAIN_AXIS, day_words, part_label, part_of, period_label, period_start

PRIMARY = "#1f4e79"  # a chart of one series
PART = "#a9bfd6"  # a bar that holds only part of its period: lighter, so it never reads as a fall
PREVIOUS = "#6b7785"  # the previous period: a dotted grey line, never a name's colour
OTHER = "#bbbbbb"  # the folded rest
NOT_SET = "#dddddd"  # "not set"
GREYS = {"__other__": OTHER, "__none__": NOT_SET}
# One colour per name of a chart, from its rank in the view (colours_by_rank): Okabe & Ito's
# colour-blind-safe set first, then Paul Tol's muted and light ones, as far apart as the order
# allows. Twenty: the longest ranking drawn (top 20 outlets) gets one colour per bar.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#332288",  # indigo
    "#44AA99",  # teal
    "#882255",  # wine
    "#999933",  # olive
    "#117733",  # green
    "#AA4499",  # purple
    "#DDCC77",  # sand
    "#CC6677",  # rose
    "#88CCEE",  # cyan
    "#F0E442",  # yellow
    "#663333",  # brown
    "#BBCC33",  # pear
    "#FFAABB",  # pink
    "#EE8866",  # light orange
)
ROLE_COLOURS = {
    "quoted": "#0072B2",
    "interview": "#E69F00",
    "op-ed": "#009E73",
    "on-air": "#CC79A7",
    "mentioned": "#999999",
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
        _fit_title(fig, SCREEN_TEXT, SCREEN_LINES)
        return fig

    return build


def colours_by_rank(ranked: Iterable[str]) -> dict[str, str]:
    """The colour of each outlet, expert or topic of a view, by its rank there (slugs, most
    appearances first): the first takes the palette's first colour, and so on. Every chart of the
    view draws a name in this colour, so a name keeps it from chart to chart; a view's page and
    its report rank the same names alike."""
    colours: dict[str, str] = {}
    for slug in ranked:
        if slug not in GREYS and slug not in colours and len(colours) < len(PALETTE):
            colours[slug] = PALETTE[len(colours)]
    return colours


def series_colours(series: Sequence[str], view: Mapping[str, str] | None = None) -> dict[str, str]:
    """A colour for each series of one chart (slugs, in the chart's order), no two alike: the
    view's colour for a name where it has one (colours_by_rank), grey for the folded rest and
    "not set", and for any other name a colour left free."""
    view = view or {}
    colours = {s: GREYS[s] for s in series if s in GREYS}
    for slug in series:
        if slug not in colours and view.get(slug) and view[slug] not in colours.values():
            colours[slug] = view[slug]
    # another name takes a colour no series of this chart has, one no name of the view has first
    free = sorted(
        (c for c in PALETTE if c not in colours.values()), key=lambda c: c in view.values()
    )
    for slug in series:
        if slug not in colours:
            # more series than colours: none of the dashboard's charts draws that many
            colours[slug] = free.pop(0) if free else PALETTE[len(colours) % len(PALETTE)]
    return colours


# A title wraps at about this many characters: the width of a chart across the page in a window
# 1024 pixels wide, of one in half a page at 1280 (on the screen, where Streamlit draws titles
# bold), or of a 1600-pixel slide image, at each one's type size.
SCREEN_TEXT = {"title": 64, "subtitle": 100}
HALF_SCREEN_TEXT = {"title": 50, "subtitle": 80}
SLIDE_TEXT = {"title": 88, "subtitle": 130}
# The pixels above the title, of a line of title and of subtitle, and below them.
SCREEN_LINES = {"pad": 14, "title": 22, "subtitle": 17, "gap": 22}
SLIDE_LINES = {"pad": 30, "title": 38, "subtitle": 26, "gap": 36}


def _wrapped(text: str | None, width: int) -> tuple[str, int]:
    """Escaped label text (with any earlier wrap undone) wrapped at word breaks into lines of
    at most `width` characters, and its number of lines."""
    if not text:
        return text or "", 0
    plain = html.unescape(text.replace("<br>", " "))
    lines = textwrap.wrap(plain, width, break_long_words=False, break_on_hyphens=False) or [""]
    return "<br>".join(_plain(line) for line in lines), len(lines)


def _fit_title(fig: go.Figure, width: Mapping[str, int], line: Mapping[str, int]) -> None:
    """Wrap the title and its subtitle, and make the top margin hold every line, so no title
    is ever cut off at the chart's edge."""
    title = fig.layout.title
    title.text, title_lines = _wrapped(title.text, width["title"])
    title.subtitle.text, subtitle_lines = _wrapped(title.subtitle.text, width["subtitle"])
    if not title_lines:
        return
    top = line["pad"] + title_lines * line["title"] + subtitle_lines * line["subtitle"]
    # Plotly anchors a title of several lines by its middle line: push it down by half of each
    # extra line, so its first line starts below the pad.
    pad = line["pad"] + (title_lines - 1) * line["title"] // 2
    fig.update_layout(
        title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": pad}},
        margin={"t": top + line["gap"]},
    )


def in_half_width(fig: go.Figure) -> go.Figure:
    """The figure's title wrapped for a chart half a page wide (one of two columns)."""
    _fit_title(fig, HALF_SCREEN_TEXT, SCREEN_LINES)
    return fig


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
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0, "title": None},
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
    slide.update_xaxes(automargin=True)  # measured again at the slide's type size
    slide.update_yaxes(automargin=True)
    slide.update_traces(textfont={"size": 18}, selector={"type": "bar"})
    slide.update_annotations(font={"size": 17})
    _fit_title(slide, SLIDE_TEXT, SLIDE_LINES)
    return slide


def empty(fig: go.Figure, text: str = "No appearances match these filters") -> go.Figure:
    """The figure with no data drawn: its axes hidden and the reason in its middle."""
    fig.add_annotation(
        text=text,
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


def _text_width(text: str, size: float) -> float:
    """About the pixels `text` takes in a sans-serif face at `size` px, erring wide: a Chinese,
    Japanese or Korean character as 1 em, capitals and m, w as 0.75, narrow letters and
    punctuation as 0.35, the rest as 0.62 (Arial's letters are 0.5 to 0.72 em; DejaVu Sans, the
    fallback where no Arial-like face is installed, is wider)."""

    def ems(c: str) -> float:
        if unicodedata.east_asian_width(c) in "WF":
            return 1.0
        if c in " .,;:'|!()[]-ifjlrtI":
            return 0.35
        return 0.75 if c.isupper() or c in "mwMW" else 0.62

    return sum(map(ems, text)) * size


NAME_ROOM = 300  # pixels at most for a bar chart's names: a longer one is shortened on the axis


def _margins_for_names(fig: go.Figure, names: Iterable[str], axis_title: str) -> None:
    """Margins that hold a horizontal bar chart's names and its value axis, worked out here
    rather than measured in the browser: Plotly's automargin lays a chart out twice, about a
    tenth of a second of the Overview's first paint (bench/results/first_chart.md). A name wider
    than NAME_ROOM is shortened with "…" on the axis, whole in the hover. A slide (for_slides)
    measures again, at its own type size."""
    size = fig.layout.font.size or 13
    names = [str(name) for name in names]
    shown = [_shortened(name, size) for name in names]
    if shown != names:  # tick values as the traces hold them: escaped (_drawn_as_written)
        fig.update_yaxes(tickmode="array", tickvals=_plain(names), ticktext=_plain(shown))
    longest = max((_text_width(name, size) for name in shown), default=0)
    left = longest + 12 + (size + 12 if axis_title else 0)
    fig.update_layout(margin={"l": round(left), "b": 3 * size + 12})
    fig.update_xaxes(automargin=False)
    fig.update_yaxes(automargin=False)


def _shortened(name: str, size: float) -> str:
    if _text_width(name, size) <= NAME_ROOM:
        return name
    while name and _text_width(name + "…", size) > NAME_ROOM:
        name = name[:-1]
    return name.rstrip() + "…"


def _room_for_labels(values: pd.Series) -> list[float]:
    """An axis range that leaves room for the numbers written after the longest bar."""
    return [0, float(values.max()) * 1.18 or 1]


def _period_axis(fig: go.Figure, grain: str) -> None:
    fig.update_xaxes(type="date", tickformat=TICK_FORMAT[grain], hoverformat=TICK_FORMAT[grain])
    if grain in ("quarter", "year"):  # Plotly's automatic ticks fall mid-quarter: "Q1, Q1, Q2"
        fig.update_xaxes(dtick="M3" if grain == "quarter" else "M12", tick0="2000-01-01")


def _periods(frame: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(frame["period"])


Span = tuple[dt.date | None, dt.date | None]


def _part_periods(
    periods: Iterable[pd.Timestamp], grain: str, span: Span | None, today: dt.date | None
) -> dict[pd.Timestamp, str]:
    """The periods of a timeline that hold only part of their days, each with its label
    ('1–3 Dec so far'): where the range cuts a period, or where today does."""
    if span is None:
        return {}
    first, last = span
    parts = {}
    for period in periods:
        days = part_of(period.date(), grain, first, last)
        if days:
            parts[period] = part_label(*days, so_far=today is not None and days[1] >= today)
    return parts


def _label_part_periods(fig: go.Figure, tops: Mapping[pd.Timestamp, float], parts) -> None:
    """Write each part period's days over its bar or point ('1–3 Dec so far')."""
    for period, text in parts.items():
        fig.add_annotation(
            x=period,
            y=tops.get(period, 0),
            text=_plain(text),
            showarrow=False,
            yanchor="bottom",
            yshift=4,
            font={"size": 11, "color": "#5d6d7e"},
        )


@_drawn_as_written
def coverage_timeline(
    frame: pd.DataFrame,
    grain: str,
    title: str,
    subtitle: str,
    previous: pd.DataFrame | None = None,
    previous_label: str = "Previous period",
    *,
    span: Span | None = None,
    today: dt.date | None = None,
) -> go.Figure:
    """Appearances per period as bars; the previous period as a line over them.

    The previous period is aligned by position: its first period sits on this one's first, and
    each of its points carries its own period, so a click lists the previous period's
    appearances. `span` is the first and last day the bars cover (None: open): a bar holding
    only part of its period is drawn lighter and labelled with its days ('1–3 Dec so far' when
    the part ends on `today`).
    """
    fig = themed(go.Figure(), title, subtitle, GRAIN_AXIS[grain], "Appearances")
    if frame.empty or frame["appearances"].sum() == 0:
        return empty(fig)
    periods = _periods(frame)
    parts = _part_periods(periods, grain, span, today)
    names = [parts.get(p) or period_label(p.date(), grain) for p in periods]
    fig.add_bar(
        x=periods,
        y=frame["appearances"],
        name="This period",
        marker_color=[PART if p in parts else PRIMARY for p in periods],
        customdata=[[p.date().isoformat()] for p in periods],
        hovertext=names,
        hovertemplate="%{hovertext}: %{y:,} appearances<extra></extra>",
    )
    if previous is not None and not previous.empty:
        count = min(len(previous), len(frame))
        earlier = _periods(previous)[:count]
        fig.add_scatter(
            x=periods[:count],
            y=previous["appearances"][:count],
            name=previous_label,
            mode="lines+markers",
            line={"color": PREVIOUS, "dash": "dot", "width": 2},
            marker={"size": 7, "color": PREVIOUS},
            customdata=[[p.date().isoformat(), PREVIOUS_MARK] for p in earlier],
            hovertext=[period_label(p.date(), grain) for p in earlier],
            hovertemplate="%{hovertext}: %{y:,} appearances (previous period)<extra></extra>",
        )
    _label_part_periods(fig, dict(zip(periods, frame["appearances"], strict=True)), parts)
    _period_axis(fig, grain)
    return fig


PREVIOUS_MARK = "previous"  # customdata[1] of a point of the previous period


@_drawn_as_written
def breakdown_timeline(
    frame: pd.DataFrame,
    grain: str,
    measure: str,
    title: str,
    subtitle: str,
    *,
    colours: Mapping[str, str] | None = None,
    span: Span | None = None,
    today: dt.date | None = None,
) -> go.Figure:
    """Stacked bars per period, one colour per series (outlet, expert, tag, ...).

    `measure` is "appearances" or "share" (the series' share of that period's appearances).
    `colours` are the view's colours of its names (colours_by_rank); a part period (see
    coverage_timeline) is drawn lighter and labelled.
    """
    y_title = "Share of the period's appearances" if measure == "share" else "Appearances"
    fig = themed(go.Figure(), title, subtitle, GRAIN_AXIS[grain], y_title)
    if frame.empty or frame["appearances"].sum() == 0:
        return empty(fig)
    order = frame.groupby("series_id", sort=False)["appearances"].sum().sort_values(ascending=False)
    palette = series_colours(list(order.index), colours)
    parts = _part_periods(_periods(frame).drop_duplicates(), grain, span, today)
    for series_id in order.index:
        rows = frame[frame["series_id"] == series_id]
        periods = _periods(rows)
        name = str(rows["series"].iloc[0])
        fig.add_bar(
            x=periods,
            y=rows[measure],
            name=name,
            marker={
                "color": palette[series_id],
                "opacity": [0.45 if p in parts else 1.0 for p in periods],
            },
            customdata=[[p.date().isoformat(), series_id] for p in periods],
            hovertext=[f"{name}, {parts.get(p) or period_label(p.date(), grain)}" for p in periods],
            hovertemplate="%{hovertext}: "
            + ("%{y:.0%}" if measure == "share" else "%{y:,} appearances")
            + "<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    tops = frame.assign(period=_periods(frame)).groupby("period")[measure].sum()
    _label_part_periods(fig, tops.to_dict(), parts)
    if measure == "share":
        fig.update_yaxes(tickformat=".0%", range=[0, 1.08 if parts else 1])  # room for a label
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
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Horizontal bars, largest on top, each bar in its name's colour in the view (`colours`,
    from colours_by_rank; without it, by rank in this ranking)."""
    fig = themed(go.Figure(), title, subtitle, value_title, what)
    if frame.empty or frame[value].sum() == 0:
        return empty(fig)
    palette = series_colours(list(frame[slug]), colours)
    rows = frame.iloc[::-1]  # Plotly draws the first category at the bottom
    fig.add_bar(
        x=rows[value],
        y=rows[label],
        orientation="h",
        marker_color=[palette[s] for s in rows[slug]],
        customdata=[[s] for s in rows[slug]],
        text=rows[value],
        texttemplate="%{x:,}",  # 1,234: thousands separators
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:,} " + value_title.lower() + "<extra></extra>",
    )
    fig.update_yaxes(type="category", title={"text": what})
    fig.update_xaxes(range=_room_for_labels(rows[value]))
    _margins_for_names(fig, rows[label], what)
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
        return empty(fig)
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
    _margins_for_names(fig, rows["name"], "")
    fig.update_layout(height=max(300, 90 + 30 * len(rows)), showlegend=False)
    return fig


@_drawn_as_written
def role_mix(frame: pd.DataFrame, title: str, subtitle: str) -> go.Figure:
    """Each expert's appearances split by role (quoted, interview, op-ed, on air, mentioned)."""
    fig = themed(go.Figure(), title, subtitle, "Appearances", "")
    if frame.empty or frame["appearances"].sum() == 0:
        return empty(fig)
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
    frame: pd.DataFrame,
    grain: str,
    name: str,
    title: str,
    subtitle: str,
    *,
    colours: Mapping[str, str] | None = None,
    span: Span | None = None,
    today: dt.date | None = None,
) -> go.Figure:
    """One line per entity over time (experts compared, tag trends); `name` is the label column.

    `colours` are the view's colours of its names (colours_by_rank); the points of a part period
    (see coverage_timeline) are drawn lighter and labelled.
    """
    fig = themed(go.Figure(), title, subtitle, GRAIN_AXIS[grain], "Appearances")
    if frame.empty or frame["appearances"].sum() == 0:
        return empty(fig)
    order = frame.groupby("slug", sort=False)["appearances"].sum().sort_values(ascending=False)
    palette = series_colours(list(order.index), colours)
    parts = _part_periods(_periods(frame).drop_duplicates(), grain, span, today)
    for slug in order.index:
        rows = frame[frame["slug"] == slug]
        periods = _periods(rows)
        label = str(rows[name].iloc[0])
        when = [parts.get(p) or period_label(p.date(), grain) for p in periods]
        fig.add_scatter(
            x=periods,
            y=rows["appearances"],
            name=label,
            mode="lines+markers",
            line={"color": palette[slug], "width": 2.5},
            marker={
                "size": 7,
                "color": palette[slug],
                "opacity": [0.35 if p in parts else 1.0 for p in periods],
            },
            customdata=[[p.date().isoformat(), slug] for p in periods],
            hovertext=[f"{label}, {w}" for w in when],
            hovertemplate="%{hovertext}: %{y:,} appearances<extra></extra>",
        )
    tops = frame.assign(period=_periods(frame)).groupby("period")["appearances"].max()
    _label_part_periods(fig, tops.to_dict(), parts)
    _period_axis(fig, grain)
    return fig


KEY_DATE = "#6c3483"  # key dates: apart from every series colour and from the grey of Other
KEY_DATE_MARK = "key date"  # the name of a key date's line and label (pptx_charts reads them)


def key_date_marks(fig: go.Figure, key_dates, grain: str) -> go.Figure:
    """A copy of a timeline with each key date ((day, label) pairs) in its periods as a dashed
    vertical line at its period, labelled with its day and label; the key dates of one period
    share one line. A figure without periods (nothing matched) is returned as it is."""
    starts = [pd.Timestamp(x).date() for trace in fig.data if trace.x is not None for x in trace.x]
    if not starts:
        return fig
    first, last = min(starts), max(starts)
    in_period: dict = {}
    for day, label in sorted(key_dates):
        start = period_start(day, grain)
        if first <= start <= last:
            in_period.setdefault(start, []).append(f"{day_words(day)}: {label}")
    marked = go.Figure(fig)
    for index, (start, texts) in enumerate(sorted(in_period.items())):
        marked.add_shape(
            type="line",
            name=KEY_DATE_MARK,
            x0=start,
            x1=start,
            y0=0,
            y1=1,
            yref="paper",
            line={"color": KEY_DATE, "width": 1.5, "dash": "dash"},
            layer="above",
        )
        marked.add_annotation(
            name=KEY_DATE_MARK,
            x=start,
            y=1,
            yref="paper",
            xanchor="left",
            yanchor="top",
            xshift=3,
            yshift=-16 * (index % 3),  # three near key dates stack rather than overlap
            text=_plain(" · ".join(texts)),
            showarrow=False,
            font={"size": 11, "color": KEY_DATE},
            bgcolor="rgba(255, 255, 255, 0.85)",
        )
    return marked
