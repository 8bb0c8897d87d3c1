"""Growth index charts: what a reader sees on them (order, bands, the base line, values), without pyplot."""

from __future__ import annotations

import io
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.collections import LineCollection
from matplotlib.ft2font import FT2Font
from matplotlib.patches import Rectangle

from workbench.models.charts.index_charts import (
    BASE_VALUE, dimension_figure, ranking_figure, sensitivity_figure, series_figure,
)

NAMES = ["南湖区", "秀洲区", "嘉善县"]
DIMS = [("development", "发展水平"), ("competition", "市场竞争"), ("vitality", "创业生存活力")]


def ranks() -> pd.DataFrame:
    return pd.DataFrame({"region_code": ["330402", "330411", "330421"], "region_name": NAMES,
                         "nominal_rank": [2.0, 3.0, 1.0], "median_rank": [2.0, 2.5, 1.0],
                         "p05": [1.0, 2.0, 1.0], "p95": [3.0, 3.0, 2.0]})


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_the_ranking_lists_counties_by_published_rank_with_their_5_to_95_band():
    figure = ranking_figure(ranks(), title="成长指数排名")
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["嘉善县", "南湖区", "秀洲区"]  # first place on top
    band = next(c for c in ax.collections if isinstance(c, LineCollection))
    spans = sorted((tuple(seg[:, 0]), seg[0, 1]) for seg in band.get_segments())
    assert spans == [((1.0, 2.0), 0.0), ((1.0, 3.0), 1.0), ((2.0, 3.0), 2.0)]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["5%–95% 区间", "中位排名", "公布排名（默认方案）"]
    nominal = next(line for line in ax.get_lines() if line.get_label() == "公布排名（默认方案）")
    assert list(nominal.get_xdata()) == [1.0, 2.0, 3.0]


def test_without_a_robustness_run_the_ranking_shows_the_published_ranks_and_says_so():
    figure = ranking_figure(ranks()[["region_name", "nominal_rank"]])
    ax = figure.axes[0]
    assert not any(isinstance(c, LineCollection) for c in ax.collections)
    assert any("尚未做稳健性分析" in t.get_text() for t in ax.texts)


def test_dimension_bars_carry_each_countys_module_indices_beside_its_total_and_the_base_line():
    table = pd.DataFrame({"region_name": NAMES, "index": [104.0, 97.5, 110.2], "development": [101.0, 90.0, 120.0],
                          "competition": [108.0, 99.0, 100.0], "vitality": [103.0, 104.0, 111.0]})
    ax = dimension_figure(table, DIMS).axes[0]
    heights = [round(b.get_height(), 1) for b in bars(ax)]
    assert heights == [104.0, 97.5, 110.2, 101.0, 90.0, 120.0, 108.0, 99.0, 100.0, 103.0, 104.0, 111.0]
    hatches = {b.get_hatch() or "" for b in bars(ax)[3:]}
    assert len(hatches) == 3  # dimensions apart in grey print
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["基期 = 100", "成长指数", "发展水平", "市场竞争",
                                                                    "创业生存活力"]
    assert any(list(line.get_ydata()) == [BASE_VALUE, BASE_VALUE] for line in ax.get_lines())
    assert {t.get_text() for t in ax.texts} >= {"104.0", "97.5", "110.2"}
    assert [t.get_text() for t in ax.get_xticklabels()] == NAMES


def series() -> pd.DataFrame:
    rows = []
    for period, label, values in (("2018", "2018年", [95.0, 100.0, 105.0]), ("2019", "2019年", [99.0, 112.0, 101.0])):
        for code, name, value in zip(["330402", "330411", "330421"], NAMES, values):
            rows.append({"period": period, "label": label, "region_code": code, "region_name": name, "value": value})
        rows.append({"period": period, "label": label, "region_code": "mean", "region_name": "平均",
                     "value": float(np.mean(values))})
    return pd.DataFrame(rows)


def test_the_series_draws_one_styled_line_per_county_listed_by_its_latest_value_and_the_base():
    ax = series_figure(series(), mean_label="七县（市、区）平均").axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["七县（市、区）平均", "秀洲区", "嘉善县", "南湖区", "基期 = 100"]
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert list(lines["秀洲区"].get_ydata()) == [100.0, 112.0]
    styles = {(lines[n].get_color(), str(lines[n].get_linestyle()), lines[n].get_marker()) for n in NAMES}
    assert len(styles) == 3
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2018年", "2019年"]


def test_the_sensitivity_bars_put_the_most_influential_choice_first():
    importance = pd.Series({"权重": 0.33, "标准化方法": 0.71, "缺失值处理": 0.0, "加总方法": 0.57})
    ax = sensitivity_figure(importance, title="各项方法选择对排名的影响").axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["标准化方法", "加总方法", "权重", "缺失值处理"]
    assert [round(b.get_width(), 2) for b in bars(ax)] == [0.71, 0.57, 0.33, 0.0]
    assert [t.get_text().strip() for t in ax.texts] == ["0.71", "0.57", "0.33", "0.00"]
    share = sensitivity_figure(pd.Series({"权重": 0.25}), as_percent=True).axes[0]
    assert share.texts[0].get_text().strip() == "25.0%"


@pytest.mark.parametrize("draw", [lambda: ranking_figure(pd.DataFrame()), lambda: dimension_figure(pd.DataFrame(), DIMS),
                                  lambda: series_figure(pd.DataFrame()), lambda: sensitivity_figure(None)])
def test_an_empty_chart_says_what_is_missing_instead_of_drawing_nothing(draw):
    ax = draw().axes[0]
    assert not ax.axison and ax.texts and ax.texts[0].get_text().startswith(("没有", "尚未"))


def test_index_charts_reuse_a_figure_and_draw_chinese_without_missing_glyphs():
    figure = ranking_figure(ranks())
    again = dimension_figure(pd.DataFrame({"region_name": NAMES, "index": [1.0, 2.0, 3.0], "development": [1.0] * 3,
                                           "competition": [1.0] * 3, "vitality": [1.0] * 3}), DIMS, figure=figure)
    assert again is figure and len(figure.axes) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a warning
        figure.savefig(io.BytesIO(), format="png")
    label = figure.axes[0].get_xticklabels()[0]
    used = font_manager.findfont(label.get_fontproperties())
    assert FT2Font(used).get_char_index(ord("湖")), used


def test_index_charts_need_no_pyplot_nor_qt():
    code = ("import sys, pandas as pd, workbench.models.charts.index_charts as c;"
            "c.sensitivity_figure(pd.Series({'权重': 1.0}));"
            "assert 'matplotlib.pyplot' not in sys.modules and 'PySide6' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
