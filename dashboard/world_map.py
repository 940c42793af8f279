"""The world map of outlet countries: appearances by their outlet's country, as a choropleth.
Pure (no Streamlit), like the builders of charts.py, whose theme it uses.

Plotly draws a choropleth on a base map it fetches from its CDN unless told otherwise; the
dashboard serves that file itself (dashboard/static/topojson/, README there) and every chart's
config points to it (TOPOJSON_URL), so a map makes no request outside the server. A map saved as
an HTML file carries the base map inside it (base_map_script).
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts
from data.vocabulary import ALPHA_3, country_name

# Plotly reads <b>, <a href> ... in a label: text from the store is drawn as written
_AS_WRITTEN = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
TOPOJSON_DIR = Path(__file__).resolve().parent / "static" / "topojson"
# Relative to the page, so it holds under a server's base path; Streamlit serves static/ there.
TOPOJSON_URL = "app/static/topojson/"
MAP_FILE = "world_110m.json"  # the file plotly.js asks for a world map at 1:110m


@cache
def drawable() -> frozenset[str]:
    """The ISO alpha-3 codes the base map has a shape for."""
    topology = json.loads((TOPOJSON_DIR / MAP_FILE).read_text())
    return frozenset(g["id"] for g in topology["objects"]["countries"]["geometries"])


def draws_a_map(fig: go.Figure) -> bool:
    """Whether the figure draws on a base map."""
    return any(trace.type in ("choropleth", "scattergeo") for trace in fig.data)


@cache
def base_map_script() -> str:
    """A <script> that hands plotly.js the base map before it loads (it then fetches none), for
    a map in a file opened with no server and no network."""
    # every "<" written as its JSON escape: nothing in it can end the script or open a comment
    topology = (TOPOJSON_DIR / MAP_FILE).read_text().replace("<", "\\u003c")
    name = MAP_FILE.removesuffix(".json")
    return f'<script>window.PlotlyGeoAssets = {{topojson: {{"{name}": {topology}}}}};</script>'


def alpha_3(code: object) -> str | None:
    return ALPHA_3.get(code.upper()) if isinstance(code, str) else None


def split(mix: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """outlet_mix by country -> (the rows the map can place, with `iso3`; the rest: unknown
    countries, and countries too small for the base map)."""
    codes = mix["value"].map(alpha_3)
    placed = codes.isin(drawable())
    return mix[placed].assign(iso3=codes[placed]), mix[~placed]


def figure(placed: pd.DataFrame, title: str, subtitle: str) -> go.Figure:
    """Each country shaded by its appearances on a log scale (one outlet country often carries
    most), its count and share in the hover; a click carries its ISO alpha-2 code."""
    title, subtitle = title.translate(_AS_WRITTEN), subtitle.translate(_AS_WRITTEN)
    fig = charts.themed(go.Figure(), title, subtitle, "", "")
    fig.update_layout(height=520, margin={"l": 10, "r": 10, "t": 80, "b": 10})
    if placed.empty:
        return charts.empty(fig, "No appearance in an outlet of a known country")
    counts = placed["appearances"].astype(int)
    top = max(1, int(counts.max()))
    ticks = [10**k for k in range(0, int(math.log10(top)) + 1)]
    fig.add_choropleth(
        locations=placed["iso3"],
        locationmode="ISO-3",
        z=[math.log10(n) for n in counts],
        zmin=0,
        zmax=max(math.log10(top), 1),
        customdata=[
            [code, country_name(code).translate(_AS_WRITTEN), n, share]
            for code, n, share in zip(placed["value"], counts, placed["share"], strict=True)
        ],
        hovertemplate="%{customdata[1]}: %{customdata[2]:,} appearances"
        " (%{customdata[3]:.1%})<extra></extra>",
        colorscale="Blues",
        marker={"line": {"color": "#ffffff", "width": 0.5}},
        colorbar={
            "title": {"text": "Appearances"},
            "tickvals": [math.log10(t) for t in ticks],
            "ticktext": [f"{t:,}" for t in ticks],
            "thickness": 14,
        },
    )
    fig.update_geos(
        projection_type="natural earth",
        showframe=False,
        showcoastlines=False,
        showcountries=True,
        countrycolor="#d5d8dc",
        showland=True,
        landcolor="#f4f6f7",
        lataxis_range=[-58, 85],
    )
    return fig
