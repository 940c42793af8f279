"""Display names for codes the store keeps (languages, countries, media types); periods
are named in data/periods.py.

Pure: used by the sidebar, the figure builders and the tables alike, so a code reads the same
everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import pandas as pd

from data import periods, vocabulary
from queries.dimensions import BY_CODE, SIDEBAR
from queries.filters import Filters

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&])")


def as_markdown_text(text: str) -> str:
    """Text from the store, escaped so st.markdown, st.caption and headers show it as written.

    An outlet named "[Le Monde](https://evil.example)" must read as those characters, not
    become a link (nor "**x**" bold, nor "<img ...>" an element).
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# The vocabulary's names (data/vocabulary.py), read here by the pages, charts and report.
ROLES = vocabulary.ROLES
UNKNOWN = vocabulary.UNKNOWN
language_name = vocabulary.language_name
country_name = vocabulary.country_name
media_type_name = vocabulary.media_type_name


def dimension_value_name(dimension: str, code: str | None) -> str:
    """The display name of a coded value of a breakdown or mix dimension (media_type, ...)."""
    if code == "__other__":
        return "Other"
    if code == "unknown":
        return UNKNOWN
    return BY_CODE[dimension].name_of(code)


def filter_summary(filters: Filters, names: Mapping[str, Mapping[str, str]]) -> str:
    """One line saying what a view shows: the period, then every narrowing filter by name.

    `names` maps a Filters field (outlets, experts, tags) to {slug: display name}.
    """
    parts = [filters.describe_period()]
    for dimension in SIDEBAR:
        chosen = getattr(filters, dimension.field)
        if chosen:
            shown = [dimension.name_of(v, names.get(dimension.field)) for v in chosen]
            parts.append(f"{dimension.plural}: {short_list(shown)}")
    if filters.text:
        parts.append(f"Text: “{filters.text}”")
    return " · ".join(parts)


