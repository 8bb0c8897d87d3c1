"""The 审核 page as a user meets it, on the demo project (all quarters imported):
run the checks, open a finding at its cell, explain it, undo, switch a rule off."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from demo_project_copy import cell_rc, planted
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox

from workbench.models.checks import stored_findings
from workbench.models.checks.project import RULES_SETTING
from workbench.views.checks_view import ChecksView
from workbench.views.findings_model import FINDING_COLUMNS

TIMEOUT = 30_000
SUM = planted("county_sum_mismatch")  # 市场监管局 2019Q3, 全市 C11: 13296 against 13205
SUM_FILE = PurePosixPath(SUM["file"]).name


@pytest.fixture
def view(qtbot, demo_project):
    view = ChecksView(QUndoStack())
    qtbot.addWidget(view)
    view.resize(1200, 820)
    view.show()
    qtbot.waitExposed(view)
    view.set_project(demo_project)
    return view


def run(qtbot, view) -> int:
    with qtbot.waitSignal(view.sig_checks_done, timeout=TIMEOUT) as blocker:
        view.run_checks()
        assert view.busy and not view.run_button.isEnabled()  # the work is in the worker
    return blocker.args[0]


def shown_rows(view) -> list[dict]:
    """The findings table as shown (after filters), one dict per row, by column title."""
    proxy = view.proxy
    columns = {proxy.headerData(c, Qt.Orientation.Horizontal): c for c in range(proxy.columnCount())}
    return [{name: proxy.index(r, c).data() for name, c in columns.items()} for r in range(proxy.rowCount())]


def sum_finding(view):
    return next(f for f in view.findings.values() if f.rule == "county_sum_mismatch" and f.file == SUM_FILE
                and f.cell == SUM["cell"])


def click_finding(qtbot, view, finding_id):
    row = view.model.row_of(finding_id)
    index = view.proxy.mapFromSource(view.model.index(row, 0))
    view.table.scrollTo(index)
    with qtbot.waitSignal(view.source_preview.sig_cell_shown, timeout=TIMEOUT):
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=view.table.visualRect(index).center())


def test_running_the_checks_lists_the_county_sum_mismatch_with_its_file_and_cell(qtbot, view):
    assert view.status_label.text() == "尚未运行审核"
    count = run(qtbot, view)
    rows = shown_rows(view)
    assert count == len(rows) > 0
    assert list(rows[0])[:len(FINDING_COLUMNS)] == FINDING_COLUMNS
    hits = [r for r in rows if r["规则"] == "县（市、区）之和与全市合计不符" and r["文件"] == SUM_FILE]
    assert len(hits) == 1
    hit = hits[0]
    assert (hit["级别"], hit["工作表"], hit["单元格"], hit["地区"], hit["期别"]) == (
        "错误", SUM["sheet"], SUM["cell"], "嘉兴市", "2019年1-9月")
    assert "13296" in hit["说明"] and "13205" in hit["说明"] and hit["状态"] == "待处理"
    errors = sum(1 for r in rows if r["级别"] == "错误")
    assert f"{errors}</span> 项待处理错误" in view.counts_label.text()
    assert view.status_label.text().startswith("上次审核：")
    assert "阻断" in view.blocking_label.text()


def test_selecting_a_finding_opens_the_source_preview_at_its_cell(qtbot, view):
    run(qtbot, view)
    finding = sum_finding(view)
    click_finding(qtbot, view, finding.id)
    preview = view.source_preview.file_preview
    current = preview.preview.selectionModel().currentIndex()
    assert (current.row(), current.column()) == cell_rc(SUM["cell"])
    assert current.data() == "13296"
    assert preview.sheet_tabs.tabText(preview.sheet_tabs.currentIndex()) == SUM["sheet"]
    assert SUM_FILE in view.source_preview.place_label.text()
    assert "单元格 C11" in view.source_preview.place_label.text()
    assert "C12" in view.source_preview.note_label.text()  # the counties summed
    assert view.explain_button.isEnabled() and not view.confirm_button.isEnabled()


def test_an_error_needs_a_written_explanation_and_undo_reopens_it(qtbot, view):
    run(qtbot, view)
    finding = sum_finding(view)
    click_finding(qtbot, view, finding.id)

    dialog = view.explain_selected()
    qtbot.waitExposed(dialog)
    dialog.text_edit.setPlainText("   ")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert "请填写说明" in dialog.error_label.text() and dialog.error_label.isVisible()
    assert stored_findings(view.project)[0].status == "open"

    dialog.text_edit.setPlainText("已与市场监管局核实：全市数含市本级直接登记的企业。")
    dialog.user_edit.setText("张三")
    with qtbot.waitSignal(dialog.finished):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    stored = {f.id: f for f in stored_findings(view.project)}[finding.id]
    assert stored.status == "overridden" and stored.explained_by == "张三"
    row = next(r for r in shown_rows(view) if r["文件"] == SUM_FILE and r["单元格"] == "C11")
    assert row["状态"].startswith("已说明") and "市本级" in row["处理说明"]
    assert view.current_finding_id() == finding.id  # still selected
    assert not view.explain_button.isEnabled() and view.withdraw_button.isEnabled()

    assert view.undo_stack.count() == 1
    view.undo_stack.undo()
    assert {f.id: f for f in stored_findings(view.project)}[finding.id].status == "open"
    row = next(r for r in shown_rows(view) if r["文件"] == SUM_FILE and r["单元格"] == "C11")
    assert row["状态"] == "待处理" and row["处理说明"] == ""
    view.undo_stack.redo()
    assert {f.id: f for f in stored_findings(view.project)}[finding.id].status == "overridden"


def test_a_warning_is_confirmed_and_filters_narrow_the_list(qtbot, view, ime_commit):
    run(qtbot, view)
    view.filters.severity_combo.setCurrentIndex(view.filters.severity_combo.findData("warning"))
    rows = shown_rows(view)
    assert rows and all(r["级别"] == "提示" for r in rows)
    warning = next(f for f in view.findings.values() if f.severity == "warning")
    click_finding(qtbot, view, warning.id)
    assert view.confirm_button.isEnabled() and not view.explain_button.isEnabled()
    dialog = view.explain_selected()
    assert dialog.ok_button.text() == "确认"
    assert view.apply_explanation(warning.id, "海盐县已补报，数值见附件。", "李四") is None
    dialog.reject()
    assert {f.id: f for f in stored_findings(view.project)}[warning.id].status == "confirmed"

    view.filters.severity_combo.setCurrentIndex(0)
    view.filters.status_combo.setCurrentIndex(view.filters.status_combo.findData("open"))
    assert all(r["状态"] == "待处理" for r in shown_rows(view))
    ime_commit(view.filters.search_edit, "市场监管局_2019年1-9月")
    assert {r["文件"] for r in shown_rows(view)} == {SUM_FILE}


def test_switching_a_rule_off_and_running_again_removes_its_findings(qtbot, view):
    run(qtbot, view)
    assert any(r["规则"] == "县（市、区）之和与全市合计不符" for r in shown_rows(view))
    dialog = view.open_rules_dialog()
    qtbot.waitExposed(dialog)
    assert dialog.table.rowCount() >= 9
    names = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "县（市、区）之和与全市合计不符" in names
    dialog.set_param("unit_slip", "band", 0.5)  # an impossible threshold is refused, in Chinese
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "band" in dialog.error_label.text() and "不能小于 1" in dialog.error_label.text()
    dialog.set_param("unit_slip", "band", 3.0)

    dialog.set_rule_enabled("county_sum_mismatch", False)
    with qtbot.waitSignal(view.sig_checks_done, timeout=TIMEOUT):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert view.project.get_setting(RULES_SETTING) == {"rules": {"county_sum_mismatch": {"enabled": False}}}
    rows = shown_rows(view)
    assert rows and not any(r["规则"] == "县（市、区）之和与全市合计不符" for r in rows)
    assert any(r["规则"] == "疑似元/万元单位错误" for r in rows)


def test_the_data_tab_tells_where_every_figure_came_from(qtbot, view):
    figures = view.observations
    view.tabs.setCurrentIndex(1)
    assert not view.filters.severity_combo.isEnabled()
    model = figures.model
    frame = model.dataframe
    row = int(frame.index[(frame["文件"] == SUM_FILE) & (frame["单元格"] == "C11")
                          & (frame["indicator_code"] == "new_sme")][0])
    tooltip = model.index(row, model.column_number("数值")).data(Qt.ItemDataRole.ToolTipRole)
    assert SUM_FILE in tooltip and f"工作表「{SUM['sheet']}」" in tooltip and "C11" in tooltip
    assert "原文：13296" in tooltip

    figures.select_observation(int(frame["id"].iat[row]))
    assert figures.panel.values["raw_text"].text() == "13296"
    assert figures.panel.values["cell"].text() == "C11"
    with qtbot.waitSignal(figures.source_preview.sig_cell_shown, timeout=TIMEOUT):
        figures.panel.open_button.click()
    current = figures.source_preview.file_preview.preview.selectionModel().currentIndex()
    assert (current.row(), current.column()) == cell_rc("C11")


def test_the_main_window_shows_the_page_and_undoes_explanations(qtbot, demo_project_file, tmp_path):
    import shutil

    from workbench.views.main_window import MainWindow

    path = tmp_path / "p.wbproj"
    shutil.copy(demo_project_file, path)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_project(path)
    window.set_stage("审核")
    page = window.stack.currentWidget()
    assert page is window.checks_view and page.project is window.project
    run(qtbot, page)
    finding = sum_finding(page)
    click_finding(qtbot, page, finding.id)
    assert page.apply_explanation(finding.id, "已核实。", "王五") is None
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert {f.id: f for f in stored_findings(window.project)}[finding.id].status == "open"
    window.close_project()
    assert page.project is None and page.model.rowCount() == 0


def test_a_workbook_no_longer_there_is_named_instead_of_shown(qtbot, view, tmp_path):
    run(qtbot, view)
    finding = sum_finding(view)
    gone = tmp_path / "moved" / SUM_FILE
    with view.project.transaction():
        view.project.db.execute("UPDATE imports SET path = ? WHERE id = ?", [str(gone), finding.import_id])
    row = view.model.row_of(finding.id)
    with qtbot.waitSignal(view.source_preview.sig_failed, timeout=TIMEOUT) as blocker:
        view.table.selectRow(view.proxy.mapFromSource(view.model.index(row, 0)).row())
    assert SUM_FILE in blocker.args[0] and "移动或删除" in blocker.args[0] and str(gone) in blocker.args[0]
    assert view.source_preview.file_preview.isHidden()
    assert view.explain_button.isEnabled()  # the finding can still be explained
