"""Bad input files, generated at test time: what editors may drop into an import by mistake.

Each case says what an import must do with it:
    REJECT  refuse the file (or the named spreadsheet row) with a reason containing `reason`
    IMPORT  import it cleanly: the documented formats (Latin-1, BOM, semicolons, extra columns)
    EITHER  refuse it with a reason, or import it cleanly (readable text, no control characters)
Nothing here may crash an import, and nothing refused may change the store. The attacks (`attack`)
are files made to exhaust a reader: each must be refused within the reliability bounds, checked on
the command line as a separate process (tests/data/test_bad_inputs.py).
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook

from data.ingest import MAX_FILE_BYTES
from tests import packed

REJECT, IMPORT, EITHER = "reject", "import", "either"
EXPERT = "Élodie Marchand-Vasseur"  # in the demo organisation's roster


@dataclass(frozen=True)
class BadInput:
    name: str  # the suffix chooses the reader, as it does for an editor's file
    data: bytes
    expect: str
    reason: str = ""  # words the rejection must contain (any case); "" = any reason
    row: int | None = None  # the spreadsheet row the rejection must name (1 = header)
    stored: str = ""  # for IMPORT: a title the store must then hold, exactly
    attack: bool = False  # made to exhaust a reader's time or memory

    def __str__(self) -> str:
        return self.name


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    text = "\r\n".join(delimiter.join(_quoted(c, delimiter) for c in row) for row in rows)
    return (text + "\r\n").encode(encoding)


def _quoted(cell: str, delimiter: str) -> str:
    if any(c in cell for c in (delimiter, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def page(title: str, outlet: str = "Le Monde", stamp: tuple[str, str, str] = ("12", "Mar", "2024"),
         expert: str = EXPERT) -> str:  # fmt: skip
    """An appearance page in the site's old layout (date stamp, header, byline, title)."""
    return "\n".join(
        [*stamp, "media In the Media", f"{expert}, interviewed by {outlet}", "", title, "",
         "The expert explained the stakes at length.", "", f"> Read the article on the {outlet} "
         "website"]
    )  # fmt: skip


HEADER = ["date", "outlet", "title", "experts", "url"]


def good_row(i: int) -> list[str]:
    return ["2024-03-12", "Le Monde", f"A sound appearance {i}", EXPERT,
            f"https://www.lemonde.fr/a/{i}"]  # fmt: skip


