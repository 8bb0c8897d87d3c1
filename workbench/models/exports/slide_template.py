"""The slide template: made once by :func:`build_slide_template`, replaceable by the bureau.

The shipped ``resources/templates/slides.pptx`` is 16:9, names 微软雅黑 as the theme's
Latin and East Asian fonts (heading and body), and has two layouts: 标题幻灯片 (a colour
band behind the title) and 标题和内容 (a thin band on top and a rule under the title).
A bureau may put its own file in its place or pass one to the exporter: the slides take
the layouts by name (Chinese or English PowerPoint names) and fall back to the first and
second layout, and place their charts and tables where the layout's content placeholder
is. Regenerate the shipped file with::

    python -m workbench.models.exports.slide_template resources/templates/slides.pptx
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Inches

from workbench.models.exports.context import ReportError
from workbench.models.exports.pptx_text import SLIDE_FONT, apply_fonts
from workbench.models.resources import resource

TITLE_LAYOUT_NAMES = ("标题幻灯片", "Title Slide")
CONTENT_LAYOUT_NAMES = ("标题和内容", "Title and Content")
TITLE_LAYOUT_INDEX, CONTENT_LAYOUT_INDEX = 0, 1
"""Where the layouts are looked for when a template names them otherwise."""

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)  # PowerPoint's 16:9, 13.333 × 7.5 in
ACCENT = "1F4E79"
"""The band and heading colour (theme accent1 and dk2): a sober dark blue."""

_TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


class SlideTemplateError(ReportError):
    """A slide template that cannot be used; the message names the file."""


def _box(shape_element, left, top, width, height) -> None:
    """Give a placeholder (``p:sp``) an explicit position, replacing what it inherited."""
    sp_pr = shape_element.find(qn("p:spPr"))
    xfrm = sp_pr.find(qn("a:xfrm"))
    if xfrm is not None:
        sp_pr.remove(xfrm)
    sp_pr.insert(0, parse_xml(
        f'<a:xfrm {nsdecls("a")}><a:off x="{int(left)}" y="{int(top)}"/>'
        f'<a:ext cx="{int(width)}" cy="{int(height)}"/></a:xfrm>'))


def _placeholder(owner, kinds: tuple[str, ...]):
    for sp in owner.shapes._spTree.iter(qn("p:sp")):
        ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is not None and ph.get("type", "obj") in kinds:
            return sp
    return None


def _band(owner, name: str, left, top, width, height) -> None:
    """A filled rectangle in accent1 behind everything else of a master or layout."""
    tree = owner.shapes._spTree
    next_id = max(int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))) + 1
    band = parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{next_id}" name="{name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{int(left)}" y="{int(top)}"/>'
        f'<a:ext cx="{int(width)}" cy="{int(height)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:schemeClr val="accent1"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
        f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="zh-CN"/></a:p></p:txBody></p:sp>')
    tree.insert(2, band)  # after nvGrpSpPr and grpSpPr: drawn first, under the placeholders


def _prompt(sp, text: str, style: str = "") -> None:
    """Set the prompt a placeholder shows in PowerPoint's layout view (and its level-1 style)."""
    body = sp.find(qn("p:txBody"))
    for paragraph in body.findall(qn("a:p")):
        body.remove(paragraph)
    body.append(parse_xml(f'<a:p {nsdecls("a")}><a:r><a:rPr lang="zh-CN"/><a:t>{text}</a:t></a:r></a:p>'))
    if style:
        old = body.find(qn("a:lstStyle"))
        body.replace(old, parse_xml(f'<a:lstStyle {nsdecls("a")}>{style}</a:lstStyle>'))


