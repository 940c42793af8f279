"""Building blocks every page uses: a chart with its downloads, its query and its drill-down,
and the table of appearances.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import queries
from dashboard import charts, downloads, labels, sidebar, world_map
from dashboard.state import View
from data import periods
from queries.dimensions import BY_FIELD
from queries.filters import Filters

DRILL_ROWS = 100
ARTICLES_PAGE = "views/articles.py"

# A click on a mark -> the Filters of the appearances behind it, and words for what was clicked.
Drill = Callable[[dict], tuple[Filters, str] | None]


def page_header(view: View, title: str) -> None:
    """The page title, then what every page must say: demo data, and a link's dropped values."""
    st.title(title)
    if (view.bounds.get("demo_appearances") or 0) > 0:
        st.info(
            "**Demo data.** This dashboard shows a generated demonstration data set, not real "
            "coverage." + (f" {IMPORT_HINT}" if view.can_edit else ""),
            icon=":material/science:",
        )
    sidebar.show_notices()


# Where an editor brings in real coverage (viewers are not told of a page they cannot open).
IMPORT_HINT = (
    'To show your organisation\'s own coverage, import its "in the media" pages or clipping '
    "spreadsheets on the **Import data** page (under Editors), where the demo data can be removed."
)


def subtitle(view: View, filters: Filters | None = None) -> str:
    return labels.filter_summary(filters or view.filters, view.names)


def no_appearances(view: View) -> bool:
    """Say so, clearly, when the filters match nothing (the page then stops drawing)."""
    if not view.bounds.get("appearances"):
        st.info(
            "The database holds no appearances yet."
            + (f" {IMPORT_HINT}" if view.can_edit else " An editor can import it.")
        )
        return True
    if view.run("article_count")["total"].iloc[0] == 0:
        st.info(
            "No appearances match these filters. Widen the period or remove a filter in the "
            "sidebar (or press Reset filters)."
        )
        return True
    return False


def ranking_panel(
    view: View,
    query: queries.Query,
    field: str,
    title: str,
    *,
    what: str,
    key: str,
    filters: Filters | None = None,
    half: bool = False,
    **ranking: object,
) -> pd.DataFrame:
    """A ranking of outlets, experts or topics (`field`, a Filters field) from `query`, drawn in a
    chart_panel whose bars drill down to their appearances; returns the query's rows.

    `title` may hold `{shown}` and `{total}` (the ranking's full length, from its total_<field>
    column where it has one), replaced as plain text (a name in a title may hold braces);
    `filters`, when the chart is of narrower filters than the view's,
    is what its subtitle names and its drill-down narrows; `half`, when it is one of two columns,
    wraps its title narrower.
    """
    rows = view.result(query)
    total_column = f"total_{field}"
    total = int(rows[total_column].iloc[0]) if total_column in rows and len(rows) else len(rows)
    shown = view if filters is None else replace(view, filters=filters)
    fig = charts.ranking(
        rows,
        BY_FIELD[field].code,
        "slug",
        title.replace("{shown}", f"{len(rows):,}").replace("{total}", f"{total:,}"),
        subtitle(shown),
        colours=view_colours(view, field),
        **ranking,
    )
    if half:
        charts.in_half_width(fig)
    chart_panel(view, fig, rows, what=what, query=query, key=key, drill=slug_drill(shown, field))
    return rows


RANKED = {"outlets": "top_outlets", "experts": "top_experts", "tags": "top_tags"}


def view_colours(view: View, field: str) -> dict[str, str]:
    """The colour of each outlet, expert or topic (a Filters field) in every chart of the view:
    by its rank among the view's appearances (charts.colours_by_rank), whichever chart or page
    draws it, and whatever narrower filters that chart has."""
    if field not in RANKED:
        return {}
    ranked = view.run(RANKED[field], limit=len(charts.PALETTE))
    return charts.colours_by_rank(ranked["slug"])


def span(view: View, filters: Filters | None = None) -> tuple:
    """The days a timeline of the view covers (data/periods.py: covered): its part periods are
    drawn lighter."""
    shown = filters or view.filters
    return periods.covered(shown.date_from, shown.date_to, view.today)


def ranked_choices(view: View, field: str, ranked: pd.DataFrame) -> list[str]:
    """Every outlet, expert or topic of the store (slugs): the ranking's first, then the rest by
    name."""
    names = view.names.get(field, {})
    return list(ranked["slug"]) + sorted(set(names) - set(ranked["slug"]), key=names.get)


def one_of(view: View, field: str, ranked: pd.DataFrame, *, param: str, key: str) -> str | None:
    """A choice of one outlet, expert or topic (ranked_choices), kept in the link as `param`."""
    names = view.names.get(field, {})
    choices = ranked_choices(view, field, ranked)
    return remembered(
        st.selectbox,
        BY_FIELD[field].singular,
        choices,
        param=param,
        default=choices[0] if choices else None,
        key=key,
        format_func=lambda s: names.get(s, s),
    )


