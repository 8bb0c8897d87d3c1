"""Two departments reporting one figure must agree."""

from __future__ import annotations

from check_figures import check, fig

from workbench.models.checks import load_rules

RULE = "cross_department_mismatch"


def _both(a: float, b: float, **kw) -> list[dict]:
    return [fig("open_lab_services", "330481", a, unit="批次", department="科技局", file="科技局_2020年6月.ods",
                sheet="科技型小微企业", cell="H10", year=2020, last=6, **kw),
            fig("open_lab_services", "330481", b, unit="批次", department="质监局", file="质监局_2020年1-6月.xlsx",
                sheet="开放共享", cell="C7", year=2020, last=6, **kw)]


def test_two_departments_disagreeing_give_one_finding_in_each_file_naming_both_cells():
    found = check(_both(417, 359), only=RULE)
    assert sorted((f.file, f.sheet, f.cell) for f in found) == [
        ("科技局_2020年6月.ods", "科技型小微企业", "H10"), ("质监局_2020年1-6月.xlsx", "开放共享", "C7")]
    assert all(f.severity == "error" and f.region_code == "330481" and f.period == "2020-01..06" for f in found)
    zhijian = next(f for f in found if f.file.startswith("质监局"))
    assert "359批次" in zhijian.message and "417批次" in zhijian.message and "H10" in zhijian.message
    assert zhijian.details["others"][0]["cell"] == "H10"
    assert len({f.key for f in found}) == 2


def test_agreeing_departments_pass_and_the_tolerance_is_a_parameter():
    assert check(_both(417, 417), only=RULE) == []
    assert check(_both(417, 359), load_rules({RULE: {"relative_tolerance": 0.2}}), only=RULE) == []
    assert check(_both(417, 359), load_rules({RULE: {"absolute_tolerance": 58.0}}), only=RULE) == []


def test_rounded_figures_may_differ_by_their_rounding():
    rows = _both(12.35, 12.4)
    rows[0]["raw_text"], rows[1]["raw_text"] = "12.35", "12.4"
    assert check(rows, only=RULE) == []  # 12.4 is 12.35 rounded to one decimal
    rows[1]["value"], rows[1]["raw_text"] = 12.5, "12.5"
    assert len(check(rows, only=RULE)) == 2


def test_one_department_is_not_compared_with_itself_nor_other_periods():
    rows = _both(417, 359)
    rows[1]["department"] = "科技局"
    assert check(rows, only=RULE) == []
    rows = _both(417, 359)
    rows[1]["last_month"] = 9
    assert check(rows, only=RULE) == []
