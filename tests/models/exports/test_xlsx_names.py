"""Sheet names Excel accepts, made from indicator and county names."""

import openpyxl
import pytest

from workbench.models.exports.xlsx_names import MAX_SHEET_TITLE, sheet_title


@pytest.mark.parametrize(("name", "expected"), [
    ("新增小微", "新增小微"),
    ("研发/销售[比例]: 2.5%?", "研发_销售_比例__ 2.5%_"),
    ("a\\b*c", "a_b_c"),
    ("'引号'", "引号"),
    ("", "工作表"),
    (None, "工作表"),
    ("History", "History_"),
])
def test_a_name_loses_what_excel_refuses(name, expected):
    assert sheet_title(name, set()) == expected


def test_a_long_name_is_cut_to_31_characters():
    name = "小微企业贷款不良率容忍度高出平均贷款不良率容忍度的县（市、区）名单"
    assert len(name) > MAX_SHEET_TITLE
    assert sheet_title(name, set()) == name[:MAX_SHEET_TITLE]


def test_names_are_unique_regardless_of_case_and_within_the_limit():
    taken = {"总览"}
    assert sheet_title("总览", taken) == "总览(2)"
    assert sheet_title("Sheet", taken) == "Sheet"
    assert sheet_title("SHEET", taken) == "SHEET(2)"
    assert sheet_title("sheet", taken) == "sheet(3)"
    long = "长" * 40
    first, second = sheet_title(long, taken), sheet_title(long, taken)
    assert first == "长" * 31 and second == "长" * 28 + "(2)"
    assert {"总览(2)", "sheet(2)"} <= taken


def test_every_made_name_is_accepted_by_openpyxl():
    wb = openpyxl.Workbook()
    taken = {wb.active.title.lower()}
    for name in ["a:b", "[x]", "?", "'", "History", "长" * 40, "长" * 40, "Sheet"]:
        wb.create_sheet(sheet_title(name, taken))
    titles = [ws.title for ws in wb.worksheets]
    assert len({t.lower() for t in titles}) == len(titles)
    assert all(len(t) <= MAX_SHEET_TITLE for t in titles)
