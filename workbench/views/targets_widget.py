"""分解目标: the county targets of the plan as a grid, imported, estimated or typed in.

A standalone widget, embedded as a tab of the 目标与考核 page. The grid shows every
quantitative indicator of the plan × 全市 and the seven counties, with the unit and the
plan's own target beside each; estimated targets (默认分解) are in italics, marked 估算.
A cell is edited in place: the text is checked (a Chinese message under the buttons
says what is wrong), and a valid value is committed at once through
:class:`~workbench.views.targets_model.SetTargetCommand` on the undo stack given (the
main window's), so 编辑 → 撤销 puts the old target back.

导入分解表… reads a decomposition workbook with
:func:`~workbench.models.targets.import_targets` in a
:class:`~workbench.views.worker.Worker` (on its own connection to the project);
生成默认分解（估算） fills the targets still missing (undoable). The county-sum warnings
(:func:`~workbench.models.targets.target_warnings`) are shown above the grid.

Run alone with ``python -m workbench.views.targets_widget`` (on the demo project).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench import settings
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import DEFAULT_PLAN_ID, Plan, PlanError, load_plan
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.targets import TargetImportResult, import_targets, target_regions, target_warnings
from workbench.views.explanation_dialog import default_user
from workbench.views.style import fit_columns
from workbench.views.targets_model import ApplyDefaultsCommand, SetTargetCommand, TargetsTableModel, target_text
from workbench.views.worker import Worker

FILE_FILTER = "分解表 (*.xlsx *.xlsm *.xls *.et *.ods *.csv *.xlsb);;所有文件 (*)"
ERROR_COLOUR = "#a4262c"
METHODS = (("base_share", "按基期占比"), ("equal", "平均分配"))
WARNINGS_SHOWN = 5  # lines of warnings above the grid; all of them in its tooltip


def import_targets_into(project_path: str | os.PathLike, path: str | os.PathLike, plan: Plan,
                        resolver: RegionResolver, matcher: IndicatorMatcher, should_stop=None) -> TargetImportResult:
    """:func:`~workbench.models.targets.import_targets` on a connection of the calling thread."""
    from workbench.models.store import Project

    with Project.open(project_path) as project:
        return import_targets(project, path, plan, resolver, matcher, should_stop=should_stop)


class TargetsWidget(QWidget):
    """The county-target grid with its import, default and warning bar.

    Parameters
    ----------
    undo_stack : QUndoStack, optional
        Where edits go (the main window's); a stack of its own when not given.
    parent : QWidget, optional

    Signals
    -------
    sig_targets_changed() : targets were imported, estimated, edited or undone
    sig_import_done(object) : an import ended, with its TargetImportResult
    """

    sig_targets_changed = Signal()
    sig_import_done = Signal(object)

    def __init__(self, undo_stack: QUndoStack | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._own_stack = undo_stack is None  # the main window clears its own stack on a project change
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.project = None
        self.plan: Plan | None = None
        self.regions = load_regions()
        self.worker: Worker | None = None
        self.last_result: TargetImportResult | None = None
        self.warnings: list = []

        title = QLabel(self.tr("县（市、区）分解目标"))
        title.setObjectName("sectionTitle")
        hint = QLabel(self.tr("全市目标按县（市、区）分解。斜体并标“估算”的是默认分解，未经确认；"
                              "双击单元格可修改，修改即时保存，可撤销（Ctrl+Z）。"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        self.import_button = QPushButton(self.tr("导入分解表…"))
        self.import_button.setToolTip(self.tr("读取县（市、区）目标任务分解表（指标为行或县区为行均可）"))
        self.import_button.clicked.connect(self.ask_import)
        self.method_combo = QComboBox()
        for key, label in METHODS:
            self.method_combo.addItem(self.tr(label), key)
        self.method_combo.setToolTip(self.tr("数量类目标的分解方法；增速、比重类目标各县（市、区）同全市"))
        self.default_button = QPushButton(self.tr("生成默认分解（估算）"))
        self.default_button.setToolTip(self.tr("只填补尚无目标的单元格，不覆盖导入或手工填写的目标"))
        self.default_button.clicked.connect(self.apply_defaults)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setVisible(False)
        buttons = QHBoxLayout()
        for widget in (self.import_button, self.method_combo, self.default_button, self.progress_bar):
            buttons.addWidget(widget)
        buttons.addStretch(1)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setVisible(False)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.setVisible(False)

        self.warning_box = QFrame()
        self.warning_box.setObjectName("notice")
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self.warning_box)
        box.setContentsMargins(10, 6, 10, 6)
        box.addWidget(self.warning_label)
        self.warning_box.setVisible(False)

        self.model = TargetsTableModel(self)
        self.model.sig_edit.connect(self.commit_edit)
        self.model.sig_invalid.connect(self.show_error)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setHighlightSections(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        for widget in (title, hint):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        for widget in (self.status_label, self.error_label, self.warning_box):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        self._set_busy(False)

    # ------------------------------------------------------------ project
    def set_project(self, project, plan: Plan | None = None) -> None:
        """Show the targets of ``project`` (None: nothing open)."""
        if self._own_stack and project is not self.project:
            self.undo_stack.clear()  # its commands act on the project shown before
        self.project = project
        self.plan = plan
        if project is not None and plan is None:
            try:
                self.plan = load_plan(project.plan_id or DEFAULT_PLAN_ID)
            except PlanError as exc:
                self.plan = None
                self.show_error(str(exc))
        columns = []
        if self.plan is not None:
            names = {r.code: r.name for r in self.regions.regions}
            columns = [(c, self.tr("全市") if c == self.plan.city else names.get(c, c))
                       for c in target_regions(self.plan, self.regions)]
        self.model.set_layout(self.plan, columns)
        self.set_status("")
        self.show_error("")
        self.reload()
        fit_columns(self.table, {0: 260, 2: 200})
        header = self.table.horizontalHeader()
        for column in range(3, self.model.columnCount()):  # room for "12,345 估算"
            wide = self.fontMetrics().horizontalAdvance("12,345 估算") + 16
            header.resizeSection(column, max(header.sectionSize(column), wide))
        self._set_busy(False)

    def reload(self) -> None:
        """Show the stored targets and the county-sum warnings again."""
        if self.project is None or self.plan is None:
            self.model.set_targets([])
            self.warnings = []
        else:
            frame = self.project.targets()
            self.warnings = target_warnings(self.project, self.plan, self.regions)
            self.model.set_targets(frame.to_dict("records"), {w.indicator for w in self.warnings})
        if self.warnings:
            lines = [f"· {w}" for w in self.warnings]
            shown = lines[:WARNINGS_SHOWN]
            if len(lines) > WARNINGS_SHOWN:
                shown.append(self.tr("……另有 {count} 项（指标名称底色标出，悬停此处看全部）")
                             .format(count=len(lines) - WARNINGS_SHOWN))
            title = self.tr("⚠ {count} 项指标各县（市、区）目标合计低于全市目标：").format(count=len(lines))
            self.warning_label.setText("\n".join([title, *shown]))
            self.warning_label.setToolTip("\n".join(lines))
        self.warning_box.setVisible(bool(self.warnings))

    def _changed(self) -> None:
        self.reload()
        self.sig_targets_changed.emit()

    # ------------------------------------------------------------ edits
    def set_status(self, text: str) -> None:
        """Say what was just done (hidden when ``text`` is empty)."""
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def show_error(self, message: str) -> None:
        """Show (or with "" hide) a message about a refused value."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def commit_edit(self, indicator: str, region: str, value) -> None:
        """Store one target typed in the grid, as an undoable command."""
        if self.project is None or self.plan is None:
            return
        self.show_error("")
        ind = self.plan.indicator(indicator)
        region_name = dict(self.model.regions).get(region, region)
        if value is None:
            text = self.tr("清除{region}“{name}”的目标").format(region=region_name, name=ind.short_name)
        else:
            text = self.tr("{region}“{name}”目标改为 {value}{unit}").format(
                region=region_name, name=ind.short_name, value=target_text(value), unit=ind.unit)
        self.undo_stack.push(SetTargetCommand(self.project, self.plan, indicator, region, value, default_user(),
                                              text, on_change=self._changed))
        self.set_status(text)

    def edit_cell(self, indicator: str, region: str, text: str) -> bool:
        """Type ``text`` into a cell as the user would; False when it was refused."""
        index = self.model.index(self.model.indicator_row(indicator), self.model.region_column(region))
        return self.model.setData(index, text, Qt.ItemDataRole.EditRole)

    def apply_defaults(self) -> None:
        """Fill the targets still missing with the default decomposition (估算), undoably."""
        if self.project is None or self.plan is None:
            return
        method = self.method_combo.currentData()
        label = self.method_combo.currentText()
        before = self.undo_stack.count()
        command = ApplyDefaultsCommand(self.project, self.plan, method,
                                       self.tr("生成默认分解（{method}，估算）").format(method=label), self.regions,
                                       on_change=self._changed)
        self.undo_stack.push(command)
        if self.undo_stack.count() > before:
            self.set_status(self.tr("已为 {count} 个尚无目标的单元格生成默认分解（{method}，估算）")
                                      .format(count=len(command.added), method=label))
        else:
            self.set_status(self.tr("每个单元格都已有目标，没有需要估算的。"))

    # ------------------------------------------------------------ import
    def ask_import(self) -> None:
        """Ask for a decomposition workbook and import it."""
        last = settings.read("last_import_dir")
        start = last if last and os.path.isdir(last) else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入分解表"), start, self.tr(FILE_FILTER))
        if path:
            settings.write("last_import_dir", str(Path(path).parent))
            self.import_file(path)

    def import_file(self, path: str | os.PathLike) -> Worker | None:
        """Import a decomposition workbook in the background; ``sig_import_done`` follows."""
        if self.project is None or self.plan is None or (self.worker is not None and self.worker.running):
            return None
        self.show_error("")
        self.set_status(self.tr("正在读取“{name}”…").format(name=Path(path).name))
        self.worker = Worker(import_targets_into, str(self.project.path), str(path), self.plan,
                             RegionResolver(self.regions), IndicatorMatcher(self.plan))
        self.worker.sig_finished.connect(self._imported)
        self.worker.sig_failed.connect(self._import_failed)
        self._set_busy(True)
        self.worker.start()
        return self.worker

    def _imported(self, result: TargetImportResult) -> None:
        self._set_busy(False)
        self.last_result = result
        lines = [result.message]
        lines += [self.tr("未对应指标：{cell}「{path}」（{reason}）").format(
            cell=u["cell"], path=u["header_path"], reason=u["reason"]) for u in result.unmapped[:5]]
        if len(result.unmapped) > 5:
            lines.append(self.tr("……另有 {count} 处未对应").format(count=len(result.unmapped) - 5))
        self.set_status("\n".join(lines))
        if result.errors:
            self.show_error("；".join(result.errors))
        self._changed()
        self.sig_import_done.emit(result)

    def _import_failed(self, message: str) -> None:
        self._set_busy(False)
        self.show_error(self.tr("导入分解表失败：{message}").format(message=message))
        self.sig_import_done.emit(None)

    def _set_busy(self, busy: bool) -> None:
        ready = self.project is not None and self.plan is not None and not busy
        self.progress_bar.setVisible(busy)
        for widget in (self.import_button, self.default_button, self.method_combo):
            widget.setEnabled(ready)
        self.table.setEnabled(self.project is not None and not busy)


def main(argv: list[str] | None = None) -> int:
    """Open the widget on the demo project (its decomposition imported)."""
    from workbench import locations
    from workbench.models.demo_project import ensure_demo_project
    from workbench.models.store import Project
    from workbench.views.preview import run_preview

    def make() -> TargetsWidget:
        project = Project.open(ensure_demo_project(locations.data_dir() / "demo"))
        widget = TargetsWidget()
        widget.destroyed.connect(lambda *_: project.close())
        widget.set_project(project)
        return widget

    return run_preview(make, "分解目标", argv, size=(1280, 760))


if __name__ == "__main__":
    raise SystemExit(main())
