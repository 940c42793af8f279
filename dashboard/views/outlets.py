"""Outlets: who covers the organisation, what kind of media they are, who is new, and one
outlet's own page."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import charts, headline, labels, panels, state, world_map
from queries.dimensions import BY_CODE, MIX_DIMENSIONS

TOP = 20
MIX_SHOWN = 10  # values drawn; the rest are summed into one "Other" bar
OTHER = "__other__"


def fold_tail(mix: pd.DataFrame, keep: int) -> pd.DataFrame:
    """The `keep - 1` largest values, and every other value summed as one "Other" row."""
    if len(mix) <= keep:
        return mix
    head, tail = mix.iloc[: keep - 1], mix.iloc[keep - 1 :]
    rest = pd.DataFrame(
        {
            "value": [OTHER],
            "appearances": [tail["appearances"].sum()],
            "share": [tail["share"].sum()],
        }
    )
    return pd.concat([head, rest], ignore_index=True)


view = state.current_view()
panels.page_header(view, "Outlets")
if panels.no_appearances(view):
    st.stop()

measure = panels.remembered(
    st.radio,
    "Rank by",
    ("appearances", "share"),
    param="rank",
    default="appearances",
    key="outlets_measure",
    format_func={"appearances": "Appearances", "share": "Share of all appearances"}.get,
    horizontal=True,
)
outlets = panels.ranking_panel(
    view,
    view.query("top_outlets", limit=TOP),
    "outlets",
    "Top {shown} of {total} outlets",
    what="top-outlets",
    key="outlets_ranking",
    value=measure,
    value_title="Appearances" if measure == "appearances" else "Share of appearances",
)


def ranking_table(rows: pd.DataFrame) -> None:
    """The ranking's columns a chart cannot show: tier, experts reached, first and last
    appearance, and the potential reach where a source gives one (the media type is the mix's,
    below; the chart's CSV holds every column)."""
    reach = rows["potential_reach"].notna().any()
    shown = pd.DataFrame(
        {
            "Outlet": rows["outlet"],
            "Tier": rows["tier"].map(labels.CODE_NAMES["tier"], na_action="ignore"),
            "Country": rows["country"].map(labels.country_name),
            "Appearances": rows["appearances"],
            "Share": rows["share"] * 100,
            "Experts reached": rows["experts"],
            "First appearance": pd.to_datetime(rows["first_date"]).dt.date,
            "Last appearance": pd.to_datetime(rows["last_date"]).dt.date,
            **({headline.REACH_LABEL: rows["potential_reach"]} if reach else {}),
        }
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        placeholder="",
        column_config={
            **panels.counts_config("Appearances", "Experts reached", headline.REACH_LABEL),
            "Share": st.column_config.NumberColumn("Share", format="%.1f%%"),
            "First appearance": st.column_config.DateColumn(format="D MMM YYYY"),
            "Last appearance": st.column_config.DateColumn(format="D MMM YYYY"),
        },
    )
    if reach:
        gave = int(rows["potential_reach"].notna().sum())
        st.caption(
            f"{headline.REACH_LABEL}: the largest audience figure the outlet's appearances in the "
            f"period carry, where a source gives one ({gave:,} of these {len(rows):,} outlets); a "
            "potential audience, not the people who saw the coverage, and not an advertising value."
        )


with st.expander("The ranking with every column", expanded=True):
    ranking_table(outlets)

st.subheader("Media mix")
mix_names = [BY_CODE[dimension].singular for dimension in MIX_DIMENSIONS]
# The open tab lives in the link as ?mix=country (a code, not the tab's label).
mix_shown = panels.linked_choice("mix", list(MIX_DIMENSIONS), MIX_DIMENSIONS[0])
mix_key = f"outlets_mix_tab_{mix_shown}"


def _remember_mix() -> None:
    chosen = MIX_DIMENSIONS[mix_names.index(st.session_state[mix_key])]
    if chosen == MIX_DIMENSIONS[0]:
        st.query_params.pop("mix", None)
    else:
        st.query_params["mix"] = chosen


mix_tabs = st.tabs(
    mix_names,
    default=mix_names[MIX_DIMENSIONS.index(mix_shown)],
    key=mix_key,
    on_change=_remember_mix,
)
for tab, dimension, name in zip(mix_tabs, MIX_DIMENSIONS, mix_names, strict=True):
    with tab:
        mix_query = view.query("outlet_mix", dimension=dimension)
        mix = fold_tail(view.result(mix_query), MIX_SHOWN)
        fig = charts.mix(mix, dimension, f"Appearances by {name.lower()}", panels.subtitle(view))

        def narrow(point, dimension=dimension, field=BY_CODE[dimension].field):
            code = (point.get("customdata") or [None])[0]
            if not code or code in (OTHER, "unknown"):  # no filter selects these
                return None
            what = labels.dimension_value_name(dimension, code)
            return replace(view.filters, **{field: (code,)}), what

        shown = [labels.dimension_value_name(dimension, code) for code in mix["value"]]
        panels.chart_panel(
            view,
            fig,
            mix.assign(value=shown).rename(columns={"value": name}),
            what=f"appearances-by-{dimension.replace('_', '-')}",
            query=mix_query,
            key=f"outlets_mix_{dimension}",
            drill=narrow,
        )

st.subheader("Where the outlets are")
by_country = view.query("outlet_mix", dimension="country")
placed, unplaced = world_map.split(view.result(by_country))
map_fig = world_map.figure(placed, "Appearances by outlet country", panels.subtitle(view))


def narrow_to_country(point: dict):
    code = (point.get("customdata") or [None])[0]
    if not code:
        return None
    return replace(view.filters, countries=(code,)), labels.country_name(code)


panels.chart_panel(
    view,
    map_fig,
    placed.assign(value=placed["value"].map(labels.country_name))
    .drop(columns="iso3")
    .rename(columns={"value": "Country"}),
    what="appearances-by-outlet-country-map",
    query=by_country,
    key="outlets_world_map",
    drill=narrow_to_country,
)
if len(unplaced):
    missing = [
        f"{labels.dimension_value_name('country', code)} ({int(n):,})"
        for code, n in zip(unplaced["value"], unplaced["appearances"], strict=True)
    ]
    st.caption(
        "Not on the map (no country known, or too small for it): "
        + labels.as_markdown_text(labels.short_list(missing, 6))
        + " appearances."
    )

st.subheader("New in this period")
new = view.run("outlets_new_in_period")
if new.empty:
    st.caption("No outlet covered the organisation for the first time in this period.")
else:
    st.caption(
        f"{len(new):,} outlet{'s' if len(new) != 1 else ''} covered the organisation for the "
        "first time in this period (first appearance in the whole store)."
    )
    st.dataframe(
        new.assign(media_type=new["media_type"].map(labels.media_type_name)).rename(
            columns={
                "outlet": "Outlet",
                "media_type": "Media type",
                "first_date": "First appearance",
                "appearances": "Appearances in the period",
            }
        )[["Outlet", "Media type", "First appearance", "Appearances in the period"]],
        hide_index=True,
        width="stretch",
        column_config=panels.counts_config("Appearances in the period"),
    )

st.divider()
st.header("One outlet")
slug = panels.one_of(view, "outlets", outlets, param="outlet", key="outlets_one")
if slug:
    one = replace(view.filters, outlets=(slug,))
    name = view.names.get("outlets", {}).get(slug, slug)
    grain = panels.grain_picker(view, "outlets_one_grain", param="outlet_grain")
    panels.coverage_timeline(
        replace(view, filters=one),
        grain,
        None,
        key="outlets_one_timeline",
        title=f"{name}: appearances per {grain}",
        what=f"{slug}-by-{grain}",
    )
    panels.ranking_panel(
        view,
        view.query("top_experts", one, limit=15),
        "experts",
        f"Experts quoted in {name}",
        what=f"{slug}-experts",
        key="outlets_one_experts",
        filters=one,
    )
    st.subheader(f"Appearances in {labels.as_markdown_text(name)}")
    rows = view.run("article_list", one, sort="date", descending=True, limit=100, offset=0)
    count = int(rows["total"].iloc[0]) if len(rows) else 0
    st.caption(f"{count:,} appearance{'s' if count != 1 else ''}; the 100 most recent below.")
    panels.article_table(rows, key="outlets_one_articles")
