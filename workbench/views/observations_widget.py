"""数据明细: the project's current figures, each telling where it came from.

:func:`observations_table` shapes the current observations for the table (one array per
column, names instead of codes); :class:`ObservationsWidget` shows it with the
provenance tooltip on every number (``DataFrameModel.set_tooltip_provider``) and a
:class:`~workbench.views.provenance_panel.ProvenancePanel` beside it that follows the
selection.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from workbench.models.errors import WorkbenchError
from workbench.models.periods import BASIS_NAMES, period_label
from workbench.models.provenance import provenance
from workbench.views.dataframe_model import DataFrameFilterProxyModel, DataFrameModel
from workbench.views.provenance_panel import ProvenancePanel, provenance_tooltip
from workbench.views.source_preview_widget import SourcePreviewWidget
from workbench.views.style import fit_columns, style_table

OBSERVATION_COLUMNS = ["地区", "指标", "期别", "口径", "数值", "单位", "文件", "工作表", "单元格"]
"""The columns shown."""
HIDDEN_COLUMNS = ["id", "indicator_code", "region_code", "department", "import_id"]
COLUMN_WIDTHS = {0: 150, 1: 200, 2: 100, 3: 76, 4: 110, 5: 56, 6: 260, 7: 130, 8: 64}
TOOLTIP_COLUMNS = ("数值", "单元格", "文件")


def observations_table(project, plan=None, regions=None) -> pd.DataFrame:
    """The project's current figures, one row each (:data:`OBSERVATION_COLUMNS` + :data:`HIDDEN_COLUMNS`).

    Parameters
    ----------
    project : Project
    plan : Plan, optional
        For indicator names (codes otherwise).
    regions : RegionTable, optional
        For region names (codes otherwise).
    """
    obs = project.observations(current=True)
    imports = pd.DataFrame(project.list_imports(), columns=["id", "name", "department"]) if len(obs) else None
    files = dict(zip(imports["id"], imports["name"])) if imports is not None else {}
    departments = dict(zip(imports["id"], imports["department"])) if imports is not None else {}
    indicators = {i.code: i.name for i in plan.indicators} if plan is not None else {}
    places = {r.code: r.name for r in regions.regions} if regions is not None else {}
    keys = list(zip(obs["year"], obs["first_month"], obs["last_month"], obs["basis"]))
    labels = {key: period_label(*key) for key in set(keys)}  # a few dozen periods, not one per row
    return pd.DataFrame({
        "地区": obs["region"].map(lambda c: places.get(c, c)).to_numpy(dtype=object),
        "指标": obs["indicator"].map(lambda c: indicators.get(c, c)).to_numpy(dtype=object),
        "期别": np.array([labels[k] for k in keys], dtype=object),
        "口径": obs["basis"].map(lambda b: BASIS_NAMES.get(b, b or "")).to_numpy(dtype=object),
        "数值": obs["value"].to_numpy(dtype="float64"),
        "单位": obs["unit"].fillna("").to_numpy(dtype=object),
        "文件": obs["import_id"].map(files).fillna("").to_numpy(dtype=object),
        "工作表": obs["sheet"].fillna("").to_numpy(dtype=object),
        "单元格": obs["cell"].fillna("").to_numpy(dtype=object),
        "id": obs["id"].to_numpy(dtype="int64"),
        "indicator_code": obs["indicator"].to_numpy(dtype=object),
        "region_code": obs["region"].to_numpy(dtype=object),
        "department": obs["import_id"].map(departments).fillna("").to_numpy(dtype=object),
        "import_id": obs["import_id"].to_numpy(dtype="int64"),
    })


def observations_mask(frame: pd.DataFrame, indicator: str | None = None, region: str | None = None,
                      department: str | None = None, file: str | None = None) -> np.ndarray:
    """One bool per row: does the figure pass the filters (None: any)?"""
    mask = np.ones(len(frame), dtype=bool)
    for column, wanted in (("indicator_code", indicator), ("region_code", region), ("department", department),
                           ("文件", file)):
        if wanted:
            mask &= (frame[column] == wanted).to_numpy()
    return mask


class ObservationsWidget(QWidget):
    """The current figures with their provenance (tooltip and side panel).

    Parameters
    ----------
    parent : QWidget, optional
    """

    sig_observation_selected = Signal(object)
    """The selected figure changed; carries its observation id, or None."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = None
        self.plan = None
        self.regions = None

        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        self.model = DataFrameModel(parent=self)
        self.model.set_dataframe(pd.DataFrame(columns=OBSERVATION_COLUMNS + HIDDEN_COLUMNS))
        self.proxy = DataFrameFilterProxyModel(parent=self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("observationsTable")
        self.table.setModel(self.proxy)
        style_table(self.table)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.panel = ProvenancePanel()
        self.panel.setMinimumWidth(280)
        self.panel.sig_open_source.connect(self.open_source)
        self.source_preview = SourcePreviewWidget()  # shown once asked for, then follows the selection
        self.source_preview.hide()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(4)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 340])
        self.splitter.setChildrenCollapsible(False)
        self.vertical_splitter = QSplitter(Qt.Orientation.Vertical)
        self.vertical_splitter.addWidget(self.splitter)
        self.vertical_splitter.addWidget(self.source_preview)
        self.vertical_splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.vertical_splitter)

    # ------------------------------------------------------------ in
    def set_project(self, project, plan=None, regions=None, resolver=None) -> None:
        """Show the current figures of ``project`` (None: none)."""
        self.project, self.plan, self.regions = project, plan, regions
        self.panel.set_project(project, plan, resolver)
        self.source_preview.set_context(plan, resolver)
        self.source_preview.clear()
        self.source_preview.hide()
        self.reload()

    def reload(self) -> None:
        """Read the figures again (after an import or a new project)."""
        if self.project is None:
            frame = pd.DataFrame(columns=OBSERVATION_COLUMNS + HIDDEN_COLUMNS)
        else:
            frame = observations_table(self.project, self.plan, self.regions)
        self.proxy.set_row_mask(None)
        self.model.set_dataframe(frame)
        self.model.set_tooltip_provider(self.tooltip, TOOLTIP_COLUMNS)
        for name in HIDDEN_COLUMNS:
            self.table.setColumnHidden(self.model.column_number(name), True)
        if len(frame):
            fit_columns(self.table, COLUMN_WIDTHS)
        self.panel.clear()
        self._count()

    def set_filters(self, indicator: str | None = None, region: str | None = None, department: str | None = None,
                    file: str | None = None, text: str = "") -> None:
        """Show only the figures of this indicator, region, department or file, containing ``text``."""
        frame = self.model.dataframe
        self.proxy.set_row_mask(observations_mask(frame, indicator, region, department, file) if len(frame) else None)
        self.proxy.set_search_columns([self.model.column_number(c) for c in OBSERVATION_COLUMNS])
        self.proxy.set_filter_text(text)
        self._count()

    # ------------------------------------------------------------ out
    def tooltip(self, row: int) -> str:
        """Where the figure in model row ``row`` came from (the tooltip of its cells)."""
        if self.project is None or not 0 <= row < self.model.rowCount():
            return ""
        try:
            record = provenance(self.project, int(self.model.dataframe["id"].iat[row]))
        except WorkbenchError:
            return ""
        return provenance_tooltip(record)

    def observation_id(self, proxy_row: int) -> int | None:
        source = self.proxy.mapToSource(self.proxy.index(proxy_row, 0))
        if not source.isValid():
            return None
        return int(self.model.dataframe["id"].iat[source.row()])

    def select_row(self, proxy_row: int) -> None:
        """Select a row of the table as shown (the panel follows)."""
        self.table.selectRow(proxy_row)
        self.table.scrollTo(self.proxy.index(proxy_row, 0))

    def select_observation(self, observation_id: int) -> bool:
        """Select the figure with this id, if it is shown."""
        hits = np.flatnonzero(self.model.dataframe["id"].to_numpy() == observation_id)
        if not len(hits):
            return False
        index = self.proxy.mapFromSource(self.model.index(int(hits[0]), 0))
        if not index.isValid():
            return False
        self.select_row(index.row())
        return True

    # ------------------------------------------------------------ internals
    def open_source(self, path: str, sheet: str, cell: str) -> None:
        """Show the workbook under the table, at the cell (it then follows the selection)."""
        if self.source_preview.isHidden():
            self.source_preview.show()
            height = max(self.vertical_splitter.height(), 400)
            self.vertical_splitter.setSizes([height * 2 // 5, height * 3 // 5])
        self.source_preview.show_cell(path, sheet, cell)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        obs_id = self.observation_id(rows[0].row()) if rows else None
        record = self.panel.show_observation(obs_id)
        if record is not None and not self.source_preview.isHidden():
            self.source_preview.show_cell(str(record.get("path") or ""), record.get("sheet") or "",
                                          record.get("cell") or "")
        self.sig_observation_selected.emit(obs_id)

    def _count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if total == 0:
            text = self.tr("项目中还没有数据：先在“导入”中导入各部门的报表。") if self.project is not None else ""
        elif shown == total:
            text = self.tr("当前有效数据 {n} 项；鼠标停在数值上可看到来源，选中一行在右侧查看详情。").format(n=f"{total:,}")
        else:
            text = self.tr("当前有效数据 {n} 项，筛选后显示 {m} 项").format(n=f"{total:,}", m=f"{shown:,}")
        self.count_label.setText(text)
