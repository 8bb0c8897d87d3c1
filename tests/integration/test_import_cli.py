"""``workbench import``, ``workbench trace`` and ``workbench template`` run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

WORKBENCH = Path(sys.executable).with_name("workbench.exe" if os.name == "nt" else "workbench")
WORKBOOKS = Path(str(files("workbench.resources") / "demo" / "workbooks"))
SMR_2019Q3 = WORKBOOKS / "2019Q3" / "市场监管局_2019年1-9月小微企业发展情况表.xlsx"


def run(*args, home: Path, timeout: float = 180):
    env = {**os.environ, "WORKBENCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(WORKBENCH), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=timeout)


def test_import_a_folder_and_a_broken_file_as_json(tmp_path):
    project = tmp_path / "2019年三季度.wbproj"
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("import", project, WORKBOOKS / "2019Q3", broken, "--json", home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "坏文件.xlsx" in result.stderr and "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert len(data) == 12
    for item in data:
        assert {"file", "department", "template", "mapped", "unmapped", "drift", "status", "message"} <= set(item)
        assert isinstance(item["mapped"], int) and isinstance(item["unmapped"], int)
        assert isinstance(item["drift"], list)
    imported = [d for d in data if d["status"] == "imported"]
    assert len(imported) == 11 and all(d["department"] and d["template"] and d["mapped"] > 0 for d in imported)
    assert data[-1]["status"] == "failed" and data[-1]["file"].endswith("坏文件.xlsx")
    assert project.exists()
    # the same files again: all recognised, nothing stored twice, exit 0
    again = run("import", project, WORKBOOKS / "2019Q3", "--json", home=tmp_path)
    assert again.returncode == 0, again.stderr
    assert {d["status"] for d in json.loads(again.stdout)} == {"duplicate"}
    info = json.loads(run("project", "info", project, "--json", home=tmp_path).stdout)
    assert info["counts"]["imports"] == 11


def test_drift_waits_for_accept_drift(tmp_path):
    project = tmp_path / "p.wbproj"
    first = run("import", project, WORKBOOKS / "2019Q4" / "质监局_2019年1-12月检验检测资源开放共享情况.xlsx",
                home=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "已导入" in first.stdout and "质监局" in first.stdout
    drifted = WORKBOOKS / "2020Q1" / "质监局_2020年1-3月检验检测资源开放共享情况.xlsx"
    pending = run("import", project, drifted, home=tmp_path)
    assert pending.returncode == 0, pending.stderr
    assert "版式变化待确认" in pending.stdout and "新增列“检验检测机构数（家）”" in pending.stdout
    assert "--accept-drift" in pending.stdout
    accepted = run("import", project, drifted, "--accept-drift", "--json", home=tmp_path)
    assert accepted.returncode == 0, accepted.stderr
    [item] = json.loads(accepted.stdout)
    assert item["status"] == "imported" and [c["kind"] for c in item["drift"]] == ["column_added"]


def test_trace_names_file_sheet_cell_and_raw_text(tmp_path):
    project = tmp_path / "p.wbproj"
    assert run("import", project, SMR_2019Q3, home=tmp_path).returncode == 0
    result = run("trace", project, "new_sme", "南湖区", "2019-09", home=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert SMR_2019Q3.name in out and "工作表「小微企业发展情况」单元格 C12" in out
    assert "原文：2034" in out and "表头：新增小微企业 / 合计 / 本年累计" in out and "模板：" in out
    data = json.loads(run("trace", project, "新增小微企业", "330402", "2019年1-9月", "--json", home=tmp_path).stdout)
    [figure] = [f for f in data["figures"] if f["basis"] == "ytd"]
    assert (figure["file"], figure["sheet"], figure["cell"], figure["raw_text"], figure["value"]) == (
        SMR_2019Q3.name, "小微企业发展情况", "C12", "2034", 2034)
    assert figure["current"] and figure["imported_at"] and figure["conversions"] is None
    missing = run("trace", project, "new_sme", "南湖区", "2018-09", home=tmp_path)
    assert missing.returncode == 1 and "没有这个数值" in missing.stdout
    bad = run("trace", project, "没有的指标", "南湖区", "2019-09", home=tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_template_export_and_import(tmp_path):
    mine, theirs, shared = tmp_path / "mine.wbproj", tmp_path / "theirs.wbproj", tmp_path / "模板.json"
    assert run("import", mine, SMR_2019Q3, home=tmp_path).returncode == 0
    exported = run("template", "export", mine, shared, home=tmp_path)
    assert exported.returncode == 0 and "已导出 1 个模板" in exported.stdout
    assert run("import", theirs, WORKBOOKS / "2019Q3" / "质监局_2019年1-9月检验检测资源开放共享情况.xlsx",
               home=tmp_path).returncode == 0
    loaded = run("template", "import", theirs, shared, home=tmp_path)
    assert loaded.returncode == 0 and "新增 1 个模板" in loaded.stdout
    listing = run("template", "list", theirs, "--json", home=tmp_path)
    assert {t["department"] for t in json.loads(listing.stdout)} == {"市场监管局", "质监局"}
    nxt = run("import", theirs, WORKBOOKS / "2019Q4" / "市场监管局_2019年1-12月小微企业发展情况表.xlsx", "--json",
              home=tmp_path)
    [item] = json.loads(nxt.stdout)
    assert item["status"] == "imported" and item["template"].startswith("市场监管局") and item["drift"] == []
