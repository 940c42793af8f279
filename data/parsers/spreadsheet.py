"""Clipping spreadsheets: CSV (any common delimiter; UTF-8, UTF-8 with BOM or Latin-1) and XLSX.

The usual headers of clipping exports are recognised (English and French); anything else is
mapped explicitly, e.g. {"title": "Titre de l'article"} (`--map title="Titre de l'article"`).
One row is one appearance. A row that cannot be read is rejected with its row number (1 is the
header) and the reason; the other rows still go in.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from openpyxl import load_workbook

from data.model import Article, ExpertMention, InvalidArticle, validate
from data.organisation import alias_key
from data.parsers.common import Context
from data.parsers.text import (
    MAX_FILE_BYTES,
    decode,
    detect_language,
    looks_binary,
    month_first,
    parse_full_date,
    strip_controls,
)

SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".xlsx")
# A cell may be as long as the file (a pasted article); the csv module's default stops at 128 KB.
csv.field_size_limit(MAX_FILE_BYTES)

# field -> headers that mean it, compared by alias_key (case, accents, punctuation ignored)
HEADERS: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "published",
        "published at",
        "publication date",
        "date published",
        "pub date",
        "date de publication",
        "publie le",
        "parution",
        "date de parution",
    ),
    "outlet": (
        "outlet",
        "source",
        "media",
        "publication",
        "media outlet",
        "outlet name",
        "source name",
        "journal",
        "support",
        "titre de presse",
        "media name",
    ),
    "title": ("headline", "title", "titre", "article title", "article", "sujet"),
    "url": ("url", "link", "lien", "article url", "permalink", "web link"),
    "experts": (
        "author",
        "authors",
        "spokesperson",
        "spokespeople",
        "expert",
        "experts",
        "auteur",
        "auteurs",
        "porte parole",
        "people",
        "intervenant",
        "intervenants",
    ),
    "role": ("role", "expert role", "rôle"),
    "language": ("language", "langue", "lang"),
    "country": ("country", "pays", "outlet country"),
    "media_type": ("media type", "type de media", "medium", "media category", "type"),
    "reach": ("reach", "audience", "circulation", "readership", "potential reach", "uvm"),
    "tags": ("tags", "topics", "topic", "keywords", "mots cles", "themes", "theme"),
    "summary": ("summary", "snippet", "extract", "resume", "description", "teaser"),
}
FIELDS = tuple(HEADERS)
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
    "tv": "tv",
    "television": "tv",
    "télévision": "tv",
    "broadcast": "tv",
    "radio": "radio",
    "podcast": "podcast",
    "agency": "agency",
    "agence": "agency",
    "wire": "agency",
}


@dataclass(frozen=True)
class RowReject:
    row_number: int  # 1 = the header row
    reason: str


class SpreadsheetError(ValueError):
    """A file that cannot be read as a table at all (the message says why)."""


def read_rows(data: bytes, source: str) -> list[list[str]]:
    """The table as text cells, header first."""
    if source.lower().endswith(".xlsx"):
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise SpreadsheetError(
                f"not a readable Excel workbook ({exc.__class__.__name__})"
            ) from exc
        if not book.worksheets:
            raise SpreadsheetError("the workbook has no sheet")
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    if not data.strip():
        raise SpreadsheetError("the file is empty")
    if looks_binary(data):
        raise SpreadsheetError("not a CSV text file (binary data: an image, a PDF or an archive?)")
    text = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if source.lower().endswith(".tsv") else csv.excel
    try:
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise SpreadsheetError(f"not a readable CSV file ({exc})") from exc


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return strip_controls(str(value)).strip()


def column_map(header: list[str], mapping: dict[str, str] | None = None) -> dict[str, int]:
    """Field -> column index: explicit mapping first, then the recognised headers."""
    keys = [alias_key(h) for h in header]
    columns: dict[str, int] = {}
    for field, wanted in (mapping or {}).items():
        if field not in FIELDS:
            raise SpreadsheetError(f"--map {field}=...: unknown field (one of {', '.join(FIELDS)})")
        if alias_key(wanted) not in keys:
            raise SpreadsheetError(f"--map {field}={wanted}: no column {wanted!r} in the header")
        columns[field] = keys.index(alias_key(wanted))
    for field, names in HEADERS.items():
        if field in columns:
            continue
        for name in names:
            key = alias_key(name)
            if key in keys and keys.index(key) not in columns.values():
                columns[field] = keys.index(key)
                break
    return columns


def _reach(text: str) -> int | None:
    digits = re.sub(r"[\s,.\u202f\u00a0']", "", text)
    if not digits:
        return None
    multiplier = 1
    if digits[-1:].lower() in ("k", "m"):
        multiplier = 1_000 if digits[-1].lower() == "k" else 1_000_000
        digits = digits[:-1]
    if not digits.isdigit():
        raise InvalidArticle(f"reach {text!r} is not a number")
    return int(digits) * multiplier


_COUNTRIES = {
    "france": "FR",
    "germany": "DE",
    "allemagne": "DE",
    "deutschland": "DE",
    "uk": "GB",
    "united kingdom": "GB",
    "royaume uni": "GB",
    "great britain": "GB",
    "usa": "US",
    "united states": "US",
    "etats unis": "US",
    "belgium": "BE",
    "belgique": "BE",
    "switzerland": "CH",
    "suisse": "CH",
    "canada": "CA",
    "spain": "ES",
    "espagne": "ES",
    "italy": "IT",
    "italie": "IT",
    "lebanon": "LB",
    "liban": "LB",
    "japan": "JP",
    "japon": "JP",
}


def _country(cell: str) -> str | None:
    """'FR', 'France', 'Royaume-Uni' -> ISO code; a name not listed gives None, not a guess."""
    cell = cell.strip()
    if alias_key(cell) in _COUNTRIES:  # before two-letter codes: 'UK' is GB
        return _COUNTRIES[alias_key(cell)]
    return cell.upper() if len(cell) == 2 and cell.isalpha() else None


def _experts(cell: str, ctx: Context, role: str) -> list[ExpertMention]:
    names = [n.strip() for n in re.split(r"[;|,/]|\s+(?:and|et|&)\s+", cell) if n.strip()]
    found = []
    for name in names:
        known = ctx.roster.canonical(name)
        found.append(ExpertMention(known or name, role, in_roster=bool(known)))
    return found


def parse_spreadsheet(
    data: bytes, source: str, ctx: Context, mapping: dict[str, str] | None = None
) -> tuple[list[Article], list[RowReject]]:
    """Articles from the good rows, and a reject (row number, reason) for each bad one."""
    rows = read_rows(data, source)
    while rows and not any(rows[0]):
        rows.pop(0)
    if not rows:
        raise SpreadsheetError("no header row")
    if not any(any(cell.strip() for cell in row) for row in rows[1:]):
        raise SpreadsheetError("no rows under the header")
    columns = column_map(rows[0], mapping)
    if "title" not in columns and "outlet" not in columns:
        raise SpreadsheetError(
            "no headline or outlet column recognised in the header "
            f"({', '.join(h for h in rows[0] if h)}); name them with --map title=... outlet=..."
        )
    dates = [
        row[columns["date"]] for row in rows[1:] if "date" in columns and columns["date"] < len(row)
    ]
    american = month_first(dates)
    articles, rejects = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {f: (row[i].strip() if i < len(row) else "") for f, i in columns.items()}
        try:
            articles.append(_row_article(cells, ctx, source, number, american))
        except InvalidArticle as exc:
            rejects.append(RowReject(number, str(exc)))
    return articles, rejects


def _row_article(
    cells: dict[str, str], ctx: Context, source: str, number: int, american: bool
) -> Article:
    date = None
    if cells.get("date"):
        date = parse_full_date(cells["date"], month_first=american)
        if date is None:
            raise InvalidArticle(f"date {cells['date']!r} is not a full date (day, month, year)")
    if not cells.get("title") and not cells.get("outlet"):
        raise InvalidArticle("no headline and no outlet")
    role = cells.get("role", "").lower() or "quoted"
    media_type = _MEDIA_TYPES.get(cells.get("media_type", "").lower())
    language = (cells.get("language") or "").lower()[:2] or detect_language(cells.get("title", ""))
    article = Article(
        title=cells.get("title") or None,
        outlet=cells.get("outlet") or None,
        date=date,
        experts=_experts(cells.get("experts", ""), ctx, role),
        tags=[t.strip() for t in re.split(r"[;|,]", cells.get("tags", "")) if t.strip()],
        language=language or None,
        url=cells.get("url") or None,
        summary=cells.get("summary") or None,
        reach=_reach(cells.get("reach", "")),
        media_type=media_type,
        country=_country(cells.get("country", "")),
        source=source,
        source_format="spreadsheet",
        row_number=number,
    )
    return validate(article, ctx.today)
