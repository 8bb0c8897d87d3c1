"""``workbench import … --targets`` and ``workbench targets`` run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import openpyxl

WORKBENCH = Path(sys.executable).with_name("workbench.exe" if os.name == "nt" else "workbench")
DECOMPOSITION = Path(str(files("workbench.resources") / "demo" / "targets" / "县市区目标任务分解表.xlsx"))
COUNTIES = ["330402", "330411", "330421", "330424", "330481", "330482", "330483"]


def run(*args, home: Path, timeout: float = 180):
    env = {**os.environ, "WORKBENCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(WORKBENCH), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=timeout)


def test_import_targets_as_json_then_show_them(tmp_path):
    project = tmp_path / "目标.wbproj"
    result = run("import", project, DECOMPOSITION, "--targets", "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["indicators"]) == 33 and sorted(data["regions"]) == sorted(["330400", *COUNTIES])
    assert data["unmapped"] == [] and data["warnings"] == [] and len(data["stored"]) == 33 * 8
    first = next(s for s in data["stored"] if s["indicator"] == "new_sme" and s["region"] == "330402")
    sheet = openpyxl.load_workbook(DECOMPOSITION).active
    assert first["value"] == sheet["F6"].value and first["source"].endswith("!目标任务分解!F6")

    shown = run("targets", project, "--json", home=tmp_path)
    assert shown.returncode == 0, shown.stderr
    targets = json.loads(shown.stdout)
    assert len(targets["targets"]) == 33 * 8 and targets["warnings"] == []
    assert not any(t["estimated"] for t in targets["targets"])

    text = run("targets", project, home=tmp_path)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].split("\t")[:4] == ["指标", "单位", "全市", "南湖区"]
    assert any(line.startswith("新增小微\t家\t50000\t8115") for line in lines)
    info = json.loads(run("project", "info", project, "--json", home=tmp_path).stdout)
    assert info["counts"]["targets"] == 33 * 8 and info["counts"]["imports"] == 1


def test_defaults_fill_only_what_is_missing_and_are_marked_estimated(tmp_path):
    from workbench.models.store import Project

    project = tmp_path / "空项目.wbproj"
    with Project.create(project, "jiaxing-sme-2018-2020") as p:
        p.set_target("new_sme", "330402", 9000, "user:张三")
    result = run("targets", project, "--default", "equal", "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    rows = {(t["indicator"], t["region"]): t for t in data["targets"]}
    assert rows[("new_sme", "330402")]["value"] == 9000 and not rows[("new_sme", "330402")]["estimated"]
    haining = rows[("new_sme", "330481")]
    assert haining["estimated"] and haining["source"] == "估算：平均分配"
    assert rows[("tech_rd_share", "330481")]["value"] == 2.5  # a rate: the city's
    assert data["applied"]["count"] == len(rows) - 1
    # 9000 + six equal parts of 50000 add up to more than 50000: no warning
    assert data["warnings"] == []
    text = run("targets", project, home=tmp_path)
    assert "估算" in text.stdout and "*" in text.stdout


def test_the_warning_is_printed_when_counties_add_up_to_less(tmp_path):
    from workbench.models.store import Project

    project = tmp_path / "偏低.wbproj"
    with Project.create(project, "jiaxing-sme-2018-2020") as p:
        p.set_target("new_sme", "330400", 50000, "计划目标")
        for code in COUNTIES:
            p.set_target("new_sme", code, 7000, "user:张三")
    result = run("targets", project, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "目标合计 49,000家，低于全市目标 50,000家（相差 1,000家）" in result.stdout
    data = json.loads(run("targets", project, "--json", home=tmp_path).stdout)
    assert data["warnings"][0]["shortfall"] == 1000


def test_targets_take_one_readable_file(tmp_path):
    project = tmp_path / "p.wbproj"
    two = run("import", project, DECOMPOSITION, DECOMPOSITION, "--targets", home=tmp_path)
    assert two.returncode == 2 and "一次只能导入一个" in two.stderr
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    bad = run("import", project, broken, "--targets", home=tmp_path)
    assert bad.returncode == 2 and "坏文件.xlsx" in bad.stderr and "Traceback" not in bad.stderr
