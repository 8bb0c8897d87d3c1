"""The layout of an official statistical table (中国式报表) in openpyxl.

A sheet is: a title row naming the period, merged across the table; a line with the
maker's details on the left and the units on the right; two header rows where a group
("完成情况") spans its columns and a single column spans both rows; the body with thin
borders; notes ("注：…") below. Printing is set up once for all: A4 landscape, fitted to
the page width, header rows repeated on every page, page numbers in the footer.

Styles and number formats live in :mod:`.xlsx_styles`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from openpyxl.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from workbench.models.charts.palette import GRADE_FILLS, status_look
from workbench.models.exports.xlsx_cells import display_width, plain_value, set_value
from workbench.models.exports.xlsx_styles import BODY_FONT, GENERAL_FORMAT, TableStyles
from workbench.models.periods import period_label

MISSING_TEXT = "—"
FOOTER = "第 &P 页 共 &N 页"
LINE_HEIGHT = 13.5
"""Points per line of 10 pt text."""


def _height(lines: int) -> float:
    """Row height in points for ``lines`` lines of body text."""
    return LINE_HEIGHT * lines + 3


def title_period(at: str) -> str:
    """The assessment month as the period a title names: ``2019-09`` → ``2019年1-9月``."""
    year, month = (int(part) for part in at.split("-"))
    return period_label(year, 1, month)


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Attributes
    ----------
    key : str
        The record field it shows.
    header : tuple of str
        The header path: ``("完成情况", "实际")`` sits under a merged group header,
        ``("地区",)`` spans all header rows.
    kind : str
        ``text`` (left, wrapped), ``center``, ``number``, ``status`` (symbol, word and the
        palette's fill) or ``grade`` (with the grade's fill).
    number_format : str
        For ``number`` columns.
    format_key : str or None
        A record field holding the number format, when it differs from row to row.
    min_width, max_width : float
        Bounds of the fitted column width (Excel's character units).
    """

    key: str
    header: tuple[str, ...]
    kind: str = "text"
    number_format: str = GENERAL_FORMAT
    format_key: str | None = None
    min_width: float = 6
    max_width: float = 40


def put_styled(ws, row: int, col: int, value, style: str | None):
    """Write ``value`` (text stays text) with the named ``style``; returns the cell."""
    cell = ws.cell(row=row, column=col)
    set_value(cell, plain_value(value))
    if style is not None:
        cell.style = style
    return cell


def merge(ws, first_row: int, first_col: int, last_row: int, last_col: int, style: str | None = None) -> None:
    """Merge a range; with ``style``, every cell of it gets the style (borders included).

    The range is recorded as it stands: the covered cells stay ordinary empty cells, as in
    the files Excel writes. ``Worksheet.merge_cells`` would instead copy the top-left cell's
    edges onto each covered cell one by one, which costs more than the rest of the sheet.
    """
    ws.merged_cells.add(CellRange(min_row=first_row, min_col=first_col, max_row=last_row, max_col=last_col))
    if style is not None:
        for row in range(first_row, last_row + 1):
            for col in range(first_col, last_col + 1):
                ws.cell(row=row, column=col).style = style


