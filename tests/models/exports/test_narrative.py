"""The 考核通报's words: every number read back from the text equals the assessment's."""

import dataclasses
import re
from collections import Counter

import pytest

from workbench.models.assessment.settings import ON_TRACK
from workbench.models.exports.context import ReportOptions, report_context
from workbench.models.exports.narrative import LAGGING, clean_text, notification
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions
from workbench.models.store import Project


@pytest.fixture(scope="module")
def note(demo_context):
    return notification(demo_context)


def _section(note, heading: str) -> list[str]:
    """The paragraphs under the heading that contains ``heading`` (up to the next of its level or above)."""
    start = next(i for i, s in enumerate(note.sections) if heading in s.heading)
    level = note.sections[start].level
    paragraphs = list(note.sections[start].paragraphs)
    for section in note.sections[start + 1:]:
        if section.level <= level and section.heading:
            break
        paragraphs += ([section.heading] if section.heading else []) + section.paragraphs
    return paragraphs


def test_the_sections_follow_the_notification_order(note):
    assert [s.heading for s in note.sections if s.level == 1] == [
        "一、总体进展", "二、各地考核情况", "三、需要关注的指标", "四、下步工作要求"]
    requirements = [s for s in note.sections if s.level == 3]
    assert 3 <= len(requirements) <= 4
    assert [s.heading.split(".")[0] for s in requirements] == [str(i) for i in range(1, len(requirements) + 1)]
    assert note.closing == "特此通报。"
    assert note.recipients.endswith("：")


def test_the_ranking_quotes_each_countys_total_in_rank_order(note, demo_context):
    ranking = next(p for p in _section(note, "得分和排名") if "依次为" in p)
    listed = re.findall(r"([\u4e00-\u9fff]+?)(\d+\.\d{2})分", ranking.split("依次为：")[1])
    counties = demo_context.counties.sort_values("rank")
    assert [name for name, _ in listed] == list(counties["region_name"])
    assert [float(total) for _, total in listed] == [round(t, 2) for t in counties["total_score"]]
    grades = Counter(counties["grade"])
    for grade, count in re.findall(r"(优秀|良好|合格|不合格)(\d+)个", ranking):
        assert grades[grade] == int(count)


def test_the_leading_counties_are_the_top_three_with_total_rank_and_grade(note, demo_context):
    leaders = _section(note, "排名靠前")
    counties = demo_context.counties.set_index("region_name")
    found = [re.match(r"(\S+?)得分(\d+\.\d{2})分，居第(\d+)位，等级为(\S+?)[，。]", p).groups() for p in leaders]
    assert [int(rank) for _, _, rank, _ in found] == [1, 2, 3]
    for name, total, rank, grade in found:
        assert float(total) == round(counties.loc[name, "total_score"], 2)
        assert int(rank) == counties.loc[name, "rank"]
        assert grade == counties.loc[name, "grade"]


def test_the_lagging_counties_count_their_lagging_indicators(note, demo_context):
    laggards = _section(note, "排名靠后")
    rows = demo_context.rows
    bottom = demo_context.counties.sort_values("rank").tail(2)
    assert [re.match(r"(\S+?)得分", p).group(1) for p in laggards] == list(bottom["region_name"])
    for paragraph in laggards:
        name = re.match(r"(\S+?)得分", paragraph).group(1)
        mine = rows[(rows["region_name"] == name) & rows["status"].isin(LAGGING)]
        assert int(re.search(r"有(\d+)项指标低于序时进度", paragraph).group(1)) == len(mine)
        for status, count in re.findall(r"(严重滞后|欠进度)(\d+)项", paragraph):
            assert (mine["status"] == status).sum() == int(count)


def test_rank_changes_are_those_against_the_previous_quarter(note, demo_context):
    ranking = next(p for p in _section(note, "得分和排名") if "依次为" in p)
    assert f"截至{demo_context.assessment.previous.at[:4]}年{int(demo_context.assessment.previous.at[5:])}月底" in ranking
    moved = {}
    for names, way, steps in re.findall(r"([\u4e00-\u9fff、]+?)各?(上升|下降)(\d+)位", ranking.split("相比，")[1]):
        for name in names.split("、"):
            moved[name] = int(steps) * (1 if way == "上升" else -1)
    expected = {r.region_name: int(r.rank_change) for r in demo_context.counties.itertuples() if r.rank_change}
    assert moved == expected


