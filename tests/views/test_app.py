"""The application shell: the font chain draws 汉字, and the window can be photographed.

``workbench/app.py`` sits above the views, so its tests live with theirs.
"""

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QRawFont

from workbench import settings
from workbench.app import choose_font_family, create_application, setup_fonts
from workbench.models.fonts import bundled_font_path

CHINESE = "小微企业成长计划考核汉字"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_the_font_chain_gives_a_family_that_draws_chinese(qapp):
    app = create_application()
    family = setup_fonts(app)
    assert app.font().family() == family
    font = QFont(family)
    metrics = QFontMetrics(font)
    assert all(metrics.inFontUcs4(ord(ch)) for ch in CHINESE)
    raw = QRawFont.fromFont(font)
    assert raw.isValid() and raw.supportsCharacter("汉")
    assert app.font().pointSizeF() >= 9


def test_without_an_installed_cjk_font_the_bundled_noto_sans_sc_is_used(qapp, monkeypatch):
    # Hide whatever CJK fonts this machine has, as on a PC where the user installed none.
    monkeypatch.setattr("workbench.app.PREFERRED_CJK_FAMILIES", [])
    family, bundled = choose_font_family()
    assert bundled and family == "Noto Sans SC"
    assert bundled_font_path().is_file()
    assert all(QFontMetrics(QFont(family)).inFontUcs4(ord(ch)) for ch in CHINESE)


def test_a_user_chosen_font_that_cannot_draw_chinese_is_passed_over(qapp):
    latin_only = next(
        (f for f in QFontDatabase.families()
         if QFontDatabase.WritingSystem.SimplifiedChinese not in QFontDatabase.writingSystems(f)),
        None,
    )
    if latin_only is None:
        pytest.skip("every installed font draws Chinese")
    settings.write("ui/font_family", latin_only)
    family, _ = choose_font_family(settings.read("ui/font_family"))
    assert family != latin_only
    assert QFontMetrics(QFont(family)).inFontUcs4(ord("汉"))


def run_python(code: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "WORKBENCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout)


def test_run_gui_saves_a_screenshot_and_exits_0(tmp_path, workbench_home):
    shot = tmp_path / "w.png"
    result = run_python(
        f"from workbench.app import run_gui; raise SystemExit(run_gui(screenshot={str(shot)!r}, stage='plan'))",
        workbench_home,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert png_size(shot) == (1200, 760)


def test_run_gui_with_a_bad_project_still_shows_the_window(tmp_path, workbench_home):
    shot = tmp_path / "w.png"
    notes = tmp_path / "不是项目.xlsx"
    notes.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run_python(
        "from workbench.app import run_gui; "
        f"raise SystemExit(run_gui({str(notes)!r}, screenshot={str(shot)!r}))",
        workbench_home,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert shot.is_file()


@pytest.mark.parametrize(
    "module", ["main_window", "plan_view", "region_view", "project_view", "about_dialog", "import_view"]
)
def test_each_view_runs_alone(tmp_path, workbench_home, module):
    shot = tmp_path / f"{module}.png"
    env = {**os.environ, "WORKBENCH_HOME": str(workbench_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", f"workbench.views.{module}", "--screenshot", str(shot)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    width, height = png_size(shot)
    assert width >= 600 and height >= 400
