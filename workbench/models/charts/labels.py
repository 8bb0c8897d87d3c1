"""How the assessment's numbers are written, the same in tables, tooltips, charts and exports.

Completion and 序时进度 are fractions in the assessment (0.583) and percentages on screen
(58.3%); a gap is in percentage points; an actual figure keeps the indicator's unit.
Missing values are written "—" and never as 0.
"""

from __future__ import annotations

import math

MISSING = "—"

AMOUNT_KINDS = frozenset({"cumulative", "stock", "累计增量", "总量水平"})
"""Kinds judged by completion (actual / target)."""
RATE_KINDS = frozenset({"annual_growth", "share", "年均增长", "比重/比例"})
"""Kinds judged by the rate achieved against the target rate."""
QUALITATIVE_KINDS = frozenset({"qualitative", "定性目标"})


def missing(value: object) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):  # pd.NA refuses bool()
        return True


def percent(fraction: object, digits: int = 1) -> str:
    """A fraction as a percentage: 0.5833 → "58.3%"."""
    if missing(fraction):
        return MISSING
    return f"{float(fraction) * 100:,.{digits}f}%"


def points(gap_pp: object) -> str:
    """A gap in percentage points with its sign: "+3.2个百分点"."""
    if missing(gap_pp):
        return MISSING
    return f"{float(gap_pp):+,.1f}个百分点"


def rank_change_text(change: object, *, same: str = "—", none: str = "") -> str:
    """Previous rank − rank as an arrow: 2 → "↑2", -1 → "↓1", 0 → ``same``, missing → ``none``.

    Tables that must tell "no change" from "no earlier assessment" pass ``same="持平"``.
    """
    if missing(change):
        return none
    change = int(change)
    return f"↑{change}" if change > 0 else f"↓{-change}" if change < 0 else same


def number(value: object) -> str:
    """A figure with thousands separators and at most two decimals (no trailing zeros)."""
    if missing(value):
        return MISSING
    value = float(value)
    if abs(value) >= 1000 or float(value).is_integer():
        text = f"{value:,.0f}" if abs(value - round(value)) < 0.005 else f"{value:,.1f}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


def quantity(value: object, unit: object) -> str:
    """A figure with its unit: "9,500家", "9.8%", "1.25个百分点"."""
    if missing(value):
        return MISSING
    unit = "" if missing(unit) else str(unit)
    if unit == "%":
        return f"{float(value):,.1f}%"
    return f"{number(value)}{unit}" if unit in ("", "%") or not unit[0].isascii() else f"{number(value)} {unit}"


def is_amount(kind: object) -> bool:
    return str(kind) in AMOUNT_KINDS


def is_rate(kind: object) -> bool:
    return str(kind) in RATE_KINDS


def is_qualitative(kind: object) -> bool:
    return str(kind) in QUALITATIVE_KINDS


def headline(kind: object, completion: object, actual: object, unit: object, status: object) -> str:
    """The one number a matrix cell shows: completion for amounts, the rate for rates, the verdict otherwise."""
    if is_amount(kind):
        return percent(completion)
    if is_rate(kind):
        return quantity(actual, unit)
    if is_qualitative(kind) or missing(actual):
        return MISSING if missing(status) else str(status)
    return quantity(actual, unit)


def headline_value(kind: object, completion: object, actual: object) -> float:
    """The number behind :func:`headline` (NaN when there is none), for sorting and bars."""
    value = completion if is_amount(kind) else actual
    return math.nan if missing(value) or is_qualitative(kind) else float(value)
