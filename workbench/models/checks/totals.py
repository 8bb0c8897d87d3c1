"""County figures against the city total of the same table (县区之和 = 全市合计)."""

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
    rounding_step,
)
from workbench.models.checks.rules import Rule
from workbench.models.periods import period_label

ADDITIVE_BASES = {"ytd", "period", "stock"}
TABLE = ("file", "indicator", "period", "basis")


def tolerance(rule: Rule, total: float, parts: int, step: float) -> float:
    """How far a total may be from the sum of ``parts`` figures and still count as equal:
    the largest of the absolute tolerance, the relative one and, for rounded figures,
    half a rounding step for each part and for the total itself (舍位平衡)."""
    allowance = 0.0
    if rule.get("rounding_allowance", True) and step > 0:
        allowance = 0.5 * step * (parts + 1)
    return max(float(rule.get("absolute_tolerance", 0.0)), float(rule.get("relative_tolerance", 0.0)) * abs(total),
               allowance) + 1e-9 * max(1.0, abs(total))


def county_sum(rows: list[dict], context: Context, rule: Rule) -> list[Finding]:
    """The total of every table against the sum of its counties (with or without the zones).

    A table is one file, indicator, period and basis. It is checked when it has the city
    total and at least one county, no region twice (the duplicate rule reports those), one
    unit, and figures that can be added (not rates, not shares). The total passes when it
    equals the sum of the counties, or of the counties and the functional zones, within
    the tolerance; otherwise the finding points at the total's cell.
    """
    usable = [r for r in rows if r["basis"] in ADDITIVE_BASES and r["unit"] not in RATIO_UNITS
              and r["kind"] != "share"]
    out: list[Finding] = []
    for table in group_rows(usable, TABLE).values():
        regions = [r["region"] for r in table]
        if len(set(regions)) != len(regions) or len({r["unit"] for r in table}) > 1:
            continue
        totals = [r for r in table if r["level"] == "city"]
        counties = [r for r in table if r["level"] == "county" and not is_missing(r["value"])]
        zones = [r for r in table if r["level"] == "zone" and not is_missing(r["value"])]
        if len(totals) != 1 or not counties or is_missing(totals[0]["value"]):
            continue
        total_row = totals[0]
        total = float(total_row["value"])
        step = rounding_step(table)
        candidates = [(sum(r["value"] for r in counties), counties, "县（市、区）之和")]
        if zones:
            candidates.append((candidates[0][0] + sum(r["value"] for r in zones), counties + zones,
                               "县（市、区）与功能区之和"))
        if any(abs(total - s) <= tolerance(rule, total, len(parts), step) for s, parts, _ in candidates):
            continue
        # Report against the sum the table most likely meant (the one nearer the total).
        best, parts, what = min(candidates, key=lambda c: abs(total - c[0]))
        diff = total - best
        unit = total_row["unit"]
        present = {r["region"] for r in counties}
        gaps = [c for c in context.counties if c not in present]
        note = f"（表中缺少{'、'.join(context.region_name(c) for c in gaps)}）" if gaps else ""
        period = period_label(total_row["year"], total_row["first_month"], total_row["last_month"], total_row["basis"])
        message = (f"全市“{context.indicator_name(total_row['indicator'])}”{period}合计为 {num(total)}{unit}，"
                   f"{what}为 {num(best)}{unit}，相差 {num(diff)}{unit}{note}")
        details = {
            "total": total, "sum": best, "difference": diff,
            "tolerance": tolerance(rule, total, len(parts), step), "rounding_step": step,
            "sum_of_counties": candidates[0][0], "sum_with_zones": candidates[1][0] if zones else None,
            "missing_counties": gaps, "cells": [cell_ref(r) for r in parts],
        }
        out.append(finding(rule, total_row, message, details))
    return out
