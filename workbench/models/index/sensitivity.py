"""Uncertainty and sensitivity of the index's ranks to the choices made in building it.

:func:`sensitivity` samples the choices N times — every weight multiplied by a uniform
factor in [1 − noise, 1 + noise], the normalisation, the aggregation and the imputation
drawn uniformly among the alternatives given — and ranks the units by the index in every
sample (within each period for panel data). It reports each unit's nominal rank, median
rank and 5-95 % band, and how much each choice moves the ranks on its own.

It is fast because the steps are shared: the data are imputed and treated once per
imputation choice and normalised once per normalisation choice; a sample is then only a
weighted aggregation, done for many samples at once as array arithmetic
(:func:`~workbench.models.index.aggregate.aggregate_arrays`).

Like every long task of the core it is a generator: it yields ``(done, total, message)``
and returns a :class:`SensitivityResult` (``None`` when ``should_stop`` asked it to stop).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from workbench.models.index.aggregate import aggregate_arrays, rank_arrays
from workbench.models.index.engine import base_values, denominated_values, earlier_values, treated_steps
from workbench.models.index.errors import IndexEngineError, IndexSpecError
from workbench.models.index.hierarchy import node_weights
from workbench.models.index.normalise import normalise
from workbench.models.index.panel import split_panel
from workbench.models.index.spec import AGGREGATIONS, IMPUTATIONS, NORMALISATIONS, IndexSpec
from workbench.models.index.tables import prepare_tables

CHOICES = {"weights": "权重", "normalise": "标准化方法", "aggregate": "加总方法", "impute": "缺失值处理"}
CHUNK = 250


@dataclass
class SensitivityResult:
    """What :func:`sensitivity` found.

    Attributes
    ----------
    summary : DataFrame
        One row per unit (per period and unit for panel data): ``period`` (panel only),
        ``uCode``, ``uName``, ``nominal_score``, ``nominal_rank``, ``median_rank``, ``p05``,
        ``p95`` (5 % and 95 % quantiles of the sampled ranks, linear interpolation), ``band``
        (p95 − p05).
    importance : DataFrame
        One row per choice (``choice`` in Chinese: 权重, 标准化方法, 加总方法, 缺失值处理),
        most influential first: ``mean_rank_shift`` — the mean absolute change of rank
        from the nominal one when only that choice varies and the others stay nominal (a
        one-at-a-time measure: over the sampled weight sets for 权重, over every
        alternative for the others) — ``max_rank_shift``, ``changed_share`` (share of the
        ranks that moved) and ``alternatives`` (how many variants were tried).
    sampled_ranks : ndarray
        Ranks shaped (samples, periods, units); NaN where a unit has no score.
    samples : DataFrame
        Per sample: ``normalise``, ``aggregate``, ``impute``.
    sampled_weights : ndarray
        Shaped (samples, codes): the weights used, in ``codes`` order.
    units, periods, codes : list
        The axes (``periods`` is ``[None]`` for a single table).
    top : str
    nominal_ranks : ndarray
        Shaped (periods, units).
    notes : list of str
    """

    summary: pd.DataFrame
    importance: pd.DataFrame
    sampled_ranks: np.ndarray
    samples: pd.DataFrame
    sampled_weights: np.ndarray
    units: list[str]
    periods: list
    codes: list[str]
    top: str
    nominal_ranks: np.ndarray
    notes: list[str] = field(default_factory=list)


def _default_imputations(spec: IndexSpec) -> tuple[str, ...]:
    out = [spec.impute, "none", "mean"] + (["group-mean"] if spec.impute_group else [])
    return tuple(dict.fromkeys(out))


def _checked(values, known: Mapping, what: str) -> tuple[str, ...]:
    values = tuple(dict.fromkeys(values))
    if not values:
        raise IndexSpecError(f"{what}的备选方案不能为空。")
    for value in values:
        if value not in known:
            raise IndexSpecError(f"未知的{what}“{value}”，可选：{'、'.join(known)}。")
    return values


class _Prepared:
    """The normalised indicator arrays of every (imputation, normalisation, aggregation) choice."""

    def __init__(self, panel, meta, spec, imputations, normalisations, aggregations, previous, base):
        self.panel = panel
        self.tables = [prepare_tables(frame, meta) for _, frame in panel]
        self.tree, self.meta = self.tables[0].tree, self.tables[0].meta
        self.units = list(dict.fromkeys(u for t in self.tables for u in t.values.index))
        self.spec, self.previous = spec, previous
        self.imputations, self.normalisations, self.aggregations = imputations, normalisations, aggregations
        self.base = base_values(base, self.meta, spec)
        self.arrays: dict[tuple[str, str, str], np.ndarray] = {}
        self.invalid: dict[tuple[str, str, str], str] = {}
        self.notes: list[str] = []

    def _treated(self, tables, spec: IndexSpec, earlier: list) -> pd.DataFrame:
        if spec.impute == "previous" and not earlier:
            # The panel's first period has nothing before it: its gaps stay open, as in COINr's impute_panel.
            self.notes.append("第一期之前没有数据，按上期值插补时第一期的缺失值保持为空。")
            spec = replace(spec, impute="none")
        return treated_steps(tables, spec, earlier)[0]["treated"]

    def steps(self):
        """Yield once per imputation choice after filling :attr:`arrays` for it."""
        earlier_all = earlier_values(self.previous, self.meta, self.spec)
        denominated = [denominated_values(t, self.spec) for t in self.tables]
        k = len(self.tree.indicators)
        for impute in self.imputations:
            spec = replace(self.spec, impute=impute)
            try:
                treated = [self._treated(tables, spec, denominated[:p][::-1] + earlier_all)
                           for p, tables in enumerate(self.tables)]
            except IndexEngineError as exc:
                for norm in self.normalisations:
                    for agg in self.aggregations:
                        self.invalid[(impute, norm, agg)] = str(exc)
                yield impute
                continue
            for norm in self.normalisations:
                for agg in self.aggregations:
                    key = (impute, norm, agg)
                    out = np.full((len(self.tables), len(self.units), k), np.nan)
                    try:
                        for p, frame in enumerate(treated):
                            normalised, _ = normalise(frame, self.meta, norm, aggregate=agg, base=self.base)
                            if agg == "geometric" and (normalised <= 0).to_numpy().any():
                                raise IndexSpecError(f"{NORMALISATIONS[norm]}后有值 ≤ 0，不能做几何平均")
                            out[p] = normalised.reindex(index=self.units, columns=list(self.tree.indicators))
                    except IndexEngineError as exc:
                        self.invalid[key] = str(exc)
                        continue
                    self.arrays[key] = out
            yield impute


def _ranks(prepared: _Prepared, key, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ranks and scores of the top aggregate, both (S, P, U), for weight sets (S, N) under one choice."""
    values = prepared.arrays[key]
    periods, units, k = values.shape
    scores = aggregate_arrays(values.reshape(periods * units, k), weights, prepared.tree, key[2])
    top = scores[:, :, prepared.tree.codes.index(prepared.tree.top)].reshape(len(weights), periods, units)
    return rank_arrays(top), top


