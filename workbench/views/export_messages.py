"""The export page's message boxes: what went wrong, and what was written where.

Every box is window-modal and shown with ``open()``, so it never blocks the caller (nor a
test), and deletes itself when closed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.models.exports.package import PackageResult

_CONTEXT = "ExportView"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def open_message(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str,
                 informative: str = "") -> QMessageBox:
    """Show a message box over ``parent`` without waiting for it; return it."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if informative:
        box.setInformativeText(informative)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def package_lines(result: PackageResult) -> list[str]:
    """The package's content for a reader: each document, the charts counted, the manifest."""
    documents = [f["path"] for f in result.files if f.get("kind") != "chart"]
    charts = [f["path"] for f in result.files if f.get("kind") == "chart"]
    lines = [f"· {name}" for name in documents]
    if charts:
        lines.append(_tr("· 图表 {n} 个文件（“图表”文件夹）").format(n=len(charts)))
    lines.append(f"· {Path(result.manifest).name}" + _tr("（文件清单）"))
    return lines


def package_message(parent: QWidget, result: PackageResult, open_folder: Callable[[Path], object]) -> QMessageBox:
    """Say where the package went and what it holds, with 「打开文件夹」 calling ``open_folder``."""
    box = open_message(parent, QMessageBox.Icon.Information, _tr("材料已生成"),
                       _tr("已写入文件夹：\n{folder}").format(folder=str(result.folder)),
                       informative="\n".join(package_lines(result)))
    box.setDetailedText("\n".join(f["path"] for f in result.files))
    button = box.addButton(_tr("打开文件夹"), QMessageBox.ButtonRole.ActionRole)
    button.clicked.connect(lambda: open_folder(result.folder))
    return box
