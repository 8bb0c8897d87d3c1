"""Assessment charts: one cell's history over the quarters, one indicator across the counties.

Both return a :class:`matplotlib.figure.Figure` built without pyplot, so the view embeds
it with ``FigureCanvasQTAgg`` and an export saves the very same figure. Chinese renders
through :func:`workbench.models.fonts.configure_matplotlib`. Series differ in colour,
line style and marker, and bars carry their status symbol, so the charts read the same
in grey print and for colour-blind readers (see :mod:`workbench.models.charts.palette`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from workbench.models.charts.canvas import FONT_SIZE, empty_note, month_label, month_words, new_figure, style_axes
from workbench.models.charts.labels import (
    headline_value, is_amount, is_qualitative, missing, percent, quantity,
)
from workbench.models.charts.palette import (
    ACTUAL, CITY_HATCH, EDGE, EXPECTED, PROGRESS_LINE, TARGET, status_look,
)

__all__ = ["FONT_SIZE", "completion_figure", "history_figure", "indicator_figure", "indicator_rows", "month_label"]

# The older private names, kept for callers written before the helpers moved to canvas.py.
_figure = new_figure
_style = style_axes
_empty = empty_note


def history_figure(points: pd.DataFrame, *, title: str = "", kind: str = "cumulative", unit: str = "",
                   size: tuple[float, float] = (5.6, 3.0), figure: Figure | None = None) -> Figure:
    """One indicator in one region over the periods assessed so far.

    Parameters
    ----------
    points : pandas.DataFrame
        One row per period, oldest first: ``at`` ('YYYY-MM'), ``actual``, ``target``,
        ``time_progress`` (fraction), ``completion`` (fraction) and ``status``.
    title : str
        Shown above the plot.
    kind, unit : str
        The indicator's kind (amounts are drawn against target × 序时进度, rates against
        the target rate) and unit.
    size : tuple of float
        Inches (at 100 dpi).
    figure : matplotlib.figure.Figure, optional
        Draw into this figure (cleared first) instead of a new one.

    Returns
    -------
    matplotlib.figure.Figure
    """
    figure = new_figure(size, figure)
    ax = figure.add_subplot()
    if title:
        ax.set_title(title, fontsize=FONT_SIZE + 1.5, loc="left")
    if points is None or points.empty or is_qualitative(kind):
        empty_note(ax, "定性指标，按是否达标考核，没有曲线" if is_qualitative(kind) else "没有可画的数据")
        return figure
    x = np.arange(len(points))
    actual = points["actual"].to_numpy(dtype=float, na_value=np.nan)
    target = points["target"].to_numpy(dtype=float, na_value=np.nan)
    faces = [status_look(s).fill for s in points["status"]]
    style_axes(ax)
    if is_amount(kind):
        progress = points["time_progress"].to_numpy(dtype=float, na_value=np.nan)
        ax.plot(x, target * progress, label="按序时进度应完成", linewidth=1.4, markersize=5, **EXPECTED)
        final = next((t for t in target[::-1] if not math.isnan(t)), math.nan)
        if not math.isnan(final):
            ax.axhline(final, linewidth=1.2, label=f"目标 {quantity(final, unit)}",
                       **{k: v for k, v in TARGET.items() if k != "marker"})
    else:
        ax.plot(x, target, label="目标", linewidth=1.4, drawstyle="steps-mid",
                **{k: v for k, v in TARGET.items() if k != "marker"})
    ax.plot(x, actual, label="实际", linewidth=1.8, color=ACTUAL["color"], linestyle=ACTUAL["linestyle"],
            marker=ACTUAL["marker"], markersize=6, markerfacecolor="none", markeredgecolor="none")
    ax.scatter(x, actual, s=38, c=faces, edgecolors=ACTUAL["color"], linewidths=1.3, zorder=3)
    last = _last_index(actual)
    if last is not None:
        value = points["completion"].iloc[last] if is_amount(kind) else actual[last]
        text = f"完成 {percent(value)}" if is_amount(kind) else quantity(value, unit)
        ax.annotate(text, (x[last], actual[last]), xytext=(-4, 8), textcoords="offset points",
                    ha="right", fontsize=FONT_SIZE, color=ACTUAL["color"])
    ax.set_xticks(x, [month_label(a) for a in points["at"]])
    ax.set_xlim(-0.5, len(points) - 0.5)
    ax.set_ylabel(unit if unit else "", fontsize=FONT_SIZE)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:,.0f}" if abs(v) >= 10 else f"{v:g}")
    highest = np.nanmax(np.concatenate([actual, target])) if np.isfinite(np.concatenate([actual, target])).any() \
        else 1.0
    lowest = np.nanmin(np.append(actual[np.isfinite(actual)], 0.0))
    ax.set_ylim(min(lowest * 1.1, 0.0), highest * 1.15 if highest > 0 else 1.0)
    handles, labels = ax.get_legend_handles_labels()
    order = sorted(range(len(labels)), key=lambda i: labels[i] != "实际")
    ax.legend([handles[i] for i in order], [labels[i] for i in order], fontsize=FONT_SIZE, frameon=False,
              loc="lower right" if is_amount(kind) else "best")
    return figure


def _last_index(values: np.ndarray) -> int | None:
    present = np.flatnonzero(~np.isnan(values))
    return int(present[-1]) if present.size else None


def completion_figure(rows: pd.DataFrame, *, title: str = "", size: tuple[float, float] = (6.4, 3.2),
                      figure: Figure | None = None) -> Figure:
    """One indicator across the regions: completion (amounts) or the rate achieved, with 序时进度.

    Parameters
    ----------
    rows : pandas.DataFrame
        One row per region, in the order to draw: ``region_name``, ``kind``, ``unit``,
        ``actual``, ``target``, ``completion``, ``time_progress`` and ``status``; with a
        ``level`` column the city's bar is hatched.
    title : str
    size : tuple of float
    figure : matplotlib.figure.Figure, optional
        Draw into this figure (cleared first) instead of a new one.

    Returns
    -------
    matplotlib.figure.Figure
    """
    figure = new_figure(size, figure)
    ax = figure.add_subplot()
    if title:
        ax.set_title(title, fontsize=FONT_SIZE + 1.5, loc="left")
    kind = str(rows["kind"].iloc[0]) if not rows.empty else ""
    if rows.empty or is_qualitative(kind):
        empty_note(ax, "定性指标，按是否达标考核，见上表" if is_qualitative(kind) else "没有可画的数据")
        return figure
    unit = "" if missing(rows["unit"].iloc[0]) else str(rows["unit"].iloc[0])
    amount = is_amount(kind)
    values = np.array([headline_value(k, c, a) for k, c, a in
                       zip(rows["kind"], rows["completion"], rows["actual"])], dtype=float)
    heights = values * 100 if amount else values
    x = np.arange(len(rows))
    style_axes(ax)
    looks = [status_look(s) for s in rows["status"]]
    bars = ax.bar(x, np.nan_to_num(heights), width=0.62, color=[look.fill for look in looks], edgecolor=EDGE,
                  linewidth=0.8)
    if "level" in rows:  # the city total is no competitor: hatched, so it stands apart in grey print too
        for bar, level in zip(bars, rows["level"]):
            if level == "city":
                bar.set_hatch(CITY_HATCH)
    top = np.nanmax(heights) if np.isfinite(heights).any() else 0.0
    target = rows["target"].to_numpy(dtype=float, na_value=np.nan)
    floors = np.zeros(len(rows)) if amount else np.nan_to_num(target)  # a label never hides the target mark
    for xi, h, look, floor in zip(x, heights, looks, floors):
        if math.isnan(h):
            label = f"{look.symbol}\n无数据" if look.symbol == "—" else f"{look.symbol}\n—"
        else:
            label = f"{look.symbol}\n{h:,.1f}%" if amount or unit == "%" else f"{look.symbol}\n{h:,.2f}"
        # Opaque and on top: the 序时进度 line, usually close to the bar tops, passes behind the digits.
        ax.text(xi, max(floor, 0 if math.isnan(h) else h), label, ha="center", va="bottom", fontsize=FONT_SIZE,
                linespacing=1.1, zorder=4, bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none"})
    if amount:
        progress = rows["time_progress"].dropna()
        if not progress.empty:
            level = float(progress.iloc[0]) * 100
            ax.axhline(level, linewidth=1.3, label=f"序时进度 {level:.1f}%", **PROGRESS_LINE)
            top = max(top, level)
        ax.set_ylabel("完成率（%）", fontsize=FONT_SIZE)
    else:
        ax.scatter(x, target, marker="_", s=900, linewidths=2.0, color=PROGRESS_LINE["color"], label="目标",
                   zorder=3)
        if np.isfinite(target).any():
            top = max(top, np.nanmax(target))
        ax.set_ylabel(unit, fontsize=FONT_SIZE)
    ax.set_ylim(min(0.0, np.nanmin(np.append(heights, 0.0)) * 1.15), (top if top > 0 else 1.0) * 1.25)
    ax.set_xticks(x, list(rows["region_name"]))
    ax.legend(fontsize=FONT_SIZE, frameon=False, loc="upper right")
    return figure


def indicator_rows(assessment, indicator_code: str, county_codes: list[str] | None = None) -> pd.DataFrame:
    """One indicator's rows for a bar chart: the city first, then the counties best first.

    Counties are ordered by the number the bar shows (completion for amounts, the rate for
    rates), those without a figure last; ties keep ``county_codes`` order (default: the
    assessment's rank order).
    """
    rows = assessment.rows[assessment.rows["indicator_code"] == indicator_code]
    rows = rows.assign(region_code=rows["region_code"].astype(str))
    if county_codes is None:
        county_codes = [str(c) for c in assessment.counties.sort_values("rank", kind="stable")["region_code"]]
    order = {code: i for i, code in enumerate(county_codes)}
    city = rows[rows["level"] == "city"]
    counties = rows[rows["region_code"].isin(order)]
    value = np.array([headline_value(k, c, a) for k, c, a in
                      zip(counties["kind"], counties["completion"], counties["actual"])], dtype=float)
    counties = counties.assign(_value=np.where(np.isnan(value), -np.inf, value),
                               _order=[order[c] for c in counties["region_code"]])
    counties = counties.sort_values(["_value", "_order"], ascending=[False, True], kind="stable")
    return pd.concat([city, counties.drop(columns=["_value", "_order"])], ignore_index=True)


def indicator_figure(assessment, indicator_code: str, county_codes: list[str] | None = None, *,
                     title: str | None = None, figure: Figure | None = None) -> Figure:
    """:func:`completion_figure` of one indicator from an assessment, city first, counties best first.

    Parameters
    ----------
    assessment : Assessment
    indicator_code : str
    county_codes : list of str, optional
        The units to show; default: every scored unit.
    title : str, optional
        Default: "<short name>：各地区完成率与序时进度（截至YYYY年M月）" (for rates "实际与目标").
    figure : matplotlib.figure.Figure, optional
        Draw into this figure (cleared first) instead of a new one.

    Returns
    -------
    matplotlib.figure.Figure
    """
    rows = indicator_rows(assessment, indicator_code, county_codes)
    if title is None:
        first = rows.iloc[0] if not rows.empty else None
        name = indicator_code if first is None else str(first.get("short_name") or first["indicator_name"])
        what = "完成率与序时进度" if first is None or is_amount(first["kind"]) else "实际与目标"
        title = f"{name}：各地区{what}（截至{month_words(assessment.at)}）"
    return completion_figure(rows, title=title, size=(6.4, 3.2), figure=figure)
