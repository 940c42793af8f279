"""What the coverage report says: numbers from the query layer, charts from the same builders.

`gather(con, filters, ...)` reads everything once and returns a `Report`; pptx.py and
pdf.py only lay it out, so the slides and the PDF always hold the same numbers.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, replace

import duckdb
import numpy as np
import pandas as pd
import plotly.graph_objects as go

import queries
from dashboard import charts, downloads, labels
from dashboard.change import comparison, describe_change
from dashboard.headline import headline_sentences, potential_reach, reach_method
from dashboard.labels import plural
from data import periods
from data.key_dates import list_key_dates
from queries.dimensions import DIMENSIONS
from queries.filters import Filters

TOP_N = 10
NOTABLE_N = 8
MAX_TABLE_PERIODS = 16  # a timeline shown as a table must fit on one slide
# Charts are drawn at this layout size and twice the pixels: text stays readable on a slide.
IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_SCALE = 1150, 500, 2


@dataclass(frozen=True)
class Kpi:
    label: str
    value: int
    previous: int | None  # None: the view has no full date range to compare with

    def change(self) -> str:
        """'+12 (+25%) vs previous period', 'new: none in the previous period' (the cards' words,
        dashboard/change.py); '' without a comparison."""
        return describe_change(self.value, self.previous).against_previous

    def direction(self) -> int:
        return describe_change(self.value, self.previous).direction


@dataclass(frozen=True)
class Chart:
    title: str  # the slide title
    subtitle: str  # what the chart shows, in words
    figure: go.Figure
    table: pd.DataFrame  # the same numbers, shown where no image can be drawn
    image: bytes | None = None  # PNG of the figure; None when images are unavailable
    reading_hint: str = ""  # how to read the image (not said under a table)
    grain: str | None = None  # a timeline's period size: the key dates are drawn on it

    def description(self) -> str:
        return (
            f"{self.subtitle}; {self.reading_hint}"
            if self.image and self.reading_hint
            else self.subtitle
        )


@dataclass(frozen=True)
class Report:
    organisation: str
    period: str
    filters_text: str  # every narrowing filter in words; "" for none
    generated_on: dt.date
    data_through: dt.date | None
    is_demo: bool
    kpis: list[Kpi]
    comparison: str  # which period the changes are against, or why there are none
    headline: list[str]  # a few sentences under the KPIs
    charts: list[Chart]
    notable: pd.DataFrame  # published, outlet, title, experts, url
    notable_rule: str
    method: list[str]
    images_note: str  # non-empty: charts are shown as tables, and why
    kind: str = "Media coverage report"  # what the report is, on its title page and footers

    def footer_view(self, room: int = 60) -> str:
        """The period and, where they fit, the filters: a slide copied elsewhere keeps its view."""
        view = f"{self.period}  ·  {self.filters_text}" if self.filters_text else self.period
        return view if len(view) <= room else view[: room - 1].rstrip() + "…"


def gather(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    organisation: str,
    *,
    images: bool | None = None,
    today: dt.date | None = None,
    key_dates: bool = True,
) -> Report:
    """Everything the report shows for this view.

    images=None draws the charts where a browser can, else shows tables; False always tables.
    key_dates=False leaves the key dates off the timeline.
    """
    today = today or dt.date.today()
    bounds = _first_row(queries.run(con, "data_bounds"))
    now = _first_row(queries.run(con, "kpis", filters))
    compared = comparison(filters, _as_date(bounds.get("first_date")))
    previous_filters = compared.previous
    before = _first_row(queries.run(con, "kpis", previous_filters)) if previous_filters else None

    kpis = [
        Kpi(label, int(now[key] or 0), None if before is None else int(before[key] or 0))
        for key, label in (
            ("appearances", "Appearances"),
            ("outlets", "Outlets"),
            ("experts", "Experts quoted"),
            ("tags", "Topics"),
        )
    ]

    top_outlets = queries.run(con, "top_outlets", filters, limit=TOP_N)
    top_experts = queries.run(con, "top_experts", filters, limit=TOP_N)
    top_tags = queries.run(con, "top_tags", filters, limit=TOP_N)
    chart_list = [
        _coverage_chart(con, filters, previous_filters, bounds, today),
        _outlets_chart(top_outlets),
        *_expert_charts(con, filters, top_experts),
        _topics_chart(top_tags),
    ]
    if key_dates:
        chart_list = _with_key_dates(con, filters, chart_list)
    if images is False:
        images_note = _no_images_note("chart images were turned off for it")
    else:  # drawn where a browser can, else tables with the reason
        chart_list, images_note = _with_images(chart_list)

    notable, notable_rule = _notable(con, filters, top_outlets)
    return Report(
        organisation=organisation,
        period=_period_words(filters, now),
        filters_text=_filters_in_words(con, filters),
        generated_on=today,
        data_through=_as_date(bounds.get("data_through")),
        is_demo=(bounds.get("demo_appearances") or 0) > 0,
        kpis=kpis,
        comparison=compared.note,
        charts=chart_list,
        notable=notable,
        notable_rule=notable_rule,
        method=_method(filters, now, bounds),
        images_note=images_note,
        headline=_headline(kpis, top_outlets, top_experts, top_tags, headline_sentences(now)),
    )


# ---------- charts


def _coverage_chart(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    previous_filters: Filters | None,
    bounds: dict,
    today: dt.date,
) -> Chart:
    first, last = _as_date(bounds.get("first_date")), _as_date(bounds.get("data_through"))
    grain = periods.default_grain(filters.date_from, filters.date_to, first, last)  # as the page

    def timeline(chosen: Filters, grain: str) -> pd.DataFrame:
        return queries.run(
            con,
            "coverage_by_period",
            chosen,
            grain=grain,
            date_from=chosen.date_from,
            date_to=chosen.date_to,
        )

    frame = timeline(filters, grain)
    previous = timeline(previous_filters, grain) if previous_filters else None
    figure = charts.coverage_timeline(
        frame,
        grain,
        "Coverage over time",
        "",
        previous,
        "Previous period",
        span=periods.covered(filters.date_from, filters.date_to, today),
        today=today,
    )
    subtitle = f"Appearances per {grain}, {filters.describe_period()}"
    hint = "dotted line: the previous period" if previous is not None else ""

    table_grain = periods.default_grain(  # the finest that fits in a table on one slide
        filters.date_from, filters.date_to, first, last, most=MAX_TABLE_PERIODS, finest=grain
    )
    if table_grain != grain:
        frame = timeline(filters, table_grain)
        previous = timeline(previous_filters, table_grain) if previous_filters else None
    table = pd.DataFrame(
        {
            periods.GRAIN_AXIS[table_grain]: [
                periods.period_label(labels.as_date(p), table_grain) for p in frame["period"]
            ],
            "Appearances": frame["appearances"].astype(int),
        }
    )
    if previous is not None:
        count = min(len(previous), len(table))
        earlier = list(previous["appearances"].astype(int)[:count]) + [None] * (len(table) - count)
        table["Previous period"] = earlier
    return Chart("Coverage over time", subtitle, figure, table, None, hint, grain)


KEY_DATES_LISTED = 4  # periods named in a timeline's subtitle; the chart marks every one


def _with_key_dates(
    con: duckdb.DuckDBPyConnection, filters: Filters, chart_list: list[Chart]
) -> list[Chart]:
    """The timelines with the key dates of the period marked on them and named under them."""
    within = list_key_dates(con.cursor(), filters.date_from, filters.date_to)
    marks = [(k.day, k.label) for k in within]
    marked = []
    for chart in chart_list:
        before = len(chart.figure.layout.annotations)
        figure = charts.key_date_marks(chart.figure, marks, chart.grain) if chart.grain else None
        if figure is None or len(figure.layout.annotations) == before:
            marked.append(chart)
            continue
        drawn = [html.unescape(a.text) for a in figure.layout.annotations[before:]]
        named = "; ".join(drawn[:KEY_DATES_LISTED])
        if len(drawn) > KEY_DATES_LISTED:
            named += f" and {len(drawn) - KEY_DATES_LISTED:,} more"
        hint = "; ".join(h for h in (chart.reading_hint, "dashed lines: key dates") if h)
        subtitle = f"{chart.subtitle}. Key dates: {named}"
        marked.append(replace(chart, figure=figure, subtitle=subtitle, reading_hint=hint))
    return marked


def _outlets_chart(top: pd.DataFrame) -> Chart:
    media = [labels.media_type_name(m) for m in top["media_type"]]
    named = top.assign(label=[f"{o} ({m})" for o, m in zip(top["outlet"], media, strict=True)])
    total = int(top["total_outlets"].iloc[0]) if len(top) else 0
    figure = charts.ranking(named, "label", "slug", "Top outlets", "", what="")
    table = pd.DataFrame(
        {
            "Outlet": top["outlet"],
            "Media type": media,
            "Appearances": top["appearances"].astype(int),
            "Share": [_percent(s) for s in top["share"]],
        }
    )
    subtitle = f"{_how_many(len(top), total, 'outlet')} by appearances, media type in brackets"
    return Chart("Top outlets", subtitle, figure, table)


def _expert_charts(
    con: duckdb.DuckDBPyConnection, filters: Filters, top: pd.DataFrame
) -> list[Chart]:
    total = int(top["total_experts"].iloc[0]) if len(top) else 0
    shares = [_percent(s) for s in top["share"]]
    named = top.assign(label=[f"{e} · {s}" for e, s in zip(top["expert"], shares, strict=True)])
    voice = Chart(
        "Experts' share of voice",
        f"{_how_many(len(top), total, 'expert')} by appearances; the share is of all experts' "
        "appearances (an appearance with two experts counts for both)",
        charts.ranking(named, "label", "slug", "Share of voice", ""),
        pd.DataFrame(
            {
                "Expert": top["expert"],
                "Appearances": top["appearances"].astype(int),
                "Share of voice": shares,
                "Outlets": top["outlets"].astype(int),
            }
        ),
    )
    roles = queries.run(con, "expert_role_mix", filters)
    roles = roles[roles["slug"].isin(top["slug"])]
    role_table = top[["expert", *labels.ROLES]].astype({role: int for role in labels.ROLES})
    role_table = role_table.rename(columns={"expert": "Expert", **labels.ROLES})
    role_mix = Chart(
        "How the experts appear",
        "Appearances of the same experts by role: "
        + ", ".join(name.lower() for name in labels.ROLES.values()),
        charts.role_mix(roles, "Role mix", ""),
        role_table,
    )
    return [voice, role_mix]


def _topics_chart(top: pd.DataFrame) -> Chart:
    shares = [_percent(s) for s in top["share"]]
    named = top.assign(label=[f"{t} · {s}" for t, s in zip(top["tag"], shares, strict=True)])
    return Chart(
        "Top topics",
        (
            f"The {plural(len(top), 'topic')} with the most appearances"
            if len(top) != 1
            else "The one topic"
        )
        + "; an appearance can carry several",
        charts.ranking(named, "label", "slug", "Top topics", ""),
        pd.DataFrame(
            {"Topic": top["tag"], "Appearances": top["appearances"].astype(int), "Share": shares}
        ),
    )


def _with_images(chart_list: list[Chart]) -> tuple[list[Chart], str]:
    drawn = []
    for chart in chart_list:
        # The slide carries the title as editable text; a white ground matches the page.
        figure = go.Figure(chart.figure).update_layout(
            title=None,
            margin={"t": 20},
            width=None,
            height=None,
            paper_bgcolor="white",
            plot_bgcolor="white",
        )
        try:
            image = downloads.figure_bytes(
                figure, "png", width=IMAGE_WIDTH, height=IMAGE_HEIGHT, scale=IMAGE_SCALE
            )
        except downloads.ImageExportUnavailable as exc:
            plain = [replace(c, image=None) for c in chart_list]
            return plain, _no_images_note(str(exc))
        drawn.append(replace(chart, image=image))
    return drawn, ""


def _no_images_note(reason: str) -> str:
    return (
        f"Charts are shown as tables in this report: {reason}. The numbers are the same as "
        "the dashboard's charts."
    )


# ---------- notable appearances


def _notable(
    con: duckdb.DuckDBPyConnection, filters: Filters, top_outlets: pd.DataFrame
) -> tuple[pd.DataFrame, str]:
    """The latest dated appearance in each of the top outlets, newest first."""
    latest = queries.run(con, "article_list", filters, sort="date", descending=True, limit=2000)
    latest = latest[latest["published"].notna()]
    top = top_outlets["slug"].head(NOTABLE_N).tolist()
    chosen = latest[latest["outlet_slug"].isin(top)]
    chosen = chosen.drop_duplicates("outlet_slug")  # sorted newest first: each one's latest
    if len(chosen) == len(top):
        rule = f"The latest dated appearance in each of the period's top {len(top)} outlets"
    else:  # an outlet whose appearances are all undated (or older than the latest 2,000)
        rule = (
            f"The latest dated appearance in {len(chosen)} of the period's top {len(top)} outlets"
        )
    if len(chosen) < NOTABLE_N:  # few outlets: the latest others complete the list
        others = latest[~latest["article_id"].isin(chosen["article_id"])]
        filler = others.head(NOTABLE_N - len(chosen))
        if len(filler):
            rule += ", then the latest other appearances"
        chosen = pd.concat([chosen, filler])
    rule += "; newest first."
    chosen = chosen.sort_values("published", ascending=False, kind="stable")
    table = pd.DataFrame(
        {
            "published": [_as_date(d) for d in chosen["published"]],
            "outlet": chosen["outlet"].tolist(),
            "title": [t if isinstance(t, str) and t else "(no title)" for t in chosen["title"]],
            "experts": [_names(e) for e in chosen["experts"]],
            "url": [u if isinstance(u, str) else "" for u in chosen["url"]],
        }
    )
    return table, rule


def _names(value: object) -> str:
    if isinstance(value, str):
        return value
    if value is None or (not hasattr(value, "__len__") and pd.isna(value)):
        return ""
    return ", ".join(str(v) for v in value)


# ---------- words


def _period_words(filters: Filters, now: dict) -> str:
    if filters.date_from or filters.date_to:
        return filters.describe_period()
    first, last = _as_date(now.get("first_date")), _as_date(now.get("data_through"))
    if first and last:
        return f"All time ({periods.describe_period(first, last)})"
    return "All time"


def filter_names(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Per Filters field, {slug or code: display name} of every value the store holds."""
    names: dict[str, dict[str, str]] = {}
    for row in queries.run(con, "dimension_values").itertuples(index=False):
        names.setdefault(row.dimension, {})[row.value] = row.label
    return names


