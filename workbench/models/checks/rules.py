"""The rule definitions of the checks: ``resources/checks/rules.toml`` plus a user's overrides.

Rules and thresholds are data. :func:`load_rules` reads the shipped defaults and merges an
optional override over them (a dict, TOML text or a TOML file holding only the keys it
changes). An override may switch a rule off, change its severity or any parameter; it
may not invent rules or parameters, so a misspelt key is refused with a Chinese message
instead of silently doing nothing.
"""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.models.errors import WorkbenchError
from workbench.models.resources import read_text

SEVERITIES = {"error": "错误", "warning": "提示"}
_FIXED = ("name", "severity", "enabled", "description")


class RulesError(WorkbenchError, ValueError):
    """A rules file or override that cannot be used; the message says which key and why."""


@dataclass(frozen=True)
class Rule:
    """One check: its id, Chinese name, severity, switch and parameters."""

    id: str
    name: str
    severity: str
    enabled: bool = True
    description: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)


@dataclass(frozen=True)
class RuleSet:
    """All rules, by id, and the bases of the figures the checks look at."""

    rules: Mapping[str, Rule]
    bases: tuple[str, ...] = ("ytd", "period", "stock", "rate")

    def __getitem__(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules.values())

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self.rules

    def enabled(self, rule_id: str) -> bool:
        """Whether the rule exists and is switched on."""
        rule = self.rules.get(rule_id)
        return bool(rule and rule.enabled)

    def as_dict(self) -> dict:
        """The rule set as plain data (the shape of ``rules.toml``)."""
        return {"bases": list(self.bases), "rules": {
            r.id: {"name": r.name, "severity": r.severity, "enabled": r.enabled,
                   "description": r.description, **copy.deepcopy(dict(r.params))} for r in self}}


def default_rules_data() -> dict:
    """The shipped ``rules.toml`` as a dict."""
    return tomllib.loads(read_text("checks", "rules.toml"))


def load_rules(override: Mapping | str | os.PathLike | None = None) -> RuleSet:
    """Return the shipped rules, with ``override`` merged over them.

    Parameters
    ----------
    override : dict, str or path-like, optional
        A dict shaped like ``rules.toml`` (``{"rules": {"history_jump": {"enabled":
        False}}}``; the ``rules`` level may be left out), TOML text, or the path of a
        TOML file. Only the keys it names change.

    Returns
    -------
    RuleSet

    Raises
    ------
    RulesError
        If the override names an unknown rule or parameter, gives a value of the wrong
        type, or a severity other than ``error``/``warning``.
    """
    data = default_rules_data()
    base = _ruleset(data, "rules.toml")
    if override is None:
        return base
    extra, origin = _override_data(override)
    merged = copy.deepcopy(data)
    if "bases" in extra:
        merged["bases"] = extra["bases"]
    rules = extra.get("rules", {k: v for k, v in extra.items() if k not in ("bases", "schema")})
    if not isinstance(rules, Mapping):
        raise RulesError(f"{origin}：rules 应为表（每条规则一个 [rules.规则代码]）")
    for rule_id, changes in rules.items():
        if rule_id not in merged["rules"]:
            known = "、".join(merged["rules"])
            raise RulesError(f"{origin}：没有审核规则“{rule_id}”（已有：{known}）")
        if not isinstance(changes, Mapping):
            raise RulesError(f"{origin}：规则“{rule_id}”的设置应为表")
        target = merged["rules"][rule_id]
        for key, value in changes.items():
            if key not in target:
                params = "、".join(k for k in target if k not in _FIXED) or "无"
                raise RulesError(f"{origin}：规则“{rule_id}”没有参数“{key}”（可设：enabled、severity、{params}）")
            target[key] = _same_type(target[key], value, f"{origin}：规则“{rule_id}”的“{key}”")
    return _ruleset(merged, origin)


