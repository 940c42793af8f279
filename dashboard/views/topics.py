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

tags = panels.ranking_panel(
    view,
    view.query("top_tags", limit=TOP),
    "tags",
    "Top {shown} topics",
    what="top-topics",
    key="topics_ranking",
)
st.caption("An appearance can have several topics; it counts once for each.")

trends_query = view.query("tag_by_month", limit=TRENDS)
trends = view.result(trends_query)
fig = charts.entity_lines(
    trends,
    "month",
    "tag",
    f"The top {TRENDS} topics, month by month",
    panels.subtitle(view),
    colours=panels.view_colours(view, "tags"),
    span=panels.span(view),
    today=view.today,
)
panels.chart_panel(
    view,
    fig,
    trends,
    what="topics-by-month",
    query=trends_query,
    key="topics_trends",
    drill=panels.slug_drill(view, "tags", position=1, period_grain="month"),
    grain="month",
)

st.divider()
st.header("The experts behind a topic")
slug = panels.one_of(view, "tags", tags, param="topic", key="topics_one")
if slug:
    name = view.names.get("tags", {}).get(slug, slug)
    one = replace(view.filters, tags=(slug,))
    panels.ranking_panel(
        view,
        view.query("tag_experts", tag=slug, limit=15),
        "experts",
        f"Experts quoted on {name}",
        what=f"{slug}-experts",
        key="topics_one_experts",
        filters=one,
    )
