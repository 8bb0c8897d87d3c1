"""评分方案: weights, rules, caps and grade bands edited, weights that do not add up to 100 refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from workbench.models.assessment.scoring import default_scheme_path, load_scheme, parse_scheme
from workbench.models.plan import load_plan
from workbench.views.scheme_dialog import SchemeDialog, weights_message

PLAN = load_plan()


@pytest.fixture
def default():
    return load_scheme(default_scheme_path(PLAN.id))


@pytest.fixture
def dialog(qtbot, default):
    dialog = SchemeDialog(default, PLAN, default)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def press_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_the_dialog_lists_every_assessed_indicator_with_its_weight(dialog, default):
    assessed = [ind.code for ind in PLAN.indicators if ind.assessed]
    assert dialog.codes[:len(assessed)] == assessed
    assert dialog.weight_spin("new_sme").value() == default.rule("new_sme").weight
    assert dialog.weight_total() == 100
    assert dialog.total_label.text() == "权重合计：100 分"


def test_weights_not_adding_up_to_100_are_refused_with_a_chinese_message(qtbot, dialog):
    dialog.set_weight("new_sme", dialog.weight_spin("new_sme").value() - 1.5)
    assert "应为 100 分" in dialog.total_label.text()
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "各指标权重合计应为 100 分，现为 98.5 分（少 1.5 分），请调整后再保存。"
    assert dialog.result_text is None
    assert weights_message(100.0) is None and "多 2 分" in weights_message(102)


def test_rules_caps_and_grades_are_saved_as_a_scheme_the_engine_reads(qtbot, dialog):
    dialog.set_weight("new_sme", dialog.weight_spin("new_sme").value() + 2)
    dialog.set_weight("new_sme_growth", dialog.weight_spin("new_sme_growth").value() - 2)
    dialog.set_rule("new_sme", "full_or_nothing")
    dialog.set_rule("new_sme_8ind", "proportional", cap=1.5)
    dialog.grades_table.item(0, 1).setText("85")
    with qtbot.waitSignal(dialog.accepted):
        press_ok(qtbot, dialog)
    scheme = parse_scheme(dialog.result_text)
    assert scheme.total_weight == pytest.approx(100)
    assert scheme.rule("new_sme").rule == "full_or_nothing"
    assert scheme.rule("new_sme_8ind").cap == pytest.approx(1.5)
    assert scheme.grades[0] == ("优秀", 85.0)
    assert scheme.grade(86) == "优秀" and scheme.grade(84) == "良好"


def test_a_grade_band_that_is_not_a_number_is_refused(qtbot, dialog):
    dialog.grades_table.item(1, 1).setText("八十")
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and "“良好”的最低分“八十”不是数值" in dialog.error_label.text()


def test_restore_defaults_and_files(qtbot, dialog, default, tmp_path):
    dialog.set_weight("new_sme", 0)
    dialog.restore_defaults()
    assert dialog.weight_total() == 100 and dialog.weight_spin("new_sme").value() == default.rule("new_sme").weight
    path = tmp_path / "方案.toml"
    assert dialog.save_file(path)
    assert load_scheme(path).rule("new_sme").weight == default.rule("new_sme").weight
    (tmp_path / "坏.toml").write_text("name = 1\n[[indicators]]\ncode = 'x'\nweight = 50\n", encoding="utf-8")
    assert not dialog.load_file(tmp_path / "坏.toml")
    assert "权重之和应为 100" in dialog.error_label.text()
