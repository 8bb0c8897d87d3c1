"""The ``workbench`` command: subcommands over the same functions the GUI calls.

With no subcommand it opens the GUI. Qt is imported only for the GUI, so the other
subcommands run on a machine without a display.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from workbench import __version__, cli_check, cli_extract, cli_project
from workbench import cli_assess, cli_index, cli_report


class CliError(Exception):
    """A failure to report to the user as one Chinese line, exit status 2."""


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _cmd_gui(args) -> int:
    from workbench.app import run_gui

    return run_gui(args.project, screenshot=args.screenshot)


def _cmd_plan_show(args) -> int:
    from workbench.models.plan import KINDS, load_plan

    plan = load_plan(args.plan) if args.plan else load_plan()
    if args.json:
        _print_json([ind.as_dict() for ind in plan.indicators])
        return 0
    print(f"{plan.name}  {plan.period_start} 至 {plan.period_end}，基期 {plan.base_year} 年")
    for ind in plan.indicators:
        lead = "、".join(ind.lead)
        print(f"{ind.code:<28} {ind.name}  {ind.target_text()}  [{KINDS[ind.kind]}]  {lead}")
    print(f"共 {len(plan.indicators)} 项指标")
    return 0


def _cmd_plan_list(args) -> int:
    from workbench.models.plan import available_plans

    plans = available_plans()
    if args.json:
        _print_json([{"id": p.id, "name": p.name, "indicators": len(p.indicators)} for p in plans.values()])
    else:
        for plan in plans.values():
            print(f"{plan.id}  {plan.name}（{len(plan.indicators)} 项指标）")
    return 0


def _cmd_regions(args) -> int:
    from workbench.models.regions import LEVELS, RegionResolver, load_regions

    table = load_regions()
    if args.resolve:
        resolver = RegionResolver(table)
        results = [resolver.resolve(label) for label in args.resolve]
        if args.json:
            _print_json([{"label": r.label, "code": r.code, "is_total": r.is_total} for r in results])
        else:
            for r in results:
                name = table.by_code(r.code).name if r.code else "未识别"
                print(f"{r.label}\t{r.code or '-'}\t{name}")
        return 0 if all(r.known for r in results) else 1
    if args.json:
        _print_json([{"code": r.code, "name": r.name, "short_name": r.short_name, "level": r.level,
                      "parent": r.parent, "aliases": list(r.aliases)} for r in table.regions])
    else:
        for r in table.regions:
            print(f"{r.code:<10} {r.name:<14} {r.short_name:<6} {LEVELS[r.level]}")
    return 0


def _cmd_period(args) -> int:
    from workbench.models.periods import BASES, parse_period, time_progress

    out = []
    for text in args.text:
        period = parse_period(text)
        row = {"text": text, "year": period.year, "first_month": period.first_month,
               "last_month": period.last_month, "basis": period.basis}
        if args.at:
            start = (period.year, period.first_month)
            row["time_progress"] = time_progress(start, period.end, args.at)
        out.append(row)
    if args.json:
        _print_json(out)
    else:
        for row in out:
            line = (f"{row['text']}\t{row['year']}年{row['first_month']}-{row['last_month']}月"
                    f"\t{BASES[row['basis']]}")
            if "time_progress" in row:
                line += f"\t序时进度 {row['time_progress']:.1%}"
            print(line)
    return 0


def _cmd_project_info(args) -> int:
    from workbench.models.store import Project

    with Project.open(args.project) as project:
        if project.lock_warning:
            print(project.lock_warning, file=sys.stderr)
        summary = project.summary()
    if args.json:
        _print_json(summary)
    else:
        for key, value in summary.items():
            print(f"{key}\t{value}")
    return 0


def _cmd_demo(args) -> int:
    from workbench.models.demo_project import build_demo_project, ensure_demo_project

    if args.out:
        path = build_demo_project(Path(args.out), overwrite=args.force)
        print(f"示例项目已写入：{path}")
        return 0
    from workbench import locations
    from workbench.app import run_gui

    path = ensure_demo_project(locations.data_dir() / "demo")
    return run_gui(str(path), screenshot=args.screenshot)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="小微企业成长计划考核工作台。不带子命令时打开图形界面。",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="自检：打开图形界面和示例项目，逐个环节截图，写出报告（JSON），失败时退出码非零")
    parser.add_argument("--out", dest="self_test_out", metavar="DIR", help="与 --self-test 同用：报告和截图的文件夹")
    sub = parser.add_subparsers(dest="command", metavar="子命令")

    gui = sub.add_parser("gui", help="打开图形界面（可指定项目文件）")
    gui.add_argument("project", nargs="?", help="项目文件 (.wbproj)")
    gui.add_argument("--screenshot", metavar="PNG", help="窗口显示后截图保存并退出")
    gui.set_defaults(func=_cmd_gui)

    plan = sub.add_parser("plan", help="计划与指标目录")
    plan_sub = plan.add_subparsers(dest="plan_command", metavar="操作", required=True)
    show = plan_sub.add_parser("show", help="列出计划的全部指标")
    show.add_argument("--plan", help="计划 id（默认：嘉兴市小微企业三年成长计划）")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(func=_cmd_plan_show)
    listing = plan_sub.add_parser("list", help="列出可用的计划")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(func=_cmd_plan_list)

    regions = sub.add_parser("regions", help="地区表；--resolve 试解析地区名称")
    regions.add_argument("--resolve", nargs="+", metavar="名称", help="要解析的地区名称")
    regions.add_argument("--json", action="store_true", help="以 JSON 输出")
    regions.set_defaults(func=_cmd_regions)

    period = sub.add_parser("period", help="解析期别表述，可计算序时进度")
    period.add_argument("text", nargs="+", help="期别，如 2019年1-9月")
    period.add_argument("--at", metavar="YYYY-MM", help="计算到该月末的序时进度")
    period.add_argument("--json", action="store_true", help="以 JSON 输出")
    period.set_defaults(func=_cmd_period)

    project = sub.add_parser("project", help="项目文件")
    project_sub = project.add_subparsers(dest="project_command", metavar="操作", required=True)
    info = project_sub.add_parser("info", help="项目概况")
    info.add_argument("project", help="项目文件 (.wbproj)")
    info.add_argument("--json", action="store_true", help="以 JSON 输出")
    info.set_defaults(func=_cmd_project_info)

    cli_extract.add_parser(sub)
    cli_project.add_parsers(sub)
    cli_check.add_parsers(sub)
    cli_assess.add_parsers(sub)
    cli_report.add_parsers(sub)
    cli_index.add_parsers(sub)

    demo = sub.add_parser("demo", help="在示例项目上打开图形界面；--out 只写出示例项目")
    demo.add_argument("--out", metavar="FILE", help="把准备好的示例项目写入该文件后退出")
    demo.add_argument("--force", action="store_true", help="与 --out 同用：覆盖已有文件")
    demo.add_argument("--screenshot", metavar="PNG", help="窗口显示后截图保存并退出")
    demo.set_defaults(func=_cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``workbench`` console command."""
    from workbench.models.errors import WorkbenchError

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from workbench.self_test import run_self_test

        return run_self_test(args.self_test_out)
    if args.self_test_out:
        parser.error("--out 只能与 --self-test 同用")
    if args.command is None:
        args = parser.parse_args(["gui", *([] if argv is None else argv)])
    try:
        return args.func(args)
    except (CliError, WorkbenchError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader of our output (e.g. ``| head``) has gone: nothing left to say.
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - stderr must not flush into the closed pipe
        return 0
    except OSError as exc:
        name = f"“{exc.filename}”" if exc.filename else ""
        print(f"错误：无法访问文件{name}：{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130


def gui_main() -> int:
    """Entry point of ``workbench-gui``: the same program without a console window on Windows."""
    from workbench.app import run_gui

    argv = sys.argv[1:]
    return run_gui(argv[0] if argv else None)


if __name__ == "__main__":
    sys.exit(main())
