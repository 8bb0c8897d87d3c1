"""Rules and thresholds are data: the shipped rules.toml and a user's overrides."""

from __future__ import annotations

import tomllib

import pytest

from workbench.models.checks import RulesError, load_rules
from workbench.models.checks.engine import CHECKS, HISTORY_RULES
from workbench.models.resources import read_text

REQUIRED = {"county_sum_mismatch", "ytd_decrease", "duplicate_region", "missing_region", "missing_value",
            "sub_item_exceeds_parent", "share_out_of_range", "unit_slip", "history_jump",
            "cross_department_mismatch"}


def test_every_rule_is_defined_once_in_the_shipped_file_with_a_chinese_name_and_a_tier():
    data = tomllib.loads(read_text("checks", "rules.toml"))
    assert set(data["rules"]) == REQUIRED == set(CHECKS) | set(HISTORY_RULES)
    rules = load_rules()
    for rule in rules:
        assert rule.severity in ("error", "warning") and rule.enabled
        assert any("\u4e00" <= ch <= "\u9fff" for ch in rule.name), rule.id
    assert rules["unit_slip"]["ratios"][0] == 10000 and rules["history_jump"]["ratio"] == 10
    assert (rules["share_out_of_range"]["lower"], rules["share_out_of_range"]["upper"]) == (0, 100)
    assert rules["missing_value"].severity == "warning" and rules["county_sum_mismatch"].severity == "error"


def test_an_override_changes_only_what_it_names(tmp_path):
    path = tmp_path / "我的规则.toml"
    path.write_text("[rules.history_jump]\nenabled = false\n[rules.county_sum_mismatch]\n"
                    "relative_tolerance = 0.01\nseverity = \"warning\"\n", encoding="utf-8")
    rules = load_rules(path)
    assert not rules.enabled("history_jump") and rules.enabled("unit_slip")
    assert rules["county_sum_mismatch"]["relative_tolerance"] == 0.01
    assert rules["county_sum_mismatch"].severity == "warning"
    assert rules["county_sum_mismatch"]["absolute_tolerance"] == load_rules()["county_sum_mismatch"]["absolute_tolerance"]
    # the same as a dict, with or without the "rules" level, and as TOML text
    assert not load_rules({"rules": {"history_jump": {"enabled": False}}}).enabled("history_jump")
    assert not load_rules({"history_jump": {"enabled": False}}).enabled("history_jump")
    assert load_rules('[rules.unit_slip]\nband = 2.0\n')["unit_slip"]["band"] == 2.0


@pytest.mark.parametrize(("override", "words"), [
    ({"histroy_jump": {"enabled": False}}, "没有审核规则“histroy_jump”"),
    ({"history_jump": {"ration": 5}}, "没有参数“ration”"),
    ({"history_jump": {"ratio": "十"}}, "应为数值"),
    ({"history_jump": {"enabled": "no"}}, "true 或 false"),
    ({"unit_slip": {"severity": "fatal"}}, "error 或 warning"),
    ({"county_sum_mismatch": {"relative_tolerance": -1}}, "不能为负数"),
    ("[rules.history_jump\n", "不是有效的 TOML"),
])
def test_a_wrong_override_is_refused_with_a_chinese_message(override, words):
    with pytest.raises(RulesError, match=words):
        load_rules(override)


def test_an_unreadable_rules_file_is_a_rules_error(tmp_path):
    with pytest.raises(RulesError, match="无法读取"):
        load_rules(tmp_path / "不存在.toml")
