"""Importing departmental workbooks into a project, checked as the bureau would check it:
every demo figure arrives without a click and matches the truth, nothing is stored twice,
a corrected workbook replaces the older one and says what changed, a crash stores nothing
of the file it hit, and the source files are never touched."""

from __future__ import annotations

import csv
import json
import math
import shutil
import time
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path

import pytest

from workbench.models import importing
from workbench.models.departments import DepartmentIndex, canonical_department, detect_department
from workbench.models.importing import (
    STATUS_DRIFT_PENDING,
    STATUS_DUPLICATE,
    STATUS_FAILED,
    STATUS_IMPORTED,
    STATUS_SUPERSEDED_OLDER,
    accept_drift,
    expand_paths,
    finish,
    import_files,
)
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import load_plan
from workbench.models.provenance import trace
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.store import Project, sha256_of

DEMO = Path(str(files("workbench.resources") / "demo"))
WORKBOOKS = DEMO / "workbooks"
PLAN = load_plan()
RESOLVER = RegionResolver(load_regions())
MATCHER = IndicatorMatcher(PLAN)
CURRENT = {"ytd", "period", "stock", "rate"}
MANIFEST = json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))
SMR_2019Q3 = WORKBOOKS / "2019Q3" / "市场监管局_2019年1-9月小微企业发展情况表.xlsx"

pytestmark = pytest.mark.skipif(not (DEMO / "truth.csv").exists(), reason="示例数据尚未生成")


def _truth() -> dict[tuple, float]:
    with open(DEMO / "truth.csv", encoding="utf-8") as fh:
        return {(r["indicator"], r["region"], int(r["year"]), int(r["first_month"]), int(r["last_month"]), r["basis"]):
                float(r["value"]) for r in csv.DictReader(fh)}


TRUTH = _truth() if (DEMO / "truth.csv").exists() else {}


def run_import(project, paths, **kwargs):
    return finish(import_files(project, paths, PLAN, RESOLVER, MATCHER, **kwargs))


def new_project(tmp_path, name="项目.wbproj") -> Project:
    return Project.create(tmp_path / name, "jiaxing-sme-2018-2020")


def demo_file(quarter: str, department: str) -> Path:
    return next((WORKBOOKS / quarter).glob(f"{department}_*"))


# ---------------------------------------------------------------- all demo workbooks in one go
@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-import")
    sources = sorted(p for p in WORKBOOKS.rglob("*") if p.is_file())
    before = {p: sha256_of(p) for p in sources}
    project = new_project(folder)
    started = time.perf_counter()
    results = run_import(project, [WORKBOOKS])
    elapsed = time.perf_counter() - started
    print(f"\n导入 {len(results)} 个示例报表用时 {elapsed:.1f} 秒")
    after = {p: sha256_of(p) for p in sources}
    yield project, results, before, after
    project.close()


def test_every_demo_workbook_is_imported_with_its_department(demo):
    project, results, _, _ = demo
    assert len(results) == len(MANIFEST["files"]) == 132
    by_name = {Path(r.file).name: r for r in results}
    index = DepartmentIndex()
    for entry in MANIFEST["files"]:
        result = by_name[Path(entry["path"]).name]
        assert result.department == index.canonical(entry["department"]), entry["path"]
        assert result.template, entry["path"]
        expected = STATUS_DRIFT_PENDING if entry["period"]["year"] == 2020 else STATUS_IMPORTED
        assert result.status == expected, (entry["path"], result.message)
        assert result.figures > 0 and result.import_id is not None
    assert len(project.list_imports()) == 132
    # one automatic template per department for its 2018-2019 layout; the 2020 layout waits for review
    assert project.db["templates"].count == 11
    assert sum(r.template_created for r in results) == 11


