"""Text in the slides: clean strings, and fonts that WPS and PowerPoint both honour.

python-pptx names only the Latin font of a run (``a:latin``). PowerPoint and WPS pick the
font for Chinese characters from ``a:ea``, and fall back to the theme's (often a Latin
face or 宋体) when it is missing, so every run, every default run style of a chart and
every table cell gets Latin, East Asian and complex-script fonts named explicitly by
:func:`apply_fonts`, run once over each finished slide, notes page and chart.
"""

from __future__ import annotations

import math
import re

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Pt

SLIDE_FONT = "微软雅黑"
"""The one face of the deck, for Latin and Chinese alike (Microsoft YaHei)."""

# XML 1.0 allows tab, newline and carriage return among the control characters, and no
# surrogates or U+FFFE/U+FFFF; lxml refuses the rest, so text from a workbook is cleaned.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_FONT_TAGS = (qn("a:latin"), qn("a:ea"), qn("a:cs"))
# Children of a run's properties that must come after latin/ea/cs (CT_TextCharacterProperties).
_AFTER_FONTS = {qn("a:sym"), qn("a:hlinkClick"), qn("a:hlinkMouseOver"), qn("a:rtl"), qn("a:extLst")}
_RUN_STYLES = (qn("a:rPr"), qn("a:defRPr"), qn("a:endParaRPr"))


def clean_text(value: object, limit: int | None = None) -> str:
    """``value`` as text fit for a slide: no XML-invalid characters, at most ``limit`` characters.

    None and NaN give "". A cut text ends in "…" so the reader sees it was shortened
    (the speaker notes and the workbook exports keep the full text).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = _NOT_XML.sub("", str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)].rstrip() + "…"
    return text


def one_line(value: object, limit: int | None = None) -> str:
    """Like :func:`clean_text`, with line breaks and tabs folded into spaces (for table cells)."""
    text = re.sub(r"[\n\t]+", " ", clean_text(value)).strip()
    return clean_text(text, limit)


def _set_fonts(style, typeface: str) -> None:
    for child in list(style):
        if child.tag in _FONT_TAGS:
            style.remove(child)
    position = len(style)
    for index, child in enumerate(style):
        if child.tag in _AFTER_FONTS:
            position = index
            break
    for offset, tag in enumerate(_FONT_TAGS):
        font = etree.Element(tag)
        font.set("typeface", typeface)
        style.insert(position + offset, font)


def apply_fonts(root, typeface: str = SLIDE_FONT) -> None:
    """Name ``typeface`` as the Latin, East Asian and complex-script font of all text under ``root``.

    Every run and text field gets run properties if it had none; every run style
    (``a:rPr``, ``a:defRPr``, ``a:endParaRPr``) gets ``a:latin``, ``a:ea`` and ``a:cs`` in
    the schema's order. Runs without a language are marked Chinese, for proofing.
    """
    for run in root.iter(qn("a:r"), qn("a:fld")):
        if run.find(qn("a:rPr")) is None:
            run.insert(0, etree.Element(qn("a:rPr")))
    for style in root.iter(*_RUN_STYLES):
        _set_fonts(style, typeface)
        if style.tag == qn("a:rPr") and style.get("lang") is None:
            style.set("lang", "zh-CN")
            style.set("altLang", "en-US")


def hex_color(value: str) -> RGBColor:
    """'#1f4e79' or '1F4E79' as an :class:`~pptx.dml.color.RGBColor`."""
    return RGBColor.from_string(value.lstrip("#").upper())


def write_paragraphs(text_frame, lines, *, size: float | None = None, bold: bool = False,
                     color: str | None = None, space_after: float | None = None) -> None:
    """Replace the text of ``text_frame`` by ``lines``, one paragraph each.

    Parameters
    ----------
    text_frame : pptx.text.text.TextFrame
    lines : iterable of str or of (str, dict)
        A line, or a line with its own ``size``, ``bold``, ``color`` or ``level``.
    size : float, optional
        Points; None keeps the size the layout gives.
    bold : bool
    color : str, optional
        Hex colour; None keeps the layout's.
    space_after : float, optional
        Points after each paragraph.
    """
    text_frame.clear()
    text_frame.word_wrap = True
    for index, line in enumerate(lines):
        text, own = (line, {}) if isinstance(line, str) else line
        paragraph = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
        if own.get("level"):
            paragraph.level = own["level"]
        if space_after is not None:
            paragraph.space_after = Pt(space_after)
        run = paragraph.add_run()
        run.text = clean_text(text)
        font = run.font
        font.name = SLIDE_FONT
        if own.get("size", size) is not None:
            font.size = Pt(own.get("size", size))
        if own.get("bold", bold):
            font.bold = True
        if own.get("color", color) is not None:
            font.color.rgb = hex_color(own.get("color", color))
