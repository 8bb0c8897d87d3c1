"""How big a sheet of an .xlsx/.xlsm package really is, found before calamine parses it.

calamine builds every sheet as one dense block from its first to its last value. A
40-kilobyte file with a value in A1 and another in XFD1048576 therefore asks for 17
billion cells (550 GB) and the allocation failure aborts the whole process: no Python
exception, the desktop app simply vanishes. The ``<dimension>`` element cannot be trusted
for this, so the sheet XML is scanned here for the cells that carry a value (calamine
skips style-only cells, which are self-closing) and their extent is checked against
the cell limit first.

Most sheets are settled by :func:`xlsx_scan`'s quick pass, which looks only at the row
tags and at the few cell references that could lie far out, and bounds the extent from
above; only a sheet whose bound exceeds the room left falls back to the exact count of
:func:`xlsx_extent` (the common case by C-speed regular expressions, anything else by a
tag-by-tag walk).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

_CHUNK = 4 * 1024 * 1024
# A cell start tag with a reference and not self-closing (calamine keeps only those):
# one pattern yields its column letters, the other its row number. Two flat lists
# deduplicated by set() cost far less than one list of (letters, digits) tuples.
_VALUED_COLUMN = re.compile(rb"""<c\s[^>]*?\br\s*=\s*["']([A-Za-z]{1,3})[0-9]+["'][^>/]*>""")
_VALUED_ROW = re.compile(rb"""<c\s[^>]*?\br\s*=\s*["'][A-Za-z]{1,3}([0-9]+)["'][^>/]*>""")
_CELL_START = re.compile(rb"<c[\s>/]")
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s>/])([^>]*)>")
_REF = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]{0,3})\$?([0-9]+)["']""")


def column_number(letters: bytes) -> int:
    """1-based column number of ``b"A"`` .. ``b"XFD"``."""
    number = 0
    for byte in letters.upper():
        number = number * 26 + byte - 64
    return number


def _chunks(archive: zipfile.ZipFile, member: str, check: Callable[[], None]):
    """Decompressed buffers that each end just before an unfinished tag."""
    tail = b""
    with archive.open(member) as stream:
        while True:
            check()
            chunk = stream.read(_CHUNK)
            if not chunk:
                if tail:
                    yield tail
                return
            buffer = tail + chunk
            cut = buffer.rfind(b"<")
            cut = len(buffer) if cut < 0 else cut
            tail = buffer[cut:]
            yield buffer[:cut]


_ROW_TAG = re.compile(rb'<row r="([0-9]+)"')
_WIDE_COLUMN = re.compile(rb'<c r="([A-Z]{2,3})[0-9]')
_ERROR_MARKS = (b'"e"', b"'e'")


@dataclass(frozen=True)
class SheetScan:
    """What the scan found: an extent (exact or an upper bound) and whether error cells may exist."""

    rows: int
    cols: int
    may_have_errors: bool


def _far_rows(bound_of: int) -> re.Pattern:
    """Cell references whose row may exceed the bound derived from the highest row tag.

    For a highest row tag R of D digits with leading two digits P, a reference of more than
    D digits, or of D digits led by more than P, is flagged; every other cell lies below
    (P + 1) * 10 ** (D - 2). The bound is loose by at most 10 %, and exact enough to decide.
    """
    digits = str(bound_of)
    width = len(digits)
    if width <= 2:
        return re.compile(rb'<c r="[A-Z]{1,3}[0-9]{3,}"')
    first, second = int(digits[0]), int(digits[1])
    higher = []
    if first < 9:
        higher.append(b"[%d-9][0-9]" % (first + 1))
    if second < 9:
        higher.append(b"%d[%d-9]" % (first, second + 1))
    alternatives = [b"[0-9]{%d,}" % (width + 1)]
    if higher:
        alternatives.append(b"(?:" + b"|".join(higher) + b")[0-9]{%d}" % (width - 2))
    return re.compile(rb'<c r="[A-Z]{1,3}(?:' + b"|".join(alternatives) + rb')"')


