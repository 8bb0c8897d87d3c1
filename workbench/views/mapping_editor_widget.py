"""The editor under the mapping table: indicator, unit and basis of the selected column.

Every change the user makes here is a decision the view commits at once (through the
undo stack): picking an indicator, a unit or a basis, or pressing 确认 / 忽略 /
恢复自动识别. The widget only gathers the choice and emits :attr:`sig_decided`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from workbench.models.mapping import BASES
from workbench.models.mapping_review import BASIS_LABELS, ColumnReview
from workbench.models.plan import Plan
from workbench.models.units import UNITS, dimension
from workbench.views.indicator_combo import IndicatorCombo


class MappingEditorWidget(QWidget):
    """Edit the mapping of one column.

    Signals
    -------
    sig_decided(dict or None)
        ``{"indicator": code}``, ``{"unit": unit}``, ``{"basis_override": key or None}``,
        ``{"confirm": True}``, ``{"ignored": True}``, or None to forget the decision.
    """

    sig_decided = Signal(object)

    def __init__(self, plan: Plan | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._plan = plan
        self._review: ColumnReview | None = None
        self.header_label = QLabel()
        self.header_label.setObjectName("hint")
        self.header_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.indicator_combo = IndicatorCombo(plan)
        self.indicator_combo.setToolTip(self.tr("这一列（行）对应的计划指标；可输入名称、简称或同义词查找"))
        self.unit_combo = QComboBox()
        self.basis_combo = QComboBox()
        for combo, letters in ((self.unit_combo, 5), (self.basis_combo, 12)):  # the longest choice fits
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(letters)
        self.basis_combo.setToolTip(self.tr("数值的口径；“按表头”即按表头文字判断"))
        self.confirm_button = QPushButton(self.tr("确认"))
        self.confirm_button.setToolTip(self.tr("确认这一列按所示指标、单位和口径读取"))
        self.ignore_button = QPushButton(self.tr("忽略"))
        self.ignore_button.setToolTip(self.tr("这一列不是考核数据，不读取"))
        self.reset_button = QPushButton(self.tr("恢复自动识别"))
        self.reset_button.setToolTip(self.tr("撤回对这一列的确认或修改"))

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(QLabel(self.tr("指标：")))
        row.addWidget(self.indicator_combo, 1)
        row.addSpacing(8)
        row.addWidget(QLabel(self.tr("单位：")))
        row.addWidget(self.unit_combo)
        row.addSpacing(8)
        row.addWidget(QLabel(self.tr("口径：")))
        row.addWidget(self.basis_combo)
        row.addSpacing(8)
        row.addWidget(self.confirm_button)
        row.addWidget(self.ignore_button)
        row.addWidget(self.reset_button)

        self.indicator_combo.sig_indicator_chosen.connect(self._on_indicator)
        self.unit_combo.activated.connect(self._on_unit)
        self.basis_combo.activated.connect(self._on_basis)
        self.confirm_button.clicked.connect(lambda: self.sig_decided.emit({"confirm": True}))
        self.ignore_button.clicked.connect(lambda: self.sig_decided.emit({"ignored": True}))
        self.reset_button.clicked.connect(lambda: self.sig_decided.emit(None))
        self.show_review(None)

    def set_plan(self, plan: Plan) -> None:
        self._plan = plan
        self.indicator_combo.set_plan(plan)

    @property
    def review(self) -> ColumnReview | None:
        return self._review

    def show_review(self, review: ColumnReview | None) -> None:
        """Show the mapping of one column (None: nothing selected, all disabled)."""
        self._review = review
        for widget in (self.indicator_combo, self.unit_combo, self.basis_combo, self.confirm_button,
                       self.ignore_button, self.reset_button):
            widget.setEnabled(review is not None)
        if review is None:
            self.indicator_combo.set_code(None)
            self.unit_combo.clear()
            self.basis_combo.clear()
            return
        self.indicator_combo.set_code(None if review.ignored else review.indicator or review.suggested)
        self._fill_units(review)
        self._fill_bases(review)
        self.confirm_button.setEnabled(review.status != "confirmed" and bool(review.indicator or review.suggested))
        self.ignore_button.setEnabled(not review.ignored)
        self.reset_button.setEnabled(review.decided)

    def _fill_units(self, review: ColumnReview) -> None:
        self.unit_combo.clear()
        target = None
        if self._plan is not None and (review.indicator or review.suggested):
            code = review.indicator or review.suggested
            target = next((i.unit for i in self._plan.indicators if i.code == code), None)
        family = dimension(target) if target else None
        units = [name for name, unit in UNITS.items() if family is None or unit.dimension == family]
        if review.unit and review.unit not in units:
            units.insert(0, review.unit)
        self.unit_combo.addItem(self.tr("（未注明）"), None)
        for unit in units:
            self.unit_combo.addItem(unit, unit)
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(review.unit), 0))
        self.unit_combo.setEnabled(not review.unit_stated and not review.ignored)
        self.unit_combo.setToolTip(self.tr("报表中注明了单位，以报表为准") if review.unit_stated
                                   else self.tr("报表中没有注明单位：请确认原表的单位"))

    def _fill_bases(self, review: ColumnReview) -> None:
        self.basis_combo.clear()
        header = BASIS_LABELS.get(review.basis or "", "") if not review.basis_override else ""
        self.basis_combo.addItem(self.tr("按表头") + (f"（{header}）" if header else ""), None)
        for key, label in BASES.items():
            self.basis_combo.addItem(label, key)
        self.basis_combo.setCurrentIndex(max(self.basis_combo.findData(review.basis_override), 0))
        self.basis_combo.setEnabled(not review.ignored)

    def _on_indicator(self, code: str) -> None:
        if self._review is not None and code != self._review.indicator:
            self.sig_decided.emit({"indicator": code})

    def _on_unit(self, row: int) -> None:
        unit = self.unit_combo.itemData(row)
        if self._review is not None and unit != self._review.unit:
            self.sig_decided.emit({"unit": unit})

    def _on_basis(self, row: int) -> None:
        key = self.basis_combo.itemData(row)
        if self._review is not None and key != self._review.basis_override:
            self.sig_decided.emit({"basis_override": key})
