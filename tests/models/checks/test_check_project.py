"""The checks on a project: findings stored in one transaction, explanations kept by key,
resolved findings, overrides, and what the assessment must skip."""

from __future__ import annotations

import json

import pytest
from check_figures import COUNTIES, PLAN, REGIONS

from workbench.models.checks import STATUS_CONFIRMED, STATUS_OPEN, STATUS_OVERRIDDEN, STATUS_RESOLVED
from workbench.models.checks import project as checks_project
from workbench.models.checks.project import (
    ExplanationRequired,
    FindingError,
    FindingNotFound,
    blocking,
    check_project,
    current_observations,
    explain,
    stored_findings,
    withdraw_explanation,
)
from workbench.models.store import Project, sha256_of

CITY = "330400"


def _rows(total: float, counties: list[float | None], *, indicator="new_sme", year=2019, last=9,
          missing_raw="—") -> list[dict]:
    out = []
    for i, (region, value) in enumerate(zip([CITY, *COUNTIES], [total, *counties])):
        out.append({"indicator": indicator, "region": region, "period": f"{year}-01..{last:02d}", "year": year,
                    "first_month": 1, "last_month": last, "basis": "ytd", "value": value, "unit": "家",
                    "sheet": "小微企业发展情况", "cell": f"C{11 + i}",
                    "raw_text": missing_raw if value is None else str(int(value))})
    return out


def _import(project: Project, tmp_path, name: str, rows: list[dict], department="市场监管局") -> int:
    path = tmp_path / name
    path.write_bytes(name.encode("utf-8") + bytes(len(rows)))
    import_id = project.add_import(name, path, path.stat().st_size, sha256_of(path), department=department)
    project.add_observations(import_id, rows)
    return import_id


def _supersede(project: Project, old: int, new: int) -> None:
    """What the importer does when a corrected workbook arrives (the old one stays as history)."""
    with project.transaction():
        project.db.execute("UPDATE imports SET superseded_by = ?, status = 'superseded' WHERE id = ?", [new, old])


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "审核.wbproj", PLAN.id) as project:
        yield project


BAD = "市场监管局_2019年1-9月小微企业发展情况表.xlsx"


def test_findings_are_stored_open_with_key_details_and_the_file(project, tmp_path):
    _import(project, tmp_path, BAD, _rows(29, [1, 2, 3, 4, 5, 6, 7]))
    [finding] = check_project(project, PLAN, REGIONS)
    assert finding.id is not None and finding.status == STATUS_OPEN and finding.file == BAD
    row = project.db.execute("SELECT * FROM findings").fetchall()
    assert len(row) == 1
    stored = stored_findings(project)[0]
    assert (stored.rule, stored.cell, stored.file, stored.key) == ("county_sum_mismatch", "C11", BAD, finding.key)
    if "details" in project.db["findings"].columns_dict:
        details = json.loads(project.db.execute("SELECT details FROM findings").fetchone()[0])
        assert details["total"] == 29 and details["file"] == BAD
    assert blocking(project) == {("new_sme", CITY, "2019-01..09")}


def test_running_again_keeps_one_row_per_finding(project, tmp_path):
    _import(project, tmp_path, BAD, _rows(29, [1, 2, 3, 4, 5, 6, 7]))
    first = check_project(project, PLAN, REGIONS)
    again = check_project(project, PLAN, REGIONS)
    assert [f.id for f in first] == [f.id for f in again]
    assert project.db["findings"].count == 1


def test_an_overridden_error_stops_blocking_and_keeps_its_explanation_across_runs(project, tmp_path):
    _import(project, tmp_path, BAD, _rows(29, [1, 2, 3, 4, 5, 6, 7]))
    [finding] = check_project(project, PLAN, REGIONS)
    explained = explain(project, finding.id, "全市数含市本级直接登记的 1 家，已与市场监管局核实。", "张三")
    assert explained.status == STATUS_OVERRIDDEN and explained.explained_by == "张三" and explained.explained_at
    assert blocking(project) == set()
    # a new, unrelated workbook arrives; the checks run again
    _import(project, tmp_path, "市场监管局_2019年1-6月.xlsx", _rows(11, [1, 1, 1, 1, 1, 1, 5], last=6))
    [again] = [f for f in check_project(project, PLAN, REGIONS) if f.period == "2019-01..09"]
    assert again.id == finding.id and again.status == STATUS_OVERRIDDEN
    assert again.explanation == "全市数含市本级直接登记的 1 家，已与市场监管局核实。"
    assert blocking(project) == set()


