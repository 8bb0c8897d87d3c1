"""The plan's own growth index for a project: :func:`project_index`.

The project's current figures give, for every period from the base year to the one asked
for, a table of the scored units × the framework's indicators (:mod:`.index_data`). The
engine (:func:`~workbench.models.index.engine.compute_index`) then denominates (per 10 000
residents), fills gaps with the mean of the other units (flagged), normalises each indicator
against its base-period value — the mean of the units in the same months of the base year
= 100 — and aggregates dimension by dimension. So the mean of the units is 100 in the base
period by construction, an index of 112 reads "12 % above the base-period average", and
periods and units compare directly. Published as Zhejiang's index is: the total and the
dimension (module) indices beside it, the rank, and the change on the same period a year
earlier.

``workbench index PROJECT --period 2019 [--json]`` prints :meth:`ProjectIndex.summary_text`
or :meth:`ProjectIndex.as_json`; the index view shows the same object.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench.models.index.engine import IndexResult, compute_index
from workbench.models.index.framework import INDEX_CODE, Framework, load_framework
from workbench.models.index.index_data import (
    GrowthIndexError, IndexPeriod, PeriodData, denominate, parse_index_period, period_data, series_periods,
)
from workbench.models.index.spec import IndexSpec

DEFAULT_SPEC = IndexSpec(denominate=True, impute="mean", treat="none", normalise="base", weights="meta",
                         aggregate="arithmetic")
"""The published method: per 10 000 residents, gaps filled with the mean of the other units,
no outlier treatment (with seven units, winsorising would clip a real leader), base period = 100,
weighted arithmetic means."""
MEAN_CODE = "mean"
MEAN_NAME = "七县（市、区）平均"


@dataclass
class ProjectIndex:
    """The growth index of a project for one period, with its time series since the base.

    Attributes
    ----------
    framework : Framework
    spec : IndexSpec
    period : IndexPeriod
        The period asked for.
    periods : list of IndexPeriod
        The time series, oldest first, ending with ``period`` (years for a year, quarter ends
        for a month).
    results : dict
        Period key → the engine's :class:`IndexResult`.
    inputs : dict
        Period key → :class:`PeriodData` (also the base-year and year-earlier periods used).
    table : pandas.DataFrame
        One row per unit at ``period``, best first: ``region_code, region_name, index``, one
        column per dimension code, ``rank``, ``yoy_change`` (points against the same period a
        year earlier), ``yoy_pct``, ``rank_change`` (positive: moved up), ``imputed`` (count of
        values filled) and ``imputed_note``.
    mean : pandas.Series
        The same columns for the mean of the units (:data:`MEAN_NAME`).
    series : pandas.DataFrame
        Long form over :attr:`periods`: ``period, label, region_code, region_name, code, value,
        rank``; ``code`` is ``index`` or a dimension, ``region_code`` ``mean`` for the mean.
    flags : pandas.DataFrame
        At ``period``: ``region_code, region_name, indicator, indicator_name, reason, imputed``.
    notes : list of str
    """

    framework: Framework
    spec: IndexSpec
    period: IndexPeriod
    periods: list[IndexPeriod]
    results: dict[str, IndexResult]
    inputs: dict[str, PeriodData]
    table: pd.DataFrame
    mean: pd.Series
    series: pd.DataFrame
    flags: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    # ------------------------------------------------------------ what went in
    @property
    def base_period(self) -> IndexPeriod:
        return self.period.in_year(self.framework.base_year)

    @property
    def base_text(self) -> str:
        """What the series stands against: ``2018年`` for years, ``2018年同期`` for in-year periods."""
        return f"{self.framework.base_year}年" + ("" if self.period.annual else "同期")

    @property
    def result(self) -> IndexResult:
        """The engine's result at :attr:`period`."""
        return self.results[self.period.key]

    def meta(self) -> pd.DataFrame:
        """The engine's indicator table for :attr:`period` (targets prorated to its months)."""
        return self.framework.meta_frame(self.period.months)

    def data(self) -> pd.DataFrame:
        """The engine's data table at :attr:`period` (what the robustness analysis resamples)."""
        return engine_data(self.inputs[self.period.key], self.framework, self.inputs[self.base_period.key])[0]

    def base(self) -> pd.DataFrame:
        """The base period's data table (its unit mean scores 100)."""
        return base_table(self.inputs[self.base_period.key], self.framework)

    def per_capita(self) -> pd.DataFrame:
        """Units × indicators at :attr:`period` as they enter normalisation (per 10 000 residents …)."""
        return self.inputs[self.period.key].per_capita(self.framework)

    def anchors(self) -> pd.Series:
        """Indicator → its base-period value (= 100)."""
        return anchors(self.inputs[self.base_period.key], self.framework)

    # ------------------------------------------------------------ out
    def as_json(self) -> dict:
        """Everything a script needs: the method, the units' indices, the series, the gaps."""
        from workbench.models.index.index_text import index_json

        return index_json(self)

    def summary_text(self) -> str:
        """The ranking as a Chinese text table, with the method and the gaps under it."""
        from workbench.models.index.index_text import index_summary

        return index_summary(self)


