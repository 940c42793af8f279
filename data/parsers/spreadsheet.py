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
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl.reader.excel import ExcelReader

from data.limits import (
    CELL_CHARS,
    CELLS,
    COLUMNS,
    PART_MB,
    ROWS,
    UNPACKED_MB,
    ZIP_RATIO,
    Deadline,
    LimitExceeded,
)
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
# No cell is longer than its file; CELL_CHARS, checked as rows are read, says how long one may be.
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


def read_rows(data: bytes, source: str, deadline: Deadline | None = None) -> Iterator[list[str]]:
    """The table as text cells, header first, one row at a time: no more of the file than a row
    is held, and LimitExceeded (naming the row) stops the reading at the first row past a limit
    on rows, columns, cells, characters in a cell or seconds."""
    deadline = deadline or Deadline()
    xlsx = source.lower().endswith(".xlsx")
    rows = _workbook_rows(data, deadline) if xlsx else _csv_rows(data, source)
    max_rows, max_columns, max_cells = ROWS.value, COLUMNS.value, CELLS.value
    max_chars = CELL_CHARS.value
    cells = 0
    for number, row in enumerate(rows, start=1):
        where = f"row {number:,}: "
        if number > max_rows:
            raise ROWS.exceeded(f"more than {ROWS.text()}")
        cells += len(row)
        if cells > max_cells:
            raise CELLS.exceeded(f"more than {CELLS.text()}", where)
        width = len(row)
        while width and not row[width - 1]:
            width -= 1
        if width > max_columns:
            raise COLUMNS.exceeded(f"more than {COLUMNS.text()}", where)
        if row and max(map(len, row)) > max_chars:
            raise CELL_CHARS.exceeded(f"a cell of more than {CELL_CHARS.text()}", where)
        deadline.check(where)
        yield row


def _csv_rows(data: bytes, source: str) -> Iterator[list[str]]:
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
        yield from csv.reader(io.StringIO(text, newline=""), dialect)
    except csv.Error as exc:
        raise SpreadsheetError(f"not a readable CSV file ({exc})") from exc


def _workbook_rows(data: bytes, deadline: Deadline) -> Iterator[list[str]]:
    """The first sheet's rows, read as a stream (openpyxl's read-only mode) from a package whose
    every part is checked before and while it is unpacked (_Package)."""
    try:
        package = _Package(data, deadline)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise SpreadsheetError(f"not a readable Excel workbook ({exc.__class__.__name__})") from exc
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
        reader.archive, reader.valid_files = package, package.namelist()  # read through the checks
        reader.read()
        if not reader.wb.worksheets:
            raise SpreadsheetError("the workbook has no sheet")
        sheet = reader.wb.worksheets[0]
        if (sheet.max_row or 0) > ROWS.value:  # the size the sheet declares, when it does
            raise ROWS.exceeded(f"more than {ROWS.text()}")
        if (sheet.max_column or 0) > COLUMNS.value:
            raise COLUMNS.exceeded(f"more than {COLUMNS.text()}")
        sheet.reset_dimensions()  # then read every row there is, whatever the sheet declares
        for row in sheet.iter_rows(values_only=True):
            yield [_cell(v) for v in row]
    except (LimitExceeded, SpreadsheetError):
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetError(f"not a readable Excel workbook ({exc.__class__.__name__})") from exc
    finally:
        package.close()


