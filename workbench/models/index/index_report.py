"""What the index view and the report package show of a :class:`ProjectIndex`: its robustness,
its charts and its table.

:func:`robustness` resamples the published method's uncertain choices — weights (±25 %), the
normalisation (base = 100, min-max, z-score, rank, distance to target), the aggregation
(arithmetic, geometric) and the gap filling — with the engine's
:func:`~workbench.models.index.sensitivity.sensitivity`, a generator the view runs in a worker.
:func:`index_figures` and :func:`report_table` give the four charts and the ranking table a
report package saves beside the assessment's.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from workbench.models.charts.index_charts import dimension_figure, ranking_figure, sensitivity_figure, series_figure
from workbench.models.index.framework import INDEX_CODE
from workbench.models.index.project_index import MEAN_NAME, ProjectIndex
from workbench.models.index.sensitivity import SensitivityResult, sensitivity

DEFAULT_SAMPLES = 1000
NORMALISATIONS = ("base", "minmax", "zscore", "rank", "target")
"""The alternatives drawn: the published base = 100 and the usual others (their ranks compare)."""
AGGREGATIONS = ("arithmetic", "geometric")


def robustness(index: ProjectIndex, *, samples: int = DEFAULT_SAMPLES, seed: int = 0,
               should_stop: Callable[[], bool] | None = None):
    """How much the ranks at the index's period depend on the choices made in building it.

    Parameters
    ----------
    index : ProjectIndex
    samples : int
        Number of random draws of the choices.
    seed : int
        The same seed gives the same draws.
    should_stop : callable, optional
        Polled between chunks; the generator then returns None.

    Yields
    ------
    (int, int, str)
        Work done, total work, a Chinese message.

    Returns
    -------
    SensitivityResult or None
    """
    return (yield from sensitivity(index.data(), index.meta(), index.spec, samples=samples, seed=seed,
                                   normalisations=NORMALISATIONS, aggregations=AGGREGATIONS, base=index.base(),
                                   should_stop=should_stop))


def ranking_frame(index: ProjectIndex, result: SensitivityResult | None = None) -> pd.DataFrame:
    """``region_code, region_name, nominal_rank`` and, after a robustness run, ``median_rank, p05, p95``."""
    frame = index.table[["region_code", "region_name", "rank"]].rename(columns={"rank": "nominal_rank"})
    frame["nominal_rank"] = frame["nominal_rank"].astype("Float64").astype(float)
    if result is not None:
        summary = result.summary.set_index(result.summary["uCode"].astype(str))
        for column in ("median_rank", "p05", "p95"):
            frame[column] = frame["region_code"].map(summary[column]).astype(float)
    return frame


def importance_series(result: SensitivityResult | None) -> pd.Series:
    """Choice (Chinese) → the mean number of rank places it moves a unit on its own."""
    if result is None:
        return pd.Series(dtype="float64")
    return pd.Series(result.importance["mean_rank_shift"].to_numpy(dtype=float),
                     index=list(result.importance["choice"]))


INDEX_CHARTS = ("成长指数排名", "成长指数分维度", "成长指数走势", "成长指数稳健性")
"""The index charts by the file stem a package gives them (the last needs a robustness run)."""


def index_figure(index: ProjectIndex, which: str, result: SensitivityResult | None = None, *, figure=None):
    """One of :data:`INDEX_CHARTS`, drawn into ``figure`` when given (a view's canvas)."""
    fw, label = index.framework, index.period.label
    if which == "成长指数排名":
        return ranking_figure(ranking_frame(index, result), title=f"{fw.index_name}排名及其不确定性（{label}）",
                              figure=figure)
    if which == "成长指数分维度":
        dims = [(d.code, d.name) for d in fw.dimensions]
        return dimension_figure(index.table, dims, index_code=INDEX_CODE, index_name=fw.index_name,
                                title=f"各县（市、区）{fw.index_name}与分维度指数（{label}，基期 = 100）", figure=figure)
    if which == "成长指数走势":
        return series_figure(index.series[index.series["code"] == INDEX_CODE], mean_label=MEAN_NAME,
                             title=f"{fw.index_name}走势（基期 {index.base_text} = 100）", figure=figure)
    if which == "成长指数稳健性":
        return sensitivity_figure(importance_series(result), title=f"各项方法选择对排名的影响（{label}）",
                                  figure=figure)
    raise KeyError(which)


def index_figures(index: ProjectIndex, result: SensitivityResult | None = None) -> dict[str, object]:
    """The index charts, by the file stem a package gives them.

    Returns
    -------
    dict of str → matplotlib.figure.Figure
        ``成长指数排名`` (ranks with their 5 %-95 % band when ``result`` is given),
        ``成长指数分维度`` (dimension indices per county), ``成长指数走势`` (the series since the
        base) and, with ``result``, ``成长指数稳健性`` (the influence of each choice).
    """
    return {which: index_figure(index, which, result) for which in INDEX_CHARTS
            if result is not None or which != "成长指数稳健性"}


def report_table(index: ProjectIndex, decimals: int | None = 1) -> pd.DataFrame:
    """The ranking with Chinese headings, the mean of the units last (for a workbook or slide);
    ``decimals=None`` keeps the scores unrounded (a workbook rounds them by its number format)."""
    fw = index.framework
    dims = [(d.code, d.name) for d in fw.dimensions]
    rows = []
    for _i, row in index.table.iterrows():
        rows.append({"排名": row["rank"], "地区": row["region_name"], fw.index_name: row[INDEX_CODE],
                     **{name: row[code] for code, name in dims}, "同比（点）": row["yoy_change"],
                     "排名变化": row["rank_change"], "估算的指标": row["imputed_note"]})
    mean = index.mean
    rows.append({"排名": pd.NA, "地区": MEAN_NAME, fw.index_name: mean[INDEX_CODE],
                 **{name: mean[code] for code, name in dims}, "同比（点）": mean["yoy_change"], "排名变化": pd.NA,
                 "估算的指标": ""})
    frame = pd.DataFrame(rows)
    for column in [fw.index_name, *(n for _c, n in dims), "同比（点）"]:
        frame[column] = frame[column].astype(float)
        if decimals is not None:
            frame[column] = frame[column].round(decimals)
    frame["排名"] = frame["排名"].astype("Int64")
    frame["排名变化"] = frame["排名变化"].astype("Float64").round().astype("Int64")
    return frame