def test_demo_figures_match_the_truth_without_a_click(demo):
    project, _, _, _ = demo
    frame = project.observations()
    planted = {(p["file"].split("/")[-1], p.get("sheet"), p.get("cell")) for p in MANIFEST["problems"]
               if p["kind"] != "number_as_text"}
    names = {i["id"]: i["name"] for i in project.list_imports()}
    departments = {Path(e["path"]).name: e["department"] for e in MANIFEST["files"]}
    found, contradictions, unexpected = set(), [], []
    expected: dict[str, set] = defaultdict(set)
    for entry in MANIFEST["files"]:
        months = [s["period"]["last_month"] for s in entry.get("sheets") or [] if "period" in s]
        months = months or [entry["period"]["last_month"]]
        expected[entry["department"]] |= {k for k in TRUTH if k[0] in entry["indicators"]
                                          and k[2] == entry["period"]["year"] and k[4] in months}
    for row in frame.itertuples():
        if row.year is None or math.isnan(row.year):
            continue
        key = (row.indicator, row.region, int(row.year), int(row.first_month), int(row.last_month), row.basis)
        truth = TRUTH.get(key)
        if truth is not None and not math.isnan(row.value) and math.isclose(row.value, truth, rel_tol=1e-6):
            found.add(key)
            continue
        file = names[row.import_id]
        if row.confidence < 0.8 or (file, row.sheet, row.cell) in planted:
            continue
        if truth is not None:
            contradictions.append((file, row.sheet, row.cell, key, row.value, truth))
        elif row.basis in CURRENT:
            unexpected.append((file, row.sheet, row.cell, key, row.value))
    total = sum(len(keys) for keys in expected.values())
    hit = sum(len(keys & found) for keys in expected.values())
    for department, keys in expected.items():
        print(f"{department:<14} {len(keys & found):>5}/{len(keys):<5}")
    assert hit / total >= 0.95
    assert contradictions == []
    assert unexpected == []
    assert set(departments.values()) >= set(expected)
    # provenance on every stored figure
    assert frame["sheet"].notna().all() and frame["cell"].notna().all() and frame["header_path"].notna().all()
    assert frame["confidence"].between(0, 1).all()


def test_demo_drift_is_the_layout_change_the_manifest_describes(demo):
    _, results, _, _ = demo
    wanted = {  # department: the kinds of change its 2020 layout brings (manifest "layout")
        "市场监管局": {"column_added"}, "统计局": {"column_renamed"}, "经信委": {"column_renamed"},
        "发改委": {"column_added"}, "商务局": {"column_renamed"}, "金融办": {"sheet_renamed"},
        "科技局": {"column_renamed"}, "质监局": {"column_added"}, "嘉兴银监分局": {"column_renamed", "column_added"},
        "人行嘉兴市中心支行": {"column_added"}, "税务局": {"column_renamed"},
    }
    for r in results:
        if "2020" not in Path(r.file).parent.name:
            assert r.drift == [], r.file
            continue
        assert {c["kind"] for c in r.drift} == wanted[r.department], (r.file, r.drift)
        assert all(c["message"] for c in r.drift)
    tax = next(r for r in results if r.department == "税务局" and "2020Q1" in r.file)
    assert [(c["old"], c["new"]) for c in tax.drift] == [("受惠面(%)", "实际受惠面（%）")]


def test_drift_pending_figures_are_stored_but_not_current(demo):
    project, results, _, _ = demo
    pending = {r.import_id for r in results if r.status == STATUS_DRIFT_PENDING}
    everything = project.observations()
    current = project.observations(current=True)
    assert set(everything.import_id) >= pending
    assert not set(current.import_id) & pending
    assert len(current) == (~everything.import_id.isin(pending)).sum()


def test_source_files_are_never_modified(demo):
    _, _, before, after = demo
    assert before == after


