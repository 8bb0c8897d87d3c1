"""County targets: the decomposition workbook read through the reader, defaults, the check, edits."""

from __future__ import annotations

import math
import re
from pathlib import Path

import openpyxl
import pytest

from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import load_plan
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.resources import resource
from workbench.models.store import Project
from workbench.models.targets import (
    EQUAL_SOURCE,
    SHARE_SOURCE,
    STATUS_TARGETS,
    TargetError,
    apply_default_targets,
    default_targets,
    import_targets,
    parse_target_text,
    restore_target,
    set_target_value,
    target_warnings,
)

PLAN = load_plan()
REGIONS = load_regions()
DECOMPOSITION = Path(str(resource("demo", "targets", "县市区目标任务分解表.xlsx")))
CITY = "330400"
COUNTIES = ["330402", "330411", "330421", "330424", "330481", "330482", "330483"]
# Written out by hand, not through the resolver under test.
REGION_OF = {"全市": CITY, "南湖区": "330402", "秀洲区": "330411", "嘉善县": "330421", "海盐县": "330424",
             "海宁市": "330481", "平湖市": "330482", "桐乡市": "330483"}
SHORT = {"330400": "全市", "330402": "南湖", "330411": "秀洲", "330421": "嘉善", "330424": "海盐", "330481": "海宁",
         "330482": "平湖", "330483": "桐乡"}
ASSESSED = [i for i in PLAN.indicators if i.assessed and not i.qualitative]


def workbook_targets(path: Path = DECOMPOSITION) -> dict[tuple[str, str], tuple[float, str]]:
    """``{(indicator, region): (value, cell)}`` read with openpyxl alone: names in column B, regions in row 4."""
    sheet = openpyxl.load_workbook(path, data_only=True).active
    by_name = {i.name: i.code for i in PLAN.indicators}
    header = {cell.column_letter: cell.value for cell in sheet[4] if cell.value in REGION_OF}
    out = {}
    for row in sheet.iter_rows(min_row=5):
        if not isinstance(row[0].value, int):
            continue  # group rows and the note
        code = by_name[row[1].value]
        for cell in row:
            if cell.column_letter in header:
                out[(code, REGION_OF[header[cell.column_letter]])] = (float(cell.value), cell.coordinate)
    return out


def stored(project) -> dict[tuple[str, str], dict]:
    return {(r["indicator"], r["region"]): r for r in project.targets().to_dict("records")}


def run_import(project, path: Path):
    return import_targets(project, path, PLAN, RegionResolver(REGIONS), IndicatorMatcher(PLAN))


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "目标.wbproj", PLAN.id) as p:
        yield p


# ---------------------------------------------------------------- import
def test_the_demo_decomposition_gives_every_assessed_indicator_and_county_its_workbook_value(project):
    expected = workbook_targets()
    assert len(expected) == len(ASSESSED) * 8  # the workbook itself: every assessed indicator × 全市 + 7
    result = run_import(project, DECOMPOSITION)
    assert result.ok and result.unmapped == [] and result.skipped == []
    assert sorted(result.indicators) == sorted(i.code for i in ASSESSED)
    assert sorted(result.regions) == sorted([CITY, *COUNTIES])
    targets = stored(project)
    assert set(targets) == set(expected)
    for key, (value, cell) in expected.items():
        row = targets[key]
        assert row["value"] == pytest.approx(value), key
        assert row["source"] == f"{DECOMPOSITION.name}!目标任务分解!{cell}"
        assert not row["estimated"]
    # the file is recorded once, as read into the targets; importing it again changes nothing
    imports = project.list_imports()
    assert [i["status"] for i in imports] == [STATUS_TARGETS]
    again = run_import(project, DECOMPOSITION)
    assert again.replaced == [] and len(project.list_imports()) == 1
    assert stored(project) == targets


