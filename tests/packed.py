"""Workbooks packed by hand, so a hostile one costs milliseconds to make however much it unpacks to.

A part is a list of (piece, times): each piece is compressed once and its compressed copy repeated.
That is valid deflate data because each copy ends with a full flush (byte-aligned, referring to
nothing before it). Its CRC-32 is combined from the piece's, never computed over the whole.

    workbook(sheet_rows=[(b"<row>...</row>", 1_000_000)])   # an .xlsx of a million rows
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"


@dataclass(frozen=True)
class Part:
    name: str
    packed: bytes  # raw deflate data
    crc: int
    size: int  # unpacked bytes

    @classmethod
    def of(cls, name: str, pieces: list[tuple[bytes, int]]) -> Part:
        packed, crc, size = [], 0, 0
        for piece, times in pieces:
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            packed.append((packer.compress(piece) + packer.flush(zlib.Z_FULL_FLUSH)) * times)
            crc = crc32_combine(crc, crc32_repeated(piece, times), len(piece) * times)
            size += len(piece) * times
        packed.append(zlib.compressobj(9, zlib.DEFLATED, -15).flush())  # the final, empty block
        return cls(name, b"".join(packed), crc, size)


def zip_file(parts: list[Part], declared: dict[str, int] | None = None) -> bytes:
    """A zip file of the parts; `declared` gives a part's size as written in the file (a lie)."""
    out, central = io.BytesIO(), []
    for part in parts:
        name, size = part.name.encode(), (declared or {}).get(part.name, part.size)
        fields = (8, 0, 0x21, part.crc, len(part.packed), size, len(name))  # deflated, 1980-01-01
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, *fields, 0) + name + part.packed)
        central.append(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, *fields, 0, 0, 0, 0, 0, offset)
            + name
        )
    start = out.tell()
    out.write(b"".join(central))
    count, length = len(central), out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, length, start, 0))
    return out.getvalue()


def workbook(
    sheet_rows: list[tuple[bytes, int]],
    dimension: str | None = None,
    shared_strings: list[tuple[bytes, int]] | None = None,
    styles: list[tuple[bytes, int]] | None = None,
    declared: dict[str, int] | None = None,
) -> bytes:
    """An .xlsx whose first sheet's <sheetData> holds `sheet_rows` (inline strings, or indexes
    into `shared_strings`); `dimension` is the size it declares, e.g. 'A1:E1048576'."""
    overrides = [("/xl/workbook.xml", "sheet.main"), ("/xl/worksheets/sheet1.xml", "worksheet")]
    parts = []
    if shared_strings is not None:
        overrides.append(("/xl/sharedStrings.xml", "sharedStrings"))
        parts.append(
            Part.of(
                "xl/sharedStrings.xml",
                [(f'<sst xmlns="{MAIN}">'.encode(), 1), *shared_strings, (b"</sst>", 1)],
            )
        )
    if styles is not None:
        overrides.append(("/xl/styles.xml", "styles"))
        parts.append(
            Part.of(
                "xl/styles.xml",
                [(f'<styleSheet xmlns="{MAIN}">'.encode(), 1), *styles, (b"</styleSheet>", 1)],
            )
        )
    types = "".join(
        f'<Override PartName="{name}" ContentType="{TYPES}.{kind}+xml"/>'
        for name, kind in overrides
    )
    size = f'<dimension ref="{dimension}"/>' if dimension else ""
    parts += [
        Part.of(
            "[Content_Types].xml",
            [
                (
                    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
                    f'.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                    f"{types}</Types>".encode(),
                    1,
                )
            ],
        ),
        Part.of(
            "_rels/.rels",
            [(_relationships([("officeDocument", "xl/workbook.xml")]).encode(), 1)],
        ),
        Part.of(
            "xl/workbook.xml",
            [
                (
                    f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets><sheet name="Clippings"'
                    ' sheetId="1" r:id="rId1"/></sheets></workbook>'.encode(),
                    1,
                )
            ],
        ),
        Part.of(
            "xl/_rels/workbook.xml.rels",
            [(_relationships([("worksheet", "worksheets/sheet1.xml")]).encode(), 1)],
        ),
        Part.of(
            "xl/worksheets/sheet1.xml",
            [
                (f'<worksheet xmlns="{MAIN}">{size}<sheetData>'.encode(), 1),
                *sheet_rows,
                (b"</sheetData></worksheet>", 1),
            ],
        ),
    ]
    return zip_file(parts, declared)


def _relationships(targets: list[tuple[str, str]]) -> str:
    links = "".join(
        f'<Relationship Id="rId{i}" Type="{RELS}/{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(targets, start=1)
    )
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    return f'<Relationships xmlns="{package}">{links}</Relationships>'


def row(*cells: str) -> bytes:
    """A sheet row of inline strings."""
    return (
        "<row>" + "".join(f'<c t="inlineStr"><is><t>{c}</t></is></c>' for c in cells) + "</row>"
    ).encode()


# ---------- CRC-32 of repeated bytes, combined as zlib's crc32_combine does (matrices over GF(2))


def crc32_repeated(piece: bytes, times: int) -> int:
    crc, copy, copy_len = 0, zlib.crc32(piece), len(piece)
    while times:
        if times & 1:
            crc = crc32_combine(crc, copy, copy_len)
        copy, copy_len = crc32_combine(copy, copy, copy_len), copy_len * 2
        times >>= 1
    return crc


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """The CRC-32 of a + b from crc(a), crc(b) and len(b): crc(a) run through len(b) zero bytes."""
    k = 0
    while len2:
        if len2 & 1:
            crc1 = _times(_zero_bytes(k), crc1)
        len2 >>= 1
        k += 1
    return crc1 ^ crc2


@lru_cache(maxsize=64)
def _zero_bytes(k: int) -> tuple[int, ...]:
    """The operator (a 32x32 bit matrix, one int a column) for 2**k zero bytes."""
    if k == 0:
        one_bit = (0xEDB88320, *(1 << n for n in range(31)))
        return _square(_square(_square(one_bit)))
    return _square(_zero_bytes(k - 1))


def _times(matrix: tuple[int, ...], vector: int) -> int:
    total, i = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def _square(matrix: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(_times(matrix, column) for column in matrix)
