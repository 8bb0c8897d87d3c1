"""Chinese renders in charts even where no CJK font is installed."""

import io
import warnings

from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from workbench.models.fonts import BUNDLED_FAMILY, bundled_font_path, configure_matplotlib


def test_the_bundled_font_ships_and_holds_chinese_glyphs():
    font = FT2Font(str(bundled_font_path()))
    assert all(font.get_char_index(ord(ch)) for ch in "嘉兴市小微企业序时进度考核通报")


def test_a_chart_with_chinese_labels_draws_without_missing_glyphs():
    families = configure_matplotlib()
    assert families and families[-1] == BUNDLED_FAMILY or BUNDLED_FAMILY in families
    figure = Figure(figsize=(4, 3))
    axes = figure.add_subplot()
    axes.bar(["南湖区", "海宁市"], [1.0, -0.5])
    axes.set_title("新增小微企业完成率（示例）")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure.savefig(io.BytesIO(), format="png")
    used = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert FT2Font(used).get_char_index(ord("湖")), used


def test_minus_signs_stay_ascii_for_cjk_fonts():
    import matplotlib

    configure_matplotlib()
    assert matplotlib.rcParams["axes.unicode_minus"] is False