def _row_bound(highest: int) -> int:
    digits = str(highest)
    if len(digits) <= 2:
        return 99
    return (int(digits[:2]) + 1) * 10 ** (len(digits) - 2)


def xlsx_scan(archive: zipfile.ZipFile, member: str, check: Callable[[], None], room: int) -> SheetScan:
    """The extent of one sheet part, settled in one quick pass when it fits ``room`` cells.

    The quick pass trusts nothing it does not check: a cell without a plain ``r``
    reference, a prefixed tag, or a reference beyond the bound from the row tags sends the
    sheet to the exact count, and so does a bound larger than ``room``.
    """
    highest = 0
    wide: set[bytes] = set()
    marks = False
    for buffer in _chunks(archive, member, check):
        cells = buffer.count(b"<c ") + buffer.count(b"<c>")
        if b":c " in buffer or b":c>" in buffer or buffer.count(b'<c r="') != cells:
            return _exact(archive, member, check)
        rows = _ROW_TAG.findall(buffer)
        if rows:
            highest = max(highest, max(map(int, rows)))
        if cells and _far_rows(highest).search(buffer):
            return _exact(archive, member, check)
        if b'<c r="' in buffer and _WIDE_COLUMN.search(buffer):
            wide.update(_WIDE_COLUMN.findall(buffer))
        marks = marks or any(mark in buffer for mark in _ERROR_MARKS)
    cols = max((column_number(letters) for letters in wide), default=26)
    rows = _row_bound(highest) if highest else 0
    if rows * cols > room:
        return _exact(archive, member, check)
    return SheetScan(rows, cols, marks)


def _exact(archive: zipfile.ZipFile, member: str, check: Callable[[], None]) -> SheetScan:
    rows, cols = xlsx_extent(archive, member, check)
    return SheetScan(rows, cols, True)


def xlsx_extent(archive: zipfile.ZipFile, member: str, check: Callable[[], None]) -> tuple[int, int]:
    """(rows, cols) from A1 to the farthest cell with a value in one sheet part.

    Parameters
    ----------
    archive
        The open package.
    member
        The sheet's member name.
    check
        Called between chunks so a long scan can be cancelled or timed out.
    """
    rows = cols = 0
    letters: set[bytes] = set()
    for buffer in _chunks(archive, member, check):
        # Cells with a reference, counted from the r attributes minus the rows' own
        # (any "row " counts, prefixed or not). Every miscount errs towards too few, which
        # only sends a normal sheet down the slower exact walk, never lets a cell hide.
        with_ref = buffer.count(b' r="') + buffer.count(b" r='") - buffer.count(b"row ")
        if b":c " in buffer or b":c>" in buffer or len(_CELL_START.findall(buffer)) > with_ref:
            return _walk(archive, member, check)  # prefixed tags, or cells without reference
        letters.update(_VALUED_COLUMN.findall(buffer))
        row_numbers = set(_VALUED_ROW.findall(buffer))
        if row_numbers:
            rows = max(rows, max(map(int, row_numbers)))
    if letters:
        cols = max(column_number(item) for item in letters)
    return rows, cols


def _walk(archive: zipfile.ZipFile, member: str, check: Callable[[], None]) -> tuple[int, int]:
    """Tag-by-tag extent for sheets with prefixed tags or cells without references."""
    rows = cols = 0
    row = col = 0  # 1-based position of the current row and of the last cell seen
    for buffer in _chunks(archive, member, check):
        for match in _TAG.finditer(buffer):
            attrs = match.group(2)
            ref = _REF.search(attrs)
            if match.group(1) == b"row":
                row = int(ref.group(2)) if ref else row + 1
                col = 0
                continue
            if ref and ref.group(1):
                col, cell_row = column_number(ref.group(1)), int(ref.group(2))
            else:
                col, cell_row = col + 1, row
            if not attrs.endswith(b"/"):
                rows, cols = max(rows, cell_row), max(cols, col)
    return rows, cols
