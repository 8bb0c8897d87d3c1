"""Undo commands for the explanations of check findings (审核说明).

Each command is pushed *after* its change was stored (the view calls
:func:`~workbench.models.checks.explain` itself first, so a refusal becomes a message
and nothing is pushed): the first ``redo`` that ``QUndoStack.push`` makes is skipped.
Undo and redo are new transactions on the project, never a rollback, so a crash loses
nothing that was confirmed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from workbench.models.checks import explain, withdraw_explanation
from workbench.models.errors import WorkbenchError

log = logging.getLogger(__name__)

Changed = Callable[[int], object]
"""Told the id of the finding a command changed (the view refreshes its row)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheckCommands", text)


class _FindingCommand(QUndoCommand):
    def __init__(self, project, finding_id: int, text: str, on_change: Changed | None):
        super().__init__(text)
        self.project = project
        self.finding_id = finding_id
        self._on_change = on_change
        self._pushed = False

    def _apply(self, action: Callable[[], object]) -> None:
        try:
            action()
        except WorkbenchError as exc:  # e.g. the project was closed meanwhile
            log.warning("无法%s：%s", self.text(), exc)
            self.setObsolete(True)
            return
        if self._on_change is not None:
            self._on_change(self.finding_id)


class ExplainFindingCommand(_FindingCommand):
    """A written explanation was given (error → 已说明放行, warning → 已确认); undo withdraws it.

    Parameters
    ----------
    project : Project
    finding_id : int
    text, user : str
        The explanation and who gave it (already stored).
    previous : tuple of (str, str) or None
        The explanation and user it replaced, restored on undo; None: the finding was open.
    on_change : callable, optional
        Called with ``finding_id`` after every undo and redo.
    """

    def __init__(self, project, finding_id: int, text: str, user: str,
                 previous: tuple[str, str] | None = None, on_change: Changed | None = None):
        super().__init__(project, finding_id, _tr("说明审核问题 #{id}").format(id=finding_id), on_change)
        self.explanation, self.user, self.previous = text, user, previous

    def redo(self) -> None:
        if not self._pushed:  # stored before the push
            self._pushed = True
            return
        self._apply(lambda: explain(self.project, self.finding_id, self.explanation, self.user))

    def undo(self) -> None:
        if self.previous is None:
            self._apply(lambda: withdraw_explanation(self.project, self.finding_id))
        else:
            text, user = self.previous
            self._apply(lambda: explain(self.project, self.finding_id, text, user))


class WithdrawExplanationCommand(_FindingCommand):
    """An explanation was taken back (the finding is open again); undo gives it again.

    Parameters
    ----------
    project : Project
    finding_id : int
    previous : tuple of (str, str)
        The explanation and user withdrawn.
    on_change : callable, optional
    """

    def __init__(self, project, finding_id: int, previous: tuple[str, str], on_change: Changed | None = None):
        super().__init__(project, finding_id, _tr("撤回审核问题 #{id} 的说明").format(id=finding_id), on_change)
        self.previous = previous

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._apply(lambda: withdraw_explanation(self.project, self.finding_id))

    def undo(self) -> None:
        text, user = self.previous
        self._apply(lambda: explain(self.project, self.finding_id, text, user))