def write_title(ws, styles: TableStyles, title: str, left: str, right: str, width: int) -> int:
    """Title (row 1, merged across ``width`` columns) and the maker/units line (row 2).

    Returns the next free row.
    """
    put_styled(ws, 1, 1, title, styles.title())
    merge(ws, 1, 1, 1, width)
    ws.row_dimensions[1].height = 32
    split = max(1, width // 2)
    put_styled(ws, 2, 1, left, styles.line("left"))
    if width > 1:
        put_styled(ws, 2, split + 1, right, styles.line("right"))
    if split > 1:
        merge(ws, 2, 1, 2, split)
    if width - split > 1:
        merge(ws, 2, split + 1, 2, width)
    return 3


def _line_lines(ws, left: str, right: str, width: int) -> int:
    """Lines the maker/units row needs: a merged cell does not grow with its wrapped text,
    so a long list of lead departments would run into the headers below."""
    split = max(1, width // 2)

    def lines(text: str, first: int, last: int) -> int:
        room = sum(ws.column_dimensions[get_column_letter(j)].width for j in range(first, last + 1)) or 1
        return sum(max(1, -(-display_width(part) // max(int(room), 1))) for part in str(text or "").split("\n"))

    return max(lines(left, 1, split), lines(right, split + 1, width) if width > 1 else 1)


def write_header(ws, styles: TableStyles, top: int, columns: list[Column]) -> int:
    """Header rows from ``top``: group headers merged across, single headers merged down.

    Returns the first body row.
    """
    depth = max(len(c.header) for c in columns)
    style = styles.header()
    spans = []
    for j, column in enumerate(columns, start=1):
        for i, text in enumerate(column.header):
            put_styled(ws, top + i, j, text, None)
        if len(column.header) < depth:
            spans.append((top + len(column.header) - 1, j, top + depth - 1, j))
    for level in range(depth - 1):
        j = 0
        while j < len(columns):
            end = j
            if len(columns[j].header) > level + 1:
                prefix = columns[j].header[:level + 1]
                while (end + 1 < len(columns) and len(columns[end + 1].header) > level + 1
                       and columns[end + 1].header[:level + 1] == prefix):
                    end += 1
            if end > j:
                spans.append((top + level, j + 1, top + level, end + 1))
            j = end + 1
    for span in spans:
        merge(ws, *span)
    for i in range(depth):  # the covered cells too, so every edge of a merged header has its border
        for j in range(1, len(columns) + 1):
            ws.cell(row=top + i, column=j).style = style
    return top + depth


def _cell_style(styles: TableStyles, column: Column, value, record) -> tuple[object, str]:
    """The value to store and its style name; a missing figure becomes "—", never 0."""
    kind = column.kind
    if kind == "status" and value is not None:
        look = status_look(value)
        return f"{look.symbol} {value}", styles.filled(str(value), look.fill)
    if kind == "grade" and value is not None and str(value) in GRADE_FILLS:
        return value, styles.filled(str(value), GRADE_FILLS[str(value)])
    if kind == "number":
        if value is None:
            return MISSING_TEXT, styles.body("center")
        if isinstance(value, str):
            return value, styles.body("center")
        number_format = record.get(column.format_key) if column.format_key else column.number_format
        return value, styles.body("number", number_format or GENERAL_FORMAT)
    return value, styles.body("text" if kind == "text" else "center")


def _shown_width(value, number_format: str) -> int:
    if isinstance(value, float):
        if number_format.endswith("%"):
            return len(f"{value * 100:,.1f}%")
        return len(f"{value:,.2f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return 0 if value is None else display_width(value)


def write_rows(ws, styles: TableStyles, first: int, columns: list[Column], records: list[dict],
               widths: list[int], long_texts: list | None = None) -> int:
    """The table body from row ``first`` (the row after the last one written so far).

    ``widths`` grows to the widest text of each column; ``long_texts`` gets
    ``(row, column index, width)`` of each text that may need more than one line.
    Returns the next free row.
    """
    if ws.max_row != first - 1 and records:  # rows are appended after the last one written
        raise RuntimeError(f"the body must start at row {ws.max_row + 1}, not {first}")
    arrays: dict[str, object] = {}
    text_widths: dict[str, int] = {}  # the same file, sheet and department names recur thousands of times
    # Most cells are text in a text column: their style is known before the loop.
    text_styles = [styles.body(column.kind) if column.kind in ("text", "center") else None for column in columns]
    for row, record in enumerate(records, start=first):
        cells = []
        for j, column in enumerate(columns):
            value = record.get(column.key)
            style = text_styles[j]
            if style is None or not isinstance(value, str):
                value, style = _cell_style(styles, column, plain_value(value), record)
            array = arrays.get(style)
            if array is None:
                array = arrays[style] = styles.array(ws, style)
            cell = Cell(ws, style_array=array)
            set_value(cell, value)
            if isinstance(value, str):
                shown = text_widths.get(value)
                if shown is None:
                    shown = text_widths[value] = display_width(value)
                if long_texts is not None and shown > column.min_width - 2:
                    long_texts.append((row, j, shown))
            else:
                shown = _shown_width(value, column.number_format)
            cells.append(cell)
            if shown > widths[j]:
                widths[j] = shown
        ws.append(cells)
    return first + len(records)


def write_group_row(ws, styles: TableStyles, row: int, text: str, width: int) -> int:
    """One row naming a group of indicators, merged across the table; returns the next row."""
    put_styled(ws, row, 1, text, None)
    merge(ws, row, 1, row, width, styles.group())
    return row + 1


def numbered_notes(lines: list[str]) -> list[str]:
    """Notes as a table has them: "注：1. …", "2. …"; a single note goes unnumbered."""
    if len(lines) == 1:
        return [f"注：{lines[0]}"]
    return [f"{'注：' if i == 1 else ''}{i}. {line}" for i, line in enumerate(lines, start=1)]


def write_notes(ws, styles: TableStyles, row: int, lines: list[str], width: int) -> int:
    """Notes under the table, each merged across it; returns the next row."""
    style = styles.line("left")
    for line in lines:
        put_styled(ws, row, 1, line, style)
        if width > 1:
            merge(ws, row, 1, row, width)
        # A merged cell does not grow with wrapped text: give long notes room for their lines.
        total = sum((ws.column_dimensions[get_column_letter(j)].width or 8) for j in range(1, width + 1))
        lines_needed = max(1, -(-display_width(line) // max(int(total), 1)))
        ws.row_dimensions[row].height = _height(lines_needed)
        row += 1
    return row


def header_widths(columns: list[Column]) -> list[int]:
    """The starting widths: each column's own (lowest) header text."""
    return [display_width(c.header[-1]) for c in columns]


def set_widths(ws, columns: list[Column], widths: list[int]) -> None:
    """Column widths fitted to the text (a Chinese character counts two), within each column's bounds."""
    for j, (column, width) in enumerate(zip(columns, widths), start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, column.min_width), column.max_width)


def fit_heights(ws, columns: list[Column], long_texts: list, header_top: int, header_bottom: int,
                last_row: int) -> None:
    """Row heights for wrapped text, up to ``last_row``.

    Excel and LibreOffice keep a written row's height on opening, so a long message or
    name would be cut off. When most body rows need the same number of lines (file names
    in 数据来源), that height becomes the sheet's default and only the other rows get one
    of their own: thousands of row records cost more than the cells.
    """
    available = [ws.column_dimensions[get_column_letter(j)].width - 1.5 for j in range(1, len(columns) + 1)]
    needed: dict[int, int] = {}
    for row, j, shown in long_texts:
        lines = -(-shown // max(int(available[j]), 1))
        if lines > needed.get(row, 1):
            needed[row] = lines
    depth = header_bottom - header_top + 1
    header_lines = 1
    for j, column in enumerate(columns):
        lines = -(-display_width(column.header[-1]) // max(int(available[j]), 1))
        header_lines = max(header_lines, -(-lines // (depth - len(column.header) + 1)))
    body = last_row - header_bottom
    tally = Counter(needed.values())
    tally[1] = body - len(needed)
    usual = max(tally, key=lambda lines: (tally[lines], -lines))
    if usual > 1:
        ws.sheet_format.defaultRowHeight = _height(usual)
        ws.sheet_format.customHeight = True
        for row in range(1, last_row + 1):
            if needed.get(row, 1) != usual:
                ws.row_dimensions[row].height = _height(needed.get(row, 1))
    else:
        for row, lines in needed.items():
            ws.row_dimensions[row].height = _height(lines)
    if header_lines > 1:
        ws.row_dimensions[header_bottom].height = _height(header_lines)


def set_print(ws, header_top: int, header_bottom: int, freeze_column: int = 1) -> None:
    """A4 landscape fitted to the page width, header rows on every page, page numbers below.

    Panes freeze below the header rows and right of the first ``freeze_column`` columns.
    """
    ws.freeze_panes = ws.cell(row=header_bottom + 1, column=freeze_column + 1).coordinate
    ws.print_title_rows = f"{header_top}:{header_bottom}"
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = ws.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.font = f"{BODY_FONT},常规"
    ws.oddFooter.center.size = 9


def table_sheet(ws, styles: TableStyles, *, title: str, left: str, right: str, columns: list[Column],
                records: list[dict], notes: list[str] = (), freeze_column: int = 1, preamble=None) -> int:
    """One whole sheet: title, maker/units line, headers, body, notes, widths and printing.

    Parameters
    ----------
    ws : openpyxl worksheet
    styles : TableStyles
    title, left, right : str
        The title, the left (maker, date) and right (单位：…) parts of the line below it.
    columns : list of Column
    records : list of dict
        One per body row; a record holding ``_group`` becomes a merged row naming a group.
    notes : list of str
        Lines under the table ("注：…").
    freeze_column : int
        How many columns stay in view when scrolling right.
    preamble : callable, optional
        ``preamble(ws, styles, row) -> next_row`` writes rows between the title and the
        headers (a county's total, rank and grade).

    Returns
    -------
    int
        The first header row.
    """
    width = len(columns)
    row = write_title(ws, styles, title, left, right, width)
    if preamble is not None:
        row = preamble(ws, styles, row)
    top = row
    row = write_header(ws, styles, top, columns)
    bottom = row - 1
    widths = header_widths(columns)
    long_texts: list = []
    block: list[dict] = []
    for record in records:
        if "_group" in record:
            row = write_rows(ws, styles, row, columns, block, widths, long_texts)
            block = []
            row = write_group_row(ws, styles, row, record["_group"], width)
        else:
            block.append(record)
    row = write_rows(ws, styles, row, columns, block, widths, long_texts)
    set_widths(ws, columns, widths)
    fit_heights(ws, columns, long_texts, top, bottom, row - 1)
    total = sum(ws.column_dimensions[get_column_letter(j)].width for j in range(1, width + 1))
    # The title wraps when the table is narrower than it (16 pt is about 1.6 times the body's 10 pt).
    ws.row_dimensions[1].height = 30 * max(1, -(-int(display_width(title) * 1.6) // max(int(total), 1)))
    ws.row_dimensions[2].height = _height(_line_lines(ws, left, right, width))
    if notes:
        write_notes(ws, styles, row + 1, list(notes), width)
    set_print(ws, top, bottom, freeze_column)
    return top
