"""The checks on the whole demo set (all departments, all quarters), and on fresh workbooks.

Every planted problem of the manifest (except ``number_as_text``, which the reader
absorbs) must be found with its file and cell, and no error may be raised on clean data.

Cell conventions where the manifest and the findings differ, sensibly:

* ``missing_region``: the manifest names the region-axis label cell where the missing
  county's column should be (商务局 2020Q1 "3月"!E3, now 海盐县's label); a finding points
  at a figure, so it names the figure cell in that column (E4, E5, E6: one per indicator).
  Matched on file, sheet, region and column.
* The other kinds name the very cell the manifest names: the total for a county-sum
  mismatch, the later cell for a fall, the "其中" cell, each department's cell for a
  disagreement.

An error counts as "on clean data" unless one of the cells it names (its own and those
in ``details["cells"]``) is a planted cell, or it is about the sheet of a planted missing
county: a wrong cell also makes its total disagree with its parts, which is a finding
about that planted problem, not a false alarm.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import Counter
from importlib.resources import files
from pathlib import Path

import openpyxl
import pytest
from check_demo_projects import PLAN, REGIONS, store_workbook

from workbench.models.checks import run_checks
from workbench.models.checks.findings import file_name
from workbench.models.checks.project import blocking, check_project, explain
from workbench.models.store import Project

DEMO = Path(str(files("workbench.resources") / "demo"))
KINDS = ["county_sum_mismatch", "unit_slip", "missing_region", "ytd_decrease", "sub_item_exceeds_parent",
         "cross_department_mismatch", "missing_value"]
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not (DEMO / "manifest.json").exists(), reason="示例数据尚未生成")


def _manifest() -> dict:
    return json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A project holding every demo workbook of every quarter, checked once."""
    manifest = _manifest()
    path = tmp_path_factory.mktemp("demo-checks") / "示例审核.wbproj"
    with Project.create(path, PLAN.id) as project:
        for entry in manifest["files"]:
            store_workbook(project, DEMO / entry["path"], entry["department"])
        findings = check_project(project, PLAN, REGIONS)
    return manifest, path, findings


def _column(cell: str) -> str:
    return "".join(ch for ch in cell if ch.isalpha())


def _cells(finding) -> set[tuple[str, str, str]]:
    cells = {(file_name(finding.file), finding.sheet, finding.cell)}
    for ref in finding.details.get("cells", []):
        cells.add((file_name(ref.get("file")), ref.get("sheet"), ref.get("cell")))
    return cells


def _matches(problem: dict, finding) -> bool:
    if finding.rule != problem["kind"] or file_name(finding.file) != file_name(problem["file"]):
        return False
    if finding.sheet != problem["sheet"]:
        return False
    if problem["kind"] == "missing_region":
        return finding.region_code == problem["region"] and _column(finding.cell) == _column(problem["cell"])
    return finding.cell == problem["cell"]


def test_every_planted_problem_is_found_with_its_file_and_cell(demo):
    manifest, _, findings = demo
    planted = [p for p in manifest["problems"] if p["kind"] in KINDS]
    assert {p["kind"] for p in planted} == set(KINDS)
    found, missed = Counter(), []
    for problem in planted:
        hits = [f for f in findings if _matches(problem, f)]
        if hits:
            found[problem["kind"]] += 1
            expected = "error" if problem["kind"] != "missing_value" else "warning"
            assert all(f.severity == expected for f in hits), hits
        else:
            missed.append(problem)
    print("\n埋设问题        找到/埋设")
    for kind in KINDS:
        print(f"{kind:<28} {found[kind]}/{sum(p['kind'] == kind for p in planted)}")
    assert missed == []


def test_the_messages_carry_the_numbers(demo):
    _, _, findings = demo
    by_rule = {f.rule: f for f in findings}
    assert "13296" in by_rule["county_sum_mismatch"].message or any(
        "13296" in f.message for f in findings if f.rule == "county_sum_mismatch")
    assert "57692.1" in by_rule["unit_slip"].message and "疑似元/万元单位错误" in by_rule["unit_slip"].message
    assert any("359" in f.message and "417" in f.message for f in findings if f.rule == "cross_department_mismatch")


def _explained_by_a_planted_problem(finding, planted: list[dict]) -> bool:
    cells = _cells(finding)
    for p in planted:
        if (file_name(p["file"]), p["sheet"], p["cell"]) in cells:
            return True
        if p["kind"] == "missing_region" and (file_name(p["file"]), p["sheet"]) == (
                file_name(finding.file), finding.sheet):
            return True
    return False


