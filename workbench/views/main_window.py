"""The main window: stage navigation on the left, the stage's page on the right.

Opening and creating projects are plain methods (:meth:`MainWindow.open_project`,
:meth:`MainWindow.new_project`); the file dialogs only gather a path for them.
Errors from the store become Chinese message boxes, shown without blocking.
Run alone with ``python -m workbench.views.main_window [project.wbproj]``.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from workbench import APP_TITLE, locations, settings
from workbench.models.plan import DEFAULT_PLAN_ID, PlanError, available_plans, load_plan
from workbench.startup import heavy_modules_loaded
from workbench.views.about_dialog import AboutDialog
from workbench.views.dropped_files import local_paths
from workbench.views.stages import STAGE_KEYS, STAGES

if TYPE_CHECKING:  # the pages and the store load on demand, after the window shows
    from workbench.models.store import Project

log = logging.getLogger(__name__)

_CONTEXT = "MainWindow"
FILE_FILTER = QT_TRANSLATE_NOOP(_CONTEXT, "工作台项目 (*.wbproj)")
PROJECT_SUFFIX = ".wbproj"  # the store's own; repeated here so that the window needs no sqlite_utils to show
DEFAULT_SIZE = (1200, 760)
# An explicit minimum keeps the layout from resizing the top-level window's limits each
# time a page changes (which also spares the offscreen platform a warning per change).
MINIMUM_SIZE = (760, 520)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class _LoadingPage(QLabel):
    """Stands in for a page until it is built (the window shows before the pages load)."""

    def __init__(self):
        super().__init__(QCoreApplication.translate(_CONTEXT, "正在加载…"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("color: #5f6b7a;")


class MainWindow(QMainWindow):
    """The workbench window.

    Geometry, dock/toolbar state and the current stage are restored from
    :mod:`workbench.settings` and saved when the window closes.
    """

    sig_project_opened = Signal(object)
    """A project was opened or created; carries the :class:`~workbench.models.store.Project`."""
    sig_project_closed = Signal()
    sig_stage_changed = Signal(str)
    """The stage shown changed; carries its key (see :data:`STAGES`)."""
    sig_project_changed = Signal()
    """The open project's data changed (files imported, a drift accepted, a file mapped again, an alias)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._project: Project | None = None
        # One stack for every confirmed edit (mapping, alias, override); each command
        # commits to the project at once, so undo is a new transaction, never a rollback.
        self.undo_stack = QUndoStack(self)

        self._plan = load_plan()
        self._pages: dict[str, QWidget] = {}
        # Pages are built when first shown: the window itself needs nothing but Qt, so it
        # shows at once; the stage remembered from last time is built right after.
        self._defer_pages = True
        self.shown_at: float | None = None
        """Epoch seconds of the first show (the self-test's start-up time ends here)."""
        self.loaded_when_shown: list[str] = []
        """The heavy libraries already imported at that moment (there should be none)."""

        self.stage_list = QListWidget()
        self.stage_list.setObjectName("stageList")
        self.stage_list.setFixedWidth(168)
        self.stage_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        for number, stage in enumerate(STAGES, start=1):
            label = _tr(stage.label)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, stage.key)
            item.setToolTip(self.tr("{label}（Ctrl+{n}）").format(label=label, n=number))
            self.stage_list.addItem(item)
            self.stack.addWidget(_LoadingPage())

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stage_list)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.setAcceptDrops(True)  # files dropped anywhere go to 导入

        self.project_label = QLabel()
        self.statusBar().addPermanentWidget(self.project_label)

        self._build_menus()
        self.stage_list.currentRowChanged.connect(self._on_stage_row_changed)

        self._refresh_recent()
        self._show_project_state()
        self._restore_settings()
        self._defer_pages = False

    # -- pages, built on first use --

    def _build_page(self, key: str) -> QWidget:
        """Import and build the page of stage ``key``, wired to the window."""
        if key == "project":
            from workbench.views.project_view import ProjectView

            page = ProjectView()
            page.sig_new_requested.connect(self.ask_new_project)
            page.sig_open_requested.connect(self.ask_open_project)
            page.sig_demo_requested.connect(self.open_demo_project)
            page.sig_recent_requested.connect(self.open_project)
            page.set_recent(settings.read("recent_projects"))
        elif key == "plan":
            from workbench.views.plan_view import PlanView

            page = PlanView()
        elif key == "regions":
            from workbench.views.region_view import RegionView

            page = RegionView()
        elif key == "imports":
            from workbench.views.import_view import ImportView

            page = ImportView()
            page.sig_project_changed.connect(lambda: self._on_project_changed(imports=True))
        elif key == "mapping":
            from workbench.views.mapping_view import MappingView

            page = MappingView(self.undo_stack)
            page.sig_project_changed.connect(lambda: self._on_project_changed(imports=False))
        elif key == "checks":
            from workbench.views.checks_view import ChecksView

            page = ChecksView(self.undo_stack)
        elif key == "assessment":
            from workbench.views.assessment_view import AssessmentView

            page = AssessmentView(self.undo_stack)
        elif key == "exports":
            from workbench.views.export_view import ExportView

            page = ExportView()
        elif key == "index":
            from workbench.views.index_view import IndexView

            page = IndexView()
        else:
            raise KeyError(f"没有名为 {key!r} 的环节")
        return page

    def page(self, key: str) -> QWidget:
        """The page of stage ``key``, built (and given the open project) on first use."""
        page = self._pages.get(key)
        if page is None:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                page = self._build_page(key)
                self._pages[key] = page
                index = STAGE_KEYS.index(key)
                placeholder = self.stack.widget(index)
                current = self.stack.currentIndex()
                self.stack.insertWidget(index, page)
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
                self.stack.setCurrentIndex(current)
                self._update_page(key, page)
            finally:
                QApplication.restoreOverrideCursor()
        return page

    def built_pages(self) -> dict[str, QWidget]:
        """The pages built so far, by stage key."""
        return dict(self._pages)

    project_view = property(lambda self: self.page("project"))
    plan_view = property(lambda self: self.page("plan"))
    region_view = property(lambda self: self.page("regions"))
    import_view = property(lambda self: self.page("imports"))
    mapping_view = property(lambda self: self.page("mapping"))
    checks_view = property(lambda self: self.page("checks"))
    assessment_view = property(lambda self: self.page("assessment"))
    export_view = property(lambda self: self.page("exports"))
    index_view = property(lambda self: self.page("index"))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.shown_at is None:
            self.shown_at = time.time()
            self.loaded_when_shown = heavy_modules_loaded()
        key = self.current_stage
        if key not in self._pages:
            QTimer.singleShot(0, lambda: self.isVisible() and self.page(self.current_stage))

    # -- menus --

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self.new_action = file_menu.addAction(self.tr("新建项目(&N)…"), self.ask_new_project)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.open_action = file_menu.addAction(self.tr("打开项目(&O)…"), self.ask_open_project)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(self.tr("最近的项目(&R)"))
        file_menu.addSeparator()
        self.close_action = file_menu.addAction(self.tr("关闭项目(&C)"), self.close_project)
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction(self.tr("退出(&X)"), self.close)
        self.quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = self.menuBar().addMenu(self.tr("编辑(&E)"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("重做"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        self.stage_actions: list[QAction] = []
        group = QActionGroup(self)
        group.setExclusive(True)
        for number, stage in enumerate(STAGES, start=1):
            action = view_menu.addAction(_tr(stage.label))
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setData(stage.key)
            action.triggered.connect(lambda checked=False, key=stage.key: self.set_stage(key))
            group.addAction(action)
            self.stage_actions.append(action)

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        self.about_action = help_menu.addAction(self.tr("关于(&A)…"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _refresh_recent(self) -> None:
        recent = settings.read("recent_projects")
        self.recent_menu.clear()
        for number, path in enumerate(recent, start=1):
            prefix = f"&{number} " if number < 10 else f"{number} "
            action = self.recent_menu.addAction(prefix + path.replace("&", "&&"))
            action.triggered.connect(lambda checked=False, p=path: self.open_project(p))
        if recent:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("清除列表"), self._clear_recent)
        else:
            self.recent_menu.addAction(self.tr("（无）")).setEnabled(False)
        if "project" in self._pages:
            self._pages["project"].set_recent(recent)

    def _clear_recent(self) -> None:
        settings.write("recent_projects", [])
        self._refresh_recent()

    # -- stages --

    @property
    def current_stage(self) -> str:
        """The key of the stage shown, e.g. ``"plan"``."""
        return STAGE_KEYS[max(self.stack.currentIndex(), 0)]

    def stage_labels(self) -> list[str]:
        """The stage names as the navigation shows them, top to bottom."""
        return [self.stage_list.item(row).text() for row in range(self.stage_list.count())]

    def set_stage(self, stage: str | int) -> None:
        """Show a stage, given by key (``"plan"``), Chinese label (``"计划指标"``) or index."""
        if isinstance(stage, int):
            index = stage
        elif stage in STAGE_KEYS:
            index = STAGE_KEYS.index(stage)
        elif stage in self.stage_labels():
            index = self.stage_labels().index(stage)
        else:
            raise KeyError(f"没有名为 {stage!r} 的环节（可选：{'、'.join(STAGE_KEYS)}）")
        if not 0 <= index < len(STAGES):
            raise KeyError(f"环节序号 {index} 超出范围")
        self.stage_list.setCurrentRow(index)

    def _on_stage_row_changed(self, row: int) -> None:
        if row < 0:
            return
        if not self._defer_pages:
            self.page(STAGE_KEYS[row])
        self.stack.setCurrentIndex(row)
        self.stage_actions[row].setChecked(True)
        key = STAGE_KEYS[row]
        settings.write("window/stage", key)
        self.sig_stage_changed.emit(key)

    # -- projects --

    @property
    def project(self) -> Project | None:
        """The open project, or None."""
        return self._project

    def open_project(self, path: str | os.PathLike) -> bool:
        """Open the project file at ``path``, replacing the open one.

        Errors become a message box naming the file; the window stays as it was.

        Returns
        -------
        bool
            True when the project is now open.
        """
        from workbench.models.store import Project, ProjectError, ProjectNotFound

        path = Path(path)
        if self._project is not None and _same_file(self._project.path, path):
            self.set_stage("project")
            return True
        try:
            project = Project.open(path)
        except ProjectNotFound as exc:
            settings.remove_recent_project(path)
            self._refresh_recent()
            self._show_message(
                QMessageBox.Icon.Critical, self.tr("无法打开项目"),
                self.tr("{error}\n\n已从“最近的项目”中移除。").format(error=exc),
            )
            return False
        except (ProjectError, OSError) as exc:
            self._show_message(
                QMessageBox.Icon.Critical, self.tr("无法打开项目"),
                self.tr("无法打开“{name}”。\n\n{error}").format(name=path.name, error=exc),
            )
            return False
        except Exception as exc:  # a bug must not take the window down with it
            log.exception("打开项目 %s 时出错", path)
            self._show_message(
                QMessageBox.Icon.Critical, self.tr("无法打开项目"),
                self.tr("打开“{name}”时发生意外错误：{error}").format(name=path.name, error=exc),
            )
            return False
        self._adopt(project)
        return True

    def new_project(self, path: str | os.PathLike, plan_id: str = DEFAULT_PLAN_ID) -> bool:
        """Create a project file at ``path`` for plan ``plan_id`` and open it.

        Returns
        -------
        bool
            True when the new project is now open.
        """
        from workbench.models.store import Project, ProjectError

        path = Path(path)
        try:
            project = Project.create(path, plan_id)
        except (ProjectError, OSError) as exc:
            self._show_message(
                QMessageBox.Icon.Critical, self.tr("无法新建项目"),
                self.tr("无法新建“{name}”。\n\n{error}").format(name=path.name, error=exc),
            )
            return False
        self._adopt(project)
        return True

    def open_demo_project(self) -> bool:
        """Open the prepared demo project (built in the data folder on first use)."""
        from workbench.models.demo_project import DEMO_NAME, ensure_demo_project
        from workbench.models.store import ProjectError

        folder = locations.data_dir() / "demo"
        if self._project is not None and _same_file(self._project.path, folder / DEMO_NAME):
            self.set_stage("project")
            return True
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path = ensure_demo_project(folder)
        except (ProjectError, OSError) as exc:
            self._show_message(
                QMessageBox.Icon.Critical, self.tr("无法打开示例项目"),
                self.tr("无法准备示例项目。\n\n{error}").format(error=exc),
            )
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return self.open_project(path)

    def close_project(self) -> None:
        """Close the open project (if any) and show the welcome page."""
        if self._project is None:
            return
        project, self._project = self._project, None
        self.undo_stack.clear()  # its commands act on the project just closed
        project.close()
        self._show_project_state()
        self.statusBar().showMessage(self.tr("已关闭项目“{name}”").format(name=project.path.stem), 5000)
        self.sig_project_closed.emit()

    def _adopt(self, project: Project) -> None:
        if self._project is not None:
            self.undo_stack.clear()
            self._project.close()
            self.sig_project_closed.emit()
        self._project = project
        settings.add_recent_project(project.path)
        settings.write("last_open_dir", str(project.path.parent))
        self._refresh_recent()
        self._show_project_state()
        self.set_stage("project")
        if project.lock_warning:
            self.statusBar().showMessage(project.lock_warning)
            self._show_message(QMessageBox.Icon.Warning, self.tr("项目已在别处打开"), project.lock_warning)
        else:
            self.statusBar().showMessage(self.tr("已打开项目“{name}”").format(name=project.path.stem), 5000)
        self.sig_project_opened.emit(project)

    def _show_project_state(self) -> None:
        project = self._project
        self.close_action.setEnabled(project is not None)
        if project is None:
            self.setWindowTitle(APP_TITLE)
            self.project_label.setText(self.tr("未打开项目"))
            if self._plan.id != DEFAULT_PLAN_ID:
                self._plan = load_plan()
        else:
            self.setWindowTitle(f"{APP_TITLE} — {project.path.stem}")
            self.project_label.setText(str(project.path))
            try:
                self._plan = load_plan(project.plan_id or DEFAULT_PLAN_ID)
            except PlanError as exc:
                self._show_message(QMessageBox.Icon.Warning, self.tr("找不到项目的计划"), str(exc))
        for key, page in self._pages.items():
            self._update_page(key, page)

    def _update_page(self, key: str, page: QWidget) -> None:
        """Give one page the open project (or none) and the plan."""
        project = self._project
        if key == "project":
            if project is None:
                page.show_welcome()
            else:
                page.show_project(project.summary(), project.list_imports())
        elif key == "plan":
            if page.plan is None or page.plan.id != self._plan.id:
                page.set_plan(self._plan)
        elif key == "regions":
            page.set_aliases(project.aliases() if project is not None else None)
        elif key == "imports":
            page.set_context(self._plan, project.aliases() if project is not None else None)
            page.set_project(project)
        elif key == "mapping":
            if project is None:
                page.set_project(None)
            elif page.project is not project:
                page.set_project(project, self._plan)
        elif hasattr(page, "set_project") and getattr(page, "project", None) is not project:
            page.set_project(project)

    def _on_project_changed(self, imports: bool) -> None:
        """Show the project's new data: counts and imports, aliases; 映射's file list after an import."""
        project = self._project
        if project is None:
            return
        pages = self._pages
        if "project" in pages:
            pages["project"].show_project(project.summary(), project.list_imports())
        if "regions" in pages:
            pages["regions"].set_aliases(project.aliases())
        if "imports" in pages:
            pages["imports"].set_context(self._plan, project.aliases())
        if imports and "mapping" in pages:
            pages["mapping"].reload()
        self.sig_project_changed.emit()

    # -- dialogs: they only gather a path --

    def _start_dir(self) -> str:
        last = settings.read("last_open_dir")
        return last if last and os.path.isdir(last) else str(locations.projects_dir())

    def ask_new_project(self) -> None:
        """Ask where to create a project (and for which plan, if there are several)."""
        plan_id = DEFAULT_PLAN_ID
        plans = available_plans()
        if len(plans) > 1:
            names = [f"{plan.name}（{pid}）" for pid, plan in plans.items()]
            choice, ok = QInputDialog.getItem(self, self.tr("新建项目"), self.tr("考核哪个计划："),
                                              names, 0, False)
            if not ok:
                return
            plan_id = list(plans)[names.index(choice)]
        suggested = str(Path(self._start_dir()) / (self.tr("新项目") + PROJECT_SUFFIX))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("新建项目"), suggested, _tr(FILE_FILTER),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            if not path.lower().endswith(PROJECT_SUFFIX):
                path += PROJECT_SUFFIX
            self.new_project(path, plan_id)

    def ask_open_project(self) -> None:
        """Ask for a project file to open."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("打开项目"), self._start_dir(), _tr(FILE_FILTER))
        if path:
            self.open_project(path)

    def show_about(self) -> AboutDialog:
        """Show the 关于 dialog (non-blocking) and return it."""
        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _show_message(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        """A window-modal message box that does not block the caller (nor tests)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def open_messages(self) -> list[QMessageBox]:
        """The message boxes currently shown by this window."""
        return [box for box in self.findChildren(QMessageBox) if box.isVisible()]

    # -- settings --

    def _restore_settings(self) -> None:
        geometry = settings.read("window/geometry")
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
            screen = QGuiApplication.primaryScreen()
            if screen is not None:  # first start: fit a small laptop screen, centred
                available = screen.availableGeometry()
                self.resize(min(DEFAULT_SIZE[0], int(available.width() * 0.95)),
                            min(DEFAULT_SIZE[1], int(available.height() * 0.95)))
                frame = self.frameGeometry()
                frame.moveCenter(available.center())
                self.move(frame.topLeft())
        state = settings.read("window/state")
        if not state.isEmpty():
            self.restoreState(state)
        stage = settings.read("window/stage")
        self.set_stage(stage if stage in STAGE_KEYS else "project")

    def save_settings(self) -> None:
        """Remember geometry, layout, stage and the open project."""
        settings.write("window/geometry", self.saveGeometry())
        settings.write("window/state", self.saveState())
        settings.write("window/stage", self.current_stage)
        settings.write("last_project", str(self._project.path) if self._project else "")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Files and folders dropped on the window are read on the 导入 page."""
        paths = local_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.set_stage("imports")
            self.import_view.add_paths(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self._pages.values():
            if hasattr(page, "shutdown"):
                page.shutdown()
        self.save_settings()
        if self._project is not None:
            self._project.close()
            self._project = None
        super().closeEvent(event)


def _same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


if __name__ == "__main__":
    import argparse
    import sys

    from workbench.app import run_gui

    parser = argparse.ArgumentParser(description="单独打开主窗口")
    parser.add_argument("project", nargs="?", help="项目文件 (.wbproj)")
    parser.add_argument("--stage", choices=STAGE_KEYS, help="显示哪个环节")
    parser.add_argument("--screenshot", metavar="PNG", help="显示后把窗口截图保存到此文件并退出")
    args = parser.parse_args()
    sys.exit(run_gui(args.project, screenshot=args.screenshot, stage=args.stage))
