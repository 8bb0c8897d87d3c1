"""``workbench index``: the growth index of a project, or a composite index of any data set.

Two forms share one subcommand (the first word tells them apart)::

    workbench index compute --data DATA.csv --meta META.csv [--impute none|mean|group-mean:COLUMN|previous]
        [--treat none|winsor:N] [--normalise minmax|zscore|rank|target|goalposts] [--aggregate arithmetic|geometric]
        [--weights meta|equal] [--no-denominate] [--json]
    workbench index PROJECT --period 2019 [--json]

``compute`` runs :func:`workbench.models.index.engine.compute_index` on a data table and a
metadata table of the shape of COINr's ``ASEM_iData.csv`` / ``ASEM_iMeta.csv``. Its JSON holds
``scores`` (uCode → {aggregate or indicator code → score}; indicator scores are the normalised
values) and ``ranks`` (uCode → {aggregate code → rank}); without ``--json`` it prints the top
aggregate's scores and ranks. The project form calls
:func:`workbench.models.index.project_index.project_index`. Exit status 0 on success, 2 with a
one-line Chinese message otherwise.
"""

from __future__ import annotations

import argparse
import json
import math
import sys


def add_parsers(subparsers) -> argparse.ArgumentParser:
    """Register the ``index`` subcommand on ``subparsers``."""
    parser = subparsers.add_parser(
        "index", help="成长指数：项目的小微企业成长指数，或用 compute 对任意数据表计算综合指数",
        description="workbench index 项目文件 --period 2019：项目的成长指数；"
                    "workbench index compute --data 数据.csv --meta 元数据.csv：任意数据表的综合指数。")
    parser.add_argument("target", metavar="compute|项目文件", help="compute，或项目文件 (.wbproj)")
    parser.add_argument("--period", metavar="期别", help="项目形式：指数的期别，如 2019 或 2019-09")
    parser.add_argument("--data", metavar="CSV", help="compute：数据表（每行一个单位，含 uCode 列）")
    parser.add_argument("--meta", metavar="CSV", help="compute：元数据表（iCode、Parent、Type、Direction、Weight …）")
    parser.add_argument("--impute", default="none", metavar="方法",
                        help="compute：缺失值处理 none | mean | group-mean:分组列 | previous（默认 none）")
    parser.add_argument("--treat", default="none", metavar="方法",
                        help="compute：异常值处理 none | winsor:N（最多缩尾 N 个点，不行则对数变换；默认 none）")
    parser.add_argument("--normalise", default="minmax", metavar="方法",
                        help="compute：标准化 minmax | zscore | rank | target | goalposts（默认 minmax）")
    parser.add_argument("--aggregate", default="arithmetic", metavar="方法",
                        help="compute：加总 arithmetic | geometric（默认 arithmetic）")
    parser.add_argument("--weights", default="meta", metavar="方案", help="compute：权重 meta | equal（默认 meta）")
    parser.add_argument("--no-denominate", action="store_true", help="compute：不按元数据的分母列折算")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.set_defaults(func=run)
    return parser


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 2


def _number(value, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    return f"{value:.{digits}f}"


def summary_text(result) -> str:
    """The top aggregate's scores and ranks, and the aggregates below it, as lines a user reads."""
    import pandas as pd

    top = result.top
    name = result.meta.at[top, "iName"]
    below = list(result.tree.children[top])
    lines = [f"综合指数：{name}（{top}），{len(result.scores)} 个单位", f"方法：{result.spec.describe()}"]
    header = ["排名", "代码", "单位", name, *(result.meta.at[c, "iName"] for c in below)]
    lines.append("  ".join(header))
    order = result.scores[top].sort_values(ascending=False, na_position="last").index
    for unit in order:
        rank = result.ranks.at[unit, top]
        cells = ["—" if pd.isna(rank) else str(int(rank)), str(unit),
                 str(result.unit_names.get(unit, unit)), _number(result.scores.at[unit, top]),
                 *(_number(result.scores.at[unit, c]) for c in below)]
        lines.append("  ".join(cells))
    treated = result.treatment[result.treatment["method"].isin(["winsor", "log"])]
    if len(treated):
        lines.append("异常值处理：" + "；".join(f"{row.code} {row.description}" for row in treated.itertuples()))
    imputed = int(result.imputed_cells.to_numpy().sum())
    if imputed:
        lines.append(f"插补了 {imputed} 个缺失值。")
    lines.extend(result.notes)
    return "\n".join(lines)


def _compute(args) -> int:
    from workbench.models.index.engine import compute_index, result_json
    from workbench.models.index.spec import spec_from_words
    from workbench.models.index.tables import read_index_tables

    if not args.data or not args.meta:
        return _fail("index compute 须同时给出 --data 数据表和 --meta 元数据表。")
    if args.period:
        return _fail("--period 只用于项目形式（workbench index 项目文件 --period 2019）。")
    spec = spec_from_words(impute=args.impute, treat=args.treat, normalise=args.normalise,
                           aggregate=args.aggregate, weights=args.weights, denominate=not args.no_denominate)
    if spec.normalise == "base":
        return _fail("命令行的 compute 不提供基期=100 标准化（需要基期数据）；请用项目形式。")
    if spec.impute == "previous":
        return _fail("命令行的 compute 只有一期数据，不能按上期值插补。")
    data, meta = read_index_tables(args.data, args.meta)
    result = compute_index(data, meta, spec)
    if args.json:
        print(json.dumps(result_json(result), ensure_ascii=False, indent=2))
    else:
        print(summary_text(result))
    return 0


def _project(args) -> int:
    from pathlib import Path

    if args.data or args.meta:
        return _fail("--data 和 --meta 只用于 workbench index compute。")
    if not args.period:
        return _fail("请用 --period 指定指数的期别，如 --period 2019。")
    if not Path(args.target).is_file():
        return _fail(f"找不到项目文件“{args.target}”（或把第一个参数写成 compute）。")
    try:
        from workbench.models.index.project_index import project_index
    except ImportError:
        return _fail("本版本还不能计算项目的成长指数（缺少 workbench.models.index.project_index）。")
    from workbench.models.plan import DEFAULT_PLAN_ID, load_plan
    from workbench.models.regions import load_regions
    from workbench.models.store import Project

    with Project.open(args.target) as project:
        if project.lock_warning:
            print(project.lock_warning, file=sys.stderr)
        plan = load_plan(project.plan_id or DEFAULT_PLAN_ID)
        result = project_index(project, plan, load_regions(), args.period)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(result.summary_text())
    return 0


def run(args) -> int:
    """Run ``workbench index``; returns the exit status."""
    if args.target == "compute":
        return _compute(args)
    return _project(args)
