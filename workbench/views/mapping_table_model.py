"""The Qt table model of an import's mapping review: one row per column (or row) of the workbook.

Served from the list of :class:`~workbench.models.mapping_review.ColumnReview` the
core gives; a confidence is coloured (green sure, amber check it, red doubtful), a
confirmed row says so, and every cell's tooltip explains itself.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from workbench.models.mapping_review import BASIS_LABELS, STATUS_NAMES, ColumnReview
from workbench.models.plan import Plan
from workbench.views.indicator_combo import indicator_label

COLUMNS = ("工作表", "位置", "表头", "指标", "置信度", "单位", "口径", "状态")
(SHEET, WHERE, HEADER, INDICATOR, CONFIDENCE, UNIT, BASIS, STATUS) = range(len(COLUMNS))
SURE, CHECK = 0.9, 0.7
"""A proposal at least this sure is green; at least CHECK amber; below it red."""
CONFIDENCE_COLOURS = {"sure": ("#e3f1e4", "#1e6b2a"), "check": ("#fdf1d8", "#7a5200"),
                      "doubtful": ("#fbe3e3", "#a4262c"), "confirmed": ("#dcebfa", "#0b3d91")}
STATUS_COLOURS = {"confirmed": "#0b3d91", "ignored": "#5f6b7a", "template": "#1e6b2a", "auto": "",
                  "unmapped": "#a4262c"}
REVIEW_ROLE = Qt.ItemDataRole.UserRole + 1
"""Returns the row's ColumnReview."""


def confidence_band(review: ColumnReview) -> str | None:
    """``confirmed``, ``sure``, ``check`` or ``doubtful`` (None: nothing proposed)."""
    if review.status == "confirmed":
        return "confirmed"
    if review.confidence is None or review.ignored:
        return None
    if review.confidence >= SURE:
        return "sure"
    return "check" if review.confidence >= CHECK else "doubtful"


class MappingTableModel(QAbstractTableModel):
    """Rows of :class:`ColumnReview`, read only (edits go through the view's editor and undo stack)."""

    def __init__(self, plan: Plan | None = None, parent=None):
        super().__init__(parent)
        self._rows: list[ColumnReview] = []
        self._names: dict[str, object] = {}
        if plan is not None:
            self.set_plan(plan)

    def set_plan(self, plan: Plan) -> None:
        self._names = {i.code: i for i in plan.indicators}

    def set_rows(self, rows: list[ColumnReview]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[ColumnReview]:
        return list(self._rows)

    def review(self, row: int) -> ColumnReview:
        return self._rows[row]

    def row_of(self, key: str) -> int:
        """The row of the column with header key ``key``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.key == key), -1)

    # -- QAbstractTableModel --
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        review, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(review, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(review, column)
        if role == REVIEW_ROLE:
            return review
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CONFIDENCE, WHERE):
            return int((Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter).value)
        band = confidence_band(review)
        if role == Qt.ItemDataRole.BackgroundRole and column == CONFIDENCE and band:
            return QColor(CONFIDENCE_COLOURS[band][0])
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == CONFIDENCE and band:
                return QColor(CONFIDENCE_COLOURS[band][1])
            if column == STATUS and STATUS_COLOURS.get(review.status):
                return QColor(STATUS_COLOURS[review.status])
            if column == INDICATOR and not review.indicator:
                return QColor("#5f6b7a")
        if role == Qt.ItemDataRole.FontRole and column == INDICATOR and not review.indicator and review.suggested:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _name(self, code: str | None) -> str:
        ind = self._names.get(code)
        return indicator_label(ind) if ind is not None else (code or "")

    def _text(self, review: ColumnReview, column: int) -> str:
        if column == SHEET:
            return review.sheet if review.sheets <= 1 else f"{review.sheet} 等{review.sheets}张"
        if column == WHERE:
            return review.place
        if column == HEADER:
            return review.header
        if column == INDICATOR:
            if review.ignored:
                return "（忽略）"
            if review.indicator:
                return self._name(review.indicator)
            return f"建议：{self._name(review.suggested)}" if review.suggested else "（未映射）"
        if column == CONFIDENCE:
            if review.status == "confirmed":
                return "已确认"
            return "" if review.confidence is None or review.ignored else f"{review.confidence:.0%}"
        if column == UNIT:
            return self._unit(review)
        if column == BASIS:
            return BASIS_LABELS.get(review.basis or "", review.basis or "") if not review.ignored else ""
        if column == STATUS:
            return STATUS_NAMES.get(review.status, review.status)
        return ""

    def _unit(self, review: ColumnReview) -> str:
        if review.ignored:
            return ""
        target = getattr(self._names.get(review.indicator), "unit", "") or ""
        unit = review.unit or ""
        if unit and target and unit != target and review.basis != "growth":
            return f"{unit}→{target}"
        return unit or target

    def _tooltip(self, review: ColumnReview, column: int) -> str | None:
        if column == INDICATOR:
            lines = [review.note] if review.note else []
            if review.candidates:
                lines.append("候选：" + "；".join(f"{name}（{conf:.0%}）" for _, name, conf in review.candidates[:3]))
            return "\n".join(lines) or None
        if column == CONFIDENCE and review.confidence is not None and not review.ignored:
            if review.status == "confirmed":
                return "已由用户确认"
            return {"sure": "把握较大", "check": "请核对", "doubtful": "把握不大，请确认"}.get(
                confidence_band(review) or "", None)
        if column == UNIT:
            if review.unit_stated:
                return "报表中注明了单位，以报表为准；换算成指标单位"
            return "报表中没有注明单位：请确认"
        if column == WHERE:
            return f"工作表「{review.sheet}」{review.place}"
        return self._text(review, column) or None
