"""When a newer workbook replaces an older one: which import it supersedes, and what changed.

A department re-sends a corrected workbook for a period it already reported. The
newer import *supersedes* the older: the older one is kept (its observations are the
history a trace shows) but gets ``superseded_by`` and the status ``replaced``, so the
``current_observations`` view no longer counts it. The change is described figure by
figure (:func:`diff_observations`) for the user and stored with the newer import.

Which older import a new one supersedes: the same department, the same report period
(the last month its figures run to), not yet superseded, imported earlier, and either
the same layout fingerprint or covering at least half of the older import's indicators
(so a department's second, unrelated report for the same quarter is not replaced).
"""

from __future__ import annotations

import math

from workbench.models.periods import BASIS_NAMES, period_label

STATUS_REPLACED = "replaced"  # the stored status of a superseded import
_KEY = ("indicator", "region", "year", "first_month", "last_month", "basis")


def format_value(value) -> str:
    """A number as a reader writes it (no exponent), or "（空）" for a missing one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "（空）"
    return format(float(value), ".10g") if not float(value).is_integer() else str(int(value))


def _same(a, b) -> bool:
    a = None if a is None or (isinstance(a, float) and math.isnan(a)) else float(a)
    b = None if b is None or (isinstance(b, float) and math.isnan(b)) else float(b)
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _by_key(rows) -> dict[tuple, dict]:
    out: dict[tuple, dict] = {}
    for row in rows:
        out.setdefault(tuple(row.get(k) for k in _KEY), row)
    return out


def diff_observations(old_rows, new_rows, indicator_names: dict[str, str] | None = None,
                      region_names: dict[str, str] | None = None) -> list[dict]:
    """Figure-level changes from an older import to a newer one.

    Parameters
    ----------
    old_rows, new_rows : iterable of dict
        Observations (``indicator, region, year, first_month, last_month, basis, value``
        and, for the place, ``sheet, cell``).
    indicator_names, region_names : dict, optional
        Code → name, for the messages.

    Returns
    -------
    list of dict
        ``{change: changed|added|removed, indicator, indicator_name, region, region_name,
        period, basis, old, new, sheet, cell, message}``, in the newer file's order.
    """
    indicator_names, region_names = indicator_names or {}, region_names or {}
    old, new = _by_key(old_rows), _by_key(new_rows)
    changes = []

    def entry(kind, key, before, after, row):
        indicator, region, year, first, last, basis = key
        label = period_label(year, first, last, basis)
        iname, rname = indicator_names.get(indicator, indicator), region_names.get(region, region)
        old_text, new_text = format_value(before), format_value(after)
        verb = {"changed": f"{old_text} → {new_text}", "added": f"新增 {new_text}", "removed": f"不再报送（原为 {old_text}）"}
        return {"change": kind, "indicator": indicator, "indicator_name": iname, "region": region,
                "region_name": rname, "period": label, "basis": basis, "old": before, "new": after,
                "sheet": row.get("sheet"), "cell": row.get("cell"),
                "message": f"{iname}｜{rname}｜{label}{BASIS_NAMES.get(basis, basis or '')}：{verb[kind]}"}

    for key, row in new.items():
        if key not in old:
            changes.append(entry("added", key, None, row.get("value"), row))
        elif not _same(old[key].get("value"), row.get("value")):
            changes.append(entry("changed", key, old[key].get("value"), row.get("value"), row))
    for key, row in old.items():
        if key not in new:
            changes.append(entry("removed", key, row.get("value"), None, row))
    return changes


def stored_observations(project, import_id: int) -> list[dict]:
    """The observations of one import, as dicts, in storage order."""
    return list(project.db.query("SELECT * FROM observations WHERE import_id = ? ORDER BY id", [import_id]))


def import_indicators(project, import_id: int) -> set[str]:
    return {r["indicator"] for r in project.db.query(
        "SELECT DISTINCT indicator FROM observations WHERE import_id = ?", [import_id])}


def find_superseded(project, import_id: int, department: str | None, period: str | None,
                    fingerprint: str | None, indicators: set[str]) -> list[dict]:
    """The earlier, still current imports that ``import_id`` supersedes (see the module docstring)."""
    if department is None or period is None:
        return []
    rows = project.db.query(
        "SELECT * FROM imports WHERE department = ? AND period = ? AND id < ? AND superseded_by IS NULL"
        " AND status IN ('imported', 'drift_pending') ORDER BY id", [department, period, import_id])
    older = []
    for row in rows:
        theirs = import_indicators(project, row["id"])
        if (fingerprint and row["fingerprint"] == fingerprint) or (
                theirs and len(theirs & indicators) * 2 >= len(theirs)):
            older.append(row)
    return older


def supersede(project, older_ids: list[int], newer_id: int) -> None:
    """Mark ``older_ids`` as superseded by ``newer_id`` (inside the caller's transaction)."""
    for old_id in older_ids:
        project.db["imports"].update(old_id, {"superseded_by": newer_id, "status": STATUS_REPLACED})
