"""Cell styles and number formats of the official tables: :class:`TableStyles`, :func:`unit_format`.

Cells get named styles registered once per workbook: Excel and WPS list them by name, and
a body cell is made with the style ids of its named style, which costs a fraction of a
font, a border and an alignment per cell. Fonts are named explicitly (宋体 for the body,
黑体 for headings, with the GB 2312 character set), or Excel and WPS fall back to a Latin
font for Chinese. Fills come from :mod:`workbench.models.charts.palette`.
"""

from __future__ import annotations

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

from workbench.models.exports.xlsx_cells import plain_value

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
GB2312_CHARSET = 134

COUNT_FORMAT = "#,##0"
MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.0#"
PERCENT_FORMAT = "0.0%"
POINTS_FORMAT = "+0.0;-0.0;0.0"
SCORE_FORMAT = "0.00"
RANK_FORMAT = "0"
GENERAL_FORMAT = "General"

COUNT_UNITS = frozenset({"家", "个", "户", "台次", "批次", "人", "项", "次", "件", "台", "批"})

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_MIDDLE = "center"
_SIDES = {"left": "左", "right": "右"}


def unit_format(unit: object, value: object = None) -> str:
    """The number format of a figure in ``unit``: whole counts, two decimals for money and areas.

    A count that is not whole (an estimated target split) keeps two decimals, so the table
    never shows a rounded figure as if it were exact.
    """
    unit = "" if plain_value(unit) is None else str(unit)
    if unit in COUNT_UNITS:
        value = plain_value(value)
        if isinstance(value, float) and not value.is_integer():
            return MONEY_FORMAT
        return COUNT_FORMAT
    if unit in ("%", "‰", "个百分点"):
        return RATE_FORMAT
    if unit:
        return MONEY_FORMAT
    return GENERAL_FORMAT


def _body_font() -> Font:
    return Font(name=BODY_FONT, size=10, charset=GB2312_CHARSET)


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


class TableStyles:
    """The named cell styles of one workbook, registered on first use."""

    def __init__(self, workbook):
        self.workbook = workbook
        self._names: dict[tuple, str] = {}
        self._arrays: dict[str, object] = {}

    def array(self, ws, name: str):
        """The style ids a cell styled ``name`` holds, for :class:`openpyxl.cell.Cell`'s
        ``style_array``: body cells are made with it, which costs a fraction of assigning
        the named style to every one of tens of thousands of cells."""
        found = self._arrays.get(name)
        if found is None:
            scratch = Cell(ws)
            scratch.style = name
            # openpyxl keeps a cell's style ids in ``_style``; this is the one place read.
            found = self._arrays[name] = scratch._style
        return found

    def _register(self, key: tuple, name: str, make) -> str:
        """The style named ``name`` for ``key``; ``make()`` gives its parts on first use only
        (building fonts and borders per cell would cost more than writing the cells)."""
        found = self._names.get(key)
        if found is None:
            self.workbook.add_named_style(NamedStyle(name=name, **make()))
            found = self._names[key] = name
        return found

    def body(self, kind: str = "text", number_format: str = GENERAL_FORMAT) -> str:
        """A bordered body cell: ``text``, ``center`` or ``number`` (with its format)."""
        if kind == "number":
            # Ranks and counts are centred like the words around them; amounts align right.
            horizontal = "center" if number_format == RANK_FORMAT else "right"
            return self._register(("number", number_format), f"表体数值 {number_format}", lambda: dict(
                font=_body_font(), border=_BORDER, number_format=number_format,
                alignment=Alignment(horizontal=horizontal, vertical=_MIDDLE)))
        horizontal = "left" if kind == "text" else "center"
        return self._register((kind,), f"表体{'文字' if kind == 'text' else '居中'}", lambda: dict(
            font=_body_font(), border=_BORDER,
            alignment=Alignment(horizontal=horizontal, vertical=_MIDDLE, wrap_text=True)))

    def filled(self, label: str, colour: str) -> str:
        """A bordered, centred body cell with a light fill (a status or a grade)."""
        return self._register(("fill", label), f"表体 {label}", lambda: dict(
            border=_BORDER, font=_body_font(), fill=PatternFill("solid", fgColor=_hex(colour)),
            alignment=Alignment(horizontal="center", vertical=_MIDDLE, wrap_text=True)))

    def header(self) -> str:
        return self._register(("header",), "表头", lambda: dict(
            border=_BORDER, font=Font(name=HEADING_FONT, size=10, charset=GB2312_CHARSET),
            fill=PatternFill("solid", fgColor="F2F2F2"),
            alignment=Alignment(horizontal="center", vertical=_MIDDLE, wrap_text=True)))

    def group(self) -> str:
        """A row naming a group of indicators, across the table."""
        return self._register(("group",), "表体分组", lambda: dict(
            border=_BORDER, font=Font(name=HEADING_FONT, size=10, charset=GB2312_CHARSET),
            alignment=Alignment(horizontal="left", vertical=_MIDDLE)))

    def title(self) -> str:
        return self._register(("title",), "表题", lambda: dict(
            font=Font(name=HEADING_FONT, size=16, bold=True, charset=GB2312_CHARSET),
            alignment=Alignment(horizontal="center", vertical=_MIDDLE, wrap_text=True)))

    def line(self, horizontal: str = "left") -> str:
        """An unbordered line: the maker and the units above a table, notes below it."""
        return self._register(("line", horizontal), f"表外{_SIDES[horizontal]}", lambda: dict(
            font=_body_font(), alignment=Alignment(horizontal=horizontal, vertical=_MIDDLE,
                                                   wrap_text=horizontal == "left")))
