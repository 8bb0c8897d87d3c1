"""The growth index's framework: dimensions, indicators, weights and denominators, from TOML.

A framework file (``resources/index/*.toml``, fields in ``resources/index/SCHEMA.md``) says
which of the plan's figures feed the index and how: a plan indicator or a small formula of
them, an optional 发展速度 transform for growth rates, a denominator (population in 万人 gives
"per 10 000 residents"), a direction, a weight, a written rationale. :func:`load_framework`
reads and checks one against its plan, with Chinese messages naming the file and the entry;
:meth:`Framework.meta_frame` gives the engine's indicator table (the shape of COINr's
``iMeta``: ``Level, iCode, iName, Direction, Weight, Unit, Target, Denominator, Parent, Type``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from workbench.models.errors import WorkbenchError
from workbench.models.index.formula import Formula, FormulaError, parse_formula
from workbench.models.resources import resource

DEFAULT_FRAMEWORK = "jiaxing-sme-growth"
INDEX_CODE = "index"
"""The code of the total in the meta table and in result frames."""
META_COLUMNS = ["Level", "iCode", "iName", "Direction", "Weight", "Unit", "Target", "Denominator", "Parent", "Type"]
TRANSFORMS = ("speed",)
ANCHORS = ("county_mean", "city")
WEIGHT_TOLERANCE = 1e-3


class FrameworkError(WorkbenchError, ValueError):
    """A framework file that cannot be used; the message names the file and the entry."""


def _formula(text: str, where: str) -> Formula:
    try:
        return parse_formula(text, where)
    except FormulaError as exc:
        raise FrameworkError(str(exc)) from None


# ---------------------------------------------------------------- the framework

@dataclass(frozen=True)
class Dimension:
    """One dimension (module index) of the framework."""

    code: str
    name: str
    weight: float
    rationale: str


@dataclass(frozen=True)
class IndexIndicator:
    """One indicator of the framework and how it is computed from the plan's figures."""

    code: str
    name: str
    dimension: str
    formula: Formula
    unit: str
    direction: int
    weight: float
    rationale: str
    transform: str | None = None
    denominator: str | None = None
    target: float | None = None
    flow: bool = False
    """An amount that builds up over the year (its in-year target is prorated)."""


@dataclass(frozen=True)
class Denominator:
    """Facts an indicator is divided by, per region (e.g. the 2020 census population)."""

    code: str
    name: str
    unit: str
    source: str
    values: dict[str, float]
    year: int | None = None

    def scaled(self) -> dict[str, float]:
        """The values in :attr:`unit` (persons → 万人 when the unit is 万人)."""
        factor = 10_000.0 if self.unit.startswith("万") else 1.0
        return {code: value / factor for code, value in self.values.items()}