def test_accepting_drift_makes_the_layout_a_template_and_the_figures_current(tmp_path):
    with new_project(tmp_path) as project:
        files = [demo_file("2019Q4", "质监局"), demo_file("2020Q1", "质监局"), demo_file("2020Q2", "质监局")]
        results = run_import(project, files)
        assert [r.status for r in results] == [STATUS_IMPORTED, STATUS_DRIFT_PENDING, STATUS_DRIFT_PENDING]
        accepted = accept_drift(project, results[1].import_id, PLAN, RESOLVER)
        assert [r.import_id for r in accepted] == [results[1].import_id, results[2].import_id]
        current = project.observations(current=True)
        assert set(current.import_id) == {r.import_id for r in results}
        assert project.db["templates"].count == 2
        # the next quarter of the new layout maps by the new template, no drift
        later = run_import(project, [demo_file("2020Q3", "质监局")])[0]
        assert later.status == STATUS_IMPORTED and later.drift == []
        assert later.template == accepted[0].template


def test_accept_drift_flag_stores_a_drifted_file_as_imported(tmp_path):
    with new_project(tmp_path) as project:
        run_import(project, [demo_file("2019Q4", "市税务局")])
        result = run_import(project, [demo_file("2020Q1", "市税务局")], accept_drift=True)[0]
        assert result.status == STATUS_IMPORTED
        assert [c["kind"] for c in result.drift] == ["column_renamed"]
        assert result.template_created
        assert set(project.observations(current=True).import_id) == {1, 2}


# ---------------------------------------------------------------- duplicates and supersession
def test_the_same_file_twice_is_a_duplicate_and_nothing_is_stored_twice(tmp_path):
    copy = tmp_path / "另存为.xlsx"
    shutil.copyfile(SMR_2019Q3, copy)
    with new_project(tmp_path) as project:
        first = run_import(project, [SMR_2019Q3])[0]
        count = len(project.observations())
        again = run_import(project, [SMR_2019Q3, copy])
        assert [r.status for r in again] == [STATUS_DUPLICATE, STATUS_DUPLICATE]
        assert all(r.import_id == first.import_id for r in again)
        assert all("内容相同" in r.message for r in again)
        assert again[0].department == "市场监管局" and again[0].template == first.template
        assert len(project.list_imports()) == 1
        assert len(project.observations()) == count


def _corrected_copy(tmp_path: Path, value: int) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(SMR_2019Q3)
    ws = wb["小微企业发展情况"]
    assert ws["A12"].value.replace(" ", "") == "南湖区"
    ws["C12"] = value
    target = tmp_path / "市场监管局_2019年1-9月小微企业发展情况表（更正）.xlsx"
    wb.save(target)
    return target


def test_a_corrected_workbook_supersedes_the_older_and_names_the_changed_figure(tmp_path):
    corrected = _corrected_copy(tmp_path, 2100)
    with new_project(tmp_path) as project:
        old = run_import(project, [SMR_2019Q3])[0]
        new = run_import(project, [corrected])[0]
        assert new.status == STATUS_SUPERSEDED_OLDER
        assert new.superseded == [old.import_id]
        assert new.period == old.period == "2019-09"
        assert new.template == old.template and new.drift == []
        [change] = [c for c in new.changes if c["change"] == "changed"]
        assert (change["indicator"], change["region"], change["period"], change["old"], change["new"]) == (
            "new_sme", "330402", "2019年1-9月", 2034, 2100)
        assert change["cell"] == "C12" and "2034 → 2100" in change["message"]
        assert "替换了同期旧文件" in new.message
        imports = {i["id"]: i for i in project.list_imports()}
        assert imports[old.import_id]["superseded_by"] == new.import_id
        assert imports[old.import_id]["status"] == "replaced"
        # the older figures stay as history; only the newer count
        current = project.observations(current=True, indicator="new_sme", region="330402", year=2019, basis="ytd",
                                       last_month=9)
        assert list(current.value) == [2100]
        history = project.observations(indicator="new_sme", region="330402", year=2019, basis="ytd", last_month=9)
        assert sorted(history.value) == [2034, 2100]
        result = trace(project, "new_sme", "南湖区", "2019-09", plan=PLAN, resolver=RESOLVER)
        states = [(f["state"], f["value"]) for f in result["figures"] if f["basis"] == "ytd"]
        assert states == [("current", 2100), ("replaced", 2034)]
        assert result["figures"][-1]["superseded_by"] == new.import_id


