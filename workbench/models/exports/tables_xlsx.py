"""The official Excel tables of one assessment: :func:`write_tables`.

One workbook in the layout statistics bureaus use for the leading group: 总览 (counties
in rank order), one sheet per indicator (the city and each county), one sheet per county
(every indicator), then 审核 (the checks and their explanations), 数据来源 (the cell each
figure came from) and 说明 (how the assessment was made, and from which project state).

Numbers are written as the assessment holds them (raw floats; the number formats only
change how they show); a missing figure shows "—", never 0. Statuses carry the palette's
symbol beside the fill, so a grey printout still tells them apart.
"""

from __future__ import annotations

import math
import os
import pathlib
from datetime import datetime

import pandas as pd
from openpyxl import Workbook

from workbench.models.assessment.scheme import RULES
from workbench.models.charts.labels import is_amount, rank_change_text
from workbench.models.charts.palette import GRADE_FILLS, LEGEND_ORDER, STATUS_LOOKS
from workbench.models.exports.xlsx_cells import save_workbook
from workbench.models.exports.xlsx_layout import Column, numbered_notes, put_styled, table_sheet, title_period
from workbench.models.exports.xlsx_names import sheet_title
from workbench.models.exports.xlsx_records import audit_sheet, index_sheet, notes_sheet, sources_sheet
from workbench.models.exports.xlsx_styles import (
    PERCENT_FORMAT,
    POINTS_FORMAT,
    RANK_FORMAT,
    SCORE_FORMAT,
    TableStyles,
    unit_format,
)

ALWAYS_COUNTED = ("已完成", "超进度", "达进度", "欠进度", "严重滞后")
"""Statuses 总览 always counts; the others get a column only when some row has them."""
FIXED_SHEETS = ("总览", "成长指数", "审核", "数据来源", "说明")

_FIGURES = ("完成情况",)
_VERDICT = ("考核",)


def made_on(context) -> str:
    """The 制表 part of the line above a table: issuer (when chosen) and the date."""
    when = datetime.fromisoformat(context.generated_at)
    text = f"制表日期：{when.year}年{when.month}月{when.day}日"
    issuer = context.options.issuer
    return f"制表单位：{issuer}　　{text}" if issuer else text


def indicator_ranks(rows: pd.DataFrame) -> pd.Series:
    """Each scored unit's place in each indicator (1 = best), aligned with ``rows``.

    The scheme's own rank where it ranks (``by_rank``); elsewhere the units are ranked the
    same way, by their score basis (the share of the weight earned before the cap), ties
    sharing the smaller place. The city and rows without a verdict get no place.
    """
    basis = rows["score_basis"].astype("float64").where(rows["level"] != "city")
    ranks = basis.groupby(rows["indicator_code"]).rank(ascending=False, method="min")
    given = pd.array(rows["rank_in_indicator"], dtype="Float64").to_numpy(dtype="float64", na_value=float("nan"))
    return pd.Series(given, index=rows.index).fillna(ranks)


def _figure_columns(rows: pd.DataFrame, first: Column) -> list[Column]:
    columns = [first,
               Column("actual", (*_FIGURES, "实际"), "number", format_key="_format", min_width=9),
               Column("target", (*_FIGURES, "目标"), "number", format_key="_format", min_width=9)]
    if rows["stretch"].notna().any():
        columns.append(Column("stretch", (*_FIGURES, "力争目标"), "number", format_key="_format", min_width=9))
    return columns + [
        Column("_completion", (*_FIGURES, "完成率"), "number", PERCENT_FORMAT, min_width=8),
        Column("time_progress", (*_FIGURES, "序时进度"), "number", PERCENT_FORMAT, min_width=8),
        Column("gap_pp", (*_FIGURES, "差距（百分点）"), "number", POINTS_FORMAT, min_width=8, max_width=11),
        Column("status", (*_VERDICT, "状态"), "status", min_width=10),
    ]


def _row_records(rows: pd.DataFrame, ranks: pd.Series) -> list[dict]:
    """Assessment rows as records, with what the tables add: formats, rank, note."""
    records = []
    for index, record in zip(rows.index, rows.to_dict("records")):
        record["_format"] = unit_format(record["unit"], record["target"])
        # 完成率 is actual ÷ target only for amounts; a rate is judged by its distance in points.
        record["_completion"] = record["completion"] if is_amount(record["kind"]) else None
        record["_rank"] = ranks.get(index)
        note = record.get("note") or ""
        if record.get("target_estimated"):
            note = f"{note}；目标为估算" if note else "目标为估算（默认分解）"
        record["_note"] = note
        records.append(record)
    return records


