"""Topics: which subjects bring the organisation into the media, how that changes, and which
experts carry each subject."""

from dataclasses import replace

import streamlit as st

from dashboard import charts, panels, state

TOP = 15
TRENDS = 6

view = state.current_view()
panels.page_header(view, "Topics")
if panels.no_appearances(view):
    st.stop()

tags_query = view.query("top_tags", limit=TOP)
tags = view.result(tags_query)
fig = charts.ranking(tags, "tag", "slug", f"Top {len(tags)} topics", panels.subtitle(view))
panels.chart_panel(
    view,
    fig,
    tags,
    what="top-topics",
    query=tags_query,
    key="topics_ranking",
    drill=panels.slug_drill(view, "tags"),
)
st.caption("An appearance can have several topics; it counts once for each.")

trends_query = view.query("tag_by_month", limit=TRENDS)
trends = view.result(trends_query)
fig = charts.entity_lines(
    trends, "month", "tag", f"The top {TRENDS} topics, month by month", panels.subtitle(view)
)
panels.chart_panel(
    view,
    fig,
    trends,
    what="topics-by-month",
    query=trends_query,
    key="topics_trends",
    drill=panels.slug_drill(view, "tags", position=1, period_grain="month"),
)

st.divider()
st.header("The experts behind a topic")
names = view.names.get("tags", {})
ranked = list(tags["slug"]) + sorted(set(names) - set(tags["slug"]), key=names.get)
slug = panels.remembered(
    st.selectbox,
    "Topic",
    ranked,
    param="topic",
    default=ranked[0] if ranked else None,
    key="topics_one",
    format_func=lambda s: names.get(s, s),
)
if slug:
    name = names.get(slug, slug)
    one = replace(view.filters, tags=(slug,))
    experts_query = view.query("tag_experts", tag=slug, limit=15)
    experts = view.result(experts_query)
    fig = charts.ranking(
        experts, "expert", "slug", f"Experts quoted on {name}", panels.subtitle(view, one)
    )
    panels.chart_panel(
        view,
        fig,
        experts,
        what=f"{slug}-experts",
        query=experts_query,
        key="topics_one_experts",
        drill=panels.slug_drill(replace(view, filters=one), "experts"),
    )
