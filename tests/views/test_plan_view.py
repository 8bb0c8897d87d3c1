"""计划指标: the catalogue shows the whole plan, filters like a user types, explains a target."""

import pytest
from PySide6.QtCore import Qt

from workbench.models.plan import load_plan
from workbench.views.plan_view import COLUMNS, PlanView


@pytest.fixture
def plan():
    return load_plan()


@pytest.fixture
def view(qtbot, plan):
    view = PlanView(plan)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def column_texts(view, header):
    column = view.model.column_number(header)
    return [view.proxy.index(r, column).data() for r in range(view.proxy.rowCount())]


def test_every_indicator_is_listed_in_plan_order(view, plan):
    assert view.visible_codes() == [ind.code for ind in plan.indicators]
    assert column_texts(view, "指标") == [ind.name for ind in plan.indicators]
    assert view.count_label.text() == f"共 {len(plan.indicators)} 项"


def test_the_visible_columns_are_the_catalogue_headers(view):
    header = view.table.horizontalHeader()
    shown = [
        view.model.headerData(c, header.orientation())
        for c in range(view.model.columnCount())
        if not view.table.isColumnHidden(c)
    ]
    assert shown == list(COLUMNS)


def test_target_type_and_comparison_in_words(view, plan):
    row = view.visible_codes().index("tech_rd_share")
    assert column_texts(view, "目标")[row] == "2.5"
    assert column_texts(view, "单位")[row] == "%"
    assert column_texts(view, "类型")[row] == "比重/比例"
    assert column_texts(view, "比较")[row] == "不低于"
    qualitative = view.visible_codes().index("testing_platform_coverage")
    assert column_texts(view, "目标")[qualitative] == "—"


def test_filter_keji_ju_leaves_only_indicators_led_by_the_science_bureau(view, plan, ime_commit):
    ime_commit(view.filter_edit, "科技局")
    expected = [ind.code for ind in plan.indicators if "市科技局" in ind.lead]
    assert expected  # the plan does give the science bureau targets
    assert view.visible_codes() == expected
    assert all("市科技局" in lead for lead in column_texts(view, "牵头部门"))
    assert view.count_label.text() == f"显示 {len(expected)} / {len(plan.indicators)} 项"
    view.filter_edit.clear()
    assert len(view.visible_codes()) == len(plan.indicators)


def test_filter_finds_an_indicator_by_a_synonym(view, ime_commit):
    ime_commit(view.filter_edit, "新登记小微企业")
    assert "new_sme" in view.visible_codes()
    assert "tech_rd_share" not in view.visible_codes()


def test_selecting_an_indicator_shows_its_source_sentence_and_synonyms(view, plan, qtbot):
    indicator = plan.indicator("new_sme")
    with qtbot.waitSignal(view.sig_indicator_selected) as blocker:
        assert view.select_indicator("new_sme")
    assert blocker.args == ["new_sme"]
    text = view.detail.toPlainText()
    assert indicator.source in text
    assert all(synonym in text for synonym in indicator.synonyms)
    assert indicator.target_text() in text


def test_sorting_by_target_is_numeric(view):
    column = view.model.column_number("目标")
    view.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    values = [v for v in column_texts(view, "目标") if v != "—"]
    numbers = [float(v.replace(",", "")) for v in values]
    assert numbers == sorted(numbers)
