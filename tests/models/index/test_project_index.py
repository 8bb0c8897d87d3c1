"""The plan's growth index on the demo project: base = 100, ranks, per-capita values, series, JSON, gaps."""

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from workbench.models.index.framework import load_framework
from workbench.models.index.index_data import GrowthIndexError, parse_index_period, series_periods
from workbench.models.index.index_report import importance_series, ranking_frame, report_table, robustness
from workbench.models.index.project_index import MEAN_NAME, project_index
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions
from workbench.models.store import Project

CENSUS = Path(__file__).parents[3].parent / "shared" / "reference" / "real-chinese" / "census_county_2020_v1.xlsx"
PLAN = load_plan()
REGIONS = load_regions()
FRAMEWORK = load_framework()
COUNTIES = {"330402": "南湖区", "330411": "秀洲区", "330421": "嘉善县", "330424": "海盐县", "330481": "海宁市",
            "330482": "平湖市", "330483": "桐乡市"}
DIMENSIONS = [d.code for d in FRAMEWORK.dimensions]


@pytest.fixture(scope="module")
def demo(demo_project_file):
    with Project.open(demo_project_file) as project:
        yield project


@pytest.fixture(scope="module")
def year_2019(demo):
    return project_index(demo, PLAN, REGIONS, "2019")


@pytest.fixture(scope="module")
def year_2018(demo):
    return project_index(demo, PLAN, REGIONS, "2018")


def figure(project, indicator, region, year, month=12) -> float:
    rows = project.observations(current=True, indicator=indicator, region=region, year=year, first_month=1,
                                last_month=month, basis="ytd")
    assert len(rows) >= 1
    return float(rows["value"].iloc[-1])


def census_population() -> dict[str, float]:
    table = pd.read_excel(CENSUS, engine="openpyxl", usecols=["区划代码", "人口数_合计"]).dropna()
    return dict(zip(table["区划代码"].astype(int).astype(str), table["人口数_合计"].astype(float)))


def test_in_the_base_year_the_mean_of_the_counties_is_100_for_the_index_and_every_dimension(year_2018):
    table = year_2018.table
    assert set(table["region_code"]) == set(COUNTIES)
    assert table["index"].mean() == pytest.approx(100.0, abs=1e-9)
    for code in DIMENSIONS:
        assert table[code].mean() == pytest.approx(100.0, abs=1e-9)
    assert year_2018.mean["index"] == pytest.approx(100.0)
    assert table["index"].std() > 1  # the counties differ: the base is a mean, not everyone's value
    assert table["yoy_change"].isna().all()  # nothing a year before the base


def test_ranks_follow_the_index_and_the_total_is_the_weighted_mean_of_the_dimensions(year_2019):
    table = year_2019.table
    assert list(table["rank"]) == list(range(1, 8))
    assert table["index"].is_monotonic_decreasing
    weights = {d.code: d.weight for d in FRAMEWORK.dimensions}
    for _i, row in table.iterrows():
        assert row["index"] == pytest.approx(sum(weights[c] * row[c] for c in DIMENSIONS))
    scores = year_2019.result.scores
    for dim in FRAMEWORK.dimensions:
        members = FRAMEWORK.indicators_of(dim.code)
        expected = sum(i.weight * scores[i.code] for i in members)
        pd.testing.assert_series_equal(scores[dim.code], expected, check_names=False)


@pytest.mark.skipif(not CENSUS.exists(), reason="the census reference table is not in ../shared")
def test_a_per_capita_indicator_is_the_figure_over_the_census_population_times_10000(demo, year_2019):
    census = census_population()
    per_capita = year_2019.per_capita()
    for region in ("330481", "330424"):
        expected = figure(demo, "new_sme", region, 2019) / census[region] * 10_000
        assert per_capita.at[region, "new_sme_density"] == pytest.approx(expected)
        upscale = sum(figure(demo, c, region, 2019) for c in ("upscale_industry", "uplimit_trade"))
        service = demo.observations(current=True, indicator="upscale_service", region=region, year=2019)
        upscale += service.loc[service["last_month"] <= 12, "value"].sum()  # reported per quarter
        assert per_capita.at[region, "upscale_density"] == pytest.approx(upscale / census[region] * 10_000)


