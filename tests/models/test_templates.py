"""Templates: next quarter's workbook of a known layout maps with zero input, a drifted one
reports exactly what drifted, and a colleague's exported templates map the same way."""

from __future__ import annotations

import json
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import pytest

from workbench.models.drift import compute_drift
from workbench.models.extract import extract_file, extract_workbook
from workbench.models.fingerprints import abstract_text, describe_layout, fingerprint, header_key
from workbench.models.importing import STATUS_DRIFT_PENDING, STATUS_IMPORTED, accept_drift, finish, import_files
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import load_plan
from workbench.models.reading import read_workbook
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.store import Project
from workbench.models.templates import (
    TemplateError,
    TemplateMatcher,
    export_templates,
    find_template,
    first_cut_mapping,
    import_templates,
    list_templates,
    save_template,
)

DEMO = Path(str(files("workbench.resources") / "demo"))
WORKBOOKS = DEMO / "workbooks"
PLAN = load_plan()
RESOLVER = RegionResolver(load_regions())
MATCHER = IndicatorMatcher(PLAN)
MANIFEST = json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))


def run_import(project, paths, **kwargs):
    return finish(import_files(project, paths, PLAN, RESOLVER, MATCHER, **kwargs))


def new_project(tmp_path, name="项目.wbproj") -> Project:
    return Project.create(tmp_path / name, "jiaxing-sme-2018-2020")


def demo_file(quarter: str, department: str) -> Path:
    return next((WORKBOOKS / quarter).glob(f"{department}_*"))


def figures_of(project, import_id) -> dict[tuple, float]:
    frame = project.observations(import_id=import_id)
    return {(r.indicator, r.region, r.year, r.first_month, r.last_month, r.basis): r.value
            for r in frame.itertuples()}


# ---------------------------------------------------------------- fingerprints
@pytest.mark.parametrize("text, abstract", [
    ("2019年1-9月各县（市、区）小微企业发展情况表", "〈期〉各县(市、区)小微企业发展情况表"),
    ("2019年前三季度各县（市、区）规下工业", "〈期〉各县(市、区)规下工业"),
    ("2020年一季度各县（市、区）规下工业", "〈期〉各县(市、区)规下工业"),
    ("截至2019年9月底各县", "〈期〉各县"), ("2019年末嘉兴市", "〈期〉嘉兴市"), ("2019年9月末嘉兴市", "〈期〉嘉兴市"),
    ("7月", "〈月〉"), ("12月", "〈月〉"), ("1-9月累计", "〈月〉累计"), ("Sheet1", "Sheet#"), ("201909报表", "〈期〉报表"),
    ("新設小微企業", "新设小微企业"),
])
def test_periods_are_abstracted(text, abstract):
    assert abstract_text(text) == abstract


def test_header_keys_leave_units_and_periods_out():
    assert header_key(("新增小微企业", "2019年1-9月（家）")) == header_key("新增小微企业 / 2020年1-3月(户)")
    assert header_key("受惠面(%)") == "受惠面"
    assert header_key("产业创新服务综合体（本年建成，个）") == "产业创新服务综合体(本年建成,个)"


