"""The growth index page's four charts, one tab each, drawn on canvases that stay put.

Each tab holds one :class:`matplotlib.figure.Figure` on a ``FigureCanvasQTAgg``; the chart
functions of :mod:`workbench.models.charts.index_charts` redraw into it, so a new result
costs no new widget. The same functions make the report package's images.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtWidgets import QTabWidget, QWidget

from workbench.models.charts.canvas import new_figure
from workbench.models.charts.index_charts import dimension_figure, ranking_figure, sensitivity_figure, series_figure
from workbench.models.index.framework import INDEX_CODE
from workbench.models.index.index_report import importance_series, ranking_frame
from workbench.models.index.project_index import MEAN_NAME

CHARTS = ("ranking", "dimensions", "series", "sensitivity")
"""The tabs, in order (the names the settings remember)."""


class IndexChartsWidget(QTabWidget):
    """排名与不确定性 · 分维度指数 · 指数走势 · 稳健性分析, for one :class:`ProjectIndex`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDocumentMode(True)
        self.figures = {}
        self.canvases = {}
        titles = (self.tr("排名与不确定性"), self.tr("分维度指数"), self.tr("指数走势"), self.tr("稳健性分析"))
        for name, title in zip(CHARTS, titles):
            figure = new_figure((6.4, 3.6))
            canvas = FigureCanvasQTAgg(figure)
            canvas.setMinimumSize(360, 240)
            self.figures[name], self.canvases[name] = figure, canvas
            self.addTab(canvas, title)
        self.index = None
        self.robustness = None
        self.show_index(None)

    def current_chart(self) -> str:
        return CHARTS[max(self.currentIndex(), 0)]

    def set_current_chart(self, name: str) -> None:
        if name in CHARTS:
            self.setCurrentIndex(CHARTS.index(name))

    def show_index(self, index, robustness=None) -> None:
        """Draw the four charts of ``index`` (None: empty), with the robustness run if given."""
        self.index, self.robustness = index, robustness
        f = self.figures
        if index is None:
            ranking_figure(pd.DataFrame(), figure=f["ranking"])
            dimension_figure(pd.DataFrame(), [], figure=f["dimensions"])
            series_figure(pd.DataFrame(), figure=f["series"])
            sensitivity_figure(None, figure=f["sensitivity"])
        else:
            fw, label = index.framework, index.period.label
            ranking_figure(ranking_frame(index, robustness), title=self.tr("{name}排名（{label}）").format(
                name=fw.index_name, label=label), figure=f["ranking"])
            dimension_figure(index.table, [(d.code, d.name) for d in fw.dimensions], index_code=INDEX_CODE,
                             index_name=fw.index_name, title=self.tr("{name}与分维度指数（{label}，基期 = 100）").format(
                                 name=fw.index_name, label=label), figure=f["dimensions"])
            series_figure(index.series[index.series["code"] == INDEX_CODE], mean_label=MEAN_NAME,
                          title=self.tr("{name}走势（基期 {base} = 100）").format(name=fw.index_name,
                                                                            base=index.base_text),
                          figure=f["series"])
            sensitivity_figure(importance_series(robustness), title=self.tr("各项方法选择对排名的影响（{label}）").format(
                label=label), figure=f["sensitivity"])
        for canvas in self.canvases.values():
            canvas.draw_idle()
