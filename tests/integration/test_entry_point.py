"""The real ``workbench`` console command, run as a user runs it, offscreen."""

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

WORKBENCH = Path(sys.executable).with_name("workbench.exe" if os.name == "nt" else "workbench")


def run(*args, home: Path, timeout: float = 120):
    env = {**os.environ, "WORKBENCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(WORKBENCH), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_version(tmp_path):
    result = run("--version", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("workbench ")


def test_gui_opens_and_saves_a_screenshot(tmp_path):
    shot = tmp_path / "window.png"
    result = run("gui", "--screenshot", shot, home=tmp_path)
    assert result.returncode == 0, result.stderr
    width, height = png_size(shot)
    assert width >= 800 and height >= 500
    assert "Traceback" not in result.stderr


def test_demo_out_writes_a_prepared_project_and_never_overwrites(tmp_path):
    target = tmp_path / "demo.wbproj"
    result = run("demo", "--out", target, home=tmp_path)
    assert result.returncode == 0, result.stderr
    info = run("project", "info", target, "--json", home=tmp_path)
    assert info.returncode == 0, info.stderr
    summary = json.loads(info.stdout)
    assert summary["plan_id"] == "jiaxing-sme-2018-2020"
    from workbench.models.demo_project import demo_workbooks

    assert summary["counts"]["imports"] == len(demo_workbooks()) > 100
    before = target.read_bytes()
    again = run("demo", "--out", target, home=tmp_path)
    assert again.returncode == 2
    assert "已存在" in again.stderr and "Traceback" not in again.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize("name", ["missing.wbproj", "notes.txt"])
def test_a_bad_project_path_is_one_chinese_line(tmp_path, name):
    path = tmp_path / name
    if name.endswith(".txt"):
        path.write_text("这不是项目文件", encoding="utf-8")
    result = run("project", "info", path, home=tmp_path)
    assert result.returncode == 2
    assert str(path.name) in result.stderr and "Traceback" not in result.stderr
    if path.exists():
        assert path.read_text(encoding="utf-8") == "这不是项目文件"


def test_plan_show_human_readable(tmp_path):
    result = run("plan", "show", home=tmp_path)
    assert result.returncode == 0
    from workbench.models.plan import load_plan

    assert "新增小微企业" in result.stdout
    assert f"共 {len(load_plan().indicators)} 项指标" in result.stdout
