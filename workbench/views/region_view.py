"""地区: the city, its counties and functional zones, and a box to try the label resolver.

Run alone with ``python -m workbench.views.region_view``.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.models.regions import LEVELS, RegionResolver, RegionTable, Resolution, load_regions
from workbench.views.dataframe_model import DataFrameFilterProxyModel, DataFrameModel
from workbench.views.style import PAGE_MARGINS, fit_columns, style_table

COLUMNS = ("代码", "名称", "简称", "级别", "上级", "别名")
UNKNOWN_COLOUR = "#c62828"
KNOWN_COLOUR = "#2e7d32"


def region_frame(table: RegionTable) -> pd.DataFrame:
    """One row per region, with the columns the region table shows.

    ``上级`` names the parent when it is in the table, otherwise gives its code.
    """
    names = {r.code: r.name for r in table.regions}
    rows = [
        {
            "代码": r.code,
            "名称": r.name,
            "简称": r.short_name,
            "级别": LEVELS.get(r.level, r.level),
            "上级": names.get(r.parent, r.parent),
            "别名": "、".join(r.aliases),
        }
        for r in table.regions
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


class RegionView(QWidget):
    """The region table and a "试解析" box showing what the resolver makes of a label.

    Parameters
    ----------
    table : RegionTable, optional
        The regions; the shipped table when omitted.
    aliases : dict, optional
        Extra ``label -> code`` pairs a project has recorded.
    parent : QWidget, optional
    """

    sig_resolved = Signal(object)
    """The :class:`~workbench.models.regions.Resolution` of the label typed in the box."""

    def __init__(
        self,
        table: RegionTable | None = None,
        aliases: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._table = table if table is not None else load_regions()
        self._resolver = RegionResolver(self._table, aliases)

        title = QLabel(self.tr("地区"))
        title.setObjectName("pageTitle")
        self.facts_label = QLabel()
        self.facts_label.setObjectName("pageSubtitle")

        self.model = DataFrameModel(region_frame(self._table), parent=self)
        self.proxy = DataFrameFilterProxyModel(parent=self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        style_table(self.table)
        fit_columns(self.table)

        self.resolve_edit = QLineEdit()
        self.resolve_edit.setPlaceholderText(self.tr("输入报表中的地区写法，如“嘉兴市 南 湖 区”“海宁”“合计”"))
        self.resolve_edit.setClearButtonEnabled(True)
        self.result_label = QLabel()
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.normalised_label = QLabel()
        self.normalised_label.setObjectName("hint")

        form = QFormLayout()
        form.addRow(self.tr("试解析："), self.resolve_edit)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result_label)
        result_row.addSpacing(16)
        result_row.addWidget(self.normalised_label, 1)
        form.addRow(self.tr("结果："), result_row)

        hint = QLabel(
            self.tr(
                "解析时会去掉“浙江省”“嘉兴市”等前缀、字间空格和序号，把全角字符和繁体字统一，"
                "但不会猜测：表中没有的写法一律显示“未识别”，须在映射时确认。"
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(title)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(hint)

        self.resolve_edit.textChanged.connect(self._on_label_changed)
        self._update_facts()
        self._show(None)

    # -- public --

    @property
    def region_table(self) -> RegionTable:
        return self._table

    def set_aliases(self, aliases: dict[str, str] | None) -> None:
        """Use a project's recorded aliases besides the table's own names."""
        self._resolver = RegionResolver(self._table, aliases)
        self._on_label_changed(self.resolve_edit.text())

    def resolve(self, label: str) -> Resolution:
        """Type ``label`` into the box and return what the resolver made of it."""
        self.resolve_edit.setText(label)
        return self._resolver.resolve(label)

    # -- internals --

    def _update_facts(self) -> None:
        t = self._table
        self.facts_label.setText(
            self.tr("{city}（{code}） · {counties} 个县（市、区） · {zones} 个功能区").format(
                city=t.city.name, code=t.city.code, counties=len(t.counties), zones=len(t.zones)
            )
        )

    def _on_label_changed(self, text: str) -> None:
        if not text.strip():
            self._show(None)
            self.table.clearSelection()
            return
        resolution = self._resolver.resolve(text)
        self._show(resolution)
        self.sig_resolved.emit(resolution)

    def _show(self, resolution: Resolution | None) -> None:
        if resolution is None:
            self.result_label.setText(self.tr("—"))
            self.result_label.setStyleSheet("")
            self.normalised_label.clear()
            return
        if resolution.known:
            region = self._table.by_code(resolution.code)
            text = f"{region.code}  {region.name}（{LEVELS.get(region.level, region.level)}）"
            if resolution.is_total:
                text += self.tr(" · 全市合计行")
            self.result_label.setText(text)
            self.result_label.setStyleSheet(f"color: {KNOWN_COLOUR}; font-weight: bold;")
            self._select_region(region.code)
        else:
            self.result_label.setText(self.tr("未识别"))
            self.result_label.setStyleSheet(f"color: {UNKNOWN_COLOUR}; font-weight: bold;")
            self.table.clearSelection()
        self.normalised_label.setText(self.tr("规范化为“{text}”").format(text=resolution.normalised))

    def _select_region(self, code: str) -> None:
        column = self.model.column_number("代码")
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, column).data() == code:
                self.table.selectRow(row)
                self.table.scrollTo(self.proxy.index(row, 0))
                return


if __name__ == "__main__":
    import sys

    from workbench.views.preview import run_preview

    sys.exit(run_preview(RegionView, "地区"))
