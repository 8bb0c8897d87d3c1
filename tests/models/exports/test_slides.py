"""The meeting slides, reopened as a user (or PowerPoint) would: charts, tables, notes, fonts."""

import dataclasses
import io
import math
import re
import zipfile

import openpyxl
import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from workbench.models.charts.labels import is_amount
from workbench.models.errors import WorkbenchError
from workbench.models.exports.context import ReportOptions
from workbench.models.exports.slides import LAGGING_MAX_SLIDES, LAGGING_ROWS_PER_SLIDE, write_slides

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
LAGGING = {"欠进度", "严重滞后", "未完成"}


@pytest.fixture(scope="module")
def deck_file(demo_context, tmp_path_factory):
    return write_slides(demo_context, tmp_path_factory.mktemp("slides") / "考核情况.pptx")


@pytest.fixture(scope="module")
def deck(deck_file):
    return Presentation(str(deck_file))


def _nan_to_none(values):
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v) for v in values]


def _county_rows(context, code):
    rows = context.rows[(context.rows["indicator_code"] == code) & (context.rows["level"] != "city")]
    by_code = rows.set_index(rows["region_code"].astype(str))
    return by_code.loc[context.county_codes]


def _chart(slide):
    charts = [shape.chart for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1
    return charts[0]


def _table(slide):
    tables = [shape.table for shape in slide.shapes if shape.has_table]
    assert len(tables) == 1
    return tables[0]


def _cells(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def _expected_lagging_slides(context):
    rows = context.rows
    count = int(((rows["level"] != "city") & rows["status"].isin(LAGGING)).sum())
    return max(1, min(math.ceil(count / LAGGING_ROWS_PER_SLIDE), LAGGING_MAX_SLIDES))


def test_the_deck_is_16_to_9(deck):
    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Emu(6858000))


def test_one_slide_per_part_and_per_key_indicator(deck, demo_context):
    keys = demo_context.key_indicator_codes
    assert len(keys) == 8
    assert len(deck.slides) == 1 + 1 + len(keys) + 1 + _expected_lagging_slides(demo_context)
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert "考核情况" in titles[0]
    assert titles[1].startswith("总体情况")
    assert titles[2:2 + len(keys)] == [demo_context.plan.indicator(code).name for code in keys]
    assert titles[2 + len(keys)].startswith("考核排名")
    assert all(t.startswith("落后于序时进度的指标") for t in titles[3 + len(keys):])


def test_title_slide_names_plan_period_and_issuer(deck, demo_context):
    texts = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert demo_context.plan.short_name in texts
    assert "2019年1-9月" in texts
    assert demo_context.plan.issuer in texts


def test_key_indicator_charts_show_the_assessment_per_county(deck, demo_context):
    for offset, code in enumerate(demo_context.key_indicator_codes):
        chart = _chart(deck.slides[2 + offset])
        rows = _county_rows(demo_context, code)
        amount = is_amount(rows["kind"].iloc[0])
        expected_bars = rows["completion"] if amount else rows["actual"]
        expected_line = rows["time_progress"] if amount else rows["target"]

        bars, line = chart.plots
        assert bars.series[0].values == pytest.approx(_nan_to_none(expected_bars))
        assert line.series[0].values == pytest.approx(_nan_to_none(expected_line))
        assert line.series[0].name == ("序时进度" if amount else "目标")
        categories = list(bars.categories)
        assert [c.split("\n")[0] for c in categories] == list(rows["region_name"])
        assert [c.split("\n")[1][1:] for c in categories] == list(rows["status"])  # symbol, then status

        xml = etree.fromstring(chart.part.blob)
        assert xml.find(".//c:plotArea/c:barChart", NS) is not None
        line_values = [float(v) for v in xml.xpath(".//c:lineChart/c:ser/c:val//c:pt/c:v/text()", namespaces=NS)]
        assert line_values == pytest.approx(_nan_to_none(expected_line))
        # the line shares the bars' axes, as PowerPoint stores a combo chart
        bar_axes = xml.xpath(".//c:barChart/c:axId/@val", namespaces=NS)
        assert xml.xpath(".//c:lineChart/c:axId/@val", namespaces=NS) == bar_axes


def test_amount_charts_draw_the_time_progress_of_the_assessment(deck, demo_context):
    code = "new_sme"
    chart = _chart(deck.slides[2 + demo_context.key_indicator_codes.index(code)])
    city = demo_context.rows[(demo_context.rows["indicator_code"] == code) & (demo_context.rows["level"] == "city")]
    line = chart.plots[1].series[0].values
    assert line == pytest.approx([float(city["time_progress"].iloc[0])] * len(line))
    assert chart.value_axis.minimum_scale == 0


def test_the_embedded_workbook_holds_the_charted_numbers(deck, demo_context):
    for offset, code in enumerate(demo_context.key_indicator_codes):
        chart = _chart(deck.slides[2 + offset])
        book = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
        sheet = book.worksheets[0]
        rows = _county_rows(demo_context, code)
        amount = is_amount(rows["kind"].iloc[0])
        n = len(rows)
        names = [sheet.cell(row=r, column=1).value.split("\n")[0] for r in range(2, n + 2)]
        assert names == list(rows["region_name"])
        bars = [sheet.cell(row=r, column=2).value for r in range(2, n + 2)]
        line = [sheet.cell(row=r, column=3).value for r in range(2, n + 2)]
        assert bars == pytest.approx(_nan_to_none(rows["completion"] if amount else rows["actual"]))
        assert line == pytest.approx(_nan_to_none(rows["time_progress"] if amount else rows["target"]))
        assert sheet.cell(row=1, column=3).value == ("序时进度" if amount else "目标")


def test_bars_are_coloured_by_status(deck, demo_context):
    code = "indiv_to_enterprise"  # has 超进度, 达进度, 欠进度 and 严重滞后 counties
    chart = _chart(deck.slides[2 + demo_context.key_indicator_codes.index(code)])
    rows = _county_rows(demo_context, code)
    series = chart.plots[0].series[0]
    fills = [str(series.points[i].format.fill.fore_color.rgb) for i in range(len(rows))]
    by_status = {}
    for status, fill in zip(rows["status"], fills):
        by_status.setdefault(status, set()).add(fill)
    assert all(len(f) == 1 for f in by_status.values())  # one colour per status
    assert len({next(iter(f)) for f in by_status.values()}) == len(by_status) >= 3


def test_captions_name_city_figure_target_and_leading_and_lagging_county(deck, demo_context):
    code = "new_sme"
    slide = deck.slides[2 + demo_context.key_indicator_codes.index(code)]
    text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title)
    rows = _county_rows(demo_context, code)
    best = rows.loc[rows["completion"].idxmax(), "region_name"]
    worst = rows.loc[rows["completion"].idxmin(), "region_name"]
    assert "29,821家" in text and "50,000家" in text and "序时进度 58.3%" in text
    assert f"进度最快：{best}" in text and f"最慢：{worst}" in text


