"""County targets (分解任务): imported from a decomposition workbook, estimated, or edited.

The plan's targets are city-wide; each county gets its own share of them.

* :func:`import_targets` reads a decomposition workbook through the same path as a
  departmental report (:func:`~workbench.models.extract.extract_workbook`: reading,
  table detection, the matcher for the indicator axis, the resolver for the region
  axis, values converted into the indicator's unit), whatever the layout the reader
  understands: indicators as rows and regions as columns, or regions as rows. Words
  such as 目标任务 or a 考核要求 text, which make the matcher refuse a column of actual
  figures, are taken out first (:class:`TargetMatcher`). Every target is stored with
  its provenance ``file!sheet!cell``; rows that map to no indicator, or to two, are
  reported, never forced; everything is stored in one transaction.
* :func:`default_targets` proposes a split of the plan's city targets, marked 估算
  (``estimated=True``); :func:`apply_default_targets` stores it where a county has no
  target yet, never over an imported or edited one.
* :func:`target_warnings` flags amount targets whose counties add up to less than the
  city; :func:`set_target_value` and :func:`restore_target` are the grid's edit and undo.

Default split, decided here: amount targets (累计增量 and 总量) by each county's share of
the base year (2017) in the project's own figures, or of the earliest year the project
holds for all seven counties when it has no 2017 figures, else in equal parts; rate
targets (增速, 比重) are the city's for every county. Population is not used: the only
county table at hand is the 2020 census, three years after the base year, and the
project's own figures are what the bureau can trace and explain.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.models.errors import WorkbenchError
from workbench.models.extract import extract_workbook
from workbench.models.plan import Indicator, Plan
from workbench.models.reading import ReadError, read_workbook
from workbench.models.store import sha256_of
from workbench.models.target_split import (
    AMOUNT_KINDS, EQUAL_SOURCE, SHARE_SOURCE, county_codes, default_targets, number_text,
)
from workbench.models.units import UnitError, convert
from workbench.models.values import parse_value

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AMOUNT_KINDS", "EQUAL_SOURCE", "SHARE_SOURCE", "STATUS_TARGETS", "TargetError", "TargetImportResult",
    "TargetMatcher", "TargetWarning", "apply_default_targets", "default_targets", "import_targets",
    "parse_target_text", "restore_target", "set_target_value", "target_regions", "target_warnings",
]  # fmt: skip

STATUS_TARGETS = "targets"  # status of the import record of a decomposition workbook
USER_PREFIX = "user:"
_TARGET_WORDS = re.compile(
    r"(?:20\d{2}\s*[-—–~～至到]\s*20\d{2}\s*年?(?:度)?)|三年|(?:分解|考核|下达|年度)?(?:目标任务|目标值|目标数|任务数|目标|任务)"
    r"(?:分解)?(?:数|值)?"
)
_REQUIREMENT = re.compile(r"^\s*(?:不低于|不少于|不高于|不超过|超过|高于|达到|力争|控制在|确保)|\d\s*\S{0,6}\s*(?:以上|以内|左右)\s*$")
_EMPTY_BRACKETS = re.compile(r"[(（]\s*[)）]")


class TargetError(WorkbenchError, ValueError):
    """A target that cannot be stored (not a number, negative amount, unknown indicator)."""


class TargetMatcher:
    """The matcher of a decomposition table: target words name the table, not the figure.

    "目标任务（2018—2020年）" over the region columns and a 考核要求 text such as
    "不低于 50000家" beside the name are dropped from a header path before ``base``
    matches it (``base`` refuses a 目标 column when it looks for actual figures).
    """

    def __init__(self, base):
        self.base = base
        self.plan = getattr(base, "plan", None)
        self.threshold = getattr(base, "threshold", 0.6)
        self.margin = getattr(base, "margin", 0.1)

    def match(self, header_path, unit=None, context: str = ""):
        path = [header_path] if isinstance(header_path, str) else list(header_path)
        cleaned = [part for part in (_without_target_words(p) for p in path if p is not None) if part]
        return self.base.match(cleaned or path, unit=unit, context=context)


def _without_target_words(part: str) -> str:
    text = str(part)
    if _REQUIREMENT.search(text):
        return ""
    text = _EMPTY_BRACKETS.sub("", _TARGET_WORDS.sub("", text))
    return text.strip(" ：:-—/")


@dataclass
class TargetImportResult:
    """What :func:`import_targets` did with one decomposition workbook.

    ``stored`` holds one ``{indicator, region, value, source}`` per target written;
    ``indicators`` and ``regions`` the codes among them; ``unmapped`` the header paths
    that named no indicator (or two), with the reader's reason and candidates;
    ``skipped`` figures not stored (a missing value, a region not assessed on its own,
    two cells disagreeing); ``replaced`` the earlier targets that changed; ``warnings``
    the county-sum warnings after the import; ``errors`` why the file could not be read.
    """

    file: str
    stored: list[dict] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    unmapped: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    replaced: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    import_id: int | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        data = asdict(self)
        data["warnings"] = [str(w) for w in self.warnings]
        return data


def target_regions(plan: Plan, regions) -> list[str]:
    """The regions that get targets: the city, its counties, and zones assessed on their own."""
    own = [z.region for z in plan.zones if z.policy == "own"]
    return [plan.city, *county_codes(plan, regions), *own]


def import_targets(project, path: str | Path, plan: Plan, resolver, matcher, *,
                   should_stop: Callable[[], bool] | None = None) -> TargetImportResult:
    """Import a target decomposition workbook (县市区目标任务分解表) as the project's targets.

    Parameters
    ----------
    project : Project
    path : str or Path
    plan : Plan
        Targets are converted into the units of its indicators.
    resolver : RegionResolver
        Extended by the project's remembered region aliases.
    matcher : IndicatorMatcher
        Wrapped in a :class:`TargetMatcher`.
    should_stop : callable, optional
        Polled between sheets.

    Returns
    -------
    TargetImportResult
        A file that cannot be read stores nothing and says why in ``errors``.
    """
    path = Path(path)
    result = TargetImportResult(str(path))
    try:
        workbook = read_workbook(path, should_stop=should_stop)
    except ReadError as exc:
        result.errors.append(str(exc))
        result.message = f"未能读取“{path.name}”：{exc}"
        return result
    resolver = resolver.with_aliases(project.aliases())
    extraction = extract_workbook(workbook, plan, resolver, TargetMatcher(matcher), should_stop=should_stop)
    result.errors.extend(e["message"] for e in extraction.errors)
    result.unmapped = [{k: u.get(k) for k in ("sheet", "cell", "header_path", "reason", "candidates")}
                       for u in extraction.unmapped]
    wanted = set(target_regions(plan, resolver.table))
    chosen = _choose(extraction.figures, plan, wanted, result.skipped)
    previous = _current(project)
    with project.transaction():
        for (code, region), row in sorted(chosen.items()):
            source = f"{path.name}!{row['sheet']}!{row['cell']}"
            value = float(row["value"])
            old = previous.get((code, region))
            if old is not None and not _same(old["value"], value):
                result.replaced.append({"indicator": code, "region": region, "old": old["value"], "new": value,
                                        "old_source": old["source"]})
            project.set_target(code, region, value, source, estimated=False)
            result.stored.append({"indicator": code, "region": region, "value": value, "source": source})
        result.import_id = _record(project, path, STATUS_TARGETS)
        result.warnings = target_warnings(project, plan, resolver.table)
        result.message = _message(result, path)
        project.db["imports"].update(result.import_id, {"message": result.message})
    result.indicators = sorted({s["indicator"] for s in result.stored})
    result.regions = sorted({s["region"] for s in result.stored})
    return result


def _choose(figures: pd.DataFrame, plan: Plan, wanted: set[str], skipped: list[dict]) -> dict[tuple, dict]:
    """One figure per indicator and region: the quantitative ones of assessed regions; two cells
    that disagree are both reported and neither stored."""
    chosen: dict[tuple, dict] = {}
    if figures is None or not len(figures):
        return chosen
    codes = {i.code for i in plan.indicators if not i.qualitative}
    conflicts: set[tuple] = set()
    for row in figures.to_dict("records"):
        code, region, where = row["indicator_code"], row["region_code"], f"{row['sheet']}!{row['cell']}"
        if row["basis"] in ("last_year", "yoy_change") or code not in codes:
            continue
        if region not in wanted:
            skipped.append({"indicator": code, "region": region, "cell": where,
                            "reason": f"“{row['region_name'] or region}”不单独考核（计入全市），目标未保存"})
            continue
        if row["value"] is None or math.isnan(row["value"]):
            skipped.append({"indicator": code, "region": region, "cell": where, "reason": f"空白或缺失（{row['raw']}）"})
            continue
        key = (code, region)
        if key in chosen and not _same(chosen[key]["value"], row["value"]):
            conflicts.add(key)
            skipped.append({"indicator": code, "region": region, "cell": where,
                            "reason": f"与 {chosen[key]['sheet']}!{chosen[key]['cell']} 的数值不一致，未保存，请人工确认"})
            continue
        chosen.setdefault(key, row)
    for key in conflicts:
        chosen.pop(key, None)
    return chosen


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _current(project) -> dict[tuple, dict]:
    frame = project.targets()
    return {(r["indicator"], r["region"]): r for r in frame.to_dict("records")}


def _record(project, path: Path, status: str) -> int:
    """The import record of the workbook: the one of the same content if any (registered earlier, or
    imported as targets before), else a new one."""
    sha = sha256_of(path)
    existing = project.find_import_by_sha256(sha)
    if existing is not None and existing["status"] in ("pending", STATUS_TARGETS):
        project.db["imports"].update(existing["id"], {"status": status, "path": str(path.absolute())})
        return existing["id"]
    return project.add_import(path.name, path.absolute(), path.stat().st_size, sha, status=status)


def _message(result: TargetImportResult, path: Path) -> str:
    parts = [f"从“{path.name}”导入 {len(result.stored)} 个目标（{len({s['indicator'] for s in result.stored})} 项指标）"]
    if result.replaced:
        parts.append(f"{len(result.replaced)} 个原有目标被替换")
    if result.unmapped:
        parts.append(f"{len(result.unmapped)} 行（列）未能对应指标，未导入")
    if result.skipped:
        parts.append(f"{len(result.skipped)} 个数值未保存")
    if result.warnings:
        parts.append(f"{len(result.warnings)} 项指标县（市、区）目标合计低于全市")
    return "，".join(parts)


# ---------------------------------------------------------------- defaults
def apply_default_targets(project, plan: Plan, method: str = "base_share", regions=None) -> pd.DataFrame:
    """Store :func:`default_targets` where a region has no target yet; returns the rows stored.

    Imported and edited targets are never overwritten, nor are earlier estimates.
    """
    proposal = default_targets(plan, project, method, regions)
    have = set(_current(project))
    fresh = proposal[[(i, r) not in have for i, r in zip(proposal["indicator"], proposal["region"])]]
    with project.transaction():
        for row in fresh.to_dict("records"):
            project.set_target(row["indicator"], row["region"], row["value"], row["source"], row["estimated"])
    return fresh.reset_index(drop=True)


# ---------------------------------------------------------------- the check
class TargetWarning(str):
    """A Chinese warning (the string itself) with its numbers as attributes."""

    indicator: str
    city_target: float
    county_sum: float
    shortfall: float
    missing: list[str]

    def as_dict(self) -> dict:
        return {"indicator": self.indicator, "city_target": self.city_target, "county_sum": self.county_sum,
                "shortfall": self.shortfall, "missing": list(self.missing), "message": str(self)}


def target_warnings(project, plan: Plan, regions=None) -> list[TargetWarning]:
    """Amount targets (累计增量, 总量) whose county targets add up to less than the city target.

    The city target is the stored one, else the plan's. An indicator with no county
    target at all is not warned about (nothing is decomposed yet).
    """
    counties = county_codes(plan, regions)
    names = _region_names(regions)
    stored = _current(project)
    out = []
    for ind in plan.indicators:
        if ind.kind not in AMOUNT_KINDS:
            continue
        city = stored.get((ind.code, plan.city), {}).get("value")
        city = ind.target if city is None or math.isnan(city) else city
        values = {c: stored[(ind.code, c)]["value"] for c in counties if (ind.code, c) in stored}
        values = {c: v for c, v in values.items() if v is not None and not math.isnan(v)}
        if city is None or not values:
            continue
        total = sum(values.values())
        if total >= city - 1e-6 * max(1.0, abs(city)):
            continue
        missing = [c for c in counties if c not in values]
        text = (f"{ind.short_name or ind.name}：{len(counties)}个县（市、区）目标合计 {number_text(total)}{ind.unit}，"
                f"低于全市目标 {number_text(city)}{ind.unit}（相差 {number_text(city - total)}{ind.unit}）")
        if missing:
            text += "；未设目标：" + "、".join(names.get(c, c) for c in missing)
        warning = TargetWarning(text)
        warning.indicator, warning.city_target, warning.county_sum = ind.code, city, total
        warning.shortfall, warning.missing = city - total, missing
        out.append(warning)
    return out


def _region_names(regions) -> dict[str, str]:
    from workbench.models.regions import load_regions

    return {r.code: r.name for r in (regions or load_regions()).regions}


# ---------------------------------------------------------------- grid edits
def parse_target_text(text: str, indicator: Indicator) -> float | None:
    """A target typed by the user, in the indicator's unit; None for an empty text (no target).

    "5,000", "１２３", "12.5%", "3.5亿元" (converted) are understood.

    Raises
    ------
    TargetError
        Not a number, a unit that does not convert, or a negative amount.
    """
    if text is None or not str(text).strip():
        return None
    parsed = parse_value(str(text).strip())
    if parsed.value is None:
        raise TargetError(f"“{text}”不是数值，请输入数字（如 5000 或 12.5）。")
    value = parsed.value
    if parsed.unit and indicator.unit and parsed.unit != indicator.unit:
        try:
            value = convert(value, parsed.unit, indicator.unit, count_synonyms=True)
        except UnitError as exc:
            raise TargetError(f"“{text}”的单位与指标“{indicator.short_name}”的单位“{indicator.unit}”不符：{exc}") from None
    _validate(indicator, value)
    return value


def _validate(indicator: Indicator, value: float) -> None:
    if not math.isfinite(value):
        raise TargetError("目标必须是有限的数值。")
    if indicator.kind in AMOUNT_KINDS and value < 0:
        raise TargetError(f"“{indicator.short_name}”是数量指标，目标不能为负数。")
    if indicator.qualitative:
        raise TargetError(f"“{indicator.short_name}”是定性目标，没有数值目标。")


def set_target_value(project, indicator: str, region: str, value: float | None, user: str,
                     plan: Plan | None = None) -> dict | None:
    """Set one target from the grid (source ``user:<name>``, not estimated); None removes it.

    Returns
    -------
    dict or None
        The target as it was (``indicator, region, value, source, estimated``), for undo
        with :func:`restore_target`; None when there was none.
    """
    if value is not None and plan is not None:
        _validate(plan.indicator(indicator), float(value))
    elif value is not None and not math.isfinite(float(value)):
        raise TargetError("目标必须是有限的数值。")
    previous = _current(project).get((indicator, region))
    with project.transaction():
        if value is None:
            project.db.execute("DELETE FROM targets WHERE indicator = ? AND region = ?", [indicator, region])
        else:
            project.set_target(indicator, region, float(value), f"{USER_PREFIX}{user or '未署名'}", estimated=False)
    return previous


def restore_target(project, indicator: str, region: str, previous: dict | None) -> None:
    """Put a target back as :func:`set_target_value` found it (None: there was none)."""
    with project.transaction():
        if previous is None:
            project.db.execute("DELETE FROM targets WHERE indicator = ? AND region = ?", [indicator, region])
        else:
            value = previous["value"]
            value = None if value is None or (isinstance(value, float) and math.isnan(value)) else value
            project.set_target(indicator, region, value, previous["source"], bool(previous["estimated"]))
