"""Project subcommands: ``import``, ``trace`` and ``template``.

Thin layers over :mod:`workbench.models.importing`, :mod:`workbench.models.provenance`
and :mod:`workbench.models.templates`:

``workbench import PROJECT FILE... [--json] [--accept-drift] [--plan ID]``
    Imports workbooks (directories expand to their spreadsheet files), creating the
    project with the default plan (or ``--plan``) when it does not exist. Exit 0 when
    every file was handled (duplicates and drift waiting for review included), 2 when
    a file could not be read: one Chinese line per such file on stderr, the others
    are still imported. ``--accept-drift`` stores a drifted layout as imported (and
    accepts drift pending from an earlier run when the same file is given again).
``workbench trace PROJECT INDICATOR REGION PERIOD [--json]``
    Where a stored figure came from. Exit 1 when the project holds no such figure.
``workbench template list|export|import PROJECT [FILE]``
    The project's mapping templates; export to / import from a JSON file.
``workbench import PROJECT FILE --targets`` and ``workbench targets PROJECT``
    County targets, see :mod:`workbench.cli_targets`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def add_parsers(subparsers) -> None:
    """Register ``import``, ``trace`` and ``template`` on ``subparsers`` (from ``add_subparsers``)."""
    imp = subparsers.add_parser("import", help="把部门报表导入项目（按模板映射，识别重复与替换）")
    imp.add_argument("project", help="项目文件 (.wbproj)；不存在时新建")
    imp.add_argument("files", nargs="+", metavar="FILE", help="报表文件或文件夹")
    imp.add_argument("--json", action="store_true", help="以 JSON 输出")
    imp.add_argument("--accept-drift", action="store_true", help="版式有变化的文件也直接计入，并为新版式建立模板")
    imp.add_argument("--plan", help="新建项目时使用的计划 id（默认：嘉兴市小微企业三年成长计划）")
    imp.add_argument("--targets", action="store_true",
                     help="把文件作为县（市、区）目标任务分解表导入，保存为分解目标（见 workbench targets）")
    imp.set_defaults(func=run_import)

    trace = subparsers.add_parser("trace", help="查一个数值的来源（文件、工作表、单元格、原文、换算）")
    trace.add_argument("project", help="项目文件 (.wbproj)")
    trace.add_argument("indicator", help="指标代码或名称，如 new_sme 或 新增小微企业")
    trace.add_argument("region", help="地区代码或名称，如 330402 或 南湖区")
    trace.add_argument("period", help="期别：2019-09（截至该月）、2019年1-9月、2019年前三季度 …")
    trace.add_argument("--json", action="store_true", help="以 JSON 输出")
    trace.set_defaults(func=run_trace)

    template = subparsers.add_parser("template", help="映射模板：列出、导出、导入")
    template_sub = template.add_subparsers(dest="template_command", metavar="操作", required=True)
    listing = template_sub.add_parser("list", help="列出项目中的模板")
    listing.add_argument("project", help="项目文件 (.wbproj)")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(func=run_template_list)
    export = template_sub.add_parser("export", help="把模板导出为 JSON 文件，供同事导入")
    export.add_argument("project", help="项目文件 (.wbproj)")
    export.add_argument("file", help="导出到的文件（.json）")
    export.set_defaults(func=run_template_export)
    load = template_sub.add_parser("import", help="导入同事导出的模板文件")
    load.add_argument("project", help="项目文件 (.wbproj)")
    load.add_argument("file", help="模板文件（.json）")
    load.set_defaults(func=run_template_import)

    from workbench.cli_targets import add_targets_parser

    add_targets_parser(subparsers)


def _open_project(path: Path, plan_id: str | None = None, create: bool = False):
    from workbench.models.plan import DEFAULT_PLAN_ID
    from workbench.models.store import Project

    if create and not path.exists():
        project = Project.create(path, plan_id or DEFAULT_PLAN_ID)
    else:
        project = Project.open(path)
    if project.lock_warning:
        print(project.lock_warning, file=sys.stderr)
    return project


def _tools(project):
    from workbench.models.mapping import IndicatorMatcher
    from workbench.models.plan import DEFAULT_PLAN_ID, load_plan
    from workbench.models.regions import RegionResolver, load_regions

    plan = load_plan(project.plan_id or DEFAULT_PLAN_ID)
    return plan, RegionResolver(load_regions()), IndicatorMatcher(plan)


def run_import(args) -> int:
    """Run ``workbench import``; returns the exit status."""
    from workbench.models.importing import STATUS_NAMES, finish, import_files

    if getattr(args, "targets", False):
        from workbench.cli_targets import run_import_targets

        return run_import_targets(args)
    if args.plan:
        from workbench.models.plan import load_plan

        load_plan(args.plan)  # an unknown plan id is refused before a file is created
    with _open_project(Path(args.project), args.plan, create=True) as project:
        plan, resolver, matcher = _tools(project)
        results = finish(import_files(project, args.files, plan, resolver, matcher, accept_drift=args.accept_drift))
    if not results:
        print("错误：没有找到可导入的报表文件。", file=sys.stderr)
        return 2
    failed = [r for r in results if not r.handled]
    for r in failed:
        print(f"错误：{r.message}", file=sys.stderr)
    if args.json:
        _print_json([r.as_dict() for r in results])
    else:
        for r in results:
            print(f"{Path(r.file).name}\t{STATUS_NAMES.get(r.status, r.status)}\t{r.department or '部门未识别'}\t"
                  f"模板：{r.template or '无'}\t映射 {r.mapped} 项，未映射 {r.unmapped} 项，数值 {r.figures} 个")
            if r.handled:
                print(f"  {r.message}")
            for change in r.drift:
                print(f"  版式变化：{change['message']}")
            for change in r.changes[:20]:
                print(f"  数值变化：{change['message']}（{change['sheet']}!{change['cell']}）")
            if len(r.changes) > 20:
                print(f"  ……另有 {len(r.changes) - 20} 处变化")
        pending = sum(r.status == "drift_pending" for r in results)
        if pending:
            print(f"有 {pending} 个文件版式变化待确认：核对后用 --accept-drift 重新导入即计入。")
    return 2 if failed else 0


def run_trace(args) -> int:
    """Run ``workbench trace``; returns the exit status."""
    from workbench.models.provenance import trace, trace_text

    with _open_project(Path(args.project)) as project:
        plan, resolver, matcher = _tools(project)
        result = trace(project, args.indicator, args.region, args.period, plan=plan, resolver=resolver,
                       matcher=matcher)
    if args.json:
        _print_json(result)
    else:
        print(trace_text(result))
    return 0 if result["figures"] else 1


def run_template_list(args) -> int:
    from workbench.models.templates import ORIGINS, list_templates

    with _open_project(Path(args.project)) as project:
        templates = list_templates(project)
    if args.json:
        _print_json([{"id": t.id, **t.as_dict()} for t in templates])
        return 0
    for t in templates:
        mapped = sum(1 for e in t.columns.values() if e.get("indicator"))
        ignored = sum(1 for e in t.columns.values() if e.get("ignored"))
        print(f"#{t.id}\t{t.department or '部门未识别'}\t{t.name}\t{ORIGINS.get(t.origin, t.origin)}\t"
              f"映射 {mapped} 列，忽略 {ignored} 列\t{t.fingerprint}")
    if not templates:
        print("项目中还没有模板。")
    return 0


def run_template_export(args) -> int:
    from workbench.models.templates import export_templates

    with _open_project(Path(args.project)) as project:
        count = export_templates(project, args.file)
    print(f"已导出 {count} 个模板到：{args.file}")
    return 0


def run_template_import(args) -> int:
    from workbench.models.templates import import_templates

    with _open_project(Path(args.project)) as project:
        counts = import_templates(project, args.file)
    print(f"新增 {counts['added']} 个模板，替换 {counts['replaced']} 个，{counts['unchanged']} 个与现有相同。")
    return 0

