"""The record sheets of the official tables: 审核, 数据来源 and 说明.

审核 lists the checks with the explanations given (the notification and the leaders need
them), 数据来源 the cell every figure came from, 说明 how the assessment was made and the
project state the tables come from, so a printed table can be traced back.
"""

from __future__ import annotations

import re

import pandas as pd

from workbench.models.assessment.assessment_xlsx import assessment_notes
from workbench.models.charts.palette import LEGEND_ORDER, STATUS_LOOKS
from workbench.models.exports.xlsx_layout import Column, numbered_notes, table_sheet, title_period
from workbench.models.exports.xlsx_styles import unit_format
from workbench.models.periods import Period, PeriodError

SEVERITIES = {"error": "错误", "warning": "提示"}
HANDLING = {"open": "未处理", "overridden": "已说明", "confirmed": "已确认", "resolved": "已解决"}
COUNT_NAMES = {"imports": "导入记录", "observations": "数据", "targets": "目标", "templates": "模板",
               "findings": "审核问题", "settings": "设置", "region_aliases": "地区别名", "meta": "元数据"}
_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})")
_STATUS_MEANINGS = {
    "已完成": "实际已达到目标",
    "超进度": "完成进度快于序时进度（增速、比重类：超过目标）",
    "达进度": "完成进度达到序时进度（增速、比重类：达到目标）",
    "欠进度": "完成进度慢于序时进度（增速、比重类：低于目标）",
    "严重滞后": "完成进度明显慢于序时进度（幅度见上）",
    "未完成": "定性目标尚未实现",
    "待审核": "数据有未处理的审核错误，暂不计分",
    "无数据": "未收到数据",
    "无目标": "未下达目标，不计分",
}


def period_text(key: object, cache: dict[str, str] | None = None) -> str:
    """A period key in the bureau's words: ``2019-01..09`` → ``2019年1-9月``; other text as is."""
    if key is None or (isinstance(key, float) and pd.isna(key)):
        return ""
    key = str(key)
    if cache is not None and key in cache:
        return cache[key]
    try:
        text = Period.from_key(key).label
    except PeriodError:
        text = key
    if cache is not None:
        cache[key] = text
    return text


def _time_text(value: object) -> str | None:
    """An ISO time as date and minutes (``2019-10-12 09:30``); anything else unchanged."""
    if value is None:
        return None
    match = _ISO_TIME.match(str(value))
    return f"{match[1]} {match[2]}" if match else str(value)


def _ending_by(at: str):
    """A test for period keys: True for a period that ends by the assessment month ``at``
    (and for anything that is not a period key); later figures are not in this assessment."""
    end = tuple(int(part) for part in at.split("-"))

    def ends_by(key: object) -> bool:
        try:
            period = Period.from_key(str(key))
        except PeriodError:
            return True
        return period.end <= end

    return ends_by


def _shown_regions(context) -> list[str]:
    city = [str(c) for c in context.rows.loc[context.rows["level"] == "city", "region_code"].unique()]
    return city + [c for c in context.county_codes if c not in city]


def _names(context) -> tuple[dict[str, str], dict[str, str]]:
    indicators = {i.code: i.name for i in context.plan.indicators}
    rows = context.assessment.rows
    regions = dict(zip(rows["region_code"].astype(str), rows["region_name"].astype(str)))
    return indicators, regions


