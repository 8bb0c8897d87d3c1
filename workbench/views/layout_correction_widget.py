"""The bar above the import preview where the user corrects a sheet's detected layout.

It shows what the finder decided for the sheet (header rows, orientation, region column
or row) and lets the user change it; 应用并记住 hands a
:class:`~workbench.models.layout.corrections.LayoutCorrection` to whoever listens. Rows
and columns are shown 1-based, as in the preview's headers (columns as letters).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from workbench.models.layout.corrections import LayoutCorrection
from workbench.models.layout.tables import Table
from workbench.views.sheet_preview_model import column_letters

ORIENTATIONS = (
    (None, "自动识别"),
    ("rows", "地区在行"),
    ("columns", "地区在列"),
    ("long", "长表"),
)


def _column_number(text: str) -> int:
    number = 0
    for ch in text:
        number = number * 26 + ord(ch) - 64
    return number


class AxisSpinBox(QSpinBox):
    """A 1-based row number, or a column shown as its letters (A, B, … AA)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._columns = True

    @property
    def columns(self) -> bool:
        return self._columns

    def set_columns(self, columns: bool) -> None:
        """Show columns (letters) or rows (numbers)."""
        self._columns = columns
        self.lineEdit().setText(self.textFromValue(self.value()))

    def textFromValue(self, value: int) -> str:
        return column_letters(value - 1) if self._columns and value >= 1 else str(value)

    def valueFromText(self, text: str) -> int:
        text = text.strip().upper()
        if text.isdigit():
            return int(text)
        if text.isascii() and text.isalpha():
            return _column_number(text)
        return self.value()

    def validate(self, text: str, pos: int):
        folded = text.strip().upper()
        if not folded:
            return QValidator.State.Intermediate, text, pos
        if folded.isdigit() or (self._columns and folded.isascii() and folded.isalpha()):
            value = self.valueFromText(folded)
            state = QValidator.State.Acceptable if self.minimum() <= value <= self.maximum() \
                else QValidator.State.Intermediate
            return state, text, pos
        return QValidator.State.Invalid, text, pos


class LayoutCorrectionWidget(QWidget):
    """表头行 / 方向 / 地区所在列 controls with 应用并记住 and 恢复自动识别.

    Parameters
    ----------
    parent : QWidget, optional
    """

    sig_apply = Signal(object)
    """The user applied a :class:`LayoutCorrection` (possibly an empty one)."""
    sig_reset = Signal()
    """The user asked to forget the saved correction and detect the layout again."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("correctionBar")
        self.header_first = QSpinBox()
        self.header_first.setSpecialValueText(self.tr("自动"))
        self.header_first.setToolTip(self.tr("表头的第一行（行号见预览左侧）；“自动”表示由程序识别"))
        self.header_last = QSpinBox()
        self.header_last.setToolTip(self.tr("表头的最后一行；其下（栏次行之后）即为数据"))
        self.orientation = QComboBox()
        for key, label in ORIENTATIONS:
            self.orientation.addItem(self.tr(label), key)
        self.orientation.setToolTip(self.tr("地区在行：每行一个县（市、区）；地区在列：每列一个县（市、区）；"
                                            "长表：每行一个地区和一项指标"))
        self.axis_label = QLabel(self.tr("地区所在列"))
        self.axis = AxisSpinBox()
        self.axis.setMinimum(1)
        self.axis.setToolTip(self.tr("地区名称所在的列（地区在行、长表）或行（地区在列）"))
        self.apply_button = QPushButton(self.tr("应用并记住"))
        self.apply_button.setToolTip(self.tr("按此表式重新识别本工作表，并记住：以后表式相同的报表自动套用"))
        self.reset_button = QPushButton(self.tr("恢复自动识别"))
        self.reset_button.setToolTip(self.tr("忘记为此表式保存的更正，重新自动识别"))
        self.reset_button.setEnabled(False)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(QLabel(self.tr("表头行")))
        layout.addWidget(self.header_first)
        self.to_label = QLabel(self.tr("至"))
        layout.addWidget(self.to_label)
        layout.addWidget(self.header_last)
        layout.addSpacing(12)
        layout.addWidget(QLabel(self.tr("方向")))
        layout.addWidget(self.orientation)
        layout.addSpacing(12)
        layout.addWidget(self.axis_label)
        layout.addWidget(self.axis)
        layout.addSpacing(12)
        layout.addWidget(self.apply_button)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)

        self.header_first.valueChanged.connect(self._on_first_changed)
        self.orientation.currentIndexChanged.connect(self._on_orientation_changed)
        self.apply_button.clicked.connect(lambda: self.sig_apply.emit(self.correction()))
        self.reset_button.clicked.connect(self.sig_reset.emit)
        self.set_sheet_size(0, 0)

    # -- in --

    def set_sheet_size(self, rows: int, columns: int) -> None:
        """Limit the spin boxes to the sheet's rows and columns."""
        self.header_first.setRange(0, max(rows, 1))
        self.header_last.setRange(1, max(rows, 1))
        self._rows, self._columns = max(rows, 1), max(columns, 1)
        self._on_orientation_changed()

    def show_layout(self, table: Table | None, saved: LayoutCorrection | None = None) -> None:
        """Fill the controls with the saved correction, else with what the finder found in ``table``."""
        header = list(saved.header_rows) if saved and saved.header_rows else (table.header_rows if table else [])
        if saved and saved.orientation:
            orientation = saved.orientation
        else:
            orientation = table.orientation if table and table.orientation in ("rows", "columns", "long") else None
        axis = saved.region_axis if saved and saved.region_axis is not None else None
        if axis is None and table is not None:
            if orientation == "columns":
                axis = table.region_row
            elif orientation in ("rows", "long"):
                axis = table.long.region if table.long is not None else table.label_col
        self.header_first.setValue(header[0] + 1 if header else 0)
        self.header_last.setValue(header[-1] + 1 if header else 1)
        self.orientation.setCurrentIndex(max(0, self.orientation.findData(orientation)))
        self._on_orientation_changed()
        self.axis.setValue((axis or 0) + 1)
        self.reset_button.setEnabled(saved is not None)

    # -- out --

    def correction(self) -> LayoutCorrection:
        """The correction the controls describe (0-based)."""
        first = self.header_first.value()
        header = None
        if first >= 1:
            last = max(first, self.header_last.value())
            header = tuple(range(first - 1, last))
        orientation = self.orientation.currentData()
        axis = self.axis.value() - 1 if orientation is not None else None
        return LayoutCorrection(header, orientation, axis)

    # -- internals --

    def _on_first_changed(self, value: int) -> None:
        self.header_last.setEnabled(value >= 1)
        self.to_label.setEnabled(value >= 1)
        if value >= 1 and self.header_last.value() < value:
            self.header_last.setValue(value)

    def _on_orientation_changed(self, *_args) -> None:
        orientation = self.orientation.currentData()
        columns = orientation != "columns"
        self.axis_label.setText(self.tr("地区所在列") if columns else self.tr("地区所在行"))
        self.axis.setMaximum(self._columns if columns else self._rows)
        self.axis.set_columns(columns)
        self.axis.setEnabled(orientation is not None)
        self.axis_label.setEnabled(orientation is not None)
