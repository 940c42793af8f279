"""Every query of the catalogue computed again in pandas, from the tables alone.

This is the independent computation the SQL is checked against (tests/queries) and timed against
(bench/queries.py). It follows the rules in queries/README.md, not the SQL: filters select
appearances, shares are ratios of sums, timelines are zero-filled and never hold undated rows.

`frames` has the shape of the `demo_frames` fixture (tests/conftest.py): articles with their
outlet's slug, name, media_type, country and tier (as text, the form a link holds);
article_experts with expert_slug, expert, programme and programme_slug; article_tags with
tag_slug and tag; `published` as datetime64 with NaT for undated.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from types import SimpleNamespace

import duckdb
import numpy as np
import pandas as pd

from data.vocabulary import ROLES
from queries.filters import Filters

FREQ = {"day": "D", "week": "7D", "month": "MS", "quarter": "QS", "year": "YS"}


def load_frames(con: duckdb.DuckDBPyConnection) -> SimpleNamespace:
    """The tables of a store in the shape the functions below read."""

    def frame(sql: str) -> pd.DataFrame:
        return con.execute(sql).df()

    return SimpleNamespace(
        articles=frame(
            "SELECT a.*, o.slug AS outlet_slug, o.name AS outlet, o.media_type, o.country,"
            " CAST(o.tier AS VARCHAR) AS tier FROM articles a JOIN outlets o USING (outlet_id)"
        ),
        article_experts=frame(
            "SELECT ae.*, e.slug AS expert_slug, e.name AS expert, e.programme, e.programme_slug"
            " FROM article_experts ae JOIN experts e USING (expert_id)"
        ),
        article_tags=frame(
            "SELECT atag.*, t.slug AS tag_slug, t.name AS tag"
            " FROM article_tags atag JOIN tags t USING (tag_id)"
        ),
        outlets=frame("SELECT * FROM outlets"),
        experts=frame("SELECT * FROM experts"),
        tags=frame("SELECT * FROM tags"),
        ingest_runs=frame("SELECT * FROM ingest_runs"),
    )


# ---------- filters


def fold(text: pd.Series) -> pd.Series:
    """Lower case without accents, like the SQL's strip_accents(lower(...))."""
    return (
        text.fillna("")
        .str.lower()
        .str.normalize("NFKD")
        .str.replace("[\u0300-\u036f]", "", regex=True)
    )


def fold_one(text: str) -> str:
    return fold(pd.Series([text], dtype="str")).iloc[0]


def mask(frames, f: Filters, *, dates: bool = True) -> pd.Series:
    """True for the appearances the filters select."""
    a = frames.articles
    keep = ~a["excluded"].astype(bool)  # an appearance an editor excluded is in no count
    if dates and f.date_from:
        keep &= a["published"] >= pd.Timestamp(f.date_from)
    if dates and f.date_to:
        keep &= a["published"] <= pd.Timestamp(f.date_to)
    if f.outlets:
        keep &= a["outlet_slug"].isin(f.outlets)
    if f.experts:
        ae = frames.article_experts
        keep &= a["article_id"].isin(ae.loc[ae["expert_slug"].isin(f.experts), "article_id"])
    if f.programmes:
        ae = frames.article_experts
        keep &= a["article_id"].isin(ae.loc[ae["programme_slug"].isin(f.programmes), "article_id"])
    if f.tags:
        at = frames.article_tags
        keep &= a["article_id"].isin(at.loc[at["tag_slug"].isin(f.tags), "article_id"])
    for field, column in (
        ("languages", "language"),
        ("countries", "country"),
        ("media_types", "media_type"),
        ("tiers", "tier"),
        ("kinds", "kind"),
    ):
        values = getattr(f, field)
        if values:
            keep &= a[column].isin(values)
    if f.text:
        needle = fold_one(f.text)
        keep &= fold(a["title"]).str.contains(needle, regex=False) | fold(
            a["summary"]
        ).str.contains(needle, regex=False)
    return keep.fillna(False).astype(bool)


def matched(frames, f: Filters, *, dates: bool = True) -> pd.DataFrame:
    return frames.articles[mask(frames, f, dates=dates)]


def with_experts(frames, articles: pd.DataFrame) -> pd.DataFrame:
    return articles.merge(frames.article_experts, on="article_id")


def with_tags(frames, articles: pd.DataFrame) -> pd.DataFrame:
    return articles.merge(frames.article_tags, on="article_id")


# ---------- periods


