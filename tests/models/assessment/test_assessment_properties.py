"""Properties that hold for any figures: completion rises with the actual, 序时进度 with the
date, and every score stays within its bounds."""

from __future__ import annotations

import math

import pandas as pd
from assessment_cases import PLAN, XIUZHOU, obs, row, targets
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.models.assessment import assess
from workbench.models.assessment.scoring import parse_scheme, score
from workbench.models.assessment.settings import STATUSES
from workbench.models.periods import time_progress

amounts = st.floats(min_value=0, max_value=1e6, allow_nan=False)
rates = st.floats(min_value=-50, max_value=150, allow_nan=False)
months = st.tuples(st.integers(2016, 2022), st.integers(1, 12))


@settings(max_examples=60, deadline=None)
@given(earlier=amounts, a=amounts, b=amounts, target=st.floats(min_value=1, max_value=1e6))
def test_completion_rises_with_the_actual_amount(earlier, a, b, target):
    low, high = sorted((a, b))
    results = []
    for value in (low, high):
        frame = obs(("amt", XIUZHOU, 2018, 1, 12, "ytd", earlier), ("amt", XIUZHOU, 2019, 1, 9, "ytd", value))
        results.append(row(assess(frame, targets(("amt", XIUZHOU, target)), PLAN, "2019-09"), "amt", XIUZHOU))
    assert results[0]["completion"] <= results[1]["completion"]
    assert results[0]["gap_pp"] <= results[1]["gap_pp"]
    assert all(r["status"] in STATUSES for r in results)


@settings(max_examples=60, deadline=None)
@given(a=rates, b=rates, target=st.floats(min_value=0.5, max_value=50),
       code=st.sampled_from(["share", "growth", "growth_ge"]))
def test_completion_and_passing_rise_with_the_actual_rate(a, b, target, code):
    low, high = sorted((a, b))
    results = [row(assess(obs((code, XIUZHOU, 2019, 1, 9, "rate", v)), targets((code, XIUZHOU, target)), PLAN,
                          "2019-09"), code, XIUZHOU) for v in (low, high)]
    assert results[0]["completion"] <= results[1]["completion"]
    assert bool(results[0]["passed"]) <= bool(results[1]["passed"])  # once met, more stays met


@given(first=months, second=months)
def test_time_progress_rises_with_the_date_and_stays_within_0_and_1(first, second):
    early, late = sorted((first, second))
    tp_early = time_progress("2018-01", "2020-12", early)
    tp_late = time_progress("2018-01", "2020-12", late)
    assert 0 <= tp_early <= tp_late <= 1


@settings(max_examples=25, deadline=None)
@given(first=st.integers(0, 35), second=st.integers(0, 35))
def test_the_engine_time_progress_rises_with_the_date(first, second):
    frame = obs(*[("amt", XIUZHOU, y, 1, m, "ytd", 10.0 * m) for y in (2018, 2019, 2020) for m in range(1, 13)])
    at = [f"{2018 + i // 12}-{i % 12 + 1:02d}" for i in sorted((first, second))]
    tps = [row(assess(frame, targets(("amt", XIUZHOU, 300)), PLAN, when), "amt", XIUZHOU)["time_progress"]
           for when in at]
    assert tps[0] <= tps[1]
    assert tps[1] == (sorted((first, second))[1] + 1) / 36


SCHEME = parse_scheme("""
default_cap = 1.2
rank_points = [1.0, 0.9, 0.5]
[[indicators]]
code = "p"
weight = 40
rule = "proportional"
[[indicators]]
code = "q"
weight = 25
rule = "proportional"
cap = 1.5
[[indicators]]
code = "f"
weight = 20
rule = "full_or_nothing"
[[indicators]]
code = "r"
weight = 15
rule = "by_rank"
[[bonus]]
code = "s"
name = "力争"
source = "stretch_met"
points = 0.7
max = 2
[[bonus]]
code = "m"
name = "手工"
source = "manual"
max = 3
[[deductions]]
code = "d"
name = "扣分"
source = "seriously_behind"
points = 1
max = 4
""")
COUNTIES = ["330402", "330411", "330421", "330424", "330481", "330482", "330483"]
row_values = st.fixed_dictionaries({
    "kind": st.sampled_from(["cumulative", "stock", "annual_growth", "share", "qualitative"]),
    "comparator": st.sampled_from([">=", ">", "about", "<=", "="]),
    "actual": st.one_of(st.just(math.nan), st.floats(-100, 1e4, allow_nan=False)),
    "target": st.one_of(st.just(math.nan), st.floats(0, 1e4, allow_nan=False)),
    "time_progress": st.floats(0, 1, allow_nan=False),
    "status": st.sampled_from(STATUSES),
    "passed": st.sampled_from([True, False, None]),
    "stretch_met": st.sampled_from([True, False, None]),
})


@settings(max_examples=80, deadline=None)
@given(values=st.lists(row_values, min_size=28, max_size=28), manual=st.floats(-10, 10),
       policy=st.sampled_from(["exclude", "zero"]))
def test_every_score_stays_within_its_bounds(values, manual, policy):
    records = []
    for i, v in enumerate(values):
        code = "pqfr"[i // 7]
        actual, target = v["actual"], v["target"]
        completion = actual / target if target and not math.isnan(actual) and not math.isnan(target) else math.nan
        records.append({**v, "indicator_code": code, "region_code": COUNTIES[i % 7], "region_name": "",
                        "level": "county", "completion": completion})
    rows = pd.DataFrame(records)
    rows["passed"] = rows["passed"].astype("boolean")
    rows["stretch_met"] = rows["stretch_met"].astype("boolean")
    scored, counties = score(rows, SCHEME, adjustments={c: {"m": manual} for c in COUNTIES}, missing_policy=policy)
    for r in scored.itertuples():
        rule = SCHEME.rule(r.indicator_code)
        if not math.isnan(r.score):
            assert 0 <= r.score <= rule.weight * SCHEME.cap(rule) + 1e-9
    assert (counties["bonus"] >= 0).all() and (counties["bonus"] <= 5).all()
    assert (counties["deduction"] >= 0).all() and (counties["deduction"] <= 4).all()
    # the base is the scored points spread to the full weight: at most the largest cap × 100
    ceiling = max(SCHEME.cap(r) for r in SCHEME.indicators) * SCHEME.total_weight + 5
    finite = counties["total_score"].dropna()
    assert ((finite >= 0) & (finite <= ceiling)).all()
    ranks = counties["rank"].dropna().astype(int)
    assert sorted(ranks) == sorted(finite.rank(ascending=False, method="min").astype(int))
