"""The growth index page's ranking: the table of counties and, beside it, the method and the estimates.

The table shows :func:`workbench.models.index.index_report.report_table` (the index, the
dimension indices, the rank, the change on the same period a year earlier, the values
estimated) through a :class:`~workbench.views.dataframe_model.DataFrameModel`, sized to its
rows and columns so every county is in view without scrolling.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from workbench.models.charts.labels import rank_change_text
from workbench.models.index.index_report import report_table
from workbench.views.dataframe_model import DataFrameModel
from workbench.views.style import style_table

EMPTY_COLUMNS = ["排名", "地区", "成长指数", "同比（点）", "排名变化"]


def _one_decimal(value) -> str:
    return f"{float(value):.1f}"


def _signed(value) -> str:
    value = round(float(value), 1)
    return f"{value if value != 0 else 0.0:+.1f}"  # never "-0.0"


def _moved(value) -> str:
    return rank_change_text(value)


def table_formats(frame: pd.DataFrame, index) -> dict:
    """Cell formats of the ranking table: one decimal, signed changes, arrows for rank moves."""
    fw = index.framework
    formats = {name: _one_decimal for name in [fw.index_name, *(d.name for d in fw.dimensions)]}
    formats.update({"同比（点）": _signed, "排名变化": _moved, "排名": lambda v: str(int(v))})
    return {k: v for k, v in formats.items() if k in frame.columns}


class IndexRankingPanel(QWidget):
    """县（市、区）排名: the table, and the method and the estimated values beside it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = DataFrameModel(pd.DataFrame(columns=EMPTY_COLUMNS), parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        style_table(self.table)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.title = QLabel(self.tr("县（市、区）排名"))
        self.title.setObjectName("sectionTitle")
        self.note_label = QLabel()
        self.note_label.setObjectName("hint")
        self.note_label.setWordWrap(True)
        self.note_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.table, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        row.addWidget(self.note_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row, 1)
        self._fit()

    def show_index(self, index) -> None:
        """Show the ranking of a ProjectIndex (None: an empty table)."""
        if index is None:
            self.model.set_dataframe(pd.DataFrame(columns=EMPTY_COLUMNS))
            self.note_label.clear()
        else:
            frame = report_table(index)
            self.model = DataFrameModel(frame, formats=table_formats(frame, index), parent=self)
            self.table.setModel(self.model)
            self.note_label.setText(self._notes(index))
        self._fit()

    def _fit(self) -> None:
        """Every column to its contents, the table exactly as large as its rows and columns."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(header.count()):
            header.resizeSection(column, header.sectionSize(column) + 14)
        frame = 2 * self.table.frameWidth()
        self.table.setFixedSize(header.length() + frame + 2,
                                self.table.verticalHeader().length() + header.sizeHint().height() + frame + 2)
        # a word-wrapped note beside the table leaves the layout unsure of the height: say it
        self.setMinimumHeight(self.title.sizeHint().height() + self.layout().spacing() + self.table.height())

    def _notes(self, index) -> str:
        if index.spec.normalise == "base":
            lines = [self.tr("方法：数量类指标按常住人口折算为每万人，增速换算为发展速度；各指标除以基期各县（市、区）"
                             "平均值再乘以 100，维度内、维度间加权平均。基期：{base} = 100。").format(base=index.base_text)]
        else:
            lines = [self.tr("方法：{method}。").format(method=index.spec.describe())]
        for flag in index.flags.itertuples():
            lines.append(self.tr("估算：{region}“{name}”{reason}，以其他县（市、区）的平均值代替。").format(
                region=flag.region_name, name=flag.indicator_name, reason=flag.reason))
        lines += index.notes
        return "\n".join(lines)
