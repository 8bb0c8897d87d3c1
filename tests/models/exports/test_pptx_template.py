"""The slide template: the shipped one, a bureau's own, and files that are no template."""

import dataclasses
import zipfile

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from workbench.models.errors import WorkbenchError
from workbench.models.exports.slide_template import SlideTemplateError, build_slide_template, main, open_template
from workbench.models.exports.slides import write_slides
from workbench.models.resources import resource

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _theme_fonts(path):
    with zipfile.ZipFile(path) as archive:
        theme = etree.fromstring(archive.read("ppt/theme/theme1.xml"))
    scheme = theme.find(f".//{A}fontScheme")
    return {(kind, script): scheme.find(f"{A}{kind}/{A}{script}").get("typeface")
            for kind in ("majorFont", "minorFont") for script in ("latin", "ea")}


def _check_template(path):
    presentation = Presentation(str(path))
    assert (presentation.slide_width, presentation.slide_height) == (Emu(12192000), Emu(6858000))
    assert [layout.name for layout in presentation.slide_layouts] == ["标题幻灯片", "标题和内容"]
    assert set(_theme_fonts(path).values()) == {"微软雅黑"}
    content = presentation.slide_layouts[1]
    assert {p.placeholder_format.idx for p in content.placeholders} >= {0, 1}
    # the colour band is a shape of the layout itself, so every content slide carries it
    assert any(shape.name == "色带" for shape in content.shapes)
    body = next(p for p in content.placeholders if p.placeholder_format.idx == 1)
    assert body.left + body.width <= presentation.slide_width
    assert body.top + body.height <= presentation.slide_height


def test_build_slide_template_makes_a_16_9_template_with_two_named_layouts(tmp_path):
    _check_template(build_slide_template(tmp_path / "模板.pptx"))


def test_the_shipped_template_is_the_built_one(tmp_path):
    path = tmp_path / "slides.pptx"
    path.write_bytes(resource("templates", "slides.pptx").read_bytes())
    _check_template(path)


def test_the_module_regenerates_the_template(tmp_path, capsys):
    assert main([str(tmp_path / "新模板.pptx")]) == 0
    _check_template(tmp_path / "新模板.pptx")
    assert main([]) == 2


def test_a_bureau_template_with_english_layout_names_and_a_sample_slide(demo_context, tmp_path):
    template = Presentation()  # 4:3, PowerPoint's English layout names, eleven layouts
    sample = template.slides.add_slide(template.slide_layouts[6])
    sample.shapes.add_textbox(0, 0, 100, 100).text_frame.text = "本单位示例页"
    template.save(tmp_path / "本单位.pptx")
    options = dataclasses.replace(demo_context.options, key_indicators=("new_sme",))
    context = dataclasses.replace(demo_context, options=options)
    deck = Presentation(str(write_slides(context, tmp_path / "考核.pptx", template=tmp_path / "本单位.pptx")))
    assert (deck.slide_width, deck.slide_height) == (template.slide_width, template.slide_height)
    assert deck.slides[0].slide_layout.name == "Title Slide"
    assert all(slide.slide_layout.name == "Title and Content" for slide in list(deck.slides)[1:])
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert "本单位示例页" not in texts
    for slide in deck.slides:  # the content follows the template's body placeholder, inside the page
        for shape in slide.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= deck.slide_width
            assert 0 <= shape.top and shape.top + shape.height <= deck.slide_height


def test_layouts_with_other_names_are_taken_by_position(demo_context, tmp_path):
    template = Presentation(str(build_slide_template(tmp_path / "模板.pptx")))
    template.slide_layouts[0].name, template.slide_layouts[1].name = "封面", "正文"
    template.save(tmp_path / "改名.pptx")
    options = dataclasses.replace(demo_context.options, key_indicators=("new_sme",))
    context = dataclasses.replace(demo_context, options=options)
    deck = Presentation(str(write_slides(context, tmp_path / "考核.pptx", template=tmp_path / "改名.pptx")))
    assert [s.slide_layout.name for s in deck.slides][:3] == ["封面", "正文", "正文"]


def test_a_potx_template_is_accepted(tmp_path):
    source = build_slide_template(tmp_path / "模板.pptx")
    potx = tmp_path / "模板.potx"
    with zipfile.ZipFile(source) as pptx, zipfile.ZipFile(potx, "w") as out:
        for item in pptx.infolist():
            data = pptx.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            out.writestr(item, data)
    assert [layout.name for layout in open_template(potx).slide_layouts] == ["标题幻灯片", "标题和内容"]


@pytest.mark.parametrize("content", [b"", b"this is no zip", b"PK\x03\x04broken"])
def test_a_corrupt_template_gives_a_chinese_error_naming_the_file(demo_context, tmp_path, content):
    template = tmp_path / "坏模板.pptx"
    template.write_bytes(content)
    with pytest.raises(SlideTemplateError, match="坏模板.pptx.*无法打开"):
        write_slides(demo_context, tmp_path / "考核.pptx", template=template)
    assert not (tmp_path / "考核.pptx").exists()


def test_a_workbook_renamed_pptx_is_no_template(tmp_path):
    import openpyxl

    book = tmp_path / "表格.pptx"
    openpyxl.Workbook().save(book)
    with pytest.raises(SlideTemplateError, match="表格.pptx"):
        open_template(book)


def test_a_missing_template_gives_a_chinese_error(demo_context, tmp_path):
    with pytest.raises(WorkbenchError, match="幻灯片模板“.*没有这个.pptx”不存在"):
        write_slides(demo_context, tmp_path / "考核.pptx", template=tmp_path / "没有这个.pptx")
