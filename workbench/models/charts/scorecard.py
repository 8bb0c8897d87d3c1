"""The scorecard heat map: every county against every indicator, one status per cell.

Counties run down in rank order with their total, grade and change of rank beside them;
indicators run across by short name, grouped as in the plan. Each cell is filled with its
status colour *and* carries the status symbol, so the card reads the same in grey print
and for colour-blind readers (see :mod:`workbench.models.charts.palette`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from workbench.models.charts.canvas import FONT_SIZE, TITLE_SIZE, empty_note, month_words, new_figure, symbol_marker
from workbench.models.charts.labels import missing, rank_change_text
from workbench.models.charts.palette import EDGE, GRADE_FILLS, LEGEND_ORDER, status_look

CELL_WIDTH = 0.26
"""Inches per indicator column: room for one symbol and one stacked character."""
ROW_HEIGHT = 0.3
SYMBOL_COLOR = "#1a1a1a"
SIDE_COLUMNS = (("总分", 1.6), ("等级", 1.2), ("升降", 1.0))
"""The columns beside the map, with their widths in cell units."""


def stacked(text: str) -> str:
    """Write a label top to bottom, one character per line (how Chinese column heads are read)."""
    return "\n".join(str(text))


def status_matrix(assessment, county_codes: list[str], indicator_codes: list[str]) -> pd.DataFrame:
    """Status per county (rows) and indicator (columns); '' where the assessment has no row."""
    rows = assessment.rows
    rows = rows[rows["region_code"].astype(str).isin(county_codes) & rows["indicator_code"].isin(indicator_codes)]
    table = rows.pivot_table(index="region_code", columns="indicator_code", values="status", aggfunc="first")
    table.index = table.index.astype(str)
    return table.reindex(index=county_codes, columns=indicator_codes).fillna("").astype(str)


def _indicator_names(assessment, codes: list[str]) -> dict[str, str]:
    first = assessment.rows.drop_duplicates("indicator_code").set_index("indicator_code")
    names = {}
    for code in codes:
        short = first["short_name"].get(code) if "short_name" in first else None
        names[code] = str(short) if not missing(short) and str(short) else str(first["indicator_name"].get(code, code))
    return names


def _group_bounds(assessment, codes: list[str]) -> list[float]:
    """x positions between two neighbouring indicators of different plan groups."""
    groups = assessment.rows.drop_duplicates("indicator_code").set_index("indicator_code")["group"]
    return [i + 0.5 for i in range(len(codes) - 1) if groups.get(codes[i]) != groups.get(codes[i + 1])]


def scorecard_figure(assessment, *, county_codes: list[str] | None = None,
                     indicator_codes: list[str] | None = None, title: str | None = None,
                     figure: Figure | None = None) -> Figure:
    """Heat map of statuses: counties (rank order) × indicators, with total, grade and rank change.

    Parameters
    ----------
    assessment : Assessment
        ``rows`` (one per indicator and unit, with ``status``) and ``counties`` (``total_score``,
        ``rank``, ``grade``, ``rank_change``).
    county_codes : list of str, optional
        The units to show, in this order; default: every scored unit in rank order.
    indicator_codes : list of str, optional
        The indicators to show, in this order; default: every one, in the assessment's order.
    title : str, optional
        Default: "各地区分项考核情况（截至YYYY年M月）".
    figure : matplotlib.figure.Figure, optional
        Draw into this figure (cleared first) instead of a new one.

    Returns
    -------
    matplotlib.figure.Figure
        Axes 0 is the map: cell (column j, row i) is centred on (j, i); the symbols of one
        status are one marker collection with gid ``status:<status>``. Axes 1 holds the
        total / grade / change columns as texts.
    """
    counties = assessment.counties.sort_values(["rank", "region_code"], kind="stable")
    counties = counties.assign(region_code=counties["region_code"].astype(str)).set_index("region_code")
    codes = [str(c) for c in (county_codes if county_codes is not None else counties.index)]
    if indicator_codes is None:
        indicator_codes = list(dict.fromkeys(assessment.rows["indicator_code"]))
    names = _indicator_names(assessment, indicator_codes)
    header_lines = max((len(n) for n in names.values()), default=1)
    side_units = sum(w for _, w in SIDE_COLUMNS)
    size = (1.4 + (len(indicator_codes) + side_units) * CELL_WIDTH,
            1.0 + header_lines * 0.135 + max(len(codes), 1) * ROW_HEIGHT)
    figure = new_figure(size, figure)
    figure.suptitle(title or f"各地区分项考核情况（截至{month_words(assessment.at)}）", x=0.01, ha="left",
                    fontsize=TITLE_SIZE)
    grid = figure.add_gridspec(1, 2, width_ratios=[max(len(indicator_codes), 1), side_units], wspace=0.01)
    ax = figure.add_subplot(grid[0, 0])
    if not codes or not indicator_codes:
        empty_note(ax, "没有可画的数据")
        return figure
    statuses = status_matrix(assessment, codes, indicator_codes)
    _cells(ax, statuses)
    ax.set_xlim(-0.5, len(indicator_codes) - 0.5)
    ax.set_ylim(len(codes) - 0.5, -0.5)  # rank 1 on top
    for spine in ax.spines.values():
        spine.set_visible(False)
    for x in _group_bounds(assessment, indicator_codes):
        ax.axvline(x, color=EDGE, linewidth=1.4)
    ax.xaxis.tick_top()
    ax.set_xticks(range(len(indicator_codes)), [stacked(names[c]) for c in indicator_codes],
                  fontsize=FONT_SIZE - 0.5, linespacing=0.95, va="bottom")
    labels = [f"{_rank_text(counties, c)}{_county_name(assessment, counties, c)}" for c in codes]
    ax.set_yticks(range(len(codes)), labels, fontsize=FONT_SIZE + 0.5)
    ax.tick_params(which="both", length=0)
    _side_columns(figure.add_subplot(grid[0, 1], sharey=ax), counties, codes)
    present = set(statuses.to_numpy().ravel())
    shown = [s for s in LEGEND_ORDER if s in present] + sorted(s for s in present if s and s not in LEGEND_ORDER)
    handles = [Patch(facecolor=status_look(s).fill, edgecolor=EDGE, linewidth=0.6,
                     label=f"{status_look(s).symbol} {s}") for s in shown]
    figure.legend(handles=handles, loc="outside lower left", ncol=max(len(handles), 1), frameon=False,
                  fontsize=FONT_SIZE, handlelength=1.2, columnspacing=1.2)
    return figure


def _cells(ax, statuses: pd.DataFrame) -> None:
    """Fill each cell with its status colour and put the status symbol in its middle.

    Cells are slightly inset, so white gaps keep neighbours of the same status countable.
    Symbols are markers, one collection per status with gid ``status:<status>``: a few
    collections draw far faster than hundreds of texts.
    """
    grid = statuses.to_numpy()
    rows, columns = np.indices(grid.shape)
    cells = [Rectangle((j - 0.47, i - 0.45), 0.94, 0.9) for i, j in zip(rows.ravel(), columns.ravel())]
    ax.add_collection(PatchCollection(cells, facecolors=[status_look(s).fill for s in grid.ravel()],
                                      edgecolors="none"))
    for status in dict.fromkeys(grid.ravel()):
        where = grid == status
        marker = symbol_marker(status_look(status).symbol)
        points = ax.scatter(columns[where], rows[where], s=(FONT_SIZE * 1.15) ** 2, marker=marker, c=SYMBOL_COLOR,
                            linewidths=0, zorder=3)
        points.set_gid(f"status:{status}")


def _rank_text(counties: pd.DataFrame, code: str) -> str:
    rank = counties["rank"].get(code) if code in counties.index else None
    return "" if missing(rank) else f"{int(rank)}  "


def _county_name(assessment, counties: pd.DataFrame, code: str) -> str:
    if code in counties.index:
        return str(counties.at[code, "region_name"])
    names = assessment.rows.drop_duplicates("region_code").set_index(assessment.rows["region_code"].astype(str))
    return str(names["region_name"].get(code, code))


def _side_columns(ax, counties: pd.DataFrame, codes: list[str]) -> None:
    """Total score, grade (filled like the grade table) and change of rank per county."""
    edges = np.cumsum([0.0] + [w for _, w in SIDE_COLUMNS])
    centres = (edges[:-1] + edges[1:]) / 2
    for i, code in enumerate(codes):
        known = code in counties.index
        total = counties.at[code, "total_score"] if known else None
        grade = counties.at[code, "grade"] if known else None
        change = counties.at[code, "rank_change"] if known and "rank_change" in counties else None
        if not missing(grade):
            ax.add_patch(Rectangle((edges[1], i - 0.5), edges[2] - edges[1], 1.0,
                                   facecolor=GRADE_FILLS.get(str(grade), "#ffffff"), edgecolor="white", linewidth=1.2))
        texts = ("—" if missing(total) else f"{float(total):.2f}", "" if missing(grade) else str(grade),
                 rank_change_text(change))
        for x, text in zip(centres, texts):
            ax.text(x, i, text, ha="center", va="center", fontsize=FONT_SIZE)
    ax.set_xlim(0, edges[-1])
    ax.xaxis.tick_top()
    ax.set_xticks(centres, [stacked(name) for name, _ in SIDE_COLUMNS], fontsize=FONT_SIZE - 0.5,
                  linespacing=0.95, va="bottom")
    ax.tick_params(which="both", length=0, labelleft=False)
    for x in edges[1:-1]:
        ax.axvline(x, color="#d0d0d0", linewidth=0.8)
    for spine in ax.spines.values():
        spine.set_visible(False)
