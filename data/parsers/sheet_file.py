"""A spreadsheet file as rows of text cells, read as a stream under the limits (data/limits.py).

CSV: UTF-8 (with or without BOM), UTF-16 (by its BOM or its NULs), Windows-1252 or Latin-1; the
delimiter (comma, semicolon, tab or bar) is the one that splits the top of the file into rows of
one width. XLSX: the first sheet, through openpyxl's read-only mode, every part of the package
checked before and while it is unpacked. What was found (encoding, delimiter, sheet) is written
to a FileForm, for the import summary and --explain.
"""

from __future__ import annotations

import codecs
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
from data.parsers.text import MAX_FILE_BYTES, decode, looks_binary, strip_controls

# No cell is longer than its file; CELL_CHARS, checked as rows are read, says how long one may be.
csv.field_size_limit(MAX_FILE_BYTES)
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
_SAMPLE = 65536  # characters of the top of a CSV file its delimiter is chosen from


@dataclass
class FileForm:
    """How the file is written: 'UTF-16 with BOM, tab-separated, CRLF' or 'Excel, sheet Sheet0'."""

    encoding: str = ""
    delimiter: str = ""
    line_ends: str = ""
    sheet: str = ""

    def __str__(self) -> str:
        if self.sheet:
            return f"Excel workbook, sheet {self.sheet!r}"
        parts = [self.encoding, f"{DELIMITERS.get(self.delimiter, self.delimiter)}-separated"]
        return ", ".join(p for p in (*parts, self.line_ends) if p)


class SpreadsheetError(ValueError):
    """A file that cannot be read as a table at all (the message says why)."""


def read_rows(
    data: bytes, source: str, deadline: Deadline | None = None, form: FileForm | None = None
) -> Iterator[list[str]]:
    """The table as text cells, header first, one row at a time: no more of the file than a row
    is held, and LimitExceeded (naming the row) stops the reading at the first row past a limit
    on rows, columns, cells, characters in a cell or seconds."""
    deadline = deadline or Deadline()
    xlsx = source.lower().endswith(".xlsx")
    form = form if form is not None else FileForm()
    rows = _workbook_rows(data, deadline, form) if xlsx else _csv_rows(data, source, form)
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


def _csv_rows(data: bytes, source: str, form: FileForm) -> Iterator[list[str]]:
    if not data.strip():
        raise SpreadsheetError("the file is empty")
    if looks_binary(data):
        raise SpreadsheetError("not a CSV text file (binary data: an image, a PDF or an archive?)")
    form.encoding = _encoding(data)
    text = decode(data)
    form.delimiter = _delimiter(text, source)
    form.line_ends = "CRLF" if "\r\n" in text[:_SAMPLE] else ""
    try:
        yield from csv.reader(_lines(text), delimiter=form.delimiter)
    except csv.Error as exc:
        raise SpreadsheetError(f"not a readable CSV file ({exc})") from exc


def _lines(text: str) -> Iterator[str]:
    """The lines of the text with their ends (CRLF, LF or CR), one at a time: a StringIO of the
    whole file would hold it again, four bytes a character."""
    for line in _LINE.finditer(text):
        if line.group():
            yield line.group()


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _encoding(data: bytes) -> str:
    """The encoding decode() read the file in, as a person names it."""
    if data.startswith(codecs.BOM_UTF16_LE):
        return "UTF-16LE with BOM"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "UTF-16BE with BOM"
    if data[:4096].count(0) > len(data[:4096]) // 4:
        return "UTF-16"
    if data.startswith(codecs.BOM_UTF8):
        return "UTF-8 with BOM"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "Windows-1252"
    return "UTF-8"


def _delimiter(text: str, source: str) -> str:
    """The delimiter that splits most rows at the top of the file into rows of one width (of two
    cells or more): a title or a note above the header, or a comma inside a quoted headline, does
    not sway it."""
    sample = text[:_SAMPLE]
    if len(text) > _SAMPLE:
        sample = sample[: sample.rfind("\n") + 1] or sample
    candidates = ("\t", ",", ";", "|") if source.lower().endswith(".tsv") else (",", ";", "\t", "|")
    best, best_rows = candidates[0], 0
    for delimiter in candidates:
        try:
            widths = Counter(
                len(row) for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            )
        except csv.Error:
            continue
        rows = max((n for width, n in widths.items() if width > 1), default=0)
        if rows > best_rows:
            best, best_rows = delimiter, rows
    return best


def _workbook_rows(data: bytes, deadline: Deadline, form: FileForm) -> Iterator[list[str]]:
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
        form.sheet = sheet.title
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
