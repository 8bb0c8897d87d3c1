"""The checks on a project: run them, keep the findings and their explanations, tell the
assessment what it must skip.

* :func:`check_project` reads the current observations (imports that were superseded
  are left out) with their files and departments, runs :func:`run_checks`, and stores
  the result in one transaction: new findings are inserted (``open``), findings that no
  longer occur are marked ``resolved`` (a corrected file arrived), and a finding found
  again keeps its explanation (matched by its key).
* :func:`explain` records the written explanation a user gives: an error becomes
  ``overridden``, a warning ``confirmed``. An empty explanation is refused.
* :func:`blocking` is what the assessment must skip: open errors.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pandas as pd

from workbench.models.checks.engine import run_checks
from workbench.models.checks.findings import (
    STATUS_CONFIRMED,
    STATUS_OPEN,
    STATUS_OVERRIDDEN,
    STATUS_RESOLVED,
    Finding,
    finding_key,
)
from workbench.models.checks.rules import RuleSet, load_rules
from workbench.models.errors import WorkbenchError
from workbench.models.importing import STATUS_DRIFT_PENDING as DRIFT_PENDING
from workbench.models.importing import STATUS_IMPORTED as IMPORTED
from workbench.models.plan import Plan
from workbench.models.regions import RegionTable

RULES_SETTING = "check_rules"  # project setting: an override of rules.toml (a dict)


class FindingError(WorkbenchError, ValueError):
    """A user action on a finding that cannot be done; ``str()`` says why, in Chinese."""


class ExplanationRequired(FindingError):
    """An override or confirmation without a written explanation."""

    def __init__(self, finding_id: int):
        super().__init__(f"审核问题 #{finding_id}：请填写说明。放行错误或确认提示都必须写明理由，说明将随数据一起保存并出现在导出的材料中。")
        self.finding_id = finding_id


class FindingNotFound(FindingError):
    def __init__(self, finding_id: int):
        super().__init__(f"项目中没有编号为 {finding_id} 的审核问题。")
        self.finding_id = finding_id


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def current_observations(project) -> pd.DataFrame:
    """The observations the checks look at, with ``file`` (the workbook's name), ``path``,
    ``department`` and ``pending`` (the import waits for a layout-drift review) from its import.

    That is every import in force (neither superseded nor failed) and also every import
    whose layout drift is not yet reviewed: its figures do not count for the assessment
    until the drift is accepted, but their problems are worth seeing before deciding.
    """
    columns = list(project.db["observations"].columns_dict)
    select = ", ".join(f"o.[{c}]" for c in columns)
    sql = (f"SELECT {select}, i.name AS file, i.path AS path, i.department AS department, "
           f"i.status = ? AS pending "
           f"FROM observations o JOIN imports i ON i.id = o.import_id "
           f"WHERE i.superseded_by IS NULL AND i.status IN (?, ?) ORDER BY o.id")
    cursor = project.db.execute(sql, [DRIFT_PENDING, IMPORTED, DRIFT_PENDING])
    frame = pd.DataFrame.from_records(
        cursor.fetchall(), columns=[*columns, "file", "path", "department", "pending"])
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    frame["pending"] = frame["pending"].astype(bool)
    return frame


def project_rules(project, rules: RuleSet | None = None) -> RuleSet:
    """``rules`` if given, else the shipped rules with the project's own override merged in."""
    if rules is not None:
        return rules
    override = project.get_setting(RULES_SETTING)
    return load_rules(override) if override else load_rules()


def check_project(project, plan: Plan, regions: RegionTable, rules: RuleSet | None = None) -> list[Finding]:
    """Run the checks on the project's current observations and store the findings.

    Parameters
    ----------
    project : workbench.models.store.Project
    plan : Plan
    regions : RegionTable
    rules : RuleSet, optional
        Default: the shipped rules with the project setting ``check_rules`` merged in.

    Returns
    -------
    list of Finding
        The findings that occur now, as stored: ``id``, ``status`` and any explanation set.
    """
    rules = project_rules(project, rules)
    columns = set(project.db["findings"].columns_dict)
    # Read, check and store in one transaction: an import landing meanwhile waits for it,
    # so the stored findings always belong to the figures they were computed from.
    with project.transaction():
        frame = current_observations(project)
        found = run_checks(frame, plan, regions, rules)
        pending = set(frame.loc[frame["pending"], "import_id"])
        for f in found:
            if f.import_id in pending:
                f.message += "（该文件版式变化待确认，确认前不计入考核）"
                f.details["pending_drift"] = True
        names = _import_names(project)
        existing: dict[str, dict] = {}
        for row in project.db.execute_returning_dicts("SELECT * FROM findings ORDER BY id"):
            for key in _stored_keys(row, names, columns):
                existing[key] = row  # a later row of the same key wins
        seen: set[int] = set()
        for f in found:
            row = existing.get(f.key)
            if row is not None and row["id"] not in seen:
                seen.add(row["id"])
                values = _row(f, columns)
                values["status"] = _status_again(row, f)
                _update(project, row["id"], values)
                f.id, f.status = row["id"], values["status"]
                f.explanation, f.explained_by, f.explained_at = (
                    row.get("explanation"), row.get("explained_by"), row.get("explained_at"))
            else:
                values = {**_row(f, columns), "status": STATUS_OPEN}
                f.id = project.db["findings"].insert(values).last_pk
                f.status = STATUS_OPEN
        gone = [row["id"] for row in {r["id"]: r for r in existing.values()}.values()
                if row["id"] not in seen and row.get("status") != STATUS_RESOLVED]
        for finding_id in gone:
            _update(project, finding_id, {"status": STATUS_RESOLVED})
    return found


def _import_names(project) -> dict[int, tuple[str, str]]:
    return {r["id"]: (r["name"], r["path"]) for r in project.db.execute_returning_dicts(
        "SELECT id, name, path FROM imports")}


def _stored_keys(row: dict, names: dict, columns: set[str]) -> list[str]:
    """The keys a stored finding answers to: its ``key`` column, or (in a project whose
    schema has no such column yet) the key rebuilt from its fields."""
    if "key" in columns and row.get("key"):
        return [row["key"]]
    name = names.get(row.get("import_id"), ("", ""))[0]
    base = finding_key(row["rule"], row.get("indicator"), row.get("region"), row.get("period"), name)
    return [base, f"{base}@{row.get('sheet') or ''}!{row.get('cell') or ''}"]


def _row(f: Finding, columns: set[str]) -> dict[str, Any]:
    values = {"rule": f.rule, "severity": f.severity, "indicator": f.indicator_code, "region": f.region_code,
              "period": f.period, "import_id": f.import_id, "sheet": f.sheet, "cell": f.cell,
              "message": f.message}
    if "key" in columns:
        values["key"] = f.key
    if "details" in columns:
        values["details"] = json.dumps({**f.details, "file": f.file, "rule_name": f.rule_name},
                                       ensure_ascii=False, default=_json_default)
    return values


def _json_default(value):
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def _explained_status(severity: str) -> str:
    return STATUS_OVERRIDDEN if severity == "error" else STATUS_CONFIRMED


def _status_again(row: dict, f: Finding) -> str:
    """The status of a finding found again: an explanation given for the same severity still
    holds; an explanation of a warning does not let an error through."""
    explained = bool((row.get("explanation") or "").strip())
    if explained and row.get("severity") == f.severity:
        return _explained_status(f.severity)
    return STATUS_OPEN


def _update(project, finding_id: int, values: dict) -> None:
    sets = ", ".join(f"[{k}] = ?" for k in values)
    project.db.execute(f"UPDATE findings SET {sets} WHERE id = ?", [*values.values(), finding_id])


def stored_findings(project, include_resolved: bool = False) -> list[Finding]:
    """The findings stored in the project (open, overridden and confirmed; resolved too on
    request), errors first, each with its file name from the import."""
    names = _import_names(project)
    sql = "SELECT * FROM findings"
    if not include_resolved:
        sql += f" WHERE status != '{STATUS_RESOLVED}'"
    out = []
    for row in project.db.execute_returning_dicts(sql + " ORDER BY CASE severity WHEN 'error' THEN 0 ELSE 1 END, id"):
        out.append(_from_row(row, names))
    return out


def _from_row(row: dict, names: dict) -> Finding:
    details = {}
    if row.get("details"):
        try:
            details = json.loads(row["details"])
        except ValueError:
            details = {}
    file = names.get(row.get("import_id"), (details.get("file"), None))[0]
    return Finding(
        rule=row["rule"], severity=row["severity"], indicator_code=row.get("indicator"),
        region_code=row.get("region"), period=row.get("period"), file=file, sheet=row.get("sheet"),
        cell=row.get("cell"), message=row["message"], key=row.get("key") or "", details=details,
        import_id=row.get("import_id"), rule_name=details.get("rule_name") or _rule_name(row["rule"]),
        status=row.get("status") or STATUS_OPEN,
        explanation=row.get("explanation"), explained_by=row.get("explained_by"),
        explained_at=row.get("explained_at"), id=row["id"],
    )


def _rule_name(rule_id: str) -> str:
    rules = load_rules()
    return rules[rule_id].name if rule_id in rules else ""


def get_finding(project, finding_id: int) -> Finding:
    """One stored finding by its id; :class:`FindingNotFound` if there is none."""
    return _from_row(_fetch(project, finding_id), _import_names(project))


def _fetch(project, finding_id: int) -> dict:
    rows = project.db.execute_returning_dicts("SELECT * FROM findings WHERE id = ?", [finding_id])
    if not rows:
        raise FindingNotFound(finding_id)
    return rows[0]


def explain(project, finding_id: int, text: str, user: str) -> Finding:
    """Record the written explanation of a finding.

    An error becomes ``overridden`` (its figure may be assessed), a warning ``confirmed``.

    Parameters
    ----------
    project : Project
    finding_id : int
    text : str
        The explanation, stored in the project and shown in the exports.
    user : str
        Who gives it.

    Returns
    -------
    Finding
        The finding as now stored.

    Raises
    ------
    ExplanationRequired
        If ``text`` is empty or only white space.
    FindingNotFound
        If there is no such finding.
    FindingError
        If the finding is already resolved (nothing left to explain).
    """
    text = (text or "").strip()
    with project.transaction():
        row = _fetch(project, finding_id)
        if not text:
            raise ExplanationRequired(finding_id)
        if row.get("status") == STATUS_RESOLVED:
            raise FindingError(f"审核问题 #{finding_id} 已不再出现（已解决），无需说明。")
        _update(project, finding_id, {"explanation": text, "explained_by": (user or "").strip() or None,
                                      "explained_at": _now(), "status": _explained_status(row["severity"])})
    return get_finding(project, finding_id)


def withdraw_explanation(project, finding_id: int) -> Finding:
    """Take an explanation back (undo of :func:`explain`): the finding is open again."""
    with project.transaction():
        row = _fetch(project, finding_id)
        status = row.get("status") if row.get("status") == STATUS_RESOLVED else STATUS_OPEN
        _update(project, finding_id, {"explanation": None, "explained_by": None, "explained_at": None,
                                      "status": status})
    return get_finding(project, finding_id)


def blocking(project) -> set[tuple[str, str, str]]:
    """(indicator, region, period) of every open error: the assessment must skip them
    until a corrected file arrives or a user overrides the error with an explanation."""
    rows = project.db.execute(
        "SELECT indicator, region, period FROM findings WHERE severity = 'error' AND status = ?", [STATUS_OPEN])
    return {(i, r, p) for i, r, p in rows.fetchall() if i is not None and r is not None and p is not None}



def findings_now(project, plan: Plan, regions: RegionTable, rules: RuleSet | None = None,
                 found: list[Finding] | None = None) -> list[Finding]:
    """The findings on the figures as they are now, with nothing written to the project.

    Each finding carries the stored status and explanation of the finding with the same key
    when that explanation still holds (see :func:`_status_again`), else it is open. Reports
    use this, so a notification never lists a problem that a corrected file has resolved.
    ``found`` is :func:`fresh_findings` when the caller has it already.
    """
    if found is None:
        found = fresh_findings(project, plan, regions, rules)
    names = _import_names(project)
    columns = set(project.db["findings"].columns_dict)
    stored: dict[str, dict] = {}
    for row in project.db.execute_returning_dicts("SELECT * FROM findings ORDER BY id"):
        for key in _stored_keys(row, names, columns):
            stored[key] = row
    for f in found:
        row = stored.get(f.key)
        f.status = _status_again(row, f) if row is not None else STATUS_OPEN
        if row is not None and f.status != STATUS_OPEN:
            f.id, f.explanation = row["id"], row.get("explanation")
            f.explained_by, f.explained_at = row.get("explained_by"), row.get("explained_at")
    return found


def fresh_findings(project, plan: Plan, regions: RegionTable, rules: RuleSet | None = None) -> list[Finding]:
    """The checks run afresh on the figures that count now (drift-pending files left out), not stored."""
    frame = current_observations(project)
    return run_checks(frame[~frame["pending"]], plan, regions, project_rules(project, rules))


def blocking_now(project, plan: Plan, regions: RegionTable, rules: RuleSet | None = None,
                 found: list[Finding] | None = None) -> set[tuple[str, str, str]]:
    """(indicator, region, period) the assessment must skip, judged on the figures as they are now.

    The stored open errors of :func:`blocking`, and also the errors found afresh (nothing
    is written) unless a stored finding with the same key was overridden with an
    explanation: an assessment never counts a figure with a must-fix error just because
    nobody pressed 运行审核 yet. ``found`` is :func:`fresh_findings` when the caller has it already.
    """
    if found is None:
        found = fresh_findings(project, plan, regions, rules)
    names = _import_names(project)
    columns = set(project.db["findings"].columns_dict)
    overridden: set[str] = set()
    for row in project.db.execute_returning_dicts(
            "SELECT * FROM findings WHERE status = ?", [STATUS_OVERRIDDEN]):
        overridden.update(_stored_keys(row, names, columns))
    fresh = {(f.indicator_code, f.region_code, f.period) for f in found
             if f.severity == "error" and f.key not in overridden
             and f.indicator_code and f.region_code and f.period}
    return blocking(project) | fresh
