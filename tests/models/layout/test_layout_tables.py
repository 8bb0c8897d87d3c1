"""Table detection and extraction on small synthetic sheets, one layout feature at a time."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from workbench.models.extract import extract_workbook
from workbench.models.layout import detect_tables
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import load_plan
from workbench.models.reading.workbook import CellError, MergedRange, Sheet, Workbook
from workbench.models.regions import RegionResolver, load_regions

PLAN = load_plan()
RESOLVER = RegionResolver(load_regions())
MATCHER = IndicatorMatcher(PLAN)
COUNTIES = ["南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"]
CODES = ["330402", "330411", "330421", "330424", "330481", "330482", "330483"]


def _cell(a1: str) -> tuple[int, int]:
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", a1).groups()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


def sheet(name, rows, merged=(), at=(0, 0)):
    """A Sheet with ``rows`` placed with their top-left at ``at``; merges as "A1:C1"."""
    r0, c0 = at
    grid = [[] for _ in range(r0)] + [[None] * c0 + list(row) for row in rows]
    ranges = []
    for text in merged:
        a, b = text.split(":")
        (fr, fc), (lr, lc) = _cell(a), _cell(b)
        ranges.append(MergedRange(fr, fc, lr, lc))
    return Sheet(name, grid, ranges)


def extract(*sheets, name="测试报表.xlsx"):
    return extract_workbook(Workbook(Path(name), "xlsx", list(sheets)), PLAN, RESOLVER, MATCHER)


def figures(extraction, **where):
    frame = extraction.figures
    for key, value in where.items():
        frame = frame[frame[key] == value]
    return {(r.indicator_code, r.region_code, int(r.year), int(r.from_month), int(r.to_month), r.basis): r.value
            for r in frame.dropna(subset=["year"]).itertuples()}


def county_rows(values):
    return [[name, *vals] for name, vals in zip(COUNTIES, values)]


# ---------------------------------------------------------------- a full Chinese report
def full_report():
    rows = [
        ["2019年1-9月各县（市、区）小微企业发展情况表", None, None, None, None, None, None],
        [None, None, None, None, None, "表    号：嘉统小微1表", None],
        [None, None, None, None, None, "制定机关：嘉兴市统计局", None],
        [None, None, None, None, None, "有效期至：2020年12月", None],
        ["填报单位：嘉兴市市场监督管理局", None, None, None, None, "单位：家、户、%", None],
        ["地  区", "新增小微企业", None, None, None, "个体工商户转型升级为企业", None],
        [None, "合计", None, "其中：八大万亿产业", None, "本年累计", "其中：转公司制"],
        [None, "本年累计", "同比增长(%)", "本年累计", "同比增长(%)", None, "占比(%)"],
        ["甲", 1, 2, 3, 4, 5, 6],
        ["全  市", 700, 10.5, 210, 12.0, 70, 93.0],
    ]
    for k, name in enumerate(COUNTIES):
        rows.append([" ".join(name), 100 + k, 10 + k / 10, 30 + k, 12.0, 10, 90 + k])
    rows += [
        [None] * 7,
        ["经开区", 20, 5.0, 6, 3.0, 2, 100.0],
        ["注：1.“其中”项包含在合计中；2.经开区已含在全市中。", None, None, None, None, None, None],
        ["填报人：张某    审核人：李某    填报日期：2019年10月12日", None, None, None, None, None, None],
    ]
    merged = ["A1:G1", "F2:G2", "F3:G3", "F4:G4", "F5:G5", "A6:A8", "B6:E6", "F6:G6", "B7:C7", "D7:E7",
              "F7:F8", "A21:G21", "A22:G22"]
    return sheet("情况", rows, merged)


def test_full_report_layout():
    (table,) = detect_tables(full_report(), RESOLVER, MATCHER)
    assert table.orientation == "rows"
    assert table.title == "2019年1-9月各县（市、区）小微企业发展情况表"
    assert (table.period.year, table.period.first_month, table.period.last_month) == (2019, 1, 9)
    assert table.period_source == "title"
    assert table.units == ["家", "户", "%"]
    assert table.filer.startswith("嘉兴市市场监督管理局")
    assert table.header_rows == [5, 6, 7]
    assert table.code_row == 8
    assert table.col_paths[1] == ("新增小微企业", "合计", "本年累计")
    assert table.col_paths[4] == ("新增小微企业", "其中：八大万亿产业", "同比增长(%)")
    assert table.col_paths[5] == ("个体工商户转型升级为企业", "本年累计")
    assert table.col_subitems[3] == ("新增小微企业", "合计", "本年累计")
    assert table.col_subitems[6] == ("个体工商户转型升级为企业", "本年累计")
    labels = [(e.label, e.code, e.is_total) for e in table.regions]
    assert labels[0] == ("全  市", "330400", True)
    assert [code for _, code, _ in labels[1:8]] == CODES
    assert labels[-1][1] == "jx_etdz"
    assert table.unknown_regions == []
    assert len(table.footnotes) == 2 and table.footnotes[0].startswith("注：")
    assert "表    号：嘉统小微1表" not in str(table.col_paths)


def test_full_report_figures():
    got = figures(extract(full_report()))
    assert got[("new_sme", "330400", 2019, 1, 9, "ytd")] == 700
    assert got[("new_sme", "330402", 2019, 1, 9, "ytd")] == 100
    assert got[("new_sme_growth", "330411", 2019, 1, 9, "rate")] == pytest.approx(10.1)
    assert got[("new_sme_8ind", "330483", 2019, 1, 9, "ytd")] == 36
    assert got[("new_sme_8ind_growth", "330402", 2019, 1, 9, "rate")] == 12.0
    assert got[("indiv_to_enterprise", "jx_etdz", 2019, 1, 9, "ytd")] == 2
    assert got[("indiv_to_company_share", "330421", 2019, 1, 9, "rate")] == 92
    # nothing from the form block, the code row or the footnotes
    assert all(v not in (1, 2, 3, 4, 5, 6) or k[0] != "new_sme" for k, v in got.items())
    assert len([k for k in got if k[0] == "new_sme"]) == 9


def test_figure_provenance():
    frame = extract(full_report()).figures
    row = frame[(frame.indicator_code == "new_sme") & (frame.region_code == "330402")].iloc[0]
    assert row.cell == "B11" and row.sheet == "情况" and row.raw == "100"
    assert row.header_path == "新增小微企业 / 合计 / 本年累计"
    assert row.region_name == "南湖区" and row.unit == "家" and row.confidence >= 0.8


# ---------------------------------------------------------------- totals, transposed, long form
def test_total_last_and_two_row_header_with_units_in_brackets():
    rows = [["地区", "检验检测资源开放", None], [None, "开放科研设施与仪器（台次）", "开放实验室服务（批次）"]]
    rows += county_rows([[10 * k + 1, 20 * k + 1] for k in range(7)])
    rows.append(["合计", 217, 427])
    s = sheet("开放", [["2020年1-6月检验检测资源开放共享情况"]] + rows, ["A2:A3", "B2:C2"])
    (table,) = detect_tables(s, RESOLVER, MATCHER)
    assert table.regions[-1].is_total and table.regions[-1].label == "合计"
    assert table.col_units == {1: "台次", 2: "批次"}
    got = figures(extract(s))
    assert got[("open_instruments", "330400", 2020, 1, 6, "ytd")] == 217
    assert got[("open_lab_services", "330483", 2020, 1, 6, "ytd")] == 121


def test_transposed_table_with_unit_column_and_subitem_row():
    rows = [
        ["2019年前三季度各县（市、区）小微企业主要指标"],
        ["指标名称", "计量单位", "全市", *COUNTIES],
        ["新增小微企业", "家", 700, *range(100, 107)],
        ["其中：八大万亿产业", "家", 210, *range(30, 37)],
        ["新增科技型小微企业", "家", 70, *range(10, 17)],
        ["说明：均为本年累计数。"],
    ]
    (table,) = detect_tables(sheet("主要指标", rows), RESOLVER, MATCHER)
    assert table.orientation == "columns"
    assert table.region_row == 1 and table.unit_col == 1
    assert table.row_paths[3] == ("其中：八大万亿产业",)
    assert table.row_subitems == {3: ("新增小微企业",)}
    assert [e.code for e in table.regions] == ["330400", *CODES]
    got = figures(extract(sheet("主要指标", rows)))
    assert got[("new_sme", "330481", 2019, 1, 9, "ytd")] == 104
    assert got[("new_tech_sme", "330400", 2019, 1, 9, "ytd")] == 70
    assert got[("new_sme_8ind", "330411", 2019, 1, 9, "ytd")] == 31


def test_long_form_with_periods_and_units():
    rows = [["地区", "指标", "期别", "数值", "单位"]]
    for period, base in (("2019年一季度", 1), ("2019年二季度", 11)):
        for k, name in enumerate(["全市", *COUNTIES]):
            rows.append([name, "服务业规下升规上企业（当季新增）", period, base + k, "家"])
    s = sheet("数据", [["服务业小升规情况"], *rows])
    (table,) = detect_tables(s, RESOLVER, MATCHER)
    assert table.orientation == "long"
    assert table.long.indicator == 1 and table.long.period == 2 and table.long.unit == 4
    assert table.long.values == (3,)
    got = figures(extract(s))
    assert got[("upscale_service", "330402", 2019, 1, 3, "period")] == 2
    assert got[("upscale_service", "330402", 2019, 4, 6, "period")] == 12
    assert got[("upscale_service", "330400", 2019, 4, 6, "period")] == 11


def test_unit_line_in_wan_yuan_converted_to_yi_yuan():
    rows = [
        ["2019年9月末各县（市、区）小微企业贷款情况", None, None],
        [None, None, "单位：万元、%"],
        ["地区", "小微企业贷款比年初增加", "小微企业贷款增量占比(%)"],
        ["全市", "912,719.3", 28.5],
        *county_rows([[100000 + k, 25 + k] for k in range(7)]),
    ]
    extraction = extract(sheet("贷款", rows))
    got = figures(extraction)
    assert got[("new_sme_loans", "330400", 2019, 1, 9, "ytd")] == pytest.approx(91.27193)
    assert got[("new_sme_loans", "330402", 2019, 1, 9, "ytd")] == pytest.approx(10.0)
    assert got[("sme_loan_increment_share", "330411", 2019, 1, 9, "rate")] == 26
    row = extraction.figures.query("indicator_code == 'new_sme_loans'").iloc[0]
    assert row.unit == "亿元" and row.source_unit == "万元" and "万元→亿元" in row.conversions


def test_missing_markers_stay_missing():
    rows = [["2019年1-9月税收优惠受惠情况"], ["地区", "受惠面(%)"], ["全市", 99.0]]
    rows += [[name, v] for name, v in zip(COUNTIES, ["—", None, "-", CellError("#DIV/0!"), "99.4", "…", "空"])]
    frame = extract(sheet("受惠", rows)).figures
    frame = frame[frame.indicator_code == "tax_relief_coverage"].set_index("region_code")
    assert frame.loc["330481", "value"] == 99.4
    for code in ("330402", "330411", "330421", "330424", "330482", "330483"):
        assert math.isnan(frame.loc[code, "value"])
    assert frame.loc["330402", "raw"] == "—"
    assert (frame["value"] != 0).all()


def test_unknown_region_is_reported_not_guessed():
    rows = [["2019年1-9月新增小微企业情况"], ["地区", "新增小微企业（家）"], ["全市", 700]]
    rows += county_rows([[100 + k] for k in range(7)])
    rows.insert(5, ["南湖新区", 5])
    rows.append(["市本级", 3])
    s = sheet("新增", rows)
    (table,) = detect_tables(s, RESOLVER, MATCHER)
    assert [e.label for e in table.unknown_regions] == ["南湖新区", "市本级"]
    frame = extract(s).figures
    assert set(frame.region_code) == {"330400", *CODES}
    assert len(frame) == 8


def test_two_tables_on_one_sheet():
    first = [["2019年1-9月新增小微企业情况"], ["地区", "新增小微企业（家）"], *county_rows([[100 + k] for k in range(7)])]
    second = [["2019年1-9月个体工商户转型升级情况"], ["单位：户"], ["地区", "个转企"], *county_rows([[10 + k] for k in range(7)])]
    s = sheet("两表", first + [[None], [None]] + second)
    tables = detect_tables(s, RESOLVER, MATCHER)
    assert [t.title for t in tables] == ["2019年1-9月新增小微企业情况", "2019年1-9月个体工商户转型升级情况"]
    assert [t.range for t in tables] == ["A1:B9", "A12:B21"]
    got = figures(extract(s))
    assert got[("new_sme", "330483", 2019, 1, 9, "ytd")] == 106
    assert got[("indiv_to_enterprise", "330402", 2019, 1, 9, "ytd")] == 10


def test_two_tables_side_by_side():
    left = [["地区", "新增小微企业（家）"], *county_rows([[100 + k] for k in range(7)])]
    right = [["地区", "个转企（户）"], *county_rows([[10 + k] for k in range(7)])]
    rows = [["2019年1-9月小微企业情况"]] + [a + [None] + b for a, b in zip(left, right)]
    tables = detect_tables(sheet("并排", rows), RESOLVER, MATCHER)
    assert [t.range for t in tables] == ["A1:B9", "D2:E9"]  # the title sits over the left one
    assert [t.period.last_month for t in tables] == [9, 9]
    got = figures(extract(sheet("并排", rows)))
    assert got[("new_sme", "330421", 2019, 1, 9, "ytd")] == 102
    assert got[("indiv_to_enterprise", "330421", 2019, 1, 9, "ytd")] == 12


def test_one_sheet_per_county():
    def county_sheet(name, k):
        return sheet(name, [
            [f"{name}小微企业股改及挂牌情况"], ["数据期：201909", None, None, "单位：家"],
            ["序号", "项目", "本年新增", "备注"],
            ["1", "新增股份公司", str(5 + k), None],
            ["2", "新三板挂牌小微企业", str(k), None],
        ])
    extraction = extract(county_sheet("全市", 50), *(county_sheet(n, k) for k, n in enumerate(COUNTIES)))
    assert {t.orientation for t in extraction.tables} == {"sheet"}
    assert extraction.tables[1].sheet_region == "330402" and extraction.tables[1].region_source == "sheet"
    got = figures(extraction)
    assert got[("new_joint_stock", "330400", 2019, 1, 9, "ytd")] == 55
    assert got[("new_joint_stock", "330482", 2019, 1, 9, "ytd")] == 10
    assert got[("neeq_listed", "330483", 2019, 1, 9, "ytd")] == 6


def test_one_sheet_per_month():
    def month_sheet(month):
        return sheet(f"{month}月", [
            ["各县（市、区）商务领域小微企业培育情况"], [f"统计期：2019.{month}", None, "单位：家"],
            ["指标", "全市", *COUNTIES],
            ["新增有外贸出口实绩小微企业（本年累计）", 70 + month, *range(month, month + 7)],
        ])
    got = figures(extract(*(month_sheet(m) for m in (7, 8, 9))))
    assert got[("new_exporters", "330402", 2019, 1, 7, "ytd")] == 7
    assert got[("new_exporters", "330402", 2019, 1, 9, "ytd")] == 9
    assert got[("new_exporters", "330400", 2019, 1, 8, "ytd")] == 78


def test_title_less_table_away_from_a1():
    rows = [["县（市、区）", "新增小微企业（家）", "个转企（户）"], *county_rows([[100 + k, 10 + k] for k in range(7)])]
    s = sheet("2019年1-9月", rows, at=(3, 2))
    (table,) = detect_tables(s, RESOLVER, MATCHER)
    assert table.range == "C4:E11" and table.title == ""
    assert table.period_source == "sheet"
    got = figures(extract(s))
    assert got[("new_sme", "330424", 2019, 1, 9, "ytd")] == 103


def test_last_year_and_growth_columns_are_no_current_figures():
    rows = [["2019年1-9月新增小微企业情况"], ["地区", "本年累计", "上年同期", "增减（%）"]]
    rows += county_rows([[110 + k, 100, 10 + k] for k in range(7)])
    rows.insert(1, ["单位：家"])
    frame = extract(sheet("新增", rows)).figures
    current = frame[(frame.indicator_code == "new_sme") & (frame.basis == "ytd")]
    assert list(current.value) == [110 + k for k in range(7)]
    last = frame[frame.basis == "last_year"]
    assert set(last.year) == {2018} and set(last.value) == {100}


def test_enterprise_list_yields_no_figures():
    rows = [["序号", "企业名称", "所属县（市、区）", "行业", "营业收入（万元）", "从业人员（人）"]]
    rows += [[i + 1, f"嘉兴某某有限公司{i}", COUNTIES[i % 7], "制造业", 100.0 + i, 10 + i] for i in range(300)]
    extraction = extract(sheet("企业名录", rows))
    assert extraction.tables[0].orientation == "list"
    assert extraction.figures.empty
    assert [u["header_path"] for u in extraction.unmapped] == ["营业收入（万元）", "从业人员（人）"]


# ---------------------------------------------------------------- more of DOMAIN.md §5
def test_section_rows_inside_the_region_column():
    rows = [["2019年1-9月各县（市、区）新增小微企业情况"], ["地区", "新增小微企业（家）", None, "单位：家"], ["一、县（市、区）"],
            ["全市", 700], *county_rows([[100 + k] for k in range(7)]), ["二、功能区"], ["经开区", 20], ["港区", 10]]
    s = sheet("分组", rows, ["A3:D3", "A13:D13"])
    (table,) = detect_tables(s, RESOLVER, MATCHER)
    assert table.header_rows == [1] and table.units == ["家"]
    assert [e.code for e in table.regions][-2:] == ["jx_etdz", "jx_port"]
    got = figures(extract(s))
    assert got[("new_sme", "jx_port", 2019, 1, 9, "ytd")] == 10
    assert got[("new_sme", "330400", 2019, 1, 9, "ytd")] == 700


def test_period_columns_without_a_period_in_the_title():
    rows = [["各县（市、区）新增小微企业情况"], [None, None, None, "单位：家、%"], ["地区", "新增小微企业", None, None],
            [None, "2019年1-9月", "2018年1-9月", "增长（%）"], *county_rows([[110 + k, 100, 10.0] for k in range(7)])]
    s = sheet("分期", rows, ["A3:A4", "B3:D3"])
    (table,) = detect_tables(s, RESOLVER, MATCHER)
    assert table.period_source == "header" and table.period.last_month == 9
    frame = extract(s).figures
    assert set(frame[frame.basis == "ytd"].value) == {110 + k for k in range(7)}
    assert set(frame[frame.basis == "last_year"].year) == {2018}
    assert set(frame[frame.indicator_code == "new_sme_growth"].basis) == {"rate"}


def test_csv_header_that_lost_its_merges():
    rows = [["2019年1-9月各县（市、区）小微企业发展情况表"], ["单位：家、户"],
            ["地区", "新增小微企业", None, "个体工商户转型升级为企业", None],
            [None, "合计", "其中：八大万亿产业", "合计", "其中：转公司制"],
            [None, "本年累计", "本年累计", "本年累计", "本年累计"], *county_rows([[100 + k, 30 + k, 10 + k, 9] for k in range(7)])]
    (table,) = detect_tables(sheet("csv", rows), RESOLVER, MATCHER)
    assert table.col_paths[2] == ("新增小微企业", "其中：八大万亿产业", "本年累计")
    assert table.col_paths[3] == ("个体工商户转型升级为企业", "合计", "本年累计")
    got = figures(extract(sheet("csv", rows)))
    assert got[("new_sme_8ind", "330421", 2019, 1, 9, "ytd")] == 32
    assert got[("indiv_to_enterprise", "330421", 2019, 1, 9, "ytd")] == 12


def test_transposed_with_current_and_growth_under_each_county():
    rows = [["2019年1-9月新增小微企业"], [None, "地区", None, None, None, None, None],
            ["指标", "全市", None, "南湖区", None, "秀洲区", None],
            [None, "本期", "同比%", "本期", "同比%", "本期", "同比%"],
            ["新增小微企业（家）", 700, 5.0, 100, 4.0, 90, 3.0]]
    s = sheet("转置", rows, ["B2:G2", "B3:C3", "D3:E3", "F3:G3", "A3:A4"])
    (table,) = detect_tables(s, RESOLVER, MATCHER)
    assert table.orientation == "columns"
    assert table.col_paths == {1: ("本期",), 2: ("同比%",), 3: ("本期",), 4: ("同比%",), 5: ("本期",), 6: ("同比%",)}
    got = figures(extract(s))
    assert got == {("new_sme", "330400", 2019, 1, 9, "ytd"): 700, ("new_sme_growth", "330400", 2019, 1, 9, "rate"): 5,
                   ("new_sme", "330402", 2019, 1, 9, "ytd"): 100, ("new_sme_growth", "330402", 2019, 1, 9, "rate"): 4,
                   ("new_sme", "330411", 2019, 1, 9, "ytd"): 90, ("new_sme_growth", "330411", 2019, 1, 9, "rate"): 3}


def test_county_sheet_of_towns_takes_the_total_row():
    s = sheet("南湖区", [["南湖区各镇（街道）新增小微企业情况（2019年1-9月）"], ["镇（街道）", "新增小微企业（家）"],
                         ["新丰镇", 10], ["大桥镇", 20], ["凤桥镇", 30], ["合计", 60]])
    extraction = extract(s)
    assert figures(extraction) == {("new_sme", "330402", 2019, 1, 9, "ytd"): 60}
    assert len(extraction.unmapped) == 3


def test_county_sheet_with_one_row_of_figures_and_months_across():
    single = sheet("海宁市", [["2019年1-9月小微企业情况"], ["新增小微企业（家）", "个转企（户）"], [1234, 56]])
    months = sheet("桐乡", [["桐乡市新增小微企业分月情况（2019年）"], ["指标", "8月", "9月", "1-9月累计"],
                            ["新增小微企业（家）", 11, 12, 100]])
    got = figures(extract(single, months))
    assert got[("new_sme", "330481", 2019, 1, 9, "ytd")] == 1234
    assert got[("indiv_to_enterprise", "330481", 2019, 1, 9, "ytd")] == 56
    assert got[("new_sme", "330483", 2019, 9, 9, "period")] == 12
    assert got[("new_sme", "330483", 2019, 1, 9, "ytd")] == 100


def test_rates_stored_as_fractions_are_scaled_and_trusted_less():
    rows = [["2019年1-9月税收优惠受惠情况"], ["地区", "受惠面"], *county_rows([[0.98 + k / 1000] for k in range(7)])]
    frame = extract(sheet("受惠", rows)).figures
    assert frame.value.round(6).tolist() == [98.0 + k / 10 for k in range(7)]
    assert (frame.confidence <= 0.75).all() and frame.conversions.str.contains("小数").all()


def test_region_list_repeated_under_section_labels():
    rows = [["2019年1-9月各县（市、区）新增小微企业情况"], ["地区", "新增小微企业（家）", "个转企（户）"], ["一、本年累计"],
            *county_rows([[100 + k, 10 + k] for k in range(7)]),
            ["二、上年同期"], *county_rows([[90 + k, 9 + k] for k in range(7)])]
    s = sheet("分段", rows, ["A3:C3", "A11:C11"])
    tables = detect_tables(s, RESOLVER, MATCHER)
    assert [t.range for t in tables] == ["A1:C10", "A11:C18"]
    frame = extract(s).figures
    current = frame[frame.basis == "ytd"]
    assert set(current.value) == {100 + k for k in range(7)} | {10 + k for k in range(7)}
    assert set(frame[frame.basis == "last_year"].year) == {2018}


def test_form_block_beside_the_header_is_no_header():
    rows = [["2019年1-9月各县（市、区）新增小微企业情况表", None, None, None, None],
            ["地区", "新增小微企业（家）", "个转企（户）", None, "表号：嘉统1表"],
            [None, None, None, None, "有效期至：2020年12月"], *county_rows([[100 + k, 10 + k] for k in range(7)])]
    (table,) = detect_tables(sheet("表号", rows), RESOLVER, MATCHER)
    assert table.header_rows == [1] and table.range == "A1:C10"
    assert table.col_paths == {1: ("新增小微企业（家）",), 2: ("个转企（户）",)}


def test_a_growth_header_alone_belongs_to_the_item_before_it():
    rows = [["2019年1-9月各县（市、区）小微企业情况"], ["指标", "全市", *COUNTIES],
            ["新增小微企业（家）", 700, *range(100, 107)], ["同比增长（%）", 5.5, *[1.0 * k for k in range(7)]]]
    (table,) = detect_tables(sheet("增长", rows), RESOLVER, MATCHER)
    assert table.row_paths[3] == ("新增小微企业（家）", "同比增长（%）")
    got = figures(extract(sheet("增长", rows)))
    assert got[("new_sme_growth", "330411", 2019, 1, 9, "rate")] == 1.0
    assert got[("new_sme", "330411", 2019, 1, 9, "ytd")] == 101
