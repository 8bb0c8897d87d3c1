"""``workbench extract FILE... [--json]``: the figures a departmental workbook holds.

A thin layer over :func:`workbench.models.extract.extract_file`. Exit status 0 when every
file was read (even if parts stayed unmapped), 2 with a one-line Chinese message on
stderr when a file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``extract`` subcommand on ``subparsers`` (from ``add_subparsers``)."""
    parser = subparsers.add_parser("extract", help="从部门报表中识别表格并提取各县（市、区）数值")
    parser.add_argument("files", nargs="+", metavar="FILE", help="报表文件（xlsx、xls、et、ods、csv …）")
    parser.add_argument("--plan", help="计划 id（默认：嘉兴市小微企业三年成长计划）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.set_defaults(func=run)
    return parser


def run(args) -> int:
    """Run ``workbench extract``; returns the exit status."""
    try:
        from workbench.models.extract import extract_file
        from workbench.models.extract_json import extraction_dict
        from workbench.models.mapping import IndicatorMatcher
        from workbench.models.plan import load_plan
        from workbench.models.regions import RegionResolver, load_regions

        plan = load_plan(args.plan) if getattr(args, "plan", None) else load_plan()
        resolver = RegionResolver(load_regions())
        matcher = IndicatorMatcher(plan)
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        print(f"错误：无法准备提取：{exc}", file=sys.stderr)
        return 2
    status = 0
    results = []
    for name in args.files:
        path = Path(name)
        try:
            extraction = extract_file(path, plan, resolver, matcher)
        except Exception as exc:  # noqa: BLE001
            print(f"错误：文件「{path.name}」无法处理：{exc}", file=sys.stderr)
            status = 2
            continue
        if not extraction.readable:
            print(f"错误：{extraction.errors[0]['message']}", file=sys.stderr)
            status = 2
        results.append(extraction)
    if args.json:
        print(json.dumps([extraction_dict(e) for e in results], ensure_ascii=False, indent=2))
    else:
        for extraction in results:
            print(summary(extraction))
    return status


def summary(extraction) -> str:
    """A readable Chinese account of one file's extraction."""
    from workbench.models.extract_json import ORIENTATION_NAMES
    from workbench.models.periods import BASIS_NAMES

    lines = [f"文件：{extraction.file}" + (f"（{extraction.format}）" if extraction.format else "")]
    if not extraction.readable:
        lines += [f"  无法读取：{e['message']}" for e in extraction.errors]
        return "\n".join(lines)
    if not extraction.tables:
        lines.append("  没有找到表格")
    for i, t in enumerate(extraction.tables, 1):
        period = t.period.label if t.period else "未写明"
        source = {"title": "标题", "preamble": "表头上方", "sheet": "工作表名", "footnote": "表注", "file": "文件名", "folder": "文件夹名"}
        where = f"（来自{source.get(t.period_source, t.period_source)}）" if t.period else ""
        units = "、".join(t.units) if t.units else "未写明"
        lines.append(f"  表格{i}：工作表「{t.sheet}」{t.range}，{ORIENTATION_NAMES.get(t.orientation, t.orientation)}，"
                     f"期别 {period}{where}，单位 {units}")
        if t.title:
            lines.append(f"    标题：{t.title}")
        if t.unknown_regions:
            lines.append("    未识别的地区：" + "、".join(e.label for e in t.unknown_regions))
    frame = extraction.figures
    if len(frame):
        missing = int(frame["value"].isna().sum())
        lines.append(f"  提取数值 {len(frame)} 个（缺报 {missing} 个），指标 {frame['indicator_code'].nunique()} 项，"
                     f"地区 {frame['region_code'].nunique()} 个")
        grouped = frame.groupby(["indicator_name", "basis", "year", "from_month", "to_month"], sort=False, dropna=False)
        for (name, basis, year, first, last), group in grouped:
            span = f"{year}年{first}-{last}月" if first != last else f"{year}年{last}月"
            low = int((group["confidence"] < 0.8).sum())
            note = f"，其中 {low} 个把握不足" if low else ""
            lines.append(f"    {name}（{BASIS_NAMES.get(basis, basis)}，{span}）：{len(group)} 个{note}")
    else:
        lines.append("  没有提取到计划指标的数值")
    for u in extraction.unmapped:
        lines.append(f"  未匹配：「{u['sheet']}」{u['cell']} {u['header_path']} —— {u['reason']}")
    for e in extraction.errors:
        lines.append(f"  错误：{e['message']}")
    return "\n".join(lines)
