"""The vocabulary of the store, defined once: each enumeration's stored codes, in the order a
person reads them, with their display labels; and the names of the codes the store keeps for
languages, countries and outlet tiers. (Period sizes, the grains, and their names are the
calendar's: data/periods.py GRAINS and GRAIN_AXIS.)

Every layer derives from these: validation (data/model.py), the reference lists
(data/organisation.py), the rollups (a role is a key of expert_months), the filter dimensions
(queries/dimensions.py) and every label the dashboard and the report show.
"""

from __future__ import annotations

# How an expert appears in an appearance (article_experts.role).
ROLES = {
    "quoted": "Quoted",
    "interview": "Interview",
    "op-ed": "Op-ed",
    "on-air": "On air",
    "mentioned": "Mentioned",
}
# What a row of articles is: media coverage, the organisation's own event or video, or a post on a
# social network (a tweet in a monitoring export): only appearances are counted by default.
KINDS = {"appearance": "Appearance", "event": "Event", "video": "Video", "social": "Social post"}
MEDIA_TYPES = {
    "print": "Print",
    "online": "Online",
    "tv": "TV",
    "radio": "Radio",
    "podcast": "Podcast",
    "agency": "News agency",
}
# outlets.tier, as monitoring tools rank outlets by reach: 1 national or international
# reference, 2 other national outlets, 3 regional and specialist ones.
TIERS = {"1": "Tier 1", "2": "Tier 2", "3": "Tier 3"}

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

# ISO 3166-1 alpha-3 of each country above, which the world map draws by (no country library is
# installed; "UK", which some sources write, is GBR too). A code not here is left off the map.
ALPHA_3 = {
    "AE": "ARE",
    "AT": "AUT",
    "AU": "AUS",
    "BE": "BEL",
    "BF": "BFA",
    "BR": "BRA",
    "CA": "CAN",
    "CD": "COD",
    "CH": "CHE",
    "CI": "CIV",
    "CM": "CMR",
    "CN": "CHN",
    "CZ": "CZE",
    "DE": "DEU",
    "DZ": "DZA",
    "EG": "EGY",
    "ES": "ESP",
    "FR": "FRA",
    "GB": "GBR",
    "GR": "GRC",
    "HK": "HKG",
    "IE": "IRL",
    "IL": "ISR",
    "IN": "IND",
    "IT": "ITA",
    "JP": "JPN",
    "KE": "KEN",
    "KR": "KOR",
    "LB": "LBN",
    "LU": "LUX",
    "MA": "MAR",
    "MX": "MEX",
    "NG": "NGA",
    "NL": "NLD",
    "PK": "PAK",
    "PL": "POL",
    "PT": "PRT",
    "QA": "QAT",
    "RU": "RUS",
    "SA": "SAU",
    "SE": "SWE",
    "SG": "SGP",
    "SN": "SEN",
    "TN": "TUN",
    "TR": "TUR",
    "UA": "UKR",
    "UK": "GBR",
    "US": "USA",
    "ZA": "ZAF",
}

UNKNOWN = "Unknown"


def _known(code: object) -> bool:
    """False for a missing value: None, "", or the NaN a DataFrame holds in its place."""
    return isinstance(code, str) and code != ""


def language_name(code: str | None) -> str:
    return LANGUAGES.get(code, code) if _known(code) else UNKNOWN


def country_name(code: str | None) -> str:
    return COUNTRIES.get(code.upper(), code) if _known(code) else UNKNOWN


def media_type_name(code: str | None) -> str:
    return MEDIA_TYPES.get(code, code.capitalize()) if _known(code) else UNKNOWN


def kind_name(code: str | None) -> str:
    return KINDS.get(code, code.capitalize()) if _known(code) else UNKNOWN


def tier_name(code: str | None) -> str:
    return TIERS.get(code, f"Tier {code}") if _known(code) else UNKNOWN


def role_name(code: str | None) -> str:
    return ROLES.get(code, code) if _known(code) else UNKNOWN
