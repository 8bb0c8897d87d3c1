"""Extract every demo workbook and compare with ``resources/demo/truth.csv``.

Also builds a few workbooks in layouts the demo generator never writes (title-less
table away from A1, traditional characters with a 浙江省 prefix, indicators down a
"指标名称" column with counties across and 本月/累计 under each county, one sheet per
month, a GBK CSV in long form) and checks their figures against the same truth: the
held-back test set in miniature.
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import pandas as pd
import pytest

from workbench.models.extract import extract_file
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import load_plan
from workbench.models.regions import RegionResolver, load_regions

DEMO = Path(str(files("workbench.resources") / "demo"))
PLAN = load_plan()
RESOLVER = RegionResolver(load_regions())
MATCHER = IndicatorMatcher(PLAN)
CURRENT = {"ytd", "period", "stock", "rate"}
COUNTIES = ["330402", "330411", "330421", "330424", "330481", "330482", "330483"]
NAMES = {"330400": "全市", "330402": "南湖区", "330411": "秀洲区", "330421": "嘉善县", "330424": "海盐县",
         "330481": "海宁市", "330482": "平湖市", "330483": "桐乡市", "jx_etdz": "经开区", "jx_port": "港区"}

pytestmark = pytest.mark.skipif(not (DEMO / "truth.csv").exists(), reason="示例数据尚未生成")


def _truth() -> dict[tuple, float]:
    with open(DEMO / "truth.csv", encoding="utf-8") as fh:
        return {
            (r["indicator"], r["region"], int(r["year"]), int(r["first_month"]), int(r["last_month"]), r["basis"]):
            float(r["value"])
            for r in csv.DictReader(fh)
        }


TRUTH = _truth() if (DEMO / "truth.csv").exists() else {}


def _key(row) -> tuple:
    return (row.indicator_code, row.region_code, int(row.year), int(row.from_month), int(row.to_month), row.basis)


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


# ---------------------------------------------------------------- the demo set
@pytest.fixture(scope="module")
def demo():
    manifest = json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))
    results = [(entry, extract_file(DEMO / entry["path"], PLAN, RESOLVER, MATCHER)) for entry in manifest["files"]]
    return manifest, results


def _expected(entry) -> set[tuple]:
    """Truth keys a file must yield: its indicators, for every period it covers, every region."""
    year = entry["period"]["year"]
    months = [s["period"]["last_month"] for s in entry.get("sheets") or [] if "period" in s]
    months = months or [entry["period"]["last_month"]]
    indicators = set(entry["indicators"])
    return {k for k in TRUTH if k[0] in indicators and k[2] == year and k[4] in months}


def test_every_demo_file_is_read(demo):
    _, results = demo
    for entry, extraction in results:
        assert extraction.errors == [], entry["path"]
        assert extraction.tables, entry["path"]


def test_demo_figures_match_the_truth(demo):
    manifest, results = demo
    planted = {(p["file"], p.get("sheet"), p.get("cell")) for p in manifest["problems"]
               if p["kind"] != "number_as_text"}
    found: set[tuple] = set()
    expected: dict[str, set[tuple]] = defaultdict(set)
    contradictions, unexpected = [], []
    for entry, extraction in results:
        expected[entry["department"]] |= _expected(entry)
        for row in extraction.figures.itertuples():
            if pd.isna(row.year):
                continue
            key = _key(row)
            truth = TRUTH.get(key)
            if truth is not None and not math.isnan(row.value) and _same(row.value, truth):
                found.add(key)
                continue
            if row.confidence < 0.8 or (entry["path"], row.sheet, row.cell) in planted:
                continue
            if truth is not None:
                contradictions.append((entry["path"], row.sheet, row.cell, key, row.value, truth))
            elif row.basis in CURRENT:
                unexpected.append((entry["path"], row.sheet, row.cell, key, row.value))
    total_found = total = 0
    print("\n部门                 找回/应有   准确率")
    for department, keys in expected.items():
        hit = len(keys & found)
        total_found, total = total_found + hit, total + len(keys)
        print(f"{department:<14} {hit:>5}/{len(keys):<5} {hit / len(keys):7.1%}")
    print(f"{'合计':<14} {total_found:>5}/{total:<5} {total_found / total:7.1%}")
    for item in contradictions[:20]:
        print("与真值不符：", item)
    for item in unexpected[:20]:
        print("真值中没有：", item)
    assert total_found / total >= 0.95
    assert contradictions == []
    assert unexpected == []


def test_planted_problems_are_visible(demo):
    manifest, results = demo
    by_file = {entry["path"]: extraction for entry, extraction in results}
    for problem in manifest["problems"]:
        frame = by_file[problem["file"]].figures
        if problem["kind"] == "missing_value":
            cell = frame[(frame.sheet == problem["sheet"]) & (frame.cell == problem["cell"])]
            assert len(cell) == 1 and math.isnan(cell.iloc[0].value) and cell.iloc[0].raw == problem["value"]
        if problem["kind"] == "unit_slip":
            cell = frame[(frame.sheet == problem["sheet"]) & (frame.cell == problem["cell"])]
            assert len(cell) == 1  # extracted as written: the checks will catch the 10 000-fold slip


# ---------------------------------------------------------------- unseen layouts
def t(indicator, region, year, first, last, basis="ytd"):
    return TRUTH[(indicator, region, year, first, last, basis)]


def _check(extraction, wanted: dict[tuple, float]):
    got = {}
    for row in extraction.figures.itertuples():
        if row.confidence >= 0.5 and not math.isnan(row.value) and not pd.isna(row.year):
            got.setdefault(_key(row), row.value)
    missing = {k: v for k, v in wanted.items() if k not in got}
    wrong = {k: (got[k], v) for k, v in wanted.items() if k in got and not _same(got[k], v)}
    assert not missing, f"没有提取到：{missing}"
    assert not wrong, f"数值不对：{wrong}"
    for row in extraction.figures.dropna(subset=["year"]).itertuples():
        truth = TRUTH.get(_key(row))
        if truth is not None and row.confidence >= 0.8 and not math.isnan(row.value):
            assert _same(row.value, truth), (row.cell, _key(row), row.value, truth)


TRADITIONAL = {"330402": "浙江省嘉興市南湖區", "330411": "浙江省嘉興市秀洲區", "330421": "浙江省嘉善縣",
               "330424": "浙江省海鹽縣", "330481": "浙江省海寧市", "330482": "浙江省平湖市", "330483": "浙江省桐鄉市"}


def test_unseen_titleless_table_at_c4_with_traditional_names(tmp_path):
    """No title; the table starts at C4; two header rows with units in brackets; 總計 last."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["C4"], ws["D4"], ws["F4"] = "縣（市、區）", "市場主體培育", "個轉企"
    ws.merge_cells("D4:E4")
    ws.merge_cells("C4:C5")
    ws.merge_cells("F4:F5")
    ws["D5"], ws["E5"] = "新設小微企業（家）", "其中：八大萬億產業（家）"
    ws["F4"] = "個體工商戶轉企業（户）"
    row = 6
    for code in COUNTIES:
        ws.cell(row, 3, TRADITIONAL[code])
        ws.cell(row, 4, t("new_sme", code, 2020, 1, 6))
        ws.cell(row, 5, t("new_sme_8ind", code, 2020, 1, 6))
        ws.cell(row, 6, t("indiv_to_enterprise", code, 2020, 1, 6))
        row += 1
    ws.cell(row, 3, "總  計")
    ws.cell(row, 4, sum(t("new_sme", c, 2020, 1, 6) for c in COUNTIES))
    path = tmp_path / "小微企业主体情况（2020年1-6月）.xlsx"
    wb.save(path)
    extraction = extract_file(path, PLAN, RESOLVER, MATCHER)
    (table,) = extraction.tables
    assert table.range.startswith("C4") and table.title == ""
    wanted = {}
    for code in COUNTIES:
        for ind in ("new_sme", "new_sme_8ind", "indiv_to_enterprise"):
            wanted[(ind, code, 2020, 1, 6, "ytd")] = t(ind, code, 2020, 1, 6)
    _check(extraction, wanted)