def test_no_error_on_clean_data_and_few_warnings(demo):
    manifest, _, findings = demo
    planted = [p for p in manifest["problems"] if p["kind"] != "number_as_text"]
    false_errors = [f for f in findings if f.severity == "error" and not _explained_by_a_planted_problem(f, planted)]
    clean_warnings = [f for f in findings if f.severity == "warning" and not _explained_by_a_planted_problem(f, planted)]
    print(f"\n发现 {len(findings)} 项：错误 {sum(f.severity == 'error' for f in findings)}，"
          f"提示 {sum(f.severity == 'warning' for f in findings)}；无埋设问题处的错误 {len(false_errors)}，提示 {len(clean_warnings)}")
    for f in findings:
        print(f"  [{f.severity}] {f.rule} {f.file} {f.sheet}!{f.cell} {f.message}")
    for f in clean_warnings:
        print("  无埋设问题处的提示：", f.file, f.sheet, f.cell, f.message)
    assert false_errors == []
    assert len(clean_warnings) <= 5


def test_the_assessment_skips_what_open_errors_block(demo):
    _, path, findings = demo
    with Project.open(path) as project:
        blocked = blocking(project)
        assert ("new_sme", "330400", "2019-01..09") in blocked  # the planted total of 市场监管局 2019Q3
        assert ("new_sme_loans", "330421", "2019-01..06") in blocked  # 嘉善县 in 元
        assert not any(region == "330424" and indicator == "tax_relief_coverage" for indicator, region, _ in blocked)
        slip = next(f for f in findings if f.rule == "unit_slip")
        explain(project, slip.id, "人行已书面更正为 57692.1 万元，更正表随后报送。", "审核员")
        assert ("new_sme_loans", "330421", "2019-01..06") not in blocking(project)