def test_the_city_status_counts_and_lagging_indicators_are_the_assessments(note, demo_context):
    city = demo_context.rows[demo_context.rows["level"] == "city"]
    overall = _section(note, "总体进展")[0]
    assert int(re.search(r"纳入考核的(\d+)项指标", overall).group(1)) == len(city)
    counts = dict((status, int(n)) for status, n in re.findall(r"([\u4e00-\u9fff]{3,4}?)(\d+)项", overall.split("指标中，")[1]))
    assert counts == {s: n for s, n in Counter(city["status"]).items()}
    lagging = city[city["status"].isin(LAGGING)]
    first = _section(note, "全市层面")[0]
    assert int(re.search(r"(\d+)项指标低于序时进度或目标", first).group(1)) == len(lagging)
    for name in lagging["indicator_name"]:
        assert name in first


def test_key_figures_quote_actual_completion_and_gap(note, demo_context):
    key = _section(note, "总体进展")[1]
    city = demo_context.rows[demo_context.rows["level"] == "city"].set_index("indicator_code")
    for code in demo_context.key_indicator_codes:
        row = city.loc[code]
        if row["kind"] != "cumulative":
            continue
        match = re.search(re.escape(row["indicator_name"]) + r"([\d,.]+)" + re.escape(row["unit"])
                          + r"，完成目标（[\d,.]+\S*?）的([\d.]+)%，(高于|低于)序时进度([\d.]+)个百分点", key)
        assert match, row["indicator_name"]
        assert float(match.group(1).replace(",", "")) == pytest.approx(row["actual"], abs=0.01)
        assert float(match.group(2)) == round(row["completion"] * 100, 1)
        sign = 1 if match.group(3) == "高于" else -1
        assert sign * float(match.group(4)) == pytest.approx(row["gap_pp"], abs=0.051)


def test_seriously_lagging_indicators_are_counted_and_blocked_rows_named(note, demo_context):
    rows = demo_context.rows
    county = rows[rows["level"] != "city"]
    serious = county[county["status"].isin(["严重滞后", "未完成"])]
    regional = " ".join(_section(note, "分地区情况"))
    assert int(re.search(r"严重滞后的指标有(\d+)项", regional).group(1)) == serious["indicator_code"].nunique()
    review = " ".join(_section(note, "数据审核"))
    blocked = rows[rows["status"] == "待审核"]
    assert not blocked.empty  # the demo has figures with open errors
    assert f"以下{len(blocked)}项数据有尚未处理的审核问题" in review
    for name in blocked["indicator_name"]:
        assert name in review


def test_qualitative_aims_are_reported_as_given(demo_context):
    rows = demo_context.assessment.rows.copy()
    city = (rows["indicator_code"] == "testing_platform_coverage") & (rows["level"] == "city")
    rows.loc[city, ["status", "note"]] = ["已完成", "全市7个检测资源平台均已接入"]
    county = (rows["indicator_code"] == "testing_platform_coverage") & (rows["region_name"] == "嘉善县")
    rows.loc[county, "status"] = "未完成"
    context = dataclasses.replace(demo_context, assessment=dataclasses.replace(demo_context.assessment, rows=rows))
    review = " ".join(_section(notification(context), "数据审核"))
    assert "全市检测资源平台全覆盖已完成（全市7个检测资源平台均已接入），嘉善县尚未完成" in review
    assert "法人银行业金融机构实现“两增两控”目标尚无完成情况报送" in review


def test_without_lagging_indicators_nothing_is_called_behind(demo_context):
    rows = demo_context.assessment.rows.copy()
    rows.loc[rows["status"].isin(LAGGING), "status"] = ON_TRACK
    context = dataclasses.replace(demo_context, assessment=dataclasses.replace(demo_context.assessment, rows=rows))
    note = notification(context)
    assert _section(note, "全市层面") == ["从全市看，各项量化指标均达到序时进度或目标要求。"]
    assert _section(note, "分地区情况") == ["各县（市、区）各项量化指标均达到序时进度或目标要求。"]
    assert all("各项量化指标均达到序时进度" in p for p in _section(note, "排名靠后"))
    first_requirement = next(s for s in note.sections if s.heading.startswith("1."))
    assert "特别是" not in first_requirement.paragraphs[0]


