"""Every county present exactly once, and a figure in every cell that should hold one."""

from __future__ import annotations

from workbench.models.checks.findings import Finding
from workbench.models.checks.frame import Context, cell_ref, finding, group_rows, is_missing, num
from workbench.models.periods import period_label
from workbench.models.checks.rules import Rule

TABLE = ("file", "indicator", "period", "basis")


def duplicate_region(rows: list[dict], context: Context, rule: Rule) -> list[Finding]:
    """A region given more than once for one indicator and period in one file.

    Cells that all give the same value are let through when ``identical_values_ok``;
    otherwise one finding per region names every cell and points at the first.
    """
    out: list[Finding] = []
    for group in group_rows(rows, (*TABLE, "region")).values():
        if len(group) < 2:
            continue
        values = {float(r["value"]) for r in group if not is_missing(r["value"])}
        if rule.get("identical_values_ok", True) and len(values) <= 1 and all(
                not is_missing(r["value"]) for r in group):
            continue
        first = group[0]
        where = "、".join(f"{r['sheet']}!{r['cell']}={num(r['value'])}" for r in group)
        message = (f"{context.region_name(first['region'])}“{context.indicator_name(first['indicator'])}”"
                   f"{period_label(first['year'], first['first_month'], first['last_month'], first['basis'])}"
                   f"在同一文件中出现 {len(group)} 次（{where}），无法确定以哪个为准")
        out.append(finding(rule, first, message, {"cells": [cell_ref(r) for r in group]}))
    return out


def missing_region(rows: list[dict], context: Context, rule: Rule) -> list[Finding]:
    """A table that lists some counties but not all of them.

    The finding names the file and sheet; its cell is where the missing county should be:
    the cell of the county that follows it (in the official order) in the sheet of the
    total, or else the total's own cell (e.g. when every county has a sheet of its own).
    """
    counties = context.counties
    order = {code: i for i, code in enumerate(counties)}
    minimum = max(int(rule.get("min_counties_present", 1)), 1)
    out: list[Finding] = []
    for table in group_rows(rows, TABLE).values():
        present = {r["region"] for r in table}
        listed = [c for c in counties if c in present]
        if len(listed) < minimum or len(listed) == len(counties):
            continue
        totals = [r for r in table if r["level"] == "city"]
        anchor = totals[0] if totals else table[0]
        for code in counties:
            if code in present:
                continue
            after = [c for c in listed if order[c] > order[code]]
            before = [c for c in listed if order[c] < order[code]]
            neighbour = (after[:1] or before[-1:])[0]
            row = next(r for r in table if r["region"] == neighbour)
            slot = row if (row["sheet"] == anchor["sheet"] or not totals) else None
            place = slot if slot is not None else anchor
            period = period_label(anchor["year"], anchor["first_month"], anchor["last_month"], anchor["basis"])
            where = f"工作表“{place['sheet']}”" if place["sheet"] else "该文件"
            listed_names = "、".join(context.region_name(c) for c in listed)
            message = (f"{where}的“{context.indicator_name(anchor['indicator'])}”{period}缺少"
                       f"{context.region_name(code)}（表中只有{listed_names}）")
            details = {"missing_region": code, "present": listed,
                       "slot": None if slot is None else cell_ref(slot), "total": cell_ref(anchor)}
            out.append(finding(rule, anchor, message, details, region=code, sheet=place["sheet"], cell=place["cell"]))
    return out


def missing_value(rows: list[dict], context: Context, rule: Rule) -> list[Finding]:
    """A cell holding a missing marker ("—", "/", "空" …), or nothing, where a figure is expected."""
    out: list[Finding] = []
    ignore_zone_blanks = rule.get("ignore_blank_zone_cells", True)
    for row in rows:
        if not is_missing(row["value"]):
            continue
        raw = row["raw_text"]
        blank = is_missing(raw) or not str(raw).strip()
        if blank and ignore_zone_blanks and row["level"] == "zone":
            continue
        shown = "空白" if blank else f"“{raw}”"
        message = (f"{context.region_name(row['region'])}“{context.indicator_name(row['indicator'])}”"
                   f"{period_label(row['year'], row['first_month'], row['last_month'], row['basis'])}"
                   f"填报为{shown}，没有数值（缺报）")
        out.append(finding(rule, row, message, {"raw": None if blank else str(raw)}))
    return out
