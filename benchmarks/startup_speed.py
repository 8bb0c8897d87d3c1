"""Launch to main window shown: the workbench as shipped against importing everything eagerly.

Usage::

    python benchmarks/startup_speed.py [--repeat 5] [--target 1.0]

Each run is a fresh process (offscreen) that does what ``workbench`` does at start-up —
QApplication, fonts, ``MainWindow``, ``show()`` — and prints the seconds from the launch of
the process (as the operating system recorded it) to the window shown. The baseline, in the
same run, first imports pandas, matplotlib, openpyxl, sqlite-utils and every stage's page
and builds all pages before showing the window, as the workbench did before pages loaded on
demand. Prints the best time of each, their ratio, and PASS or FAIL against the 1 s target.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap

RUN = textwrap.dedent("""
    import sys, time
    from workbench.startup import heavy_modules_loaded, process_start_time
    from workbench.app import create_application, setup_fonts
    from workbench.views.main_window import MainWindow
    from workbench.views.stages import STAGE_KEYS
    eager = sys.argv[1] == "eager"
    if eager:
        import matplotlib.figure, openpyxl, pandas, sqlite_utils  # noqa: F401
    app = create_application([])
    setup_fonts(app)
    window = MainWindow()
    if eager:
        for key in STAGE_KEYS:
            window.page(key)
    window.show()
    print(f"{window.shown_at - process_start_time():.4f} {','.join(window.loaded_when_shown) or '-'}")
""")


def one(mode: str, home: str) -> tuple[float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WORKBENCH_HOME": home}
    done = subprocess.run([sys.executable, "-c", RUN, mode], capture_output=True, text=True, env=env, timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{done.stderr}")
    seconds, loaded = done.stdout.split()
    return float(seconds), loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--target", type=float, default=1.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="startup-speed-") as home:
        one("lazy", home)  # a first start writes the settings file; not counted
        lazy, eager = [], []
        for _ in range(args.repeat):  # interleaved, so a busy moment hits both alike
            lazy.append(one("lazy", home))
            eager.append(one("eager", home))
    best_lazy, best_eager = min(t for t, _ in lazy), min(t for t, _ in eager)
    print(f"启动到主窗口显示（离屏，{args.repeat} 次取最快）")
    print(f"  按需加载（发布版本）   {best_lazy:6.3f} s   显示前已加载：{lazy[0][1]}")
    print(f"  全部预先加载（基线）   {best_eager:6.3f} s   显示前已加载：{eager[0][1]}")
    print(f"  倍数（基线 / 发布）    {best_eager / best_lazy:6.1f} ×")
    ok = best_lazy <= args.target
    print(f"{'PASS' if ok else 'FAIL'}：{best_lazy:.3f} s，目标 ≤ {args.target:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
