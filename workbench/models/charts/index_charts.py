"""Growth index charts: ranks with their uncertainty, dimensions per county, the index over time,
and what the ranks depend on.

Each function takes plain DataFrames (made by :mod:`workbench.models.index.project_index`)
and returns a :class:`matplotlib.figure.Figure` built without pyplot, so the index view
embeds it with ``FigureCanvasQTAgg`` and the report package saves the very same figure.
Counties keep their line style from :func:`~workbench.models.charts.palette.county_styles`;
bars differ by hatch as well as fill, so the charts survive grey print and colour-blind
readers. The base period's 100 is always drawn as a dashed line.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from workbench.models.charts.canvas import FONT_SIZE, TITLE_SIZE, empty_note, new_figure, style_axes
from workbench.models.charts.palette import ACTUAL, EDGE, PROGRESS_LINE, county_styles

BASE_VALUE = 100.0
DIMENSION_FILLS = ("#9ecae1", "#fdd9b0", "#b8e0c8", "#dcd6ec", "#f6f6c0")
"""Light fills of the dimension bars (blue, orange, green …): black text stays legible on them."""
DIMENSION_HATCHES = ("", "////", "....", "xxx", "\\\\\\\\")
"""A hatch per dimension, so the bars stay apart on a grey printout."""
TOTAL_FILL = "#4d5b6b"
"""The total's bar: dark slate, first in each group, so it reads as the headline in grey print too."""
BAND_COLOR = "#9ecae1"
NOMINAL_COLOR = "#222222"
MEAN_STYLE = {"color": "#555555", "linestyle": "-", "linewidth": 3.0, "alpha": 0.45}
"""The seven-county mean behind the county lines: a broad grey band, not a competitor."""


def _title(ax, title: str) -> None:
    if title:
        ax.set_title(title, fontsize=TITLE_SIZE, loc="left")


def _base_line(ax, label: str = "基期 = 100", vertical: bool = False) -> None:
    draw = ax.axvline if vertical else ax.axhline
    draw(BASE_VALUE, linewidth=1.1, label=label, **PROGRESS_LINE)


def ranking_figure(ranks: pd.DataFrame, *, title: str = "", size: tuple[float, float] = (6.4, 3.4),
                   figure: Figure | None = None) -> Figure:
    """Each county's rank under the default choices and its spread over the robustness samples.

    Parameters
    ----------
    ranks : pandas.DataFrame
        One row per county: ``region_name``, ``nominal_rank`` (the published rank), and when
        a robustness analysis has run ``median_rank``, ``p05`` and ``p95``.
    title : str
    size : tuple of float
        Inches.
    figure : matplotlib.figure.Figure, optional
        Draw into this figure (cleared first).

    Returns
    -------
    matplotlib.figure.Figure
        Counties top to bottom by published rank; the 5%–95% band as a bar, the median
        rank as a dot, the published rank as an open diamond.
    """
    figure = new_figure(size, figure)
    ax = figure.add_subplot()
    _title(ax, title)
    if ranks is None or ranks.empty:
        empty_note(ax, "没有可画的排名")
        return figure
    rows = ranks.sort_values("nominal_rank", kind="stable").reset_index(drop=True)
    n = len(rows)
    y = np.arange(n)
    style_axes(ax, grid="x")
    sampled = "median_rank" in rows and rows["median_rank"].notna().any()
    if sampled:
        low = rows["p05"].to_numpy(dtype=float, na_value=np.nan)
        high = rows["p95"].to_numpy(dtype=float, na_value=np.nan)
        ax.hlines(y, low, high, colors=BAND_COLOR, linewidth=9, label="5%–95% 区间", zorder=1)
        ax.plot(rows["median_rank"].to_numpy(dtype=float, na_value=np.nan), y, linestyle="", marker="o",
                markersize=7, color=ACTUAL["color"], label="中位排名", zorder=3)
    nominal = rows["nominal_rank"].to_numpy(dtype=float, na_value=np.nan)
    ax.plot(nominal, y, linestyle="", marker="D", markersize=8, markerfacecolor="none",
            markeredgecolor=NOMINAL_COLOR, markeredgewidth=1.4, label="公布排名（默认方案）", zorder=4)
    ax.set_yticks(y, list(rows["region_name"]))
    ax.set_ylim(n - 0.5, -0.5)  # first place on top
    top = max(n, int(np.nanmax(rows["p95"])) if sampled and rows["p95"].notna().any() else n)
    ax.set_xlim(0.5, top + 0.5)
    ax.set_xticks(range(1, top + 1))
    ax.set_xlabel("排名（1 为最好）", fontsize=FONT_SIZE)
    ax.legend(fontsize=FONT_SIZE, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3)
    if not sampled:
        ax.text(1.0, 1.01, "尚未做稳健性分析：只画公布排名", transform=ax.transAxes, ha="right", va="bottom",
                fontsize=FONT_SIZE, color="#5f6b7a")
    return figure


