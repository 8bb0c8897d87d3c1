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
above with one C-speed search over each decompressed chunk; a sheet whose bound exceeds
the room left, or whose XML is unusual in any way, falls back to the exact count of
:func:`xlsx_extent`. calamine's real extent is checked again, exactly, after its parse
(``Budget.take_cells``), so the bound only has to keep calamine's allocation within what the
limit allows anyway. No slack is added: a bound let past the room would let calamine build
a block bigger than any sheet that is accepted, before the exact check could refuse it.
"""

from __future__ import annotations

import functools
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

_CHUNK = 4 * 1024 * 1024  # bytes of XML per pass; any size is correct
_MAX_DIGITS = 12  # a row number longer than this counts as "too far" without parsing it
_ANYWHERE = 10**_MAX_DIGITS

_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_LAST_ROW_TAG = b'<row r="'
_DIGITS = re.compile(rb"[0-9]+")
_WIDE_AT = re.compile(rb'<c r="[A-Z]{2}')
_REF_AT = re.compile(rb'<c r="[A-Z]{1,3}([0-9]+)"')
# Two or three column letters of a reference (of a cell tag in the plain form).
_WIDE_LETTERS = re.compile(rb'<c r="([A-Z]{2,3})[0-9]')


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


# The attributes a plain cell tag may have after its reference (the common ones first).
_ATTRIBUTES = rb'(?: t="%s"| s="[^"]*+"| (?:cm|vm|ph)="[^"]*+")*+ ?/?>'
_unexpected: dict[tuple[int, int, bool], re.Pattern] = {}


def _unexpected_cell(letters: int, digits: int, errors: bool = True) -> re.Pattern:
    """A cell tag other than ``<c r="B12" s=".." t="..">`` with a short enough reference.

    ``<c`` followed by a lower-case letter is another element (``<col>``, ``<color>``),
    and ``<c/`` an empty cell without reference, which holds no value and moves only the
    running column (no cell that uses it gets past this check). Any other cell tag must
    start with a space and a double-quoted reference of at most ``letters`` capitals and
    ``digits`` digits, followed only by the attributes Excel, WPS and LibreOffice write
    (``s t cm vm ph``, double-quoted, one space apart). So what matches is a cell without
    a reference, with a second ``r`` (calamine would take the last), with an unusual
    spelling (tab, single quotes, another attribute), a reference further out than
    allowed, or, while ``errors``, an error cell (``t="e"``).
    """
    key = (letters, digits, errors)
    if key not in _unexpected:
        tail = _ATTRIBUTES % (rb'[^"e][^"]*+' if errors else rb'[^"]*+')
        plain = rb' r="[A-Z]{1,%d}+[0-9]{1,%d}+"%s' % (letters, digits, tail)
        _unexpected[key] = re.compile(rb"<c(?!%s|[a-z/])" % plain)
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
        pattern = rb'<c r="[A-Z]+(?:' + b"|".join(higher) + rb')[0-9]{%d}"' % (width - 2)
        _above[key] = re.compile(pattern) if higher else None
    return (lead + 1) * 10 ** (width - 2) - 1, _above[key]


def _prefixed_cell(buffer: bytes) -> bool:
    """A cell tag with a namespace prefix (``<x:c``): calamine reads it like ``<c``."""
    return b":" in buffer and _PREFIXED_CELL.search(buffer) is not None


def xlsx_scan(archive: zipfile.ZipFile, member: str, check: Callable[[], None], room: int) -> SheetScan:
    """The extent of one sheet part, bounded in one quick pass when it fits ``room`` cells.

    Per chunk, besides decompressing it: one search of a regular expression anchored on
    ``<c`` (:func:`_unexpected_cell`), which comes back to Python only for the few cells
    that need a closer look, ``rfind`` for the last row tag and a ``memchr`` for prefixes.
    The row tags only suggest how many digits a reference may have (D, from the highest
    row tag so far); the cells themselves are held to it, so rows out of order or lying row
    tags send the sheet to the exact count rather than slip through:

    * every cell tag must be unprefixed, with a plain reference of one to three capitals
      and at most D digits and no second ``r``; a cell without a reference (placed by
      calamine after the previous one, so possibly far out) sends the sheet to the exact
      count;
    * where 10 ** D rows would not fit the room, references of exactly D digits are
      checked against the two leading digits of the highest row tag, from the first one on
      (in a sheet whose rows ascend, that is a few rows at the very end);
    * columns are bounded by Z unless a two- or three-letter reference appears, and then
      by the largest such reference;
    * the first error cell (``t="e"``) is noted, for :func:`safe_error_cells` to find them all.

    A bound larger than ``room`` also sends the sheet to the exact count.
    """
    highest = 0  # highest row number in a row tag: a hint only
    rows = 0  # bound on the row numbers of all references seen
    letters = 1  # longest column reference allowed so far (3 once one past Z is seen)
    cols = 26
    marks = False
    for buffer in _chunks(archive, member, check):
        if _prefixed_cell(buffer):
            return _exact(archive, member, check)
        at = buffer.rfind(_LAST_ROW_TAG)
        if at >= 0:
            found = _DIGITS.match(buffer, at + len(_LAST_ROW_TAG))
            if found:
                highest = max(highest, _number(found.group()))
        width = len(str(highest)) if 0 < highest < _ANYWHERE else 1
        # References of as many digits as the highest row tag get a closer look (from the
        # first one on) only where the room could depend on it: in a sheet whose rows
        # ascend, that is the last few chunks.
        allowed = width if width < 3 or (10**width - 1) * cols <= room else width - 1
        bound = 10**allowed - 1
        position = 0
        while True:
            odd = _unexpected_cell(letters, allowed, not marks).search(buffer, position)
            if odd is None:
                break
            position = odd.start()
            # Each way out relaxes the search for good, and the same tag is looked at again.
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
            if not marks and not _unexpected_cell(letters, allowed, False).match(buffer, position):
                marks = True  # an error cell, otherwise plain
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


# Any cell tag but the plain form with a reference of any length: such a sheet is walked.
_ODD_CELL = re.compile(rb'<c(?! r="[A-Z]++[0-9]++"%s|[a-z/])' % (_ATTRIBUTES % rb'[^"]*+'))
# A plain cell tag (see _ODD_CELL) that is not an empty element.
_VALUED_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"%s' % (_ATTRIBUTES % rb'[^"]*+').replace(b" ?/?>", b" ?>"))


def xlsx_extent(archive: zipfile.ZipFile, member: str, check: Callable[[], None]) -> tuple[int, int]:
    """(rows, cols) from A1 to the farthest cell calamine would keep, in one sheet part.

    Empty elements are left out (they hold no value); any other cell counts, whatever it
    holds. A sheet whose every cell tag is in the plain form of :func:`_unexpected_cell`
    is settled by regular expressions; any other is walked tag by tag (:func:`_walk`).

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
        if _ODD_CELL.search(buffer) or _prefixed_cell(buffer):
            return _walk(archive, member, check)
        found = _VALUED_CELL.findall(buffer)
        if found:
            letters, numbers = zip(*found)
            cols = max(cols, *map(column_number, set(letters)))
            rows = max(rows, *map(_number, set(numbers)))
    return rows, cols


