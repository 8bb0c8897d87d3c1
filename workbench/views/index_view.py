"""成长指数: the plan's growth index per county, its dimensions, its series and how robust its ranks are.

Choose the period (a year, or 1-3月 / 1-6月 / 1-9月 of a year) and 计算 runs
:func:`~workbench.models.index.project_index.project_index` in a
:class:`~workbench.views.worker.Worker` (:mod:`workbench.views.index_jobs`). The page shows
the ranking table (the index, the dimension indices, the rank, the change on the same period
a year earlier, the values that had to be estimated) beside four charts
(:mod:`workbench.views.index_charts_widget`). 稳健性分析 resamples the method's choices N
times (N from the spin box) off the GUI thread, with a progress bar and 取消; the ranking
chart then shows each county's 5 %-95 % rank band. The period, N and the chart shown are
remembered in :mod:`workbench.settings`.

Run alone with ``python -m workbench.views.index_view`` (the demo project).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QSizePolicy, QSpinBox,
    QVBoxLayout, QWidget,
)

from workbench import settings
from workbench.models.index.framework import load_framework
from workbench.models.index.index_report import DEFAULT_SAMPLES, robustness
from workbench.models.plan import DEFAULT_PLAN_ID, PlanError, load_plan
from workbench.models.regions import load_regions
from workbench.views.assessment_jobs import project_state
from workbench.views.index_charts_widget import IndexChartsWidget
from workbench.views.index_ranking_panel import IndexRankingPanel
from workbench.views.index_jobs import compute_index_job, index_periods, latest_period
from workbench.views.style import PAGE_MARGINS
from workbench.views.worker import Worker

log = logging.getLogger(__name__)

MIN_SAMPLES, MAX_SAMPLES = 100, 100_000


class IndexView(QWidget):
    """The 成长指数 stage.

    Parameters
    ----------
    auto_run : bool
        Calculate when the page is shown and the project's figures changed since the last result.
    parent : QWidget, optional
    """

    sig_computed = Signal(object)
    """An index was shown; carries the :class:`ProjectIndex`."""
    sig_robustness_done = Signal(object)
    """A robustness run finished; carries the SensitivityResult."""
    sig_failed = Signal(str)

    def __init__(self, auto_run: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.auto_run = auto_run
        self.project = None
        self.plan = load_plan()
        self.regions = load_regions()
        self.base_year = 2018
        self.index = None
        self.robustness_result = None
        self._worker: Worker | None = None
        self._robust_worker: Worker | None = None
        self._detached: list[Worker] = []
        self._state = None
        self._build()
        self.set_project(None)

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        title = QLabel(self.tr("成长指数"))
        title.setObjectName("pageTitle")
        self.period_combo = QComboBox()
        self.period_combo.setMinimumContentsLength(10)
        self.period_combo.setToolTip(self.tr("年度指数与基期全年比较；年内各期与基期同期比较"))
        self.period_combo.activated.connect(self._on_period_chosen)
        self.run_button = QPushButton(self.tr("计算"))
        self.run_button.setShortcut("Ctrl+R")
        self.run_button.setToolTip(self.tr("按所选期别计算各县（市、区）的成长指数（Ctrl+R）"))
        self.run_button.clicked.connect(self.run)
        self.samples_spin = QSpinBox()
        self.samples_spin.setRange(MIN_SAMPLES, MAX_SAMPLES)
        self.samples_spin.setSingleStep(500)
        self.samples_spin.setGroupSeparatorShown(True)
        self.samples_spin.setSuffix(self.tr(" 次"))
        self.samples_spin.setToolTip(self.tr("稳健性分析的抽样次数：每次随机改变权重、标准化、加总和缺失值处理方法"))
        self.samples_spin.setValue(self._stored_samples())
        self.samples_spin.valueChanged.connect(lambda n: settings.write("index/samples", int(n)))
        self.robust_button = QPushButton(self.tr("稳健性分析"))
        self.robust_button.setToolTip(self.tr("看各县的排名在多大程度上取决于方法选择"))
        self.robust_button.clicked.connect(self.run_robustness)
        self.progress_bar = QProgressBar()
        self.progress_bar.setFixedWidth(140)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        self.status_label = QLabel()
        self.status_label.setObjectName("hint")
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        toolbar.addWidget(title)
        toolbar.addSpacing(8)
        toolbar.addWidget(QLabel(self.tr("期别：")))
        toolbar.addWidget(self.period_combo)
        toolbar.addWidget(self.run_button)
        toolbar.addSpacing(12)
        toolbar.addWidget(QLabel(self.tr("抽样：")))
        for widget in (self.samples_spin, self.robust_button, self.progress_bar, self.cancel_button):
            toolbar.addWidget(widget)
        toolbar.addWidget(self.status_label, 1)

        self.ranking = IndexRankingPanel()
        self.charts = IndexChartsWidget()
        self.charts.set_current_chart(settings.read("index/chart"))
        self.charts.currentChanged.connect(lambda _i: settings.write("index/chart", self.charts.current_chart()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(8)
        layout.addLayout(toolbar)
        layout.addWidget(self.ranking, 0)  # as tall as the table: every county in view
        layout.addWidget(self.charts, 1)

    @staticmethod
    def _stored_samples() -> int:
        value = settings.read("index/samples")
        return min(max(int(value or DEFAULT_SAMPLES), MIN_SAMPLES), MAX_SAMPLES)

    # ------------------------------------------------------------ project and period
    def set_project(self, project) -> None:
        """Show the growth index of ``project`` (None: nothing); computed once the page is shown."""
        self._detach_workers()
        self.project = project
        self._state = None
        self.plan = load_plan()
        if project is not None:
            try:
                self.plan = load_plan(project.plan_id or DEFAULT_PLAN_ID)
            except PlanError as exc:
                log.warning("%s", exc)
        try:
            self.base_year = load_framework(plan=self.plan).base_year
        except Exception as exc:  # noqa: BLE001 - a plan without a framework still shows the page
            log.info("该计划没有可用的成长指数框架：%s", exc)
        self._fill_periods(project)
        self.show_index(None)
        self._set_busy(False)
        if project is None:
            self.status_label.setText(self.tr("未打开项目"))
        elif self.auto_run and self.isVisible():
            QTimer.singleShot(0, self._run_if_stale)

    def _fill_periods(self, project) -> None:
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for period in index_periods(self.plan, self.base_year):
            self.period_combo.addItem(period.label, period.key)
        self.period_combo.blockSignals(False)
        stored = settings.read("index/period")
        latest = latest_period(project, self.plan, self.base_year) if project is not None else None
        if not (stored and self.set_period(stored)):
            self.set_period(latest or str(self.base_year + 1))

    def set_period(self, key: str) -> bool:
        """Choose the period (``2019`` or ``2019-09``); False when the picker does not offer it."""
        index = self.period_combo.findData(str(key))
        if index < 0:
            return False
        self.period_combo.setCurrentIndex(index)
        return True

    def period(self) -> str | None:
        """The key of the period chosen."""
        return self.period_combo.currentData()

    def _on_period_chosen(self, _index: int) -> None:
        settings.write("index/period", self.period() or "")
        self.run()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.auto_run:
            QTimer.singleShot(0, self._run_if_stale)

    def _run_if_stale(self) -> None:
        if self.project is None or self.busy or not self.isVisible():
            return
        if latest_period(self.project, self.plan, self.base_year) is None:  # no error box on an empty project
            self.status_label.setText(self.tr("项目中还没有{year}年以来的数据，导入后即可计算成长指数").format(
                year=self.base_year))
            return
        if self.index is None or project_state(self.project) != self._state:
            self.run()

    # ------------------------------------------------------------ running
    @property
    def busy(self) -> bool:
        """An index or a robustness analysis is being computed."""
        return self._worker is not None or self._robust_worker is not None

    def run(self) -> bool:
        """Compute the index for the chosen period in the background (False when it cannot start)."""
        if self.project is None or self.busy or self.period() is None:
            return False
        self._state = project_state(self.project)
        worker = Worker(compute_index_job, str(self.project.path), self.plan, self.regions, self.period())
        worker.sig_progress.connect(self._on_progress)
        worker.sig_finished.connect(self._on_computed)
        worker.sig_failed.connect(self._on_failed)
        worker.sig_cancelled.connect(self._on_cancelled)
        self._worker = worker
        self.progress_bar.setRange(0, 0)
        self.status_label.setText(self.tr("正在计算 {label} 的成长指数…").format(label=self.period_combo.currentText()))
        self._set_busy(True)
        worker.start()
        return True

    def run_robustness(self) -> bool:
        """Resample the method's choices N times for the index shown (False when there is none or busy)."""
        if self.index is None or self.busy:
            return False
        worker = Worker(robustness, self.index, samples=int(self.samples_spin.value()))
        worker.sig_progress.connect(self._on_progress)
        worker.sig_finished.connect(self._on_robustness)
        worker.sig_failed.connect(self._on_failed)
        worker.sig_cancelled.connect(self._on_cancelled)
        self._robust_worker = worker
        self.progress_bar.setRange(0, 0)
        self.status_label.setText(self.tr("正在做稳健性分析（{n} 次抽样）…").format(n=f"{self.samples_spin.value():,}"))
        self._set_busy(True)
        worker.start()
        return True

    def cancel(self) -> None:
        """Ask the running computation to stop."""
        for worker in (self._worker, self._robust_worker):
            if worker is not None:
                worker.cancel()

    def _detach_workers(self) -> None:
        """Stop listening to runs for a project no longer shown (they stop at their next step)."""
        for worker in (self._worker, self._robust_worker):
            if worker is None:
                continue
            for signal in (worker.sig_progress, worker.sig_finished, worker.sig_failed, worker.sig_cancelled):
                signal.disconnect()
            worker.cancel()
            self._detached = [w for w in self._detached if w.running] + [worker]
        self._worker = self._robust_worker = None

    def shutdown(self) -> None:
        """Wait for the runs to end (the window is closing)."""
        workers = [*self._detached, *(w for w in (self._worker, self._robust_worker) if w is not None)]
        for worker in workers:
            worker.cancel()
            worker.wait(10)
        self._detached = []

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.status_label.setText(message)

    def _finished(self) -> None:
        self._worker = self._robust_worker = None
        self._set_busy(False)

    def _on_computed(self, result) -> None:
        self._finished()
        if result is not None and self.project is not None:
            self.show_index(result)

    def _on_robustness(self, result) -> None:
        self._finished()
        if result is None or self.index is None:
            return
        self.robustness_result = result
        self.charts.show_index(self.index, result)
        self.charts.set_current_chart("ranking")
        widest = result.summary.sort_values("band", ascending=False).iloc[0]
        self.status_label.setText(self.tr("稳健性分析完成（{n} 次抽样）：排名区间最宽的是{name}（第 {low:.0f}–{high:.0f} 名）").format(
            n=f"{len(result.samples):,}", name=widest["uName"], low=widest["p05"], high=widest["p95"]))
        self.sig_robustness_done.emit(result)

    def _on_failed(self, message: str) -> None:
        self._finished()
        self.status_label.setText(message)
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("成长指数未能计算"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.sig_failed.emit(message)

    def _on_cancelled(self) -> None:
        self._finished()
        self.status_label.setText(self.tr("已取消"))

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.run_button.setEnabled(self.project is not None and not busy)
        self.period_combo.setEnabled(not busy)
        self.robust_button.setEnabled(self.index is not None and not busy)

    # ------------------------------------------------------------ showing
    def show_index(self, index) -> None:
        """Show a :class:`ProjectIndex` (None clears the page)."""
        self.index, self.robustness_result = index, None
        self.charts.show_index(index)
        self.robust_button.setEnabled(index is not None and not self.busy)
        self.ranking.show_index(index)
        if index is None:
            if self.project is not None:
                self.status_label.setText(self.tr("选择期别后点击“计算”"))
            return
        self.status_label.setText(self.tr("{label}：基期 {base} = 100，{n} 个县（市、区）").format(
            label=index.period.label, base=index.base_period.label, n=len(index.table)))
        self.sig_computed.emit(index)

    @property
    def table_model(self):
        """The ranking table's model (what the table shows)."""
        return self.ranking.model


def main(argv: list[str] | None = None) -> int:
    """Open the view on the demo project (``--robustness`` runs the analysis before a screenshot)."""
    import argparse
    import sys

    from workbench import locations
    from workbench.models.demo_project import ensure_demo_project
    from workbench.models.store import Project
    from workbench.views.preview import run_preview

    parser = argparse.ArgumentParser(description="单独打开“成长指数”视图（示例项目）")
    parser.add_argument("--screenshot", metavar="PNG", help="计算完成后截图保存到此文件并退出")
    parser.add_argument("--period", default="2019", help="期别，如 2019 或 2019-09")
    parser.add_argument("--robustness", action="store_true", help="计算后再做稳健性分析（截图在其完成后）")
    parser.add_argument("--chart", choices=("ranking", "dimensions", "series", "sensitivity"), default=None)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    def make() -> IndexView:
        project = Project.open(ensure_demo_project(locations.data_dir() / "demo"))
        view = IndexView(auto_run=False)
        view.destroyed.connect(lambda *_: project.close())
        view.set_project(project)
        view.set_period(args.period)
        if args.chart:
            view.charts.set_current_chart(args.chart)

        def computed(_index) -> None:
            if args.robustness:
                view.run_robustness()

        view.sig_computed.connect(computed)
        QTimer.singleShot(0, view.run)
        return view

    def ready(view):
        if not args.screenshot:
            return None
        return view.sig_robustness_done if args.robustness else view.sig_computed

    preview_args = ["--screenshot", args.screenshot] if args.screenshot else []
    return run_preview(make, "成长指数", preview_args, ready=ready, size=(1280, 800))


if __name__ == "__main__":
    raise SystemExit(main())
