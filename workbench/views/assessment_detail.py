"""One cell of the assessment in detail: its history, its numbers, the previous quarter, its sources.

:class:`CellDetail` shows, for one indicator in one unit, the history chart over the
quarters (:func:`workbench.models.charts.history.history_figure`), the actual figure, the
target and 力争 figure, completion, 序时进度, the gap, the status, the score, the previous
quarter's values beside the current ones, and the figures the actual was built from. A
source names its workbook, sheet and cell; it is looked up among the project's current
figures so the :class:`~workbench.views.provenance_panel.ProvenancePanel` can show where it
came from.
"""

from __future__ import annotations

import logging
import re

import pandas as pd
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.models.charts.history import history_figure
from workbench.models.charts.labels import MISSING, missing, percent, points, quantity
from workbench.views.assessment_tables import status_text
from workbench.views.provenance_panel import ProvenancePanel
from workbench.views.source_preview_widget import SourcePreviewWidget

log = logging.getLogger(__name__)

FACTS = (("actual", "实际"), ("target", "目标"), ("stretch", "力争目标"), ("completion", "完成率"),
         ("time_progress", "序时进度"), ("gap_pp", "差距"), ("status", "状态"), ("score", "得分"),
         ("previous", "上期"), ("basis_used", "口径"), ("target_source", "目标来源"), ("note", "说明"))
_SOURCE = re.compile(r"^(?P<label>[^=]+)=(?P<value>[^@]*)(?:@(?P<place>.*))?$")


def split_sources(sources: object) -> list[dict]:
    """The engine's ``sources`` text ("2019年1-9月=13296@file!sheet!C11；…") as parts.

    Each part is a dict with ``text`` and, when the text names them, ``label``, ``value``,
    ``file``, ``sheet``, ``cell``; a list of observation ids gives parts with ``id``.
    """
    if isinstance(sources, (list, tuple)):
        return [{"text": f"#{s}", "id": int(s)} for s in sources if str(s).isdigit()]
    if missing(sources):
        return []
    parts = []
    for text in (t.strip() for t in str(sources).split("；") if t.strip()):
        part = {"text": text}
        match = _SOURCE.match(text)
        if match:
            part.update(label=match["label"], value=match["value"])
            place = (match["place"] or "").split("!")
            if len(place) >= 3:
                part.update(file="!".join(place[:-2]), sheet=place[-2], cell=place[-1])
        parts.append(part)
    return parts


def find_observation(project, part: dict, indicator: str, region: str) -> int | None:
    """The id of the current figure a source part names (workbook, sheet, cell, region), or None."""
    if "id" in part:
        return part["id"]
    if project is None or not part.get("cell"):
        return None
    file = part["file"]
    where = "i.name = ?"
    params: list = [file]
    imported = re.fullmatch(r"导入#(\d+)", file)
    if imported:
        where, params = "i.id = ?", [int(imported[1])]
    row = project.db.execute(
        f"SELECT o.id FROM current_observations o JOIN imports i ON i.id = o.import_id WHERE {where} "
        "AND o.sheet = ? AND o.cell = ? ORDER BY (o.region = ?) DESC, (o.indicator = ?) DESC, o.id DESC LIMIT 1",
        [*params, part["sheet"], part["cell"], region, indicator]).fetchone()
    return int(row[0]) if row else None


