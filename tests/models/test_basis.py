"""Deriving the period alone from year-to-date figures, and back, with hand-computed cases."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from workbench.models.basis import period_from_ytd, ytd_from_periods


def _f(last, value, *, first=1, basis="ytd", unit="家", year=2019, indicator="new_sme", region="330402", **kw):
    return {"indicator": indicator, "region": region, "year": year, "first_month": first, "last_month": last,
            "basis": basis, "value": value, "unit": unit, **kw}


def _by_span(out: pd.DataFrame) -> dict[tuple[int, int], float]:
    return {(r.first_month, r.last_month): r.value for r in out.itertuples()}


def test_a_quarter_alone_is_its_year_to_date_minus_the_one_before():
    frame = pd.DataFrame([_f(3, 70.0, cell="C5"), _f(6, 150.0, cell="C5"), _f(9, 240.0, cell="C5"),
                          _f(12, 330.0, cell="C5")])
    out = period_from_ytd(frame)
    assert _by_span(out) == {(1, 3): 70.0, (4, 6): 80.0, (7, 9): 90.0, (10, 12): 90.0}
    assert out["derived"].all() and out["reason"].isna().all() and set(out["basis"]) == {"period"}
    row = out[out["last_month"] == 9].iloc[0]
    assert row["inputs"] == ["2019年1-9月=240@C5", "2019年1-6月=150@C5"]


def test_a_quarter_without_the_year_to_date_before_it_is_missing_and_says_why():
    out = period_from_ytd(pd.DataFrame([_f(3, 70.0), _f(9, 240.0)]))
    q3 = out[out["last_month"] == 9].iloc[0]
    assert math.isnan(q3["value"]) and not q3["derived"]
    assert q3["reason"] == "无法推算2019年7-9月当期数：缺少2019年1-6月累计数"


def test_inputs_in_different_units_are_never_subtracted():
    out = period_from_ytd(pd.DataFrame([_f(6, 1.5, unit="亿元", indicator="new_sme_loans"),
                                        _f(9, 24000.0, unit="万元", indicator="new_sme_loans")]))
    assert out["value"].isna().all() and out["reason"].str.contains("计量单位不一致").all()


def test_two_different_values_for_one_input_are_ambiguous():
    out = period_from_ytd(pd.DataFrame([_f(6, 150.0, cell="C5"), _f(6, 160.0, cell="D5"), _f(9, 240.0)]))
    q3 = out[out["last_month"] == 9].iloc[0]
    assert math.isnan(q3["value"]) and "多个不同的数值（150、160）" in q3["reason"]
    same = period_from_ytd(pd.DataFrame([_f(6, 150.0, cell="C5"), _f(6, 150.0, cell="D5"), _f(9, 240.0)]))
    assert same[same["last_month"] == 9].iloc[0]["value"] == 90.0


def test_a_missing_input_value_is_not_zero():
    out = period_from_ytd(pd.DataFrame([_f(6, math.nan), _f(9, 240.0)]))
    q3 = out[out["last_month"] == 9].iloc[0]
    assert math.isnan(q3["value"]) and "缺报" in q3["reason"]


def test_rates_and_stocks_are_not_derived():
    rates = period_from_ytd(pd.DataFrame([_f(6, 12.0, unit="%"), _f(9, 11.0, unit="%")]))
    assert rates["value"].isna().all() and rates["reason"].str.contains("比率").all()
    stocks = period_from_ytd(pd.DataFrame([_f(6, 50.0, basis="stock", first=6), _f(9, 60.0, basis="stock", first=9)]))
    assert stocks.empty  # a stock has no year to date to take apart


def test_departments_are_never_mixed():
    frame = pd.DataFrame([_f(6, 150.0, department="科技局"), _f(9, 240.0, department="质监局")])
    out = period_from_ytd(frame)
    assert out["value"].isna().all() and set(out["department"]) == {"科技局", "质监局"}
    mixed = period_from_ytd(frame, by=())  # the caller's choice: one source
    assert mixed["value"].tolist()[1] == 90.0 and "缺少2019年1-3月累计数" in mixed["reason"].tolist()[0]


def test_months_alone_with_a_step_of_one():
    out = period_from_ytd(pd.DataFrame([_f(1, 5.0), _f(2, 12.0), _f(3, 20.0)]), step=1)
    assert _by_span(out) == {(1, 1): 5.0, (2, 2): 7.0, (3, 3): 8.0}


def test_extraction_column_names_are_accepted():
    frame = pd.DataFrame([{"indicator_code": "new_sme", "region_code": "330402", "year": 2019, "from_month": 1,
                           "to_month": m, "basis": "ytd", "value": v, "unit": "家"} for m, v in [(6, 150.0), (9, 240.0)]])
    out = period_from_ytd(frame)
    assert out["last_month"].tolist() == [6, 9] and out["value"].tolist()[1] == 90.0
    assert math.isnan(out["value"].tolist()[0])


def test_year_to_date_is_the_sum_of_the_quarters_alone():
    frame = pd.DataFrame([_f(3, 70.0, basis="period"), _f(6, 80.0, first=4, basis="period"),
                          _f(9, 90.0, first=7, basis="period")])
    out = ytd_from_periods(frame)
    assert _by_span(out) == {(1, 3): 70.0, (1, 6): 150.0, (1, 9): 240.0}
    assert set(out["basis"]) == {"ytd"} and out["derived"].all()


def test_year_to_date_without_an_earlier_quarter_is_missing_and_says_why():
    out = ytd_from_periods(pd.DataFrame([_f(3, 70.0, basis="period"), _f(9, 90.0, first=7, basis="period")]))
    row = out[out["last_month"] == 9].iloc[0]
    assert math.isnan(row["value"]) and row["reason"] == "无法推算2019年1-9月累计数：缺少2019年4-6月当期数"


def test_quarters_in_mixed_units_are_not_added():
    frame = pd.DataFrame([_f(3, 7.0, basis="period", unit="亿元"), _f(6, 80000.0, first=4, basis="period", unit="万元")])
    out = ytd_from_periods(frame)
    assert out["value"].isna().all() and out["reason"].str.contains("计量单位不一致").all()


def test_round_trip():
    ytd = pd.DataFrame([_f(3, 70.0), _f(6, 150.0), _f(9, 240.0), _f(12, 330.0)])
    back = ytd_from_periods(period_from_ytd(ytd))
    assert _by_span(back) == {(1, 3): 70.0, (1, 6): 150.0, (1, 9): 240.0, (1, 12): 330.0}


def test_a_bad_step_is_refused():
    with pytest.raises(ValueError):
        period_from_ytd(pd.DataFrame([_f(3, 1.0)]), step=5)