@dataclass(frozen=True)
class Framework:
    """A growth index framework (see the module docstring and ``resources/index/SCHEMA.md``)."""

    id: str
    name: str
    short_name: str
    plan: str
    base_year: int
    anchor: str
    rationale: str
    dimensions: tuple[Dimension, ...]
    indicators: tuple[IndexIndicator, ...]
    denominators: dict[str, Denominator]
    index_name: str = "成长指数"
    origin: str = ""

    def dimension(self, code: str) -> Dimension:
        for dim in self.dimensions:
            if dim.code == code:
                return dim
        raise KeyError(code)

    def indicator(self, code: str) -> IndexIndicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    def indicators_of(self, dimension: str) -> list[IndexIndicator]:
        """The indicators of one dimension, in file order."""
        return [ind for ind in self.indicators if ind.dimension == dimension]

    @property
    def plan_codes(self) -> list[str]:
        """Every plan indicator the framework reads, in order of first use."""
        return list(dict.fromkeys(name for ind in self.indicators for name in ind.formula.names))

    def names(self) -> dict[str, str]:
        """Code → name of the total, the dimensions and the indicators."""
        out = {INDEX_CODE: self.index_name}
        out.update({d.code: d.name for d in self.dimensions})
        out.update({i.code: i.name for i in self.indicators})
        return out

    def meta_frame(self, months: int = 12) -> pd.DataFrame:
        """The engine's indicator table: indicators (level 1), dimensions (2), the index (3), denominators.

        Parameters
        ----------
        months : int
            Months the period covers (12 for a year): targets of flows are prorated to it.

        Returns
        -------
        pandas.DataFrame
            Columns :data:`META_COLUMNS`; the ``Denominator`` column names a denominator code
            of the data table (population in 万人).
        """
        rows = []
        for ind in self.indicators:
            target = ind.target
            if target is not None and ind.flow:
                target = target * months / 12.0
            rows.append({"Level": 1, "iCode": ind.code, "iName": ind.name, "Direction": ind.direction,
                         "Weight": ind.weight, "Unit": ind.unit, "Target": target, "Denominator": ind.denominator,
                         "Parent": ind.dimension, "Type": "Indicator"})
        for dim in self.dimensions:
            rows.append({"Level": 2, "iCode": dim.code, "iName": dim.name, "Direction": 1, "Weight": dim.weight,
                         "Unit": "指数", "Target": None, "Denominator": None, "Parent": INDEX_CODE,
                         "Type": "Aggregate"})
        rows.append({"Level": 3, "iCode": INDEX_CODE, "iName": self.index_name, "Direction": 1, "Weight": 1.0,
                     "Unit": "指数", "Target": None, "Denominator": None, "Parent": None, "Type": "Aggregate"})
        for den in self.denominators.values():
            rows.append({"Level": None, "iCode": den.code, "iName": den.name, "Direction": None, "Weight": None,
                         "Unit": den.unit, "Target": None, "Denominator": None, "Parent": None,
                         "Type": "Denominator"})
        frame = pd.DataFrame(rows, columns=META_COLUMNS)
        for column in ("Level", "Direction", "Weight", "Target"):
            frame[column] = frame[column].astype("float64")
        return frame


# ---------------------------------------------------------------- reading

def _text(raw: dict, key: str, where: str, required: bool = True) -> str:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise FrameworkError(f"{where}：缺少 {key}")
        return ""
    if not isinstance(value, str):
        raise FrameworkError(f"{where}：{key} 应为文字")
    return " ".join(value.split()) if key == "rationale" else value.strip()


def _weight(raw: dict, where: str) -> float:
    value = raw.get("weight")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise FrameworkError(f"{where}：权重 weight 应为大于 0 的数，而不是 {value!r}")
    return float(value)


def _unknown(raw: dict, known: set[str], where: str) -> None:
    extra = sorted(set(raw) - known)
    if extra:
        raise FrameworkError(f"{where}：未知字段 {', '.join(extra)}")


def _dimension(raw: dict, where: str) -> Dimension:
    _unknown(raw, {"code", "name", "weight", "rationale"}, where)
    return Dimension(_text(raw, "code", where), _text(raw, "name", where), _weight(raw, where),
                     _text(raw, "rationale", where))


def _denominator(code: str, raw: dict, where: str) -> Denominator:
    _unknown(raw, {"name", "unit", "year", "source", "values"}, where)
    values = raw.get("values")
    if not isinstance(values, dict) or not values:
        raise FrameworkError(f"{where}：缺少 values（各地区的数值）")
    clean = {}
    for region, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise FrameworkError(f"{where}：地区 {region} 的数值应为正数，而不是 {value!r}")
        clean[str(region)] = float(value)
    year = raw.get("year")
    return Denominator(code, _text(raw, "name", where), _text(raw, "unit", where), _text(raw, "source", where),
                       clean, int(year) if year is not None else None)


_INDICATOR_KEYS = {"code", "name", "dimension", "formula", "transform", "denominator", "unit", "direction", "weight",
                   "target", "rationale"}


