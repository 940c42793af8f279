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

from data import vocabulary
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


def short_list(items: list[str], keep: int = 3) -> str:
    if len(items) <= keep:
        return ", ".join(items)
    return ", ".join(items[:keep]) + f" and {len(items) - keep} more"


def as_date(value: object) -> dt.date:
    """A period value from a query result or a chart click, as a date."""
    return pd.Timestamp(value).date()
