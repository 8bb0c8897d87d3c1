"""Undo commands for mapping and region-label edits (映射), pushed on the main window's stack.

Each command changes the project in its ``redo`` (so ``QUndoStack.push`` commits the
edit at once, in one transaction) and puts the previous value back in its ``undo``
(another transaction, never a rollback): a crash loses nothing that was confirmed.
After every redo and undo the command calls ``on_change`` so the view can show the
stored state again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from workbench.models.errors import WorkbenchError
from workbench.models.mapping_review import NOT_A_REGION, set_decision, set_region_label

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("UndoCommands", text)


class ProjectCommand(QUndoCommand):
    """A confirmed edit of the project: committed at once, undone by another transaction."""

    def __init__(self, project, text: str, on_change: Callable[[], object] | None):
        super().__init__(text)
        self.project = project
        self._on_change = on_change

    def _apply(self, action: Callable[[], object]):
        try:
            value = action()
        except WorkbenchError as exc:  # e.g. the project was closed meanwhile
            log.warning("无法%s：%s", self.text(), exc)
            self.setObsolete(True)
            return None
        if self._on_change is not None:
            self._on_change()
        return value


class SetColumnMappingCommand(ProjectCommand):
    """Decide about one column (or row) of an import: its indicator, unit, basis, or ignore it.

    Parameters
    ----------
    project : Project
    import_id : int
    key : str
        The column's header key.
    decision : dict or None
        See :func:`~workbench.models.mapping_review.set_decision`; None forgets the decision.
    text : str
        Shown in 编辑 → 撤销.
    on_change : callable, optional
    """

    def __init__(self, project, import_id: int, key: str, decision: dict | None, text: str,
                 on_change: Callable[[], object] | None = None):
        super().__init__(project, text, on_change)
        self.import_id, self.key, self.decision = import_id, key, decision
        self.previous: dict | None = None
        self._done_once = False

    def redo(self) -> None:
        previous = self._apply(lambda: set_decision(self.project, self.import_id, self.key, self.decision))
        if not self._done_once:  # what was there before the first time is what undo restores
            self.previous, self._done_once = previous, True

    def undo(self) -> None:
        self._apply(lambda: set_decision(self.project, self.import_id, self.key, self.previous))


class SetRegionLabelCommand(ProjectCommand):
    """Say what a region label means: a region (a project alias), not a region, or undecided.

    Parameters
    ----------
    project : Project
    label : str
        As written in the workbook.
    choice : str or None
        A region code (add the alias), ``NOT_A_REGION``, or None (remove the alias).
    name : str
        What the choice is called, for 编辑 → 撤销.
    on_change : callable, optional
    """

    def __init__(self, project, label: str, choice: str | None, name: str = "",
                 on_change: Callable[[], object] | None = None):
        if choice is None:
            text = _tr("取消地区写法“{label}”的对应").format(label=label)
        elif choice == NOT_A_REGION:
            text = _tr("把“{label}”标为不是地区").format(label=label)
        else:
            text = _tr("把“{label}”对应到{name}").format(label=label, name=name or choice)
        super().__init__(project, text, on_change)
        self.label, self.choice = label, choice
        self.previous: str | None = None
        self._done_once = False

    def redo(self) -> None:
        previous = self._apply(lambda: set_region_label(self.project, self.label, self.choice))
        if not self._done_once:
            self.previous, self._done_once = previous, True

    def undo(self) -> None:
        self._apply(lambda: set_region_label(self.project, self.label, self.previous))