def test_the_check_command_prints_the_findings_as_json(demo, tmp_path):
    _, path, findings = demo
    result = subprocess.run([sys.executable, "-m", "workbench", "check", str(path), "--json"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == len(findings)
    keys = {"rule", "severity", "indicator_code", "region_code", "period", "file", "sheet", "cell", "message", "status"}
    assert all(keys <= set(row) for row in rows)
    slip = next(r for r in rows if r["rule"] == "unit_slip")
    assert (slip["region_code"], slip["period"], slip["sheet"], slip["cell"], slip["status"]) == (
        "330421", "2019-01..06", "小微企业贷款", "C7", "overridden")  # explained in the test before
    text = subprocess.run([sys.executable, "-m", "workbench", "check", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert text.returncode == 0 and "疑似元/万元单位错误" in text.stdout and "共 " in text.stdout


def test_the_check_command_reports_a_missing_project_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "workbench", "check", str(tmp_path / "没有.wbproj")],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and result.stderr.startswith("错误：") and "Traceback" not in result.stderr


# ---------------------------------------------------------------- held-back-style workbooks
def _county_sum_workbook(path: Path) -> None:
    """A layout the demo never uses: counties across, 合计 last, no zones; 合计 is 57 too high."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分县情况"
    ws.append(["2020年1-12月全市新增小微企业分县（市、区）情况（示例数据）"])
    ws.append(["单位：家"])
    ws.append(["指标", "南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市", "合计"])
    ws.append(["新增小微企业（本年累计）", 2500, 2000, 1800, 1300, 2900, 2400, 2600, 15557])
    ws.append(["个体工商户转型升级为企业（户）", 100, 90, 110, 80, 130, 120, 150, 780])
    wb.save(path)


def test_a_held_back_workbook_with_a_county_sum_mismatch(tmp_path):
    path = tmp_path / "市场监管局_2020年1-12月分县情况.xlsx"
    _county_sum_workbook(path)
    with Project.create(tmp_path / "held.wbproj", PLAN.id) as project:
        store_workbook(project, path, "市场监管局")
        findings = check_project(project, PLAN, REGIONS)
    [finding] = [f for f in findings if f.rule == "county_sum_mismatch"]
    assert (finding.file, finding.sheet, finding.cell, finding.severity) == (path.name, "分县情况", "I4", "error")
    assert "15557家" in finding.message and "15500家" in finding.message and "相差 57家" in finding.message
    assert [f for f in findings if f.severity == "error" and f is not finding] == []


def _truth(indicator: str, year: int, last: int) -> dict[str, float]:
    import csv

    with open(DEMO / "truth.csv", encoding="utf-8") as fh:
        return {r["region"]: float(r["value"]) for r in csv.DictReader(fh)
                if r["indicator"] == indicator and int(r["year"]) == year and int(r["last_month"]) == last}


def _loans_workbook(path: Path, slipped_region: str) -> str:
    """Next year's first-quarter loans table of 人行 (its known layout), in 万元, with one county
    written in 元; returns the slipped cell."""
    names = {"330400": "全市", "330402": "南湖区", "330411": "秀洲区", "330421": "嘉善县", "330424": "海盐县",
             "330481": "海宁市", "330482": "平湖市", "330483": "桐乡市"}
    last_year = _truth("new_sme_loans", 2020, 3)  # in 亿元
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "小微企业贷款"
    ws.append(["2021年3月末嘉兴市各县（市、区）小微企业贷款情况表（示例数据）"])
    ws.append(["填报单位：中国人民银行嘉兴市中心支行", None, "单位：万元"])
    ws.append(["地区", "小微企业贷款比年初增加"])
    slipped = ""
    for row, code in enumerate(names, start=4):
        value = round(last_year[code] * 1e4 * 1.08, 1)  # 亿元 → 万元, 8 % more than last year
        if code == slipped_region:
            value, slipped = round(value * 1e4), f"B{row}"  # written in 元
        ws.append([names[code], value])
    wb.save(path)
    return slipped


def test_a_held_back_workbook_with_a_yuan_wan_yuan_slip_against_history(tmp_path):
    history = sorted((DEMO / "workbooks" / "2020Q1").glob("人行*.xlsx"))
    path = tmp_path / "人行嘉兴市中心支行_2021年3月末小微企业贷款情况.xlsx"
    slipped = _loans_workbook(path, "330481")
    with Project.create(tmp_path / "held.wbproj", PLAN.id) as project:
        for workbook in history:
            store_workbook(project, workbook, "人行嘉兴市中心支行")
        store_workbook(project, path, "人行嘉兴市中心支行")
        findings = check_project(project, PLAN, REGIONS)
    [slip] = [f for f in findings if f.rule == "unit_slip"]
    assert (slip.file, slip.sheet, slip.cell, slip.region_code, slip.period) == (
        path.name, "小微企业贷款", slipped, "330481", "2021-01..03")
    assert slip.severity == "error" and "疑似元/万元单位错误" in slip.message and "上年同期" in slip.message
    # the same workbook without the slip raises nothing against its history
    clean = tmp_path / "clean" / path.name
    clean.parent.mkdir()
    _loans_workbook(clean, "")
    with Project.create(tmp_path / "clean.wbproj", PLAN.id) as project:
        for workbook in [*history, clean]:
            store_workbook(project, workbook, "人行嘉兴市中心支行")
        assert [f for f in check_project(project, PLAN, REGIONS) if f.severity == "error"] == []


def test_run_checks_is_pure_and_repeatable(demo):
    _, path, findings = demo
    from workbench.models.checks.project import current_observations

    with Project.open(path) as project:
        frame = current_observations(project)
    before = frame.copy()
    first = run_checks(frame, PLAN, REGIONS)
    second = run_checks(frame, PLAN, REGIONS)
    assert [(f.key, f.message) for f in first] == [(f.key, f.message) for f in second]
    assert frame.equals(before)
    assert {f.key for f in first} == {f.key for f in findings}
    assert all(not (isinstance(f.cell, float) and math.isnan(f.cell)) for f in first)


def test_the_importer_feeds_the_checks_too(tmp_path):
    """All demo workbooks through the real importer: the same findings as the helper gives.

    Every department's layout drifts once in 2020; such a file waits for a review of the
    drift (``drift_pending``) and its figures do not count until accepted. Accepting the
    drift at import (``accept_drift=True``) puts every quarter in force at once.
    """
    from check_demo_projects import MATCHER, RESOLVER

    from workbench.models import importing

    manifest = _manifest()
    paths = [DEMO / e["path"] for e in manifest["files"]]
    with Project.create(tmp_path / "imported.wbproj", PLAN.id) as project:
        importing.finish(importing.import_files(project, paths, PLAN, RESOLVER, MATCHER, accept_drift=True))
        findings = check_project(project, PLAN, REGIONS)
    planted = [p for p in manifest["problems"] if p["kind"] in KINDS]
    for problem in planted:
        assert any(_matches(problem, f) for f in findings), problem
    everything = [p for p in manifest["problems"] if p["kind"] != "number_as_text"]
    assert [f for f in findings if f.severity == "error" and not _explained_by_a_planted_problem(f, everything)] == []


def test_drifted_files_are_checked_before_their_drift_is_accepted(tmp_path):
    """Importing every quarter in one go without accepting drift still finds every problem.

    The 2020 files wait for a drift review; their problems are reported (marked as from a
    file whose layout change awaits confirmation) so the user sees them before deciding.
    """
    from check_demo_projects import MATCHER, RESOLVER

    from workbench.models import importing

    manifest = _manifest()
    paths = [DEMO / e["path"] for e in manifest["files"]]
    with Project.create(tmp_path / "pending.wbproj", PLAN.id) as project:
        results = importing.finish(importing.import_files(project, paths, PLAN, RESOLVER, MATCHER))
        assert any(r.status == importing.STATUS_DRIFT_PENDING for r in results)
        findings = check_project(project, PLAN, REGIONS)
    for problem in (p for p in manifest["problems"] if p["kind"] in KINDS):
        hits = [f for f in findings if _matches(problem, f)]
        assert hits, problem
        if problem["file"].startswith("workbooks/2020"):
            assert all(f.details.get("pending_drift") and "待确认" in f.message for f in hits)
