"""The report's two small tables under the chart: the county ranking and one indicator.

Both show the display tables of :mod:`workbench.models.exports.clipboard_tables` through
:class:`ExportTableModel`, written exactly as they are copied; 「复制表格」 (also in the
tables' context menu, and Ctrl+C in a table) puts the table shown on the clipboard as HTML
and as tab-separated text.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from workbench.models.charts.labels import MISSING
from workbench.models.charts.palette import GRADE_FILLS, STATUS_LOOKS
from workbench.models.exports.clipboard_tables import (
    FORMATS, indicator_table, indicator_title, ranking_table, ranking_title,
)
from workbench.views.dataframe_model import DataFrameModel
from workbench.views.export_jobs import copy_table
from workbench.views.style import fit_columns, style_table

TAB_RANKING, TAB_INDICATOR = range(2)
_CENTRED = ("排名", "等级", "名次变化", "状态")


class ExportTableModel(DataFrameModel):
    """A display table as the clipboard writes it, with the status and grade cells filled."""

    def __init__(self, parent=None):
        super().__init__(formats=FORMATS, missing_text=MISSING, parent=parent)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        label = self.dataframe.columns[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and label in ("状态", "等级"):
            text = str(self.dataframe[label].iat[index.row()])
            word = text.split(" ")[-1]  # the status after its symbol
            fill = GRADE_FILLS.get(word) if label == "等级" else getattr(STATUS_LOOKS.get(word), "fill", None)
            return QBrush(QColor(fill)) if fill else None
        if role == Qt.ItemDataRole.TextAlignmentRole and label in _CENTRED:
            return int(Qt.AlignmentFlag.AlignCenter.value)
        return super().data(index, role)


def _table(model: ExportTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    style_table(view)
    view.horizontalHeader().setStretchLastSection(False)  # a few narrow columns: no stretched last one
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return view


class ExportTablesWidget(QWidget):
    """排名 and 单项指标 tabs over the report context's tables, and 「复制表格」."""

    sig_copied = Signal(str)
    """A table was put on the clipboard; carries its title."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = None
        self.ranking_model = ExportTableModel(self)
        self.ranking_view = _table(self.ranking_model)
        self.indicator_model = ExportTableModel(self)
        self.indicator_view = _table(self.indicator_model)
        self.indicator_combo = QComboBox()
        self.indicator_combo.setMinimumContentsLength(14)
        self.indicator_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.indicator_combo.currentIndexChanged.connect(self._show_indicator)

        indicator_page = QWidget()
        page_layout = QVBoxLayout(indicator_page)
        page_layout.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("指标：")))
        row.addWidget(self.indicator_combo, 1)
        page_layout.addLayout(row)
        page_layout.addWidget(self.indicator_view, 1)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.ranking_view, self.tr("得分排名"))
        self.tabs.addTab(indicator_page, self.tr("单项指标"))

        self.copy_action = QAction(self.tr("复制表格"), self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.setToolTip(self.tr("把表格复制到剪贴板（带格式的表格和制表符分隔的文本），"
                                            "可粘贴到 WPS、Word 或 Excel（Ctrl+C）"))
        self.copy_action.triggered.connect(self.copy_table)
        for view in (self.ranking_view, self.indicator_view):
            view.addAction(self.copy_action)
        self.copy_button = QPushButton(self.tr("复制表格"))
        self.copy_button.setToolTip(self.copy_action.toolTip())
        self.copy_button.clicked.connect(self.copy_table)
        self.tabs.setCornerWidget(self.copy_button, Qt.Corner.TopRightCorner)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._set_enabled()

    def set_context(self, context) -> None:
        """Show the tables of a report context (None: empty)."""
        self.context = context
        current = self.indicator_combo.currentData()
        self.ranking_model.set_dataframe(ranking_table(context) if context is not None else pd.DataFrame())
        fit_columns(self.ranking_view)
        self.indicator_combo.blockSignals(True)
        self.indicator_combo.clear()
        if context is not None:
            for code in context.indicator_codes:
                indicator = context.plan.indicator(code)
                self.indicator_combo.addItem(indicator.short_name or indicator.name, code)
        index = self.indicator_combo.findData(current)
        self.indicator_combo.setCurrentIndex(index if index >= 0 else (0 if self.indicator_combo.count() else -1))
        self.indicator_combo.blockSignals(False)
        self._show_indicator()
        self._set_enabled()

    def select_indicator(self, code: str) -> bool:
        """Show one indicator's table; False when the context does not show it."""
        index = self.indicator_combo.findData(code)
        if index < 0:
            return False
        self.indicator_combo.setCurrentIndex(index)
        self.tabs.setCurrentIndex(TAB_INDICATOR)
        return True

    def indicator_code(self) -> str | None:
        return self.indicator_combo.currentData()

    def _show_indicator(self, _index: int = -1) -> None:
        code = self.indicator_code()
        if self.context is None or code is None:
            self.indicator_model.set_dataframe(pd.DataFrame())
            return
        self.indicator_model.set_dataframe(indicator_table(self.context, code))
        fit_columns(self.indicator_view)

    def shown_table(self) -> tuple[pd.DataFrame, str] | None:
        """The table of the tab shown, with its title; None when there is none."""
        if self.context is None:
            return None
        if self.tabs.currentIndex() == TAB_RANKING:
            return self.ranking_model.dataframe, ranking_title(self.context)
        code = self.indicator_code()
        if code is None:
            return None
        return self.indicator_model.dataframe, indicator_title(self.context, code)

    def copy_table(self) -> bool:
        """Put the table shown on the clipboard (HTML and tab-separated text)."""
        shown = self.shown_table()
        if shown is None:
            return False
        frame, title = shown
        copy_table(frame, title)
        self.sig_copied.emit(title)
        return True

    def _set_enabled(self) -> None:
        has = self.context is not None
        self.copy_action.setEnabled(has)
        self.copy_button.setEnabled(has)