# The walk reads the XML as quick-xml does, a step (one row tag or one whole cell) at a time.
_WS = rb"[ \t\r\n]"
_ATTR_TEXT = rb"""%s*[^\s=/>"']+%s*=%s*(?:"[^"]*+"|'[^']*+')""" % (_WS, _WS, _WS)
_ATTRS = rb"(?:%s)*+%s*+" % (_ATTR_TEXT, _WS)
_PREFIX = rb"(?:[^\s<>/:]*+:)?"  # up to the first colon: quick-xml's local name follows it
_HIDDEN = rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>"  # markup whose text is no element


def _element(name: bytes, content: bytes) -> bytes:
    """An element ``name`` (any prefix), empty or holding ``content``, in a pattern."""
    return rb"<%s%s(?=[\s/>])%s(?:/>|>%s</%s%s%s*>)" % (_PREFIX, name, _ATTRS, content, _PREFIX, name, _WS)


_ROW, _CELL = _PREFIX + rb"row(?=[\s/>])", _PREFIX + rb"c(?=[\s/>])"
_TEXT = rb"(?:[^<]++|%s)*+" % _HIDDEN
_OTHER_TAG = rb"<(?![/!?])[^\s<>/]++%s/?>" % _ATTRS  # quoted values may hold "<" and ">"
# What a cell may hold, and nothing else: a value, a formula, an inline string (plain or
# rich). calamine stops with an error at other elements; a cell holding more than these
# is not walked (the sheet is refused as damaged) rather than guessed at.
_EMPTY_ELEMENT = rb"<(?![/!?])[^\s<>/]++%s/>" % _ATTRS
_T = _element(rb"t", _TEXT)
_RUN = _element(rb"r", rb"(?:[^<]++|%s|%s|%s)*+" % (_HIDDEN, _element(rb"rPr", rb"(?:[^<]++|%s)*+" % _EMPTY_ELEMENT), _T))
_PHONETIC = _element(rb"rPh", rb"(?:[^<]++|%s)*+" % _T)
_INLINE = _element(rb"is", rb"(?:[^<]++|%s|%s|%s|%s|%s)*+" % (_HIDDEN, _T, _RUN, _PHONETIC, _EMPTY_ELEMENT))
_CELL_CONTENT = rb"(?:[^<]++|%s|%s|%s|%s)*+" % (_HIDDEN, _element(rb"v", _TEXT), _element(rb"f", _TEXT), _INLINE)
_STEP_PATTERN = (
    rb"(?:[^<]++|%(hidden)s|</(?!(?:%(row)s|%(cell)s)%(ws)s*>)[^<>]*+>|(?!<(?:%(row)s|%(cell)s))%(other)s)*+"
    rb"(?:(</%(row)s%(ws)s*>)"  # 1: the end of a row
    rb"|(</%(cell)s%(ws)s*>)"  # 2: a cell's end tag outside a cell: nothing
    rb"|<%(row)s(%(attrs)s)(/?)>"  # 3, 4: a row's attributes, and "/" if it is empty
    rb"|<%(cell)s(%(attrs)s)(?:(/)>|>%(content)s</%(cell)s%(ws)s*>)"  # 5, 6: a whole cell
    rb"|(\Z)"  # 7: the end of the buffer
    rb"|(<))"  # 8: a tag not understood, or one that goes on in the next buffer
    % {b"hidden": _HIDDEN, b"row": _ROW, b"cell": _CELL, b"ws": _WS, b"other": _OTHER_TAG, b"attrs": _ATTRS,
       b"content": _CELL_CONTENT}
)
# The same steps in the spelling nearly every writer uses (no prefixes, comments or rich
# text, double-quoted attributes, the reference first if any): read in one go, with the
# reference already split; anything else is left to _STEP_PATTERN, which reads it the same way.
_PLAIN_ATTR = rb'(?: (?!r=)[a-zA-Z:]++="[^"<>]*+")*+'
_FAST_STEP_PATTERN = (
    rb"(?:[^<]++|</(?!(?:%(row)s|%(cell)s))[a-zA-Z:]++>|<(?![/!?]|%(row)s|%(cell)s)[a-zA-Z:]++(?: [a-zA-Z:]++=\"[^\"<>]*+\")*+/?>)*+"
    rb"(?:(</row>)"  # 1: the end of a row
    rb"|(<row)(?: r=\"([0-9]++)\")?%(plain)s(/?)>"  # 2, 3, 4: a row, its number, "/" if empty
    rb"|(<c)(?: r=\"([A-Z]++)([0-9]++)\")?%(plain)s(?:(/)>|>"  # 5-8: a cell, its reference, "/" if empty
    rb"(?:<v>[^<]*+</v>|<f%(plain)s(?:/>|>[^<]*+</f>)|<is><t(?: xml:space=\"preserve\")?>[^<]*+</t></is>)*+</c>)"
    rb"|(\Z))"  # 9: the end of the buffer
    % {b"row": _ROW, b"cell": _CELL, b"plain": _PLAIN_ATTR}
)
_ATTR = re.compile(rb"""%s*([^\s=/>"']+)%s*=%s*(?:"([^"]*)"|'([^']*)')""" % (_WS, _WS, _WS))
_REFERENCE = re.compile(rb"([A-Za-z]*)([0-9]*)")
# The usual attribute list: the reference first, in double quotes, and no other r.
_FIRST_R = re.compile(rb' r="([^"]*)"(?: (?!r=)[^\s=/>"\']+="[^"]*")*+')
_CARRY_LIMIT = 16 * _CHUNK  # a single cell or comment longer than this is not a worksheet's