def dimension_figure(table: pd.DataFrame, dimensions: list[tuple[str, str]], *, index_code: str = "index",
                     index_name: str = "成长指数", title: str = "", size: tuple[float, float] = (7.2, 3.4),
                     figure: Figure | None = None) -> Figure:
    """The dimension (module) indices of each county beside its total.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per county in the order to draw: ``region_name``, ``index_code`` and one
        column per dimension code.
    dimensions : list of (code, name)
    index_code, index_name : str
        The total's column and its name.
    title, size, figure
        As for :func:`ranking_figure`.

    Returns
    -------
    matplotlib.figure.Figure
        A group per county: the total first (dark, its value on top), then one bar per
        dimension (each with its fill and hatch); the base 100 as a dashed line.
    """
    figure = new_figure(size, figure)
    ax = figure.add_subplot()
    _title(ax, title)
    if table is None or table.empty or not dimensions:
        empty_note(ax, "没有可画的分维度指数")
        return figure
    n, k = len(table), len(dimensions)
    x = np.arange(n)
    width = 0.84 / (k + 1)
    style_axes(ax)
    total = table[index_code].to_numpy(dtype=float, na_value=np.nan)
    left = x - 0.42 + width / 2
    ax.bar(left, np.nan_to_num(total), width=width * 0.95, color=TOTAL_FILL, edgecolor=EDGE, linewidth=0.6,
           label=index_name)
    for xi, value in zip(left, total):
        if not math.isnan(value):
            ax.text(xi, value, f"{value:.1f}", ha="center", va="bottom", fontsize=FONT_SIZE - 0.5, zorder=5,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85})
    values = [table[code].to_numpy(dtype=float, na_value=np.nan) for code, _name in dimensions]
    for i, ((code, name), heights) in enumerate(zip(dimensions, values)):
        ax.bar(left + width * (i + 1), np.nan_to_num(heights), width=width * 0.95,
               color=DIMENSION_FILLS[i % len(DIMENSION_FILLS)], hatch=DIMENSION_HATCHES[i % len(DIMENSION_HATCHES)],
               edgecolor=EDGE, linewidth=0.6, label=name)
    _base_line(ax)
    everything = np.concatenate([total, *values])
    finite = everything[np.isfinite(everything)]
    low = min(float(finite.min()) if finite.size else BASE_VALUE, BASE_VALUE)
    high = max(float(finite.max()) if finite.size else BASE_VALUE, BASE_VALUE)
    span = max(high - low, 10.0)
    ax.set_ylim(max(0.0, low - span * 0.35), high + span * 0.18)  # zoomed on the differences, 0 when near
    ax.set_xticks(x, list(table["region_name"]))
    ax.set_ylabel("指数（基期 = 100）", fontsize=FONT_SIZE)
    ax.legend(fontsize=FONT_SIZE, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=k + 2)
    return figure


