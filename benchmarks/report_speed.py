"""How long the whole report package takes, against the assessment alone.

Usage::

    python benchmarks/report_speed.py [--period 2019-09] [--repeat 3] [--target 5] [--profile]

Builds the demo project in a temporary folder, then times (best of ``--repeat`` runs)
:func:`~workbench.models.exports.context.report_context` plus
:func:`~workbench.models.exports.package.write_package` with every output (docx, xlsx, pptx
and the charts as PNG) for all seven counties and all indicators. The baseline, measured in
the same run, is :func:`~workbench.models.assessment.project_assessment.assess_project` at
the same period. Prints seconds per part (context, each writer, the charts, the manifest),
the total, the ratio total / baseline and PASS or FAIL against the target (5 s, the issue's
"a quarter's package in a few seconds"). ``--profile`` adds the 25 costliest functions of
one run (cProfile, cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from workbench.models.assessment.project_assessment import assess_project, previous_quarter
from workbench.models.demo_project import build_demo_project
from workbench.models.exports.chart_process import early_process
from workbench.models.exports.context import ReportOptions, report_context
from workbench.models.exports.package import write_package
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions
from workbench.models.store import Project

BASELINE = "基线：assess_project"


def _part(message: str) -> str:
    """The part of the package a progress message belongs to (charts count as one part)."""
    if message.startswith("正在画图表"):
        return "图表 (PNG)"
    return message.removeprefix("正在写").rstrip("…")


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def time_package(context, out: Path, helper=None) -> dict[str, tuple[float, float]]:
    """Write the package of ``context`` into ``out``; (wall, CPU) seconds per part, from the
    progress steps (each step is timed from its message to the next one)."""
    parts: dict[str, tuple[float, float]] = {}
    progress = write_package(context, out, helper=helper)
    current, started = None, _clock()
    while True:
        try:
            _, _, message = next(progress)
        except StopIteration:
            break
        if current is not None:
            wall, cpu = _since(started)
            before = parts.get(current, (0.0, 0.0))
            parts[current] = (before[0] + wall, before[1] + cpu)
        current, started = _part(message), _clock()
    return parts


def one_run(project, plan, regions, period: str, out: Path) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of the baseline and of each part of the report, measured once."""
    started = _clock()
    assess_project(project, plan, regions, period, previous_at=previous_quarter(period))
    times = {BASELINE: _since(started)}
    options = ReportOptions(period, outputs=("docx", "xlsx", "pptx", "charts", "index"), chart_formats=("png",))
    started = _clock()
    helper = early_process(options)  # as `workbench report` does: its imports overlap the context
    context = report_context(project, plan, regions, options)
    times["报告数据 report_context"] = _since(started)
    times.update(time_package(context, out, helper))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="2019-09")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--target", type=float, default=5.0, help="seconds the package may take")
    parser.add_argument("--profile", action="store_true", help="print the costliest functions of one run")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="report-speed-") as scratch:
        scratch = Path(scratch)
        project_file = build_demo_project(scratch / "示例项目.wbproj")
        regions = load_regions()
        with Project.open(project_file) as project:
            plan = load_plan(project.plan_id)
            runs = [one_run(project, plan, regions, args.period, scratch / f"run{n}") for n in range(args.repeat)]
            if args.profile:
                profiler = cProfile.Profile()
                profiler.enable()
                one_run(project, plan, regions, args.period, scratch / "profiled")
                profiler.disable()

    parts = list(runs[0])
    best = {part: tuple(min(run[part][i] for run in runs if part in run) for i in (0, 1)) for part in parts}
    totals = [tuple(sum(v[i] for k, v in run.items() if k != BASELINE) for i in (0, 1)) for run in runs]
    total = min(totals)  # the fastest run by wall time
    baseline = best[BASELINE]
    print(f"考核材料生成速度（示例项目，{args.period}，7 个县（市、区），全部指标，docx + xlsx + pptx + PNG 图表 + 成长指数；"
          f"{args.repeat} 次取最快；墙钟时间，括号内为本进程 CPU 时间；县市区概况图和成长指数图由第二个进程同时画，其 CPU 不计入）")
    for part in parts:
        print(f"  {part:<24} {best[part][0]:7.2f} s  （CPU {best[part][1]:6.2f} s）")
    print(f"  {'合计（报告数据 + 全部文件）':<20} {total[0]:7.2f} s  （CPU {total[1]:6.2f} s）")
    print(f"  倍数（合计 / 基线）          {total[0] / baseline[0]:7.1f} ×  （CPU {total[1] / baseline[1]:5.1f} ×）")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    if load is not None and load > (os.cpu_count() or 1) * 0.5:
        # Wall time on a busy machine says little; CPU time is what an idle one would take.
        print(f"  注意：机器负载 {load:.1f}（{os.cpu_count()} 核），墙钟时间偏大，请参考 CPU 时间")
    verdict = "PASS" if total[0] <= args.target else "FAIL"
    print(f"{verdict}：合计 {total[0]:.2f} s，目标 ≤ {args.target:.0f} s")
    if args.profile:
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(25)
        print(stream.getvalue())
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
