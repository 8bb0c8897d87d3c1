"""GB/T 9704-2012 page, fonts and paragraph settings for python-docx documents.

Word and WPS pick the font of Chinese characters from ``w:eastAsia`` only; python-docx's
``font.name`` sets ``w:ascii`` and ``w:hAnsi`` and leaves Chinese text in a theme font.
So every run and every style written here names all of ``ascii``, ``hAnsi``, ``eastAsia``
and ``cs``, with ``w:hint="eastAsia"``, and no theme font is left to override them.

The font names are those GB/T 9704 asks for and the bureau's PCs have (方正小标宋简体,
仿宋_GB2312, 楷体_GB2312, 黑体, 宋体); an office suite without them substitutes its own.
"""

from __future__ import annotations

import math

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor, Twips

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: BODY_FONT}
"""一、 in 黑体, （一） in 楷体, 1. in bold 仿宋 (GB/T 9704-2012 §7.3.3)."""
PAGE_NUMBER_FONT = "宋体"
TABLE_FONT = "宋体"
TABLE_HEADER_FONT = "黑体"

TITLE_SIZE = Pt(22)   # 2号
BODY_SIZE = Pt(16)    # 3号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
TABLE_SIZE = Pt(10.5)  # 5号
RED = RGBColor(0xFF, 0x00, 0x00)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
# The text block is 297 − 37 − 35 = 225 mm high and 210 − 28 − 26 = 156 mm wide. 22 lines
# in 225 mm (12 756 twips) give a pitch of 579.8 twips; rounding down to 579 keeps the 22nd
# line inside the block. 28 characters in 156 mm (8 845 twips) give 315.9 twips = 15.79 pt a
# character, 0.21 pt less than the 16 pt body font. That difference goes on the characters
# themselves (w:spacing, in twentieths of a point, rounded down so that 28 still fit) and not
# on a linesAndChars grid: LibreOffice gives every character wider than the grid two cells,
# which spreads a grid line of 28 into 14 widely spaced characters.
TEXT_WIDTH = Emu(PAGE_WIDTH - MARGINS["left"] - MARGINS["right"])
TEXT_HEIGHT = Emu(PAGE_HEIGHT - MARGINS["top"] - MARGINS["bottom"])
LINE_PITCH = Twips(TEXT_HEIGHT.twips // LINES_PER_PAGE)
CHAR_PITCH_PT = TEXT_WIDTH.pt / CHARS_PER_LINE
CHAR_SPACING = math.floor((CHAR_PITCH_PT - BODY_SIZE.pt) * 20)  # twentieths of a point (−5)
# The page number's dash stands 7 mm below the text block (§7.5); the footer distance is
# measured from the paper's edge to the foot of the footer line, one 4号 line lower.
FOOTER_DISTANCE = Emu(MARGINS["bottom"] - Mm(7) - PAGE_NUMBER_SIZE)


_SEQUENCES = {
    "w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
              "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
              "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
              "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
    "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
              "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight",
              "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
              "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:tcPr": ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
               "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"),
    "w:tblPr": ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                "w:tblLayout", "w:tblCellMar", "w:tblLook"),
    "w:sectPr": ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
                 "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
                 "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                 "w:printerSettings", "w:sectPrChange"),
}
"""Child order of property elements (ECMA-376 Part 1), for the ones python-docx has no setter for."""


def element(tag: str, **attrs):
    """A new ``w:`` element with ``w:`` attributes."""
    node = OxmlElement(tag)
    for key, value in attrs.items():
        node.set(qn(f"w:{key}"), str(value))
    return node


def put(parent, child):
    """Put ``child`` where the schema's sequence wants it, replacing one of the same tag:
    Word refuses a file whose property elements are out of order."""
    tag = child.tag
    old = parent.find(tag)
    if old is not None:
        parent.remove(old)
    sequence = _SEQUENCES.get(_prefixed(parent.tag), ())
    names = [qn(name) for name in sequence]
    successors = names[names.index(tag) + 1:] if tag in names else []
    following = next((node for node in parent if node.tag in successors), None)
    if following is not None:
        following.addprevious(child)
    else:
        parent.append(child)
    return child


def _prefixed(tag: str) -> str:
    return "w:" + tag.rsplit("}", 1)[-1]


def set_fonts(rPr, family: str) -> None:
    """Name ``family`` for every script on a ``w:rPr`` and drop theme fonts that would win."""
    fonts = rPr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), family)
    fonts.set(qn("w:hint"), "eastAsia")


