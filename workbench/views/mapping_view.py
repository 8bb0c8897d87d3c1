"""映射: how each imported workbook's columns (or rows) map to plan indicators, and templates.

Pick an imported file in the list at the top; the table below shows every column (or
row of a transposed table) with its header path, the indicator the workbench proposes
and how sure it is (coloured), the unit and the basis. Under it the selected column is
confirmed, changed (the indicator combo finds indicators by name, short name or
synonym) or ignored; unit and basis are confirmed alongside. Each such decision is
committed to the project at once through an undo command on the main window's stack
(编辑 → 撤销/重做). Region labels nobody knew get a pick-list; a choice is remembered
as a project alias.

保存为模板 saves the reviewed mapping as the department's template for that layout and
applies it to the file's figures again (in a :class:`~workbench.views.worker.Worker`);
the next quarter's workbook of that layout then maps without a click. Templates are
exported to a file for a colleague and imported from one.

Run alone with ``python -m workbench.views.mapping_view`` (on the demo project).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.models.errors import WorkbenchError
from workbench.models.mapping import IndicatorMatcher
from workbench.models.mapping_review import (
    review_import,
    reviewable_imports,
    save_reviewed_template,
)
from workbench.models.plan import Plan, load_plan
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.remapping import import_template
from workbench.models.templates import ORIGINS, export_templates, get_template, import_templates
from workbench.views.mapping_editor_widget import MappingEditorWidget
from workbench.views.mapping_table_model import HEADER, INDICATOR, SHEET, MappingTableModel
from workbench.views.project_jobs import remap_in
from workbench.views.region_labels_widget import RegionLabelsWidget
from workbench.views.style import PAGE_MARGINS, style_table
from workbench.views.undo_commands import SetColumnMappingCommand
from workbench.views.worker import Worker

TEMPLATE_FILTER = "工作台模板 (*.json);;所有文件 (*)"
IMPORT_COLUMNS = ("部门", "报告期", "文件", "模板", "状态")
STATUS_TEXT = {"imported": "已导入", "drift_pending": "版式变化待确认"}


def _fit(view, stretch: int, caps: dict[int, int], padding: int = 16) -> None:
    """Columns as wide as their contents (at most ``caps``), column ``stretch`` taking the rest."""
    header = view.horizontalHeader()
    for column in range(header.count()):
        if column != stretch:
            view.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column) + padding, caps.get(column, 400)))


class MappingView(QWidget):
    """The 映射 stage.

    Parameters
    ----------
    undo_stack : QUndoStack, optional
        Where edits are pushed (the main window's); a stack of its own when omitted.
    parent : QWidget, optional
    """

    sig_project_changed = Signal()
    """Figures or region aliases of the project changed (the window refreshes its pages)."""
    sig_review_shown = Signal(int)
    """The mapping of this import is shown."""
    sig_regions_scanned = Signal(int)
    """The unknown region labels of this import are listed (its source was read)."""
    sig_remapped = Signal(object)
    """A file was mapped again after 保存为模板; carries the ImportResult."""

    def __init__(self, undo_stack: QUndoStack | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.project = None
        self.plan: Plan = load_plan()
        self.matcher = IndicatorMatcher(self.plan)
        self.resolver = RegionResolver(load_regions())
        self._imports: list[dict] = []
        self._remap: Worker | None = None
        self._build()
        self.set_project(None)

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        title = QLabel(self.tr("映射"))
        title.setObjectName("pageTitle")
        subtitle = QLabel(self.tr("核对每个文件中各列（行）对应的计划指标、单位和口径；确认或修改后即保存，可在“编辑”菜单中撤销。"
                                  "保存为模板后，该部门下季度同样表式的报表自动套用。"))
        subtitle.setObjectName("pageSubtitle")
        subtitle.setWordWrap(True)
        self.export_templates_button = QPushButton(self.tr("导出模板…"))
        self.export_templates_button.setToolTip(self.tr("把项目中的全部模板保存到一个文件，供同事导入"))
        self.import_templates_button = QPushButton(self.tr("导入模板…"))
        self.import_templates_button.setToolTip(self.tr("导入同事导出的模板文件"))
        self.progress_label = QLabel()
        self.progress_label.setObjectName("hint")
        self.progress_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setFixedWidth(120)
        top = QHBoxLayout()
        top.addWidget(self.progress_label, 1)
        top.addWidget(self.progress_bar)
        top.addWidget(self.export_templates_button)
        top.addWidget(self.import_templates_button)

        self.imports_table = QTableWidget(0, len(IMPORT_COLUMNS))
        self.imports_table.setHorizontalHeaderLabels([self.tr(c) for c in IMPORT_COLUMNS])
        style_table(self.imports_table)
        header = self.imports_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the file name takes what is left

        self.template_label = QLabel()
        self.template_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(self.tr("保存为模板"))
        self.save_button.setToolTip(self.tr("把本文件确认后的映射保存为该部门这种表式的模板，并按它重新读取本文件的数据"))
        legend = QLabel(self.tr("置信度：≥90% 绿色，70%～90% 黄色，低于 70% 红色"))
        legend.setObjectName("hint")
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_label, 1)
        template_row.addWidget(legend)
        template_row.addSpacing(12)
        template_row.addWidget(self.save_button)

        self.model = MappingTableModel(self.plan, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        style_table(self.table)
        self.table.setMouseTracking(True)
        columns = self.table.horizontalHeader()
        columns.setStretchLastSection(False)
        columns.setSectionResizeMode(HEADER, QHeaderView.ResizeMode.Stretch)  # long paths elide, tooltip in full
        self.editor = MappingEditorWidget(self.plan)
        self.regions = RegionLabelsWidget(self.resolver.table, self.undo_stack)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.setSpacing(6)
        lower_layout.addLayout(template_row)
        lower_layout.addWidget(self.table, 1)
        lower_layout.addWidget(self.editor)
        lower_layout.addWidget(self.regions)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.imports_table)
        self.splitter.addWidget(lower)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        rows = self.imports_table.verticalHeader().defaultSectionSize()
        listed = self.imports_table.horizontalHeader().sizeHint().height() + 5 * rows
        self.splitter.setSizes([listed + 2 * self.imports_table.frameWidth(), 550])  # five whole files in view
        self.empty_label = QLabel(self.tr("项目中还没有导入的报表。请先在“导入”环节添加报表并导入到项目。"))
        self.empty_label.setObjectName("hint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.empty_label, 1)

        self.imports_table.itemSelectionChanged.connect(self._on_import_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_column_selected())
        self.editor.sig_decided.connect(self.decide)
        self.regions.sig_scanned.connect(self.sig_regions_scanned)
        self.regions.sig_changed.connect(self.sig_project_changed)
        self.save_button.clicked.connect(lambda: self.save_template())
        self.export_templates_button.clicked.connect(self.ask_export)
        self.import_templates_button.clicked.connect(self.ask_import)

    # ------------------------------------------------------------ project
    def set_project(self, project, plan: Plan | None = None) -> None:
        """Review the imports of ``project`` (None: nothing open) against ``plan``."""
        self.project = project
        if plan is not None and plan is not self.plan:
            self.plan = plan
            self.matcher = IndicatorMatcher(plan)
            self.model.set_plan(plan)
            self.editor.set_plan(plan)
        self._set_busy("", False)
        self.reload()

    def reload(self) -> None:
        """List the project's imports again, keeping the one selected."""
        keep = self.current_import_id
        self._imports = reviewable_imports(self.project) if self.project is not None else []
        templates = {}
        if self.project is not None:
            templates = {r["id"]: r for r in self.project.db.query("SELECT id, name, origin FROM templates")}
        self.imports_table.blockSignals(True)
        self.imports_table.clearSelection()
        self.imports_table.setRowCount(len(self._imports))
        for row, item in enumerate(self._imports):
            template = templates.get(item["template_id"])
            period = ""
            if item["period"]:
                year, month = item["period"].split("-")
                period = f"{year}年{int(month)}月"
            texts = (item["department"] or self.tr("未识别"), period, item["name"],
                     f"{template['name']}（{ORIGINS.get(template['origin'], '')}）" if template else "",
                     STATUS_TEXT.get(item["status"], item["status"]))
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setToolTip(item["path"] if column == 2 else text)
                self.imports_table.setItem(row, column, cell)
        self.imports_table.blockSignals(False)
        _fit(self.imports_table, stretch=2, caps={0: 170, 3: 330})
        has = bool(self._imports)
        self.splitter.setVisible(has)
        self.empty_label.setVisible(not has)
        self.export_templates_button.setEnabled(self.project is not None)
        self.import_templates_button.setEnabled(self.project is not None)
        ids = [i["id"] for i in self._imports]
        if ids:  # a new selection: the review and the region scan follow it
            self.imports_table.selectRow(ids.index(keep) if keep in ids else 0)
        else:
            self._on_import_selected()

    def import_ids(self) -> list[int]:
        """The imports listed, top to bottom."""
        return [i["id"] for i in self._imports]

    @property
    def current_import_id(self) -> int | None:
        rows = self.imports_table.selectionModel().selectedRows() if self.imports_table.selectionModel() else []
        if not rows or not 0 <= rows[0].row() < len(self._imports):
            return None
        return self._imports[rows[0].row()]["id"]

    def select_import(self, import_id: int) -> None:
        """Show the mapping of the import ``import_id``."""
        self.imports_table.selectRow(self.import_ids().index(import_id))

    def _current_row(self) -> dict | None:
        import_id = self.current_import_id
        return next((i for i in self._imports if i["id"] == import_id), None)

    def _on_import_selected(self) -> None:
        self._show_review()
        self._start_scan()

    # ------------------------------------------------------------ the review
    def _show_review(self) -> None:
        key = self.current_key
        row = self._current_row()
        if self.project is None or row is None:
            self.model.set_rows([])
            self.template_label.clear()
            self.save_button.setEnabled(False)
            self.editor.show_review(None)
            return
        self.model.set_rows(review_import(self.project, row["id"], self.plan, self.matcher))
        _fit(self.table, stretch=HEADER, caps={SHEET: 150, INDICATOR: 300})
        full = next(self.project.db.query("SELECT * FROM imports WHERE id = ?", [row["id"]]))
        template = import_template(self.project, full)
        used = get_template(self.project, row["template_id"]) if row["template_id"] else None
        if template is None:
            text = self.tr("没有模板：按自动识别结果映射。")
        else:
            text = self.tr("模板：“{name}”（{origin}）").format(name=template.name,
                                                           origin=ORIGINS.get(template.origin, template.origin))
            if used is not None and used.id != template.id:
                text += self.tr("；本文件导入时按“{name}”映射").format(name=used.name)
        if row["status"] == "drift_pending":
            text += self.tr("；版式有变化，数据待确认后计入")
        self.template_label.setText(text)
        self.save_button.setEnabled(self._remap is None and bool(row["department"]))
        self.save_button.setToolTip(self.tr("把本文件确认后的映射保存为该部门这种表式的模板，并按它重新读取本文件的数据")
                                    if row["department"] else self.tr("未识别报送部门的文件不能保存为模板"))
        self.select_column(key if key is not None and self.model.row_of(key) >= 0 else None)
        self.sig_review_shown.emit(row["id"])

    @property
    def current_key(self) -> str | None:
        """The header key of the selected column, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.review(rows[0].row()).key if rows else None

    def select_column(self, key: str | None) -> None:
        """Select the column with header key ``key`` (the first one when None)."""
        row = self.model.row_of(key) if key is not None else 0
        if 0 <= row < self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(self.model.index(row, 0))
        self._on_column_selected()

    def _on_column_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.editor.show_review(self.model.review(rows[0].row()) if rows else None)

    def reviews(self):
        """The rows shown (ColumnReview), top to bottom."""
        return self.model.rows

    # ------------------------------------------------------------ decisions (undoable)
    def decide(self, changes: dict | None) -> None:
        """Commit a decision about the selected column (see :class:`MappingEditorWidget`)."""
        review, import_id = self.editor.review, self.current_import_id
        if review is None or import_id is None or self.project is None:
            return
        header = review.header.replace(" / ", "/")
        if changes is None:
            decision, text = None, self.tr("恢复“{h}”的自动识别").format(h=header)
        elif changes.get("confirm"):
            decision = review.decision(indicator=review.indicator or review.suggested)
            text = self.tr("确认“{h}”的映射").format(h=header)
        elif changes.get("ignored"):
            decision, text = review.decision(ignored=True), self.tr("忽略“{h}”").format(h=header)
        else:
            try:
                if "indicator" not in changes and not (review.indicator or review.suggested):
                    raise WorkbenchError(self.tr("请先为这一列选择指标"))
                base = {} if review.indicator else {"indicator": review.suggested}
                decision = review.decision(**{**base, **changes})
            except WorkbenchError as exc:
                self.progress_label.setText(str(exc))
                self.editor.show_review(review)
                return
            what = {"indicator": "指标", "unit": "单位", "basis_override": "口径"}[next(iter(changes))]
            text = self.tr("修改“{h}”的{what}").format(h=header, what=what)
        self.undo_stack.push(SetColumnMappingCommand(self.project, import_id, review.key, decision, text,
                                                     on_change=lambda i=import_id, k=review.key: self._changed(i, k)))

    def _changed(self, import_id: int, key: str | None = None) -> None:
        if self.project is None:
            return
        if import_id != self.current_import_id and import_id in self.import_ids():
            self.select_import(import_id)
        else:
            self._show_review()
        if key is not None:
            self.select_column(key)

    # ------------------------------------------------------------ region labels
    def _start_scan(self) -> None:
        row = self._current_row()
        full = None
        if row is not None and self.project is not None:
            full = next(self.project.db.query("SELECT * FROM imports WHERE id = ?", [row["id"]]))
        template = import_template(self.project, full) if full is not None else None
        self.regions.scan(self.project, full, self.plan, self.resolver, self.matcher, template)

    def region_labels(self) -> list[str]:
        """The unknown region labels listed for the selected file."""
        return self.regions.labels()

    # ------------------------------------------------------------ templates
    def save_template(self, name: str | None = None) -> None:
        """Save the selected file's reviewed mapping as its department's template and map the file again."""
        row = self._current_row()
        if self.project is None or row is None or self._remap is not None:
            return
        aliases = self.project.aliases()
        regions = {label: aliases[label] for label in self.regions.labels() if label in aliases}
        try:
            template = save_reviewed_template(self.project, row["id"], self.plan, self.matcher, name, regions)
        except WorkbenchError as exc:
            self.progress_label.setText(str(exc))
            return
        self._set_busy(self.tr("已保存模板“{name}”，正在按它重新读取“{file}”…").format(name=template.name,
                                                                                file=row["name"]), True)
        worker = Worker(remap_in, self.project.path, row["id"], self.plan, self.resolver, IndicatorMatcher(self.plan))
        worker.sig_finished.connect(self._on_remapped)
        worker.sig_failed.connect(self._on_remap_failed)
        worker.sig_cancelled.connect(lambda: self._on_remap_failed(self.tr("已取消重新读取")))
        self._remap = worker
        worker.start()

    def _on_remapped(self, result) -> None:
        self._remap = None
        self._set_busy(result.message, False)
        if self.project is not None:
            self.reload()
            self.sig_project_changed.emit()
        self.sig_remapped.emit(result)

    def _on_remap_failed(self, message: str) -> None:
        self._remap = None
        self._set_busy(self.tr("模板已保存，但未能重新读取本文件：{error}").format(error=message), False)
        if self.project is not None:
            self.reload()

    def _set_busy(self, message: str, busy: bool) -> None:
        self.progress_label.setText(message)
        self.progress_bar.setVisible(busy)
        self.save_button.setEnabled(not busy and self._current_row() is not None)

    @property
    def busy(self) -> bool:
        return self._remap is not None

    def export_templates_to(self, path: str | os.PathLike) -> int:
        """Write the project's templates to ``path``; returns how many (0 on error, with a message)."""
        try:
            count = export_templates(self.project, path)
        except (OSError, WorkbenchError) as exc:
            self.progress_label.setText(self.tr("无法导出模板：{error}").format(error=exc))
            return 0
        self.progress_label.setText(self.tr("已导出 {n} 个模板到“{file}”").format(n=count, file=Path(path).name))
        return count

    def import_templates_from(self, path: str | os.PathLike) -> dict | None:
        """Add the templates of a file; returns the counts (None on error, with a message)."""
        try:
            counts = import_templates(self.project, path)
        except (OSError, WorkbenchError) as exc:
            self.progress_label.setText(str(exc))
            return None
        self.progress_label.setText(self.tr("已导入模板：新增 {added} 个，替换 {replaced} 个，{unchanged} 个未变").format(
            **counts))
        self.reload()
        return counts

    def ask_export(self) -> None:
        if self.project is None:
            return
        suggested = str(self.project.path.with_name(self.project.path.stem + "_模板.json"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出模板"), suggested, self.tr(TEMPLATE_FILTER))
        if path:
            self.export_templates_to(path)

    def ask_import(self) -> None:
        if self.project is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入模板"), str(self.project.path.parent),
                                              self.tr(TEMPLATE_FILTER))
        if path:
            self.import_templates_from(path)

    def shutdown(self, timeout: float = 10.0) -> None:
        """Wait for background work (the window is closing)."""
        self.regions.shutdown(timeout)
        if self._remap is not None:
            self._remap.cancel()
            self._remap.wait(timeout)


def main(argv: list[str] | None = None) -> int:
    import sys

    from workbench import locations
    from workbench.models.demo_project import ensure_demo_project
    from workbench.models.store import Project
    from workbench.views.preview import run_preview

    argv = sys.argv[1:] if argv is None else argv
    path = ensure_demo_project(locations.data_dir() / "demo")
    opened = []

    def make() -> MappingView:
        project = Project.open(path)
        opened.append(project)
        view = MappingView()
        view.set_project(project, load_plan(project.plan_id))
        shown = next((i["id"] for i in reviewable_imports(project) if i["department"] == "市场监管局"), None)
        if shown is not None:
            view.select_import(shown)
        return view

    try:
        return run_preview(make, "映射", argv, ready=lambda view: view.sig_regions_scanned)
    finally:
        for project in opened:
            project.close()


if __name__ == "__main__":
    raise SystemExit(main())
