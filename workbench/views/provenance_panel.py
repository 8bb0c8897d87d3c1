"""Where a number came from: a side panel and a tooltip, for every table that shows figures.

:class:`ProvenancePanel` shows for one stored observation the file, sheet and cell (with
its merged range), the raw text as written, the header path, the conversions applied,
the template, the import and what it replaced or was replaced by; the text comes from
:func:`workbench.models.provenance.provenance`, the history from
:func:`~workbench.models.provenance.trace`. :func:`provenance_tooltip` is the short form
for a table cell's tooltip (see ``DataFrameModel.set_tooltip_provider``).

Run alone with ``python -m workbench.views.provenance_panel`` (a figure of the demo project).
"""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workbench.models.errors import WorkbenchError
from workbench.models.history import format_value
from workbench.models.periods import BASIS_NAMES
from workbench.models.provenance import STATE_NAMES, provenance, trace
from workbench.views.dataframe_model import default_number_format

log = logging.getLogger(__name__)

FIELDS = (
    ("value", "数值"), ("indicator", "指标"), ("region", "地区"), ("file", "文件"), ("department", "报送部门"),
    ("sheet", "工作表"), ("cell", "单元格"), ("raw_text", "原文"), ("header_path", "表头"),
    ("conversions", "换算"), ("template", "模板"), ("imported", "导入"), ("confidence", "识别可信度"),
    ("history", "历史"),
)
"""The rows of the panel: key and Chinese label, top to bottom."""


def _number(value) -> str:
    """As the tables show numbers (thousands separators), "（空）" when missing."""
    if value is None or value != value:
        return format_value(None)
    return default_number_format(float(value))


def _when(text: object) -> str:
    return str(text or "").replace("T", " ")[:19]


def conversions_text(record: dict) -> str:
    """The conversions applied to a figure, in words ("万元→亿元，原单位 万元"; "无")."""
    raw = record.get("conversions")
    if isinstance(raw, str) and raw.strip().startswith("["):
        try:
            raw = "；".join(str(step) for step in json.loads(raw))
        except ValueError:
            pass
    text = str(raw) if raw not in (None, "") and raw == raw else "无"
    source, unit = record.get("source_unit"), record.get("unit")
    if source and source != unit:
        text += f"（原单位 {source}）"
    return text


def cell_text(record: dict) -> str:
    """"C11", or "C11（合并单元格 C11:D12）"."""
    cell = record.get("cell") or ""
    if record.get("merged_range"):
        cell += f"（合并单元格 {record['merged_range']}）"
    return cell


def raw_text(record: dict) -> str:
    raw = record.get("raw_text")
    return "（空）" if raw in (None, "") else str(raw)


def provenance_tooltip(record: dict | None) -> str:
    """A figure's provenance in a few lines, for a tooltip (file, sheet, cell, raw text, conversions)."""
    if not record:
        return ""
    lines = [
        f"来源：{record.get('file') or '（文件不明）'}",
        f"工作表「{record.get('sheet') or ''}」单元格 {cell_text(record)}",
        f"原文：{raw_text(record)}",
        f"换算：{conversions_text(record)}",
    ]
    if record.get("header_path"):
        lines.insert(3, f"表头：{record['header_path']}")
    if not record.get("current", True):
        lines.append(f"状态：{STATE_NAMES.get(record.get('state'), record.get('state'))}")
    return "\n".join(lines)


