"""Native PowerPoint charts: bars per county with a reference line, and the county totals.

The charts stay editable: their numbers live in the workbook embedded in the chart part,
so 编辑数据 in PowerPoint or WPS opens them. python-pptx draws one chart type per chart,
so the combined chart is drawn as clustered bars of two series and the second series is
then moved into a ``c:lineChart`` on the same axes (the way PowerPoint itself stores a
combo chart); its cells in the embedded workbook stay where they were.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Pt

from workbench.models.charts.palette import EDGE, PROGRESS_LINE
from workbench.models.exports.pptx_text import SLIDE_FONT, apply_fonts, clean_text, hex_color

CHART_FONT_SIZE = 12
GRID = "D9D9D9"
SCORE_FILL = "9ECAE1"


@dataclass(frozen=True)
class BarsWithLine:
    """What a bars-and-line chart shows.

    Attributes
    ----------
    categories : list of str
        One label per bar (a county).
    bars, line : list of float or None
        The bar heights and the line's values, None where there is none.
    bar_name, line_name : str
        Series names, shown in the legend and in the embedded workbook's header row.
    number_format : str
        Excel number format of the values (``0.0%`` for fractions).
    fills : list of str
        One hex fill per bar (its status).
    axis_format : str
        Number format of the value axis (no decimals).
    from_zero : bool
        Start the value axis at zero (amounts); rates may be negative and keep the automatic axis.
    """

    categories: list[str]
    bars: list[float | None]
    line: list[float | None]
    bar_name: str
    line_name: str
    number_format: str
    fills: list[str]
    axis_format: str = "0%"
    from_zero: bool = True


def _number(value) -> float | None:
    """A chart value: None for anything missing (python-pptx writes NaN as invalid XML)."""
    if value is None:
        return None
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) or math.isinf(value) else value


def _outline(format_, color: str, width: float) -> None:
    format_.line.color.rgb = hex_color(color)
    format_.line.width = Pt(width)


def _style_axes(chart, axis_format: str) -> None:
    value_axis, category_axis = chart.value_axis, chart.category_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = hex_color(GRID)
    value_axis.major_gridlines.format.line.width = Pt(0.75)
    value_axis.format.line.fill.background()
    value_axis.tick_labels.number_format = axis_format
    value_axis.tick_labels.number_format_is_linked = False
    for axis in (value_axis, category_axis):
        axis.tick_labels.font.size = Pt(CHART_FONT_SIZE)
        axis.tick_labels.font.name = SLIDE_FONT
    category_axis.format.line.color.rgb = hex_color(EDGE)
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # under the bars, also below zero


def _finish(chart) -> None:
    chart.has_title = False  # the slide title names the chart; no automatic series-name title
    chart.font.size = Pt(CHART_FONT_SIZE)
    chart.font.name = SLIDE_FONT
    apply_fonts(chart._chartSpace)


def _line_series(bar_chart, series) -> None:
    """Move ``series`` out of ``bar_chart`` into a new line chart drawn over the same axes."""
    bar_chart.remove(series)
    invert = series.find(qn("c:invertIfNegative"))
    if invert is not None:
        series.remove(invert)
    color = PROGRESS_LINE["color"].lstrip("#").upper()
    style = parse_xml(
        f'<c:spPr {nsdecls("c", "a")}><a:ln w="{Pt(2.25)}" cap="rnd"><a:solidFill><a:srgbClr val="{color}"/>'
        f'</a:solidFill><a:prstDash val="dash"/><a:round/></a:ln></c:spPr>')
    marker = parse_xml(f'<c:marker {nsdecls("c")}><c:symbol val="none"/></c:marker>')
    old_style = series.find(qn("c:spPr"))
    if old_style is not None:
        series.remove(old_style)
    series.find(qn("c:tx")).addnext(style)
    style.addnext(marker)
    series.append(parse_xml(f'<c:smooth {nsdecls("c")} val="0"/>'))
    axis_ids = "".join(f'<c:axId val="{axis.get("val")}"/>' for axis in bar_chart.findall(qn("c:axId")))
    line_chart = parse_xml(
        f'<c:lineChart {nsdecls("c")}><c:grouping val="standard"/><c:varyColors val="0"/>'
        f'<c:marker val="1"/>{axis_ids}</c:lineChart>')
    line_chart.find(qn("c:varyColors")).addnext(series)
    bar_chart.addnext(line_chart)


def add_bars_with_line(shapes, box: tuple[int, int, int, int], spec: BarsWithLine):
    """Add a clustered column chart with a line over it (e.g. 序时进度) and return the chart.

    Parameters
    ----------
    shapes : pptx.shapes.shapetree.SlideShapes
    box : tuple of int
        Left, top, width and height in EMU.
    spec : BarsWithLine

    Returns
    -------
    pptx.chart.chart.Chart
        Its first plot holds the bars, its second the line.
    """
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = [clean_text(c) for c in spec.categories]
    data.add_series(clean_text(spec.bar_name), [_number(v) for v in spec.bars], spec.number_format)
    data.add_series(clean_text(spec.line_name), [_number(v) for v in spec.line], spec.number_format)
    chart = shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, *box, data).chart

    bars = chart.plots[0]
    bars.gap_width = 70
    series = bars.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = hex_color(spec.fills[0] if spec.fills else SCORE_FILL)
    _outline(series.format, EDGE, 0.75)
    for index, fill in enumerate(spec.fills):
        point = series.points[index]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = hex_color(fill)
        _outline(point.format, EDGE, 0.75)
    bars.has_data_labels = True
    labels = bars.data_labels
    labels.number_format, labels.number_format_is_linked = spec.number_format, False
    # At the foot of the bars: on top they would collide with the line, which runs near the tops.
    labels.position = XL_LABEL_POSITION.INSIDE_BASE
    labels.show_value = True
    labels.font.size = Pt(CHART_FONT_SIZE)
    labels.font.bold = True

    bar_chart = chart._chartSpace.chart.plotArea.find(qn("c:barChart"))
    _line_series(bar_chart, bar_chart.findall(qn("c:ser"))[-1])

    _style_axes(chart, spec.axis_format)
    if spec.from_zero:
        chart.value_axis.minimum_scale = 0
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(CHART_FONT_SIZE)
    # The legend names only the line: the bars' colours are statuses, keyed under the chart.
    chart.legend._element.get_or_add_legendPos().addnext(parse_xml(
        f'<c:legendEntry {nsdecls("c")}><c:idx val="0"/><c:delete val="1"/></c:legendEntry>'))
    _finish(chart)
    return chart


def add_score_bars(shapes, box: tuple[int, int, int, int], names: list[str], scores: list[float | None],
                   fills: list[str], series_name: str = "总分"):
    """Add horizontal bars of the county totals, first county on top, each labelled with its score.

    Returns
    -------
    pptx.chart.chart.Chart
    """
    data = CategoryChartData(number_format="0.00")
    data.categories = [clean_text(n) for n in names]
    data.add_series(series_name, [_number(s) for s in scores], "0.00")
    chart = shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data).chart
    plot = chart.plots[0]
    plot.gap_width = 50
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = hex_color(SCORE_FILL)
    _outline(series.format, EDGE, 0.75)
    for index, fill in enumerate(fills):
        point = series.points[index]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = hex_color(fill)
        _outline(point.format, EDGE, 0.75)
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "0.00", False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.data_labels.font.size = Pt(CHART_FONT_SIZE)
    chart.category_axis.reverse_order = True  # rank 1 on top, as the table reads
    chart.category_axis.tick_labels.font.size = Pt(CHART_FONT_SIZE)
    chart.category_axis.format.line.color.rgb = hex_color(EDGE)
    value_axis = chart.value_axis
    value_axis.minimum_scale = 0
    known = [s for s in (_number(v) for v in scores) if s is not None]
    if known and max(known) <= 100:
        value_axis.maximum_scale = 100
    value_axis.visible = False  # every bar carries its score
    value_axis.has_major_gridlines = False
    chart.has_legend = False
    _finish(chart)
    return chart
