"""``workbench check PROJECT [--json] [--rules FILE]``: a thin layer over check_project."""

from __future__ import annotations

import json

from check_figures import COUNTIES, PLAN

from workbench.cli import main
from workbench.models.store import Project, sha256_of


def _project(tmp_path, total=29):
    path = tmp_path / "审核.wbproj"
    workbook = tmp_path / "市场监管局_2019年1-9月.xlsx"
    workbook.write_bytes(b"not read by the checks")
    with Project.create(path, PLAN.id) as project:
        import_id = project.add_import(workbook.name, workbook, workbook.stat().st_size, sha256_of(workbook),
                                       department="市场监管局")
        project.add_observations(import_id, [
            {"indicator": "new_sme", "region": region, "period": "2019-01..09", "year": 2019, "first_month": 1,
             "last_month": 9, "basis": "ytd", "value": value, "unit": "家", "sheet": "表1", "cell": f"C{5 + i}",
             "raw_text": str(value)}
            for i, (region, value) in enumerate(zip(["330400", *COUNTIES], [total, 1, 2, 3, 4, 5, 6, 7]))])
    return path


def test_json_lists_the_findings_with_the_agreed_fields_and_exits_0(tmp_path, capsys):
    path = _project(tmp_path)
    assert main(["check", str(path), "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert {k: row[k] for k in ("rule", "severity", "indicator_code", "region_code", "period", "file", "sheet",
                                "cell", "status")} == {
        "rule": "county_sum_mismatch", "severity": "error", "indicator_code": "new_sme", "region_code": "330400",
        "period": "2019-01..09", "file": "市场监管局_2019年1-9月.xlsx", "sheet": "表1", "cell": "C5",
        "status": "open"}
    assert "29家" in row["message"]


def test_text_output_and_a_clean_project(tmp_path, capsys):
    assert main(["check", str(_project(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "[错误] 县（市、区）之和与全市合计不符｜市场监管局_2019年1-9月.xlsx 表1!C5" in out and "待处理" in out
    clean = tmp_path / "clean"
    clean.mkdir()
    assert main(["check", str(_project(clean, total=28))]) == 0
    assert "没有发现问题" in capsys.readouterr().out


def test_a_rules_file_tunes_the_run(tmp_path, capsys):
    rules = tmp_path / "宽松.toml"
    rules.write_text("[rules.county_sum_mismatch]\nabsolute_tolerance = 1.0\n", encoding="utf-8")
    assert main(["check", str(_project(tmp_path)), "--json", "--rules", str(rules)]) == 0
    assert json.loads(capsys.readouterr().out) == []
    rules.write_text("[rules.county_sum_mismatch]\nabsolute_tolerence = 1.0\n", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    assert main(["check", str(_project(other)), "--rules", str(rules)]) == 2
    assert "没有参数“absolute_tolerence”" in capsys.readouterr().err
