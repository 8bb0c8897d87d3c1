"""What calamine does not tell about an .ods package: extent, merged ranges, error cells.

calamine reports no merged ranges for OpenDocument, and reads an error cell as its
stored number (LibreOffice stores ``office:value="0"`` beside ``calcext:value-type="error"``),
which would turn #DIV/0! into a zero. And a few hundred bytes of ``number-rows-repeated``
and ``number-columns-repeated`` can describe billions of cells, which calamine would
allocate densely. So ``content.xml`` is parsed here first (streaming, repeat counts only
ever added up, never expanded) to measure and annotate each sheet.

The parse uses expat directly rather than through defusedxml's SAX layer, which costs
several times more per element; the same defences are installed by hand: any DOCTYPE,
entity declaration or external entity stops the parse (and the package check has
already refused DOCTYPE/ENTITY in the prolog). Names are matched by their local part,
whatever the namespace prefix, so an unusual prefix cannot hide a cell.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from xml.parsers import expat

from workbench.models.reading.workbook import MergedRange

_CHUNK = 1024 * 1024
_MAX_REPEAT_RECORDED = 1024  # an error cell repeated more often is recorded this often
_CELLS = ("table-cell", "covered-table-cell")


class SheetExtras:
    """What a scan found in one sheet: extent (rows, cols from A1), errors, merges."""

    def __init__(self) -> None:
        self.rows = 0
        self.cols = 0
        self.errors: dict[tuple[int, int], str] = {}
        self.merged: list[MergedRange] = []


Extras = list[tuple[str, SheetExtras]]


class _Refused(ValueError):
    """content.xml declares a DOCTYPE, an entity or an external reference."""


def _local(name: str) -> str:
    return name[name.find(":") + 1:]


def _count(value: str | None) -> int:
    try:
        return max(1, int(value)) if value else 1
    except ValueError:
        return 1


class _Scan:
    """Expat callbacks tracking the position of every row and cell of top-level tables."""

    def __init__(self) -> None:
        self.tables: Extras = []
        self.sheet: SheetExtras | None = None
        self.depth = 0  # nesting of table:table; sub-tables inside cells are skipped
        self.row = self.col = 0
        self.row_repeat = 1
        self.row_cols = 0  # end column (1-based) of the last cell with content in this row
        self.cell: list | None = None  # [first col, repeat, has content, error text or None]

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "table":
            self.depth += 1
            if self.depth == 1:
                title = next((v for k, v in attrs.items() if _local(k) == "name"), "")
                self.sheet = SheetExtras()
                self.tables.append((title, self.sheet))
                self.row = 0
            return
        if self.depth != 1 or self.sheet is None:
            return
        if local in _CELLS:
            values = {_local(k): v for k, v in attrs.items()} if attrs else {}
            repeat = _count(values.get("number-columns-repeated"))
            if local == "table-cell" and ("number-columns-spanned" in values or "number-rows-spanned" in values):
                cols, rows = _count(values.get("number-columns-spanned")), _count(values.get("number-rows-spanned"))
                if cols > 1 or rows > 1:
                    self.sheet.merged.append(MergedRange(self.row, self.col, self.row + rows - 1, self.col + cols - 1))
            error = [] if values.get("value-type") == "error" else None
            # A value type or any child element (text, annotation) may give the cell content.
            self.cell = [self.col, repeat, "value-type" in values, error]
            self.col += repeat
        elif local == "table-row":
            self.col = self.row_cols = 0
            self.row_repeat = _count(next((v for k, v in attrs.items() if _local(k) == "number-rows-repeated"), None))
        elif self.cell is not None:
            self.cell[2] = True
            if local == "p" and self.cell[3]:
                self.cell[3].append("\n")

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "table":
            self.depth -= 1
            if self.depth == 0:
                self.sheet = None
            return
        if self.depth != 1 or self.sheet is None:
            return
        if local in _CELLS and self.cell is not None:
            first, repeat, content, error = self.cell
            self.cell = None
            if content:
                self.row_cols = first + repeat
            if error is not None:
                code = "".join(error).strip() or "#VALUE!"
                for r in range(self.row, self.row + min(self.row_repeat, _MAX_REPEAT_RECORDED)):
                    for c in range(first, first + min(repeat, _MAX_REPEAT_RECORDED)):
                        self.sheet.errors[(r, c)] = code
        elif local == "table-row":
            if self.row_cols:
                self.sheet.rows = max(self.sheet.rows, self.row + self.row_repeat)
                self.sheet.cols = max(self.sheet.cols, self.row_cols)
            self.row += self.row_repeat

    def text(self, data: str) -> None:
        if self.cell is not None and self.cell[3] is not None:
            self.cell[3].append(data)


def _refuse(*_args) -> None:
    raise _Refused("content.xml 含有 DOCTYPE、实体声明或外部引用")


def ods_extras(archive: zipfile.ZipFile, check: Callable[[], None]) -> Extras:
    """(sheet name, :class:`SheetExtras`) for every table of ``content.xml``, in order.

    Every table is listed, even one whose name repeats another: calamine builds each.

    Parameters
    ----------
    archive
        The open package.
    check
        Called between chunks so a long parse can be cancelled or timed out.

    Raises
    ------
    expat.ExpatError, ValueError
        When content.xml is malformed, or declares a DOCTYPE or entities; the caller
        reports the file as damaged.
    """
    member = next((i.filename for i in archive.infolist() if i.filename.lower() == "content.xml"), None)
    if member is None:
        return []
    scan = _Scan()
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            check()
            parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return scan.tables