def audit_sheet(ws, styles, context, made_on: str) -> None:
    """审核: every finding on the shown indicators and units up to the assessment month, errors
    first, with its explanation."""
    indicators, regions = _names(context)
    shown_indicators, shown_regions = set(context.indicator_codes), _shown_regions(context)
    order = {code: i for i, code in enumerate(context.indicator_codes)}
    place = {code: i for i, code in enumerate(shown_regions)}
    ends_by = _ending_by(context.at)
    findings = [f for f in context.findings
                if (f.indicator_code is None or f.indicator_code in shown_indicators)
                and (f.region_code is None or str(f.region_code) in place)
                and (f.period is None or ends_by(f.period))]
    findings.sort(key=lambda f: (f.severity != "error", order.get(f.indicator_code, -1),
                                 place.get(str(f.region_code), -1), f.period or ""))
    periods: dict[str, str] = {}
    records = [{
        "number": n, "severity": SEVERITIES.get(f.severity, f.severity), "rule_name": f.rule_name or f.rule,
        "indicator": indicators.get(f.indicator_code, f.indicator_code),
        "region": regions.get(str(f.region_code), f.region_code), "period": period_text(f.period, periods),
        "file": f.file, "sheet": f.sheet, "cell": f.cell, "message": f.message,
        "status": HANDLING.get(f.status, f.status), "explanation": f.explanation, "explained_by": f.explained_by,
        "explained_at": _time_text(f.explained_at),
    } for n, f in enumerate(findings, start=1)]
    columns = [Column("number", ("序号",), "number", "0", min_width=5),
               Column("severity", ("类别",), "center", min_width=6),
               Column("rule_name", ("审核规则",), "text", min_width=12, max_width=22),
               Column("indicator", ("指标",), "text", min_width=12, max_width=24),
               Column("region", ("地区",), "center", min_width=8),
               Column("period", ("期别",), "center", min_width=10),
               Column("file", ("数据位置", "文件"), "text", min_width=14, max_width=30),
               Column("sheet", ("数据位置", "工作表"), "text", min_width=8, max_width=16),
               Column("cell", ("数据位置", "单元格"), "center", min_width=7),
               Column("message", ("问题说明",), "text", min_width=20, max_width=44),
               Column("status", ("处理情况", "状态"), "center", min_width=8),
               Column("explanation", ("处理情况", "说明"), "text", min_width=20, max_width=40),
               Column("explained_by", ("处理情况", "说明人"), "center", min_width=8),
               Column("explained_at", ("处理情况", "说明时间"), "center", min_width=10, max_width=17)]
    errors = [f for f in findings if f.severity == "error"]
    open_errors = [f for f in errors if f.status == "open"]
    summary = (f"共 {len(findings)} 条：错误 {len(errors)} 条（未处理 {len(open_errors)} 条），"
               f"提示 {len(findings) - len(errors)} 条")
    notes = ["错误须更正或书面说明后方可使用（未处理的错误数据暂不计入考核）；提示须核实确认。"]
    if not findings:
        notes.insert(0, "未发现审核问题。")
    notes = numbered_notes(notes)
    table_sheet(ws, styles, title=f"数据审核情况表（{title_period(context.at)}）", left=made_on, right=summary,
                columns=columns, records=records, notes=notes, freeze_column=2)


def sources_sheet(ws, styles, context, made_on: str) -> None:
    """数据来源: every figure that counts for the shown indicators and units up to the assessment
    month, with the cell it came from."""
    indicators, regions = _names(context)
    figures = context.figures
    order = {code: i for i, code in enumerate(context.indicator_codes)}
    place = {code: i for i, code in enumerate(_shown_regions(context))}
    codes = figures["indicator"].astype(str)
    areas = figures["region"].astype(str)
    figures = figures.assign(_i=codes.map(order), _r=areas.map(place), indicator=codes, region=areas)
    ends_by = _ending_by(context.at)
    in_time = {key: ends_by(key) for key in figures["period"].unique()}
    figures = figures[figures["_i"].notna() & figures["_r"].notna() & figures["period"].map(in_time).astype(bool)]
    figures = figures.sort_values(["_i", "_r", "period"], kind="stable")
    periods: dict[str, str] = {}
    records = figures.to_dict("records")
    for record in records:
        record["indicator_name"] = indicators.get(record["indicator"], "")
        record["region_name"] = regions.get(record["region"], "")
        record["period"] = period_text(record["period"], periods)
        record["_format"] = unit_format(record["unit"], record["value"])
    columns = [Column("indicator", ("指标", "代码"), "text", min_width=10, max_width=26),
               Column("indicator_name", ("指标", "名称"), "text", min_width=14, max_width=30),
               Column("region", ("地区", "代码"), "center", min_width=8),
               Column("region_name", ("地区", "名称"), "center", min_width=8),
               Column("period", ("期别",), "center", min_width=10),
               Column("value", ("数值",), "number", format_key="_format", min_width=10),
               Column("unit", ("单位",), "center", min_width=6),
               Column("department", ("报送部门",), "text", min_width=10, max_width=20),
               Column("file", ("来源", "文件"), "text", min_width=16, max_width=56),
               Column("sheet", ("来源", "工作表"), "text", min_width=8, max_width=20),
               Column("cell", ("来源", "单元格"), "center", min_width=7),
               Column("raw_text", ("来源", "原始内容"), "text", min_width=10, max_width=24)]
    table_sheet(ws, styles, title=f"考核数据来源表（{title_period(context.at)}）", left=made_on,
                right=f"共 {len(records)} 个数据", columns=columns, records=records,
                notes=numbered_notes(["数值为折算到指标单位后的数；原始内容为报表单元格中的原文。"]), freeze_column=2)


