"""The official Excel tables, read back the way a user (or Excel) would see them."""

import math
import re
import zipfile
from dataclasses import replace

import openpyxl
import pandas as pd
import pytest

from workbench.models.charts.palette import status_look
from workbench.models.checks.project import check_project, explain
from workbench.models.exports.context import ReportOptions, report_context
from workbench.models.exports.tables_xlsx import write_tables
from workbench.models.exports.xlsx_cells import WorkbookSaveError
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions

DASH = "—"
FORMULA_NOTE = '=HYPERLINK("http://example.com","点击")'


@pytest.fixture(scope="module")
def tables(demo_context, tmp_path_factory):
    path = tmp_path_factory.mktemp("tables") / "考核表格.xlsx"
    assert write_tables(demo_context, path) == path
    return openpyxl.load_workbook(path), path


def header_rows(ws) -> tuple[int, int]:
    match = re.fullmatch(r"\$(\d+):\$(\d+)", ws.print_title_rows)
    return int(match[1]), int(match[2])


def read_table(ws) -> tuple[dict[str, int], list[tuple]]:
    """Column labels (the lowest header text) → 0-based index, and the body rows up to the first blank."""
    top, bottom = header_rows(ws)
    labels = {}
    for j in range(1, ws.max_column + 1):
        label = ws.cell(row=bottom, column=j).value or ws.cell(row=top, column=j).value
        if label is not None:
            labels[label] = j - 1
    rows = []
    for row in ws.iter_rows(min_row=bottom + 1):
        if row[0].value is None:
            break
        rows.append(row)
    return labels, rows


def number(value):
    """A table cell as the assessment holds it: "—" is missing."""
    return math.nan if value in (DASH, None) else value


def same(a, b) -> bool:
    a, b = number(a), number(b)
    if pd.isna(b):
        return pd.isna(a)
    return a == b


def test_the_sheets_are_overview_indicators_counties_checks_sources_and_notes(tables, demo_context):
    wb, _ = tables
    indicators = [demo_context.plan.indicator(code).short_name for code in demo_context.indicator_codes]
    counties = list(demo_context.counties["region_name"])
    assert len(indicators) == 35 and len(counties) == 7
    assert wb.sheetnames == ["总览", *indicators, *counties, "成长指数", "审核", "数据来源", "说明"]


def test_the_index_sheet_holds_the_growth_index_of_each_county(tables, demo_context):
    wb, _ = tables
    labels, body = read_table(wb["成长指数"])
    table = demo_context.index.table
    expected = dict(zip(table["region_name"], table["index"]))
    shown = {r[labels["地区"]].value: r[labels["成长指数"]].value for r in body if r[labels["排名"]].value != DASH}
    assert shown.keys() == expected.keys() and len(shown) == 7
    for name, value in shown.items():
        assert value == pytest.approx(expected[name])
    assert "基期" in " ".join(str(c.value) for row in wb["成长指数"].iter_rows() for c in row if c.value)


def test_each_indicator_sheet_shows_the_assessments_numbers(tables, demo_context):
    wb, _ = tables
    rows = demo_context.assessment.rows
    for code in demo_context.indicator_codes:
        indicator = demo_context.plan.indicator(code)
        labels, body = read_table(wb[indicator.short_name])
        expected = rows[rows["indicator_code"] == code].set_index("region_name")
        assert [r[labels["地区"]].value for r in body] == list(expected.index)
        amount = expected["kind"].iloc[0] in ("cumulative", "stock")
        for r in body:
            want = expected.loc[r[labels["地区"]].value]
            for label, column in [("实际", "actual"), ("目标", "target"), ("序时进度", "time_progress"),
                                  ("差距（百分点）", "gap_pp"), ("得分", "score")]:
                assert same(r[labels[label]].value, want[column]), (code, want.name, label)
            assert same(r[labels["完成率"]].value, want["completion"] if amount else math.nan)
            assert r[labels["状态"]].value == f"{status_look(want['status']).symbol} {want['status']}"
            if not pd.isna(want["rank_in_indicator"]):
                assert r[labels["排名"]].value == want["rank_in_indicator"]


