"""Outlier treatment the COINr way: winsorise while skewed and heavy-tailed, else a log transform.

For each indicator: if |skewness| ≥ ``skew_threshold`` and kurtosis ≥ ``kurt_threshold``
(sample skewness and excess kurtosis, the bias-corrected estimators of Excel, e1071 type 2
and pandas), the extreme points are set to the next value in — the maximum(s) when the
skewness is ≥ 0, else the minimum(s) — again and again while the column still fails and
fewer than ``winmax`` points have been clipped. The count is COINr's: the points moved in
the last step at the high end plus those of the last step at the low end, i.e. the number of
points at the clipped value (a point clipped twice counts once; ties count together). If the
column still fails, the winsorisation is dropped and the *untreated* column becomes
``log(x − min + 0.01·(max − min))``. Columns with fewer than four values cannot be tested
and are left as they are.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TREATMENT_COLUMNS = ["code", "n", "skew_before", "kurt_before", "method", "clipped_low", "clipped_high",
                     "log_transformed", "skew_after", "kurt_after", "passed", "description"]


def skew_kurt(x: np.ndarray) -> tuple[float, float]:
    """Sample skewness and excess kurtosis of the values present (NaN with fewer than 4, 0 if constant)."""
    x = x[~np.isnan(x)]
    n = len(x)
    if n < 4:
        return np.nan, np.nan
    if x.max() == x.min():
        return 0.0, 0.0
    d = x - x.mean()
    m2 = np.sum(d ** 2)
    skew = np.sqrt(n) * np.sum(d ** 3) / m2 ** 1.5 * np.sqrt(n * (n - 1)) / (n - 2)
    r = n * np.sum(d ** 4) / m2 ** 2
    kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return float(skew), float(kurt)


def fails(skew: float, kurt: float, skew_threshold: float, kurt_threshold: float) -> bool:
    """True when a column needs treatment: |skew| ≥ threshold *and* kurtosis ≥ threshold."""
    return bool(abs(skew) >= skew_threshold and kurt >= kurt_threshold)


def winsorise(x: np.ndarray, winmax: int, skew_threshold: float, kurt_threshold: float) -> tuple[np.ndarray, bool]:
    """Winsorise one column as the module describes; returns (new column, passes now)."""
    x = x.copy()
    high = low = np.zeros(0, dtype=int)
    clipped = 0
    passing = not fails(*skew_kurt(x), skew_threshold, kurt_threshold)
    while not passing and clipped < winmax:
        skew, _ = skew_kurt(x)
        present = ~np.isnan(x)
        if skew >= 0:
            top = np.nanmax(x)
            high = np.flatnonzero(x == top)
            rest = x[present & (x != top)]
            if not len(rest):
                break
            x[high] = rest.max()
        else:
            bottom = np.nanmin(x)
            low = np.flatnonzero(x == bottom)
            rest = x[present & (x != bottom)]
            if not len(rest):
                break
            x[low] = rest.min()
        clipped = len(high) + len(low)
        passing = not fails(*skew_kurt(x), skew_threshold, kurt_threshold)
    return x, passing


def log_transform(x: np.ndarray) -> np.ndarray:
    """COINr's ``log_CT``: log(x − min + 0.01·(max − min)), over the values present."""
    low, high = np.nanmin(x), np.nanmax(x)
    return np.log(x - low + 0.01 * (high - low))


def treat(values: pd.DataFrame, *, winmax: int = 5, skew_threshold: float = 2.0,
          kurt_threshold: float = 3.5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Treat every column of ``values`` for outliers.

    Parameters
    ----------
    values : DataFrame
        Units × indicator codes (imputed).
    winmax, skew_threshold, kurt_threshold
        See the module docstring.

    Returns
    -------
    (DataFrame, DataFrame)
        The treated values; and one row per indicator with :data:`TREATMENT_COLUMNS`:
        skewness and kurtosis before and after, ``method`` (``none`` / ``winsor`` /
        ``log`` / ``untestable``), the points clipped at each end, and a Chinese description.
    """
    array = values.to_numpy(dtype=float)
    out = np.empty(array.shape)
    rows = []
    for col, code in enumerate(values.columns):
        x = array[:, col].copy()
        skew0, kurt0 = skew_kurt(x)
        n = int(np.sum(~np.isnan(x)))
        low = high = 0
        if np.isnan(skew0):
            method, new, text = "untestable", x, f"只有 {n} 个值，无法检验偏度和峰度，未处理"
        elif not fails(skew0, kurt0, skew_threshold, kurt_threshold):
            method, new, text = "none", x, "偏度、峰度在阈值内，无需处理"
        else:
            new, passing = winsorise(x, winmax, skew_threshold, kurt_threshold)
            if passing:
                method = "winsor"
                low, high = int(np.sum(new > x)), int(np.sum(new < x))
                text = f"缩尾：低端 {low} 个点、高端 {high} 个点"
            else:
                method, new = "log", log_transform(x)
                text = f"缩尾 {winmax} 个点后仍超阈值，改为对数变换 log(x−min+0.01·(max−min))"
        out[:, col] = new
        skew1, kurt1 = skew_kurt(new)
        passed = bool(np.isnan(skew1) or not fails(skew1, kurt1, skew_threshold, kurt_threshold))
        rows.append([code, n, skew0, kurt0, method, low, high, method == "log", skew1, kurt1, passed, text])
    treated = pd.DataFrame(out, index=values.index, columns=values.columns)
    return treated, pd.DataFrame(rows, columns=TREATMENT_COLUMNS)


def untreated(values: pd.DataFrame, *, skew_threshold: float = 2.0, kurt_threshold: float = 3.5) -> pd.DataFrame:
    """The treatment table when no treatment was asked for: the statistics, and whether each passes."""
    rows = []
    for code in values.columns:
        x = values[code].to_numpy(dtype=float)
        skew, kurt = skew_kurt(x)
        passed = bool(np.isnan(skew) or not fails(skew, kurt, skew_threshold, kurt_threshold))
        rows.append([code, int(np.sum(~np.isnan(x))), skew, kurt, "none", 0, 0, False, skew, kurt, passed,
                     "未做异常值处理"])
    return pd.DataFrame(rows, columns=TREATMENT_COLUMNS)
