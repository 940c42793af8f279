"""One cell of a clipping export as the export writes it, to the value the Article holds.

Exports write values their own way: ids and links wrapped in literal quotes ("123", ="123"),
HTML entities and tags in titles (L&#39;Europe, <b>Ifri</b>), languages and countries by name or
by code, reach as '1 200 000' or '350k'. Each reader here is pure and takes one cell; the
spreadsheet parser calls each once per distinct value of a column.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

from data.model import InvalidArticle
from data.organisation import alias_key
from data.vocabulary import COUNTRIES, LANGUAGES


def unquoted(cell: str) -> str:
    """'"1234"' or '="1234"' (how exports keep a spreadsheet from reading an id as a number)
    -> '1234'."""
    if len(cell) > 1 and cell[-1] == '"' and (cell[0] == '"' or cell.startswith('="')):
        return cell[2 if cell[0] == "=" else 1 : -1].strip()
    return cell


_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+\d*);")


def text(cell: str) -> str:
    """Entities decoded (twice, for a title encoded twice: &amp;#39;), tags removed, spaces
    collapsed: 'L&#39;Europe <b>face</b> à la Chine' -> "L'Europe face à la Chine"."""
    if "&" in cell:
        for _ in range(2):
            if not _ENTITY.search(cell):
                break
            cell = unescape(cell)
    if "<" in cell:
        cell = _TAG.sub("", cell)
    return " ".join(cell.split())


def first_line(cell: str) -> tuple[str, str]:
    """A cell holding a headline and the first lines of the piece: (headline, the rest)."""
    head, _, rest = cell.strip().partition("\n")
    return text(head), text(rest)


_PATH = re.compile(r"[/?#]")
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")


def domain(cell: str) -> str | None:
    """The site a web address or a bare domain names: 'https://www.rfi.fr/fr/afrique' and
    'rfi.fr' -> 'rfi.fr'; anything that is not a domain -> None."""
    rest = cell.strip().partition("://")[2] or cell.strip().removeprefix("//")
    host = _PATH.split(rest, maxsplit=1)[0].rpartition("@")[2].partition(":")[0]
    return _site(host)


@lru_cache(maxsize=4096)  # a column of links names a few hundred sites
def _site(host: str) -> str | None:
    name = host.lower().rstrip(".").removeprefix("www.")
    return name if _DOMAIN.match(name) else None


def reach(cell: str) -> int | None:
    """'1 200 000', '1,200,000', '350k', '2M' -> a number; '' -> None."""
    if cell.isdigit():
        return int(cell)
    digits = re.sub(r"[\s,.\u202f\u00a0']", "", cell)
    if not digits:
        return None
    multiplier = 1
    if digits[-1:].lower() in ("k", "m"):
        multiplier = 1_000 if digits[-1].lower() == "k" else 1_000_000
        digits = digits[:-1]
    if not digits.isdigit():
        raise InvalidArticle(f"reach {cell!r} is not a number")
    return int(digits) * multiplier


# names the vocabulary does not hold: French, and the usual short forms
_COUNTRY_NAMES = {
    **{alias_key(name): code for code, name in COUNTRIES.items() if code != "UK"},
    "allemagne": "DE",
    "deutschland": "DE",
    "uk": "GB",
    "royaume uni": "GB",
    "great britain": "GB",
    "usa": "US",
    "us": "US",
    "etats unis": "US",
    "belgique": "BE",
    "suisse": "CH",
    "espagne": "ES",
    "italie": "IT",
    "liban": "LB",
    "japon": "JP",
    "chine": "CN",
    "russie": "RU",
    "maroc": "MA",
    "algerie": "DZ",
    "tunisie": "TN",
    "senegal": "SN",
    "cote d ivoire": "CI",
    "pays bas": "NL",
    "autriche": "AT",
    "suede": "SE",
    "pologne": "PL",
    "grece": "GR",
    "turquie": "TR",
    "inde": "IN",
    "bresil": "BR",
    "mexique": "MX",
    "irlande": "IE",
    "israel": "IL",
    "egypte": "EG",
}


def country(cell: str) -> str | None:
    """'FR', 'France', 'Royaume-Uni', 'United States' -> ISO code; a name not listed gives None,
    not a guess."""
    key = alias_key(cell)
    if key in _COUNTRY_NAMES:  # before two-letter codes: 'UK' is GB
        return _COUNTRY_NAMES[key]
    cell = cell.strip()
    return cell.upper() if len(cell) == 2 and cell.isalpha() else None


_LANGUAGE_NAMES = {alias_key(name): code for code, name in LANGUAGES.items()}
_LOCALE = re.compile(r"^([a-z]{2})(?:[-_][a-z]{2,4})?$")


def language(cell: str) -> str | None:
    """'fr', 'fr-FR', 'French', 'Français', 'Deutsch' -> ISO 639-1; None for anything else."""
    key = alias_key(cell)
    if key in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[key]
    locale = _LOCALE.match(cell.strip().lower())
    if locale:
        return locale.group(1)
    return key[:2] if key[:2] in LANGUAGES else None  # 'francais', 'deutsch', 'espanol'


_MEDIA_TYPES = {
    "print": "print",
    "press": "print",
    "presse": "print",
    "newspaper": "print",
    "magazine": "print",
    "online": "online",
    "web": "online",
    "internet": "online",
    "blog": "online",
    "blogs": "online",
    "tv": "tv",
    "television": "tv",
    "broadcast": "tv",
    "radio": "radio",
    "podcast": "podcast",
    "agency": "agency",
    "agence": "agency",
    "wire": "agency",
}


def media_type(cell: str) -> str | None:
    """'Print', 'Télévision', 'Online News' -> a code of data/vocabulary.py MEDIA_TYPES."""
    key = alias_key(cell)
    return _MEDIA_TYPES.get(key) or _MEDIA_TYPES.get(key.split(" ", 1)[0])