def fact_texts(record: dict, previous: dict | None = None) -> dict[str, str]:
    """The values of the detail's form for one assessment row."""
    unit = record.get("unit")
    qualitative = str(record.get("kind")) == "qualitative"
    weight = record.get("weight")
    score = MISSING if missing(record.get("score")) else f"{float(record['score']):.2f}"
    texts = {
        "actual": ("已完成" if record.get("actual") == 1 else "未完成" if record.get("actual") == 0 else MISSING)
        if qualitative else quantity(record.get("actual"), unit),
        "target": MISSING if qualitative else quantity(record.get("target"), unit),
        "stretch": quantity(record.get("stretch"), unit),
        "completion": percent(record.get("completion")) if str(record.get("kind")) in ("cumulative", "stock")
        else MISSING,
        "time_progress": percent(record.get("time_progress")),
        "gap_pp": points(record.get("gap_pp")),
        "status": status_text(record.get("status")) or MISSING,
        "score": score if missing(weight) else f"{score}（权重 {float(weight):g}）",
        "previous": MISSING,
        "basis_used": str(record.get("basis_used") or MISSING),
        "target_source": str(record.get("target_source") or MISSING)
        + ("（估算）" if record.get("target_estimated") is True else ""),
        "note": str(record.get("note") or "") or MISSING,
    }
    if str(record.get("kind")) in ("annual_growth", "share") and not missing(record.get("gap_pp")):
        texts["gap_pp"] = f"{float(record['gap_pp']):+.1f}个百分点（与目标比）"
    if previous:
        figures = []
        if str(record.get("kind")) in ("cumulative", "stock") and not missing(previous.get("completion")):
            figures.append(f"完成率 {percent(previous['completion'])}")
        elif not qualitative and not missing(previous.get("actual")):
            figures.append(f"实际 {quantity(previous['actual'], unit)}")
        if not missing(previous.get("score")):
            figures.append(f"得分 {float(previous['score']):.2f}")
        texts["previous"] = (status_text(previous.get("status")) or MISSING) + (
            f"（{'，'.join(figures)}）" if figures else "")
        if str(record.get("kind")) in ("cumulative", "stock") and not (
                missing(record.get("completion")) or missing(previous.get("completion"))):
            texts["previous"] += f"；本期完成率 {points((record['completion'] - previous['completion']) * 100)}"
    return texts


