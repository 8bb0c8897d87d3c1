"""The counties over the quarters: total scores, one indicator's progress, and ranks.

One line per county, in a style of its own (colour, line style and marker from
:func:`workbench.models.charts.palette.county_styles`, assigned by region code so a
county looks the same in every chart), and legends and labels listed in the latest
rank order, so the reader meets the leader first.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from workbench.models.charts.canvas import (
    FONT_SIZE, TITLE_SIZE, empty_note, month_label, month_words, new_figure, style_axes,
)
from workbench.models.charts.labels import is_amount, is_qualitative, missing
from workbench.models.charts.palette import PROGRESS_LINE, county_styles

LINE_WIDTH = 1.5
MARKER_SIZE = 5


def _county_codes(history, counties) -> list[str]:
    """The chosen counties, or every scored unit of the latest quarter in its rank order."""
    if counties is not None:
        return [str(c) for c in counties]
    latest = history[-1].counties.sort_values(["rank", "region_code"], kind="stable")
    return [str(c) for c in latest["region_code"]]


def _county_names(history) -> dict[str, str]:
    names: dict[str, str] = {}
    for assessment in history:  # the latest name wins, should a county be renamed
        frame = assessment.counties
        names.update(zip(frame["region_code"].astype(str), frame["region_name"].astype(str)))
    return names


def county_table(history, column: str, counties=None) -> pd.DataFrame:
    """One column of ``Assessment.counties`` per quarter: rows ``at``, columns region codes (NaN if absent).

    Parameters
    ----------
    history : list of Assessment
        Oldest first.
    column : str
        E.g. ``total_score`` or ``rank``.
    counties : list of str, optional
        Region codes (columns, in this order); default: the latest quarter's units in rank order.
    """
    codes = _county_codes(history, counties)
    data = {}
    for assessment in history:
        frame = assessment.counties
        data[assessment.at] = pd.Series(frame[column].to_numpy(dtype=float, na_value=np.nan),
                                        index=frame["region_code"].astype(str))
    return pd.DataFrame(data).T.reindex(columns=codes)


def indicator_table(history, indicator_code: str, counties=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One indicator per quarter and county, with the line to compare against.

    Returns
    -------
    values : pandas.DataFrame
        Rows ``at``, columns region codes: completion in percent for amounts, the actual
        figure for rates (NaN where missing).
    reference : pandas.DataFrame
        Rows ``at``; column ``level`` (序时进度 in percent for amounts, the target for rates)
        and ``kind``, ``unit``, ``name`` of the indicator.
    """
    codes = _county_codes(history, counties)
    values, reference = {}, []
    for assessment in history:
        rows = assessment.rows[assessment.rows["indicator_code"] == indicator_code]
        rows = rows.assign(region_code=rows["region_code"].astype(str))
        if rows.empty:
            values[assessment.at] = pd.Series(dtype=float)
            reference.append({"at": assessment.at, "level": math.nan, "kind": "", "unit": "", "name": ""})
            continue
        first = rows.iloc[0]
        amount = is_amount(first["kind"])
        column = rows["completion"] * 100 if amount else rows["actual"]
        values[assessment.at] = pd.Series(column.to_numpy(dtype=float, na_value=np.nan),
                                          index=rows["region_code"])
        reference.append({"at": assessment.at, "level": _reference_level(rows, amount), "kind": str(first["kind"]),
                          "unit": "" if missing(first["unit"]) else str(first["unit"]),
                          "name": str(first.get("short_name") or first["indicator_name"])})
    table = pd.DataFrame(values).T.reindex(columns=codes)
    return table, pd.DataFrame(reference).set_index("at")


def _reference_level(rows: pd.DataFrame, amount: bool) -> float:
    """序时进度 (percent) for amounts; the city's target rate for rates, else the counties' common one."""
    if amount:
        progress = rows["time_progress"].dropna()
        return float(progress.iloc[0]) * 100 if not progress.empty else math.nan
    city = rows[rows["level"] == "city"]["target"].dropna() if "level" in rows else pd.Series(dtype=float)
    if not city.empty:
        return float(city.iloc[0])
    targets = rows["target"].dropna().unique()
    return float(targets[0]) if len(targets) == 1 else math.nan


