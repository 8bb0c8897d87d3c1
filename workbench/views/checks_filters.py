"""The filter bar of the 审核 page: level, status, indicator, region, department or file, text.

Level and status apply to the findings; indicator, region, source and text also to the
数据明细 table. The choices list only what the project holds.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from workbench.views.findings_model import EXPLAINED

SEVERITY_CHOICES = (("全部级别", None), ("错误", "error"), ("提示", "warning"))
STATUS_CHOICES = (("未解决", "unresolved"), ("待处理", "open"), ("已说明", EXPLAINED),
                  ("已解决", "resolved"), ("全部状态", None))


def _combo(min_chars: int) -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min_chars)
    return combo


def _fit_popup(combo: QComboBox) -> None:
    """The list that drops down is as wide as its longest entry (the box itself stays narrow)."""
    view = combo.view()
    view.setMinimumWidth(max(combo.width(), view.sizeHintForColumn(0) + 28))


class ChecksFilterBar(QWidget):
    """Combo boxes and a search field; :meth:`values` says what they ask for."""

    sig_changed = Signal()
    """A filter changed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.severity_combo = _combo(5)
        for text, key in SEVERITY_CHOICES:
            self.severity_combo.addItem(self.tr(text), key)
        self.status_combo = _combo(5)
        for text, key in STATUS_CHOICES:
            self.status_combo.addItem(self.tr(text), key)
        self.status_combo.setItemData(0, self.tr("待处理和已说明的问题（不含已解决的）"), Qt.ItemDataRole.ToolTipRole)
        self.indicator_combo = _combo(12)
        self.region_combo = _combo(6)
        self.source_combo = _combo(10)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("搜索文字（文件名、单元格、说明…）"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(150)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self._labels = []
        for name, widget in (("级别", self.severity_combo), ("状态", self.status_combo),
                             ("指标", self.indicator_combo), ("地区", self.region_combo),
                             ("来源", self.source_combo)):
            label = QLabel(self.tr(name))
            label.setBuddy(widget)
            self._labels.append(label)
            layout.addWidget(label)
            layout.addWidget(widget)
            widget.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())
        layout.addWidget(self.search_edit, 1)
        self.search_edit.textChanged.connect(lambda _t: self.sig_changed.emit())
        self.set_choices(None, None, None, None)

    def values(self) -> dict:
        """``severity``, ``status``, ``indicator``, ``region``, ``department``, ``file`` (None: any) and ``text``."""
        kind, _, name = (self.source_combo.currentData() or "").partition(":")
        return {
            "severity": self.severity_combo.currentData() if self.severity_combo.isEnabled() else None,
            "status": self.status_combo.currentData() if self.status_combo.isEnabled() else None,
            "indicator": self.indicator_combo.currentData(),
            "region": self.region_combo.currentData(),
            "department": name if kind == "department" else None,
            "file": name if kind == "file" else None,
            "text": self.search_edit.text().strip(),
        }

    def set_findings_filters_enabled(self, enabled: bool) -> None:
        """Level and status only mean something for findings (off on the 数据明细 tab)."""
        for widget in (self.severity_combo, self.status_combo):
            widget.setEnabled(enabled)
        self.sig_changed.emit()

    def set_choices(self, plan, regions, findings: pd.DataFrame | None, figures: pd.DataFrame | None) -> None:
        """List the indicators, regions, departments and files present in either table."""
        frames = [f for f in (findings, figures) if f is not None and len(f)]
        codes = set().union(*(set(f["indicator_code"]) for f in frames)) - {""}
        places = set().union(*(set(f["region_code"]) for f in frames)) - {""}
        indicators = [(i.name, i.code) for i in plan.indicators if i.code in codes] if plan is not None else []
        indicators += [(c, c) for c in sorted(codes - {code for _, code in indicators})]
        regions_list = [(r.name, r.code) for r in regions.regions if r.code in places] if regions is not None else []
        regions_list += [(c, c) for c in sorted(places - {code for _, code in regions_list})]
        files: dict[str, set[str]] = {}
        for f in frames:
            for department, name in zip(f["department"], f["文件"]):
                if name:
                    files.setdefault(department or "", set()).add(name)
        sources = []
        for department in sorted(files, key=lambda d: (d == "", d)):
            if department:
                sources.append((department, f"department:{department}"))
            sources += [("　" + name, f"file:{name}") for name in sorted(files[department])]
        self._refill(self.indicator_combo, self.tr("全部指标"), indicators)
        self._refill(self.region_combo, self.tr("全部地区"), regions_list)
        self._refill(self.source_combo, self.tr("全部部门和文件"), sources)

    def _refill(self, combo: QComboBox, everything: str, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
            combo.setItemData(combo.count() - 1, text.strip(), Qt.ItemDataRole.ToolTipRole)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        _fit_popup(combo)
        if current is not None and index < 0:
            self.sig_changed.emit()  # the chosen item is gone: the filter widened
