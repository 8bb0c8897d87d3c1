"""The 成长指数 page as a user meets it: the demo project's ranking, the charts, a robustness run that
reports progress and can be cancelled, and choices remembered."""

from __future__ import annotations

import os
import struct
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from workbench import settings
from workbench.models.index.project_index import MEAN_NAME, project_index
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions
from workbench.views.index_view import IndexView

TIMEOUT = 60_000
COUNTIES = {"南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"}


@pytest.fixture
def view(qtbot):
    view = IndexView(auto_run=False)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    yield view
    view.shutdown()


@pytest.fixture
def demo_view(qtbot, view, demo_project):
    view.set_project(demo_project)
    assert view.set_period("2019")
    with qtbot.waitSignal(view.sig_computed, timeout=TIMEOUT):
        assert view.run()
        assert view.busy and view.progress_bar.isVisible()  # the work is in the worker
    return view


def table_rows(view) -> list[list[str]]:
    model = view.table_model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def header(view) -> list[str]:
    model = view.table_model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_the_period_picker_offers_the_years_and_the_year_to_date_quarters(view):
    labels = [view.period_combo.itemText(i) for i in range(view.period_combo.count())]
    assert labels[:4] == ["2018年1-3月", "2018年1-6月", "2018年1-9月", "2018年"]
    assert labels[-1] == "2020年" and len(labels) == 12
    assert view.set_period("2019-09") and view.period() == "2019-09"
    assert view.period_combo.currentText() == "2019年1-9月"
    assert not view.set_period("2021")
    assert not view.robust_button.isEnabled()  # nothing to analyse yet


@pytest.mark.slow
def test_the_page_shows_the_demo_ranking_with_the_same_numbers_as_the_index(demo_view, demo_project, tmp_path):
    view = demo_view
    expected = project_index(demo_project, load_plan(), load_regions(), "2019").table
    assert header(view)[:7] == ["排名", "地区", "成长指数", "发展水平", "市场竞争", "创业生存活力", "同比（点）"]
    rows = table_rows(view)
    assert len(rows) == 8 and rows[-1][1] == MEAN_NAME
    assert {r[1] for r in rows[:7]} == COUNTIES
    assert [r[0] for r in rows[:7]] == [str(i) for i in range(1, 8)]
    for row, (_i, county) in zip(rows, expected.iterrows()):
        assert row[1] == county["region_name"]
        assert row[2] == f"{county['index']:.1f}"
        assert float(row[6]) == pytest.approx(county["yoy_change"], abs=0.05) and row[6][0] in "+-"
    assert "基期 2018年 = 100" in view.status_label.text()
    ranking = view.charts.figures["ranking"].axes[0]
    assert [t.get_text() for t in ranking.get_yticklabels()] == list(expected["region_name"])
    series = view.charts.figures["series"].axes[0]
    assert [t.get_text() for t in series.get_xticklabels()] == ["2018年", "2019年"]
    view.charts.set_current_chart("dimensions")
    shot = tmp_path / "index_view.png"
    assert view.grab().save(str(shot))
    assert shot.stat().st_size > 10_000


@pytest.mark.slow
def test_a_robustness_run_reports_progress_and_draws_the_rank_bands(qtbot, demo_view):
    view = demo_view
    view.samples_spin.setValue(400)
    steps = []
    with qtbot.waitSignal(view.sig_robustness_done, timeout=TIMEOUT) as done:
        qtbot.mouseClick(view.robust_button, Qt.MouseButton.LeftButton)
        assert view.busy and view.cancel_button.isVisible()
        view._robust_worker.sig_progress.connect(lambda d, t, m: steps.append((d, t)))
    result = done.args[0]
    assert len(result.samples) == 400
    assert steps and all(d <= t for d, t in steps)
    assert not view.busy and not view.progress_bar.isVisible()
    assert view.charts.current_chart() == "ranking"
    ranking = view.charts.figures["ranking"].axes[0]
    assert [t.get_text() for t in ranking.get_legend().get_texts()] == ["5%–95% 区间", "中位排名", "公布排名（默认方案）"]
    sensitivity = view.charts.figures["sensitivity"].axes[0]
    assert {t.get_text() for t in sensitivity.get_yticklabels()} >= {"权重", "标准化方法", "加总方法"}
    assert "稳健性分析完成" in view.status_label.text()


@pytest.mark.slow
def test_a_long_robustness_run_can_be_cancelled(qtbot, demo_view):
    view = demo_view
    view.samples_spin.setValue(100_000)
    qtbot.mouseClick(view.robust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.progress_bar.maximum() > 1 and view.progress_bar.value() > 0, timeout=TIMEOUT)
    with qtbot.waitSignal(view._robust_worker.sig_cancelled, timeout=TIMEOUT):
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.busy, timeout=TIMEOUT)
    assert view.status_label.text() == "已取消"
    assert view.robustness_result is None and view.robust_button.isEnabled()


def test_the_samples_and_chart_are_remembered_for_the_next_time(qtbot, view):
    view.samples_spin.setValue(2500)
    view.charts.set_current_chart("series")
    assert settings.read("index/samples") == 2500 and settings.read("index/chart") == "series"
    again = IndexView(auto_run=False)
    qtbot.addWidget(again)
    assert again.samples_spin.value() == 2500 and again.charts.current_chart() == "series"


@pytest.mark.slow
def test_a_period_chosen_in_the_picker_is_computed_and_remembered(qtbot, demo_view):
    view = demo_view
    index = view.period_combo.findData("2019-09")
    with qtbot.waitSignal(view.sig_computed, timeout=TIMEOUT) as computed:
        view.period_combo.setCurrentIndex(index)
        view.period_combo.activated.emit(index)
    assert computed.args[0].period.key == "2019-09"
    assert settings.read("index/period") == "2019-09"
    assert "2019年1-9月" in view.status_label.text()


@pytest.mark.slow
def test_the_view_runs_alone_on_the_demo_project(tmp_path, workbench_home):
    shot = tmp_path / "index_view.png"
    env = {**os.environ, "WORKBENCH_HOME": str(workbench_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "workbench.views.index_view", "--period", "2019", "--robustness",
                             "--screenshot", str(shot)], capture_output=True, text=True, encoding="utf-8", env=env,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1280, 800)


def test_an_empty_project_says_it_needs_figures_instead_of_failing(qtbot, tmp_path):
    from workbench.models.plan import DEFAULT_PLAN_ID
    from workbench.models.store import Project

    project = Project.create(tmp_path / "空项目.wbproj", DEFAULT_PLAN_ID)
    try:
        view = IndexView(auto_run=True)
        qtbot.addWidget(view)
        view.set_project(project)
        view.show()
        qtbot.waitUntil(lambda: "还没有" in view.status_label.text(), timeout=TIMEOUT)
        assert not view.busy and view.index is None
        assert view.table_model.rowCount() == 0
    finally:
        project.close()
