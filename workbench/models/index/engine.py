"""The composite index engine: :func:`compute_index` runs every step and keeps every result.

Pure pandas and numpy, for any hierarchy: a data table (units × indicators, with group and
denominator columns) and a metadata table of COINr's ``iMeta`` shape. The steps, in COINr's
order, each optional (:class:`~workbench.models.index.spec.IndexSpec`):

1. denominate by the indicator's denominator column (:mod:`.denominate`);
2. impute: none, indicator mean, group mean, previous period (:mod:`.impute`);
3. treat outliers: winsorise, else log (:mod:`.treat`);
4. normalise (:mod:`.normalise`) — "indicator scores" are these normalised values;
5. weight and aggregate level by level (:mod:`.aggregate`);
6. rank every aggregate on its unrounded scores, ties taking the smallest rank.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from workbench.models.index.aggregate import aggregate_frame, rank_frame
from workbench.models.index.denominate import denominate
from workbench.models.index.errors import IndexSpecError, IndexTableError
from workbench.models.index.hierarchy import IndexTree, node_weights
from workbench.models.index.impute import impute
from workbench.models.index.normalise import normalise
from workbench.models.index.spec import IndexSpec
from workbench.models.index.tables import IndexTables, prepare_tables
from workbench.models.index.treat import treat, untreated

STEPS = ("data", "denominated", "imputed", "treated", "normalised", "aggregated")


@dataclass
class IndexResult:
    """Everything one index computation produced, for the GUI to show step by step.

    Attributes
    ----------
    spec : IndexSpec
    steps : dict of str → DataFrame
        ``data``, ``denominated``, ``imputed``, ``treated``, ``normalised`` (units ×
        indicator codes) and ``aggregated`` (units × indicator and aggregate codes), all
        indexed by ``uCode``.
    scores : DataFrame
        Units × every indicator code (its normalised value) and aggregate code.
    ranks : DataFrame
        Units × aggregate codes (``Int64``; missing where a unit has no score).
    treatment : DataFrame
        One row per indicator (:data:`~workbench.models.index.treat.TREATMENT_COLUMNS`).
    meta : DataFrame
        The cleaned metadata, indexed by ``iCode``.
    tree : IndexTree
    top : str
        The code of the index itself.
    imputed_cells : DataFrame
        Units × indicator codes, True where a value was imputed.
    weights : Series
        Code → the weight among siblings that was used.
    unit_names : Series
        uCode → name.
    notes : list of str
        Chinese remarks: indicators without a value or without spread, and the like.
    """

    spec: IndexSpec
    steps: dict[str, pd.DataFrame]
    scores: pd.DataFrame
    ranks: pd.DataFrame
    treatment: pd.DataFrame
    meta: pd.DataFrame
    tree: IndexTree
    top: str
    imputed_cells: pd.DataFrame
    weights: pd.Series
    unit_names: pd.Series
    notes: list[str] = field(default_factory=list)

    @property
    def index(self) -> pd.Series:
        """The top aggregate's score per unit."""
        return self.scores[self.top]


def denominated_values(tables: IndexTables, spec: IndexSpec) -> pd.DataFrame:
    """The indicators after step 1 (a copy of the data when the spec does not denominate)."""
    if spec.denominate:
        return denominate(tables.values, tables.denominators, tables.meta)
    return tables.values.copy()


def earlier_values(previous, meta: pd.DataFrame, spec: IndexSpec) -> list[pd.DataFrame]:
    """Earlier periods' data tables (one, or a sequence, the most recent first) after step 1."""
    if previous is None:
        return []
    frames = [previous] if isinstance(previous, pd.DataFrame) else list(previous)
    return [denominated_values(prepare_tables(frame, meta), spec) for frame in frames]


def base_values(base, meta: pd.DataFrame, spec: IndexSpec) -> pd.Series | None:
    """Per-indicator base values in the units the normaliser sees.

    ``base`` is either a Series (indicator code → value, already in those units) or the base
    period's data table, which is then prepared and denominated as the data are and averaged
    over its units (the mean of the units in the base period = 100).
    """
    if base is None or isinstance(base, pd.Series):
        return base
    if isinstance(base, pd.DataFrame):
        return denominated_values(prepare_tables(base, meta), spec).mean()
    raise IndexSpecError("基期值须为“指标代码→数值”的序列，或基期的数据表。")


def _groups(tables: IndexTables, spec: IndexSpec) -> pd.Series | None:
    if spec.impute != "group-mean":
        return None
    if spec.impute_group not in tables.data.columns:
        raise IndexTableError(f"数据表中没有分组列“{spec.impute_group}”，无法按组均值插补。")
    groups = tables.data[spec.impute_group]
    return groups.where(groups.astype(str).str.strip() != "")


