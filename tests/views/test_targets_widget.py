"""The county-target grid: what it shows, edits that commit at once and undo, defaults, the import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLineEdit

from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import load_plan
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.resources import resource
from workbench.models.store import Project
from workbench.models.targets import import_targets
from workbench.views.targets_model import ESTIMATE_MARK
from workbench.views.targets_widget import TargetsWidget

PLAN = load_plan()
DECOMPOSITION = Path(str(resource("demo", "targets", "县市区目标任务分解表.xlsx")))
COUNTIES = ["330402", "330411", "330421", "330424", "330481", "330482", "330483"]


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "目标.wbproj", PLAN.id) as p:
        yield p


@pytest.fixture
def decomposed(project):
    import_targets(project, DECOMPOSITION, PLAN, RegionResolver(load_regions()), IndicatorMatcher(PLAN))
    return project


@pytest.fixture
def widget(qtbot):
    stack = QUndoStack()
    w = TargetsWidget(stack)
    w.stack_ref = stack  # keep it alive as long as the widget
    qtbot.addWidget(w)
    yield w
    w.set_project(None)


def cell(w: TargetsWidget, indicator: str, region: str, role=Qt.ItemDataRole.DisplayRole):
    model = w.model
    return model.data(model.index(model.indicator_row(indicator), model.region_column(region)), role)


def header(w: TargetsWidget) -> list[str]:
    return [w.model.headerData(c, Qt.Orientation.Horizontal) for c in range(w.model.columnCount())]


def stored(project, indicator, region):
    frame = project.targets()
    rows = frame[(frame["indicator"] == indicator) & (frame["region"] == region)].to_dict("records")
    return rows[0] if rows else None


def test_the_grid_shows_indicators_with_units_by_city_and_county(widget, decomposed):
    widget.set_project(decomposed)
    assert header(widget) == ["指标", "单位", "计划目标", "全市", "南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市",
                              "平湖市", "桐乡市"]
    names = [widget.model.data(widget.model.index(r, 0)) for r in range(widget.model.rowCount())]
    units = [widget.model.data(widget.model.index(r, 1)) for r in range(widget.model.rowCount())]
    assert names[0] == PLAN.indicator("new_sme").short_name and units[0] == "家"
    assert cell(widget, "new_sme", "330400") == "50,000"
    assert cell(widget, "new_sme", "330402") == "8,115"
    assert cell(widget, "new_sme_loans", "330402") == "47.2"
    assert "县市区目标任务分解表.xlsx!目标任务分解!F6" in cell(widget, "new_sme", "330402", Qt.ItemDataRole.ToolTipRole)
    assert not widget.warning_box.isVisibleTo(widget)


def test_an_edit_is_stored_at_once_and_undo_restores_it(widget, decomposed):
    widget.set_project(decomposed)
    changed = []
    widget.sig_targets_changed.connect(lambda: changed.append(True))
    assert widget.edit_cell("new_sme", "330481", "9,500")
    row = stored(decomposed, "new_sme", "330481")
    assert row["value"] == 9500 and row["source"].startswith("user:") and not row["estimated"]
    assert cell(widget, "new_sme", "330481") == "9,500" and changed
    assert "海宁市" in widget.undo_stack.undoText() and "9,500" in widget.undo_stack.undoText()
    widget.undo_stack.undo()
    row = stored(decomposed, "new_sme", "330481")
    assert row["value"] == 9147 and row["source"] == "县市区目标任务分解表.xlsx!目标任务分解!J6"
    assert cell(widget, "new_sme", "330481") == "9,147"
    widget.undo_stack.redo()
    assert stored(decomposed, "new_sme", "330481")["value"] == 9500


def test_bad_input_is_refused_with_a_message_and_nothing_stored(widget, decomposed):
    widget.set_project(decomposed)
    for text in ("一万", "-3"):
        assert not widget.edit_cell("new_sme", "330402", text)
        assert widget.error_label.isVisibleTo(widget)
        assert "不是数值" in widget.error_label.text() or "不能为负数" in widget.error_label.text()
    assert stored(decomposed, "new_sme", "330402")["value"] == 8115
    assert widget.undo_stack.count() == 0
    assert widget.edit_cell("new_sme", "330402", "8200")  # a good value clears the message
    assert not widget.error_label.isVisibleTo(widget)


def test_editing_through_the_table_view_commits(widget, decomposed, qtbot):
    widget.set_project(decomposed)
    widget.show()
    index = widget.model.index(widget.model.indicator_row("new_parks"), widget.model.region_column("330411"))
    view = widget.table
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "7"
    editor.selectAll()
    qtbot.keyClicks(editor, "12")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: stored(decomposed, "new_parks", "330411")["value"] == 12)
    qtbot.waitUntil(lambda: cell(widget, "new_parks", "330411") == "12")


def test_defaults_are_estimated_in_italics_and_undoable(widget, project):
    widget.set_project(project)
    assert cell(widget, "new_sme", "330402") == ""
    widget.method_combo.setCurrentIndex(widget.method_combo.findData("equal"))
    widget.default_button.click()
    text = cell(widget, "new_sme", "330402")
    assert text.endswith(ESTIMATE_MARK) and text.startswith("7,14")  # 50000 / 7
    assert cell(widget, "new_sme", "330402", Qt.ItemDataRole.FontRole).italic()
    assert cell(widget, "new_sme", "330400") == "50,000"  # the plan's own target, not an estimate
    assert cell(widget, "new_sme", "330400", Qt.ItemDataRole.FontRole) is None or \
        not cell(widget, "new_sme", "330400", Qt.ItemDataRole.FontRole).italic()
    assert stored(project, "new_sme", "330402")["estimated"]
    # typing over an estimate makes it the user's
    assert widget.edit_cell("new_sme", "330402", "7000")
    assert not stored(project, "new_sme", "330402")["estimated"]
    assert not cell(widget, "new_sme", "330402").endswith(ESTIMATE_MARK)
    widget.undo_stack.undo()
    widget.undo_stack.undo()
    assert project.targets().empty and cell(widget, "new_sme", "330402") == ""


def test_the_county_sum_warning_is_shown_above_the_grid(widget, decomposed):
    widget.set_project(decomposed)
    assert widget.edit_cell("new_sme", "330402", "115")
    assert widget.warning_box.isVisibleTo(widget)
    text = widget.warning_label.text()
    assert "低于全市目标" in text and "42,000家" in text and "50,000家" in text
    name_index = widget.model.index(widget.model.indicator_row("new_sme"), 0)
    assert widget.model.data(name_index, Qt.ItemDataRole.BackgroundRole) is not None
    widget.undo_stack.undo()
    assert not widget.warning_box.isVisibleTo(widget)


def test_importing_a_decomposition_runs_in_the_background(widget, project, qtbot):
    widget.set_project(project)
    with qtbot.waitSignal(widget.sig_import_done, timeout=30_000) as blocker:
        assert widget.import_file(DECOMPOSITION) is not None
        assert not widget.import_button.isEnabled()
    result = blocker.args[0]
    assert len(result.stored) == 33 * 8
    assert widget.import_button.isEnabled()
    assert "导入 264 个目标" in widget.status_label.text()
    assert cell(widget, "new_sme", "330483") == "8,591"


def test_no_project_means_an_empty_disabled_grid(widget):
    widget.set_project(None)
    assert widget.model.rowCount() == 0 and not widget.default_button.isEnabled()