def attacks() -> list[BadInput]:
    """Files made to make a reader unpack, hold or spend without end: each is refused by a limit
    (data/limits.py), the error naming it, or read in bounded time and memory."""
    header = (packed.row(*HEADER), 1)
    clipping = packed.row("2024-03-12", "Le Monde", "An appearance", EXPERT, "")
    block = b"".join(packed.row(f"{random.Random(i).getrandbits(48):012x}") for i in range(1024))
    megabyte = clipping * (2**20 // len(clipping))
    million = [header, (block, 1024)]  # 1,048,577 rows (Excel's most), 60 MB unpacked
    formats = b"".join(  # styles that compress as little as real ones do
        f'<numFmt numFmtId="{i}" formatCode="{random.Random(i).getrandbits(64):x}"/>'.encode()
        for i in range(10_000)
    )
    wide = b"".join(f"<c><v>{i}</v></c>".encode() for i in range(100_000))
    strings = b"".join(f"<si><t>Appearance {i:07d}</t></si>".encode() for i in range(10_000))
    limit = "PRESSWATCH_MAX_"
    feed_head = b'<?xml version="1.0" encoding="utf-8"?>\n'
    return [
        BadInput(
            "unpacks_to_2_gib.xlsx",  # 8 MB packed
            packed.workbook([header, (megabyte, 2048)]),
            REJECT,
            limit + "UNPACKED_MB",
            attack=True,
        ),
        BadInput(
            "declares_a_small_size_and_unpacks_to_2_gib.xlsx",
            packed.workbook(
                [header, (megabyte, 2048)], declared={"xl/worksheets/sheet1.xml": 2**20}
            ),
            REJECT,
            attack=True,
        ),
        BadInput(
            "swells_300_fold.xlsx",  # 90 MB, under the unpacked limit, in 0.3 MB
            packed.workbook([header, (megabyte, 90)]),
            REJECT,
            limit + "ZIP_RATIO",
            attack=True,
        ),
        BadInput(
            "million_rows.xlsx",
            packed.workbook(million, dimension="A1:A1048577"),
            REJECT,
            limit + "ROWS",
            attack=True,
        ),
        BadInput(
            "million_rows_undeclared.xlsx",
            packed.workbook(million),
            REJECT,
            limit + "ROWS",
            attack=True,
        ),
        BadInput(
            "last_row_of_the_sheet.xlsx",
            packed.workbook([header, (b'<row r="1048576"><c><v>1</v></c></row>', 1)]),
            REJECT,
            limit + "ROWS",
            attack=True,
        ),
        BadInput(
            "last_column_of_the_sheet.xlsx",
            packed.workbook([header, (b'<row><c r="XFD2"><v>1</v></c></row>', 1)]),
            REJECT,
            limit + "COLUMNS",
            attack=True,
        ),
        BadInput(
            "three_million_cells_undeclared.xlsx",  # 30 rows of 100,000 cells, 60 MB unpacked
            packed.workbook([header, (b"<row>" + wide + b"</row>", 30)]),
            REJECT,
            limit + "CELLS",
            attack=True,
        ),
        BadInput(
            "two_million_shared_strings.xlsx",  # 60 MB of strings, each read whole when it opens
            packed.workbook(
                [header, (b'<row><c t="s"><v>1</v></c></row>', 1)],
                shared_strings=[(strings, 200)],
            ),
            REJECT,
            limit + "CELLS",
            attack=True,
        ),
        BadInput(
            "styles_of_20_mb.xlsx",
            packed.workbook(
                [header], styles=[(b"<numFmts>", 1), (formats, 40), (b"</numFmts>", 1)]
            ),
            REJECT,
            limit + "PART_MB",
            attack=True,
        ),
        BadInput(
            "eight_hundred_thousand_rows.csv",  # 18 MB
            csv_bytes([HEADER]) + b"2024-03-12,Le Monde,x\r\n" * 800_000,
            REJECT,
            limit + "ROWS",
            attack=True,
        ),
        BadInput(
            "hundred_thousand_columns.csv",
            csv_bytes([HEADER, good_row(1) + ["x"] * 100_000]),
            REJECT,
            limit + "COLUMNS",
            attack=True,
        ),
        BadInput(
            "cell_of_two_million_characters.csv",
            csv_bytes([HEADER + ["summary"], good_row(1) + ["x" * 2_000_000]]),
            REJECT,
            limit + "CELL_CHARS",
            attack=True,
        ),
        BadInput(
            "hundred_thousand_nested_divs.html",  # 1.1 MB
            b"<div>" * 100_000 + page("Deep").encode() + b"</div>" * 100_000,
            REJECT,
            limit + "NESTING",
            attack=True,
        ),
        BadInput(
            "million_paragraphs.html",  # 8 MB
            b"<html><body>" + b"<p>x</p>" * 1_000_000 + b"</body></html>",
            REJECT,
            limit + "ELEMENTS",
            attack=True,
        ),
        BadInput(
            "ten_megabytes_of_names.txt",  # every line a name presented as speaking
            b"Entretien avec Jeanne Duval-Marchetti, chercheuse, qui explique.\n" * 160_000,
            REJECT,
            limit + "PAGE_CHARS",
            attack=True,
        ),
        BadInput(
            "billion_laughs.xml",  # 1 KB declaring entities that expand to 3 GB
            feed_head
            + b'<!DOCTYPE rss [<!ENTITY l0 "lol">'
            + b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
            + b']><rss version="2.0"><channel><item><title>&l9;</title></item></channel></rss>',
            REJECT,
            "XML entities",
            attack=True,
        ),
        BadInput(
            "quadratic_blowup.rss",  # 0.5 MB: one 100 KB entity, written 100,000 times
            feed_head
            + b'<!DOCTYPE rss [<!ENTITY a "'
            + b"A" * 100_000
            + b'">]><rss version="2.0">'
            + b"<channel><item><title>"
            + b"&a;" * 100_000
            + b"</title></item></channel></rss>",
            REJECT,
            "XML entities",
            attack=True,
        ),
        BadInput(
            "half_a_million_entries.atom",  # 16 MB
            feed_head
            + b'<feed xmlns="http://www.w3.org/2005/Atom">'
            + b"<entry><title>x</title></entry>" * 500_000
            + b"</feed>",
            REJECT,
            limit + "ELEMENTS",
            attack=True,
        ),
        BadInput(
            "twenty_thousand_entries.rss",  # 1 MB, under the element limit
            feed_head
            + b'<rss version="2.0"><channel>'
            + b"<item><title>x</title></item>" * 20_000
            + b"</channel></rss>",
            REJECT,
            limit + "ENTRIES",
            attack=True,
        ),
    ]


def corpus(today: dt.date) -> list[BadInput]:
    rng = random.Random(20240312)
    noise = rng.randbytes(4096)
    future = (today + dt.timedelta(days=30)).isoformat()
    valid_xlsx = xlsx_bytes([HEADER, *[good_row(i) for i in range(40)]])
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    long_title = "Nucléaire : " + "très " * 2000 + "long"  # 10,000+ characters
    hostile = "\x1b[31mLe\x07 Monde\u202e\x00\u200b"
    return [
        # ---------- files with nothing to read
        BadInput("empty.txt", b"", REJECT, "no media appearance"),
        BadInput("empty.csv", b"", REJECT, "empty"),
        BadInput("empty.xlsx", b"", REJECT),
        BadInput("blank_lines.html", b"\n \n\t\r\n   \n", REJECT, "no media appearance"),
        BadInput("header_only.csv", csv_bytes([HEADER]), REJECT),
        BadInput("header_only.xlsx", xlsx_bytes([HEADER]), REJECT),
        BadInput("prose_without_appearance.txt", b"Minutes of the board meeting.\n" * 30, REJECT),
        # ---------- not what the name says
        BadInput("noise.txt", noise, REJECT),
        BadInput("noise.csv", noise, REJECT),
        BadInput("noise.xlsx", noise, REJECT),
        BadInput("photo.html", b"\x89PNG\r\n\x1a\n" + noise, REJECT),
        BadInput("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + noise, REJECT),
        BadInput("archive.xlsx", zipped.getvalue(), REJECT),
        BadInput("truncated.xlsx", valid_xlsx[: len(valid_xlsx) // 2], REJECT),
        BadInput("report.docx", b"PK\x03\x04" + noise, REJECT, "not a page or spreadsheet"),
        BadInput(
            "clippings", csv_bytes([HEADER, good_row(1)]), REJECT, "not a page or spreadsheet"
        ),
        BadInput("export.json", b'{"title": "x"}', REJECT, "not a page or spreadsheet"),
        # ---------- too big
        BadInput("huge.txt", page("Huge").encode() + b" " * MAX_FILE_BYTES, REJECT, "larger than"),
        BadInput(
            "huge.csv",
            csv_bytes([HEADER] + [good_row(i) for i in range(MAX_FILE_BYTES // 60)]),
            REJECT,
            "larger than",
        ),
        # ---------- columns
        BadInput("unknown_columns.csv", csv_bytes([["foo", "bar"], ["1", "2"]]), REJECT),
        BadInput("unknown_columns.xlsx", xlsx_bytes([["foo", "bar"], [1, 2]]), REJECT),
        BadInput("title_column_only.csv", csv_bytes([["title"], ["A title alone"]]), EITHER),
        BadInput(
            "extra_columns.csv",
            csv_bytes([HEADER + ["notes", "x"], good_row(1) + ["n", "y"]]),
            IMPORT,
        ),  # fmt: skip
        BadInput(
            "row_with_extra_fields.csv",
            csv_bytes([HEADER, good_row(1), good_row(2) + ["surplus", "cells"]]),
            EITHER,
        ),
        BadInput(
            "row_with_missing_fields.csv",
            csv_bytes([HEADER, good_row(1), ["2024-03-13", "Le Monde"]]),
            EITHER,
        ),
        BadInput(
            "unterminated_quote.csv",
            csv_bytes([HEADER, good_row(1)]) + b'2024-03-14,Le Monde,"never closed\r\n',
            EITHER,
        ),
        # ---------- dates
        BadInput(
            "future_date.csv",
            csv_bytes(
                [
                    HEADER,
                    good_row(1),
                    [future, "Le Monde", "Tomorrow's news", EXPERT, "https://www.lemonde.fr/f"],
                ]
            ),
            REJECT,
            "future",
            row=3,
        ),  # fmt: skip
        BadInput(
            "before_1900.csv",
            csv_bytes([HEADER, ["1850-06-01", "Le Monde", "Old news", EXPERT, ""], good_row(2)]),
            REJECT,
            "1900",
            row=2,
        ),  # fmt: skip
        BadInput(
            "impossible_date.csv",
            csv_bytes([HEADER, good_row(1), ["2024-02-31", "Le Monde", "Leap", EXPERT, ""]]),
            REJECT,
            "date",
            row=3,
        ),  # fmt: skip
        BadInput(
            "negative_year.csv",
            csv_bytes([HEADER, good_row(1), ["-2024-01-01", "Le Monde", "Minus", EXPERT, ""]]),
            REJECT,
            "not a full date",
            row=3,
        ),
        BadInput(
            "date_with_junk.csv",
            csv_bytes([HEADER, good_row(1), ["2024-01-02 <junk>", "Le Monde", "Junk", EXPERT, ""]]),
            REJECT,
            "not a full date",
            row=3,
        ),
        BadInput(
            "date_with_junk.xlsx",
            xlsx_bytes([HEADER, good_row(1), ["2024-01-02 junk", "Le Monde", "Junk", EXPERT, ""]]),
            REJECT,
            "not a full date",
            row=3,
        ),
        BadInput(
            "future_date.xlsx",
            xlsx_bytes(
                [
                    HEADER,
                    good_row(1),
                    [today + dt.timedelta(days=400), "Le Monde", "Next year's news", EXPERT, ""],
                ]
            ),
            REJECT,
            "future",
            row=3,
        ),  # fmt: skip
        BadInput(
            "future_stamp_page.txt",
            page("From the future", stamp=("01", "Jan", str(today.year + 2))).encode(),
            REJECT,
            "future",
        ),  # fmt: skip
        # ---------- values
        BadInput(
            "negative_reach.csv",
            csv_bytes([HEADER + ["reach"], good_row(1) + ["-5000"]]),
            REJECT,
            "reach",
            row=2,
        ),
        BadInput(
            "script_url.csv",
            csv_bytes([HEADER, ["2024-03-12", "Le Monde", "Click", EXPERT, "javascript:alert(1)"]]),
            EITHER,
        ),  # fmt: skip
        BadInput(
            "formula_cells.csv",
            csv_bytes(
                [
                    HEADER,
                    ["2024-03-12", '=HYPERLINK("http://evil.example","x")', "=1+1", EXPERT, ""],
                ]
            ),
            EITHER,
        ),  # fmt: skip
        BadInput(
            "formula_cells.xlsx",
            xlsx_bytes([HEADER, ["2024-03-12", "Le Monde", "=1+1", EXPERT, ""]]),
            EITHER,
        ),
        BadInput("duplicate_rows.csv", csv_bytes([HEADER, good_row(1), good_row(1)]), EITHER),
        # ---------- encodings
        BadInput(
            "latin1.csv",
            csv_bytes(
                [HEADER, ["2024-03-12", "Les Échos", "Sécurité énergétique", EXPERT, ""]], "cp1252"
            ),
            IMPORT,
            stored="Sécurité énergétique",
        ),  # fmt: skip
        BadInput("utf16.csv", csv_bytes([HEADER, good_row(1)], "utf-16"), EITHER),
        BadInput("utf16_page.txt", page("Énergie et sécurité").encode("utf-16"), EITHER),
        BadInput(
            "utf16_little_endian_without_bom.csv",
            csv_bytes([HEADER, good_row(1)], "utf-16-le"),
            IMPORT,
            stored="A sound appearance 1",
        ),
        BadInput(
            "utf16_big_endian_without_bom.txt",
            page("Énergie et sécurité").encode("utf-16-be"),
            IMPORT,
            stored="Énergie et sécurité",
        ),
        BadInput(
            "nul_in_the_header.csv",
            csv_bytes([HEADER, good_row(1)]).replace(b"date", b"da\0te", 1),
            IMPORT,
            stored="A sound appearance 1",
        ),
        BadInput(
            "mixed_encodings.csv",
            csv_bytes([HEADER, good_row(1)])
            + csv_bytes([["2024-03-13", "Les Échos", "Défense européenne", EXPERT, ""]], "cp1252"),
            EITHER,
        ),  # fmt: skip
        BadInput(
            "semicolons_with_bom.csv",
            b"\xef\xbb\xbf" + csv_bytes([HEADER, good_row(1)], delimiter=";"),
            IMPORT,
            stored="A sound appearance 1",
        ),
        # ---------- odd text
        BadInput(
            "control_characters.csv",
            csv_bytes(
                [
                    HEADER,
                    ["2024-03-12", hostile, "Title\x1b[2J with\x08 escapes", EXPERT + "\x07", ""],
                ]
            ),
            EITHER,
        ),  # fmt: skip
        BadInput(
            "control_characters_page.txt",
            page("Title\x1b[2J\x00 with escapes", outlet=hostile).encode(),
            EITHER,
        ),
        BadInput(
            "nul_bytes.csv", csv_bytes([HEADER, good_row(1)]).replace(b"sound", b"so\0und"), EITHER
        ),
        BadInput(
            "title_10000_characters.csv",
            csv_bytes([HEADER, ["2024-03-12", "Le Monde", long_title, EXPERT, ""]]),
            EITHER,
        ),
        BadInput("title_10000_characters.txt", page(long_title).encode(), EITHER),
        BadInput(
            "giant_cell.csv",
            csv_bytes([HEADER + ["summary"], good_row(1) + ["x" * 300_000]]),
            EITHER,
        ),
        BadInput(
            "script_in_page.html",
            (
                b"<html><head><script>alert('head')</script></head><body><h1>Le Monde"
                b"<script>document.cookie</script></h1><p>"
                + page("A page with scripts").replace("\n", "</p><p>").encode()
                + b"</p><img src=x onerror=alert(1)>"
                b"</body></html>"
            ),
            EITHER,
        ),  # fmt: skip
        BadInput(
            "deeply_nested.html",
            b"<div>" * 20_000 + page("Deep").encode() + b"</div>" * 20_000,
            EITHER,
        ),
        BadInput(
            "thousand_columns.xlsx",
            xlsx_bytes([HEADER + [f"c{i}" for i in range(1000)], good_row(1) + ["v"] * 1000]),
            EITHER,
        ),  # fmt: skip
        *attacks(),
    ]