def _reference(attrs: bytes) -> bytes | None:
    """The value of the last attribute named exactly ``r`` (calamine ignores ``x:r`` and the like)."""
    if b"r" not in attrs:
        return None
    usual = _FIRST_R.fullmatch(attrs)
    if usual is not None:
        return usual.group(1)
    value = None
    for name, double, single in _ATTR.findall(attrs):
        if name == b"r":
            value = double or single
    return value


@functools.cache
def _steps() -> tuple[re.Pattern, re.Pattern]:
    # Compiled on first use: only unusual sheets are walked.
    return re.compile(_FAST_STEP_PATTERN), re.compile(_STEP_PATTERN, re.S)


def _walk(archive: zipfile.ZipFile, member: str, check: Callable[[], None]) -> tuple[int, int]:
    """Extent by following calamine's own placement, step by step (prefixed tags, cells without r).

    The XML is read the way quick-xml reads it: comments, CDATA and processing
    instructions hold no elements, attribute values may hold ``<`` and ``>``, and an end
    tag closes whatever is open. calamine reads empty elements expanded (``<row r="9"/>``
    moves the running row like an open and close pair, ``<c r="Z1"/>`` moves the running
    column although it holds no value) and reads a cell on to its end tag, not seeing a
    ``</row>`` inside it. A row or cell tag that is not well formed, or a cell that holds
    more than a value, a formula and an inline string, makes the sheet unreadable.
    """
    fast_step, general_step = _steps()
    rows = cols = 0
    row = col = 0  # calamine's running 0-based position, for cells without a reference
    letters: dict[bytes, int] = {}
    pending = b""
    for piece in [*_chunks(archive, member, check), None]:
        buffer = pending + piece if piece is not None else pending
        position, pending = 0, b""
        while True:
            step = fast_step.match(buffer, position)
            if step is not None:
                position = step.end()
                if step.group(5) is not None:  # a cell: <c r="..">, <c> or <c/>
                    if step.group(6) is not None:
                        cell_row = _number(step.group(7)) - 1
                        name = step.group(6)
                        cell_col = letters.get(name)
                        if cell_col is None:
                            cell_col = letters[name] = column_number(name) - 1
                        col = cell_col + 1
                    else:
                        cell_row, cell_col, col = row, col, col + 1
                    if not step.group(8):
                        rows, cols = max(rows, cell_row + 1), max(cols, cell_col + 1)
                elif step.group(1) is not None:  # the end of a row
                    row, col = row + 1, 0
                elif step.group(2) is not None:  # a row: <row r="..">, <row> or <row/>
                    if step.group(3) is not None:
                        row = _number(step.group(3)) - 1
                    if step.group(4):
                        row, col = row + 1, 0
                else:  # the end of the buffer
                    break
                continue
            step = general_step.match(buffer, position)
            position = step.end()
            if step.group(1) is not None:  # the end of a row
                row, col = row + 1, 0
            elif step.group(3) is not None:  # a row: its r sets the running row
                parts = _REFERENCE.fullmatch(_reference(step.group(3)) or b"")
                if parts is not None and parts.group(2):
                    row = _number(parts.group(2)) - 1
                if step.group(4):
                    row, col = row + 1, 0
            elif step.group(5) is not None:  # a cell, with a value unless it is an empty element
                value = _reference(step.group(5))
                if value is None:
                    cell_row, cell_col = row, col
                else:
                    parts = _REFERENCE.fullmatch(value)
                    if parts is None or not parts.group(1) or not parts.group(2):
                        continue  # calamine stops with an error on a malformed reference
                    cell_row, cell_col = _number(parts.group(2)) - 1, column_number(parts.group(1)) - 1
                    col = cell_col
                col += 1
                if not step.group(6):
                    rows, cols = max(rows, cell_row + 1), max(cols, cell_col + 1)
            elif step.group(7) is not None:  # the end of the buffer
                break
            elif step.group(8) is not None:  # carried on into the next buffer, unless none is left
                pending = buffer[step.start(8) :]
                if piece is None or len(pending) > _CARRY_LIMIT:
                    raise ValueError(f"无法识别的标记（{pending[:40]!r}）")
                break
    return rows, cols