def _theme(presentation) -> None:
    """Fonts 微软雅黑 for headings and body, Latin and East Asian; accent1 and dk2 the house blue."""
    part = presentation.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = root.find(f".//{qn('a:fontScheme')}")
    scheme.set("name", "政务简洁")
    for font in (scheme.find(qn("a:majorFont")), scheme.find(qn("a:minorFont"))):
        font.find(qn("a:latin")).set("typeface", SLIDE_FONT)
        font.find(qn("a:ea")).set("typeface", SLIDE_FONT)
        for script in font.findall(qn("a:font")):
            if script.get("script") == "Hans":
                script.set("typeface", SLIDE_FONT)
    colors = root.find(f".//{qn('a:clrScheme')}")
    colors.set("name", "政务蓝")
    for slot in ("dk2", "accent1"):
        colors.find(qn(f"a:{slot}")).find(qn("a:srgbClr")).set("val", ACCENT)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _master(presentation) -> None:
    master = presentation.slide_master
    margin, width = Inches(0.6), SLIDE_WIDTH - Inches(1.2)
    _box(_placeholder(master, ("title",)), margin, Inches(0.3), width, Inches(0.85))
    _box(_placeholder(master, ("body",)), margin, Inches(1.45), width, Inches(5.4))
    footer_top, footer_height = Inches(6.98), Inches(0.4)
    _box(_placeholder(master, ("dt",)), margin, footer_top, Inches(3), footer_height)
    _box(_placeholder(master, ("ftr",)), Inches(4.67), footer_top, Inches(4), footer_height)
    _box(_placeholder(master, ("sldNum",)), SLIDE_WIDTH - margin - Inches(3), footer_top, Inches(3), footer_height)
    styles = master._element.find(qn("p:txStyles"))
    title = styles.find(f"{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    title.set("algn", "l")
    title_run = title.find(qn("a:defRPr"))
    title_run.set("sz", "2800")
    title_run.set("b", "1")
    title_run.find(qn("a:solidFill")).find(qn("a:schemeClr")).set("val", "tx2")
    sizes = {"lvl1pPr": "2000", "lvl2pPr": "1800", "lvl3pPr": "1600", "lvl4pPr": "1600", "lvl5pPr": "1600"}
    for level, size in sizes.items():
        styles.find(f"{qn('p:bodyStyle')}/{qn('a:' + level)}/{qn('a:defRPr')}").set("sz", size)
    _prompt(_placeholder(master, ("title",)), "单击此处编辑标题")
    _prompt(_placeholder(master, ("body",)), "单击此处编辑正文")


def _layouts(presentation) -> None:
    layouts = presentation.slide_layouts
    for layout in list(layouts)[2:]:
        layouts.remove(layout)
    title_layout, content_layout = layouts[0], layouts[1]
    title_layout.name, content_layout.name = TITLE_LAYOUT_NAMES[0], CONTENT_LAYOUT_NAMES[0]

    band_top, band_height = Inches(2.1), Inches(2.1)
    _band(title_layout, "色带", 0, band_top, SLIDE_WIDTH, band_height)
    heading = _placeholder(title_layout, ("ctrTitle",))
    _box(heading, Inches(0.9), band_top + Inches(0.25), SLIDE_WIDTH - Inches(1.8), band_height - Inches(0.5))
    _prompt(heading, "单击此处编辑标题",
            '<a:lvl1pPr algn="ctr"><a:defRPr sz="3600" b="1"><a:solidFill><a:schemeClr val="bg1"/>'
            '</a:solidFill></a:defRPr></a:lvl1pPr>')
    subtitle = _placeholder(title_layout, ("subTitle",))
    _box(subtitle, Inches(0.9), band_top + band_height + Inches(0.35), SLIDE_WIDTH - Inches(1.8), Inches(1.9))
    _prompt(subtitle, "单击此处编辑副标题",
            '<a:lvl1pPr marL="0" indent="0" algn="ctr"><a:buNone/><a:defRPr sz="2000"><a:solidFill>'
            '<a:schemeClr val="tx1"><a:lumMod val="75000"/><a:lumOff val="25000"/></a:schemeClr>'
            '</a:solidFill></a:defRPr></a:lvl1pPr>')

    _band(content_layout, "色带", 0, 0, SLIDE_WIDTH, Inches(0.14))
    _band(content_layout, "标题线", Inches(0.6), Inches(1.2), SLIDE_WIDTH - Inches(1.2), Inches(0.03))
    _prompt(_placeholder(content_layout, ("title",)), "单击此处编辑标题")
    _prompt(_placeholder(content_layout, ("obj", "body")), "单击此处编辑内容")
    for owner in (presentation.slide_master, title_layout, content_layout):
        apply_fonts(owner.shapes._spTree)


def build_slide_template(path) -> Path:
    """Write the default slide template to ``path`` and return the path.

    Starts from python-pptx's blank presentation, makes it 16:9, sets the theme fonts and
    colours, keeps two layouts (标题幻灯片, 标题和内容) and lays them out afresh.

    Parameters
    ----------
    path : str or os.PathLike
        Where to write the ``.pptx``.

    Returns
    -------
    pathlib.Path
    """
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    _theme(presentation)
    _master(presentation)
    _layouts(presentation)
    properties = presentation.core_properties
    properties.title, properties.author = "考核情况幻灯片模板", "workbench"
    properties.subject = "可替换为本单位模板：保留“标题幻灯片”和“标题和内容”两个版式"
    path = Path(path)
    presentation.save(path)
    return path


def _open_bytes(data: bytes, label: str):
    """A presentation from a .pptx or .potx; a .potx differs only in its main part's content type."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read("[Content_Types].xml")
            if _TEMPLATE_MAIN in types:
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
                    for item in archive.infolist():
                        content = archive.read(item.filename)
                        if item.filename == "[Content_Types].xml":
                            content = content.replace(_TEMPLATE_MAIN, _PRESENTATION_MAIN)
                        copy.writestr(item, content)
                data = buffer.getvalue()
        presentation = Presentation(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, PackageNotFoundError) as exc:
        raise SlideTemplateError(f"幻灯片模板“{label}”无法打开：不是有效的 PowerPoint 演示文稿（.pptx 或 .potx）") from exc
    if not any(len(master.slide_layouts) for master in presentation.slide_masters):
        raise SlideTemplateError(f"幻灯片模板“{label}”没有任何版式，无法使用")
    return presentation


def open_template(template=None):
    """The presentation to fill: ``template`` (a path), or the shipped one; without its slides.

    Raises
    ------
    SlideTemplateError
        When the file is missing, unreadable or no PowerPoint presentation.
    """
    if template is None:
        label = "内置模板 slides.pptx"
        try:
            data = resource("templates", "slides.pptx").read_bytes()
        except OSError as exc:
            raise SlideTemplateError(f"找不到{label}，请重新安装本程序") from exc
    else:
        path = Path(template)
        label = str(path)
        if not path.is_file():
            raise SlideTemplateError(f"幻灯片模板“{label}”不存在")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SlideTemplateError(f"幻灯片模板“{label}”无法读取：{exc.strerror or exc}") from exc
    presentation = _open_bytes(data, label)
    # A bureau's template may be a sample deck: its own slides are not part of the report.
    slide_ids = presentation.slides._sldIdLst
    for slide_id in list(slide_ids):
        presentation.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    return presentation


def find_layout(presentation, names: tuple[str, ...], index: int):
    """The first layout called one of ``names`` in any master, else the ``index``-th (or last) one."""
    layouts = [layout for master in presentation.slide_masters for layout in master.slide_layouts]
    for name in names:
        for layout in layouts:
            if layout.name.strip() == name:
                return layout
    return layouts[min(index, len(layouts) - 1)]


def main(argv: list[str] | None = None) -> int:
    """``python -m workbench.models.exports.slide_template OUT.pptx``: write the default template."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("用法：python -m workbench.models.exports.slide_template 输出文件.pptx", file=sys.stderr)
        return 2
    path = build_slide_template(args[0])
    print(f"已生成幻灯片模板：{path}（{Emu(SLIDE_WIDTH).inches:.2f} × {Emu(SLIDE_HEIGHT).inches:.2f} 英寸）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
