"""Native PowerPoint tables with a house look: a dark header row, light banding, status fills.

Every cell's fill is set explicitly rather than left to a table style, so the table looks
the same in PowerPoint, WPS and LibreOffice and a status reads the same as in the charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Inches

from workbench.models.exports.pptx_text import SLIDE_FONT, one_line

HEADER_FILL = "1F4E79"
BAND_FILLS = ("FFFFFF", "F2F2F2")
_ALIGN = {"l": "l", "c": "ctr", "r": "r"}


@dataclass(frozen=True)
class Column:
    """One table column: its header, its share of the table's width and its alignment (l, c, r)."""

    header: str
    width: float
    align: str = "c"
    limit: int | None = None
    """Longest text shown in the column; longer text is cut with "…" so rows keep their height."""


def _cell_xml(text: str, *, fill: str, size: float, align: str, bold: bool = False, color: str | None = None) -> str:
    # Written as XML in one go: python-pptx's cell API costs milliseconds a cell, too slow for a deck.
    run_fill = f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>' if color else ""
    fonts = "".join(f'<a:{tag} typeface="{SLIDE_FONT}"/>' for tag in ("latin", "ea", "cs"))
    margin_x, margin_y = Inches(0.06), Inches(0.02)
    return (f'<a:tc><a:txBody><a:bodyPr wrap="square"/><a:lstStyle/><a:p><a:pPr algn="{align}"/>'
            f'<a:r><a:rPr lang="zh-CN" altLang="en-US" sz="{int(size * 100)}" b="{int(bold)}">{run_fill}{fonts}</a:rPr>'
            f'<a:t>{escape(text)}</a:t></a:r></a:p></a:txBody>'
            f'<a:tcPr marL="{margin_x}" marR="{margin_x}" marT="{margin_y}" marB="{margin_y}" anchor="ctr">'
            f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>')


def add_table(shapes, box: tuple[int, int, int, int], columns: list[Column], rows: list[list[object]], *,
              fills: dict[tuple[int, int], str] | None = None, font_size: float = 14):
    """Add a table filling ``box`` (left, top, width, height in EMU) and return it.

    Parameters
    ----------
    shapes : pptx.shapes.shapetree.SlideShapes
    box : tuple of int
    columns : list of Column
    rows : list of list
        Body cells, written as one line of text each (see :func:`~.pptx_text.one_line`).
    fills : dict, optional
        ``(body row, column) → hex fill`` for cells that show a status or grade.
    font_size : float
        Points, for header and body alike.

    Returns
    -------
    pptx.table.Table
    """
    fills = fills or {}
    left, top, width, height = box
    frame = shapes.add_table(len(rows) + 1, len(columns), left, top, width, height)
    table = frame.table
    table.first_row, table.horz_banding = True, False
    total = sum(c.width for c in columns)
    used = 0
    for index, column in enumerate(columns):
        share = width - used if index == len(columns) - 1 else int(width * column.width / total)
        table.columns[index].width = share
        used += share
    row_height = int(height / (len(rows) + 1))
    cells = [[_cell_xml(one_line(c.header), fill=HEADER_FILL, size=font_size, align="ctr", bold=True, color="FFFFFF")
              for c in columns]]
    for r, values in enumerate(rows):
        cells.append([_cell_xml(one_line(values[c], column.limit), fill=fills.get((r, c), BAND_FILLS[r % 2]).upper(),
                                size=font_size, align=_ALIGN[column.align]) for c, column in enumerate(columns)])
    tbl = table._tbl
    for tr in tbl.findall(qn("a:tr")):
        tbl.remove(tr)
    for row in cells:
        tbl.append(parse_xml(f'<a:tr {nsdecls("a")} h="{row_height}">{"".join(row)}</a:tr>'))
    return table
