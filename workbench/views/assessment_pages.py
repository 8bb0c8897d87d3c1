"""A page per county (all its indicators) and a page per indicator (all units, with a bar chart).

Both pages read the assessment the view hands them (:meth:`set_assessment`) and emit
``sig_cell_selected(indicator_code, region_code)`` when a row is chosen, so the page's
shared :class:`~workbench.views.assessment_detail.CellDetail` can show it.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.models.charts.history import completion_figure
from workbench.models.charts.labels import MISSING, missing
from workbench.views.assessment_tables import StatusFrameModel, county_frame, indicator_frame, rank_change_text
from workbench.views.dataframe_model import SORT_ROLE
from workbench.views.style import fit_columns, style_table


def _table(model: StatusFrameModel, owner: QWidget) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(owner)  # owned by the page: never left to Python's garbage collector
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView()
    table.setModel(proxy)
    style_table(table)
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    return table, proxy


class _Page(QWidget):
    sig_cell_selected = Signal(str, str)
    """(indicator_code, region_code) of the row chosen."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.assessment = None
        self.groups: dict[str, str] = {}
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(12)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.model = StatusFrameModel(parent=self)
        self.table, self.proxy = _table(self.model, self)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.combo.currentIndexChanged.connect(lambda _i: self.refresh())

    def _on_row(self, current, _previous) -> None:
        if not current.isValid():
            return
        indicator, region = self.model.key(self.proxy.mapToSource(current).row())
        if indicator and region:
            self.sig_cell_selected.emit(indicator, region)

    def _finish_table(self) -> None:
        for column in self.model.hidden_columns():
            self.table.setColumnHidden(column, True)
        fit_columns(self.table, {self.model.column_number("说明"): 320} if "说明" in self.model.dataframe else None)

    def current_key(self) -> str | None:
        return self.combo.currentData()

    def select(self, key: str) -> bool:
        """Show the page of ``key`` (a region code or an indicator code)."""
        index = self.combo.findData(key)
        if index < 0:
            return False
        self.combo.setCurrentIndex(index)
        return True

    def shown_rows(self) -> list[dict]:
        """The table as shown, one dict per row by column title (for tests)."""
        columns = {self.proxy.headerData(c, Qt.Orientation.Horizontal): c for c in range(self.proxy.columnCount())
                   if not self.table.isColumnHidden(c)}
        return [{name: self.proxy.index(r, c).data() for name, c in columns.items()}
                for r in range(self.proxy.rowCount())]

    def refresh(self) -> None:
        raise NotImplementedError


class CountyPage(_Page):
    """Every indicator of one unit: figures, status, score and the previous quarter's status."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("地区：")))
        chooser.addWidget(self.combo)
        chooser.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(chooser)
        layout.addWidget(self.table, 1)

    def set_assessment(self, assessment, groups: dict[str, str] | None = None) -> None:
        self.assessment, self.groups = assessment, groups or {}
        keep = self.current_key()
        self.combo.blockSignals(True)
        self.combo.clear()
        if assessment is not None:
            units = assessment.rows.drop_duplicates("region_code")
            for code, name in zip(units["region_code"].astype(str), units["region_name"].astype(str)):
                self.combo.addItem(name, code)
            found = self.combo.findData(keep) if keep else -1
            counties = [i for i in range(self.combo.count()) if self.combo.itemData(i) in
                        set(assessment.counties["region_code"].astype(str))]
            self.combo.setCurrentIndex(found if found >= 0 else (counties[0] if counties else 0))
        self.combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        a, region = self.assessment, self.current_key()
        if a is None or region is None:
            self.model.set_dataframe(pd.DataFrame())
            self.summary.clear()
            return
        previous = a.previous.rows if a.previous is not None else None
        self.model.set_dataframe(county_frame(a.rows, region, previous, self.groups))
        self._finish_table()
        county = a.counties[a.counties["region_code"].astype(str) == region]
        if len(county):
            c = county.iloc[0]
            change = rank_change_text(c.get("rank_change")) or self.tr("（无上期）")
            self.summary.setText(self.tr(
                "总分 <b>{total}</b>　第 <b>{rank}</b> 名（共 {n} 个）　较上期 {change}　等级 <b>{grade}</b>　"
                "<span style='color:#5f6b7a'>指标得分 {base}，加分 {bonus}，扣分 {deduction}</span>").format(
                total=_num(c.get("total_score")), rank=MISSING if missing(c.get("rank")) else int(c["rank"]),
                n=len(a.counties), change=change, grade=c.get("grade") or MISSING, base=_num(c.get("base_score")),
                bonus=_num(c.get("bonus")), deduction=_num(c.get("deduction"))))
        else:
            self.summary.setText(self.tr("<span style='color:#5f6b7a'>全市不参与县（市、区）排名，只看各指标的完成情况。</span>"))


class IndicatorPage(_Page):
    """One indicator in every unit: a table and a bar chart of completion with the 序时进度 line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.figure = completion_figure(pd.DataFrame(columns=["kind"]))
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumSize(360, 240)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("指标：")))
        chooser.addWidget(self.combo)
        chooser.addWidget(self.summary, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.canvas)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(chooser)
        layout.addWidget(self.splitter, 1)

    def set_assessment(self, assessment, groups: dict[str, str] | None = None) -> None:
        self.assessment, self.groups = assessment, groups or {}
        keep = self.current_key()
        self.combo.blockSignals(True)
        self.combo.clear()
        if assessment is not None:
            first = assessment.rows.drop_duplicates("indicator_code")
            names = first["short_name"] if "short_name" in first else first["indicator_name"]
            for code, name, full in zip(first["indicator_code"].astype(str), names.astype(str),
                                        first["indicator_name"].astype(str)):
                self.combo.addItem(name, code)
                self.combo.setItemData(self.combo.count() - 1, full, Qt.ItemDataRole.ToolTipRole)
            found = self.combo.findData(keep) if keep else -1
            self.combo.setCurrentIndex(max(found, 0))
        self.combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        a, code = self.assessment, self.current_key()
        if a is None or code is None:
            self.model.set_dataframe(pd.DataFrame())
            self.summary.clear()
            completion_figure(pd.DataFrame(columns=["kind"]), figure=self.figure)
            self.canvas.draw_idle()
            return
        previous = a.previous.rows if a.previous is not None else None
        self.model.set_dataframe(indicator_frame(a.rows, code, previous))
        self._finish_table()
        rows = a.rows[a.rows["indicator_code"].astype(str) == code]
        first = rows.iloc[0]
        rule = a.scheme.rule(code) if getattr(a, "scheme", None) is not None else None
        weight = self.tr("权重 {w} 分").format(w=f"{rule.weight:g}") if rule else self.tr("不计分")
        self.summary.setText(self.tr("{name}　<span style='color:#5f6b7a'>牵头：{lead}　{weight}　{group}</span>").format(
            name=first["indicator_name"], lead=first["lead"], weight=weight,
            group=self.groups.get(first["group"], first.get("group_name", ""))))
        completion_figure(rows, title=self.tr("{name}：各地区{what}（{at}）").format(
            name=first.get("short_name") or first["indicator_name"],
            what=self.tr("完成率与序时进度") if first["kind"] in ("cumulative", "stock") else self.tr("实际与目标"),
            at=a.at), figure=self.figure)
        self.canvas.draw_idle()


def _num(value) -> str:
    return MISSING if missing(value) else f"{float(value):.2f}"
