"""The assessment engine on hand-computed cases: every kind, every comparator, the edges."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from assessment_cases import (
    CITY,
    HAINING,
    HAIYAN,
    JIASHAN,
    NANHU,
    PLAN,
    TP_2019_09,
    XIUZHOU,
    obs,
    row,
    targets,
)

from workbench.models.assessment import COLUMNS, AssessmentError, AssessmentSettings, assess
from workbench.models.periods import time_progress


def cumulative_2019_09(value_2019: float, region: str = XIUZHOU, target: float = 300.0) -> dict:
    """new enterprises: 100 in 2018, ``value_2019`` in 2019 1-9月, against ``target``."""
    frame = obs(("amt", region, 2018, 1, 12, "ytd", 100), ("amt", region, 2019, 1, 9, "ytd", value_2019))
    result = assess(frame, targets(("amt", region, target)), PLAN, "2019-09")
    return row(result, "amt", region)


# ---------------------------------------------------------------- shape


def test_one_row_per_assessed_indicator_and_unit_with_the_agreed_columns():
    result = assess(obs(), targets(), PLAN, "2019-09")
    assert list(result.columns[:19]) == [
        "indicator_code", "indicator_name", "group", "lead", "kind", "unit", "region_code", "region_name",
        "actual", "target", "stretch", "completion", "time_progress", "gap_pp", "status", "passed", "note",
        "basis_used", "sources"]  # fmt: skip
    assert list(result.columns) == COLUMNS
    units = list(dict.fromkeys(result["region_code"]))
    # the city, the seven counties, and the zone assessed on its own; the merged and the
    # city-only zones have no row of their own
    assert units == [CITY, NANHU, XIUZHOU, JIASHAN, HAIYAN, HAINING, "330482", "330483", "jx_port"]
    assert set(result["indicator_code"]) == {i.code for i in PLAN.indicators if i.assessed}
    assert len(result) == 12 * 9
    assert result.attrs["at"] == "2019-09"


def test_a_malformed_date_is_refused_in_chinese():
    with pytest.raises(AssessmentError, match="YYYY-MM"):
        assess(obs(), targets(), PLAN, "2019年9月")
    with pytest.raises(AssessmentError, match="月份无效"):
        assess(obs(), targets(), PLAN, "2019-13")


# ---------------------------------------------------------------- 序时进度


def test_time_progress_of_the_plan_and_of_a_year():
    assert time_progress("2018-01", "2020-12", "2019-09") == pytest.approx(0.58333333)
    assert time_progress("2018-01", "2020-12", "2019-09") == 21 / 36
    assert time_progress("2019-01", "2019-12", "2019-11") == pytest.approx(11 / 12)
    assert time_progress("2018-01", "2020-12", "2017-12") == 0.0
    assert time_progress("2018-01", "2020-12", "2021-06") == 1.0


# ---------------------------------------------------------------- cumulative (>=)


@pytest.mark.parametrize("value_2019, completion, gap, status", [
    (75, 175 / 300, 0.0, "达进度"),                     # exactly on schedule: 175/300 = 21/36
    (90, 190 / 300, 5.0, "超进度"),                     # +5 pp is ahead
    (89, 189 / 300, 4.6666667, "达进度"),
    (46, 146 / 300, -9.6666667, "欠进度"),
    (45, 145 / 300, -10.0, "严重滞后"),                 # short by exactly 10 pp
    (200, 1.0, 41.6666667, "已完成"),
])  # fmt: skip
def test_cumulative_sums_full_years_and_this_years_ytd(value_2019, completion, gap, status):
    r = cumulative_2019_09(value_2019)
    assert r["actual"] == 100 + value_2019
    assert r["target"] == 300
    assert r["completion"] == pytest.approx(completion)
    assert r["time_progress"] == pytest.approx(TP_2019_09)
    assert r["gap_pp"] == pytest.approx(gap)
    assert r["status"] == status
    assert bool(r["passed"]) is (status == "已完成")
    assert r["basis_used"] == "2018年＋2019年1-9月"
    assert "2018年=100" in r["sources"] and "2019年1-9月=" in r["sources"]
    assert r["periods"] == ["2018-01..12", "2019-01..09"]


def test_status_bands_are_settings():
    frame = obs(("amt", XIUZHOU, 2018, 1, 12, "ytd", 100), ("amt", XIUZHOU, 2019, 1, 9, "ytd", 86))
    strict = AssessmentSettings(ahead_pp=2.0, seriously_behind_pp=3.0)
    r = row(assess(frame, targets(("amt", XIUZHOU, 300)), PLAN, "2019-09", settings=strict), "amt", XIUZHOU)
    assert r["gap_pp"] == pytest.approx(3.6666667) and r["status"] == "超进度"
    frame.loc[1, "value"] = 64  # 164/300 = 54.67 %, 3.67 pp short
    r = row(assess(frame, targets(("amt", XIUZHOU, 300)), PLAN, "2019-09", settings=strict), "amt", XIUZHOU)
    assert r["status"] == "严重滞后"


def test_cumulative_from_quarters_alone_and_from_a_ytd_plus_a_quarter():
    quarters = [("amt", JIASHAN, 2018, 3 * q - 2, 3 * q, "period", 25) for q in range(1, 5)]
    quarters += [("amt", JIASHAN, 2019, 3 * q - 2, 3 * q, "period", 25) for q in range(1, 4)]
    mixed = [("amt", HAIYAN, 2018, 1, 12, "ytd", 100), ("amt", HAIYAN, 2019, 1, 6, "ytd", 50),
             ("amt", HAIYAN, 2019, 7, 9, "period", 25)]
    result = assess(obs(*quarters, *mixed), targets(("amt", JIASHAN, 300), ("amt", HAIYAN, 300)), PLAN, "2019-09")
    for region in (JIASHAN, HAIYAN):
        r = row(result, "amt", region)
        assert r["actual"] == 175 and r["completion"] == pytest.approx(175 / 300) and r["status"] == "达进度"
    assert "由当期数累加" in row(result, "amt", JIASHAN)["note"]


def test_a_gap_in_the_quarters_leaves_the_actual_missing_never_zero():
    quarters = [("amt", JIASHAN, 2018, 1, 12, "ytd", 100), ("amt", JIASHAN, 2019, 1, 3, "period", 25),
                ("amt", JIASHAN, 2019, 7, 9, "period", 25)]
    r = row(assess(obs(*quarters), targets(("amt", JIASHAN, 300)), PLAN, "2019-09"), "amt", JIASHAN)
    assert math.isnan(r["actual"]) and math.isnan(r["completion"]) and math.isnan(r["gap_pp"])
    assert r["status"] == "无数据" and pd.isna(r["passed"])
    assert "缺少2019年1-9月累计数" in r["note"]
    assert r["time_progress"] == pytest.approx(TP_2019_09)  # the schedule is known all the same


def test_a_county_without_figures_is_missing_and_never_counted_as_zero():
    frame = obs(("amt", XIUZHOU, 2018, 1, 12, "ytd", 100), ("amt", XIUZHOU, 2019, 1, 9, "ytd", 75))
    result = assess(frame, targets(("amt", XIUZHOU, 300), ("amt", HAIYAN, 300)), PLAN, "2019-09")
    r = row(result, "amt", HAIYAN)
    assert math.isnan(r["actual"]) and math.isnan(r["completion"]) and r["status"] == "无数据"


def test_a_county_whose_latest_report_is_missing_is_not_assessed_on_an_older_one():
    frame = obs(("amt", XIUZHOU, 2018, 1, 12, "ytd", 100), ("amt", XIUZHOU, 2019, 1, 9, "ytd", 75),
                ("amt", HAIYAN, 2018, 1, 12, "ytd", 100), ("amt", HAIYAN, 2019, 1, 6, "ytd", 50))
    result = assess(frame, targets(("amt", XIUZHOU, 300), ("amt", HAIYAN, 300)), PLAN, "2019-09")
    assert row(result, "amt", HAIYAN)["status"] == "无数据"
    assert row(result, "amt", XIUZHOU)["status"] == "达进度"


def test_figures_older_than_the_date_are_used_with_their_own_time_progress():
    frame = obs(("amt", XIUZHOU, 2018, 1, 12, "ytd", 100), ("amt", XIUZHOU, 2019, 1, 9, "ytd", 75))
    r = row(assess(frame, targets(("amt", XIUZHOU, 300)), PLAN, "2019-11"), "amt", XIUZHOU)
    assert r["data_through"] == "2019-09"
    assert r["time_progress"] == pytest.approx(TP_2019_09)
    assert "数据截至2019年9月" in r["note"]


def test_an_annual_target_has_its_own_time_progress():
    frame = obs(*[("amt", HAIYAN, 2019, 1, m, "ytd", 10 * m) for m in range(1, 12)])
    goal = targets(("amt", HAIYAN, 120), period_start="2019-01", period_end="2019-12")
    r = row(assess(frame, goal, PLAN, "2019-11"), "amt", HAIYAN)
    assert r["time_progress"] == pytest.approx(11 / 12)
    assert r["actual"] == 110 and r["completion"] == pytest.approx(110 / 120)
    assert r["gap_pp"] == pytest.approx(0.0) and r["status"] == "达进度"


def test_the_latest_import_wins_and_the_other_value_is_named():
    frame = obs(("amt", XIUZHOU, 2018, 1, 12, "ytd", 100, 1), ("amt", XIUZHOU, 2019, 1, 9, "ytd", 70, 2),
                ("amt", XIUZHOU, 2019, 1, 9, "ytd", 75, 3))
    r = row(assess(frame, targets(("amt", XIUZHOU, 300)), PLAN, "2019-09"), "amt", XIUZHOU)
    assert r["actual"] == 175
    assert "不同的数值（70）" in r["note"] and "取最近导入的 75" in r["note"]


def test_a_merged_zone_is_added_into_its_county():
    frame = obs(("amt", NANHU, 2018, 1, 12, "ytd", 100), ("amt", NANHU, 2019, 1, 9, "ytd", 50),
                ("amt", "jx_etdz", 2018, 1, 12, "ytd", 10), ("amt", "jx_etdz", 2019, 1, 9, "ytd", 5),
                ("amt", "jx_port", 2018, 1, 12, "ytd", 7), ("amt", "jx_port", 2019, 1, 9, "ytd", 3))
    result = assess(frame, targets(("amt", NANHU, 300), ("amt", "jx_port", 20)), PLAN, "2019-09")
    nanhu = row(result, "amt", NANHU)
    assert nanhu["actual"] == 165 and "含并入的功能区数据" in nanhu["note"]
    assert "并入功能区 2019年1-9月=5" in nanhu["sources"]
    frame = frame[~((frame.region == "jx_etdz") & (frame.year == 2019))]  # the zone's 2019 figure is missing
    nanhu = row(assess(frame, targets(("amt", NANHU, 300)), PLAN, "2019-09"), "amt", NANHU)
    assert nanhu["actual"] == 160 and "仅含本县" in nanhu["note"]
    port = row(result, "amt", "jx_port")
    assert port["level"] == "zone" and port["actual"] == 10 and port["completion"] == pytest.approx(0.5)


# ---------------------------------------------------------------- other amount comparators


def amount(code: str, value: float, at: str = "2019-09") -> dict:
    year, month = int(at[:4]), int(at[5:])
    frame = obs((code, XIUZHOU, year, 1, month, "ytd", value)) if year == 2018 else \
        obs((code, XIUZHOU, 2018, 1, 12, "ytd", 0), *[(code, XIUZHOU, y, 1, 12, "ytd", 0) for y in range(2019, year)],
            (code, XIUZHOU, year, 1, month, "ytd", value))
    return row(assess(frame, targets((code, XIUZHOU, 100)), PLAN, at), code, XIUZHOU)


def test_greater_than_needs_more_than_the_target():
    at_target = amount("amt_gt", 100)
    assert bool(at_target["passed"]) is False
    assert at_target["status"] == "超进度"  # 100 % against 58.3 %, but not yet "超过"
    assert bool(amount("amt_gt", 101)["passed"]) and amount("amt_gt", 101)["status"] == "已完成"


def test_about_on_an_amount_allows_the_tolerance_in_per_cent_of_the_target():
    assert amount("amt_about", 99)["status"] == "已完成"  # 1 % below 100 is still 100 左右
    r = amount("amt_about", 98.9)
    assert not bool(r["passed"]) and r["status"] == "超进度"


def test_a_ceiling_is_met_while_under_it_and_done_at_the_end():
    assert amount("amt_le", 80)["status"] == "达进度" and bool(amount("amt_le", 80)["passed"])
    assert bool(amount("amt_le", 100)["passed"])
    over = amount("amt_le", 105)
    assert not bool(over["passed"]) and over["status"] == "欠进度"
    assert amount("amt_le", 115)["status"] == "严重滞后"
    assert amount("amt_le", 80, at="2020-12")["status"] == "已完成"


def test_equal_means_equal_within_rounding():
    assert amount("amt_eq", 100)["status"] == "已完成"
    assert amount("amt_eq", 100 + 1e-12)["status"] == "已完成"
    assert not bool(amount("amt_eq", 99)["passed"])


# ---------------------------------------------------------------- stock


def test_stock_is_the_level_at_the_end_of_the_month_over_the_target():
    frame = obs(("level", HAINING, 2019, 6, 6, "stock", 70), ("level", HAINING, 2019, 9, 9, "stock", 81))
    r = row(assess(frame, targets(("level", HAINING, 100)), PLAN, "2019-09"), "level", HAINING)
    assert r["actual"] == 81 and r["completion"] == pytest.approx(0.81)
    assert r["time_progress"] == pytest.approx(TP_2019_09)
    assert r["gap_pp"] == pytest.approx((0.81 - TP_2019_09) * 100) and r["status"] == "超进度"
    assert r["basis_used"] == "2019年9月末数"


# ---------------------------------------------------------------- rates


def rate(code: str, value: float, target: float, settings=None, region=XIUZHOU) -> dict:
    frame = obs((code, region, 2019, 1, 9, "rate", value))
    result = assess(frame, targets((code, region, target)), PLAN, "2019-09", settings=settings)
    return row(result, code, region)


@pytest.mark.parametrize("value, passed, status", [
    (2.6, True, "达进度"), (2.5, True, "达进度"), (2.4, False, "欠进度"), (7.5, True, "超进度"),
    (-2.5, False, "严重滞后"),
])  # fmt: skip
def test_share_at_least(value, passed, status):
    r = rate("share", value, 2.5)
    assert bool(r["passed"]) is passed and r["status"] == status
    assert math.isnan(r["time_progress"])  # an annual rate has no 序时进度
    assert r["gap_pp"] == pytest.approx(value - 2.5)
    assert r["completion"] == pytest.approx(value / 2.5)
    assert r["basis_used"] == "2019年1-9月比率（报送）"


@pytest.mark.parametrize("value, passed, status", [(1.5, True, "达进度"), (2.0, True, "达进度"),
                                                   (2.5, False, "欠进度"), (8.0, False, "严重滞后")])
def test_share_at_most(value, passed, status):
    r = rate("share_le", value, 2.0)
    assert bool(r["passed"]) is passed and r["status"] == status


def test_share_equal():
    assert bool(rate("share_eq", 100.0, 100.0)["passed"])
    assert not bool(rate("share_eq", 99.9, 100.0)["passed"])


@pytest.mark.parametrize("value, passed", [(9.0, True), (8.99, False), (10.0, True), (11.0, True), (11.5, True)])
def test_about_growth_with_its_tolerance_edges(value, passed):
    r = rate("growth", value, 10.0)
    assert bool(r["passed"]) is passed
    assert r["status"] in (("达进度", "超进度") if passed else ("欠进度",))


@pytest.mark.parametrize("value, passed", [(8.99, False), (9.0, True), (11.0, True), (11.01, False)])
def test_about_as_a_strict_band(value, passed):
    band = AssessmentSettings(about_above_passes=False)
    assert bool(rate("growth", value, 10.0, settings=band)["passed"]) is passed


def test_about_tolerance_comes_from_the_plan_unless_set():
    assert not bool(rate("growth", 8.5, 10.0)["passed"])
    assert bool(rate("growth", 8.5, 10.0, settings=AssessmentSettings(about_tolerance_pp=2.0))["passed"])


def test_growth_from_levels_when_no_rate_is_reported():
    # 2017 1-9月 100, 2019 1-9月 121: (121/100)^(1/2) − 1 = 10 % a year
    frame = obs(("amt", HAIYAN, 2017, 1, 9, "ytd", 100), ("amt", HAIYAN, 2018, 1, 12, "ytd", 150),
                ("amt", HAIYAN, 2019, 1, 9, "ytd", 121),
                ("amt", JIASHAN, 2018, 1, 9, "ytd", 100), ("amt", JIASHAN, 2018, 1, 12, "ytd", 140),
                ("amt", JIASHAN, 2019, 1, 9, "ytd", 110))
    result = assess(frame, targets(("growth", HAIYAN, 10), ("growth", JIASHAN, 10)), PLAN, "2019-09")
    haiyan = row(result, "growth", HAIYAN)
    assert haiyan["actual"] == pytest.approx(10.0) and bool(haiyan["passed"])
    assert "2017年同期" in haiyan["basis_used"] and "由水平推算" in haiyan["basis_used"]
    jiashan = row(result, "growth", JIASHAN)  # no 2017 figure: 同比 on 2018 1-9月
    assert jiashan["actual"] == pytest.approx(10.0) and "同比" in jiashan["basis_used"]
    assert "上年同期" in jiashan["note"]


def test_a_reported_rate_wins_over_levels():
    frame = obs(("growth", HAIYAN, 2019, 1, 9, "rate", 7.0), ("amt", HAIYAN, 2017, 1, 9, "ytd", 100),
                ("amt", HAIYAN, 2019, 1, 9, "ytd", 121))
    r = row(assess(frame, targets(("growth", HAIYAN, 10)), PLAN, "2019-09"), "growth", HAIYAN)
    assert r["actual"] == 7.0 and r["basis_used"] == "2019年1-9月同比增长（报送）"
    assert r["status"] == "欠进度"  # 7 % is 2 points under the band 9-11 %


def test_a_met_rate_at_the_end_of_the_plan_is_done():
    frame = obs(("share", XIUZHOU, 2020, 1, 12, "rate", 2.6))
    r = row(assess(frame, targets(("share", XIUZHOU, 2.5)), PLAN, "2020-12"), "share", XIUZHOU)
    assert r["status"] == "已完成"


# ---------------------------------------------------------------- targets, stretch, qualitative, review


def test_the_city_falls_back_on_the_plan_target_and_a_county_without_one_has_none():
    frame = obs(("amt", CITY, 2018, 1, 12, "ytd", 150), ("amt", CITY, 2019, 1, 9, "ytd", 100),
                ("amt", XIUZHOU, 2018, 1, 12, "ytd", 100), ("amt", XIUZHOU, 2019, 1, 9, "ytd", 75))
    result = assess(frame, targets(), PLAN, "2019-09")
    city = row(result, "amt", CITY)
    assert city["target"] == 300 and city["target_source"] == "计划"
    assert city["completion"] == pytest.approx(250 / 300)
    county = row(result, "amt", XIUZHOU)
    assert math.isnan(county["target"]) and county["actual"] == 175 and county["status"] == "无目标"


def test_stretch_target_is_recorded_beside_the_base_one():
    frame = obs(("amt", CITY, 2018, 1, 12, "ytd", 200), ("amt", CITY, 2019, 1, 9, "ytd", 170),
                ("amt", XIUZHOU, 2018, 1, 12, "ytd", 30), ("amt", XIUZHOU, 2019, 1, 9, "ytd", 30))
    goal = targets(("amt", XIUZHOU, 50))
    goal["stretch"] = 70.0
    result = assess(frame, goal, PLAN, "2019-09")
    city = row(result, "amt", CITY)  # plan: 300, 力争 360
    assert city["stretch"] == 360 and bool(city["stretch_met"]) and city["status"] == "已完成"
    assert "力争目标 360家已达到" in city["note"]
    county = row(result, "amt", XIUZHOU)
    assert county["status"] == "已完成" and not pd.isna(county["stretch_met"]) and not bool(county["stretch_met"])
    assert "力争目标 70家未达到" in county["note"]


def test_an_estimated_target_is_marked():
    goal = targets(("amt", XIUZHOU, 300), estimated=True)
    r = row(assess(obs(), goal, PLAN, "2019-09"), "amt", XIUZHOU)
    assert bool(r["target_estimated"]) and "目标为估算" in r["note"]


def test_qualitative_aims_from_a_figure_or_a_written_note():
    frame = obs(("qual", NANHU, 2019, 9, 9, "stock", 1, 7, "已实现全市检测资源平台全覆盖"))
    notes = [{"indicator": "qual", "region": XIUZHOU, "done": False, "note": "尚未落实", "at": "2019-06"},
             {"indicator": "qual", "region": JIASHAN, "done": True, "note": "年底完成", "at": "2019-12"}]
    result = assess(frame, targets(), PLAN, "2019-09", notes=notes)
    nanhu = row(result, "qual", NANHU)
    assert nanhu["status"] == "已完成" and bool(nanhu["passed"]) and "全覆盖" in nanhu["note"]
    xiuzhou = row(result, "qual", XIUZHOU)
    assert xiuzhou["status"] == "未完成" and not bool(xiuzhou["passed"]) and xiuzhou["note"] == "尚未落实"
    assert row(result, "qual", JIASHAN)["status"] == "无数据"  # that note is dated after 2019-09
    assert row(result, "qual", HAIYAN)["status"] == "无数据"


def test_rows_using_a_figure_with_an_open_error_wait_for_review():
    frame = obs(("amt", XIUZHOU, 2018, 1, 12, "ytd", 100), ("amt", XIUZHOU, 2019, 1, 9, "ytd", 75),
                ("amt", HAIYAN, 2018, 1, 12, "ytd", 100), ("amt", HAIYAN, 2019, 1, 9, "ytd", 75))
    blocked = {("amt", XIUZHOU, "2019-01..09"), ("amt", JIASHAN, "2019-01..09")}
    result = assess(frame, targets(("amt", XIUZHOU, 300), ("amt", HAIYAN, 300), ("amt", JIASHAN, 300)), PLAN,
                    "2019-09", blocked=blocked)
    r = row(result, "amt", XIUZHOU)
    assert r["status"] == "待审核" and pd.isna(r["passed"]) and "2019年1-9月" in r["note"]
    assert r["actual"] == 175  # still shown
    assert row(result, "amt", JIASHAN)["status"] == "待审核"  # a figure it needed and lacks
    assert row(result, "amt", HAIYAN)["status"] == "达进度"


def test_figures_indexed_once_give_the_same_assessment_at_every_date():
    from workbench.models.assessment import index_observations

    frame = obs(("amt", NANHU, 2018, 1, 12, "ytd", 100), ("amt", NANHU, 2019, 1, 6, "ytd", 30),
                ("amt", NANHU, 2019, 1, 9, "ytd", 50), ("amt", "jx_etdz", 2018, 1, 12, "ytd", 10),
                ("amt", "jx_etdz", 2019, 1, 9, "ytd", 5), ("share", NANHU, 2019, 1, 9, "rate", 2.7))
    goals = targets(("amt", NANHU, 300), ("share", NANHU, 2.5))
    index = index_observations(frame, PLAN)
    for at in ("2019-06", "2019-09", "2019-06"):
        pd.testing.assert_frame_equal(assess(index, goals, PLAN, at), assess(frame, goals, PLAN, at))
