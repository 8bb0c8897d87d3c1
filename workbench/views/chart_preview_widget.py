"""The report's charts, listed and drawn one at a time, each copyable as an image.

The list holds the :class:`~workbench.models.charts.report_charts.ReportChart` objects of
one report context; the canvas redraws the chosen one into its own figure
(``chart.make(figure=canvas.figure)``), the very drawing the package saves. The figure
keeps the chart's export size in inches and the canvas scales it to the space there is
(a lower dpi, not a narrower figure), so the preview is the exported chart in small, not
a squeezed variant of it. 「复制图表」 (also in the canvas's context menu, Ctrl+Shift+C)
draws it afresh at its export size and puts it on the clipboard at 200 dpi.
"""

from __future__ import annotations

import logging

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QSizePolicy, QSplitter, QVBoxLayout,
    QWidget,
)

from workbench.views.export_jobs import copy_figure

log = logging.getLogger(__name__)

MAX_SCREEN_DPI = 110
"""Pixels per inch the preview never exceeds, so a roomy window does not blow up the text."""
MIN_SCREEN_DPI = 80
"""Below this the text cannot be read; a wide chart (the scorecard) scrolls instead."""


class _FitArea(QScrollArea):
    """Holds the canvas centred (scrolling when it is larger), and calls back when resized."""

    def __init__(self, on_resize, parent: QWidget | None = None):
        super().__init__(parent)
        self._on_resize = on_resize
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def room(self) -> tuple[int, int]:
        """The space for the canvas without scroll bars (their coming and going must not refit)."""
        frame = 2 * self.frameWidth()
        return max(self.width() - frame - 4, 1), max(self.height() - frame - 4, 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._on_resize()


class ChartPreviewWidget(QWidget):
    """A list of report charts beside a canvas drawing the chosen one."""

    sig_drawn = Signal(str)
    """A chart was drawn on the canvas; carries its name."""
    sig_copied = Signal(str)
    """A chart was put on the clipboard; carries its title."""
    sig_failed = Signal(str)
    """A chart could not be drawn or copied; carries a Chinese message."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.charts: list = []
        self.figure = Figure(figsize=(6, 4), dpi=100)
        self.figure.set_facecolor("white")
        self._native: dict[str, tuple[float, float]] = {}
        self._size: tuple[float, float] = (6.0, 4.0)
        self.area = _FitArea(self._fit)
        self.area.setMinimumSize(320, 220)
        self.area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.area.setWidget(self.canvas)
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.chart_list = QListWidget()
        self.chart_list.setMinimumWidth(130)
        self.chart_list.setWordWrap(True)
        self.chart_list.currentRowChanged.connect(self._on_row_changed)
        self.chart_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.copy_action = QAction(self.tr("复制图表"), self)
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.setToolTip(self.tr("把图表作为图片复制到剪贴板，可粘贴到 WPS 或 Word（Ctrl+Shift+C）"))
        self.copy_action.triggered.connect(self.copy_chart)
        self.addAction(self.copy_action)
        self.canvas.addAction(self.copy_action)
        self.chart_list.addAction(self.copy_action)
        self.copy_button = QPushButton(self.tr("复制图表"))
        self.copy_button.setToolTip(self.copy_action.toolTip())
        self.copy_button.clicked.connect(self.copy_chart)
        self.title_label = QLabel()
        self.title_label.setObjectName("hint")
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.title_label, 1)
        bar.addWidget(self.copy_button)
        drawing = QWidget()
        drawing_layout = QVBoxLayout(drawing)
        drawing_layout.setContentsMargins(0, 0, 0, 0)
        drawing_layout.setSpacing(4)
        drawing_layout.addWidget(self.area, 1)
        drawing_layout.addLayout(bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.chart_list)
        self.splitter.addWidget(drawing)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([170, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._set_enabled()

    # ------------------------------------------------------------ charts in
    def set_charts(self, charts: list) -> None:
        """Show these charts (keeping the chosen one when a chart of that name is among them)."""
        current = self.current_chart()
        name = current.name if current is not None else None
        self.charts = list(charts)
        self._native = {}  # another context: the same names may have other sizes
        self.chart_list.blockSignals(True)
        self.chart_list.clear()
        for chart in self.charts:
            item = QListWidgetItem(chart.title)
            item.setToolTip(chart.title)
            self.chart_list.addItem(item)
        names = [c.name for c in self.charts]
        row = names.index(name) if name in names else (0 if names else -1)
        self.chart_list.setCurrentRow(row)
        self.chart_list.blockSignals(False)
        self._on_row_changed(row)  # drawn once, also when the same row stays chosen
        self._set_enabled()

    def current_chart(self):
        """The chosen :class:`ReportChart`, or None."""
        row = self.chart_list.currentRow()
        return self.charts[row] if 0 <= row < len(self.charts) else None

    def select(self, name: str) -> bool:
        """Choose the chart called ``name`` (its file stem); False when there is none."""
        names = [c.name for c in self.charts]
        if name not in names:
            return False
        self.chart_list.setCurrentRow(names.index(name))
        return True

    # ------------------------------------------------------------ drawing
    def _on_row_changed(self, _row: int) -> None:
        chart = self.current_chart()
        self.figure.clear()
        if chart is None:
            self.title_label.setText("")
            self.canvas.draw_idle()
            return
        self.title_label.setText(chart.title)
        try:
            self._size = self._native_size(chart)
            self._fit(draw=False)
            chart.make(figure=self.figure)
        except Exception as exc:  # a chart's bug must not take the page down
            log.exception("画图表 %s 时出错", chart.name)
            self.figure.clear()
            self.canvas.draw_idle()
            self.sig_failed.emit(self.tr("图表“{title}”无法绘制：{error}").format(title=chart.title, error=exc))
            return
        self.canvas.draw_idle()
        self.sig_drawn.emit(chart.name)

    def _native_size(self, chart) -> tuple[float, float]:
        """The chart's export size in inches (built once per chart and context, never rendered)."""
        if chart.name not in self._native:
            fresh = chart.make()
            self._native[chart.name] = tuple(float(x) for x in fresh.get_size_inches())
        return self._native[chart.name]

    def _fit(self, draw: bool = True) -> None:
        """Scale the canvas to the area: the figure keeps its inches, the dpi follows the space."""
        width, height = self._size
        room_w, room_h = self.area.room()
        scale = min(room_w / width, room_h / height, MAX_SCREEN_DPI)
        scale = max(scale, MIN_SCREEN_DPI)
        pixels_w, pixels_h = max(int(width * scale), 1), max(int(height * scale), 1)
        # The dpi first: the canvas's resize then turns its pixels back into the same inches.
        self.figure.set_dpi(scale * self.canvas.device_pixel_ratio)
        self.canvas.setFixedSize(pixels_w, pixels_h)
        self.figure.set_size_inches(width, height, forward=False)
        if draw:
            self.canvas.draw_idle()

    def copy_chart(self) -> QImage | None:
        """Put the chosen chart on the clipboard as an image (its export size, 200 dpi)."""
        chart = self.current_chart()
        if chart is None:
            return None
        try:
            image = copy_figure(chart.make())
        except Exception as exc:  # as above: a message, never a traceback
            log.exception("复制图表 %s 时出错", chart.name)
            self.sig_failed.emit(self.tr("图表“{title}”无法复制：{error}").format(title=chart.title, error=exc))
            return None
        self.sig_copied.emit(chart.title)
        return image

    def _set_enabled(self) -> None:
        has = bool(self.charts)
        self.copy_action.setEnabled(has)
        self.copy_button.setEnabled(has)
