"""Cell values as departments type them (DOMAIN.md §5): numbers, text, markers, errors."""

import math
from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.models.reading.workbook import CellError
from workbench.models.values import NOTE_DATE, NOTE_NOT_NUMBER, NOTE_TEXT_NUMBER, ParsedValue, parse_value

FULL_WIDTH = str.maketrans("0123456789.,-+", "０１２３４５６７８９．，－＋")


@pytest.mark.parametrize(
    ("raw", "value", "shown"),
    [
        (1234, 1234.0, "1234"),
        (1234.5, 1234.5, "1234.5"),
        (1234.0, 1234.0, "1234"),  # Excel shows an integral float without ".0"
        (-3, -3.0, "-3"),
        (0, 0.0, "0"),
        (0.1, 0.1, "0.1"),
        (np.int64(5), 5.0, "5"),
        (np.float64(2.5), 2.5, "2.5"),
        (Decimal("1.50"), 1.5, "1.50"),
        (Fraction(1, 4), 0.25, "0.25"),
    ],
)
def test_numbers_pass_through(raw, value, shown):
    parsed = parse_value(raw)
    assert parsed == ParsedValue(value, shown, False)


@pytest.mark.parametrize(
    ("raw", "value", "unit"),
    [
        ("1234", 1234.0, None),
        ("1,234.5", 1234.5, None),
        ("1，234", 1234.0, None),  # a Chinese comma as thousands separator
        ("12,345,678", 12345678.0, None),
        ("１２３．５", 123.5, None),  # full-width digits
        ("１，２３４", 1234.0, None),
        ("  12 ", 12.0, None),
        ("\u300012\u3000", 12.0, None),  # ideographic spaces
        ("1 234", 1234.0, None),  # a space as thousands separator
        ("+5.2", 5.2, None),
        ("-3", -3.0, None),
        ("−3", -3.0, None),  # U+2212 minus sign
        ("－3", -3.0, None),
        (".5", 0.5, None),
        ("1.2e5", 120000.0, None),
        ("'123", 123.0, None),  # Excel's text prefix
        ("0", 0.0, None),
        ("123家", 123.0, "家"),
        ("123 家", 123.0, "家"),
        ("45户", 45.0, "户"),
        ("3个", 3.0, "个"),
        ("1.2万元", 1.2, "万元"),  # a reporting unit, not a multiplier
        ("300亿元", 300.0, "亿元"),
        ("25万平方米", 25.0, "万平方米"),
        ("500平方米", 500.0, "平方米"),
        ("800元", 800.0, "元"),
        ("5000台次", 5000.0, "台次"),
        ("15000批次", 15000.0, "批次"),
        ("12人", 12.0, "人"),
        ("2个百分点", 2.0, "个百分点"),
    ],
)
def test_numbers_as_text(raw, value, unit):
    parsed = parse_value(raw)
    assert parsed.value == value
    assert not parsed.missing
    assert parsed.unit == unit
    assert parsed.raw == raw  # exactly as shown
    assert parsed.multiplier == 1
    assert NOTE_TEXT_NUMBER in parsed.note


@pytest.mark.parametrize("raw", ["12.3%", "12.3％", "12.3 %", "１２．３％"])
def test_percentages_stay_in_percent(raw):
    parsed = parse_value(raw)
    assert parsed.value == 12.3  # not 0.123: plan targets are written in per cent too
    assert parsed.percent and parsed.unit == "%"


def test_percentage_points_are_not_percent():
    parsed = parse_value("2个百分点")
    assert parsed.unit == "个百分点" and not parsed.percent


@pytest.mark.parametrize(
    ("raw", "value", "multiplier", "unit"),
    [
        ("1.2万", 12000.0, 1e4, None),
        ("3亿", 3e8, 1e8, None),
        ("1.2亿", 1.2e8, 1e8, None),
        ("3万家", 30000.0, 1e4, "家"),  # 万 before a count multiplies
        ("1.2万亿元", 12000.0, 1e4, "亿元"),
    ],
)
def test_bare_wan_and_yi_multiply(raw, value, multiplier, unit):
    parsed = parse_value(raw)
    assert parsed.value == value
    assert parsed.multiplier == multiplier
    assert parsed.unit == unit
    assert "已乘入数值" in parsed.note


@pytest.mark.parametrize(("raw", "value"), [("(3.5)", -3.5), ("（3.5）", -3.5), ("(1,234.5)", -1234.5)])
def test_accounting_negatives(raw, value):
    parsed = parse_value(raw)
    assert parsed.value == value
    assert "负数" in parsed.note


@pytest.mark.parametrize("raw", ["约123", "大约123", "123左右"])
def test_approximate_figures_keep_their_number_and_say_so(raw):
    parsed = parse_value(raw)
    assert parsed.value == 123.0
    assert "约" in parsed.note


@pytest.mark.parametrize(
    "raw",
    ["—", "——", "－", "-", "--", "/", "／", "…", "……", "...", "空", "无", "不详", "NA", "N/A", "n/a", "x", "×", "", " "],
)
def test_missing_markers_are_never_zero(raw):
    parsed = parse_value(raw)
    assert parsed.missing and parsed.value is None
    assert parsed.raw == raw


