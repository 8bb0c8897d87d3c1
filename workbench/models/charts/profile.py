"""One county on one page: every indicator's progress as a bar, with score, rank and grade.

Amount targets (cumulative, stock) show completion against the 序时进度 line; rate
targets (growth, shares) show the rate achieved as a share of the target rate against the
100% line, with the rate and the target written beside the bar; qualitative aims are
listed underneath. Every bar carries its status symbol and fill, as in the scorecard.

A package holds one profile per county, so this chart lays itself out in inches from the
label lengths (:func:`~workbench.models.charts.canvas.inch_locator`) instead of letting
constrained layout measure its hundred labels before every save.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from workbench.models.charts.canvas import (
    FONT_SIZE, NOTE_COLOR, TITLE_SIZE, empty_note, inch_locator, month_words, new_figure, style_axes, text_width,
)
from workbench.models.charts.labels import is_amount, is_qualitative, missing, quantity, rank_change_text
from workbench.models.charts.palette import EDGE, LEGEND_ORDER, PROGRESS_LINE, TARGET, status_look

WIDTH = 6.6
"""Inches: the text block of an A4 page."""
BAR_HEIGHT = 0.21
"""Inches per indicator row."""
LONGEST_BAR = 200.0
"""Percent; longer bars run off the axes (their label still says the value) so the rest stay readable;
negative ones are cut at half that."""
LABEL_SIZE = FONT_SIZE - 0.5
RIGHT_MARGIN = 0.15
# Vertical bands, inches: the title, above each panel (its title and line legend), under it
# (the percent ticks), the qualitative note and one row of the status legend.
TITLE_BAND, HEADER_BAND, TICK_BAND, NOTE_BAND, LEGEND_ROW = 0.36, 0.3, 0.26, 0.3, 0.26
LEGEND_COLUMNS = 8


def county_rows(assessment, region_code: str, indicator_codes: list[str] | None = None) -> pd.DataFrame:
    """The assessment rows of one unit, in the order of ``indicator_codes`` (default: the assessment's)."""
    rows = assessment.rows[assessment.rows["region_code"].astype(str) == str(region_code)]
    if indicator_codes is not None:
        order = {code: i for i, code in enumerate(indicator_codes)}
        rows = rows[rows["indicator_code"].isin(order)]
        rows = rows.iloc[np.argsort([order[c] for c in rows["indicator_code"]], kind="stable")]
    return rows.reset_index(drop=True)


def profile_title(assessment, region_code: str) -> str:
    """'海盐县：总分 98.98 分，第3名（↑2），优秀（截至2019年9月）'."""
    counties = assessment.counties
    match = counties[counties["region_code"].astype(str) == str(region_code)]
    at = f"（截至{month_words(assessment.at)}）"
    if match.empty:
        names = assessment.rows[assessment.rows["region_code"].astype(str) == str(region_code)]["region_name"]
        return f"{names.iloc[0] if not names.empty else region_code}：不参与排名{at}"
    row = match.iloc[0]
    parts = [f"总分 {float(row['total_score']):.2f} 分" if not missing(row["total_score"]) else "总分 —"]
    if not missing(row["rank"]):
        change = rank_change_text(row.get("rank_change"))
        parts.append(f"第{int(row['rank'])}名" + (f"（{change}）" if change else ""))
    if not missing(row.get("grade")):
        parts.append(str(row["grade"]))
    return f"{row['region_name']}：{'，'.join(parts)}{at}"


def profile_figure(assessment, region_code: str, *, indicator_codes: list[str] | None = None,
                   title: str | None = None, figure: Figure | None = None) -> Figure:
    """One unit's indicators as horizontal bars, with the 序时进度 and target lines.

    Parameters
    ----------
    assessment : Assessment
    region_code : str
        The county (or zone) to draw.
    indicator_codes : list of str, optional
        Which indicators, top to bottom; default: all, in the assessment's order.
    title : str, optional
        Default: :func:`profile_title` (score, rank, change of rank, grade).
    figure : matplotlib.figure.Figure, optional
        Draw into this figure (cleared first) instead of a new one; its rows then stretch
        or shrink to its height.

    Returns
    -------
    matplotlib.figure.Figure
        Axes labelled ``amounts`` (bar width = completion × 100) and ``rates`` (bar width =
        the assessment's completion × 100, i.e. actual ÷ target), each with one bar per
        indicator, top to bottom (width 0 where there is no figure), and one text per bar
        starting with the status symbol.
    """
    rows = county_rows(assessment, region_code, indicator_codes)
    qualitative = rows[[is_qualitative(k) for k in rows["kind"]]]
    panels = [(frame, name) for frame, name in (
        (rows[[is_amount(k) for k in rows["kind"]]], "amounts"),
        (rows[[not is_amount(k) and not is_qualitative(k) for k in rows["kind"]]], "rates")) if not frame.empty]
    statuses = set(rows["status"].astype(str))
    handles = [Patch(facecolor=status_look(s).fill, edgecolor=EDGE, linewidth=0.6,
                     label=f"{status_look(s).symbol} {s}") for s in LEGEND_ORDER if s in statuses]
    legend_rows = math.ceil(len(handles) / LEGEND_COLUMNS)
    bands = [TITLE_BAND]
    for frame, _ in panels:
        bands += [HEADER_BAND, BAR_HEIGHT * (len(frame) + 0.6), TICK_BAND]
    bands += [NOTE_BAND] * (not qualitative.empty) + [LEGEND_ROW * legend_rows + 0.08]
    planned = sum(bands)
    figure = new_figure((WIDTH, planned), figure, layout=None)
    figure.text(0.08 / figure.get_figwidth(), 1 - 0.1 / planned, title or profile_title(assessment, region_code),
                ha="left", va="top", fontsize=TITLE_SIZE)
    if not panels:
        empty_note(figure.add_subplot(), "没有可画的数据")
        return figure
    left = max(text_width(n, FONT_SIZE) for n in _names(rows)) + 0.18
    top = TITLE_BAND
    for frame, name in panels:
        top += HEADER_BAND
        height = BAR_HEIGHT * (len(frame) + 0.6)
        ax = figure.add_axes((0, 0, 1, 1), label=name)
        ax.set_axes_locator(inch_locator(left, RIGHT_MARGIN, top / planned, height / planned))
        (_amount_panel if name == "amounts" else _rate_panel)(ax, frame, WIDTH - left - RIGHT_MARGIN)
        top += height + TICK_BAND
    if not qualitative.empty:
        note = "定性指标：" + "；".join(f"{n} {status_look(s).symbol} {s}"
                                    for n, s in zip(_names(qualitative), qualitative["status"]))
        figure.text(left / figure.get_figwidth(), 1 - (top + NOTE_BAND / 2) / planned, note, ha="left",
                    va="center", fontsize=FONT_SIZE, color=NOTE_COLOR)
    if handles:
        figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.02 / planned),
                      ncol=min(len(handles), LEGEND_COLUMNS), frameon=False, fontsize=FONT_SIZE, handlelength=1.2,
                      columnspacing=1.0, borderaxespad=0.0, borderpad=0.2)
    return figure