def _filters_in_words(con: duckdb.DuckDBPyConnection, filters: Filters) -> str:
    # only dimensions named by a table (slugs) need the store's names; codes name themselves
    named = any(getattr(filters, d.field) for d in DIMENSIONS if not d.coded)
    summary = labels.filter_summary(filters, filter_names(con) if named else {})
    return " · ".join(summary.split(" · ")[1:])  # the period comes first and is shown apart


def _headline(
    kpis: list[Kpi],
    top_outlets: pd.DataFrame,
    top_experts: pd.DataFrame,
    top_tags: pd.DataFrame,
    more: list[str],
) -> list[str]:
    """A few sentences that read right under any filter: singulars, and no share a filter makes
    trivially whole ("all 38 appearances", not "38 appearances (100% of all)")."""
    appearances = kpis[0].value
    lines = [
        f"{plural(appearances, 'appearance')} in {plural(kpis[1].value, 'outlet')}, "
        f"featuring {plural(kpis[2].value, 'expert')}."
    ]
    if len(top_outlets):
        lead = top_outlets.iloc[0]
        count = int(lead["appearances"])
        if count >= appearances:
            lines.append(f"{lead['outlet']} carried {_all(count)}.")
        else:
            lines.append(
                f"{lead['outlet']} carried the most: {plural(count, 'appearance')} "
                f"({_percent(count / appearances)} of all)."
            )
    lines += more  # the tier-1 share and the potential reach, where the view has them
    if len(top_experts):
        lead = top_experts.iloc[0]
        count = int(lead["appearances"])
        if len(top_experts) == 1:
            lines.append(f"{lead['expert']} was the only expert quoted: {_all(count)}.")
        else:
            lines.append(
                f"{lead['expert']} was the most present expert: {plural(count, 'appearance')} "
                f"({_percent(lead['share'])} share of voice)."
            )
    if len(top_tags):
        lead = top_tags.iloc[0]
        count = int(lead["appearances"])
        if count >= appearances:  # a share of topic mentions would read as less than all
            lines.append(f"Every appearance was on {lead['tag']}.")
        else:
            lines.append(
                f"The leading topic was {lead['tag']}: {plural(count, 'appearance')} "
                f"({_percent(count / appearances)} of all)."
            )
    return lines


