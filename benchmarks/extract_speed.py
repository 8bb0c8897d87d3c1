"""Speed and memory of ``workbench extract`` on a 100 000 × 20 enterprise list.

Side by side in one run, each in its own fresh process (so peak memory is that run's own;
calamine and extract run --repeat times interleaved and the best time of each counts):
``pandas.read_excel(engine="openpyxl")``, a bare python-calamine parse, and the workbench's
extraction of the same file. Prints seconds, peak RSS and the ratios the targets are set in:
at least 10× faster than pandas+openpyxl, at most 1.5× calamine's time and 3× its memory.

    python benchmarks/extract_speed.py [--rows 100000] [--skip-pandas]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COUNTIES = ["南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"]
INDUSTRIES = ["纺织业", "化学原料", "通用设备", "电气机械", "批发业", "零售业", "软件和信息技术服务业"]
HEADER = ["统一社会信用代码", "企业名称", "县（市、区）", "行业", "登记日期", "注册资本（万元）",
          "营业收入（万元）", "利润总额（万元）", "从业人员（人）", "研发费用（万元）", "出口额（万元）",
          "纳税额（万元）", "资产总计（万元）", "负债合计（万元）", "是否小微", "是否科技型",
          "是否规上", "联系人", "联系电话", "备注"]

RUNNERS = {
    "pandas_openpyxl": "import pandas as pd; pd.read_excel(PATH, engine='openpyxl')",
    "calamine": (
        "from python_calamine import CalamineWorkbook\n"
        "wb = CalamineWorkbook.from_path(PATH)\n"
        "rows = wb.get_sheet_by_index(0).to_python()"
    ),
    "workbench_extract": (
        "from workbench.models.extract import extract_file\n"
        "from workbench.models.mapping import IndicatorMatcher\n"
        "from workbench.models.plan import load_plan\n"
        "from workbench.models.regions import RegionResolver, load_regions\n"
        "plan = load_plan()\n"
        "extract_file(PATH, plan, RegionResolver(load_regions()), IndicatorMatcher(plan))"
    ),
}


def make_workbook(path: Path, rows: int) -> None:
    """Write the enterprise list with openpyxl's streaming writer (deterministic)."""
    from openpyxl import Workbook

    rng = random.Random(20180803)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("企业名录")
    ws.append(HEADER)
    for i in range(rows):
        revenue = round(rng.lognormvariate(6, 1.2), 2)
        ws.append([
            f"91330400{i:010d}", f"嘉兴示例企业{i}有限公司", rng.choice(COUNTIES), rng.choice(INDUSTRIES),
            f"20{rng.randint(10, 20)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            round(rng.uniform(10, 5000), 1), revenue, round(revenue * rng.uniform(-0.05, 0.15), 2),
            rng.randint(1, 300), round(revenue * rng.uniform(0, 0.05), 2), round(revenue * rng.uniform(0, 0.3), 2),
            round(revenue * rng.uniform(0, 0.06), 2), round(revenue * rng.uniform(0.5, 2), 2),
            round(revenue * rng.uniform(0.2, 1.2), 2), rng.choice(["是", "否"]), rng.choice(["是", "否"]),
            rng.choice(["是", "否"]), f"联系人{i % 97}", f"0573-{rng.randint(10000000, 99999999)}", "",
        ])
    wb.save(path)


def measure(name: str, path: Path) -> tuple[float, float]:
    """Seconds of the work itself and peak RSS (MB) of a fresh process running it."""
    code = (
        "import time, sys\nPATH = sys.argv[1]\nstart = time.perf_counter()\n"
        + RUNNERS[name]
        + "\nprint(time.perf_counter() - start)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed with exit code {proc.returncode}")
    return float(out.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--skip-pandas", action="store_true", help="omit the slow pandas+openpyxl run")
    parser.add_argument("--repeat", type=int, default=3,
                        help="fresh-process runs of calamine and extract, interleaved; the best of each counts")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "workbench-bench")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    path = args.cache / f"enterprises-{args.rows}x20.xlsx"
    if not path.exists():
        start = time.perf_counter()
        make_workbook(path, args.rows)
        print(f"wrote {path.name} in {time.perf_counter() - start:.1f} s")
    # Interleaved repeats, best of each: other load on the machine slows single runs by
    # 10-20 %, and it should not decide a ratio. pandas runs once; it is 10x off anyway.
    runs: dict[str, list[tuple[float, float]]] = {}
    for _ in range(max(args.repeat, 1)):
        for name in ("calamine", "workbench_extract"):
            runs.setdefault(name, []).append(measure(name, path))
    if not args.skip_pandas:
        runs["pandas_openpyxl"] = [measure("pandas_openpyxl", path)]
    results = {name: (min(t for t, _ in got), max(m for _, m in got)) for name, got in runs.items()}
    for name, (seconds, peak) in results.items():
        times = ", ".join(f"{t:.2f}" for t, _ in runs[name])
        print(f"{name:<18} {seconds:8.2f} s   peak {peak:8.0f} MB   (runs: {times})")
    ours, ours_mem = results["workbench_extract"]
    base, base_mem = results["calamine"]
    print(f"extract / calamine time   {ours / base:5.2f}×  (target ≤ 1.5×)")
    print(f"extract / calamine memory {ours_mem / base_mem:5.2f}×  (target ≤ 3×)")
    if "pandas_openpyxl" in results:
        print(f"pandas+openpyxl / extract {results['pandas_openpyxl'][0] / ours:5.1f}×  (target ≥ 10×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
