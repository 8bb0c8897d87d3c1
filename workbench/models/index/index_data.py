"""The growth index's input: one table of units × indicators per period, from the project's figures.

A period is a year (``"2019"``: the whole year) or a month (``"2019-09"``: the year to date
1-9月). Each plan indicator gives its value for a period the way its kind asks
(:func:`plan_value`): the year-to-date amount of a ``cumulative`` indicator, the period-end
level of a ``stock``, the reported rate of a ``share``, the 同比 of a growth rate. A figure
with an open check error counts as missing, as in the assessment. The framework's formula
and 发展速度 transform then give each index indicator; the denominator (population in 万人)
stays a column of its own, so that the engine denominates and the robustness analysis can
switch that step off.

:class:`PeriodData` holds the result with what is missing and why (``flags``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.models.assessment import actuals
from workbench.models.errors import WorkbenchError
from workbench.models.periods import period_label

SPEED_BASE = 100.0
"""发展速度 = 100 + growth in %: 上年同期 = 100."""


class GrowthIndexError(WorkbenchError, ValueError):
    """A growth index that cannot be computed as asked; the message says why, in Chinese."""


# ---------------------------------------------------------------- periods

_YEAR = re.compile(r"^\s*(\d{4})\s*年?\s*(?:全年|年度)?\s*$")
_MONTH = re.compile(r"^\s*(\d{4})\s*(?:[-./年]\s*)?(?:1\s*-\s*)?(\d{1,2})\s*月?\s*(?:末|底)?\s*$")
_HALF = re.compile(r"^\s*(\d{4})\s*(?:年)?\s*(?:-?\s*H1|上半年)\s*$", re.IGNORECASE)
_QUARTERS = {"一季度": 3, "前三季度": 9, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12}
_QUARTER = re.compile(r"^\s*(\d{4})\s*(?:年)?\s*-?\s*(一季度|前三季度|Q[1-4])\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class IndexPeriod:
    """A period of the index: a whole year, or the year to date at a month.

    Attributes
    ----------
    year, month : int
        The period ends with ``month`` of ``year``; it starts in January.
    annual : bool
        A year given as such (``"2019"``), published against the base year as a whole.
    """

    year: int
    month: int
    annual: bool = False

    @property
    def key(self) -> str:
        """``"2019"`` or ``"2019-09"``."""
        return str(self.year) if self.annual else f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        """``2019年`` or ``2019年1-9月``."""
        return f"{self.year}年" if self.annual else period_label(self.year, 1, self.month)

    @property
    def months(self) -> int:
        return self.month

    def in_year(self, year: int) -> IndexPeriod:
        """The same months of another year (the base, or last year for year-on-year change)."""
        return IndexPeriod(year, self.month, self.annual)

    def __str__(self) -> str:
        return self.key


def parse_index_period(text, plan=None, base_year: int | None = None) -> IndexPeriod:
    """A period as typed: ``2019``, ``2019年``, ``2019-09``, ``2019年1-9月``, ``2019上半年``, ``2019Q3``.

    Raises
    ------
    GrowthIndexError
        When the text is no period, or it lies outside the plan or before the base year.
    """
    if isinstance(text, IndexPeriod):
        period = text
    else:
        raw = str(text)
        period = None
        if match := _YEAR.match(raw):
            period = IndexPeriod(int(match[1]), 12, True)
        elif match := _HALF.match(raw):
            period = IndexPeriod(int(match[1]), 6)
        elif match := _QUARTER.match(raw):
            period = IndexPeriod(int(match[1]), _QUARTERS[match[2].upper() if match[2][0] in "qQ" else match[2]])
        elif (match := _MONTH.match(raw)) and 1 <= int(match[2]) <= 12:
            period = IndexPeriod(int(match[1]), int(match[2]))
        if period is None:
            raise GrowthIndexError(f"指数期别“{raw}”无法识别，应写作年份（2019）或年月（2019-09，即 2019年1-9月）")
    if plan is not None:
        first, last = (int(plan.period_start[:4]), int(plan.period_start[5:7])), \
            (int(plan.period_end[:4]), int(plan.period_end[5:7]))
        if not first <= (period.year, period.month) <= last:
            raise GrowthIndexError(f"指数期别 {period.label} 不在计划期 {plan.period_start} 至 {plan.period_end} 之内")
    if base_year is not None and period.year < base_year:
        raise GrowthIndexError(f"指数期别 {period.label} 早于基期 {base_year}年")
    return period


def series_periods(period: IndexPeriod, base_year: int) -> list[IndexPeriod]:
    """The periods of the time series up to ``period``: every year since the base year for a
    year, every quarter end since the base year's first for a month (and the month itself)."""
    if period.annual:
        return [IndexPeriod(y, 12, True) for y in range(base_year, period.year + 1)]
    out = [IndexPeriod(y, m) for y in range(base_year, period.year + 1) for m in (3, 6, 9, 12)
           if (y, m) <= (period.year, period.month)]
    if out[-1:] != [period]:
        out.append(period)
    return out


# ---------------------------------------------------------------- plan figures

@dataclass
class PlanFigure:
    """A plan indicator's value for one unit and period, with the cells it came from."""

    value: float
    sources: str = ""
    reason: str = ""
    """Why the value is missing (empty when it is there)."""


def _blocked(used, code: str, region: str, blocked: set, wanted: str) -> bool:
    keys = {f.period for f in used} | {wanted}
    return any((code, region, key) in blocked for key in keys)


