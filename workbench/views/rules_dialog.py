"""审核规则: switch the checks on and off, change their level and thresholds.

The dialog edits a copy of the rules in force and, on OK, hands back the smallest
override (:func:`~workbench.models.checks.rules.rules_override`) after
:func:`~workbench.models.checks.load_rules` has accepted it; the 审核 page stores it as
the project setting ``check_rules`` and runs the checks again. 恢复默认 goes back to
``rules.toml``.
"""

from __future__ import annotations

import copy
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.models.checks import RulesError, RuleSet, load_rules, rules_override
from workbench.models.checks.rules import SEVERITIES

PARAM_NAMES = {
    "absolute_tolerance": "绝对容差", "relative_tolerance": "相对容差（比例）", "rounding_allowance": "允许舍位误差",
    "exclude_indicators": "不检查的指标（代码）", "identical_values_ok": "数值相同时不报告",
    "min_counties_present": "至少列出几个县才检查", "ignore_blank_zone_cells": "功能区空白单元格不报告",
    "parents": "其他“其中”关系（子=母）", "lower": "下限（%）", "upper": "上限（%）",
    "ratios": "视为单位错误的倍数", "band": "倍数允许偏离（倍）", "ratio": "异常变动倍数",
    "min_count": "计数类最小比较值", "exclude_units": "不比较的单位",
}
"""Chinese names of rule parameters (others show their key)."""
COLUMNS = ("启用", "规则", "级别", "参数")
_SPLIT = re.compile(r"[、,，;；\s]+")
ERROR_TEXT = "#a4262c"


def _number(value: float) -> str:
    return format(value, ".10g") if isinstance(value, float) else str(value)


def param_text(key: str, value) -> str:
    """A parameter as the rules list summarises it ("相对容差（比例）=0.0001")."""
    if isinstance(value, bool):
        shown = "是" if value else "否"
    elif isinstance(value, list):
        shown = "、".join(_number(v) for v in value) or "无"
    elif isinstance(value, dict):
        shown = "；".join(f"{k}={v}" for k, v in value.items()) or "无"
    else:
        shown = _number(value)
    return f"{PARAM_NAMES.get(key, key)}={shown}"


def parse_list(text: str, like: list) -> list:
    """Items separated by 、 , ； or spaces; numbers when the shipped list holds numbers."""
    items = [t for t in _SPLIT.split(text.strip()) if t]
    if like and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in like):
        try:
            return [float(t) for t in items]
        except ValueError as exc:
            raise RulesError(f"“{text}”中有不是数值的项") from exc
    return items


def parse_pairs(text: str) -> dict:
    """"a=b；c=d" as {"a": "b", "c": "d"}."""
    out = {}
    for item in (t for t in re.split(r"[;；,，、\n]+", text) if t.strip()):
        if "=" not in item:
            raise RulesError(f"“{item.strip()}”应写作 子指标代码=母指标代码")
        child, parent = (x.strip() for x in item.split("=", 1))
        out[child] = parent
    return out


