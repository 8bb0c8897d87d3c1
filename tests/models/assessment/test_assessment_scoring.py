"""The scoring scheme file and the scores, totals, ranks and grades, computed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from workbench.models.assessment.scoring import (
    ScoringSchemeError,
    default_scheme_path,
    dump_scheme,
    load_scheme,
    parse_scheme,
    score,
)
from workbench.models.plan import load_plan

X, Y, Z, W = "330402", "330411", "330421", "330424"
NAMES = {X: "南湖区", Y: "秀洲区", Z: "嘉善县", W: "海盐县", "330400": "嘉兴市"}

SCHEME = """
name = "测试方案"
progress_basis = "completion"
default_cap = 1.2
rank_points = [1.0, 0.8, 0.6]
[[indicators]]
code = "a"
weight = 50
rule = "proportional"
[[indicators]]
code = "b"
weight = 30
rule = "full_or_nothing"
[[indicators]]
code = "c"
weight = 20
rule = "by_rank"
[[bonus]]
code = "s"
name = "力争目标加分"
source = "stretch_met"
points = 0.5
max = 1
[[bonus]]
code = "m"
name = "工作创新加分"
source = "manual"
max = 3
[[deductions]]
code = "d"
name = "数据报送扣分"
source = "manual"
max = 2
"""


def make_row(code, region, kind, *, completion=math.nan, actual=math.nan, target=math.nan, passed=None,
             status="达进度", comparator=">=", time_progress=math.nan, stretch_met=None):
    return {"indicator_code": code, "region_code": region, "region_name": NAMES[region], "kind": kind,
            "comparator": comparator, "level": "city" if region == "330400" else "county", "actual": actual,
            "target": target, "completion": completion, "time_progress": time_progress, "status": status,
            "passed": passed, "stretch_met": stretch_met}


def frame(records) -> pd.DataFrame:
    out = pd.DataFrame(records)
    out["passed"] = out["passed"].astype("boolean")
    out["stretch_met"] = out["stretch_met"].astype("boolean")
    return out


def rows_abc() -> pd.DataFrame:
    records = [
        # a: proportional, cap 1.2 — 0.9 → 45; 1.5 → capped 60; 0.5 → 25; W has no figure
        make_row("a", X, "cumulative", completion=0.9, actual=90, target=100, passed=False),
        make_row("a", Y, "cumulative", completion=1.5, actual=150, target=100, passed=True, status="已完成"),
        make_row("a", Z, "cumulative", completion=0.5, actual=50, target=100, passed=False, status="欠进度"),
        make_row("a", W, "cumulative", target=100, status="无数据"),
        make_row("a", "330400", "cumulative", completion=0.7, actual=700, target=1000, passed=False),
        # b: full or nothing on a share
        *[make_row("b", r, "share", actual=a, target=2.5, completion=a / 2.5, passed=a >= 2.5,
                   status="达进度" if a >= 2.5 else "欠进度")
          for r, a in ((X, 2.6), (Y, 2.4), (Z, 3.0), (W, 2.5))],
        # c: by rank of actual/target — 12 and 12 tie for first, 8 third, 5 fourth (beyond the table)
        *[make_row("c", r, "annual_growth", actual=a, target=10, completion=a / 10, passed=a >= 10)
          for r, a in ((X, 12), (Y, 12), (Z, 8), (W, 5))],
    ]
    return frame(records)


def totals(counties: pd.DataFrame) -> dict:
    return dict(zip(counties["region_code"], counties["total_score"]))


def test_the_shipped_scheme_weighs_every_assessed_indicator_to_100():
    plan = load_plan()
    scheme = load_scheme(default_scheme_path(plan.id))
    assert scheme.total_weight == pytest.approx(100)
    assert scheme.problems(plan) == []
    assert {r.code for r in scheme.indicators} == {i.code for i in plan.indicators if i.assessed}
    assert [g[0] for g in scheme.grades] == ["优秀", "良好", "合格", "不合格"]
    assert scheme.grade(90) == "优秀" and scheme.grade(89.99) == "良好"
    assert scheme.grade(80) == "良好" and scheme.grade(60) == "合格" and scheme.grade(59.99) == "不合格"
    assert scheme.grade(math.nan) is None
    assert parse_scheme(dump_scheme(scheme)) == scheme


@pytest.mark.parametrize("old, new, message", [
    ("weight = 20", "weight = 50", "权重之和应为 100，现为 130"),
    ('rule = "by_rank"', 'rule = "by_rank"\nwieght = 1', "未知的项 wieght"),
    ('rule = "by_rank"', 'rule = "by_luck"', "未知的计分规则 'by_luck'"),
    ("max = 3", "max = -3", "不能小于 0"),
    ("rank_points = [1.0, 0.8, 0.6]", "rank_points = [0.6, 0.8]", "从高到低"),
])  # fmt: skip
def test_a_broken_scheme_is_refused_with_the_place(old, new, message):
    with pytest.raises(ScoringSchemeError, match=message) as caught:
        parse_scheme(SCHEME.replace(old, new, 1), "我的方案.toml")
    assert str(caught.value).startswith("我的方案.toml")


def test_load_scheme_reads_text_or_a_file(tmp_path):
    path = tmp_path / "方案.toml"
    path.write_text(SCHEME, encoding="utf-8")
    assert load_scheme(path) == load_scheme(str(path)) == load_scheme(SCHEME)
    with pytest.raises(ScoringSchemeError, match="找不到"):
        load_scheme(tmp_path / "没有.toml")


def test_hand_computed_scores_totals_ranks_and_grades():
    scheme = parse_scheme(SCHEME)
    rows, counties = score(rows_abc(), scheme)
    got = {(r.indicator_code, r.region_code): r.score for r in rows.itertuples()}
    assert got[("a", X)] == pytest.approx(45) and got[("a", Y)] == pytest.approx(60)
    assert got[("a", Z)] == pytest.approx(25) and math.isnan(got[("a", W)])
    assert math.isnan(got[("a", "330400")])  # the city is not scored
    assert [got[("b", r)] for r in (X, Y, Z, W)] == [30, 0, 30, 30]
    assert [got[("c", r)] for r in (X, Y, Z, W)] == pytest.approx([20, 20, 12, 12])  # ranks 1, 1, 3, 4
    assert list(rows.loc[rows.indicator_code == "c", "rank_in_indicator"]) == [1, 1, 3, 4]
    # W: a is missing, its 50 points are spread over b and c: (30 + 12) × 100 / 50 = 84
    assert totals(counties) == pytest.approx({X: 95, Y: 80, Z: 67, W: 84})
    assert list(counties["region_code"]) == [X, W, Y, Z]
    assert list(counties["rank"]) == [1, 2, 3, 4]
    assert list(counties["grade"]) == ["优秀", "良好", "良好", "合格"]
    assert counties.set_index("region_code").loc[W, "indicators_missing"] == 1


def test_missing_scores_zero_under_the_zero_policy():
    _, counties = score(rows_abc(), parse_scheme(SCHEME), missing_policy="zero")
    assert totals(counties)[W] == pytest.approx(42)
    assert counties.set_index("region_code").loc[W, "grade"] == "不合格"
    rows = rows_abc()
    rows.attrs["missing_policy"] = "zero"  # as assess() passes the setting on
    assert totals(score(rows, parse_scheme(SCHEME))[1])[W] == pytest.approx(42)


def test_equal_totals_share_the_smallest_rank_and_rank_change_compares():
    rows = rows_abc()
    rows.loc[(rows.indicator_code == "a") & (rows.region_code == Y), ["completion", "actual"]] = [1.8, 180]
    rows.loc[(rows.indicator_code == "b") & (rows.region_code == Y), "passed"] = True
    rows.loc[(rows.indicator_code == "b") & (rows.region_code == X), "passed"] = True
    # X = 45 + 30 + 20 = 95, Y = 60 + 30 + 20 = 110 → make X equal by raising a to 1.2 (capped)
    rows.loc[(rows.indicator_code == "a") & (rows.region_code == X), "completion"] = 1.3
    previous = pd.DataFrame({"region_code": [X, Y, Z, W], "rank": [4, 3, 2, 1]})
    _, counties = score(rows, parse_scheme(SCHEME), previous=previous)
    by = counties.set_index("region_code")
    assert by.loc[X, "total_score"] == by.loc[Y, "total_score"] == pytest.approx(110)
    assert by.loc[X, "rank"] == by.loc[Y, "rank"] == 1
    assert by.loc[W, "rank"] == 3 and by.loc[Z, "rank"] == 4  # no rank 2 after a tie for first
    assert by.loc[X, "rank_change"] == 3 and by.loc[W, "rank_change"] == -2 and by.loc[Z, "rank_change"] == -2


def test_bonus_and_deductions_stay_within_their_bounds():
    rows = rows_abc()
    rows.loc[rows.region_code == Z, "stretch_met"] = True  # three rows → 1.5 points, at most 1
    manual = {X: {"m": 10, "d": 0.5}, Y: {"d": -5}}
    _, counties = score(rows, parse_scheme(SCHEME), adjustments=manual)
    by = counties.set_index("region_code")
    assert by.loc[X, "bonus"] == 3 and by.loc[X, "deduction"] == 0.5 and by.loc[X, "total_score"] == 97.5
    assert by.loc[Y, "deduction"] == 0 and by.loc[Y, "total_score"] == 80
    assert by.loc[Z, "bonus"] == 1 and by.loc[Z, "total_score"] == 68
    assert "工作创新加分+3" in by.loc[X, "adjustments"]


def test_score_basis_follows_time_progress_by_default():
    scheme = parse_scheme(SCHEME.replace('progress_basis = "completion"', 'progress_basis = "time_progress"'))
    rows = frame([make_row("a", X, "cumulative", completion=0.5, actual=50, target=100, passed=False,
                           time_progress=0.5),
                  make_row("a", Y, "cumulative", completion=0.25, actual=25, target=100, passed=False,
                           time_progress=0.5, status="严重滞后")])
    scored, counties = score(rows, scheme)
    assert list(scored["score_basis"]) == [1.0, 0.5]
    assert list(scored["score"]) == [50, 25]


def test_qualitative_and_ceiling_rows_score_by_their_verdict():
    scheme = parse_scheme(SCHEME.replace('code = "b"\nweight = 30\nrule = "full_or_nothing"',
                                         'code = "b"\nweight = 30\nrule = "proportional"'))
    rows = frame([make_row("b", X, "qualitative", passed=True, status="已完成"),
                  make_row("b", Y, "qualitative", passed=False, status="未完成"),
                  make_row("b", Z, "share", actual=1.5, target=2.0, comparator="<=", passed=True),
                  make_row("b", W, "share", actual=4.0, target=2.0, comparator="<=", passed=False)])
    scored, _ = score(rows, scheme)
    assert list(scored["score"]) == [30, 0, 30, 15]


def test_no_target_rows_are_left_out_of_the_weights():
    rows = rows_abc()
    rows.loc[(rows.indicator_code == "b") & (rows.region_code == X), ["status", "target"]] = ["无目标", math.nan]
    scored, counties = score(rows, parse_scheme(SCHEME), missing_policy="zero")
    assert math.isnan(scored[(scored.indicator_code == "b") & (scored.region_code == X)]["score"].iloc[0])
    # X: (45 + 20) × 100 / 70
    assert totals(counties)[X] == pytest.approx(round(65 * 100 / 70, 2))
