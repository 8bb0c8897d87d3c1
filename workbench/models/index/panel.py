"""Panel data for the index: one data table per period."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from workbench.models.index.errors import IndexTableError

PERIOD_COLUMN = "period"


def split_panel(data, periods: Sequence | None = None) -> list[tuple[object, pd.DataFrame]]:
    """Split panel data into (period, table) pairs in period order.

    Parameters
    ----------
    data : DataFrame or Mapping
        A mapping period → table; or a table with a ``period`` column (split on it); or a
        single table, returned as the one pair ``(None, data)``.
    periods : sequence, optional
        Keep only these periods (in the panel's order); default all.

    Raises
    ------
    IndexTableError
        Empty panel data, or a period asked for that the data do not have.
    """
    if isinstance(data, Mapping):
        pairs = sorted(data.items(), key=lambda item: str(item[0]))
    elif isinstance(data, pd.DataFrame) and PERIOD_COLUMN in data.columns:
        pairs = [(label, frame.drop(columns=[PERIOD_COLUMN]).reset_index(drop=True))
                 for label, frame in data.groupby(PERIOD_COLUMN, sort=True)]
    elif isinstance(data, pd.DataFrame):
        pairs = [(None, data)]
    else:
        raise IndexTableError("数据须为数据表，或“期别→数据表”的对应表。")
    if not pairs:
        raise IndexTableError("面板数据中没有任何一期。")
    if periods is not None:
        known = {str(label): (label, frame) for label, frame in pairs}
        missing = [str(p) for p in periods if str(p) not in known]
        if missing:
            raise IndexTableError(f"数据中没有这些期别：{'、'.join(missing)}。")
        wanted = {str(p) for p in periods}
        pairs = [(label, frame) for label, frame in pairs if str(label) in wanted]
    return pairs
