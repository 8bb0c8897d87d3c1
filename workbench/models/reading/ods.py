"""What calamine does not tell about an .ods package: extent, merged ranges, error cells.

calamine reports no merged ranges for OpenDocument, and reads an error cell as its
stored number (LibreOffice stores ``office:value="0"`` beside ``calcext:value-type="error"``),
which would turn #DIV/0! into a zero. And a few hundred bytes of ``number-rows-repeated``
and ``number-columns-repeated`` can describe billions of cells, which calamine would
allocate densely. So ``content.xml`` is parsed here first (with defusedxml, streaming,
repeat counts only ever added up, never expanded) to measure and annotate each sheet.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from xml.sax.handler import ContentHandler, feature_namespaces

from defusedxml.sax import make_parser

from workbench.models.reading.workbook import MergedRange

_CHUNK = 1024 * 1024
_MAX_REPEAT_RECORDED = 1024  # error cells repeated more than this are recorded only this often



class SheetExtras:
    """What the scan found in one table: extent (rows, cols from A1), errors, merges."""

    def __init__(self) -> None:
        self.rows = 0
        self.cols = 0
        self.errors: dict[tuple[int, int], str] = {}
        self.merged: list[MergedRange] = []


Extras = dict[str, SheetExtras]


class _Handler(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.extras: Extras = {}
        self._depth = 0  # nesting of table:table; sub-tables inside cells are skipped
        self._sheet: str | None = None
        self._row = self._col = 0
        self._row_repeat = 1
        self._row_cols = 0  # 1-based column of the last cell with content in this row
        self._cell: tuple[int, int, bool] | None = None  # (first col, repeat, has content)
        self._error: tuple[int, int, str | None] | None = None  # (col, repeat, text so far)
        self._text: list[str] | None = None

    @staticmethod
    def _attrs(attrs) -> dict[str, str]:
        return {local: value for (_, local), value in attrs.items()}

    @staticmethod
    def _count(value: str | None) -> int:
        try:
            return max(1, int(value)) if value is not None else 1
        except ValueError:
            return 1

    def startElementNS(self, name, qname, attrs):
        local = name[1]
        if local == "table":
            self._depth += 1
            if self._depth == 1:
                self._sheet = self._attrs(attrs).get("name", "")
                self.extras.setdefault(self._sheet, SheetExtras())
                self._row = 0
            return
        if self._depth != 1 or self._sheet is None:
            return
        if local == "table-row":
            self._col = self._row_cols = 0
            self._row_repeat = self._count(self._attrs(attrs).get("number-rows-repeated"))
        elif local in ("table-cell", "covered-table-cell"):
            values = self._attrs(attrs)
            repeat = self._count(values.get("number-columns-repeated"))
            cols = self._count(values.get("number-columns-spanned"))
            rows = self._count(values.get("number-rows-spanned"))
            if local == "table-cell" and (cols > 1 or rows > 1):
                merged = self.extras[self._sheet].merged
                merged.append(MergedRange(self._row, self._col, self._row + rows - 1, self._col + cols - 1))
            if values.get("value-type") == "error":
                self._error = (self._col, repeat, None)
                self._text = []
            # A cell with a value type or any child (text, annotation) may hold content.
            self._cell = (self._col, repeat, "value-type" in values)
            self._col += repeat
        elif self._cell is not None:
            first, repeat, _ = self._cell
            self._cell = (first, repeat, True)
            if local == "p" and self._text:
                self._text.append("\n")

    def endElementNS(self, name, qname):
        local = name[1]
        if local == "table":
            self._depth -= 1
            if self._depth == 0:
                self._sheet = None
            return
        if self._depth != 1 or self._sheet is None:
            return
        if local == "table-row":
            if self._row_cols:
                extras = self.extras[self._sheet]
                extras.rows = max(extras.rows, self._row + self._row_repeat)
                extras.cols = max(extras.cols, self._row_cols)
            self._row += self._row_repeat
            return
        if local in ("table-cell", "covered-table-cell") and self._cell is not None:
            first, repeat, content = self._cell
            if content:
                self._row_cols = first + repeat
            self._cell = None
        if local in ("table-cell", "covered-table-cell") and self._error is not None:
            col, repeat, _ = self._error
            code = "".join(self._text or []).strip() or "#VALUE!"
            errors = self.extras[self._sheet].errors
            for r in range(self._row, self._row + min(self._row_repeat, _MAX_REPEAT_RECORDED)):
                for c in range(col, col + min(repeat, _MAX_REPEAT_RECORDED)):
                    errors[(r, c)] = code
            self._error = None
            self._text = None

    def characters(self, content):
        if self._text is not None:
            self._text.append(content)


def ods_extras(archive: zipfile.ZipFile, check: Callable[[], None]) -> Extras:
    """Sheet name -> :class:`SheetExtras` (extent, error cells, merged ranges) from ``content.xml``.

    Parameters
    ----------
    archive
        The open package.
    check
        Called between chunks so a long parse can be cancelled or timed out.
    """
    member = next((i.filename for i in archive.infolist() if i.filename.lower() == "content.xml"), None)
    if member is None:
        return {}
    handler = _Handler()
    parser = make_parser()
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(handler)
    parser.forbid_dtd = True
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            check()
            parser.feed(chunk)
    parser.close()
    return handler.extras
