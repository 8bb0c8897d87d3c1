"""The findings of the checks as a table: one row per finding, served column-wise.

:func:`findings_frame` turns stored :class:`~workbench.models.checks.Finding` objects
into a DataFrame with the columns the 审核 page shows (:data:`FINDING_COLUMNS`) and a
few hidden ones to filter on (codes, department, path). :class:`FindingsModel` adds
the severity icon and colours: a vermillion circle for 错误 and an amber triangle for
提示 (Okabe-Ito colours, told apart by shape and word as well as by colour), pale
fills only, and grey text for findings no longer open.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from PySide6.QtCore import QModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from workbench.models.checks import STATUSES, Finding
from workbench.models.checks.findings import STATUS_OPEN, STATUS_RESOLVED
from workbench.models.checks.rules import SEVERITIES
from workbench.models.periods import period_label
from workbench.views.dataframe_model import DataFrameModel

FINDING_COLUMNS = ["级别", "规则", "指标", "地区", "期别", "文件", "工作表", "单元格", "说明", "状态", "处理说明"]
"""The columns shown, in order."""
HIDDEN_COLUMNS = ["id", "severity", "status", "indicator_code", "region_code", "department", "path"]
"""Columns kept for filtering and actions, hidden in the view."""
COLUMN_WIDTHS = {"级别": 70, "规则": 170, "指标": 150, "地区": 76, "期别": 96, "文件": 170, "工作表": 96,
                 "单元格": 60, "说明": 420, "状态": 90, "处理说明": 220}
"""Widest a column starts (pixels); the user may widen it."""

ERROR_COLOUR = "#d55e00"  # Okabe-Ito vermillion
WARNING_COLOUR = "#e69f00"  # Okabe-Ito orange (amber)
ERROR_FILL = "#fbe9df"  # pale vermillion: an open error's 级别 and 状态 cells
WARNING_FILL = "#fdf3d8"  # pale amber
MUTED_TEXT = "#6b7683"
EXPLAINED = "explained"  # the status filter's name for overridden + confirmed
_PERIOD = re.compile(r"^(\d{4})-(\d{2})(?:\.\.(\d{2}))?$")


def period_text(period: str | None) -> str:
    """"2019年1-9月" for the period key ``2019-01..09``; other keys unchanged."""
    match = _PERIOD.match(period or "")
    if not match:
        return period or ""
    year, first = int(match[1]), int(match[2])
    last = int(match[3]) if match[3] else first
    return period_label(year, first, last)


def explanation_text(f: Finding) -> str:
    """The explanation with who gave it and when ("数据核实无误（张三，2020-07-10 09:30）")."""
    if not (f.explanation or "").strip():
        return ""
    who = ", ".join(x for x in (f.explained_by or "", (f.explained_at or "").replace("T", " ")[:16]) if x)
    return f"{f.explanation}（{who}）" if who else f.explanation


def findings_frame(findings: list[Finding], plan=None, regions=None) -> pd.DataFrame:
    """The findings as the 审核 table shows them (:data:`FINDING_COLUMNS` + :data:`HIDDEN_COLUMNS`).

    Parameters
    ----------
    findings : list of Finding
    plan : Plan, optional
        For indicator names (codes otherwise).
    regions : RegionTable, optional
        For region names (codes otherwise).
    """
    indicators = {i.code: i.name for i in plan.indicators} if plan is not None else {}
    places = {r.code: r.name for r in regions.regions} if regions is not None else {}
    rows = {
        "级别": [SEVERITIES.get(f.severity, f.severity) for f in findings],
        "规则": [f.rule_name or f.rule for f in findings],
        "指标": [indicators.get(f.indicator_code, f.indicator_code or "") for f in findings],
        "地区": [places.get(f.region_code, f.region_code or "") for f in findings],
        "期别": [period_text(f.period) for f in findings],
        "文件": [f.file or "" for f in findings],
        "工作表": [f.sheet or "" for f in findings],
        "单元格": [f.cell or "" for f in findings],
        "说明": [f.message for f in findings],
        "状态": [STATUSES.get(f.status, f.status) for f in findings],
        "处理说明": [explanation_text(f) for f in findings],
        "id": [f.id for f in findings],
        "severity": [f.severity for f in findings],
        "status": [f.status for f in findings],
        "indicator_code": [f.indicator_code or "" for f in findings],
        "region_code": [f.region_code or "" for f in findings],
        "department": [str(f.details.get("department") or "") for f in findings],
        "path": [str(f.details.get("path") or "") for f in findings],
    }
    frame = pd.DataFrame({k: pd.Series(v, dtype="object") for k, v in rows.items()})
    frame["id"] = pd.to_numeric(frame["id"], errors="coerce").astype("Int64")
    return frame


def findings_mask(frame: pd.DataFrame, severity: str | None = None, status: str | None = None,
                  indicator: str | None = None, region: str | None = None, department: str | None = None,
                  file: str | None = None) -> np.ndarray:
    """One bool per finding row: does it pass the filters (None: any)?

    ``status`` is a stored status, or :data:`EXPLAINED` for overridden and confirmed, or
    ``"unresolved"`` for everything but resolved.
    """
    mask = np.ones(len(frame), dtype=bool)
    if severity:
        mask &= (frame["severity"] == severity).to_numpy()
    if status == EXPLAINED:
        mask &= frame["status"].isin(["overridden", "confirmed"]).to_numpy()
    elif status == "unresolved":
        mask &= (frame["status"] != STATUS_RESOLVED).to_numpy()
    elif status:
        mask &= (frame["status"] == status).to_numpy()
    for column, wanted in (("indicator_code", indicator), ("region_code", region), ("department", department),
                           ("文件", file)):
        if wanted:
            mask &= (frame[column] == wanted).to_numpy()
    return mask


def severity_icon(severity: str, size: int = 16) -> QIcon:
    """A vermillion circle with "!" (error) or an amber triangle with "!" (warning)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    m = size * 0.08
    if severity == "error":
        painter.setBrush(QColor(ERROR_COLOUR))
        painter.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
        mark = QColor("#ffffff")
    else:
        painter.setBrush(QColor(WARNING_COLOUR))
        path = QPainterPath()
        path.addPolygon(QPolygonF([QPointF(size / 2, m), QPointF(size - m, size - m), QPointF(m, size - m)]))
        painter.drawPath(path)
        mark = QColor("#1b2a3a")
    pen = QPen(mark, max(1.6, size * 0.13))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    top = size * (0.28 if severity == "error" else 0.38)
    painter.drawLine(QPointF(size / 2, top), QPointF(size / 2, size * 0.6))
    painter.drawPoint(QPointF(size / 2, size * 0.76))
    painter.end()
    return QIcon(pixmap)


