"""Normalisation: every indicator onto a common scale on which more is better.

Each column is first multiplied by its direction (COINr's convention), so a "less is
better" indicator is turned round before any method:

* ``minmax``: (x − min) / (max − min) onto 0-100;
* ``zscore``: (x − mean) / sd (sample sd);
* ``rank``: 1 for the lowest … n for the highest, ties taking the smallest rank;
* ``target``: COINr's distance to target, 100·(1 − (t − x)/(t − min)), capped at 100 (a unit
  at or past the meta ``Target`` scores 100; if every unit is, all score 100);
* ``goalposts``: (x − GoalLow)/(GoalHigh − GoalLow), truncated to 0-1, × 100 (reversed,
  (GoalHigh − x)/(GoalHigh − GoalLow), for direction −1);
* ``base``: 100·x / base for direction 1 and 100·base / x for direction −1, so the base
  period's value scores 100 either way (the base must be positive).

A column with no spread (every unit equal) carries no information: min-max and z-score
give it no value (NaN, as COINr does), and the aggregates are then the weighted means of
the other children. A geometric mean needs positive values, so when the aggregation is
geometric the bounded scales are moved onto positive ones: 0-100 scales (min-max, target,
goalposts) become 1-100 (v ↦ 1 + 0.99·v, which for min-max is COINr users' usual
``l_u = c(1, 100)``), z-scores become 100 + 10·z; ranks are positive already, and base
ratios are positive when the data are. Anything still ≤ 0 is refused by the aggregation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.models.index.errors import IndexSpecError
from workbench.models.index.spec import NORMALISATIONS


def _minmax(x: np.ndarray) -> np.ndarray:
    low, high = np.nanmin(x), np.nanmax(x)
    if high == low:
        return np.full_like(x, np.nan)
    return (x - low) / (high - low) * 100.0


def _zscore(x: np.ndarray) -> np.ndarray:
    present = x[~np.isnan(x)]
    if len(present) < 2 or present.max() == present.min():
        return np.full_like(x, np.nan)
    return (x - present.mean()) / present.std(ddof=1)


def _rank(x: np.ndarray) -> np.ndarray:
    return pd.Series(x).rank(method="min", na_option="keep").to_numpy(dtype=float)


def _target(x: np.ndarray, target: float) -> np.ndarray:
    low = np.nanmin(x)
    if target <= low:
        return np.where(np.isnan(x), np.nan, 100.0)
    return np.minimum(100.0 * (1 - (target - x) / (target - low)), 100.0)


def _goalposts(x: np.ndarray, low: float, high: float, direction: float) -> np.ndarray:
    raw = (x - low) / (high - low) if direction > 0 else (high - x) / (high - low)
    return np.clip(raw, 0.0, 1.0) * 100.0


def _number(meta: pd.DataFrame, code: str, column: str, what: str) -> float:
    value = meta.at[code, column] if column in meta.columns else np.nan
    if pd.isna(value):
        raise IndexSpecError(f"按{what}标准化须给出指标“{code}”的 {column}（元数据中该列为空或没有该列）。")
    return float(value)


def normalise(values: pd.DataFrame, meta: pd.DataFrame, method: str, *, aggregate: str = "arithmetic",
              base: pd.Series | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Normalise every indicator column.

    Parameters
    ----------
    values : DataFrame
        Units × indicator codes (treated).
    meta : DataFrame
        Cleaned metadata: ``Direction``, and ``Target`` / ``GoalLow`` / ``GoalHigh`` for those methods.
    method : str
        One of :data:`~workbench.models.index.spec.NORMALISATIONS`.
    aggregate : {"arithmetic", "geometric"}
        The aggregation that follows: geometric moves the scales onto positive values (module docstring).
    base : Series, optional
        Indicator code → base-period value, in the units of ``values``; required for ``base``.

    Returns
    -------
    (DataFrame, list of str)
        The normalised values, and Chinese notes on columns that got no value.

    Raises
    ------
    IndexSpecError
        An unknown method, a missing target, goalpost or base value, a base ≤ 0, or a value
        ≤ 0 of a "less is better" indicator under ``base``.
    """
    if method not in NORMALISATIONS:
        raise IndexSpecError(f"未知的标准化方法“{method}”。")
    geometric = aggregate == "geometric"
    # Columns are filled into one array and framed once: setting DataFrame columns one by one costs
    # more than the arithmetic, and the sensitivity analysis normalises hundreds of times.
    out = np.empty(values.shape)
    notes: list[str] = []
    directions = meta["Direction"].reindex(values.columns).to_numpy(dtype=float)
    array = values.to_numpy(dtype=float)
    for col, code in enumerate(values.columns):
        direction = directions[col]
        raw = array[:, col]
        x = raw * direction
        if np.isnan(x).all():
            out[:, col] = x
            notes.append(f"指标“{code}”没有任何数值，标准化后仍为空，加总时不计。")
            continue
        if method == "minmax":
            y = _minmax(x)
        elif method == "zscore":
            y = _zscore(x)
        elif method == "rank":
            y = _rank(x)
        elif method == "target":
            y = _target(x, _number(meta, code, "Target", "目标值") * direction)
        elif method == "goalposts":
            low, high = _number(meta, code, "GoalLow", "门槛值"), _number(meta, code, "GoalHigh", "门槛值")
            if high <= low:
                raise IndexSpecError(f"指标“{code}”的门槛值须 GoalLow < GoalHigh（现为 {low:g} 与 {high:g}）。")
            y = _goalposts(raw, low, high, direction)
        else:
            y = _base(raw, code, direction, values.index, base)
        if np.isnan(y[~np.isnan(x)]).all() and method in ("minmax", "zscore"):
            notes.append(f"指标“{code}”各单位取值相同，无法区分高低，标准化后为空，加总时不计。")
        if geometric:
            if method in ("minmax", "target", "goalposts"):
                y = 1.0 + 0.99 * y
            elif method == "zscore":
                y = 100.0 + 10.0 * y
        out[:, col] = y
    return pd.DataFrame(out, index=values.index, columns=values.columns), notes


def _base(raw: np.ndarray, code: str, direction: float, units: pd.Index, base: pd.Series | None) -> np.ndarray:
    if base is None:
        raise IndexSpecError("按基期=100 标准化须提供各指标的基期值。")
    value = base.get(code, np.nan)
    if pd.isna(value):
        raise IndexSpecError(f"指标“{code}”没有基期值，无法按基期=100 标准化。")
    value = float(value)
    if value <= 0:
        raise IndexSpecError(f"指标“{code}”的基期值为 {value:g}，须为正数才能按基期=100 标准化。")
    if direction > 0:
        return 100.0 * raw / value
    bad = ~np.isnan(raw) & (raw <= 0)
    if bad.any():
        raise IndexSpecError(f"逆向指标“{code}”在单位 {units[np.flatnonzero(bad)[0]]} 的值为 "
                             f"{raw[bad][0]:g}，须为正数才能按“基期值/本期值”折算。")
    return 100.0 * value / raw
