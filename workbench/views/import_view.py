"""导入: read departmental workbooks, see what was found in them, correct a layout.

Files and folders come from 添加文件… (Ctrl+I), 添加文件夹… or drag and drop; they are
read by :func:`workbench.models.import_batch.read_files` in a :class:`~workbench.views.worker.Worker`
with a progress bar and 取消 (Esc), so the window never waits on a file. Selecting a
file shows its sheets in a preview coloured by what each cell is (title, header, region,
figure …) beside the figures extracted from it. When a table was read wrongly, the bar
above the preview forces header rows, orientation and the region column; the correction
is saved to ``layout_corrections.json`` in the settings folder
(:func:`workbench.locations.config_dir`) and applies to every later sheet with the same
layout — in any project, since a department's form does not change with the project.

With a project open (the main window hands it over with :meth:`ImportView.set_project`),
导入到项目 stores the listed files in it through :func:`workbench.models.importing.import_files`
(in the worker, with progress and 取消); the 导入结果 tab shows each file's outcome and asks
about any layout drift before the file's figures count
(:class:`~workbench.views.import_report_widget.ImportReportWidget`).

Run alone with ``python -m workbench.views.import_view [FILES…]`` (demo workbooks when no
file is given; ``--screenshot PNG`` saves a picture once they are read).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench import locations, settings
from workbench.models.import_batch import (
    FileResult,
    LayoutCorrection,
    LayoutCorrectionError,
    LayoutCorrections,
    extract_read,
    layout_fingerprint,
    read_files,
)
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import Plan, load_plan
from workbench.views.dropped_files import local_paths
from workbench.models.regions import RegionResolver, load_regions
from workbench.views.file_preview_widget import FilePreviewWidget
from workbench.views.import_report_widget import ImportReportWidget
from workbench.views.project_jobs import import_into
from workbench.views.style import PAGE_MARGINS, style_table
from workbench.views.worker import Worker

log = logging.getLogger(__name__)

CORRECTIONS_FILE = "layout_corrections.json"
FILE_FILTER = "报表文件 (*.xlsx *.xlsm *.xls *.et *.ods *.csv *.xlsb *.txt);;所有文件 (*)"
RESULT_COLUMNS = ("文件", "部门", "格式", "表格", "数据", "未映射", "状态")
ERROR_COLOUR = "#a4262c"  # dark red text; the status word says it too
WARN_COLOUR = "#8a5300"


def corrections_path() -> Path:
    """Where layout corrections are kept: ``layout_corrections.json`` in the settings folder."""
    return locations.config_dir() / CORRECTIONS_FILE


class ImportView(QWidget):
    """Read workbooks in the background and preview what was found in them.

    Parameters
    ----------
    plan : Plan, optional
        The plan figures are mapped to; the default plan when omitted.
    aliases : dict, optional
        Region label aliases a project recorded (``label -> code``).
    corrections_file : str or Path, optional
        The layout corrections file; :func:`corrections_path` by default.
    parent : QWidget, optional
    """

    sig_files_read = Signal(object)
    """A batch ended (also when cancelled); carries the list of :class:`FileResult` it gave."""
    sig_busy_changed = Signal(bool)
    """Reading started (True) or ended (False)."""
    sig_result_updated = Signal(int)
    """The row of a file read again after a layout correction."""
    sig_imported = Signal(object)
    """导入到项目 ended (also when cancelled); carries the list of ImportResult."""
    sig_project_changed = Signal()
    """Figures were stored in the project (an import, or an accepted layout drift)."""

    def __init__(self, plan: Plan | None = None, aliases: dict[str, str] | None = None,
                 corrections_file: str | os.PathLike | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.results: list[FileResult] = []
        self.project = None
        self._queue: list[Path] = []
        self._worker: Worker | None = None
        self._job = ""
        self._pending_sheet = 0
        self._corrections_file = Path(corrections_file) if corrections_file else corrections_path()
        try:
            self.corrections = LayoutCorrections.load(self._corrections_file)
        except LayoutCorrectionError as exc:
            log.warning("%s", exc)
            self.corrections = LayoutCorrections(self._corrections_file)
        self.set_context(plan, aliases)
        self._build()

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        title = QLabel(self.tr("导入"))
        title.setObjectName("pageTitle")
        subtitle = QLabel(self.tr("读取各部门报送的工作簿（.xlsx .xls .et .ods .csv），识别其中的表格和县（市、区）数据；"
                                  "原文件只读不改。可以把文件或文件夹直接拖到这里。"))
        subtitle.setObjectName("pageSubtitle")
        subtitle.setWordWrap(True)

        self.add_files_button = QPushButton(self.tr("添加文件…"))
        self.add_files_button.setToolTip(self.tr("选择要读取的报表文件（Ctrl+I）"))
        self.add_folder_button = QPushButton(self.tr("添加文件夹…"))
        self.add_folder_button.setToolTip(self.tr("读取文件夹（含子文件夹）中的全部报表文件"))
        self.clear_button = QPushButton(self.tr("清空"))
        self.clear_button.setToolTip(self.tr("清空列表（不影响原文件）"))
        self.project_button = QPushButton(self.tr("导入到项目"))
        self.project_button.setObjectName("primaryButton")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("hint")
        self.progress_bar = QProgressBar()
        self.progress_bar.setFixedWidth(200)
        self.progress_bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setToolTip(self.tr("停止读取（Esc）"))
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.add_files_button, self.add_folder_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        buttons.addWidget(self.project_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.progress_label, 1)
        buttons.addWidget(self.progress_bar)
        buttons.addWidget(self.cancel_button)

        self.add_files_action = QAction(self.tr("添加文件…"), self)
        self.add_files_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_I))
        self.add_files_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.add_files_action.triggered.connect(self.ask_files)
        self.cancel_action = QAction(self.tr("取消"), self)
        self.cancel_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.cancel_action.triggered.connect(self.cancel)
        self.addAction(self.add_files_action)
        self.addAction(self.cancel_action)
        self.add_files_button.clicked.connect(self.ask_files)
        self.add_folder_button.clicked.connect(self.ask_folder)
        self.clear_button.clicked.connect(self.clear)
        self.project_button.clicked.connect(self.import_to_project)
        self.cancel_button.clicked.connect(self.cancel)

        # an empty list invites a drop
        self.drop_hint = QFrame()
        self.drop_hint.setObjectName("dropZone")
        hint_layout = QVBoxLayout(self.drop_hint)
        hint_text = QLabel(self.tr("把报表文件或文件夹拖到这里，或点击“添加文件…”（Ctrl+I）"))
        hint_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint_text.setObjectName("dropText")
        hint_layout.addWidget(hint_text)

        self.results_table = QTableWidget(0, len(RESULT_COLUMNS))
        self.results_table.setHorizontalHeaderLabels([self.tr(c) for c in RESULT_COLUMNS])
        style_table(self.results_table)
        header = self.results_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((330, 130, 110, 44, 56, 56)):
            header.resizeSection(column, width)
        self.results_table.itemSelectionChanged.connect(self._on_file_selected)

        # the details of the selected file
        self.file_preview = FilePreviewWidget()
        self.file_preview.sig_apply_correction.connect(self.apply_correction)
        self.file_preview.sig_reset_correction.connect(self.reset_correction)
        self.correction_bar = self.file_preview.correction_bar

        self.error_label = QLabel()
        self.error_label.setObjectName("errorNotice")
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.select_hint = QLabel(self.tr("选择上方列表中的文件，查看识别出的表格和数据。"))
        self.select_hint.setObjectName("hint")
        self.select_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details_stack = QStackedWidget()
        self.details_stack.addWidget(self.select_hint)
        self.details_stack.addWidget(self.file_preview)
        error_page = QWidget()
        error_layout = QVBoxLayout(error_page)
        error_layout.setContentsMargins(0, 12, 0, 0)
        error_layout.addWidget(self.error_label)
        error_layout.addStretch(1)
        self.details_stack.addWidget(error_page)

        self.report = ImportReportWidget()
        self.report.sig_drift_accepted.connect(lambda _results: self.sig_project_changed.emit())
        self.details_tabs = QTabWidget()
        self.details_tabs.setDocumentMode(True)
        self.details_tabs.addTab(self.details_stack, self.tr("文件内容"))
        self.details_tabs.addTab(self.report, self.tr("导入结果"))

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.results_table)
        self.splitter.addWidget(self.details_tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([150, 600])

        self.body_stack = QStackedWidget()
        self.body_stack.addWidget(self.drop_hint)
        self.body_stack.addWidget(self.splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.body_stack, 1)
        self.setStyleSheet(
            "QFrame#dropZone { border: 2px dashed #b8c3d1; border-radius: 6px; background: #f7f9fb; }"
            "QLabel#dropText { color: #5f6b7a; font-size: 11pt; }"
            f"QLabel#errorNotice {{ color: {ERROR_COLOUR}; background: #fbeeee; border: 1px solid #e8c4c4;"
            " border-left: 4px solid #a4262c; padding: 10px; }"
        )
        self._set_busy(False)

    # ------------------------------------------------------------ context
    def set_context(self, plan: Plan | None = None, aliases: dict[str, str] | None = None) -> None:
        """Map figures to ``plan`` and resolve regions with the project's ``aliases`` from now on."""
        self.plan = plan if plan is not None else load_plan()
        self.resolver = RegionResolver(load_regions(), aliases)
        self.matcher = IndicatorMatcher(self.plan)

    def set_project(self, project) -> None:
        """The project 导入到项目 stores files in (None: no project open, the action is off)."""
        self.project = project
        self.report.set_context(project, self.plan, self.resolver)
        self._update_project_button()

    def _update_project_button(self) -> None:
        self.project_button.setEnabled(self.project is not None and bool(self.results) and not self.busy)
        self.project_button.setToolTip(
            self.tr("把列表中的文件导入当前项目：识别部门、套用模板，记录每个数值的来源") if self.project is not None
            else self.tr("请先打开或新建项目"))

    def import_to_project(self) -> None:
        """Store every listed file in the project (in the background; 取消 stops between files)."""
        if self.project is None or self.busy or not self.results:
            return
        paths = [r.path for r in self.results]
        resolver = RegionResolver(load_regions())  # import_files adds the project's aliases itself
        self._run(Worker(import_into, self.project.path, paths, self.plan, resolver, IndicatorMatcher(self.plan)),
                  "project", self.tr("正在导入到项目…"))

    def _show_import_results(self, results: list) -> None:
        self.report.set_context(self.project, self.plan, self.resolver)
        self.report.set_results(results)
        self.details_tabs.setCurrentWidget(self.report)
        counted = sum(r.status in ("imported", "superseded_older") for r in results)
        self.progress_label.setText(self.tr("已导入到项目：{n}/{total} 个文件").format(n=counted, total=len(results)))
        self.sig_imported.emit(results)
        if any(r.import_id is not None and r.status != "duplicate" for r in results):
            self.sig_project_changed.emit()

    # ------------------------------------------------------------ adding files
    def _start_dir(self) -> str:
        last = settings.read("last_import_dir")
        return last if last and os.path.isdir(last) else str(Path.home())

    def ask_files(self) -> None:
        """Ask for files to read (Ctrl+I)."""
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("添加文件"), self._start_dir(), self.tr(FILE_FILTER))
        if paths:
            settings.write("last_import_dir", str(Path(paths[0]).parent))
            self.add_paths(paths)

    def ask_folder(self) -> None:
        """Ask for a folder whose spreadsheets (sub-folders included) are read."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("添加文件夹"), self._start_dir())
        if folder:
            settings.write("last_import_dir", folder)
            self.add_paths([folder])

    def add_paths(self, paths: Iterable[str | os.PathLike]) -> None:
        """Read these files and folders (in the background; queued while another batch runs)."""
        self._queue.extend(Path(p) for p in paths)
        if self._worker is None:
            self._start_next()

    def _start_next(self) -> None:
        if not self._queue:
            return
        paths, self._queue = self._queue, []
        self._run(Worker(read_files, paths, self.plan, self.resolver, self.matcher, self.corrections.copy()),
                  "read", self.tr("正在查找文件…"))

    def _run(self, worker: Worker, job: str, message: str) -> None:
        self._worker, self._job = worker, job
        worker.sig_progress.connect(self._on_progress)
        worker.sig_finished.connect(self._on_finished)
        worker.sig_failed.connect(self._on_failed)
        worker.sig_cancelled.connect(self._on_cancelled)
        self.progress_bar.setRange(0, 0)
        self.progress_label.setText(message)
        self._set_busy(True)
        worker.start()

    # ------------------------------------------------------------ worker signals (GUI thread)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_label.setText(message)

    def _on_finished(self, outcome) -> None:
        job = self._job
        self._end_job()
        if job == "project":
            self._show_import_results(outcome or [])
        elif job == "read":
            self._add_results(outcome or [])
            ok = sum(1 for r in outcome if r.ok)
            failed = len(outcome) - ok
            text = self.tr("已读取 {n} 个文件").format(n=ok)
            if failed:
                text += self.tr("，{n} 个无法读取").format(n=failed)
            self.progress_label.setText(text)
            self.sig_files_read.emit(outcome)
        else:
            self._replace_result(job, outcome)
        self._start_next()

    def _on_failed(self, message: str) -> None:
        self._end_job()
        self.progress_label.setText(message)
        self.error_label.setText(message)
        self.details_stack.setCurrentIndex(2)
        self._start_next()

    def _on_cancelled(self) -> None:
        worker, job = self._worker, self._job
        self._end_job()
        if job == "project":
            self._show_import_results([r for r in (worker.result or []) if r.status != "cancelled"])
            self.progress_label.setText(self.tr("已取消导入；已完成的文件保留在项目中"))
            return
        partial = [r for r in (worker.result or []) if not r.cancelled] if job == "read" and worker else []
        self._queue.clear()
        if partial:
            self._add_results(partial)
        self.progress_label.setText(self.tr("已取消；读取了 {n} 个文件").format(n=len(partial)))
        if job == "read":
            self.sig_files_read.emit(partial)

    def _end_job(self) -> None:
        self._worker, self._job = None, ""
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_action.setEnabled(busy)
        self.clear_button.setEnabled(not busy)
        self.correction_bar.setEnabled(not busy)
        self._update_project_button()
        if not busy:
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(0)
        self.sig_busy_changed.emit(busy)

    @property
    def busy(self) -> bool:
        """True while files are being read."""
        return self._worker is not None

    def cancel(self) -> None:
        """Stop reading (Esc); the files already read stay in the list."""
        if self._worker is not None:
            self.progress_label.setText(self.tr("正在取消…"))
            self._worker.cancel()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Cancel and wait for the background reading (the window is closing)."""
        self._queue.clear()
        worker = self._worker
        if worker is not None:
            worker.cancel()
            worker.wait(timeout)

    def clear(self) -> None:
        """Empty the list (the files themselves are untouched)."""
        if self.busy:
            return
        self.results.clear()
        self.results_table.setRowCount(0)
        self.file_preview.clear()
        self.progress_label.clear()
        self.details_stack.setCurrentIndex(0)
        self.details_tabs.setCurrentIndex(0)
        self.body_stack.setCurrentIndex(0)
        self._update_project_button()

    # ------------------------------------------------------------ results list
    def _add_results(self, results: list[FileResult]) -> None:
        first_new = None
        for result in results:
            key = _same_key(result.path)
            row = next((i for i, old in enumerate(self.results) if _same_key(old.path) == key), None)
            if row is None:
                row = len(self.results)
                self.results.append(result)
                self.results_table.insertRow(row)
            else:
                self.results[row] = result
            self._fill_row(row)
            first_new = row if first_new is None else first_new
        if self.results:
            self.body_stack.setCurrentIndex(1)
        self._update_project_button()
        if first_new is not None and not self.results_table.selectedItems():
            ok = next((i for i in range(first_new, len(self.results)) if self.results[i].ok), first_new)
            self.results_table.selectRow(ok)

    def _fill_row(self, row: int) -> None:
        result = self.results[row]
        extraction, workbook = result.extraction, result.workbook
        fmt = ""
        if workbook is not None:
            fmt = workbook.format.upper()
            if workbook.encoding:
                fmt += f" {workbook.encoding.upper()}"
        counts = ("", "", "")
        if extraction is not None:
            counts = (str(len(extraction.tables)), str(len(extraction.figures)), str(len(extraction.unmapped)))
        status, colour, tip = self.status_of(result)
        cells = (result.name, result.department, fmt, *counts, status)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
            if 3 <= column <= 5:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 0:
                item.setToolTip(str(result.path))
            if column == 6:
                item.setToolTip(tip or text)
                if colour:
                    item.setForeground(QColor(colour))
            self.results_table.setItem(row, column, item)

    def status_of(self, result: FileResult) -> tuple[str, str, str]:
        """(status text, text colour or "", tooltip) of a file in the list."""
        if result.cancelled:
            return self.tr("已取消"), WARN_COLOUR, result.error
        if result.error:
            return self.tr("无法读取：") + result.error, ERROR_COLOUR, result.error
        extraction = result.extraction
        problems = [e["message"] for e in extraction.errors]
        notes = [*extraction.notes, *problems]
        if result.corrected_sheets:
            notes.append(self.tr("已按保存的表式更正识别：") + "、".join(result.corrected_sheets))
        if problems:
            return self.tr("部分工作表有问题"), WARN_COLOUR, "\n".join(notes)
        if not len(extraction.figures):
            return self.tr("未识别出数据"), WARN_COLOUR, "\n".join(notes) or self.tr("没有找到可以对应到计划指标的县（市、区）数据")
        text = self.tr("已读取") + (self.tr("（已套用表式更正）") if result.corrected_sheets else "")
        return text, "", "\n".join(notes)

    def status_texts(self) -> list[str]:
        """The status column, top to bottom (for tests and screen readers)."""
        return [self.results_table.item(r, 6).text() for r in range(self.results_table.rowCount())]

    @property
    def current_row(self) -> int:
        rows = self.results_table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    @property
    def current_result(self) -> FileResult | None:
        row = self.current_row
        return self.results[row] if 0 <= row < len(self.results) else None

    def select_file(self, row: int) -> None:
        """Show the file in row ``row`` of the list."""
        self.results_table.selectRow(row)

    # ------------------------------------------------------------ the selected file
    def _on_file_selected(self) -> None:
        result = self.current_result
        if result is None:
            self.details_stack.setCurrentIndex(0)
            return
        if result.workbook is None or result.extraction is None:
            self.error_label.setText(result.error or self.tr("文件「{name}」没有可显示的内容").format(name=result.name))
            self.details_stack.setCurrentIndex(2)
            return
        self.details_stack.setCurrentIndex(1)
        self.file_preview.show_result(result, self.corrections)

    def select_sheet(self, index: int | str) -> None:
        """Show a sheet of the selected file, by position or name."""
        self.file_preview.select_sheet(index)

    @property
    def current_sheet(self):
        """The sheet shown in the preview, or None."""
        return self.file_preview.current_sheet if self.current_result is not None else None

    # ------------------------------------------------------------ layout corrections
    def apply_correction(self, correction: LayoutCorrection | None = None) -> None:
        """Save ``correction`` (the bar's, by default) for the current sheet's layout and read the file again."""
        result, sheet = self.current_result, self.current_sheet
        if result is None or sheet is None or self.busy:
            return
        correction = correction if correction is not None else self.correction_bar.correction()
        fingerprint = layout_fingerprint(sheet)
        self.corrections.set(fingerprint, correction, sheet=sheet.name, file=result.name)
        self._save_corrections()
        self._reextract(self.tr("正在按更正后的表式重新识别…"))

    def reset_correction(self) -> None:
        """Forget the saved correction of the current sheet's layout and read the file again."""
        sheet = self.current_sheet
        if sheet is None or self.busy:
            return
        if self.corrections.remove(layout_fingerprint(sheet)):
            self._save_corrections()
        self._reextract(self.tr("正在重新自动识别…"))

    def _save_corrections(self) -> None:
        try:
            self.corrections.save(self._corrections_file)
        except (OSError, LayoutCorrectionError) as exc:
            self.progress_label.setText(self.tr("无法保存表式更正：{error}").format(error=exc))

    def _reextract(self, message: str) -> None:
        row, result = self.current_row, self.current_result
        worker = Worker(extract_read, result.workbook, self.plan, self.resolver, self.matcher,
                        self.corrections.copy())
        self._pending_sheet = self.file_preview.sheet_index
        self._run(worker, str(row), message)

    def _replace_result(self, job: str, outcome: FileResult) -> None:
        row = int(job)
        if not 0 <= row < len(self.results) or outcome is None:
            return
        outcome.department = outcome.department or self.results[row].department
        self.results[row] = outcome
        self._fill_row(row)
        self.progress_label.setText(self.tr("已重新识别「{name}」").format(name=outcome.name))
        if self.current_row == row:
            self.file_preview.show_result(outcome, self.corrections, self._pending_sheet)
        self.sig_result_updated.emit(row)

    # ------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if local_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)


def _same_key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def demo_files() -> list[Path]:
    """A few demo workbooks of 2019Q3 in different layouts and formats."""
    from workbench.models.resources import resource

    folder = resource("demo", "workbooks", "2019Q3")
    wanted = ("市场监管局", "商务局", "统计局", "经信委", "发改委")
    files = sorted(Path(str(item)) for item in folder.iterdir() if item.name.split("_")[0] in wanted)
    files.sort(key=lambda p: wanted.index(p.name.split("_")[0]))
    return files


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    from workbench.views.preview import run_preview

    parser = argparse.ArgumentParser(description="单独打开“导入”视图")
    parser.add_argument("files", nargs="*", help="要读取的报表文件或文件夹（缺省时读取几个示例工作簿）")
    parser.add_argument("--screenshot", metavar="PNG", help="读取完成后把窗口截图保存到此文件并退出")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    files = args.files or demo_files()

    def make() -> ImportView:
        view = ImportView()
        view.add_paths(files)
        return view

    preview_args = ["--screenshot", args.screenshot] if args.screenshot else []
    return run_preview(make, "导入", preview_args,
                       ready=lambda view: view.sig_files_read if args.screenshot else None)


if __name__ == "__main__":
    raise SystemExit(main())
