"""The scoring scheme of a plan: a TOML file the user may edit (weights, rules, bonus, grades).

The shipped default lives in ``resources/scoring/<plan id>.toml`` and documents every key;
:func:`load_scheme` reads that file or any edited copy and refuses, with a message naming the
file and the key, anything it cannot use. :func:`dump_scheme` writes a scheme back as TOML
(for an editor). Import these names from :mod:`workbench.models.assessment.scoring`.
"""

from __future__ import annotations

import json
import math
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from workbench.models.errors import WorkbenchError
from workbench.models.resources import resource

SCHEME_KEY = "scoring_scheme"  # project setting: the TOML text of an edited scheme
RULES = {
    "proportional": "按完成程度计分：min(完成度, 封顶) × 权重",
    "full_or_nothing": "达标得满分，未达标不得分",
    "by_rank": "按各县（市、区）位次计分",
}
SOURCES = {
    "manual": "手工录入（每县的分值由使用者给出）",
    "stretch_met": "每项达到力争目标的指标计一次",
    "seriously_behind": "每项严重滞后的指标计一次",
    "blocked": "每项因审核错误待审核的指标计一次",
}
PROGRESS_BASES = {
    "time_progress": "完成度按序时进度折算（完成率 ÷ 序时进度），季度考核中途也能得满分",
    "completion": "完成度即完成率（实际 ÷ 目标），不按序时进度折算",
}
DEFAULT_GRADES = (("优秀", 90.0), ("良好", 80.0), ("合格", 60.0), ("不合格", -math.inf))
DEFAULT_RANK_POINTS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4)


