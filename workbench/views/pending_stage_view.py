"""The page of a stage that is not built yet: what it will do, and that it comes later.

No buttons: a page that offers nothing to click cannot pretend to work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from workbench.views.style import PAGE_MARGINS


class PendingStageView(QWidget):
    """Describe a stage that arrives in a later version.

    Parameters
    ----------
    title : str
        The stage's name, e.g. ``审核``.
    summary : str
        One sentence on what the stage is for.
    tasks : list of str
        What the stage will let the user do.
    parent : QWidget, optional
    """

    def __init__(self, title: str, summary: str, tasks: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        title_label = QLabel(title)
        title_label.setObjectName("pageTitle")
        summary_label = QLabel(summary)
        summary_label.setObjectName("pageSubtitle")
        summary_label.setWordWrap(True)

        notice = QFrame()
        notice.setObjectName("notice")
        notice_layout = QVBoxLayout(notice)
        notice_layout.setContentsMargins(16, 12, 16, 12)
        heading = QLabel(self.tr("这个环节将在后续版本中提供"))
        heading.setObjectName("sectionTitle")
        notice_layout.addWidget(heading)
        intro = QLabel(self.tr("届时可以在这里："))
        notice_layout.addWidget(intro)
        self.task_labels = []
        for task in tasks:
            label = QLabel(f"•  {task}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            notice_layout.addWidget(label)
            self.task_labels.append(label)
        closing = QLabel(
            self.tr("当前版本可以查看计划指标和地区表、读取部门报表，并新建、打开项目。")
        )
        closing.setObjectName("hint")
        closing.setWordWrap(True)
        notice_layout.addSpacing(6)
        notice_layout.addWidget(closing)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(title_label)
        layout.addWidget(summary_label)
        layout.addSpacing(12)
        layout.addWidget(notice)
        layout.addStretch(1)

    def text(self) -> str:
        """All the text the page shows, for tests and screen readers."""
        return "\n".join(
            label.text() for label in self.findChildren(QLabel)
        )
