"""Cell values written safely: text stays text, missing stays missing."""

import math

import numpy as np
import openpyxl
import pandas as pd
import pytest

from workbench.models.exports.xlsx_cells import display_width, plain_value, put_cell, save_workbook


@pytest.mark.parametrize("missing", [None, math.nan, float("inf"), pd.NA, pd.NaT, np.float64("nan")])
def test_missing_values_become_empty_cells(missing):
    assert plain_value(missing) is None


def test_numpy_scalars_booleans_and_lists_become_plain_values():
    assert plain_value(np.int64(3)) == 3 and type(plain_value(np.int64(3))) is int
    assert plain_value(np.float64(0.5)) == 0.5
    assert plain_value(np.bool_(True)) == "是" and plain_value(False) == "否"
    assert plain_value(["2018-01..12", "2019-01..09"]) == "2018-01..12；2019-01..09"


@pytest.mark.parametrize("text", ["=SUM(A1:A2)", "+86 573", "-尚未落实", "@张三", '=HYPERLINK("http://x")'])
def test_text_that_looks_like_a_formula_is_saved_as_text(text, tmp_path):
    wb = openpyxl.Workbook()
    put_cell(wb.active, 1, 1, text)
    put_cell(wb.active, 2, 1, 0.583, "0.0%")
    put_cell(wb.active, 3, 1, math.nan, "0.0%")
    save_workbook(wb, tmp_path / "a.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx").active
    assert ws["A1"].value == text and ws["A1"].data_type == "s"
    assert ws["A2"].value == 0.583 and ws["A2"].number_format == "0.0%"
    assert ws["A3"].value is None


def test_a_chinese_character_is_two_widths_wide():
    assert display_width("嘉兴市") == 6 and display_width("C11") == 3 and display_width("南湖区 C11") == 10
    assert display_width(None) == 0 and display_width("短\n长长长") == 6
