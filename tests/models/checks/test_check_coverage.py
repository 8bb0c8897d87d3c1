"""Every county present exactly once, and missing values."""

from __future__ import annotations

import pandas as pd
from check_figures import CITY, PLAN, REGIONS, check, fig, table

from workbench.models.checks import load_rules, run_checks


def test_a_complete_table_has_no_coverage_findings():
    rows = table("new_sme", 28, [1, 2, 3, 4, 5, 6, 7], zones=[0, 0])
    assert [f for f in check(rows) if f.rule in ("duplicate_region", "missing_region", "missing_value")] == []


def test_a_missing_county_names_file_sheet_and_the_place_it_should_be():
    # Counties across columns B..H, 嘉善县 (D) left out: 海盐县 now sits where it should be.
    columns = iter("BCDEFGHIJ")
    rows = [fig("uplimit_trade", code, v, sheet="3月", cell=f"{next(columns)}4", file="商务局_2020年一季度.xlsx",
                department="商务局", year=2020, last=3)
            for code, v in [(CITY, 16), ("330402", 2), ("330411", 5), ("330424", 1), ("330481", 3),
                            ("330482", 1), ("330483", 2), ("jx_etdz", 1), ("jx_port", 0)]]
    [finding] = check(rows, only="missing_region")
    assert (finding.severity, finding.region_code, finding.file) == ("error", "330421", "商务局_2020年一季度.xlsx")
    assert (finding.sheet, finding.cell) == ("3月", "E4")  # 海盐县's cell: the slot of 嘉善县
    assert "缺少嘉善县" in finding.message and "3月" in finding.message
    assert finding.details["total"]["cell"] == "B4"


def test_a_missing_last_county_points_next_to_the_one_before_it():
    rows = [r for r in table("new_sme", 21, [1, 2, 3, 4, 5, 6, 7]) if r["region"] != "330483"]
    [finding] = check(rows, only="missing_region")
    assert (finding.region_code, finding.cell) == ("330483", "C11")  # 平湖市, the county before 桐乡市


def test_with_one_sheet_per_county_the_finding_points_at_the_total():
    rows = [fig("new_joint_stock", code, 3, sheet=name, cell="C4", file="金融办_201909.xlsx", department="金融办")
            for code, name in [(CITY, "全市"), ("330402", "南湖区"), ("330411", "秀洲区"), ("330424", "海盐县"),
                               ("330481", "海宁市"), ("330482", "平湖市"), ("330483", "桐乡市")]]
    [finding] = check(rows, only="missing_region")
    assert (finding.region_code, finding.sheet, finding.cell) == ("330421", "全市", "C4")


def test_a_city_only_table_is_not_missing_counties():
    assert check([fig("new_sme", CITY, 100)], only="missing_region") == []
    strict = load_rules({"missing_region": {"min_counties_present": 3}})
    two = [fig("new_sme", CITY, 10, cell="B1"), fig("new_sme", "330402", 4, cell="B2"),
           fig("new_sme", "330411", 6, cell="B3")]
    assert check(two, strict, only="missing_region") == []
    assert len(check(two, only="missing_region")) == 5


def test_a_county_given_twice_with_different_values_is_an_error():
    rows = table("new_sme", 28, [1, 2, 3, 4, 5, 6, 7]) + [fig("new_sme", "330402", 9, cell="C20")]
    [finding] = check(rows, only="duplicate_region")
    assert (finding.severity, finding.region_code, finding.cell) == ("error", "330402", "C6")
    assert "C6=1" in finding.message and "C20=9" in finding.message
    assert check(rows, only="county_sum_mismatch") == []  # no sum over an ambiguous table


def test_the_same_value_twice_is_let_through_unless_asked():
    rows = table("new_sme", 28, [1, 2, 3, 4, 5, 6, 7]) + [fig("new_sme", "330402", 1, cell="C20")]
    assert check(rows, only="duplicate_region") == []
    strict = load_rules({"duplicate_region": {"identical_values_ok": False}})
    assert len(check(rows, strict, only="duplicate_region")) == 1


def test_two_cells_of_one_finding_get_distinct_keys():
    rows = [fig("tax_relief_coverage", "330424", None, raw="—", basis="rate", unit="%", cell="C8"),
            fig("tax_relief_coverage", "330424", None, raw="/", basis="rate", unit="%", cell="C30")]
    found = check(rows, only="missing_value")
    assert len({f.key for f in found}) == 2


def test_a_missing_marker_is_a_warning_naming_the_cell_and_the_marker():
    rows = table("tax_relief_coverage", 99, [98, 97, 99, None, 96, 95, 99], basis="rate", unit="%")
    rows[4]["raw_text"] = "—"
    [finding] = check(rows, only="missing_value")
    assert (finding.severity, finding.region_code, finding.cell) == ("warning", "330424", "C9")
    assert "“—”" in finding.message and "缺报" in finding.message


def test_blank_zone_cells_are_not_missing_values_but_blank_county_cells_are():
    rows = table("new_sme", 28, [1, 2, 3, 4, 5, 6, None], zones=[None])
    found = check(rows, only="missing_value")
    assert [f.region_code for f in found] == ["330483"]
    assert "空白" in found[0].message
    keep_all = load_rules({"missing_value": {"ignore_blank_zone_cells": False}})
    assert len(check(rows, keep_all, only="missing_value")) == 2


def test_no_figures_no_findings_and_extraction_columns_work():
    empty = pd.DataFrame(columns=["indicator", "region", "year", "first_month", "last_month", "basis", "value"])
    assert run_checks(empty, PLAN, REGIONS) == []
    extracted = pd.DataFrame([{**fig("new_sme", r, v, cell=f"C{i}"), "indicator_code": "new_sme", "region_code": r,
                               "from_month": 1, "to_month": 9, "raw": str(v)}
                              for i, (r, v) in enumerate([(CITY, 5), ("330402", 2)])]).drop(
        columns=["indicator", "region", "first_month", "last_month", "raw_text"])
    assert {f.rule for f in run_checks(extracted, PLAN, REGIONS)} == {"county_sum_mismatch", "missing_region"}