class _Progress:
    """Counts work done and polls ``should_stop``."""

    def __init__(self, total: int, should_stop: Callable[[], bool] | None):
        self.done, self.total, self.should_stop = 0, total, should_stop

    def step(self, amount: int, message: str) -> tuple[int, int, str]:
        self.done += amount
        return self.done, self.total, message

    @property
    def stopped(self) -> bool:
        return self.should_stop is not None and bool(self.should_stop())


def _sampled(prepared: _Prepared, combos, drawn, weights, progress: _Progress):
    """Ranks of every sample, computed combination by combination in chunks (a generator)."""
    ranks = np.full((len(weights), len(prepared.panel), len(prepared.units)), np.nan)
    finished = 0
    for c in np.unique(drawn):
        members = np.flatnonzero(drawn == c)
        for start in range(0, len(members), CHUNK):
            chunk = members[start:start + CHUNK]
            ranks[chunk] = _ranks(prepared, combos[c], weights[chunk])[0]
            finished += len(chunk)
            yield progress.step(len(chunk), f"抽样计算：{finished}/{len(weights)}")
            if progress.stopped:
                return None
    return ranks


def _one_at_a_time(prepared: _Prepared, nominal_key, nominal_w, weights, options, progress: _Progress):
    """Ranks when only one choice varies: every sampled weight set, then every other option of each
    discrete choice (a generator returning choice → (ranks (V, P, U), V))."""
    weight_ranks = np.empty((len(weights), len(prepared.panel), len(prepared.units)))
    for start in range(0, len(weights), CHUNK):
        weight_ranks[start:start + CHUNK] = _ranks(prepared, nominal_key, weights[start:start + CHUNK])[0]
        yield progress.step(min(CHUNK, len(weights) - start), f"单因素影响：{CHOICES['weights']}")
        if progress.stopped:
            return None
    shifts = {"weights": (weight_ranks, len(weights))}
    for position, choice in enumerate(("impute", "normalise", "aggregate")):
        variants = []
        for option in options[choice]:
            key = list(nominal_key)
            key[position] = option
            if option != nominal_key[position] and tuple(key) in prepared.arrays:
                variants.append(_ranks(prepared, tuple(key), nominal_w[None, :])[0][0])
        yield progress.step(len(options[choice]), f"单因素影响：{CHOICES[choice]}")
        empty = np.empty((0, len(prepared.panel), len(prepared.units)))
        shifts[choice] = (np.array(variants) if variants else empty, len(variants))
    return shifts