class FindingsModel(DataFrameModel):
    """:class:`DataFrameModel` over :func:`findings_frame`, with severity icons and status colours."""

    def __init__(self, parent=None):
        super().__init__(findings_frame([]), parent=parent)
        self._icons: dict[str, QIcon] = {}
        self._fills = {"error": QBrush(QColor(ERROR_FILL)), "warning": QBrush(QColor(WARNING_FILL))}
        self._muted = QBrush(QColor(MUTED_TEXT))
        self._bold = QFont()
        self._bold.setBold(True)

    def set_findings(self, findings: list[Finding], plan=None, regions=None) -> None:
        self.set_dataframe(findings_frame(findings, plan, regions))
        self.set_tooltip_provider(self.row_tooltip)

    def row_tooltip(self, row: int) -> str:
        """The whole finding at a glance, whichever cell the pointer is on (columns are narrow)."""
        f = self.dataframe.iloc[row]
        where = " · ".join(x for x in (f["文件"], f["工作表"] and f"「{f['工作表']}」", f["单元格"]) if x)
        lines = [f"{f['级别']}：{f['规则']}（{f['状态']}）", f["说明"], where]
        if f["处理说明"]:
            lines.append(f"处理说明：{f['处理说明']}")
        return "\n".join(lines)

    def finding_id(self, row: int) -> int | None:
        """The stored id of the finding in model row ``row``."""
        if not 0 <= row < self.rowCount():
            return None
        value = self.dataframe["id"].iat[row]
        return None if pd.isna(value) else int(value)

    def row_of(self, finding_id: int) -> int | None:
        """The model row of a finding, by id."""
        hits = np.flatnonzero((self.dataframe["id"] == finding_id).fillna(False).to_numpy())
        return int(hits[0]) if len(hits) else None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        label = self.dataframe.columns[column]
        if role == Qt.ItemDataRole.DecorationRole and label == "级别":
            severity = self.dataframe["severity"].iat[row]
            if severity not in self._icons:
                self._icons[severity] = severity_icon(severity)
            return self._icons[severity]
        status = self.dataframe["status"].iat[row] if role in (
            Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole) else None
        if role == Qt.ItemDataRole.BackgroundRole and label in ("级别", "状态") and status == STATUS_OPEN:
            return self._fills.get(self.dataframe["severity"].iat[row])
        if role == Qt.ItemDataRole.ForegroundRole and status == STATUS_RESOLVED:
            return self._muted
        if role == Qt.ItemDataRole.FontRole and label == "状态" and status == STATUS_OPEN:
            return self._bold
        return super().data(index, role)
