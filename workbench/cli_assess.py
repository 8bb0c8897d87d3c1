"""``workbench assess PROJECT --period 2019-09 [--json | --xlsx FILE] [--scheme FILE]``.

A thin layer over :func:`workbench.models.assessment.project_assessment.assess_project`.
Without ``--json`` or ``--xlsx`` it prints the counties' scores and ranks and a count of the
statuses. JSON holds ``period``, ``rows`` (one object per indicator and region) and
``counties``; ratios are fractions (0.583, not 58.3) and missing values are ``null``.
Exit status 0 when the assessment ran, 2 with a one-line Chinese message otherwise.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROW_FIELDS = [
    "indicator_code", "indicator_name", "group", "lead", "kind", "unit", "comparator", "region_code",
    "region_name", "level", "actual", "target", "stretch", "completion", "time_progress", "gap_pp", "status",
    "passed", "stretch_met", "weight", "score", "note", "basis_used", "data_through", "sources",
]  # fmt: skip
COUNTY_FIELDS = ["region_code", "region_name", "total_score", "rank", "rank_change", "grade", "base_score",
                 "bonus", "deduction", "indicators_scored", "indicators_missing"]


def add_parsers(subparsers) -> argparse.ArgumentParser:
    """Register the ``assess`` subcommand on ``subparsers`` (from ``add_subparsers``)."""
    parser = subparsers.add_parser("assess", help="考核：各县（市、区）各指标的完成率、序时进度、状态、得分与排名")
    parser.add_argument("project", help="项目文件 (.wbproj)")
    parser.add_argument("--period", required=True, metavar="YYYY-MM", help="考核时点（月末），如 2019-09")
    parser.add_argument("--previous", metavar="YYYY-MM",
                        help="对比时点，用于名次变化（默认：上一季度，即三个月前；写 none 不对比）")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="以 JSON 输出")
    output.add_argument("--xlsx", metavar="FILE", help="把结果写入 Excel 文件")
    parser.add_argument("--scheme", metavar="FILE", help="评分方案（TOML，默认：项目中保存的或计划随附的方案）")
    parser.set_defaults(func=run)
    return parser


def _plain(value):
    if value is None or type(value).__name__ == "NAType":  # pandas.NA, without importing pandas here
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _records(frame, fields) -> list[dict]:
    present = [f for f in fields if f in frame.columns]
    return [{f: _plain(v) for f, v in zip(present, values)}
            for values in frame[present].itertuples(index=False, name=None)]


def as_json(assessment) -> dict:
    """The assessment as the JSON document ``workbench assess --json`` prints."""
    return {
        "period": assessment.at,
        "previous_period": assessment.previous.at if assessment.previous is not None else None,
        "scheme": assessment.scheme.name,
        "rows": _records(assessment.rows, ROW_FIELDS),
        "counties": _records(assessment.counties, COUNTY_FIELDS),
        "blocked": len(assessment.blocked),
    }


def summary(assessment) -> str:
    """Counties by rank and the number of rows per status, as lines a user reads."""
    year, month = assessment.at.split("-")
    lines = [f"考核时点：{year}年{int(month)}月末（评分方案：{assessment.scheme.name}）", "排名  县（市、区）  总分    等级    名次变化"]
    for c in _records(assessment.counties, COUNTY_FIELDS):
        total = "—" if c["total_score"] is None else f"{c['total_score']:.2f}"
        change = "" if c["rank_change"] is None else (f"↑{c['rank_change']}" if c["rank_change"] > 0 else
                                                      f"↓{-c['rank_change']}" if c["rank_change"] < 0 else "—")
        rank = "—" if c["rank"] is None else str(c["rank"])
        lines.append(f"{rank:>4}  {c['region_name']:<8}  {total:>6}  {c['grade'] or '—':<4}  {change}")
    counts = assessment.rows["status"].value_counts()
    lines.append("状态：" + "，".join(f"{status} {count} 项" for status, count in counts.items()))
    if len(assessment.blocked):
        lines.append(f"有 {len(assessment.blocked)} 项因未处理的审核错误待审核，未计分（运行 workbench check 查看）。")
    return "\n".join(lines)


def run(args) -> int:
    """Run ``workbench assess``; returns the exit status."""
    from workbench.models.assessment.assessment_xlsx import write_assessment_xlsx
    from workbench.models.assessment.project_assessment import assess_project, previous_quarter
    from workbench.models.assessment.scoring import load_scheme
    from workbench.models.plan import DEFAULT_PLAN_ID, load_plan
    from workbench.models.regions import load_regions
    from workbench.models.store import Project

    scheme = load_scheme(Path(args.scheme)) if args.scheme else None
    with Project.open(args.project) as project:
        if project.lock_warning:
            print(project.lock_warning, file=sys.stderr)
        plan = load_plan(project.plan_id or DEFAULT_PLAN_ID)
        previous = args.previous
        if previous is None:
            previous = previous_quarter(args.period)
            if previous < plan.period_start:
                previous = None
        elif previous.lower() == "none":
            previous = None
        assessment = assess_project(project, plan, load_regions(), args.period, previous_at=previous, scheme=scheme)
    if args.json:
        print(json.dumps(as_json(assessment), ensure_ascii=False, indent=2))
    elif args.xlsx:
        write_assessment_xlsx(assessment, Path(args.xlsx))
        print(f"考核结果已写入：{args.xlsx}")
    else:
        print(summary(assessment))
    return 0
