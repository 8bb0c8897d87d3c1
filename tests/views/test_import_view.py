"""The 导入 page as a user meets it: files read in the background, errors named, preview, corrections."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from workbench import settings
from workbench.models.import_batch import FIGURE_TABLE_COLUMNS
from workbench.models.resources import resource
from workbench.views.import_view import ERROR_COLOUR, ImportView, corrections_path
from workbench.views.sheet_preview_model import ROLE_COLOURS, ROLE_ROLE

Q3 = Path(str(resource("demo", "workbooks", "2019Q3")))
Q4 = Path(str(resource("demo", "workbooks", "2019Q4")))
SAMR = Q3 / "市场监管局_2019年1-9月小微企业发展情况表.xlsx"
SAMR_Q4 = Q4 / "市场监管局_2019年1-12月小微企业发展情况表.xlsx"
COMMERCE = Q3 / "商务局_2019年三季度商务领域小微企业培育情况月报.xlsx"
READ_TIMEOUT = 30_000


def make_view(qtbot) -> ImportView:
    view = ImportView()
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def view(qtbot):
    return make_view(qtbot)


def read(qtbot, view, paths):
    with qtbot.waitSignal(view.sig_files_read, timeout=READ_TIMEOUT) as blocker:
        view.add_paths(paths)
    return blocker.args[0]


def drag_and_drop(target, paths) -> bool:
    """Drag ``paths`` over ``target`` and drop them there, as a file manager does; True if it took them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    args = (QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(*args)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def test_two_workbooks_and_a_broken_file_are_read_in_the_background(view, qtbot, tmp_path):
    broken = tmp_path / "x.xlsx"
    broken.write_bytes(os.urandom(4096))
    progress = []
    view.progress_bar.valueChanged.connect(progress.append)
    with qtbot.waitSignal(view.sig_files_read, timeout=READ_TIMEOUT) as blocker:
        view.add_paths([SAMR, COMMERCE, broken])
        # add_paths came straight back: the reading runs in the worker, the GUI goes on
        assert view.busy and view.results == []
        assert view.cancel_button.isVisible() and view.progress_bar.isVisible()
    results = blocker.args[0]
    assert [r.ok for r in results] == [True, True, False]
    status = view.status_texts()
    assert status[:2] == ["已读取", "已读取"]
    assert status[2].startswith("无法读取：") and "x.xlsx" in status[2]
    assert view.results_table.item(2, 6).foreground().color().name() == ERROR_COLOUR
    assert [view.results_table.item(r, 1).text() for r in range(2)] == ["市场监管局", "商务局"]
    assert view.results_table.item(1, 3).text() == "3"  # one table per month sheet
    assert any(0 < value for value in progress), "the progress bar never moved"
    assert not view.busy and not view.progress_bar.isVisible()
    assert "1 个无法读取" in view.progress_label.text()

    view.select_file(2)
    assert view.details_stack.currentIndex() == 2
    assert "x.xlsx" in view.error_label.text()


def test_cancel_stops_a_batch_before_its_end(view, qtbot, tmp_path):
    for k in range(30):
        shutil.copy(SAMR, tmp_path / f"{k:02d}_{SAMR.name}")
    view.progress_bar.valueChanged.connect(lambda value: value >= 1 and view.cancel_button.click())
    results = read(qtbot, view, [tmp_path])
    assert 1 <= len(results) < 30
    assert len(view.results) == len(results)
    assert view.progress_label.text().startswith("已取消")
    assert not view.busy


def test_esc_cancels(view, qtbot, tmp_path):
    for k in range(30):
        shutil.copy(SAMR, tmp_path / f"{k:02d}.xlsx")
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.progress_bar.valueChanged.connect(
        lambda value: value >= 1 and qtbot.keyClick(view.results_table, Qt.Key.Key_Escape))
    results = read(qtbot, view, [tmp_path])
    assert len(results) < 30


def test_selecting_a_file_previews_its_sheet_with_colours_spans_and_figures(view, qtbot):
    read(qtbot, view, [SAMR, COMMERCE])
    view.select_file(0)
    shown = view.file_preview
    model = shown.preview_model
    title = model.index(0, 0)
    assert title.data().startswith("2019年1-9月各县（市、区）小微企业发展情况表")
    assert title.data(ROLE_ROLE) == "title"
    assert title.data(Qt.ItemDataRole.BackgroundRole).color().name() == ROLE_COLOURS["title"]
    county = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "南 湖 区")
    assert model.index(county, 0).data(ROLE_ROLE) == "region"
    assert shown.preview.columnSpan(0, 0) == 10  # the title merged across A1:J1
    assert shown.preview.rowSpan(6, 0) == 3  # 地区 over three header rows

    figures = shown.figures_model
    assert list(figures.dataframe.columns) == FIGURE_TABLE_COLUMNS
    assert figures.rowCount() == len(view.results[0].extraction.figures)
    regions = {figures.index(r, 0).data() for r in range(figures.rowCount())}
    assert {"南湖区", "嘉兴市"} <= regions
    assert "本工作表" in shown.figures_label.text()
    assert [chip.text() for chip in shown.legend_chips.values()][:9] == [
        "标题", "单位", "表头", "栏次", "地区", "数据", "合计", "其中", "注释"]

    # clicking a figure shows its cell
    row = next(r for r in range(figures.rowCount()) if figures.index(r, 6).data() == "C12")
    at = shown.figures_proxy.mapFromSource(figures.index(row, 0))
    shown.figures_view.scrollTo(at)
    qtbot.mouseClick(shown.figures_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=shown.figures_view.visualRect(at).center())
    assert (shown.preview.currentIndex().row(), shown.preview.currentIndex().column()) == (11, 2)

    # another file, another sheet
    view.select_file(1)
    assert shown.sheet_tabs.count() == 3 and shown.sheet_tabs.tabText(2) == "9月"
    shown.sheet_tabs.setCurrentIndex(2)
    assert view.current_sheet.name == "9月"
    assert model.index(2, 2).data(ROLE_ROLE) == "region"  # 南湖区 across the header row
    shown.all_sheets_box.setChecked(True)
    assert shown.figures_model.rowCount() == len(view.results[1].extraction.figures)