def test_overview_has_the_county_totals_chart(deck, demo_context):
    slide = deck.slides[1]
    chart = _chart(slide)
    counties = demo_context.counties.sort_values("rank")
    assert list(chart.plots[0].categories) == list(counties["region_name"])
    assert chart.plots[0].series[0].values == pytest.approx(list(counties["total_score"]))
    text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    first = counties.iloc[0]
    assert f"{first['region_name']} {first['total_score']:.2f} 分" in text
    city = demo_context.rows[demo_context.rows["level"] == "city"]
    assert f"达进度 {int((city['status'] == '达进度').sum())} 项" in text


def test_ranking_table_equals_the_county_totals(deck, demo_context):
    table = _table(deck.slides[2 + len(demo_context.key_indicator_codes)])
    cells = _cells(table)
    assert cells[0] == ["名次", "县（市、区）", "总分", "等级", "名次变化"]
    counties = demo_context.counties.sort_values("rank")
    assert len(cells) - 1 == len(counties)
    for row, county in zip(cells[1:], counties.itertuples()):
        assert int(row[0]) == county.rank
        assert row[1] == county.region_name
        assert float(row[2]) == pytest.approx(county.total_score, abs=0.005)
        assert row[3] == county.grade
        change = 0 if row[4] == "持平" else int(row[4][1:]) * (1 if row[4][0] == "↑" else -1)
        assert change == county.rank_change


def test_lagging_tables_list_lagging_county_rows_worst_first(deck, demo_context):
    first = 3 + len(demo_context.key_indicator_codes)
    rows = demo_context.rows
    listed = []
    for slide in list(deck.slides)[first:]:
        cells = _cells(_table(slide))
        assert cells[0][0] == "指标" and cells[0][-1] == "差距"
        listed += cells[1:]
    assert 0 < len(listed) <= LAGGING_ROWS_PER_SLIDE * LAGGING_MAX_SLIDES
    severity = {"未完成": 0, "严重滞后": 1, "欠进度": 2}
    ranks = []
    for indicator, county, status, *_, gap in listed:
        match = rows[(rows["short_name"] == indicator) & (rows["region_name"] == county)]
        assert len(match) == 1
        actual = match.iloc[0]
        assert actual["status"] in LAGGING and status.endswith(actual["status"])
        assert float(gap) == pytest.approx(actual["gap_pp"], abs=0.05)
        ranks.append((severity[actual["status"]], actual["gap_pp"]))
    assert ranks == sorted(ranks)
    every = int(((rows["level"] != "city") & rows["status"].isin(LAGGING)).sum())
    if every > len(listed):  # the rest is counted, not dropped silently
        last = deck.slides[len(deck.slides) - 1]
        assert any(f"另有 {every - len(listed)} 项" in s.text_frame.text for s in last.shapes if s.has_text_frame)