def sensitivity(data, meta: pd.DataFrame, spec: IndexSpec = IndexSpec(), *, samples: int = 1000, seed: int = 0,
                weight_noise: float = 0.25, normalisations=("minmax", "zscore", "rank"),
                aggregations=("arithmetic", "geometric"), imputations=None, periods=None, previous=None,
                base=None, should_stop: Callable[[], bool] | None = None):
    """Sample the index's choices and measure how far each unit's rank moves.

    Parameters
    ----------
    data : DataFrame or Mapping
        One table (as for :func:`~workbench.models.index.engine.compute_index`), or panel
        data: a table with a ``period`` column, or a mapping period → table; periods run in
        sorted order and the units are ranked within each period.
    meta : DataFrame
    spec : IndexSpec
        The nominal choices (and the steps that are not varied: denomination, treatment).
    samples : int
        Number of samples N.
    seed : int
        Seed of the random generator: the same seed gives the same samples.
    weight_noise : float
        Each weight is multiplied by a factor drawn uniformly from [1 − noise, 1 + noise].
    normalisations, aggregations, imputations : sequence of str
        The alternatives drawn from (uniformly, among the combinations that are possible:
        e.g. a geometric mean after a normalisation that gives values ≤ 0 is left out).
        ``imputations=None``: the nominal one, ``none``, ``mean`` and, when the spec names a
        group column, ``group-mean``.
    periods : sequence, optional
        The periods to analyse (default: all); earlier periods still serve ``previous`` imputation.
    previous : DataFrame, optional
        The period before the first one, for ``previous`` imputation.
    base : Series or DataFrame, optional
        Base values for ``base`` normalisation (see ``compute_index``).
    should_stop : callable, optional
        Polled between chunks; when it returns True the generator returns None.

    Yields
    ------
    (int, int, str)
        Work done, total work, and a Chinese message.

    Returns
    -------
    SensitivityResult or None
        (as the generator's return value, ``StopIteration.value``).
    """
    if samples < 1:
        raise IndexSpecError("抽样次数须为正整数。")
    if not 0 <= weight_noise < 1:
        raise IndexSpecError("权重扰动幅度须在 0 与 1 之间（如 0.25 表示 ±25%）。")
    normalisations = _checked(normalisations, NORMALISATIONS, "标准化方法")
    aggregations = _checked(aggregations, AGGREGATIONS, "加总方法")
    imputations = _checked(imputations or _default_imputations(spec), IMPUTATIONS, "缺失值处理方法")
    for impute in imputations:
        replace(spec, impute=impute)  # an unusable choice (group-mean without a column) fails here
    panel = split_panel(data, periods)
    prepared = _Prepared(panel, meta, spec, tuple(dict.fromkeys((spec.impute, *imputations))),
                         tuple(dict.fromkeys((spec.normalise, *normalisations))),
                         tuple(dict.fromkeys((spec.aggregate, *aggregations))), previous, base)
    options = {"impute": imputations, "normalise": normalisations, "aggregate": aggregations}
    progress = _Progress(len(prepared.imputations) + 2 * samples + sum(map(len, options.values())), should_stop)
    for impute in prepared.steps():
        yield progress.step(1, f"准备数据：缺失值处理“{IMPUTATIONS[impute]}”")
        if progress.stopped:
            return None
    nominal_key = (spec.impute, spec.normalise, spec.aggregate)
    if nominal_key not in prepared.arrays:
        raise IndexSpecError(prepared.invalid.get(nominal_key, "名义方案无法计算。"))
    combos = [(i, n, a) for i in imputations for n in normalisations for a in aggregations
              if (i, n, a) in prepared.arrays]
    if not combos:
        raise IndexSpecError("所给的备选方案组合都无法计算。")
    nominal_w = node_weights(prepared.meta, prepared.tree, spec.weights).to_numpy(dtype=float)
    rng = np.random.default_rng(seed)
    weights = nominal_w[None, :] * rng.uniform(1 - weight_noise, 1 + weight_noise, (samples, len(nominal_w)))
    drawn = rng.integers(len(combos), size=samples)
    ranks = yield from _sampled(prepared, combos, drawn, weights, progress)
    if ranks is None:
        return None
    shifts = yield from _one_at_a_time(prepared, nominal_key, nominal_w, weights, options, progress)
    if shifts is None:
        return None
    nominal_ranks, nominal_scores = (a[0] for a in _ranks(prepared, nominal_key, nominal_w[None, :]))
    return _result(prepared, ranks, nominal_ranks, nominal_scores, shifts, combos, drawn, weights)


