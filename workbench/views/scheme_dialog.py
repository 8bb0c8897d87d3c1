"""评分方案: edit the weights, rules, caps, grade bands and bonus/deduction items of a scheme.

The dialog edits a copy of the scheme in force and, on 保存, hands back its TOML text
(:func:`~workbench.models.assessment.scoring.dump_scheme`) after
:func:`~workbench.models.assessment.scoring.parse_scheme` has accepted it; the assessment
page stores it as the project setting ``scoring_scheme`` and calculates again. Weights
that do not add up to 100 are refused with a message saying by how much. 恢复默认 goes
back to the scheme shipped with the plan; the scheme can also be read from or saved to
a TOML file, to pass it to a colleague.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.models.assessment.scoring import (
    SCHEME_KEY,
    Adjustment,
    IndicatorRule,
    ScoringScheme,
    ScoringSchemeError,
    dump_scheme,
    load_scheme,
    parse_scheme,
)
from workbench.models.assessment.scheme import PROGRESS_BASES, SOURCES
from workbench.models.errors import WorkbenchError

log = logging.getLogger(__name__)

RULE_NAMES = {"proportional": "按完成程度计分（封顶）", "full_or_nothing": "达标得满分", "by_rank": "按位次计分"}
BASIS_NAMES = {"time_progress": "按序时进度折算", "completion": "完成率本身（不折算）"}
ERROR_TEXT = "#a4262c"
OK_TEXT = "#1b5e20"
WEIGHT_COLUMN, RULE_COLUMN, CAP_COLUMN = 2, 3, 4
_SPLIT = re.compile(r"[、,，;；\s]+")


def weights_message(total: float) -> str | None:
    """The Chinese refusal when weights do not add up to 100 (None when they do)."""
    if abs(total - 100.0) <= 1e-6:
        return None
    return f"各指标权重合计应为 100 分，现为 {total:g} 分（{'多' if total > 100 else '少'} {abs(total - 100):g} 分），请调整后再保存。"


class SchemeDialog(QDialog):
    """Edit a scoring scheme.

    Parameters
    ----------
    scheme : ScoringScheme
        The scheme in force (the project's, or the shipped one).
    plan : workbench.models.plan.Plan
        Names and groups of the indicators; every assessed indicator gets a row.
    default : ScoringScheme, optional
        What 恢复默认 goes back to (the shipped scheme).
    parent : QWidget, optional

    Notes
    -----
    After ``accepted``, :attr:`result_text` holds the TOML text of the edited scheme.
    """

    def __init__(self, scheme: ScoringScheme, plan, default: ScoringScheme | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("评分方案"))
        self.resize(900, 640)
        self.plan, self.default = plan, default
        self.result_text: str | None = None
        self._scheme = scheme

        intro = QLabel(self.tr("权重为各指标在 100 分中的分值；“按完成程度计分”得 min(完成度, 封顶) × 权重，"
                               "“达标得满分”达到目标得满分、否则不得分，“按位次计分”按在各县（市、区）中的名次计分。"
                               "保存后用于本项目的下一次计算。"))
        intro.setWordWrap(True)
        intro.setObjectName("hint")

        self.name_edit = QLineEdit()
        self.basis_combo = QComboBox()
        for key in PROGRESS_BASES:
            self.basis_combo.addItem(self.tr(BASIS_NAMES.get(key, key)), key)
            self.basis_combo.setItemData(self.basis_combo.count() - 1, PROGRESS_BASES[key], Qt.ItemDataRole.ToolTipRole)
        self.cap_spin = self._percent_spin(100.0, 300.0)
        self.rank_points_edit = QLineEdit()
        self.rank_points_edit.setPlaceholderText(self.tr("第 1 名、第 2 名……得权重的比例，如 1、0.9、0.8"))
        general = QFormLayout()
        general.addRow(self.tr("方案名称："), self.name_edit)
        general.addRow(self.tr("完成度口径："), self.basis_combo)
        general.addRow(self.tr("默认封顶："), self.cap_spin)
        general.addRow(self.tr("按位次得分比例："), self.rank_points_edit)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr(t) for t in ("维度", "指标", "权重", "计分规则", "封顶", "说明")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.total_label = QLabel()
        self.total_label.setObjectName("weightTotal")

        self.grades_table = QTableWidget(0, 2)
        self.grades_table.setHorizontalHeaderLabels([self.tr("等级"), self.tr("最低分（空：其余）")])
        self.grades_table.verticalHeader().setVisible(False)
        self.grades_table.horizontalHeader().setStretchLastSection(True)
        self.adjust_table = QTableWidget(0, 5)
        self.adjust_table.setHorizontalHeaderLabels([self.tr(t) for t in ("类型", "名称", "来源", "每次分值", "上限")])
        self.adjust_table.verticalHeader().setVisible(False)
        self.adjust_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.adjust_table.horizontalHeader().setStretchLastSection(True)

        weights_page = QWidget()
        weights_layout = QVBoxLayout(weights_page)
        weights_layout.addWidget(self.table, 1)
        weights_layout.addWidget(self.total_label)
        self.tabs = QTabWidget()
        self.tabs.addTab(weights_page, self.tr("指标权重与规则"))
        self.tabs.addTab(self.grades_table, self.tr("等级"))
        self.tabs.addTab(self.adjust_table, self.tr("加分与扣分"))

        self.error_label = QLabel()
        self.error_label.setObjectName("schemeError")
        self.error_label.setStyleSheet(f"color: {ERROR_TEXT};")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存并重新计算"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.defaults_button = QPushButton(self.tr("恢复默认"))
        self.defaults_button.setToolTip(self.tr("恢复为随软件提供的评分方案"))
        self.defaults_button.setEnabled(default is not None)
        self.load_button = QPushButton(self.tr("从文件读取…"))
        self.save_file_button = QPushButton(self.tr("另存为文件…"))
        for button in (self.defaults_button, self.load_button, self.save_file_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ResetRole)
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.load_button.clicked.connect(self._ask_load)
        self.save_file_button.clicked.connect(self._ask_save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(general)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.set_scheme(scheme)

    # ------------------------------------------------------------ filling
    def _percent_spin(self, maximum_default: float, maximum: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setDecimals(0)
        spin.setRange(0.0, maximum)
        spin.setSuffix("%")
        spin.setValue(maximum_default)
        return spin

    def set_scheme(self, scheme: ScoringScheme) -> None:
        """Show ``scheme`` in the editors."""
        self._scheme = scheme
        self.name_edit.setText(scheme.name)
        self.basis_combo.setCurrentIndex(max(self.basis_combo.findData(scheme.progress_basis), 0))
        self.cap_spin.setValue(scheme.default_cap * 100)
        self.rank_points_edit.setText("、".join(f"{p:g}" for p in scheme.rank_points))
        self._fill_indicators(scheme)
        self._fill_grades(scheme)
        self._fill_adjustments(scheme)
        self.error_label.hide()
        self._update_total()

    def _fill_indicators(self, scheme: ScoringScheme) -> None:
        rules = {r.code: r for r in scheme.indicators}
        codes = [ind.code for ind in self.plan.indicators if ind.assessed or ind.code in rules]
        codes += [code for code in rules if code not in codes]
        self.codes = codes
        self._rules = rules
        self.table.setRowCount(len(codes))
        for row, code in enumerate(codes):
            try:
                ind = self.plan.indicator(code)
                group, name = self.plan.groups.get(ind.group, ind.group), ind.name
            except (KeyError, ValueError):
                group, name = "", code
            rule = rules.get(code)
            for column, text in ((0, group), (1, name)):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{text}（{code}）" if column == 1 else text)
                self.table.setItem(row, column, item)
            weight = QDoubleSpinBox()
            weight.setDecimals(1)
            weight.setRange(0.0, 100.0)
            weight.setSingleStep(0.5)
            weight.setValue(rule.weight if rule else 0.0)
            weight.setToolTip(self.tr("权重为 0 的指标不计分"))
            weight.valueChanged.connect(self._update_total)
            self.table.setCellWidget(row, WEIGHT_COLUMN, weight)
            combo = QComboBox()
            for key, label in RULE_NAMES.items():
                combo.addItem(self.tr(label), key)
            combo.setCurrentIndex(max(combo.findData(rule.rule if rule else "proportional"), 0))
            self.table.setCellWidget(row, RULE_COLUMN, combo)
            cap = self._percent_spin(0.0, 300.0)
            cap.setSpecialValueText(self.tr("默认"))
            cap.setValue(rule.cap * 100 if rule and rule.cap is not None else 0.0)
            cap.setToolTip(self.tr("“按完成程度计分”最多得权重的百分之几；“默认”即上方的默认封顶"))
            self.table.setCellWidget(row, CAP_COLUMN, cap)
            combo.currentIndexChanged.connect(lambda _i, c=combo, s=cap: s.setEnabled(c.currentData() == "proportional"))
            cap.setEnabled(combo.currentData() == "proportional")
            self.table.setItem(row, 5, QTableWidgetItem(rule.note if rule else ""))
            self.table.item(row, 5).setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        for row in range(len(codes)):
            for column in (0, 1):
                self.table.item(row, column).setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 200))
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 260))

    def _fill_grades(self, scheme: ScoringScheme) -> None:
        self.grades_table.setRowCount(len(scheme.grades))
        for row, (name, lower) in enumerate(scheme.grades):
            self.grades_table.setItem(row, 0, QTableWidgetItem(name))
            self.grades_table.setItem(row, 1, QTableWidgetItem(f"{lower:g}" if math.isfinite(lower) else ""))

    def _fill_adjustments(self, scheme: ScoringScheme) -> None:
        self.adjust_table.setRowCount(len(scheme.adjustments))
        for row, item in enumerate(scheme.adjustments):
            texts = (self.tr("加分") if item.kind == "bonus" else self.tr("扣分"), item.name,
                     SOURCES.get(item.source, item.source), f"{item.points:g}", f"{item.max:g}")
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                if column < 3:
                    cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    cell.setToolTip(item.note or text)
                self.adjust_table.setItem(row, column, cell)

    # ------------------------------------------------------------ editing
    def weight_spin(self, code: str) -> QDoubleSpinBox:
        return self.table.cellWidget(self.codes.index(code), WEIGHT_COLUMN)

    def set_weight(self, code: str, weight: float) -> None:
        """Set an indicator's weight, as typing it does."""
        self.weight_spin(code).setValue(weight)

    def set_rule(self, code: str, rule: str, cap: float | None = None) -> None:
        """Set an indicator's rule (and cap, a fraction such as 1.2) as the editors do."""
        row = self.codes.index(code)
        combo = self.table.cellWidget(row, RULE_COLUMN)
        combo.setCurrentIndex(combo.findData(rule))
        self.table.cellWidget(row, CAP_COLUMN).setValue(0.0 if cap is None else cap * 100)

    def weight_total(self) -> float:
        return round(sum(self.table.cellWidget(r, WEIGHT_COLUMN).value() for r in range(self.table.rowCount())), 6)

    def _update_total(self) -> None:
        total = self.weight_total()
        ok = weights_message(total) is None
        self.total_label.setText(self.tr("权重合计：{total} 分{hint}").format(
            total=f"{total:g}", hint="" if ok else self.tr("（应为 100 分）")))
        self.total_label.setStyleSheet(f"color: {OK_TEXT if ok else ERROR_TEXT}; font-weight: bold;")
        self.error_label.hide()

    def edited_scheme(self) -> ScoringScheme:
        """The scheme as edited; :class:`ScoringSchemeError` (Chinese) when it cannot be used."""
        message = weights_message(self.weight_total())
        if message:
            raise ScoringSchemeError(message)
        indicators = []
        for row, code in enumerate(self.codes):
            weight = self.table.cellWidget(row, WEIGHT_COLUMN).value()
            if weight <= 0:
                continue
            rule = self.table.cellWidget(row, RULE_COLUMN).currentData()
            cap = self.table.cellWidget(row, CAP_COLUMN).value()
            old = self._rules.get(code)
            indicators.append(IndicatorRule(
                code, float(weight), rule, cap / 100 if rule == "proportional" and cap > 0 else None,
                old.rank_points if old is not None and rule == "by_rank" else None,
                (self.table.item(row, 5).text() if self.table.item(row, 5) else "").strip()))
        scheme = replace(self._scheme, name=self.name_edit.text().strip() or self._scheme.name,
                         progress_basis=self.basis_combo.currentData(), default_cap=self.cap_spin.value() / 100,
                         rank_points=self._rank_points(), indicators=tuple(indicators), grades=self._grades(),
                         adjustments=self._adjustments())
        return parse_scheme(dump_scheme(scheme), self.tr("评分方案"))

    def _rank_points(self) -> tuple[float, ...]:
        items = [t for t in _SPLIT.split(self.rank_points_edit.text().strip()) if t]
        try:
            return tuple(float(t) for t in items)
        except ValueError:
            raise ScoringSchemeError(self.tr("按位次得分比例应为用顿号分隔的数值，如 1、0.9、0.8")) from None

    def _grades(self) -> tuple[tuple[str, float], ...]:
        grades = []
        for row in range(self.grades_table.rowCount()):
            name = (self.grades_table.item(row, 0).text() if self.grades_table.item(row, 0) else "").strip()
            text = (self.grades_table.item(row, 1).text() if self.grades_table.item(row, 1) else "").strip()
            if not name:
                raise ScoringSchemeError(self.tr("第 {n} 个等级没有名称").format(n=row + 1))
            try:
                lower = float(text) if text else -math.inf
            except ValueError:
                raise ScoringSchemeError(self.tr("等级“{name}”的最低分“{text}”不是数值").format(
                    name=name, text=text)) from None
            grades.append((name, lower))
        return tuple(sorted(grades, key=lambda g: -g[1]))

    def _adjustments(self) -> tuple[Adjustment, ...]:
        out = []
        for row, item in enumerate(self._scheme.adjustments):
            values = []
            for column in (3, 4):
                text = self.adjust_table.item(row, column).text().strip()
                try:
                    values.append(float(text))
                except ValueError:
                    raise ScoringSchemeError(self.tr("“{name}”的分值“{text}”不是数值").format(
                        name=item.name, text=text)) from None
            name = self.adjust_table.item(row, 1).text().strip() or item.name
            out.append(replace(item, name=name, points=values[0], max=values[1]))
        return tuple(out)

    def restore_defaults(self) -> None:
        """Show the shipped scheme again (saved on OK)."""
        if self.default is not None:
            self.set_scheme(self.default)

    # ------------------------------------------------------------ files
    def load_file(self, path: str | Path) -> bool:
        """Show the scheme in a TOML file; a file that cannot be used is refused with its message."""
        try:
            self.set_scheme(load_scheme(Path(path)))
        except ScoringSchemeError as exc:
            self._refuse(str(exc))
            return False
        return True

    def save_file(self, path: str | Path) -> bool:
        try:
            Path(path).write_text(dump_scheme(self.edited_scheme()), encoding="utf-8")
        except (ScoringSchemeError, OSError) as exc:
            self._refuse(str(exc))
            return False
        return True

    def _ask_load(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("读取评分方案"), "", self.tr("评分方案 (*.toml)"))
        if path:
            self.load_file(path)

    def _ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("另存评分方案"), self.tr("评分方案.toml"),
                                              self.tr("评分方案 (*.toml)"))
        if path:
            self.save_file(path)

    # ------------------------------------------------------------ out
    def accept(self) -> None:
        try:
            self.result_text = dump_scheme(self.edited_scheme())
        except ScoringSchemeError as exc:
            self._refuse(str(exc))
            return
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


class SetSchemeCommand(QUndoCommand):
    """Store an edited scheme (TOML text, or None for the shipped one) in the project; undo puts the old one back.

    Parameters
    ----------
    project : Project
    text : str or None
    on_change : callable, optional
        Called after redo and undo (the page calculates again).
    """

    def __init__(self, project, text: str | None, on_change: Callable[[], object] | None = None):
        super().__init__(QCoreApplication.translate("SchemeDialog", "修改评分方案"))
        self.project, self.text, self._on_change = project, text, on_change
        self.previous = project.get_setting(SCHEME_KEY)

    def _store(self, text: str | None) -> None:
        try:
            self.project.set_setting(SCHEME_KEY, text)
        except WorkbenchError as exc:  # the project was closed meanwhile
            log.warning("无法保存评分方案：%s", exc)
            self.setObsolete(True)
            return
        if self._on_change is not None:
            self._on_change()

    def redo(self) -> None:
        self._store(self.text)

    def undo(self) -> None:
        self._store(self.previous)
