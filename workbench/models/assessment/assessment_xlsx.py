"""An assessment as a plain, tidy Excel workbook: 总览 (counties), 明细 (rows), 说明 (settings).

Written with openpyxl; opens in Excel and WPS. Every text cell is stored as text: a label
that begins with ``=``, ``+``, ``-`` or ``@`` (a county note, a file name) never becomes a
formula. Fractions are written as numbers with a percentage format, missing values as empty
cells (never 0).
"""

from __future__ import annotations

import math
import os

import pandas as pd

from workbench.models.assessment.settings import STATUS_TONES
from workbench.models.exports.xlsx_cells import put_cell, save_workbook

_FILLS = {"green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE", "grey": "EDEDED"}

# (column, header, width, number format)
COUNTY_SHEET = [
    ("rank", "排名", 6, "0"), ("region_name", "县（市、区）", 12, None), ("region_code", "代码", 9, None),
    ("total_score", "总分", 9, "0.00"), ("grade", "等级", 8, None), ("rank_change", "名次变化", 9, "+0;-0;0"),
    ("base_score", "基础分", 9, "0.00"), ("bonus", "加分", 7, "0.00"), ("deduction", "扣分", 7, "0.00"),
    ("indicators_scored", "计分指标数", 10, "0"), ("indicators_missing", "缺数据指标数", 12, "0"),
    ("adjustments", "加扣分说明", 30, None),
]  # fmt: skip
ROW_SHEET = [
    ("group_name", "分组", 22, None), ("indicator_code", "指标代码", 22, None), ("indicator_name", "指标", 30, None),
    ("unit", "单位", 8, None), ("region_name", "地区", 10, None), ("region_code", "地区代码", 9, None),
    ("actual", "实际", 11, "#,##0.00"), ("target", "目标", 11, "#,##0.00"), ("stretch", "力争目标", 10, "#,##0.00"),
    ("completion", "完成率", 9, "0.0%"), ("time_progress", "序时进度", 9, "0.0%"), ("gap_pp", "差距（百分点）", 12, "0.0"),
    ("status", "状态", 9, None), ("passed", "达标", 6, None), ("weight", "权重", 7, "0.0"), ("score", "得分", 8, "0.00"),
    ("lead", "牵头部门", 20, None), ("basis_used", "口径", 26, None), ("note", "说明", 40, None),
    ("sources", "数据来源", 60, None),
]  # fmt: skip


def _table(ws, title: str, columns, frame: pd.DataFrame, status_column: str | None = None) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    put_cell(ws, 1, 1, title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    for j, (_, header, width, _) in enumerate(columns, start=1):
        cell = put_cell(ws, 2, j, header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[get_column_letter(j)].width = width
    records = frame.to_dict("records")
    for i, record in enumerate(records, start=3):
        tone = STATUS_TONES.get(record.get(status_column)) if status_column else None
        for j, (key, _, _, fmt) in enumerate(columns, start=1):
            cell = put_cell(ws, i, j, record.get(key), fmt)
            cell.border = border
            if key == status_column and tone:
                cell.fill = PatternFill("solid", fgColor=_FILLS[tone])
    ws.freeze_panes = "A3"
    if records:
        ws.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{len(records) + 2}"


def assessment_notes(assessment) -> list[tuple[str, str]]:
    """How ``assessment`` was made, as (item, text) lines: time points, scheme, bands, grades.

    Shared by this workbook's 说明 sheet and the official tables' 说明 sheet.
    """
    settings, scheme = assessment.settings, assessment.scheme
    lines = [
        ("考核时点", assessment.at),
        ("对比时点", assessment.previous.at if assessment.previous is not None else "（无）"),
        ("评分方案", scheme.name),
        ("完成度口径", "完成率 ÷ 序时进度" if scheme.progress_basis == "time_progress" else "完成率"),
        ("超进度", f"完成率高于序时进度 {settings.ahead_pp:g} 个百分点及以上"),
        ("严重滞后", f"完成率低于序时进度 {settings.seriously_behind_pp:g} 个百分点及以上"),
        ("增速、比重类", f"超过目标 {settings.rate_ahead_pp:g} 个百分点及以上为超进度，"
                    f"低于目标 {settings.rate_seriously_behind_pp:g} 个百分点及以上为严重滞后"),
        ("缺数据", "不计分，权重分摊" if settings.missing_policy == "exclude" else "记 0 分"),
        ("待审核", f"{len(assessment.blocked)} 项指标因未处理的审核错误暂不计分"),
    ]
    lines += [(f"等级：{name}", f"总分 ≥ {lower:g}" if math.isfinite(lower) else "其余") for name, lower in scheme.grades]
    return lines


def _notes_sheet(ws, assessment) -> None:
    from openpyxl.styles import Font

    lines = assessment_notes(assessment)
    put_cell(ws, 1, 1, "考核说明").font = Font(bold=True, size=14)
    for i, (key, value) in enumerate(lines, start=3):
        put_cell(ws, i, 1, key).font = Font(bold=True)
        put_cell(ws, i, 2, value)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 70


def write_assessment_xlsx(assessment, path: str | os.PathLike) -> None:
    """Write ``assessment`` (an :class:`~.project_assessment.Assessment`) to ``path`` (.xlsx).

    The file is written next to ``path`` and moved into place, so a failure never leaves a
    half-written workbook where an older one was.

    Raises
    ------
    WorkbookSaveError
        When the file cannot be written.
    """
    from openpyxl import Workbook

    year, month = assessment.at.split("-")
    when = f"{year}年{int(month)}月"
    wb = Workbook()
    overview = wb.active
    overview.title = "总览"
    _table(overview, f"各县（市、区）考核得分与排名（截至{when}）", COUNTY_SHEET, assessment.counties)
    detail = wb.create_sheet("明细")
    rows = assessment.rows
    columns = [c for c in ROW_SHEET if c[0] in rows.columns]
    _table(detail, f"分指标考核明细（截至{when}）", columns, rows, status_column="status")
    _notes_sheet(wb.create_sheet("说明"), assessment)
    save_workbook(wb, path)
