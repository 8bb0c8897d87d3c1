"""Where a stored figure came from: file, sheet, cell, raw text, conversions, template, history.

:func:`trace` answers "where does 新增小微企业, 南湖区, 2019-09 come from?" the way
``workbench trace`` prints it; :func:`provenance` gives the same for one stored
observation (for a tooltip or side panel).

The period of a query names the month a figure runs to:

* ``2019-09`` (or ``2019.9``, ``201909``, ``2019年9月``): every figure of that
  indicator and region that ends in September 2019 — the year to date (1-9月), the
  stock at the end of September, the rate, and the quarter alone if one was reported;
* a range such as ``2019年1-9月``, ``2019年7-9月``, ``2019年前三季度`` or
  ``2019-01..09`` narrows to figures of exactly those months when there are any;
* ``2019年`` means the year (1-12月), ``2019年末`` its end.

Current figures come first; then the history: figures of imports that a newer
workbook superseded, or that wait for a layout-drift review.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from workbench.models.errors import WorkbenchError
from workbench.models.history import format_value
from workbench.models.periods import BASIS_NAMES, period_label
from workbench.models.periods import PeriodError, parse_period
from workbench.models.plan import Indicator, Plan
from workbench.models.regions import RegionResolver

STATE_NAMES = {"current": "当前", "replaced": "已被替换", "drift_pending": "版式变化待确认", "other": "未计入"}
_SQL = """
SELECT o.*, i.name AS file, i.path AS file_path, i.imported_at, i.department, i.status AS import_status,
       i.superseded_by, i.sha256, t.name AS template, t.origin AS template_origin,
       s.name AS superseded_by_file, s.imported_at AS superseded_at
