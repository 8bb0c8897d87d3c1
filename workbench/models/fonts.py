"""The font chain that draws Chinese, shared by the GUI and the charts.

Windows fonts come first (微软雅黑, 黑体), then common CJK families of other systems,
and last Noto Sans SC (SIL Open Font License 1.1) from the PyPI package
``pylopdf-fonts-zh-cn``, so Chinese renders on a PC where the user installed no CJK font.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PREFERRED_CJK_FAMILIES = [
    "Microsoft YaHei",
    "微软雅黑",
    "SimHei",
    "黑体",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "PingFang SC",
    "Hiragino Sans GB",
]
BUNDLED_FAMILY = "Noto Sans SC"
BUNDLED_SOURCE = "Noto Sans SC（SIL OFL 1.1），来自 PyPI 软件包 pylopdf-fonts-zh-cn"


def bundled_font_path() -> Path:
    """Path of the bundled Noto Sans SC OpenType file."""
    path = resources.files("pylopdf_fonts_zh_cn").joinpath("NotoSansSC-Regular.otf")
    return Path(str(path))


def configure_matplotlib() -> list[str]:
    """Make matplotlib draw Chinese and return the family list it now uses.

    Installed CJK families come first; the bundled font is always registered so that
    the list is never empty. Minus signs stay ASCII because CJK fonts lack U+2212.
    """
    import matplotlib
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(bundled_font_path()))
    installed = {font.name for font in font_manager.fontManager.ttflist}
    families = [name for name in PREFERRED_CJK_FAMILIES if name in installed]
    if BUNDLED_FAMILY not in families:
        families.append(BUNDLED_FAMILY)
    matplotlib.rcParams["font.family"] = ["sans-serif"]
    matplotlib.rcParams["font.sans-serif"] = families + ["DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return families