class RulesDialog(QDialog):
    """List the rules; switch them, set their level and edit their parameters.

    Parameters
    ----------
    rules : RuleSet
        The rules in force (shipped rules with the project's override).
    parent : QWidget, optional
    """

    def __init__(self, rules: RuleSet, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("审核规则"))
        self.resize(860, 600)
        self._shipped = load_rules().as_dict()["rules"]
        self._values: dict[str, dict] = copy.deepcopy(rules.as_dict()["rules"])
        self._bases = list(rules.bases)
        self.result_override: dict | None = None
        self._filling = False

        intro = QLabel(self.tr("勾选要运行的规则，选中一条可修改级别和阈值。“错误”在修正或填写说明放行之前阻断该数值参与考核；"
                               "“提示”须确认。保存后对本项目重新审核。"))
        intro.setWordWrap(True)
        intro.setObjectName("hint")

        self.table = QTableWidget(len(self._values), len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.rule_ids = list(self._values)
        self._fill_table()
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_rule(row))

        self.detail = QGroupBox()
        self.detail_layout = QVBoxLayout(self.detail)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.detail_layout.addWidget(self.description)
        self.detail_layout.addLayout(self.form)
        self.editors: dict[str, QWidget] = {}

        self.error_label = QLabel()
        self.error_label.setStyleSheet(f"color: {ERROR_TEXT};")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存并重新审核"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.defaults_button = QPushButton(self.tr("恢复默认"))
        self.defaults_button.setToolTip(self.tr("全部规则恢复为软件自带的设置"))
        self.buttons.addButton(self.defaults_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.detail, 2)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.table.selectRow(0)

    # ------------------------------------------------------------ table
    def _fill_table(self) -> None:
        self._filling = True
        for row, rule_id in enumerate(self.rule_ids):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            check.setToolTip(self.tr("勾选则运行这条规则"))
            self.table.setItem(row, 0, check)
            for column in (1, 2, 3):
                self.table.setItem(row, column, QTableWidgetItem())
            self._update_row(rule_id)
        self._filling = False

    def _update_row(self, rule_id: str) -> None:
        """Show a rule's switch, level and parameters in its row (the items stay, so do editors)."""
        row, values = self.rule_row(rule_id), self._values[rule_id]
        filling, self._filling = self._filling, True
        self.table.item(row, 0).setCheckState(Qt.CheckState.Checked if values["enabled"] else Qt.CheckState.Unchecked)
        self.table.item(row, 1).setText(values["name"])
        self.table.item(row, 1).setToolTip(values.get("description", ""))
        self.table.item(row, 2).setText(SEVERITIES[values["severity"]])
        params = [param_text(k, v) for k, v in values.items() if k not in ("name", "severity", "enabled", "description")]
        self.table.item(row, 3).setText("；".join(params) or self.tr("（无参数）"))
        self.table.item(row, 3).setToolTip("\n".join(params))
        self._filling = filling

    def rule_row(self, rule_id: str) -> int:
        return self.rule_ids.index(rule_id)

    def set_rule_enabled(self, rule_id: str, enabled: bool) -> None:
        """Tick or untick a rule, as a click on its box does."""
        self.table.item(self.rule_row(rule_id), 0).setCheckState(
            Qt.CheckState.Checked if enabled else Qt.CheckState.Unchecked)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        rule_id = self.rule_ids[item.row()]
        self._values[rule_id]["enabled"] = item.checkState() == Qt.CheckState.Checked
        self.error_label.hide()

    # ------------------------------------------------------------ detail
    def _show_rule(self, row: int) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors = {}
        if not 0 <= row < len(self.rule_ids):
            return
        rule_id = self.rule_ids[row]
        values = self._values[rule_id]
        self.detail.setTitle(f"{values['name']}（{rule_id}）")
        self.description.setText(values.get("description", ""))
        severity = QComboBox()
        for key, name in SEVERITIES.items():
            severity.addItem(name, key)
        severity.setCurrentIndex(list(SEVERITIES).index(values["severity"]))
        severity.currentIndexChanged.connect(lambda _i, r=rule_id, w=severity: self._set(r, "severity", w.currentData()))
        self.form.addRow(self.tr("级别："), severity)
        self.editors["severity"] = severity
        for key, value in values.items():
            if key in ("name", "severity", "enabled", "description"):
                continue
            editor = self._editor(rule_id, key, value)
            label = PARAM_NAMES.get(key, key)
            self.form.addRow(f"{label}：", editor)
            editor.setToolTip(key)
            self.editors[key] = editor

    def _editor(self, rule_id: str, key: str, value) -> QWidget:
        if isinstance(value, bool):
            box = QCheckBox()
            box.setChecked(value)
            box.toggled.connect(lambda on, r=rule_id, k=key: self._set(r, k, bool(on)))
            return box
        if isinstance(value, int):
            spin = QSpinBox()
            spin.setRange(0, 1_000_000_000)
            spin.setValue(value)
            spin.valueChanged.connect(lambda v, r=rule_id, k=key: self._set(r, k, int(v)))
            return spin
        if isinstance(value, float):
            spin = QDoubleSpinBox()
            fine = "tolerance" in key
            spin.setDecimals(6 if fine else 2)
            spin.setRange(0.0, 1e12)
            spin.setSingleStep(0.0001 if fine else 1.0)
            spin.setValue(value)
            spin.valueChanged.connect(lambda v, r=rule_id, k=key: self._set(r, k, float(v)))
            return spin
        line = QLineEdit()
        if isinstance(value, dict):
            line.setText("；".join(f"{k}={v}" for k, v in value.items()))
            line.setPlaceholderText(self.tr("子指标代码=母指标代码；…"))
            line.editingFinished.connect(lambda r=rule_id, k=key, w=line: self._set_text(r, k, w, parse_pairs))
        else:
            line.setText("、".join(_number(v) for v in value))
            line.setPlaceholderText(self.tr("多项用顿号或逗号分隔"))
            like = self._shipped.get(rule_id, {}).get(key, value)
            line.editingFinished.connect(
                lambda r=rule_id, k=key, w=line, lk=like: self._set_text(r, k, w, lambda t: parse_list(t, lk)))
        return line

    def _set(self, rule_id: str, key: str, value) -> None:
        self._values[rule_id][key] = value
        self._refresh_row(rule_id)

    def _set_text(self, rule_id: str, key: str, line: QLineEdit, parse) -> None:
        try:
            self._set(rule_id, key, parse(line.text()))
        except RulesError as exc:
            self._refuse(str(exc))

    def _refresh_row(self, rule_id: str) -> None:
        self._update_row(rule_id)
        self.error_label.hide()

    # ------------------------------------------------------------ out
    def set_param(self, rule_id: str, key: str, value) -> None:
        """Change a parameter (as its editor does)."""
        self._set(rule_id, key, value)
        if self.table.currentRow() == self.rule_row(rule_id):
            self._show_rule(self.rule_row(rule_id))

    def edited_rules(self) -> RuleSet:
        """The rules as edited; :class:`RulesError` when a value is not acceptable."""
        for key, editor in self.editors.items():  # a list being typed in counts too
            if isinstance(editor, QLineEdit):
                editor.editingFinished.emit()
        override = {"bases": self._bases, "rules": {
            rule_id: {k: v for k, v in values.items() if k not in ("name", "description")}
            for rule_id, values in self._values.items()}}
        return load_rules(override)

    def restore_defaults(self) -> None:
        """Put every rule back as ``rules.toml`` ships it (saved on OK)."""
        self._values = copy.deepcopy(self._shipped)
        for rule_id in self.rule_ids:
            self._update_row(rule_id)
        self.error_label.hide()
        self._show_rule(max(self.table.currentRow(), 0))

    def accept(self) -> None:
        try:
            self.result_override = rules_override(self.edited_rules())
        except RulesError as exc:
            self._refuse(str(exc))
            return
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