def test_a_report_of_another_period_supersedes_nothing(tmp_path):
    with new_project(tmp_path) as project:
        results = run_import(project, [SMR_2019Q3, demo_file("2019Q4", "市场监管局")])
        assert [r.status for r in results] == [STATUS_IMPORTED, STATUS_IMPORTED]
        assert all(i["superseded_by"] is None for i in project.list_imports())


# ---------------------------------------------------------------- failures
def test_a_crash_in_the_middle_of_a_file_stores_nothing_of_it(tmp_path, monkeypatch):
    files = [demo_file("2019Q3", "质监局"), demo_file("2019Q3", "科技局"), demo_file("2019Q3", "市税务局")]
    real = importing.find_superseded

    def crash_on_the_second(project, import_id, department, *args):
        if department == "科技局":  # after its import record, figures and template were written
            raise RuntimeError("模拟断电")
        return real(project, import_id, department, *args)

    monkeypatch.setattr(importing, "find_superseded", crash_on_the_second)
    with new_project(tmp_path) as project:
        results = run_import(project, files)
        assert [r.status for r in results] == [STATUS_IMPORTED, STATUS_FAILED, STATUS_IMPORTED]
        assert "模拟断电" in results[1].message and "未保存" in results[1].message
        assert [i["name"] for i in project.list_imports()] == [files[0].name, files[2].name]
        assert set(project.observations().import_id) == {results[0].import_id, results[2].import_id}
        assert project.db.execute("SELECT COUNT(*) FROM templates WHERE department = '科技局'").fetchone()[0] == 0
    monkeypatch.undo()
    with Project.open(tmp_path / "项目.wbproj") as project:  # and it imports fine afterwards
        assert run_import(project, [files[1]])[0].status == STATUS_IMPORTED


def test_an_unreadable_file_fails_alone(tmp_path):
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    missing = tmp_path / "不存在.xlsx"
    with new_project(tmp_path) as project:
        results = run_import(project, [broken, missing, SMR_2019Q3])
        assert [r.status for r in results] == [STATUS_FAILED, STATUS_FAILED, STATUS_IMPORTED]
        assert "坏文件.xlsx" in results[0].message and "\n" not in results[0].message
        assert "不存在.xlsx" in results[1].message
        assert len(project.list_imports()) == 1


def test_stopping_between_files_keeps_what_was_imported(tmp_path):
    with new_project(tmp_path) as project:
        def stop_after_first() -> bool:
            return len(project.list_imports()) >= 1

        progress = import_files(project, [SMR_2019Q3, demo_file("2019Q3", "质监局")], PLAN, RESOLVER, MATCHER,
                                should_stop=stop_after_first)
        steps = []
        while True:
            try:
                steps.append(next(progress))
            except StopIteration as stop:
                results = stop.value
                break
        assert [r.status for r in results] == [STATUS_IMPORTED]
        assert len(project.list_imports()) == 1
        assert steps[-1][2] == "已停止导入"


def test_cancelling_inside_a_file_stores_nothing_of_it(tmp_path):
    with new_project(tmp_path) as project:
        results = finish(import_files(project, [SMR_2019Q3], PLAN, RESOLVER, MATCHER, should_stop=lambda: False))
        assert results[0].status == STATUS_IMPORTED
        calls = Counter()

        def stop_while_reading() -> bool:
            calls["polls"] += 1
            return calls["polls"] > 1  # not before the file, but as soon as it is being read

        results = finish(import_files(project, [demo_file("2019Q3", "质监局")], PLAN, RESOLVER, MATCHER,
                                      should_stop=stop_while_reading))
        assert [r.status for r in results] == ["cancelled"]
        assert len(project.list_imports()) == 1