def _names(rows: pd.DataFrame) -> list[str]:
    short = rows["short_name"] if "short_name" in rows else rows["indicator_name"]
    return [str(s) if not missing(s) and str(s) else str(n) for s, n in zip(short, rows["indicator_name"])]


def _bars(ax, rows: pd.DataFrame, labels: list[str], axes_width: float) -> np.ndarray:
    """Bars of completion × 100 (0 where missing) with a status text at each end; returns the values.

    The right limit leaves room for the longest label, worked out from the label widths
    and ``axes_width`` (inches), so no label runs off the chart.
    """
    values = rows["completion"].to_numpy(dtype=float, na_value=np.nan) * 100
    looks = [status_look(s) for s in rows["status"]]
    y = np.arange(len(rows))
    ax.barh(y, np.nan_to_num(values), height=0.62, color=[look.fill for look in looks], edgecolor=EDGE,
            linewidth=0.7)
    ceiling = min(max(np.nanmax(np.append(values, 100.0)), 100.0), LONGEST_BAR)
    floor = max(min(np.nanmin(np.append(values, 0.0)), 0.0), -LONGEST_BAR / 2) * 1.1
    texts = [f"{look.symbol} {label}" for look, label in zip(looks, labels)]
    starts = [0.0 if math.isnan(v) else min(max(v, 0.0), ceiling) for v in values]  # negative: label right of 0
    gap = ceiling * 0.012
    right = ceiling * 1.05
    for start, text in zip(starts, texts):
        share = min((text_width(text, LABEL_SIZE) + 0.05) / axes_width, 0.9)  # of the axes width
        right = max(right, (start + gap - floor * share) / (1 - share))
    for yi, start, text in zip(y, starts, texts):  # on a white ground: the reference lines may cross it
        ax.text(start + gap, yi, text, ha="left", va="center", fontsize=LABEL_SIZE, zorder=4,
                bbox={"boxstyle": "square,pad=0.05", "fc": "white", "ec": "none", "alpha": 0.85})
    ax.set_yticks(y, _names(rows), fontsize=FONT_SIZE)
    ax.set_ylim(len(rows) - 0.5, -0.6)  # first indicator on top
    ax.set_xlim(floor, right)
    ax.set_xticks([t for t in np.arange(0, right, 50.0 if right <= 250 else 100.0)])
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    ax.tick_params(axis="y", length=0)
    if floor < 0:
        ax.axvline(0, color=EDGE, linewidth=0.8)
    return values


def _amount_panel(ax, rows: pd.DataFrame, axes_width: float) -> None:
    style_axes(ax, grid="x")
    labels = [str(status) if missing(completion) else f"{float(completion) * 100:.1f}%"
              for completion, status in zip(rows["completion"], rows["status"])]
    _bars(ax, rows, labels, axes_width)
    progress = rows["time_progress"].dropna()
    handles = []
    if not progress.empty:
        level = float(progress.iloc[0]) * 100
        handles.append(ax.axvline(level, linewidth=1.3, label=f"序时进度 {level:.1f}%", **PROGRESS_LINE))
    handles.append(ax.axvline(100, linewidth=1.2, label="目标 100%",
                              **{k: v for k, v in TARGET.items() if k != "marker"}))
    _header(ax, "总量类指标：完成率", handles)


def _rate_panel(ax, rows: pd.DataFrame, axes_width: float) -> None:
    style_axes(ax, grid="x")
    labels = [str(status) if missing(actual) else f"{quantity(actual, unit)}（目标 {quantity(target, unit)}）"
              for actual, target, unit, status in zip(rows["actual"], rows["target"], rows["unit"], rows["status"])]
    _bars(ax, rows, labels, axes_width)
    _header(ax, "速度、比重类指标：实际 ÷ 目标", [ax.axvline(100, linewidth=1.3, label="达到目标（100%）",
                                                     **PROGRESS_LINE)])


def _header(ax, title: str, handles: list) -> None:
    """The panel's title on the left and its reference lines' legend on the right, above the bars."""
    ax.set_title(title, fontsize=FONT_SIZE + 0.5, loc="left", pad=4)
    ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=len(handles), frameon=False,
              fontsize=FONT_SIZE, borderaxespad=0.1, borderpad=0.1)