class _Package(zipfile.ZipFile):
    """An XLSX package (a zip file) that refuses to unpack more than the limits allow. Before
    anything is read: the sizes its parts declare, together (UNPACKED_MB), each part read whole
    (PART_MB), and how much each part swells (ZIP_RATIO: a zip bomb packs a thousandfold). While a
    part is read (_CountedPart): the bytes it unpacks to, the rows, cells and shared strings in it,
    and the time, so a part that lies about its size, or is slow to take apart, is stopped too.
    Counting as the bytes stream matters: openpyxl reads a sheet that declares no size whole, into
    a tree, just to find its size, before it reads it row by row."""

    def __init__(self, data: bytes, deadline: Deadline) -> None:
        super().__init__(io.BytesIO(data))
        self.deadline = deadline
        self.max_unpacked = UNPACKED_MB.value
        self.max_elements = {  # element -> its limit and the words after "more than N cells"
            b"row": (ROWS.value, ROWS, ""),
            b"c": (CELLS.value, CELLS, ""),
            b"si": (CELLS.value, CELLS, " (shared strings, each filling one cell at most)"),
        }
        if sum(info.file_size for info in self.infolist()) > self.max_unpacked:
            raise UNPACKED_MB.exceeded(f"the workbook unpacks to more than {UNPACKED_MB.text()}")
        for info in self.infolist():
            swell = info.file_size / max(info.compress_size, 1)
            if info.file_size > 2**20 and swell > ZIP_RATIO.value:
                raise ZIP_RATIO.exceeded(
                    f"{info.filename} unpacks to {swell:,.0f} times its packed size, "
                    f"more than {ZIP_RATIO.text()}"
                )

    def read(self, name, pwd=None) -> bytes:
        size = self.getinfo(name).file_size if isinstance(name, str) else name.file_size
        if size > PART_MB.value:
            raise PART_MB.exceeded(f"{name} is more than {PART_MB.text()}")
        return super().read(name, pwd)

    def open(self, name, mode="r", pwd=None, **kwargs):
        part = super().open(name, mode, pwd, **kwargs)
        return _CountedPart(part, self) if mode == "r" else part


_COUNTED = re.compile(rb"<(?:[\w.-]+:)?(row|c|si)[\s/>]")  # rows, cells, shared strings


class _CountedPart:
    """A part of a _Package as it is unpacked, checked chunk by chunk."""

    def __init__(self, part, package: _Package) -> None:
        self.part, self.package = part, package
        self.unpacked = 0
        self.counts: Counter[bytes] = Counter()
        self.tail = b""  # the end of the previous chunk: a tag may straddle two chunks

    def read(self, n: int = -1) -> bytes:
        chunk = self.part.read(n)
        self.package.deadline.check()
        self.unpacked += len(chunk)
        if self.unpacked > self.package.max_unpacked:
            raise UNPACKED_MB.exceeded(f"the workbook unpacks to more than {UNPACKED_MB.text()}")
        self.counts.update(_COUNTED.findall(self.tail + chunk))
        self.counts.subtract(_COUNTED.findall(self.tail))
        for element, (most, limit, words) in self.package.max_elements.items():
            if self.counts[element] > most:
                raise limit.exceeded(f"more than {limit.text()}{words}")
        self.tail = chunk[-32:]
        return chunk

    def __getattr__(self, name: str):
        return getattr(self.part, name)

    def __enter__(self) -> _CountedPart:
        return self

    def __exit__(self, *exc) -> None:
        self.part.close()


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
    """Articles from the good rows, and a reject (row number, reason) for each bad one. A file
    over one of the limits (data.limits) is refused whole, with the limit named."""
    deadline = Deadline()
    try:
        return _parse_rows(read_rows(data, source, deadline), source, ctx, mapping, deadline)
    except LimitExceeded as exc:
        raise SpreadsheetError(str(exc)) from None


def _parse_rows(
    rows: Iterator[list[str]],
    source: str,
    ctx: Context,
    mapping: dict[str, str] | None,
    deadline: Deadline,
) -> tuple[list[Article], list[RowReject]]:
    header = next((row for row in rows if any(row)), None)
    if header is None:
        raise SpreadsheetError("no header row")
    columns = column_map(header, mapping)
    if "title" not in columns and "outlet" not in columns:
        raise SpreadsheetError(
            "no headline or outlet column recognised in the header "
            f"({', '.join(h for h in header if h)}); name them with --map title=... outlet=..."
        )
    filled = [  # (row number, the mapped cells) of each row with something in it: no more is kept
        (number, {f: (row[i].strip() if i < len(row) else "") for f, i in columns.items()})
        for number, row in enumerate(rows, start=2)
        if any(cell.strip() for cell in row)
    ]
    if not filled:
        raise SpreadsheetError("no rows under the header")
    american = month_first([cells["date"] for _, cells in filled if "date" in cells])
    articles, rejects = [], []
    for number, cells in filled:
        deadline.check(f"row {number:,}: ")
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