@pytest.mark.skipif(not CENSUS.exists(), reason="the census reference table is not in ../shared")
def test_each_indicator_scores_its_value_over_the_base_year_mean_of_the_counties(demo, year_2019):
    census = census_population()
    base = [figure(demo, "new_sme", r, 2018) / census[r] * 10_000 for r in COUNTIES]
    anchor = sum(base) / len(base)
    assert year_2019.anchors()["new_sme_density"] == pytest.approx(anchor)
    now = figure(demo, "new_sme", "330482", 2019) / census["330482"] * 10_000
    assert year_2019.result.scores.at["330482", "new_sme_density"] == pytest.approx(now / anchor * 100)
    growth = demo.observations(current=True, indicator="new_sme_growth", region="330482", year=2019, last_month=12)
    base_growth = [float(demo.observations(current=True, indicator="new_sme_growth", region=r, year=2018,
                                           last_month=12)["value"].iloc[-1]) for r in COUNTIES]
    speed_anchor = sum(100 + g for g in base_growth) / 7  # growth enters as 发展速度 (上年同期 = 100)
    assert year_2019.result.scores.at["330482", "new_sme_speed"] == pytest.approx(
        (100 + float(growth["value"].iloc[-1])) / speed_anchor * 100)


def test_year_on_year_change_is_the_difference_to_the_same_period_a_year_before(year_2019, year_2018):
    before = year_2018.table.set_index("region_code")
    for _i, row in year_2019.table.iterrows():
        old = before.loc[row["region_code"]]
        assert row["yoy_change"] == pytest.approx(row["index"] - old["index"])
        assert row["rank_change"] == old["rank"] - row["rank"]
    assert year_2019.mean["yoy_change"] == pytest.approx(year_2019.mean["index"] - 100.0)


def test_an_in_year_period_has_the_quarters_since_the_base_as_its_series_each_against_the_same_months(demo):
    index = project_index(demo, PLAN, REGIONS, "2019年1-9月")
    assert index.period.key == "2019-09" and index.period.label == "2019年1-9月"
    assert index.base_period.label == "2018年1-9月"
    assert [p.key for p in index.periods] == ["2018-03", "2018-06", "2018-09", "2018-12", "2019-03", "2019-06",
                                              "2019-09"]
    totals = index.series[index.series["code"] == "index"]
    means = totals[totals["region_code"] == "mean"].set_index("period")["value"]
    for key in ("2018-03", "2018-06", "2018-09", "2018-12"):
        assert means[key] == pytest.approx(100.0)  # each in-year base is the same months of 2018
    latest = totals[(totals["period"] == "2019-09") & (totals["region_code"] != "mean")].set_index("region_code")
    pd.testing.assert_series_equal(latest["value"].sort_index(), index.table.set_index("region_code")["index"]
                                   .sort_index(), check_names=False)
    assert index.mean["index"] == pytest.approx(means["2019-09"])


def test_the_json_holds_every_county_with_its_index_dimensions_rank_and_the_series(year_2019):
    data = json.loads(json.dumps(year_2019.as_json(), ensure_ascii=False))
    assert data["period"] == "2019" and data["label"] == "2019年" and data["base_period"] == "2018年"
    assert data["framework"]["id"] == "jiaxing-sme-growth"
    assert [d["name"] for d in data["dimensions"]] == ["发展水平", "市场竞争", "创业生存活力"]
    assert {u["region_code"]: u["region_name"] for u in data["units"]} == COUNTIES
    assert sorted(u["rank"] for u in data["units"]) == list(range(1, 8))
    for unit in data["units"]:
        assert set(unit["dimensions"]) == set(DIMENSIONS)
        assert isinstance(unit["index"], float) and isinstance(unit["yoy_change"], float)
    assert [s["period"] for s in data["series"]] == ["2018", "2019"]
    assert data["series"][0]["index"]["mean"] == pytest.approx(100.0)
    assert len(data["indicators"]) == len(FRAMEWORK.indicators)
    assert all(set(i["values"]) == set(COUNTIES) for i in data["indicators"])


def test_the_summary_text_is_a_chinese_ranking_table(year_2019):
    text = year_2019.summary_text()
    lines = text.splitlines()
    assert lines[0] == "嘉兴市小微企业成长指数（2019年，基期 2018年 = 100）"
    first = year_2019.table.iloc[0]
    assert any(line.startswith("1 ") and first["region_name"] in line and f"{first['index']:.1f}" in line
               for line in lines)
    assert MEAN_NAME in text and "发展水平" in text and "同比（点）" in text
    table = report_table(year_2019)
    assert list(table["地区"])[-1] == MEAN_NAME and table["排名"].iloc[:7].tolist() == list(range(1, 8))


