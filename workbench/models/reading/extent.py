"""How big a sheet of an .xlsx/.xlsm package really is, found before calamine parses it.

calamine builds every sheet as one dense block from its first to its last value. A
40-kilobyte file with a value in A1 and another in XFD1048576 therefore asks for 17
billion cells (550 GB) and the allocation failure aborts the whole process: no Python
exception, the desktop app simply vanishes. The ``<dimension>`` element cannot be trusted
for this, so the sheet XML itself is scanned and the extent checked against the cell
limit first.

What calamine 0.37 (quick-xml 0.42) does with the XML decides what the scan must see:

* every element whose *local* name is ``c`` is a cell, whatever its prefix or namespace;
* empty elements are expanded: ``<c r="Z1"/>`` holds no value (calamine drops it) but
  moves the running column, and ``<row r="90"/>`` moves the running row;
* a cell's place comes from the *last* attribute named exactly ``r`` (``x:r`` is another
  attribute; attributes need no space between them), or, without one, from the running
  position: the column after the previous cell, in the row set by the last row tag's
  ``r`` and advanced by every ``</row>``;
* comments and CDATA hide tags: text in them is no element.

The scan may over-estimate the extent (that only costs time), never under-estimate it.
Most sheets are settled by :func:`xlsx_scan`'s quick pass, which bounds the extent from
above in a few C-speed passes over each decompressed chunk; a sheet whose bound exceeds
the room left, or whose XML is unusual in any way, falls back to the exact count of
:func:`xlsx_extent`. calamine's real extent is checked again, exactly, after its parse
(``Budget.take_cells``), so the bound only has to keep calamine's allocation below what the
limit allows anyway; no slack is added, as one over the limit would let calamine allocate
more than the largest sheet that is accepted.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

_CHUNK = 2 * 1024 * 1024  # small enough to stay in the CPU cache between the passes
_MAX_DIGITS = 12  # a row number longer than this counts as "too far" without parsing it
_ANYWHERE = 10**_MAX_DIGITS


def _squeeze_table() -> bytes:
    """Byte map for a translation that also deletes whitespace (see :data:`_SPACE`).

    ``'`` and ``=`` become ``"`` and ``e`` becomes ``r``. Squeezed so, any attribute named
    ``r`` that is not the first of its tag reads ``"r""`` however it is spaced (quick-xml
    takes attributes with or without space between them, and calamine keeps a tag's *last*
    ``r``), and an error mark ``t="e"`` reads ``t""r"``: one search for ``"r"`` finds both,
    and is rare enough in sheet data that the chunk that has it is simply looked at again.
    """
    table = bytearray(range(256))
    table[ord("'")] = table[ord("=")] = ord('"')
    table[ord("e")] = ord("r")
    return bytes(table)


_SQUEEZE = _squeeze_table()
_SPACE = b" \t\r\n"
_QUOTE_R = b'"r"'  # an r attribute that is not the first of its tag, or an error mark
_LATER_R = b'"r""'  # the former
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_LAST_ROW_TAG = b'<row r="'
_DIGITS = re.compile(rb"[0-9]+")
_WIDE_AT = re.compile(rb'<c r="[A-Z]{2}')
_REF_AT = re.compile(rb'<c r="[A-Z]{1,3}([0-9]+)"')
# Column letters of two or three letters after any r attribute (a superset of the cells').
_WIDE_LETTERS = re.compile(rb"""r=["']([A-Z]{2,3})[0-9]""")


def column_number(letters: bytes) -> int:
    """1-based column number of ``b"A"`` .. ``b"XFD"`` (and beyond, for hostile files)."""
    if len(letters) > 4:
        return _ANYWHERE  # far past XFD: no need to compute how far
    number = 0
    for byte in letters.upper():
        number = number * 26 + byte - 64
    return number


def _number(digits: bytes) -> int:
    return int(digits) if len(digits) <= _MAX_DIGITS else _ANYWHERE


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
            buffer = tail + chunk if tail else chunk
            cut = buffer.rfind(b"<")
            if cut == 0:  # one tag longer than a chunk: wait for its end
                tail = buffer
                continue
            cut = len(buffer) if cut < 0 else cut
            tail = buffer[cut:]
            yield buffer[:cut]


@dataclass(frozen=True)
class SheetScan:
    """What the scan found: an extent (exact or an upper bound) and whether error cells may exist."""

    rows: int
    cols: int
    may_have_errors: bool


_unexpected: dict[tuple[int, int], re.Pattern] = {}


def _unexpected_cell(letters: int, digits: int) -> re.Pattern:
    """A cell tag that is not ``<c r="..."`` with a plain reference of limited length.

    ``<c`` followed by a lower-case letter is another element (``<col>``, ``<color>``),
    and ``<c/`` an empty cell without reference, which holds no value and moves only the
    running column (no cell that uses it gets past this check). Anything else must start
    with a space and a double-quoted reference of at most ``letters`` capitals and
    ``digits`` digits; what matches instead is a cell without a reference (``<c>``,
    ``<c s="1" r=..>``), an unusual spelling (tab, single quotes), or a reference further
    out than allowed.
    """
    key = (letters, digits)
    if key not in _unexpected:
        _unexpected[key] = re.compile(rb'<c(?![a-z/]| r="[A-Z]{1,%d}[0-9]{1,%d}")' % key)
    return _unexpected[key]


