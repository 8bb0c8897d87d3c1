"""The 映射 page as a user meets it: each column with its proposal, decisions committed at once and
undone through 编辑 → 撤销, unknown region labels remembered as aliases, a reviewed mapping saved
as the department's template, templates shared through a file."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from workbench.models.importing import finish, import_files
from workbench.models.mapping import IndicatorMatcher
from workbench.models.mapping_review import NOT_A_REGION, load_decisions, review_import
from workbench.models.plan import load_plan
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.store import Project
from workbench.models.templates import list_templates
from workbench.views.indicator_combo import IndicatorCombo
from workbench.views.mapping_table_model import CONFIDENCE, CONFIDENCE_COLOURS, INDICATOR, STATUS, UNIT
from workbench.views.mapping_view import MappingView

WORKBOOKS = Path(str(files("workbench.resources") / "demo" / "workbooks"))
PLAN = load_plan()
RESOLVER = RegionResolver(load_regions())
MATCHER = IndicatorMatcher(PLAN)
TIMEOUT = 30_000


def demo_file(quarter: str, department: str) -> Path:
    return next((WORKBOOKS / quarter).glob(f"{department}_*"))


def run_import(project, paths):
    return finish(import_files(project, paths, PLAN, RESOLVER, MATCHER))


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "项目.wbproj", PLAN.id) as project:
        yield project


def make_view(qtbot, project, undo_stack=None) -> MappingView:
    view = MappingView(undo_stack)
    qtbot.addWidget(view)
    view.resize(1100, 720)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.sig_regions_scanned, timeout=TIMEOUT):
        view.set_project(project, PLAN)
    return view


def show(qtbot, view: MappingView, import_id: int) -> None:
    if view.current_import_id == import_id:
        return
    with qtbot.waitSignal(view.sig_regions_scanned, timeout=TIMEOUT):
        view.select_import(import_id)


def test_each_column_shows_its_proposal_coloured_by_confidence(qtbot, project):
    result = run_import(project, [demo_file("2019Q3", "市场监管局")])[0]
    view = make_view(qtbot, project)
    model = view.model
    assert view.current_import_id == result.import_id and model.rowCount() == 8
    texts = [model.index(r, INDICATOR).data() for r in range(model.rowCount())]
    assert texts[0] == "新增小微企业（家）"
    unmapped = next(r for r in range(model.rowCount()) if model.index(r, STATUS).data() == "未映射")
    assert texts[unmapped].startswith("建议：")
    sure = model.index(0, CONFIDENCE)
    assert sure.data() == "96%"
    assert sure.data(Qt.ItemDataRole.BackgroundRole).name() == CONFIDENCE_COLOURS["sure"][0]
    doubtful = model.index(unmapped, CONFIDENCE)
    assert doubtful.data(Qt.ItemDataRole.BackgroundRole).name() == CONFIDENCE_COLOURS["doubtful"][0]
    assert "与名称“新增小微企业”一致" in model.index(0, INDICATOR).data(Qt.ItemDataRole.ToolTipRole)  # why
    assert "本文件中的地区写法均已识别" in view.regions.note.text()
    assert "市场监管局（自动，2019年9月起）" in view.template_label.text()


def test_changing_an_indicator_is_committed_at_once_and_undo_brings_the_previous_back(qtbot, project):
    result = run_import(project, [demo_file("2019Q3", "市场监管局")])[0]
    stack = QUndoStack()
    view = make_view(qtbot, project, stack)
    key = review_import(project, result.import_id, PLAN, MATCHER)[-1].key
    view.select_column(key)
    assert view.editor.indicator_combo.current_code() == "contract_credit"
    view.editor.indicator_combo.choose("new_sme")
    assert load_decisions(project, result.import_id)[key]["indicator"] == "new_sme"
    # a crash now loses nothing: a fresh connection, the first never closed, sees the decision
    with Project.open(project.path) as fresh:
        assert load_decisions(fresh, result.import_id)[key]["indicator"] == "new_sme"
    row = view.model.row_of(key)
    assert view.model.index(row, INDICATOR).data() == "新增小微企业（家）"
    assert view.model.index(row, CONFIDENCE).data() == "已确认"
    assert stack.undoText() == "修改“省级以上“守合同重信用”企业/本年新增”的指标"

    stack.undo()
    assert load_decisions(project, result.import_id) == {}
    assert review_import(project, result.import_id, PLAN, MATCHER)[-1].indicator == "contract_credit"
    assert view.model.index(row, INDICATOR).data() == "小微企业成为省以上“守合同重信用”企业（家）"
    assert view.current_key == key and view.editor.indicator_combo.current_code() == "contract_credit"
    stack.redo()
    assert load_decisions(project, result.import_id)[key]["indicator"] == "new_sme"


def test_unit_basis_and_ignore_are_decisions_too(qtbot, project, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["2019年1-9月各县（市、区）新增小微企业贷款"])
    ws.append(["地区", "新增小微企业贷款", "备注数"])
    for name, value in [("南湖区", 10), ("秀洲区", 20), ("嘉善县", 30), ("海盐县", 40)]:
        ws.append([name, value, 1])
    path = tmp_path / "人行嘉兴市中心支行_2019年1-9月贷款.xlsx"
    wb.save(path)
    result = run_import(project, [path])[0]
    stack = QUndoStack()
    view = make_view(qtbot, project, stack)
    show(qtbot, view, result.import_id)
    loans = next(r for r in view.reviews() if r.indicator == "new_sme_loans")
    assert not loans.unit_stated
    view.select_column(loans.key)
    editor = view.editor
    assert editor.unit_combo.isEnabled()  # the workbook states no unit: the reviewer says which
    editor.unit_combo.setCurrentIndex(editor.unit_combo.findData("万元"))
    editor.unit_combo.activated.emit(editor.unit_combo.currentIndex())
    editor.basis_combo.setCurrentIndex(editor.basis_combo.findData("ytd"))
    editor.basis_combo.activated.emit(editor.basis_combo.currentIndex())
    decided = load_decisions(project, result.import_id)[loans.key]
    assert (decided["indicator"], decided["unit"], decided["basis_override"]) == ("new_sme_loans", "万元", "ytd")
    row = view.model.row_of(loans.key)
    assert view.model.index(row, UNIT).data() == "万元→亿元"
    editor.ignore_button.click()
    assert load_decisions(project, result.import_id)[loans.key]["ignored"]
    assert view.model.index(row, STATUS).data() == "已忽略"
    stack.undo()
    stack.undo()
    assert load_decisions(project, result.import_id)[loans.key]["basis_override"] is None
    stack.redo()
    stack.redo()
    view.select_column(loans.key)
    editor.reset_button.click()
    assert loans.key not in load_decisions(project, result.import_id)


def nanhu_workbook(folder: Path, quarter_end: int) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "新增小微企业"
    ws.append([f"2019年1-{quarter_end}月各县（市、区）新增小微企业情况"])
    ws.append(["地区", "新增小微企业（家）"])
    for name, value in [("南湖片区", 100), ("秀洲区", 200), ("嘉善县", 300), ("海盐县", 400), ("海宁市", 500)]:
        ws.append([name, value + quarter_end])
    path = folder / f"市场监管局_2019年1-{quarter_end}月新增小微企业.xlsx"
    wb.save(path)
    return path


def test_an_unknown_region_label_picked_from_the_list_is_an_alias_that_survives_reopening(qtbot, tmp_path):
    path = tmp_path / "项目.wbproj"
    project = Project.create(path, PLAN.id)
    result = run_import(project, [nanhu_workbook(tmp_path, 9)])[0]
    stack = QUndoStack()
    view = make_view(qtbot, project, stack)
    assert view.region_labels() == ["南湖片区"]
    assert "「新增小微企业」A3" == view.regions.table.item(0, 1).text()
    choices = [text for _, text in view.regions.choices()]
    assert choices[1:] == ["嘉兴市（全市）", "南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市",
                           *[c for c in choices if c.endswith("（功能区）")], "不是地区"]
    with qtbot.waitSignal(view.sig_project_changed):
        view.regions.choose("南湖片区", "330402")
    assert project.aliases() == {"南湖片区": "330402"}
    assert stack.undoText() == "把“南湖片区”对应到南湖区"
    stack.undo()
    assert project.aliases() == {} and view.regions.combo("南湖片区").currentData() is None
    stack.redo()
    assert view.regions.combo("南湖片区").currentData() == "330402"
    # 保存为模板 reads the file again: the row of 南湖片区 is now 南湖区
    with qtbot.waitSignal(view.sig_remapped, timeout=TIMEOUT) as blocker:
        view.save_button.click()
    assert [(c["region"], c["new"]) for c in blocker.args[0].changes] == [("330402", 109)]
    assert list(project.observations(current=True, import_id=result.import_id, region="330402").value) == [109]
    assert list_templates(project)[0].regions == {"南湖片区": "330402"}
    project.close()
    with Project.open(path) as reopened:
        assert reopened.aliases() == {"南湖片区": "330402"}
    view.set_project(None)


def test_not_a_region_is_remembered_too(qtbot, project, tmp_path):
    run_import(project, [nanhu_workbook(tmp_path, 9)])
    view = make_view(qtbot, project)
    view.regions.choose("南湖片区", NOT_A_REGION)
    assert project.aliases() == {} and project.get_setting("mapping/not_region_labels") == ["南湖片区"]


def test_a_template_saved_here_maps_the_next_quarter_of_that_department(qtbot, project):
    first = run_import(project, [demo_file("2019Q3", "科技局")])[0]
    view = make_view(qtbot, project)
    for review in view.reviews():
        if review.indicator in ("open_instruments", "open_lab_services"):
            view.select_column(review.key)
            view.editor.ignore_button.click()
    with qtbot.waitSignal(view.sig_remapped, timeout=TIMEOUT) as blocker:
        view.save_button.click()
        assert view.busy and view.progress_bar.isVisible()
    assert blocker.args[0].template == "科技局（已确认，2019年9月起）"
    assert "科技局（已确认，2019年9月起）（已确认）" == view.imports_table.item(0, 3).text()
    stored = set(project.observations(import_id=first.import_id).indicator)
    assert not {"open_instruments", "open_lab_services"} & stored
    following = run_import(project, [demo_file("2019Q4", "科技局")])[0]
    assert following.template == "科技局（已确认，2019年9月起）" and following.drift == []


def test_templates_go_to_a_file_and_come_back_in_another_project(qtbot, project, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    run_import(project, [demo_file("2019Q3", "科技局"), demo_file("2019Q3", "市场监管局")])
    view = make_view(qtbot, project)
    shared = tmp_path / "模板.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(shared), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(shared), ""))
    view.export_templates_button.click()
    assert shared.is_file() and "已导出 2 个模板" in view.progress_label.text()
    with Project.create(tmp_path / "同事.wbproj", PLAN.id) as colleague:
        view.set_project(colleague, PLAN)
        assert view.empty_label.isVisible()
        view.import_templates_button.click()
        assert "新增 2 个" in view.progress_label.text()
        assert view.import_templates_from(shared) == {"added": 0, "replaced": 0, "unchanged": 2}
        assert [(t.department, t.fingerprint, t.mapping) for t in list_templates(colleague)] == [
            (t.department, t.fingerprint, t.mapping) for t in list_templates(project)]
        assert view.import_templates_from(tmp_path / "没有.json") is None
        assert "无法读取模板文件" in view.progress_label.text()
        view.set_project(None)


def test_the_indicator_combo_finds_indicators_by_name_short_name_or_synonym(qtbot):
    combo = IndicatorCombo(PLAN)
    qtbot.addWidget(combo)
    assert combo.search("守重") == ["contract_credit"]  # a synonym
    assert combo.search("个转企") == ["indiv_to_enterprise", "indiv_to_company_share"]  # a short name
    assert "new_sme_loans" in combo.search("小微企业贷款")
    assert "testing_platform_coverage" not in combo.codes()  # qualitative: no figures to map
    chosen = []
    combo.sig_indicator_chosen.connect(chosen.append)
    combo.set_code("new_sme")
    assert chosen == [] and combo.current_code() == "new_sme"
    combo.choose("parks_total")
    assert chosen == ["parks_total"]


def test_the_main_window_undoes_a_mapping_edit_from_the_edit_menu(qtbot, tmp_path):
    from workbench.views.main_window import MainWindow

    path = tmp_path / "项目.wbproj"
    with Project.create(path, PLAN.id) as project:
        result = run_import(project, [demo_file("2019Q3", "市场监管局")])[0]
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.mapping_view.sig_regions_scanned, timeout=TIMEOUT):
        assert window.open_project(path)
    window.set_stage("映射")
    view = window.mapping_view
    assert window.stack.currentWidget() is view
    key = view.reviews()[0].key
    view.select_column(key)
    view.editor.confirm_button.click()
    assert load_decisions(window.project, result.import_id)[key]["indicator"] == "new_sme"
    assert window.undo_action.isEnabled() and "确认" in window.undo_action.text()
    window.undo_action.trigger()
    assert load_decisions(window.project, result.import_id) == {}
    window.redo_action.trigger()
    assert key in load_decisions(window.project, result.import_id)
    window.close_project()
    assert not window.undo_action.isEnabled()