def test_a_missing_figure_is_filled_with_the_mean_of_the_others_and_flagged(demo_project):
    demo_project.db.execute("DELETE FROM observations WHERE indicator = 'new_tech_sme' AND region = '330424' "
                            "AND year = 2019")
    demo_project.db.conn.commit()
    index = project_index(demo_project, PLAN, REGIONS, "2019")
    flags = index.flags.set_index(["region_code", "indicator"])
    assert ("330424", "tech_sme_density") in flags.index
    assert "未报送" in flags.loc[("330424", "tech_sme_density"), "reason"]
    assert bool(flags.loc[("330424", "tech_sme_density"), "imputed"])
    imputed = index.result.steps["imputed"]["tech_sme_density"]
    others = imputed.drop("330424")
    assert imputed["330424"] == pytest.approx(others.mean())
    row = index.table.set_index("region_code").loc["330424"]
    assert row["imputed"] == 1 and "科技型" in row["imputed_note"]
    assert "估算：海盐县“每万人新增科技型小微企业”" in index.summary_text()
    assert index.as_json()["units"][list(index.table["region_code"]).index("330424")]["imputed"]


def test_a_figure_with_an_open_check_error_is_not_used(demo):
    # the demo plants a 元/万元 slip in 人行's 2019Q2 loans of 嘉善县
    index = project_index(demo, PLAN, REGIONS, "2019-06")
    flagged = index.flags[(index.flags["region_code"] == "330421")
                          & (index.flags["indicator"] == "sme_loans_density")]
    assert len(flagged) == 1 and "审核错误" in flagged["reason"].iloc[0]
    assert index.table.set_index("region_code").at["330421", "imputed"] >= 1


@pytest.mark.parametrize(("text", "words"), [("2021", "不在计划期"), ("2017", "不在计划期"), ("二〇一九", "无法识别"),
                                             ("2019-13", "无法识别")])
def test_a_period_that_cannot_be_used_is_refused_in_chinese(demo, text, words):
    with pytest.raises(GrowthIndexError, match=words):
        project_index(demo, PLAN, REGIONS, text)


def test_period_words_the_bureau_writes_are_understood():
    assert parse_index_period("2019年").key == "2019"
    assert parse_index_period("2019上半年").key == "2019-06"
    assert parse_index_period("2019年前三季度").key == "2019-09"
    assert parse_index_period("2019.9").key == "2019-09"
    assert [p.key for p in series_periods(parse_index_period("2019-08"), 2018)][-3:] == ["2019-03", "2019-06",
                                                                                       "2019-08"]


def test_the_robustness_analysis_gives_every_county_a_rank_band_around_its_published_rank(year_2019):
    steps = []
    generator = robustness(year_2019, samples=200, seed=1)
    while True:
        try:
            steps.append(next(generator))
        except StopIteration as stop:
            result = stop.value
            break
    assert steps and steps[-1][0] == steps[-1][1]
    frame = ranking_frame(year_2019, result).set_index("region_code")
    assert set(frame.index) == set(COUNTIES)
    assert (frame["p05"] <= frame["median_rank"]).all() and (frame["median_rank"] <= frame["p95"]).all()
    assert ((frame["p05"] >= 1) & (frame["p95"] <= 7)).all()
    published = year_2019.table.set_index("region_code")["rank"].astype(float)
    assert (frame["nominal_rank"] == published.reindex(frame.index)).all()
    importance = importance_series(result)
    assert {"权重", "标准化方法", "加总方法"} <= set(importance.index)
    assert (importance >= 0).all() and not math.isnan(importance.sum())


def test_a_framework_anchored_on_the_city_with_a_negative_indicator_turns_that_indicator_round(demo):
    from workbench.models.index.framework import parse_framework
    from workbench.models.resources import read_text

    text = read_text("index", "jiaxing-sme-growth.toml").replace('anchor = "county_mean"', 'anchor = "city"')
    old = 'formula = "indiv_to_company_share"\nunit = "%"\ndirection = 1'
    assert old in text
    framework = parse_framework(text.replace(old, old[:-1] + "-1"), "城市基准.toml", PLAN)
    index = project_index(demo, PLAN, REGIONS, "2019", framework=framework)
    base = index.inputs["2018"]
    city_new_sme = float(base.city["new_sme_density"]) / float(base.city["population"])
    assert index.anchors()["new_sme_density"] == pytest.approx(city_new_sme)
    value = index.per_capita().at["330481", "company_form_share"]
    anchor = index.anchors()["company_form_share"]
    assert index.result.scores.at["330481", "company_form_share"] == pytest.approx(anchor / value * 100)
