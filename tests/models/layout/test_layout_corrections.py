"""The user's layout corrections: detect_tables obeys them, and they are found again by layout."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from workbench.models.extract import extract_workbook
from workbench.models.layout import detect_tables
from workbench.models.layout.corrections import (
    LayoutCorrection,
    LayoutCorrectionError,
    LayoutCorrections,
    layout_fingerprint,
)
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import load_plan
from workbench.models.reading.workbook import MergedRange, Sheet, Workbook
from workbench.models.regions import RegionResolver, load_regions

PLAN = load_plan()
RESOLVER = RegionResolver(load_regions())
MATCHER = IndicatorMatcher(PLAN)
COUNTIES = ["南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"]


def _cell(a1: str) -> tuple[int, int]:
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", a1).groups()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


def sheet(name, rows, merged=()):
    ranges = []
    for text in merged:
        a, b = text.split(":")
        (fr, fc), (lr, lc) = _cell(a), _cell(b)
        ranges.append(MergedRange(fr, fc, lr, lc))
    return Sheet(name, [list(r) for r in rows], ranges)


def extract(s, corrections=None):
    return extract_workbook(Workbook(Path("测试.xlsx"), "xlsx", [s]), PLAN, RESOLVER, MATCHER, corrections=corrections)


class One:
    """Corrections for every sheet: what extract_workbook needs (``for_sheet``)."""

    def __init__(self, correction):
        self.correction = correction

    def for_sheet(self, _sheet):
        return self.correction


# ---------------------------------------------------------------- header rows
def split_header(title="2019年1-9月各县（市、区）小微企业发展情况表"):
    """A group header cut off from its sub-header by a blank row: the finder stops at the blank."""
    rows = [
        [title, None, None],
        ["地区", "新增小微企业", None],
        [None, None, None],
        [None, "本年累计", "同比增长(%)"],
    ]
    rows += [[name, 100 + k, 10.0 + k] for k, name in enumerate(COUNTIES)]
    return sheet("情况", rows, ["A1:C1", "B2:C2"])


def test_without_a_correction_the_blank_row_cuts_the_header():
    (table,) = detect_tables(split_header(), RESOLVER, MATCHER)
    assert table.header_rows == [3]
    assert table.col_paths[1] == ("本年累计",)


def test_forced_header_rows_give_the_full_header_path_and_the_figures():
    fix = LayoutCorrection(header_rows=(1, 2, 3))
    (table,) = detect_tables(split_header(), RESOLVER, MATCHER, correction=fix)
    assert table.header_rows == [1, 2, 3]
    assert table.col_paths[1] == ("新增小微企业", "本年累计")
    assert table.col_paths[2] == ("新增小微企业", "同比增长(%)")
    assert [e.code for e in table.regions][:2] == ["330402", "330411"]
    assert "已按人工更正的表式识别" in table.notes
    before = extract(split_header()).figures
    after = extract(split_header(), One(fix)).figures
    assert "new_sme" not in set(before.indicator_code)
    new_sme = after[after.indicator_code == "new_sme"]
    assert dict(zip(new_sme.region_code, new_sme.value))["330402"] == 100


def test_forced_header_rows_that_reach_into_the_body_move_its_top_down():
    rows = [["地区", "新增小微企业"], ["南湖区", "本年累计"]]  # a stray label where a header belongs
    rows += [[name, 100 + k] for k, name in enumerate(COUNTIES[1:])]
    fix = LayoutCorrection(header_rows=(0, 1))
    (table,) = detect_tables(sheet("表", rows), RESOLVER, MATCHER, correction=fix)
    assert table.header_rows == [0, 1]
    assert table.regions[0].code == "330411" and min(table.data_rows) == 2


def test_a_code_row_under_forced_header_rows_is_kept_out_of_the_body():
    rows = [["地区", "新增小微企业", "同比增长(%)"], ["甲", "1", "2"]]
    rows += [[name, 100 + k, 5.0] for k, name in enumerate(COUNTIES)]
    (table,) = detect_tables(sheet("表", rows), RESOLVER, MATCHER, correction=LayoutCorrection(header_rows=(0,)))
    assert table.code_row == 1 and table.data_rows[0] == 2


# ---------------------------------------------------------------- orientation and region axis
def two_counties():
    """Only two counties: too few for the finder to call the column a region axis."""
    return sheet("两县", [
        ["2019年1-9月新增小微企业情况表", None],
        ["地区", "新增小微企业（家）"],
        ["南湖区", 120],
        ["秀洲区", 95],
    ], ["A1:B1"])


def test_a_region_column_the_finder_missed_is_taken_when_named():
    assert extract(two_counties()).figures.empty
    fix = LayoutCorrection(orientation="rows", region_axis=0)
    (table,) = detect_tables(two_counties(), RESOLVER, MATCHER, correction=fix)
    assert table.orientation == "rows" and table.label_col == 0
    assert [e.code for e in table.regions] == ["330402", "330411"]
    figures = extract(two_counties(), One(fix)).figures
    assert dict(zip(figures.region_code, figures.value)) == {"330402": 120, "330411": 95}


def test_unknown_labels_in_a_named_region_column_are_reported_not_guessed():
    s = sheet("别名", [["地区", "新增小微企业（家）"], ["甲片区", 1], ["乙片区", 2], ["丙片区", 3]])
    fix = LayoutCorrection(orientation="rows", region_axis=0)
    (table,) = detect_tables(s, RESOLVER, MATCHER, correction=fix)
    assert [e.label for e in table.unknown_regions] == ["甲片区", "乙片区", "丙片区"]
    assert all(e.code is None for e in table.regions)
    assert extract(s, One(fix)).figures.empty


def test_a_region_row_the_finder_missed_is_taken_when_named():
    s = sheet("转置", [
        ["2019年1-9月各县（市、区）新增小微企业", None, None],
        ["指标", "南湖区", "秀洲区"],
        ["新增小微企业（家）", 120, 95],
    ])
    fix = LayoutCorrection(orientation="columns", region_axis=1)
    (table,) = detect_tables(s, RESOLVER, MATCHER, correction=fix)
    assert table.orientation == "columns" and table.region_row == 1
    assert [e.index for e in table.regions] == [1, 2]
    figures = extract(s, One(fix)).figures
    assert dict(zip(figures.region_code, figures.value)) == {"330402": 120, "330411": 95}


def test_forcing_rows_keeps_a_region_column_with_repeats_from_being_read_as_long_form():
    rows = [["地区", "类别", "新增小微企业（家）"]]
    for k, name in enumerate(COUNTIES):
        rows += [[name, "甲类", 10 + k], [name, "乙类", 20 + k]]
    natural = detect_tables(sheet("表", rows), RESOLVER, MATCHER)
    assert natural[0].orientation in ("long", "list")
    (table,) = detect_tables(sheet("表", rows), RESOLVER, MATCHER, correction=LayoutCorrection(orientation="rows"))
    assert table.orientation == "rows" and table.long is None


def test_forcing_long_form_names_the_first_text_column_as_the_indicators():
    rows = [["地区", "项", "数"]]
    for k, name in enumerate(COUNTIES):
        rows += [[name, "新增小微企业", 10 + k], [name, "新增个转企", 20 + k]]
    (table,) = detect_tables(sheet("长", rows), RESOLVER, MATCHER, correction=LayoutCorrection(orientation="long"))
    assert table.orientation == "long"
    assert table.long.region == 0 and table.long.indicator == 1 and table.long.values == (2,)


def test_the_orientation_alone_keeps_only_that_axis():
    rows = [["指标", *COUNTIES], ["新增小微企业（家）", *range(1, 8)]]
    assert detect_tables(sheet("转置", rows), RESOLVER, MATCHER)[0].orientation == "columns"
    tables = detect_tables(sheet("转置", rows), RESOLVER, MATCHER, correction=LayoutCorrection(orientation="rows"))
    assert all(t.orientation != "columns" for t in tables)


def test_an_empty_correction_changes_nothing():
    plain = detect_tables(split_header(), RESOLVER, MATCHER)
    same = detect_tables(split_header(), RESOLVER, MATCHER, correction=LayoutCorrection())
    assert [t.header_rows for t in plain] == [t.header_rows for t in same]
    assert "已按人工更正的表式识别" not in same[0].notes


def test_an_impossible_correction_is_refused_in_chinese():
    with pytest.raises(LayoutCorrectionError, match="表格方向"):
        LayoutCorrection(orientation="diagonal")
    with pytest.raises(LayoutCorrectionError, match="表头行"):
        LayoutCorrection(header_rows=(-1,))
    assert LayoutCorrection(header_rows=(3, 1, 3)).header_rows == (1, 3)


# ---------------------------------------------------------------- fingerprints and the file
def test_next_quarters_sheet_in_the_same_layout_has_the_same_fingerprint():
    q3 = split_header("2019年1-9月各县（市、区）小微企业发展情况表")
    q4 = split_header("2019年1-12月各县（市、区）小微企业发展情况表")
    end = split_header("截至2019年9月底各县（市、区）小微企业发展情况表")
    year_end = split_header("2019年末各县（市、区）小微企业发展情况表")
    assert layout_fingerprint(q3) == layout_fingerprint(q4)
    assert layout_fingerprint(end) == layout_fingerprint(year_end)
    q4.rows[4][1] = 999  # other figures do not count
    assert layout_fingerprint(q3) == layout_fingerprint(q4)


def test_a_moved_column_or_another_header_is_another_layout():
    base = split_header()
    moved = sheet("情况", [[None, *row] for row in base.rows])
    renamed = split_header()
    renamed.rows[3][2] = "比上年增减"
    assert len({layout_fingerprint(base), layout_fingerprint(moved), layout_fingerprint(renamed)}) == 3


def test_corrections_are_saved_and_found_again_by_layout(tmp_path):
    path = tmp_path / "layout_corrections.json"
    store = LayoutCorrections.load(path)
    assert len(store) == 0
    fix = LayoutCorrection(header_rows=(1, 2, 3), orientation="rows", region_axis=0)
    store.set(layout_fingerprint(split_header()), fix, sheet="情况", file="市场监管局_2019年1-9月.xlsx")
    store.save()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    [entry] = data["corrections"].values()
    assert entry["header_rows"] == [1, 2, 3] and entry["file"] == "市场监管局_2019年1-9月.xlsx"

    again = LayoutCorrections.load(path)
    q4 = split_header("2019年1-12月各县（市、区）小微企业发展情况表")
    assert again.for_sheet(q4) == fix
    figures = extract(q4, again).figures
    assert "new_sme" in set(figures.indicator_code)
    assert again.remove(layout_fingerprint(q4)) and again.for_sheet(q4) is None


def test_a_damaged_corrections_file_says_so_in_chinese(tmp_path):
    path = tmp_path / "layout_corrections.json"
    path.write_text("{不是 JSON", encoding="utf-8")
    with pytest.raises(LayoutCorrectionError, match="layout_corrections.json.*已损坏"):
        LayoutCorrections.load(path)