def rules_override(rules: RuleSet) -> dict:
    """The smallest override turning the shipped rules into ``rules`` (what a project stores).

    Only the keys that differ from ``rules.toml`` are kept (``enabled``, ``severity`` and
    parameters; names and descriptions are not the user's to change), so a later release
    that retunes a default still reaches every project that did not touch it.

    Returns
    -------
    dict
        ``{"rules": {rule_id: {key: value}}}`` (plus ``bases`` when changed); empty rules
        when nothing differs. ``load_rules(rules_override(r))`` equals ``r``.
    """
    shipped = load_rules().as_dict()
    wanted = rules.as_dict()
    changes: dict[str, dict] = {}
    for rule_id, values in wanted["rules"].items():
        base = shipped["rules"].get(rule_id, {})
        diff = {k: copy.deepcopy(v) for k, v in values.items()
                if k not in ("name", "description") and base.get(k) != v}
        if diff:
            changes[rule_id] = diff
    out: dict = {"rules": changes}
    if list(wanted["bases"]) != list(shipped["bases"]):
        out["bases"] = list(wanted["bases"])
    return out


def _override_data(override) -> tuple[dict, str]:
    if isinstance(override, Mapping):
        return dict(override), "审核规则设置"
    text, origin = None, "审核规则设置"
    if isinstance(override, os.PathLike) or (isinstance(override, str) and "\n" not in override
                                             and override.strip().endswith(".toml")):
        path = Path(override)
        origin = path.name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise RulesError(f"无法读取审核规则文件“{path}”：{exc.strerror or exc}") from exc
    else:
        text = str(override)
    try:
        return tomllib.loads(text), origin
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{origin}：不是有效的 TOML（{exc}）") from exc


def _same_type(old: Any, new: Any, where: str) -> Any:
    if isinstance(old, bool):
        if not isinstance(new, bool):
            raise RulesError(f"{where}应为 true 或 false")
        return new
    if isinstance(old, (int, float)):
        if isinstance(new, bool) or not isinstance(new, (int, float)):
            raise RulesError(f"{where}应为数值")
        return float(new) if isinstance(old, float) else new
    if isinstance(old, str):
        if not isinstance(new, str):
            raise RulesError(f"{where}应为文字")
        return new
    if isinstance(old, list):
        if not isinstance(new, list):
            raise RulesError(f"{where}应为列表")
        return new
    if isinstance(old, Mapping):
        if not isinstance(new, Mapping):
            raise RulesError(f"{where}应为表")
        return dict(new)
    return new


def _ruleset(data: dict, origin: str) -> RuleSet:
    rules = {}
    for rule_id, raw in (data.get("rules") or {}).items():
        missing = [k for k in ("name", "severity") if k not in raw]
        if missing:
            raise RulesError(f"{origin}：规则“{rule_id}”缺少 {', '.join(missing)}")
        if raw["severity"] not in SEVERITIES:
            raise RulesError(f"{origin}：规则“{rule_id}”的 severity 应为 error 或 warning，而不是“{raw['severity']}”")
        params = {k: copy.deepcopy(v) for k, v in raw.items() if k not in _FIXED}
        for key in ("absolute_tolerance", "relative_tolerance", "ratio", "band", "min_count"):
            if key in params and params[key] < 0:
                raise RulesError(f"{origin}：规则“{rule_id}”的“{key}”不能为负数")
        if rule_id == "history_jump" and params.get("ratio", 10) <= 1:
            raise RulesError(f"{origin}：规则“history_jump”的 ratio 应大于 1")
        if rule_id == "unit_slip" and params.get("band", 3) < 1:
            raise RulesError(f"{origin}：规则“unit_slip”的 band 不能小于 1")
        rules[rule_id] = Rule(rule_id, str(raw["name"]), raw["severity"], bool(raw.get("enabled", True)),
                              str(raw.get("description", "")), params)
    bases = data.get("bases", ["ytd", "period", "stock", "rate"])
    if not isinstance(bases, list) or not all(isinstance(b, str) for b in bases):
        raise RulesError(f"{origin}：bases 应为口径列表")
    return RuleSet(rules, tuple(bases))
