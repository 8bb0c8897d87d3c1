"""Run every enabled rule over a frame of current observations.

:func:`run_checks` is a pure function: figures in, findings out. It reads no project
and changes nothing; :mod:`workbench.models.checks.project` stores its findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pandas as pd

from workbench.models.checks import agreement, bounds, coverage, series, totals
from workbench.models.checks.findings import Finding
from workbench.models.checks.frame import Context, prepare, rows_of
from workbench.models.checks.rules import Rule, RuleSet, load_rules
from workbench.models.plan import Plan
from workbench.models.regions import RegionTable

Check = Callable[[list[dict], Context, Rule], list[Finding]]

# rule id → the function that applies it; the history rules share one function (below).
CHECKS: dict[str, Check] = {
    "county_sum_mismatch": totals.county_sum,
    "ytd_decrease": series.ytd_decrease,
    "duplicate_region": coverage.duplicate_region,
    "missing_region": coverage.missing_region,
    "missing_value": coverage.missing_value,
    "sub_item_exceeds_parent": bounds.sub_item_exceeds_parent,
    "share_out_of_range": bounds.share_out_of_range,
    "cross_department_mismatch": agreement.cross_department,
}
HISTORY_RULES = ("unit_slip", "history_jump")
# Rules that compare a figure with earlier ones: when every figure it was compared with is
# itself suspect (the cell of an error that indicts that very value), the finding is a
# consequence of that error (a slipped 1-6月 makes the correct 1-9月 look like a fall, or
# like a slip the other way) and is left out. Once the suspect value is corrected, the
# next run compares with the corrected one.
CONSEQUENTIAL = ("ytd_decrease", "history_jump", "unit_slip")
SUSPECT_VALUE = ("unit_slip", "sub_item_exceeds_parent", "share_out_of_range", "duplicate_region",
                 "cross_department_mismatch")
_SEVERITY_ORDER = {"error": 0, "warning": 1}


def run_checks(observations: pd.DataFrame, plan: Plan, regions: RegionTable,
               rules: RuleSet | None = None) -> list[Finding]:
    """Check the current observations and return what is wrong.

    Parameters
    ----------
    observations : pandas.DataFrame
        The current figures (superseded imports already left out), one row per cell,
        with their provenance: ``indicator, region, year, first_month, last_month,
        basis, value, unit, file, sheet, cell, raw_text`` and, where known,
        ``department, import_id, path, header_path``. The column names of an
        extraction (``indicator_code, region_code, from_month, to_month, raw``) work too.
    plan : Plan
        Gives each indicator's kind and its "其中" parent.
    regions : RegionTable
        Gives the city and the counties expected in every table.
    rules : RuleSet, optional
        The rules to apply (default: :func:`load_rules` without overrides).

    Returns
    -------
    list of Finding
        Errors first, then by file, sheet and cell; every key unique.
    """
    rules = rules if rules is not None else load_rules()
    context = Context(plan, regions)
    rows = rows_of(prepare(observations, context, rules.bases))
    found: list[Finding] = []
    for rule_id, check in CHECKS.items():
        if rules.enabled(rule_id):
            found.extend(check(rows, context, rules[rule_id]))
    if any(rules.enabled(r) for r in HISTORY_RULES):
        slip = rules["unit_slip"] if "unit_slip" in rules else None
        jump = rules["history_jump"] if "history_jump" in rules else None
        found.extend(series.history(rows, context, slip, jump))
    found = _without_consequences(found)
    found.sort(key=lambda f: (_SEVERITY_ORDER.get(f.severity, 9), f.file or "", f.sheet or "",
                              _cell_order(f.cell), f.rule, f.key))
    return _unique_keys(found)


def _without_consequences(found: list[Finding]) -> list[Finding]:
    def place(f: Finding) -> tuple:
        return (f.file, f.sheet, f.cell)

    suspect = {place(f) for f in found
               if f.severity == "error" and f.rule in SUSPECT_VALUE and f.rule not in CONSEQUENTIAL}
    dropped: set[int] = set()
    # References always lie earlier in time: settle the earliest findings first, so a slip
    # that stands makes the figures compared only with it a consequence.
    for f in sorted((f for f in found if f.rule in CONSEQUENTIAL), key=lambda f: (f.period[:4], f.period[-2:])):
        refs = f.details.get("compared_with") or []
        if refs and all((r.get("file"), r.get("sheet"), r.get("cell")) in suspect for r in refs):
            dropped.add(id(f))
        elif f.severity == "error" and f.rule in SUSPECT_VALUE:
            suspect.add(place(f))
    return [f for f in found if id(f) not in dropped]


def _cell_order(cell: str | None) -> tuple:
    """A1-style cells in reading order (row, then column): "B10" after "C9"."""
    if not cell:
        return (0, 0, "")
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    column = 0
    for ch in letters.upper():
        column = column * 26 + (ord(ch) - 64)
    return (int(digits) if digits else 0, column, cell)


def _unique_keys(found: list[Finding]) -> list[Finding]:
    """Two findings of one rule about one figure of one file (two cells, say) get the cell
    appended to their keys, so each is stored and explained on its own."""
    counts = Counter(f.key for f in found)
    for f in found:
        if counts[f.key] > 1:
            f.key = f"{f.key}@{f.sheet or ''}!{f.cell or ''}"
    return found
