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
from workbench.models.charts.saving import ChartSaveError, save_figure
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