def series_figure(series: pd.DataFrame, *, mean_label: str = "七县（市、区）平均", title: str = "",
                  size: tuple[float, float] = (7.2, 3.6), figure: Figure | None = None) -> Figure:
    """The index of each county over the periods since the base, with the base 100.

    Parameters
    ----------
    series : pandas.DataFrame
        Long form, oldest period first: ``period`` (key), ``label`` (e.g. 2019年1-9月),
        ``region_code``, ``region_name``, ``value``. Rows with ``region_code == "mean"``
        are the mean of the counties, drawn as a grey band behind them.
    mean_label : str
    title, size, figure
        As for :func:`ranking_figure`.

    Returns
    -------
    matplotlib.figure.Figure
        One line per county in its own colour, line style and marker; the legend lists the
        counties by their latest value, highest first.
    """
    figure = new_figure(size, figure)
    ax = figure.add_subplot()
    _title(ax, title)
    if series is None or series.empty:
        empty_note(ax, "没有可画的时间序列")
        return figure
    periods = list(dict.fromkeys(series["period"]))
    labels = dict(zip(series["period"], series["label"]))
    position = {p: i for i, p in enumerate(periods)}
    style_axes(ax)
    counties = series[series["region_code"] != "mean"]
    styles = county_styles(counties["region_code"].unique())
    latest = counties[counties["period"] == periods[-1]].sort_values("value", ascending=False, na_position="last")
    order = list(dict.fromkeys([*latest["region_code"], *counties["region_code"]]))
    mean = series[series["region_code"] == "mean"]
    handles = []
    if len(mean):
        (line,) = ax.plot([position[p] for p in mean["period"]], mean["value"], label=mean_label, **MEAN_STYLE)
        handles.append(line)
    for code in order:
        rows = counties[counties["region_code"] == code]
        style = styles[str(code)]
        (line,) = ax.plot([position[p] for p in rows["period"]], rows["value"].to_numpy(dtype=float, na_value=np.nan),
                          label=str(rows["region_name"].iloc[0]), linewidth=1.5, markersize=5, **style)
        handles.append(line)
    _base_line(ax)
    handles.append(Line2D([], [], linewidth=1.1, label="基期 = 100", **PROGRESS_LINE))
    ax.set_xticks(range(len(periods)), [_two_lines(labels[p]) for p in periods])
    ax.set_xlim(-0.3, len(periods) - 0.7)
    ax.set_ylabel("指数（基期 = 100）", fontsize=FONT_SIZE)
    ax.legend(handles=handles, fontsize=FONT_SIZE, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return figure


def _two_lines(label: str) -> str:
    """'2019年1-9月' → '2019年\\n1-9月', so a dozen periods fit under the chart."""
    year, _, rest = str(label).partition("年")
    return f"{year}年\n{rest}" if rest else f"{year}年"


def sensitivity_figure(importance, *, title: str = "", xlabel: str = "平均排名变动（位次）",
                       as_percent: bool = False, size: tuple[float, float] = (6.4, 3.0), figure: Figure | None = None) -> Figure:
    """How much each uncertain choice moves the ranks, largest first.

    Parameters
    ----------
    importance : pandas.Series or mapping
        Choice (its Chinese name: 标准化方法, 权重 …) → its importance (e.g. the share of the
        rank variance it explains).
    title, xlabel, size, figure
        As for :func:`ranking_figure`; ``xlabel`` names the measure.
    as_percent : bool
        The values are shares (0.25 is written 25%), not numbers of rank places.

    Returns
    -------
    matplotlib.figure.Figure
        Horizontal bars, each labelled with its value.
    """
    figure = new_figure(size, figure)
    ax = figure.add_subplot()
    _title(ax, title)
    values = pd.Series(importance, dtype="float64") if importance is not None else pd.Series(dtype="float64")
    values = values.dropna().sort_values(ascending=False)
    if values.empty:
        empty_note(ax, "尚未做稳健性分析：点击“稳健性分析”后显示各项选择对排名的影响")
        return figure
    y = np.arange(len(values))
    style_axes(ax, grid="x")
    ax.barh(y, values.to_numpy(), height=0.6, color=DIMENSION_FILLS[0], edgecolor=EDGE, linewidth=0.8)
    share = as_percent
    for yi, value in zip(y, values.to_numpy()):
        ax.text(value, yi, f" {value * 100:.1f}%" if share else f" {value:.2f}", va="center", ha="left",
                fontsize=FONT_SIZE)
    ax.set_yticks(y, [str(i) for i in values.index])
    ax.set_ylim(len(values) - 0.5, -0.5)
    ax.set_xlim(0, float(values.max()) * 1.2 if values.max() > 0 else 1.0)
    if share:
        ax.xaxis.set_major_formatter(lambda v, _pos: f"{v * 100:.0f}%")
    ax.set_xlabel(xlabel, fontsize=FONT_SIZE)
    return figure
