"""The main window as a user meets it: stages, shortcuts, projects, errors, remembered layout."""

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QMessageBox

from workbench import APP_TITLE, settings
from workbench.models.store import Project
from workbench.views.main_window import MainWindow
from workbench.views.stages import STAGES

STAGE_NAMES = ["项目", "计划指标", "地区", "导入", "映射", "审核", "目标与考核", "成长指数", "导出"]


def make_window(qtbot, show=True):
    window = MainWindow()
    qtbot.addWidget(window)
    if show:
        window.show()
        qtbot.waitExposed(window)
    return window


def only_message(qtbot, window) -> QMessageBox:
    qtbot.waitUntil(lambda: len(window.open_messages()) == 1)
    return window.open_messages()[0]


@pytest.fixture
def window(qtbot):
    return make_window(qtbot)


def test_navigation_lists_the_nine_stages_in_chinese(window):
    assert window.stage_labels() == STAGE_NAMES
    assert window.windowTitle() == APP_TITLE
    assert window.current_stage == "project"
    assert window.project_view.showing_welcome


def test_ctrl_2_switches_to_the_plan_page(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.sig_stage_changed) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ["plan"]
    assert window.stack.currentWidget() is window.plan_view
    assert window.stage_list.currentItem().text() == "计划指标"
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.current_stage == "exports"


def test_every_stage_shows_its_own_page_built_on_first_visit(window):
    assert set(window.built_pages()) <= {window.current_stage}  # nothing built ahead of need
    for stage in STAGES:
        window.set_stage(stage.key)
        page = window.stack.currentWidget()
        assert window.built_pages()[stage.key] is page
        assert type(page).__name__.endswith("View")
    assert window.stack.count() == len(STAGES)
    assert window.index_view is window.built_pages()["index"]


def test_geometry_and_stage_are_remembered_across_windows(qtbot, workbench_home):
    first = make_window(qtbot)
    first.resize(790, 580)  # the offscreen screen is 800 × 800
    first.move(QPoint(40, 30))
    first.set_stage("regions")
    first.close()
    assert settings.settings_path().is_relative_to(workbench_home)
    assert settings.read("window/stage") == "regions"

    second = make_window(qtbot, show=False)
    assert second.size() == QSize(790, 580)
    assert second.current_stage == "regions"
    second.show()  # the remembered page is built once the window shows
    qtbot.waitUntil(lambda: "regions" in second.built_pages())
    assert second.stack.currentWidget() is second.region_view


def test_opening_a_file_that_is_not_a_project_shows_an_error_and_the_window_goes_on(
    window, qtbot, tmp_path
):
    notes = tmp_path / "季度说明.txt"
    notes.write_text("这不是项目文件", encoding="utf-8")
    assert window.open_project(notes) is False  # returns at once: the message does not block
    box = only_message(qtbot, window)
    assert box.icon() == QMessageBox.Icon.Critical
    assert "季度说明.txt" in box.text() and "不是工作台项目文件" in box.text()
    assert notes.read_text(encoding="utf-8") == "这不是项目文件"
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not window.open_messages())

    assert window.project is None
    window.set_stage("plan")
    assert window.stack.currentWidget() is window.plan_view
    assert window.new_project(tmp_path / "二季度.wbproj")
    assert window.windowTitle() == f"{APP_TITLE} — 二季度"


def test_a_missing_recent_project_is_reported_and_dropped(window, qtbot, tmp_path):
    gone = tmp_path / "已删除.wbproj"
    settings.add_recent_project(gone)
    assert window.open_project(gone) is False
    box = only_message(qtbot, window)
    assert "已删除.wbproj" in box.text()
    assert settings.read("recent_projects") == []


def test_new_project_shows_its_summary_and_joins_the_recent_list(window, qtbot, tmp_path):
    path = tmp_path / "2019年三季度.wbproj"
    with qtbot.waitSignal(window.sig_project_opened) as blocker:
        assert window.new_project(path)
    assert isinstance(blocker.args[0], Project)
    assert window.windowTitle() == f"{APP_TITLE} — 2019年三季度"
    assert window.current_stage == "project"
    summary = window.project_view.summary
    assert not window.project_view.showing_welcome
    assert summary.path_label.text() == str(path)
    assert "小微企业三年成长计划" in summary.plan_label.text()
    assert summary.count_labels["imports"].text() == "0"
    assert settings.read("recent_projects") == [str(path)]

    with qtbot.waitSignal(window.sig_project_closed):
        window.close_project()
    assert window.project_view.showing_welcome
    assert window.windowTitle() == APP_TITLE
    recent = window.project_view.welcome.recent_list
    assert recent.count() == 1


def test_double_clicking_a_recent_project_opens_it(qtbot, tmp_path):
    path = tmp_path / "上报汇总.wbproj"
    Project.create(path, "jiaxing-sme-2018-2020").close()
    settings.add_recent_project(path)
    window = make_window(qtbot)
    recent = window.project_view.welcome.recent_list
    item = recent.item(0)
    rect = recent.visualItemRect(item)
    with qtbot.waitSignal(window.sig_project_opened):
        # A real double-click: QTest's double-click event alone lacks the first press-release.
        qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.project.path == path


def _demo_data_shipped() -> bool:
    from workbench.models.resources import resource

    return resource("demo", "manifest.json").is_file()


@pytest.mark.skipif(not _demo_data_shipped(), reason="resources/demo 尚未生成示例报表")
def test_the_demo_project_lists_its_imports(window, qtbot):
    with qtbot.waitSignal(window.sig_project_opened):
        window.project_view.welcome.demo_button.click()
    summary = window.project_view.summary
    rows = summary.imports_model.rowCount()
    assert rows > 0
    assert summary.count_labels["imports"].text() == f"{rows:,}"
    assert summary.imports_table.isVisibleTo(window)
    status = summary.imports_model.column_number("状态")
    assert summary.imports_model.index(0, status).data() == "已导入"  # the demo workbooks are imported


def test_a_project_open_elsewhere_warns_without_blocking(window, qtbot, tmp_path):
    path = tmp_path / "共用.wbproj"
    other = Project.create(path, "jiaxing-sme-2018-2020")
    try:
        assert window.open_project(path)
        box = only_message(qtbot, window)
        assert box.icon() == QMessageBox.Icon.Warning
        assert "共用.wbproj" in box.text()
        assert window.statusBar().currentMessage() == window.project.lock_warning
        assert window.project is not None
    finally:
        window.close_project()
        other.close()


def test_closing_remembers_the_open_project(qtbot, tmp_path):
    window = make_window(qtbot)
    path = tmp_path / "年终.wbproj"
    window.new_project(path)
    window.close()
    assert settings.read("last_project") == str(path)
    assert window.project is None  # closing the window closed the file


def test_about_is_reachable_from_the_help_menu(window, qtbot):
    window.about_action.trigger()
    from workbench.views.about_dialog import AboutDialog

    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(AboutDialog)))
    dialog = next(d for d in window.findChildren(AboutDialog) if d.isVisible())
    dialog.reject()


def test_a_demo_that_cannot_be_prepared_is_a_message(window, qtbot, monkeypatch):
    import workbench.models.demo_project as demo

    def fail(folder):
        raise FileNotFoundError(2, "没有示例数据", "manifest.json")

    monkeypatch.setattr(demo, "ensure_demo_project", fail)
    window.project_view.welcome.demo_button.click()
    box = only_message(qtbot, window)
    assert "示例项目" in box.text() and "manifest.json" in box.text()
    assert window.project is None
