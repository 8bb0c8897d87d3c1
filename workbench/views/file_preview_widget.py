"""One read workbook as the 导入 page shows it: coloured sheet preview, correction bar, figures.

The sheet grid is a :class:`~workbench.views.sheet_preview_model.SheetPreviewModel`
(merged blocks drawn as spans), with the sheets as tabs under it like a spreadsheet
program; a legend names the colours. Beside it, the figures extracted from the sheet
(or the whole file); clicking one shows its cell. Above, the
:class:`~workbench.views.layout_correction_widget.LayoutCorrectionWidget`, whose
requests are passed on: saving and reading again is the page's job.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.models.import_batch import (
    ORIENTATION_NAMES,
    ROLE_NAMES,
    FileResult,
    LayoutCorrection,
    LayoutCorrections,
    cell_roles,
    figures_table,
)
from workbench.models.reading.workbook import Sheet
from workbench.views.dataframe_model import DataFrameFilterProxyModel, DataFrameModel
from workbench.views.layout_correction_widget import LayoutCorrectionWidget
from workbench.views.sheet_preview_model import LEGEND_ROLES, ROLE_COLOURS, SheetPreviewModel
from workbench.views.style import fit_columns, style_table

FIGURE_WIDTHS = {0: 88, 1: 180, 2: 96, 3: 72, 4: 90, 5: 56, 6: 110, 7: 90, 8: 56}  # caps, pixels
MAX_SPANS = 2000  # merged blocks drawn as spans at most (thousands would slow the grid)
FIT_COLUMNS = 60  # preview columns fitted to their contents (the rest keep the default width)
_CELL = re.compile(r"^(?:(?P<sheet>.*)!)?(?P<col>[A-Z]+)(?P<row>\d+)$")


def cell_position(text: str) -> tuple[str | None, int, int] | None:
    """``("7月", 10, 2)`` for ``"7月!C11"``, ``(None, 10, 2)`` for ``"C11"``; None for anything else."""
    match = _CELL.match(text or "")
    if not match:
        return None
    col = 0
    for ch in match["col"]:
        col = col * 26 + ord(ch) - 64
    return match["sheet"], int(match["row"]) - 1, col - 1


class FilePreviewWidget(QWidget):
    """The sheets and figures of one :class:`~workbench.models.import_batch.FileResult`.

    Parameters
    ----------
    parent : QWidget, optional
    """

    sig_apply_correction = Signal(object)
    """The user applied a :class:`LayoutCorrection` to the sheet shown."""
    sig_reset_correction = Signal()
    """The user asked to forget the saved correction of the sheet shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: FileResult | None = None
        self.corrections = LayoutCorrections()
        self.sheet_index = 0

        self.correction_bar = LayoutCorrectionWidget()
        self.correction_bar.sig_apply.connect(self.sig_apply_correction.emit)
        self.correction_bar.sig_reset.connect(self.sig_reset_correction.emit)
        self.table_info = QLabel()
        self.table_info.setObjectName("hint")
        self.table_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table_info.setMinimumWidth(200)
        legend = self._legend()

        self.preview_model = SheetPreviewModel(self)
        self.preview = QTableView()
        self.preview.setObjectName("sheetPreview")
        self.preview.setModel(self.preview_model)
        self.preview.setWordWrap(False)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.preview.horizontalHeader().setDefaultSectionSize(88)
        self.preview.horizontalHeader().setResizeContentsPrecision(200)
        self.preview.verticalHeader().setDefaultSectionSize(self.preview.fontMetrics().height() + 8)
        self.preview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.sheet_tabs = QTabBar()
        self.sheet_tabs.setShape(QTabBar.Shape.RoundedSouth)
        self.sheet_tabs.setExpanding(False)
        self.sheet_tabs.setDrawBase(False)
        self.sheet_tabs.currentChanged.connect(self._on_tab_changed)

        self.figures_label = QLabel()
        self.figures_label.setObjectName("sectionTitle")
        self.all_sheets_box = QCheckBox(self.tr("全部工作表"))
        self.all_sheets_box.setToolTip(self.tr("列出整个文件的数据，而不只是当前工作表的"))
        self.all_sheets_box.toggled.connect(lambda _checked: self._show_figures())
        self.figures_model = DataFrameModel(formats={"置信度": lambda v: f"{v:.2f}"}, parent=self)
        self.figures_proxy = DataFrameFilterProxyModel(parent=self)
        self.figures_proxy.setSourceModel(self.figures_model)
        self.figures_view = QTableView()
        self.figures_view.setModel(self.figures_proxy)
        style_table(self.figures_view)
        self.figures_view.setSortingEnabled(True)
        self.figures_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the sheet's order until asked
        self.figures_view.clicked.connect(self.show_figure_cell)

        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.setSpacing(0)
        preview_layout.addWidget(self.preview, 1)
        preview_layout.addWidget(self.sheet_tabs)
        figures_box = QWidget()
        figures_layout = QVBoxLayout(figures_box)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        figures_layout.setSpacing(4)
        figures_head = QHBoxLayout()
        figures_head.addWidget(self.figures_label, 1)
        figures_head.addWidget(self.all_sheets_box)
        figures_layout.addLayout(figures_head)
        figures_layout.addWidget(self.figures_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(preview_box)
        self.splitter.addWidget(figures_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.correction_bar)
        info_row = QHBoxLayout()
        info_row.addWidget(self.table_info, 1)
        info_row.addWidget(legend)
        layout.addLayout(info_row)
        layout.addWidget(self.splitter, 1)
        self.setStyleSheet(
            "QLabel#legendChip { border: 1px solid #c3ccd6; border-radius: 3px; padding: 1px 6px; color: #1b2a3a; }"
            "QTableView#sheetPreview { gridline-color: #d9dee5; }"
        )

    def _legend(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.legend_chips: dict[str, QLabel] = {}
        for role in LEGEND_ROLES:
            chip = QLabel(self.tr(ROLE_NAMES[role]))
            chip.setObjectName("legendChip")
            chip.setStyleSheet(f"background: {ROLE_COLOURS[role]};")
            chip.setToolTip(self.tr("预览中“{name}”的单元格用此颜色").format(name=ROLE_NAMES[role]))
            row.addWidget(chip)
            self.legend_chips[role] = chip
        return box

    # ------------------------------------------------------------ in
    def show_result(self, result: FileResult, corrections: LayoutCorrections, sheet: int | str | None = None) -> None:
        """Show a file read without error; ``sheet`` by default is the first one holding a table."""
        self.result, self.corrections = result, corrections
        sheets = result.workbook.sheets
        if sheet is None:
            with_tables = {t.sheet for t in result.extraction.tables}
            sheet = next((i for i, s in enumerate(sheets) if s.name in with_tables), 0)
        self.sheet_tabs.blockSignals(True)
        while self.sheet_tabs.count():
            self.sheet_tabs.removeTab(0)
        for item in sheets:
            self.sheet_tabs.addTab(item.name)
        self.sheet_tabs.blockSignals(False)
        self.select_sheet(sheet)

    def clear(self) -> None:
        self.result = None
        self.preview.clearSpans()
        self.preview_model.set_sheet(None)
        self.figures_model.set_dataframe(figures_table(_no_figures()))
        self.sheet_tabs.blockSignals(True)
        while self.sheet_tabs.count():
            self.sheet_tabs.removeTab(0)
        self.sheet_tabs.blockSignals(False)

    def select_sheet(self, index: int | str) -> None:
        """Show a sheet of the file, by position or name."""
        if self.result is None:
            return
        sheets = self.result.workbook.sheets
        if isinstance(index, str):
            names = [s.name for s in sheets]
            if index not in names:
                return
            index = names.index(index)
        if not 0 <= index < len(sheets):
            return
        self.sheet_index = index
        if self.sheet_tabs.currentIndex() != index:
            self.sheet_tabs.blockSignals(True)
            self.sheet_tabs.setCurrentIndex(index)
            self.sheet_tabs.blockSignals(False)
        sheet = sheets[index]
        tables = [t for t in self.result.extraction.tables if t.sheet == sheet.name]
        self.preview.clearSpans()
        self.preview_model.set_sheet(sheet, cell_roles(sheet, tables))
        self._span_merges(sheet)
        self._fit_preview()
        saved = self.corrections.for_sheet(sheet)
        self.correction_bar.set_sheet_size(len(sheet.rows), self.preview_model.columnCount())
        self.correction_bar.show_layout(tables[0] if tables else None, saved)
        self._describe(sheet.name, tables, saved)
        self._show_figures()

    @property
    def current_sheet(self) -> Sheet | None:
        if self.result is None or self.result.workbook is None or not self.result.workbook.sheets:
            return None
        sheets = self.result.workbook.sheets
        return sheets[min(self.sheet_index, len(sheets) - 1)]

    def show_figure_cell(self, index: QModelIndex) -> None:
        """Select, in the preview, the cell the figure in row ``index`` of the figures list came from."""
        source = self.figures_proxy.mapToSource(index)
        cell = self.figures_model.index(source.row(), self.figures_model.column_number("单元格")).data()
        position = cell_position(cell)
        if position is None:
            return
        sheet, row, col = position
        if sheet and self.current_sheet is not None and sheet != self.current_sheet.name:
            self.select_sheet(sheet)
        target = self.preview_model.index(row, col)
        self.preview.setCurrentIndex(target)
        self.preview.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtCenter)

    # ------------------------------------------------------------ internals
    def _on_tab_changed(self, index: int) -> None:
        if index >= 0:
            self.select_sheet(index)

    def _span_merges(self, sheet: Sheet) -> None:
        rows, cols = self.preview_model.rowCount(), self.preview_model.columnCount()
        for rng in sheet.merged[:MAX_SPANS]:
            if rng.first_row < rows and rng.first_col < cols:
                height = min(rng.last_row, rows - 1) - rng.first_row + 1
                width = min(rng.last_col, cols - 1) - rng.first_col + 1
                if height > 1 or width > 1:
                    self.preview.setSpan(rng.first_row, rng.first_col, height, width)

    def _fit_preview(self) -> None:
        header = self.preview.horizontalHeader()
        for column in range(min(self.preview_model.columnCount(), FIT_COLUMNS)):
            width = self.preview.sizeHintForColumn(column)
            header.resizeSection(column, max(56, min(width + 10, 200)))

    def _describe(self, sheet_name: str, tables, saved: LayoutCorrection | None) -> None:
        if not tables:
            text = self.tr("工作表「{sheet}」中没有识别出县（市、区）表格").format(sheet=sheet_name)
        else:
            parts = []
            for t in tables:
                bits = [t.range, ORIENTATION_NAMES.get(t.orientation, t.orientation)]
                if t.period is not None:
                    bits.append(t.period.label)
                if t.units:
                    bits.append(self.tr("单位：") + "、".join(t.units))
                if t.unknown_regions:
                    bits.append(self.tr("未识别地区：") + "、".join(e.label for e in t.unknown_regions[:5]))
                parts.append(" · ".join(bits))
            text = self.tr("识别出的表格：") + "；".join(parts)
        if saved is not None:
            text += self.tr("（已按保存的表式更正识别）")
        self.table_info.setText(text)
        self.table_info.setToolTip(text)

    def _show_figures(self) -> None:
        sheet = self.current_sheet
        if self.result is None or self.result.extraction is None or sheet is None:
            return
        figures = self.result.extraction.figures
        every = self.all_sheets_box.isChecked()
        frame = figures_table(figures, None if every else sheet.name)
        self.figures_model.set_dataframe(frame)
        fit_columns(self.figures_view, FIGURE_WIDTHS)
        if every:
            self.figures_label.setText(self.tr("识别出的数据：全文件 {n} 项").format(n=len(figures)))
        else:
            self.figures_label.setText(self.tr("识别出的数据：本工作表 {n} 项（全文件 {total} 项）").format(
                n=len(frame), total=len(figures)))


def _no_figures():
    from workbench.models.extract import empty_figures

    return empty_figures()