def _overview_sheet(ws, styles, context, title: str, rows: pd.DataFrame) -> None:
    counted = [s for s in LEGEND_ORDER if s in ALWAYS_COUNTED or s in set(rows["status"])]
    columns = [Column("rank", ("排名",), "number", RANK_FORMAT, min_width=6),
               Column("region_name", ("县（市、区）",), "center", min_width=10),
               Column("total_score", ("总得分",), "number", SCORE_FORMAT, min_width=8),
               Column("grade", ("等级",), "grade", min_width=6),
               Column("_change", ("名次变化",), "center", min_width=6),
               Column("base_score", ("得分构成", "指标得分"), "number", SCORE_FORMAT, min_width=8),
               Column("bonus", ("得分构成", "加分"), "number", SCORE_FORMAT, min_width=6),
               Column("deduction", ("得分构成", "扣分"), "number", SCORE_FORMAT, min_width=6)]
    columns += [Column(f"_n_{s}", ("指标完成情况（项）", f"{STATUS_LOOKS[s].symbol}{s}"), "number", RANK_FORMAT,
                       min_width=7) for s in counted]
    columns.append(Column("adjustments", ("备注",), "text", min_width=16, max_width=36))
    counts = rows.groupby(["region_code", "status"]).size()

    def with_counts(record: dict, region: str) -> dict:
        for s in counted:
            record[f"_n_{s}"] = int(counts.get((region, s), 0))
        return record

    city = rows[rows["level"] == "city"]
    records = []
    if len(city):
        region = str(city["region_code"].iloc[0])
        records.append(with_counts({"rank": "—", "region_name": f"{city['region_name'].iloc[0]}（全市）",
                                    "_change": "—", "adjustments": "全市指标，不参与排名"}, region))
    for record in context.counties.to_dict("records"):
        record["_change"] = rank_change_text(record.get("rank_change"), none="—")
        records.append(with_counts(record, str(record["region_code"])))
    assessment = context.assessment
    grades = "，".join(f"{name}≥{lower:g}分" if math.isfinite(lower) else f"{name}其余"
                       for name, lower in assessment.scheme.grades)
    previous = (f"与{title_period(assessment.previous.at)}相比" if assessment.previous is not None
                else "与上期相比（无上期数据）")
    notes = numbered_notes([f"总得分 = 指标得分 + 加分 − 扣分；等级：{grades}。",
                            f"名次变化{previous}，↑ 为上升，↓ 为下降，— 为持平。",
                            "状态标识：" + "　".join(f"{STATUS_LOOKS[s].symbol}{s}" for s in counted) + "。"])
    table_sheet(ws, styles, title=title, left=made_on(context), right="单位：分、项", columns=columns,
                records=records, notes=notes, freeze_column=2)


def _indicator_sheet(ws, styles, context, indicator, rows: pd.DataFrame, records: list[dict]) -> None:
    first = records[0]
    columns = _figure_columns(rows, Column("region_name", ("地区",), "center", min_width=10))
    columns += [Column("score", (*_VERDICT, "得分"), "number", SCORE_FORMAT, min_width=7),
                Column("_rank", (*_VERDICT, "排名"), "number", RANK_FORMAT, min_width=6),
                Column("_note", ("备注",), "text", min_width=16, max_width=40)]
    unit = first["unit"] or ""
    rule = next((r for r in context.assessment.scheme.indicators if r.code == indicator.code), None)
    notes = [f"计划目标：{indicator.source or indicator.name}"]
    bases = [b for b in dict.fromkeys(r["basis_used"] for r in records) if b]
    if bases:
        notes.append(f"统计口径：{'；'.join(bases)}。")
    if rule is not None:
        notes.append(f"权重 {rule.weight:g} 分，{RULES.get(rule.rule, rule.rule)}。")
    if is_amount(first["kind"]):
        notes.append("完成率 = 实际 ÷ 目标；差距 = 完成率 − 序时进度（百分点）；排名为各县（市、区）按完成度的位次。")
    else:
        notes.append("差距 = 实际 − 目标（百分点）；排名为各县（市、区）按完成度的位次。")
    notes = numbered_notes(notes)
    table_sheet(ws, styles, title=f"{indicator.name}完成情况表（{title_period(context.at)}）",
                left=f"牵头部门：{first['lead'] or '—'}　　{made_on(context)}",
                right=f"单位：{unit}" if unit else "（定性指标）", columns=columns, records=records, notes=notes)


def _county_summary(county: dict):
    labels = [("总得分", county.get("total_score")), ("排名", county.get("rank")),
              ("名次变化", rank_change_text(county.get("rank_change"), none="—")), ("等级", county.get("grade")),
              ("指标得分", county.get("base_score")), ("加分", county.get("bonus")),
              ("扣分", county.get("deduction")), ("计分指标", county.get("indicators_scored")),
              ("缺数据指标", county.get("indicators_missing"))]
    formats = {"总得分": SCORE_FORMAT, "指标得分": SCORE_FORMAT, "加分": SCORE_FORMAT, "扣分": SCORE_FORMAT}

    def preamble(ws, styles, row: int) -> int:
        for j, (label, value) in enumerate(labels, start=1):
            put_styled(ws, row, j, label, styles.header())
            if label == "等级" and value in GRADE_FILLS:
                put_styled(ws, row + 1, j, value, styles.filled(value, GRADE_FILLS[value]))
            elif isinstance(value, str) or value is None:
                put_styled(ws, row + 1, j, value if value is not None else "—", styles.body("center"))
            else:
                put_styled(ws, row + 1, j, value, styles.body("number", formats.get(label, RANK_FORMAT)))
        return row + 3

    return preamble