def test_missing_figures_show_a_dash_never_zero(tables, demo_context):
    wb, _ = tables
    labels, body = read_table(wb["两增两控"])  # no figures at all in the demo
    assert body and all(r[labels["实际"]].value == DASH and r[labels["得分"]].value == DASH for r in body)
    labels, body = read_table(wb["新增小微"])
    city = body[0]
    assert city[labels["地区"]].value == "嘉兴市" and city[labels["得分"]].value == DASH  # the city is not scored


def test_indicator_ranks_order_the_counties_by_what_they_earned(tables):
    wb, _ = tables
    labels, body = read_table(wb["新增小微"])
    counties = body[1:]
    ranked = sorted(counties, key=lambda r: r[labels["排名"]].value)
    completions = [r[labels["完成率"]].value for r in ranked]
    assert sorted(r[labels["排名"]].value for r in counties) == list(range(1, 8))
    assert completions == sorted(completions, reverse=True)


def test_the_overview_ranks_and_totals_are_the_assessments(tables, demo_context):
    wb, _ = tables
    labels, body = read_table(wb["总览"])
    city, counties = body[0], body[1:]
    assert city[labels["县（市、区）"]].value == "嘉兴市（全市）" and city[labels["排名"]].value == DASH
    expected = demo_context.assessment.counties
    assert [r[labels["县（市、区）"]].value for r in counties] == list(expected["region_name"])
    statuses = demo_context.rows
    for r, (_, want) in zip(counties, expected.iterrows()):
        assert r[labels["排名"]].value == want["rank"]
        assert r[labels["总得分"]].value == want["total_score"]
        assert r[labels["等级"]].value == want["grade"]
        assert r[labels["指标得分"]].value == want["base_score"]
        change = want["rank_change"]
        assert r[labels["名次变化"]].value == (f"↑{change}" if change > 0 else f"↓{-change}" if change < 0 else DASH)
        mine = statuses[statuses["region_code"] == want["region_code"]]["status"].value_counts()
        assert r[labels["▲超进度"]].value == mine.get("超进度", 0)
        assert r[labels["▽欠进度"]].value == mine.get("欠进度", 0)
    city_counts = statuses[statuses["level"] == "city"]["status"].value_counts()
    assert city[labels["●达进度"]].value == city_counts.get("达进度", 0)


def test_a_county_sheet_has_its_total_rank_and_grade_on_top_and_every_indicator(tables, demo_context):
    wb, _ = tables
    county = demo_context.counties.iloc[4]
    ws = wb[county["region_name"]]
    summary = {ws.cell(row=3, column=j).value: ws.cell(row=4, column=j).value for j in range(1, 10)}
    assert summary["总得分"] == county["total_score"] and summary["排名"] == county["rank"]
    assert summary["等级"] == county["grade"]
    labels, body = read_table(ws)
    numbered = [r for r in body if isinstance(r[0].value, int)]
    groups = [r[0].value for r in body if not isinstance(r[0].value, int)]
    assert len(numbered) == len(demo_context.indicator_codes) and "（一）总体数量不断增长" in groups
    rows = demo_context.rows[demo_context.rows["region_code"] == county["region_code"]].set_index("indicator_name")
    for r in numbered:
        want = rows.loc[r[labels["指标"]].value]
        assert same(r[labels["实际"]].value, want["actual"]) and same(r[labels["得分"]].value, want["score"])
        assert r[labels["单位"]].value == (want["unit"] or None)


def test_headers_are_merged_in_two_rows(tables):
    wb, _ = tables
    merged = {str(r) for r in wb["新增小微"].merged_cells.ranges}
    assert wb["新增小微"]["B3"].value == "完成情况" and "B3:F3" in merged
    assert wb["新增小微"]["G3"].value == "考核" and "G3:I3" in merged
    assert "A3:A4" in merged and "A1:J1" in merged  # 地区 spans both header rows; the title the table
    overview = {str(r) for r in wb["总览"].merged_cells.ranges}
    assert wb["总览"]["F3"].value == "得分构成" and "F3:H3" in overview and "A3:A4" in overview
    audit = {str(r) for r in wb["审核"].merged_cells.ranges}
    assert wb["审核"]["K3"].value == "处理情况" and "K3:N3" in audit


def test_every_sheet_freezes_below_the_headers_and_prints_a4_landscape_fitted_to_width(tables):
    wb, _ = tables
    for ws in wb.worksheets:
        top, bottom = header_rows(ws)
        assert ws.freeze_panes is not None and int(re.sub(r"\D", "", ws.freeze_panes)) == bottom + 1, ws.title
        assert ws.freeze_panes[0] != "A", ws.title  # the name column stays in view
        setup = ws.page_setup
        assert setup.orientation == "landscape" and int(setup.paperSize) == 9
        assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_options.horizontalCentered
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text