_above: dict[tuple[int, int], re.Pattern | None] = {}


def _beyond(highest: int) -> tuple[int, re.Pattern | None]:
    """The bound that references as long as ``highest`` are held to, and what breaks it.

    For a highest row tag R of D >= 3 digits led by the two digits P, a D-digit reference
    led by more than P is flagged; every other lies at or below ``(P + 1) * 10 ** (D - 2)
    - 1``, at most 10 % above R. None: nothing can break it.
    """
    digits = str(highest)
    width, lead = len(digits), int(digits[:2])
    key = (width, lead)
    if key not in _above:
        first, second = divmod(lead, 10)
        higher = []
        if first < 9:
            higher.append(b"[%d-9][0-9]" % (first + 1))
        if second < 9:
            higher.append(b"%d[%d-9]" % (first, second + 1))
        pattern = rb'r="[A-Z]+(?:' + b"|".join(higher) + rb')[0-9]{%d}"' % (width - 2)
        _above[key] = re.compile(pattern) if higher else None
    return (lead + 1) * 10 ** (width - 2) - 1, _above[key]


def _odd_attributes(buffer: bytes) -> tuple[bool, bool]:
    """(an r attribute that is not the first of its tag, possibly an error cell) in ``buffer``."""
    squeezed = buffer.translate(_SQUEEZE, _SPACE)
    if _QUOTE_R not in squeezed:
        return False, False
    return _LATER_R in squeezed, True


def _prefixed_cell(buffer: bytes) -> bool:
    """A cell tag with a namespace prefix (``<x:c``): calamine reads it like ``<c``."""
    return b":" in buffer and _PREFIXED_CELL.search(buffer) is not None


def xlsx_scan(archive: zipfile.ZipFile, member: str, check: Callable[[], None], room: int) -> SheetScan:
    """The extent of one sheet part, bounded in one quick pass when it fits ``room`` cells.

    Per chunk: a translation and one ``in`` (:func:`_odd_attributes`), one search of a
    regular expression anchored on ``<c`` (:func:`_unexpected_cell`), ``rfind`` for the
    last row tag. The row tags only suggest how many digits a reference may have (D, from
    the highest row tag so far); the cells themselves are held to it, so rows out of order
    or lying row tags send the sheet to the exact count rather than slip through:

    * every cell tag must be unprefixed and begin ``<c r="`` with one to three capitals
      and at most D digits, and no tag may carry a second ``r``; a cell without a
      reference (placed by calamine after the previous one, so possibly far out) sends
      the sheet to the exact count;
    * references of exactly D digits, rare in a sheet whose rows ascend, are checked
      against the two leading digits of the highest row tag, from the first one on;
    * columns are bounded by Z unless a two- or three-letter reference appears, and then
      by the largest such reference.

    A bound larger than ``room`` also sends the sheet to the exact count.
    """
    highest = 0  # highest row number in a row tag: a hint only
    rows = 0  # bound on the row numbers of all references seen
    letters = 1  # longest column reference allowed so far (3 once one past Z is seen)
    cols = 26
    marks = False
    for buffer in _chunks(archive, member, check):
        later_r, mark = _odd_attributes(buffer)
        if later_r or _prefixed_cell(buffer):
            return _exact(archive, member, check)
        marks = marks or mark
        at = buffer.rfind(_LAST_ROW_TAG)
        if at >= 0:
            found = _DIGITS.match(buffer, at + len(_LAST_ROW_TAG))
            if found:
                highest = max(highest, _number(found.group()))
        width = len(str(highest)) if 0 < highest < _ANYWHERE else 1
        # References of fewer digits than the highest row tag lie below it; those of as
        # many get a closer look, from the first one on.
        allowed = width - 1 if width >= 3 else width
        bound = 10**allowed - 1
        position = 0
        while True:
            odd = _unexpected_cell(letters, allowed).search(buffer, position)
            if odd is None:
                break
            position = odd.start()
            if letters == 1 and _WIDE_AT.match(buffer, position):
                letters = 3  # a column past Z: allow up to XFD and find the largest below
                continue
            ref = _REF_AT.match(buffer, position)
            if allowed < width and ref is not None and len(ref.group(1)) == width:
                bound, beyond = _beyond(highest)
                if beyond is not None and beyond.search(buffer, position):
                    return _exact(archive, member, check)
                allowed = width
                continue
            return _exact(archive, member, check)  # no reference, an odd spelling, or too far
        rows = max(rows, bound)
        if letters == 3:
            cols = max([cols, *(column_number(item) for item in set(_WIDE_LETTERS.findall(buffer)))])
    if rows * cols > room:
        return _exact(archive, member, check)
    return SheetScan(rows, cols, marks)


def _exact(archive: zipfile.ZipFile, member: str, check: Callable[[], None]) -> SheetScan:
    rows, cols = xlsx_extent(archive, member, check)
    return SheetScan(rows, cols, True)