def chart_panel(
    view: View,
    fig: go.Figure,
    data: pd.DataFrame,
    *,
    what: str,
    query: queries.Query,
    key: str,
    drill: Drill | None = None,
    grain: str | None = None,
) -> None:
    """A chart, a Download menu (image, HTML, its own numbers), its SQL, and its drill-down.

    `what` names the file (e.g. "coverage-by-month"); the period and filters are added to it.
    `query` is the one the numbers come from: its SQL is shown as it ran, with its parameters.
    `data` is the chart's numbers, downloaded as a reader reads them (labels.readable), with
    its periods named for `grain`.
    """
    if grain:  # a timeline: the view's key dates on it, in its downloads too
        fig = charts.key_date_marks(fig, view.key_dates, grain)
    stem = downloads.file_name(what, view.filters, "png").rsplit(".", 1)[0]
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "width": 1600, "height": 900, "filename": stem},
        "topojsonURL": world_map.TOPOJSON_URL,  # a map's base map, from this server
    }
    event = st.plotly_chart(
        fig,
        key=key,
        on_select="rerun" if drill else "ignore",
        selection_mode="points",
        config=config,
        width="stretch",
    )
    with st.container(horizontal=True, vertical_alignment="center"):
        _download_menu(fig, lambda: labels.readable(data, grain), what, view.filters, key)
        _query_box(query, key)
    if drill is None:
        return
    points = event.get("selection", {}).get("points", []) if event else []
    if not points:
        st.caption("Click a bar or point to list the appearances behind it.")
        return
    chosen = drill(points[0])
    if chosen:
        show_drill(view, *chosen, key=key)


def _query_box(query: queries.Query, key: str) -> None:
    """The SQL behind a chart as it ran. Drawn only once opened: the page's first chart waits
    for no code highlighter it does not show."""
    box = st.expander("The query behind this chart", key=f"{key}-query", on_change="rerun")
    if not box.open:
        return
    with box:
        sql, bound = query.render()
        st.code(sql, language="sql")
        if bound:
            st.caption("The values DuckDB binds to its parameters:")
            st.code(queries.parameter_lines(bound), language="sql")
        st.caption(_query_note(query, sql))


def _download_menu(
    fig: go.Figure, numbers: Callable[[], pd.DataFrame], what: str, filters: Filters, key: str
):
    """The chart's downloads; each file is made when it is asked for, not on every page run."""
    with st.popover("Download", icon=":material/download:"):
        available, reason = downloads.image_export_available()
        if available:
            for fmt, label in (("png", "PNG image (1600×900)"), ("svg", "SVG image")):
                st.download_button(
                    label,
                    data=lambda fmt=fmt: downloads.figure_bytes(charts.for_slides(fig), fmt),
                    file_name=downloads.file_name(what, filters, fmt),
                    mime="image/png" if fmt == "png" else "image/svg+xml",
                    on_click="ignore",
                    key=f"{key}-{fmt}",
                )
        else:
            st.caption(
                f"Image files are not available: {reason}. The camera button at the top right "
                "of the chart saves it as a PNG."
            )
        st.download_button(
            "Interactive chart (HTML)",
            data=lambda: downloads.figure_bytes(fig, "html"),
            file_name=downloads.file_name(what, filters, "html"),
            mime="text/html",
            on_click="ignore",
            key=f"{key}-html",
        )
        st.download_button(
            "The chart's numbers (CSV)",
            data=lambda: downloads.csv_bytes(numbers()),
            file_name=downloads.file_name(what, filters, "csv"),
            mime="text/csv",
            on_click="ignore",
            key=f"{key}-csv",
        )
        st.download_button(
            "The chart's numbers (Excel)",
            data=lambda: downloads.xlsx_bytes(numbers(), what[:31]),
            file_name=downloads.file_name(what, filters, "xlsx"),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            on_click="ignore",
            key=f"{key}-xlsx",
        )


# ---------- drill-down


