"""Period expressions of DOMAIN.md §5 and time-elapsed progress (序时进度)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.models.periods import Period, PeriodError, find_period, parse_period, time_progress


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019年", (2019, 1, 12, "ytd")),
        ("2019年1-9月", (2019, 1, 9, "ytd")),
        ("2019年1—9月", (2019, 1, 9, "ytd")),
        ("2019年1～9月", (2019, 1, 9, "ytd")),
        ("２０１９年１－９月", (2019, 1, 9, "ytd")),
        ("2019年一至九月", (2019, 1, 9, "ytd")),
        ("2019年前三季度", (2019, 1, 9, "ytd")),
        ("2019年1-3季度", (2019, 1, 9, "ytd")),
        ("2019年三季度", (2019, 7, 9, "period")),
        ("2019年第三季度", (2019, 7, 9, "period")),
        ("2019年一季度", (2019, 1, 3, "period")),
        ("2019Q3", (2019, 7, 9, "period")),
        ("2019年上半年", (2019, 1, 6, "ytd")),
        ("2019年下半年", (2019, 7, 12, "period")),
        ("2019年末", (2019, 12, 12, "stock")),
        ("2019年底", (2019, 12, 12, "stock")),
        ("2019年9月末", (2019, 9, 9, "stock")),
        ("截至2019年9月底", (2019, 1, 9, "ytd")),
        ("截止2019年9月", (2019, 1, 9, "ytd")),
        ("2019年9月", (2019, 9, 9, "period")),
        ("2019.9", (2019, 9, 9, "period")),
        ("2019.09", (2019, 9, 9, "period")),
        ("201909", (2019, 9, 9, "period")),
        (" 2019 年 1-9 月 ", (2019, 1, 9, "ytd")),
    ],
)
def test_period_expressions(text, expected):
    period = parse_period(text)
    assert (period.year, period.first_month, period.last_month, period.basis) == expected


@pytest.mark.parametrize("text", ["", "明年", "2019年13月", "2019年9-1月", "2019年五季度", "201913", "abc", "19年"])
def test_unparseable_text_raises_a_clear_error(text):
    with pytest.raises(PeriodError, match="期别"):
        parse_period(text)


def test_find_period_in_titles():
    assert find_period("2019年1-9月各县（市、区）小微企业发展情况表（示例数据）") == Period(2019, 1, 9, "ytd")
    assert find_period("截至2020年6月底全市小微企业贷款情况") == Period(2020, 1, 6, "ytd")
    assert find_period("嘉兴市“小微企业三年成长计划”(2018~2020年)") is None
    assert find_period("各县区小微企业情况表") is None


def test_labels_round_trip():
    for text in ["2019年1-9月", "2019年", "2019年9月", "2019年末"]:
        assert parse_period(parse_period(text).label) == parse_period(text)
    assert Period.from_key(Period(2019, 1, 9).key) == Period(2019, 1, 9)


def test_time_progress_examples_from_the_domain_notes():
    assert time_progress("2018-01", "2020-12", "2019-09") == pytest.approx(21 / 36)
    assert time_progress((2019, 1), (2019, 12), (2019, 11)) == pytest.approx(11 / 12)
    assert time_progress("2018-01", "2020-12", "2017-12") == 0
    assert time_progress("2018-01", "2020-12", "2021-03") == 1
    with pytest.raises(PeriodError):
        time_progress("2018-01", "2020-12", "2019-13")


months = st.tuples(st.integers(2015, 2025), st.integers(1, 12))


@given(months, months)
def test_time_progress_rises_with_the_date(a, b):
    early, late = sorted([a, b])
    assert time_progress("2018-01", "2020-12", early) <= time_progress("2018-01", "2020-12", late)
    assert 0 <= time_progress("2018-01", "2020-12", early) <= 1
