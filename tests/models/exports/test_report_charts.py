"""The report's charts show the assessment's own numbers, in rank order, readable without colour."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import workbench.models.charts.report_charts as report_module
from workbench.models.charts.canvas import symbol_marker
from workbench.models.charts.history import indicator_figure
from workbench.models.charts.labels import is_amount
from workbench.models.charts.palette import STATUS_LOOKS, status_look
from workbench.models.charts.profile import profile_figure
from workbench.models.charts.report_charts import report_charts
from workbench.models.charts.scorecard import scorecard_figure
from workbench.models.charts.trends import rank_figure, trend_figure
from workbench.models.exports.context import ReportOptions, report_context
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions

CJK = re.compile(r"[\u4e00-\u9fff]")


def status_of(assessment, indicator: str, region: str) -> str:
    rows = assessment.rows
    match = rows[(rows["indicator_code"] == indicator) & (rows["region_code"].astype(str) == region)]
    return str(match["status"].iloc[0])


def county_names(context) -> list[str]:
    names = dict(zip(context.assessment.counties["region_code"].astype(str), context.assessment.counties["region_name"]))
    return [names[c] for c in context.county_codes]


# --- the list --------------------------------------------------------------------------------

def test_the_package_lists_overview_key_indicators_and_counties_in_reading_order(demo_context):
    charts = report_charts(demo_context)
    names = [c.name for c in charts]
    assert names == sorted(names) and len(set(names)) == len(names)
    assert all(n.isascii() and re.fullmatch(r"[0-9A-Za-z_.-]+", n) for n in names)
    assert names[:3] == ["01-scorecard", "02-total-trend", "03-rank-changes"]
    keys = demo_context.key_indicator_codes
    assert [n.split("-", 1)[1] for n in names[3:3 + len(keys)]] == keys
    counties = demo_context.county_codes
    assert [n.rsplit("-", 1)[1] for n in names[3 + len(keys):3 + len(keys) + len(counties)]] == counties
    # The growth index (asked for by default) closes the list with its four charts.
    assert names[3 + len(keys) + len(counties):] == [
        "40-index-ranking", "41-index-dimensions", "42-index-trend", "43-index-robustness"]
    assert len(charts) == 3 + len(keys) + len(counties) + 4
    assert all(CJK.search(c.title) for c in charts)
    plan_names = {i.code: i.name for i in demo_context.plan.indicators}
    assert charts[3].title.startswith(plan_names[keys[0]])


def test_nothing_is_drawn_until_a_chart_is_asked_for(demo_context, monkeypatch):
    built = []

    def fake_profile(*args, **kwargs):
        built.append(args)
        return Figure()

    monkeypatch.setattr(report_module, "profile_figure", fake_profile)
    charts = report_charts(demo_context)
    assert built == []
    [last_profile] = [c for c in charts if c.name.endswith(demo_context.county_codes[-1])]
    last_profile.make()
    assert built == [(demo_context.assessment, demo_context.county_codes[-1])]


def test_every_chart_builds_and_redraws_into_a_given_figure(demo_context):
    target = Figure()
    charts = report_charts(demo_context)
    for chart in charts + charts[:1]:  # a view shows them in turn on one canvas, and back again
        figure = chart.make()
        assert isinstance(figure, Figure) and figure.axes, chart.name
        axes_before = len(figure.axes)
        assert chart.make(figure=target) is target
        assert len(target.axes) == axes_before, chart.name  # cleared first, not drawn on top


def test_a_narrowed_report_only_charts_the_chosen_counties_and_indicators(demo_project):
    plan = load_plan(demo_project.plan_id)
    options = ReportOptions("2019-09", counties=("330402", "330481"), indicators=("new_sme", "new_sme_growth"))
    context = report_context(demo_project, plan, load_regions(), options)
    charts = {c.name: c for c in report_charts(context)}
    assert [n for n in charts if "county" in n] == ["30-county-330481", "31-county-330402"]
    assert [n for n in charts if n.startswith("1")] == ["10-new_sme", "11-new_sme_growth"]
    ax = charts["01-scorecard"].make().axes[0]
    assert len(ax.get_yticklabels()) == 2 and len(ax.get_xticklabels()) == 2
    profile = charts["30-county-330481"].make()
    assert sum(len(a.patches) for a in profile.axes) == 2


# --- the scorecard ---------------------------------------------------------------------------

def test_scorecard_rows_are_counties_in_rank_order_and_columns_the_indicators(demo_context):
    figure = scorecard_figure(demo_context.assessment, county_codes=demo_context.county_codes,
                              indicator_codes=demo_context.indicator_codes)
    ax, side = figure.axes[:2]
    counties = demo_context.counties
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        f"{int(r)}  {n}" for r, n in zip(counties["rank"], counties["region_name"])]
    assert list(counties["rank"]) == sorted(counties["rank"])
    first = demo_context.assessment.rows.drop_duplicates("indicator_code").set_index("indicator_code")
    heads = [t.get_text().replace("\n", "") for t in ax.get_xticklabels()]
    assert heads == [first.at[c, "short_name"] for c in demo_context.indicator_codes]
    side_texts = [t.get_text() for t in side.texts]
    for total, grade in zip(counties["total_score"], counties["grade"]):
        assert f"{total:.2f}" in side_texts and grade in side_texts


def test_each_scorecard_cell_carries_the_symbol_of_its_status(demo_context):
    assessment = demo_context.assessment
    codes, indicators = demo_context.county_codes, demo_context.indicator_codes
    ax = scorecard_figure(assessment, county_codes=codes, indicator_codes=indicators).axes[0]
    seen = {}
    for collection in ax.collections:
        gid = collection.get_gid() or ""
        if not gid.startswith("status:"):
            continue
        status = gid.split(":", 1)[1]
        marker = collection.get_paths()[0]
        assert np.allclose(marker.vertices, symbol_marker(STATUS_LOOKS[status].symbol).vertices)
        for x, y in collection.get_offsets():
            seen[(int(round(y)), int(round(x)))] = status
    assert len(seen) == len(codes) * len(indicators)  # every cell marked exactly once
    for (i, j), status in seen.items():
        assert status == status_of(assessment, indicators[j], codes[i])
    legend = [t.get_text() for t in ax.figure.legends[0].get_texts()]
    assert all(f"{status_look(s).symbol} {s}" in legend for s in set(seen.values()))


def test_status_symbols_keep_their_relative_sizes():
    def extent(symbol):
        vertices = symbol_marker(symbol).vertices[:-4]  # without the em-square corners
        return np.ptp(vertices, axis=0).max()

    assert extent("·") < 0.5 * extent("●")
    assert all(np.abs(symbol_marker(s).vertices).max() == pytest.approx(0.5) for s in "★▲●▽▼×？—○")


# --- trends and ranks ------------------------------------------------------------------------

def test_total_trend_draws_each_countys_scores_quarter_by_quarter(demo_context):
    figure = trend_figure(demo_context.history, counties=demo_context.county_codes)
    ax = figure.axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()}
    names = dict(zip(demo_context.assessment.counties["region_code"].astype(str),
                     demo_context.assessment.counties["region_name"]))
    for code in demo_context.county_codes:
        expected = [float(a.counties.set_index(a.counties["region_code"].astype(str)).at[code, "total_score"])
                    for a in demo_context.history]
        assert list(lines[names[code]].get_ydata()) == pytest.approx(expected)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == county_names(demo_context)
    styles = {(str(line.get_linestyle()), line.get_marker(), line.get_color()) for line in ax.get_lines()}
    assert len(styles) == len(demo_context.county_codes)
    assert len({(str(line.get_linestyle()), line.get_marker()) for line in ax.get_lines()}) == len(styles)


def test_indicator_trend_sets_completion_against_the_time_elapsed_path(demo_context):
    ax = trend_figure(demo_context.history, "new_sme").axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()}
    progress = [float(a.rows[a.rows["indicator_code"] == "new_sme"]["time_progress"].iloc[0]) * 100
                for a in demo_context.history]
    assert list(lines["序时进度"].get_ydata()) == pytest.approx(progress)
    haining = [float(a.rows[(a.rows["indicator_code"] == "new_sme") & (a.rows["region_code"] == "330481")]
                     ["completion"].iloc[0]) * 100 for a in demo_context.history]
    assert list(lines["海宁市"].get_ydata()) == pytest.approx(haining)
    rate = trend_figure(demo_context.history, "below_scale_va_growth").axes[0]
    assert "目标" in [line.get_label() for line in rate.get_lines()]
    qualitative = trend_figure(demo_context.history, "two_up_two_control").axes[0]
    assert "定性指标" in qualitative.texts[0].get_text()


def test_bump_chart_follows_the_ranks_with_rank_one_on_top(demo_context):
    ax = rank_figure(demo_context.history).axes[0]
    bottom, top = ax.get_ylim()
    assert top < bottom  # rank 1 drawn highest
    lines = {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}
    latest = demo_context.assessment.counties
    for code, name, rank in zip(latest["region_code"].astype(str), latest["region_name"], latest["rank"]):
        expected = [float(a.counties.set_index(a.counties["region_code"].astype(str)).at[code, "rank"])
                    for a in demo_context.history]
        assert list(lines[name].get_ydata()) == expected
        ends = [t for t in ax.texts if t.get_text() == name]
        assert len(ends) == 2  # a name at each end of the line
        right = max(ends, key=lambda t: t.get_position()[0])
        assert right.get_position()[1] == rank


# --- one indicator, one county ---------------------------------------------------------------

def test_indicator_chart_puts_the_city_first_then_counties_best_first(demo_context):
    assessment = demo_context.assessment
    ax = indicator_figure(assessment, "new_sme", demo_context.county_codes).axes[0]
    rows = assessment.rows[assessment.rows["indicator_code"] == "new_sme"]
    names = [t.get_text() for t in ax.get_xticklabels()]
    assert names[0] == "嘉兴市"
    completion = dict(zip(rows["region_name"], rows["completion"] * 100))
    heights = [p.get_height() for p in ax.patches]
    assert heights == pytest.approx([completion[n] for n in names])
    assert heights[1:] == sorted(heights[1:], reverse=True)
    assert ax.patches[0].get_hatch() and not ax.patches[1].get_hatch()  # the city is set apart
    assert any(t.get_text().startswith("序时进度") for t in ax.get_legend().get_texts())


def test_profile_bars_are_the_countys_completion_with_status_symbols(demo_context):
    assessment = demo_context.assessment
    code = demo_context.county_codes[2]
    figure = profile_figure(assessment, code, indicator_codes=demo_context.indicator_codes)
    rows = assessment.rows[assessment.rows["region_code"].astype(str) == code].set_index("short_name")
    panels = {ax.get_label(): ax for ax in figure.axes}
    assert set(panels) == {"amounts", "rates"}
    drawn = 0
    for ax in panels.values():
        names = [t.get_text() for t in ax.get_yticklabels()]
        widths = [p.get_width() for p in ax.patches]
        expected = [0.0 if pd.isna(rows.at[n, "completion"]) else rows.at[n, "completion"] * 100 for n in names]
        assert widths == pytest.approx(expected)
        texts = [t.get_text() for t in ax.texts]
        assert [t.split(" ", 1)[0] for t in texts] == [status_look(rows.at[n, "status"]).symbol for n in names]
        drawn += len(names)
    amount_names = [t.get_text() for t in panels["amounts"].get_yticklabels()]
    assert all(is_amount(rows.at[n, "kind"]) for n in amount_names)
    qualitative = int((rows["kind"] == "qualitative").sum())
    assert drawn + qualitative == len(demo_context.indicator_codes)
    county = demo_context.counties.set_index(demo_context.counties["region_code"].astype(str)).loc[code]
    title = figure.texts[0].get_text()
    assert f"{county['total_score']:.2f}" in title and f"第{int(county['rank'])}名" in title
    assert county["grade"] in title and county["region_name"] in title
    progress = [line for line in panels["amounts"].get_lines() if line.get_label().startswith("序时进度")]
    assert progress and progress[0].get_xdata()[0] == pytest.approx(rows["time_progress"].dropna().iloc[0] * 100)


def test_profile_labels_stay_inside_the_chart(demo_context):
    figure = profile_figure(demo_context.assessment, "330411")  # has a negative growth and a 400% bar
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    page = figure.bbox
    for ax in figure.axes:
        for text in ax.texts + ax.get_yticklabels():
            box = text.get_window_extent(renderer)
            assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1, text.get_text()
        right = ax.get_window_extent(renderer).x1
        assert all(t.get_window_extent(renderer).x1 <= right + 1 for t in ax.texts), ax.get_label()


# --- fonts -----------------------------------------------------------------------------------

def test_every_chart_draws_its_chinese_with_only_the_bundled_font(demo_context, monkeypatch, tmp_path):
    import warnings

    import matplotlib
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from workbench.models.charts.saving import save_figure
    from workbench.models.fonts import BUNDLED_FAMILY, PREFERRED_CJK_FAMILIES, bundled_font_path, configure_matplotlib

    hidden = set(PREFERRED_CJK_FAMILIES) - {BUNDLED_FAMILY}  # as on a PC without any CJK font
    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [f for f in font_manager.fontManager.ttflist if f.name not in hidden])
    for key in ("font.family", "font.sans-serif", "axes.unicode_minus"):
        monkeypatch.setitem(matplotlib.rcParams, key, matplotlib.rcParams[key])
    assert configure_matplotlib() == [BUNDLED_FAMILY]
    used = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert FT2Font(used).postscript_name == FT2Font(str(bundled_font_path())).postscript_name
    charts = report_charts(demo_context)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph warns ("Glyph … missing from font(s)")
        for chart in charts[:4] + charts[-1:]:
            save_figure(chart.make(), tmp_path / chart.name, ("png", "pdf"))
    pdf = (tmp_path / f"{charts[-1].name}.pdf").read_bytes()
    assert FT2Font(str(bundled_font_path())).postscript_name.encode() in pdf
