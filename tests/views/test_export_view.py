"""The 导出 page as a user meets it, on the demo project: choose, preview, copy, generate, cancel."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from workbench import settings
from workbench.models.assessment.engine import assessed_units
from workbench.models.charts.report_charts import report_charts
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions
from workbench.views.assessment_jobs import latest_data_quarter, quarter_ends
from workbench.views.export_view import ExportView

TIMEOUT = 120_000
PLAN = load_plan()


def shown_view(qtbot, project) -> ExportView:
    view = ExportView()
    qtbot.addWidget(view)
    view.resize(1280, 820)
    with qtbot.waitSignal(view.sig_context_ready, timeout=TIMEOUT):
        view.set_project(project)
        view.show()
    return view


@pytest.fixture
def view(qtbot, demo_project):
    view = shown_view(qtbot, demo_project)
    yield view
    view.shutdown()


@pytest.fixture
def at_2019_09(qtbot, demo_project):
    """The page at 2019-09, as chosen last time (while no newer quarter has data)."""
    settings.write("export/period", "2019-09")
    settings.write("export/period_latest", latest_data_quarter(demo_project, PLAN))
    view = shown_view(qtbot, demo_project)
    assert view.context.at == "2019-09" and view.options.period() == "2019-09"
    yield view
    view.shutdown()


def test_the_options_list_the_scored_units_the_indicators_and_the_quarters_with_data(view, demo_project):
    units = [name for _code, name, level in assessed_units(PLAN, load_regions()) if level != "city"]
    county_list = view.options.county_list
    assert [county_list.item(r).text() for r in range(county_list.count())] == units
    assert units[:7] == ["南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"]
    assert all(county_list.item(r).checkState() == Qt.CheckState.Checked for r in range(county_list.count()))
    assert view.options.all_indicators() == [i.code for i in PLAN.indicators if i.assessed]
    tree = view.options.indicator_tree
    assert [tree.topLevelItem(g).text(0) for g in range(tree.topLevelItemCount())] == [
        name for code, name in PLAN.groups.items() if any(i.group == code and i.assessed for i in PLAN.indicators)]
    latest = latest_data_quarter(demo_project, PLAN)
    combo = view.options.period_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [m for m in quarter_ends(PLAN) if m <= latest]
    assert view.options.period() == latest == view.context.at  # the latest quarter by default
    key_items = [item.text(0) for item in view.options._indicator_items() if item.text(0).startswith("★")]
    assert len(key_items) == len(view.context.key_indicator_codes) > 0


def test_the_preview_draws_the_reports_charts_and_tables(at_2019_09):
    view = at_2019_09
    context = view.context
    assert [view.preview.chart_list.item(r).text() for r in range(view.preview.chart_list.count())] == [
        c.title for c in report_charts(context)]
    assert view.preview.canvas.figure.axes  # something is drawn
    assert view.preview.select("02-total-trend")
    assert view.preview.current_chart().name == "02-total-trend" and view.preview.canvas.figure.axes
    ranking = view.tables.ranking_model
    top = context.counties.sort_values("rank").iloc[0]
    assert ranking.index(0, 1).data() == top["region_name"]
    assert ranking.index(0, 2).data() == f"{top['total_score']:.2f}"
    assert "2019年9月" in view.status_label.text()


def test_copying_a_chart_puts_an_image_on_the_clipboard(qtbot, at_2019_09):
    view = at_2019_09
    QGuiApplication.clipboard().clear()
    assert QGuiApplication.clipboard().image().isNull()
    qtbot.mouseClick(view.preview.copy_button, Qt.MouseButton.LeftButton)
    image = QGuiApplication.clipboard().image()
    assert not image.isNull()
    figure = view.preview.current_chart().make()
    width, _height = figure.get_size_inches()
    assert abs(image.width() - width * 200) <= 2  # the export size at 200 dpi
    assert "已复制图表" in view.status_label.text()


def test_copying_a_table_puts_html_and_text_with_the_top_county(qtbot, at_2019_09):
    view = at_2019_09
    top = view.context.counties.sort_values("rank").iloc[0]
    qtbot.mouseClick(view.tables.copy_button, Qt.MouseButton.LeftButton)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    html, text = mime.html(), mime.text()
    assert "<table" in html and "宋体" in html and "2019年9月各县（市、区）考核得分排名" in html
    assert f"{top['region_name']}</td>" in html and f"{top['total_score']:.2f}</td>" in html
    first = text.splitlines()[1].split("\t")
    assert first[:3] == ["1", top["region_name"], f"{top['total_score']:.2f}"]

    assert view.tables.select_indicator("new_sme")
    view.tables.copy_action.trigger()
    text = QGuiApplication.clipboard().mimeData().text()
    assert text.splitlines()[0].split("\t")[:4] == ["地区", "实际", "目标", "完成率"]
    assert "新增小微企业（家）" in QGuiApplication.clipboard().mimeData().html()


def test_unchecking_a_county_rebuilds_the_preview_without_it(qtbot, at_2019_09):
    view = at_2019_09
    last = view.context.counties.sort_values("rank").iloc[-1]
    with qtbot.waitSignal(view.sig_context_ready, timeout=TIMEOUT) as blocker:
        view.options.set_checked(counties=[c for c in view.options.all_counties() if c != last["region_code"]])
    context = blocker.args[0]
    assert last["region_code"] not in context.county_codes and len(context.county_codes) == 6
    names = [view.tables.ranking_model.index(r, 1).data() for r in range(view.tables.ranking_model.rowCount())]
    assert last["region_name"] not in names and len(names) == 6


@pytest.mark.slow
def test_generating_writes_a_package_folder_with_its_manifest(qtbot, at_2019_09, tmp_path):
    view = at_2019_09
    out = tmp_path / "材料"
    view.options.set_folder(str(out))
    view.options.set_outputs(("xlsx", "charts"), ("png",))
    view.options.doc_number_edit.setText("嘉小微办〔2019〕5号")
    opened = []
    view.open_url = opened.append
    with qtbot.waitSignal(view.sig_package_written, timeout=TIMEOUT) as blocker:
        qtbot.keyClick(view.options.generate_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    result = blocker.args[0]
    assert result.folder == out / "2019年9月考核材料"
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["period"] == "2019-09"
    assert manifest["options"]["outputs"] == ["charts", "xlsx"]
    assert manifest["project_state"]["digest"] == view.context.state["digest"]
    files = manifest["files"]
    assert "考核情况表（2019年9月）.xlsx" in [f["path"] for f in files]
    # The growth index was not asked for: its charts stay out, the assessment's are all there.
    assessment_charts = [c for c in report_charts(view.context) if "-index-" not in c.name]
    assert len([f for f in files if f["kind"] == "chart"]) == len(assessment_charts)
    assert not any("-index-" in f["path"] for f in files)
    for entry in files:
        assert (result.folder / entry["path"]).stat().st_size == entry["bytes"]
    # a message names the folder and offers to open it
    box = view.message_box
    assert box is not None and str(result.folder) in box.text()
    open_button = next(b for b in box.buttons() if b.text() == "打开文件夹")
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(result.folder)]
    assert settings.read("export/folder") == str(out)
    assert settings.read("export/outputs") == ["charts", "xlsx"]  # remembered for next time

    view.options.set_outputs(("xlsx",))
    with qtbot.waitSignal(view.sig_package_written, timeout=TIMEOUT) as blocker:  # never overwritten
        assert view.generate()
    assert blocker.args[0].folder == out / "2019年9月考核材料（2）"


def test_generating_right_after_a_new_choice_writes_the_package_of_that_choice(qtbot, at_2019_09, tmp_path):
    view = at_2019_09
    view.options.set_folder(str(tmp_path))
    view.options.set_outputs(("xlsx",))
    with qtbot.waitSignal(view.sig_package_written, timeout=TIMEOUT) as blocker:
        assert view.options.set_period("2019-06")  # the preview of 2019-06 is not built yet
        assert view.generate()
    assert blocker.args[0].folder == tmp_path / "2019年6月考核材料"
    assert view.context.at == "2019-06"
    manifest = json.loads(blocker.args[0].manifest.read_text(encoding="utf-8"))
    assert manifest["period"] == "2019-06"
    assert settings.read("export/period") == "2019-06"  # offered again next time


def test_cancelling_a_generation_leaves_no_folder(qtbot, at_2019_09, tmp_path):
    view = at_2019_09
    out = tmp_path / "out"
    out.mkdir()
    view.options.set_folder(str(out))
    view.options.set_outputs(("docx", "xlsx", "pptx", "charts"), ("png", "svg", "pdf"))
    with qtbot.waitSignal(view.sig_cancelled, timeout=TIMEOUT):
        assert view.generate()
        assert view.busy and view.cancel_button.isVisible()
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert list(out.iterdir()) == []
    assert "没有写出" in view.status_label.text()
    assert not view.busy and view.options.generate_button.isEnabled()


def test_a_package_that_cannot_be_written_is_a_chinese_message(qtbot, at_2019_09, tmp_path):
    view = at_2019_09
    blocker_file = tmp_path / "不是文件夹.txt"
    blocker_file.write_text("x", encoding="utf-8")
    view.options.set_folder(str(blocker_file))
    view.options.set_outputs(("charts",), ("png",))
    with qtbot.waitSignal(view.sig_failed, timeout=TIMEOUT) as blocker:
        assert view.generate()
    assert "不是文件夹" in blocker.args[0] and "Traceback" not in blocker.args[0]
    box = view.message_box
    assert box.icon() == QMessageBox.Icon.Critical and blocker.args[0] in box.text()


def test_nothing_chosen_is_said_before_anything_runs(qtbot, at_2019_09):
    view = at_2019_09
    view.options.set_outputs(())
    assert not view.generate()
    assert view.message_box.text() == "请至少勾选一项要生成的材料"
    assert not view.busy


@pytest.mark.slow
def test_the_export_stage_of_the_main_window_shows_the_export_view(qtbot, demo_project_file, tmp_path):
    from workbench.views.main_window import MainWindow

    path = tmp_path / demo_project_file.name
    shutil.copy(demo_project_file, path)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_project(path)
    assert window.export_view.project is window.project
    with qtbot.waitSignal(window.export_view.sig_context_ready, timeout=TIMEOUT):
        window.set_stage("导出")
    assert window.stack.currentWidget() is window.export_view
    assert window.export_view.preview.canvas.figure.axes
    window.close()


def test_the_program_exits_cleanly_after_copying_to_the_clipboard(tmp_path):
    """The clipboard still holds our data when the application ends: that must not crash the exit."""
    import os
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent("""
        import pandas as pd
        from matplotlib.figure import Figure
        from PySide6.QtWidgets import QApplication
        from workbench.views.export_jobs import copy_figure, copy_table
        app = QApplication([])
        copy_table(pd.DataFrame({"县（市、区）": ["海宁市"], "总分": [99.78]}), "排名")
        figure = Figure()
        figure.add_subplot().plot([1, 2])
        copy_figure(figure, dpi=50)
        print(QApplication.clipboard().mimeData().hasImage())
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WORKBENCH_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.strip() == "True"
