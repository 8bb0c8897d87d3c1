"""The smaller tables of the assessment page: the ranking, one county's indicators, one indicator's counties.

Each is a plain DataFrame built from the assessment (``*_frame`` functions, easy to test)
shown through :class:`StatusFrameModel`, a :class:`~workbench.views.dataframe_model.DataFrameModel`
that also paints the status (or grade) cells with the fills of
:mod:`workbench.models.charts.palette`. Key columns (``indicator_code``, ``region_code``)
stay in the frame for lookups and are hidden in the views.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from workbench.models.charts.labels import MISSING, missing, percent, quantity, rank_change_text
from workbench.models.charts.palette import GRADE_FILLS, LEGEND_ORDER, status_look
from workbench.views.dataframe_model import DataFrameModel

KEY_COLUMNS = ("indicator_code", "region_code")
RANKING_COLUMNS = ["地区", "总分", "排名", "升降", "等级"]
UP, DOWN = "#0b5394", "#a64b00"


def status_text(status: object) -> str:
    """"▲ 超进度" (symbol and word); "" when missing."""
    return "" if missing(status) else f"{status_look(status).symbol} {status}"


def _score(value: object) -> str:
    return MISSING if missing(value) else f"{float(value):.2f}"


def ranking_frame(counties: pd.DataFrame | None) -> pd.DataFrame:
    """The ranking table: county, total, rank, change of rank (arrows), grade; best first."""
    if counties is None or not len(counties):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ["region_code", *RANKING_COLUMNS]})
    frame = pd.DataFrame({
        "region_code": counties["region_code"].astype(str).to_numpy(),
        "地区": counties["region_name"].astype(str).to_numpy(),
        "总分": counties["total_score"].astype("float64").to_numpy(),
        "排名": counties["rank"].astype("float64").to_numpy(),
        "升降": [rank_change_text(c) for c in counties.get("rank_change", pd.Series([None] * len(counties)))],
        "等级": [("" if missing(g) else str(g)) for g in counties["grade"]],
    })
    return frame


def ranking_tooltip(county: dict) -> str:
    """How a county's total is made up, for the ranking's tooltip."""
    lines = [f"{county.get('region_name', '')}：总分 {_score(county.get('total_score'))}"]
    if "base_score" in county:
        lines.append(f"指标得分 {_score(county.get('base_score'))}，加分 {_score(county.get('bonus'))}，"
                     f"扣分 {_score(county.get('deduction'))}")
    if "indicators_scored" in county:
        lines.append(f"计分指标 {county.get('indicators_scored')} 项，缺数据未计分 {county.get('indicators_missing')} 项")
    if county.get("adjustments"):
        lines.append(f"加扣分：{county['adjustments']}")
    return "\n".join(lines)


LAGGING = ("欠进度", "严重滞后", "未完成")


def summary_html(rows: pd.DataFrame | None, lagging_at_least: int = 4) -> str:
    """How the counties' cells are spread over the statuses, and which indicators lag in several counties."""
    if rows is None or not len(rows):
        return ""
    counties = rows[rows["level"].isin(("county", "zone"))] if "level" in rows else rows
    counts = counties["status"].value_counts()
    parts = [f"<span style='background:{status_look(s).fill}'>&nbsp;{status_look(s).symbol}&nbsp;</span>"
             f"&nbsp;{s}&nbsp;{int(counts[s])}" for s in LEGEND_ORDER if counts.get(s, 0)]
    lines = [f"各县（市、区）共 {len(counties)} 格：" + "　".join(parts)]
    behind = counties[counties["status"].isin(LAGGING)]
    per = behind.groupby("indicator_code", sort=False).size()
    names = dict(zip(rows["indicator_code"], rows["short_name"] if "short_name" in rows else rows["indicator_name"]))
    worst = [f"{names.get(code, code)}（{n}）" for code, n in per.sort_values(ascending=False, kind="stable").items()
             if n >= lagging_at_least]
    if worst:
        lines.append(f"{lagging_at_least} 个及以上县（市、区）滞后的指标：" + "、".join(worst))
    return "<br>".join(lines)


def _previous_status(previous_rows: pd.DataFrame | None, by: str, key: str, values: pd.Series) -> list[str]:
    if previous_rows is None or not len(previous_rows):
        return [""] * len(values)
    before = previous_rows[previous_rows[by] == key]
    lookup = dict(zip(before["indicator_code" if by == "region_code" else "region_code"], before["status"]))
    return [status_text(lookup.get(v)) for v in values]