def period_start(published: pd.Series, grain: str) -> pd.Series:
    if grain == "day":
        return published.dt.normalize()
    if grain == "week":
        return published.dt.normalize() - pd.to_timedelta(published.dt.day_of_week, unit="D")
    code = {"month": "M", "quarter": "Q", "year": "Y"}[grain]
    return published.dt.to_period(code).dt.start_time


def spine(frames, dated: pd.Series, grain: str, date_from, date_to) -> pd.DatetimeIndex:
    """The periods a timeline shows: the asked range, else the data's, clipped to the store's."""
    lo = pd.Timestamp(date_from) if date_from else dated.min()
    hi = pd.Timestamp(date_to) if date_to else dated.max()
    if pd.isna(lo) or pd.isna(hi):
        return pd.DatetimeIndex([])
    every = frames.articles["published"]
    lo = max(lo, every.min())
    hi = min(hi, max(every.max(), pd.Timestamp(dt.date.today())))
    lo, hi = (period_start(pd.Series([d]), grain).iloc[0] for d in (lo, hi))
    if lo > hi:
        return pd.DatetimeIndex([])
    return pd.date_range(lo, hi, freq=FREQ[grain])


def _dates(f: Filters, date_from, date_to):
    return (
        f.date_from if date_from is None else date_from,
        f.date_to if date_to is None else date_to,
    )


def _ranked(df: pd.DataFrame, by: str, tie: str, limit) -> pd.DataFrame:
    df = df.sort_values([by, tie], ascending=[False, True])
    return (df if limit is None else df.head(limit)).reset_index(drop=True)


# ---------- the catalogue


def potential_reach(frames, m: pd.DataFrame) -> pd.Series:
    """Per outlet of `m`: the largest reach its appearances give, else the outlet's audience."""
    largest = m.groupby("outlet_id")["reach"].max()
    audience = frames.outlets.set_index("outlet_id")["audience"].reindex(largest.index)
    return largest.where(largest.notna(), audience)


def kpis(frames, f: Filters) -> dict:
    m = matched(frames, f)
    undated = matched(frames, f, dates=False)
    reach = potential_reach(frames, m)
    return {
        "appearances": len(m),
        "outlets": m["outlet_id"].nunique(),
        "experts": with_experts(frames, m[["article_id"]])["expert_id"].nunique(),
        "tags": with_tags(frames, m[["article_id"]])["tag_id"].nunique(),
        "undated": int(undated["published"].isna().sum()),
        "first_date": m["published"].min(),
        "data_through": m["published"].max(),
        "tier_one": int((m["tier"] == "1").sum()),
        "tiered": int(m["tier"].notna().sum()),
        "potential_reach": reach.sum() if reach.notna().any() else None,
        "reach_outlets": int(reach.notna().sum()),
    }


def data_bounds(frames) -> dict:
    a = frames.articles
    appearances = a[a["kind"] == "appearance"]
    return {
        "first_date": appearances["published"].min(),
        "data_through": appearances["published"].max(),
        "appearances": len(appearances),
        "undated": int(appearances["published"].isna().sum()),
        "demo_appearances": int((a["source_format"] == "demo").sum()),
        "last_import": frames.ingest_runs["finished_at"].max(),
    }


def article_count(frames, f: Filters) -> int:
    return int(mask(frames, f).sum())


def coverage_by_period(frames, f, grain="month", date_from=None, date_to=None) -> pd.DataFrame:
    date_from, date_to = _dates(f, date_from, date_to)
    dated = matched(frames, f)["published"].dropna()
    periods = spine(frames, dated, grain, date_from, date_to)
    counts = period_start(dated, grain).value_counts()
    return pd.DataFrame(
        {"period": periods, "appearances": counts.reindex(periods, fill_value=0).to_numpy()}
    )