def test_fonts_are_named_and_the_title_names_the_period(tables):
    wb, _ = tables
    ws = wb["总览"]
    assert ws["A1"].value == "嘉兴市小微企业三年成长计划考核情况表（2019年1-9月）"
    assert ws["A1"].font.name == "黑体" and ws["A1"].font.b and ws["A1"].font.sz == 16
    assert ws["B5"].font.name == "宋体" and ws["A3"].font.name == "黑体"
    assert ws["A2"].value.startswith("制表日期") and ws["I2"].value.startswith("单位：")


def test_number_formats_follow_the_unit(tables):
    wb, _ = tables
    labels, body = read_table(wb["新增小微"])
    county = body[1]
    assert county[labels["实际"]].number_format == "#,##0"
    assert county[labels["完成率"]].number_format == "0.0%" and county[labels["序时进度"]].number_format == "0.0%"
    assert county[labels["得分"]].number_format == "0.00"
    labels, body = read_table(wb["新增小微贷款"])
    assert body[1][labels["实际"]].number_format == "#,##0.00"  # 亿元


def test_status_cells_carry_the_palette_fill(tables):
    wb, _ = tables
    labels, body = read_table(wb["新增小微"])
    for r in body:
        cell = r[labels["状态"]]
        status = cell.value.split(" ", 1)[1]
        assert cell.fill.fgColor.rgb[-6:].lower() == status_look(status).fill[1:]


def test_sources_list_the_cell_of_every_shown_figure_up_to_the_period(tables, demo_context):
    wb, _ = tables
    labels, body = read_table(wb["数据来源"])
    figures = demo_context.figures
    ends = figures["period"].str.slice(0, 4).astype(int) * 100 + figures["period"].str.slice(-2).astype(int)
    shown = {"330400", *demo_context.county_codes}  # zones only count in the city's total
    expected = figures[(ends <= 201909) & figures["region"].isin(shown)]
    assert len(body) == len(expected) > 1000
    assert {r[2].value for r in body} == shown  # 地区代码
    written = {(r[0].value, r[2].value, r[labels["文件"]].value, r[labels["工作表"]].value, r[labels["单元格"]].value,
                None if r[labels["数值"]].value == DASH else r[labels["数值"]].value, r[labels["原始内容"]].value)
               for r in body}
    values = [None if pd.isna(v) else v for v in expected["value"]]
    assert written == set(zip(expected["indicator"], expected["region"], expected["file"], expected["sheet"],
                              expected["cell"], values, expected["raw_text"].astype(str)))
    names = {i.code: i.name for i in demo_context.plan.indicators}
    assert all(r[1].value == names[r[0].value] for r in body)  # 指标名称 beside its code


def test_the_checks_sheet_lists_the_findings_up_to_the_period_errors_first(tables, demo_context):
    wb, _ = tables
    labels, body = read_table(wb["审核"])
    shown = {"330400", *demo_context.county_codes}
    expected = [f for f in demo_context.findings
                if (f.region_code is None or f.region_code in shown)
                and (f.period is None or (int(f.period[:4]), int(f.period[-2:])) <= (2019, 9))]
    assert len(expected) < len(demo_context.findings)  # the demo has findings on later quarters
    assert sorted(r[labels["问题说明"]].value for r in body) == sorted(f.message for f in expected)
    severities = [r[labels["类别"]].value for r in body]
    assert set(severities) == {"错误", "提示"} and severities == sorted(severities, key=lambda s: s != "错误")
    first = next(f for f in expected if f.message == body[0][labels["问题说明"]].value)
    assert body[0][labels["文件"]].value == first.file and body[0][labels["单元格"]].value == first.cell


def test_the_notes_sheet_names_the_scheme_its_settings_and_the_project_state(tables, demo_context):
    wb, _ = tables
    _, body = read_table(wb["说明"])
    items = {r[0].value: r[1].value for r in body}
    assessment = demo_context.assessment
    assert items["评分方案"] == assessment.scheme.name
    assert f"{assessment.settings.ahead_pp:g} 个百分点" in items["超进度"]
    assert items["项目内容摘要（SHA-256）"] == demo_context.state["digest"]
    assert items["项目文件"] == demo_context.state["project"]
    assert items["生成时间"].startswith(demo_context.generated_at[:10])


