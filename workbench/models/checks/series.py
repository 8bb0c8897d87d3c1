"""A figure against its own past: year-to-date figures that fall, and jumps against history.

A series is one source (the department, else the file), indicator, region and basis, so a
department is compared with its own earlier reports only.
"""

from __future__ import annotations

from workbench.models.checks.findings import Finding
from workbench.models.checks.frame import (
    RATIO_UNITS,
    Context,
    cell_ref,
    finding,
    group_rows,
    is_missing,
    num,
    ratio_text,
    rounding_step,
)
from workbench.models.checks.rules import Rule
from workbench.models.periods import period_label

SERIES = ("source", "indicator", "region", "basis")
_AMOUNT_DIMENSIONS = {"money", "area", None}  # min_count applies to the others: counts of things


def _by_period(series: list[dict]) -> dict[tuple[int, int, int], dict]:
    """One figure per (year, first month, last month); a period given twice with different
    values is left out (the duplicate rule reports it)."""
    periods: dict[tuple[int, int, int], list[dict]] = {}
    for row in series:
        if not is_missing(row["value"]):
            periods.setdefault((int(row["year"]), int(row["first_month"]), int(row["last_month"])), []).append(row)
    return {key: rows[0] for key, rows in sorted(periods.items()) if len({float(r["value"]) for r in rows}) == 1}


def ytd_decrease(rows: list[dict], context: Context, rule: Rule) -> list[Finding]:
    """A year-to-date figure below the one of an earlier month of the same year.

    Each figure is compared with the latest earlier one of its series; the finding points
    at the later cell and names the earlier one (``details["cells"][1]``).
    """
    excluded = set(rule.get("exclude_indicators", []))
    usable = [r for r in rows if r["basis"] == "ytd" and r["first_month"] == 1 and r["unit"] not in RATIO_UNITS
              and r["indicator"] not in excluded]
    out: list[Finding] = []
    for series in group_rows(usable, (*SERIES, "year")).values():
        ordered = list(_by_period(series).items())
        for (earlier_key, earlier), (later_key, later) in zip(ordered, ordered[1:]):
            drop = float(earlier["value"]) - float(later["value"])
            allowed = max(float(rule.get("absolute_tolerance", 0.0)), rounding_step([earlier, later])) + 1e-9
            if drop <= allowed:
                continue
            unit = later["unit"]
            message = (f"{context.region_name(later['region'])}“{context.indicator_name(later['indicator'])}”"
                       f"{period_label(*later_key)}累计为 {num(later['value'])}{unit}，"
                       f"小于{period_label(*earlier_key)}累计 {num(earlier['value'])}{unit}"
                       f"（{earlier['file_name']} {earlier['sheet']}!{earlier['cell']}），累计数不应减少")
            details = {"value": float(later["value"]), "earlier_value": float(earlier["value"]),
                       "decrease": drop, "cells": [cell_ref(later), cell_ref(earlier)],
                       "compared_with": [cell_ref(earlier)]}
            out.append(finding(rule, later, message, details))
    return out


def _references(key: tuple[int, int, int], basis: str) -> list[tuple[str, tuple[int, int, int]]]:
    """The periods a figure is compared with: the same period last year, the previous quarter."""
    year, first, last = key
    refs = [("上年同期", (year - 1, first, last))]
    if basis == "ytd":
        if last - 3 >= first:
            refs.append(("上一季度", (year, first, last - 3)))
    else:  # the period alone, or a stock: three months earlier, across the year end if need be
        f, l, y = first - 3, last - 3, year
        if f < 1 and l < 1:
            f, l, y = f + 12, l + 12, year - 1
        if f >= 1:
            refs.append(("上一季度", (y, f, l)))
    return refs


def _slip(ratio: float, factors: list[float], band: float) -> float | None:
    for factor in factors:
        for target in (factor, 1 / factor):
            if target / band <= ratio <= target * band:
                return factor
    return None


