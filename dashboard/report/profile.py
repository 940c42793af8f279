"""One expert's media profile: the coverage report narrowed to one expert, for an annual review
or a biography page. The same Report, laid out by the same pptx.py and pdf.py:

    gather_profile(con, filters, "jane-doe", organisation) -> Report

Appearances, outlets and topics with their change against the previous period; a few sentences
(share of voice among every expert of the view, the leading outlet and topic, how the expert
appears); the expert's timeline with the key dates, outlets, topics and roles; notable pieces
(the latest in each of the expert's top outlets); the method.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd

import queries
from dashboard import charts, labels
from dashboard.change import comparison
from dashboard.labels import plural
from dashboard.report.content import (
    TOP_N,
    Chart,
    Kpi,
    Report,
    _as_date,
    _coverage_chart,
    _filters_in_words,
    _first_row,
    _method,
    _no_images_note,
    _notable,
    _percent,
    _period_words,
    _with_images,
    _with_key_dates,
)
from queries.filters import Filters

SQL_DIR = Path(__file__).resolve().parent / "sql"  # the report's own queries (same runner)

ROLE_WORDS = {  # how a count of each role reads in a sentence: "80 interviews"
    "quoted": "quoted",
    "interview": "interviews",
    "op-ed": "op-eds",
    "on-air": "on air",
    "mentioned": "mentioned",
}


class UnknownExpert(ValueError):
    """The store holds no expert of that slug."""


def gather_profile(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    expert: str,
    organisation: str,
    *,
    images: bool | None = None,
    today: dt.date | None = None,
    key_dates: bool = True,
) -> Report:
    """The media profile of `expert` (a slug) for the view's filters (its experts aside)."""
    today = today or dt.date.today()
    person = _expert(con, expert)
    others = replace(filters, experts=())  # the view the expert is compared within
    mine = replace(filters, experts=(expert,))
    bounds = _first_row(queries.run(con, "data_bounds"))
    now = _first_row(queries.run(con, "kpis", mine))
    compared = comparison(mine, _as_date(bounds.get("first_date")))
    previous = compared.previous
    before = _first_row(queries.run(con, "kpis", previous)) if previous else None
    kpis = [
        Kpi(label, int(now.get(key) or 0), None if before is None else int(before.get(key) or 0))
        for key, label in (
            ("appearances", "Appearances"),
            ("outlets", "Outlets"),
            ("tags", "Topics"),
        )
    ]

    everyone = queries.run(con, "top_experts", others, limit=None)
    outlets = queries.run(con, "expert_outlets", mine, expert=expert, limit=TOP_N)
    topics = queries.run(con, "expert_tags", mine, expert=expert, limit=TOP_N)
    timeline = _coverage_chart(con, mine, previous, bounds, today)
    chart_list = [
        replace(timeline, title=f"{person['name']} over time"),
        _ranked(outlets, "outlet", f"Where {person['name']} appears", "outlet", kpis[0].value),
        _ranked(topics, "tag", f"Topics {person['name']} speaks on", "topic", kpis[0].value),
        _roles_chart(everyone, expert, person["name"]),
    ]
    if key_dates:
        chart_list = _with_key_dates(con, mine, chart_list)
    if images is False:
        images_note = _no_images_note("chart images were turned off for it")
    else:
        chart_list, images_note = _with_images(chart_list)
    notable, rule = _notable(con, mine, outlets)
    about = " · ".join(p for p in (person["role"], person["programme"]) if p)
    return Report(
        organisation=organisation,
        period=_period_words(filters, now),
        filters_text=" · ".join(p for p in (about, _filters_in_words(con, others)) if p),
        generated_on=today,
        data_through=_as_date(bounds.get("data_through")),
        is_demo=(bounds.get("demo_appearances") or 0) > 0,
        kpis=kpis,
        comparison=compared.note,
        headline=_headline(person["name"], kpis, everyone, expert, outlets, topics),
        charts=chart_list,
        notable=notable,
        notable_rule=rule,
        method=[
            f"A media profile: the appearances of {person['name']} matching the report's "
            "filters, with every other expert of those filters for the share of voice.",
            *_method(mine, now, bounds),
        ],
        images_note=images_note,
        kind=f"Media profile: {person['name']}",
    )


