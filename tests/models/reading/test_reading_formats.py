"""Every supported format reads back the same county report, aligned at A1.

A user imports .xlsx, .xlsm, .xls (Excel or WPS), .et, .ods and .xlsb files and expects
the same table from each: the title where it was typed, merged headers as merged,
#DIV/0! as an error and not as a blank, and the real format named when the extension lies.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from reading_samples import (
    CORPUS,
    COUNTIES,
    ERROR_AT,
    FIRST_COUNTY_AT,
    MERGED_HEADER,
    MERGED_TITLE,
    TITLE,
    TITLE_AT,
    sha256,
    write_ods,
    write_xls,
    write_xlsx,
)
from workbench.models.reading import CellError, MergedRange, ReadError, read_workbook

WRITERS = {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods}


def _sample(tmp_path: Path, real: str, name: str) -> Path:
    """The report written as ``real`` and saved under ``name`` (renamed if it differs)."""
    written = WRITERS[real](tmp_path / f"written.{real}")
    target = tmp_path / name
    written.rename(target)
    return target


# (real format, file name the user has, format read, note expected)
CASES = [
    ("xlsx", "报表.xlsx", "xlsx", None),
    ("xlsx", "报表.xlsm", "xlsx", None),
    ("xlsx", "报表.xls", "xlsx", "扩展名为 .xls，实际为 xlsx 格式"),
    ("xlsx", "报表.et", "xlsx", None),
    ("xls", "报表.xls", "xls", None),
    ("xls", "报表.et", "xls", None),
    ("xls", "报表.xlsx", "xls", "扩展名为 .xlsx，实际为 xls 格式"),
    ("ods", "报表.ods", "ods", None),
    ("ods", "报表.xlsx", "ods", "扩展名为 .xlsx，实际为 ods 格式"),
]


@pytest.mark.parametrize(("real", "name", "expected_format", "note"), CASES, ids=[f"{c[0]}-as-{c[1]}" for c in CASES])
def test_report_reads_the_same_in_every_format(tmp_path, real, name, expected_format, note):
    path = _sample(tmp_path, real, name)
    before = sha256(path)

    book = read_workbook(path)

    assert book.format == expected_format
    assert book.notes == ([note] if note else [])
    assert [sheet.name for sheet in book.sheets] == ["表1", "空表"]
    sheet = book.sheets[0]
    # The table starts at C3: nothing may shift it up or left.
    assert sheet.value(*TITLE_AT) == TITLE
    assert sheet.value(0, 0) is None and sheet.value(2, 1) is None
    row, col = FIRST_COUNTY_AT
    for offset, (county, income, growth) in enumerate(COUNTIES):
        assert sheet.value(row + offset, col) == county
        assert sheet.value(row + offset, col + 1) == pytest.approx(income)
        if growth:
            assert sheet.value(row + offset, col + 2) == pytest.approx(growth)
    assert sheet.value(*ERROR_AT) == CellError("#DIV/0!")
    merged = {(m.first_row, m.first_col, m.last_row, m.last_col) for m in sheet.merged}
    assert {MERGED_TITLE, MERGED_HEADER} <= merged
    assert book.sheets[1].rows == []  # an empty sheet is kept, not an error
    assert sha256(path) == before  # the source file is never modified


def test_excel_values_keep_their_types(tmp_path):
    sheet = read_workbook(write_xlsx(tmp_path / "r.xlsx")).sheets[0]
    row = [sheet.value(FIRST_COUNTY_AT[0], c) for c in range(2, 6)]
    assert row == ["南湖区", 1234.5, 12, dt.date(2019, 10, 8)]
    # calamine hands empty cells over as ""; the Sheet contract says None.
    assert "" not in {value for r in sheet.rows for value in r if isinstance(value, str)}


def test_blanks_are_none_and_durations_read_as_excel_shows_them(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["工时", None, "", dt.timedelta(hours=1, minutes=30), None, dt.timedelta(days=2, hours=12)])
    book.active.append([None, 1.5])
    book.save(tmp_path / "工时.xlsx")
    rows = read_workbook(tmp_path / "工时.xlsx").sheets[0].rows
    # Several blanks in one row, an empty string typed in as well: all None. A duration
    # under a day is the clock time Excel shows; a longer one stays a number of days.
    assert rows == [["工时", None, None, dt.time(1, 30), None, 2.5], [None, 1.5, None, None, None, None]]


def test_wps_style_xls_dates_and_numbers(tmp_path):
    sheet = read_workbook(write_xls(tmp_path / "r.xls")).sheets[0]
    assert sheet.value(FIRST_COUNTY_AT[0], 5) == dt.date(2019, 10, 8)
    assert sheet.value(FIRST_COUNTY_AT[0] + 2, 3) == pytest.approx(456.25)


def test_every_excel_error_code_becomes_a_cell_error(tmp_path):
    import openpyxl

    codes = ["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"]
    book = openpyxl.Workbook()
    for index, code in enumerate(codes):
        book.active.cell(3, 2 + index, code)
    book.save(tmp_path / "errors.xlsx")
    sheet = read_workbook(tmp_path / "errors.xlsx").sheets[0]
    assert sheet.rows[2][1:] == [CellError(code) for code in codes]


def test_xlsx_without_cached_formula_values_reads_blanks_not_errors(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = 5
    book.active["B1"] = "=A1*2"  # openpyxl writes no cached value: nothing to show
    book.save(tmp_path / "formula.xlsx")
    sheet = read_workbook(tmp_path / "formula.xlsx").sheets[0]
    assert sheet.value(0, 0) == 5
    assert sheet.value(0, 1) is None


def _corpus(relative: str) -> Path:
    path = CORPUS / relative
    if not path.is_file():
        pytest.skip(f"corpus file {relative} not present (expected under ../shared/corpus)")
    return path


@pytest.mark.parametrize(
    "relative",
    [
        "calamine/tests/pass_protected.xlsx",
        "calamine/tests/issue_385.xls",
        "calamine/tests/pass_protected.xlsb",
        "calamine/tests/pass_protected.ods",
        "apache-poi/test-data/spreadsheet/xor-encryption-abc.xls",
        "apache-poi/test-data/poifs/protected_sha512.xlsx",
    ],
)
def test_password_protected_files_are_called_encrypted_never_corrupt(relative):
    path = _corpus(relative)
    with pytest.raises(ReadError) as caught:
        read_workbook(path)
    message = str(caught.value)
    assert message == f"文件「{path.name}」已加密，请在 Excel/WPS 中取消密码后再导入"
    assert caught.value.path == path


def test_xlsb_errors_come_back():
    book = read_workbook(_corpus("apache-poi/test-data/spreadsheet/bug66682.xlsb"))
    assert book.format == "xlsb"
    sheet = book.sheets[0]
    assert [sheet.value(r, 2) for r in range(6, 10)] == [
        CellError("#DIV/0!"), CellError("#REF!"), CellError("#NAME?"), CellError("#N/A")
    ]


def test_ods_merged_ranges_from_libreoffice():
    sheet = read_workbook(_corpus("calamine/tests/merged_cells.ods")).sheets[0]
    assert sheet.merged == [MergedRange(1, 0, 2, 0)]


def test_package_with_backslash_member_names_reads(tmp_path):
    # Some Windows tools zip with "xl\\workbook.xml"; Excel and calamine accept it.
    book = read_workbook(_corpus("calamine/tests/issue_530.xlsx"))
    assert book.format == "xlsx" and book.sheets


def test_chart_sheets_are_left_out_not_fatal():
    book = read_workbook(_corpus("calamine/tests/any_sheets.xlsb"))
    assert [sheet.name for sheet in book.sheets] == ["Visible", "Hidden", "VeryHidden"]


def test_copy_keeps_reading_identical(tmp_path):
    # Reading twice (e.g. a re-import) gives the same sheets: nothing is cached in the file.
    path = write_xlsx(tmp_path / "r.xlsx")
    copy = tmp_path / "copy.xlsx"
    shutil.copy(path, copy)
    assert read_workbook(path).sheets == read_workbook(copy).sheets
