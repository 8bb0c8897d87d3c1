"""The smallest override a project stores for the rules a user edited (审核规则 dialog)."""

from workbench.models.checks import load_rules, rules_override


def test_unchanged_rules_need_no_override():
    assert rules_override(load_rules()) == {"rules": {}}


def test_only_the_changed_keys_are_kept_and_load_back_the_same():
    edited = load_rules({"rules": {"county_sum_mismatch": {"enabled": False},
                                   "history_jump": {"ratio": 20.0, "severity": "error"},
                                   "unit_slip": {"ratios": [10000.0]}}})
    override = rules_override(edited)
    assert override == {"rules": {"county_sum_mismatch": {"enabled": False},
                                  "history_jump": {"ratio": 20.0, "severity": "error"},
                                  "unit_slip": {"ratios": [10000.0]}}}
    assert load_rules(override) == edited


def test_changed_bases_are_kept():
    edited = load_rules({"bases": ["ytd"]})
    assert rules_override(edited) == {"rules": {}, "bases": ["ytd"]}