# ---------------------------------------------------------------- computing

def base_table(base: PeriodData, framework: Framework) -> pd.DataFrame:
    """The base period's data table: the units (``county_mean``) or the city alone (``city``)."""
    if framework.anchor == "city":
        return base.city.to_frame().T.reset_index(drop=True)
    return base.data


def anchors(base: PeriodData, framework: Framework) -> pd.Series:
    """Indicator → its base value in the units normalisation sees (= 100)."""
    return denominate(base_table(base, framework).set_index("uCode"), framework).mean()


def engine_data(inputs: PeriodData, framework: Framework, base: PeriodData) -> tuple[pd.DataFrame, list[str]]:
    """The period's data table, with the indicators that have no usable base value blanked.

    Such an indicator cannot be put against a base (normalisation would fail); blanking it
    leaves it out of the aggregates for this period, and a note says so.
    """
    values = anchors(base, framework)
    data = inputs.data.copy()
    notes = []
    for ind in framework.indicators:
        value = values.get(ind.code, math.nan)
        if math.isnan(value) or value <= 0:
            data[ind.code] = math.nan
            why = "没有数据" if math.isnan(value) else "的平均值为 0"
            notes.append(f"“{ind.name}”在基期{base.period.label}{why}，无法与基期比较，{inputs.period.label}不计入。")
    return data, notes


def _units(plan, regions) -> list[tuple[str, str]]:
    """The scored units: the counties and the zones assessed on their own (as the assessment)."""
    from workbench.models.assessment.engine import assessed_units

    return [(code, name) for code, name, level in assessed_units(plan, regions) if level != "city"]


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _flags(result: IndexResult, inputs: PeriodData, framework: Framework) -> pd.DataFrame:
    reasons = {(f.region_code, f.indicator): f.reason for f in inputs.flags.itertuples()}
    names = dict(zip(inputs.data["uCode"], inputs.data["uName"]))
    rows = []
    for unit in result.imputed_cells.index:
        for code in result.imputed_cells.columns:
            imputed = bool(result.imputed_cells.at[unit, code])
            reason = reasons.get((unit, code))
            if imputed or reason:
                rows.append({"region_code": unit, "region_name": names.get(unit, unit), "indicator": code,
                             "indicator_name": framework.indicator(code).name, "reason": reason or "缺少数据",
                             "imputed": imputed})
    return pd.DataFrame(rows, columns=["region_code", "region_name", "indicator", "indicator_name", "reason",
                                       "imputed"])


def _has_figures(inputs: PeriodData, framework: Framework) -> bool:
    return bool(inputs.data[[i.code for i in framework.indicators]].notna().to_numpy().any())


def _frame(result: IndexResult, framework: Framework) -> pd.DataFrame:
    codes = [INDEX_CODE, *(d.code for d in framework.dimensions)]
    frame = result.scores[codes].copy()
    frame["rank"] = result.ranks[INDEX_CODE]
    return frame


def project_index(project, plan, regions, period, *, spec: IndexSpec | None = None,
                  framework: Framework | None = None, blocked: set | None = None) -> ProjectIndex:
    """The growth index of ``project`` for ``period`` and every period before it since the base.

    Parameters
    ----------
    project : workbench.models.store.Project
    plan : workbench.models.plan.Plan
    regions : workbench.models.regions.RegionTable
    period : str or IndexPeriod
        ``"2019"`` (the year), ``"2019-09"`` (the year to date 1-9月), ``2019上半年`` …
    spec : IndexSpec, optional
        Default :data:`DEFAULT_SPEC` (base period = 100). Another normalisation gives indices
        on its own scale (then the base period is only where the series starts).
    framework : Framework, optional
        Default: the shipped framework of the plan (``jiaxing-sme-growth``).
    blocked : set, optional
        :func:`~workbench.models.checks.project.blocking_now`, when the caller has it already.

    Returns
    -------
    ProjectIndex

    Raises
    ------
    GrowthIndexError
        A period that cannot be read, lies outside the plan or before the base year, or has
        no figures; no figures in the base period.
    workbench.models.index.framework.FrameworkError
        A framework that does not fit the plan.
    """
    from workbench.models.assessment.engine import index_observations
    from workbench.models.assessment.project_assessment import project_observations
    from workbench.models.checks.project import blocking_now

    framework = framework or load_framework(plan=plan)
    spec = spec or DEFAULT_SPEC
    period = parse_index_period(period, plan, framework.base_year)
    figures = index_observations(project_observations(project), plan)
    if blocked is None:
        blocked = blocking_now(project, plan, regions)
    units = _units(plan, regions)
    inputs: dict[str, PeriodData] = {}

    def data_at(p: IndexPeriod) -> PeriodData:
        if p.key not in inputs:
            inputs[p.key] = period_data(figures, plan, framework, units, p, blocked)
        return inputs[p.key]

    if not _has_figures(data_at(period), framework):
        raise GrowthIndexError(f"项目中没有 {period.label} 的数据，无法计算成长指数")
    notes: list[str] = []
    results: dict[str, IndexResult] = {}
    periods = []
    for p in series_periods(period, framework.base_year):
        base = data_at(p.in_year(framework.base_year))
        if not _has_figures(base, framework):
            if p == period:
                raise GrowthIndexError(f"基期 {base.period.label} 没有数据，无法计算以基期为 100 的指数")
            continue
        if p != period and not _has_figures(data_at(p), framework):
            continue
        table, blanked = engine_data(data_at(p), framework, base)
        if p == period:
            notes += blanked
        results[p.key] = compute_index(table, framework.meta_frame(p.months), spec, base=base_table(base, framework))
        periods.append(p)
    result = results[period.key]
    notes += [n for n in result.notes if n not in notes]
    current = _frame(result, framework)
    earlier = _year_before(period, framework, results, data_at, spec)
    table = _table(current, earlier, data_at(period), result, framework)
    mean = _mean_row(current, earlier)
    series = _series(periods, results, data_at, framework)
    flags = _flags(result, data_at(period), framework)
    return ProjectIndex(framework, spec, period, periods, results, inputs, table, mean, series, flags, notes)


