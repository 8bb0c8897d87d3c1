"""The growth index's default framework: what it holds, that it fits the plan, and its checks."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench.models.index.framework import (
    INDEX_CODE, META_COLUMNS, FrameworkError, available_frameworks, load_framework,
)
from workbench.models.index.formula import FormulaError, parse_formula
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions
from workbench.models.resources import read_text

CENSUS = Path(__file__).parents[3].parent / "shared" / "reference" / "real-chinese" / "census_county_2020_v1.xlsx"
COUNTIES = ["330402", "330411", "330421", "330424", "330481", "330482", "330483"]
TEXT = read_text("index", "jiaxing-sme-growth.toml")


@pytest.fixture(scope="module")
def framework():
    return load_framework()


def test_the_default_framework_has_the_plans_three_dimensions_with_weights_adding_to_one(framework):
    assert framework.id in available_frameworks()
    assert [d.name for d in framework.dimensions] == ["发展水平", "市场竞争", "创业生存活力"]
    assert sum(d.weight for d in framework.dimensions) == pytest.approx(1.0)
    for dim in framework.dimensions:
        members = framework.indicators_of(dim.code)
        assert len(members) >= 3, dim.name
        assert sum(i.weight for i in members) == pytest.approx(1.0), dim.name
        assert len(dim.rationale) > 40
    assert all(len(i.rationale) > 20 and i.direction in (1, -1) and i.unit for i in framework.indicators)
    assert framework.base_year == 2018 and framework.anchor == "county_mean"


def test_every_indicator_reads_quantified_figures_of_the_plan(framework):
    plan = load_plan(framework.plan)
    for ind in framework.indicators:
        for code in ind.formula.names:
            assert plan.indicator(code).kind != "qualitative"
    # the list: density of new SMEs, their growth, the eight industries, tech, exporters, 个转企, 小升规
    used = set(framework.plan_codes)
    assert {"new_sme", "new_sme_growth", "new_sme_8ind", "new_tech_sme", "new_exporters", "indiv_to_enterprise",
            "upscale_industry"} <= used


def test_per_capita_indicators_use_the_census_population_of_every_county(framework):
    per_capita = [i for i in framework.indicators if i.denominator]
    assert {i.code for i in per_capita} >= {"new_sme_density", "tech_sme_density", "upscale_density"}
    population = framework.denominators["population"]
    assert population.unit == "万人" and "第七次全国人口普查" in population.source
    regions = load_regions()
    assert set(COUNTIES) <= set(population.values)
    assert {r.code for r in regions.counties} | {"330400"} == set(population.values)  # the city and its counties
    assert sum(population.values[c] for c in COUNTIES) == population.values["330400"]
    assert population.scaled()["330481"] == pytest.approx(population.values["330481"] / 10_000)


@pytest.mark.skipif(not CENSUS.exists(), reason="the census reference table is not in ../shared")
def test_the_population_figures_are_those_of_the_2020_census_table(framework):
    table = pd.read_excel(CENSUS, engine="openpyxl", usecols=["区划代码", "区县", "人口数_合计"])
    table = table.dropna(subset=["区划代码"])
    census = dict(zip(table["区划代码"].astype(int).astype(str), table["人口数_合计"].astype(float)))
    names = {r.code: r.name for r in load_regions().regions}
    by_name = dict(zip(table["区划代码"].astype(int).astype(str), table["区县"]))
    for code, value in framework.denominators["population"].values.items():
        assert value == census[code], code
        if code in COUNTIES:
            assert by_name[code] == names[code]


def test_targets_of_densities_are_the_plans_three_year_targets_per_year_and_resident(framework):
    plan = load_plan(framework.plan)
    city = framework.denominators["population"].values["330400"] / 10_000
    for code, plan_codes in (("new_sme_density", ["new_sme"]), ("tech_sme_density", ["new_tech_sme"]),
                             ("exporter_density", ["new_exporters"]),
                             ("indiv_to_enterprise_density", ["indiv_to_enterprise"]),
                             ("upscale_density", ["upscale_industry", "upscale_service", "uplimit_trade"])):
        expected = sum(plan.indicator(c).target for c in plan_codes) / 3 / city
        assert framework.indicator(code).target == pytest.approx(expected, rel=2e-3), code


def test_the_meta_table_has_the_engines_shape_and_prorates_targets_of_flows(framework):
    meta = framework.meta_frame()
    assert list(meta.columns) == META_COLUMNS
    indicators = meta[meta["Type"] == "Indicator"]
    assert list(indicators["iCode"]) == [i.code for i in framework.indicators]
    assert set(indicators["Parent"]) == {d.code for d in framework.dimensions}
    dims = meta[meta["Level"] == 2]
    assert set(dims["Parent"]) == {INDEX_CODE} and dims["Weight"].sum() == pytest.approx(1.0)
    assert meta.loc[meta["Type"] == "Denominator", "iCode"].tolist() == ["population"]
    nine = framework.meta_frame(months=9).set_index("iCode")["Target"]
    year = meta.set_index("iCode")["Target"]
    assert nine["new_sme_density"] == pytest.approx(year["new_sme_density"] * 0.75)  # a flow
    assert nine["ind8_share"] == year["ind8_share"]  # a share is not prorated
    assert nine["new_sme_speed"] == year["new_sme_speed"]


def test_formulas_allow_arithmetic_on_plan_codes_and_nothing_else():
    formula = parse_formula("new_sme_8ind / new_sme * 100")
    assert formula.names == ("new_sme_8ind", "new_sme") and formula.ratio
    result = formula.evaluate({"new_sme_8ind": np.array([30.0, 1.0, np.nan]), "new_sme": np.array([100.0, 0.0, 5.0])})
    assert result[0] == pytest.approx(30.0) and np.isnan(result[1]) and np.isnan(result[2])
    assert not parse_formula("(a + b) * 2 - c").ratio
    for bad in ("__import__('os')", "a ** 2", "a.b", "a if b else c", "'text'", "3 * 4", "a +"):
        with pytest.raises(FormulaError):
            parse_formula(bad)


def _edited(old: str, new: str, count: int = 1) -> str:
    assert old in TEXT
    return TEXT.replace(old, new, count)


@pytest.mark.parametrize(("old", "new", "words"), [
    ('formula = "new_tech_sme"', 'formula = "new_tech_smes"', ["new_tech_smes", "计划"]),
    ('formula = "new_tech_sme"', 'formula = "testing_platform_coverage"', ["定性目标"]),
    ('weight = 0.35\nrationale = """\n衡量小微企业的结构', 'weight = 0.45\nrationale = """\n衡量小微企业的结构',
     ["各维度", "权重之和", "1.1"]),
    ("weight = 0.30\ntarget = 0.309", "weight = 0.40\ntarget = 0.309", ["市场竞争", "权重之和"]),
    ('code = "rd_share"', 'code = "ind8_share"', ["代码重复", "ind8_share"]),
    ('name = "每万人新增科技型小微企业"', 'name = "每万人新增小微企业"', ["名称重复"]),
    ('dimension = "competition"\nformula = "tech_rd_share"', 'dimension = "competitions"\nformula = "tech_rd_share"',
     ["competitions", "维度"]),
    ('denominator = "population"\nunit = "家/万人"', 'denominator = "households"\nunit = "家/万人"', ["households", "分母"]),
    ("direction = 1\nweight = 0.20\ntarget = 2.5", "direction = 2\nweight = 0.20\ntarget = 2.5", ["方向"]),
    ("weight = 0.20\ntarget = 2.5", "weight = -0.2\ntarget = 2.5", ["权重", "大于 0"]),
    ('transform = "speed"', 'transform = "log"', ["transform"]),
    ('anchor = "county_mean"', 'anchor = "median"', ["anchor"]),
    ('"330424" = 456775', '"330424" = 0', ["330424", "正数"]),
    ('unit = "%"\ndirection = 1\nweight = 0.20\ntarget = 2.5', 'units = "%"\ndirection = 1\nweight = 0.20\ntarget = 2.5',
     ["未知字段", "units"]),
])
def test_a_broken_framework_is_refused_with_a_chinese_message_naming_the_problem(old, new, words):
    with pytest.raises(FrameworkError) as info:
        from workbench.models.index.framework import parse_framework

        parse_framework(_edited(old, new), "坏框架.toml")
    message = str(info.value)
    assert "坏框架.toml" in message
    for word in words:
        assert word in message, message


def test_a_framework_file_is_read_from_a_path_and_a_missing_one_is_named(tmp_path):
    path = tmp_path / "自定义.toml"
    path.write_text(_edited('name = "嘉兴市小微企业成长指数"', 'name = "自定义指数"'), encoding="utf-8")
    assert load_framework(path).name == "自定义指数"
    with pytest.raises(FrameworkError, match="没有.toml"):
        load_framework(tmp_path / "没有.toml")
    with pytest.raises(FrameworkError, match="没有找到指数框架 unknown"):
        load_framework("unknown")
    with pytest.raises(FrameworkError, match="TOML"):
        from workbench.models.index.framework import parse_framework

        parse_framework("id = ", "破损.toml")