def test_a_selection_limits_every_sheet(tables, demo_context, tmp_path):
    chosen = replace(demo_context, options=ReportOptions("2019-09", counties=("330402", "330481"),
                                                         indicators=("new_sme", "new_sme_loans")))
    wb = openpyxl.load_workbook(write_tables(chosen, tmp_path / "选定.xlsx"))
    assert wb.sheetnames == ["总览", "新增小微", "新增小微贷款", "海宁市", "南湖区", "成长指数", "审核", "数据来源", "说明"]
    labels, body = read_table(wb["数据来源"])
    assert {r[0].value for r in body} == {"new_sme", "new_sme_loans"}  # 指标代码
    assert {r[2].value for r in body} == {"330400", "330402", "330481"}
    labels, body = read_table(wb["总览"])
    assert [r[labels["排名"]].value for r in body] == [DASH, 1, 5]  # ranks stay those among all counties


def test_explanations_and_notes_reach_the_tables_as_text(demo_project, tmp_path):
    plan, regions = load_plan(demo_project.plan_id), load_regions()
    found = check_project(demo_project, plan, regions)
    finding = next(f for f in found if f.period and f.period <= "2019-01..09" and f.indicator_code == "new_sme")
    explain(demo_project, finding.id, FORMULA_NOTE, "@张三")
    demo_project.set_setting("qualitative_notes", [
        {"indicator": "two_up_two_control", "region": "330402", "done": True, "note": "=1+1", "at": "2019-09"},
        {"indicator": "two_up_two_control", "region": "330411", "done": False, "note": "-尚未落实", "at": "2019-09"}])
    context = report_context(demo_project, plan, regions, ReportOptions("2019-09"))
    path = write_tables(context, tmp_path / "表格.xlsx")
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any("<f>" in z.read(n).decode("utf-8") for n in sheets)
    wb = openpyxl.load_workbook(path)
    labels, body = read_table(wb["审核"])
    explained = [r for r in body if r[labels["说明"]].value == FORMULA_NOTE]
    assert len(explained) == 1
    row = explained[0]
    assert row[labels["说明"]].data_type == "s" and row[labels["说明人"]].value == "@张三"
    assert row[labels["状态"]].value in ("已说明", "已确认") and row[labels["说明时间"]].value
    assert row[labels["指标"]].value == "新增小微企业"
    labels, body = read_table(wb["两增两控"])
    notes = {r[labels["地区"]].value: r[labels["备注"]] for r in body}
    assert notes["南湖区"].value == "=1+1" and notes["南湖区"].data_type == "s"
    assert notes["秀洲区"].value == "-尚未落实" and notes["秀洲区"].data_type == "s"
    labels, body = read_table(wb["南湖区"])
    assert any(r[labels["备注"]].value == "=1+1" for r in body)


def test_an_unwritable_path_is_a_clear_error_and_leaves_nothing(demo_context, tmp_path):
    target = tmp_path / "没有这个文件夹" / "表格.xlsx"
    with pytest.raises(WorkbookSaveError, match="无法写入表格文件"):
        write_tables(demo_context, target)
    assert not target.parent.exists()


def test_the_line_under_the_title_is_tall_enough_for_its_wrapped_text(tables):
    """A long list of lead departments wraps; its row must grow, or it runs into the headers."""
    from openpyxl.utils import get_column_letter

    from workbench.models.exports.xlsx_cells import display_width

    wb = tables[0] if isinstance(tables, tuple) else tables
    checked = 0
    for ws in wb.worksheets:
        left = ws.cell(row=2, column=1).value
        if not isinstance(left, str) or ws.max_column < 2:
            continue
        merged = next((r for r in ws.merged_cells.ranges if r.min_row == 2 and r.min_col == 1), None)
        last = merged.max_col if merged else 1
        room = sum(ws.column_dimensions[get_column_letter(j)].width for j in range(1, last + 1))
        lines = sum(max(1, -(-display_width(part) // int(room))) for part in left.split("\n"))
        height = ws.row_dimensions[2].height or 15
        assert height >= 13 * lines, (ws.title, left, height)
        checked += lines > 1
    assert checked  # some sheet's line does wrap (several lead departments)