def _labelled(frames, m: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    """One row per appearance x value: published, series_id, series."""
    if breakdown == "outlet":
        return m.assign(series_id=m["outlet_slug"], series=m["outlet"])
    if breakdown in ("media_type", "tier", "country", "language"):
        return m.assign(series_id=m[breakdown], series=m[breakdown])
    if breakdown == "programme":  # once per appearance and programme; none: no expert has one
        ae = frames.article_experts.dropna(subset=["programme_slug"])
        pairs = ae[["article_id", "programme_slug"]].drop_duplicates()
        names = ae.groupby("programme_slug")["programme"].min()
        joined = m[["article_id", "published"]].merge(pairs, on="article_id", how="left")
        return joined.assign(
            series_id=joined["programme_slug"], series=joined["programme_slug"].map(names)
        )
    bridge, slug, name = {
        "expert": (frames.article_experts, "expert_slug", "expert"),
        "tag": (frames.article_tags, "tag_slug", "tag"),
    }[breakdown]
    joined = m[["article_id", "published"]].merge(
        bridge[["article_id", slug, name]], on="article_id", how="left"
    )
    return joined.assign(series_id=joined[slug], series=joined[name])


def coverage_by_period_breakdown(
    frames, f, grain="month", breakdown="outlet", top_n=8, date_from=None, date_to=None
) -> pd.DataFrame:
    date_from, date_to = _dates(f, date_from, date_to)
    m = matched(frames, f)
    m = m[m["published"].notna()]
    rows = _labelled(frames, m, breakdown)
    rows = rows.assign(
        series_id=rows["series_id"].astype(object).where(rows["series_id"].notna(), "__none__"),
        series=rows["series"].astype(object).where(rows["series"].notna(), "Not set"),
        period=period_start(rows["published"], grain),
    )
    totals = rows.groupby("series_id").size().rename("n").reset_index()
    totals = totals.sort_values(["n", "series_id"], ascending=[False, True])
    top = list(totals["series_id"].head(top_n))
    folded = rows["series_id"].isin(top)
    rows = rows.assign(
        series_id=rows["series_id"].where(folded, "__other__"),
        series=rows["series"].where(folded, "Other"),
    )
    order = top + (["__other__"] if (~folded).any() else [])
    names = rows.drop_duplicates("series_id").set_index("series_id")["series"]
    periods = spine(frames, m["published"], grain, date_from, date_to)
    counts = rows.groupby(["period", "series_id"]).size()
    grid = pd.MultiIndex.from_product([periods, order], names=["period", "series_id"])
    out = counts.reindex(grid, fill_value=0).rename("appearances").reset_index()
    out["series"] = out["series_id"].map(names)
    per_period = out.groupby("period")["appearances"].transform("sum")
    out["share"] = out["appearances"] / per_period.where(per_period > 0)
    return out[["period", "series_id", "series", "appearances", "share"]]


def top_outlets(frames, f, limit=20) -> pd.DataFrame:
    m = matched(frames, f)
    per = m.groupby(["outlet_id", "outlet_slug", "tier"], dropna=False).agg(
        appearances=("article_id", "size"),
        first_date=("published", "min"),
        last_date=("published", "max"),
    )
    per = per.reset_index().rename(columns={"outlet_slug": "slug"})
    reached = with_experts(frames, m[["article_id", "outlet_id"]])
    per["experts"] = per["outlet_id"].map(reached.groupby("outlet_id")["expert_id"].nunique())
    per["experts"] = per["experts"].fillna(0).astype(int)
    per["potential_reach"] = per["outlet_id"].map(potential_reach(frames, m))
    per["share"] = per["appearances"] / per["appearances"].sum()
    per["total_outlets"] = len(per)
    return _ranked(per, "appearances", "slug", limit)


def outlets_new_in_period(frames, f, date_from=None, date_to=None) -> pd.DataFrame:
    date_from, date_to = _dates(f, date_from, date_to)
    everything = matched(frames, f, dates=False)
    first = everything.dropna(subset=["published"]).groupby("outlet_slug")["published"].min()
    if date_from:
        first = first[first >= pd.Timestamp(date_from)]
    if date_to:
        first = first[first <= pd.Timestamp(date_to)]
    in_period = matched(frames, f).groupby("outlet_slug").size()
    out = pd.DataFrame({"first_date": first, "appearances": in_period.reindex(first.index)})
    out = out.dropna(subset=["appearances"]).rename_axis("slug").reset_index()
    return out.sort_values(["first_date", "slug"], ascending=[False, True]).reset_index(drop=True)


def outlet_mix(frames, f, dimension="media_type") -> pd.DataFrame:
    values = matched(frames, f)[dimension].astype(object).fillna("unknown")
    out = values.value_counts().rename("appearances").rename_axis("value").reset_index()
    out["share"] = out["appearances"] / out["appearances"].sum()
    return out.sort_values(["appearances", "value"], ascending=[False, True]).reset_index(drop=True)


def top_experts(frames, f, limit=20) -> pd.DataFrame:
    rows = with_experts(frames, matched(frames, f)[["article_id", "outlet_id"]])
    per = rows.groupby("expert_slug").agg(
        appearances=("article_id", "size"), outlets=("outlet_id", "nunique")
    )
    roles = pd.crosstab(rows["expert_slug"], rows["role"])
    for role in ROLES:
        per[role] = roles[role].reindex(per.index, fill_value=0) if role in roles else 0
    per["share"] = per["appearances"] / per["appearances"].sum()
    per["total_experts"] = len(per)
    return _ranked(per.rename_axis("slug").reset_index(), "appearances", "slug", limit)


def expert_role_mix(frames, f) -> pd.DataFrame:
    rows = with_experts(frames, matched(frames, f)[["article_id"]])
    out = rows.groupby(["expert_slug", "role"]).size().rename("appearances").reset_index()
    out = out.rename(columns={"expert_slug": "slug"})
    return out.sort_values(
        ["slug", "appearances", "role"], ascending=[True, False, True]
    ).reset_index(drop=True)


def _one_expert(frames, f, expert: str) -> pd.DataFrame:
    return with_experts(frames, matched(frames, f)).query("expert_slug == @expert")


def expert_timeline(frames, f, expert, grain="month", date_from=None, date_to=None):
    date_from, date_to = _dates(f, date_from, date_to)
    dated = _one_expert(frames, f, expert)["published"].dropna()
    periods = spine(frames, dated, grain, date_from, date_to)
    counts = period_start(dated, grain).value_counts()
    return pd.DataFrame(
        {"period": periods, "appearances": counts.reindex(periods, fill_value=0).to_numpy()}
    )


def expert_outlets(frames, f, expert, limit=20) -> pd.DataFrame:
    rows = _one_expert(frames, f, expert)
    out = rows.groupby("outlet_slug").size().rename("appearances").rename_axis("slug")
    return _ranked(out.reset_index(), "appearances", "slug", limit)


def expert_tags(frames, f, expert, limit=20) -> pd.DataFrame:
    rows = with_tags(frames, _one_expert(frames, f, expert)[["article_id"]])
    out = rows.groupby("tag_slug").size().rename("appearances").rename_axis("slug")
    return _ranked(out.reset_index(), "appearances", "slug", limit)


def experts_compare(frames, f, experts, grain="month", date_from=None, date_to=None):
    date_from, date_to = _dates(f, date_from, date_to)
    known = sorted(set(experts) & set(frames.experts["slug"]))
    rows = with_experts(frames, matched(frames, f))
    rows = rows[rows["expert_slug"].isin(known) & rows["published"].notna()]
    periods = spine(frames, rows["published"], grain, date_from, date_to)
    counts = rows.groupby([period_start(rows["published"], grain), "expert_slug"]).size()
    grid = pd.MultiIndex.from_product([periods, known], names=["period", "slug"])
    return counts.reindex(grid, fill_value=0).rename("appearances").reset_index()


def top_tags(frames, f, limit=20) -> pd.DataFrame:
    rows = with_tags(frames, matched(frames, f)[["article_id"]])
    per = rows.groupby("tag_slug").size().rename("appearances").to_frame()
    on_tag = rows[["article_id", "tag_slug"]].merge(frames.article_experts, on="article_id")
    per["experts"] = on_tag.groupby("tag_slug")["expert_id"].nunique()
    per["experts"] = per["experts"].fillna(0).astype(int)
    per["share"] = per["appearances"] / per["appearances"].sum()
    return _ranked(per.rename_axis("slug").reset_index(), "appearances", "slug", limit)


def tag_by_month(frames, f, limit=20, date_from=None, date_to=None) -> pd.DataFrame:
    date_from, date_to = _dates(f, date_from, date_to)
    m = matched(frames, f)
    m = m[m["published"].notna()]
    rows = with_tags(frames, m[["article_id", "published"]])
    totals = rows.groupby("tag_slug").size().rename("n").reset_index()
    top = sorted(_ranked(totals, "n", "tag_slug", limit)["tag_slug"])
    periods = spine(frames, m["published"], "month", date_from, date_to)
    counts = rows.groupby([period_start(rows["published"], "month"), "tag_slug"]).size()
    grid = pd.MultiIndex.from_product([periods, top], names=["period", "slug"])
    return counts.reindex(grid, fill_value=0).rename("appearances").reset_index()


def tag_experts(frames, f, tag, limit=20) -> pd.DataFrame:
    rows = with_tags(frames, matched(frames, f)[["article_id"]])
    rows = with_experts(frames, rows[rows["tag_slug"] == tag][["article_id"]])
    out = rows.groupby("expert_slug").size().rename("appearances").rename_axis("slug")
    return _ranked(out.reset_index(), "appearances", "slug", limit)


def expert_outlet_matrix(frames, f, limit=20) -> pd.DataFrame:
    m = matched(frames, f)
    rows = with_experts(frames, m[["article_id", "outlet_slug"]])
    pairs = rows.groupby(["expert_slug", "outlet_slug"]).size()
    experts = _ranked(
        rows.groupby("expert_slug").size().rename("n").reset_index(), "n", "expert_slug", limit
    )["expert_slug"]
    outlets = m[m["outlet_slug"].isin(rows["outlet_slug"])].groupby("outlet_slug").size()
    outlets = _ranked(outlets.rename("n").reset_index(), "n", "outlet_slug", limit)["outlet_slug"]
    grid = pd.MultiIndex.from_product([experts, outlets], names=["expert_slug", "outlet_slug"])
    return pairs.reindex(grid, fill_value=0).rename("appearances").reset_index()


def _as_read(text: str) -> str:
    """Lower case, accents taken off (their combining marks)."""
    marks = unicodedata.normalize("NFD", text)
    return "".join(c for c in marks if not unicodedata.combining(c)).lower()


def article_list(frames, f, sort="date", descending=True, limit=20, offset=0) -> pd.DataFrame:
    m = matched(frames, f)
    key = {"date": "published", "outlet": "outlet", "title": "title"}[sort]
    present = m[m[key].notna()]
    if sort == "date":
        present = present.sort_values([key, "article_id"], ascending=[not descending, True])
    else:  # as a reader orders names, then by date the same way, undated last
        present = present.assign(_as_read=present[key].map(_as_read)).sort_values(
            ["_as_read", "published", "article_id"],
            ascending=[not descending, not descending, True],
            na_position="last",
        )
    absent = m[m[key].isna()].sort_values("article_id")
    ordered = pd.concat([present.drop(columns="_as_read", errors="ignore"), absent])
    page = ordered.iloc[offset : None if limit is None else offset + limit]
    on_page = page["article_id"]

    def joined(bridge: pd.DataFrame, column: str) -> pd.Series:
        rows = bridge[bridge["article_id"].isin(on_page)].sort_values(column)
        return on_page.map(rows.groupby("article_id")[column].agg(", ".join))

    def roles() -> pd.Series:
        rows = frames.article_experts[frames.article_experts["article_id"].isin(on_page)]
        rows = rows.sort_values("expert")
        if rows.empty:  # apply on no groups gives a frame, not a series
            return on_page.map({})
        pairs = rows.groupby("article_id")[["expert", "role"]].apply(
            lambda g: [{"name": n, "role": r} for n, r in zip(g["expert"], g["role"], strict=True)]
        )
        return on_page.map(pairs)

    return page.assign(
        experts=joined(frames.article_experts, "expert"),
        expert_roles=roles(),
        tags=joined(frames.article_tags, "tag"),
        total=len(m),
    ).reset_index(drop=True)


def dimension_values(frames) -> pd.DataFrame:
    a, ae, at = frames.articles, frames.article_experts, frames.article_tags
    parts = []

    def add(dimension: str, values: pd.Series, labels: pd.Series, counts: pd.Series) -> None:
        counted = counts.reindex(values).fillna(0).to_numpy()
        parts.append(
            pd.DataFrame(
                {
                    "dimension": dimension,
                    "value": values.to_numpy(),
                    "label": labels.to_numpy(),
                    "appearances": counted,
                }
            )
        )

    o, e, t = frames.outlets, frames.experts, frames.tags
    add("outlets", o["slug"], o["name"], a.groupby("outlet_slug").size())
    add("experts", e["slug"], e["name"], ae.groupby("expert_slug").size())
    add("tags", t["slug"], t["name"], at.groupby("tag_slug").size())
    programmes = e.dropna(subset=["programme_slug"]).groupby("programme_slug")["programme"].min()
    add(
        "programmes",
        pd.Series(programmes.index),
        programmes,
        ae.groupby("programme_slug")["article_id"].nunique(),
    )
    for dimension, column in (("languages", "language"), ("kinds", "kind")):
        counts = a[column].dropna().value_counts()
        add(dimension, pd.Series(counts.index), pd.Series(counts.index), counts)
    outlet_tiers = o.assign(tier=o["tier"].astype("Int64").astype("string"))
    for dimension, column in (
        ("countries", "country"),
        ("media_types", "media_type"),
        ("tiers", "tier"),
    ):
        values = pd.Series(outlet_tiers[column].dropna().unique())
        add(dimension, values, values, a.groupby(column).size())
    out = pd.concat(parts, ignore_index=True)
    out["appearances"] = out["appearances"].astype(np.int64)
    return out
