"""Overview: the headline numbers against the previous period, the trend, and the top lists."""

import streamlit as st

from dashboard import headline, labels, panels, report_button, state
from dashboard.change import comparison, describe_change

view = state.current_view()
panels.page_header(view, "Overview")

if panels.no_appearances(view):
    st.stop()

kpis = view.run("kpis").iloc[0]
compared = comparison(view.filters, view.bounds.get("first_date"))
previous_filters = compared.previous
previous = view.run("kpis", previous_filters).iloc[0] if previous_filters else None

# "Data through" is the store's last date, whatever the filters: what a reader needs to know
# before trusting a quiet last month.
through = view.bounds.get("data_through")
notes = [f"Data through {through:%-d %b %Y}" if through is not None else "No dated appearances"]
if kpis["undated"]:
    notes.append(
        f"{kpis['undated']:,} matching appearance{'s have' if kpis['undated'] != 1 else ' has'} "
        "no date: counted without a date range, never on a timeline"
    )
st.caption(" · ".join(notes) + f" · {labels.as_markdown_text(panels.subtitle(view))}")
report_button.report_menu(view.con, view.filters, key_dates=bool(view.key_dates))

share = headline.tier_one_share(kpis)
reach = headline.potential_reach(kpis)
count = 4 + (share is not None) + (reach is not None)
# four to a row: six in one row cut their numbers short in a window 1280 pixels wide
cards = [card for _ in range(0, count, 4) for card in st.columns(4)][:count]
for card, (column, label) in zip(
    cards,
    (
        ("appearances", "Appearances"),
        ("outlets", "Outlets"),
        ("experts", "Experts quoted"),
        ("tags", "Topics"),
    ),
    strict=False,
):
    value = int(kpis[column])
    change = describe_change(value, None if previous is None else int(previous[column]))
    card.metric(
        label,
        f"{value:,}",
        delta=change.text or None,
        # set from the change itself: Streamlit reads only a hyphen as a fall, not "−"
        delta_color={1: "green", -1: "red", 0: "gray"}[change.direction],
        delta_arrow=change.arrow,
        border=True,
    )
extra = iter(cards[4:])
if share is not None:  # only where outlets have tiers: 0 % would say something false
    change = headline.tier_one_change(kpis, previous)
    next(extra).metric(
        "Tier-1 share",
        f"{share:.0%}",
        delta=change.text or None,
        delta_color={1: "green", -1: "red", 0: "gray"}[change.direction],
        delta_arrow=change.arrow,
        help=headline.tier_one_method(kpis),
        border=True,
    )
if reach is not None:  # only where a source gives a figure
    change = headline.reach_change(kpis, previous)
    next(extra).metric(
        headline.REACH_LABEL,
        headline.compact(reach),
        delta=change.text or None,
        delta_color={1: "green", -1: "red", 0: "gray"}[change.direction],
        delta_arrow=change.arrow,
        help=f"{reach:,}. " + headline.reach_method(kpis),
        border=True,
    )
st.caption(compared.note)

grain = panels.grain_picker(view, "overview_grain")
panels.coverage_timeline(view, grain, previous_filters, key="overview_timeline")

left, right = st.columns(2)
with left:
    panels.ranking_panel(
        view,
        view.query("top_outlets", limit=10),
        "outlets",
        "Top {shown} of {total} outlets",
        what="top-outlets",
        key="overview_outlets",
        half=True,
    )
with right:
    panels.ranking_panel(
        view,
        view.query("top_experts", limit=10),
        "experts",
        "Top {shown} of {total} experts quoted",
        what="top-experts",
        key="overview_experts",
        half=True,
    )
panels.ranking_panel(
    view,
    view.query("top_tags", limit=10),
    "tags",
    "Top {shown} topics",
    what="top-topics",
    key="overview_tags",
)