def _county_sheet(ws, styles, context, county: dict, rows: pd.DataFrame, records: list[dict]) -> None:
    columns = [Column("_number", ("序号",), "number", RANK_FORMAT, min_width=5),
               *_figure_columns(rows, Column("indicator_name", ("指标",), "text", min_width=16, max_width=30))]
    columns.insert(2, Column("unit", ("单位",), "center", min_width=6))
    columns += [Column("weight", (*_VERDICT, "权重"), "number", min_width=6),
                Column("score", (*_VERDICT, "得分"), "number", SCORE_FORMAT, min_width=7),
                Column("_rank", (*_VERDICT, "排名"), "number", RANK_FORMAT, min_width=6),
                Column("_note", ("备注",), "text", min_width=14, max_width=36)]
    body: list[dict] = []
    group = None
    for number, record in enumerate(records, start=1):
        if record["group_name"] and record["group_name"] != group:
            group = record["group_name"]
            body.append({"_group": group})
        body.append({**record, "_number": number})
    units = [u for u in dict.fromkeys(r["unit"] for r in records) if u]
    present = {r["status"] for r in records}
    notes = numbered_notes(["排名为该指标在各县（市、区）中的位次；完成率、序时进度为百分比，差距为百分点。",
                            "状态标识：" + "　".join(f"{look.symbol}{s}" for s, look in STATUS_LOOKS.items()
                                                 if s in present) + "。"])
    table_sheet(ws, styles, title=f"{county['region_name']}{context.plan.short_name}考核情况表"
                                  f"（{title_period(context.at)}）",
                left=made_on(context), right=f"单位：{'、'.join(units)}、分", columns=columns, records=body,
                notes=notes, freeze_column=2, preamble=_county_summary(county))


def write_tables(context, path: str | os.PathLike) -> pathlib.Path:
    """Write the official tables of ``context`` (a :class:`~.context.ReportContext`) to ``path``.

    Parameters
    ----------
    context : ReportContext
        The assessment and everything around it; only its shown counties and indicators
        are written.
    path : str or path-like
        The .xlsx file; written beside it first and moved into place.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    WorkbookSaveError
        When the file cannot be written (missing folder, file open in Excel or WPS).
    """
    rows = context.rows
    # Places among all scored units, even when only some counties are shown.
    everyone = context.assessment.rows
    place = dict(zip(zip(everyone["indicator_code"].astype(str), everyone["region_code"].astype(str)),
                     indicator_ranks(everyone)))
    ranks = pd.Series([place.get(key) for key in zip(rows["indicator_code"].astype(str),
                                                      rows["region_code"].astype(str))], index=rows.index)
    records = _row_records(rows, ranks)
    city_name = next((r["region_name"] for r in records if r["level"] == "city"), "")
    wb = Workbook()
    styles = TableStyles(wb)
    taken = {name.lower() for name in FIXED_SHEETS}
    overview = wb.active
    overview.title = "总览"
    _overview_sheet(overview, styles, context, f"{city_name}{context.plan.short_name}考核情况表"
                                               f"（{title_period(context.at)}）", rows)
    by_indicator: dict[str, list[dict]] = {}
    for record in records:
        by_indicator.setdefault(str(record["indicator_code"]), []).append(record)
    for code in context.indicator_codes:
        indicator = context.plan.indicator(code)
        mine = sorted(by_indicator.get(code, []), key=lambda r: r["level"] != "city")
        if not mine:
            continue
        ws = wb.create_sheet(sheet_title(indicator.short_name or indicator.name, taken))
        _indicator_sheet(ws, styles, context, indicator, rows[rows["indicator_code"] == code], mine)
    order = {code: i for i, code in enumerate(context.indicator_codes)}
    for county in context.counties.to_dict("records"):
        region = str(county["region_code"])
        mine = sorted((r for r in records if str(r["region_code"]) == region),
                      key=lambda r: order.get(str(r["indicator_code"]), len(order)))
        ws = wb.create_sheet(sheet_title(county["region_name"], taken))
        _county_sheet(ws, styles, context, county, rows[rows["region_code"].astype(str) == region], mine)
    if getattr(context, "index", None) is not None and "index" in context.options.outputs:
        index_sheet(wb.create_sheet("成长指数"), styles, context, made_on(context))
    audit_sheet(wb.create_sheet("审核"), styles, context, made_on(context))
    sources_sheet(wb.create_sheet("数据来源"), styles, context, made_on(context))
    notes_sheet(wb.create_sheet("说明"), styles, context, made_on(context))
    save_workbook(wb, path)
    return pathlib.Path(path)