def test_every_run_names_microsoft_yahei_for_latin_and_chinese(deck_file):
    with zipfile.ZipFile(deck_file) as archive:
        parts = [n for n in archive.namelist()
                 if re.match(r"ppt/(slides|notesSlides|charts)/[^/]+\.xml$", n)]
        assert any(p.startswith("ppt/charts/") for p in parts) and any("notesSlides" in p for p in parts)
        for name in parts:
            root = etree.fromstring(archive.read(name))
            runs = root.xpath(".//a:r | .//a:fld", namespaces=NS)
            styles = root.xpath(".//a:defRPr", namespaces=NS)
            assert runs or styles, name
            for run in runs:
                properties = run.find("a:rPr", NS)
                assert properties is not None, name
                assert properties.find("a:ea", NS).get("typeface") == "微软雅黑", name
                assert properties.find("a:latin", NS).get("typeface") == "微软雅黑", name
            for style in styles:  # chart text (txPr) and table defaults
                assert style.find("a:ea", NS).get("typeface") == "微软雅黑", name


def test_notes_name_period_and_source_workbooks(deck, demo_context):
    figures = demo_context.figures
    for slide in list(deck.slides)[1:]:
        notes = slide.notes_slide.notes_text_frame.text
        assert "2019年1-9月" in notes
        assert "数据来源" in notes
    for offset, code in enumerate(demo_context.key_indicator_codes):
        notes = deck.slides[2 + offset].notes_slide.notes_text_frame.text
        mine = figures[figures["indicator"] == code]
        assert any(file in notes for file in set(mine["file"]))
        assert any(department in notes for department in set(mine["department"]))
        # the workbook of this period's figures is named, not only an old one
        current = mine[mine["period"].astype(str).str.startswith("2019-01..09")]
        if len(current):
            assert any(file in notes for file in set(current["file"]))


def test_a_selection_of_counties_gives_bars_for_those_counties(demo_context, tmp_path):
    options = dataclasses.replace(demo_context.options, counties=("330402", "330481"), key_indicators=("new_sme",))
    context = dataclasses.replace(demo_context, options=options)
    deck = Presentation(str(write_slides(context, tmp_path / "两地.pptx")))
    chart = _chart(deck.slides[2])
    rows = _county_rows(context, "new_sme")
    assert [c.split("\n")[0] for c in chart.plots[0].categories] == list(rows["region_name"])
    assert len(rows) == 2
    assert chart.plots[0].series[0].values == pytest.approx(list(rows["completion"]))
    assert len(_cells(_table(deck.slides[3]))) == 3


def test_a_qualitative_key_indicator_gets_a_status_table(demo_context, tmp_path):
    options = ReportOptions("2019-09", key_indicators=("testing_platform_coverage",))
    context = dataclasses.replace(demo_context, options=options)
    deck = Presentation(str(write_slides(context, tmp_path / "定性.pptx")))
    slide = deck.slides[2]
    assert not any(shape.has_chart for shape in slide.shapes)
    cells = _cells(_table(slide))
    rows = _county_rows(context, "testing_platform_coverage")
    assert [r[0] for r in cells[1:]] == list(rows["region_name"])
    assert [r[1].split(" ")[-1] for r in cells[1:]] == list(rows["status"])


def test_odd_text_from_the_project_never_breaks_the_deck(demo_context, tmp_path):
    rows = demo_context.assessment.rows.copy()
    counties = demo_context.assessment.counties.copy()
    odd = "=HYPERLINK(\x07\"坏\x1b名字\ufffe\")" + "很长的县名" * 50
    code = demo_context.county_codes[0]
    rows.loc[rows["region_code"].astype(str) == code, "region_name"] = odd
    rows.loc[rows["region_code"].astype(str) == code, "note"] = "\x0b说明\x00" * 2000
    counties.loc[counties["region_code"].astype(str) == code, "region_name"] = odd
    assessment = dataclasses.replace(demo_context.assessment, rows=rows, counties=counties)
    context = dataclasses.replace(demo_context, assessment=assessment)
    path = write_slides(context, tmp_path / "怪字符.pptx")
    deck = Presentation(str(path))
    ranking = _cells(_table(deck.slides[2 + len(context.key_indicator_codes)]))
    name = ranking[1][1]
    assert name.startswith("=HYPERLINK(\"坏名字") and name.endswith("…") and len(name) <= 16
    with zipfile.ZipFile(path) as archive:
        for item in archive.namelist():
            if item.endswith(".xml"):
                assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", archive.read(item).decode("utf-8")), item


def test_an_unwritable_path_gives_a_chinese_error(demo_context, tmp_path):
    with pytest.raises(WorkbenchError, match="无法写入幻灯片"):
        write_slides(demo_context, tmp_path / "没有的文件夹" / "考核.pptx")
