"""Imputation of missing values: none, the indicator's mean, its group mean, the previous period."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from workbench.models.index.errors import IndexSpecError


def impute(values: pd.DataFrame, method: str, *, groups: pd.Series | None = None,
           previous: Sequence[pd.DataFrame] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill missing values of the (denominated) indicators.

    Parameters
    ----------
    values : DataFrame
        Units × indicator codes.
    method : {"none", "mean", "group-mean", "previous"}
        ``mean``: the mean of the indicator's values present; ``group-mean``: the mean of the
        values present in the unit's group (COINr's ``i_mean_grp``: a unit without a group is
        left as it is, and so is a group with no value at all); ``previous``: the unit's
        value in the most recent earlier period that has one.
    groups : Series, optional
        uCode → group, for ``group-mean``.
    previous : sequence of DataFrame
        Earlier periods' values in the same units, the most recent first, for ``previous``.

    Returns
    -------
    (DataFrame, DataFrame)
        The imputed values, and a boolean frame marking the cells that were filled.
    """
    out = values.copy()
    if method == "mean":
        out = out.fillna(values.mean())
    elif method == "group-mean":
        if groups is None:
            raise IndexSpecError("按组均值插补须给出各单位的分组。")
        keys = groups.reindex(values.index)
        known = keys.notna()
        means = values[known].groupby(keys[known]).transform("mean")
        out.loc[known] = values[known].fillna(means)
    elif method == "previous":
        if not previous:
            raise IndexSpecError("按上期值插补须提供上一期的数据。")
        for earlier in previous:
            out = out.fillna(earlier.reindex(index=values.index, columns=values.columns))
    elif method != "none":
        raise IndexSpecError(f"未知的缺失值处理方法“{method}”。")
    filled = values.isna() & out.notna()
    return out, filled