def _indicator(raw: dict, where: str, plan, denominators: dict) -> IndexIndicator:
    _unknown(raw, _INDICATOR_KEYS, where)
    code = _text(raw, "code", where)
    formula = _formula(_text(raw, "formula", where), where)
    for name in formula.names:
        try:
            plan_ind = plan.indicator(name)
        except KeyError:
            raise FrameworkError(f"{where}：计划“{plan.short_name}”中没有指标 {name}") from None
        if plan_ind.kind == "qualitative":
            raise FrameworkError(f"{where}：{plan_ind.name}是定性目标，不能进入指数")
    direction = raw.get("direction")
    if direction not in (1, -1) or isinstance(direction, bool):
        raise FrameworkError(f"{where}：方向 direction 应为 1（越大越好）或 -1（越小越好），而不是 {direction!r}")
    transform = raw.get("transform")
    if transform is not None and transform not in TRANSFORMS:
        raise FrameworkError(f"{where}：未知的换算 transform {transform!r}（可选：speed）")
    denominator = raw.get("denominator")
    if denominator is not None and denominator not in denominators:
        known = "、".join(denominators) or "无"
        raise FrameworkError(f"{where}：分母 {denominator!r} 未在 [denominators] 中定义（已有：{known}）")
    target = raw.get("target")
    if target is not None and (isinstance(target, bool) or not isinstance(target, (int, float))):
        raise FrameworkError(f"{where}：目标值 target 应为数字")
    flow = not formula.ratio and transform is None and all(
        plan.indicator(n).kind == "cumulative" for n in formula.names)
    return IndexIndicator(code=code, name=_text(raw, "name", where), dimension=_text(raw, "dimension", where),
                          formula=formula, unit=_text(raw, "unit", where), direction=int(direction),
                          weight=_weight(raw, where), rationale=_text(raw, "rationale", where), transform=transform,
                          denominator=denominator, target=float(target) if target is not None else None, flow=flow)


def _check_sum(weights: list[float], what: str, where: str) -> None:
    total = sum(weights)
    if abs(total - 1.0) > WEIGHT_TOLERANCE:
        raise FrameworkError(f"{where}：{what}的权重之和应为 1，现为 {total:g}")