class ProvenancePanel(QFrame):
    """Side panel: where the selected figure came from.

    Parameters
    ----------
    parent : QWidget, optional

    Notes
    -----
    Give it the project with :meth:`set_project` (and the plan and region resolver, for
    names and the history), then call :meth:`show_observation` when the selection moves.
    """

    sig_open_source = Signal(str, str, str)
    """The user asked to see the figure in its workbook: (path, sheet, cell)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("provenancePanel")
        self.project = None
        self.plan = None
        self.resolver = None
        self.record: dict | None = None
        self.history: list[dict] = []

        title = QLabel(self.tr("数据来源"))
        title.setObjectName("sectionTitle")
        self.placeholder = QLabel(self.tr("选中表中的一个数值，这里显示它来自哪个文件、哪个单元格，原文是什么，做过哪些换算。"))
        self.placeholder.setObjectName("hint")
        self.placeholder.setWordWrap(True)

        body = QWidget()
        body.setObjectName("provenanceBody")
        self.form = QFormLayout(body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setHorizontalSpacing(10)
        self.form.setVerticalSpacing(6)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key, name in FIELDS:
            label = QLabel(self.tr(name))
            label.setObjectName("hint")
            value = QLabel()
            value.setObjectName(f"provenance_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            value.setMinimumWidth(120)
            self.form.addRow(label, value)
            self.labels[key], self.values[key] = label, value
        self.values["raw_text"].setObjectName("rawText")

        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.viewport().setAutoFillBackground(False)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll = scroll

        self.open_button = QPushButton(self.tr("在原表中查看"))
        self.open_button.setToolTip(self.tr("打开报送的工作簿，定位到这个单元格"))
        self.open_button.clicked.connect(self._open_source)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(self.placeholder)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setStyleSheet(
            "QFrame#provenancePanel { background: #f7f9fb; border: 1px solid #dde3ea; border-radius: 3px; }"
            "QScrollArea, QWidget#provenanceBody { background: transparent; }"
            "QLabel#rawText { background: #ffffff; border: 1px solid #d5dbe3; border-radius: 2px;"
            " padding: 2px 4px; font-family: monospace; }"
        )
        self.clear()

    # ------------------------------------------------------------ in
    def set_project(self, project, plan=None, resolver=None) -> None:
        """The project the observations belong to (None: nothing to show)."""
        self.project, self.plan, self.resolver = project, plan, resolver
        self.clear()

    def clear(self) -> None:
        self.record, self.history = None, []
        for value in self.values.values():
            value.clear()
        self._show_rows(False)

    def show_observation(self, observation_id: int | None) -> dict | None:
        """Show where the observation ``observation_id`` came from; returns its provenance record."""
        if self.project is None or observation_id is None:
            self.clear()
            return None
        try:
            record = provenance(self.project, int(observation_id))
        except WorkbenchError as exc:
            log.warning("无法读取数值 #%s 的来源：%s", observation_id, exc)
            record = None
        if record is None:
            self.clear()
            self.placeholder.setText(self.tr("项目中没有这个数值（编号 {id}）。").format(id=observation_id))
            return None
        self.record = record
        self.history = self._history(record)
        self._fill(record)
        self._show_rows(True)
        return record

    def text(self) -> str:
        """Everything the panel shows, label and value per line (for tests and copying)."""
        if self.record is None:
            return self.placeholder.text()
        return "\n".join(f"{self.labels[k].text()}：{self.values[k].text()}" for k, _ in FIELDS)

    # ------------------------------------------------------------ internals
    def _show_rows(self, shown: bool) -> None:
        self.placeholder.setVisible(not shown)
        self.scroll.setVisible(shown)
        self.open_button.setVisible(shown)
        if not shown:
            self.placeholder.setText(self.tr("选中表中的一个数值，这里显示它来自哪个文件、哪个单元格，原文是什么，做过哪些换算。"))

    def _name(self, kind: str, code: str | None) -> str:
        if not code:
            return ""
        try:
            if kind == "indicator" and self.plan is not None:
                return f"{self.plan.indicator(code).name}（{code}）"
            if kind == "region" and self.resolver is not None:
                return f"{self.resolver.table.by_code(code).name}（{code}）"
        except (KeyError, WorkbenchError):
            pass
        return str(code)

    def _fill(self, r: dict) -> None:
        basis = BASIS_NAMES.get(r.get("basis"), r.get("basis") or "")
        state = "" if r.get("current") else f"  [{STATE_NAMES.get(r.get('state'), r.get('state'))}]"
        values = {
            "value": f"{_number(r.get('value'))} {r.get('unit') or ''}（{r.get('period')}，{basis}）{state}",
            "indicator": self._name("indicator", r.get("indicator")),
            "region": self._name("region", r.get("region")),
            "file": r.get("file") or "",
            "department": r.get("department") or self.tr("未识别"),
            "sheet": r.get("sheet") or "",
            "cell": cell_text(r),
            "raw_text": raw_text(r),
            "header_path": r.get("header_path") or self.tr("（无）"),
            "conversions": conversions_text(r),
            "template": r.get("template") or self.tr("（无）"),
            "imported": self.tr("导入 #{id}，{when}").format(id=r.get("import_id"), when=_when(r.get("imported_at"))),
            "confidence": "" if r.get("confidence") is None else f"{r['confidence']:.2f}",
            "history": self._history_text(r),
        }
        for key, text in values.items():
            self.values[key].setText(text)
        self.values["file"].setToolTip(str(r.get("path") or ""))
        self.open_button.setEnabled(bool(r.get("path")))

    def _history(self, r: dict) -> list[dict]:
        """The other figures of the same indicator, region, months and basis (older or newer imports)."""
        if self.plan is None or self.resolver is None or r.get("year") is None:
            return []
        first, last = r.get("first_month"), r.get("last_month")
        period = f"{r['year']}-{int(last):02d}" if first is None else f"{r['year']}-{int(first):02d}..{int(last):02d}"
        try:
            found = trace(self.project, r["indicator"], r["region"], period, plan=self.plan, resolver=self.resolver)
        except WorkbenchError as exc:
            log.debug("无法追溯数值 #%s 的历史：%s", r.get("observation_id"), exc)
            return []
        return [f for f in found["figures"] if f["observation_id"] != r["observation_id"]
                and f["basis"] == r.get("basis") and f["first_month"] == first and f["import_id"] != r["import_id"]]

    def _history_text(self, r: dict) -> str:
        lines = []
        if r.get("superseded_by") is not None:
            lines.append(self.tr("已被 #{id}“{file}”替换（{when}）").format(
                id=r["superseded_by"], file=r.get("superseded_by_file") or "", when=_when(r.get("superseded_at"))))
        for f in self.history:
            state = STATE_NAMES.get(f["state"], f["state"])
            lines.append(f"[{state}] {_number(f['value'])} {f['unit'] or ''}，{f['file']}"
                         f"「{f['sheet']}」{f['cell']}（导入 #{f['import_id']}，{_when(f['imported_at'])}）")
        return "\n".join(lines) if lines else self.tr("没有其他版本")

    def _open_source(self) -> None:
        r = self.record
        if r and r.get("path"):
            self.sig_open_source.emit(str(r["path"]), str(r.get("sheet") or ""), str(r.get("cell") or ""))


def main(argv: list[str] | None = None) -> int:
    from workbench import locations
    from workbench.models.demo_project import ensure_demo_project
    from workbench.models.plan import load_plan
    from workbench.models.regions import RegionResolver, load_regions
    from workbench.models.store import Project
    from workbench.views.preview import run_preview

    def make() -> ProvenancePanel:
        project = Project.open(ensure_demo_project(locations.data_dir() / "demo"))
        panel = ProvenancePanel()
        panel.destroyed.connect(lambda *_: project.close())
        panel.set_project(project, load_plan(project.plan_id), RegionResolver(load_regions(), project.aliases()))
        converted = project.observations(current=True).dropna(subset=["conversions"])
        panel.show_observation(int(converted["id"].iloc[0]))
        return panel

    return run_preview(make, "数据来源", argv, size=(440, 620))


if __name__ == "__main__":
    raise SystemExit(main())
