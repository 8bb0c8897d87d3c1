"""Reviewing an import's mapping and applying it again: decisions stored at once, region labels
remembered, a reviewed mapping saved as the department's template, figures re-read through it."""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

import pytest

from workbench.models.importing import finish, import_files
from workbench.models.mapping import IndicatorMatcher
from workbench.models.mapping_review import (
    NOT_A_REGION,
    ReviewError,
    load_decisions,
    region_label_choice,
    review_import,
    reviewable_imports,
    save_reviewed_template,
    set_decision,
    set_region_label,
)
from workbench.models.plan import load_plan
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.remapping import RemapError, remap_import, scan_source
from workbench.models.store import Project

WORKBOOKS = Path(str(files("workbench.resources") / "demo" / "workbooks"))
PLAN = load_plan()
RESOLVER = RegionResolver(load_regions())
MATCHER = IndicatorMatcher(PLAN)


def demo_file(quarter: str, department: str) -> Path:
    return next((WORKBOOKS / quarter).glob(f"{department}_*"))


def run_import(project, paths):
    return finish(import_files(project, paths, PLAN, RESOLVER, MATCHER))


def nanhu_workbook(folder: Path, quarter_end: int, label: str = "南湖片区") -> Path:
    """A small 市场监管局 table whose 南湖区 row is written in a way the region table does not know."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "新增小微企业"
    ws.append([f"2019年1-{quarter_end}月各县（市、区）新增小微企业情况"])
    ws.append(["地区", "新增小微企业（家）"])
    for name, value in [(label, 100), ("秀洲区", 200), ("嘉善县", 300), ("海盐县", 400), ("海宁市", 500)]:
        ws.append([name, value + quarter_end])
    path = folder / f"市场监管局_2019年1-{quarter_end}月新增小微企业.xlsx"
    wb.save(path)
    return path


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "项目.wbproj", PLAN.id) as project:
        yield project


def test_the_review_lists_each_column_with_its_proposal(project):
    result = run_import(project, [demo_file("2019Q3", "市场监管局")])[0]
    reviews = review_import(project, result.import_id, PLAN, MATCHER)
    assert [r.place for r in reviews] == [*(f"{c}11:{c}21" for c in "CDEFG"), "H9", "I11:I21", "J11:J21"]
    first = reviews[0]
    assert (first.indicator, first.basis, first.unit, first.status) == ("new_sme", "ytd", "家", "auto")
    assert 0.9 < first.confidence <= 1 and first.figures == 10  # the city, 7 counties, 2 zones
    unmapped = [r for r in reviews if r.status == "unmapped"]
    assert len(unmapped) == result.unmapped == 1
    assert unmapped[0].indicator is None and unmapped[0].suggested and unmapped[0].candidates
    assert [i["id"] for i in reviewable_imports(project)] == [result.import_id]


def test_a_decision_is_stored_at_once_and_returns_the_one_it_replaced(project, tmp_path):
    result = run_import(project, [demo_file("2019Q3", "市场监管局")])[0]
    column = review_import(project, result.import_id, PLAN, MATCHER)[-1]
    assert column.indicator == "contract_credit"
    decision = column.decision(indicator="new_sme", basis_override="period")
    assert set_decision(project, result.import_id, column.key, decision) is None
    with Project.open(project.path) as other:  # another connection, the first still open: it is on disk
        assert load_decisions(other, result.import_id) == {column.key: decision}
    changed = review_import(project, result.import_id, PLAN, MATCHER)[-1]
    assert (changed.indicator, changed.basis, changed.status, changed.confidence) == ("new_sme", "period",
                                                                                       "confirmed", 1.0)
    ignored = changed.decision(ignored=True)
    assert ignored["indicator"] is None and ignored["ignored"]
    assert set_decision(project, result.import_id, column.key, ignored) == decision
    assert review_import(project, result.import_id, PLAN, MATCHER)[-1].status == "ignored"
    assert set_decision(project, result.import_id, column.key, None) == ignored
    assert review_import(project, result.import_id, PLAN, MATCHER)[-1].indicator == "contract_credit"
    with pytest.raises(ReviewError):
        set_decision(project, result.import_id, column.key, {"indicator": None})


def test_region_labels_become_aliases_or_not_regions_and_back(project):
    assert set_region_label(project, "南湖片区", "330402") is None
    assert project.aliases() == {"南湖片区": "330402"} and region_label_choice(project, "南湖片区") == "330402"
    assert set_region_label(project, "南湖片区", NOT_A_REGION) == "330402"
    assert project.aliases() == {} and region_label_choice(project, "南湖片区") == NOT_A_REGION
    assert set_region_label(project, "南湖片区", None) == NOT_A_REGION
    assert region_label_choice(project, "南湖片区") is None
    project.add_alias("南 湖", "330402")
    assert project.remove_alias("南 湖") == "330402" and project.remove_alias("南 湖") is None


def test_an_alias_and_a_remap_bring_in_the_figures_of_an_unknown_label(project, tmp_path):
    path = nanhu_workbook(tmp_path, 9)
    result = run_import(project, [path])[0]
    row = project.list_imports()[0]
    scan = scan_source(row["path"], row["sha256"], PLAN, RESOLVER, MATCHER)
    assert scan.unknown_regions == [{"label": "南湖片区", "sheet": "新增小微企业", "cell": "A3"}]
    assert "330402" not in set(project.observations(import_id=result.import_id).region)
    set_region_label(project, "南湖片区", "330402")
    remapped = remap_import(project, result.import_id, PLAN, RESOLVER, MATCHER)
    assert [(c["change"], c["region"], c["new"]) for c in remapped.changes] == [("added", "330402", 109)]
    figures = project.observations(current=True, import_id=result.import_id, region="330402")
    assert list(figures.value) == [109] and list(figures.cell) == ["B3"]
    assert scan_source(row["path"], row["sha256"], PLAN, RESOLVER.with_aliases(project.aliases()),
                       MATCHER).unknown_regions == []


def test_a_reviewed_template_maps_the_next_quarter_and_the_import_again(project):
    q3, q4 = demo_file("2019Q3", "科技局"), demo_file("2019Q4", "科技局")
    first = run_import(project, [q3])[0]
    for review in review_import(project, first.import_id, PLAN, MATCHER):
        if review.indicator in ("open_instruments", "open_lab_services"):
            set_decision(project, first.import_id, review.key, review.decision(ignored=True))
    template = save_reviewed_template(project, first.import_id, PLAN, MATCHER)
    assert (template.origin, template.name) == ("confirmed", "科技局（已确认，2019年9月起）")
    assert project.db["templates"].count == 1  # it replaced the automatic template of that layout
    again = remap_import(project, first.import_id, PLAN, RESOLVER, MATCHER)
    assert again.template == template.name
    assert {c["indicator"] for c in again.changes} == {"open_instruments", "open_lab_services"}
    assert all(c["change"] == "removed" for c in again.changes)
    stored = set(project.observations(import_id=first.import_id).indicator)
    assert not {"open_instruments", "open_lab_services"} & stored
    following = run_import(project, [q4])[0]
    assert (following.template, following.drift) == (template.name, [])
    assert not {"open_instruments", "open_lab_services"} & set(
        project.observations(import_id=following.import_id).indicator)


def test_a_source_that_moved_or_changed_is_not_read_again(project, tmp_path):
    copy = tmp_path / "市场监管局_2019年1-9月小微企业发展情况表.xlsx"
    shutil.copyfile(demo_file("2019Q3", "市场监管局"), copy)
    result = run_import(project, [copy])[0]
    copy.write_bytes(copy.read_bytes() + b"\0")
    with pytest.raises(RemapError, match="内容与导入时不同"):
        remap_import(project, result.import_id, PLAN, RESOLVER, MATCHER)
    copy.unlink()
    with pytest.raises(RemapError, match="找不到"):
        remap_import(project, result.import_id, PLAN, RESOLVER, MATCHER)
    row = project.list_imports()[0]
    assert "找不到" in scan_source(row["path"], row["sha256"], PLAN, RESOLVER, MATCHER).error
    assert len(project.observations(import_id=result.import_id)) == result.figures  # nothing lost


def test_one_sheet_per_county_is_reviewed_by_the_full_header_path_the_reader_maps(project):
    """金融办 sends one sheet per county with the indicators as rows: a row and the column above
    the figure make the path a template keys, and ignoring one holds for the next quarter."""
    first = run_import(project, [demo_file("2019Q3", "金融办")])[0]
    reviews = review_import(project, first.import_id, PLAN, MATCHER)
    assert [(r.header, r.indicator, r.sheets, r.figures) for r in reviews] == [
        ("新增股份公司 / 本年新增", "new_joint_stock", 8, 8), ("新三板挂牌小微企业 / 本年新增", "neeq_listed", 8, 8),
        ("浙江股权交易中心挂牌企业 / 本年新增", "zjex_listed", 8, 8)]
    set_decision(project, first.import_id, reviews[2].key, reviews[2].decision(ignored=True))
    template = save_reviewed_template(project, first.import_id, PLAN, MATCHER)
    following = run_import(project, [demo_file("2019Q4", "金融办")])[0]
    assert following.template == template.name
    assert set(project.observations(import_id=following.import_id).indicator) == {"new_joint_stock", "neeq_listed"}


def test_an_import_stored_before_its_open_paths_were_is_reviewed_from_its_layout(project):
    import json

    result = run_import(project, [demo_file("2019Q3", "市场监管局")])[0]
    row = project.list_imports()[0]
    data = json.loads(row["layout"])
    del data["unmapped"]  # as an earlier workbench stored it
    with project.transaction():
        project.db["imports"].update(result.import_id, {"layout": json.dumps(data, ensure_ascii=False)})
    reviews = review_import(project, result.import_id, PLAN, MATCHER)
    assert [r.place for r in reviews] == [*(f"{c}11:{c}21" for c in "CDEFG"), "H列", "I11:I21", "J11:J21"]
    assert reviews[5].status == "unmapped" and reviews[5].suggested == "indiv_to_company_share"
