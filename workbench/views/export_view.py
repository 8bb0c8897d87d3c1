"""导出: choose what goes into the quarter's package, preview it, and write it in one click.

Left, the choices (:mod:`workbench.views.export_options_widget`): 考核时点, counties,
indicators, the outputs and chart formats, the output folder and the notification's
发文机关 and 发文字号. Right, the preview: the report's charts
(:mod:`workbench.views.chart_preview_widget`) over the ranking and one indicator's table
(:mod:`workbench.views.export_tables_widget`), each copyable for WPS and Word.

Whenever the date, counties or indicators change (after a short pause) the page builds a
new :class:`~workbench.models.exports.context.ReportContext` in a
:class:`~workbench.views.worker.Worker` (:func:`~workbench.views.export_jobs.build_context`),
and the preview follows when it arrives. 「生成材料」 (Ctrl+Return) writes the package with
:func:`~workbench.models.exports.package.write_package` into a new folder named by the
period, also in a worker, with a progress bar and Cancel; a Cancel leaves nothing behind.

Run alone with ``python -m workbench.views.export_view`` (the demo project).
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QSizePolicy, QSplitter, QVBoxLayout,
    QWidget,
)

from workbench.models.assessment.engine import assessed_units
from workbench.models.charts.report_charts import report_charts
from workbench.models.errors import WorkbenchError
from workbench.models.exports.context import ReportOptions
from workbench.models.exports.package import PackageResult
from workbench.models.plan import DEFAULT_PLAN_ID, PlanError, load_plan
from workbench.models.regions import load_regions
from workbench.views.assessment_jobs import latest_data_quarter, month_label, project_state, quarter_ends
from workbench.views.chart_preview_widget import ChartPreviewWidget
from workbench.views.export_jobs import build_context, write_report_package
from workbench.views.export_messages import open_message, package_message
from workbench.views.export_options_widget import ExportOptionsWidget
from workbench.views.export_runner import ExportRunner
from workbench.views.export_tables_widget import ExportTablesWidget
from workbench.views.style import PAGE_MARGINS

log = logging.getLogger(__name__)

REBUILD_DELAY_MS = 350
"""Pause after the last change of the selection before the context is built again."""
OPTIONS_WIDTH = 300


class ExportView(QWidget):
    """The 导出 stage.

    Parameters
    ----------
    parent : QWidget, optional
    auto_build : bool
        Build the report context when the page is shown and it is out of date.
    """

    sig_context_ready = Signal(object)
    """A report context is shown (charts and tables); carries the ReportContext."""
    sig_package_written = Signal(object)
    """A package was written; carries the :class:`~workbench.models.exports.package.PackageResult`."""
    sig_failed = Signal(str)
    sig_cancelled = Signal()

    def __init__(self, parent: QWidget | None = None, *, auto_build: bool = True):
        super().__init__(parent)
        self.auto_build = auto_build
        self._project = None
        self.plan = load_plan()
        self.regions = load_regions()
        self.context = None
        self.result: PackageResult | None = None
        self.message_box: QMessageBox | None = None
        self.open_url = QDesktopServices.openUrl
        """Opens the package folder; tests replace it so nothing is opened."""
        self._context_key: tuple | None = None
        self._running_key: tuple | None = None
        self.runner = ExportRunner(self)
        self.runner.sig_progress.connect(self._on_progress)
        self.runner.sig_finished.connect(self._on_finished)
        self.runner.sig_failed.connect(self._on_failed)
        self.runner.sig_cancelled.connect(self._on_cancelled)
        self._again = False
        self._generate_after = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_DELAY_MS)
        self._timer.timeout.connect(self.build_context)
        self._build()
        self.set_project(None)

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        title = QLabel(self.tr("导出"))
        title.setObjectName("pageTitle")
        self.status_label = QLabel()
        self.status_label.setObjectName("hint")
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress_bar = QProgressBar()
        self.progress_bar.setFixedWidth(160)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        toolbar.addWidget(title)
        toolbar.addSpacing(8)
        toolbar.addWidget(self.status_label, 1)
        toolbar.addWidget(self.progress_bar)
        toolbar.addWidget(self.cancel_button)

        self.options = ExportOptionsWidget()
        self.options.sig_selection_changed.connect(self._selection_changed)
        self.options.sig_generate_requested.connect(self.generate)
        self.options.setMinimumWidth(OPTIONS_WIDTH)
        self.options.setMaximumWidth(OPTIONS_WIDTH + 80)

        self.preview = ChartPreviewWidget()
        self.addAction(self.preview.copy_action)  # Ctrl+Shift+C wherever the focus is on the page
        self.preview.sig_failed.connect(self._show_status)
        self.preview.sig_copied.connect(lambda t: self._show_status(self.tr("已复制图表“{t}”").format(t=t)))
        self.tables = ExportTablesWidget()
        self.tables.sig_copied.connect(lambda t: self._show_status(self.tr("已复制表格“{t}”").format(t=t)))
        self.options.indicator_tree.currentItemChanged.connect(self._on_indicator_clicked)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.preview)
        right.addWidget(self.tables)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setChildrenCollapsible(False)

        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.options)
        body.addWidget(right)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setChildrenCollapsible(False)
        self.body = body

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(8)
        layout.addLayout(toolbar)
        layout.addWidget(body, 1)

    # ------------------------------------------------------------ project
    @property
    def project(self):
        """The open project, or None."""
        return self._project

    def set_project(self, project) -> None:
        """Offer the choices of ``project`` (None: nothing); its preview is built once the page is shown."""
        self.runner.detach()
        self._again = False
        self._timer.stop()
        self._project = project
        self._context_key = None
        self._generate_after = False
        self.plan = load_plan()
        latest = None
        if project is not None:
            try:
                self.plan = load_plan(project.plan_id or DEFAULT_PLAN_ID)
            except PlanError as exc:
                log.warning("%s", exc)
            latest = latest_data_quarter(project, self.plan)
        periods = quarter_ends(self.plan)
        if latest is not None:
            periods = [m for m in periods if m <= latest]
        units = [(code, name) for code, name, level in assessed_units(self.plan, self.regions) if level != "city"]
        default_folder = str(project.path.parent) if project is not None else ""
        self.options.set_choices(self.plan if project is not None else None, units if project is not None else [],
                                 periods if project is not None else [], latest, default_folder)
        self.show_context(None)
        self._set_busy(False)
        if project is None:
            self.status_label.setText(self.tr("未打开项目"))
        elif self.auto_build and self.isVisible():
            QTimer.singleShot(0, self._build_if_stale)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.auto_build:
            QTimer.singleShot(0, self._build_if_stale)

    def _wanted_key(self) -> tuple | None:
        if self._project is None:
            return None
        return (project_state(self._project), self.options.period(), tuple(self.options.counties()),
                tuple(self.options.indicators()))

    def _build_if_stale(self) -> None:
        if self._project is None or not self.isVisible() or self.busy:
            return
        if self.context is None or self._wanted_key() != self._context_key:
            self.build_context()

    def _selection_changed(self) -> None:
        if self._project is not None:
            self._timer.start()

    def _on_indicator_clicked(self, item, _previous) -> None:
        code = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if code is not None:
            self.tables.select_indicator(code)

    # ------------------------------------------------------------ the context
    @property
    def busy(self) -> bool:
        return self.runner.busy

    def _options(self) -> ReportOptions:
        """What is chosen now; the outputs left at their defaults (they do not change the content)."""
        counties, indicators = self.options.counties(), self.options.indicators()
        every_county = set(counties) == set(self.options.all_counties())
        every_indicator = set(indicators) == set(self.options.all_indicators())
        return ReportOptions(self.options.period(), counties=None if every_county else tuple(counties),
                             indicators=None if every_indicator else tuple(indicators))

    def build_context(self) -> bool:
        """Build the report context of the current choices in the background (again, once the running job ends)."""
        self._timer.stop()
        if self._project is None:
            return False
        problem = self._selection_problem()
        if problem:
            self.status_label.setText(problem)
            return False
        key = self._wanted_key()
        if self.busy:
            if self.runner.job != "context" or key != self._running_key:
                self._again = True  # built once the running job has ended
                if self.runner.job == "context":
                    self.runner.cancel()
            return True
        try:
            options = self._options()
        except WorkbenchError as exc:
            self._fail(str(exc))
            return False
        self._running_key = key
        self._start("context", build_context, str(self._project.path), self.plan, self.regions, options)
        self.status_label.setText(self.tr("正在准备 {at} 的材料预览…").format(at=month_label(options.at)))
        return True

    def _selection_problem(self) -> str | None:
        if self.options.period() is None:
            return self.tr("项目中还没有可用于考核的数据")
        if not self.options.counties():
            return self.tr("请至少勾选一个县（市、区）")
        if not self.options.indicators():
            return self.tr("请至少勾选一个指标")
        return None

    def _on_context(self, context) -> None:
        if context is None or self._project is None:
            return
        self._context_key = self._running_key
        self.show_context(context)
        if self._generate_after:
            self._generate_after = False
            self.generate()

    def show_context(self, context) -> None:
        """Show a report context's charts and tables (None clears the preview)."""
        self.context = context
        charts = []
        if context is not None:
            try:
                charts = report_charts(context)
            except Exception as exc:  # a chart's bug: the tables are still worth showing
                log.exception("图表列表无法生成")
                self._show_status(self.tr("图表无法生成：{error}").format(error=exc))
        self.preview.set_charts(charts)
        self.tables.set_context(context)
        if context is None:
            return
        self.options.mark_key_indicators(context.key_indicator_codes)
        self.status_label.setText(self.tr("{at}：{n} 个县（市、区）、{m} 项指标、{c} 张图表").format(
            at=month_label(context.at), n=len(context.county_codes), m=len(context.indicator_codes), c=len(charts)))
        self.sig_context_ready.emit(context)

    # ------------------------------------------------------------ the package
    def generate(self) -> bool:
        """Write the package of the current choices into the output folder (building the context first if needed)."""
        if self._project is None:
            return False
        problem = self.options.problem()
        if problem:
            self._message(QMessageBox.Icon.Warning, self.tr("无法生成材料"), problem)
            return False
        if self.runner.job == "package":
            return False
        if self.context is None or self._wanted_key() != self._context_key:
            self._generate_after = True  # written as soon as the context of these choices arrives
            return self.build_context()
        try:
            options = dataclasses.replace(
                self.context.options, outputs=self.options.outputs(), chart_formats=self.options.chart_formats()
                or ("png",), issuer=self.options.issuer(), doc_number=self.options.doc_number())
        except WorkbenchError as exc:
            self._fail(str(exc))
            return False
        context = dataclasses.replace(self.context, options=options)
        self._start("package", write_report_package, context, self.options.folder())
        self.status_label.setText(self.tr("正在生成材料…"))
        return True

    def _on_written(self, result: PackageResult | None) -> None:
        if result is None:
            return
        self.result = result
        self.status_label.setText(self.tr("已生成：{folder}").format(folder=str(result.folder)))
        self._remember(package_message(self, result, self.open_folder))
        self.sig_package_written.emit(result)

    def open_folder(self, folder) -> bool:
        """Show ``folder`` in the file manager."""
        return bool(self.open_url(QUrl.fromLocalFile(str(folder))))

    # ------------------------------------------------------------ workers
    def _start(self, job: str, function, *args) -> None:
        self.runner.start(job, function, *args)
        self.progress_bar.setRange(0, 0)
        self._set_busy(True)

    def _ended(self, job: str) -> bool:
        """After any job: True when a new context was asked for meanwhile (and is now started)."""
        self._set_busy(False)
        if self._again:
            self._again = False
            self.build_context()
            return True
        return False

    def _on_finished(self, job: str, result) -> None:
        again = self._ended(job)
        if job == "package":
            self._on_written(result)
        elif not again:  # else the choices changed meanwhile: this context is already out of date
            self._on_context(result)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.status_label.setText(message)

    def _on_failed(self, job: str, message: str) -> None:
        self._generate_after = False
        if self._ended(job) and job == "context":
            return  # the choices changed meanwhile; the new context may well be fine
        self._fail(message)

    def _fail(self, message: str) -> None:
        self.status_label.setText(message)
        self._message(QMessageBox.Icon.Critical, self.tr("导出未能完成"), message)
        self.sig_failed.emit(message)

    def _on_cancelled(self, job: str) -> None:
        if not self._ended(job):
            self.status_label.setText(self.tr("已取消，没有写出任何文件") if job == "package" else self.tr("已取消"))
            self.sig_cancelled.emit()

    def cancel(self) -> None:
        """Stop the running job (a package being written leaves nothing behind)."""
        self._again = False
        self._generate_after = False
        self.runner.cancel()

    def shutdown(self) -> None:
        """Stop and wait for a running job (the window is closing)."""
        self._timer.stop()
        self._again = False
        self._generate_after = False
        self.runner.shutdown()

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.options.generate_button.setEnabled(self._project is not None and self.runner.job != "package")

    # ------------------------------------------------------------ messages
    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _message(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        return self._remember(open_message(self, icon, title, text))

    def _remember(self, box: QMessageBox) -> QMessageBox:
        """Keep the box shown last in :attr:`message_box` (None once it is closed)."""
        self.message_box = box
        box.destroyed.connect(lambda *_: setattr(self, "message_box", None) if self.message_box is box else None)
        return box


def main(argv: list[str] | None = None) -> int:
    """Open the view on the demo project (``--chart`` chooses the chart shown)."""
    import argparse
    import sys

    from workbench import locations
    from workbench.models.demo_project import ensure_demo_project
    from workbench.models.store import Project
    from workbench.views.preview import run_preview

    parser = argparse.ArgumentParser(description="单独打开“导出”视图（示例项目）")
    parser.add_argument("--screenshot", metavar="PNG", help="预览画好后截图保存到此文件并退出")
    parser.add_argument("--period", help="考核时点，如 2019-09（默认最新一季）")
    parser.add_argument("--chart", metavar="NAME", help="显示哪张图表（文件名，如 01-scorecard）")
    parser.add_argument("--indicator", metavar="CODE", help="表格显示哪个指标，如 new_sme")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    def make() -> ExportView:
        project = Project.open(ensure_demo_project(locations.data_dir() / "demo"))
        view = ExportView()
        view.destroyed.connect(lambda *_: project.close())
        view.set_project(project)
        if args.period:
            view.options.set_period(args.period)

        def ready(_context) -> None:
            if args.chart:
                view.preview.select(args.chart)
            if args.indicator:
                view.tables.select_indicator(args.indicator)

        view.sig_context_ready.connect(ready)
        return view

    preview_args = ["--screenshot", args.screenshot] if args.screenshot else []
    return run_preview(make, "导出", preview_args,
                       ready=lambda view: view.sig_context_ready if args.screenshot else None, size=(1280, 820))


if __name__ == "__main__":
    raise SystemExit(main())