def parse_framework(text: str, origin: str = "<framework>", plan=None) -> Framework:
    """Build and check a :class:`Framework` from TOML text; ``origin`` names the file in errors.

    Parameters
    ----------
    text : str
        The TOML text.
    origin : str
        The file's name, for messages.
    plan : workbench.models.plan.Plan, optional
        The plan to check against; by default the shipped plan the file names.

    Raises
    ------
    FrameworkError
        For a missing or unknown field, an unknown plan indicator or denominator, a
        duplicate code, weights that are not positive or do not add up to 1.
    """
    from workbench.models.plan import PlanError, load_plan

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(f"{origin}：不是有效的 TOML 文件（{exc}）") from exc
    _unknown(raw, {"schema", "id", "name", "short_name", "plan", "index_name", "base_year", "anchor", "rationale",
                   "dimensions", "indicators", "denominators"}, origin)
    for key in ("id", "name", "plan", "base_year", "rationale", "dimensions", "indicators"):
        if key not in raw:
            raise FrameworkError(f"{origin}：缺少字段 {key}")
    if plan is None:
        try:
            plan = load_plan(str(raw["plan"]))
        except PlanError as exc:
            raise FrameworkError(f"{origin}：{exc}") from exc
    elif plan.id != raw["plan"]:
        raise FrameworkError(f"{origin}：本框架属于计划 {raw['plan']}，而项目的计划是 {plan.id}")
    anchor = raw.get("anchor", "county_mean")
    if anchor not in ANCHORS:
        raise FrameworkError(f"{origin}：基准 anchor 应为 county_mean（基期各县平均）或 city（基期全市），而不是 {anchor!r}")
    base_year = raw["base_year"]
    if isinstance(base_year, bool) or not isinstance(base_year, int):
        raise FrameworkError(f"{origin}：基期 base_year 应为年份，如 2018")
    denominators = {str(code): _denominator(str(code), item, f"{origin} 分母 {code}")
                    for code, item in (raw.get("denominators") or {}).items()}
    dimensions = tuple(_dimension(item, f"{origin} 第 {i + 1} 个维度（{item.get('name', '?')}）")
                       for i, item in enumerate(raw["dimensions"]))
    indicators = tuple(_indicator(item, f"{origin} 第 {i + 1} 个指标（{item.get('code', '?')}）", plan, denominators)
                       for i, item in enumerate(raw["indicators"]))
    if not dimensions or not indicators:
        raise FrameworkError(f"{origin}：至少要有一个维度和一个指标")
    codes = [d.code for d in dimensions] + [i.code for i in indicators] + [INDEX_CODE]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise FrameworkError(f"{origin}：代码重复：{', '.join(dupes)}（维度和指标的代码各不相同，且不能用 {INDEX_CODE}）")
    names = [i.name for i in indicators]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise FrameworkError(f"{origin}：指标名称重复：{'、'.join(dupes)}")
    known = {d.code for d in dimensions}
    for ind in indicators:
        if ind.dimension not in known:
            raise FrameworkError(f"{origin}：指标 {ind.code} 所属的维度 {ind.dimension} 未定义")
    _check_sum([d.weight for d in dimensions], "各维度", origin)
    for dim in dimensions:
        members = [i.weight for i in indicators if i.dimension == dim.code]
        if not members:
            raise FrameworkError(f"{origin}：维度“{dim.name}”没有指标")
        _check_sum(members, f"维度“{dim.name}”内各指标", origin)
    return Framework(id=str(raw["id"]), name=str(raw["name"]), short_name=str(raw.get("short_name", raw["name"])),
                     plan=str(raw["plan"]), base_year=base_year, anchor=anchor,
                     rationale=_text(raw, "rationale", origin), dimensions=dimensions, indicators=indicators,
                     denominators=denominators, index_name=str(raw.get("index_name", "成长指数")), origin=origin)


def available_frameworks() -> dict[str, str]:
    """Id → file name of every framework shipped in ``resources/index/``."""
    out = {}
    for entry in sorted(resource("index").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            raw = tomllib.loads(entry.read_text(encoding="utf-8"))
            out[str(raw.get("id", entry.name[:-5]))] = entry.name
    return out


def load_framework(name_or_path: str | Path = DEFAULT_FRAMEWORK, plan=None) -> Framework:
    """A framework by its id (shipped in ``resources/index/``) or from a file.

    Parameters
    ----------
    name_or_path : str or path
        A shipped framework's id (``jiaxing-sme-growth``) or the path of a ``.toml`` file.
    plan : workbench.models.plan.Plan, optional
        Check against this plan instead of the shipped one the file names.

    Returns
    -------
    Framework

    Raises
    ------
    FrameworkError
        When there is no such framework or it does not pass the checks of :func:`parse_framework`.
    """
    text_name = str(name_or_path)
    if isinstance(name_or_path, Path) or text_name.endswith(".toml"):
        path = Path(name_or_path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise FrameworkError(f"无法读取指数框架文件 {path}：{exc.strerror or exc}") from exc
        except UnicodeDecodeError:
            raise FrameworkError(f"指数框架文件 {path} 不是 UTF-8 编码的文本") from None
        return parse_framework(text, path.name, plan)
    shipped = available_frameworks()
    if text_name not in shipped:
        raise FrameworkError(f"没有找到指数框架 {text_name}（已有：{'、'.join(shipped) or '无'}）")
    entry = resource("index", shipped[text_name])
    return parse_framework(entry.read_text(encoding="utf-8"), f"index/{entry.name}", plan)
