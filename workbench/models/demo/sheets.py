"""Format-free sheets and the writers that turn them into .xlsx, .xls, .ods and .csv.

A department layout builds :class:`Grid` objects (values, merged ranges, the role of
each row); the writers here render a grid in one file format. Keeping the two apart lets
a layout know every cell address it plants a problem in, whatever the format.

Every writer produces the same bytes on every run: zip members get a fixed timestamp
and the document properties a fixed date, so regenerating the demo leaves git clean.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

FIXED_ZIP_TIME = (2021, 1, 1, 0, 0, 0)
FIXED_ISO_TIME = b"2021-01-01T00:00:00Z"
DATE_ELEMENT = rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*"

# Row roles decide the look of a row: titles big and bold, table rows boxed, notes plain.
TABLE_ROLES = {"header", "code", "total", "data", "spacer"}


@dataclass
class Grid:
    """One sheet: cell values by zero-based (row, col), merged ranges and row roles."""

    name: str
    width: int
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    rows: int = 0

    def add(self, values, role: str = "data", fmts=None) -> int:
        """Append a row (``None`` leaves a cell empty); return its index."""
        r = self.rows
        for c, value in enumerate(values):
            if value is not None and value != "":
                self.cells[(r, c)] = value
            if fmts and c < len(fmts) and fmts[c]:
                self.formats[(r, c)] = fmts[c]
        self.roles[r] = role
        self.rows = r + 1
        return r

    def line(self, text: str, role: str = "note", start: int = 0, end: int | None = None) -> int:
        """Append a row holding one text merged from column ``start`` to ``end``."""
        r = self.add([None] * start + [text], role)
        end = self.width - 1 if end is None else end
        if end > start:
            self.merge(r, start, r, end)
        return r

    def put(self, row: int, col: int, value, fmt: str | None = None) -> None:
        if value is None or value == "":
            self.cells.pop((row, col), None)
        else:
            self.cells[(row, col)] = value
        if fmt:
            self.formats[(row, col)] = fmt
        self.rows = max(self.rows, row + 1)

    def get(self, row: int, col: int):
        return self.cells.get((row, col))

    def merge(self, r0: int, c0: int, r1: int, c1: int) -> None:
        self.merges.append((r0, c0, r1, c1))

    def headers(self, paths: list[tuple[str, ...]], role: str = "header") -> int:
        """Append header rows for column ``paths`` (label per level); return the first row.

        Neighbouring columns that share a label at a level are merged across; a path
        shorter than the deepest one is merged down to the last header row.
        """
        depth = max(len(p) for p in paths)
        r0 = self.rows
        for _ in range(depth):
            self.add([None] * len(paths), role)
        for k in range(depth):
            c = 0
            while c < len(paths):
                path = paths[c]
                if len(path) <= k:
                    c += 1
                    continue
                end = c
                while (
                    len(path) > k + 1
                    and end + 1 < len(paths)
                    and len(paths[end + 1]) > k + 1
                    and paths[end + 1][: k + 1] == path[: k + 1]
                ):
                    end += 1
                self.cells[(r0 + k, c)] = path[k]
                bottom = r0 + depth - 1 if len(path) == k + 1 else r0 + k
                if end > c or bottom > r0 + k:
                    self.merge(r0 + k, c, bottom, end)
                c = end + 1
        return r0

    def spans(self) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
        """Top-left cell → (rows, cols) of each merge, and the set of covered cells."""
        tops, covered = {}, set()
        for r0, c0, r1, c1 in self.merges:
            tops[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
        return tops, covered


def text_of(value, fmt: str | None = None) -> str:
    """A cell value as a department's export writes it in a text file."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and fmt in ("0.0", "0.00"):
        return f"{value:.{len(fmt) - 2}f}"
    if isinstance(value, float):
        return repr(value) if value != int(value) else str(int(value))
    return str(value)