def test_unseen_transposed_with_month_and_ytd_under_each_county(tmp_path):
    """Legacy .xls: 指标名称 and 计量单位 down the left, counties across, 本月/累计 under each."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("主要指标")
    regions = ["330400", *COUNTIES]
    ws.write_merge(0, 0, 0, 1 + 2 * len(regions), "2019年9月全市小微企业主要指标完成情况（按县区）")
    ws.write_merge(1, 1, 0, 1 + 2 * len(regions), "制表单位：嘉兴市小微办        单位：家、户")
    ws.write_merge(2, 3, 0, 0, "指标名称")
    ws.write_merge(2, 3, 1, 1, "计量单位")
    for k, code in enumerate(regions):
        name = "全市" if code == "330400" else NAMES[code]
        ws.write_merge(2, 2, 2 + 2 * k, 3 + 2 * k, name)
        ws.write(3, 2 + 2 * k, "本月")
        ws.write(3, 3 + 2 * k, "1-9月累计")
    rows = [("新增小微企业", "家", "new_sme"), ("个体工商户转型升级为企业", "户", "indiv_to_enterprise"),
            ("新增科技型小微企业", "家", "new_tech_sme")]
    for i, (label, unit, ind) in enumerate(rows):
        ws.write(4 + i, 0, label)
        ws.write(4 + i, 1, unit)
        for k, code in enumerate(regions):
            ws.write(4 + i, 2 + 2 * k, 7 + k)  # this month alone: no truth to compare
            ws.write(4 + i, 3 + 2 * k, t(ind, code, 2019, 1, 9))
    ws.write(8, 0, "注：累计数自1月起算。")
    path = tmp_path / "主要指标.xls"
    wb.save(str(path))
    extraction = extract_file(path, PLAN, RESOLVER, MATCHER)
    (table,) = extraction.tables
    assert table.orientation == "columns"
    wanted = {(ind, code, 2019, 1, 9, "ytd"): t(ind, code, 2019, 1, 9) for _, _, ind in rows for code in regions}
    _check(extraction, wanted)
    month = extraction.figures[extraction.figures.basis == "period"]
    assert set(zip(month.from_month, month.to_month)) == {(9, 9)}
    assert len(month) == 3 * len(regions)


def test_unseen_sheet_per_month_numbers_with_units(tmp_path):
    """One sheet per month named 2019年7月…; numbers as text with 家; total 全市合计 last."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for month in (7, 8, 9):
        ws = wb.create_sheet(f"2019年{month}月")
        ws.append(["新增小微企业情况月报"])
        ws.append(["地区", "本月新增", "本年累计新增"])
        for code in COUNTIES:
            ytd = t("new_sme", code, 2019, 1, 9) - (9 - month) * 10
            ws.append([f"{NAMES[code]}", f"{50 + month}家", f"{int(ytd)}家"])
        total = t("new_sme", "330400", 2019, 1, 9) - (9 - month) * 100  # the city includes the zones
        ws.append(["全市合计", None, f"{int(total)}家"])
        ws.append(["填报日期：2019年10月8日"])
    path = tmp_path / "新增小微企业月报.xlsx"
    wb.save(path)
    extraction = extract_file(path, PLAN, RESOLVER, MATCHER)
    assert len(extraction.tables) == 3
    wanted = {("new_sme", code, 2019, 1, 9, "ytd"): t("new_sme", code, 2019, 1, 9) for code in [*COUNTIES, "330400"]}
    _check(extraction, wanted)
    july = extraction.figures[(extraction.figures.to_month == 7) & (extraction.figures.basis == "ytd")]
    assert len(july) == 8
    month = extraction.figures[extraction.figures.basis == "period"]
    assert set(month.value.dropna()) == {57, 58, 59}
    assert month.value.isna().sum() == 3  # 全市合计 left 本月 blank: missing, not zero


