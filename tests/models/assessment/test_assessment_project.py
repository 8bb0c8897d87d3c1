"""assess_project on a small project, and the Excel workbook written from it."""

from __future__ import annotations

import math
import zipfile

import openpyxl
import pandas as pd
import pytest

from workbench.models.assessment.assessment_xlsx import write_assessment_xlsx
from workbench.models.assessment.project_assessment import assess_project, previous_quarter
from workbench.models.assessment.scoring import SCHEME_KEY, dump_scheme, default_scheme_path, load_scheme
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions
from workbench.models.store import Project

COUNTIES = ["330402", "330411", "330421", "330424", "330481", "330482", "330483"]


@pytest.fixture()
def project(tmp_path):
    """new_sme for the seven counties: 2018 600 each, 2019 1-6月 and 1-9月 rising with the county."""
    plan = load_plan()
    with Project.create(tmp_path / "p.wbproj", plan.id) as p:
        import_id = p.add_import("市场监管局_2019年1-9月.xlsx", tmp_path / "x.xlsx", 1, "0" * 64, "市场监管局")
        rows = []
        for i, code in enumerate(COUNTIES):
            for (year, last), value in {(2018, 12): 600, (2019, 6): 200 + 20 * i, (2019, 9): 300 + 30 * i}.items():
                rows.append({"indicator": "new_sme", "region": code, "year": year, "first_month": 1,
                             "last_month": last, "period": f"{year}-01..{last:02d}", "basis": "ytd",
                             "value": value, "unit": "家", "sheet": "表1", "cell": f"C{4 + i}"})
            p.set_target("new_sme", code, 1500, "分解表!D5")
        p.add_observations(import_id, rows)
        with p.transaction():
            p.db["findings"].insert({"rule": "ytd_decrease", "severity": "error", "indicator": "new_sme",
                                     "region": "330483", "period": "2019-01..09", "message": "累计数下降",
                                     "status": "open"})
        yield p


def test_assess_project_scores_ranks_and_blocks(project):
    plan = load_plan()
    a = assess_project(project, plan, load_regions(), "2019-09", previous_at=previous_quarter("2019-09"))
    assert a.at == "2019-09" and a.previous is not None and a.previous.at == "2019-06"
    rows = a.rows[a.rows.indicator_code == "new_sme"].set_index("region_code")
    # 南湖区: (600 + 300) / 1500 = 0.6 against 21/36
    assert rows.loc["330402", "completion"] == pytest.approx(0.6)
    assert rows.loc["330402", "time_progress"] == pytest.approx(21 / 36)
    assert "市场监管局_2019年1-9月.xlsx!表1!C4" in rows.loc["330402", "sources"]
    assert rows.loc["330483", "status"] == "待审核" and math.isnan(rows.loc["330483", "score"])
    assert list(a.blocked["region_code"]) == ["330483"]
    assert rows.loc["330400", "status"] == "无数据"  # the city reported nothing: never the sum, never 0
    assert len(a.counties) == 7
    ranked = a.counties.set_index("region_code")
    # the larger the county's 2019 figure, the higher its rank (桐乡市 waits for review)
    order = [c for c in a.counties["region_code"]]
    assert order[:6] == ["330482", "330481", "330424", "330421", "330411", "330402"]
    assert ranked.loc["330482", "rank"] == 1 and ranked.loc["330482", "rank_change"] == 0
    assert set(a.counties["grade"].dropna()) <= {"优秀", "良好", "合格", "不合格"}
    # 桐乡市's only scored figure waits for review: no total, no rank, no grade
    assert math.isnan(ranked.loc["330483", "total_score"]) and pd.isna(ranked.loc["330483", "grade"])


