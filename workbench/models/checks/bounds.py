"""Bounds a single figure must respect: a "其中" item within its total, a share within 0-100."""

from __future__ import annotations

import re

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

_SUBITEM = re.compile(r"^\s*(?:其中|内)\s*[:：]?")
_FIGURE = ("file", "region", "period", "basis")
_ADDITIVE_BASES = {"ytd", "period", "stock"}


def parent_pairs(context: Context, rule: Rule, rows: list[dict] | None = None) -> dict[str, set[str]]:
    """Child indicator → its parent indicators ("其中" relations).

    From the plan's ``parent`` fields, the rule's ``parents`` table, and the tables
    themselves when the figures carry their ``header_path``: a column "A / 其中：B / C"
    is part of "A / 合计 / C" (or "A / C") of the same sheet.
    """
    pairs: dict[str, set[str]] = {}
    for ind in context.plan.indicators:
        if ind.parent:
            pairs.setdefault(ind.code, set()).add(ind.parent)
    for child, parent in (rule.get("parents") or {}).items():
        pairs.setdefault(child, set()).add(parent)
    for child, parent in _header_pairs(rows or []):
        pairs.setdefault(child, set()).add(parent)
    return pairs


def _header_pairs(rows: list[dict]) -> set[tuple[str, str]]:
    tables: dict[tuple, dict[tuple[str, ...], set[str]]] = {}
    for row in rows:
        path = row.get("header_path")
        if is_missing(path) or not path:
            continue
        parts = tuple(p.strip() for p in str(path).split(" / "))
        tables.setdefault((row["file"], row["sheet"]), {}).setdefault(parts, set()).add(row["indicator"])
    found = set()
    for table in tables.values():
        for parts, children in table.items():
            for i, part in enumerate(parts):
                if not _SUBITEM.match(part):
                    continue
                prefix, suffix = parts[:i], parts[i + 1:]
                for other, parents in table.items():
                    if other == parts:
                        continue
                    same_slot = (len(other) == len(parts) and other[:i] == prefix and other[i + 1:] == suffix
                                 and not _SUBITEM.match(other[i]))
                    if same_slot or other == prefix + suffix:
                        found |= {(c, p) for c in children for p in parents if c != p}
    return found


def sub_item_exceeds_parent(rows: list[dict], context: Context, rule: Rule) -> list[Finding]:
    """A "其中" figure larger than its total in the same file, region, period and basis.

    Only amounts are compared: pairs in different units (a share of a count, 户 against
    家) and rates (the growth of a sub-item may well exceed the growth of the whole) are
    left alone. The finding points at the "其中" cell and names the total's cell.
    """
    usable = [r for r in rows if not is_missing(r["value"]) and r["basis"] in _ADDITIVE_BASES
              and r["unit"] and r["unit"] not in RATIO_UNITS]
    pairs = parent_pairs(context, rule, usable)
    if not pairs:
        return []
    tolerance = float(rule.get("absolute_tolerance", 0.0))
    out: list[Finding] = []
    for group in group_rows(usable, _FIGURE).values():
        by_indicator: dict[str, list[dict]] = {}
        for row in group:
            by_indicator.setdefault(row["indicator"], []).append(row)
        for child in sorted(set(pairs) & set(by_indicator)):
            for parent in sorted(pairs[child] & set(by_indicator)):
                for c in by_indicator[child]:
                    for p in by_indicator[parent]:
                        if c["unit"] != p["unit"]:
                            continue
                        excess = float(c["value"]) - float(p["value"])
                        if excess <= max(tolerance, rounding_step([c, p])) + 1e-9:
                            continue
                        unit = c["unit"]
                        message = (f"{context.region_name(c['region'])}"
                                   f"{period_label(c['year'], c['first_month'], c['last_month'], c['basis'])}"
                                   f"“其中：{context.indicator_name(child)}”为 {num(c['value'])}{unit}，"
                                   f"大于其总数“{context.indicator_name(parent)}” {num(p['value'])}{unit}"
                                   f"（{p['sheet']}!{p['cell']}），多出 {num(excess)}{unit}")
                        details = {"value": float(c["value"]), "parent": parent, "parent_value": float(p["value"]),
                                   "excess": excess, "cells": [cell_ref(c), cell_ref(p)]}
                        out.append(finding(rule, c, message, details))
    return out


def share_out_of_range(rows: list[dict], context: Context, rule: Rule) -> list[Finding]:
    """A share or proportion (plan kind ``share``, unit %) outside [lower, upper].

    Growth rates are not shares: they may be negative or above 100 and are left alone.
    """
    lower, upper = float(rule.get("lower", 0.0)), float(rule.get("upper", 100.0))
    out: list[Finding] = []
    for row in rows:
        if row["kind"] != "share" or row["unit"] != "%" or is_missing(row["value"]):
            continue
        if lower <= row["value"] <= upper:
            continue
        message = (f"{context.region_name(row['region'])}“{context.indicator_name(row['indicator'])}”"
                   f"{period_label(row['year'], row['first_month'], row['last_month'], row['basis'])}"
                   f"为 {num(row['value'])}%，比重应在 {num(lower)}% 至 {num(upper)}% 之间")
        out.append(finding(rule, row, message, {"value": float(row["value"]), "lower": lower, "upper": upper}))
    return out
