"""The assessment engine: for a month, every assessed indicator × unit against its target.

:func:`assess` is a pure function on DataFrames; :mod:`.project_assessment` feeds it a
project. One row per assessed indicator of the plan and per assessment unit: the city
(``plan.city``), the counties, and each zone whose plan policy is ``own``. A zone with the
policy ``merge`` is added into its county (amounts only); ``city_only`` zones are already in
the city's own figures. Which figure stands for "now" is the **data month**: the latest month
up to ``at`` (and within the target period) for which the indicator has any figure at all,
the same month for every unit, so a county whose report is missing is 无数据 rather than
assessed on an older figure. When the data month is earlier than ``at`` the note says so,
and 序时进度 is taken at the data month, the month the figures describe.

Targets come from the ``targets`` frame (``indicator, region, value`` and optionally
``stretch``, ``source``, ``estimated``, ``period_start``, ``period_end`` as ``YYYY-MM`` for a
target of its own period, e.g. an annual one). The city falls back on the plan's own figure;
a county without a target is 无目标, never given the city's.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from workbench.models.assessment import actuals, status as verdict
from workbench.models.assessment.settings import (
    DONE,
    NO_DATA,
    NO_TARGET,
    NOT_DONE,
    PENDING_REVIEW,
    AssessmentSettings,
)
from workbench.models.errors import WorkbenchError
from workbench.models.periods import Period, time_progress

COLUMNS = [
    "indicator_code", "indicator_name", "group", "lead", "kind", "unit", "region_code", "region_name",
    "actual", "target", "stretch", "completion", "time_progress", "gap_pp", "status", "passed", "note",
    "basis_used", "sources",
    # extra fields beyond the agreed API
    "comparator", "group_name", "short_name", "level", "data_through", "stretch_met", "target_source",
    "target_estimated", "periods",
]  # fmt: skip
FLOAT_COLUMNS = ("actual", "target", "stretch", "completion", "time_progress", "gap_pp")


class AssessmentError(WorkbenchError, ValueError):
    """An assessment that cannot be made as asked (e.g. a malformed date)."""


def parse_month(text) -> tuple[int, int]:
    """``"2019-09"`` (or a (year, month) pair) as (2019, 9); :class:`AssessmentError` otherwise."""
    if isinstance(text, tuple):
        year, month = text
    else:
        match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(text))
        if not match:
            raise AssessmentError(f"考核时点应写作 YYYY-MM（如 2019-09），而不是“{text}”")
        year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise AssessmentError(f"考核时点的月份无效：{text}")
    return int(year), int(month)


def month_text(ym: tuple[int, int]) -> str:
    return f"{ym[0]}-{ym[1]:02d}"


def assessed_units(plan, regions) -> list[tuple[str, str, str]]:
    """(code, name, level) of every unit assessed: the city, the counties, ``own`` zones."""
    names = {r.code: r.name for r in regions.regions}
    units = [(plan.city, names.get(plan.city, "全市"), "city")]
    units += [(r.code, r.name, "county") for r in regions.counties if r.code != plan.city]
    for zone in regions.zones:
        policy = plan.zone_policy(zone.code)
        if policy is not None and policy.policy == "own":
            units.append((zone.code, zone.name, "zone"))
    return units


def _targets(targets: pd.DataFrame | None) -> dict[tuple[str, str], dict]:
    if targets is None or not len(targets):
        return {}
    records = targets.to_dict("records")
    return {(str(r["indicator"]), str(r["region"])): r for r in records}


def _given(value):
    """``value``, or None when it is missing (None, NaN, pandas.NA, empty text)."""
    if value is None or value is pd.NA or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _number(value) -> float:
    if value is None or value is pd.NA:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _notes_lookup(notes) -> dict[tuple[str, str], list[dict]]:
    out: dict[tuple[str, str], list[dict]] = {}
    if notes is None:
        return out
    records = notes.to_dict("records") if isinstance(notes, pd.DataFrame) else list(notes)
    for r in records:
        out.setdefault((str(r["indicator"]), str(r["region"])), []).append(r)
    return out


def index_observations(observations: pd.DataFrame | None, plan) -> actuals.FigureIndex:
    """The figures indexed once, with the plan's ``merge`` zones added into their counties.

    Pass the result to :func:`assess` instead of the DataFrame to assess the same figures at
    several dates (a history, the previous quarter) without indexing them again.
    """
    if observations is None:
        observations = pd.DataFrame(columns=["indicator", "region", "year", "first_month", "last_month", "basis",
                                             "value"])
    index = actuals.FigureIndex(observations)
    for zone in plan.zones:
        if zone.policy == "merge" and zone.merge_into:
            index.merge_zone(zone.region, zone.merge_into)
    return index


class _Context:
    """What every row of one assessment shares."""

    def __init__(self, observations, plan, at, settings, notes, blocked):
        self.plan, self.at, self.settings = plan, at, settings
        self.tolerance = settings.tolerance(plan)
        if isinstance(observations, actuals.FigureIndex):
            self.index = observations
        else:
            self.index = index_observations(observations, plan)
        self.window = (parse_month(plan.period_start), parse_month(plan.period_end))
        self.notes = _notes_lookup(notes)
        self.blocked = blocked or set()
        self._months: dict[tuple, tuple[int, int] | None] = {}
        self._progress: dict[tuple, float] = {}

    def time_progress(self, window, month) -> float:
        """序时进度 at the end of ``month`` of the target period ``window`` (cached)."""
        key = (window, month)
        if key not in self._progress:
            self._progress[key] = time_progress(month_text(window[0]), month_text(window[1]), month_text(month))
        return self._progress[key]

    def data_month(self, ind, window) -> tuple[int, int] | None:
        """The latest month within ``window`` and up to ``at`` with a figure of ``ind``."""
        key = (ind.code, window)
        if key not in self._months:
            if ind.kind == "cumulative":
                months = self.index.months(ind.code, actuals.AMOUNT_ENDS)
            elif ind.kind == "stock":
                months = self.index.months(ind.code, ("stock",))
            else:
                months = self.index.months(ind.code, actuals.RATE_BASES)
                if ind.kind == "annual_growth" and ind.of:
                    months |= self.index.months(ind.of, (*actuals.AMOUNT_ENDS, "stock"))
            upper = min(self.at, window[1])
            inside = [m for m in months if window[0] <= m <= upper]
            self._months[key] = max(inside) if inside else None
        return self._months[key]


def _yes(value) -> bool:
    """A written yes/no: True, 1, "是", "已完成", "yes" … are yes; anything else no."""
    if isinstance(value, str):
        return value.strip().lower() in ("是", "已完成", "完成", "已实现", "true", "yes", "y", "1")
    return bool(_given(value))


def _qualitative(ctx: _Context, ind, region: str, row: dict) -> None:
    fig, key = actuals.qualitative(ctx.index.figures(ind.code, region), ctx.at)
    done, note, when = None, "", None
    if fig is not None:
        done, note, when = fig.value >= 0.5, ctx.index.raw_text(fig), (key[1], key[3])
        row["sources"] = ctx.index.source(fig)
        row["periods"] = [fig.period]
    stated = [n for n in ctx.notes.get((ind.code, region), [])
              if not n.get("at") or parse_month(n["at"]) <= ctx.at]
    if stated:
        latest = max(stated, key=lambda n: parse_month(n["at"]) if n.get("at") else (0, 0))
        done, note = _yes(latest.get("done")), str(latest.get("note") or "")
        when = parse_month(latest["at"]) if latest.get("at") else when
        row["sources"] = "书面说明" + (f"（{latest['at']}）" if latest.get("at") else "")
    if done is None:
        row["status"] = NO_DATA
        return
    row.update(actual=1.0 if done else 0.0, passed=done, status=DONE if done else NOT_DONE,
               basis_used="是否完成（书面说明）", data_through=month_text(when) if when else None)
    if note:
        row["note_parts"].append(note)


def _needed(kind: str, window, month) -> list[str]:
    """The period keys of the figures a row of ``kind`` asks for at the data month."""
    if month is None:
        return []
    year, last = month
    if kind == "stock":
        return [f"{year}-{last:02d}..{last:02d}"]
    if kind == "cumulative":
        return [f"{y}-01..12" for y in range(window[0][0], year)] + [f"{year}-01..{last:02d}"]
    return [f"{year}-01..{last:02d}"]


def _new_row(ctx: _Context, ind, unit: tuple[str, str, str]) -> dict:
    code, name, level = unit
    return {
        "indicator_code": ind.code, "indicator_name": ind.name, "group": ind.group, "lead": "、".join(ind.lead),
        "kind": ind.kind, "unit": ind.unit, "region_code": code, "region_name": name,
        "actual": math.nan, "target": math.nan, "stretch": math.nan, "completion": math.nan,
        "time_progress": math.nan, "gap_pp": math.nan, "status": None, "passed": None, "note_parts": [],
        "basis_used": "", "sources": "", "comparator": ind.comparator,
        "group_name": ctx.plan.groups.get(ind.group, ""), "short_name": ind.short_name, "level": level,
        "data_through": None, "stretch_met": None, "target_source": "", "target_estimated": False, "periods": [],
    }  # fmt: skip


def _set_target(ctx: _Context, ind, row: dict, target: dict | None) -> tuple:
    """Fill the target fields; return the target period (the plan's unless the target has one)."""
    window = ctx.window
    if target is not None:
        row["target"] = _number(target.get("value"))
        row["stretch"] = _number(target.get("stretch"))
        row["target_source"] = str(_given(target.get("source")) or "目标分解")
        row["target_estimated"] = bool(_given(target.get("estimated")) or False)
        if row["target_estimated"]:
            row["note_parts"].append("目标为估算")
        start, end = _given(target.get("period_start")), _given(target.get("period_end"))
        if start and end:
            window = (parse_month(start), parse_month(end))
    if row["level"] == "city":  # the plan's own figures are the city's targets
        if math.isnan(row["target"]) and ind.target is not None:
            row["target"], row["target_source"] = float(ind.target), "计划"
        if math.isnan(row["stretch"]) and ind.stretch is not None:
            row["stretch"] = float(ind.stretch)
    return window


def _actual(ctx: _Context, ind, code: str, window, month) -> actuals.Actual:
    figs = ctx.index.figures(ind.code, code)
    if month is None:
        return actuals.Actual(notes=["截至考核时点没有该指标的数据"])
    if ind.kind == "cumulative":
        return actuals.cumulative(figs, window[0], month)
    if ind.kind == "stock":
        return actuals.stock(figs, *month)
    if ind.kind == "share":
        return actuals.rate(figs, *month)
    of = ctx.plan.indicator(ind.of) if ind.of else None
    of_figs = ctx.index.figures(of.code, code) if of is not None else None
    return actuals.growth(figs, of_figs, of.kind if of else "", ctx.plan.base_year, *month)


def _judge(ctx: _Context, ind, row: dict, window, month) -> None:
    """Completion, 序时进度, gap, passed, status and stretch of a quantified row."""
    amounts = ind.kind in verdict.AMOUNT_KINDS
    if amounts:
        row["time_progress"] = ctx.time_progress(window, month or min(ctx.at, window[1]))
    row["completion"] = verdict.completion(row["actual"], row["target"])
    if amounts:
        row["gap_pp"] = (row["completion"] - row["time_progress"]) * 100.0
    elif not (math.isnan(row["actual"]) or math.isnan(row["target"])):
        row["gap_pp"] = row["actual"] - row["target"]
    row["passed"] = verdict.passes(ind.kind, ind.comparator, row["actual"], row["target"], ctx.settings,
                                   ctx.tolerance)
    final = month is not None and month >= window[1]
    word = verdict.status(ind.kind, ind.comparator, row["actual"], row["target"], row["time_progress"],
                          row["passed"], ctx.settings, ctx.tolerance, final)
    row["status"] = NO_TARGET if math.isnan(row["target"]) else (word or NO_DATA)
    row["stretch_met"] = verdict.stretch_met(ind.comparator, row["actual"], row["stretch"])
    if row["stretch_met"] is not None:
        row["note_parts"].append(f"力争目标 {row['stretch']:g}{ind.unit}{'已' if row['stretch_met'] else '未'}达到")


def _row(ctx: _Context, ind, unit: tuple[str, str, str], target: dict | None) -> dict:
    code = unit[0]
    row = _new_row(ctx, ind, unit)
    if ind.kind == "qualitative":
        _qualitative(ctx, ind, code, row)
        return row
    window = _set_target(ctx, ind, row, target)
    month = ctx.data_month(ind, window)
    actual = _actual(ctx, ind, code, window, month)
    row["actual"], row["basis_used"] = actual.value, actual.basis
    row["sources"] = "；".join(ctx.index.source(f) for f in actual.used)
    row["periods"] = sorted({f.period for f in actual.used})
    row["data_through"] = month_text(month) if month is not None else None
    row["note_parts"] += actual.notes
    if month is not None and month < ctx.at and not math.isnan(actual.value):
        row["note_parts"].append(f"数据截至{month[0]}年{month[1]}月")
    zone_parts = [f for f in ctx.index.merged.get((ind.code, code), []) if f.period in row["periods"]]
    if zone_parts:
        row["note_parts"].append("含并入的功能区数据")
        row["sources"] += "；" + "；".join(f"并入功能区 {ctx.index.source(f)}" for f in zone_parts)
    if ctx.index.missing_merges.get((ind.code, code), set()) & set(row["periods"]):
        row["note_parts"].append("功能区有期别未报，该期仅含本县（市、区）数据")
    _judge(ctx, ind, row, window, month)
    # a figure used, or one the row needed and did not get (a county left out of a sheet)
    source_ind = ind.of if actual.from_levels else ind.code
    wanted = sorted({*row["periods"], *_needed(ind.kind, window, month)})
    blocked = [p for p in wanted if (source_ind, code, p) in ctx.blocked or (ind.code, code, p) in ctx.blocked]
    if blocked:
        row["status"], row["passed"] = PENDING_REVIEW, None
        labels = "、".join(Period.from_key(p).label for p in blocked)
        row["note_parts"].insert(0, f"{labels}的数据有未处理的审核错误，暂不计入考核")
    return row


def assess(observations: pd.DataFrame, targets: pd.DataFrame, plan, at: str, *,
           settings: AssessmentSettings | None = None, regions=None, notes=None,
           blocked: set[tuple[str, str, str]] | None = None) -> pd.DataFrame:
    """Assess every assessed indicator of ``plan`` for every unit at the month ``at``.

    Parameters
    ----------
    observations : pandas.DataFrame or FigureIndex
        The figures, as the project's ``observations`` (``indicator, region, year, first_month,
        last_month, basis, value`` at least; ``import_id``, ``file``, ``sheet``, ``cell``,
        ``raw_text`` serve provenance when present), in the indicator's unit; or
        :func:`index_observations` of them. A qualitative aim is a figure of 1 (done) or 0
        with its note as ``raw_text``.
    targets : pandas.DataFrame
        ``indicator, region, value`` (+ optional ``stretch, source, estimated, period_start,
        period_end``), in the indicator's unit.
    plan : workbench.models.plan.Plan
    at : str
        ``YYYY-MM``: the end of that month.
    settings : AssessmentSettings, optional
    regions : workbench.models.regions.RegionTable, optional
        Default: the shipped table.
    notes : pandas.DataFrame or list of dict, optional
        Written yes/no statements of qualitative aims: ``indicator, region, done, note`` and
        optionally ``at`` (``YYYY-MM``, the latest up to ``at`` counts). They override figures.
    blocked : set of (indicator, region, period key), optional
        Figures with open check errors (:func:`workbench.models.checks.project.blocking`): a row
        using one is 待审核 (its numbers stay visible; it is not passed nor scored).

    Returns
    -------
    pandas.DataFrame
        One row per indicator × unit with :data:`COLUMNS`. ``completion`` and
        ``time_progress`` are fractions; ``gap_pp`` percentage points; missing stays NaN.
        ``attrs["missing_policy"]`` carries the setting for :func:`.scoring.score`.
    """
    settings = settings or AssessmentSettings()
    if regions is None:
        from workbench.models.regions import load_regions

        regions = load_regions()
    ctx = _Context(observations, plan, parse_month(at), settings, notes, blocked)
    wanted = _targets(targets)
    units = assessed_units(plan, regions)
    rows = []
    for ind in plan.indicators:
        if not ind.assessed:
            continue
        for unit in units:
            row = _row(ctx, ind, unit, wanted.get((ind.code, unit[0])))
            row["note"] = "；".join(dict.fromkeys(p for p in row.pop("note_parts") if p))
            rows.append(row)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in FLOAT_COLUMNS:
        frame[column] = frame[column].astype("float64")
    frame["passed"] = frame["passed"].astype("boolean")
    frame["stretch_met"] = frame["stretch_met"].astype("boolean")
    frame["target_estimated"] = frame["target_estimated"].astype(bool)
    frame.attrs["at"] = month_text(ctx.at)
    frame.attrs["missing_policy"] = settings.missing_policy
    return frame