def _year_before(period, framework, results, data_at, spec) -> pd.DataFrame | None:
    """The same period a year earlier (computed when the series does not hold it)."""
    before = period.in_year(period.year - 1)
    if before.year < framework.base_year:
        return None
    if before.key not in results:
        base = data_at(before.in_year(framework.base_year))
        if not (_has_figures(data_at(before), framework) and _has_figures(base, framework)):
            return None
        table, _notes = engine_data(data_at(before), framework, base)
        results[before.key] = compute_index(table, framework.meta_frame(before.months), spec,
                                            base=base_table(base, framework))
    return _frame(results[before.key], framework)


def _table(current: pd.DataFrame, earlier, inputs: PeriodData, result: IndexResult, framework) -> pd.DataFrame:
    table = current.copy()
    if earlier is not None:
        before = earlier.reindex(table.index)
        table["yoy_change"] = table[INDEX_CODE] - before[INDEX_CODE]
        table["yoy_pct"] = (table[INDEX_CODE] / before[INDEX_CODE] - 1.0) * 100.0
        table["rank_change"] = (before["rank"].astype("Float64") - table["rank"].astype("Float64")).astype("Float64")
    else:
        table["yoy_change"] = table["yoy_pct"] = np.nan
        table["rank_change"] = pd.Series(pd.NA, index=table.index, dtype="Float64")
    filled = result.imputed_cells.reindex(table.index).fillna(False)
    table["imputed"] = filled.sum(axis=1).astype(int)
    table["imputed_note"] = ["、".join(framework.indicator(c).name for c in filled.columns if row[c])
                             for _u, row in filled.iterrows()]
    names = dict(zip(inputs.data["uCode"], inputs.data["uName"]))
    table.insert(0, "region_name", [names.get(u, u) for u in table.index])
    table.insert(0, "region_code", [str(u) for u in table.index])
    table = table.sort_values([INDEX_CODE, "region_code"], ascending=[False, True], na_position="last", kind="stable")
    return table.reset_index(drop=True)


def _mean_row(current: pd.DataFrame, earlier) -> pd.Series:
    row = current.drop(columns=["rank"]).mean()
    row["yoy_change"] = row[INDEX_CODE] - earlier[INDEX_CODE].mean() if earlier is not None else math.nan
    return row


def _series(periods, results, data_at, framework) -> pd.DataFrame:
    rows = []
    codes = [INDEX_CODE, *(d.code for d in framework.dimensions)]
    for p in periods:
        result = results[p.key]
        names = dict(zip(data_at(p).data["uCode"], data_at(p).data["uName"]))
        for code in codes:
            scores, ranks = result.scores[code], result.ranks[code]
            for unit, value in scores.items():
                rank = ranks.get(unit)
                rows.append({"period": p.key, "label": p.label, "region_code": str(unit),
                             "region_name": names.get(unit, unit), "code": code, "value": float(value),
                             "rank": float(rank) if not _missing(rank) else math.nan})
            rows.append({"period": p.key, "label": p.label, "region_code": MEAN_CODE, "region_name": MEAN_NAME,
                         "code": code, "value": float(scores.mean()), "rank": math.nan})
    return pd.DataFrame(rows, columns=["period", "label", "region_code", "region_name", "code", "value", "rank"])
