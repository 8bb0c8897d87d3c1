"""Assessment charts are matplotlib Figures (no pyplot) that a reader can tell apart without colour."""

from __future__ import annotations

import math
import subprocess
import sys

import pandas as pd
import pytest

from workbench.models.charts.history import completion_figure, history_figure, month_label
from workbench.models.charts.labels import headline, percent, points, quantity
from workbench.models.charts.palette import ACTUAL, EXPECTED, LEGEND_ORDER, STATUS_LOOKS, TARGET

QUARTERS = ["2018-03", "2018-06", "2018-09", "2018-12"]


def amount_history() -> pd.DataFrame:
    actual = [500.0, 1100.0, math.nan, 2300.0]  # one quarter missing: a gap, never a zero
    return pd.DataFrame({"at": QUARTERS, "actual": actual, "target": [6000.0] * 4,
                         "time_progress": [3 / 36, 6 / 36, 9 / 36, 12 / 36],
                         "completion": [a / 6000 for a in actual], "status": ["达进度", "超进度", "无数据", "超进度"]})


def test_history_of_an_amount_draws_actual_against_the_time_elapsed_path_and_the_target():
    figure = history_figure(amount_history(), title="新增小微企业（南湖区）", kind="cumulative", unit="家")
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["实际", "按序时进度应完成", "目标 6,000家"]
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert list(lines["按序时进度应完成"].get_ydata()) == pytest.approx([500, 1000, 1500, 2000])
    assert math.isnan(lines["实际"].get_ydata()[2])
    styles = {(line.get_linestyle(), line.get_marker()) for line in ax.get_lines()}
    assert len(styles) == len(ax.get_lines())  # told apart by line style and marker, not colour only
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2018年\n3月", "2018年\n6月", "2018年\n9月", "2018年\n12月"]
    assert any("完成 38.3%" == t.get_text() for t in ax.texts)


def test_history_of_a_rate_and_a_qualitative_aim():
    rates = amount_history().assign(actual=[8.0, 9.5, 11.0, 12.0], target=10.0, time_progress=math.nan)
    ax = history_figure(rates, kind="annual_growth", unit="%").axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["实际", "目标"]
    ax = history_figure(rates, kind="qualitative").axes[0]
    assert "定性指标" in ax.texts[0].get_text()


def test_completion_bars_carry_their_status_symbol_and_the_time_elapsed_line():
    rows = pd.DataFrame({
        "region_name": ["嘉兴市", "南湖区", "秀洲区"], "kind": "cumulative", "unit": "家",
        "actual": [30000.0, 4000.0, math.nan], "target": [50000.0, 8000.0, 6000.0],
        "completion": [0.6, 0.5, math.nan], "time_progress": 21 / 36, "status": ["超进度", "欠进度", "无数据"]})
    ax = completion_figure(rows, title="新增小微").axes[0]
    assert len(ax.patches) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["序时进度 58.3%"]
    texts = [t.get_text() for t in ax.texts]
    assert "▲\n60.0%" in texts and "▽\n50.0%" in texts and "—\n无数据" in texts
    assert [t.get_text() for t in ax.get_xticklabels()] == ["嘉兴市", "南湖区", "秀洲区"]


def test_palette_keeps_statuses_apart_by_symbol_and_series_by_style():
    assert len({STATUS_LOOKS[s].symbol for s in LEGEND_ORDER}) == len(LEGEND_ORDER)
    assert len({(s["linestyle"], s["marker"]) for s in (ACTUAL, EXPECTED, TARGET)}) == 3


def test_labels():
    assert percent(0.58333) == "58.3%" and percent(math.nan) == "—"
    assert points(-3.33) == "-3.3个百分点"
    assert quantity(9500, "家") == "9,500家" and quantity(9.84, "%") == "9.8%" and quantity(None, "家") == "—"
    assert headline("cumulative", 0.642, 3210, "家", "超进度") == "64.2%"
    assert headline("annual_growth", 1.16, 11.6, "%", "达进度") == "11.6%"
    assert headline("qualitative", math.nan, 1.0, "", "已完成") == "已完成"
    assert month_label("2019-09") == "2019年\n9月"


def test_charts_need_no_pyplot():
    code = ("import sys, workbench.models.charts.history as h, pandas as pd;"
            "h.history_figure(pd.DataFrame());"
            "assert 'matplotlib.pyplot' not in sys.modules and 'PySide6' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