def _expert(con: duckdb.DuckDBPyConnection, slug: str) -> dict:
    rows = queries.run(con, "expert_profile", folder=SQL_DIR, expert=slug)
    if rows.empty:
        raise UnknownExpert(f"No expert {slug!r} in this database.")
    return {k: (None if pd.isna(v) else v) for k, v in rows.iloc[0].items()}


def _ranked(rows: pd.DataFrame, label: str, title: str, noun: str, total: int) -> Chart:
    """The expert's top outlets or topics; each share is of all the expert's appearances."""
    shares = [_percent(n / total) if total else "" for n in rows["appearances"]]
    named = rows.assign(shown=[f"{n} · {s}" for n, s in zip(rows[label], shares, strict=True)])
    table = pd.DataFrame(
        {
            noun.capitalize(): rows[label],
            "Appearances": rows["appearances"].astype(int),
            "Share of the appearances": shares,
        }
    )
    subtitle = (
        (
            f"The {plural(len(rows), noun)} with the most of the expert's appearances"
            if len(rows) != 1
            else f"The one {noun}"
        )
        + "; each share is of all the expert's appearances"
        + (" (an appearance can carry several topics)" if noun == "topic" else "")
    )
    return Chart(title, subtitle, charts.ranking(named, "shown", "slug", title, ""), table)


def _roles_chart(everyone: pd.DataFrame, expert: str, name: str) -> Chart:
    row = everyone[everyone["slug"] == expert]
    counts = {role: int(row[role].iloc[0]) if len(row) else 0 for role in labels.ROLES}
    frame = pd.DataFrame(
        {
            "role": [labels.ROLES[r] for r in counts],
            "slug": list(counts),
            "appearances": list(counts.values()),
        }
    )
    figure = charts.ranking(frame, "role", "slug", "Roles", "")
    if figure.data:  # each role in its colour on the pages' role mix (bars drawn bottom up)
        figure.data[0].marker.color = [charts.ROLE_COLOURS[r] for r in reversed(counts)]
    return Chart(
        f"How {name} appears",
        "Appearances by role: " + ", ".join(n.lower() for n in labels.ROLES.values()),
        figure,
        frame[["role", "appearances"]].rename(
            columns={"role": "Role", "appearances": "Appearances"}
        ),
    )


def _headline(
    name: str,
    kpis: list[Kpi],
    everyone: pd.DataFrame,
    expert: str,
    outlets: pd.DataFrame,
    topics: pd.DataFrame,
) -> list[str]:
    appearances = kpis[0].value
    if not appearances:
        return [f"{name} has no appearance matching these filters."]
    lines = [
        f"{name}: {plural(appearances, 'appearance')} in {plural(kpis[1].value, 'outlet')}, "
        f"on {plural(kpis[2].value, 'topic')}."
    ]
    ranked = everyone.reset_index(drop=True)
    at = ranked.index[ranked["slug"] == expert]
    if len(at) and len(ranked) > 1:
        rank, share = int(at[0]) + 1, ranked.loc[at[0], "share"]
        lines.append(
            f"Share of voice: {_percent(share)} of the experts' appearances, "
            f"{_ordinal(rank)} of {len(ranked):,} experts."
        )
    if len(outlets):
        lead = outlets.iloc[0]
        count = int(lead["appearances"])
        lines.append(
            f"All in {lead['outlet']}."
            if count >= appearances
            else f"Most often in {lead['outlet']}: {plural(count, 'appearance')} "
            f"({_percent(count / appearances)})."
        )
    if len(topics):
        lead = topics.iloc[0]
        count = int(lead["appearances"])
        lines.append(
            f"Every appearance on {lead['tag']}."
            if count >= appearances
            else f"Leading topic: {lead['tag']}, {plural(count, 'appearance')}."
        )
    row = ranked[ranked["slug"] == expert]
    if len(row):
        roles = [
            f"{int(row[role].iloc[0]):,} {ROLE_WORDS[role]}"
            for role in labels.ROLES
            if int(row[role].iloc[0])
        ]
        lines.append("Appeared as: " + ", ".join(roles) + ".")
    return lines


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"
