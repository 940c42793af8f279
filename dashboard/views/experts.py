"""Experts: share of voice and how each is quoted, one expert's own page, and up to five experts
side by side."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import charts, labels, panels, report_button, sidebar, state

TOP = 15
MAX_COMPARED = 5
ROLES = list(labels.ROLES)  # the leaderboard's role columns are named by the roles' codes

view = state.current_view()
panels.page_header(view, "Experts")
if panels.no_appearances(view):
    st.stop()

experts_query = view.query("top_experts", limit=TOP)
experts = panels.ranking_panel(
    view,
    experts_query,
    "experts",
    "Share of voice: top {shown} of {total} experts quoted",
    what="expert-share-of-voice",
    key="experts_share",
    value="share",
    value_title="Share of expert appearances",
)
st.caption(
    "Share of voice: an expert's appearances over the sum of every expert's appearances in the "
    "view (an appearance with two experts counts for both)."
)

# The leaderboard already counts each expert's roles: reshaped, not queried again.
roles = experts[["slug", "expert", *ROLES]].melt(
    id_vars=["slug", "expert"], value_vars=ROLES, var_name="role", value_name="appearances"
)
fig = charts.role_mix(roles, "How each expert appears", panels.subtitle(view))
by_expert = panels.slug_drill(view, "experts")


def every_role(point: dict):
    """A click on one role of an expert's bar lists all that expert's appearances (no filter
    holds a role), and the heading says so, with the count of the role clicked."""
    chosen = by_expert(point)
    data = point.get("customdata") or []
    role = data[1] if len(data) > 1 else None
    if chosen is None or role not in labels.ROLES or point.get("x") is None:
        return chosen
    filters, name = chosen
    return filters, f"{name} in every role ({labels.ROLES[role].lower()}: {int(point['x']):,})"


panels.chart_panel(
    view,
    fig,
    roles,
    what="expert-roles",
    query=experts_query,
    key="experts_roles",
    drill=every_role,
)

with st.expander(f"The leaderboard as a table ({len(experts)} experts)"):
    table = pd.DataFrame(
        {
            "Expert": experts["expert"],
            "Programme": experts["programme"],
            "Appearances": experts["appearances"],
            "Share of voice": experts["share"],
            "Outlets": experts["outlets"],
            **{labels.ROLES[role]: experts[role] for role in ROLES},
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "Share of voice": st.column_config.ProgressColumn(
                "Share of voice", format="percent", min_value=0.0, max_value=1.0
            ),
            **panels.counts_config("Appearances", "Outlets", *labels.ROLES.values()),
        },
    )

st.divider()
st.header("One expert")
slug = panels.one_of(view, "experts", experts, param="expert", key="experts_one")
if slug:
    name = view.names.get("experts", {}).get(slug, slug)
    one = replace(view.filters, experts=(slug,))
    marked = bool(view.key_dates)
    report_button.profile_menu(view.con, view.filters, slug, name, key_dates=marked)
    grain = panels.grain_picker(view, "experts_one_grain", param="expert_grain")
    panels.coverage_timeline(
        replace(view, filters=one),
        grain,
        None,
        key="experts_one_timeline",
        title=f"{name}: appearances per {grain}",
        what=f"{slug}-by-{grain}",
    )
    left, right = st.columns(2)
    with left:
        panels.ranking_panel(
            view,
            view.query("expert_outlets", expert=slug, limit=10),
            "outlets",
            f"Where {name} appears",
            what=f"{slug}-outlets",
            key="experts_one_outlets",
            half=True,
            filters=one,
        )
    with right:
        panels.ranking_panel(
            view,
            view.query("expert_tags", expert=slug, limit=10),
            "tags",
            f"Topics {name} speaks on",
            what=f"{slug}-topics",
            key="experts_one_tags",
            half=True,
            filters=one,
        )
    st.subheader(f"Appearances of {labels.as_markdown_text(name)}")
    rows = view.run("article_list", one, sort="date", descending=True, limit=100, offset=0)
    count = int(rows["total"].iloc[0]) if len(rows) else 0
    st.caption(f"{count:,} appearance{'s' if count != 1 else ''}; the 100 most recent below.")
    panels.article_table(rows, key="experts_one_articles")

st.divider()
st.header("Side by side")
# The comparison lives in the URL as ?compare=slug,slug so a shared link compares the same people.
names = view.names.get("experts", {})
ranked = panels.ranked_choices(view, "experts", experts)
asked = [s for s in st.query_params.get("compare", "").split(",") if s]
linked = [s for s in asked if s in ranked]
if len(linked) < len(asked):  # the link keeps only the experts it can compare, and says so
    unknown = ", ".join(repr(s[:40]) for s in asked if s not in ranked)
    st.query_params["compare"] = ",".join(linked)
    if not linked:
        del st.query_params["compare"]
    sidebar.add_notice(f"Ignored unknown experts to compare: {unknown}.")


def _remember_compared() -> None:
    chosen = st.session_state["experts_compare"]
    if chosen:
        st.query_params["compare"] = ",".join(chosen)
    else:
        st.query_params.pop("compare", None)


compared = st.multiselect(
    f"Experts to compare (up to {MAX_COMPARED})",
    ranked,
    default=linked[:MAX_COMPARED] or list(experts["slug"][:3]),
    max_selections=MAX_COMPARED,
    format_func=lambda s: names.get(s, s),
    key="experts_compare",
    on_change=_remember_compared,
)
if compared:
    grain = panels.grain_picker(view, "experts_compare_grain", param="compare_grain")
    series_query = view.query(
        "experts_compare",
        experts=list(compared),
        grain=grain,
        date_from=view.filters.date_from,
        date_to=view.filters.date_to,
    )
    series = view.result(series_query)
    fig = charts.entity_lines(
        series,
        grain,
        "expert",
        f"Appearances per {grain}: {labels.short_list([names.get(s, s) for s in compared], 5)}",
        panels.subtitle(view),
        colours=panels.view_colours(view, "experts"),
        span=panels.span(view),
        today=view.today,
    )
    panels.chart_panel(
        view,
        fig,
        series,
        what=f"experts-compared-by-{grain}",
        query=series_query,
        key="experts_compare_chart",
        drill=panels.slug_drill(view, "experts", position=1, period_grain=grain),
        grain=grain,
    )
    panels.timeline_note(view, grain)