def test_project_settings_and_an_edited_scheme_are_used(project):
    plan = load_plan()
    scheme = load_scheme(default_scheme_path(plan.id))
    edited = dump_scheme(scheme).replace('name = "', 'name = "已编辑：', 1)
    project.set_setting(SCHEME_KEY, edited)
    project.set_setting("assessment_settings", {"missing_policy": "zero", "ahead_pp": 1.0})
    project.set_setting("qualitative_notes", [{"indicator": "two_up_two_control", "region": "330402",
                                                "done": True, "note": "=已实现“两增两控”", "at": "2019-09"}])
    project.set_setting("score_adjustments", {"330402": {"innovation": 2}})
    project.set_target("new_sme_8ind", "330402", 500, "分解表")  # a target without any figure
    a = assess_project(project, plan, load_regions(), "2019-09")
    assert a.scheme.name.startswith("已编辑：")
    assert a.settings.missing_policy == "zero" and a.previous is None
    nanhu = a.counties.set_index("region_code").loc["330402"]
    assert nanhu["bonus"] == 2
    row = a.rows[(a.rows.indicator_code == "two_up_two_control") & (a.rows.region_code == "330402")].iloc[0]
    assert row["status"] == "已完成" and row["note"] == "=已实现“两增两控”"
    # missing counts as zero: new_sme 10 × 0.6/(21/36), 两增两控 1, 检测平台全覆盖 (no note) 0 of 1,
    # new_sme_8ind (no figure) 0 of 5; the indicators without a target are left out
    assert nanhu["total_score"] == pytest.approx(round((10 * 0.6 / (21 / 36) + 1) * 100 / 17 + 2, 2))
    assert nanhu["indicators_missing"] == 2


def test_the_workbook_has_the_overview_the_rows_and_no_formulas(project, tmp_path):
    project.set_setting("qualitative_notes", [{"indicator": "two_up_two_control", "region": "330402",
                                                "done": True, "note": "=HYPERLINK(\"http://x\")", "at": "2019-09"},
                                               {"indicator": "two_up_two_control", "region": "330411",
                                                "done": False, "note": "-尚未落实", "at": "2019-09"}])
    a = assess_project(project, load_plan(), load_regions(), "2019-09", previous_at="2019-06")
    path = tmp_path / "考核结果.xlsx"
    write_assessment_xlsx(a, path)
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any("<f>" in z.read(n).decode("utf-8") for n in sheets)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["总览", "明细", "说明"]
    overview = wb["总览"]
    assert overview["A2"].value == "排名" and overview["B2"].value == "县（市、区）"
    assert overview["A3"].value == 1 and overview["B3"].value == "平湖市"
    detail = wb["明细"]
    headers = [c.value for c in detail[2]]
    col = {h: i for i, h in enumerate(headers)}
    values = list(detail.iter_rows(min_row=3, values_only=True))
    assert len(values) == len(a.rows)
    notes = {v[col["说明"]] for v in values}
    assert '=HYPERLINK("http://x")' in notes and "-尚未落实" in notes
    city = next(v for v in values if v[col["指标代码"]] == "new_sme" and v[col["地区代码"]] == "330400")
    assert city[col["实际"]] is None and city[col["完成率"]] is None  # missing is empty, not 0
    nanhu = next(v for v in values if v[col["指标代码"]] == "new_sme" and v[col["地区代码"]] == "330402")
    assert nanhu[col["完成率"]] == pytest.approx(0.6)
    assert detail.cell(row=3 + [v[col["地区代码"]] for v in values].index("330402"),
                       column=col["完成率"] + 1).number_format == "0.0%"


def test_an_unchecked_error_blocks_without_running_the_checks_first(project):
    """The checks were never run: a year-to-date figure that falls is still kept out."""
    plan = load_plan()
    import_id = project.add_import("市场监管局_2019年1-12月.xlsx", "y.xlsx", 1, "1" * 64, "市场监管局")
    project.add_observations(import_id, [{
        "indicator": "new_sme", "region": "330402", "year": 2019, "first_month": 1, "last_month": 12,
        "period": "2019-01..12", "basis": "ytd", "value": 100, "unit": "家", "sheet": "表1", "cell": "C4"}])
    a = assess_project(project, plan, load_regions(), "2019-12")
    rows = a.rows[a.rows.indicator_code == "new_sme"].set_index("region_code")
    assert rows.loc["330402", "status"] == "待审核"
    assert project.db["findings"].count == 1  # only the fixture's: assessing stores nothing
