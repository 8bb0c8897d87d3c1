"""The source workbook of a finding or figure, opened at its cell.

:class:`SourcePreviewWidget` reads the workbook in a :class:`~workbench.views.worker.Worker`
(:func:`~workbench.models.import_batch.read_one`: the safe readers, then the layout
detection that colours the cells by role) and shows it in the import page's
:class:`~workbench.views.file_preview_widget.FilePreviewWidget` — without its correction bar
and figures list — on the right sheet, scrolled to the cell, the cell selected and
highlighted. The last few workbooks read are kept, so moving between findings of one
file does not read it again.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel, QVBoxLayout, QWidget

from workbench.models.import_batch import FileResult, LayoutCorrectionError, LayoutCorrections, read_one
from workbench.models.mapping import IndicatorMatcher
from workbench.views.file_preview_widget import FilePreviewWidget, cell_position
from workbench.views.style import ACCENT
from workbench.views.worker import Worker

log = logging.getLogger(__name__)

CACHED_FILES = 4
CORRECTIONS_FILE = "layout_corrections.json"  # the import page's saved layout corrections


def read_for_preview(path: str, plan, resolver, corrections: LayoutCorrections | None = None,
                     should_stop=None) -> FileResult:
    """Read and lay out one workbook for the preview (runs in the worker)."""
    return read_one(path, plan, resolver, IndicatorMatcher(plan), corrections, should_stop)


def _saved_corrections() -> LayoutCorrections:
    from workbench import locations

    try:
        return LayoutCorrections.load(locations.config_dir() / CORRECTIONS_FILE)
    except (LayoutCorrectionError, OSError) as exc:
        log.warning("%s", exc)
        return LayoutCorrections()


class SourcePreviewWidget(QWidget):
    """A workbook opened at one cell.

    Parameters
    ----------
    parent : QWidget, optional
    """

    sig_cell_shown = Signal(str, str, str)
    """The preview shows (path, sheet, cell) with the cell selected."""
    sig_failed = Signal(str)
    """The workbook could not be read; a Chinese message naming it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = None
        self.resolver = None
        self._cache: OrderedDict[str, FileResult] = OrderedDict()
        self._worker: Worker | None = None
        self._request: tuple[str, str, str] | None = None  # the cell wanted now
        self.shown: tuple[str, str, str] | None = None

        self.place_label = QLabel()
        self.place_label.setObjectName("sectionTitle")
        self.place_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.place_label.setWordWrap(True)
        self.note_label = QLabel()
        self.note_label.setObjectName("hint")
        self.note_label.setWordWrap(True)
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_preview = FilePreviewWidget()
        self.file_preview.correction_bar.hide()  # corrections belong to 导入
        self.file_preview.splitter.widget(1).hide()  # the figures list: the table above says it
        self._highlight(self.file_preview.preview)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.place_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.file_preview, 1)
        layout.addStretch(0)
        self.clear()

    @staticmethod
    def _highlight(view: QAbstractItemView) -> None:
        """The selected cell stands out also when the grid has no focus."""
        palette = view.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, QColor(ACCENT))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        view.setPalette(palette)

    # ------------------------------------------------------------ in
    def set_context(self, plan, resolver) -> None:
        """The plan and region resolver the layout detection uses (for the colours)."""
        if (plan, resolver) != (self.plan, self.resolver):
            self.plan, self.resolver = plan, resolver
            self._cache.clear()

    def clear(self, message: str = "") -> None:
        self._request = None
        self.shown = None
        self.file_preview.clear()
        self.file_preview.hide()  # no empty grid: the note says what will appear here
        self.place_label.setText(self.tr("原表"))
        self.note_label.setText(message or self.tr("选中一条审核问题，这里打开报送的工作簿并定位到它的单元格。"))

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def show_cell(self, path: str, sheet: str, cell: str, note: str = "") -> None:
        """Open ``path`` at ``sheet``!``cell`` (read in the background unless read lately)."""
        if not path:
            self.clear(self.tr("这条问题没有记录文件路径，无法打开原表。"))
            return
        self._request = (str(path), sheet or "", cell or "")
        self._note = note
        self.place_label.setText(self._place(*self._request))
        if str(path) in self._cache:
            self._cache.move_to_end(str(path))
            self._present()
        elif self._worker is None:
            self._start(str(path))
        else:
            self.note_label.setText(self.tr("正在读取…"))

    def shutdown(self) -> None:
        """Stop reading (the window is closing)."""
        if self._worker is not None:
            self._worker.cancel()
            self._worker.wait(5)

    # ------------------------------------------------------------ reading
    def _start(self, path: str) -> None:
        if self.plan is None or self.resolver is None:
            from workbench.models.plan import load_plan
            from workbench.models.regions import RegionResolver, load_regions

            self.plan = self.plan or load_plan()
            self.resolver = self.resolver or RegionResolver(load_regions())
        self.note_label.setText(self.tr("正在读取「{name}」…").format(name=Path(path).name))
        worker = Worker(read_for_preview, path, self.plan, self.resolver, _saved_corrections())
        worker.sig_finished.connect(lambda result, p=path: self._on_read(p, result))
        worker.sig_failed.connect(lambda message, p=path: self._on_failed(p, message))
        worker.sig_cancelled.connect(self._on_cancelled)
        self._worker = worker
        worker.start()

    def _on_read(self, path: str, result: FileResult) -> None:
        self._worker = None
        if result is not None and result.workbook is not None:
            self._cache[path] = result
            while len(self._cache) > CACHED_FILES:
                self._cache.popitem(last=False)
        if self._request is None:
            return
        if self._request[0] != path:
            self.show_cell(*self._request, note=self._note)  # the user moved on meanwhile
            return
        if result is None or result.workbook is None:
            self._on_failed(path, result.error if result is not None else "")
            return
        self._present()

    def _on_failed(self, path: str, message: str) -> None:
        self._worker = None
        text = self.tr("无法打开原表「{name}」：{error}\n文件可能已被移动或删除。路径：{path}").format(
            name=Path(path).name, error=message or self.tr("未知错误"), path=path)
        self.file_preview.clear()
        self.file_preview.hide()
        self.note_label.setText(text)
        self.sig_failed.emit(text)
        if self._request is not None and self._request[0] != path:
            self.show_cell(*self._request, note=self._note)

    def _on_cancelled(self) -> None:
        self._worker = None

    # ------------------------------------------------------------ showing
    def _place(self, path: str, sheet: str, cell: str) -> str:
        bits = [Path(path).name]
        if sheet:
            bits.append(self.tr("工作表「{sheet}」").format(sheet=sheet))
        if cell:
            bits.append(self.tr("单元格 {cell}").format(cell=cell))
        return self.tr("原表：") + " · ".join(bits)

    def _present(self) -> None:
        path, sheet, cell = self._request
        result = self._cache[path]
        names = [s.name for s in result.workbook.sheets]
        self.file_preview.show()
        if self.file_preview.result is not result:
            self.file_preview.show_result(result, LayoutCorrections(), sheet if sheet in names else None)
        elif sheet in names:
            self.file_preview.select_sheet(sheet)
        note = self._note
        if sheet and sheet not in names:
            note = self.tr("工作簿中已没有工作表「{sheet}」（文件可能已被改动）。").format(sheet=sheet)
        position = cell_position(cell)
        if position is not None:
            row, col = position[1], position[2]
            preview = self.file_preview.preview
            model = self.file_preview.preview_model
            if row < model.rowCount() and col < model.columnCount():
                target = model.index(row, col)
                preview.setCurrentIndex(target)
                preview.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtCenter)
            else:
                note = self.tr("单元格 {cell} 已不在工作表中（文件可能已被改动）。").format(cell=cell)
        self.note_label.setText(note)
        self.shown = (path, sheet, cell)
        self.sig_cell_shown.emit(path, sheet, cell)
