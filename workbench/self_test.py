"""``workbench --self-test``: can this PC run the workbench? One command, one minute, one report.

Starts the GUI (offscreen when there is no display), notes how long the main window took
to show from the launch of the process and which heavy libraries had loaded by then,
opens the demo project, visits every stage, saves a screenshot of each, and writes
``self-test.json`` beside the screenshots: versions, the font that draws Chinese, the Qt
platform, whether the user's folders are writable, and the timings. The exit status is 0
when everything worked and 1 otherwise; the reasons are printed and in the report.

A message box that a view opens (an error it caught) is closed by a watchdog and counted
as a failure, so the self-test never waits for a click.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from datetime import datetime
from importlib import metadata
from pathlib import Path

from workbench import __version__
from workbench.startup import process_start_time

STARTUP_TARGET_SECONDS = 1.0
VIEW_TIMEOUT_SECONDS = 60.0
PACKAGES = ("PySide6-Essentials", "pandas", "numpy", "matplotlib", "openpyxl", "python-calamine", "sqlite-utils",
            "python-pptx", "python-docx", "pylopdf-fonts-zh-cn")


def _versions() -> dict:
    from PySide6.QtCore import qVersion

    out = {"workbench": __version__, "python": platform.python_version(), "qt": qVersion(),
           "os": platform.platform(), "frozen": bool(getattr(sys, "frozen", False))}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    import sqlite3

    out["sqlite"] = sqlite3.sqlite_version
    return out


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".self-test-", delete=True) as f:
            f.write(b"ok")
        return True
    except OSError:
        return False


def _folders(out_dir: Path) -> dict:
    from workbench import locations

    folders = {"config": locations.config_dir, "data": locations.data_dir, "logs": locations.log_dir,
               "projects": locations.projects_dir, "report": lambda: out_dir}
    out = {}
    for name, where in folders.items():
        try:
            path = where()
        except OSError as exc:  # the folder cannot even be made (a file in its place, no rights)
            out[name] = {"path": str(exc.filename or name), "writable": False, "error": str(exc)}
            continue
        out[name] = {"path": str(path), "writable": _writable(path)}
    return out


def _wait_idle(app, timeout: float) -> bool:
    """Process events until no worker runs and the event queue stays quiet; False on timeout."""
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        app.processEvents()
        if pool.activeThreadCount() == 0:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 0.1:
                return True
        else:
            quiet_since = None
        time.sleep(0.02)  # QThreadPool.waitForDone(int) crashes PySide6 6.12 (a refcount bug)
    return False


def _close_modals(app, failures: list[str]) -> None:
    from PySide6.QtWidgets import QMessageBox

    widget = app.activeModalWidget()
    while widget is not None:
        text = widget.text() if isinstance(widget, QMessageBox) else widget.windowTitle()
        failures.append(f"出现提示框：{text}")
        widget.close()
        widget.deleteLater()
        app.processEvents()
        if app.activeModalWidget() is widget:
            break
        widget = app.activeModalWidget()


def _nonblank(image) -> bool:
    """A screenshot with something on it: more than one colour among a grid of samples."""
    if image.isNull():
        return False
    colours = {image.pixel(x, y) for x in range(0, image.width(), max(1, image.width() // 16))
               for y in range(0, image.height(), max(1, image.height() // 16))}
    return len(colours) > 1


def run_self_test(out_dir: str | os.PathLike | None = None) -> int:
    """Run the self-test; write screenshots and ``self-test.json`` to ``out_dir``; return the exit status."""
    try:
        return _run(out_dir)
    except Exception as exc:  # noqa: BLE001 - whatever breaks is the answer the user asked for
        import traceback

        traceback.print_exc()
        print(f"自检未通过：自检本身无法完成（{type(exc).__name__}: {exc}）", file=sys.stderr)
        return 1


def _run(out_dir: str | os.PathLike | None) -> int:
    from workbench import locations

    launched = process_start_time()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = Path(out_dir) if out_dir else locations.data_dir() / "self-test" / stamp
    out.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    from workbench.app import create_application, setup_fonts
    from workbench.logs import install_excepthook, setup_logging
    from workbench.views.about_dialog import FONT_BUNDLED_PROPERTY, FONT_FAMILY_PROPERTY
    from workbench.views.main_window import DEFAULT_SIZE, MainWindow
    from workbench.views.stages import STAGES

    failures: list[str] = []
    log_path = setup_logging()
    install_excepthook(lambda summary, path: failures.append(f"意外错误：{summary}"))
    app = create_application(sys.argv[:1])
    setup_fonts(app)
    window = MainWindow()
    window.resize(*DEFAULT_SIZE)
    window.show()
    app.processEvents()
    startup = (window.shown_at or time.time()) - launched
    loaded_early = window.loaded_when_shown
    first_page = time.time() - launched  # the remembered page is built right after the show
    watchdog = QTimer()
    watchdog.timeout.connect(lambda: _close_modals(app, failures))
    watchdog.start(200)

    report: dict = {
        "ok": False, "startup_seconds": round(startup, 3), "startup_target_seconds": STARTUP_TARGET_SECONDS,
        "startup_within_target": startup <= STARTUP_TARGET_SECONDS, "loaded_before_window": loaded_early,
        "first_page_seconds": round(first_page, 3),
        "versions": _versions(), "qt_platform": QGuiApplication.platformName(),
        "font": {"family": app.property(FONT_FAMILY_PROPERTY), "bundled": bool(app.property(FONT_BUNDLED_PROPERTY))},
        "folders": _folders(out), "log_file": str(log_path), "views": [], "failures": failures,
    }
    started = time.perf_counter()
    if not window.open_demo_project():
        failures.append("无法打开示例项目")
    report["open_demo_seconds"] = round(time.perf_counter() - started, 3)
    _wait_idle(app, VIEW_TIMEOUT_SECONDS)
    for number, stage in enumerate(STAGES, start=1):
        started = time.perf_counter()
        try:
            window.set_stage(stage.key)
        except Exception as exc:  # noqa: BLE001 - the self-test reports whatever breaks
            failures.append(f"环节“{stage.label}”无法打开：{exc}")
            continue
        idle = _wait_idle(app, VIEW_TIMEOUT_SECONDS)
        seconds = time.perf_counter() - started
        if not idle:
            failures.append(f"环节“{stage.label}”在 {VIEW_TIMEOUT_SECONDS:.0f} 秒内没有加载完")
        image = window.grab().toImage()
        shot = out / f"{number:02d}-{stage.key}.png"
        if not image.save(str(shot), "PNG"):
            failures.append(f"无法保存截图：{shot}")
        elif not _nonblank(image):
            failures.append(f"环节“{stage.label}”的截图是空白的")
        report["views"].append({"key": stage.key, "label": stage.label, "seconds": round(seconds, 3),
                                "screenshot": shot.name})
    _close_modals(app, failures)
    watchdog.stop()
    if loaded_early:
        failures.append(f"主窗口显示前已加载：{'、'.join(loaded_early)}（应在显示后按需加载）")
    if not report["font"]["family"]:
        failures.append("没有找到能显示中文的字体")
    failures.extend(f"文件夹不可写：{f['path']}" for f in report["folders"].values() if not f["writable"])
    report["ok"] = not failures
    path = out / "self-test.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    window.close_project()
    window.close()
    window.deleteLater()
    app.processEvents()
    print(f"启动用时 {startup:.2f} 秒（目标 ≤ {STARTUP_TARGET_SECONDS:.1f} 秒）；字体：{report['font']['family']}；"
          f"平台：{report['qt_platform']}")
    for view in report["views"]:
        print(f"  {view['label']:<8} {view['seconds']:.2f} 秒")
    if failures:
        print("自检未通过：", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
    else:
        print("自检通过。")
    print(f"报告：{path}")
    return 0 if not failures else 1