def test_progress_reports_every_file(tmp_path):
    with new_project(tmp_path) as project:
        steps = list(import_files(project, [SMR_2019Q3, demo_file("2019Q3", "质监局")], PLAN, RESOLVER, MATCHER))
    assert [(d, t) for d, t, _ in steps] == [(0, 2), (1, 2), (2, 2)]
    assert "市场监管局" in steps[0][2]


def test_folders_expand_to_their_spreadsheets(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.xlsx", "sub/b.csv", "notes.txt", "~$a.xlsx", ".hidden.xls"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path, tmp_path / "a.xlsx"])] == [
        "a.xlsx", "sub/b.csv"]


# ---------------------------------------------------------------- departments
@pytest.mark.parametrize("text, name", [
    ("嘉兴市市场监督管理局(盖章)", "市场监管局"), ("嘉兴市经济和信息化局", "经信委"), ("市经信委", "经信委"),
    ("嘉兴市发展和改革委员会", "发改委"), ("市发展改革委等相关主管部门", "发改委"), ("中国人民银行嘉兴市中心支行", "人行嘉兴市中心支行"),
    ("人行", "人行嘉兴市中心支行"), ("嘉兴银监分局", "嘉兴银监分局"), ("银监分局", "嘉兴银监分局"), ("市税务局", "税务局"),
    ("国家税务总局嘉兴市税务局", "税务局"), ("市质监局", "质监局"), ("嘉兴市科学技术局", "科技局"), ("市金融办", "金融办"),
    ("统计局", "统计局"), ("商务局", "商务局"), ("随便写的", None),
])
def test_department_names_fold_to_one(text, name):
    assert canonical_department(text) == name


def test_plan_lead_departments_are_known():
    from workbench.models.departments import plan_departments

    index = plan_departments(PLAN)
    assert index.canonical("嘉兴市财政局") == "财政局"


def test_department_is_detected_from_the_sheet_names_when_nothing_else_says(tmp_path):
    from workbench.models.layout.tables import Table

    table = Table("金融办报送", 0, 0, 5, 3, "rows", title="各县（市、区）情况表")
    found = detect_department(tmp_path / "报表.xlsx", [table], ["金融办报送"])
    assert (found.name, found.source) == ("金融办", "工作表名")
    filer = Table("Sheet1", 0, 0, 5, 3, "rows", title="情况表", filer="嘉兴市商务局")
    found = detect_department(tmp_path / "统计局转来的.xlsx", [filer], ["Sheet1"])
    assert (found.name, found.source) == ("商务局", "填报单位")


# ---------------------------------------------------------------- the demo project
def test_the_demo_project_holds_every_demo_workbook_imported(tmp_path):
    from workbench.models.demo_project import build_demo_project

    path = build_demo_project(tmp_path / "示例.wbproj")
    with Project.open(path) as project:
        statuses = Counter(i["status"] for i in project.list_imports())
        assert statuses == {"imported": 132, "targets": 1}  # the target decomposition, read into the targets
        assert len(project.observations(current=True)) == len(project.observations()) > 4000
        result = trace(project, "new_sme", "330402", "2019年1-9月", plan=PLAN, resolver=RESOLVER)
        assert result["figures"][0]["file"] == SMR_2019Q3.name


def test_a_file_registered_without_being_read_is_read_now(tmp_path):
    with new_project(tmp_path) as project:
        registered = project.add_import(SMR_2019Q3.name, SMR_2019Q3, SMR_2019Q3.stat().st_size, sha256_of(SMR_2019Q3),
                                        department="市场监管局", status="pending")
        result = run_import(project, [SMR_2019Q3])[0]
        assert result.status == STATUS_IMPORTED and result.figures > 0
        imports = {i["id"]: i for i in project.list_imports()}
        assert imports[registered]["superseded_by"] == result.import_id
        assert run_import(project, [SMR_2019Q3])[0].status == STATUS_DUPLICATE
