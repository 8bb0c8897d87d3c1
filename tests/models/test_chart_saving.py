"""Chart files: PNG at 300 dpi, PDF with the Chinese glyphs inside, SVG that needs no font."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from matplotlib.ft2font import FT2Font
from PIL import Image

from workbench.models.charts.canvas import chart_fonts
from workbench.models.charts.history import completion_figure
from workbench.models.charts.saving import ChartSaveError, save_figure, write_charts
from workbench.models.errors import WorkbenchError


def chart():
    rows = pd.DataFrame({
        "region_name": ["嘉兴市", "南湖区", "秀洲区"], "kind": "cumulative", "unit": "家", "level": ["city", "county", "county"],
        "actual": [30000.0, 4000.0, math.nan], "target": [50000.0, 8000.0, 6000.0],
        "completion": [0.6, 0.5, math.nan], "time_progress": 21 / 36, "status": ["超进度", "欠进度", "无数据"]})
    return completion_figure(rows, title="新增小微企业：各地区完成率与序时进度", size=(6.4, 3.2))


def chart_font_file() -> str:
    from matplotlib import font_manager

    chart_fonts()
    return font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))


def test_png_is_written_at_300_dpi(tmp_path):
    figure = chart()
    [path] = save_figure(figure, tmp_path / "10-new_sme")
    assert path == tmp_path / "10-new_sme.png"
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
        assert image.size == (1920, 960)  # 6.4 × 3.2 inches at 300 dpi


def test_pdf_embeds_the_chinese_glyphs_and_keeps_text_searchable(tmp_path):
    [path] = save_figure(chart(), tmp_path / "chart", ("pdf",))
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF")
    font_name = FT2Font(chart_font_file()).postscript_name.encode()
    assert re.search(rb"/BaseFont /[A-Z]{6}\+" + re.escape(font_name), pdf)  # a subset of the chart font
    assert b"/CharProcs" in pdf  # glyphs travel inside the file as drawings
    assert b"/ToUnicode" in pdf


def test_svg_draws_text_as_paths_so_no_font_is_needed_to_view_it(tmp_path):
    [path] = save_figure(chart(), tmp_path / "chart", ("svg",))
    root = ET.parse(path).getroot()
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert "text" not in tags and "path" in tags


def test_all_three_formats_in_the_order_asked_and_the_same_bytes_every_time(tmp_path):
    first = save_figure(chart(), tmp_path / "a" / "chart", ("svg", "pdf", "png"))
    assert [p.name for p in first] == ["chart.svg", "chart.pdf", "chart.png"]  # the folder is made
    second = save_figure(chart(), tmp_path / "b" / "chart", ("svg", "pdf", "png"))
    for one, other in zip(first, second):
        assert one.read_bytes() == other.read_bytes(), one.name  # a package can be compared with the last


def test_unknown_format_and_unwritable_place_are_told_in_chinese(tmp_path):
    with pytest.raises(ChartSaveError, match="图表格式只能是") as caught:
        save_figure(chart(), tmp_path / "chart", ("jpg",))
    assert isinstance(caught.value, WorkbenchError)
    assert list(tmp_path.iterdir()) == []
    blocker = tmp_path / "occupied"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(ChartSaveError, match="无法写入图表文件") as caught:
        save_figure(chart(), blocker / "chart", ("png",))
    assert "occupied" in str(caught.value)


def test_png_is_opaque_rgb_whatever_size_the_chart_has(tmp_path):
    figure = chart()
    figure.set_size_inches(5.81, 4.1)  # 1742.99… pixels wide: matplotlib's rounding, not plain truncation
    [path] = save_figure(figure, tmp_path / "odd")
    with Image.open(path) as image:
        assert image.mode == "RGB" and image.size == (1743, 1230)
        assert image.getpixel((2, 2)) == (255, 255, 255)


class Chart:
    """What write_charts needs of a ReportChart."""

    def __init__(self, name, title):
        self.name, self.title, self.made = name, title, 0

    def make(self, figure=None):
        self.made += 1
        return chart()


def test_write_charts_reports_progress_and_returns_every_file(tmp_path):
    charts = [Chart("01-a", "甲"), Chart("02-b", "乙"), Chart("03-c", "丙")]
    steps = []
    generator = write_charts(charts, tmp_path / "charts", ("png", "pdf"))
    while True:
        try:
            steps.append(next(generator))
        except StopIteration as stop:
            files = stop.value
            break
    assert [(done, total) for done, total, _ in steps] == [(1, 3), (2, 3), (3, 3)]
    assert "丙" in steps[-1][2]
    assert list(files) == ["01-a", "02-b", "03-c"]
    assert all(p.exists() for paths in files.values() for p in paths)
    assert [p.suffix for p in files["02-b"]] == [".png", ".pdf"]
    single = save_figure(chart(), tmp_path / "single", ("png",))[0]
    assert files["03-c"][0].read_bytes() == single.read_bytes()  # the same PNG as save_figure writes
    assert all(c.made == 1 for c in charts)


def test_write_charts_stops_between_charts_with_the_finished_ones_on_disk(tmp_path):
    charts = [Chart("01-a", "甲"), Chart("02-b", "乙"), Chart("03-c", "丙")]
    generator = write_charts(charts, tmp_path, ("png",))
    assert next(generator)[0] == 1
    generator.close()  # the user pressed Cancel
    assert (tmp_path / "01-a.png").exists()
    assert charts[1].made == 0 and not (tmp_path / "02-b.png").exists()


def test_write_charts_turns_a_failed_write_into_a_chart_save_error(tmp_path):
    blocker = tmp_path / "occupied"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(ChartSaveError, match="无法写入图表文件"):
        list(write_charts([Chart("01-a", "甲")], blocker, ("png",)))
    (tmp_path / "02-b.png").mkdir()  # fails later, in the thread that compresses the PNG
    with pytest.raises(ChartSaveError, match="02-b.png"):
        list(write_charts([Chart("01-a", "甲"), Chart("02-b", "乙")], tmp_path, ("png",)))
