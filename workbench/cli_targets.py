"""County targets on the command line: ``import --targets`` and ``targets``.

Thin layers over :mod:`workbench.models.targets`, registered by
:func:`workbench.cli_project.add_parsers`:

``workbench import PROJECT FILE --targets [--json]``
    Imports one target decomposition workbook (县市区目标任务分解表) as the project's
    county targets. The JSON object lists the targets ``stored``, the ``indicators`` and
    ``regions`` among them, the ``unmapped`` rows, the ``skipped`` figures, the targets
    ``replaced`` and the county-sum ``warnings``. Exit 0 when targets were stored, 1
    when the file held none the reader could map, 2 when it could not be read.
``workbench targets PROJECT [--json] [--default base_share|equal]``
    Shows the targets (indicators × 全市 and the counties; estimates marked 估算) and the
    county-sum warnings; ``--default`` first fills the targets still missing with the
    default decomposition (estimated, never over an existing target).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def add_targets_parser(subparsers) -> None:
    """Register ``targets`` on ``subparsers``."""
    targets = subparsers.add_parser("targets", help="县（市、区）分解目标：查看，或按默认方法补齐（估算）")
    targets.add_argument("project", help="项目文件 (.wbproj)")
    targets.add_argument("--json", action="store_true", help="以 JSON 输出")
    targets.add_argument("--default", choices=("base_share", "equal"), metavar="METHOD",
                         help="先为尚无目标的县（市、区）生成默认分解（估算）：base_share 按基期占比，equal 平均分配")
    targets.set_defaults(func=run_targets)


def run_import_targets(args) -> int:
    """``workbench import PROJECT FILE --targets``; returns the exit status."""
    from workbench.cli_project import _open_project, _tools
    from workbench.models.targets import import_targets

    if len(args.files) != 1:
        print("错误：--targets 一次只能导入一个目标分解表。", file=sys.stderr)
        return 2
    path = Path(args.files[0])
    if not path.is_file():
        print(f"错误：找不到目标分解表“{path}”。", file=sys.stderr)
        return 2
    if args.plan:
        from workbench.models.plan import load_plan

        load_plan(args.plan)
    with _open_project(Path(args.project), args.plan, create=True) as project:
        plan, resolver, matcher = _tools(project)
        result = import_targets(project, path, plan, resolver, matcher)
    for error in result.errors:
        print(f"错误：{error}", file=sys.stderr)
    if args.json:
        _print_json(result.as_dict())
    else:
        names = {i.code: i.short_name or i.name for i in plan.indicators}
        print(result.message)
        for item in result.unmapped:
            print(f"  未对应指标：{item['sheet']}!{item['cell']}「{item['header_path']}」：{item['reason']}")
        for item in result.skipped:
            print(f"  未保存：{names.get(item['indicator'], item['indicator'])} {item['cell']}：{item['reason']}")
        for item in result.replaced:
            print(f"  替换：{names.get(item['indicator'], item['indicator'])} {item['region']} "
                  f"{item['old']:g} → {item['new']:g}（原来源：{item['old_source']}）")
        for warning in result.warnings:
            print(f"  提示：{warning}")
    if not result.ok and not result.stored:
        return 2
    return 0 if result.stored else 1


def run_targets(args) -> int:
    """``workbench targets``; returns the exit status."""
    from workbench.cli_project import _open_project, _tools
    from workbench.models.regions import load_regions
    from workbench.models.targets import apply_default_targets, target_regions, target_warnings

    regions = load_regions()
    with _open_project(Path(args.project)) as project:
        plan, _, _ = _tools(project)
        applied = apply_default_targets(project, plan, args.default, regions) if args.default else None
        frame = project.targets()
        warnings = target_warnings(project, plan, regions)
    columns = target_regions(plan, regions)
    region_names = {r.code: r.name for r in regions.regions}
    rows = []
    for row in frame.to_dict("records"):
        ind = next((i for i in plan.indicators if i.code == row["indicator"]), None)
        rows.append({"indicator": row["indicator"], "name": ind.name if ind else row["indicator"],
                     "unit": ind.unit if ind else "", "region": row["region"],
                     "region_name": region_names.get(row["region"], row["region"]),
                     "value": None if row["value"] != row["value"] else row["value"],
                     "source": row["source"], "estimated": bool(row["estimated"])})
    if args.json:
        data = {"targets": rows, "warnings": [w.as_dict() for w in warnings]}
        if applied is not None:
            data["applied"] = {"method": args.default, "count": len(applied)}
        _print_json(data)
        return 0
    if applied is not None:
        print(f"已为 {len(applied)} 个尚无目标的单元格生成默认分解（估算）。")
    if not rows:
        print("项目中还没有分解目标：用 workbench import 项目 分解表.xlsx --targets 导入，"
              "或用 --default base_share 生成默认分解（估算）。")
        return 0
    print("\t".join(["指标", "单位", *("全市" if c == plan.city else region_names.get(c, c) for c in columns)]))
    cells = {(r["indicator"], r["region"]): r for r in rows}
    for ind in plan.indicators:
        if not any((ind.code, c) in cells for c in columns):
            continue
        texts = []
        for c in columns:
            cell = cells.get((ind.code, c))
            if cell is None or cell["value"] is None:
                texts.append("—")
            else:
                texts.append(f"{cell['value']:g}" + ("*" if cell["estimated"] else ""))
        print("\t".join([ind.short_name or ind.name, ind.unit, *texts]))
    if frame["estimated"].any():
        print("* 估算（默认分解），未经确认")
    for warning in warnings:
        print(f"提示：{warning}")
    return 0
