"""The dialog an unexpected error shows: what happened, that the project is safe, where the log is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


class CrashDialog(QMessageBox):
    """Says an action failed unexpectedly, that the project is intact, and names the log file."""

    def __init__(self, summary: str, log_path: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.log_path = Path(log_path)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("意外错误"))
        self.setText(self.tr("刚才的操作遇到意外错误，没有完成。"))
        self.setInformativeText(self.tr(
            "项目中已保存的内容不受影响：每一步修改都在完成时单独保存。\n"
            "请把日志文件发给维护人员：\n{path}").format(path=self.log_path))
        self.setDetailedText(summary)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder_button = self.addButton(self.tr("打开日志文件夹"), QMessageBox.ButtonRole.ActionRole)
        self.open_folder_button.clicked.connect(self.open_log_folder)
        self.addButton(QMessageBox.StandardButton.Close)

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))


class CrashReporter(QObject):
    """Receives error reports from any thread and shows them in the GUI thread, one at a time."""

    sig_report = Signal(str, str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.dialog: CrashDialog | None = None
        self.sig_report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, summary: str, log_path: Path) -> None:
        """Thread-safe: queue the dialog for the GUI thread."""
        self.sig_report.emit(summary, str(log_path))

    @Slot(str, str)
    def _show(self, summary: str, log_path: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one dialog is enough; the log has every error
        self.dialog = CrashDialog(summary, log_path)
        self.dialog.open()