class ScoringSchemeError(WorkbenchError, ValueError):
    """A scheme file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class IndicatorRule:
    """How one indicator scores: its weight (points out of 100) and rule."""

    code: str
    weight: float
    rule: str = "proportional"
    cap: float | None = None  # proportional: None takes the scheme's default_cap
    rank_points: tuple[float, ...] | None = None  # by_rank: None takes the scheme's rank_points
    note: str = ""


@dataclass(frozen=True)
class Adjustment:
    """A bonus or deduction item: ``points`` per occurrence of ``source``, at most ``max``."""

    code: str
    name: str
    kind: str  # "bonus" or "deduction"
    source: str = "manual"
    points: float = 1.0
    max: float = 0.0
    note: str = ""


@dataclass(frozen=True)
class ScoringScheme:
    """A complete scoring scheme (see the shipped TOML file for the meaning of each field)."""

    name: str
    plan: str
    indicators: tuple[IndicatorRule, ...]
    adjustments: tuple[Adjustment, ...] = ()
    grades: tuple[tuple[str, float], ...] = DEFAULT_GRADES
    default_cap: float = 1.2
    rank_points: tuple[float, ...] = DEFAULT_RANK_POINTS
    progress_basis: str = "time_progress"
    decimals: int = 2
    origin: str = field(default="<scheme>", compare=False)

    def rule(self, code: str) -> IndicatorRule | None:
        """The rule of indicator ``code``, or None when it is not scored."""
        return next((r for r in self.indicators if r.code == code), None)

    @property
    def total_weight(self) -> float:
        return sum(r.weight for r in self.indicators)

    def cap(self, rule: IndicatorRule) -> float:
        """The largest fraction of its weight an indicator can score."""
        if rule.rule == "proportional":
            return rule.cap if rule.cap is not None else self.default_cap
        return 1.0

    def grade(self, total: float) -> str | None:
        """The grade band of a total score (None for a missing total)."""
        if total is None or (isinstance(total, float) and math.isnan(total)):
            return None
        for name, lower in self.grades:
            if total >= lower:
                return name
        return self.grades[-1][0]

    def problems(self, plan) -> list[str]:
        """What does not fit ``plan``: unknown codes, assessed indicators without a weight."""
        codes = {ind.code for ind in plan.indicators}
        out = [f"评分方案中的指标 {r.code} 不在计划中" for r in self.indicators if r.code not in codes]
        out += [f"考核指标 {ind.code}（{ind.name}）没有权重，不计分" for ind in plan.indicators
                if ind.assessed and self.rule(ind.code) is None]
        return out


def _number(value, where: str, minimum: float | None = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ScoringSchemeError(f"{where} 应为数值，而不是 {value!r}")
    if minimum is not None and value < minimum:
        raise ScoringSchemeError(f"{where} 不能小于 {minimum:g}（现为 {value:g}）")
    return float(value)


def _known(raw: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ScoringSchemeError(f"{where}：未知的项 {', '.join(unknown)}（可用：{', '.join(sorted(allowed))}）")


def _points(raw, where: str) -> tuple[float, ...]:
    if not isinstance(raw, list) or not raw:
        raise ScoringSchemeError(f"{where} 应为非空的数值列表")
    points = tuple(_number(p, where) for p in raw)
    if any(p > 1 for p in points) or any(b > a for a, b in zip(points, points[1:])):
        raise ScoringSchemeError(f"{where} 应为 0 到 1 之间、从高到低排列的得分比例")
    return points


def _indicator(raw: dict, where: str) -> IndicatorRule:
    _known(raw, {"code", "weight", "rule", "cap", "rank_points", "note"}, where)
    if not isinstance(raw.get("code"), str) or not raw["code"]:
        raise ScoringSchemeError(f"{where}：缺少指标代码 code")
    rule = raw.get("rule", "proportional")
    if rule not in RULES:
        raise ScoringSchemeError(f"{where}：未知的计分规则 {rule!r}（可选：{', '.join(RULES)}）")
    cap = raw.get("cap")
    if cap is not None:
        cap = _number(cap, f"{where} 的 cap", 0.0)
        if cap <= 0:
            raise ScoringSchemeError(f"{where} 的 cap 应大于 0")
    points = _points(raw["rank_points"], f"{where} 的 rank_points") if "rank_points" in raw else None
    return IndicatorRule(raw["code"], _number(raw.get("weight"), f"{where} 的 weight"), rule, cap, points,
                         str(raw.get("note", "")))


def _adjustment(raw: dict, kind: str, where: str) -> Adjustment:
    _known(raw, {"code", "name", "source", "points", "max", "note"}, where)
    for key in ("code", "name"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise ScoringSchemeError(f"{where}：缺少 {key}")
    source = raw.get("source", "manual")
    if source not in SOURCES:
        raise ScoringSchemeError(f"{where}：未知的来源 {source!r}（可选：{', '.join(SOURCES)}）")
    return Adjustment(raw["code"], raw["name"], kind, source, _number(raw.get("points", 1.0), f"{where} 的 points"),
                      _number(raw.get("max"), f"{where} 的 max"), str(raw.get("note", "")))


def parse_scheme(text: str, origin: str = "<scheme>") -> ScoringScheme:
    """Build a :class:`ScoringScheme` from TOML text; ``origin`` names the file in errors.

    Raises
    ------
    ScoringSchemeError
        On invalid TOML, an unknown key, a bad value, or weights not adding up to 100.
    """
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScoringSchemeError(f"{origin}：不是有效的 TOML 文件（{exc}）") from exc
    _known(raw, {"schema", "name", "plan", "progress_basis", "default_cap", "rank_points", "decimals",
                 "indicators", "bonus", "deductions", "grades"}, origin)
    indicators = tuple(_indicator(item, f"{origin} 第 {i + 1} 个指标（{item.get('code', '?')}）")
                       for i, item in enumerate(raw.get("indicators", [])))
    if not indicators:
        raise ScoringSchemeError(f"{origin}：没有任何指标（[[indicators]]）")
    codes = [r.code for r in indicators]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise ScoringSchemeError(f"{origin}：指标重复：{', '.join(dupes)}")
    total = sum(r.weight for r in indicators)
    if abs(total - 100.0) > 1e-6:
        raise ScoringSchemeError(f"{origin}：各指标权重之和应为 100，现为 {total:g}")
    adjustments = tuple(_adjustment(item, "bonus", f"{origin} 加分项 {item.get('code', '?')}")
                        for item in raw.get("bonus", []))
    adjustments += tuple(_adjustment(item, "deduction", f"{origin} 扣分项 {item.get('code', '?')}")
                         for item in raw.get("deductions", []))
    grades = DEFAULT_GRADES
    if "grades" in raw:
        grades = []
        for i, g in enumerate(raw["grades"]):
            where = f"{origin} 第 {i + 1} 个等级"
            _known(g, {"name", "min"}, where)
            if not isinstance(g.get("name"), str) or not g["name"]:
                raise ScoringSchemeError(f"{where}：缺少 name")
            grades.append((g["name"], _number(g["min"], f"{where} 的 min", None) if "min" in g else -math.inf))
        grades = tuple(sorted(grades, key=lambda g: -g[1]))
        if not grades:
            raise ScoringSchemeError(f"{origin}：grades 不能为空")
    basis = raw.get("progress_basis", "time_progress")
    if basis not in PROGRESS_BASES:
        raise ScoringSchemeError(f"{origin}：progress_basis 应为 {' 或 '.join(PROGRESS_BASES)}")
    decimals = raw.get("decimals", 2)
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 6:
        raise ScoringSchemeError(f"{origin}：decimals 应为 0 到 6 的整数")
    cap = _number(raw.get("default_cap", 1.2), f"{origin} 的 default_cap")
    points = _points(raw["rank_points"], f"{origin} 的 rank_points") if "rank_points" in raw else DEFAULT_RANK_POINTS
    return ScoringScheme(name=str(raw.get("name", "评分方案")), plan=str(raw.get("plan", "")), indicators=indicators,
                         adjustments=adjustments, grades=grades, default_cap=cap, rank_points=points,
                         progress_basis=basis, decimals=decimals, origin=origin)


def load_scheme(path_or_text) -> ScoringScheme:
    """Load a scheme from a file (a path or an ``importlib.resources`` entry) or from TOML text.

    A ``str`` without a line break that names an existing file (or ends with ``.toml``) is a
    path; any other ``str`` is the TOML text itself.
    """
    if isinstance(path_or_text, str):
        looks_like_path = "\n" not in path_or_text and (path_or_text.endswith(".toml") or os.path.isfile(path_or_text))
        if not looks_like_path:
            return parse_scheme(path_or_text)
        path_or_text = Path(path_or_text)
    name = getattr(path_or_text, "name", str(path_or_text))
    try:
        text = path_or_text.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScoringSchemeError(f"找不到评分方案文件“{path_or_text}”") from None
    except UnicodeDecodeError as exc:
        raise ScoringSchemeError(f"{name}：不是 UTF-8 文本文件（{exc.reason}）") from exc
    return parse_scheme(text, name)


def default_scheme_path(plan_id: str) -> Path:
    """The shipped scheme of plan ``plan_id`` (``resources/scoring/<plan_id>.toml``)."""
    entry = resource("scoring", f"{plan_id}.toml")
    if not entry.is_file():
        raise ScoringSchemeError(f"计划 {plan_id} 没有随附的评分方案（resources/scoring/{plan_id}.toml）")
    return Path(str(entry))


def _toml_value(value) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(float(value)) if isinstance(value, float) else str(value)


def _table(header: str | None, **values) -> list[str]:
    """TOML lines of one table; None values are left out."""
    lines = [header] if header else []
    return lines + [f"{key} = {_toml_value(value)}" for key, value in values.items() if value is not None]


def dump_scheme(scheme: ScoringScheme) -> str:
    """The scheme as TOML text that :func:`parse_scheme` reads back to an equal scheme."""
    lines = _table(None, schema=1, name=scheme.name, plan=scheme.plan, progress_basis=scheme.progress_basis,
                   default_cap=scheme.default_cap, rank_points=scheme.rank_points, decimals=scheme.decimals)
    for name, lower in scheme.grades:
        lines += ["", *_table("[[grades]]", name=name, min=lower if math.isfinite(lower) else None)]
    for r in scheme.indicators:
        lines += ["", *_table("[[indicators]]", code=r.code, weight=r.weight, rule=r.rule, cap=r.cap,
                              rank_points=r.rank_points, note=r.note or None)]
    for a in scheme.adjustments:
        lines += ["", *_table("[[bonus]]" if a.kind == "bonus" else "[[deductions]]", code=a.code, name=a.name,
                              source=a.source, points=a.points, max=a.max, note=a.note or None)]
    return "\n".join(lines) + "\n"
