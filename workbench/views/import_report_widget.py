"""The outcome of 导入到项目, file by file: department, template, counts, status, and what changed.

Selecting a file shows its message, its layout drift and, for a workbook that replaced
an older one of the same department and period, every figure that changed (old → new).

A file whose layout drifted is stored with its figures held back; :meth:`ImportReportWidget.set_results`
then opens a :class:`~workbench.views.drift_dialog.DriftDialog` for each such file in
turn (window-modal, not blocking): 接受变化并导入 calls
:func:`~workbench.models.importing.accept_drift`, 暂不导入 leaves the figures out; the
file offers 查看版式变化… again later.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.models.errors import WorkbenchError
from workbench.models.importing import ImportResult, accept_drift
from workbench.views.drift_dialog import DriftDialog
from workbench.views.style import style_table

COLUMNS = ("文件", "部门", "模板", "已映射", "未映射", "数值", "状态")
STATUS_TEXT = {
    "imported": "已导入", "superseded_older": "已导入（替换同期旧文件）", "duplicate": "已导入过（相同文件）",
    "drift_pending": "版式变化待确认，未计入", "failed": "失败", "cancelled": "已取消",
}  # fmt: skip
DECLINED_TEXT = "暂不导入（版式变化待确认）"
STATUS_COLOURS = {"duplicate": "#5f6b7a", "drift_pending": "#8a5300", "failed": "#a4262c", "cancelled": "#8a5300"}
MAX_CHANGES_SHOWN = 500


class ImportReportWidget(QWidget):
    """A table of :class:`ImportResult` and the details of the selected one."""

    sig_drift_accepted = Signal(object)
    """A drift was accepted and figures now count; carries the accepted ImportResults."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.results: list[ImportResult] = []
        self._declined: set[int] = set()
        self._queue: list[ImportResult] = []
        self.project = self.plan = self.resolver = None
        self.drift_dialog: DriftDialog | None = None
        """The drift dialog shown now, or None."""
        self.summary_label = QLabel()
        self.summary_label.setObjectName("hint")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        style_table(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((300, 120, 240, 56, 56, 56)):
            header.resizeSection(column, width)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("选择上方的文件，查看导入说明、版式变化和数值变化。"))
        self.drift_button = QPushButton(self.tr("查看版式变化…"))
        self.drift_button.setToolTip(self.tr("核对版式变化并决定是否计入这个文件的数值"))
        bar = QHBoxLayout()
        bar.addWidget(self.summary_label, 1)
        bar.addWidget(self.drift_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([220, 160])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.drift_button.clicked.connect(lambda: self.current is not None and self.review_drift(self.current))
        self._on_selected()

    # -- content --
    def set_context(self, project, plan=None, resolver=None) -> None:
        """The project drifts are accepted in, with the plan and resolver of its messages."""
        self.project, self.plan, self.resolver = project, plan, resolver
        if project is None:
            self._queue.clear()
            if self.drift_dialog is not None:
                self.drift_dialog.close()

    def set_results(self, results: list[ImportResult], review_drift: bool = True) -> None:
        """Show the results of one 导入到项目 run; then ask about each drifted file in turn."""
        self.results = list(results)
        self._declined.clear()
        self.table.clearSelection()
        self.table.setRowCount(len(self.results))
        for row in range(len(self.results)):
            self._fill(row)
        self._summarise()
        if self.results:
            self.table.selectRow(0)
        self._on_selected()
        if review_drift:
            self._queue = [r for r in self.results if r.status == "drift_pending"]
            if self.drift_dialog is None:
                self._next_drift()

    # -- layout drift --
    def review_drift(self, result: ImportResult) -> DriftDialog:
        """Show the drift of ``result`` and act on the answer; returns the dialog (window-modal)."""
        dialog = DriftDialog(result, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda r=result: self._accept(r))
        dialog.rejected.connect(lambda r=result: self.mark_declined(r.import_id))
        dialog.finished.connect(lambda _code: self._dialog_closed())
        self.table.selectRow(self.row_of(result.import_id))
        self.drift_dialog = dialog
        dialog.open()
        return dialog

    def _next_drift(self) -> None:
        while self._queue:
            result = self._queue.pop(0)
            row = self.row_of(result.import_id)
            if row >= 0 and self.results[row].status == "drift_pending":  # not accepted with an earlier one
                self.review_drift(self.results[row])
                return

    def _dialog_closed(self) -> None:
        self.drift_dialog = None
        self._next_drift()

    def _accept(self, result: ImportResult) -> None:
        if self.project is None:
            return
        try:
            accepted = accept_drift(self.project, result.import_id, self.plan, self.resolver)
        except WorkbenchError as exc:
            self.summary_label.setText(self.tr("无法接受版式变化：{error}").format(error=exc))
            return
        self.update_results(accepted)
        if accepted:
            self.sig_drift_accepted.emit(accepted)

    def update_results(self, results: list[ImportResult]) -> None:
        """Replace the rows of the same imports (after a drift was accepted)."""
        for result in results:
            row = self.row_of(result.import_id)
            if row >= 0:
                result.file = self.results[row].file
                self.results[row] = result
                self._declined.discard(result.import_id)
                self._fill(row)
        self._summarise()
        self._on_selected()

    def mark_declined(self, import_id: int) -> None:
        """The user chose 暂不导入 for this import."""
        self._declined.add(import_id)
        row = self.row_of(import_id)
        if row >= 0:
            self._fill(row)
        self._summarise()

    def row_of(self, import_id: int | None) -> int:
        return next((i for i, r in enumerate(self.results)
                     if r.import_id == import_id and r.status != "duplicate"), -1)

    def status_text(self, result: ImportResult) -> str:
        if result.status == "drift_pending" and result.import_id in self._declined:
            return self.tr(DECLINED_TEXT)
        return self.tr(STATUS_TEXT.get(result.status, result.status))

    def status_texts(self) -> list[str]:
        """The status column, top to bottom."""
        return [self.table.item(r, 6).text() for r in range(self.table.rowCount())]

    def select(self, row: int) -> None:
        self.table.selectRow(row)

    def _fill(self, row: int) -> None:
        r = self.results[row]
        counts = [str(r.mapped), str(r.unmapped), str(r.figures)] if r.handled else ["", "", ""]
        cells = (Path(r.file).name, r.department or "", r.template or "", *counts, self.status_text(r))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(r.file if column == 0 else r.message if column == 6 else text)
            if 3 <= column <= 5:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 6 and r.status in STATUS_COLOURS:
                item.setForeground(QColor(STATUS_COLOURS[r.status]))
            self.table.setItem(row, column, item)

    def _summarise(self) -> None:
        counted = sum(r.status in ("imported", "superseded_older") for r in self.results)
        pending = sum(r.status == "drift_pending" for r in self.results)
        duplicate = sum(r.status == "duplicate" for r in self.results)
        failed = sum(r.status == "failed" for r in self.results)
        parts = [self.tr("导入 {n} 个文件").format(n=counted)]
        if pending:
            parts.append(self.tr("{n} 个版式变化待确认").format(n=pending))
        if duplicate:
            parts.append(self.tr("{n} 个已导入过").format(n=duplicate))
        if failed:
            parts.append(self.tr("{n} 个失败").format(n=failed))
        self.summary_label.setText("，".join(parts) if self.results else "")

    # -- the selected file --
    @property
    def current(self) -> ImportResult | None:
        rows = self.table.selectionModel().selectedRows()
        return self.results[rows[0].row()] if rows and rows[0].row() < len(self.results) else None

    def details_text(self) -> str:
        return self.details.toPlainText()

    def _on_selected(self) -> None:
        result = self.current
        self.drift_button.setEnabled(result is not None and result.status == "drift_pending")
        if result is None:
            self.details.clear()
            return
        lines = [result.message]
        if result.drift:
            lines += ["", self.tr("版式变化（对照模板“{t}”）：").format(t=result.template or "")]
            lines += [f"  · {c['message']}" for c in result.drift]
        if result.changes:
            changed = [c for c in result.changes if c["change"] == "changed"]
            lines += ["", self.tr("与被替换的同期旧文件相比（{n} 个数值有变化，共 {m} 处差异）：").format(
                n=len(changed), m=len(result.changes))]
            ordered = changed + [c for c in result.changes if c["change"] != "changed"]
            lines += [f"  · {c['message']}" + (f"（{c['sheet']}!{c['cell']}）" if c.get("cell") else "")
                      for c in ordered[:MAX_CHANGES_SHOWN]]
            if len(ordered) > MAX_CHANGES_SHOWN:
                lines.append(self.tr("  …… 另有 {n} 处").format(n=len(ordered) - MAX_CHANGES_SHOWN))
        self.details.setPlainText("\n".join(lines))
