"""The dialog asking for the written explanation of a finding (放行 an error, 确认 a warning).

It only gathers the text and who writes it: an empty explanation is refused here with a
Chinese message (the core refuses it too), and the 审核 page stores the accepted one.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.models.checks import Finding
from workbench.views.findings_model import period_text

ERROR_TEXT = "#a4262c"


def default_user() -> str:
    """The name recorded with an explanation: the setting ``user/name``, else the login name."""
    from workbench import settings

    name = settings.read("user/name")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name on this system
        return ""


class ExplanationDialog(QDialog):
    """Ask why a finding may pass.

    Parameters
    ----------
    finding : Finding
        The finding explained; an error is overridden (放行), a warning confirmed (确认).
    user : str
        Pre-filled 填写人.
    parent : QWidget, optional
    submit : callable, optional
        ``submit(finding_id, text, user)`` stores the explanation and returns None, or the
        message saying why it was refused (the dialog then stays open and shows it).
    """

    def __init__(self, finding: Finding, user: str = "", parent: QWidget | None = None,
                 submit: Callable[[int, str, str], str | None] | None = None):
        super().__init__(parent)
        self.finding = finding
        self._submit = submit
        error = finding.severity == "error"
        self.setWindowTitle(self.tr("填写说明并放行") if error else self.tr("确认提示"))
        self.setMinimumWidth(520)

        where = " · ".join(x for x in (finding.file, finding.sheet and f"「{finding.sheet}」", finding.cell) if x)
        head = QLabel(f"<b>{finding.rule_name or finding.rule}</b>　{period_text(finding.period)}")
        message = QLabel(finding.message)
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        place = QLabel(where)
        place.setObjectName("hint")
        place.setWordWrap(True)
        if error:
            consequence = self.tr("这是必须修正的错误：在收到更正后的文件之前，该指标在该地区、该期的数值不参与考核。"
                                  "填写说明后即放行，数值照常参与考核。")
        else:
            consequence = self.tr("这是须确认的提示：写明核实的结果后，提示即为已确认。")
        consequence += self.tr("说明保存在项目中，并出现在导出的材料里。")
        note = QLabel(consequence)
        note.setWordWrap(True)

        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(self.tr("例如：已与报送部门电话核实，全市数含市本级直接登记的企业，不属差错。"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(96)
        self.user_edit = QLineEdit(user)
        self.user_edit.setPlaceholderText(self.tr("填写人姓名"))
        form = QFormLayout()
        form.addRow(self.tr("说明："), self.text_edit)
        form.addRow(self.tr("填写人："), self.user_edit)

        self.error_label = QLabel()
        self.error_label.setObjectName("explanationError")
        self.error_label.setStyleSheet(f"color: {ERROR_TEXT};")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("放行") if error else self.tr("确认"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text_edit.textChanged.connect(self.error_label.hide)

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(message)
        layout.addWidget(place)
        layout.addSpacing(4)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.text_edit.setFocus()

    @property
    def explanation(self) -> str:
        return self.text_edit.toPlainText().strip()

    @property
    def user(self) -> str:
        return self.user_edit.text().strip()

    def accept(self) -> None:
        """Store the explanation and close; stay open with the reason when it is refused."""
        if self._submit is not None:
            refusal = self._submit(self.finding.id, self.explanation, self.user)
        elif not self.explanation:
            refusal = self.tr("请填写说明：放行错误或确认提示都必须写明理由，不能留空。")
        else:
            refusal = None
        if refusal:
            self.refuse(refusal)
            return
        super().accept()

    def refuse(self, message: str) -> None:
        """Show why the explanation cannot be taken, and stay open."""
        self.error_label.setText(message)
        self.error_label.show()
        self.text_edit.setFocus()