def treated_steps(tables: IndexTables, spec: IndexSpec, earlier: Sequence[pd.DataFrame] = ()):
    """Steps 1-3: denominate, impute and treat.

    Parameters
    ----------
    tables : IndexTables
    spec : IndexSpec
    earlier : sequence of DataFrame
        Earlier periods' denominated values, the most recent first (for ``impute="previous"``).

    Returns
    -------
    (dict, DataFrame, DataFrame)
        The step frames ``data`` to ``treated``, the imputed-cell mask and the treatment table.
    """
    values = tables.values
    denominated = denominated_values(tables, spec)
    imputed, filled = impute(denominated, spec.impute, groups=_groups(tables, spec), previous=list(earlier))
    thresholds = {"skew_threshold": spec.skew_threshold, "kurt_threshold": spec.kurt_threshold}
    if spec.treat == "winsor":
        treated, treatment = treat(imputed, winmax=spec.winmax, **thresholds)
    else:
        treated, treatment = imputed.copy(), untreated(imputed, **thresholds)
    if spec.normalise == "base" and treatment["log_transformed"].any():
        codes = "、".join(treatment.loc[treatment["log_transformed"], "code"])
        raise IndexSpecError(f"指标 {codes} 做了对数变换，量纲已变，不能再按基期=100 标准化；请关闭异常值处理。")
    steps = {"data": values, "denominated": denominated, "imputed": imputed, "treated": treated}
    return steps, filled, treatment


def compute_index(data: pd.DataFrame, meta: pd.DataFrame, spec: IndexSpec = IndexSpec(), *,
                  previous: pd.DataFrame | Sequence[pd.DataFrame] | None = None,
                  base: pd.Series | pd.DataFrame | None = None) -> IndexResult:
    """Compute a composite index and keep every intermediate result.

    Parameters
    ----------
    data : DataFrame
        One row per unit: ``uCode`` (column or index), the indicators, their denominators,
        group columns (see :func:`~workbench.models.index.tables.prepare_tables`).
    meta : DataFrame
        The metadata (:mod:`workbench.models.index.hierarchy`).
    spec : IndexSpec
        The choices; the default is denominate, min-max, meta weights, arithmetic mean.
    previous : DataFrame or sequence of DataFrame, optional
        For ``impute="previous"``: earlier periods' data tables (same shape as ``data``), the
        most recent first; they are denominated the same way before filling gaps.
    base : Series or DataFrame, optional
        For ``normalise="base"``: indicator code → base value (in denominated units), or
        the base period's data table, whose unit mean per indicator then scores 100.

    Returns
    -------
    IndexResult

    Raises
    ------
    IndexTableError, IndexSpecError
        Tables that cannot be used, or choices that do not fit them (Chinese messages).
    """
    tables = prepare_tables(data, meta)
    earlier = earlier_values(previous, tables.meta, spec) if spec.impute == "previous" else []
    steps, filled, treatment = treated_steps(tables, spec, earlier)
    steps["normalised"], notes = normalise(steps["treated"], tables.meta, spec.normalise, aggregate=spec.aggregate,
                                           base=base_values(base, tables.meta, spec))
    weights = node_weights(tables.meta, tables.tree, spec.weights)
    aggregated = aggregate_frame(steps["normalised"], tables.tree, weights, spec.aggregate)
    steps["aggregated"] = aggregated
    missing = [code for code in tables.tree.aggregates if aggregated[code].isna().any()]
    if missing:
        notes.append(f"{'、'.join(missing)} 有单位因下级指标全部缺失而没有得分，不参与排名。")
    return IndexResult(spec=spec, steps=steps, scores=aggregated.copy(),
                       ranks=rank_frame(aggregated[list(tables.tree.aggregates)]), treatment=treatment,
                       meta=tables.meta, tree=tables.tree, top=tables.tree.top, imputed_cells=filled,
                       weights=weights, unit_names=tables.unit_names, notes=notes)


def _plain(value):
    if value is None or value is pd.NA:
        return None
    value = value.item() if hasattr(value, "item") else value
    return None if isinstance(value, float) and not math.isfinite(value) else value


def result_json(result: IndexResult) -> dict:
    """The result as ``workbench index compute --json`` prints it.

    Returns
    -------
    dict
        ``top`` (the index's code), ``spec``, ``scores`` (uCode → {indicator or aggregate
        code → score}; indicator scores are the normalised values), ``ranks`` (uCode →
        {aggregate code → rank}) and ``notes``; missing values are None.
    """
    scores = {str(unit): {code: _plain(v) for code, v in row.items()} for unit, row in result.scores.iterrows()}
    ranks = {str(unit): {code: _plain(v) for code, v in row.items()} for unit, row in result.ranks.iterrows()}
    return {"top": result.top, "spec": result.spec.as_dict(), "scores": scores, "ranks": ranks,
            "notes": list(result.notes)}