def coverage_timeline(
    view: View,
    grain: str,
    previous: Filters | None,
    key: str,
    *,
    title: str | None = None,
    what: str | None = None,
) -> None:
    """Appearances per period of the view, with the previous period as a dotted line when one is
    given. One outlet's or expert's timeline is the view narrowed to it, with its own title."""
    timeline_query = view.query(
        "coverage_by_period",
        grain=grain,
        date_from=view.filters.date_from,
        date_to=view.filters.date_to,
    )
    timeline = view.result(timeline_query)
    earlier = None
    if previous:
        earlier = view.run(
            "coverage_by_period",
            previous,
            grain=grain,
            date_from=previous.date_from,
            date_to=previous.date_to,
        )
    fig = charts.coverage_timeline(
        timeline,
        grain,
        title or f"Appearances per {grain}",
        subtitle(view),
        previous=earlier,
        previous_label=f"Previous period ({previous.describe_period()})" if previous else "",
        span=span(view),
        today=view.today,
    )
    chart_panel(
        view,
        fig,
        labels.with_previous(timeline, earlier),
        what=what or f"coverage-by-{grain}",
        query=timeline_query,
        key=key,
        drill=period_drill(view, grain, previous),
        grain=grain,
    )
    timeline_note(view, grain)


def period_drill(view: View, grain: str, previous: Filters | None = None) -> Drill:
    """A click on a period of a timeline: that period, within the current filters; on a point
    of the previous period's line, that earlier period, within the previous period."""

    def narrow(point: dict) -> tuple[Filters, str] | None:
        start = _clicked_period(point)
        if start is None:
            return None
        end = periods.period_end(start, grain)
        data = point.get("customdata") or []
        if previous is not None and len(data) > 1 and data[1] == charts.PREVIOUS_MARK:
            filters = _within(previous, start, end)
            return filters, f"{periods.period_label(start, grain)} (previous period)"
        filters = _within(view.filters, start, end)
        return filters, periods.period_label(start, grain)

    return narrow


def slug_drill(view: View, field: str, position: int = 0, period_grain: str | None = None) -> Drill:
    """A click on an outlet, expert or tag (its slug at customdata[position]), optionally in one
    period (customdata[0]) of a timeline."""

    def narrow(point: dict) -> tuple[Filters, str] | None:
        data = point.get("customdata") or []
        if len(data) <= position:
            return None
        slug = data[position]
        filters = replace(view.filters, **{field: (slug,)})
        what = view.names.get(field, {}).get(slug, slug)
        if period_grain:
            start = _clicked_period(point)
            if start is None:
                return None
            filters = _within(filters, start, periods.period_end(start, period_grain))
            what = f"{what}, {periods.period_label(start, period_grain)}"
        return filters, what

    return narrow


def _clicked_period(point: dict) -> object:
    data = point.get("customdata") or [point.get("x")]
    try:
        return labels.as_date(data[0])
    except (TypeError, ValueError):
        return None


def _within(filters: Filters, start, end) -> Filters:
    """The clicked period, kept inside the filtered range (a period can overhang its ends)."""
    if filters.date_from and filters.date_from > start:
        start = filters.date_from
    if filters.date_to and filters.date_to < end:
        end = filters.date_to
    return replace(filters, date_from=start, date_to=end)


def show_drill(view: View, filters: Filters, what: str, key: str) -> None:
    total = int(view.run("article_count", filters)["total"].iloc[0])
    shown = labels.as_markdown_text(what)
    st.markdown(f"**{shown}: {total:,} appearance{'s' if total != 1 else ''}**")
    if total == 0:
        return
    rows = view.run(
        "article_list", filters, sort="date", descending=True, limit=DRILL_ROWS, offset=0
    )
    article_table(rows, key=f"{key}-drill")
    if total > DRILL_ROWS:
        st.caption(f"The {DRILL_ROWS} most recent of {total:,}.")
    if st.button("Open these appearances on the Articles page", key=f"{key}-open"):
        sidebar.adopt_url_on_next_run()
        st.switch_page(ARTICLES_PAGE, query_params=sidebar.url_params(filters, False))


# ---------- the table of appearances


def safe_links(urls: pd.Series) -> pd.Series:
    """Only http(s) links become clickable; anything else (javascript:, file:) is dropped."""
    text = urls.astype("string")
    ok = text.str.match(r"(?i)^https?://", na=False)
    return text.where(ok, None)


ROW_HEIGHT = 35  # px, one line
# st.dataframe wraps text only in rows taller than 64 px: three lines, where a cell needs them
WRAPPED_ROW_HEIGHT = 66
CHAR_WIDTH = 7.5  # px, about, of the table's type
# Widths that fit the main column of a 1440 px window beside the sidebar (about 980 px)
TABLE_WIDTHS = {"Date": 95, "Outlet": 130, "Title": 290, "Link": 60, "Experts": 180}
TABLE_WIDTHS |= {"Topics": 140, "Language": 75}


