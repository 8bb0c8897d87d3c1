"""Colours and symbols of the assessment statuses, shared by tables and charts.

A status is never told by colour alone: each has a symbol as well, and the fills differ
in lightness as well as hue. Good progress is blue, lagging is orange (the pair that
stays apart for readers with red-green colour blindness), missing data is grey and
figures waiting for review are lilac. The fills are light, so black text on them stays
legible on screen and on a grey printout.

Line colours follow Okabe and Ito's colour-blind-safe palette, and every series also
has its own line style and marker.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatusLook:
    """How one status is drawn: a light fill, a symbol and a rank (1 best … 5 worst, 0 no judgement)."""

    fill: str
    symbol: str
    rank: int


STATUS_LOOKS: dict[str, StatusLook] = {
    "已完成": StatusLook("#9ecae1", "★", 1),
    "超进度": StatusLook("#c6dbef", "▲", 2),
    "达进度": StatusLook("#e3eef8", "●", 3),
    "达标": StatusLook("#c6dbef", "●", 2),
    "欠进度": StatusLook("#fdd9b0", "▽", 4),
    "未达标": StatusLook("#f6b08f", "▼", 5),
    "严重滞后": StatusLook("#f6b08f", "▼", 5),
    "未完成": StatusLook("#f6b08f", "×", 5),
    "待审核": StatusLook("#dcd6ec", "？", 0),
    "无数据": StatusLook("#e4e4e4", "—", 0),
    "无目标": StatusLook("#f6f6f6", "○", 0),
}
"""The statuses the assessment gives, in the order a legend lists them."""

UNKNOWN_LOOK = StatusLook("#ffffff", "·", 0)

LEGEND_ORDER = ("已完成", "超进度", "达进度", "欠进度", "严重滞后", "未完成", "待审核", "无数据", "无目标")
"""The statuses a legend lists (达标 and 未达标 are drawn too, should a scheme use them)."""

GRADE_FILLS = {"优秀": "#9ecae1", "良好": "#c6dbef", "合格": "#f1f1f1", "不合格": "#f6b08f"}
"""Fills of the county grades, on the same blue-to-orange scale."""

ACTUAL = {"color": "#0072B2", "linestyle": "-", "marker": "o"}
"""The actual figure: Okabe-Ito blue, solid, dots."""
EXPECTED = {"color": "#D55E00", "linestyle": "--", "marker": "^"}
"""What the time elapsed asks for (target × 序时进度): vermillion, dashed, triangles."""
TARGET = {"color": "#555555", "linestyle": ":", "marker": ""}
"""The full target: dark grey, dotted."""
PROGRESS_LINE = {"color": "#222222", "linestyle": "--"}
"""序时进度 across a bar chart: near-black, dashed."""
EDGE = "#4d4d4d"


def status_look(status: object) -> StatusLook:
    """The look of ``status``; an unknown or missing status gets a plain white one."""
    return STATUS_LOOKS.get(str(status), UNKNOWN_LOOK) if status is not None else UNKNOWN_LOOK
CITY_HATCH = "////"
"""Hatch of the city's bar beside the counties' (a pattern, so grey print keeps it apart)."""

SERIES_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C7B00")
"""Okabe-Ito line colours for one series per county. Their yellow is darkened to olive,
because pure #F0E442 vanishes on white paper and on a screen in daylight."""
SERIES_LINESTYLES = ("-", (0, (4, 2)), (0, (6, 2, 1.5, 2)), (0, (1, 1.5)), (0, (10, 3)),
                     (0, (4, 1.5, 1, 1.5, 1, 1.5)), (0, (3, 1, 3, 4)), (0, (10, 2, 2, 2)))
"""Solid, dashed, dash-dot, dotted, long dash, dash-dot-dot, paired dashes, long-short: told
apart at a glance in the legend as well as along the line."""
SERIES_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def series_style(index: int) -> dict:
    """Colour, line style and marker of the ``index``-th series; all three differ for the first eight.

    Beyond eight the colours repeat, but the pair (line style, marker) stays unique up to 64.
    """
    n = len(SERIES_COLORS)
    return {"color": SERIES_COLORS[index % n], "linestyle": SERIES_LINESTYLES[index % n],
            "marker": SERIES_MARKERS[(index + index // n) % n]}


def county_styles(region_codes) -> dict[str, dict]:
    """One :func:`series_style` per region code, assigned in code order.

    Assigning by code (not by rank) keeps a county's line the same in every chart and
    every quarter, however the ranks move.
    """
    return {code: series_style(i) for i, code in enumerate(sorted({str(c) for c in region_codes}))}