def trend_figure(history, indicator_code: str | None = None, counties=None, *, title: str | None = None,
                 size: tuple[float, float] = (6.4, 3.4), figure: Figure | None = None) -> Figure:
    """County lines over the quarters: total scores, or one indicator's progress.

    Parameters
    ----------
    history : list of Assessment
        Oldest first (e.g. ``ReportContext.history``).
    indicator_code : str, optional
        None: the total scores. Otherwise that indicator: completion (percent) against the
        序时进度 path for amounts, the rate achieved against the target for rates.
    counties : list of str, optional
        Region codes; default: the latest quarter's units, legend in rank order.
    title : str, optional
        Default: says what is drawn and over which quarters.
    size : tuple of float
    figure : matplotlib.figure.Figure, optional
        Draw into this figure (cleared first) instead of a new one.

    Returns
    -------
    matplotlib.figure.Figure
        One line per county labelled with its name; the reference line (if any) is labelled
        "序时进度" or "目标".
    """
    figure = new_figure(size, figure)
    ax = figure.add_subplot()
    if not history:
        empty_note(ax, "没有可画的数据")
        return figure
    span = f"{month_words(history[0].at)}—{month_words(history[-1].at)}"
    if indicator_code is None:
        table = county_table(history, "total_score", counties)
        reference, kind, unit, name = None, "", "分", "总分"
        ax.set_title(title or f"各地区考核总分走势（{span}）", fontsize=TITLE_SIZE, loc="left")
    else:
        table, info = indicator_table(history, indicator_code, counties)
        kinds = [k for k in info["kind"] if k]
        kind = kinds[-1] if kinds else ""
        unit = next((u for u in info["unit"][::-1] if u), "")
        name = next((n for n in info["name"][::-1] if n), indicator_code)
        reference = info["level"]
        what = "完成率" if is_amount(kind) else "实际"
        ax.set_title(title or f"{name}：各地区{what}走势（{span}）", fontsize=TITLE_SIZE, loc="left")
        if is_qualitative(kind):
            empty_note(ax, "定性指标，按是否达标考核，没有曲线")
            return figure
    if table.isna().all().all():
        empty_note(ax, "没有可画的数据")
        return figure
    style_axes(ax)
    x = np.arange(len(table))
    styles = county_styles(table.columns)
    names = _county_names(history)
    for code in table.columns:
        ax.plot(x, table[code].to_numpy(dtype=float), label=names.get(code, code), linewidth=LINE_WIDTH,
                markersize=MARKER_SIZE, markerfacecolor="white", markeredgewidth=1.2, **styles[code])
    if reference is not None and np.isfinite(reference.to_numpy(dtype=float)).any():
        amount = is_amount(kind)
        ax.plot(x, reference.to_numpy(dtype=float), linewidth=2.0, zorder=1,
                label="序时进度" if amount else "目标", drawstyle="default" if amount else "steps-mid",
                **PROGRESS_LINE)
    ax.set_xticks(x, [month_label(at) for at in table.index])
    ax.set_xlim(-0.4, len(x) - 0.6)
    if indicator_code is None:
        ax.set_ylabel("总分", fontsize=FONT_SIZE)
    elif is_amount(kind):
        ax.set_ylabel("完成率（%）", fontsize=FONT_SIZE)
    else:
        ax.set_ylabel(unit, fontsize=FONT_SIZE)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=FONT_SIZE,
              frameon=False, handlelength=2.6, borderaxespad=0.0)
    return figure


def rank_figure(history, counties=None, *, title: str | None = None, size: tuple[float, float] = (6.4, 3.4),
                figure: Figure | None = None) -> Figure:
    """A bump chart of the county ranks over the quarters: rank 1 on top, names at both line ends.

    Parameters
    ----------
    history : list of Assessment
        Oldest first.
    counties : list of str, optional
        Region codes; default: the latest quarter's units.
    title : str, optional
    size : tuple of float
    figure : matplotlib.figure.Figure, optional
        Draw into this figure (cleared first) instead of a new one.

    Returns
    -------
    matplotlib.figure.Figure
        One line per county (y = rank per quarter, NaN where unranked); a text with the
        county's name at each end of its line.
    """
    figure = new_figure(size, figure)
    ax = figure.add_subplot()
    if not history:
        empty_note(ax, "没有可画的数据")
        return figure
    ax.set_title(title or f"各地区排名变化（{month_words(history[0].at)}—{month_words(history[-1].at)}）",
                 fontsize=TITLE_SIZE, loc="left")
    ranks = county_table(history, "rank", counties)
    if ranks.isna().all().all():
        empty_note(ax, "没有可画的数据")
        return figure
    style_axes(ax, grid="")
    x = np.arange(len(ranks))
    styles = county_styles(ranks.columns)
    names = _county_names(history)
    for code in ranks.columns:
        y = ranks[code].to_numpy(dtype=float)
        style = styles[code]
        ax.plot(x, y, linewidth=LINE_WIDTH + 0.5, markersize=MARKER_SIZE + 1.5, markerfacecolor="white",
                markeredgewidth=1.4, label=names.get(code, code), **style)
        present = np.flatnonzero(np.isfinite(y))
        if present.size:
            name = names.get(code, code)
            first, last = present[0], present[-1]
            ax.text(x[first] - 0.22, y[first], name, ha="right", va="center", fontsize=FONT_SIZE,
                    color=style["color"])
            ax.text(x[last] + 0.22, y[last], name, ha="left", va="center", fontsize=FONT_SIZE,
                    color=style["color"])
    lowest = int(np.nanmax(ranks.to_numpy(dtype=float)))
    ax.set_ylim(lowest + 0.5, 0.5)  # rank 1 on top
    ax.set_yticks(range(1, lowest + 1), [f"第{r}名" for r in range(1, lowest + 1)])
    ax.set_xticks(x, [month_label(at) for at in ranks.index])
    ax.set_xlim(-1.1, len(x) - 1 + 1.1)  # room for the names at both ends
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    for xi in x:
        ax.axvline(xi, color="#eeeeee", linewidth=0.8, zorder=0)
    return figure