def test_the_first_quarter_has_no_previous_ranking_and_a_selection_keeps_true_ranks(demo_project_file):
    with Project.open(demo_project_file) as project:
        options = ReportOptions("2018-03", counties=("330481", "330482", "330402"))
        context = report_context(project, load_plan(project.plan_id), load_regions(), options)
    note = notification(context)
    ranking = next(p for p in _section(note, "得分和排名") if "依次为" in p)
    assert "本期为首次考核，暂无上期排名可比" in ranking
    assert "上升" not in ranking and "下降" not in ranking
    ranks = dict(zip(context.counties["region_name"], context.counties["rank"]))
    total = len(context.assessment.counties)
    leaders = [re.match(r"(\S+?)得分", p).group(1) for p in _section(note, "排名靠前")] if any(
        "排名靠前" in s.heading for s in note.sections) else []
    laggards = [re.match(r"(\S+?)得分", p).group(1) for p in _section(note, "排名靠后")] if any(
        "排名靠后" in s.heading for s in note.sections) else []
    assert leaders == [n for n, r in ranks.items() if r <= 3]
    assert laggards == [n for n, r in ranks.items() if r > total - 2]
    assert note.title.startswith("关于2018年一季度")
    assert note.attachments[0].rows[0][4] == "—"  # no rank change to show


def test_chosen_title_number_and_issuer_are_used_and_cleaned(demo_context):
    options = dataclasses.replace(demo_context.options, title="关于全市小微企业\x07考核的通报",
                                  doc_number="嘉小微办〔2019〕5号", issuer="嘉兴市统计局")
    note = notification(dataclasses.replace(demo_context, options=options))
    assert (note.title, note.doc_number, note.issuer) == ("关于全市小微企业考核的通报", "嘉小微办〔2019〕5号", "嘉兴市统计局")


def test_the_score_table_equals_the_assessments_counties(note, demo_context):
    table = note.attachments[0]
    assert table.header[:4] == ["排名", "县（市、区）", "总分", "等级"]
    expected = demo_context.counties
    assert [row[1] for row in table.rows] == list(expected["region_name"])
    assert [int(row[0]) for row in table.rows] == list(expected["rank"])
    assert [float(row[2]) for row in table.rows] == [round(t, 2) for t in expected["total_score"]]
    for row, county in zip(table.rows, expected.itertuples()):
        statuses = Counter(demo_context.rows.loc[demo_context.rows["region_code"] == county.region_code, "status"])
        assert sum(int(n) for n in row[5:]) == sum(statuses.values())
        assert int(row[header_index(table, "欠进度")]) == statuses["欠进度"]


def header_index(table, name):
    return table.header.index(name)


def test_clean_text_drops_control_characters():
    assert clean_text("\x00经核实\x0b，口径\x1f调整 ") == "经核实，口径调整"
    assert clean_text(None) == "" and clean_text(float("nan")) == ""


def test_requirements_name_the_leads_and_the_open_errors(note, demo_context):
    requirements = {s.heading: s.paragraphs[0] for s in note.sections if s.level == 3}
    leads_text = next(text for heading, text in requirements.items() if "牵头部门" in heading)
    departments, rest = leads_text.split("要加强对", 1)
    city = demo_context.rows[demo_context.rows["level"] == "city"]
    listed = rest.split("指标的跟踪指导")[0] + "指标"
    named = [r for r in city.itertuples() if re.search(re.escape(r.indicator_name) + "(?:、|等|指标)", listed)]
    assert named and all(r.status in LAGGING or (demo_context.rows.loc[
        demo_context.rows["indicator_code"] == r.indicator_code, "status"] == "严重滞后").any() for r in named)
    expected = {d for r in named for d in r.lead.split("、")}
    assert set(departments.split("、")) == expected
    quality = next(text for heading, text in requirements.items() if "数据质量" in heading)
    open_errors = [f for f in demo_context.findings if f.severity == "error" and f.status == "open"
                   and f"{f.period[:4]}-{f.period[-2:]}" <= demo_context.at]  # periods ending by then
    assert int(re.search(r"仍有(\d+)个审核错误尚未处理", quality).group(1)) == len(open_errors)
