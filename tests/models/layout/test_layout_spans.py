"""The months and basis a figure covers, from the table's period, its header and the indicator."""

from __future__ import annotations

import pytest

from workbench.models.layout.spans import choose_period, figure_span, month_span, title_core
from workbench.models.periods import Period
from workbench.models.plan import load_plan

PLAN = load_plan()
NEW_SME = PLAN.indicator("new_sme")
PARKS = PLAN.indicator("parks_total")
SHARE = PLAN.indicator("tax_relief_coverage")
GROWTH = PLAN.indicator("new_sme_growth")
YTD_9 = Period(2019, 1, 9, "ytd")


def span(path, basis, indicator, period=YTD_9, source="title", hint=False):
    return figure_span(tuple(path), basis, indicator, period, source, cumulative_hint=hint)[:4]


@pytest.mark.parametrize(
    ("path", "basis", "indicator", "period", "expected"),
    [
        (["新增小微企业", "本年累计"], "ytd", NEW_SME, YTD_9, (2019, 1, 9, "ytd")),
        (["新增小微企业", "本月"], "period", NEW_SME, YTD_9, (2019, 9, 9, "period")),
        (["新增小微企业（当季新增）"], "period", NEW_SME, YTD_9, (2019, 7, 9, "period")),
        (["新增小微企业", "本期"], "period", NEW_SME, YTD_9, (2019, 1, 9, "ytd")),
        (["新增小微企业"], None, NEW_SME, Period(2019, 7, 9, "period"), (2019, 7, 9, "period")),
        (["新增小微企业"], None, NEW_SME, Period(2019, 1, 3, "period"), (2019, 1, 3, "ytd")),
        (["新增小微企业"], None, NEW_SME, Period(2019, 9, 9, "stock"), (2019, 1, 9, "ytd")),
        (["小微企业贷款", "比年初增加"], "since_year_start", NEW_SME, Period(2019, 9, 9, "stock"), (2019, 1, 9, "ytd")),
        (["小微园", "累计建成"], "stock", PARKS, YTD_9, (2019, 9, 9, "stock")),
        (["受惠面(%)"], None, SHARE, Period(2019, 9, 9, "period"), (2019, 1, 9, "rate")),
        (["新增小微企业", "同比增长(%)"], "growth", GROWTH, YTD_9, (2019, 1, 9, "rate")),
        (["新增小微企业", "上年同期"], "last_year", NEW_SME, YTD_9, (2018, 1, 9, "last_year")),
        (["新增小微企业", "2018年1-9月"], None, NEW_SME, YTD_9, (2018, 1, 9, "last_year")),
        (["新增小微企业", "1-6月累计"], "ytd", NEW_SME, YTD_9, (2019, 1, 6, "ytd")),
    ],
)
def test_figure_spans(path, basis, indicator, period, expected):
    assert span(path, basis, indicator, period) == expected


def test_a_single_month_title_is_cumulative_but_trusted_less_without_a_hint():
    month = Period(2019, 9, 9, "period")
    *_, trust = figure_span(("新增小微企业",), None, NEW_SME, month, "title")
    *_, hinted = figure_span(("新增小微企业",), None, NEW_SME, month, "title", cumulative_hint=True)
    assert (trust, hinted) == (0.75, 1.0)


def test_growth_change_in_points_is_no_figure():
    assert figure_span(("新增小微企业", "同比增减"), "yoy_change", NEW_SME, YTD_9, "title") is None


def test_periods_from_the_surroundings():
    assert choose_period([("title", "2019年1-9月各县情况表")], "Sheet1") == (YTD_9, "title", "2019年1-9月各县情况表")
    assert choose_period([("title", "各县情况表"), ("file", "报表2019年前三季度")], "Sheet1")[1] == "file"
    assert choose_period([("title", "2019年各县情况")], "8月")[0] == Period(2019, 8, 8, "period")
    assert choose_period([("file", "2019年三季度月报")], "7月")[0] == Period(2019, 7, 7, "period")
    assert choose_period([("title", "各县情况表")], "Sheet1") is None
    assert month_span("1-9月累计", 2019) == YTD_9
    assert title_core("截至2019年9月末各县（市、区）新增社区银行、小微专营支行情况（示例数据）") == "新增社区银行、小微专营支行"
