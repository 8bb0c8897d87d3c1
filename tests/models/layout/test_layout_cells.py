"""Cell classification, merged-cell spreading and the row roles around a table."""

from __future__ import annotations

import pytest

from workbench.models.layout import words
from workbench.models.layout.grid import EMPTY, ERROR, MISSING, NUMBER, TEXT, SheetGrid, a1_range, cell_kind
from workbench.models.layout.headers import (
    CODE, DATA, FOOTNOTE, HEADER, META, TITLE, UNIT, column_paths, header_unit, is_code_row, row_role, subitems,
)
from workbench.models.reading.workbook import CellError, MergedRange, Sheet


def grid_of(rows, merged=()):
    return SheetGrid(Sheet("表", [list(r) for r in rows], [MergedRange(*m) for m in merged]))


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (None, EMPTY), ("", EMPTY), ("  ", EMPTY), (12, NUMBER), (1.5, NUMBER), ("1,234", NUMBER),
        ("１２３", NUMBER), ("12.3%", NUMBER), ("123家", NUMBER), ("1.2万", NUMBER), ("—", MISSING),
        ("-", MISSING), ("…", MISSING), ("空", MISSING), ("/", MISSING), (CellError("#DIV/0!"), ERROR),
        ("#N/A", ERROR), ("南湖区", TEXT), ("本年累计", TEXT), (True, TEXT),
    ],
)
def test_cell_kinds(value, kind):
    assert cell_kind(value) == kind


def test_merged_value_covers_the_block():
    grid = grid_of([["新增小微企业", None, None], ["本年累计", "同比", None]], [(0, 0, 0, 2)])
    assert grid.value(0, 2) == "新增小微企业"
    assert grid.kind(0, 1) == TEXT
    assert grid.merged_span(0, 1) == "A1:C1"
    assert a1_range(0, 0, 19, 7) == "A1:H20"


def test_code_rows():
    grid = grid_of([
        ["甲", "乙", 1, 2, 3, 4],
        ["栏次", None, "(1)", "(2)", "(3)", "4=2+3"],
        ["南湖区", "01", 1, 2, 3, 4],
        ["A", "B", "C", "D", None, None],
    ])
    assert is_code_row(grid, 0, 0, 5)
    assert is_code_row(grid, 1, 0, 5)
    assert not is_code_row(grid, 2, 0, 5)
    assert is_code_row(grid, 3, 0, 5)


def test_row_roles_around_a_table():
    rows = [
        ["2019年1-9月各县（市、区）新增小微企业情况表", None, None, None],
        [None, None, "表    号：嘉统1表", None],
        ["填报单位：嘉兴市统计局", None, "单位：家", None],
        ["地区", "新增小微企业", None, "增长（%）"],
        [None, "本年累计", "上年同期", None],
        ["甲", 1, 2, 3],
        ["全市", 100, 90, 11.1],
        ["注：本表为示例。", None, None, None],
    ]
    grid = grid_of(rows, [(0, 0, 0, 3), (3, 1, 3, 2), (3, 0, 4, 0), (3, 3, 4, 3)])
    roles = [row_role(grid, r, 0, 3) for r in range(len(rows))]
    assert roles == [TITLE, META, META, HEADER, HEADER, CODE, DATA, FOOTNOTE]


def test_unit_line_alone_is_a_unit_row():
    grid = grid_of([[None, None, "（单位：万元）"], ["地区", "贷款", "增量"]])
    assert row_role(grid, 0, 0, 2) == UNIT
    assert words.unit_line_units("单位：家、%") == ["家", "%"]


def test_column_paths_spread_merges_and_fill_csv_groups():
    merged = grid_of(
        [["地区", "新增小微企业", None, "个转企"], [None, "合计", "其中：八大产业", None]],
        [(0, 1, 0, 2), (0, 0, 1, 0), (0, 3, 1, 3)],
    )
    paths, _ = column_paths(merged, [0, 1], [1, 2, 3])
    assert paths == {1: ("新增小微企业", "合计"), 2: ("新增小微企业", "其中：八大产业"), 3: ("个转企",)}
    # The same header exported to CSV: merges are gone, the group label is written once.
    csv = grid_of([["地区", "新增小微企业", None, "个转企"], [None, "合计", "其中：八大产业", None]])
    paths, _ = column_paths(csv, [0, 1], [1, 2, 3])
    assert paths == {1: ("新增小微企业", "合计"), 2: ("新增小微企业", "其中：八大产业"), 3: ("个转企",)}


def test_units_and_subitems_from_headers():
    assert header_unit(("新增小微企业（家）",)) == "家"
    assert header_unit(("贷款余额", "金额(亿元)")) == "亿元"
    assert header_unit(("同比增长%",)) == "%"
    assert header_unit(("新增小微企业（含个体）",)) is None
    paths = {1: ("新增", "合计"), 2: ("新增", "其中：工业"), 3: ("个转企",), 4: ("其中：公司制",)}
    assert subitems(paths) == {2: ("新增", "合计"), 4: ("个转企",)}


def test_a_year_like_figure_is_data_but_a_row_of_years_is_a_header():
    grid = grid_of([["新增小微企业（家）", "2016"], ["指标", 2018, 2019], ["个转企", 2016.0, 2017.0]])
    assert row_role(grid, 0, 0, 2) == DATA
    assert row_role(grid, 1, 0, 2) == HEADER


def test_a_centred_title_that_is_not_merged():
    grid = grid_of([[None, None, "2019年1-9月各县（市、区）新增小微企业情况表", None], ["地区", "新增", "个转企", "增长"]])
    assert row_role(grid, 0, 0, 3) == TITLE
