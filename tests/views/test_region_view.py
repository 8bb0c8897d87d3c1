"""地区: the table lists the counties; the 试解析 box shows what the resolver makes of a label."""

import pytest

from workbench.views.region_view import KNOWN_COLOUR, UNKNOWN_COLOUR, RegionView

COUNTIES = ["南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"]


@pytest.fixture
def view(qtbot):
    view = RegionView()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def column(view, header):
    c = view.model.column_number(header)
    return [view.proxy.index(r, c).data() for r in range(view.proxy.rowCount())]


def test_the_table_lists_the_seven_counties(view):
    counties = [name for name, level in zip(column(view, "名称"), column(view, "级别"))
                if level == "县（市、区）"]
    assert counties == COUNTIES
    assert "7 个县（市、区）" in view.facts_label.text()


def test_levels_and_parents_are_in_words(view):
    rows = dict(zip(column(view, "名称"), zip(column(view, "级别"), column(view, "上级"))))
    assert rows["嘉兴市"][0] == "市"
    assert rows["南湖区"] == ("县（市、区）", "嘉兴市")
    assert rows["嘉兴港区"] == ("功能区", "嘉兴市")
    aliases = dict(zip(column(view, "名称"), column(view, "别名")))
    assert "国际商务区" in aliases["嘉兴经济技术开发区"]


def test_a_spaced_prefixed_label_resolves_to_nanhu(view, qtbot, ime_commit):
    with qtbot.waitSignal(view.sig_resolved):
        ime_commit(view.resolve_edit, "嘉兴市 南 湖 区")
    assert "330402" in view.result_label.text()
    assert "南湖区" in view.result_label.text()
    assert KNOWN_COLOUR in view.result_label.styleSheet()
    selected = view.table.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["330402"]


def test_an_unknown_label_is_shown_in_red(view, ime_commit):
    ime_commit(view.resolve_edit, "上海市浦东新区")
    assert view.result_label.text() == "未识别"
    assert UNKNOWN_COLOUR in view.result_label.styleSheet()
    assert not view.table.selectionModel().selectedRows()


def test_a_total_word_names_the_city(view):
    resolution = view.resolve("合计")
    assert resolution.is_total
    assert "330400" in view.result_label.text() and "全市合计行" in view.result_label.text()


def test_a_project_alias_is_used(view):
    view.resolve("南湖新区")
    assert view.result_label.text() == "未识别"
    view.set_aliases({"南湖新区": "330402"})
    assert "330402" in view.result_label.text()