def _headline_columns(rows: pd.DataFrame) -> dict:
    return {
        "实际": [quantity(a, u) for a, u in zip(rows["actual"], rows["unit"])],
        "目标": [quantity(t, u) for t, u in zip(rows["target"], rows["unit"])],
        "完成率": rows["completion"].where(rows["kind"].isin(("cumulative", "stock"))).astype("float64").to_numpy(),
        "序时进度": rows["time_progress"].astype("float64").to_numpy(),
        "差距": rows["gap_pp"].astype("float64").to_numpy(),
        "状态": [status_text(s) for s in rows["status"]],
        "得分": rows["score"].astype("float64").to_numpy() if "score" in rows else np.full(len(rows), np.nan),
    }


def county_frame(rows: pd.DataFrame, region: str, previous_rows: pd.DataFrame | None = None,
                 groups: dict[str, str] | None = None) -> pd.DataFrame:
    """All indicators of one unit (plan order): figures, status, score, last quarter's status."""
    mine = rows[rows["region_code"].astype(str) == str(region)].reset_index(drop=True)
    groups = groups or {}
    frame = pd.DataFrame({
        "维度": [groups.get(g, g) for g in mine["group"]],
        "指标": mine["short_name"] if "short_name" in mine else mine["indicator_name"],
        **_headline_columns(mine),
        "权重": mine["weight"].astype("float64").to_numpy() if "weight" in mine else np.nan,
        "上期状态": _previous_status(previous_rows, "region_code", str(region), mine["indicator_code"]),
        "说明": mine["note"].fillna("").astype(str),
    })
    frame["indicator_code"] = mine["indicator_code"].astype(str).to_numpy()
    frame["region_code"] = str(region)
    frame["_status"] = mine["status"].to_numpy()
    return frame


def indicator_frame(rows: pd.DataFrame, indicator: str, previous_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """One indicator in every unit (city first): figures, status, score, rank among counties, last quarter."""
    mine = rows[rows["indicator_code"].astype(str) == str(indicator)].reset_index(drop=True)
    rank = mine["rank_in_indicator"] if "rank_in_indicator" in mine else pd.Series([pd.NA] * len(mine))
    frame = pd.DataFrame({
        "地区": mine["region_name"].astype(str),
        **_headline_columns(mine),
        "位次": pd.array(rank, dtype="Float64").to_numpy(dtype="float64", na_value=np.nan),
        "上期状态": _previous_status(previous_rows, "indicator_code", str(indicator), mine["region_code"]),
        "说明": mine["note"].fillna("").astype(str),
    })
    frame["indicator_code"] = str(indicator)
    frame["region_code"] = mine["region_code"].astype(str).to_numpy()
    frame["_status"] = mine["status"].to_numpy()
    return frame


FORMATS = {
    "完成率": percent, "序时进度": percent, "差距": lambda v: f"{v:+.1f}", "得分": lambda v: f"{v:.2f}",
    "权重": lambda v: f"{v:g}", "总分": lambda v: f"{v:.2f}", "排名": lambda v: f"{int(v)}",
    "位次": lambda v: f"{int(v)}",
}
HIDDEN = (*KEY_COLUMNS, "_status")


class StatusFrameModel(DataFrameModel):
    """A DataFrameModel that fills the 状态 and 等级 cells (and tints rank arrows).

    The status of a row comes from its hidden column ``_status``; grades from the 等级 text.
    """

    def __init__(self, frame: pd.DataFrame | None = None, parent=None):
        super().__init__(frame, formats=FORMATS, missing_text=MISSING, parent=parent)
        self.row_tooltips: list[str] | None = None

    def hidden_columns(self) -> list[int]:
        return [self.column_number(c) for c in HIDDEN if c in self.dataframe.columns]

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        label = self.dataframe.columns[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            if label in ("状态", "完成率") and "_status" in self.dataframe:
                status = self.dataframe["_status"].iat[index.row()]
                if missing(status) or (label == "完成率" and missing(self.dataframe[label].iat[index.row()])):
                    return None
                return QBrush(QColor(status_look(status).fill))
            if label == "等级":
                fill = GRADE_FILLS.get(str(self.dataframe[label].iat[index.row()]))
                return QBrush(QColor(fill)) if fill else None
            return None
        if role == Qt.ItemDataRole.ForegroundRole and label == "升降":
            text = str(self.dataframe[label].iat[index.row()])
            return QBrush(QColor(UP if text.startswith("↑") else DOWN if text.startswith("↓") else "#5f6b7a"))
        if role == Qt.ItemDataRole.TextAlignmentRole and label in ("状态", "等级", "升降", "排名", "位次"):
            return int(Qt.AlignmentFlag.AlignCenter.value)
        if role == Qt.ItemDataRole.ToolTipRole and self.row_tooltips is not None \
                and 0 <= index.row() < len(self.row_tooltips):
            return self.row_tooltips[index.row()]
        return super().data(index, role)

    def key(self, row: int) -> tuple[str | None, str | None]:
        """``(indicator_code, region_code)`` of a row."""
        frame = self.dataframe
        return tuple(str(frame[c].iat[row]) if c in frame else None for c in KEY_COLUMNS)  # type: ignore[return-value]