def test_a_confirmed_warning(project, tmp_path):
    _import(project, tmp_path, "税务局.xlsx", _rows(28, [1, 2, 3, None, 5, 6, 7]), department="市税务局")
    [warning] = [f for f in check_project(project, PLAN, REGIONS) if f.severity == "warning"]
    assert warning.rule == "missing_value"
    assert explain(project, warning.id, "海盐县当期无数据，部门书面说明已存档。", "李四").status == STATUS_CONFIRMED
    assert withdraw_explanation(project, warning.id).status == STATUS_OPEN


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_explanation_is_refused_in_chinese(project, tmp_path, text):
    _import(project, tmp_path, BAD, _rows(29, [1, 2, 3, 4, 5, 6, 7]))
    [finding] = check_project(project, PLAN, REGIONS)
    with pytest.raises(ExplanationRequired, match="请填写说明"):
        explain(project, finding.id, text, "张三")
    assert stored_findings(project)[0].status == STATUS_OPEN and blocking(project)


def test_an_unknown_finding_is_refused(project):
    with pytest.raises(FindingNotFound, match="没有编号为 999"):
        explain(project, 999, "说明", "张三")


def test_a_corrected_file_resolves_the_finding(project, tmp_path):
    old = _import(project, tmp_path, BAD, _rows(29, [1, 2, 3, 4, 5, 6, 7]))
    [finding] = check_project(project, PLAN, REGIONS)
    new = _import(project, tmp_path, "市场监管局_2019年1-9月小微企业发展情况表（更正）.xlsx", _rows(28, [1, 2, 3, 4, 5, 6, 7]))
    _supersede(project, old, new)
    assert len(current_observations(project)) == 8
    assert check_project(project, PLAN, REGIONS) == []
    [stored] = stored_findings(project, include_resolved=True)
    assert stored.id == finding.id and stored.status == STATUS_RESOLVED
    assert stored_findings(project) == [] and blocking(project) == set()
    with pytest.raises(FindingError, match="已解决"):
        explain(project, finding.id, "说明", "张三")


def test_a_resolved_finding_that_comes_back_keeps_its_explanation(project, tmp_path, monkeypatch):
    _import(project, tmp_path, BAD, _rows(29, [1, 2, 3, 4, 5, 6, 7]))
    [finding] = check_project(project, PLAN, REGIONS)
    explain(project, finding.id, "已核实。", "张三")
    project.set_setting("check_rules", {"county_sum_mismatch": {"enabled": False}})
    assert check_project(project, PLAN, REGIONS) == []
    assert stored_findings(project, include_resolved=True)[0].status == STATUS_RESOLVED
    project.set_setting("check_rules", {})
    [back] = check_project(project, PLAN, REGIONS)
    assert (back.id, back.status, back.explanation) == (finding.id, STATUS_OVERRIDDEN, "已核实。")


def test_a_warnings_explanation_does_not_let_the_same_finding_through_as_an_error(project, tmp_path):
    _import(project, tmp_path, BAD, _rows(29, [1, 2, 3, 4, 5, 6, 7]))
    project.set_setting("check_rules", {"county_sum_mismatch": {"severity": "warning"}})
    [finding] = check_project(project, PLAN, REGIONS)
    assert explain(project, finding.id, "看过了。", "张三").status == STATUS_CONFIRMED
    project.set_setting("check_rules", {})
    [again] = check_project(project, PLAN, REGIONS)
    assert (again.severity, again.status, again.explanation) == ("error", STATUS_OPEN, "看过了。")
    assert blocking(project) == {("new_sme", CITY, "2019-01..09")}


def test_rules_given_by_the_caller_win_over_the_projects_setting(project, tmp_path):
    from workbench.models.checks import load_rules

    _import(project, tmp_path, BAD, _rows(29, [1, 2, 3, 4, 5, 6, 7]))
    project.set_setting("check_rules", {"county_sum_mismatch": {"enabled": False}})
    assert check_project(project, PLAN, REGIONS) == []
    assert len(check_project(project, PLAN, REGIONS, load_rules())) == 1


def test_storing_is_one_transaction(project, tmp_path, monkeypatch):
    _import(project, tmp_path, BAD, _rows(29, [1, 2, 3, 4, None, 6, 7]))
    real = checks_project._row
    calls = []

    def failing(finding, columns):
        calls.append(finding)
        if len(calls) == 2:
            raise RuntimeError("磁盘已满")
        return real(finding, columns)

    monkeypatch.setattr(checks_project, "_row", failing)
    with pytest.raises(RuntimeError):
        check_project(project, PLAN, REGIONS)
    assert project.db["findings"].count == 0  # the first insert was rolled back with the rest


def test_an_empty_project_has_no_findings(project):
    assert check_project(project, PLAN, REGIONS) == [] and blocking(project) == set()
