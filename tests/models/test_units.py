"""Units as departments write them (DOMAIN.md §5) and conversion between them."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.models.units import UNITS, UnitError, compatible, convert, dimension, normalise_unit, parse_unit_line


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("单位：万元", ["万元"]),
        ("单位：家、%", ["家", "%"]),
        ("单位：家、户、%", ["家", "户", "%"]),
        ("计量单位:亿元", ["亿元"]),
        ("（单位：万平方米）", ["万平方米"]),
        ("单位：万元、%", ["万元", "%"]),
        ("单位：家、%、个、台次、批次", ["家", "%", "个", "台次", "批次"]),
        ("单位：万 元", ["万元"]),  # a space typed inside the unit
        ("单位 : 家", ["家"]),
        ("单位：％", ["%"]),
        ("金额单位：亿", ["亿元"]),  # a bare 亿 is money only under 金额单位
        ("单位：亿", []),
        ("填报单位：市统计局    金额单位：万元", ["万元"]),
        ("填报单位：嘉兴市市场监督管理局（盖章）", []),  # an office, not a unit
        ("报送单位：嘉兴市发展和改革委员会", []),
        ("单位：家   表号：嘉市监统小微1表", ["家"]),
        ("单位：家；金额单位：万元", ["家", "万元"]),
        ("2019年1-9月各县（市、区）小微企业发展情况表", []),
        ("", []),
        (None, []),
    ],
)
def test_unit_lines(text, units):
    assert parse_unit_line(text) == units


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("万 元", "万元"),
        ("（家）", "家"),
        ("(户)", "户"),
        ("％", "%"),
        ("百分比", "%"),
        ("百分点", "个百分点"),
        ("个百分点", "个百分点"),
        ("㎡", "平方米"),
        ("万㎡", "万平方米"),
        ("万平米", "万平方米"),
        ("元人民币", "元"),
        ("台/次", "台次"),
        ("单位：亿元", "亿元"),
        ("亿", None),  # a multiplier, not a unit, unless the caller says money
        ("万", None),
        ("吨", None),
        ("", None),
        (None, None),
        (12, None),
    ],
)
def test_normalise_unit(text, unit):
    assert normalise_unit(text) == unit


def test_bare_multiplier_is_money_only_when_the_caller_says_so():
    assert normalise_unit("亿", money=True) == "亿元"
    assert normalise_unit("万", money=True) == "万元"
    assert normalise_unit("家", money=True) == "家"


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (12345, "万元", "亿元", 1.2345),
        (1.2, "亿元", "万元", 12000),
        (3, "亿元", "元", 300_000_000),
        (1_234_567, "元", "万元", 123.4567),
        (2.5, "万平方米", "平方米", 25_000),
        (25_000, "平方米", "万平方米", 2.5),
        (3, "万户", "户", 30_000),
        (5, "‰", "%", 0.5),
        (7, "家", "家", 7),
        (12.5, "%", "%", 12.5),
    ],
)
def test_convert(value, source, target, expected):
    assert convert(value, source, target) == pytest.approx(expected, rel=1e-12)


def test_conversion_by_a_power_of_ten_is_exact():
    # 万元 → 亿元 divides by 10 000 rather than multiplying by an inexact 0.0001
    assert convert(12345, "万元", "亿元") == 12345 / 10_000
    assert convert(1.2, "亿元", "万元") == 12000.0


def test_percent_and_percentage_points_never_convert():
    with pytest.raises(UnitError, match="百分点") as info:
        convert(2, "%", "个百分点")
    assert "不能换算" in str(info.value)
    with pytest.raises(UnitError):
        convert(2, "个百分点", "%")
    assert not compatible("%", "个百分点")


def test_enterprise_counts_interchange_only_when_the_caller_allows():
    assert not compatible("家", "户")
    with pytest.raises(UnitError, match="count_synonyms"):
        convert(5, "家", "户")
    assert compatible("家", "户", count_synonyms=True)
    assert convert(5, "家", "户", count_synonyms=True) == 5
    assert convert(2, "万户", "家", count_synonyms=True) == 20_000
    assert compatible("家", "万家")  # a 万 multiple of the same count always converts


@pytest.mark.parametrize(
    ("source", "target"),
    [("万元", "家"), ("%", "万元"), ("平方米", "元"), ("台次", "批次"), ("家", "台次"), ("人", "家")],
)
def test_incompatible_units_raise_a_chinese_message(source, target):
    assert not compatible(source, target, count_synonyms=True)
    with pytest.raises(UnitError, match="不能换算"):
        convert(1, source, target, count_synonyms=True)


def test_unknown_units_are_refused():
    assert not compatible("吨", "万元")
    with pytest.raises(UnitError, match="无法识别的计量单位“吨”"):
        convert(1, "吨", "万元")
    with pytest.raises(UnitError):
        convert(1, None, "万元")
    assert issubclass(UnitError, ValueError)


def test_dimension():
    assert dimension("万元") == "money"
    assert dimension("（万平方米）") == "area"
    assert dimension("％") == "ratio"
    assert dimension("个百分点") == "points"
    assert dimension("吨") is None
    assert dimension(None) is None


_CONVERTIBLE = [(a, b) for a in UNITS for b in UNITS if compatible(a, b, count_synonyms=True)]


@given(st.sampled_from(_CONVERTIBLE), st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_conversion_round_trips(pair, value):
    source, target = pair
    back = convert(convert(value, source, target, count_synonyms=True), target, source, count_synonyms=True)
    assert math.isclose(back, value, rel_tol=1e-12, abs_tol=1e-300)
