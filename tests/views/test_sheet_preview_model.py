"""The preview model serves raw cell text and role colours, tested without a window."""

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from workbench.models.import_batch import cell_roles, read_one
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import load_plan
from workbench.models.reading.workbook import CellError, Sheet
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.resources import resource
from workbench.views.sheet_preview_model import ROLE_COLOURS, ROLE_ROLE, SheetPreviewModel, cell_text

PLAN = load_plan()
SAMR = Path(str(resource("demo", "workbooks", "2019Q3", "市场监管局_2019年1-9月小微企业发展情况表.xlsx")))


@pytest.fixture(scope="module")
def report():
    result = read_one(SAMR, PLAN, RegionResolver(load_regions()), IndicatorMatcher(PLAN))
    sheet = result.workbook.sheets[0]
    return sheet, result.extraction.tables


@pytest.fixture
def model(qapp, report):
    sheet, tables = report
    model = SheetPreviewModel()
    model.set_sheet(sheet, cell_roles(sheet, tables))
    return model


def cell(model, r, c, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(r, c), role)


def colour(model, r, c):
    brush = cell(model, r, c, Qt.ItemDataRole.BackgroundRole)
    return brush.color().name() if brush is not None else None


def test_the_title_cell_shows_its_text_in_the_title_colour(model, report):
    sheet, _ = report
    assert cell(model, 0, 0) == sheet.rows[0][0]
    assert cell(model, 0, 0).startswith("2019年1-9月各县（市、区）小微企业发展情况表")
    assert cell(model, 0, 0, ROLE_ROLE) == "title"
    assert colour(model, 0, 0) == ROLE_COLOURS["title"]
    assert cell(model, 0, 0, Qt.ItemDataRole.FontRole).bold()
    assert "A1（标题）" in cell(model, 0, 0, Qt.ItemDataRole.ToolTipRole)


def test_a_county_label_is_coloured_as_a_region_and_its_figures_as_data(model, report):
    sheet, tables = report
    row = next(e.index for e in tables[0].regions if e.code == "330402")
    assert cell(model, row, 0) == "南 湖 区"  # as written, spaces and all
    assert cell(model, row, 0, ROLE_ROLE) == "region"
    assert colour(model, row, 0) == ROLE_COLOURS["region"]
    assert cell(model, row, 2) == "2034"  # 2034.0 in the file
    assert colour(model, row, 2) == ROLE_COLOURS["data"]
    assert cell(model, row, 2, Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight.value)
    total = next(e.index for e in tables[0].regions if e.is_total)
    assert colour(model, total, 0) == ROLE_COLOURS["total"]


def test_headers_codes_and_notes_have_their_colours(model, report):
    _, tables = report
    table = tables[0]
    assert colour(model, table.header_rows[0], 2) == ROLE_COLOURS["header"]
    assert colour(model, table.code_row, 0) == ROLE_COLOURS["column_codes"]
    assert colour(model, table.last_row + 1, 0) == ROLE_COLOURS["footnote"]
    assert colour(model, 2, 0) is None  # an empty cell outside every part of the table


def test_the_grid_is_the_sheet_itself_with_letters_and_row_numbers(model, report):
    sheet, _ = report
    assert model.rowCount() == len(sheet.rows)
    assert model.columnCount() == max(len(r) for r in sheet.rows)
    assert model.sheet is sheet
    assert model.headerData(0, Qt.Orientation.Horizontal) == "A"
    assert model.headerData(model.columnCount(), Qt.Orientation.Horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
    assert cell(model, len(sheet.rows) - 1, model.columnCount() - 1) is not None


def test_without_roles_the_cells_are_plain(qapp):
    model = SheetPreviewModel()
    model.set_sheet(Sheet("表", [["甲", 1.5], [None]]))
    assert cell(model, 0, 1) == "1.5" and cell(model, 1, 1) == ""
    assert cell(model, 0, 0, Qt.ItemDataRole.BackgroundRole) is None
    model.set_sheet(None)
    assert model.rowCount() == 0 and model.columnCount() == 0


@pytest.mark.parametrize("value, text", [
    (None, ""), ("１２３", "１２３"), (12.0, "12"), (0.1, "0.1"), (3, "3"), (True, "TRUE"),
    (CellError("#DIV/0!"), "#DIV/0!"), (date(2019, 9, 30), "2019-09-30"),
    (datetime(2019, 9, 30), "2019-09-30"), (float("nan"), ""),
])
def test_cell_text_shows_values_as_written(value, text):
    assert cell_text(value) == text
