"""The 考核通报 in Word: GB/T 9704-2012 page, fonts named for Chinese, numbers from the assessment."""

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from workbench.models.checks.project import check_project, explain
from workbench.models.exports.context import ReportError, ReportOptions, report_context
from workbench.models.exports.narrative import notification
from workbench.models.exports.notification_docx import write_notification
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions


@pytest.fixture(scope="module")
def written(demo_context, tmp_path_factory):
    path = write_notification(demo_context, tmp_path_factory.mktemp("notification") / "考核通报.docx")
    return Document(str(path)), notification(demo_context)


def _runs_font(paragraph):
    """(eastAsia font, size in pt, bold) of each run that shows text."""
    out = []
    for run in paragraph.runs:
        if run.text.strip():
            fonts = run._r.rPr.find(qn("w:rFonts"))
            out.append((fonts.get(qn("w:eastAsia")), run.font.size.pt if run.font.size else None, bool(run.font.bold)))
    return out


def _paragraph(document, text):
    return next(p for p in document.paragraphs if p.text == text)


def test_the_page_is_a4_with_the_gbt9704_margins_and_a_22_by_28_grid(written):
    document, _ = written
    section = document.sections[0]
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (210.0, 297.0)
    for margin, mm in (("top_margin", 37), ("bottom_margin", 35), ("left_margin", 28), ("right_margin", 26)):
        assert getattr(section, margin).mm == pytest.approx(mm, abs=0.1)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    pitch = int(grid.get(qn("w:linePitch")))
    height = (section.page_height - section.top_margin - section.bottom_margin) / 635  # twips
    assert 22 * pitch <= height < 23 * pitch
    width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700
    for style in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        spacing = document.styles[style].element.rPr.find(qn("w:spacing"))
        char_pt = 16 + int(spacing.get(qn("w:val"))) / 20
        assert 28 * char_pt <= width_pt < 29 * char_pt, style


def test_title_is_2hao_xiaobiaosong_centred_and_body_3hao_fangsong(written):
    document, note = written
    title = _paragraph(document, note.title)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert set(_runs_font(title)) == {("方正小标宋简体", 22.0, False)}
    opening = _paragraph(document, note.opening[0])
    assert set(_runs_font(opening)) == {("仿宋_GB2312", 16.0, False)}
    indent = opening._p.pPr.ind
    assert indent.get(qn("w:firstLineChars")) == "200" and opening.paragraph_format.first_line_indent.pt == 32
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_every_run_and_style_names_its_east_asian_font(written):
    document, _ = written
    runs = list(document.element.body.iter(qn("w:r")))
    assert len(runs) > 100
    for run in runs:
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.xml[:200]
        assert fonts.get(qn("w:ascii")) and fonts.get(qn("w:hAnsi")) and fonts.get(qn("w:hint")) == "eastAsia"
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) and not fonts.get(qn("w:eastAsiaTheme"))


def test_headings_use_heiti_kaiti_and_bold_fangsong_by_level(written):
    document, note = written
    expected = {1: ("黑体", False), 2: ("楷体_GB2312", False)}
    checked = set()
    for section in note.sections:
        if section.level in expected and section.heading:
            paragraph = _paragraph(document, section.heading)
            font, bold = expected[section.level]
            assert paragraph.style.name == f"Heading {section.level}"
            assert set(_runs_font(paragraph)) == {(font, 16.0, bold)}
            checked.add(section.level)
        elif section.level == 3:
            paragraph = next(p for p in document.paragraphs if p.text.startswith(section.heading))
            assert _runs_font(paragraph)[0] == ("仿宋_GB2312", 16.0, True)
            assert paragraph.runs[0].text == section.heading
            checked.add(3)
    assert checked == {1, 2, 3}


def test_the_red_head_and_rule_stand_over_the_title(written):
    document, note = written
    mark, number = document.paragraphs[0], document.paragraphs[1]
    assert mark.text == f"{note.issuer}文件"
    assert {str(r.font.color.rgb) for r in mark.runs} == {"FF0000"}
    assert _runs_font(mark)[0][0] == "方正小标宋简体"
    assert number.text == note.doc_number
    rule = number._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert rule.get(qn("w:color")) == "FF0000" and rule.get(qn("w:val")) == "single"


