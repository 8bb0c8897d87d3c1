"""``workbench check PROJECT [--json]``: run the checks (审核) on a project and list the findings.

A thin layer over :func:`workbench.models.checks.project.check_project`, which stores the
findings in the project (explanations given earlier are kept). Findings are not failures:
the exit status is 0 whenever the checks ran, 2 with a one-line Chinese message on stderr
when they could not (no such project, an unusable rules file).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parsers(subparsers) -> argparse.ArgumentParser:
    """Register the ``check`` subcommand on ``subparsers`` (from ``add_subparsers``)."""
    parser = subparsers.add_parser("check", help="审核项目中的数据，列出错误和提示（结果保存在项目中）")
    parser.add_argument("project", help="项目文件 (.wbproj)")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.add_argument("--rules", metavar="FILE",
                        help="审核规则设置（TOML，只写要改的项，覆盖默认规则和项目中的设置）")
    parser.set_defaults(func=run)
    return parser


def run(args) -> int:
    """Run ``workbench check``; returns the exit status."""
    from workbench.models.checks import load_rules
    from workbench.models.checks.project import check_project
    from workbench.models.plan import DEFAULT_PLAN_ID, load_plan
    from workbench.models.regions import load_regions
    from workbench.models.store import Project

    rules = load_rules(Path(args.rules)) if args.rules else None
    with Project.open(args.project) as project:
        if project.lock_warning:
            print(project.lock_warning, file=sys.stderr)
        plan = load_plan(project.plan_id or DEFAULT_PLAN_ID)
        findings = check_project(project, plan, load_regions(), rules)
    if args.json:
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2, default=str))
    else:
        print(summary(findings))
    return 0


def summary(findings) -> str:
    """The findings as lines a user reads: severity, rule, where, what, and the status."""
    from workbench.models.checks import STATUSES

    if not findings:
        return "审核完成，没有发现问题。"
    lines = []
    for f in findings:
        tier = "错误" if f.severity == "error" else "提示"
        where = " ".join(x for x in (f.file or "", f"{f.sheet or ''}!{f.cell or ''}".strip("!")) if x)
        status = STATUSES.get(f.status, f.status)
        lines.append(f"[{tier}] {f.rule_name or f.rule}｜{where}｜{f.message}｜{status}"
                     + (f"（说明：{f.explanation}）" if f.explanation else ""))
    errors = [f for f in findings if f.severity == "error"]
    open_errors = [f for f in errors if f.status == "open"]
    warnings = [f for f in findings if f.severity != "error"]
    open_warnings = [f for f in warnings if f.status == "open"]
    lines.append(f"共 {len(findings)} 项：错误 {len(errors)} 项（待处理 {len(open_errors)} 项），"
                 f"提示 {len(warnings)} 项（待确认 {len(open_warnings)} 项）。")
    return "\n".join(lines)
