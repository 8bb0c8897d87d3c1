"""Aggregation level by level, and ranking.

Every aggregate is the weighted mean of its children's scores — the normalised indicators
at the first level, aggregates above — over the children that have a value, the weights
of those children rescaled to add up to 1 (COINr's ``a_amean`` / ``a_gmean``). A unit with
no child present gets no score. The arithmetic mean is Σwx/Σw; the geometric mean is
exp(Σw·ln x/Σw) and needs every value > 0.

The work is done on arrays shaped (samples, rows, codes) so that the sensitivity analysis
aggregates a thousand weight sets in one pass; :func:`aggregate_frame` is the one-sample
view the engine uses.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.models.index.errors import IndexSpecError
from workbench.models.index.hierarchy import IndexTree


def aggregate_arrays(indicators: np.ndarray, weights: np.ndarray, tree: IndexTree, method: str) -> np.ndarray:
    """Aggregate indicator scores for many weight sets at once.

    Parameters
    ----------
    indicators : ndarray
        Normalised scores shaped (S, R, K) or (R, K): S samples, R rows (units, or period ×
        unit), K = ``len(tree.indicators)`` in tree order; NaN where missing.
    weights : ndarray
        Shaped (S, N) or (N,), N = ``len(tree.codes)``: each code's weight among its siblings.
    tree : IndexTree
    method : {"arithmetic", "geometric"}

    Returns
    -------
    ndarray
        Shaped (S, R, N) (or (R, N)): the indicators' scores followed by every aggregate's,
        in ``tree.codes`` order.
    """
    single = weights.ndim == 1
    weights = np.atleast_2d(weights)
    values = indicators if indicators.ndim == 3 else indicators[None, ...]
    samples = max(weights.shape[0], values.shape[0])
    rows, n_ind = values.shape[1], len(tree.indicators)
    index = {code: i for i, code in enumerate(tree.codes)}
    store = np.empty((samples, rows, len(tree.codes)))
    store[:, :, :n_ind] = np.log(values) if method == "geometric" else values
    for code in tree.aggregates:
        kids = [index[c] for c in tree.children[code]]
        child = store[:, :, kids]
        w = np.broadcast_to(weights[:, None, kids], child.shape)
        present = ~np.isnan(child)
        total = np.where(present, w, 0.0).sum(axis=2)
        weighted = np.where(present, child * w, 0.0).sum(axis=2)
        with np.errstate(invalid="ignore", divide="ignore"):
            store[:, :, index[code]] = np.where(total > 0, weighted / np.where(total > 0, total, 1.0), np.nan)
    if method == "geometric":
        store = np.exp(store)
    return store[0] if single and indicators.ndim == 2 else store


def check_positive(normalised: pd.DataFrame) -> None:
    """Refuse values ≤ 0 before a geometric mean, naming the first unit and indicator."""
    bad = (normalised <= 0).to_numpy()
    if bad.any():
        row, col = (int(i[0]) for i in np.nonzero(bad))
        raise IndexSpecError(
            f"几何平均要求标准化后的值都为正，但单位 {normalised.index[row]} 的指标“{normalised.columns[col]}”"
            f"为 {normalised.iat[row, col]:g}；请改用算术平均，或换一种标准化方法。")


def aggregate_frame(normalised: pd.DataFrame, tree: IndexTree, weights: pd.Series, method: str) -> pd.DataFrame:
    """The engine's aggregation: units × (indicator codes, then aggregate codes).

    Parameters
    ----------
    normalised : DataFrame
        Units × indicator codes.
    tree : IndexTree
    weights : Series
        Code → weight among siblings (:func:`~workbench.models.index.hierarchy.node_weights`).
    method : {"arithmetic", "geometric"}

    Raises
    ------
    IndexSpecError
        A geometric mean over a value ≤ 0.
    """
    if method == "geometric":
        check_positive(normalised)
    values = normalised[list(tree.indicators)].to_numpy(dtype=float)
    out = aggregate_arrays(values, weights.reindex(list(tree.codes)).to_numpy(dtype=float), tree, method)
    return pd.DataFrame(out, index=normalised.index, columns=list(tree.codes))


def rank_frame(scores: pd.DataFrame) -> pd.DataFrame:
    """Ranks per column, highest score first, ties taking the smallest rank; missing stays missing."""
    return scores.rank(ascending=False, method="min", na_option="keep").astype("Int64")


def rank_arrays(scores: np.ndarray) -> np.ndarray:
    """Ranks along the last axis as :func:`rank_frame` gives them (float, NaN where no score).

    A unit's rank is 1 + the number of units with a strictly higher score, which is the
    "min" method on unrounded scores.
    """
    higher = (scores[..., None, :] > scores[..., :, None]).sum(axis=-1)
    return np.where(np.isnan(scores), np.nan, 1.0 + higher)
