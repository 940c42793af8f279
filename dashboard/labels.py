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

from queries.filters import Filters

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&])")


def as_markdown_text(text: str) -> str:
    """Text from the store, escaped so st.markdown, st.caption and headers show it as written.

    An outlet named "[Le Monde](https://evil.example)" must read as those characters, not
    become a link (nor "**x**" bold, nor "<img ...>" an element).
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


LANGUAGES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "ja": "Japanese",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "uk": "Ukrainian",
    "zh": "Chinese",
}

COUNTRIES = {
    "AE": "United Arab Emirates",
    "AT": "Austria",
    "AU": "Australia",
    "BE": "Belgium",
    "BF": "Burkina Faso",
    "BR": "Brazil",
    "CA": "Canada",
    "CD": "DR Congo",
    "CH": "Switzerland",
    "CI": "Côte d'Ivoire",
    "CM": "Cameroon",
    "CN": "China",
    "CZ": "Czechia",
    "DE": "Germany",
    "DZ": "Algeria",
    "EG": "Egypt",
    "ES": "Spain",
    "FR": "France",
    "GB": "United Kingdom",
    "GR": "Greece",
    "HK": "Hong Kong",
    "IE": "Ireland",
    "IL": "Israel",
    "IN": "India",
    "IT": "Italy",
    "JP": "Japan",
    "KE": "Kenya",
    "KR": "South Korea",
    "LB": "Lebanon",
    "LU": "Luxembourg",
    "MA": "Morocco",
    "MX": "Mexico",
    "NG": "Nigeria",
    "NL": "Netherlands",
    "PK": "Pakistan",
    "PL": "Poland",
    "PT": "Portugal",
    "QA": "Qatar",
    "RU": "Russia",
    "SA": "Saudi Arabia",
    "SE": "Sweden",
    "SG": "Singapore",
    "SN": "Senegal",
    "TN": "Tunisia",
    "TR": "Türkiye",
    "UA": "Ukraine",
    "UK": "United Kingdom",
    "US": "United States",
    "ZA": "South Africa",
}

MEDIA_TYPES = {
    "print": "Print",
    "online": "Online",
    "tv": "TV",
    "radio": "Radio",
    "podcast": "Podcast",
    "agency": "News agency",
}

ROLES = {
    "quoted": "Quoted",
    "interview": "Interview",
    "op-ed": "Op-ed",
    "on-air": "On air",
    "mentioned": "Mentioned",
}

UNKNOWN = "Unknown"


def language_name(code: str | None) -> str:
    if not code or pd.isna(code):
        return UNKNOWN
    return LANGUAGES.get(code, code)


def country_name(code: str | None) -> str:
    if not code or pd.isna(code):
        return UNKNOWN
    return COUNTRIES.get(code.upper(), code)


def media_type_name(code: str | None) -> str:
    if not code or pd.isna(code):
        return UNKNOWN
    return MEDIA_TYPES.get(code, code.capitalize())


def dimension_value_name(dimension: str, code: str | None) -> str:
    """The display name of a value of an outlet_mix dimension (media_type, country, language)."""
    if code == "__other__":
        return "Other"
    if code == "unknown":
        return UNKNOWN
    namer = {"media_type": media_type_name, "country": country_name, "language": language_name}
    return namer.get(dimension, lambda c: c or UNKNOWN)(code)


def filter_summary(filters: Filters, names: Mapping[str, Mapping[str, str]]) -> str:
    """One line saying what a view shows: the period, then every narrowing filter by name.

    `names` maps a Filters field (outlets, experts, tags) to {slug: display name}.
    """
    parts = [filters.describe_period()]
    for field, noun in (("outlets", "Outlets"), ("experts", "Experts"), ("tags", "Topics")):
        chosen = getattr(filters, field)
        if chosen:
            shown = [names.get(field, {}).get(s, s) for s in chosen]
            parts.append(f"{noun}: {short_list(shown)}")
    for field, noun, namer in (
        ("languages", "Language", language_name),
        ("countries", "Country", country_name),
        ("media_types", "Media", media_type_name),
    ):
        chosen = getattr(filters, field)
        if chosen:
            parts.append(f"{noun}: {short_list([namer(c) for c in chosen])}")
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