def _result(prepared, ranks, nominal_ranks, nominal_scores, shifts, combos, drawn, weights) -> SensitivityResult:
    names = pd.Series({u: u for u in prepared.units})
    for tables in prepared.tables:
        names.update(tables.unit_names)
    labels = [label for label, _ in prepared.panel]
    rows = []
    with warnings.catch_warnings():
        # A unit without any score in a period gives an all-NaN slice: its band is NaN, as it should be.
        warnings.simplefilter("ignore", RuntimeWarning)
        median = np.nanmedian(ranks, axis=0)
        p05, p95 = np.nanpercentile(ranks, [5, 95], axis=0)
    for p, label in enumerate(labels):
        for u, unit in enumerate(prepared.units):
            row = {"period": label} if label is not None else {}
            row.update({"uCode": unit, "uName": names[unit], "nominal_score": nominal_scores[p, u],
                        "nominal_rank": nominal_ranks[p, u], "median_rank": median[p, u], "p05": p05[p, u],
                        "p95": p95[p, u], "band": p95[p, u] - p05[p, u]})
            rows.append(row)
    importance = []
    for choice, (variant_ranks, count) in shifts.items():
        delta = np.abs(variant_ranks - nominal_ranks[None]) if count else np.zeros((0,))
        delta = delta[~np.isnan(delta)] if count else delta
        importance.append({"choice": CHOICES[choice], "key": choice,
                           "mean_rank_shift": float(delta.mean()) if delta.size else 0.0,
                           "max_rank_shift": float(delta.max()) if delta.size else 0.0,
                           "changed_share": float((delta > 0).mean()) if delta.size else 0.0,
                           "alternatives": count})
    importance = pd.DataFrame(importance).sort_values(["mean_rank_shift", "max_rank_shift"], ascending=False,
                                                      kind="stable").reset_index(drop=True)
    chosen = [combos[c] for c in drawn]
    table = pd.DataFrame(chosen, columns=["impute", "normalise", "aggregate"])[["normalise", "aggregate", "impute"]]
    notes = list(dict.fromkeys(prepared.notes))
    notes += [f"组合 {'/'.join(k)} 无法计算，未参与抽样：{why}" for k, why in prepared.invalid.items()]
    return SensitivityResult(summary=pd.DataFrame(rows), importance=importance, sampled_ranks=ranks, samples=table,
                             sampled_weights=weights, units=list(prepared.units), periods=labels,
                             codes=list(prepared.tree.codes), top=prepared.tree.top, nominal_ranks=nominal_ranks,
                             notes=notes)


def run_sensitivity(*args, **kwargs) -> SensitivityResult | None:
    """Run :func:`sensitivity` to the end without progress reports (CLI, tests, scripts)."""
    generator = sensitivity(*args, **kwargs)
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value
