"""The 目标与考核 page as a user meets it: a made-up assessment for the clicks, the demo project
(all quarters and the target decomposition imported) for a real calculation at 2019-09."""

from __future__ import annotations

import os
import struct
import subprocess
import sys

import pytest
from fake_assessment import fake_assessment, fake_history
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from workbench.models.assessment.scoring import SCHEME_KEY, load_scheme
from workbench.models.charts.palette import STATUS_LOOKS
from workbench.models.plan import load_plan
from workbench.views.assessment_jobs import (
    AssessmentRun, history_months, month_label, parse_month_text, previous_quarter_end, quarter_ends,
)
from workbench.views.assessment_matrix_model import FIRST_REGION_COLUMN, STATUS_ROLE
from workbench.views.assessment_view import TAB_COUNTY, TAB_INDICATOR, TAB_MATRIX, TAB_TARGETS, AssessmentView

TIMEOUT = 60_000
PLAN = load_plan()


@pytest.fixture
def view(qtbot):
    view = AssessmentView(QUndoStack(), auto_run=False)
    qtbot.addWidget(view)
    view.resize(1280, 820)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def faked(view):
    view.show_run(AssessmentRun(fake_assessment(), fake_history()))
    return view


def click_cell(qtbot, view, indicator, region):
    index = view.matrix_proxy.mapFromSource(view.matrix_model.index_of(indicator, region))
    view.matrix.scrollTo(index)
    qtbot.mouseClick(view.matrix.viewport(), Qt.MouseButton.LeftButton, pos=view.matrix.visualRect(index).center())


def test_the_period_picker_offers_the_quarter_ends_and_takes_any_month(view):
    assert quarter_ends(PLAN)[0] == "2018-03" and quarter_ends(PLAN)[-1] == "2020-12" and len(quarter_ends(PLAN)) == 12
    assert [view.period_combo.itemData(i) for i in range(view.period_combo.count())] == quarter_ends(PLAN)
    assert view.period_combo.itemText(6) == "2019年9月（三季度末）"
    assert view.set_period("2019-08") and view.period() == "2019-08"
    assert view.period_combo.currentText() == "2019年8月"
    assert view.set_period("2019年9月") and view.period() == "2019-09"
    assert not view.set_period("2021-03")  # outside the plan
    assert parse_month_text("201908") == "2019-08" and parse_month_text("2019.8") == "2019-08"
    assert previous_quarter_end("2019-09", PLAN) == "2019-06"
    assert previous_quarter_end("2019-08", PLAN) == "2019-06"
    assert previous_quarter_end("2018-03", PLAN) is None
    assert history_months("2018-08", PLAN) == ["2018-03", "2018-06", "2018-08"]
    assert month_label("2020-12") == "2020年12月（年末）"


def test_clicking_a_cell_opens_its_detail_with_history_and_previous_quarter(qtbot, faked):
    view = faked
    assert not view.detail.isVisible()
    click_cell(qtbot, view, "new_sme", "330421")
    assert view.detail.isVisible()
    detail = view.detail
    assert detail.title.text().startswith("新增小微企业 · 嘉善县")
    facts = {key: label.text() for key, label in detail.values.items()}
    assert facts["completion"] == "55.0%" and facts["time_progress"] == "58.3%"
    assert facts["status"] == "▽ 欠进度"
    assert facts["gap_pp"] == "-3.3个百分点"
    assert facts["target"] == "7,142.9家"
    assert facts["score"] == "5.50（权重 10）"
    assert facts["previous"] == "2019年6月：▽ 欠进度（完成率 25.0%，得分 2.50）；本期完成率 +30.0个百分点"
    axes = detail.figure.axes[0]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["2019年\n6月", "2019年\n9月"]
    assert "实际" in [t.get_text() for t in axes.get_legend().get_texts()]
    assert detail.source_list.count() == 1  # no project: the source is listed, not looked up

    click_cell(qtbot, view, "two_up_two_control", "330424")
    assert view.detail.values["actual"].text() == "未完成" and view.detail.values["note"].text() == "尚未落实"


def test_the_detail_leads_to_the_county_and_indicator_pages(qtbot, faked):
    view = faked
    click_cell(qtbot, view, "new_sme", "330424")
    qtbot.mouseClick(view.detail.county_button, Qt.MouseButton.LeftButton)
    assert view.tabs.currentIndex() == TAB_COUNTY
    rows = view.county_page.shown_rows()
    assert [r["指标"] for r in rows] == ["新增小微", "新增小微增速", "研发投入占比", "两增两控"]
    assert rows[0]["状态"] == "▼ 严重滞后" and rows[0]["完成率"] == "40.0%"
    assert "第 <b>7</b> 名" in view.county_page.summary.text() and "不合格" in view.county_page.summary.text()

    qtbot.mouseClick(view.detail.indicator_button, Qt.MouseButton.LeftButton)
    assert view.tabs.currentIndex() == TAB_INDICATOR
    assert [r["地区"] for r in view.indicator_page.shown_rows()][:3] == ["嘉兴市", "南湖区", "秀洲区"]
    axes = view.indicator_page.figure.axes[0]
    assert len(axes.patches) == 8  # a bar per unit
    assert any("序时进度 58.3%" in t.get_text() for t in axes.get_legend().get_texts())


