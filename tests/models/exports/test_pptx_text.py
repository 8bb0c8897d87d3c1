"""Slide text: cleaned of what XML refuses, and fonts named the way WPS and PowerPoint read them."""

from lxml import etree
from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

from workbench.models.exports.pptx_text import apply_fonts, clean_text, one_line, write_paragraphs


def test_clean_text_drops_control_characters_and_marks_a_cut():
    assert clean_text("南湖区\x00\x07\x1b\ufffe") == "南湖区"
    assert clean_text("第一行\r\n第二行\t制表") == "第一行\n第二行\t制表"
    assert clean_text(float("nan")) == "" and clean_text(None) == ""
    assert clean_text("很长的说明" * 10, 8) == "很长的说明很长…"
    assert one_line("甲\n乙\t丙", 10) == "甲 乙 丙"


def test_apply_fonts_names_latin_ea_and_cs_in_schema_order():
    paragraph = parse_xml(
        f'<a:p {nsdecls("a")}><a:r><a:rPr b="1"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill>'
        f'<a:latin typeface="Calibri"/><a:hlinkClick xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships" r:id=""/></a:rPr><a:t>链接</a:t></a:r><a:r><a:t>无属性</a:t></a:r></a:p>')
    apply_fonts(paragraph)
    for run in paragraph.findall(qn("a:r")):
        tags = [etree.QName(child).localname for child in run.find(qn("a:rPr"))]
        fonts = [tags.index(t) for t in ("latin", "ea", "cs")]
        assert fonts == sorted(fonts) and fonts[2] - fonts[0] == 2
        if "hlinkClick" in tags:
            assert tags.index("solidFill") < fonts[0] and fonts[2] < tags.index("hlinkClick")
        typefaces = {run.find(qn("a:rPr")).find(qn(f"a:{t}")).get("typeface") for t in ("latin", "ea", "cs")}
        assert typefaces == {"微软雅黑"}


def test_write_paragraphs_writes_one_paragraph_per_line_with_its_own_style():
    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    frame = slide.shapes.add_textbox(0, 0, 100, 100).text_frame
    write_paragraphs(frame, ["第一点", ("第二点", {"size": 12, "bold": True})], size=18)
    assert [p.text for p in frame.paragraphs] == ["第一点", "第二点"]
    assert [p.runs[0].font.size.pt for p in frame.paragraphs] == [18, 12]
    assert frame.paragraphs[1].runs[0].font.bold