def article_table(rows: pd.DataFrame, key: str, all_rows: bool = False) -> None:
    """The appearances with a link to each source; all_rows shows every row without scrolling."""
    shown = pd.DataFrame(
        {
            "Date": pd.to_datetime(rows["published"]).dt.date,
            "Outlet": rows["outlet"],
            "Title": rows["title"].fillna("(no title)"),
            "Link": safe_links(rows["url"]),
            "Experts": rows["experts"].fillna(""),
            "Topics": rows["tags"].fillna(""),
            "Language": rows["language"].map(labels.language_name),
        }
    )
    text = {
        name: st.column_config.TextColumn(name, width=width)
        for name, width in TABLE_WIDTHS.items()
        if name not in ("Date", "Link")
    }
    cut = any(
        shown[name].astype("string").str.len().fillna(0).max() * CHAR_WIDTH > TABLE_WIDTHS[name]
        for name in ("Title", "Experts", "Topics")
        if len(shown)
    )
    row_height = WRAPPED_ROW_HEIGHT if cut else ROW_HEIGHT
    st.dataframe(
        shown,
        key=key,
        hide_index=True,
        width="stretch",
        row_height=row_height,
        height=ROW_HEIGHT + row_height * len(shown) + 3 if all_rows else "auto",
        placeholder="",  # a missing link or date shows nothing, not "None"
        column_config={
            **text,
            "Date": st.column_config.DateColumn(
                "Date", format="D MMM YYYY", help="Empty = undated", width=TABLE_WIDTHS["Date"]
            ),
            "Link": st.column_config.LinkColumn(
                "Link",
                display_text="Open ↗",
                help="The appearance at its source; empty when the source gives no link",
                width=TABLE_WIDTHS["Link"],
            ),
        },
    )


def counts_config(*columns: str) -> dict:
    """st.dataframe's column_config showing these counts with thousands separators (19,561),
    in the reader's own way of writing them."""
    return {c: st.column_config.NumberColumn(c, format="localized") for c in columns}


# ---------- page controls


def timeline_note(view: View, grain: str, filters: Filters | None = None) -> None:
    shown = filters or view.filters
    note = periods.part_periods_note(shown.date_from, shown.date_to, grain, view.today)
    if note:
        st.caption(note)


def grain_picker(view: View, key: str, param: str = "grain") -> str:
    """Day ... year; the default follows the period's length until the manager picks one."""
    default = periods.default_grain(
        view.filters.date_from,
        view.filters.date_to,
        view.bounds.get("first_date"),
        view.bounds.get("data_through"),
    )
    return remembered(
        st.radio,
        "Show appearances per",
        periods.GRAINS,
        param=param,
        default=default,
        key=key,
        format_func=str.capitalize,
        horizontal=True,
    )


def remembered(widget, label: str, options, *, param: str, default, key: str, **kwargs):
    """A page control (st.radio, st.selectbox, ...) whose choice lives in the URL as ?param=,
    so a shared link opens the same breakdown, period size or expert.

    Only a choice the manager made goes into the URL; the default stays out of it.
    """
    options = list(options)
    start = linked_choice(param, options, default)
    widget_key = f"{key}_{start}"  # a link or a new default starts the control afresh

    def remember() -> None:
        chosen = st.session_state[widget_key]
        if chosen == default:
            st.query_params.pop(param, None)
        else:
            st.query_params[param] = str(chosen)

    return widget(
        label,
        options,
        index=options.index(start) if start in options else 0,
        key=widget_key,
        on_change=remember,
        **kwargs,
    )


def linked_choice(param: str, options: list, default):
    """The option a link holds as ?param= (compared as text), else `default`. A value that is not
    one of the options leaves the link with a notice, like a filter's."""
    raw = st.query_params.get(param)
    if raw is None:
        return default
    by_text = {str(option): option for option in options}
    if raw in by_text:
        return by_text[raw]
    del st.query_params[param]
    offered = f"use one of {', '.join(by_text)}" if len(by_text) <= 8 else "not one of the choices"
    sidebar.add_notice(f"Ignored {param}={raw[:40]!r}: {offered}.")
    return default


_RELATION_NOTE = (
    "Where it reads `(SELECT a.* FROM articles a ...)`, those are the appearances the filters pick."
)


def _query_note(query: queries.Query, sql: str) -> str:
    """What a reader of the SQL as it ran needs to know to follow it back to the files."""
    note = f"queries/{query.name}.sql as it ran for this chart. " + _RELATION_NOTE
    kept = queries.rollups_as_tables(query.name, query.filters)
    for table in sorted(queries.rollups_read(query.name)):
        if table in kept:
            note += f" `{table}`: monthly counts the database keeps up to date, read as they are."
        else:
            note += (
                f" `{table}`: monthly counts, here counted from those appearances: the kept table"
                " answers only all time or whole months, without a search, an expert or topic"
                " filter, or a filter it has no column for."
            )
    for macro in queries.macros_called(sql):
        note += f" `{macro}(...)`: a table function the database keeps (data/macros.sql)."
    return note
