"""DataFrameModel and its proxy, through model.data(model.index(r, c)) without a window."""

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from workbench.views.dataframe_model import (
    SORT_ROLE,
    DataFrameFilterProxyModel,
    DataFrameModel,
    default_number_format,
)

DISPLAY = Qt.ItemDataRole.DisplayRole
RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)


@pytest.fixture
def frame():
    return pd.DataFrame(
        {
            "地区": ["南湖区", "秀洲区", "嘉善县", "海盐县"],
            "新增小微企业": [1200, 9, 100, 10],
            "增速": [12.5, np.nan, -3.25, 0.0],
            "说明": ["首报", "", "含经开区", "补报"],
        }
    )


def cell(model, row, column, role=DISPLAY):
    return model.data(model.index(row, column), role)


def test_values_are_formatted_per_column(frame):
    model = DataFrameModel(frame)
    assert (model.rowCount(), model.columnCount()) == (4, 4)
    assert cell(model, 0, 0) == "南湖区"
    assert cell(model, 0, 1) == "1,200"
    assert cell(model, 0, 2) == "12.5"
    assert cell(model, 2, 2) == "-3.25"
    assert cell(model, 1, 2) == ""  # missing
    assert cell(model, 3, 2) == "0"


def test_missing_text_and_custom_formats(frame):
    model = DataFrameModel(frame, missing_text="—", formats={"增速": lambda v: f"{v:.1f}%"})
    assert cell(model, 1, 2) == "—"
    assert cell(model, 0, 2) == "12.5%"


def test_headers_name_the_columns(frame):
    model = DataFrameModel(frame)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == list(frame.columns)
    assert model.headerData(2, Qt.Orientation.Vertical) == "2"
    assert model.headerData(9, Qt.Orientation.Horizontal) is None


def test_numbers_align_right_text_left(frame):
    model = DataFrameModel(frame)
    role = Qt.ItemDataRole.TextAlignmentRole
    assert cell(model, 0, 1, role) == RIGHT
    assert cell(model, 0, 2, role) == RIGHT
    assert cell(model, 0, 0, role) == LEFT


def test_tooltips_repeat_the_cell_or_show_another_column(frame):
    model = DataFrameModel(frame, tooltips={"地区": "说明"})
    assert cell(model, 2, 0, Qt.ItemDataRole.ToolTipRole) == "含经开区"
    assert cell(model, 1, 0, Qt.ItemDataRole.ToolTipRole) == "秀洲区"  # empty note: the cell itself
    assert cell(model, 0, 1, Qt.ItemDataRole.ToolTipRole) == "1,200"


def test_columns_are_held_as_arrays_not_cell_objects(frame):
    model = DataFrameModel(frame)
    assert all(isinstance(values, np.ndarray) for values in model._columns)
    assert model._columns[1].dtype == np.float64


def test_sorting_through_the_proxy_is_numeric(frame):
    model = DataFrameModel(frame)
    proxy = DataFrameFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [cell(proxy, r, 1) for r in range(4)] == ["9", "10", "100", "1,200"]
    proxy.sort(2, Qt.SortOrder.DescendingOrder)
    assert [cell(proxy, r, 0) for r in range(4)] == ["南湖区", "海盐县", "嘉善县", "秀洲区"]
    assert cell(proxy, 0, 2, SORT_ROLE) == 12.5


def test_the_proxy_keeps_rows_containing_every_term(frame):
    model = DataFrameModel(frame)
    proxy = DataFrameFilterProxyModel(columns=[0, 3])
    proxy.setSourceModel(model)
    proxy.set_filter_text("报")
    assert [cell(proxy, r, 0) for r in range(proxy.rowCount())] == ["南湖区", "海盐县"]
    proxy.set_filter_text("报 海盐")
    assert proxy.rowCount() == 1
    proxy.set_filter_text("1,200")  # not a searched column
    assert proxy.rowCount() == 0
    proxy.set_filter_text("")
    assert proxy.rowCount() == 4


def test_replacing_the_frame_resets_the_model(frame, qtbot):
    model = DataFrameModel(frame)
    with qtbot.waitSignal(model.modelReset):
        model.set_dataframe(frame.head(2))
    assert model.rowCount() == 2


def test_model_passes_qt_model_tester(frame, qtmodeltester):
    qtmodeltester.check(DataFrameModel(frame))
    qtmodeltester.check(DataFrameModel(pd.DataFrame()))


@pytest.mark.parametrize(
    ("value", "text"), [(50000.0, "50,000"), (2.5, "2.5"), (-0.125, "-0.125"), (1e20, "1e+20")]
)
def test_default_number_format(value, text):
    assert default_number_format(value) == text


def test_number_headers_align_with_their_numbers(frame):
    model = DataFrameModel(frame)
    role = Qt.ItemDataRole.TextAlignmentRole
    assert model.headerData(1, Qt.Orientation.Horizontal, role) == RIGHT
    assert model.headerData(0, Qt.Orientation.Horizontal, role) == LEFT


def test_a_tooltip_provider_answers_per_row_for_its_columns(frame):
    model = DataFrameModel(frame)
    asked = []

    def where(row):
        asked.append(row)
        return f"第 {row} 行来自 表1!B{row + 4}" if row != 1 else ""

    model.set_tooltip_provider(where, columns=["新增小微企业"])
    tip = Qt.ItemDataRole.ToolTipRole
    assert cell(model, 2, 1, tip) == "第 2 行来自 表1!B6"
    assert cell(model, 1, 1, tip) == "9"  # an empty answer falls back to the cell's text
    assert cell(model, 2, 0, tip) == "嘉善县"  # other columns keep their tooltip
    assert asked == [2, 1]  # computed only when asked
    model.set_tooltip_provider(where)
    assert cell(model, 3, 3, tip) == "第 3 行来自 表1!B7"
    model.set_tooltip_provider(None)
    assert cell(model, 3, 3, tip) == "补报"


def test_a_row_mask_filters_with_the_text(frame):
    model = DataFrameModel(frame)
    proxy = DataFrameFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.set_row_mask(np.array([True, False, True, True]))
    assert proxy.rowCount() == 3
    proxy.set_filter_text("县")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["嘉善县", "海盐县"]
    proxy.set_row_mask(None)
    proxy.set_filter_text("")
    assert proxy.rowCount() == 4