def add_run(paragraph, text: str, family: str = BODY_FONT, size=BODY_SIZE, *, bold: bool = False,
            color: RGBColor | None = None, scale: int | None = None):
    """A run of ``text`` in ``family``: all four scripts named, size, weight, colour, width %."""
    run = paragraph.add_run(text)
    rPr = run._r.get_or_add_rPr()
    set_fonts(rPr, family)
    run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    if scale is not None and scale != 100:
        put(rPr, element("w:w", val=scale))
    return run


def chars_indent(paragraph, *, first: float = 0, hanging: float = 0, left: float = 0, right: float = 0,
                 size=BODY_SIZE) -> None:
    """Indents in characters (``w:firstLineChars`` …), with the same in twips for older readers."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    for name, chars in (("firstLine", first), ("hanging", hanging), ("left", left), ("right", right)):
        if chars:
            ind.set(qn(f"w:{name}"), str(round(chars * size.pt * 20)))
            ind.set(qn(f"w:{name}Chars"), str(round(chars * 100)))


def exact_lines(paragraph, pitch=LINE_PITCH, *, before: float = 0, after: float = 0) -> None:
    """Fixed line height, and space before/after in whole lines of ``pitch``."""
    fmt = paragraph.paragraph_format
    fmt.line_spacing = pitch
    fmt.space_before = Twips(round(before * pitch.twips))
    fmt.space_after = Twips(round(after * pitch.twips))


def off_grid(paragraph) -> None:
    """Keep a paragraph (a table cell, a small note) off the 28-character grid."""
    put(paragraph._p.get_or_add_pPr(), element("w:snapToGrid", val=0))


def bottom_border(paragraph, color: str = "FF0000", eighths: int = 12, space_pt: int = 11) -> None:
    """A rule under ``paragraph`` as wide as the text block, ``space_pt`` below its text."""
    borders = element("w:pBdr")
    borders.append(element("w:bottom", val="single", sz=eighths, space=space_pt, color=color))
    put(paragraph._p.get_or_add_pPr(), borders)


def setup_page(section) -> None:
    """A4, the GB/T 9704 margins, 22 lines × 28 characters, footer 7 mm under the block."""
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.footer_distance = FOOTER_DISTANCE
    put(section._sectPr, element("w:docGrid", type="lines", linePitch=LINE_PITCH.twips))


def _style_fonts(style, family: str, size, *, bold: bool = False) -> None:
    rPr = style.element.get_or_add_rPr()
    set_fonts(rPr, family)
    for name in ("w:color", "w:i", "w:iCs"):
        for node in rPr.findall(qn(name)):
            rPr.remove(node)
    style.font.size = size
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    put(rPr, element("w:lang", eastAsia="zh-CN"))


def _tighten(style) -> None:
    """28 characters of the body size to a line of the text block (see :data:`CHAR_SPACING`)."""
    put(style.element.get_or_add_rPr(), element("w:spacing", val=CHAR_SPACING))


def _defaults(document) -> None:
    """Document defaults at the body size in Chinese: the grid's character pitch is reckoned
    from the default size (LibreOffice takes it from here), and the East Asian language
    decides which CJK glyphs a substitute font shows (the template says ja-JP)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rPr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if rPr is not None:
        set_fonts(rPr, BODY_FONT)
        for tag in ("w:sz", "w:szCs"):
            node = rPr.find(qn(tag))
            if node is not None:
                node.set(qn("w:val"), str(round(BODY_SIZE.pt * 2)))
        lang = rPr.find(qn("w:lang"))
        if lang is not None:
            # Latin text stays en-US: with zh-CN there, LibreOffice breaks lines inside numbers
            # ("99.\n78"); the Chinese text is marked by the East Asian language.
            lang.set(qn("w:val"), "en-US")
            lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}") if defaults is not None else None
    if spacing is not None:
        spacing.set(qn("w:after"), "0")
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "en-US")
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def setup_styles(document) -> None:
    """Normal: 3号仿宋, fixed 22-line pitch, two-character first-line indent, justified;
    Heading 1–3: 黑体, 楷体, bold 仿宋 at the body size, no colour, no extra space."""
    _defaults(document)
    normal = document.styles["Normal"]
    _style_fonts(normal, BODY_FONT, BODY_SIZE)
    _tighten(normal)
    fmt = normal.paragraph_format
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = False  # a fixed 22-line page: no line may move to keep a paragraph whole
    for level, family in HEADING_FONTS.items():
        style = document.styles[f"Heading {level}"]
        _style_fonts(style, family, BODY_SIZE, bold=level == 3)
        _tighten(style)
        fmt = style.paragraph_format
        fmt.line_spacing = LINE_PITCH
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.keep_with_next = True
        fmt.first_line_indent = Pt(2 * BODY_SIZE.pt)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
