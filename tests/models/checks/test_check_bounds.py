"""A "其中" figure within its total; shares within 0-100, growth rates free."""

from __future__ import annotations

from check_figures import check, fig

from workbench.models.checks import load_rules

RULE = "sub_item_exceeds_parent"


def _pair(child: float, parent: float, **kw) -> list[dict]:
    return [fig("new_sme", "330424", parent, cell="C15", **kw), fig("new_sme_8ind", "330424", child, cell="F15", **kw)]


def test_a_sub_item_above_its_total_is_reported_at_the_sub_item():
    [finding] = check(_pair(2073, 611), only=RULE)
    assert (finding.severity, finding.indicator_code, finding.region_code, finding.cell) == (
        "error", "new_sme_8ind", "330424", "F15")
    assert "2073家" in finding.message and "611家" in finding.message and "C15" in finding.message
    assert finding.details["parent"] == "new_sme"


def test_a_sub_item_equal_to_or_below_its_total_passes():
    assert check(_pair(611, 611), only=RULE) == [] and check(_pair(207, 611), only=RULE) == []


def test_the_tolerance_is_a_parameter_and_the_relations_are_data():
    assert check(_pair(612, 611), load_rules({RULE: {"absolute_tolerance": 1.0}}), only=RULE) == []
    assert check(_pair(2073, 611), load_rules({RULE: {"parents": {}}}), only=RULE) == []


def test_the_plans_parent_of_a_share_is_not_compared_with_a_count():
    # indiv_to_company_share (a % of indiv_to_enterprise) has the plan's parent, but another unit.
    rows = [fig("indiv_to_enterprise", "330402", 35, unit="户"),
            fig("indiv_to_company_share", "330402", 97.1, unit="%", basis="rate")]
    assert check(rows, only=RULE) == []


def test_growth_rates_of_a_sub_item_may_exceed_the_growth_of_the_whole():
    rows = [fig("new_sme_growth", "330402", 8.3, unit="%", basis="rate", cell="D11"),
            fig("new_sme_8ind_growth", "330402", 13.4, unit="%", basis="rate", cell="F11")]
    assert check(rows, only=RULE) == []


def test_a_sub_item_column_is_recognised_from_its_header_without_the_rules_table():
    no_table = load_rules({RULE: {"parents": {}}})
    rows = [fig("new_tech_sme", "330402", 50, cell="C5", header_path="科技型小微企业 / 合计 / 本年新增"),
            fig("upscale_industry", "330402", 80, cell="D5", header_path="科技型小微企业 / 其中：上规 / 本年新增")]
    [finding] = check(rows, no_table, only=RULE)
    assert (finding.indicator_code, finding.cell) == ("upscale_industry", "D5")


def test_sub_items_are_compared_within_one_file_region_and_period():
    rows = [fig("new_sme", "330424", 611, cell="C15"),
            fig("new_sme_8ind", "330424", 700, cell="F15", last=12, file="other.xlsx")]
    assert check(rows, only=RULE) == []


def test_shares_outside_0_to_100_are_errors_and_the_bounds_edges_pass():
    rows = [fig("tax_relief_coverage", r, v, unit="%", basis="rate", cell=c)
            for r, v, c in [("330402", 100.0, "C5"), ("330411", 0.0, "C6"), ("330421", 100.5, "C7"),
                            ("330424", -1.0, "C8")]]
    found = check(rows, only="share_out_of_range")
    assert [(f.cell, f.severity) for f in found] == [("C7", "error"), ("C8", "error")]
    assert "100.5%" in found[0].message


def test_growth_rates_and_percentage_points_are_not_shares():
    rows = [fig("new_sme_growth", "330402", -26.2, unit="%", basis="rate"),
            fig("below_scale_va_growth", "330402", 135.0, unit="%", basis="rate", cell="B3"),
            fig("sme_npl_tolerance", "330402", 250.0, unit="个百分点", basis="rate", cell="B4")]
    assert check(rows, only="share_out_of_range") == []


def test_share_bounds_are_parameters():
    rows = [fig("tech_rd_share", "330402", 40.0, unit="%", basis="rate")]
    assert check(rows, only="share_out_of_range") == []
    assert len(check(rows, load_rules({"share_out_of_range": {"upper": 30.0}}), only="share_out_of_range")) == 1
