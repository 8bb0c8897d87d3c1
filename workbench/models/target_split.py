"""The default decomposition of the plan's city targets among the counties (估算).

Used through :mod:`workbench.models.targets` (:func:`default_targets` is re-exported
there); see its docstring for the rule and why population is not used.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Decimal

import pandas as pd

from workbench.models.plan import Indicator, Plan
from workbench.models.units import dimension

AMOUNT_KINDS = ("cumulative", "stock")
RATE_KINDS = ("annual_growth", "share")
SHARE_SOURCE = "估算：按基期占比"
EQUAL_SOURCE = "估算：平均分配"
COPY_SOURCE = "估算：同全市目标"
PLAN_SOURCE = "计划目标"
METHODS = {"base_share": "按基期占比", "equal": "平均分配"}
COLUMNS = ["indicator", "region", "value", "source", "estimated", "note"]
# Dimensions counted in whole units: a county gets whole enterprises, parks, batches.
_WHOLE = {"counts", "persons", "person_times", "machine_times", "batches", "items", "pieces", "times"}


def county_codes(plan: Plan, regions=None) -> list[str]:
    """The counties of the plan's city, in the region table's order."""
    if regions is None:
        from workbench.models.regions import load_regions

        regions = load_regions()
    return [r.code for r in regions.counties if r.parent == plan.city]


def number_text(value: float) -> str:
    """A target for a message: ``50000``, ``299.5`` (no float noise)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def default_targets(plan: Plan, project=None, method: str = "base_share", regions=None) -> pd.DataFrame:
    """A default decomposition of the plan's quantitative city targets to its counties.

    Parameters
    ----------
    plan : Plan
    project : Project, optional
        Its current figures give the base-year shares (``method="base_share"``).
    method : {"base_share", "equal"}
        Amount targets (累计增量, 总量) split by each county's share of the base year
        (2017) in the project's figures, or of the earliest year with a figure for every
        county when there is none for 2017; an indicator without such figures, or
        ``"equal"``, is split in equal parts. Rate targets (增速, 比重) are the city's.
    regions : RegionTable, optional

    Returns
    -------
    DataFrame
        ``indicator, region, value, source, estimated, note``: the city row carries the
        plan's target (``计划目标``, not estimated); every county row is estimated, its
        source ``估算：按基期占比``, ``估算：平均分配`` or ``估算：同全市目标``, and ``note``
        says which year's figures gave the shares. Amounts are rounded to whole units
        (0.1 for money and area) by largest remainder, so they add up to the city target.
    """
    if method not in METHODS:
        raise ValueError(f"未知的分解方法 {method!r}（可选：{', '.join(METHODS)}）")
    counties = county_codes(plan, regions)
    figures = _figures(project) if project is not None and method == "base_share" else None
    rows = []
    for ind in plan.indicators:
        if ind.qualitative or ind.target is None or not counties:
            continue
        rows.append((ind.code, plan.city, ind.target, PLAN_SOURCE, False, ""))
        if ind.kind in AMOUNT_KINDS:
            shares = _base_shares(figures, ind, counties, plan.base_year) if figures is not None else None
            if shares is None:
                weights, source = [1.0] * len(counties), EQUAL_SOURCE
                note = "平均分配" if method == "equal" else "项目中没有各县（市、区）齐全的基期数据，平均分配"
            else:
                year, weights = shares
                source = SHARE_SOURCE
                note = f"按{year}年各县（市、区）数值占比分解" + ("" if year == plan.base_year else
                                                         f"（项目中没有{plan.base_year}年数据，用最早的{year}年）")
            for code, value in zip(counties, _split(ind, weights)):
                rows.append((ind.code, code, value, source, True, note))
        else:
            rows.extend((ind.code, code, ind.target, COPY_SOURCE, True, "比率类目标，各县（市、区）同全市")
                        for code in counties)
    frame = pd.DataFrame.from_records(rows, columns=COLUMNS)
    frame["value"] = frame["value"].astype("float64")
    frame["estimated"] = frame["estimated"].astype(bool)
    return frame


def _split(ind: Indicator, weights: list[float]) -> list[float]:
    """The target split by ``weights``, by largest remainder in steps of one unit (or 0.1)."""
    step = Decimal(1) if dimension(ind.unit) in _WHOLE and float(ind.target).is_integer() else Decimal("0.1")
    units = int((Decimal(repr(ind.target)) / step).to_integral_value(ROUND_HALF_EVEN))
    total = sum(weights)
    raw = [units * w / total for w in weights]
    parts = [math.floor(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[: units - sum(parts)]:
        parts[i] += 1
    return [float(p * step) for p in parts]


def _figures(project) -> pd.DataFrame:
    frame = project.observations(current=True)
    return frame[frame["value"].notna()]


def _base_shares(figures: pd.DataFrame, ind: Indicator, counties: list[str],
                 base_year: int) -> tuple[int, list[float]] | None:
    """(year, per-county weights) from the base year, else the earliest complete year."""
    mine = figures[(figures["indicator"] == ind.code) & figures["region"].isin(counties)]
    if mine.empty:
        return None
    years = sorted(int(y) for y in mine["year"].dropna().unique())
    for year in ([base_year] if base_year in years else []) + [y for y in years if y != base_year]:
        values = _year_values(mine[mine["year"] == year], ind, counties)
        if values is None:
            continue
        weights = [values[c] for c in counties]
        if all(w is not None and w >= 0 for w in weights) and sum(weights) > 0:
            return year, weights
    return None


def _year_values(rows: pd.DataFrame, ind: Indicator, counties: list[str]) -> dict[str, float] | None:
    """Per county, the figure of one year that best stands for it: the level at the latest month of a
    stock, the year-to-date flow at the latest month (or the sum of the periods) of an amount; the
    latest month with a figure for every county, None when there is none."""
    if ind.kind == "stock":
        pool = rows[rows["basis"] == "stock"]
        if pool.empty:
            pool = rows[rows["basis"].isin(["ytd", "last_year"])]
    else:
        pool = rows[rows["basis"].isin(["ytd", "last_year"]) & (rows["first_month"] == 1)]
    if not pool.empty:
        for month in sorted(pool["last_month"].dropna().unique(), reverse=True):
            at = pool[pool["last_month"] == month]
            values = {str(k): float(v) for k, v in at.groupby("region")["value"].last().items()}
            if all(c in values for c in counties):
                return values
        return None
    periods = rows[rows["basis"] == "period"]
    if periods.empty or ind.kind == "stock":
        return None
    periods = periods.drop_duplicates(["region", "first_month", "last_month"], keep="last")
    values = {str(k): float(v) for k, v in periods.groupby("region")["value"].sum().items()}
    return values if all(c in values for c in counties) else None
