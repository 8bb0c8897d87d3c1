"""The plan catalogue: plans are declarative TOML files in ``resources/plans/``.

Dropping another ``*.toml`` file that follows ``resources/plans/SCHEMA.md`` into that
folder adds a plan; no code knows any plan by name.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field

from workbench.models.errors import WorkbenchError
from workbench.models.resources import resource

KINDS = {
    "cumulative": "累计增量",
    "annual_growth": "年均增长",
    "share": "比重/比例",
    "stock": "总量水平",
    "qualitative": "定性目标",
}
COMPARATORS = {">=": "不低于", ">": "超过", "about": "左右", "<=": "不超过", "=": "达到"}


class PlanError(WorkbenchError, ValueError):
    """A plan file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Indicator:
    """One target of a plan, in the unit the plan states it."""

    code: str
    name: str
    short_name: str
    unit: str
    comparator: str
    kind: str
    lead: tuple[str, ...]
    source: str
    group: str = ""
    section: str = ""
    target: float | None = None
    stretch: float | None = None
    striving: bool = False
    synonyms: tuple[str, ...] = ()
    parent: str | None = None
    of: str | None = None
    assessed: bool = True
    note: str = ""

    @property
    def qualitative(self) -> bool:
        return self.kind == "qualitative"

    def as_dict(self) -> dict:
        d = asdict(self)
        d["lead"] = list(self.lead)
        d["synonyms"] = list(self.synonyms)
        return d

    def target_text(self) -> str:
        """The target as a reader writes it, e.g. ``不低于 2.5%`` or ``50000家（力争）``."""
        if self.target is None:
            return "定性"
        number = f"{self.target:g}{self.unit}"
        if self.comparator == "about":
            text = f"{number}左右"
        else:
            text = f"{COMPARATORS[self.comparator]} {number}"
        if self.striving:
            text += "（力争）"
        if self.stretch is not None:
            text += f"，力争 {self.stretch:g}{self.unit}"
        return text


@dataclass(frozen=True)
class Zone:
    region: str
    policy: str
    merge_into: str | None = None


@dataclass(frozen=True)
class Plan:
    id: str
    name: str
    short_name: str
    period_start: str
    period_end: str
    base_year: int
    city: str
    indicators: tuple[Indicator, ...]
    groups: dict[str, str] = field(default_factory=dict)
    zones: tuple[Zone, ...] = ()
    issuer: str = ""
    issued: str = ""
    about_tolerance_pp: float = 1.0

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(f"计划“{self.short_name}”中没有指标 {code}")

    @property
    def months(self) -> int:
        (y0, m0), (y1, m1) = _year_month(self.period_start), _year_month(self.period_end)
        return (y1 - y0) * 12 + (m1 - m0) + 1

    def zone_policy(self, region_code: str) -> Zone | None:
        return next((z for z in self.zones if z.region == region_code), None)


_REQUIRED = ("code", "name", "unit", "comparator", "kind", "lead", "source")
_ZONE_POLICIES = {"own", "merge", "city_only"}


def _year_month(text: str) -> tuple[int, int]:
    year, month = text.split("-")
    return int(year), int(month)


def _indicator(raw: dict, where: str) -> Indicator:
    missing = [key for key in _REQUIRED if key not in raw]
    if missing:
        raise PlanError(f"{where}：缺少字段 {', '.join(missing)}")
    if raw["kind"] not in KINDS:
        raise PlanError(f"{where}：未知的指标类型 {raw['kind']!r}（可选：{', '.join(KINDS)}）")
    if raw["comparator"] not in COMPARATORS:
        raise PlanError(f"{where}：未知的比较方式 {raw['comparator']!r}")
    if raw["kind"] != "qualitative" and not isinstance(raw.get("target"), (int, float)):
        raise PlanError(f"{where}：量化指标必须给出数值 target")
    lead = raw["lead"]
    if isinstance(lead, str) or not lead:
        raise PlanError(f"{where}：lead 应为牵头部门列表")
    known = {f for f in Indicator.__dataclass_fields__}
    unknown = set(raw) - known
    if unknown:
        raise PlanError(f"{where}：未知字段 {', '.join(sorted(unknown))}")
    values = dict(raw)
    values["lead"] = tuple(lead)
    values["synonyms"] = tuple(raw.get("synonyms", ()))
    values.setdefault("short_name", raw["name"])
    for key in ("target", "stretch"):
        if values.get(key) is not None:
            values[key] = float(values[key])
    return Indicator(**values)


def parse_plan(text: str, origin: str = "<plan>") -> Plan:
    """Build a :class:`Plan` from TOML text; ``origin`` names the file in errors."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"{origin}：不是有效的 TOML 文件（{exc}）") from exc
    for key in ("id", "name", "period_start", "period_end", "base_year", "city", "indicators"):
        if key not in raw:
            raise PlanError(f"{origin}：缺少字段 {key}")
    indicators = tuple(
        _indicator(item, f"{origin} 第 {i + 1} 个指标（{item.get('code', '?')}）")
        for i, item in enumerate(raw["indicators"])
    )
    codes = [ind.code for ind in indicators]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise PlanError(f"{origin}：指标代码重复：{', '.join(dupes)}")
    groups = {g["code"]: g["name"] for g in raw.get("groups", [])}
    for ind in indicators:
        for ref in (ind.parent, ind.of):
            if ref is not None and ref not in codes:
                raise PlanError(f"{origin}：指标 {ind.code} 引用了不存在的指标 {ref}")
        if ind.group and ind.group not in groups:
            raise PlanError(f"{origin}：指标 {ind.code} 的分组 {ind.group} 未定义")
    zones = []
    for z in raw.get("zones", []):
        if z.get("policy") not in _ZONE_POLICIES:
            raise PlanError(f"{origin}：功能区 {z.get('region')} 的口径 {z.get('policy')!r} 无效")
        if z["policy"] == "merge" and not z.get("merge_into"):
            raise PlanError(f"{origin}：功能区 {z['region']} 并入县区时须给出 merge_into")
        zones.append(Zone(z["region"], z["policy"], z.get("merge_into")))
    return Plan(
        id=raw["id"],
        name=raw["name"],
        short_name=raw.get("short_name", raw["name"]),
        period_start=raw["period_start"],
        period_end=raw["period_end"],
        base_year=int(raw["base_year"]),
        city=str(raw["city"]),
        indicators=indicators,
        groups=groups,
        zones=tuple(zones),
        issuer=raw.get("issuer", ""),
        issued=raw.get("issued", ""),
        about_tolerance_pp=float(raw.get("about_tolerance_pp", 1.0)),
    )


def available_plans() -> dict[str, Plan]:
    """Every plan shipped in ``resources/plans/``, keyed by its id."""
    plans: dict[str, Plan] = {}
    for entry in sorted(resource("plans").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            plan = parse_plan(entry.read_text(encoding="utf-8"), f"plans/{entry.name}")
            if plan.id in plans:
                raise PlanError(f"plans/{entry.name}：计划 id {plan.id} 与其他文件重复")
            plans[plan.id] = plan
    return plans


DEFAULT_PLAN_ID = "jiaxing-sme-2018-2020"


def load_plan(plan_id: str = DEFAULT_PLAN_ID) -> Plan:
    """The shipped plan with this id; :class:`PlanError` names the ids there are."""
    plans = available_plans()
    try:
        return plans[plan_id]
    except KeyError:
        raise PlanError(f"没有找到计划 {plan_id}（已有：{', '.join(plans) or '无'}）") from None
