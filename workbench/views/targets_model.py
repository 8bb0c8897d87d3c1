"""The Qt side of the county-target grid: its table model and its undo commands.

:class:`TargetsTableModel` serves the project's targets as indicators × (全市 and the
counties), with the unit and the plan's own target beside each indicator. An estimated
target (默认分解) is shown in italics with the marker 估算; every cell's tooltip names
its source. Editing a region cell validates the text
(:func:`~workbench.models.targets.parse_target_text`): a valid value is announced with
``sig_edit`` for the widget to commit (through :class:`SetTargetCommand`), a bad one with
``sig_invalid`` and a Chinese message; the model itself never writes to the project.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from workbench.models.plan import Indicator, Plan
from workbench.models.targets import (
    USER_PREFIX,
    TargetError,
    apply_default_targets,
    parse_target_text,
    restore_target,
    set_target_value,
)
from workbench.views.undo_commands import ProjectCommand


ESTIMATE_MARK = "估算"
FIXED_COLUMNS = ("指标", "单位", "计划目标")
ESTIMATE_COLOUR = QColor("#7a5c00")
SHORT_COLOUR = QColor("#fdecea")
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)


def _tr(text: str) -> str:
    return QCoreApplication.translate("TargetsTableModel", text)


def target_text(value: float | None) -> str:
    """A target in a cell: ``50,000``, ``47.2``, ``2.5``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def source_text(source: str | None, estimated: bool) -> str:
    """Where a target comes from, for a tooltip."""
    if not source:
        return ""
    if source.startswith(USER_PREFIX):
        return _tr("手工填写：{name}").format(name=source[len(USER_PREFIX):])
    if estimated:
        return _tr("{source}（默认分解，未经确认）").format(source=source)
    if "!" in source:
        return _tr("来源：{source}").format(source=source)
    return source


