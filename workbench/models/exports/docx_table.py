"""An attachment table of the notification in Word: full grid, 5号 宋体, header repeated.

The table fills the 156 mm text block with a fixed layout (WPS and Word then keep the
widths as written), its cells stay off the 28-character grid so small type is not spread
out to the body's character pitch, and numbers are right-aligned.
"""

from __future__ import annotations

from copy import deepcopy

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from workbench.models.charts.palette import status_look
from workbench.models.exports.docx_style import (
    TABLE_FONT, TABLE_HEADER_FONT, TABLE_SIZE, TEXT_WIDTH, add_run, element, off_grid, put,
)

CELL_MARGIN = Mm(0.5)
"""Left and right cell padding: small, so four characters of 5号 fit a 16 mm column."""


def _grid_borders(table) -> None:
    tblPr = table._tbl.tblPr
    put(tblPr, element("w:tblW", w=TEXT_WIDTH.twips, type="dxa"))
    borders = element("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{edge}", val="single", sz=4, space=0, color="000000"))
    put(tblPr, borders)
    put(tblPr, element("w:tblLayout", type="fixed"))  # keep the widths written, in Word and WPS
    margins = element("w:tblCellMar")
    for edge in ("left", "right"):
        margins.append(element(f"w:{edge}", w=CELL_MARGIN.twips, type="dxa"))
    put(tblPr, margins)


def _shade(cell, fill: str) -> None:
    put(cell._tc.get_or_add_tcPr(), element("w:shd", val="clear", color="auto", fill=fill.lstrip("#").upper()))


def _repeat_header(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(element("w:cantSplit"))
    trPr.append(element("w:tblHeader"))


def _fill(cell, text: str, *, header: bool, align) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    off_grid(paragraph)
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing = Pt(TABLE_SIZE.pt * 1.3)
    fmt.space_before = fmt.space_after = Pt(1)
    fmt.alignment = align
    add_run(paragraph, text, TABLE_HEADER_FONT if header else TABLE_FONT, TABLE_SIZE)


class _CellFormats:
    """Cells formatted once per kind (header or not, alignment, width) and copied after that:
    python-docx's property setters cost a millisecond a cell, the copies a few microseconds."""

    def __init__(self):
        self._made: dict[tuple, tuple] = {}

    def fill(self, cell, text: str, *, header: bool, align, width: int) -> None:
        key = (header, align, width)
        made = self._made.get(key)
        if made is None:
            cell.width = width
            _fill(cell, text, header=header, align=align)
            tc = cell._tc
            self._made[key] = (deepcopy(tc.tcPr), deepcopy(tc.p_lst[0].pPr), deepcopy(tc.p_lst[0].r_lst[0]))
            return
        tcPr, pPr, run = made
        tc = cell._tc
        if tc.tcPr is not None:
            tc.remove(tc.tcPr)
        tc.insert(0, deepcopy(tcPr))
        paragraph = tc.p_lst[0]
        for child in list(paragraph):
            paragraph.remove(child)
        paragraph.append(deepcopy(pPr))
        run = deepcopy(run)
        node = run.find(qn("w:t"))
        node.text = text
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        paragraph.append(run)


def column_widths(header: list[str], rows: list[list[str]]) -> list[int]:
    """Widths in twips that fill the text block: the first text column gets what its longest
    entry needs (4 to 7 characters; longer ones wrap), the rest share the remainder equally."""
    total = TEXT_WIDTH.twips
    count = len(header)
    char = TABLE_SIZE.pt * 20
    first_text = next((j for j in range(count) if any(not _is_number(r[j]) for r in rows)), 0)
    longest = max((len(r[first_text]) for r in rows), default=4)
    wide = int(min(7, max(4, longest)) * char + 2 * CELL_MARGIN.twips)
    narrow = (total - wide) // max(count - 1, 1)
    widths = [narrow] * count
    widths[first_text] = total - narrow * (count - 1)
    return widths


def _is_number(text: str) -> bool:
    try:
        float(str(text).replace(",", ""))
    except ValueError:
        return False
    return True


def add_table(document, header: list[str], rows: list[list[str]], numeric=(), *, shade_statuses: bool = False):
    """Append a table: header row repeated on each page, numbers right-aligned, others centred.

    Parameters
    ----------
    document : docx.Document
    header : list of str
    rows : list of list of str
        Text cells, already formatted.
    numeric : iterable of int
        Columns that hold numbers (right-aligned).
    shade_statuses : bool
        Give cells holding a status word the status' light fill (grey-print safe).
    """
    numeric = set(numeric)
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _grid_borders(table)
    widths = column_widths(header, rows)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(width))
    formats = _CellFormats()
    for i, values in enumerate([header, *rows]):
        row = table.rows[i]
        if i == 0:
            _repeat_header(row)
        else:
            row._tr.get_or_add_trPr().append(element("w:cantSplit"))
        for j, (cell, value) in enumerate(zip(row.cells, values)):
            if i == 0:
                align = WD_ALIGN_PARAGRAPH.CENTER
            elif j in numeric:
                align = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                align = WD_ALIGN_PARAGRAPH.LEFT if j == 0 else WD_ALIGN_PARAGRAPH.CENTER
            formats.fill(cell, str(value), header=i == 0, align=align, width=widths[j])
            if shade_statuses and i and j:
                look = status_look(value)
                if look.fill.lower() != "#ffffff":
                    _shade(cell, look.fill)
    return table
