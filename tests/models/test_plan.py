"""The plan catalogue against an independent reading of the plan text in ../shared/seed."""

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from workbench.models.plan import COMPARATORS, KINDS, PlanError, available_plans, load_plan, parse_plan

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_4ffa563bcafd4705.txt"
FIGURE = re.compile(r"(\d+(?:\.\d+)?)(万平方米|台次|批次|亿元|家|户|个|%)")
BRACKET = re.compile(r"\(([^()]*?)牵头\)")


def _section_one() -> str:
    if not SEED.exists():
        pytest.skip(f"plan text not found at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    return text[text.index("一、主要目标"): text.index("二、重点任务")]


def _independent_reading() -> list[tuple[float, str, list[str], str]]:
    """(value, unit, leads, comparator) of every figure in section 一, read from the text itself.

    A bracket "(…牵头)" applies to every figure since the previous bracket.
    """
    text = _section_one()
    figures, start = [], 0
    for bracket in BRACKET.finditer(text):
        leads = bracket.group(1).split("、")
        chunk = text[start: bracket.start()]
        for m in FIGURE.finditer(chunk):
            before, after = chunk[max(0, m.start() - 4): m.start()], chunk[m.end(): m.end() + 2]
            if after.startswith("左右"):
                comparator = "about"
            elif before.endswith("超过"):
                comparator = ">"
            else:
                comparator = ">="
            figures.append((float(m.group(1)), m.group(2), leads, comparator))
        start = bracket.end()
    return figures


def test_every_quantified_target_of_section_one_is_an_indicator():
    plan = load_plan()
    figures = _independent_reading()
    assert len(figures) >= 30
    for value, unit, leads, comparator in figures:
        matches = [
            ind for ind in plan.indicators
            if ind.section == "一" and ind.target == value and ind.unit == unit and list(ind.lead) == leads
        ]
        assert matches, f"no indicator for {value}{unit} led by {leads}"
        assert any(ind.comparator == comparator for ind in matches), (value, unit, comparator)
    quantified = [ind for ind in plan.indicators if ind.section == "一" and not ind.qualitative]
    assert len(quantified) == len(figures), "an indicator of section 一 has no figure in the text"


def test_cli_plan_show_json_has_the_documented_keys_and_values():
    out = subprocess.run(
        [sys.executable, "-m", "workbench", "plan", "show", "--json"],
        capture_output=True, text=True, encoding="utf-8", check=True,
    ).stdout
    rows = json.loads(out)
    for key in ("code", "name", "unit", "target", "comparator", "kind", "lead", "source"):
        assert all(key in row for row in rows), key
    by_code = {row["code"]: row for row in rows}
    assert len(by_code) == len(rows), "codes are unique"
    new_sme = by_code["new_sme"]
    assert (new_sme["target"], new_sme["unit"], new_sme["lead"]) == (50000, "家", ["市市场监管局"])
    growth = by_code["new_sme_growth"]
    assert (growth["target"], growth["unit"], growth["comparator"], growth["kind"]) == (10, "%", "about", "annual_growth")
    assert by_code["sme_loan_increment_share"]["target"] == 20
    assert by_code["sme_loan_increment_share"]["section"] == "二"


def test_two_figures_in_one_sentence_are_two_indicators_with_the_same_source():
    plan = load_plan()
    sentence = [ind for ind in plan.indicators if "新增小微企业50000家" in ind.source]
    assert {ind.code for ind in sentence} == {"new_sme", "new_sme_growth"}


def test_qualitative_aims_are_marked_and_have_no_target():
    plan = load_plan()
    qualitative = {ind.name for ind in plan.indicators if ind.qualitative}
    assert any("全覆盖" in name for name in qualitative)
    assert any("两增两控" in name for name in qualitative)
    assert all(ind.target is None for ind in plan.indicators if ind.qualitative)


def _letters(text: str) -> str:
    """Text without punctuation, spaces and the bracketed lead, for comparing sentences."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\((?:[^()]*牵头|责任单位[^()]*)\)", "", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN" or ch == "%")


def test_every_source_sentence_is_in_the_plan_text():
    if not SEED.exists():
        pytest.skip(f"plan text not found at {SEED}")
    plan_text = _letters(SEED.read_text(encoding="utf-8"))
    for ind in load_plan().indicators:
        assert _letters(ind.source) in plan_text, ind.code


def test_plan_metadata():
    plan = load_plan()
    assert (plan.period_start, plan.period_end, plan.base_year, plan.months) == ("2018-01", "2020-12", 2017, 36)
    assert all(ind.kind in KINDS and ind.comparator in COMPARATORS for ind in plan.indicators)
    assert plan.indicator("indiv_to_company_share").parent == "indiv_to_enterprise"


MINIMAL = """
id = "test-plan"
name = "测试计划"
period_start = "2021-01"
period_end = "2021-12"
base_year = 2020
city = "330400"
[[indicators]]
code = "a"
name = "新增企业"
unit = "家"
target = 10
comparator = ">="
kind = "cumulative"
lead = ["市统计局"]
source = "新增企业10家。"
"""


def test_a_second_plan_is_a_file_dropped_into_the_folder(tmp_path, monkeypatch):
    import workbench.models.plan as plan_module

    folder = tmp_path / "plans"
    folder.mkdir()
    for entry in plan_module.resource("plans").iterdir():
        if entry.name.endswith(".toml"):
            (folder / entry.name).write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "second.toml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setattr(plan_module, "resource", lambda *parts: tmp_path.joinpath(*parts))
    plans = available_plans()
    assert set(plans) == {"jiaxing-sme-2018-2020", "test-plan"}
    assert plans["test-plan"].indicator("a").target == 10


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("kind = \"cumulative\"", "kind = \"growth\""), "未知的指标类型"),
        (("target = 10\n", ""), "target"),
        (("lead = [\"市统计局\"]", "lead = \"市统计局\""), "lead"),
        (("id = \"test-plan\"\n", ""), "id"),
        (("code = \"a\"", "code = \"a\"\ncolour = \"red\""), "colour"),
    ],
)
def test_a_broken_plan_file_names_the_problem(change, message):
    with pytest.raises(PlanError, match=message) as err:
        parse_plan(MINIMAL.replace(*change), "plans/broken.toml")
    assert "plans/broken.toml" in str(err.value)


def test_invalid_toml_is_a_plan_error():
    with pytest.raises(PlanError, match="TOML"):
        parse_plan("id = ", "plans/x.toml")
