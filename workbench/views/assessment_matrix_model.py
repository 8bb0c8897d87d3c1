"""The counties × indicators matrix of an assessment, as a Qt table model, proxy and view.

Rows are the assessed indicators in plan order, under a header row per plan group
(维度); the first columns name the indicator and its lead department, then one column per
assessment unit (全市 first, then the counties). A cell shows the one number that judges
it (completion for amounts, the rate for growth and shares, the verdict for qualitative
aims) after its status symbol, on a light fill of its status: colour is never the only
cue (see :mod:`workbench.models.charts.palette`). The texts, sort keys and statuses are
held column by column in arrays, built once per assessment.

:class:`AssessmentMatrixProxy` filters by group, lead department and text and sorts a
unit's column by status and gap (:func:`progress_key`); group header rows show only in
plan order (unsorted, or sorted by the indicator column ascending). The table that shows
them is :class:`workbench.views.assessment_overview.AssessmentMatrixTable`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from workbench.models.charts.labels import MISSING, headline, missing, percent, points, quantity
from workbench.models.charts.palette import status_look
from workbench.views.dataframe_model import SORT_ROLE

KEY_ROLE = Qt.ItemDataRole.UserRole + 2
"""``(indicator_code, region_code)`` of a cell; ``(indicator_code, None)`` on the name columns."""
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
GROUP_ROW_ROLE = Qt.ItemDataRole.UserRole + 4
"""True on a group header row."""
RECORD_ROLE = Qt.ItemDataRole.UserRole + 5
"""The assessment row of a cell, as a dict."""

INDICATOR_COLUMN, LEAD_COLUMN, FIRST_REGION_COLUMN = 0, 1, 2
GROUP_FILL = "#e9edf2"
MUTED_TEXT = "#5f6b7a"
_MUTED_STATUSES = ("无数据", "无目标")
_CENTER = int((Qt.AlignmentFlag.AlignCenter).value)
_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)


def split_leads(text: object) -> list[str]:
    """"市科技局、市质监局" → ["市科技局", "市质监局"]."""
    if missing(text):
        return []
    return [part.strip() for part in str(text).replace("，", "、").replace(",", "、").split("、") if part.strip()]


def cell_text(record: dict) -> str:
    """What a matrix cell shows: the status symbol and the judging number ("▲ 64.2%", "— 无数据")."""
    status = record.get("status")
    look = status_look(status)
    number = headline(record.get("kind"), record.get("completion"), record.get("actual"), record.get("unit"), status)
    if number == MISSING:
        number = MISSING if missing(status) else str(status)
    return f"{look.symbol} {number}"


def cell_tooltip(record: dict, previous: dict | None = None) -> str:
    """Everything about one cell in a few lines, for its tooltip."""
    unit = record.get("unit")
    lines = [f"{record.get('indicator_name', '')}（{record.get('region_name', '')}）"]
    status = record.get("status")
    lines.append(f"状态：{status_look(status).symbol} {status if not missing(status) else MISSING}")
    if str(record.get("kind")) != "qualitative":
        lines.append(f"实际：{quantity(record.get('actual'), unit)}　目标：{quantity(record.get('target'), unit)}")
        if not missing(record.get("stretch")):
            lines.append(f"力争：{quantity(record.get('stretch'), unit)}")
        if not missing(record.get("completion")):
            lines.append(f"完成率：{percent(record.get('completion'))}　序时进度：{percent(record.get('time_progress'))}")
        if not missing(record.get("gap_pp")):
            lines.append(f"差距：{points(record.get('gap_pp'))}")
    score, weight = record.get("score"), record.get("weight")
    if not missing(score) or not missing(weight):
        lines.append(f"得分：{_plain(score)} / 权重 {_plain(weight)}")
    if previous:
        lines.append(f"上期：{previous.get('status') or MISSING}，{cell_text(previous).split(' ', 1)[-1]}")
    if record.get("note"):
        lines.append(f"说明：{record['note']}")
    return "\n".join(lines)


def progress_key(record: dict) -> float:
    """How a cell sorts: by status (worst first when ascending), then by its gap in points.

    A county column mixes completions and growth rates, so the numbers shown cannot be
    compared across rows; the status and the gap (completion − 序时进度, or rate − target)
    can. Cells without a verdict (无数据, 无目标, 待审核) sort as missing.
    """
    rank = status_look(record.get("status")).rank
    if rank == 0:
        return -math.inf
    gap = record.get("gap_pp")
    gap = 0.0 if missing(gap) else max(min(float(gap), 999.0), -999.0)
    return (5 - rank) * 1000.0 + gap


def _plain(value: object) -> str:
    return MISSING if missing(value) else f"{float(value):.2f}".rstrip("0").rstrip(".")


class AssessmentMatrixModel(QAbstractTableModel):
    """Indicators (rows, under group header rows) × assessment units (columns).

    Parameters
    ----------
    parent : QObject, optional

    Notes
    -----
    Give it an assessment with :meth:`set_assessment`. :meth:`record` returns the
    assessment row behind a cell; :meth:`index_of` finds a cell.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._clear()

    def _clear(self) -> None:
        self.rows = pd.DataFrame()
        self.regions: list[tuple[str, str]] = []
        self.indicators: list[dict] = []
        self.groups: dict[str, str] = {}
        self._lines: list[tuple[str, int]] = []  # ("group", group index) or ("indicator", indicator index)
        self._frame_row = np.zeros((0, 0), dtype=int)  # per region column: row in self.rows, -1 when absent
        self._text: list[np.ndarray] = []
        self._sort: list[np.ndarray] = []
        self._status: list[np.ndarray] = []
        self._records: list[dict] = []
        self._previous: dict[tuple[str, str], dict] = {}

    # ------------------------------------------------------------ data in
    def set_assessment(self, rows: pd.DataFrame | None, groups: dict[str, str] | None = None,
                       previous_rows: pd.DataFrame | None = None) -> None:
        """Show the rows of an assessment (None: nothing).

        Parameters
        ----------
        rows : pandas.DataFrame or None
            ``Assessment.rows``: one row per indicator × unit, indicators in plan order.
        groups : dict, optional
            Plan group code → name (``plan.groups``), giving the order of the groups.
        previous_rows : pandas.DataFrame, optional
            The previous assessment's rows, for the comparison in tooltips.
        """
        self.beginResetModel()
        self._clear()
        if rows is not None and len(rows):
            self._build(rows.reset_index(drop=True), groups or {}, previous_rows)
        self.endResetModel()

    def _build(self, rows: pd.DataFrame, groups: dict[str, str], previous_rows: pd.DataFrame | None) -> None:
        self.rows = rows
        self._records = rows.to_dict("records")
        regions = dict.fromkeys(zip(rows["region_code"].astype(str), rows["region_name"].astype(str)))
        self.regions = list(regions)
        first = rows.drop_duplicates("indicator_code")
        names = rows["group_name"] if "group_name" in rows else pd.Series([""] * len(rows))
        for order, (i, r) in enumerate(first.iterrows()):
            short = r.get("short_name")
            self.indicators.append({
                "code": str(r["indicator_code"]), "name": str(r["indicator_name"]),
                "short": str(short) if not missing(short) and short else str(r["indicator_name"]),
                "group": "" if missing(r["group"]) else str(r["group"]), "lead": split_leads(r["lead"]),
                "kind": str(r["kind"]), "unit": r["unit"], "order": order,
            })
            group = self.indicators[-1]["group"]
            if group not in self.groups:
                self.groups[group] = groups.get(group) or (str(names.iloc[i]) if not missing(names.iloc[i]) else group)
        group_order = [g for g in groups if g in self.groups] + [g for g in self.groups if g not in groups]
        self.groups = {g: self.groups[g] for g in group_order}
        for g_index, group in enumerate(self.groups):
            self._lines.append(("group", g_index))
            self._lines += [("indicator", ind["order"]) for ind in self.indicators if ind["group"] == group]
        where = {(r, c): n for n, (r, c) in enumerate(zip(rows["indicator_code"].astype(str),
                                                               rows["region_code"].astype(str)))}
        n_lines, n_regions = len(self._lines), len(self.regions)
        self._frame_row = np.full((n_lines, n_regions), -1, dtype=int)
        for line, (what, i) in enumerate(self._lines):
            if what == "indicator":
                code = self.indicators[i]["code"]
                for column, (region, _name) in enumerate(self.regions):
                    self._frame_row[line, column] = where.get((code, region), -1)
        for column in range(n_regions):
            text = np.full(n_lines, "", dtype=object)
            sort = np.full(n_lines, -math.inf)
            status = np.full(n_lines, None, dtype=object)
            for line in np.flatnonzero(self._frame_row[:, column] >= 0):
                record = self._records[self._frame_row[line, column]]
                text[line] = cell_text(record)
                sort[line] = progress_key(record)
                status[line] = record["status"]
            self._text.append(text)
            self._sort.append(sort)
            self._status.append(status)
        if previous_rows is not None and len(previous_rows):
            self._previous = {(str(r["indicator_code"]), str(r["region_code"])): r
                              for r in previous_rows.to_dict("records")}

    # ------------------------------------------------------------ lookups
    def record(self, index: QModelIndex) -> dict | None:
        """The assessment row behind a cell (None on names and group rows)."""
        if not index.isValid() or index.column() < FIRST_REGION_COLUMN:
            return None
        row = self._frame_row[index.row(), index.column() - FIRST_REGION_COLUMN]
        return self._records[row] if row >= 0 else None

    def previous_record(self, indicator: str, region: str) -> dict | None:
        return self._previous.get((indicator, region))

    def index_of(self, indicator: str, region: str | None = None) -> QModelIndex:
        """The cell of ``indicator`` in ``region`` (its name cell when region is None)."""
        column = INDICATOR_COLUMN if region is None else next(
            (FIRST_REGION_COLUMN + c for c, (code, _n) in enumerate(self.regions) if code == region), -1)
        for line, (what, i) in enumerate(self._lines):
            if what == "indicator" and self.indicators[i]["code"] == indicator and column >= 0:
                return self.index(line, column)
        return QModelIndex()

    def line_indicator(self, row: int) -> dict | None:
        what, i = self._lines[row]
        return self.indicators[i] if what == "indicator" else None

    def line_group(self, row: int) -> str:
        what, i = self._lines[row]
        return list(self.groups)[i] if what == "group" else self.indicators[i]["group"]

    def is_group_row(self, row: int) -> bool:
        return self._lines[row][0] == "group"

    def group_members(self, row: int) -> list[int]:
        """The model rows of the indicators under the group header ``row``."""
        group = self.line_group(row)
        return [line for line, (what, i) in enumerate(self._lines)
                if what == "indicator" and self.indicators[i]["group"] == group]

    def leads(self) -> list[str]:
        """Every lead department, in plan order."""
        return list(dict.fromkeys(lead for ind in self.indicators for lead in ind["lead"]))

    # ------------------------------------------------------------ Qt
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.regions else FIRST_REGION_COLUMN + len(self.regions)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_group_row(index.row()):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        what, i = self._lines[row]
        if what == "group":
            return self._group_data(i, column, role)
        indicator = self.indicators[i]
        if column < FIRST_REGION_COLUMN:
            return self._name_data(indicator, column, role)
        c = column - FIRST_REGION_COLUMN
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[c][row] or MISSING
        if role == SORT_ROLE:
            return float(self._sort[c][row])
        if role == STATUS_ROLE:
            return self._status[c][row]
        if role == Qt.ItemDataRole.BackgroundRole:
            status = self._status[c][row]
            return QBrush(QColor(status_look(status).fill)) if status is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and self._status[c][row] in _MUTED_STATUSES:
            return QBrush(QColor(MUTED_TEXT))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        if role == KEY_ROLE:
            return indicator["code"], self.regions[c][0]
        if role == RECORD_ROLE:
            return self.record(index)
        if role == Qt.ItemDataRole.ToolTipRole:
            record = self.record(index)
            if record is None:
                return None
            return cell_tooltip(record, self.previous_record(indicator["code"], self.regions[c][0]))
        if role == GROUP_ROW_ROLE:
            return False
        return None

    def _group_data(self, i: int, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole and column == INDICATOR_COLUMN:
            return list(self.groups.values())[i]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(GROUP_FILL))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == GROUP_ROW_ROLE:
            return True
        if role == SORT_ROLE and column == INDICATOR_COLUMN:
            group = list(self.groups)[i]
            return min((ind["order"] for ind in self.indicators if ind["group"] == group), default=0) - 0.5
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        return None

    def _name_data(self, indicator: dict, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return indicator["short"] if column == INDICATOR_COLUMN else "、".join(indicator["lead"])
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == INDICATOR_COLUMN:
                return f"{indicator['name']}（{indicator['code']}）\n{self.groups.get(indicator['group'], '')}"
            return "、".join(indicator["lead"]) or None
        if role == SORT_ROLE:
            return float(indicator["order"]) if column == INDICATOR_COLUMN else "、".join(indicator["lead"])
        if role == KEY_ROLE:
            return indicator["code"], None
        if role == GROUP_ROW_ROLE:
            return False
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == INDICATOR_COLUMN:
                return self.tr("指标")
            if section == LEAD_COLUMN:
                return self.tr("牵头部门")
            if 0 <= section - FIRST_REGION_COLUMN < len(self.regions):
                code, name = self.regions[section - FIRST_REGION_COLUMN]
                return self.tr("全市") if code == self._city_code() else name
        if role == Qt.ItemDataRole.ToolTipRole and section >= FIRST_REGION_COLUMN:
            code, name = self.regions[section - FIRST_REGION_COLUMN]
            return self.tr("{name}（{code}）：单击表头按进度排序（先落后、后领先），双击查看该地区全部指标").format(
                name=name, code=code)
        return None

    def _city_code(self) -> str | None:
        if "level" in self.rows:
            city = self.rows.loc[self.rows["level"] == "city", "region_code"]
            if len(city):
                return str(city.iloc[0])
        return self.regions[0][0] if self.regions else None


class AssessmentMatrixProxy(QSortFilterProxyModel):
    """Filter the matrix by plan group, lead department and text; sort on :data:`SORT_ROLE`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.group: str | None = None
        self.lead: str | None = None
        self._terms: list[str] = []
        self._sorted = (-1, Qt.SortOrder.AscendingOrder)
        self.setSortRole(SORT_ROLE)

    def set_filters(self, group: str | None = None, lead: str | None = None, text: str = "") -> None:
        """Keep the indicators of ``group`` (a plan group code), led by ``lead``, matching ``text``."""
        self.beginFilterChange()
        self.group, self.lead = group or None, lead or None
        self._terms = [t.casefold() for t in text.split()]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def grouped(self) -> bool:
        """True while the rows are in plan order, so the group header rows are shown."""
        column, order = self._sorted
        return column < 0 or (column == INDICATOR_COLUMN and order == Qt.SortOrder.AscendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginFilterChange()
        self._sorted = (column, order)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        super().sort(column, order)

    def _accepts_indicator(self, model: AssessmentMatrixModel, row: int) -> bool:
        indicator = model.line_indicator(row)
        if indicator is None:
            return False
        if self.group is not None and indicator["group"] != self.group:
            return False
        if self.lead is not None and self.lead not in indicator["lead"]:
            return False
        if self._terms:
            text = f"{indicator['name']} {indicator['short']} {indicator['code']} {'、'.join(indicator['lead'])}"
            return all(term in text.casefold() for term in self._terms)
        return True

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        model = self.sourceModel()
        if not isinstance(model, AssessmentMatrixModel):
            return True
        if model.is_group_row(source_row):
            return self.grouped and any(self._accepts_indicator(model, r) for r in model.group_members(source_row))
        return self._accepts_indicator(model, source_row)

    def lessThan(self, left, right) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, float) and isinstance(b, float):
            return a < b
        return str(a if a is not None else "") < str(b if b is not None else "")
