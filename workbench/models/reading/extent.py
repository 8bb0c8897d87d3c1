"""How big a sheet of an .xlsx/.xlsm package really is, found before calamine parses it.

calamine builds every sheet as one dense block from its first to its last value. A
40-kilobyte file with a value in A1 and another in XFD1048576 therefore asks for 17
billion cells (550 GB) and the allocation failure aborts the whole process: no Python
exception, the desktop app simply vanishes. The ``<dimension>`` element cannot be trusted
for this, so the sheet XML is scanned here for the cells that carry a value (calamine
skips style-only cells, which are self-closing) and their extent is checked against
the cell limit first.

The common case (every cell has an ``r`` reference, no namespace prefix) is handled by
C-speed regular expressions; anything else falls back to a tag-by-tag walk.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable

_CHUNK = 4 * 1024 * 1024
# A cell start tag with a reference and not self-closing: calamine keeps only those.
_VALUED = re.compile(rb"""<c\s[^>]*?\br\s*=\s*["']([A-Za-z]{1,3})([0-9]+)["'][^>/]*>""")
_PREFIXED_CELL = re.compile(rb"<[A-Za-z_][\w.-]*:c[\s>/]")
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
    first = True
    for buffer in _chunks(archive, member, check):
        if first and _PREFIXED_CELL.search(buffer):
            return _walk(archive, member, check)
        first = False
        found = _VALUED.findall(buffer)
        # Cells with a reference, counted from the r attributes (rows carry one too);
        # an undercount only sends a normal sheet down the slower, exact path.
        with_ref = buffer.count(b' r="') + buffer.count(b" r='") - buffer.count(b"<row ")
        if buffer.count(b"<c ") + buffer.count(b"<c>") > with_ref:
            return _walk(archive, member, check)  # some cells have no reference
        if found:
            col_part, row_part = zip(*found)
            letters.update(col_part)
            rows = max(rows, max(map(int, set(row_part))))
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