def _state_lines(state: dict) -> list[tuple[str, object]]:
    counts = state.get("counts") or {}
    return [("项目文件", state.get("project")), ("计划代码", state.get("plan_id")),
            ("软件版本", state.get("app_version")), ("项目文件格式版本", state.get("schema_version")),
            ("有效导入文件", state.get("imports_in_force")), ("最近导入时间", _time_text(state.get("latest_import_at"))),
            ("项目记录数", "；".join(f"{COUNT_NAMES.get(k, k)} {v}" for k, v in counts.items())),
            ("项目内容摘要（SHA-256）", state.get("digest"))]


def notes_sheet(ws, styles, context, made_on: str) -> None:
    """说明: the plan, the scheme and its settings, the selection, the legend and the project state."""
    assessment, options = context.assessment, context.options
    lines: list[tuple[str, object]] = [("计划", context.plan.name), ("考核期", title_period(context.at))]
    lines += [(k, v) for k, v in assessment_notes(assessment)]
    lines.append(("评分方案文件", getattr(assessment.scheme, "origin", None)))
    lines.append(("县（市、区）", "全部" if options.counties is None else
                  "、".join(c["region_name"] for c in context.counties.to_dict("records"))))
    lines.append(("指标", f"{len(context.indicator_codes)} 项" + ("" if options.indicators is None else "（选定）")))
    lines += [(f"状态：{STATUS_LOOKS[s].symbol}{s}", _STATUS_MEANINGS.get(s, "")) for s in LEGEND_ORDER]
    lines += _state_lines(context.state)
    lines.append(("生成时间", _time_text(context.generated_at)))
    records = [{"item": k, "text": v} for k, v in lines]
    columns = [Column("item", ("项目",), "text", min_width=14, max_width=26),
               Column("text", ("内容",), "text", min_width=40, max_width=90)]
    table_sheet(ws, styles, title=f"考核说明（{title_period(context.at)}）", left=made_on, right="",
                columns=columns, records=records)



def index_sheet(ws, styles, context, made_on: str) -> None:
    """成长指数: the growth index, its dimension indices, ranks and year-on-year change."""
    from workbench.models.index.index_report import report_table

    index = context.index
    table = report_table(index, decimals=None)
    number = {"成长指数", "同比（点）", *[d.name for d in index.framework.dimensions], index.framework.index_name}
    columns = []
    for i, name in enumerate(table.columns):
        if name in number:
            columns.append(Column(f"c{i}", (name,), "number", "0.0", min_width=8, max_width=12))
        elif name in ("排名", "排名变化"):
            columns.append(Column(f"c{i}", (name,), "center", min_width=6, max_width=8))
        else:
            columns.append(Column(f"c{i}", (name,), "text", min_width=10, max_width=40))
    records = [{f"c{i}": (None if pd.isna(v) else v) for i, v in enumerate(row)}
               for row in table.itertuples(index=False, name=None)]
    notes = [f"基期：{index.base_text} = 100；{index.framework.index_name}按{'、'.join(d.name for d in index.framework.dimensions)}"
             "三个维度加权汇总，指标先按常住人口等折算，再以七县（市、区）基期平均为 100 标准化。",
             *index.notes]
    table_sheet(ws, styles, title=f"{index.framework.index_name}（{index.period.label}）", left=made_on,
                right="单位：点", columns=columns, records=records, notes=numbered_notes(notes))