def _all(count: int) -> str:
    return "the one appearance" if count == 1 else f"all {count:,} appearances"


def _method(filters: Filters, now: dict, bounds: dict) -> list[str]:
    through = _as_date(bounds.get("data_through"))
    undated = int(now.get("undated") or 0)
    lines = [
        "What is counted: media appearances of the organisation and its experts (quotes, "
        "interviews, op-eds, broadcasts, mentions). These are outputs, not outcomes or impact.",
        "Duplicates count once: the same appearance listed twice (English and French lists, a "
        "syndicated copy) is recognised by its normalised web address, else by outlet, date and "
        "normalised title.",
        "No advertising value equivalent (AVE) is given: it does not measure the value of "
        "communication (Barcelona Principles).",
        "Shares are ratios of sums over the whole period. The organisation's own events and "
        "videos are not counted as coverage.",
    ]
    if potential_reach(now) is not None:
        lines.append(f"Potential reach: {reach_method(now)}")
    if through:
        lines.append(f"Data through {through:%-d %B %Y}: later appearances are not in the store.")
    if filters.date_from or filters.date_to:
        lines.append(
            f"Undated appearances: {plural(undated, 'appearance')} matching these filters "
            f"{'has' if undated == 1 else 'have'} no date, so no date range can contain "
            f"{'it' if undated == 1 else 'them'}; not in this report's numbers."
        )
    else:
        lines.append(
            f"Undated appearances: {undated:,} of the appearances counted here "
            f"{'has' if undated == 1 else 'have'} no date; in the totals and rankings, never on "
            "the timeline."
        )
    return lines


