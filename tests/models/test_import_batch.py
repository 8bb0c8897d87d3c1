"""Reading a batch of workbooks (the function the 导入 page runs), cell roles and the figures list."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from workbench.models.import_batch import (
    FIGURE_TABLE_COLUMNS,
    LayoutCorrection,
    LayoutCorrections,
    cell_roles,
    expand_paths,
    figures_table,
    guess_department,
    layout_fingerprint,
    read_files,
    run_to_end,
)
from workbench.models.mapping import IndicatorMatcher
from workbench.models.periods import period_label
from workbench.models.plan import load_plan
from workbench.models.reading.workbook import Sheet
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.resources import resource

PLAN = load_plan()
RESOLVER = RegionResolver(load_regions())
MATCHER = IndicatorMatcher(PLAN)
Q3 = Path(str(resource("demo", "workbooks", "2019Q3")))
Q4 = Path(str(resource("demo", "workbooks", "2019Q4")))
SAMR = "市场监管局_2019年1-9月小微企业发展情况表.xlsx"
COMMERCE = "商务局_2019年三季度商务领域小微企业培育情况月报.xlsx"


def read(paths, **kwargs):
    steps = []
    generator = read_files(paths, PLAN, RESOLVER, MATCHER, **kwargs)
    while True:
        try:
            steps.append(next(generator))
        except StopIteration as stop:
            return steps, stop.value


def test_folders_are_searched_for_spreadsheets_skipping_lock_and_hidden_files(tmp_path):
    (tmp_path / "sub" / ".hidden").mkdir(parents=True)
    for name in ("a.xlsx", "b.CSV", "sub/c.xls", "sub/d.et", "notes.docx", "~$a.xlsx", ".e.xlsx", "sub/.hidden/f.xlsx"):
        (tmp_path / name).write_bytes(b"x")
    loose = tmp_path / "odd.dat"
    loose.write_bytes(b"x")
    found = expand_paths([tmp_path, loose, tmp_path / "a.xlsx", tmp_path / "~$a.xlsx"])
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    assert names == ["a.xlsx", "b.CSV", "sub/c.xls", "sub/d.et", "odd.dat"]


def test_a_batch_reports_progress_and_gives_one_result_per_file(tmp_path):
    broken = tmp_path / "x.xlsx"
    broken.write_bytes(os.urandom(3000))
    steps, results = read([Q3 / SAMR, broken, Q3 / COMMERCE])
    assert [s[:2] for s in steps] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert "市场监管局" in steps[0][2]
    ok, bad, commerce = results
    assert ok.ok and ok.department == "市场监管局" and ok.workbook.format == "xlsx"
    assert len(ok.extraction.figures) > 50 and ok.extraction.tables[0].title.startswith("2019年1-9月")
    assert not bad.ok and bad.extraction is None and "x.xlsx" in bad.error
    assert commerce.ok and [s.name for s in commerce.workbook.sheets] == ["7月", "8月", "9月"]


def test_stopping_ends_the_batch_between_files(tmp_path):
    for k in range(5):
        shutil.copy(Q3 / SAMR, tmp_path / f"{k}_{SAMR}")
    calls = []

    def should_stop():
        calls.append(1)
        return len(results_so_far) >= 2

    results_so_far: list = []
    generator = read_files([tmp_path], PLAN, RESOLVER, MATCHER, should_stop=should_stop)
    try:
        while True:
            done, total, _ = next(generator)
            results_so_far[:] = range(done)
    except StopIteration as stop:
        results = stop.value
    assert total == 5 and 2 <= len(results) < 5
    assert all(r.ok for r in results if not r.cancelled)


def test_a_saved_correction_is_applied_to_next_quarters_file(tmp_path):
    _, [q3] = read([Q3 / SAMR])
    sheet = q3.workbook.sheets[0]
    store = LayoutCorrections(tmp_path / "layout_corrections.json")
    store.set(layout_fingerprint(sheet), LayoutCorrection(header_rows=(7, 8)), sheet=sheet.name, file=q3.name)
    store.save()
    q4_file = next(Q4.glob("市场监管局_*"))
    _, [plain] = read([q4_file])
    _, [fixed] = read([q4_file], corrections=LayoutCorrections.load(store.path))
    assert fixed.corrected_sheets == [sheet.name] and plain.corrected_sheets == []
    assert fixed.extraction.tables[0].header_rows == [7, 8] != plain.extraction.tables[0].header_rows
    assert len(fixed.extraction.figures) != len(plain.extraction.figures)


def test_cell_roles_say_what_each_cell_of_a_report_is():
    _, [result] = read([Q3 / SAMR])
    sheet = result.workbook.sheets[0]
    roles = cell_roles(sheet, result.extraction.tables)
    table = result.extraction.tables[0]
    assert roles.role(0, 0) == "title" and roles.role(0, 5) == "title"  # merged across
    assert roles.role(1, 7) == "form_block"  # 表号
    assert roles.role(5, 0) == "form_block"  # 填报单位
    assert any(roles.role(5, c) == "unit" for c in range(sheet.width))
    assert roles.role(table.header_rows[0], 2) == "header"
    assert roles.role(table.code_row, 0) == "column_codes"
    total = next(e for e in table.regions if e.is_total)
    county = next(e for e in table.regions if e.code == "330402")
    assert roles.role(total.index, 0) == "total" and roles.role(total.index, 2) == "total"
    assert roles.role(county.index, 0) == "region" and roles.role(county.index, 2) == "data"
    sub = min(table.col_subitems)
    assert roles.role(county.index, sub) == "subitem"
    assert roles.role(table.last_row + 1, 0) == "footnote"
    assert roles.codes.dtype.itemsize == 1 and roles.shape[0] == len(sheet.rows)
    assert roles.role(10_000, 0) is None


def test_cell_roles_of_a_transposed_table_and_of_a_sheet_without_tables():
    _, [result] = read([Q3 / COMMERCE])
    sheet = result.workbook.sheets[0]
    table = next(t for t in result.extraction.tables if t.sheet == sheet.name)
    roles = cell_roles(sheet, result.extraction.tables)
    county = next(e for e in table.regions if e.code == "330402")
    assert roles.role(table.region_row, county.index) == "region"
    assert roles.role(table.data_rows[0], county.index) == "data"
    assert roles.role(table.data_rows[0], table.stub_cols[0]) == "header"
    empty = cell_roles(Sheet("空", [["随便写点什么"]]), [])
    assert empty.to_lists() == [[None]]


def test_the_figures_list_has_the_preview_columns_in_chinese():
    _, [result] = read([Q3 / SAMR])
    frame = figures_table(result.extraction.figures, result.workbook.sheets[0].name)
    assert list(frame.columns) == FIGURE_TABLE_COLUMNS
    row = frame[(frame["地区"] == "南湖区") & (frame["指标"] == "新增小微企业")].iloc[0]
    assert row["期别"] == "2019年1-9月" and row["口径"] == "本年累计" and row["数值"] == 2034
    assert row["单元格"] == "C12" and row["原始值"] == "2034"
    everything = figures_table(result.extraction.figures)
    assert everything["单元格"].iloc[0].startswith("小微企业发展情况!")
    assert list(figures_table(result.extraction.figures.iloc[0:0]).columns) == FIGURE_TABLE_COLUMNS


@pytest.mark.parametrize("args, text", [
    ((2019, 1, 9, "ytd"), "2019年1-9月"),
    ((2019, 9, 9, "stock"), "2019年9月末"),
    ((2019, 12, 12, "stock"), "2019年末"),
    ((2019, 1, 12, "ytd"), "2019年"),
    ((2019, 9, 9, "period"), "2019年9月"),
    ((pd.NA, pd.NA, pd.NA, ""), ""),
])
def test_period_labels(args, text):
    assert period_label(*args) == text


def test_the_department_comes_from_the_filing_unit_or_the_file_name():
    assert guess_department("D:/报表/经信局_截至2019年9月底.xls") == "经信委"  # the canonical name
    assert guess_department("D:/报表/档案局_2019年报表.xls") == "档案局"  # not in the list, still a department
    assert guess_department("D:/报表/2019年9月报表.xlsx") == ""
    _, [result] = read([Q3 / SAMR])
    renamed = Path("2019年1-9月小微企业发展情况表.xlsx")
    assert guess_department(renamed, result.extraction.tables) == "市场监管局"


def test_run_to_end_returns_the_result():
    assert [r.ok for r in run_to_end(read_files([Q3 / SAMR], PLAN, RESOLVER, MATCHER))] == [True]
