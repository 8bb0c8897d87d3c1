"""审核问题: the findings table, the source workbook at the selected finding's cell, explanations.

Selecting a finding opens its workbook at its cell
(:class:`~workbench.views.source_preview_widget.SourcePreviewWidget`). 填写说明并放行
(errors) and 确认 (warnings) ask for a written explanation
(:class:`~workbench.views.explanation_dialog.ExplanationDialog`), stored at once with
:func:`~workbench.models.checks.explain` and pushed on the undo stack as a
:class:`~workbench.views.check_commands.ExplainFindingCommand`; 撤回说明 takes it back.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench import settings
from workbench.models.checks import FindingError, explain, stored_findings, withdraw_explanation
from workbench.models.checks.findings import STATUS_OPEN, STATUS_RESOLVED, Finding
from workbench.views.check_commands import ExplainFindingCommand, WithdrawExplanationCommand
from workbench.views.dataframe_model import DataFrameFilterProxyModel
from workbench.views.explanation_dialog import ExplanationDialog, default_user
from workbench.views.findings_model import COLUMN_WIDTHS, FINDING_COLUMNS, HIDDEN_COLUMNS, FindingsModel, findings_mask
from workbench.views.source_preview_widget import SourcePreviewWidget
from workbench.views.style import fit_columns, style_table


class FindingsWidget(QSplitter):
    """The findings of a project over the source preview.

    Parameters
    ----------
    undo_stack : QUndoStack
        Where explanation edits go.
    parent : QWidget, optional
    """

    sig_finding_selected = Signal(object)
    """The selected finding changed; carries its id or None."""
    sig_findings_changed = Signal()
    """Findings were re-read from the project (after a run, an explanation, an undo)."""

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.undo_stack = undo_stack
        self.project = None
        self.plan = None
        self.regions = None
        self.findings: dict[int, Finding] = {}
        self.busy = False
        self.explanation_dialog: ExplanationDialog | None = None

        self.model = FindingsModel(self)
        self.proxy = DataFrameFilterProxyModel(parent=self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("findingsTable")
        self.table.setModel(self.proxy)
        style_table(self.table)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # errors first, as stored
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.explain_button = QPushButton(self.tr("填写说明并放行…"))
        self.explain_button.setToolTip(self.tr("写明理由后放行这条错误，其数值照常参与考核"))
        self.explain_button.clicked.connect(self.explain_selected)
        self.confirm_button = QPushButton(self.tr("确认…"))
        self.confirm_button.setToolTip(self.tr("写明核实结果，确认这条提示"))
        self.confirm_button.clicked.connect(self.explain_selected)
        self.withdraw_button = QPushButton(self.tr("撤回说明"))
        self.withdraw_button.setToolTip(self.tr("撤回已填写的说明，问题恢复为待处理"))
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.selection_label = QLabel()
        self.selection_label.setObjectName("hint")
        self.selection_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        actions = QHBoxLayout()
        actions.addWidget(self.selection_label, 1)
        for button in (self.explain_button, self.confirm_button, self.withdraw_button):
            actions.addWidget(button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.setSpacing(4)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addLayout(actions)
        self.source_preview = SourcePreviewWidget()
        self.addWidget(upper)
        self.addWidget(self.source_preview)
        self.setChildrenCollapsible(False)
        self.setSizes([260, 340])
        self._update_actions()

    # ------------------------------------------------------------ in
    def set_project(self, project, plan=None, regions=None, resolver=None) -> None:
        self.project, self.plan, self.regions = project, plan, regions
        self.source_preview.set_context(plan, resolver)
        self.source_preview.clear()
        self.reload()

    def reload(self) -> None:
        """Re-read the stored findings (resolved ones too), keeping the selected one selected."""
        selected = self.current_finding_id()
        found = stored_findings(self.project, include_resolved=True) if self.project is not None else []
        self.findings = {f.id: f for f in found}
        self.model.set_findings(found, self.plan, self.regions)
        for name in HIDDEN_COLUMNS:
            self.table.setColumnHidden(self.model.column_number(name), True)
        if found:
            fit_columns(self.table, {FINDING_COLUMNS.index(k): v for k, v in COLUMN_WIDTHS.items()})
        if selected is not None:
            self.select_finding(selected)
        self._update_actions()
        self.sig_findings_changed.emit()

    def set_filters(self, values: dict) -> None:
        """Apply the filter bar's :meth:`~workbench.views.checks_filters.ChecksFilterBar.values`."""
        frame = self.model.dataframe
        self.proxy.set_row_mask(findings_mask(frame, values["severity"], values["status"], values["indicator"],
                                              values["region"], values["department"], values["file"])
                                if len(frame) else None)
        self.proxy.set_search_columns([self.model.column_number(c) for c in FINDING_COLUMNS])
        self.proxy.set_filter_text(values["text"])

    def set_busy(self, busy: bool) -> None:
        """While the checks run, findings are not explained."""
        self.busy = busy
        self._update_actions()

    # ------------------------------------------------------------ selection
    def current_finding_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.finding_id(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def current_finding(self) -> Finding | None:
        finding_id = self.current_finding_id()
        return self.findings.get(finding_id) if finding_id is not None else None

    def select_finding(self, finding_id: int) -> bool:
        """Select a finding in the table (the preview opens its cell); False when it is not shown."""
        row = self.model.row_of(finding_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else None
        if index is None or not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        self._update_actions()
        return True

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        finding = self.current_finding()
        self._update_actions()
        if finding is None:
            self.sig_finding_selected.emit(None)
            return
        path = self._import_path(finding.import_id) or str(finding.details.get("path") or "")
        self.source_preview.show_cell(path, finding.sheet or "", finding.cell or "", self._related(finding))
        self.sig_finding_selected.emit(finding.id)

    def _import_path(self, import_id: int | None) -> str:
        if self.project is None or import_id is None:
            return ""
        row = self.project.db.execute("SELECT path FROM imports WHERE id = ?", [import_id]).fetchone()
        return row[0] if row else ""

    def _related(self, finding: Finding) -> str:
        cells = []
        for ref in finding.details.get("cells", [])[:12]:
            place = ref.get("cell") or ""
            if ref.get("sheet") != finding.sheet:
                place = f"「{ref.get('sheet')}」{place}"
            if ref.get("file") and ref.get("file") != finding.file:
                place = f"{ref['file']} {place}"
            cells.append(place)
        text = finding.message
        if cells:
            text += self.tr("　相关单元格：") + "、".join(cells)
        return text

    def _update_actions(self) -> None:
        finding = self.current_finding()
        idle = self.project is not None and not self.busy
        is_open = finding is not None and finding.status == STATUS_OPEN
        self.explain_button.setEnabled(idle and is_open and finding.severity == "error")
        self.confirm_button.setEnabled(idle and is_open and finding.severity != "error")
        self.withdraw_button.setEnabled(idle and finding is not None and bool(finding.explanation)
                                        and finding.status != STATUS_RESOLVED)
        self.selection_label.setText(self._consequence(finding))

    def _consequence(self, f: Finding | None) -> str:
        """What the selected finding means for the assessment, in one line."""
        if f is None:
            return self.tr("选中一条问题，下方打开原表并定位到它的单元格。")
        row = self.model.row_of(f.id)
        frame = self.model.dataframe
        figure = " ".join(str(frame[c].iat[row]) for c in ("地区", "指标", "期别") if row is not None and frame[c].iat[row])
        if f.status == STATUS_RESOLVED:
            text = self.tr("已解决：最近一次审核不再出现这个问题。")
        elif f.status != STATUS_OPEN:
            who = f"（{f.explained_by}）" if f.explained_by else ""
            text = self.tr("已说明{who}：{figure} 照常参与考核。").format(who=who, figure=figure) \
                if f.severity == "error" else self.tr("已确认{who}。").format(who=who)
        elif f.severity == "error":
            text = self.tr("待处理的错误：{figure} 暂不参与考核，直到收到更正后的文件或填写说明放行。").format(figure=figure)
        else:
            text = self.tr("待处理的提示：请核实后确认，并写明理由。")
        return f"#{f.id}　{text}"

    # ------------------------------------------------------------ explanations
    def explain_selected(self) -> ExplanationDialog | None:
        """Ask for the explanation of the selected open finding (non-blocking dialog)."""
        finding = self.current_finding()
        if finding is None or finding.status == STATUS_RESOLVED or self.project is None or self.busy:
            return None
        dialog = ExplanationDialog(finding, default_user(), self, submit=self.apply_explanation)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.explanation_dialog = dialog
        dialog.open()
        return dialog

    def apply_explanation(self, finding_id: int, text: str, user: str) -> str | None:
        """Store an explanation and put it on the undo stack; the refusal message, or None when stored."""
        old = self.findings.get(finding_id)
        previous = (old.explanation, old.explained_by or "") if old is not None and old.explanation else None
        try:
            explain(self.project, finding_id, text, user)
        except FindingError as exc:
            return str(exc)
        if user:
            settings.write("user/name", user)
        self.undo_stack.push(ExplainFindingCommand(self.project, finding_id, text.strip(), user, previous,
                                                   on_change=self._finding_changed))
        self._finding_changed(finding_id)
        return None

    def withdraw_selected(self) -> bool:
        """Take back the explanation of the selected finding (undoable)."""
        finding = self.current_finding()
        if finding is None or not finding.explanation or self.project is None:
            return False
        try:
            withdraw_explanation(self.project, finding.id)
        except FindingError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("撤回说明"), str(exc), QMessageBox.StandardButton.Ok,
                              self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return False
        self.undo_stack.push(WithdrawExplanationCommand(self.project, finding.id,
                                                        (finding.explanation, finding.explained_by or ""),
                                                        on_change=self._finding_changed))
        self._finding_changed(finding.id)
        return True

    def _finding_changed(self, _finding_id: int) -> None:
        if self.project is not None:
            self.reload()
