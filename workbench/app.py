"""The QApplication: names, Chinese locale and translations, style, the font chain, and the GUI run.

``run_gui`` is what ``workbench gui`` and ``workbench-gui`` call; with ``screenshot`` it
saves the main window as a PNG once it is shown and quits, which the smoke test and
reviewers use.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from importlib.resources import as_file
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from workbench import APP_NAME, APP_TITLE, __version__, settings
from workbench.models.fonts import PREFERRED_CJK_FAMILIES, bundled_font_path
from workbench.models.resources import resource
from workbench.views.about_dialog import FONT_BUNDLED_PROPERTY, FONT_FAMILY_PROPERTY
from workbench.views.style import STYLE_SHEET

log = logging.getLogger(__name__)

ORGANIZATION = "嘉兴市统计局"
MIN_POINT_SIZE = 9.0
PRELOADED = ("pandas", "sqlite_utils", "matplotlib.figure", "openpyxl")
_bundled_families: list[str] = []  # families of the bundled font, once it is registered


def create_application(argv: list[str] | None = None) -> QApplication:
    """Create (or reuse) the QApplication with the workbench's names, locale, translations and style.

    Parameters
    ----------
    argv : list of str, optional
        Command line for Qt; ``sys.argv`` by default.

    Returns
    -------
    QApplication
    """
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(sys.argv if argv is None else argv))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
    _install_translations(app)
    return app


def _install_translations(app: QApplication) -> None:
    """Qt's own Chinese strings (dialog buttons) and, when built, the workbench's ``.qm``."""
    if getattr(app, "_workbench_translators", None):
        return
    translators = []
    qt_translator = QTranslator(app)
    qt_path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # qtbase directly: the qt_zh_CN meta catalogue also names modules PySide6-Essentials lacks.
    if qt_translator.load(QLocale(), "qtbase", "_", qt_path):
        app.installTranslator(qt_translator)
        translators.append(qt_translator)
    # Chinese is the source language; a .qm is only needed for another UI language.
    compiled = resource("i18n", f"workbench_{QLocale().name()}.qm")
    if compiled.is_file():
        own = QTranslator(app)
        with as_file(compiled) as qm_path:
            loaded = own.load(str(qm_path))
        if loaded:
            app.installTranslator(own)
            translators.append(own)
    app._workbench_translators = translators


def _renders_chinese(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def _register_bundled_font() -> list[str]:
    if not _bundled_families:
        path = bundled_font_path()
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise RuntimeError(f"无法加载随程序附带的中文字体：{path}")
        _bundled_families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return _bundled_families


def choose_font_family(user_choice: str = "") -> tuple[str, bool]:
    """The family the interface draws with, and whether it is the bundled font.

    The user's choice (setting ``ui/font_family``) comes first when installed and able
    to draw Chinese, then the Windows fonts 微软雅黑 and 黑体, then other installed
    CJK families, and last the bundled Noto Sans SC, registered only when needed.
    """
    installed = set(QFontDatabase.families())
    for family in [user_choice, *PREFERRED_CJK_FAMILIES]:
        if family and family in installed and _renders_chinese(family):
            return family, family in _bundled_families
    families = _register_bundled_font()
    return families[0], True


def setup_fonts(app: QApplication) -> str:
    """Give the application a font that draws Chinese; return its family.

    Parameters
    ----------
    app : QApplication

    Returns
    -------
    str
        The family now used for the interface.
    """
    family, bundled = choose_font_family(settings.read("ui/font_family"))
    font = QFont(app.font())
    font.setFamilies([family])
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    app.setFont(font)
    app.setProperty(FONT_FAMILY_PROPERTY, family)
    app.setProperty(FONT_BUNDLED_PROPERTY, bundled)
    log.info("界面字体：%s%s", family, "（随程序附带）" if bundled else "")
    return family


def _save_screenshot(window, path: str, app: QApplication) -> None:
    ok = window.grab().save(path, "PNG")
    if not ok:
        print(f"无法保存截图：{path}", file=sys.stderr)
    app.exit(0 if ok else 1)


def preload_in_background() -> threading.Thread:
    """Import the heavy libraries in a background thread once the window shows, so the first
    page that needs them opens sooner; nothing waits for it (importing twice is harmless)."""
    def load() -> None:
        for name in PRELOADED:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - a page that needs it reports the error itself
                log.exception("预先加载 %s 失败", name)

    thread = threading.Thread(target=load, name="preload", daemon=True)
    thread.start()
    return thread


def run_gui(project_path: str | None = None, screenshot: str | None = None, *,
            stage: str | None = None) -> int:
    """Run the workbench window until it is closed.

    Parameters
    ----------
    project_path : str, optional
        A project file to open. Without it, the project that was open when the
        workbench last quit is reopened (if its file is still there).
    screenshot : str, optional
        Save the window as this PNG once it is shown, then quit with 0.
    stage : str, optional
        Show this stage (a key of ``workbench.views.stages.STAGES`` such as
        ``"plan"``, or its Chinese label) instead of the remembered one.

    Returns
    -------
    int
        The exit status: 0 on a normal exit.
    """
    from workbench.logs import install_excepthook, setup_logging
    from workbench.views.crash_dialog import CrashReporter
    from workbench.views.main_window import DEFAULT_SIZE, MainWindow

    setup_logging()
    app = create_application(sys.argv[:1])
    reporter = CrashReporter(app)
    install_excepthook(reporter.report)
    setup_fonts(app)
    window = MainWindow()
    window.show()
    app.processEvents()
    preload_in_background()
    path = project_path or settings.read("last_project")
    if path and (project_path or Path(path).is_file()):
        window.open_project(path)
    if stage:
        window.set_stage(stage)
    if screenshot:
        # Screenshots have one size whatever the screen or the remembered geometry,
        # so that two of them can be compared.
        window.resize(*DEFAULT_SIZE)
        QTimer.singleShot(0, lambda: _save_screenshot(window, screenshot, app))
    status = app.exec()
    window.deleteLater()
    return status


__all__ = ["APP_TITLE", "create_application", "choose_font_family", "setup_fonts", "run_gui"]