def test_unseen_gbk_csv_long_form_in_wan_yuan(tmp_path):
    """GBK CSV, long form (序号, 县区, 指标名称, 计量单位, 本年累计), loans in 万元, rates in %."""
    lines = ["2019年1-9月各县（市、区）小微企业金融服务指标", "序号,县（市、区）,指标名称,计量单位,本年累计"]
    n = 0
    for code in ["330400", *COUNTIES]:
        name = "嘉兴市" if code == "330400" else NAMES[code]
        loans = t("new_sme_loans", code, 2019, 1, 9) * 10000
        share = t("sme_loan_increment_share", code, 2019, 1, 9, "rate")
        n += 1
        lines.append(f'{n},{name},小微企业贷款比年初增加,万元,"{loans:,.1f}"')
        n += 1
        lines.append(f"{n},{name},小微企业贷款增量占全部贷款增量比重,%,{share}")
    lines.append("说明：数据来源于人行嘉兴市中心支行。")
    path = tmp_path / "金融服务指标.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    extraction = extract_file(path, PLAN, RESOLVER, MATCHER)
    (table,) = extraction.tables
    assert table.orientation == "long"
    wanted = {}
    for code in ["330400", *COUNTIES]:
        wanted[("new_sme_loans", code, 2019, 1, 9, "ytd")] = t("new_sme_loans", code, 2019, 1, 9)
        wanted[("sme_loan_increment_share", code, 2019, 1, 9, "rate")] = t(
            "sme_loan_increment_share", code, 2019, 1, 9, "rate")
    _check(extraction, wanted)
    loans = extraction.figures[extraction.figures.indicator_code == "new_sme_loans"]
    assert set(loans.unit) == {"亿元"} and set(loans.source_unit) == {"万元"}


def test_cli_json_and_unreadable_file(tmp_path, capsys):
    """``workbench extract --json`` over a demo file and a broken one: JSON for both, exit 2."""
    import argparse

    from workbench import cli_extract

    parser = argparse.ArgumentParser(prog="workbench")
    cli_extract.add_parser(parser.add_subparsers(dest="command"))
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    demo_file = next((DEMO / "workbooks" / "2019Q3").glob("市场监管局_*.xlsx"))
    args = parser.parse_args(["extract", str(demo_file), str(broken), "--json"])
    status = args.func(args)
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert status == 2
    assert err.count("\n") == 1 and "坏文件.xlsx" in err and "Traceback" not in err
    first = data[0]
    assert first["tables"][0]["orientation"] == "rows"
    figure = next(f for f in first["figures"] if f["indicator_code"] == "new_sme" and f["region_code"] == "330402")
    assert figure["value"] == t("new_sme", "330402", 2019, 1, 9)
    assert set(figure) == {"file", "sheet", "cell", "region_code", "region_name", "indicator_code", "indicator_name",
                           "year", "from_month", "to_month", "basis", "value", "unit", "raw", "confidence"}
    assert data[1]["errors"] and not data[1]["figures"]
    args = parser.parse_args(["extract", str(demo_file)])
    assert args.func(args) == 0
    assert "新增小微企业" in capsys.readouterr().out