# Any cell tag that is not `<c r="` + capitals + digits: such a sheet is walked.
_ODD_CELL = re.compile(rb'<c(?![a-z/]| r="[A-Z]+[0-9]+")')
_WS = rb"[ \t\r\n]"
_ATTR_TEXT = rb"""%s*[^\s=/>"']+%s*=%s*(?:"[^"]*"|'[^']*')""" % (_WS, _WS, _WS)
# A cell with its reference first that is not *certainly* empty (a value in an attribute
# could hide a "/>"; only simple attributes make an empty element certain).
_VALUED_CELL = re.compile(
    rb"""<c r="([A-Z]+)([0-9]+)"(?!(?:%s+[^\s=/>"']+%s*=%s*(?:"[^"<>]*"|'[^'<>]*'))*%s*/>)"""
    % (_WS, _WS, _WS, _WS)
)


def xlsx_extent(archive: zipfile.ZipFile, member: str, check: Callable[[], None]) -> tuple[int, int]:
    """(rows, cols) from A1 to the farthest cell calamine would keep, in one sheet part.

    Cells that are certainly empty elements are left out (they hold no value); any other
    cell counts, whatever it holds. A sheet whose every cell tag starts with a plain
    reference, and has no other, is settled by regular expressions; any other is walked
    tag by tag (:func:`_walk`).

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
    for buffer in _chunks(archive, member, check):
        if _ODD_CELL.search(buffer) or _prefixed_cell(buffer) or _odd_attributes(buffer)[0]:
            return _walk(archive, member, check)  # prefixed tags, cells without reference or with two
        found = _VALUED_CELL.findall(buffer)
        if found:
            letters, numbers = zip(*found)
            cols = max(cols, *map(column_number, set(letters)))
            rows = max(rows, *map(_number, set(numbers)))
    return rows, cols


# Row and cell tags, start or end, with any prefix (calamine matches the local name).
_TAG = re.compile(rb"<(/?)(?:[^\s<>/]*:)?(row|c)(?=[\s/>])")
_TAG_REST = re.compile(rb"((?:%s)*)%s*(/?)>" % (_ATTR_TEXT, _WS))
_ATTR = re.compile(rb"""%s*([^\s=/>"']+)%s*=%s*(?:"([^"]*)"|'([^']*)')""" % (_WS, _WS, _WS))
_REFERENCE = re.compile(rb"([A-Za-z]*)([0-9]*)")


def _reference(attrs: bytes) -> bytes | None:
    """The value of the attribute named exactly ``r`` (calamine ignores ``x:r`` and the like)."""
    value = None
    for attr in _ATTR.finditer(attrs):
        if attr.group(1) == b"r":
            value = attr.group(2) if attr.group(2) is not None else attr.group(3)
    return value


def _walk(archive: zipfile.ZipFile, member: str, check: Callable[[], None]) -> tuple[int, int]:
    """Extent by following calamine's own placement, tag by tag (prefixed tags, cells without r).

    calamine reads with empty elements expanded: ``<row r="9"/>`` moves the running row
    like an open and close pair, and ``<c r="Z1"/>`` moves the running column although it
    holds no value. Comments, CDATA and processing instructions could hold text that looks
    like tags; in a sheet that has any, running positions are only ever raised, never
    reset, so that a fake ``</row>`` cannot pull later cells back. A row or cell tag that
    is not well formed makes the sheet unreadable.
    """
    rows = cols = 0
    row = col = 0  # calamine's running 0-based position, for cells without a reference
    plain = True
    first = True
    for buffer in _chunks(archive, member, check):
        if plain:
            start = 0
            if first and buffer.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
                start = buffer.find(b"?>") + 2
            plain = b"<!" not in buffer and buffer.find(b"<?", start) < 0
        first = False
        for tag in _TAG.finditer(buffer):
            is_row = tag.group(2) == b"row"
            if tag.group(1):  # an end tag
                if is_row:
                    row, col = row + 1, (0 if plain else col)
                continue
            rest = _TAG_REST.match(buffer, tag.end())
            if rest is None:
                raise ValueError(f"无法识别的单元格标记（位置 {tag.start()}）")
            empty = bool(rest.group(2))
            value = _reference(rest.group(1))
            parts = _REFERENCE.fullmatch(value) if value is not None else None
            if is_row:
                if parts is not None and parts.group(2):
                    number = _number(parts.group(2)) - 1
                    row = number if plain else max(row, number)
                if empty:
                    row, col = row + 1, (0 if plain else col)
                continue
            if value is None:
                cell_row, cell_col = row, col
            elif parts is not None and parts.group(1) and parts.group(2):
                cell_row, cell_col = _number(parts.group(2)) - 1, column_number(parts.group(1)) - 1
                col = cell_col if plain else max(col, cell_col)
            else:
                continue  # calamine stops with an error on a malformed reference
            col += 1
            if not empty:  # an empty element holds no value, which calamine drops
                rows, cols = max(rows, cell_row + 1), max(cols, cell_col + 1)
    return rows, cols