def test_blank_cells_are_missing_without_a_note():
    for raw in (None, "", float("nan")):
        parsed = parse_value(raw)
        assert parsed == ParsedValue(None, "", True)


def test_a_marker_is_named_in_the_note():
    assert parse_value("—").note == "缺失标记“—”，按缺失处理"


@pytest.mark.parametrize("code", ["#DIV/0!", "#N/A", "#VALUE!", "#REF!"])
def test_excel_errors_are_missing(code):
    parsed = parse_value(CellError(code))
    assert parsed.missing and parsed.raw == code
    assert parsed.note == f"Excel 错误值 {code}，按缺失处理"
    assert parse_value(code).missing  # the same error exported to csv as text
    assert code in parse_value(code).note


@pytest.mark.parametrize("raw", [True, False, np.bool_(True)])
def test_booleans_are_not_numbers(raw):
    parsed = parse_value(raw)
    assert parsed.missing and parsed.value is None
    assert "逻辑值" in parsed.note
    assert parsed.raw in ("TRUE", "FALSE")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [(date(2019, 9, 30), "2019-09-30"), (datetime(2019, 9, 30), "2019-09-30"),
     (datetime(2019, 9, 30, 8, 30), "2019-09-30T08:30:00"), (time(8, 30), "08:30:00")],
)  # fmt: skip
def test_dates_are_not_numbers(raw, shown):
    parsed = parse_value(raw)
    assert parsed.missing and parsed.note == NOTE_DATE and parsed.raw == shown


@pytest.mark.parametrize(
    ("raw", "note"),
    [
        ("abc", NOTE_NOT_NUMBER),
        ("一百二十三", NOTE_NOT_NUMBER),
        ("1.2.3", NOTE_NOT_NUMBER),
        ("2019年", NOTE_NOT_NUMBER),
        ("123吨", NOTE_NOT_NUMBER),  # an unknown unit: better missing than a wrong figure
        ("1,23", "千分位"),  # an irregular separator could mean 1.23 or 123
        ("12,3456", "千分位"),
        ("<0.1", "范围"),
        ("超过100", "范围"),
        ("100以上", "范围"),
        ("1e400", "超出范围"),
    ],
)
def test_other_text_is_missing_with_a_reason(raw, note):
    parsed = parse_value(raw)
    assert parsed.missing and parsed.value is None
    assert note in parsed.note
    assert parsed.raw == raw


def test_other_objects_are_missing():
    for raw in ([1, 2], {"a": 1}, b"12", 1 + 2j, object()):
        parsed = parse_value(raw)
        assert parsed.missing and NOTE_NOT_NUMBER in parsed.note


def test_infinite_and_huge_numbers_are_missing():
    for raw in (float("inf"), -float("inf"), 10**400):
        parsed = parse_value(raw)
        assert parsed.missing and "超出范围" in parsed.note


def _styled(text: str, style: str) -> str:
    if style == "chinese_comma":
        return text.replace(",", "，")
    if style == "full_width":
        return text.translate(FULL_WIDTH)
    if style == "spaces":
        return f"  {text}\u3000"
    return text


@given(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    st.integers(min_value=0, max_value=4),
    st.sampled_from(["plain", "chinese_comma", "full_width", "spaces"]),
)
def test_formatted_floats_round_trip(x, decimals, style):
    text = f"{x:,.{decimals}f}"
    parsed = parse_value(_styled(text, style))
    assert parsed.value == float(f"{x:.{decimals}f}")
    assert NOTE_TEXT_NUMBER in parsed.note


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_accounting_negatives_round_trip(x, decimals):
    text = f"{x:,.{decimals}f}"
    assert parse_value(f"({text})").value == -float(f"{x:.{decimals}f}")


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from(["%", "％", "家", "万元"]))
def test_numbers_with_units_round_trip(x, unit):
    parsed = parse_value(f"{x:.2f}{unit}")
    assert parsed.value == float(f"{x:.2f}")
    assert parsed.unit == {"％": "%"}.get(unit, unit)


def _check_invariants(parsed: ParsedValue) -> None:
    assert isinstance(parsed, ParsedValue)
    assert isinstance(parsed.raw, str)
    assert parsed.missing == (parsed.value is None)
    if parsed.value is not None:
        assert math.isfinite(parsed.value)
    assert parsed.multiplier in (1, 1e4, 1e8, 1e12)


@given(st.text())
def test_never_raises_on_text(text):
    _check_invariants(parse_value(text))


@given(st.text(alphabet="0123456789.,，-+()（）%％万亿元家约 —／１２３．e", max_size=12))
def test_never_raises_on_number_like_text(text):
    _check_invariants(parse_value(text))


@given(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(), st.decimals(), st.fractions(), st.complex_numbers(),
        st.dates(), st.datetimes(), st.times(), st.timedeltas(), st.binary(), st.text(),
        st.lists(st.integers(), max_size=3), st.builds(CellError, st.text(max_size=8)),
    )
)  # fmt: skip
def test_never_raises_on_objects(raw):
    _check_invariants(parse_value(raw))


def test_a_broken_object_does_not_stop_the_reading():
    class Broken:
        def __str__(self):
            raise RuntimeError("broken")

    parsed = parse_value(Broken())
    assert parsed.missing and parsed.raw == "<Broken>"
