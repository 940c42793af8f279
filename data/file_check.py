"""Whether a DuckDB file is whole: a store cut short by a copy or a full disk is refused when it
is opened, not when a query reaches the missing part.
"""

from __future__ import annotations

import itertools
import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import duckdb


class TruncatedFile(Exception):
    """The file ends before the last block its database uses: a copy or a disk cut it short."""


# DuckDB reads a file's catalog when it opens it and every other block only when a query needs
# it, so a file cut short opens and fails (or answers from what is left) later. The file must
# reach the end of its last block in use. Not of its last block: DuckDB trims free blocks off the
# end of the file but keeps counting them (a store cleared of the demo is two blocks shorter than
# its count), so the free list says which are in use. The layout DuckDB 2.0 writes (measured on
# real stores): a 4 KiB file header and two 4 KiB database headers, then blocks of `block_size`
# bytes, each starting with an 8-byte checksum. The current database header (the higher
# iteration) points to the free list, kept in a metadata block: 64 slots, each starting with a
# pointer to the next slot (slot << 56 | block id).
HEADER_BYTES = 3 * 4096
DATABASE_HEADERS = (4096, 8192)
BLOCK_CHECKSUM_BYTES = 8
METADATA_SLOTS = 64
NO_POINTER = 2**64 - 1
BLOCKS_SQL = """
SELECT block_size, total_blocks, free_blocks FROM pragma_database_size()
WHERE database_name = current_database()
"""


def check_whole(con: duckdb.DuckDBPyConnection, file: Path) -> None:
    """Raise TruncatedFile if `file`, open in `con`, is shorter than the blocks it uses."""
    block_size, total, free = con.execute(BLOCKS_SQL).fetchone()
    with open(file, "rb") as raw:
        size = os.fstat(raw.fileno()).st_size
        free_ids = _free_list(raw, block_size, free)
    if free_ids is None:  # a layout this code does not know: only the count of used blocks
        needed = total - free
    else:
        needed = next((b + 1 for b in range(total - 1, -1, -1) if b not in free_ids), 0)
    if size < HEADER_BYTES + needed * block_size:
        raise TruncatedFile(
            f"the file is {size:,} bytes but its data runs to "
            f"{HEADER_BYTES + needed * block_size:,} bytes: it was cut short"
        )


def _free_list(raw: BinaryIO, block_size: int, expected: int) -> set[int] | None:
    """The free block ids the file's current header records; None if they are not `expected`."""
    headers = [struct.unpack("<8xQQQ", _read(raw, offset, 32)) for offset in DATABASE_HEADERS]
    _, _, pointer = max(headers)
    if pointer == NO_POINTER:
        return set() if expected == 0 else None
    try:
        values = _metadata_values(raw, pointer, block_size)
        if next(values) != expected:
            return None
        free_ids = set(itertools.islice(values, expected))
    except (struct.error, StopIteration):
        return None
    return free_ids if len(free_ids) == expected else None


def _metadata_values(raw: BinaryIO, pointer: int, block_size: int) -> Iterator[int]:
    """The 8-byte values written from `pointer` on, following the chain of metadata slots."""
    slot_bytes = (block_size - BLOCK_CHECKSUM_BYTES) // METADATA_SLOTS // 8 * 8
    while pointer != NO_POINTER:
        block, slot = pointer & (2**56 - 1), pointer >> 56
        start = HEADER_BYTES + block * block_size + BLOCK_CHECKSUM_BYTES + slot * slot_bytes
        pointer, *values = struct.unpack(f"<{slot_bytes // 8}Q", _read(raw, start, slot_bytes))
        yield from values


def _read(raw: BinaryIO, offset: int, length: int) -> bytes:
    raw.seek(offset)
    return raw.read(length)