def test_page_numbers_are_a_page_field_between_dashes_in_4hao_songti(written):
    document, _ = written
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        paragraph = footer.paragraphs[0]
        instructions = [node.text for node in paragraph._p.iter(qn("w:instrText"))]
        assert [text.strip() for text in instructions] == ["PAGE"]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        for run in paragraph._p.iter(qn("w:r")):
            fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            assert fonts.get(qn("w:eastAsia")) == "宋体"
            assert run.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "28"  # half-points: 14 pt
    assert section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert section.even_page_footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_the_score_table_equals_the_counties_and_repeats_its_header(written, demo_context):
    document, _ = written
    table = document.tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    assert header[:4] == ["排名", "县（市、区）", "总分", "等级"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    counties = demo_context.counties
    assert [int(r[0]) for r in body] == list(counties["rank"])
    assert [r[1] for r in body] == list(counties["region_name"])
    assert [float(r[2]) for r in body] == [round(t, 2) for t in counties["total_score"]]
    assert [r[3] for r in body] == list(counties["grade"])
    total_cell = table.rows[1].cells[2].paragraphs[0]
    assert total_cell.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    width = sum(int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol")))
    assert width == pytest.approx(156 / 25.4 * 1440, abs=3)  # the table fills the text block
    sizes = {r.font.size.pt for row in table.rows for cell in row.cells for p in cell.paragraphs for r in p.runs}
    assert sizes and all(10.5 <= size <= 12 for size in sizes)


def test_the_status_table_shows_each_units_status(written, demo_context):
    document, _ = written
    table = document.tables[1]
    names = [cell.text for cell in table.rows[0].cells][1:]
    rows = demo_context.rows
    for row, code in zip(table.rows[1:], demo_context.indicator_codes):
        cells = [cell.text for cell in row.cells][1:]
        mine = rows[rows["indicator_code"] == code]
        expected = dict(zip(mine["region_name"], mine["status"]))
        expected[names[0]] = mine.loc[mine["level"] == "city", "status"].iloc[0]
        assert cells == [expected[name] for name in names]


# The order ECMA-376 Part 1 gives the children of w:pPr (§17.3.1.26) and w:rPr (§17.3.2.28).
PPR_ORDER = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
             "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
             "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
             "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()
RPR_ORDER = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
             "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
             "vertAlign rtl cs em lang eastAsianLayout specVanish oMath").split()


def test_property_elements_are_in_schema_order(written):
    """Word refuses a document whose w:pPr or w:rPr children are out of the schema's order."""
    document, _ = written
    parts = [document.element, document.styles.element, *(f._element for f in (
        document.sections[0].footer, document.sections[0].even_page_footer))]
    for part in parts:
        for tag, names in (("w:pPr", PPR_ORDER), ("w:rPr", RPR_ORDER)):
            order = [qn(f"w:{name}") for name in names]
            for props in part.iter(qn(tag)):
                tags = [child.tag for child in props]
                assert all(t in order for t in tags), tags
                positions = [order.index(t) for t in tags]
                assert positions == sorted(positions) and len(set(tags)) == len(tags), props.xml[:400]


def test_a_planted_explanation_reaches_the_narrative_and_the_docx(demo_project, tmp_path):
    plan, regions = load_plan(demo_project.plan_id), load_regions()
    found = check_project(demo_project, plan, regions)
    target = next(f for f in found if f.indicator_code == "new_sme" and f.period == "2019-01..09")
    explain(demo_project, target.id, "=全市数含市本级直接登记的91家\x07，已与市场监管局逐户核对。", "张三")
    context = report_context(demo_project, plan, regions, ReportOptions("2019-09"))
    text = notification(context).text()
    quoted = "=全市数含市本级直接登记的91家，已与市场监管局逐户核对（市统计局已确认）"
    assert quoted in text and "“新增小微企业”2019年1-9月" in text
    path = write_notification(context, tmp_path / "通报.docx")
    paragraphs = [p.text for p in Document(str(path)).paragraphs]
    assert any(quoted in p and "经核实" in p for p in paragraphs)


def test_an_unwritable_path_is_a_report_error_naming_the_file(demo_context, tmp_path):
    with pytest.raises(ReportError, match="无法写入考核通报"):
        write_notification(demo_context, tmp_path / "没有这个目录" / "通报.docx")
    assert list(tmp_path.iterdir()) == []


def test_numbers_are_latin_text_so_no_line_breaks_inside_them(written):
    """The Latin language of the defaults is not Chinese: LibreOffice would break "99.78" anywhere."""
    document, _ = written
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    assert not lang.get(qn("w:val")).startswith("zh")