def plural(n: int, word: str) -> str:
    """'1 outlet', '38 outlets', '1,204 appearances'."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def short_list(items: list[str], keep: int = 3) -> str:
    if len(items) <= keep:
        return ", ".join(items)
    return ", ".join(items[:keep]) + f" and {len(items) - keep} more"


def as_date(value: object) -> dt.date:
    """A period value from a query result or a chart click, as a date."""
    return pd.Timestamp(value).date()


# ---------- tables as a person reads them (a chart's numbers, the article list's export)

# A query's column (queries/README.md) -> its header; codes are named, shares are percentages.
COLUMN_NAMES = {
    "published": "Date",
    "outlet": "Outlet",
    "expert": "Expert",
    "tag": "Topic",
    "programme": "Programme",
    "media_type": "Media type",
    "tier": "Outlet tier",
    "country": "Country",
    "language": "Language",
    "role": "Role",
    "kind": "Kind",
    "title": "Title",
    "summary": "Summary",
    "url": "Link",
    "appearances": "Appearances",
    "share": "Share",
    "outlets": "Outlets",
    "experts": "Experts",
    "tags": "Topics",
    "first_date": "First appearance",
    "last_date": "Last appearance",
    "potential_reach": "Potential reach",  # a potential audience, never an advertising value
    "expert_roles": "Experts (how each appears)",
    "previous_appearances": "Previous period: appearances",
    **vocabulary.ROLES,  # the leaderboard's role counts are named by the roles' codes
}
CODE_NAMES = {
    "media_type": media_type_name,
    "tier": vocabulary.tier_name,
    "country": country_name,
    "language": language_name,
    "role": vocabulary.role_name,
    "kind": vocabulary.kind_name,
}


def _internal(column: str) -> bool:
    """Ids, slugs and the totals a ranking repeats on every row: for the code, not a reader."""
    return (
        column.endswith(("_id", "_slug"))
        or column in ("slug", "total")
        or column.startswith("total_")
    )


def readable(frame: pd.DataFrame, grain: str | None = None) -> pd.DataFrame:
    """A query result as a person reads it: headers in words, codes by name, shares as
    percentages, periods by name (for `grain`), no ids. Columns it does not know pass as they
    are, so a table already in words stays as it is."""
    out = {}
    for column in frame.columns:
        values = frame[column]
        if _internal(column):
            continue
        if column in ("period", "previous_period"):
            header = periods.GRAIN_AXIS[grain] if grain else "Period starting"
            if column == "previous_period":
                header = f"Previous period: {header.lower()}"
            out[header] = _period_names(values, grain)
        elif column == "share":
            out["Share"] = [percent(v) for v in values]
        elif column in CODE_NAMES:
            out[COLUMN_NAMES[column]] = [
                None if _missing(v) else CODE_NAMES[column](v) for v in values
            ]
        elif column == "expert_roles":
            out[COLUMN_NAMES[column]] = [how_each_appears(v) for v in values]
        else:
            out[COLUMN_NAMES.get(column, column)] = values.reset_index(drop=True)
    return pd.DataFrame(out, index=range(len(frame)))


def article_export(rows: pd.DataFrame) -> pd.DataFrame:
    """The article list as its CSV and Excel files hold it: every column a reader needs (summary,
    country, how each expert appears) in words; the kind only when the view mixes kinds."""
    wanted = ["published", "outlet", "country", "media_type", "title", "summary", "url"]
    wanted += ["expert_roles", "tags", "language"]
    if rows["kind"].nunique() > 1 or (len(rows) and rows["kind"].iloc[0] != "appearance"):
        wanted.append("kind")
    table = readable(rows[[c for c in wanted if c in rows]])
    table["Date"] = pd.to_datetime(table["Date"]).dt.date
    return table


def how_each_appears(experts: object) -> str:
    """[{name, role}, ...] -> "Ana Diaz (Interview), Luc Roy (Quoted)"."""
    if experts is None or (not hasattr(experts, "__len__") and _missing(experts)):
        return ""
    return ", ".join(f"{e['name']} ({vocabulary.role_name(e['role'])})" for e in experts)


def percent(share: object) -> str:
    """A share as a reader reads it: 0.16589 -> "16.6%"; nothing for a missing share."""
    return "" if _missing(share) else f"{float(share):.1%}"


def with_previous(frame: pd.DataFrame, previous: pd.DataFrame | None) -> pd.DataFrame:
    """A timeline's rows with the previous period's beside them, matched by position (its first
    period beside this one's first), as the timeline draws them."""
    if previous is None:
        return frame
    count = min(len(previous), len(frame))
    earlier = previous.iloc[:count].reset_index(drop=True)
    return frame.reset_index(drop=True).assign(
        previous_period=earlier["period"],
        previous_appearances=earlier["appearances"].astype("Int64"),
    )


def _period_names(values: pd.Series, grain: str | None) -> list:
    if grain is None:
        return [None if _missing(v) else as_date(v) for v in values]
    return [None if _missing(v) else periods.period_label(as_date(v), grain) for v in values]


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# ---------- where the data came from (About and Import pages)

ORIGINS = {
    "demo": "Demo data",
    "cli": "Command line",
    "import-page": "Import page",
    "removal": "Removal",
}


def origin_name(code: object) -> str:
    """How an import came in, in words: 'import-page' -> 'Import page'."""
    text = str(code or "")
    return ORIGINS.get(text, text.replace("-", " ").replace("_", " ").capitalize())


def source_format_name(code: object) -> str:
    """'article_page' -> 'Article page'; the demo's rows -> 'Demo data'."""
    return origin_name(code)


def sources_text(origin: object, sources: object) -> str:
    """The files an import read, by name only (the server's folders are not the reader's
    business); the demo's generator settings as what they are."""
    if origin == "demo":
        return "Generated demo data"
    text = "" if sources is None or _missing(sources) else str(sources)
    if origin == "removal":
        return text
    return ", ".join(name.replace("\\", "/").rsplit("/", 1)[-1] for name in text.splitlines())
