"""Two departments reporting one figure: they must agree."""

from __future__ import annotations

from workbench.models.checks.findings import Finding
from workbench.models.checks.frame import (
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


def tolerance(rule: Rule, a: float, b: float, step: float) -> float:
    """How far two reports of one figure may differ: the largest of the absolute tolerance,
    the relative one (of the larger figure) and, for rounded figures, half a rounding step
    on each side."""
    allowance = step if rule.get("rounding_allowance", True) else 0.0
    return max(float(rule.get("absolute_tolerance", 0.0)),
               float(rule.get("relative_tolerance", 0.0)) * max(abs(a), abs(b)), allowance) + 1e-9


def cross_department(rows: list[dict], context: Context, rule: Rule) -> list[Finding]:
    """The same indicator, region, period and basis from different sources, differing beyond
    the tolerance.

    A source is the department (else the file). Each disagreeing cell gets its own finding
    naming the other source's cell, so the problem shows in each department's file.
    """
    usable = [r for r in rows if not is_missing(r["value"])]
    out: list[Finding] = []
    for group in group_rows(usable, ("indicator", "region", "period", "basis")).values():
        if len({r["source"] for r in group}) < 2 or len({r["unit"] for r in group}) > 1:
            continue
        for row in group:
            disagreeing = [o for o in group if o["source"] != row["source"] and abs(
                float(row["value"]) - float(o["value"])) > tolerance(
                rule, float(row["value"]), float(o["value"]), rounding_step([row, o]))]
            if not disagreeing:
                continue
            unit = row["unit"]
            against = "；".join(f"{o['source']}报 {num(o['value'])}{unit}（{o['file_name']} {o['sheet']}!{o['cell']}）"
                               for o in disagreeing)
            message = (f"{context.region_name(row['region'])}“{context.indicator_name(row['indicator'])}”"
                       f"{period_label(row['year'], row['first_month'], row['last_month'], row['basis'])}："
                       f"{row['source']}报 {num(row['value'])}{unit}（{row['sheet']}!{row['cell']}），"
                       f"{against}，两者不一致")
            details = {"value": float(row["value"]),
                       "others": [{**cell_ref(o), "source": o["source"]} for o in disagreeing],
                       "cells": [cell_ref(row), *(cell_ref(o) for o in disagreeing)]}
            out.append(finding(rule, row, message, details))
    return out