def write_transposed(path: Path, extra_header: str | None = None) -> Path:
    """The demo decomposition with counties as rows (short names), loans in 万元, a zone row."""
    values = workbook_targets()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "县区目标"
    sheet.append(["2018—2020年各县（市、区）小微企业成长计划目标任务"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(ASSESSED) + 2)
    sheet.append(["单位：见各栏"])
    header = ["县（市、区）"] + [f"{i.name}（{'万元' if i.code == 'new_sme_loans' else i.unit}）" for i in ASSESSED]
    if extra_header:
        header.append(extra_header)
    sheet.append(header)
    for code in [CITY, *COUNTIES, "jx_etdz"]:
        row = [SHORT.get(code, "经开区")]
        for ind in ASSESSED:
            value = values.get((ind.code, code), (1.0, ""))[0]
            row.append(value * 10000 if ind.code == "new_sme_loans" else value)
        if extra_header:
            row.append(7)
        sheet.append(row)
    sheet.append(["注：经开区计入全市。"])
    book.save(path)
    return path


def test_a_transposed_decomposition_imports_the_same_targets(project, tmp_path):
    path = write_transposed(tmp_path / "转置分解表.xlsx", extra_header="某项自定义指标（个）")
    result = run_import(project, path)
    expected = workbook_targets()
    targets = stored(project)
    assert set(targets) == set(expected)
    for key, (value, _) in expected.items():
        assert targets[key]["value"] == pytest.approx(value), key  # 万元 converted back into 亿元
    assert re.fullmatch(r"转置分解表\.xlsx!县区目标![A-Z]+\d+", targets[("new_sme", "330481")]["source"])
    # the unknown column is reported, not forced; the zone row is reported, not stored
    assert [u["header_path"] for u in result.unmapped] == ["某项自定义指标（个）"]
    assert result.skipped and all(s["region"] == "jx_etdz" and "不单独考核" in s["reason"] for s in result.skipped)


def test_an_unreadable_file_stores_nothing(project, tmp_path):
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    result = run_import(project, broken)
    assert not result.ok and result.errors and result.stored == []
    assert project.targets().empty and project.list_imports() == []


def test_two_cells_disagreeing_about_one_target_store_neither(project, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["地区", "新增小微企业（家）", "新增科技型小微企业（家）", "新增小微企业（家）"])
    for k, name in enumerate(REGION_OF):
        sheet.append([name, 100 * k, 10 * k, 250 if name == "秀洲区" else 100 * k])
    path = tmp_path / "重复.xlsx"
    book.save(path)
    result = run_import(project, path)
    targets = stored(project)
    assert targets[("new_tech_sme", "330411")]["value"] == 20
    assert targets[("new_sme", "330402")]["value"] == 100  # the two cells agree
    assert ("new_sme", "330411") not in targets
    assert any(s["region"] == "330411" and "不一致" in s["reason"] for s in result.skipped)


# ---------------------------------------------------------------- defaults
def add_figures(project, rows: list[tuple]) -> None:
    """(indicator, region, year, last_month, basis, value) as if read from a workbook."""
    import_id = project.add_import("基期.xlsx", "基期.xlsx", 1, "0" * 64)
    project.add_observations(import_id, [
        {"indicator": ind, "region": region, "period": f"{year}-{month:02d}", "year": year, "first_month": 1,
         "last_month": month, "basis": basis, "value": value, "unit": "家", "sheet": "表", "cell": "A1",
         "confidence": 1.0}
        for ind, region, year, month, basis, value in rows])


def test_the_default_split_adds_up_to_the_city_target_and_is_marked_estimated(project):
    frame = default_targets(PLAN, project, "base_share", REGIONS)
    counties = frame[frame["region"] != CITY]
    assert counties["estimated"].all() and not frame[frame["region"] == CITY]["estimated"].any()
    for ind in PLAN.indicators:
        if ind.qualitative:
            assert ind.code not in set(frame["indicator"])
            continue
        mine = counties[counties["indicator"] == ind.code]
        assert sorted(mine["region"]) == sorted(COUNTIES)
        if ind.kind in ("cumulative", "stock"):
            assert mine["value"].sum() == pytest.approx(ind.target, abs=1e-6), ind.code
            assert set(mine["source"]) == {EQUAL_SOURCE}  # no figures in the project: equal parts
        else:
            assert (mine["value"] == ind.target).all()  # a county's rate target is the city's
            assert mine["source"].str.startswith("估算").all()


def test_base_year_shares_come_from_2017_figures_before_later_years(project):
    base = dict(zip(COUNTIES, [10, 20, 30, 40, 50, 60, 90]))  # 300 in all
    add_figures(project, [("new_sme", c, 2017, 12, "ytd", v) for c, v in base.items()]
                + [("new_sme", c, 2017, 6, "ytd", 1) for c in COUNTIES]  # a half year: not the one taken
                + [("new_sme", c, 2018, 12, "ytd", 100) for c in COUNTIES]  # a later year: equal shares
                + [("new_tech_sme", c, 2019, 9, "ytd", v) for c, v in base.items()])  # only a later year
    frame = default_targets(PLAN, project, "base_share", REGIONS).set_index(["indicator", "region"])
    for code, share in base.items():
        assert frame.loc[("new_sme", code), "value"] == pytest.approx(50000 * share / 300, abs=1)
        assert frame.loc[("new_sme", code), "source"] == SHARE_SOURCE
        assert frame.loc[("new_tech_sme", code), "value"] == pytest.approx(1000 * share / 300, abs=1)
    assert "2019" in frame.loc[("new_tech_sme", "330402"), "note"]
    assert frame.xs("new_sme", level="indicator").drop(CITY)["value"].sum() == 50000
    equal = default_targets(PLAN, project, "equal", REGIONS).set_index(["indicator", "region"])
    assert set(equal.xs("new_sme", level="indicator").drop(CITY)["source"]) == {EQUAL_SOURCE}


def test_defaults_never_overwrite_imported_or_edited_targets(project):
    run_import(project, DECOMPOSITION)
    set_target_value(project, "new_sme", "330402", 9000, "张三")
    project.db.execute("DELETE FROM targets WHERE indicator = 'new_parks' AND region IN ('330411', '330424')")
    before = stored(project)
    added = apply_default_targets(project, PLAN, "equal", REGIONS)
    after = stored(project)
    assert sorted(zip(added["indicator"], added["region"])) == [
        (i.code, r) for i in sorted(PLAN.indicators, key=lambda i: i.code) if not i.qualitative
        for r in sorted([CITY, *COUNTIES]) if (i.code, r) not in before]
    for key, row in before.items():
        assert after[key] == row  # untouched
    assert after[("new_parks", "330411")]["estimated"] and after[("new_parks", "330411")]["source"] == EQUAL_SOURCE
    assert apply_default_targets(project, PLAN, "base_share", REGIONS).empty  # nothing left to estimate


# ---------------------------------------------------------------- the county-sum check
def test_the_warning_fires_when_counties_add_up_to_less_than_the_city(project):
    run_import(project, DECOMPOSITION)
    assert target_warnings(project, PLAN, REGIONS) == []  # the demo decomposition adds up
    set_target_value(project, "new_sme", "330402", 115, "张三")  # 8115 → 115: 8000 short
    project.db.execute("DELETE FROM targets WHERE indicator = 'parks_total' AND region = '330424'")  # 7 missing
    set_target_value(project, "tech_rd_share", "330402", 1, "张三")  # a rate: never summed
    warnings = target_warnings(project, PLAN, REGIONS)
    assert [w.indicator for w in warnings] == ["new_sme", "parks_total"]
    first = warnings[0]
    assert first.city_target == 50000 and first.county_sum == 42000 and first.shortfall == 8000
    assert "42,000家" in first and "50,000家" in first and "相差 8,000家" in first
    assert "未设目标：海盐县" in warnings[1]


# ---------------------------------------------------------------- grid edits
def test_an_edit_is_stored_as_the_users_and_undo_puts_the_old_target_back(project):
    run_import(project, DECOMPOSITION)
    old = stored(project)[("new_sme", "330481")]
    previous = set_target_value(project, "new_sme", "330481", 9500, "李四", plan=PLAN)
    row = stored(project)[("new_sme", "330481")]
    assert (row["value"], row["source"], row["estimated"]) == (9500, "user:李四", False)
    restore_target(project, "new_sme", "330481", previous)
    assert stored(project)[("new_sme", "330481")] == old
    # a target that did not exist is removed again
    previous = set_target_value(project, "sme_npl_tolerance", "330481", 3, "李四", plan=PLAN)
    assert previous is None
    restore_target(project, "sme_npl_tolerance", "330481", previous)
    assert ("sme_npl_tolerance", "330481") not in stored(project)


@pytest.mark.parametrize("text, value", [("5,000", 5000), ("１２３", 123), ("12.5", 12.5), ("", None)])
def test_typed_targets_are_understood(text, value):
    assert parse_target_text(text, PLAN.indicator("new_sme")) == value


def test_typed_targets_convert_into_the_indicators_unit():
    assert parse_target_text("5000万元", PLAN.indicator("new_sme_loans")) == pytest.approx(0.5)


@pytest.mark.parametrize("text, words", [("abc", "不是数值"), ("-5", "不能为负数"), ("5万平方米", "单位")])
def test_bad_input_is_refused_with_a_chinese_message(text, words):
    with pytest.raises(TargetError, match=words):
        parse_target_text(text, PLAN.indicator("new_sme"))


def test_set_target_value_refuses_what_the_grid_refuses(project):
    with pytest.raises(TargetError):
        set_target_value(project, "new_sme", "330402", -1, "张三", plan=PLAN)
    with pytest.raises(TargetError):
        set_target_value(project, "new_sme", "330402", math.inf, "张三")
    assert project.targets().empty