def test_fingerprints_are_stable_across_quarters_and_change_with_the_2020_layouts():
    by_department: dict[str, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    for entry in MANIFEST["files"]:
        workbook = read_workbook(DEMO / entry["path"])
        extraction = extract_workbook(workbook, PLAN, RESOLVER, MATCHER)
        fp = fingerprint(describe_layout(extraction.tables, workbook.sheets, workbook.format))
        by_department[entry["department"]][entry["period"]["year"] == 2020].add(fp)
    assert len(by_department) == 11
    for department, groups in by_department.items():
        assert len(groups[False]) == 1, department  # 2018Q1-2019Q4: one layout
        assert len(groups[True]) == 1, department  # 2020: the changed one
        assert groups[False] != groups[True], department


# ---------------------------------------------------------------- zero input
def test_next_quarter_maps_by_the_automatic_template_with_zero_input(tmp_path):
    with new_project(tmp_path) as project:
        first = run_import(project, [demo_file("2019Q3", "人行嘉兴市中心支行")])[0]
        assert first.template_created and first.template
        nxt = run_import(project, [demo_file("2019Q4", "人行嘉兴市中心支行")])[0]
        assert (nxt.status, nxt.template, nxt.drift, nxt.template_created) == (STATUS_IMPORTED, first.template, [],
                                                                               False)
        plain = extract_file(demo_file("2019Q4", "人行嘉兴市中心支行"), PLAN, RESOLVER, MATCHER).figures
        assert nxt.figures == len(plain) and nxt.mapped == first.mapped


def test_a_confirmed_template_overrides_the_first_cut_next_quarter(tmp_path):
    """科技局 also reports the two 检验检测 figures that 质监局 leads: the bureau ignores them."""
    q3, q4 = demo_file("2019Q3", "科技局"), demo_file("2019Q4", "科技局")
    with new_project(tmp_path) as project:
        run_import(project, [q3])
        extraction = extract_file(q3, PLAN, RESOLVER, MATCHER)
        mapping = first_cut_mapping(extraction)
        for key, entry in mapping["columns"].items():
            if entry["indicator"] in ("open_instruments", "open_lab_services"):
                mapping["columns"][key] = None  # ignore
        template = save_template(project, "科技局", extraction, mapping, "科技局（已确认）")
        assert template.origin == "confirmed" and project.db["templates"].count == 1  # replaced the automatic one
        result = run_import(project, [q4])[0]
        assert (result.status, result.template, result.drift) == (STATUS_IMPORTED, "科技局（已确认）", [])
        figures = figures_of(project, result.import_id)
        assert not {k[0] for k in figures} & {"open_instruments", "open_lab_services"}
        assert {"new_tech_sme", "tech_rd_share", "tech_staff_share", "innovation_complex"} <= {k[0] for k in figures}
        assert result.unmapped == 0  # ignored columns are a decision, not a gap
        frame = project.observations(import_id=result.import_id)
        assert (frame.confidence > 0.9).all()  # a confirmed mapping is trusted


def test_a_template_maps_a_region_label_the_resolver_does_not_know(tmp_path):
    from openpyxl import Workbook

    def workbook(quarter_end: int) -> Path:
        wb = Workbook()
        ws = wb.active
        ws.title = "新增小微企业"
        ws.append([f"2019年1-{quarter_end}月各县（市、区）新增小微企业情况"])
        ws.append(["地区", "新增小微企业（家）"])
        for label, value in [("南湖片区", 100), ("秀洲区", 200), ("嘉善县", 300), ("海盐县", 400), ("海宁市", 500)]:
            ws.append([label, value + quarter_end])
        path = tmp_path / f"市场监管局_2019年1-{quarter_end}月新增小微企业.xlsx"
        wb.save(path)
        return path

    with new_project(tmp_path) as project:
        q3 = workbook(9)
        first = run_import(project, [q3])[0]
        assert "330402" not in {k[1] for k in figures_of(project, first.import_id)}
        extraction = extract_file(q3, PLAN, RESOLVER, MATCHER)
        save_template(project, "市场监管局", extraction, {**first_cut_mapping(extraction), "regions": {"南湖片区": "330402"}},
                      "市场监管局简表")
        result = run_import(project, [workbook(12)])[0]
        assert result.template == "市场监管局简表"
        assert figures_of(project, result.import_id)[("new_sme", "330402", 2019, 1, 12, "ytd")] == 112


# ---------------------------------------------------------------- drift
def _copy(source: Path, tmp_path: Path, edit) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(source)
    edit(wb.active)
    target = tmp_path / f"修改_{source.name}"
    wb.save(target)
    return target


def _drift(tmp_path, department: str, edit):
    with new_project(tmp_path) as project:
        run_import(project, [demo_file("2019Q3", department)])
        changed = _copy(demo_file("2019Q4", department), tmp_path, edit)
        result = run_import(project, [changed])[0]
        current = set(project.observations(current=True).import_id)
        return result, current


def test_an_added_column_is_reported_as_exactly_that(tmp_path):
    def add_column(ws):
        ws["D2"] = "检验检测机构数（家）"
        for row in range(3, 11):
            ws.cell(row, 4, 12)

    result, current = _drift(tmp_path, "质监局", add_column)
    assert result.status == STATUS_DRIFT_PENDING
    assert [(c["kind"], c["new"]) for c in result.drift] == [("column_added", "检验检测机构数（家）")]
    assert "新增列“检验检测机构数（家）”（D列）" in result.drift[0]["message"]
    assert result.import_id not in current  # stored, but not counted before the drift is accepted


def test_a_renamed_header_is_reported_as_exactly_that(tmp_path):
    def rename(ws):
        ws["C2"] = "开放实验室服务次数（批次）"

    result, _ = _drift(tmp_path, "质监局", rename)
    assert [(c["kind"], c["old"], c["new"]) for c in result.drift] == [
        ("column_renamed", "开放实验室服务（批次）", "开放实验室服务次数（批次）")]


def test_a_moved_column_is_reported_as_exactly_that(tmp_path):
    def swap(ws):
        for row in range(2, 11):
            b, c = ws.cell(row, 2).value, ws.cell(row, 3).value
            ws.cell(row, 2, c)
            ws.cell(row, 3, b)

    result, _ = _drift(tmp_path, "质监局", swap)
    assert [c["kind"] for c in result.drift] == ["column_moved"]
    assert {result.drift[0]["old"], result.drift[0]["new"]} == {"B列", "C列"}


def test_a_changed_unit_line_is_reported_as_exactly_that_and_converted(tmp_path):
    def yuan(ws):
        assert ws["E2"].value == "单位：万元、%"
        ws["E2"] = "单位：元、%"

    with new_project(tmp_path) as project:
        run_import(project, [demo_file("2019Q3", "人行嘉兴市中心支行")])
        changed = _copy(demo_file("2019Q4", "人行嘉兴市中心支行"), tmp_path, yuan)
        result = run_import(project, [changed])[0]
        assert [(c["kind"], c["header"], c["old"], c["new"]) for c in result.drift] == [
            ("unit_changed", "单位行", "万元、%", "元、%")]
        loans = project.observations(import_id=result.import_id, indicator="new_sme_loans", region="330402")
        assert list(loans.source_unit) == ["元"] and "元→亿元" in loans.conversions.iloc[0]
        # accepted: the figures count and the new layout becomes a template
        accepted = accept_drift(project, result.import_id, PLAN, RESOLVER)
        assert accepted[0].status == STATUS_IMPORTED
        assert result.import_id in set(project.observations(current=True).import_id)
        assert project.db["templates"].count == 2


def test_drift_of_sheets_and_titles():
    old = {"sheets": ["全市", "南湖区"], "titles": ["〈期〉情况表"], "tables": [], "columns": []}
    new = {"sheets": ["全市", "南湖"], "titles": ["〈期〉情况汇总表"], "tables": [], "columns": []}
    assert [(c["kind"], c["old"], c["new"]) for c in compute_drift(old, new)] == [
        ("sheet_renamed", "南湖区", "南湖"), ("title_changed", "〈期〉情况表", "〈期〉情况汇总表")]


# ---------------------------------------------------------------- sharing templates
def test_exported_templates_map_the_same_in_a_colleagues_project(tmp_path):
    q3, q4 = demo_file("2019Q3", "科技局"), demo_file("2019Q4", "科技局")
    shared = tmp_path / "模板.json"
    with new_project(tmp_path, "我的.wbproj") as mine:
        run_import(mine, [q3, demo_file("2019Q3", "市场监管局")])
        extraction = extract_file(q3, PLAN, RESOLVER, MATCHER)
        mapping = first_cut_mapping(extraction)
        key = header_key("检验检测资源开放 / 开放实验室服务（批次）")
        mapping["columns"][key] = None
        save_template(mine, "科技局", extraction, mapping, "科技局（已确认）")
        assert export_templates(mine, shared) == 2
        mine_templates = {(t.department, t.fingerprint): t.mapping for t in list_templates(mine)}
        expected = figures_of(mine, run_import(mine, [q4])[0].import_id)
    data = json.loads(shared.read_text(encoding="utf-8"))
    assert data["format"] == "workbench-templates" and data["version"] == 1
    with new_project(tmp_path, "同事的.wbproj") as theirs:
        assert import_templates(theirs, shared) == {"added": 2, "replaced": 0, "unchanged": 0}
        assert import_templates(theirs, shared) == {"added": 0, "replaced": 0, "unchanged": 2}
        assert {(t.department, t.fingerprint): t.mapping for t in list_templates(theirs)} == mine_templates
        assert {t.origin for t in list_templates(theirs)} == {"imported"}
        result = run_import(theirs, [q4])[0]
        assert (result.template, result.drift, result.template_created) == ("科技局（已确认）", [], False)
        assert figures_of(theirs, result.import_id) == expected
        assert "open_lab_services" not in {k[0] for k in expected}


def test_a_template_file_of_a_newer_version_or_another_kind_is_refused(tmp_path):
    newer = tmp_path / "新.json"
    newer.write_text(json.dumps({"format": "workbench-templates", "version": 99, "templates": []}), encoding="utf-8")
    other = tmp_path / "别的.json"
    other.write_text("[1, 2]", encoding="utf-8")
    with new_project(tmp_path) as project:
        with pytest.raises(TemplateError, match="版本"):
            import_templates(project, newer)
        with pytest.raises(TemplateError, match="不是工作台的模板文件"):
            import_templates(project, other)
        assert project.db["templates"].count == 0


def test_find_template_without_a_department_takes_the_only_one(tmp_path):
    extraction = extract_file(demo_file("2019Q3", "质监局"), PLAN, RESOLVER, MATCHER)
    with new_project(tmp_path) as project:
        template = save_template(project, "质监局", extraction, name="质监局模板")
        assert find_template(project, None, template.fingerprint).id == template.id
        assert find_template(project, "科技局", template.fingerprint) is None


def test_template_matcher_falls_back_to_the_matcher():
    matcher = TemplateMatcher(MATCHER, {"columns": {header_key("本年新增（个）"): {"indicator": "community_branches",
                                                                           "ignored": False}}}, PLAN)
    assert matcher.match(["本年新增（个）"]).best.code == "community_branches"
    assert matcher.match(["新增小微企业", "本年累计"]).best.code == MATCHER.match(["新增小微企业", "本年累计"]).best.code