class CellDetail(QFrame):
    """The detail of one assessment cell (see the module docstring).

    Signals
    -------
    sig_county_requested(str) : show every indicator of this unit
    sig_indicator_requested(str) : show this indicator in every unit
    sig_closed() : the user closed the panel
    """

    sig_county_requested = Signal(str)
    sig_indicator_requested = Signal(str)
    sig_closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cellDetail")
        self.setStyleSheet("QFrame#cellDetail { background: #ffffff; border-top: 1px solid #d5dbe3; }"
                           "QScrollArea#cellFactsScroll, QWidget#cellFacts { background: #ffffff; }")
        self.project = self.plan = self.resolver = None
        self.record: dict | None = None
        self.sources: list[dict] = []
        self.source_dialog: QDialog | None = None
        self.source_preview: SourcePreviewWidget | None = None

        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.county_button = QPushButton(self.tr("该地区全部指标"))
        self.indicator_button = QPushButton(self.tr("该指标各地区情况"))
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("关闭详情"))
        self.county_button.clicked.connect(lambda: self.record and self.sig_county_requested.emit(
            str(self.record["region_code"])))
        self.indicator_button.clicked.connect(lambda: self.record and self.sig_indicator_requested.emit(
            str(self.record["indicator_code"])))
        self.close_button.clicked.connect(self.sig_closed.emit)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        for widget in (self.county_button, self.indicator_button, self.close_button):
            top.addWidget(widget)

        self.figure = history_figure(pd.DataFrame(), title="")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumSize(340, 220)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        facts = QWidget()
        facts.setObjectName("cellFacts")
        self.form = QFormLayout(facts)
        self.form.setContentsMargins(8, 0, 8, 0)
        self.form.setVerticalSpacing(4)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.values: dict[str, QLabel] = {}
        for key, name in FACTS:
            label = QLabel(self.tr(name))
            label.setObjectName("hint")
            value = QLabel()
            value.setObjectName(f"fact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            value.setMinimumWidth(160)
            self.form.addRow(label, value)
            self.values[key] = value

        sources = QWidget()
        sources_layout = QVBoxLayout(sources)
        sources_layout.setContentsMargins(0, 0, 0, 0)
        self.source_list = QListWidget()
        self.source_list.setToolTip(self.tr("考核所用的数值：期别=数值 @ 文件!工作表!单元格；选中一项，下方显示它的来源"))
        self.source_list.setMaximumHeight(64)
        self.source_list.currentRowChanged.connect(self._show_source)
        self.provenance = ProvenancePanel()
        self.provenance.sig_open_source.connect(self.open_source)
        sources_layout.addWidget(self.provenance, 1)
        # The list of sources sits under the panel's own title "数据来源", above the figure's provenance.
        self.provenance.layout().insertWidget(1, self.source_list)

        facts_scroll = QScrollArea()
        facts_scroll.setObjectName("cellFactsScroll")
        facts_scroll.setWidget(facts)
        facts_scroll.setWidgetResizable(True)
        facts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        facts_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        facts_scroll.setMinimumWidth(270)
        sources.setMinimumWidth(280)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.canvas)
        self.splitter.addWidget(facts_scroll)
        self.splitter.addWidget(sources)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.clear()

    # ------------------------------------------------------------ in
    def set_project(self, project, plan=None, resolver=None) -> None:
        self.project, self.plan, self.resolver = project, plan, resolver
        self.provenance.set_project(project, plan, resolver)
        if self.source_dialog is not None:
            self.source_dialog.hide()
        self.clear()

    def clear(self) -> None:
        self.record, self.sources = None, []
        self.title.setText(self.tr("单击总表中的一格，这里显示它的走势、目标、序时进度和数据来源"))
        for value in self.values.values():
            value.clear()
        self.source_list.clear()
        self.provenance.clear()
        self._draw(pd.DataFrame(), "", "cumulative", "")
        for button in (self.county_button, self.indicator_button):
            button.setEnabled(False)

    def show_cell(self, record: dict, history: pd.DataFrame | None = None, previous: dict | None = None,
                  at_label: str = "", previous_label: str = "") -> None:
        """Show one assessment row, its history (rows of this cell, one per period) and last quarter's row.

        ``at_label`` and ``previous_label`` name the two months ("2019年9月").
        """
        self.record = record
        name, region = record.get("indicator_name", ""), record.get("region_name", "")
        self.title.setText(f"{name} · {region}" + (f" · {at_label}" if at_label else ""))
        for key, text in fact_texts(record, previous).items():
            self.values[key].setText(text)
        if previous and previous_label:
            self.values["previous"].setText(f"{previous_label}：{self.values['previous'].text()}")
        self.values["note"].setToolTip(str(record.get("note") or ""))
        points_frame = history if history is not None else pd.DataFrame()
        self._draw(points_frame, self.tr("{name}（{region}）历次考核").format(name=name, region=region),
                   str(record.get("kind")), str(record.get("unit") or ""))
        self.sources = split_sources(record.get("sources"))
        self.source_list.clear()
        for part in self.sources:
            item = QListWidgetItem(part["text"].replace("@", "  @ "))
            item.setToolTip(part["text"])
            self.source_list.addItem(item)
        if self.sources:
            self.source_list.setCurrentRow(0)
        else:
            self.provenance.clear()
        for button in (self.county_button, self.indicator_button):
            button.setEnabled(True)

    def text(self) -> str:
        """The facts as shown, one "label：value" per line (for tests and copying)."""
        return "\n".join(f"{name}：{self.values[key].text()}" for key, name in FACTS)

    def open_source(self, path: str, sheet: str, cell: str) -> SourcePreviewWidget:
        """Show the workbook a figure came from, at its cell, in a window beside the page."""
        if self.source_dialog is None:
            self.source_dialog = QDialog(self)
            self.source_dialog.setWindowTitle(self.tr("原表"))
            self.source_dialog.resize(920, 560)
            self.source_preview = SourcePreviewWidget()
            QVBoxLayout(self.source_dialog).addWidget(self.source_preview)
        self.source_preview.set_context(self.plan, self.resolver)
        self.source_preview.show_cell(path, sheet, cell)
        self.source_dialog.show()
        self.source_dialog.raise_()
        return self.source_preview

    def shutdown(self) -> None:
        """Stop reading a workbook (the window is closing)."""
        if self.source_preview is not None:
            self.source_preview.shutdown()

    # ------------------------------------------------------------ internals
    def _draw(self, points_frame: pd.DataFrame, title: str, kind: str, unit: str) -> None:
        history_figure(points_frame, title=title, kind=kind, unit=unit, figure=self.figure)
        self.canvas.draw_idle()

    def _show_source(self, row: int) -> None:
        if not 0 <= row < len(self.sources) or self.record is None:
            self.provenance.clear()
            return
        try:
            observation = find_observation(self.project, self.sources[row], str(self.record["indicator_code"]),
                                           str(self.record["region_code"]))
        except Exception as exc:  # noqa: BLE001 - a lookup failure must not break the panel
            log.warning("无法查找来源 %s：%s", self.sources[row].get("text"), exc)
            observation = None
        if observation is None:
            self.provenance.clear()
            self.provenance.placeholder.setText(self.sources[row]["text"] if self.project is None else self.tr(
                "项目当前数据中找不到这个来源：{text}").format(text=self.sources[row]["text"]))
        else:
            self.provenance.show_observation(observation)
