"""导入到项目 as a user meets it: files stored in the open project in the background, counts on the
project page, a second import of the same file recognised, a drifted layout shown before its
figures count, a corrected workbook naming the figures it changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from workbench.models.resources import resource
from workbench.views.import_view import ImportView
from workbench.views.main_window import MainWindow

WORKBOOKS = Path(str(resource("demo", "workbooks")))
SAMR = WORKBOOKS / "2019Q3" / "市场监管局_2019年1-9月小微企业发展情况表.xlsx"
COMMERCE = WORKBOOKS / "2019Q3" / "商务局_2019年三季度商务领域小微企业培育情况月报.xlsx"
TIMEOUT = 60_000


def demo_file(quarter: str, department: str) -> Path:
    return next((WORKBOOKS / quarter).glob(f"{department}_*"))


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.new_project(tmp_path / "季度.wbproj")
    window.set_stage("imports")
    return window


def read(qtbot, view: ImportView, paths) -> None:
    with qtbot.waitSignal(view.sig_files_read, timeout=TIMEOUT):
        view.add_paths(paths)


def import_listed(qtbot, view: ImportView) -> list:
    assert view.project_button.isEnabled()
    with qtbot.waitSignal(view.sig_imported, timeout=TIMEOUT) as blocker:
        view.project_button.click()
        assert view.busy and view.cancel_button.isVisible()
    return blocker.args[0]


def test_two_workbooks_imported_from_the_gui_show_on_the_project_page(window, qtbot):
    view = window.import_view
    read(qtbot, view, [SAMR, COMMERCE])
    with qtbot.waitSignal(window.sig_project_changed, timeout=TIMEOUT):
        view.project_button.click()
    report = view.report
    assert view.details_tabs.currentWidget() is report
    assert report.status_texts() == ["已导入", "已导入"]
    table = report.table
    assert [table.item(r, 1).text() for r in range(2)] == ["市场监管局", "商务局"]
    assert table.item(0, 2).text() == "市场监管局（自动，2019年9月起）"  # template made from the first cut
    assert [table.item(0, c).text() for c in (3, 4, 5)] == ["7", "1", "70"]
    figures = sum(r.figures for r in report.results)
    counts = window.project_view.summary.count_labels
    assert counts["imports"].text() == "2"
    assert counts["observations"].text() == f"{figures:,}"
    assert window.project.db["observations"].count == figures
    assert window.project_view.summary.imports_model.rowCount() == 2
    # the 映射 page lists them at once
    assert sorted(window.mapping_view.import_ids()) == [r.import_id for r in report.results]


def test_the_same_file_imported_again_is_reported_and_stored_once(window, qtbot):
    view = window.import_view
    read(qtbot, view, [SAMR])
    first = import_listed(qtbot, view)
    again = import_listed(qtbot, view)
    assert view.report.status_texts() == ["已导入过（相同文件）"]
    assert again[0].import_id == first[0].import_id
    assert "内容相同" in view.report.details_text()
    assert window.project_view.summary.count_labels["imports"].text() == "1"


def add_a_column(source: Path, folder: Path) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(source)
    ws = wb.active
    ws["D2"] = "检验检测机构数（家）"
    for row in range(3, 11):
        ws.cell(row, 4, 12)
    target = folder / f"修改_{source.name}"
    wb.save(target)
    return target


def test_a_drifted_file_shows_what_changed_and_counts_only_once_accepted(window, qtbot, tmp_path):
    view, project = window.import_view, window.project
    drifted = add_a_column(demo_file("2019Q4", "质监局"), tmp_path)
    read(qtbot, view, [demo_file("2019Q3", "质监局"), drifted])
    results = import_listed(qtbot, view)
    assert [r.status for r in results] == ["imported", "drift_pending"]
    pending = results[1].import_id
    qtbot.waitUntil(lambda: view.report.drift_dialog is not None and view.report.drift_dialog.isVisible())
    dialog = view.report.drift_dialog
    assert dialog.change_texts() == ["新增列｜开放共享｜—｜检验检测机构数（家）"]
    assert view.report.status_texts()[1] == "版式变化待确认，未计入"
    assert dialog.accept_button.text() == "接受变化并导入" and dialog.decline_button.text() == "暂不导入"

    with qtbot.waitSignal(dialog.finished):
        dialog.decline_button.click()
    assert view.report.status_texts()[1] == "暂不导入（版式变化待确认）"
    assert pending not in set(project.observations(current=True).import_id)

    view.report.select(1)
    assert view.report.drift_button.isEnabled()
    with qtbot.waitSignal(window.sig_project_changed):
        view.report.drift_button.click()
        again = view.report.drift_dialog
        assert again is not None and again.isVisible()
        again.accept_button.click()
    assert view.report.status_texts()[1] == "已导入"
    assert pending in set(project.observations(current=True).import_id)
    assert window.project_view.summary.count_labels["observations"].text() == f"{len(project.observations()):,}"
    assert not view.report.drift_button.isEnabled()


def test_a_corrected_workbook_lists_the_figures_it_changed(window, qtbot, tmp_path):
    from openpyxl import load_workbook

    wb = load_workbook(SAMR)
    wb["小微企业发展情况"]["C12"] = 2100
    corrected = tmp_path / "市场监管局_2019年1-9月小微企业发展情况表（更正）.xlsx"
    wb.save(corrected)
    view = window.import_view
    read(qtbot, view, [SAMR])
    import_listed(qtbot, view)
    view.clear()
    read(qtbot, view, [corrected])
    import_listed(qtbot, view)
    assert view.report.status_texts() == ["已导入（替换同期旧文件）"]
    assert "新增小微｜南湖区｜2019年1-9月本年累计：2034 → 2100（小微企业发展情况!C12）" in view.report.details_text()


def test_cancel_stops_between_files_and_keeps_what_was_imported(window, qtbot):
    view = window.import_view
    files = sorted((WORKBOOKS / "2019Q3").iterdir()) + sorted((WORKBOOKS / "2019Q4").iterdir())
    read(qtbot, view, files)
    view.progress_bar.valueChanged.connect(lambda value: value >= 1 and view.cancel_button.click())
    results = import_listed(qtbot, view)
    assert 1 <= len(results) < len(files)
    assert view.progress_label.text().startswith("已取消导入")
    assert len(window.project.list_imports()) == len(results)
    assert window.project_view.summary.count_labels["imports"].text() == str(len(results))


def test_without_a_project_the_import_action_is_off(qtbot):
    view = ImportView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.sig_files_read, timeout=TIMEOUT):
        view.add_paths([SAMR])
    assert not view.project_button.isEnabled()
    assert "打开或新建项目" in view.project_button.toolTip()


def test_the_drift_dialog_lists_each_change_in_chinese(qtbot):
    from workbench.models.importing import ImportResult
    from workbench.views.drift_dialog import DriftDialog

    drift = [
        {"kind": "column_renamed", "sheet": "表1", "header": "实际受惠面（%）", "old": "受惠面(%)", "new": "实际受惠面（%）",
         "message": "列改名"},
        {"kind": "column_moved", "sheet": "表1", "header": "甲", "old": "B列", "new": "C列", "message": "位置变化"},
        {"kind": "unit_changed", "sheet": "表1", "header": "单位行", "old": "万元", "new": "元", "message": "单位"},
        {"kind": "column_removed", "sheet": "表1", "header": "乙", "old": "乙", "new": None, "message": "删除"},
    ]
    dialog = DriftDialog(ImportResult("a.xlsx", "税务局", "税务局模板", status="drift_pending", drift=drift))
    qtbot.addWidget(dialog)
    assert dialog.change_texts() == ["列改名｜表1｜受惠面(%)｜实际受惠面（%）", "列位置变化｜表1｜B列｜C列",
                                     "单位变化｜表1｜万元｜元", "删除列｜表1｜乙｜—"]
    assert dialog.import_result.drift == drift
    with qtbot.waitSignal(dialog.rejected):
        dialog.open()
        dialog.decline_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
