"""What every chart shares: a fresh (or reused) figure with Chinese fonts, axes style, notes.

A chart function either makes a new :class:`matplotlib.figure.Figure` or, given one,
clears it and draws again, so a view keeps one ``FigureCanvasQTAgg`` and an export
saves the very same object. Layout is matplotlib's constrained engine: one pass per
draw, no ``tight_layout`` loops, which keeps a package of twenty charts quick.
"""

from __future__ import annotations

from functools import lru_cache
from unicodedata import east_asian_width

import numpy as np
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.path import Path as MarkerPath
from matplotlib.textpath import TextPath
from matplotlib.transforms import Bbox

from workbench.models.fonts import configure_matplotlib

FONT_SIZE = 8.5
"""Points; ticks, labels and bar texts (titles are a little larger)."""
TITLE_SIZE = FONT_SIZE + 1.5
NOTE_COLOR = "#5f6b7a"
GRID_COLOR = "#e3e3e3"


@lru_cache(maxsize=1)
def chart_fonts() -> tuple[str, ...]:
    """The CJK families the charts draw with (matplotlib is configured on the first call)."""
    return tuple(configure_matplotlib())


def new_figure(size: tuple[float, float], figure: Figure | None = None, layout: str | None = "constrained") -> Figure:
    """A white figure with constrained layout, or ``figure`` cleared for drawing again.

    Parameters
    ----------
    size : tuple of float
        Inches, for a new figure (at 100 dpi on screen; exports choose their own dpi).
    figure : matplotlib.figure.Figure, optional
        A figure to reuse, e.g. the one on a view's canvas; its size is left alone.
    layout : str or None
        "constrained", or None for a chart that places its axes itself (see
        :func:`inch_locator`): saving it then takes one drawing pass instead of two.

    Returns
    -------
    matplotlib.figure.Figure
    """
    chart_fonts()
    if figure is not None:
        figure.clear()
        figure.set_layout_engine(layout or "none")
        return figure
    figure = Figure(figsize=size, dpi=100, layout=layout)
    figure.set_facecolor("white")
    return figure


def style_axes(ax, grid: str = "y") -> None:
    """Small ticks, no top/right frame, a light grid along ``grid`` ('x', 'y' or '') behind the data."""
    ax.tick_params(labelsize=FONT_SIZE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if grid:
        ax.grid(axis=grid, color=GRID_COLOR, linewidth=0.8)
    ax.set_axisbelow(True)


def empty_note(ax, text: str) -> None:
    """Replace the plot by a centred note (no data, a qualitative aim…)."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=FONT_SIZE + 1, color=NOTE_COLOR,
            transform=ax.transAxes, wrap=True)


def month_label(at: str) -> str:
    """'2019-09' → '2019年\\n9月' (two lines, so a dozen quarters fit under a narrow chart)."""
    year, month = str(at).split("-")[:2]
    return f"{year}年\n{int(month)}月"


def month_words(at: str) -> str:
    """'2019-09' → '2019年9月', for titles."""
    year, month = str(at).split("-")[:2]
    return f"{year}年{int(month)}月"


def symbol_marker(symbol: str) -> MarkerPath:
    """A status symbol (★, ▲, ？…) as a marker path drawn from the chart font's own glyph.

    Hundreds of cells drawn as markers of one collection cost a fraction of as many text
    objects. The glyph is centred, and four invisible corner points of the em square keep
    each symbol's size relative to the others (matplotlib scales a marker to its extent,
    which would blow a '·' up to a '●').
    """
    prop = FontProperties(family=["sans-serif"])
    return _symbol_marker(symbol, str(findfont(prop)))


@lru_cache(maxsize=64)
def _symbol_marker(symbol: str, font_file: str) -> MarkerPath:
    glyph = TextPath((0, 0), symbol, size=1.0, prop=FontProperties(fname=font_file))
    box = glyph.get_extents()
    centre = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]) if len(glyph.vertices) else np.zeros(2)
    codes = glyph.codes if glyph.codes is not None else np.full(len(glyph.vertices), MarkerPath.LINETO)
    vertices = np.array(glyph.vertices, dtype=float)
    vertices[codes == MarkerPath.CLOSEPOLY] = centre  # their (0, 0) is no point of the glyph, yet would count in its size
    corners = np.array([(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)])
    return MarkerPath(np.vstack([vertices - centre, corners]),
                      np.concatenate([codes, np.full(4, MarkerPath.MOVETO)]).astype(MarkerPath.code_type))


def text_width(text: str, size: float) -> float:
    """Estimated width in inches of ``text`` at ``size`` points, without drawing it.

    CJK characters and the status symbols are one em wide in CJK fonts; Latin letters,
    digits and ASCII punctuation about 0.6 em. Charts with many labels use this to lay
    themselves out in one pass instead of measuring every label in a layout pass.
    """
    ems = sum(1.0 if east_asian_width(ch) in "WFA" else 0.6 for ch in str(text))
    return ems * size / 72


def inch_locator(left: float, right: float, top: float, height: float):
    """An axes locator: fixed left/right margins in inches, vertical place in figure fractions.

    The margins stay the same when a view resizes the figure, while the rows stretch or
    shrink with its height; no layout engine has to measure anything at draw time.
    """
    def locate(ax, renderer):
        width = ax.get_figure(root=True).get_figwidth()
        return Bbox.from_bounds(left / width, 1.0 - top - height, max(1.0 - (left + right) / width, 0.05), height)

    return locate
