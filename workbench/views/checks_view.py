"""审核: run the checks, open every finding at its cell, explain what may pass, tune the rules.

运行审核 runs :func:`~workbench.models.checks.check_project` in a
:class:`~workbench.views.worker.Worker` (on its own connection to the project: a SQLite
connection stays in the thread that opened it). The 审核问题 tab
(:class:`~workbench.views.findings_widget.FindingsWidget`) lists every finding stored in
the project, opens the source workbook at the selected one's cell, and takes the written
explanations (undoable on the window's undo stack). The filter bar
(:class:`~workbench.views.checks_filters.ChecksFilterBar`) narrows both tabs. 审核规则
edits the project setting ``check_rules`` and runs the checks again. The 数据明细 tab
(:class:`~workbench.views.observations_widget.ObservationsWidget`) lists the current
figures with their provenance.

Run alone with ``python -m workbench.views.checks_view`` (the demo project, checked).
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.models.checks import blocking, check_project, load_rules
from workbench.models.checks.findings import STATUS_OPEN, STATUS_RESOLVED, Finding
from workbench.models.checks.project import RULES_SETTING, project_rules
from workbench.models.errors import WorkbenchError
from workbench.models.plan import DEFAULT_PLAN_ID, PlanError, load_plan
from workbench.models.regions import RegionResolver, load_regions
from workbench.views.checks_filters import ChecksFilterBar
from workbench.views.findings_model import ERROR_COLOUR
from workbench.views.findings_widget import FindingsWidget
from workbench.views.observations_widget import ObservationsWidget
from workbench.views.rules_dialog import RulesDialog
from workbench.views.style import PAGE_MARGINS
from workbench.views.worker import Worker

log = logging.getLogger(__name__)

LAST_RUN_SETTING = "checks_last_run"  # project setting: when the checks last ran, on how many figures
BLOCKING_TEXT = ("“错误”会阻断考核：在收到更正后的文件、或填写说明放行之前，该指标在该县（市、区）该期的数值不参与考核。"
                 "“提示”不阻断，但须核实后确认并写明理由。说明保存在项目中，并写入导出的材料。")


def run_checks_at(path: str, plan, regions):
    """Run the checks on the project file at ``path`` (in a worker thread, on its own connection).

    Yields ``(done, total, message)``; returns the number of findings that occur now.
    """
    from workbench.models.store import Project

    yield 0, 2, "正在读取项目中的数据…"
    with Project.open(path) as project:
        yield 1, 2, "正在按审核规则检查…"
        found = check_project(project, plan, regions)
    yield 2, 2, "审核完成"
    return len(found)


def _figures_state(project) -> dict:
    row = project.db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM current_observations").fetchone()
    return {"observations": int(row[0]), "last_observation": int(row[1])}


class ChecksView(QWidget):
    """The 审核 stage.

    Parameters
    ----------
    undo_stack : QUndoStack, optional
        Where explanation edits go (the main window's); a stack of its own otherwise.
    parent : QWidget, optional

    Notes
    -----
    The findings tab is a :class:`~workbench.views.findings_widget.FindingsWidget`
    (``findings_tab``); its table, preview, buttons and actions are reachable from here too.
    """

    sig_checks_done = Signal(int)
    """A run of the checks ended; carries the number of findings that occur now."""

    def __init__(self, undo_stack: QUndoStack | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.project = None
        self.plan = None
        self.regions = load_regions()
        self.resolver = RegionResolver(self.regions)
        self._worker: Worker | None = None
        self._seen_state: dict | None = None
        self.rules_dialog: RulesDialog | None = None
        self._build()
        self.set_project(None)

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        title = QLabel(self.tr("审核"))
        title.setObjectName("pageTitle")
        self.run_button = QPushButton(self.tr("运行审核"))
        self.run_button.setToolTip(self.tr("按审核规则检查项目中的全部当前数据（Ctrl+R）"))
        self.run_button.setShortcut("Ctrl+R")
        self.run_button.clicked.connect(self.run_checks)
        self.rules_button = QPushButton(self.tr("审核规则…"))
        self.rules_button.setToolTip(self.tr("启用或停用规则，修改级别和阈值"))
        self.rules_button.clicked.connect(self.open_rules_dialog)
        self.progress_bar = QProgressBar()
        self.progress_bar.setFixedWidth(160)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        self.status_label = QLabel()
        self.status_label.setObjectName("hint")
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        for widget in (title, self.run_button, self.rules_button, self.progress_bar, self.cancel_button):
            toolbar.addWidget(widget)
        toolbar.addWidget(self.status_label, 1)
        toolbar.addWidget(self.counts_label)

        notice = QFrame()
        notice.setObjectName("notice")
        notice_layout = QVBoxLayout(notice)
        notice_layout.setContentsMargins(12, 6, 12, 6)
        self.blocking_label = QLabel(self.tr(BLOCKING_TEXT))
        self.blocking_label.setWordWrap(True)
        notice_layout.addWidget(self.blocking_label)

        self.filters = ChecksFilterBar()
        self.filters.sig_changed.connect(self.apply_filters)
        self.findings_tab = FindingsWidget(self.undo_stack)
        self.findings_tab.sig_findings_changed.connect(self._on_findings_changed)
        tab = self.findings_tab
        self.model, self.proxy, self.table, self.source_preview = tab.model, tab.proxy, tab.table, tab.source_preview
        self.explain_button, self.confirm_button, self.withdraw_button = (
            tab.explain_button, tab.confirm_button, tab.withdraw_button)
        self.observations = ObservationsWidget()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.findings_tab, self.tr("审核问题"))
        self.tabs.addTab(self.observations, self.tr("数据明细"))
        self.tabs.currentChanged.connect(lambda i: self.filters.set_findings_filters_enabled(i == 0))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(8)
        layout.addLayout(toolbar)
        layout.addWidget(notice)
        layout.addWidget(self.filters)
        layout.addWidget(self.tabs, 1)

    # ------------------------------------------------------------ project
    def set_project(self, project) -> None:
        """Show the findings and figures of ``project`` (None: nothing)."""
        self.project = project
        self.plan = None
        if project is not None:
            try:
                self.plan = load_plan(project.plan_id or DEFAULT_PLAN_ID)
            except PlanError as exc:
                log.warning("%s", exc)
            self.resolver = RegionResolver(self.regions, project.aliases())
        self.observations.set_project(project, self.plan, self.regions, self.resolver)
        self.findings_tab.set_project(project, self.plan, self.regions, self.resolver)
        self._seen_state = _figures_state(project) if project is not None else None
        self._set_busy(False)

    def refresh(self) -> None:
        """Read findings and figures again if the project's figures changed (e.g. after an import)."""
        if self.project is None:
            return
        state = _figures_state(self.project)
        if state != self._seen_state:
            self._seen_state = state
            self.observations.reload()
            self.findings_tab.reload()

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    # ------------------------------------------------------------ findings, filters, counts
    @property
    def findings(self) -> dict[int, Finding]:
        """The stored findings by id (resolved ones too)."""
        return self.findings_tab.findings

    def current_finding_id(self) -> int | None:
        return self.findings_tab.current_finding_id()

    def select_finding(self, finding_id: int) -> bool:
        return self.findings_tab.select_finding(finding_id)

    def explain_selected(self):
        return self.findings_tab.explain_selected()

    def apply_explanation(self, finding_id: int, text: str, user: str) -> str | None:
        return self.findings_tab.apply_explanation(finding_id, text, user)

    def withdraw_selected(self) -> bool:
        return self.findings_tab.withdraw_selected()

    def _on_findings_changed(self) -> None:
        self.filters.set_choices(self.plan, self.regions, self.model.dataframe, self.observations.model.dataframe)
        self.apply_filters()
        self._update_counts()

    def apply_filters(self) -> None:
        values = self.filters.values()
        self.findings_tab.set_filters(values)
        self.observations.set_filters(values["indicator"], values["region"], values["department"], values["file"],
                                      values["text"])
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        label = self.tr("审核问题（{n}）").format(n=shown) if shown == total else \
            self.tr("审核问题（{n}/{total}）").format(n=shown, total=total)
        self.tabs.setTabText(0, label)

    def counts(self) -> dict[str, int]:
        """Open errors, open warnings, explained and resolved findings in the project."""
        values = list(self.findings.values())
        return {
            "errors": sum(f.severity == "error" and f.status == STATUS_OPEN for f in values),
            "warnings": sum(f.severity != "error" and f.status == STATUS_OPEN for f in values),
            "explained": sum(f.status in ("overridden", "confirmed") for f in values),
            "resolved": sum(f.status == STATUS_RESOLVED for f in values),
        }

    def _update_counts(self) -> None:
        c = self.counts()
        self.counts_label.setText(self.tr(
            "<span style='color:{ec}; font-weight:bold'>{e}</span> 项待处理错误　"
            "<span style='color:#8a5300; font-weight:bold'>{w}</span> 项待处理提示　"
            "{x} 项已说明　{r} 项已解决").format(ec=ERROR_COLOUR, e=c["errors"], w=c["warnings"], x=c["explained"],
                                            r=c["resolved"]))
        text = self.tr(BLOCKING_TEXT)
        if self.project is not None:
            blocked = len(blocking(self.project))
            if blocked:
                text += self.tr("目前有 {n} 组（指标、地区、期别）因错误暂不参与考核。").format(n=blocked)
        self.blocking_label.setText(text)
        self._show_last_run()

    def _show_last_run(self) -> None:
        if self.project is None:
            self.status_label.setText(self.tr("未打开项目"))
            return
        last = self.project.get_setting(LAST_RUN_SETTING)
        if not last:
            self.status_label.setText(self.tr("尚未运行审核"))
            return
        text = self.tr("上次审核：{at}，{n} 个数值").format(at=str(last.get("at", ""))[:16].replace("T", " "),
                                                     n=f"{last.get('observations', 0):,}")
        if {k: last.get(k) for k in ("observations", "last_observation")} != _figures_state(self.project):
            text += self.tr("；此后数据有变化，请重新审核")
        self.status_label.setText(text)

    # ------------------------------------------------------------ running
    @property
    def busy(self) -> bool:
        return self._worker is not None

    def run_checks(self) -> None:
        """Run the checks on the project's current figures in the background."""
        if self.project is None or self.busy or self.plan is None:
            return
        worker = Worker(run_checks_at, str(self.project.path), self.plan, self.regions)
        worker.sig_progress.connect(self._on_progress)
        worker.sig_finished.connect(self._on_checked)
        worker.sig_failed.connect(self._on_failed)
        worker.sig_cancelled.connect(self._on_cancelled)
        self._worker = worker
        self.progress_bar.setRange(0, 0)
        self.status_label.setText(self.tr("正在审核…"))
        self._set_busy(True)
        worker.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def shutdown(self) -> None:
        """Wait for a run to end and stop reading workbooks (the window is closing)."""
        if self._worker is not None:
            self._worker.cancel()
            self._worker.wait(10)
        self.source_preview.shutdown()
        self.observations.source_preview.shutdown()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.status_label.setText(message)

    def _on_checked(self, count: int) -> None:
        self._worker = None
        self._set_busy(False)
        if self.project is None:
            return
        at = datetime.now().astimezone().isoformat(timespec="seconds")
        self.project.set_setting(LAST_RUN_SETTING, {"at": at, **_figures_state(self.project)})
        self.findings_tab.reload()
        self.sig_checks_done.emit(count)

    def _on_failed(self, message: str) -> None:
        self._worker = None
        self._set_busy(False)
        self.status_label.setText(message)
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("审核未能完成"), message, QMessageBox.StandardButton.Ok,
                          self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_cancelled(self) -> None:
        self._worker = None
        self._set_busy(False)
        if self.project is not None:
            self.findings_tab.reload()
        self.status_label.setText(self.tr("已取消审核"))

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        ready = self.project is not None and not busy
        self.run_button.setEnabled(ready and self.plan is not None)
        self.rules_button.setEnabled(ready)
        self.findings_tab.set_busy(busy)

    # ------------------------------------------------------------ rules
    def open_rules_dialog(self) -> RulesDialog | None:
        """Show 审核规则 (non-blocking); OK saves the rules to the project and runs the checks again."""
        if self.project is None:
            return None
        try:
            rules = project_rules(self.project)
        except WorkbenchError as exc:  # a stored override a later release no longer accepts
            log.warning("项目保存的审核规则无法使用，按默认规则打开：%s", exc)
            rules = load_rules()
        dialog = RulesDialog(rules, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_rules(dialog.result_override))
        self.rules_dialog = dialog
        dialog.open()
        return dialog

    def apply_rules(self, override: dict | None) -> None:
        """Store the rules override in the project and run the checks again."""
        if self.project is None or override is None:
            return
        self.project.set_setting(RULES_SETTING, override)
        self.run_checks()


def main(argv: list[str] | None = None) -> int:
    """Open the view on the demo project, run the checks and select the planted county-sum mismatch."""
    import argparse
    import sys

    from workbench import locations
    from workbench.models.demo_project import ensure_demo_project
    from workbench.models.store import Project
    from workbench.views.preview import run_preview

    parser = argparse.ArgumentParser(description="单独打开“审核”视图（示例项目）")
    parser.add_argument("--screenshot", metavar="PNG", help="审核完成、选中一条问题后截图保存到此文件并退出")
    parser.add_argument("--tab", choices=("findings", "data"), default="findings", help="显示哪一页")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    def make() -> ChecksView:
        project = Project.open(ensure_demo_project(locations.data_dir() / "demo"))
        view = ChecksView()
        view.destroyed.connect(lambda *_: project.close())
        view.set_project(project)

        def checked(_count: int) -> None:
            if args.tab == "data":  # a figure written as text in 万元, stored in 亿元
                view.tabs.setCurrentIndex(1)
                figures = view.project.observations(current=True).dropna(subset=["conversions"])
                converted = figures[figures["raw_text"].str.contains(",", na=False)]
                view.observations.select_observation(int(converted["id"].iloc[0]))
                view.source_preview.sig_cell_shown.emit("", "", "")
                return
            planted = next((f.id for f in view.findings.values() if f.rule == "county_sum_mismatch"
                            and f.cell == "C11" and (f.file or "").startswith("市场监管局_2019")), None)
            if planted is None or not view.select_finding(planted):
                view.source_preview.sig_cell_shown.emit("", "", "")

        view.sig_checks_done.connect(checked)
        view.run_checks()
        return view

    preview_args = ["--screenshot", args.screenshot] if args.screenshot else []
    return run_preview(make, "审核", preview_args,
                       ready=lambda view: view.source_preview.sig_cell_shown if args.screenshot else None)


if __name__ == "__main__":
    raise SystemExit(main())
