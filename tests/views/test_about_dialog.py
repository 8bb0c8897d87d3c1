"""关于: every version a support request needs, the font and the folders."""

from importlib import metadata

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication

from workbench import __version__, locations, settings
from workbench.app import create_application, setup_fonts
from workbench.views.about_dialog import AboutDialog


def make_dialog(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_lists_the_versions_of_everything_it_runs_on(qtbot):
    text = make_dialog(qtbot).text()
    assert f"工作台：{__version__}" in text
    assert f"PySide6：{PySide6.__version__}" in text
    assert f"Qt：{qVersion()}" in text
    for dist in ("pandas", "matplotlib", "openpyxl", "python-calamine", "sqlite-utils"):
        assert f"{dist}：{metadata.version(dist)}" in text
    assert "Python：3." in text


def test_names_the_font_and_where_the_bundled_one_comes_from(qtbot, qapp):
    family = setup_fonts(create_application())
    text = make_dialog(qtbot).text()
    assert f"界面中文字体：{family}" in text
    assert "Noto Sans SC" in text and "SIL OFL 1.1" in text and "pylopdf-fonts-zh-cn" in text


def test_says_where_projects_settings_and_logs_live(qtbot, workbench_home):
    text = make_dialog(qtbot).text()
    for folder in (locations.projects_dir(), settings.settings_path(), locations.log_dir()):
        assert str(folder) in text
        assert str(folder).startswith(str(workbench_home))


def test_copy_puts_the_text_on_the_clipboard(qtbot):
    dialog = make_dialog(qtbot)
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == dialog.text()
