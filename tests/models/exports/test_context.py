"""The report context: one assessment and everything around it, gathered once."""

import pandas as pd
import pytest

from workbench.models.assessment.project_assessment import assess_project
from workbench.models.exports.context import ReportError, ReportOptions, report_context
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions


def test_the_context_holds_the_same_assessment_as_workbench_assess(demo_context, demo_project):
    plan = load_plan(demo_project.plan_id)
    direct = assess_project(demo_project, plan, load_regions(), "2019-09", previous_at="2019-06")
    pd.testing.assert_frame_equal(demo_context.assessment.counties, direct.counties)
    pd.testing.assert_frame_equal(demo_context.assessment.rows, direct.rows)


def test_history_runs_quarter_by_quarter_to_the_chosen_month(demo_context):
    assert [a.at for a in demo_context.history] == [
        "2018-03", "2018-06", "2018-09", "2018-12", "2019-03", "2019-06", "2019-09"]
    assert demo_context.history[-1].previous.at == "2019-06"


def test_selection_narrows_counties_and_indicators(demo_project):
    plan = load_plan(demo_project.plan_id)
    options = ReportOptions("2019-09", counties=("330402", "330481"), indicators=("new_sme", "new_sme_loans"))
    context = report_context(demo_project, plan, load_regions(), options)
    assert set(context.county_codes) == {"330402", "330481"}
    assert context.indicator_codes == ["new_sme", "new_sme_loans"]
    assert set(context.rows["region_code"]) == {"330400", "330402", "330481"}
    assert set(context.counties["region_code"]) == {"330402", "330481"}


def test_key_indicators_are_the_heaviest_by_weight(demo_context):
    weights = demo_context.assessment.rows.groupby("indicator_code")["weight"].max()
    keys = demo_context.key_indicator_codes
    assert 0 < len(keys) <= 8
    lightest_key = min(weights[c] for c in keys)
    others = [weights[c] for c in demo_context.indicator_codes if c not in keys and pd.notna(weights.get(c))]
    assert all(w <= lightest_key for w in others)


@pytest.mark.parametrize("kwargs, words", [
    ({"at": "2019-13"}, "无法识别"),
    ({"at": "2019-09", "outputs": ("html",)}, "输出内容"),
    ({"at": "2019-09", "chart_formats": ()}, "图表格式"),
])
def test_bad_options_are_refused_in_chinese(kwargs, words):
    with pytest.raises(ReportError, match=words):
        ReportOptions(**kwargs)


def test_a_month_outside_the_plan_or_an_unknown_county_is_refused(demo_project):
    plan = load_plan(demo_project.plan_id)
    with pytest.raises(ReportError, match="计划期"):
        report_context(demo_project, plan, load_regions(), ReportOptions("2021-03"))
    with pytest.raises(ReportError, match="330499"):
        report_context(demo_project, plan, load_regions(), ReportOptions("2019-09", counties=("330499",)))


def test_the_state_names_the_imports_and_changes_when_an_explanation_is_given(demo_project):
    plan = load_plan(demo_project.plan_id)
    from workbench.models.checks.project import check_project, explain

    before = report_context(demo_project, plan, load_regions(), ReportOptions("2019-09"))
    assert before.state["imports_in_force"] == 132
    found = check_project(demo_project, plan, load_regions())
    explain(demo_project, found[0].id, "口径调整，已电话核实", "tester")
    after = report_context(demo_project, plan, load_regions(), ReportOptions("2019-09"))
    assert after.state["digest"] != before.state["digest"]
    explained = [f for f in after.findings if f.explanation]
    assert [f.explanation for f in explained] == ["口径调整，已电话核实"]
