"""The left side of the 导出 page: what goes into the package, and where it goes.

考核时点, the counties and the indicators decide the report's content (a change asks for a
new context, :attr:`ExportOptionsWidget.sig_selection_changed`); the outputs, the chart
formats, the folder and the notification's 发文机关 and 发文字号 only decide what is
written. The date, outputs, formats, folder and issuer are remembered in
:mod:`workbench.settings`.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QScrollArea, QSizePolicy, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from workbench import settings
from workbench.models.exports.context import CHART_FORMATS, OUTPUTS
from workbench.models.exports.package import package_folder_name
from workbench.views.assessment_jobs import month_label

OUTPUT_LABELS = {
    "docx": "考核通报（Word）",
    "xlsx": "考核情况表（Excel）",
    "pptx": "推进会幻灯片（PPT）",
    "charts": "图表",
    "index": "成长指数（图表和表）",
}
KEY_MARK = "★"
CODE_ROLE = Qt.ItemDataRole.UserRole


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


class ExportOptionsWidget(QWidget):
    """The choices of one report package, and the 「生成材料」 button (Ctrl+Return) below them."""

    sig_selection_changed = Signal()
    """考核时点, the counties or the indicators changed: the preview needs a new context."""
    sig_generate_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._latest: str | None = None
        self._build()

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        self.period_combo = QComboBox()
        self.period_combo.setToolTip(self.tr("计划期内有数据的季末"))
        self.period_combo.currentIndexChanged.connect(self._on_period_changed)

        self.county_list = QListWidget()
        self.county_list.setToolTip(self.tr("勾选要写进材料的县（市、区）；名次仍是全部参评单位中的名次"))
        self.county_list.itemChanged.connect(lambda _item: self.sig_selection_changed.emit())

        self.indicator_tree = QTreeWidget()
        self.indicator_tree.setHeaderHidden(True)
        self.indicator_tree.setToolTip(self.tr("勾选要写进材料的指标；★ 为重点指标（幻灯片单列一页并配图）"))
        self.indicator_tree.itemChanged.connect(self._on_indicator_changed)

        self.output_boxes: dict[str, QCheckBox] = {}
        outputs = QGridLayout()
        outputs.setContentsMargins(0, 0, 0, 0)
        outputs.setVerticalSpacing(2)
        for n, key in enumerate(OUTPUTS):
            box = QCheckBox(self.tr(OUTPUT_LABELS[key]))
            box.toggled.connect(self._on_outputs_changed)
            self.output_boxes[key] = box
            outputs.addWidget(box, n, 0, 1, 3)
        self.format_boxes: dict[str, QCheckBox] = {}
        formats = QHBoxLayout()
        formats.setContentsMargins(20, 0, 0, 0)
        formats.addWidget(QLabel(self.tr("格式：")))
        for key in CHART_FORMATS:
            box = QCheckBox(key.upper())
            box.toggled.connect(self._on_outputs_changed)
            self.format_boxes[key] = box
            formats.addWidget(box)
        formats.addStretch(1)
        outputs.addLayout(formats, len(self.output_boxes), 0, 1, 3)

        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("选择文件夹"))
        self.folder_edit.textChanged.connect(self._on_folder_changed)
        self.folder_button = QPushButton(self.tr("浏览…"))
        self.folder_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        self.target_label = QLabel()
        self.target_label.setObjectName("hint")
        self.target_label.setWordWrap(True)

        self.issuer_edit = QLineEdit()
        self.issuer_edit.editingFinished.connect(
            lambda: settings.write("export/issuer", self.issuer_edit.text().strip()))
        self.doc_number_edit = QLineEdit()
        self.doc_number_edit.setPlaceholderText(self.tr("如 嘉小微办〔2019〕5号"))
        notice = QFormLayout()
        notice.setContentsMargins(0, 0, 0, 0)
        notice.addRow(self.tr("发文机关："), self.issuer_edit)
        notice.addRow(self.tr("发文字号："), self.doc_number_edit)

        self.generate_button = QPushButton(self.tr("生成材料"))
        self.generate_button.setDefault(True)
        self.generate_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.generate_button.setToolTip(self.tr("把所选材料写进输出文件夹下按考核时点命名的新文件夹（Ctrl+Enter）"))
        self.generate_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.generate_button.setMinimumHeight(self.generate_button.sizeHint().height() + 8)
        self.generate_button.clicked.connect(self.sig_generate_requested)

        period_row = QHBoxLayout()
        period_row.addWidget(QLabel(self.tr("考核时点：")))
        period_row.addWidget(self.period_combo, 1)
        form = QWidget()
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(6)
        layout.addLayout(period_row)
        layout.addWidget(_section(self.tr("县（市、区）")))
        layout.addWidget(self.county_list)
        layout.addWidget(_section(self.tr("指标")))
        layout.addWidget(self.indicator_tree, 1)
        layout.addWidget(_section(self.tr("生成")))
        layout.addLayout(outputs)
        layout.addWidget(_section(self.tr("输出文件夹")))
        layout.addLayout(folder_row)
        layout.addWidget(self.target_label)
        layout.addWidget(_section(self.tr("考核通报")))
        layout.addLayout(notice)
        layout.addStretch(0)
        # The choices scroll on a small screen; the button below them stays in sight.
        scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(scroll, 1)
        column.addWidget(self.generate_button)
        self._restore_outputs()

    def _restore_outputs(self) -> None:
        outputs = [o for o in settings.read("export/outputs") if o in OUTPUTS] or list(OUTPUTS)
        formats = [f for f in settings.read("export/chart_formats") if f in CHART_FORMATS] or ["png"]
        for key, box in self.output_boxes.items():
            box.blockSignals(True)
            box.setChecked(key in outputs)
            box.blockSignals(False)
        for key, box in self.format_boxes.items():
            box.blockSignals(True)
            box.setChecked(key in formats)
            box.blockSignals(False)
        self._update_enabled()

    # ------------------------------------------------------------ filling
    def set_choices(self, plan, units: list[tuple[str, str]], periods: list[str], latest: str | None,
                    default_folder: str = "") -> None:
        """Offer the plan's indicators, the scored ``units`` (code, name) and the months ``periods``.

        The period is the remembered one while no newer quarter than ``latest`` has data,
        the latest otherwise; every county and indicator starts checked.
        """
        self._latest = latest
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for at in periods:
            self.period_combo.addItem(month_label(at), at)
        remembered = settings.read("export/period")
        keep = remembered in periods and settings.read("export/period_latest") == (latest or "")
        chosen = remembered if keep else (latest if latest in periods else (periods[-1] if periods else None))
        if chosen is not None:
            self.period_combo.setCurrentIndex(periods.index(chosen))
        self.period_combo.blockSignals(False)

        self.county_list.blockSignals(True)
        self.county_list.clear()
        for code, name in units:
            item = QListWidgetItem(name)
            item.setData(CODE_ROLE, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.county_list.addItem(item)
        self.county_list.blockSignals(False)
        self._fit_county_list()

        self.indicator_tree.blockSignals(True)
        self.indicator_tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for indicator in plan.indicators if plan is not None else ():
            if not indicator.assessed:
                continue
            group = groups.get(indicator.group)
            if group is None:
                group = QTreeWidgetItem([plan.groups.get(indicator.group, indicator.group or self.tr("其他"))])
                group.setFlags(group.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
                group.setCheckState(0, Qt.CheckState.Checked)
                self.indicator_tree.addTopLevelItem(group)
                groups[indicator.group] = group
            item = QTreeWidgetItem([indicator.short_name or indicator.name])
            item.setData(0, CODE_ROLE, indicator.code)
            item.setToolTip(0, f"{indicator.name}：{indicator.target_text()}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            group.addChild(item)
        self.indicator_tree.expandAll()
        self.indicator_tree.blockSignals(False)

        self.folder_edit.blockSignals(True)
        self.folder_edit.setText(settings.read("export/folder") or default_folder)
        self.folder_edit.blockSignals(False)
        self.issuer_edit.setText(settings.read("export/issuer"))
        self.issuer_edit.setPlaceholderText(getattr(plan, "issuer", "") or "")
        self._update_target()

    def _fit_county_list(self) -> None:
        # Seven counties and a zone or two: show them all rather than a scroll bar.
        rows = max(min(self.county_list.count(), 10), 3)
        row_height = self.county_list.sizeHintForRow(0) if self.county_list.count() else self.fontMetrics().height() + 4
        self.county_list.setFixedHeight(rows * row_height + 2 * self.county_list.frameWidth() + 4)

    def mark_key_indicators(self, codes) -> None:
        """Put ★ before the indicators that get a slide and a chart of their own."""
        codes = set(codes)
        self.indicator_tree.blockSignals(True)
        for item in self._indicator_items():
            text = item.text(0).removeprefix(KEY_MARK + " ")
            key = item.data(0, CODE_ROLE) in codes
            item.setText(0, f"{KEY_MARK} {text}" if key else text)
            font = QFont(item.font(0))
            font.setBold(key)
            item.setFont(0, font)
        self.indicator_tree.blockSignals(False)

    # ------------------------------------------------------------ reading
    def period(self) -> str | None:
        """The chosen 考核时点, ``YYYY-MM``."""
        return self.period_combo.currentData()

    def set_period(self, at: str) -> bool:
        """Choose 考核时点 as the user does; False when it is not offered."""
        index = self.period_combo.findData(at)
        if index < 0:
            return False
        self.period_combo.setCurrentIndex(index)
        return True

    def counties(self) -> list[str]:
        """Region codes of the checked counties, in list order."""
        return [self.county_list.item(r).data(CODE_ROLE) for r in range(self.county_list.count())
                if self.county_list.item(r).checkState() == Qt.CheckState.Checked]

    def all_counties(self) -> list[str]:
        return [self.county_list.item(r).data(CODE_ROLE) for r in range(self.county_list.count())]

    def indicators(self) -> list[str]:
        """Codes of the checked indicators, in plan order."""
        return [i.data(0, CODE_ROLE) for i in self._indicator_items() if i.checkState(0) == Qt.CheckState.Checked]

    def all_indicators(self) -> list[str]:
        return [i.data(0, CODE_ROLE) for i in self._indicator_items()]

    def set_checked(self, counties=None, indicators=None) -> None:
        """Check exactly these counties and/or indicators (None leaves that list alone)."""
        if counties is not None:
            for r in range(self.county_list.count()):
                item = self.county_list.item(r)
                item.setCheckState(Qt.CheckState.Checked if item.data(CODE_ROLE) in counties
                                   else Qt.CheckState.Unchecked)
        if indicators is not None:
            for item in self._indicator_items():
                item.setCheckState(0, Qt.CheckState.Checked if item.data(0, CODE_ROLE) in indicators
                                   else Qt.CheckState.Unchecked)

    def outputs(self) -> tuple[str, ...]:
        return tuple(key for key in OUTPUTS if self.output_boxes[key].isChecked())

    def chart_formats(self) -> tuple[str, ...]:
        return tuple(key for key in CHART_FORMATS if self.format_boxes[key].isChecked())

    def set_outputs(self, outputs, formats=None) -> None:
        """Check these outputs (and chart formats), as the user does."""
        for key, box in self.output_boxes.items():
            box.setChecked(key in outputs)
        for key, box in self.format_boxes.items():
            if formats is not None:
                box.setChecked(key in formats)

    def folder(self) -> str:
        return self.folder_edit.text().strip()

    def set_folder(self, folder: str) -> None:
        self.folder_edit.setText(str(folder))

    def issuer(self) -> str | None:
        return self.issuer_edit.text().strip() or None

    def doc_number(self) -> str | None:
        return self.doc_number_edit.text().strip() or None

    def problem(self) -> str | None:
        """What keeps a package from being written (in Chinese), or None."""
        if self.period() is None:
            return self.tr("没有可选的考核时点")
        if not self.counties():
            return self.tr("请至少勾选一个县（市、区）")
        if not self.indicators():
            return self.tr("请至少勾选一个指标")
        if not self.outputs():
            return self.tr("请至少勾选一项要生成的材料")
        if "charts" in self.outputs() and not self.chart_formats():
            return self.tr("请至少勾选一种图表格式")
        if not self.folder():
            return self.tr("请选择输出文件夹")
        return None

    # ------------------------------------------------------------ reacting
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择输出文件夹"), self.folder())
        if folder:
            self.set_folder(folder)

    def _indicator_items(self) -> list[QTreeWidgetItem]:
        items = []
        for g in range(self.indicator_tree.topLevelItemCount()):
            group = self.indicator_tree.topLevelItem(g)
            items += [group.child(c) for c in range(group.childCount())]
        return items

    def _on_period_changed(self, _index: int) -> None:
        if self.period() is not None:
            settings.write("export/period", self.period())
            settings.write("export/period_latest", self._latest or "")
        self._update_target()
        self.sig_selection_changed.emit()

    def _on_indicator_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, CODE_ROLE) is not None:  # a group's box changes its children, each reporting
            self.sig_selection_changed.emit()

    def _on_outputs_changed(self, _checked: bool = False) -> None:
        settings.write("export/outputs", list(self.outputs()))
        settings.write("export/chart_formats", list(self.chart_formats()))
        self._update_enabled()

    def _on_folder_changed(self, text: str) -> None:
        settings.write("export/folder", text.strip())
        self._update_target()

    def _update_enabled(self) -> None:
        charts = self.output_boxes["charts"].isChecked()
        for box in self.format_boxes.values():
            box.setEnabled(charts)
        self.doc_number_edit.setEnabled(self.output_boxes["docx"].isChecked())
        self.issuer_edit.setEnabled(self.output_boxes["docx"].isChecked())

    def _update_target(self) -> None:
        at, folder = self.period(), self.folder()
        if at is None or not folder:
            self.target_label.setText("")
            return
        name = package_folder_name(SimpleNamespace(at=at))  # the name needs only the month
        self.target_label.setText(self.tr("写入新文件夹：{path}").format(path=str(Path(folder) / name)))
