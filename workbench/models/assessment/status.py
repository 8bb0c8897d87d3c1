"""Comparators and status words: the verdict on one actual value against its target.

Two families of kinds are judged differently (DOMAIN.md §3):

* **amounts** (``cumulative``, ``stock``): completion = actual / target, compared with
  序时进度. Met (``passed``) means the comparator holds against the whole target → 已完成;
  otherwise the gap completion − 序时进度 in percentage points gives 超进度 (≥ ``ahead_pp``),
  达进度 (≥ 0), 欠进度 (short by less than ``seriously_behind_pp``) or 严重滞后. 左右 on an
  amount allows ``tolerance`` per cent of the target. A ceiling (``<=``) is met while the
  actual stays at or under it; over it, 欠进度 or (by ``seriously_behind_pp`` per cent or
  more) 严重滞后.
* **rates** (``annual_growth``, ``share``): annual rates, so no 序时进度; the rate itself
  decides. Met with a margin of ``rate_ahead_pp`` or more → 超进度, met → 达进度, missed by
  less than ``rate_seriously_behind_pp`` points → 欠进度, by more → 严重滞后. 左右 is a band of
  ``tolerance`` points around the target (above the band passes unless
  ``about_above_passes`` is off). At the end of the target period a met rate is 已完成.
"""

from __future__ import annotations

import math

from workbench.models.assessment.settings import (
    AHEAD,
    BEHIND,
    DONE,
    ON_TRACK,
    SERIOUSLY_BEHIND,
    AssessmentSettings,
)

AMOUNT_KINDS = ("cumulative", "stock")
RATE_KINDS = ("annual_growth", "share")


def _missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def completion(actual: float, target: float) -> float:
    """actual / target as a fraction; NaN when either is missing or the target is 0."""
    if _missing(actual) or _missing(target) or target == 0:
        return math.nan
    return actual / target


def _band(kind: str, target: float, tolerance: float) -> float:
    """Half-width of the 左右 band in the unit of the target."""
    return abs(target) * tolerance / 100.0 if kind in AMOUNT_KINDS else tolerance


def passes(kind: str, comparator: str, actual: float, target: float, settings: AssessmentSettings,
           tolerance: float) -> bool | None:
    """Whether ``actual`` meets ``target`` under ``comparator``; None when either is missing."""
    if _missing(actual) or _missing(target):
        return None
    if comparator == ">=":
        return actual >= target
    if comparator == ">":
        return actual > target
    if comparator == "<=":
        return actual <= target
    if comparator == "=":
        return abs(actual - target) <= settings.equal_tolerance * max(1.0, abs(target))
    if comparator == "about":
        band = _band(kind, target, tolerance)
        eps = 1e-9 * max(1.0, abs(target))  # an edge written in decimals is still on the edge
        if actual < target - band - eps:
            return False
        return settings.about_above_passes or actual <= target + band + eps
    raise ValueError(f"未知的比较方式：{comparator!r}")


def _shortfall(comparator: str, kind: str, actual: float, target: float, settings: AssessmentSettings,
               tolerance: float) -> float:
    """By how much (in the unit of the target) a missed target was missed, ≥ 0."""
    if comparator in (">=", ">"):
        return max(target - actual, 0.0)
    if comparator == "<=":
        return max(actual - target, 0.0)
    if comparator == "=":
        return abs(actual - target)
    band = _band(kind, target, tolerance)
    if actual < target - band:
        return target - band - actual
    return max(actual - (target + band), 0.0)


def status(kind: str, comparator: str, actual: float, target: float, time_progress: float,
           passed: bool | None, settings: AssessmentSettings, tolerance: float, final: bool = False) -> str | None:
    """The status word of a quantified row, or None when actual or target is missing.

    Parameters
    ----------
    kind, comparator : str
        As in the plan.
    actual, target : float
        In the indicator's unit.
    time_progress : float
        序时进度 as a fraction (amounts only; ignored for rates).
    passed : bool or None
        From :func:`passes`.
    settings : AssessmentSettings
    tolerance : float
        The 左右 band (see :meth:`AssessmentSettings.tolerance`).
    final : bool, optional
        The figure is of the last month of the target period (a met rate is 已完成).
    """
    if passed is None:
        return None
    if kind in RATE_KINDS:
        if passed:
            if final:
                return DONE
            margin = round((target - actual) if comparator == "<=" else (actual - target), 9)
            return AHEAD if comparator in (">=", ">", "<=", "about") and margin >= settings.rate_ahead_pp else ON_TRACK
        short = round(_shortfall(comparator, kind, actual, target, settings, tolerance), 9)
        return SERIOUSLY_BEHIND if short >= settings.rate_seriously_behind_pp else BEHIND
    if comparator == "<=":
        if passed:
            return DONE if final else ON_TRACK
        over_pp = round((completion(actual, target) - 1.0) * 100.0, 9)
        return SERIOUSLY_BEHIND if over_pp >= settings.seriously_behind_pp else BEHIND
    if passed:
        return DONE
    gap = (completion(actual, target) - time_progress) * 100.0
    if math.isnan(gap):
        return None
    gap = round(gap, 9)  # 5.000000001 or 4.999999999 from binary fractions is 5 points
    if gap >= settings.ahead_pp:
        return AHEAD
    if gap >= 0:
        return ON_TRACK
    return SERIOUSLY_BEHIND if -gap >= settings.seriously_behind_pp else BEHIND


def stretch_met(comparator: str, actual: float, stretch: float) -> bool | None:
    """Whether the 力争 stretch figure is reached too (None without a stretch or an actual)."""
    if _missing(actual) or _missing(stretch):
        return None
    return actual <= stretch if comparator == "<=" else actual >= stretch