def history(rows: list[dict], context: Context, slip_rule: Rule | None, jump_rule: Rule | None) -> list[Finding]:
    """A figure far from its own history: the same period last year and the previous quarter.

    A figure is reported only when it is far from *every* reference it has, so one wrong
    figure does not drag the correct figures after it into the findings: the wrong one is
    far from all its references, each later one is close to at least one.

    Far means a ratio near one of the slip ratios (10 000: ``unit_slip``, an error, 元 written
    in a 万元 table) or at least ``ratio`` (or at most its inverse: ``history_jump``, a
    warning). Counts are compared for a jump only when both figures reach ``min_count``.
    """
    slip_on = slip_rule is not None and slip_rule.enabled
    jump_on = jump_rule is not None and jump_rule.enabled
    if not (slip_on or jump_on):
        return []
    params = jump_rule.params if jump_rule is not None else {}
    excluded_units = set(params.get("exclude_units", sorted(RATIO_UNITS)))
    jump_ratio = float(params.get("ratio", 10.0))
    min_count = float(params.get("min_count", 0.0))
    factors = [float(f) for f in slip_rule.get("ratios", [1e4])] if slip_rule is not None else []
    band = float(slip_rule.get("band", 3.0)) if slip_rule is not None else 1.0
    usable = [r for r in rows if r["basis"] in ("ytd", "period", "stock") and r["unit"] not in excluded_units]
    out: list[Finding] = []
    for series in group_rows(usable, SERIES).values():
        figures = _by_period(series)
        for key, row in figures.items():
            verdicts = []
            for label, ref_key in _references(key, row["basis"]):
                ref = figures.get(ref_key)
                if ref is not None:
                    verdict = _compare(float(row["value"]), ref, row["dimension"], factors, band, jump_ratio, min_count)
                    if verdict is not None:
                        verdicts.append({**verdict, "label": label, "period": ref_key, "ref": ref})
            kinds = {v["kind"] for v in verdicts}
            if not verdicts or kinds & {"ok", "small"}:
                continue
            slipped = kinds == {"slip"}
            if slipped and slip_on:
                rule = slip_rule
            elif jump_on:
                rule = jump_rule
            else:
                continue
            out.append(_history_finding(rule, row, key, verdicts, context, slipped and slip_on))
    return out


def _compare(value: float, ref: dict, dim, factors, band, jump_ratio, min_count) -> dict | None:
    """How a figure relates to one reference: ``ok``, ``jump``, ``slip``, ``small`` (counts
    too small to judge), or None when a ratio means nothing (a zero, a change of sign)."""
    ref_value = float(ref["value"])
    if value == 0 or ref_value == 0 or (value > 0) != (ref_value > 0):
        return None
    ratio = value / ref_value
    base = {"ratio": ratio, "ref_value": ref_value}
    factor = _slip(ratio, factors, band) if factors else None
    if factor is not None:
        return {**base, "kind": "slip", "factor": factor}
    if 1 / jump_ratio < ratio < jump_ratio:
        return {**base, "kind": "ok"}
    if dim not in _AMOUNT_DIMENSIONS and min(abs(value), abs(ref_value)) < min_count:
        return {**base, "kind": "small"}
    return {**base, "kind": "jump"}


def _history_finding(rule: Rule, row: dict, key, verdicts: list[dict], context: Context, slipped: bool) -> Finding:
    unit = row["unit"]
    parts = [f"{v['label']}（{period_label(*v['period'], row['basis'])}，{num(v['ref_value'])}{unit}）的 "
             f"{ratio_text(v['ratio'])}" for v in verdicts]
    head = (f"{context.region_name(row['region'])}“{context.indicator_name(row['indicator'])}”"
            f"{period_label(*key, row['basis'])}为 {num(row['value'])}{unit}，是" + "、".join(parts))
    if slipped:
        factor = max(v["factor"] for v in verdicts)
        guess = "元/亿元" if factor >= 1e8 else "元/万元"
        direction = "偏大" if verdicts[0]["ratio"] > 1 else "偏小"
        message = f"{head}，{direction}约 {factor:,.0f} 倍，疑似{guess}单位错误"
    else:
        message = f"{head}，与历史数据相比变动异常，请核实"
    references = [{"label": v["label"], "period_label": period_label(*v["period"], row["basis"]),
                   "ratio": v["ratio"], **cell_ref(v["ref"])} for v in verdicts]
    details = {"value": float(row["value"]), "references": references,
               "cells": [cell_ref(row)] + [cell_ref(v["ref"]) for v in verdicts],
               "compared_with": [cell_ref(v["ref"]) for v in verdicts]}
    return finding(rule, row, message, details)
