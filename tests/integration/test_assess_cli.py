"""``workbench assess`` on the demo project, run as a user runs it: a full, plausible matrix."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from workbench.models.demo_project import build_demo_project, demo_manifest, demo_workbooks
from workbench.models.plan import load_plan
from workbench.models.store import Project

WORKBENCH = Path(sys.executable).with_name("workbench.exe" if os.name == "nt" else "workbench")
STATUSES = {"已完成", "超进度", "达进度", "欠进度", "严重滞后", "未完成", "无数据", "无目标", "待审核"}
COUNTIES = {"330402", "330411", "330421", "330424", "330481", "330482", "330483"}


def run(*args, home: Path, timeout: float = 180):
    env = {**os.environ, "WORKBENCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(WORKBENCH), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=timeout)


def load_demo_targets(project: Project) -> str:
    """The demo decomposition's targets: through the targets import when it is there, else the
    values the demo generator wrote into the manifest beside the workbook (the same figures)."""
    if len(project.targets()):
        return "already"
    plan = load_plan(project.plan_id)
    path = next(p for p, entry in demo_workbooks() if entry["path"].startswith("targets/"))
    try:
        from workbench.models.mapping import IndicatorMatcher
        from workbench.models.regions import RegionResolver, load_regions
        from workbench.models.targets import import_targets
    except ImportError:
        import_targets = None
    if import_targets is not None:
        result = import_targets(project, path, plan, RegionResolver(load_regions()), IndicatorMatcher(plan))
        if result.stored:
            return "import_targets"
    with project.transaction():
        for v in demo_manifest()["targets"]["values"]:
            project.set_target(v["indicator"], v["region"], float(v["value"]), f"{path.name}（示例生成器数值）")
    return "manifest"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = build_demo_project(tmp_path_factory.mktemp("demo") / "示例项目.wbproj")
    with Project.open(path) as project:
        load_demo_targets(project)
    return path


def no_nan(text: str):
    raise AssertionError(f"JSON holds {text}; missing values must be null")


def test_assess_demo_at_2019_09_as_json(demo, tmp_path):
    checked = run("check", demo, home=tmp_path)
    assert checked.returncode == 0, checked.stderr
    result = run("assess", demo, "--period", "2019-09", "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout, parse_constant=no_nan)
    assert data["period"] == "2019-09" and data["previous_period"] == "2019-06"
    plan = load_plan()
    assessed = {i.code for i in plan.indicators if i.assessed}
    rows = pd.DataFrame(data["rows"])
    for key in ("indicator_code", "region_code", "actual", "target", "completion", "time_progress", "gap_pp",
                "status", "score"):
        assert key in rows.columns
    # the full matrix: every assessed indicator for the city and each county, each with a status
    assert set(zip(rows.indicator_code, rows.region_code)) == {(i, r) for i in assessed for r in COUNTIES | {"330400"}}
    assert len(rows) == len(assessed) * 8
    assert set(rows.status) <= STATUSES and rows.status.notna().all()
    amounts = rows[rows.kind == "cumulative"]
    assert amounts.time_progress.map(lambda t: abs(t - 21 / 36) < 1e-12).all()  # a fraction, not 58.3
    counties = amounts[amounts.region_code.isin(COUNTIES) & amounts.completion.notna()]
    assert len(counties) >= 0.95 * len(amounts[amounts.region_code.isin(COUNTIES)])
    assert 0.5 <= statistics.median(counties.completion) <= 0.7
    assert (counties.completion.between(0.3, 1.2)).mean() > 0.85
    rates = rows[rows.kind.isin(["annual_growth", "share"])]
    assert rates.time_progress.isna().all() and rates.completion.notna().all()
    # the demo has no notes on the two yes/no aims: 无数据, never a made-up verdict
    assert set(rows[rows.kind == "qualitative"].status) == {"无数据"}
    # the planted problems that the checks report are held back, not scored
    blocked = rows[rows.status == "待审核"]
    assert data["blocked"] == len(blocked) >= 1
    assert blocked.score.isna().all()
    assert ("new_sme", "330400") in set(zip(blocked.indicator_code, blocked.region_code))
    scores = rows[rows.region_code.isin(COUNTIES) & rows.score.notna()]
    assert (scores.score >= 0).all() and (scores.score <= scores.weight * 1.2 + 1e-9).all()
    county_table = pd.DataFrame(data["counties"])
    assert set(county_table.region_code) == COUNTIES
    assert sorted(county_table["rank"]) == sorted(county_table.total_score.rank(ascending=False, method="min"))
    assert county_table["rank"].min() == 1
    assert county_table.total_score.between(60, 120).all()
    assert set(county_table.grade) <= {"优秀", "良好", "合格", "不合格"}


def test_assess_demo_to_xlsx_and_as_text(demo, tmp_path):
    out = tmp_path / "2019年三季度考核.xlsx"
    result = run("assess", demo, "--period", "2020-06", "--xlsx", out, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.exists() and "已写入" in result.stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["总览", "明细", "说明"]
    assert wb["总览"].max_row == 2 + 7
    text = run("assess", demo, "--period", "2020-06", "--previous", "none", home=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "2020年6月末" in text.stdout and "平湖市" in text.stdout and "状态：" in text.stdout


def test_assess_with_a_scheme_file_and_bad_input(demo, tmp_path):
    from workbench.models.assessment.scoring import default_scheme_path

    scheme = tmp_path / "方案.toml"
    scheme.write_text(default_scheme_path("jiaxing-sme-2018-2020").read_text(encoding="utf-8")
                      .replace("weight = 10\n", "weight = 11\n", 1), encoding="utf-8")
    broken = run("assess", demo, "--period", "2019-09", "--scheme", scheme, home=tmp_path)
    assert broken.returncode == 2 and "权重之和应为 100" in broken.stderr and "Traceback" not in broken.stderr
    bad = run("assess", demo, "--period", "2019年9月", home=tmp_path)
    assert bad.returncode == 2 and "YYYY-MM" in bad.stderr and bad.stderr.count("\n") == 1
    missing = run("assess", tmp_path / "没有.wbproj", "--period", "2019-09", home=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_the_demo_assessment_agrees_with_the_truth_where_no_error_is_open(demo):
    """The figures read from the workbooks and the generator's truth give the same verdicts."""
    from workbench.models.assessment import assess
    from workbench.models.assessment.project_assessment import assess_project
    from workbench.models.checks.project import check_project
    from workbench.models.regions import load_regions
    from workbench.models.resources import resource

    truth = pd.read_csv(Path(str(resource("demo", "truth.csv"))), dtype={"region": str})
    plan, regions = load_plan(), load_regions()
    with Project.open(demo) as project:
        check_project(project, plan, regions)  # the planted problems become open errors
        for at in ("2018-12", "2019-09", "2020-03", "2020-12"):
            read = assess_project(project, plan, regions, at).rows
            true = assess(truth, project.targets(), plan, at, regions=regions)
            both = read.merge(true, on=["indicator_code", "region_code"], suffixes=("", "_truth"))
            usable = both[both.status != "待审核"]
            assert len(usable) > 0.95 * len(both)
            assert (usable.status == usable.status_truth).all(), at
            same = (usable.completion - usable.completion_truth).abs().lt(1e-9) | \
                (usable.completion.isna() & usable.completion_truth.isna())
            assert same.all(), at
