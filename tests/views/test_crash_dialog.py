"""The dialog an unexpected error shows."""

from __future__ import annotations

from workbench.views.crash_dialog import CrashDialog, CrashReporter


def test_the_dialog_names_the_log_file_and_says_the_project_is_safe(qtbot, tmp_path):
    log = tmp_path / "logs" / "workbench.log"
    dialog = CrashDialog("ValueError: 坏数据", log)
    qtbot.addWidget(dialog)
    assert str(log) in dialog.informativeText()
    assert "不受影响" in dialog.informativeText()
    assert dialog.detailedText() == "ValueError: 坏数据"
    assert dialog.open_folder_button.text() == "打开日志文件夹"


def test_reports_from_any_thread_open_one_dialog_in_the_gui_thread(qtbot, tmp_path):
    reporter = CrashReporter()
    with qtbot.waitSignal(reporter.sig_report):
        reporter.report("ValueError: 一", tmp_path / "a.log")
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    first = reporter.dialog
    qtbot.addWidget(first)
    reporter.report("ValueError: 二", tmp_path / "a.log")
    qtbot.wait(50)
    assert reporter.dialog is first and first.detailedText() == "ValueError: 一"
    first.close()