def _fixed_zip(raw: bytes) -> bytes:
    """The same zip with fixed member timestamps and fixed document dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(DATE_ELEMENT, rb"\g<1>" + FIXED_ISO_TIME, data)
            member = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            member.compress_type = info.compress_type
            member.external_attr = info.external_attr
            dst.writestr(member, data)
    return out.getvalue()


def _width_of(text: str) -> float:
    return sum(2.0 if ord(ch) > 0x2E80 else 1.1 for ch in text)


def column_widths(grid: Grid) -> dict[int, float]:
    """Column widths (in characters) fitting the table cells, unless the layout set them."""
    tops, _ = grid.spans()
    widths: dict[int, float] = {}
    for (r, c), value in grid.cells.items():
        if grid.roles.get(r) not in TABLE_ROLES or tops.get((r, c), (1, 1))[1] > 1:
            continue
        widths[c] = max(widths.get(c, 6.0), min(_width_of(text_of(value)) + 2, 30.0))
    widths.update(grid.widths)
    return widths


# ---------------------------------------------------------------- .xlsx (openpyxl)
def write_xlsx(path: Path, grids: list[Grid], creator: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    fonts = {
        "title": Font(name="黑体", size=16, bold=True),
        "header": Font(name="宋体", size=10, bold=True),
        "code": Font(name="宋体", size=10),
        "total": Font(name="宋体", size=10, bold=True),
    }
    plain = Font(name="宋体", size=10)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = creator
    for grid in grids:
        ws = wb.create_sheet(grid.name)
        tops, _ = grid.spans()
        for r in range(grid.rows):
            role = grid.roles.get(r, "data")
            for c in range(grid.width):
                value = grid.cells.get((r, c))
                if value is None and role not in TABLE_ROLES:
                    continue
                cell = ws.cell(row=r + 1, column=c + 1, value=value)
                cell.font = fonts.get(role, plain)
                if role in TABLE_ROLES:
                    cell.border = box
                    if role in ("header", "code") or c > 0:
                        cell.alignment = centre
                elif role == "title":
                    cell.alignment = centre
                elif role == "meta_right":
                    cell.alignment = Alignment(horizontal="right")
                if (r, c) in grid.formats:
                    cell.number_format = grid.formats[(r, c)]
            if role == "title":
                ws.row_dimensions[r + 1].height = 30
        for r0, c0, r1, c1 in grid.merges:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        for c, width in sorted(column_widths(grid).items()):
            ws.column_dimensions[get_column_letter(c + 1)].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


# ---------------------------------------------------------------- .xls (xlwt, BIFF8)
def write_xls(path: Path, grids: list[Grid]) -> None:
    import xlwt

    styles: dict[tuple[str, str | None], object] = {}

    def style(role: str, fmt: str | None, first_col: bool):
        key = (role, fmt, first_col)
        if key not in styles:
            font = "font: name 宋体, height 200" + (", bold on" if role in ("header", "total") else "")
            if role == "title":
                font = "font: name 黑体, height 320, bold on"
            spec = font + ";"
            if role in TABLE_ROLES:
                spec += " borders: left thin, right thin, top thin, bottom thin;"
            if role in ("title", "header", "code") or (role in TABLE_ROLES and not first_col):
                spec += " align: horiz center, vert center, wrap on;"
            styles[key] = xlwt.easyxf(spec, num_format_str=fmt or "General")
        return styles[key]

    wb = xlwt.Workbook(encoding="utf-8")
    for grid in grids:
        ws = wb.add_sheet(grid.name)
        tops, covered = grid.spans()
        for r in range(grid.rows):
            role = grid.roles.get(r, "data")
            for c in range(grid.width):
                if (r, c) in covered:
                    continue
                value = grid.cells.get((r, c))
                if value is None and role not in TABLE_ROLES:
                    continue
                st = style(role, grid.formats.get((r, c)), c == 0)
                if (r, c) in tops:
                    nr, nc = tops[(r, c)]
                    ws.write_merge(r, r + nr - 1, c, c + nc - 1, value if value is not None else "", st)
                else:
                    ws.write(r, c, value if value is not None else "", st)
        for c, width in sorted(column_widths(grid).items()):
            ws.col(c).width = int(width * 256)
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())


# ---------------------------------------------------------------- .ods (odfpy)
def write_ods(path: Path, grids: list[Grid]) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableColumnProperties, TextProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    bold = Style(name="bold", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold", fontsize="14pt"))
    doc.automaticstyles.addElement(bold)
    column_styles: dict[float, Style] = {}
    for grid in grids:
        table = Table(name=grid.name)
        for c, width in sorted(column_widths(grid).items()):
            key = round(width * 0.21, 2)
            if key not in column_styles:
                st = Style(name=f"co{len(column_styles) + 1}", family="table-column")
                st.addElement(TableColumnProperties(columnwidth=f"{key}cm"))
                doc.automaticstyles.addElement(st)
                column_styles[key] = st
            table.addElement(TableColumn(stylename=column_styles[key]))
        tops, covered = grid.spans()
        for r in range(grid.rows):
            row = TableRow()
            for c in range(grid.width):
                if (r, c) in covered:
                    row.addElement(CoveredTableCell())
                    continue
                value = grid.cells.get((r, c))
                attrs = {}
                if (r, c) in tops:
                    nr, nc = tops[(r, c)]
                    attrs = {"numbercolumnsspanned": nc, "numberrowsspanned": nr}
                if grid.roles.get(r) == "title":
                    attrs["stylename"] = bold
                if value is None:
                    cell = TableCell(**attrs)
                elif isinstance(value, (int, float)):
                    cell = TableCell(valuetype="float", value=value, **attrs)
                    cell.addElement(P(text=text_of(value, grid.formats.get((r, c)))))
                else:
                    cell = TableCell(valuetype="string", **attrs)
                    cell.addElement(P(text=str(value)))
                row.addElement(cell)
            table.addElement(row)
        doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.write(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


# ---------------------------------------------------------------- .csv
def write_csv(path: Path, grid: Grid, encoding: str) -> None:
    """One grid as CSV lines (CRLF, as Windows exports write them) in ``encoding``."""
    last_col = max((c for _, c in grid.cells), default=0)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    for r in range(grid.rows):
        cells = [(grid.cells.get((r, c)), grid.formats.get((r, c))) for c in range(last_col + 1)]
        writer.writerow([text_of(value, fmt) for value, fmt in cells])
    path.write_bytes(text.getvalue().encode(encoding))