def test_the_filters_narrow_the_matrix(faked):
    view = faked
    view.set_filters(lead="市科技局")
    assert [view.matrix_proxy.index(r, 0).data() for r in range(view.matrix_proxy.rowCount())] == [
        "（四）创新动力不断增强", "研发投入占比"]
    assert [view.lead_combo.itemText(i) for i in range(view.lead_combo.count())] == [
        "全部部门", "市市场监管局", "市科技局", "嘉兴银监分局"]
    view.set_filters()
    assert view.matrix_proxy.rowCount() == 7


def test_the_ranking_lists_the_counties_with_their_grades(faked):
    model = faked.ranking_model
    rows = [[model.index(r, c).data() for c in range(1, model.columnCount())] for r in range(model.rowCount())]
    assert rows[0] == ["南湖区", "38.00", "1", "↑2", "优秀"]
    assert rows[-1] == ["海盐县", "4.00", "7", "—", "不合格"]


# ---------------------------------------------------------------- the demo project, with the engine

@pytest.fixture
def demo_view(qtbot, view, demo_project):  # noqa: F811 - fixture
    view.set_project(demo_project)
    view.set_period("2019-09")
    with qtbot.waitSignal(view.sig_assessed, timeout=TIMEOUT):
        assert view.run()
        assert view.busy and view.progress_bar.isVisible()  # the work is in the worker
    return view


@pytest.mark.slow
def test_demo_2019_09_every_county_and_indicator_has_a_status_and_seven_counties_are_ranked(demo_view):
    view = demo_view
    model = view.matrix_model
    assessed = [ind.code for ind in PLAN.indicators if ind.assessed]
    assert [ind["code"] for ind in model.indicators] == assessed
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(FIRST_REGION_COLUMN, model.columnCount())]
    assert headers == ["全市", "南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"]
    for code in assessed:
        for region, _name in model.regions:
            index = model.index_of(code, region)
            assert index.data(STATUS_ROLE) in STATUS_LOOKS, (code, region)
            assert index.data()  # a symbol and a number or a word
    ranking = view.ranking_model.dataframe
    assert len(ranking) == 7 and set(ranking["地区"]) == {"南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"}
    assert ranking["等级"].isin(["优秀", "良好", "合格", "不合格"]).all()
    assert sorted(ranking["排名"]) == sorted(ranking["排名"].rank(method="min"))
    assert "序时进度 58.3%" in view.status_label.text()
    result = view.run_result
    assert result.assessment.previous.at == "2019-06"
    assert sorted(result.history["at"].unique()) == quarter_ends(PLAN)[:7]


@pytest.mark.slow
def test_demo_cell_detail_shows_where_the_figure_came_from(qtbot, demo_view):
    view = demo_view
    assert view.select_cell("new_sme", "330402")
    detail = view.detail
    assert detail.values["time_progress"].text() == "58.3%"
    assert len(detail.figure.axes[0].get_xticklabels()) == 7  # 2018-03 … 2019-09
    assert detail.source_list.count() == 2  # 2018 full year and 2019 Jan–Sep
    assert detail.provenance.record is not None
    assert detail.provenance.record["region"] == "330402" and detail.provenance.record["indicator"] == "new_sme"


@pytest.mark.slow
def test_a_scheme_saved_in_the_dialog_is_used_by_the_next_calculation_and_can_be_undone(qtbot, demo_view):
    view = demo_view
    dialog = view.open_scheme_dialog()  # a child of the view, deleted when it closes
    dialog.set_weight("new_sme", 20)
    dialog.set_weight("new_sme_growth", 0)
    dialog.set_weight("below_scale_va_growth", 0)
    assert dialog.weight_total() == 100
    with qtbot.waitSignal(view.sig_assessed, timeout=TIMEOUT):
        dialog.accept()
    stored = load_scheme(view.project.get_setting(SCHEME_KEY))
    assert stored.rule("new_sme").weight == 20 and stored.rule("new_sme_growth") is None
    assert view.run_result.assessment.scheme.rule("new_sme").weight == 20
    assert view.undo_stack.undoText() == "修改评分方案"
    with qtbot.waitSignal(view.sig_assessed, timeout=TIMEOUT):
        view.undo_stack.undo()
    assert view.project.get_setting(SCHEME_KEY) is None
    assert view.run_result.assessment.scheme.rule("new_sme").weight == 10


@pytest.mark.slow
def test_a_target_edited_in_the_targets_tab_is_used_when_coming_back_to_the_matrix(qtbot, demo_view):
    view = demo_view
    view.auto_run = True
    view.tabs.setCurrentIndex(TAB_TARGETS)
    assert view.targets_widget is not None and view.targets_widget.isVisible()
    assert view.targets_widget.edit_cell("new_sme", "330402", "4623")  # exactly the actual: 已完成
    with qtbot.waitSignal(view.sig_assessed, timeout=TIMEOUT):
        view.tabs.setCurrentIndex(TAB_MATRIX)
    index = view.matrix_model.index_of("new_sme", "330402")
    assert index.data() == "★ 100.0%" and index.data(STATUS_ROLE) == "已完成"


@pytest.mark.slow
def test_the_view_runs_alone_on_the_demo_project_and_opens_a_cell(tmp_path, workbench_home):
    shot = tmp_path / "assessment_view.png"
    env = {**os.environ, "WORKBENCH_HOME": str(workbench_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "workbench.views.assessment_view", "--period", "2019-09",
                             "--cell", "new_sme:330402", "--screenshot", str(shot)],
                            capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1280, 800)
