"""A sheet as the import preview shows it: raw cell text, coloured by what each cell is.

:class:`SheetPreviewModel` serves a :class:`~workbench.models.reading.workbook.Sheet`
row by row as Qt asks for it: ``rowCount`` is the sheet's height, ``data`` indexes the
raw rows and the role array of :func:`~workbench.models.import_batch.cell_roles`
(one byte per cell), so a 100 000-row sheet costs no Python object per cell beyond the
rows the reader already built.

Colours are light fills under dark text, picked so that neighbouring parts (header,
codes, regions, figures, totals, sub-items) stay apart in lightness or hue also under
simulated deuteranopia, protanopia and tritanopia (no red/green pair); each role also
has a name in the tooltip and the legend, and titles and totals are bold, notes italic,
so colour is never the only cue.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from workbench.models.import_batch import ROLE_NAMES, ROLES, CellRoles
from workbench.models.reading.workbook import CellError, Sheet, cell_address

ROLE_COLOURS = {
    "title": "#ece5f7",  # pale lilac
    "unit": "#f0e1bd",  # sand
    "form_block": "#d6d6d6",  # grey
    "header": "#a9cdee",  # blue, the darkest fill
    "column_codes": "#e9edf1",  # blue-grey
    "region": "#fbcf98",  # orange
    "data": "#e3f5ea",  # pale bluish green
    "total": "#f6e98e",  # yellow
    "subitem": "#efc0da",  # reddish purple
    "footnote": "#e2e2e2",  # light grey (and italic grey text)
}
"""Background of each role (see :data:`~workbench.models.import_batch.ROLES`)."""
LEGEND_ROLES = ("title", "unit", "header", "column_codes", "region", "data", "total", "subitem", "footnote",
                "form_block")
"""The roles the legend lists, in its order."""
TEXT_COLOUR = "#1b2a3a"
FOOTNOTE_TEXT = "#4a5563"

ROLE_ROLE = Qt.ItemDataRole.UserRole + 2
"""Item role giving a cell's role name (``"header"``, ``"region"`` …) or None."""

_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
MAX_COLUMNS = 1000  # columns shown at most (a stray far-away cell must not make the grid huge)


def cell_text(value: object) -> str:
    """A raw cell value as the preview shows it: text as written, 12.0 as 12, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds").removesuffix(" 00:00:00")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, CellError):
        return value.code
    return str(value)


def column_letters(col: int) -> str:
    return cell_address(0, col)[:-1]


class SheetPreviewModel(QAbstractTableModel):
    """Serve one sheet's raw cells with a background colour per cell role.

    Parameters
    ----------
    parent : QObject, optional
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._sheet: Sheet | None = None
        self._rows: list[list[object]] = []
        self._roles: CellRoles | None = None
        self._width = 0
        self._brushes = [None] + [QBrush(QColor(ROLE_COLOURS[name])) for name in ROLES]
        self._text_brush = QBrush(QColor(TEXT_COLOUR))
        self._note_brush = QBrush(QColor(FOOTNOTE_TEXT))
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._codes = {name: k for k, name in enumerate(ROLES, start=1)}

    # -- data in --

    def set_sheet(self, sheet: Sheet | None, roles: CellRoles | None = None) -> None:
        """Show ``sheet`` (None: nothing) coloured by ``roles``."""
        self.beginResetModel()
        self._sheet = sheet
        self._rows = sheet.rows if sheet is not None else []
        self._roles = roles
        width = max((len(row) for row in self._rows), default=0)
        if roles is not None:
            width = max(width, roles.shape[1] if roles.shape[0] else 0)
        self._width = min(width, MAX_COLUMNS)
        self.endResetModel()

    def set_roles(self, roles: CellRoles | None) -> None:
        """Recolour the sheet shown (after a layout correction)."""
        self._roles = roles
        if self._rows and self._width:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self._width - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                                   Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole, ROLE_ROLE])

    @property
    def sheet(self) -> Sheet | None:
        return self._sheet

    def role_at(self, row: int, column: int) -> str | None:
        """The role name of a cell, or None."""
        return self._roles.role(row, column) if self._roles is not None else None

    # -- QAbstractTableModel --

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._width

    def _raw(self, row: int, column: int) -> object:
        values = self._rows[row]
        return values[column] if column < len(values) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(self._raw(row, column))
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes[self._roles.code(row, column)] if self._roles is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            code = self._roles.code(row, column) if self._roles is not None else 0
            if code == self._codes["footnote"]:
                return self._note_brush
            return self._text_brush if code else None
        if role == Qt.ItemDataRole.FontRole:
            code = self._roles.code(row, column) if self._roles is not None else 0
            if code in (self._codes["title"], self._codes["total"]):
                return self._bold
            if code == self._codes["footnote"]:
                return self._italic
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            value = self._raw(row, column)
            return _RIGHT if isinstance(value, (int, float)) and not isinstance(value, bool) else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            text = cell_text(self._raw(row, column))
            name = self.role_at(row, column)
            where = cell_address(row, column)
            head = f"{where}（{ROLE_NAMES[name]}）" if name else where
            return f"{head}：{text}" if text else head
        if role == ROLE_ROLE:
            return self.role_at(row, column)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_letters(section) if 0 <= section < self._width else None
        return str(section + 1) if 0 <= section < len(self._rows) else None
