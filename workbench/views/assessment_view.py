"""目标与考核: completion, 序时进度, status, scores and ranks of every county, at a chosen month.

Choose the month (quarter ends of the plan, or any month typed as 2019-08) and 计算 runs
:func:`~workbench.models.assessment.project_assessment.assess_project` in a
:class:`~workbench.views.worker.Worker` with the previous quarter for comparison, and the
earlier quarters for the history charts (:mod:`workbench.views.assessment_jobs`). The page
shows:

* 总表: the indicators × units matrix, filterable by 维度 and 牵头部门, sortable, with the
  county ranking beside it (:mod:`workbench.views.assessment_overview`);
* 按地区 and 按指标: a page per unit and per indicator (:mod:`workbench.views.assessment_pages`);
* 目标: the county targets (``TargetsWidget``);
* below the tabs, the detail of the chosen cell (:mod:`workbench.views.assessment_detail`).

评分方案… edits the scheme (:mod:`workbench.views.scheme_dialog`), stored in the project
setting ``scoring_scheme`` (undoable) and used from the next 计算 on. The page calculates
on its own when it is shown and the project's figures, targets or scheme changed.

Run alone with ``python -m workbench.views.assessment_view`` (the demo project).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QSizePolicy, QSplitter, QTabWidget,
    QVBoxLayout, QWidget,
)

from workbench.models.assessment.project_assessment import project_scheme
from workbench.models.assessment.scoring import SCHEME_KEY, default_scheme_path, load_scheme
from workbench.models.charts.labels import percent
from workbench.models.errors import WorkbenchError
from workbench.models.plan import DEFAULT_PLAN_ID, PlanError, load_plan
from workbench.models.regions import RegionResolver, load_regions
from workbench.views.assessment_detail import CellDetail
from workbench.views.assessment_jobs import (
    AssessmentRun, assess_with_history, latest_data_quarter, month_label, parse_month_text, previous_quarter_end,
    project_state, quarter_ends,
)
from workbench.views.assessment_overview import AssessmentOverview
from workbench.views.assessment_pages import CountyPage, IndicatorPage
from workbench.views.scheme_dialog import SchemeDialog, SetSchemeCommand
from workbench.views.style import PAGE_MARGINS
from workbench.views.worker import Worker

log = logging.getLogger(__name__)

DEFAULT_PERIOD = "2019-09"
TAB_MATRIX, TAB_COUNTY, TAB_INDICATOR, TAB_TARGETS = range(4)


def _targets_widget(undo_stack: QUndoStack) -> QWidget | None:
    """The county targets editor, when this build has it."""
    try:
        from workbench.views.targets_widget import TargetsWidget
    except ImportError as exc:
        log.info("目标编辑器不可用：%s", exc)
        return None
    return TargetsWidget(undo_stack)


class AssessmentView(QWidget):
    """The 目标与考核 stage.

    Parameters
    ----------
    undo_stack : QUndoStack, optional
        Where scheme edits go (the main window's); a stack of its own otherwise.
    auto_run : bool
        Calculate when the page is shown and the project's data changed since the last result.
    parent : QWidget, optional
    """

    sig_assessed = Signal(object)
    """An assessment was shown; carries the :class:`~workbench.views.assessment_jobs.AssessmentRun`."""
    sig_failed = Signal(str)

    def __init__(self, undo_stack: QUndoStack | None = None, auto_run: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.auto_run = auto_run
        self.project = None
        self.plan = load_plan()
        self.regions = load_regions()
        self.resolver = RegionResolver(self.regions)
        self.run_result: AssessmentRun | None = None
        self.scheme_dialog: SchemeDialog | None = None
        self._worker: Worker | None = None
        self._detached: list[Worker] = []  # runs for a project no longer shown, waited for at shutdown
        self._again = False
        self._state: tuple | None = None
        self._running_at: str | None = None
        self._build()
        self.set_project(None)

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        title = QLabel(self.tr("目标与考核"))
        title.setObjectName("pageTitle")
        self.period_combo = QComboBox()
        self.period_combo.setEditable(True)
        self.period_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.period_combo.setMinimumContentsLength(15)
        self.period_combo.setToolTip(self.tr("选择季末，或输入任一月份，如 2019-08"))
        self.period_combo.activated.connect(lambda _i: self.run())
        self.period_combo.lineEdit().returnPressed.connect(self.run)
        self.run_button = QPushButton(self.tr("计算"))
        self.run_button.setToolTip(self.tr("按所选时点计算完成率、序时进度、进度状态、得分和排名（Ctrl+R）"))
        self.run_button.setShortcut("Ctrl+R")
        self.run_button.clicked.connect(self.run)
        self.progress_bar = QProgressBar()
        self.progress_bar.setFixedWidth(140)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        self.scheme_button = QPushButton(self.tr("评分方案…"))
        self.scheme_button.setToolTip(self.tr("修改各指标的权重、计分规则、封顶和等级划分"))
        self.scheme_button.clicked.connect(self.open_scheme_dialog)
        self.status_label = QLabel()
        self.status_label.setObjectName("hint")
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        toolbar.addWidget(title)
        toolbar.addSpacing(8)
        toolbar.addWidget(QLabel(self.tr("考核时点：")))
        for widget in (self.period_combo, self.run_button, self.scheme_button, self.progress_bar, self.cancel_button):
            toolbar.addWidget(widget)
        toolbar.addWidget(self.status_label, 1)

        self.overview = AssessmentOverview()
        self.overview.sig_cell_selected.connect(self.show_cell)
        self.overview.sig_county_requested.connect(self.show_county)
        self.overview.sig_indicator_requested.connect(self.show_indicator)
        o = self.overview  # the parts tests and callers reach from the page
        self.matrix, self.matrix_model, self.matrix_proxy = o.matrix, o.matrix_model, o.matrix_proxy
        self.ranking, self.ranking_model = o.ranking, o.ranking_model
        self.group_combo, self.lead_combo, self.search_edit = o.group_combo, o.lead_combo, o.search_edit

        self.county_page = CountyPage()
        self.indicator_page = IndicatorPage()
        for page in (self.county_page, self.indicator_page):
            page.sig_cell_selected.connect(self.show_cell)
        self.targets_widget = _targets_widget(self.undo_stack)
        targets_page = self.targets_widget or QLabel(self.tr("目标录入与导入在本版本中尚不可用。"))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.overview, self.tr("总表"))
        self.tabs.addTab(self.county_page, self.tr("按地区"))
        self.tabs.addTab(self.indicator_page, self.tr("按指标"))
        self.tabs.addTab(targets_page, self.tr("目标"))
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.detail = CellDetail()
        self.detail.sig_closed.connect(lambda: self.detail.setVisible(False))
        self.detail.sig_county_requested.connect(self.show_county)
        self.detail.sig_indicator_requested.connect(self.show_indicator)
        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.addWidget(self.tabs)
        self.body.addWidget(self.detail)
        self.body.setStretchFactor(0, 3)
        self.body.setStretchFactor(1, 2)
        self.body.setChildrenCollapsible(False)
        self.detail.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(8)
        layout.addLayout(toolbar)
        layout.addWidget(self.body, 1)

    # ------------------------------------------------------------ project
    def set_project(self, project) -> None:
        """Assess ``project`` (None: nothing); the result appears once the page is shown."""
        self._detach_worker()
        self.project = project
        self.run_result = None
        self._state = None
        self.plan = load_plan()
        if project is not None:
            try:
                self.plan = load_plan(project.plan_id or DEFAULT_PLAN_ID)
            except PlanError as exc:
                log.warning("%s", exc)
            self.resolver = RegionResolver(self.regions, project.aliases())
        self._fill_periods(latest_data_quarter(project, self.plan) if project is not None else None)
        self.detail.set_project(project, self.plan, self.resolver)
        if self.targets_widget is not None:
            self.targets_widget.set_project(project, self.plan if project is not None else None)
        self.show_run(None)
        self._set_busy(False)
        if project is None:
            self.status_label.setText(self.tr("未打开项目"))
        elif self.auto_run and self.isVisible():
            QTimer.singleShot(0, self._run_if_stale)

    def _fill_periods(self, preferred: str | None) -> None:
        current = self.period()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for at in quarter_ends(self.plan):
            self.period_combo.addItem(month_label(at), at)
        self.period_combo.blockSignals(False)
        self.set_period(preferred or current or DEFAULT_PERIOD)

    def set_period(self, at: str) -> bool:
        """Choose the month to assess (``YYYY-MM``; any month of the plan). False when unusable."""
        at = parse_month_text(at, self.plan)
        if at is None:
            return False
        index = self.period_combo.findData(at)
        self.period_combo.blockSignals(True)
        if index >= 0:
            self.period_combo.setCurrentIndex(index)
        else:
            self.period_combo.setEditText(month_label(at))
        self.period_combo.blockSignals(False)
        return True

    def period(self) -> str | None:
        """The month chosen, ``YYYY-MM`` (None when what is typed is not a month of the plan)."""
        text = self.period_combo.currentText()
        index = self.period_combo.findText(text)
        if index >= 0 and self.period_combo.itemData(index):
            return self.period_combo.itemData(index)
        return parse_month_text(text, self.plan)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.auto_run:
            QTimer.singleShot(0, self._run_if_stale)

    def _run_if_stale(self) -> None:
        if self.project is None or self.busy or not self.isVisible():
            return
        if self.run_result is None or project_state(self.project) != self._state:
            self.run()

    # ------------------------------------------------------------ running
    @property
    def busy(self) -> bool:
        return self._worker is not None

    def run(self) -> bool:
        """Calculate at the chosen month in the background (again, once the running one ends, if busy)."""
        if self.project is None:
            return False
        at = self.period()
        if at is None:
            self.status_label.setText(self.tr("考核时点应为计划期内的月份，写作 2019-09 或 2019年9月"))
            return False
        if self.busy:
            if (at, project_state(self.project)) != (self._running_at, self._state):
                self._again = True  # calculate again once the running one stops
                self._worker.cancel()
            return True
        self._state, self._running_at = project_state(self.project), at
        worker = Worker(assess_with_history, str(self.project.path), self.plan, self.regions, at,
                        previous_quarter_end(at, self.plan))
        worker.sig_progress.connect(self._on_progress)
        worker.sig_finished.connect(self._on_finished)
        worker.sig_failed.connect(self._on_failed)
        worker.sig_cancelled.connect(self._on_cancelled)
        self._worker = worker
        self.progress_bar.setRange(0, 0)
        self.status_label.setText(self.tr("正在计算 {at}…").format(at=month_label(at)))
        self._set_busy(True)
        worker.start()
        return True

    def _detach_worker(self) -> None:
        """Stop listening to a run for another project (it stops at its next step, unheard)."""
        worker, self._worker, self._again = self._worker, None, False
        if worker is not None:
            for signal in (worker.sig_progress, worker.sig_finished, worker.sig_failed, worker.sig_cancelled):
                signal.disconnect()
            worker.cancel()
            self._detached = [w for w in self._detached if w.running] + [worker]

    def cancel(self) -> None:
        self._again = False
        if self._worker is not None:
            self._worker.cancel()

    def shutdown(self) -> None:
        """Wait for a run to end (the window is closing)."""
        self._again = False
        for worker in [*self._detached, *([self._worker] if self._worker is not None else [])]:
            worker.cancel()
            worker.wait(10)
        self._detached = []
        self.detail.shutdown()
        worker = getattr(self.targets_widget, "worker", None)
        if worker is not None:  # an import of a target workbook still reading
            worker.cancel()
            worker.wait(10)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.status_label.setText(message)

    def _finish_worker(self) -> bool:
        """Forget the worker; True when another run was asked for meanwhile (and is started)."""
        self._worker = None
        self._set_busy(False)
        if self._again:
            self._again = False
            self.run()
            return True
        return False

    def _on_finished(self, result: AssessmentRun | None) -> None:
        if self._finish_worker() or result is None or self.project is None:
            return
        self.show_run(result)

    def _on_failed(self, message: str) -> None:
        if self._finish_worker():
            return
        self.status_label.setText(message)
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("考核未能完成"), message, QMessageBox.StandardButton.Ok,
                          self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.sig_failed.emit(message)

    def _on_cancelled(self) -> None:
        if not self._finish_worker():
            self.status_label.setText(self.tr("已取消计算"))

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.scheme_button.setEnabled(self.project is not None)
        self.run_button.setEnabled(self.project is not None)

    # ------------------------------------------------------------ showing
    def show_run(self, result: AssessmentRun | None) -> None:
        """Show an assessment (with its history); None clears the page."""
        self.run_result = result
        assessment = result.assessment if result is not None else None
        self.overview.set_assessment(assessment, self.plan.groups)
        self.county_page.set_assessment(assessment, self.plan.groups)
        self.indicator_page.set_assessment(assessment, self.plan.groups)
        self.detail.clear()
        self.detail.setVisible(False)
        self._describe(assessment)
        if result is not None:
            self.sig_assessed.emit(result)

    def _describe(self, assessment) -> None:
        if assessment is None:
            if self.project is not None:
                self.status_label.setText(self.tr("选择考核时点后点击“计算”"))
            return
        rows = assessment.rows
        city = rows[rows["level"] == "city"] if "level" in rows else rows.iloc[0:0]
        progress = city.loc[city["kind"] == "cumulative", "time_progress"].dropna()
        text = self.tr("{at}：三年序时进度 {tp}").format(
            at=month_label(assessment.at), tp=percent(progress.iloc[0]) if len(progress) else "—")
        if assessment.previous is not None:
            text += self.tr("；升降与 {at} 比较").format(at=month_label(assessment.previous.at))
        blocked = len(assessment.blocked) if assessment.blocked is not None else 0
        if blocked:
            text += self.tr("；{n} 格因审核错误待审核").format(n=blocked)
        self.status_label.setText(text)

    def set_filters(self, group: str | None = None, lead: str | None = None, text: str = "") -> None:
        """Choose the matrix filters as the user does (group code, department, search text)."""
        self.overview.set_filters(group, lead, text)

    # ------------------------------------------------------------ cells, pages
    def show_cell(self, indicator: str, region: str) -> bool:
        """Show the detail of ``indicator`` in ``region``; False when the assessment has no such cell."""
        result = self.run_result
        if result is None:
            return False
        rows = result.assessment.rows
        match = rows[(rows["indicator_code"].astype(str) == indicator) & (rows["region_code"].astype(str) == region)]
        if not len(match):
            return False
        previous = None
        if result.assessment.previous is not None:
            before = result.assessment.previous.rows
            found = before[(before["indicator_code"] == indicator) & (before["region_code"] == region)]
            previous = found.iloc[0].to_dict() if len(found) else None
        history = result.history
        if history is not None and len(history):
            history = history[(history["indicator_code"] == indicator) & (history["region_code"] == region)]
        before_at = result.assessment.previous.at if result.assessment.previous is not None else ""
        self.detail.show_cell(match.iloc[0].to_dict(), history, previous, month_label(result.assessment.at),
                              month_label(before_at).split("（")[0] if before_at else "")
        if not self.detail.isVisible():
            self.detail.setVisible(True)
            total = sum(self.body.sizes())
            self.body.setSizes([int(total * 0.52), total - int(total * 0.52)])
        return True

    def select_cell(self, indicator: str, region: str) -> bool:
        """Select a cell of the matrix, as a click does (its detail opens)."""
        self.tabs.setCurrentIndex(TAB_MATRIX)
        return self.overview.select_cell(indicator, region) and self.detail.record is not None

    def show_county(self, region: str) -> None:
        """Open the page of one unit (all its indicators)."""
        if self.county_page.select(str(region)):
            self.tabs.setCurrentIndex(TAB_COUNTY)

    def show_indicator(self, indicator: str) -> None:
        """Open the page of one indicator (all units, with the bar chart)."""
        if self.indicator_page.select(str(indicator)):
            self.tabs.setCurrentIndex(TAB_INDICATOR)

    def _on_tab_changed(self, index: int) -> None:
        if index == TAB_TARGETS:
            self.detail.setVisible(False)
        elif self.auto_run:
            QTimer.singleShot(0, self._run_if_stale)  # targets may have been edited meanwhile

    # ------------------------------------------------------------ scheme
    def open_scheme_dialog(self) -> SchemeDialog | None:
        """Show 评分方案 (non-blocking); 保存 stores the scheme in the project and calculates again."""
        if self.project is None:
            return None
        default = None
        try:
            default = load_scheme(default_scheme_path(self.plan.id))
        except WorkbenchError as exc:
            log.warning("%s", exc)
        try:
            scheme = project_scheme(self.project, self.plan)
        except WorkbenchError as exc:  # a stored scheme a later release no longer accepts
            log.warning("项目保存的评分方案无法使用，按默认方案打开：%s", exc)
            scheme = default
        if scheme is None:
            return None
        dialog = SchemeDialog(scheme, self.plan, default, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_scheme(dialog.result_text))
        self.scheme_dialog = dialog
        dialog.open()
        return dialog

    def apply_scheme(self, text: str | None) -> None:
        """Store a scheme's TOML text in the project (undoable) and calculate again."""
        if self.project is None or text is None or text == self.project.get_setting(SCHEME_KEY):
            return
        self.undo_stack.push(SetSchemeCommand(self.project, text, on_change=self.run))


def main(argv: list[str] | None = None) -> int:
    """Open the view on the demo project at 2019-09 (``--cell`` opens a cell's detail)."""
    import argparse
    import sys

    from workbench import locations
    from workbench.models.demo_project import ensure_demo_project
    from workbench.models.store import Project
    from workbench.views.preview import run_preview

    parser = argparse.ArgumentParser(description="单独打开“目标与考核”视图（示例项目）")
    parser.add_argument("--screenshot", metavar="PNG", help="计算完成后截图保存到此文件并退出")
    parser.add_argument("--period", default=DEFAULT_PERIOD, help="考核时点，如 2019-09")
    parser.add_argument("--cell", metavar="INDICATOR:REGION", help="打开这一格的详情，如 new_sme:330402")
    parser.add_argument("--tab", choices=("matrix", "county", "indicator", "targets"), default="matrix")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    def make() -> AssessmentView:
        project = Project.open(ensure_demo_project(locations.data_dir() / "demo"))
        view = AssessmentView()
        view.destroyed.connect(lambda *_: project.close())
        view.set_project(project)
        view.set_period(args.period)

        def assessed(_result) -> None:
            view.tabs.setCurrentIndex(("matrix", "county", "indicator", "targets").index(args.tab))
            if args.cell:
                view.select_cell(*args.cell.split(":", 1))

        view.sig_assessed.connect(assessed)
        return view

    preview_args = ["--screenshot", args.screenshot] if args.screenshot else []
    return run_preview(make, "目标与考核", preview_args, ready=lambda view: view.sig_assessed if args.screenshot else None,
                       size=(1280, 800))


if __name__ == "__main__":
    raise SystemExit(main())
