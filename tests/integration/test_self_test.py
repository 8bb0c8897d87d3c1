"""``workbench --self-test``: the check IT staff run on a PC, as they run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from PySide6.QtGui import QImage

from workbench.views.stages import STAGES


def test_the_self_test_visits_every_stage_and_writes_its_report(tmp_path):
    out = tmp_path / "自检"
    env = {**os.environ, "WORKBENCH_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "workbench", "--self-test", "--out", str(out)],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "自检通过" in done.stdout and "启动用时" in done.stdout
    report = json.loads((out / "self-test.json").read_text(encoding="utf-8"))
    assert report["ok"] is True and report["failures"] == []
    assert 0 < report["startup_seconds"] < 60
    assert report["loaded_before_window"] == []
    assert report["qt_platform"] == "offscreen"
    assert report["font"]["family"]
    assert report["versions"]["workbench"] and report["versions"]["qt"] and report["versions"]["pandas"]
    assert all(folder["writable"] for folder in report["folders"].values())
    assert [view["key"] for view in report["views"]] == [stage.key for stage in STAGES]
    for view in report["views"]:
        image = QImage(str(out / view["screenshot"]))
        assert not image.isNull() and image.width() >= 760, view
        assert view["seconds"] >= 0


def test_a_self_test_failure_exits_non_zero_with_the_reason(tmp_path):
    """A home folder that cannot be written (a file where the folder should be) fails the check."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "projects").write_text("not a folder")
    env = {**os.environ, "WORKBENCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "workbench", "--self-test", "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=600)
    assert done.returncode != 0
    assert "projects" in done.stderr or "projects" in done.stdout


def test_the_window_shows_before_any_heavy_library_loads(tmp_path):
    script = textwrap.dedent("""
        import sys
        from workbench.app import create_application, setup_fonts
        from workbench.views.main_window import MainWindow
        app = create_application([])
        setup_fonts(app)
        window = MainWindow()
        window.show()
        print("AT_SHOW", ",".join(window.loaded_when_shown))
        app.processEvents()
        print("PAGE", type(window.stack.currentWidget()).__name__)
    """)
    env = {**os.environ, "WORKBENCH_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) if " " in line else (line, "") for line in done.stdout.splitlines())
    assert lines["AT_SHOW"] == ""
    assert lines["PAGE"] == "ProjectView"  # the remembered page arrives right after the show
