"""The charts of a report package, named and titled, each built only when asked for.

:func:`report_charts` lists them for a :class:`~workbench.models.exports.context.ReportContext`:
the scorecard, the total-score trend, the rank changes, one completion chart per key
indicator, one profile per county and, when the context holds the growth index, its four
charts ("40-index-ranking" …; the robustness run behind two of them happens once, on first
use). Nothing is drawn until :attr:`ReportChart.make` is
called, so the export view can preview one chart at a time and the package writer can
save and drop each figure in turn, e.g. with
:func:`~workbench.models.charts.saving.write_charts`::

    files = yield from write_charts(report_charts(context), folder, context.options.chart_formats)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from matplotlib.figure import Figure

from workbench.models.charts.history import indicator_figure
from workbench.models.charts.profile import profile_figure
from workbench.models.charts.scorecard import scorecard_figure
from workbench.models.charts.trends import rank_figure, trend_figure


@dataclass(frozen=True)
class ReportChart:
    """One chart of a package.

    Attributes
    ----------
    name : str
        File stem: ASCII, unique, and sorting in reading order ("01-scorecard",
        "10-new_sme", "30-county-330402").
    title : str
        What the chart shows, in Chinese (for the export view and the manifest).
    make : callable
        ``make(figure=None) -> Figure``: builds the chart, or draws it into ``figure``.
    """

    name: str
    title: str
    make: Callable[..., Figure]


def _numbered(section: int, index: int, count: int) -> str:
    """'1' + the index padded to the width of ``count - 1``, so names of one section sort as numbers."""
    width = len(str(max(count - 1, 0)))
    return f"{section}{index:0{width}d}"


def report_charts(context) -> list[ReportChart]:
    """The charts of the report on ``context``, in reading order, none built yet.

    Parameters
    ----------
    context : ReportContext
        Supplies the assessment and its quarters, the units shown (rank order), the
        indicators shown and the key indicators.

    Returns
    -------
    list of ReportChart
    """
    assessment, counties = context.assessment, context.county_codes
    plan_names = {i.code: i.name for i in context.plan.indicators}
    charts = [
        ReportChart("01-scorecard", "各地区分项考核情况（计分卡）",
                    partial(scorecard_figure, assessment, county_codes=counties,
                            indicator_codes=context.indicator_codes)),
        ReportChart("02-total-trend", "各地区考核总分走势", partial(trend_figure, context.history, counties=counties)),
        ReportChart("03-rank-changes", "各地区排名变化", partial(rank_figure, context.history, counties=counties)),
    ]
    keys = context.key_indicator_codes
    for i, code in enumerate(keys):
        charts.append(ReportChart(f"{_numbered(1, i, len(keys))}-{code}",
                                  f"{plan_names.get(code, code)}：各地区完成情况",
                                  partial(indicator_figure, assessment, code, counties)))
    names = dict(zip(assessment.counties["region_code"].astype(str), assessment.counties["region_name"]))
    for i, code in enumerate(counties):
        charts.append(ReportChart(f"{_numbered(3, i, len(counties))}-county-{code}",
                                  f"{names.get(code, code)}：各项指标完成情况",
                                  partial(profile_figure, assessment, code, indicator_codes=context.indicator_codes)))
    if getattr(context, "index", None) is not None and "index" in context.options.outputs:
        charts += _index_charts(context.index)
    return charts


INDEX_NAMES = {"成长指数排名": "40-index-ranking", "成长指数分维度": "41-index-dimensions",
               "成长指数走势": "42-index-trend", "成长指数稳健性": "43-index-robustness"}


def _index_charts(index) -> list[ReportChart]:
    from workbench.models.importing import finish
    from workbench.models.index.index_report import INDEX_CHARTS, index_figure, robustness

    robust: list = []

    def make(which: str, figure: Figure | None = None) -> Figure:
        if not robust:  # 1 000 samples take a few hundredths of a second: run once, keep
            robust.append(finish(robustness(index)))
        return index_figure(index, which, robust[0], figure=figure)

    return [ReportChart(INDEX_NAMES[which], which, partial(make, which)) for which in INDEX_CHARTS]