class TargetsTableModel(QAbstractTableModel):
    """Indicators × (fixed columns, then one column per region) of targets."""

    sig_edit = Signal(str, str, object)
    """``(indicator, region, value)`` the user typed and that passed validation (None clears)."""
    sig_invalid = Signal(str)
    """A Chinese message about a value that was refused."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.indicators: list[Indicator] = []
        self.regions: list[tuple[str, str]] = []  # (code, header label)
        self.cells: dict[tuple[str, str], dict] = {}
        self.short: set[str] = set()  # indicators whose counties add up to less than the city

    # -- data in --
    def set_layout(self, plan: Plan | None, regions: list[tuple[str, str]]) -> None:
        """The rows (the plan's quantitative indicators) and region columns."""
        self.beginResetModel()
        self.indicators = [i for i in plan.indicators if not i.qualitative] if plan is not None else []
        self.regions = list(regions)
        self.cells = {}
        self.endResetModel()

    def set_targets(self, rows: list[dict], short: set[str] | None = None) -> None:
        """The targets (dicts with ``indicator, region, value, source, estimated``), updated in place."""
        self.cells = {(r["indicator"], r["region"]): r for r in rows}
        self.short = set(short or ())
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # -- lookups --
    def region_column(self, code: str) -> int:
        return len(FIXED_COLUMNS) + [c for c, _ in self.regions].index(code)

    def indicator_row(self, code: str) -> int:
        return [i.code for i in self.indicators].index(code)

    def cell_at(self, index: QModelIndex | QPersistentModelIndex) -> tuple[Indicator, str] | None:
        """(indicator, region code) of a region cell, None for a fixed column."""
        if not index.isValid() or index.column() < len(FIXED_COLUMNS):
            return None
        return self.indicators[index.row()], self.regions[index.column() - len(FIXED_COLUMNS)][0]

    def target(self, indicator: str, region: str) -> dict | None:
        return self.cells.get((indicator, region))

    # -- QAbstractTableModel --
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.indicators)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self.regions)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(FIXED_COLUMNS):
                return _tr(FIXED_COLUMNS[section])
            return self.regions[section - len(FIXED_COLUMNS)][1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if section < 2 else _RIGHT
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.cell_at(index) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        ind = self.indicators[index.row()]
        column = index.column()
        if column < len(FIXED_COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return (ind.short_name or ind.name, ind.unit, ind.target_text())[column]
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{ind.name}（{ind.target_text()}，牵头：{'、'.join(ind.lead)}）"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _LEFT if column < 2 else _RIGHT
            if role == Qt.ItemDataRole.BackgroundRole and column == 0 and ind.code in self.short:
                return QBrush(SHORT_COLOUR)
            return None
        region = self.regions[column - len(FIXED_COLUMNS)][0]
        cell = self.cells.get((ind.code, region))
        estimated = bool(cell and cell.get("estimated"))
        value = cell.get("value") if cell else None
        if role == Qt.ItemDataRole.DisplayRole:
            text = target_text(value)
            return f"{text} {ESTIMATE_MARK}" if text and estimated else text
        if role == Qt.ItemDataRole.EditRole:
            return target_text(value).replace(",", "")
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell is None:
                return _tr("尚无目标，双击填写")
            return source_text(cell.get("source"), estimated)
        if role == Qt.ItemDataRole.FontRole and (estimated or column == len(FIXED_COLUMNS)):
            font = QFont()
            font.setItalic(estimated)
            font.setBold(column == len(FIXED_COLUMNS))  # 全市 stands out from its counties
            return font
        if role == Qt.ItemDataRole.ForegroundRole and estimated:
            return QBrush(ESTIMATE_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cell = self.cell_at(index)
        if cell is None or role != Qt.ItemDataRole.EditRole:
            return False
        ind, region = cell
        old = self.cells.get((ind.code, region))
        try:
            number = parse_target_text("" if value is None else str(value), ind)
        except TargetError as exc:
            self.sig_invalid.emit(str(exc))
            return False
        old_value = old.get("value") if old else None
        if old is not None and not old.get("estimated") and number is not None and old_value == number:
            return False  # nothing changed
        if old is None and number is None:
            return False
        self.sig_edit.emit(ind.code, region, number)
        return True


class SetTargetCommand(ProjectCommand):
    """Set (or clear, ``value=None``) one target from the grid; undo puts back what was there."""

    def __init__(self, project, plan: Plan, indicator: str, region: str, value: float | None, user: str,
                 text: str, on_change: Callable[[], object] | None = None):
        super().__init__(project, text, on_change)
        self.plan, self.indicator, self.region, self.value, self.user = plan, indicator, region, value, user
        self.previous: dict | None = None
        self._done_once = False

    def redo(self) -> None:
        previous = self._apply(lambda: set_target_value(self.project, self.indicator, self.region, self.value,
                                                        self.user, plan=self.plan))
        if not self._done_once:
            self.previous, self._done_once = previous, True

    def undo(self) -> None:
        self._apply(lambda: restore_target(self.project, self.indicator, self.region, self.previous))


class ApplyDefaultsCommand(ProjectCommand):
    """Fill the missing targets with the default decomposition (估算); undo removes what it added."""

    def __init__(self, project, plan: Plan, method: str, text: str, regions=None,
                 on_change: Callable[[], object] | None = None):
        super().__init__(project, text, on_change)
        self.plan, self.method, self.regions = plan, method, regions
        self.added: list[tuple[str, str]] = []

    def redo(self) -> None:
        frame = self._apply(lambda: apply_default_targets(self.project, self.plan, self.method, self.regions))
        self.added = [] if frame is None else list(zip(frame["indicator"], frame["region"]))
        if not self.added:
            self.setObsolete(True)  # nothing was missing: nothing to undo

    def undo(self) -> None:
        def remove() -> None:
            with self.project.transaction():
                for indicator, region in self.added:
                    restore_target(self.project, indicator, region, None)

        self._apply(remove)
