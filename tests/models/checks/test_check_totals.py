"""County sum against the city total (县区之和 = 全市合计), with its tolerances."""

from __future__ import annotations

import pytest
from check_figures import CITY, check, fig, table

from workbench.models.checks import load_rules

RULE = "county_sum_mismatch"


def test_a_total_equal_to_the_sum_of_its_counties_passes():
    assert check(table("new_sme", 28, [1, 2, 3, 4, 5, 6, 7]), only=RULE) == []


def test_a_total_off_by_one_is_reported_at_the_total_cell_with_the_numbers():
    [finding] = check(table("new_sme", 29, [1, 2, 3, 4, 5, 6, 7]), only=RULE)
    assert (finding.severity, finding.region_code, finding.sheet, finding.cell) == ("error", CITY, "表1", "C5")
    assert finding.file == "市场监管局_2019年1-9月.xlsx" and finding.period == "2019-01..09"
    assert "29家" in finding.message and "28家" in finding.message and "相差 1家" in finding.message
    assert finding.details["difference"] == 1 and len(finding.details["cells"]) == 7


def test_zones_may_or_may_not_be_inside_the_total():
    with_zones = table("new_sme", 31, [1, 2, 3, 4, 5, 6, 7], zones=[2, 1])
    without = table("new_sme", 28, [1, 2, 3, 4, 5, 6, 7], zones=[2, 1])
    assert check(with_zones, only=RULE) == [] and check(without, only=RULE) == []
    [finding] = check(table("new_sme", 40, [1, 2, 3, 4, 5, 6, 7], zones=[2, 1]), only=RULE)
    assert "县（市、区）与功能区之和为 31家" in finding.message  # the nearer of the two sums


def test_whole_counts_get_no_rounding_allowance():
    # Eight rounded figures could be 4 apart; eight counts of enterprises cannot be 1 apart.
    [finding] = check(table("uplimit_trade", 16, [2, 5, 0, 1, 3, 1, 2]), only=RULE)
    assert finding.details["rounding_step"] == 0


def _money(total: float, counties: list[float]) -> list[dict]:
    """万元 figures with one decimal, as a table rounded from 元 (舍位)."""
    rows = table("new_sme_loans", total, counties, unit="万元")
    for row in rows:
        row["raw_text"] = f"{row['value']:.1f}"
    return rows


@pytest.mark.parametrize(("parts_sum_offset", "reported"), [(0.0, False), (0.3, False), (0.4, False), (0.5, True)])
def test_rounded_amounts_may_differ_by_half_a_unit_of_the_last_digit_per_figure(parts_sum_offset, reported):
    # 7 counties and the total: at most 8 × 0.05 = 0.4 万元 of 舍位 difference.
    counties = [10.0, 20.0, 30.0, 10.0, 10.0, 10.0, 10.0 + parts_sum_offset]
    found = check(_money(100.0, counties), only=RULE)
    assert bool(found) is reported
    if reported:
        assert found[0].details["rounding_step"] == pytest.approx(0.1)


def test_the_rounding_allowance_follows_a_conversion_into_the_indicators_unit():
    # Written in 万元 with one decimal, stored in 亿元: one step is 0.1 万元 = 0.00001 亿元.
    def rows(offset):
        out = table("new_sme_loans", 0.1, [0.01, 0.02, 0.03, 0.01, 0.01, 0.01, 0.01 + offset], unit="亿元")
        for row in out:
            row["raw_text"] = f"{row['value'] * 1e4:.1f}"
        return out

    assert check(rows(0.00003), only=RULE) == []
    [finding] = check(rows(0.0001), only=RULE)
    assert finding.details["rounding_step"] == pytest.approx(1e-5)


def test_relative_and_absolute_tolerances_are_parameters():
    rows = table("new_sme", 1000, [100, 100, 100, 100, 100, 100, 395])
    assert check(rows, only=RULE)  # 5 off: beyond the default 0.01%
    loose = load_rules({"county_sum_mismatch": {"relative_tolerance": 0.005}})
    assert check(rows, loose, only=RULE) == []
    assert check(rows, load_rules({"county_sum_mismatch": {"absolute_tolerance": 5.0}}), only=RULE) == []
    assert check(rows, load_rules({"county_sum_mismatch": {"absolute_tolerance": 4.0}}), only=RULE)
    assert check(rows, load_rules({"county_sum_mismatch": {"enabled": False}}), only=RULE) == []


def test_rates_and_shares_are_not_added_up():
    rows = table("tax_relief_coverage", 99.0, [98, 97, 99, 100, 96, 95, 99], basis="rate", unit="%")
    rows += table("new_sme_growth", 12.0, [1, 2, 3, 4, 5, 6, 7], basis="rate", unit="%", column="D")
    assert check(rows, only=RULE) == []


def test_a_missing_county_is_named_in_the_message():
    rows = [r for r in table("new_sme", 28, [1, 2, 3, 4, 5, 6, 7]) if r["region"] != "330421"]
    [finding] = check(rows, only=RULE)
    assert "缺少嘉善县" in finding.message and finding.details["missing_counties"] == ["330421"]


def test_each_file_period_and_basis_is_its_own_table():
    rows = table("new_sme", 28, [1, 2, 3, 4, 5, 6, 7])
    rows += table("new_sme", 15, [1, 1, 1, 1, 1, 1, 8], last=6, file="市场监管局_2019年1-6月.xlsx")
    [finding] = check(rows, only=RULE)
    assert finding.period == "2019-01..06" and finding.file == "市场监管局_2019年1-6月.xlsx"


def test_a_table_without_a_total_or_counties_is_not_checked():
    no_total = [r for r in table("new_sme", 99, [1, 2, 3, 4, 5, 6, 7]) if r["region"] != CITY]
    only_total = [fig("new_sme", CITY, 99)]
    assert check(no_total, only=RULE) == [] and check(only_total, only=RULE) == []