def plan_value(index: actuals.FigureIndex, plan, code: str, region: str, period: IndexPeriod,
               blocked: set | None = None) -> PlanFigure:
    """The value of the plan indicator ``code`` for ``region`` in ``period`` (see the module).

    Parameters
    ----------
    index : FigureIndex
        The project's figures (:func:`workbench.models.assessment.engine.index_observations`).
    plan : Plan
    code, region : str
    period : IndexPeriod
    blocked : set of (indicator, region, period key), optional
        Figures with open check errors: they count as missing.
    """
    ind = plan.indicator(code)
    figs = index.figures(code, region)
    year, month = period.year, period.month
    if ind.kind == "cumulative":
        found = actuals.ytd(figs, year, month)
    elif ind.kind == "stock":
        found = actuals.stock(figs, year, month)
    elif ind.kind == "share":
        found = actuals.rate(figs, year, month)
    else:
        found = actuals.rate(figs, year, month, "同比增长")
        if math.isnan(found.value) and ind.of:
            return _growth_from_levels(index, plan, ind, region, period, blocked or set())
    wanted = f"{year}-{1 if ind.kind != 'stock' else month:02d}..{month:02d}"
    if math.isnan(found.value):
        return PlanFigure(math.nan, reason="未报送")
    if blocked and _blocked(found.used, code, region, blocked, wanted):
        return PlanFigure(math.nan, reason="有未处理的审核错误")
    return PlanFigure(found.value, "；".join(index.source(f) for f in found.used))


def _growth_from_levels(index, plan, ind, region, period, blocked) -> PlanFigure:
    """同比 of the indicator ``ind`` measures (its ``of``), from this year's and last year's levels."""
    now = plan_value(index, plan, ind.of, region, period, blocked)
    last = plan_value(index, plan, ind.of, region, period.in_year(period.year - 1), blocked)
    if math.isnan(now.value) or math.isnan(last.value) or last.value <= 0:
        return PlanFigure(math.nan, reason=now.reason or last.reason or "上年同期为零，无法计算增速")
    return PlanFigure((now.value / last.value - 1.0) * 100.0, f"由上年同期数推算：{now.sources}；{last.sources}")


# ---------------------------------------------------------------- one period's table

@dataclass
class PeriodData:
    """The index's input for one period.

    Attributes
    ----------
    period : IndexPeriod
    data : pandas.DataFrame
        The engine's data table: ``uName, uCode``, one column per denominator (population
        in 万人) and one per index indicator (after formula and transform, before the
        denominator); one row per scored unit.
    city : pandas.Series
        The same columns for the city as a whole (its own figures).
    flags : pandas.DataFrame
        ``region_code, region_name, indicator, reason``: every value missing, and why.
    figures : pandas.DataFrame
        ``region_code, plan_indicator, value, sources``: the plan figures used.
    """

    period: IndexPeriod
    data: pd.DataFrame
    city: pd.Series
    flags: pd.DataFrame
    figures: pd.DataFrame

    def per_capita(self, framework) -> pd.DataFrame:
        """Units × indicators with denominators applied (per 10 000 residents), indexed by ``uCode``."""
        return denominate(self.data.set_index("uCode"), framework)


def denominate(frame: pd.DataFrame, framework) -> pd.DataFrame:
    """Each indicator of ``frame`` divided by its denominator column (where it has one)."""
    out = pd.DataFrame(index=frame.index)
    for ind in framework.indicators:
        values = frame[ind.code].astype(float)
        if ind.denominator:
            values = values / frame[ind.denominator].astype(float)
        out[ind.code] = values
    return out


def period_data(index: actuals.FigureIndex, plan, framework, units: list[tuple[str, str]], period: IndexPeriod,
                blocked: set | None = None) -> PeriodData:
    """The index's input for ``period`` (see :class:`PeriodData`).

    Parameters
    ----------
    index : FigureIndex
    plan : Plan
    framework : Framework
    units : list of (code, name)
        The scored units; the city (``plan.city``) is computed besides them.
    period : IndexPeriod
    blocked : set, optional
        Figures with open check errors (see :func:`plan_value`).
    """
    everyone = [*units, (plan.city, "全市")]
    figures = []
    values: dict[str, list[float]] = {}
    reasons: dict[tuple[str, str], str] = {}
    for code in framework.plan_codes:
        column = []
        for region, _name in everyone:
            found = plan_value(index, plan, code, region, period, blocked)
            column.append(found.value)
            figures.append({"region_code": region, "plan_indicator": code, "value": found.value,
                            "sources": found.sources})
            if found.reason:
                reasons[(region, code)] = found.reason
        values[code] = column
    arrays = {code: np.array(column, dtype=float) for code, column in values.items()}
    table = pd.DataFrame({"uName": [n for _c, n in everyone], "uCode": [c for c, _n in everyone]})
    for den in framework.denominators.values():
        scaled = den.scaled()
        table[den.code] = [scaled.get(c, math.nan) for c, _n in everyone]
    flags = []
    for ind in framework.indicators:
        result = np.broadcast_to(ind.formula.evaluate(arrays), (len(everyone),)).astype(float)
        if ind.transform == "speed":
            result = SPEED_BASE + result
        table[ind.code] = result
        for row, (region, name) in enumerate(everyone):
            no_denominator = bool(ind.denominator) and math.isnan(table.at[row, ind.denominator])
            if not (math.isnan(result[row]) or no_denominator):
                continue
            why = [f"{plan.indicator(c).short_name}{reasons[(region, c)]}" for c in ind.formula.names
                   if (region, c) in reasons]
            if no_denominator:
                why.append(f"缺少{framework.denominators[ind.denominator].name}")
            flags.append({"region_code": region, "region_name": name, "indicator": ind.code,
                          "reason": "；".join(why) or "无法计算（分母为零）"})
    city = table.iloc[-1].copy()
    data = table.iloc[:-1].reset_index(drop=True)
    flags = pd.DataFrame(flags, columns=["region_code", "region_name", "indicator", "reason"])
    return PeriodData(period, data, city, flags, pd.DataFrame(figures))
