"""The counties × indicators matrix, the ranking and the pages, on a small assessment made up by hand
(``fake_assessment.py``): what a reader sees in a cell, how it sorts and filters."""

from __future__ import annotations

import pytest
from fake_assessment import fake_assessment
from PySide6.QtCore import Qt

from workbench.models.charts.palette import LEGEND_ORDER, STATUS_LOOKS
from workbench.views.assessment_matrix_model import (
    GROUP_ROW_ROLE, STATUS_ROLE, AssessmentMatrixModel, AssessmentMatrixProxy,
)
from workbench.views.assessment_tables import county_frame, indicator_frame, rank_change_text, ranking_frame

GROUPS = {"1.1": "（一）总体数量不断增长", "1.4": "（四）创新动力不断增强", "1.5": "（五）服务体系不断完善"}


@pytest.fixture
def model(qtbot):
    a = fake_assessment()
    model = AssessmentMatrixModel()
    model.set_assessment(a.rows, GROUPS, a.previous.rows)
    return model


def cell(model, indicator, region):
    index = model.index_of(indicator, region)
    assert index.isValid()
    return index


def fill(index) -> str:
    return index.data(Qt.ItemDataRole.BackgroundRole).color().name()


def test_a_cell_shows_its_number_after_the_status_symbol_on_the_status_fill(model):
    jiashan = cell(model, "new_sme", "330421")  # 55.0% against 序时进度 58.3%
    assert jiashan.data() == "▽ 55.0%"
    assert jiashan.data(STATUS_ROLE) == "欠进度"
    assert fill(jiashan) == STATUS_LOOKS["欠进度"].fill
    growth = cell(model, "new_sme_growth", "330402")  # a rate shows the rate, not a completion
    assert growth.data() == "▲ 12.0%"
    assert fill(growth) == STATUS_LOOKS["超进度"].fill
    assert cell(model, "new_sme", "330482").data() == "★ 105.0%"
    assert cell(model, "two_up_two_control", "330424").data() == "× 未完成"
    missing = cell(model, "new_sme", "330481")
    assert missing.data() == "— 无数据" and fill(missing) == STATUS_LOOKS["无数据"].fill
    assert missing.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed text


def test_every_status_in_the_legend_has_its_own_symbol():
    symbols = [STATUS_LOOKS[s].symbol for s in LEGEND_ORDER]
    assert len(set(symbols)) == len(symbols)


def test_the_tooltip_gives_the_figures_and_the_previous_quarter(model):
    tip = cell(model, "new_sme", "330421").data(Qt.ItemDataRole.ToolTipRole)
    assert "新增小微企业（嘉善县）" in tip
    assert "完成率：55.0%" in tip and "序时进度：58.3%" in tip
    assert "差距：-3.3个百分点" in tip
    assert "得分：5.5 / 权重 10" in tip
    assert "上期：欠进度" in tip  # 2019-06: 55% − 3 × 10 points
    assert "海宁市未报送" in cell(model, "new_sme", "330481").data(Qt.ItemDataRole.ToolTipRole)


def test_rows_are_indicators_under_their_group_and_columns_the_city_then_the_counties(model):
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["指标", "牵头部门", "全市", "南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"]
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["（一）总体数量不断增长", "新增小微", "新增小微增速", "（四）创新动力不断增强", "研发投入占比",
                     "（五）服务体系不断完善", "两增两控"]
    assert model.index(0, 0).data(GROUP_ROW_ROLE) and not model.index(1, 0).data(GROUP_ROW_ROLE)
    assert model.index(4, 1).data() == "市科技局"


def shown(proxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_sorting_a_county_puts_the_laggards_first_and_hides_group_rows(model):
    proxy = AssessmentMatrixProxy()
    proxy.setSourceModel(model)
    haiyan = 2 + 4  # 海盐县: 严重滞后, 欠进度, 欠进度, 未完成
    proxy.sort(haiyan, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["新增小微", "两增两控", "新增小微增速", "研发投入占比"]
    proxy.sort(haiyan, Qt.SortOrder.DescendingOrder)
    assert shown(proxy)[0] == "研发投入占比"
    proxy.sort(0, Qt.SortOrder.AscendingOrder)  # back to plan order, with the groups
    assert shown(proxy)[:2] == ["（一）总体数量不断增长", "新增小微"] and len(shown(proxy)) == 7


def test_filters_by_dimension_department_and_text(model):
    proxy = AssessmentMatrixProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(group="1.1")
    assert shown(proxy) == ["（一）总体数量不断增长", "新增小微", "新增小微增速"]
    proxy.set_filters(lead="市科技局")
    assert shown(proxy) == ["（四）创新动力不断增强", "研发投入占比"]
    proxy.set_filters(text="两增")
    assert shown(proxy) == ["（五）服务体系不断完善", "两增两控"]
    proxy.set_filters(group="1.1", lead="市科技局")
    assert shown(proxy) == []
    proxy.set_filters()
    assert len(shown(proxy)) == 7
    assert model.leads() == ["市市场监管局", "市科技局", "嘉兴银监分局"]


def test_ranking_frame_has_arrows_for_rank_changes():
    frame = ranking_frame(fake_assessment().counties)
    assert list(frame["地区"]) == ["南湖区", "嘉善县", "平湖市", "海宁市", "桐乡市", "秀洲区", "海盐县"]
    assert list(frame["升降"])[:4] == ["↑2", "—", "↑1", "↓1"]
    assert list(frame["等级"])[-1] == "不合格"
    assert [rank_change_text(c) for c in (2, -3, 0, None)] == ["↑2", "↓3", "—", ""]


def test_county_and_indicator_frames(model):
    a = fake_assessment()
    county = county_frame(a.rows, "330424", a.previous.rows, GROUPS)
    assert list(county["指标"]) == ["新增小微", "新增小微增速", "研发投入占比", "两增两控"]
    assert county["状态"].iloc[0] == "▼ 严重滞后" and county["完成率"].iloc[0] == pytest.approx(0.40)
    assert county["维度"].iloc[0] == "（一）总体数量不断增长"
    indicator = indicator_frame(a.rows, "tech_rd_share", a.previous.rows)
    assert list(indicator["地区"])[:2] == ["嘉兴市", "南湖区"]
    assert indicator["实际"].iloc[0] == "2.6%" and indicator["目标"].iloc[0] == "2.5%"
