"""``workbench report PROJECT --period 2019-09 --out DIR [options]``: the report package.

A thin layer over :func:`workbench.models.exports.context.report_context` and
:func:`workbench.models.exports.package.write_package`, the functions the GUI's export
dialog calls. Counties may be named by code (330481) or in Chinese (海宁市, 海宁, 嘉兴市海宁市);
indicators by code or by name. It prints the new folder and one line per file; progress
lines go to stderr when stderr is a terminal, unless ``--quiet``. Exit status 0 when the
package was written, 2 with a one-line Chinese message otherwise (nothing is left behind).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parsers(subparsers) -> argparse.ArgumentParser:
    """Register the ``report`` subcommand on ``subparsers`` (from ``add_subparsers``)."""
    parser = subparsers.add_parser(
        "report", help="考核材料：考核通报（Word）、考核情况表（Excel）、推进会幻灯片（PowerPoint）和图表，写入一个新文件夹")
    parser.add_argument("project", help="项目文件 (.wbproj)")
    parser.add_argument("--period", required=True, metavar="YYYY-MM", help="考核时点（月末），如 2019-09")
    parser.add_argument("--out", required=True, metavar="DIR", help="输出位置：在其中新建“2019年9月考核材料”文件夹")
    parser.add_argument("--counties", metavar="列表", help="只列这些县（市、区），逗号分隔，代码或名称均可（默认：全部）")
    parser.add_argument("--indicators", metavar="列表", help="只列这些指标，逗号分隔，代码或名称（默认：全部考核指标）")
    parser.add_argument("--key-indicators", metavar="列表", help="单独成页、单独作图的重点指标（默认：权重最高的几项）")
    parser.add_argument("--outputs", metavar="列表", default="docx,xlsx,pptx,charts",
                        help="输出内容：docx、xlsx、pptx、charts 中的一项或几项（默认：全部）")
    parser.add_argument("--chart-formats", metavar="列表", default="png", help="图表格式：png、svg、pdf（默认：png）")
    parser.add_argument("--issuer", metavar="机关", help="通报的发文机关（默认：计划的印发机关）")
    parser.add_argument("--doc-number", metavar="文号", help="通报的发文字号")
    parser.add_argument("--title", metavar="标题", help="通报的标题")
    parser.add_argument("--template", metavar="FILE", help="幻灯片模板 (.pptx)")
    parser.add_argument("-q", "--quiet", action="store_true", help="不显示进度")
    parser.set_defaults(func=run)
    return parser


def split_list(text: str | None) -> list[str] | None:
    """``"a, b，c"`` → ``["a", "b", "c"]`` (ASCII or Chinese commas, 、 too); None stays None."""
    if text is None:
        return None
    for separator in ("，", "、", ";", "；"):
        text = text.replace(separator, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def resolve_counties(labels: list[str] | None, regions) -> tuple[str, ...] | None:
    """Region codes of county labels given by code or name.

    Raises
    ------
    ReportError
        For a label no region has, or one naming the whole city.
    """
    from workbench.models.exports.context import ReportError
    from workbench.models.regions import RegionResolver

    if labels is None:
        return None
    resolver = RegionResolver(regions)
    known = {r.code for r in regions.regions}
    codes, unknown = [], []
    for label in labels:
        if label in known:
            code = label
        else:
            code = resolver.resolve(label).code
        if code is None:
            unknown.append(label)
        elif code == regions.city.code:
            raise ReportError(f"“{label}”是全市，不是参与考核的县（市、区）；全市的数字总是列出")
        elif code not in codes:
            codes.append(code)
    if unknown:
        raise ReportError(f"不认识这些县（市、区）：{'、'.join(unknown)}（可写代码如 330481，或名称如 海宁市）")
    return tuple(codes)


def resolve_indicators(labels: list[str] | None, plan) -> tuple[str, ...] | None:
    """Indicator codes of labels given by code, name or short name; unknown labels stay as
    they are, so :func:`report_context` refuses them with its own message."""
    if labels is None:
        return None
    by_label = {}
    for indicator in plan.indicators:
        for label in (indicator.name, getattr(indicator, "short_name", None), indicator.code):
            if label:
                by_label[label] = indicator.code
    return tuple(dict.fromkeys(by_label.get(label, label) for label in labels))


def _size(n: int) -> str:
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def run(args) -> int:
    """Run ``workbench report``; returns the exit status."""
    from workbench.models.exports.chart_process import early_process
    from workbench.models.exports.context import ReportError, ReportOptions, report_context
    from workbench.models.exports.package import write_package
    from workbench.models.plan import DEFAULT_PLAN_ID, load_plan
    from workbench.models.regions import load_regions
    from workbench.models.store import Project

    template = Path(args.template) if args.template else None
    if template is not None and not template.is_file():
        raise ReportError(f"找不到幻灯片模板“{template}”")
    regions = load_regions()
    show_progress = not args.quiet and sys.stderr.isatty()
    with Project.open(args.project) as project:
        if project.lock_warning:
            print(project.lock_warning, file=sys.stderr)
        plan = load_plan(project.plan_id or DEFAULT_PLAN_ID)
        options = ReportOptions(
            at=args.period,
            counties=resolve_counties(split_list(args.counties), regions),
            indicators=resolve_indicators(split_list(args.indicators), plan),
            key_indicators=resolve_indicators(split_list(args.key_indicators), plan),
            outputs=tuple(split_list(args.outputs) or ()),
            chart_formats=tuple(split_list(args.chart_formats) or ()),
            issuer=args.issuer, doc_number=args.doc_number, title=args.title)
        if show_progress:
            print("正在计算考核结果…", file=sys.stderr)
        helper = early_process(options)  # imports while the assessment is computed
        try:
            context = report_context(project, plan, regions, options)
        except BaseException:
            if helper is not None:
                helper.close()
            raise
    # The project is closed before anything is written: the package never touches it.
    progress = write_package(context, Path(args.out), template=template, helper=helper)
    while True:
        try:
            done, total, message = next(progress)
        except StopIteration as stop:
            result = stop.value
            break
        if show_progress:
            print(f"[{done}/{total}] {message}", file=sys.stderr)
    print(f"考核材料已写入：{result.folder}")
    for entry in result.files:
        print(f"  {entry['path']}  （{_size(entry['bytes'])}）")
    print(f"  {result.manifest.name}")
    return 0
