"""A combo box of a plan's indicators that finds one by any of its names.

Typing (or committing a word with a Chinese input method) lists the indicators whose
name, short name, synonyms or code contain the text; picking one emits
:attr:`IndicatorCombo.sig_indicator_chosen`.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from workbench.models.plan import Plan

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def indicator_label(indicator) -> str:
    """How an indicator is named in lists: its name and unit, e.g. "新增小微企业（家）"."""
    return f"{indicator.name}（{indicator.unit}）" if indicator.unit else indicator.name


class _Completer(QCompleter):
    """Matches on the search text, but writes the indicator's display name into the box."""

    def pathFromIndex(self, index) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


class IndicatorCombo(QComboBox):
    """Pick a plan indicator, searching names, short names, synonyms and codes.

    Parameters
    ----------
    plan : Plan, optional
    parent : QWidget, optional
    """

    sig_indicator_chosen = Signal(str)
    """The user picked an indicator; carries its code."""

    def __init__(self, plan: Plan | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(22)
        self.lineEdit().setPlaceholderText(self.tr("输入名称、简称或同义词查找指标"))
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self._search = QSortFilterProxyModel(self)  # what search() reports, same rule as the completer
        self._search.setSourceModel(self._model)
        self._search.setFilterRole(SEARCH_ROLE)
        self._search.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer = _Completer(self._model, self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        # set_code() and set_plan() block signals: any other change of the row is the user's
        self.currentIndexChanged.connect(lambda _row: self._emit_current())
        if plan is not None:
            self.set_plan(plan)

    def set_plan(self, plan: Plan) -> None:
        """List the indicators of ``plan`` (qualitative ones have no figures and are left out)."""
        self.blockSignals(True)
        self._model.clear()
        for ind in plan.indicators:
            if ind.qualitative:
                continue
            item = QStandardItem(indicator_label(ind))
            item.setData(ind.code, CODE_ROLE)
            words = [ind.name, ind.short_name, *ind.synonyms, ind.code]
            item.setData(" ".join(_fold(w) for w in words if w), SEARCH_ROLE)
            item.setToolTip(f"{ind.name}\n简称：{ind.short_name}\n代码：{ind.code}"
                            + (f"\n同义词：{'、'.join(ind.synonyms)}" if ind.synonyms else ""))
            self._model.appendRow(item)
        self.setCurrentIndex(-1)
        self.blockSignals(False)

    def codes(self) -> list[str]:
        """The indicator codes listed, in order."""
        return [self._model.item(r).data(CODE_ROLE) for r in range(self._model.rowCount())]

    def search(self, text: str) -> list[str]:
        """The codes of the indicators the text finds (what the drop-down offers for it)."""
        self._search.setFilterFixedString(_fold(text))
        return [self._search.index(r, 0).data(CODE_ROLE) for r in range(self._search.rowCount())]

    def current_code(self) -> str | None:
        """The code of the indicator shown, or None."""
        index = self.currentIndex()
        if index < 0 or self.currentText() != self.itemText(index):
            return None
        return self.itemData(index, CODE_ROLE)

    def set_code(self, code: str | None) -> None:
        """Show the indicator ``code`` (None: nothing) without emitting :attr:`sig_indicator_chosen`."""
        row = self.codes().index(code) if code in self.codes() else -1
        self.blockSignals(True)
        self.setCurrentIndex(row)
        if row < 0:
            self.setEditText("")
        self.blockSignals(False)

    def choose(self, code: str) -> None:
        """Pick ``code`` as a user would (emits :attr:`sig_indicator_chosen`)."""
        self.set_code(code)
        self._emit_current()

    def _emit_current(self) -> None:
        code = self.current_code()
        if code is not None:
            self.sig_indicator_chosen.emit(code)