# ---------- tables, for both renderers

_PERCENT = re.compile(r"\d+%")


def cell_text(value: object) -> str:
    """A table cell as shown: thousands separators, a dash for nothing."""
    if value is None or _missing(value):
        return "–"
    if isinstance(value, int | float | np.number) and not isinstance(value, bool):
        return f"{value:,.0f}"
    return str(value)


def is_numeric_column(frame: pd.DataFrame, column: str) -> bool:
    """Counts and percentages: aligned right."""
    values = frame[column]
    if pd.api.types.is_numeric_dtype(values):
        return True
    return bool(len(values)) and all(
        isinstance(v, str) and _PERCENT.fullmatch(v) for v in values if not _missing(v)
    )


def column_weights(frame: pd.DataFrame) -> list[float]:
    """Relative column widths from the longest text in each column (header included)."""
    weights = []
    for column in frame.columns:
        longest = max([len(str(column)), *(len(cell_text(v)) for v in frame[column])])
        weights.append(float(min(max(longest, 8), 45)))
    return weights


# ---------- small helpers


def _first_row(frame: pd.DataFrame) -> dict:
    if frame.empty:
        return {}
    return {k: (None if _missing(v) else v) for k, v in frame.iloc[0].items()}


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_date(value: object) -> dt.date | None:
    if value is None or _missing(value):
        return None
    return pd.Timestamp(value).date()


def _how_many(shown: int, total: int, noun: str) -> str:
    """'Top 10 of 257 outlets', 'All 3 outlets' when the list is complete, 'The one outlet'."""
    if shown == total:
        return f"The one {noun}" if total == 1 else f"All {total:,} {noun}s"
    return f"Top {shown} of {total:,} {noun}s"


def _percent(share: object) -> str:
    return "" if _missing(share) else f"{float(share):.0%}"
