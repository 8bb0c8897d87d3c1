"""What calamine does not tell about an .xlsb package: merged ranges and error cells.

calamine reports no merged ranges for .xlsb and python-calamine turns error cells into
empty strings; both matter for reading a report's header, so the binary sheet parts are
walked record by record (BrtRowHdr, BrtCellError, BrtFmlaError, BrtMergeCell).
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable, Iterator

from workbench.models.reading.biff import ERROR_CODES
from workbench.models.reading.ooxml import _relationships, workbook_part
from workbench.models.reading.package import member_index
from workbench.models.reading.workbook import MergedRange

_CHUNK = 4 * 1024 * 1024
_ROW_HEADER, _CELL_ERROR, _FORMULA_ERROR, _MERGE_CELL, _BUNDLE_SHEET = 0x00, 0x03, 0x0B, 0xB0, 0x9C
# Cell records (BrtCellBlank .. BrtFmlaError, BrtCellRString); blank cells are counted too,
# since over-counting only makes the size check stricter, never lets a bomb through.
_CELL_RECORDS = frozenset(range(0x01, 0x0C)) | {0x3E}
_MAX_RECORD = 16 * 1024 * 1024  # no sheet record is this long; a bigger length means damage


def _varint(buffer: bytes, pos: int, max_bytes: int) -> tuple[int, int] | None:
    value = 0
    for i in range(max_bytes):
        if pos + i >= len(buffer):
            return None
        byte = buffer[pos + i]
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            return value, pos + i + 1
    return value, pos + max_bytes


def _records(stream, check: Callable[[], None]) -> Iterator[tuple[int, bytes]]:
    buffer = b""
    pos = 0
    eof = False
    while True:
        header = _varint(buffer, pos, 2)
        size = _varint(buffer, header[1], 4) if header is not None else None
        if size is not None and size[0] > _MAX_RECORD:
            return
        if header is None or size is None or size[1] + size[0] > len(buffer):
            if eof:
                return
            check()
            chunk = stream.read(_CHUNK)
            eof = not chunk
            buffer = buffer[pos:] + chunk
            pos = 0
            continue
        start = size[1]
        pos = start + size[0]
        yield header[0], buffer[start:pos]


def xlsb_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> real member name of its binary part, for the sheets that can be found."""
    index = member_index(archive)
    part = workbook_part(archive, index, binary=True)
    if part not in index:
        return {}
    rels = _relationships(archive, index, part)
    parts: dict[str, str] = {}
    with archive.open(index[part]) as stream:
        for typ, body in _records(stream, lambda: None):
            if typ != _BUNDLE_SHEET or len(body) < 12:
                continue
            rel_id, pos = _wide_string(body, 8)
            name, _ = _wide_string(body, pos)
            target = rels.get(rel_id or "")
            if name and target in index:
                parts.setdefault(name, index[target])
    return parts


def _wide_string(body: bytes, pos: int) -> tuple[str | None, int]:
    if pos + 4 > len(body):
        return None, len(body)
    count = struct.unpack_from("<I", body, pos)[0]
    if count == 0xFFFFFFFF:
        return None, pos + 4
    end = pos + 4 + 2 * count
    return body[pos + 4:end].decode("utf-16-le", "replace"), end


def xlsb_sheet_extras(
    archive: zipfile.ZipFile, member: str, check: Callable[[], None]
) -> tuple[tuple[int, int], dict[tuple[int, int], str], list[MergedRange]]:
    """Extent, error cells {(row, col): code} and merged ranges of one binary sheet part.

    The extent is (rows, cols) from A1 to the farthest cell record, needed before
    calamine allocates the sheet densely (see :mod:`workbench.models.reading.extent`).

    Parameters
    ----------
    archive
        The open package.
    member
        The sheet's member name.
    check
        Called between chunks so a long walk can be cancelled or timed out.
    """
    errors: dict[tuple[int, int], str] = {}
    merged: list[MergedRange] = []
    row = rows = cols = 0
    with archive.open(member) as stream:
        for typ, body in _records(stream, check):
            if typ == _ROW_HEADER and len(body) >= 4:
                row = struct.unpack_from("<I", body)[0]
            elif typ in _CELL_RECORDS and len(body) >= 4:
                col = struct.unpack_from("<I", body)[0]
                rows, cols = max(rows, row + 1), max(cols, col + 1)
                if typ in (_CELL_ERROR, _FORMULA_ERROR) and len(body) >= 9:
                    errors[(row, col)] = ERROR_CODES.get(body[8], "#N/A")
            elif typ == _MERGE_CELL and len(body) >= 16:
                first_row, last_row, first_col, last_col = struct.unpack_from("<IIII", body)
                if first_row <= last_row and first_col <= last_col:
                    merged.append(MergedRange(first_row, first_col, last_row, last_col))
    return (rows, cols), errors, merged

