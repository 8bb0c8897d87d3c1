"""关于: the version of everything the workbench runs on, its font and its folders.

The text is what a user copies into a support request, so it names every version
and path and offers a copy button.  Run alone with ``python -m workbench.views.about_dialog``.
"""

from __future__ import annotations

import platform
from importlib import metadata

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench import APP_TITLE, __version__, locations, settings
from workbench.models.fonts import BUNDLED_SOURCE

# (distribution name, label); versions come from the installed metadata.
DISTRIBUTIONS = (
    ("pandas", "pandas"),
    ("matplotlib", "matplotlib"),
    ("openpyxl", "openpyxl"),
    ("python-calamine", "python-calamine"),
    ("sqlite-utils", "sqlite-utils"),
    ("pylopdf-fonts-zh-cn", "pylopdf-fonts-zh-cn"),
)
FONT_FAMILY_PROPERTY = "workbench_font_family"
FONT_BUNDLED_PROPERTY = "workbench_font_bundled"


def distribution_version(name: str) -> str:
    """The installed version of distribution ``name``, or ``未安装``."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "未安装"


def version_rows() -> list[tuple[str, str]]:
    """(label, version) for the workbench, Python, Qt and the libraries it reads and writes with."""
    rows = [
        ("工作台", __version__),
        ("Python", f"{platform.python_version()}（{platform.architecture()[0]}）"),
        ("PySide6", PySide6.__version__),
        ("Qt", qVersion()),
    ]
    rows += [(label, distribution_version(dist)) for dist, label in DISTRIBUTIONS]
    rows.append(("操作系统", platform.platform()))
    return rows


def font_rows() -> list[tuple[str, str]]:
    """(label, text) about the font the interface draws Chinese with."""
    app = QGuiApplication.instance()
    family = app.property(FONT_FAMILY_PROPERTY) if app is not None else None
    bundled = bool(app.property(FONT_BUNDLED_PROPERTY)) if app is not None else False
    if not family:
        family = QGuiApplication.font().family()
    if bundled:
        return [("界面中文字体", family), ("字体来源", f"随程序附带：{BUNDLED_SOURCE}")]
    return [("界面中文字体", family), ("字体来源", "本机已安装的字体"),
            ("备用字体", f"{BUNDLED_SOURCE}（本机没有中文字体时使用）")]


def location_rows() -> list[tuple[str, str]]:
    """(label, folder) of where projects, settings and logs live."""
    return [
        ("项目（默认）", str(locations.projects_dir())),
        ("设置文件", str(settings.settings_path())),
        ("示例与数据", str(locations.data_dir())),
        ("日志", str(locations.log_dir())),
    ]


class AboutDialog(QDialog):
    """The 关于 dialog: versions, font and folders, with a button to copy them all."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于 {title}").format(title=APP_TITLE))
        self.setMinimumWidth(560)

        title = QLabel(APP_TITLE)
        title.setObjectName("pageTitle")
        subtitle = QLabel(
            self.tr("版本 {version} · 嘉兴市统计局 · 离线使用，数据只保存在本机的项目文件中").format(
                version=__version__
            )
        )
        subtitle.setObjectName("pageSubtitle")
        subtitle.setWordWrap(True)

        self.sections = {
            self.tr("版本"): version_rows(),
            self.tr("字体"): font_rows(),
            self.tr("文件位置"): location_rows(),
        }
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        for heading, rows in self.sections.items():
            box = QGroupBox(heading)
            form = QFormLayout(box)
            for label, value in rows:
                text = QLabel(value)
                text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                text.setWordWrap(True)
                form.addRow(f"{label}：", text)
            layout.addWidget(box)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("复制信息"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        layout.addWidget(buttons)

    def text(self) -> str:
        """Everything the dialog shows, as plain text."""
        lines = [f"{APP_TITLE} {__version__}"]
        for heading, rows in self.sections.items():
            lines.append(f"[{heading}]")
            lines += [f"{label}：{value}" for label, value in rows]
        return "\n".join(lines)

    def copy_to_clipboard(self) -> None:
        """Put :meth:`text` on the clipboard, for a support request."""
        QApplication.clipboard().setText(self.text())


if __name__ == "__main__":
    import sys

    from workbench.views.preview import run_preview

    sys.exit(run_preview(AboutDialog, "关于"))