FROM observations o
JOIN imports i ON i.id = o.import_id
LEFT JOIN templates t ON t.id = i.template_id
LEFT JOIN imports s ON s.id = i.superseded_by
"""


class TraceError(WorkbenchError):
    """An indicator, region or period of a trace query that cannot be understood (Chinese message)."""


@dataclass(frozen=True)
class TracePeriod:
    """The months a query asks about: ``first_month`` None means "any span ending in last_month"."""

    year: int
    last_month: int
    first_month: int | None = None
    text: str = ""

    @property
    def label(self) -> str:
        if self.first_month is None:
            return f"{self.year}年{self.last_month}月（截至该月的各期数值）"
        return period_label(self.year, self.first_month, self.last_month)


def parse_trace_period(text: str) -> TracePeriod:
    """Read the PERIOD of a trace query (see the module docstring).

    Raises
    ------
    TraceError
        When the text names no period.
    """
    clean = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", clean)
    if match:
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise TraceError(f"月份无效：“{text}”")
        return TracePeriod(year, month, None, str(text))
    match = re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{2})", clean)
    if match:
        return TracePeriod(int(match[1]), int(match[3]), int(match[2]), str(text))
    try:
        period = parse_period(clean)
    except PeriodError as exc:
        raise TraceError(f"无法识别的期别“{text}”：请写作 2019-09、2019年1-9月 或 2019年前三季度") from exc
    if period.first_month == period.last_month:
        return TracePeriod(period.year, period.last_month, None, str(text))
    return TracePeriod(period.year, period.last_month, period.first_month, str(text))


def _fold(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’]", "", unicodedata.normalize("NFKC", str(text))).lower()


def resolve_indicator(plan: Plan, text: str, matcher=None) -> Indicator:
    """An indicator by code, name, short name or synonym; else the matcher's confident answer.

    Raises
    ------
    TraceError
        When nothing (or more than one indicator) fits.
    """
    codes = {i.code: i for i in plan.indicators}
    if text in codes:
        return codes[text]
    folded = _fold(text)
    exact = [i for i in plan.indicators
             if folded in {_fold(i.code), _fold(i.name), _fold(i.short_name), *map(_fold, i.synonyms)}]
    if len(exact) == 1:
        return exact[0]
    if matcher is not None:
        result = matcher.match([text])
        if result.best is not None:
            return plan.indicator(result.best.code)
    raise TraceError(f"计划中没有指标“{text}”：请写指标代码（如 new_sme）或指标名称（workbench plan show 可列出全部）")


def resolve_region(resolver: RegionResolver, text: str) -> tuple[str, str]:
    """(code, name) of a region given by code or by any name the resolver knows."""
    codes = {r.code: r for r in resolver.table.regions}
    if text in codes:
        return text, codes[text].name
    code = resolver.resolve(text).code
    if code is None:
        raise TraceError(f"无法识别地区“{text}”：请写地区代码（如 330402）或名称（如 南湖区）")
    return code, codes[code].name


def _state(row: dict) -> str:
    if row["import_status"] == "imported" and row["superseded_by"] is None:
        return "current"
    if row["superseded_by"] is not None:
        return "replaced"
    return "drift_pending" if row["import_status"] == "drift_pending" else "other"


def _record(row: dict) -> dict:
    state = _state(row)
    return {
        "observation_id": row["id"], "state": state, "current": state == "current",
        "indicator": row["indicator"], "region": row["region"], "value": row["value"], "unit": row["unit"],
        "basis": row["basis"], "period": period_label(row["year"], row["first_month"], row["last_month"], row["basis"]),
        "year": row["year"], "first_month": row["first_month"], "last_month": row["last_month"],
        "file": row["file"], "path": row["file_path"], "sha256": row["sha256"], "sheet": row["sheet"],
        "cell": row["cell"], "merged_range": row["merged_range"], "raw_text": row["raw_text"],
        "header_path": row["header_path"], "source_unit": row["source_unit"], "conversions": row["conversions"],
        "confidence": row["confidence"], "import_id": row["import_id"], "imported_at": row["imported_at"],
        "department": row["department"], "template": row["template"], "template_origin": row["template_origin"],
        "superseded_by": row["superseded_by"], "superseded_by_file": row["superseded_by_file"],
        "superseded_at": row["superseded_at"],
    }


def provenance(project, observation_id: int) -> dict | None:
    """Where one stored observation came from (the keys of a :func:`trace` figure), or None."""
    row = next(project.db.query(_SQL + " WHERE o.id = ?", [observation_id]), None)
    return _record(row) if row else None


def trace(project, indicator: str, region: str, period: str, *, plan: Plan, resolver: RegionResolver,
          matcher=None) -> dict:
    """Every stored figure of one indicator, region and period, with its provenance.

    Parameters
    ----------
    project : Project
    indicator : str
        Code or name.
    region : str
        Code or name (any form the resolver knows).
    period : str
        See the module docstring.
    plan, resolver : the project's plan and a region resolver
    matcher : IndicatorMatcher, optional
        To understand an indicator written in other words.

    Returns
    -------
    dict
        ``indicator`` (code, name, unit), ``region`` (code, name), ``period`` (text,
        label) and ``figures``: current ones first, then the history, newest import first.

    Raises
    ------
    TraceError
    """
    ind = resolve_indicator(plan, indicator, matcher)
    code, name = resolve_region(resolver, region)
    when = parse_trace_period(period)
    rows = list(project.db.query(
        _SQL + " WHERE o.indicator = ? AND o.region = ? AND o.year = ? AND o.last_month = ?",
        [ind.code, code, when.year, when.last_month]))
    if when.first_month is not None and any(r["first_month"] == when.first_month for r in rows):
        rows = [r for r in rows if r["first_month"] == when.first_month]
    figures = sorted((_record(r) for r in rows),
                     key=lambda f: (not f["current"], f["basis"] == "last_year", -f["import_id"], f["observation_id"]))
    return {"indicator": {"code": ind.code, "name": ind.name, "unit": ind.unit},
            "region": {"code": code, "name": name},
            "period": {"text": when.text, "label": when.label, "year": when.year, "first_month": when.first_month,
                       "last_month": when.last_month},
            "figures": figures}


def trace_text(result: dict) -> str:
    """A :func:`trace` result as readable Chinese lines (what ``workbench trace`` prints)."""
    ind, reg, per = result["indicator"], result["region"], result["period"]
    lines = [f"{ind['name']}（{ind['code']}）｜{reg['name']}（{reg['code']}）｜{per['label']}"]
    if not result["figures"]:
        lines.append("  项目中没有这个数值。")
    for f in result["figures"]:
        state = STATE_NAMES[f["state"]]
        lines.append(f"[{state}] {format_value(f['value'])} {f['unit'] or ''}  {f['period']} "
                     f"{BASIS_NAMES.get(f['basis'], f['basis'] or '')}".rstrip())
        when = str(f["imported_at"] or "").replace("T", " ")[:19]
        lines.append(f"  文件：{f['file']}（导入 #{f['import_id']}，{when}，{f['department'] or '部门未识别'}）")
        lines.append(f"  路径：{f['path']}")
        place = f"工作表「{f['sheet']}」单元格 {f['cell']}"
        if f["merged_range"]:
            place += f"（合并单元格 {f['merged_range']}）"
        lines.append(f"  位置：{place}")
        lines.append(f"  原文：{f['raw_text'] if f['raw_text'] not in (None, '') else '（空）'}")
        lines.append(f"  表头：{f['header_path'] or '（无）'}")
        source = f"，原单位 {f['source_unit']}" if f["source_unit"] and f["source_unit"] != f["unit"] else ""
        lines.append(f"  换算：{f['conversions'] or '无'}{source}")
        if f["template"]:
            lines.append(f"  模板：{f['template']}")
        if f["confidence"] is not None:
            lines.append(f"  可信度：{f['confidence']:.2f}")
        if f["superseded_by"] is not None:
            at = str(f["superseded_at"] or "").replace("T", " ")[:19]
            lines.append(f"  已被 #{f['superseded_by']}“{f['superseded_by_file']}”替换（{at}）")
    return "\n".join(lines)
