"""A read-only Qt table model over a pandas DataFrame, and a proxy that filters it by text.

The model keeps one numpy array per column and formats a cell only when Qt asks
for it, so a table of a million observations costs a million array slots, not a
million Python objects.  Sorting goes through :class:`DataFrameFilterProxyModel`
(a ``QSortFilterProxyModel``) on :data:`SORT_ROLE`, which hands back the raw value,
so numbers sort as numbers whatever their display text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Role returning the raw cell value (missing numbers as ``-inf``) for sorting."""

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

Formatter = Callable[[object], str]


def default_number_format(value: float) -> str:
    """Format a number for a table cell: thousands separators, no trailing zeros."""
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.10g}"


class DataFrameModel(QAbstractTableModel):
    """Serve a DataFrame to Qt views, column by column.

    Parameters
    ----------
    frame : pandas.DataFrame, optional
        The data; the column labels become the horizontal header.
    formats : mapping of column label to callable, optional
        Per-column formatter turning a (non-missing) value into display text.
    tooltips : mapping of column label to column label, optional
        Show the text of another column (which may be hidden in the view) as a
        cell's tooltip; by default the tooltip repeats the display text.
    missing_text : str
        Display text of missing values (``None``, ``NaN``, ``pd.NA``).
    parent : QObject, optional
    """

    def __init__(
        self,
        frame: pd.DataFrame | None = None,
        *,
        formats: Mapping[str, Formatter] | None = None,
        tooltips: Mapping[str, str] | None = None,
        missing_text: str = "",
        parent=None,
    ):
        super().__init__(parent)
        self._formats = dict(formats or {})
        self._tooltips = dict(tooltips or {})
        self._missing_text = missing_text
        self._frame = pd.DataFrame()
        self._columns: list[np.ndarray] = []
        self._missing: list[np.ndarray] = []
        self._numeric: list[bool] = []
        self._index_labels: np.ndarray = np.array([])
        self._tooltip_provider: Callable[[int], str | None] | None = None
        self._tooltip_columns: set[int] | None = None
        self.set_dataframe(pd.DataFrame() if frame is None else frame)

    # -- data in --

    def set_dataframe(self, frame: pd.DataFrame) -> None:
        """Replace the data shown (resets attached views)."""
        self.beginResetModel()
        self._frame = frame
        self._columns = []
        self._missing = []
        self._numeric = []
        for label in frame.columns:
            series = frame[label]
            numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(
                series
            )
            values = series.to_numpy(dtype=float, na_value=np.nan) if numeric else series.to_numpy()
            self._columns.append(values)
            self._missing.append(np.asarray(series.isna().to_numpy(), dtype=bool))
            self._numeric.append(numeric)
        self._index_labels = frame.index.to_numpy()
        self.endResetModel()

    @property
    def dataframe(self) -> pd.DataFrame:
        """The DataFrame shown (not a copy: do not change it in place)."""
        return self._frame

    def column_number(self, label: str) -> int:
        """The model column showing the DataFrame column ``label``."""
        return self._frame.columns.get_loc(label)

    def set_tooltip_provider(self, provider: Callable[[int], str | None] | None,
                             columns: Iterable[str] | None = None) -> None:
        """Let ``provider(row)`` give the tooltip of a row's cells (e.g. where a figure came from).

        Parameters
        ----------
        provider : callable or None
            Called with the model row when Qt asks for a tooltip, so nothing is computed for
            rows nobody hovers; an empty answer falls back to the usual tooltip. None removes it.
        columns : iterable of str, optional
            The DataFrame columns it serves; all columns by default.
        """
        self._tooltip_provider = provider
        self._tooltip_columns = None if columns is None else {self.column_number(c) for c in columns}

    # -- QAbstractTableModel --

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._frame.index)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if self._tooltip_provider is not None and (
                    self._tooltip_columns is None or column in self._tooltip_columns):
                text = self._tooltip_provider(row)
                if text:
                    return text
            label = self._frame.columns[column]
            source = self._tooltips.get(label)
            if source is not None:
                text = self._text(row, self.column_number(source))
                if text:
                    return text
            return self._text(row, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((_RIGHT if self._numeric[column] else _LEFT).value)
        if role == SORT_ROLE:
            if self._missing[column][row]:
                return -math.inf if self._numeric[column] else ""
            value = self._columns[column][row]
            return float(value) if self._numeric[column] else str(value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return int((_RIGHT if self._numeric[section] else _LEFT).value)
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return str(self._frame.columns[section])
            return None
        if 0 <= section < len(self._index_labels):
            return str(self._index_labels[section])
        return None

    def _text(self, row: int, column: int) -> str:
        if self._missing[column][row]:
            return self._missing_text
        value = self._columns[column][row]
        formatter = self._formats.get(self._frame.columns[column])
        if formatter is not None:
            return formatter(value)
        if self._numeric[column]:
            return default_number_format(value)
        return str(value)


class DataFrameFilterProxyModel(QSortFilterProxyModel):
    """Sort on raw values and keep the rows whose chosen columns contain every typed term.

    Parameters
    ----------
    columns : iterable of int, optional
        Source columns searched by :meth:`set_filter_text`; all columns by default.
    parent : QObject, optional
    """

    def __init__(self, columns: Iterable[int] | None = None, parent=None):
        super().__init__(parent)
        self._search_columns: list[int] | None = None if columns is None else list(columns)
        self._terms: list[str] = []
        self._mask: np.ndarray | None = None
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_search_columns(self, columns: Iterable[int] | None) -> None:
        """Choose the source columns the filter text is looked for in (None: all)."""
        self.beginFilterChange()
        self._search_columns = None if columns is None else list(columns)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_filter_text(self, text: str) -> None:
        """Keep rows where each white-space separated term occurs in a searched column."""
        self.beginFilterChange()
        self._terms = [term.casefold() for term in text.split()]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_row_mask(self, mask: np.ndarray | None) -> None:
        """Keep only the source rows where ``mask`` (one bool per source row) is true; None keeps all.

        Filters such as "this indicator and this county" are computed column-wise on the
        DataFrame by the caller and handed over as one array.
        """
        self.beginFilterChange()
        self._mask = None if mask is None else np.asarray(mask, dtype=bool)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._mask is not None and source_row < len(self._mask) and not self._mask[source_row]:
            return False
        if not self._terms:
            return True
        model = self.sourceModel()
        columns = self._search_columns
        if columns is None:
            columns = range(model.columnCount(source_parent))
        texts = [
            str(model.data(model.index(source_row, c, source_parent)) or "").casefold()
            for c in columns
        ]
        return all(any(term in text for text in texts) for term in self._terms)