def test_a_correction_changes_the_figures_and_is_remembered_for_the_same_layout(view, qtbot):
    read(qtbot, view, [SAMR])
    view.select_file(0)
    before = len(view.results[0].extraction.figures)
    bar = view.correction_bar
    assert (bar.header_first.value(), bar.header_last.value()) == (7, 9)  # as detected, 1-based
    assert bar.orientation.currentData() == "rows" and bar.axis.text() == "A"

    bar.header_first.setValue(8)  # the group row 7 is no header: 8–9 only
    with qtbot.waitSignal(view.sig_result_updated, timeout=READ_TIMEOUT):
        bar.apply_button.click()
    after = view.results[0]
    assert after.extraction.tables[0].header_rows == [7, 8]
    assert len(after.extraction.figures) != before
    assert view.file_preview.figures_model.rowCount() == len(after.extraction.figures)
    assert bar.reset_button.isEnabled()
    assert "已按保存的表式更正识别" in view.file_preview.table_info.text()
    saved = json.loads(corrections_path().read_text(encoding="utf-8"))
    [entry] = saved["corrections"].values()
    assert entry["header_rows"] == [7, 8] and entry["file"] == SAMR.name

    # next quarter's file in the same layout is read the corrected way, also by a new view
    [q4] = read(qtbot, view, [SAMR_Q4])
    assert q4.extraction.tables[0].header_rows == [7, 8]
    assert view.status_texts()[1] == "已读取（已套用表式更正）"
    other = make_view(qtbot)
    [again] = read(qtbot, other, [SAMR_Q4])
    assert again.corrected_sheets == [again.workbook.sheets[0].name]

    # 恢复自动识别 forgets it
    view.select_file(0)
    with qtbot.waitSignal(view.sig_result_updated, timeout=READ_TIMEOUT):
        bar.reset_button.click()
    assert view.results[0].extraction.tables[0].header_rows == [6, 7, 8]
    assert len(view.results[0].extraction.figures) == before
    assert json.loads(corrections_path().read_text(encoding="utf-8"))["corrections"] == {}


def test_dropping_files_and_folders_reads_them(view, qtbot, tmp_path):
    shutil.copy(COMMERCE, tmp_path / COMMERCE.name)
    with qtbot.waitSignal(view.sig_files_read, timeout=READ_TIMEOUT) as blocker:
        assert drag_and_drop(view, [SAMR, tmp_path])
    assert [r.name for r in blocker.args[0]] == [SAMR.name, COMMERCE.name]
    assert view.body_stack.currentIndex() == 1


def test_a_drag_without_files_is_refused(view):
    mime = QMimeData()
    mime.setText("只是一段文字")
    event = QDragEnterEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view, event)
    assert not event.isAccepted()


def test_ctrl_i_asks_for_files_and_remembers_the_folder(view, qtbot, monkeypatch):
    asked = []

    def fake_dialog(parent, caption, folder, filters):
        asked.append((caption, filters))
        return [str(SAMR)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_dialog))
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    with qtbot.waitSignal(view.sig_files_read, timeout=READ_TIMEOUT):
        qtbot.keyClick(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert asked and "*.xlsx" in asked[0][1] and "*.et" in asked[0][1]
    assert settings.read("last_import_dir") == str(SAMR.parent)
    assert view.status_texts() == ["已读取"]


def test_clear_empties_the_list_and_shows_the_drop_hint(view, qtbot):
    read(qtbot, view, [SAMR])
    view.clear_button.click()
    assert view.results == [] and view.results_table.rowCount() == 0
    assert view.body_stack.currentIndex() == 0
    assert view.file_preview.preview_model.rowCount() == 0


def test_the_main_window_shows_the_import_page_and_forwards_drops(qtbot):
    from workbench.views.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.set_stage("导入")
    assert window.stack.currentWidget() is window.import_view
    window.set_stage("plan")
    with qtbot.waitSignal(window.import_view.sig_files_read, timeout=READ_TIMEOUT):
        assert drag_and_drop(window.plan_view, [SAMR])  # not a drop target itself: the window takes it
    assert window.current_stage == "imports"
    assert window.import_view.status_texts() == ["已读取"]
