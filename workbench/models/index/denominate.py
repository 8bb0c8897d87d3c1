"""Denomination: an indicator divided by its denominator column (per capita, per unit of GDP …)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.models.index.errors import IndexTableError


def denominate(values: pd.DataFrame, denominators: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """Divide every indicator that has a ``Denominator`` by that column.

    As COINr does, the denominator is first divided by the indicator's ``ScaleFactor`` (1
    when the metadata has none), so ``ScaleFactor = 10000`` turns "per person" into "per
    10 000 persons". A missing denominator leaves the value missing (imputation may fill it).

    Parameters
    ----------
    values : DataFrame
        Units × indicator codes.
    denominators : DataFrame
        Units × denominator columns, same index.
    meta : DataFrame
        Cleaned metadata with ``Denominator`` and ``ScaleFactor``.

    Returns
    -------
    DataFrame
        A new frame of the same shape.

    Raises
    ------
    IndexTableError
        A denominator of 0 for an indicator that has a value: no ratio can be formed.
    """
    out = values.to_numpy(dtype=float, copy=True)
    for col, code in enumerate(values.columns):
        column = meta.at[code, "Denominator"]
        if not column:
            continue
        divisor = denominators[column].to_numpy(dtype=float) / meta.at[code, "ScaleFactor"]
        zero = (divisor == 0) & ~np.isnan(out[:, col])
        if zero.any():
            units = "、".join(map(str, values.index[zero][:5]))
            raise IndexTableError(f"单位 {units} 的分母“{column}”为 0，无法折算指标“{code}”。")
        out[:, col] = out[:, col] / divisor
    return pd.DataFrame(out, index=values.index, columns=values.columns)
