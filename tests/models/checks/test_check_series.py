"""Year-to-date figures that fall within a year; a figure against its own history."""

from __future__ import annotations

from check_figures import check, fig

from workbench.models.checks import load_rules

LOANS = dict(indicator="new_sme_loans", region="330421", unit="亿元", department="人行嘉兴市中心支行")


def _ytd(values: dict[tuple[int, int], float], indicator="low_scattered_rectified", region="330482",
         department="经信委", unit="家", **kw) -> list[dict]:
    """One figure per (year, last month), each in its own quarterly file."""
    return [fig(indicator, region, v, year=y, last=m, unit=unit, department=department,
                file=f"{department}_{y}年1-{m}月.xls", cell="C10", **kw) for (y, m), v in values.items()]


def test_a_growing_year_to_date_passes():
    rows = _ytd({(2019, 3): 100, (2019, 6): 366, (2019, 9): 536, (2019, 12): 700, (2020, 3): 50})
    assert check(rows, only="ytd_decrease") == []


def test_a_falling_year_to_date_is_reported_at_the_later_cell():
    rows = _ytd({(2019, 3): 100, (2019, 6): 366, (2019, 9): 170, (2019, 12): 700})
    [finding] = check(rows, only="ytd_decrease")
    assert (finding.severity, finding.period, finding.file, finding.cell) == (
        "error", "2019-01..09", "经信委_2019年1-9月.xls", "C10")
    assert "170家" in finding.message and "366家" in finding.message and "经信委_2019年1-6月.xls" in finding.message
    assert finding.details["cells"][1]["file"] == "经信委_2019年1-6月.xls"


def test_a_new_year_starts_from_zero_and_other_departments_are_other_series():
    rows = _ytd({(2019, 12): 700, (2020, 3): 50})
    rows += _ytd({(2019, 9): 10}, department="科技局")  # below 经信委's 1-6月, but another department's
    rows += _ytd({(2019, 6): 366}, department="经信委")
    assert check(rows, only="ytd_decrease") == []


def test_rounded_amounts_may_fall_by_less_than_a_step():
    rows = _ytd({(2019, 6): 10.26, (2019, 9): 10.25}, indicator="standard_factory_area", unit="万平方米")
    for row, raw in zip(rows, ["10.26", "10.25"]):
        row["raw_text"] = raw
    assert check(rows, only="ytd_decrease") == []  # 0.01 is one step of the figures as written
    rows[1]["value"], rows[1]["raw_text"] = 10.2, "10.20"
    assert len(check(rows, only="ytd_decrease")) == 1


def test_indicators_can_be_excluded_from_the_fall_check():
    rows = _ytd({(2019, 6): 30.0, (2019, 9): 25.0}, **{k: v for k, v in LOANS.items() if k != "unit"}, unit="亿元")
    assert len(check(rows, only="ytd_decrease")) == 1
    rules = load_rules({"ytd_decrease": {"exclude_indicators": ["new_sme_loans"]}})
    assert check(rows, rules, only="ytd_decrease") == []


def _loans(values: dict[tuple[int, int], float]) -> list[dict]:
    return _ytd(values, **LOANS)


def test_a_figure_ten_thousand_times_its_history_is_a_unit_slip_error():
    rows = _loans({(2018, 6): 5.3557, (2019, 3): 3.093, (2019, 6): 57692.1, (2019, 9): 8.057, (2020, 6): 6.1})
    found = check(rows, only="unit_slip")
    assert [(f.severity, f.period, f.cell) for f in found] == [("error", "2019-01..06", "C10")]
    message = found[0].message
    assert "疑似元/万元单位错误" in message and "57692.1亿元" in message and "5.3557亿元" in message
    assert {r["label"] for r in found[0].details["references"]} == {"上年同期", "上一季度"}
    # The correct figures after it are close to at least one of their references: not reported,
    # and the fall from the slipped 1-6月 to 1-9月 is a consequence, not a finding of its own.
    assert check(rows, only="history_jump") == [] and check(rows, only="ytd_decrease") == []


def test_a_figure_ten_thousand_times_too_small_is_a_slip_too():
    rows = _loans({(2018, 9): 7.0, (2019, 6): 5.0, (2019, 9): 0.0008})
    [finding] = check(rows, only="unit_slip")
    assert finding.period == "2019-01..09" and "偏小" in finding.message


def test_a_tenfold_jump_against_every_reference_is_a_warning():
    rows = _loans({(2018, 9): 7.0, (2019, 6): 5.0, (2019, 9): 80.0})
    [finding] = check(rows, only="history_jump")
    assert finding.severity == "warning" and finding.period == "2019-01..09"
    assert check(rows, only="unit_slip") == []


def test_a_jump_is_not_reported_while_one_reference_agrees():
    rows = _loans({(2018, 9): 70.0, (2019, 6): 5.0, (2019, 9): 80.0})
    assert check(rows, only="history_jump") == []


def test_jump_and_slip_thresholds_are_parameters():
    rows = _loans({(2018, 9): 7.0, (2019, 9): 40.0})
    assert check(rows, only="history_jump") == []  # 5.7 times
    assert len(check(rows, load_rules({"history_jump": {"ratio": 5.0}}), only="history_jump")) == 1
    slip = _loans({(2018, 9): 7.0, (2019, 9): 7.0 * 2000})
    assert check(slip, only="unit_slip") == []  # 2000 is outside 10 000 ÷ 3 … 10 000 × 3
    assert len(check(slip, load_rules({"unit_slip": {"band": 6.0}}), only="unit_slip")) == 1
    assert check(slip, load_rules({"unit_slip": {"enabled": False}}), only="unit_slip") == []


def test_small_counts_are_not_compared_for_jumps_but_are_for_slips():
    rows = _ytd({(2018, 9): 1, (2019, 6): 1, (2019, 9): 12}, indicator="new_parks", unit="个")
    assert check(rows, only="history_jump") == []
    assert len(check(rows, load_rules({"history_jump": {"min_count": 0.0}}), only="history_jump")) == 1
    slipped = _ytd({(2018, 9): 3, (2019, 6): 2, (2019, 9): 25000}, indicator="new_parks", unit="个")
    assert len(check(slipped, only="unit_slip")) == 1


def test_rates_zeros_and_sign_changes_are_not_compared():
    rates = [fig("new_sme_growth", "330402", v, year=y, basis="rate", unit="%", file=f"f{y}.xlsx")
             for y, v in [(2018, 0.5), (2019, 50.0)]]
    zeros = _loans({(2018, 9): 0.0, (2019, 9): 50.0})
    signs = _loans({(2018, 9): -3.0, (2019, 9): 40.0})
    for rows in (rates, zeros, signs):
        assert [f for f in check(rows) if f.rule in ("history_jump", "unit_slip")] == []


def test_periods_alone_and_stocks_compare_with_the_quarter_before_across_the_year_end():
    quarters = [fig("upscale_service", "330402", v, year=y, first=f, last=l, basis="period",
                    file=f"发改委_{y}_{l}.xlsx", department="发改委")
                for y, f, l, v in [(2018, 10, 12, 30.0), (2019, 1, 3, 300000.0)]]
    [finding] = check(quarters, only="unit_slip")
    assert finding.details["references"][0]["period_label"] == "2018年10-12月"
    stocks = [fig("parks_total", "330402", v, year=y, first=m, last=m, basis="stock", unit="个",
                  file=f"经信委_{y}_{m}.xls", department="经信委") for y, m, v in [(2018, 12, 25.0), (2019, 3, 260.0)]]
    [finding] = check(stocks, only="history_jump")
    assert "2018年末" in finding.message
